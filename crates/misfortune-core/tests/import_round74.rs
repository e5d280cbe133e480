//! Round seventy-four of the held-out measurements, in the project's own words: home-lab
//! incident records, two with no clock time at all and one whose table opens on the monitoring
//! stack being brought back after maintenance, which is a change made, not an alert.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn monitoring_brought_back_is_the_change_not_the_alert() {
    let text = "\
# INC-7: Loki ran out of disk

## Timeline

Times are UTC on 2026-05-02.

| Time | Event |
| --- | --- |
| 09:00 | Monitoring workloads were restored after planned node maintenance. |
| 09:04 | Loki kept crash-looping with no space left on device. |
| 09:06 | Logs showed the volume was full. |
| 09:08 | The volume was expanded from 5 GiB to 10 GiB. |

## Technical root cause

The volume was sized at only 5 GiB for thirty days of logs.
";
    let i = author::import_markdown("loki.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-4, EventKind::Trigger),
            // Nothing alerted: the crash loop the team saw is minute 0.
            (0, EventKind::Symptom),
            (2, EventKind::Investigation),
            (4, EventKind::Mitigation),
        ]
    );
}
