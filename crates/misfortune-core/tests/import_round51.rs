//! Round fifty-one of the held-out measurements, in the project's own words: a home lab's
//! incident record for a GitOps controller restored after maintenance, with no alert, whose
//! harm starts when "operations failed" and whose evidence shows "OOM kills", after the
//! maintenance's own jobs "started".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn failed_operations_open_the_harm_and_oom_kills_are_not_a_fix() {
    let text = "\
# INC-7: deploy controller OOM after maintenance

## Timeline

Times are UTC on 2026-03-02.

| Time | Event |
| --- | --- |
| 08:10 | Maintenance PR merged and the deploy controller was switched back on. |
| 08:11 | Sync jobs started across applications stopped for maintenance. |
| 08:13 | Sync operations failed with timeouts from the render service. |
| 08:15 | Pod evidence confirmed repeated OOM kills at the 512 MiB limit. |
| 08:16 | Render service memory limit raised to 2 GiB. |
";
    let i = author::import_markdown("inc7.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-3, EventKind::Trigger),
            // The maintenance's own work under way before anything hurt is the change.
            (-2, EventKind::Trigger),
            (0, EventKind::Symptom),
            (2, EventKind::Investigation),
            (3, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}
