//! Round seventy-one of the held-out measurements, in the project's own words: status pages
//! copied as text, newest first with each update's stamp under it; a status postmortem whose
//! section names run into their first lines ("Root Cause Excessive load ...") and whose own
//! "Posted" stamp is in the reader's zone; and a status note told in sentences.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn run_in_section_names_and_a_stamp_in_another_zone() {
    let text = "\
TLDR: Search results were stale for about an hour starting at 09:10 UTC on 4/5/24.
What Happened The indexing cluster was unstable between 09:10 and 09:30 UTC. This left results stale from 09:10 to 10:05 UTC for every customer. All systems are stable now and indexing runs at its usual pace as of 10:05 UTC.
Root Cause Heavy compaction on a shard outside the indexing path starved the indexers of disk bandwidth. We are still looking into why compaction ran then.
Follow Ups Throttle compaction during indexing hours.
Posted Apr 05, 2024 - 03:20 PDT
";
    let i = author::import_markdown("index.md", text).unwrap();
    // The page's own stamp is in another zone than every time the text tells: it is left out.
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Symptom),
            (0, EventKind::Symptom),
            (0, EventKind::Symptom),
            // The unstable spell ended; the stale results went on until the stated end.
            (20, EventKind::Mitigation),
            (55, EventKind::Resolution),
            (55, EventKind::Resolution),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.starts_with("Heavy compaction"), "root cause: {cause}");
}

#[test]
fn status_updates_that_tell_the_harm() {
    let text = "\
Resolved -
Update: Normal operations restored.
Apr 2, 11:40 MDT
Update -
Update: We continue to see slow saves. As traffic grows we are seeing more timeouts.
While we investigate the cause we are also trying mitigations.
Apr 2, 10:20 MDT
Update -
We are currently experiencing slow saves and page loads. Our team is investigating the cause.
Apr 2, 10:05 MDT
Investigating -
We are seeing increased save times across the app. We are investigating.
Apr 2, 09:50 MDT
";
    let i = author::import_markdown("saves.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (15, EventKind::Symptom),
            (30, EventKind::Symptom),
            (110, EventKind::Resolution),
        ]
    );
}

#[test]
fn more_harm_found_later_is_harm() {
    let text = "\
At approximately 6:00am pst we discovered an issue with one of our services.
We later discovered, around 7:30am pst that the issue we were looking into was affecting logins for every team.
At 8:10am pst we found that the session store was full and cleared it.
";
    let i = author::import_markdown("logins.md", text).unwrap();
    let got = events(&i);
    assert_eq!(got[0], (0, EventKind::Alert), "{got:?}");
    assert_eq!(got[1], (90, EventKind::Symptom), "{got:?}");
}
