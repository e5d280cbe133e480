//! Round thirty-eight, in the project's own words: gaps left open by earlier rounds (a fix
//! reported not to work, a signal that stays bad despite a rollback, a release that carries the
//! fix weeks later) and the new round's documents.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_fix_said_not_to_work_is_the_harm_going_on() {
    for line in [
        "The customer told us that the patch in version 4.1.2 was not effective.",
        "Latency remains elevated despite the rollback",
    ] {
        assert_eq!(
            author::guess_kind(line, false),
            EventKind::Symptom,
            "{line}"
        );
    }
}

#[test]
fn a_release_that_carries_the_fix_ends_a_timeline_that_never_said_resolved() {
    let text = "\
# Ledger sync stall

## Timeline

- 10:00 Monitoring detected the ledger sync stall.
- 10:04 Sync resumed after the worker was restarted.
- 13:30 The fix was merged into the main branch.
- 16:00 Version 3.8.1 was released that included the fix.
";
    let i = author::import_markdown("ledger.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (4, EventKind::Mitigation),
            (210, EventKind::Mitigation),
            (360, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}
