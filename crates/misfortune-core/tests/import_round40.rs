//! Round forty of the held-out measurements, in the project's own words: a community site's
//! outage note in three paragraphs, with a military time ("around 0610 UTC"), failed efforts
//! named only by example, a cause that "became apparent", a sentence that admits the cause is
//! not yet known, and a decision to restore from a snapshot.

use misfortune_core::author;
use misfortune_core::model::EventKind;

const NOTE: &str = "\
Earlier today (around 0610 UTC) we experienced a run of faults that we do not yet fully understand. Most of the admins were asleep at the time.

Two of the team tried to bring the forum back, but all the obvious efforts failed to have the desired results (e.g. restarting the web workers and rebooting the database host). After a long afternoon it became apparent that the search index had been corrupted and that a simple repair was not going to be possible. The decision was finally made to restore from last night's snapshot, losing the posts written since.

The forum is up again, but as we are not sure what caused the corruption we will watch it closely for a few days.
";

#[test]
fn a_three_paragraph_outage_note_gives_its_time_cause_failed_efforts_and_fix() {
    let i = author::import_markdown("forum.txt", NOTE).unwrap();
    let sk = &i.skeleton;
    assert_eq!(sk.starts_at.as_deref(), Some("06:10"), "{:?}", sk.timeline);
    assert_eq!(sk.timeline.first().map(|e| e.1), Some(EventKind::Symptom));
    // The sentence that admits the cause is unknown is not the cause; what became apparent is.
    let cause = sk.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("search index had been corrupted"), "{cause}");
    let g = &sk.game;
    let failed: Vec<&str> = g.failed_fixes.iter().map(|f| f.0.name.as_str()).collect();
    assert!(
        failed
            .iter()
            .any(|f| f.starts_with("Restarting the web workers")),
        "{failed:?}"
    );
    let fix = g.fix.as_ref().map(|f| f.name.as_str()).unwrap_or_default();
    assert!(
        fix.starts_with("Restore from last night's snapshot"),
        "{fix}"
    );
}
