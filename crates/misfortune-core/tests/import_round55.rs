//! Round fifty-five of the held-out measurements, in the project's own words: a metrics host's
//! report in bold times with no cause section, a network's record that crosses midnight, and a
//! peering write-up whose days carry no time.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_span_of_days_carries_on_from_the_line_before_and_the_noc_is_an_escalation() {
    let text = "\
# the transit peer that never came back (2025-03-02)

## summary

we took our border routers down for an upgrade and told every peer first. all came back but one.

## what happened

- **2025-03-02 09:00 UTC**: upgrade starts, peers told to drain
- **2025-03-02 11:30 UTC**: upgrade done, our routers ready for the peers
- **2025-03-02 - 2025-03-05**: one peer's sessions sit idle, several tries to reach their noc
- **2025-03-05**: the peer answers and resets the sessions by hand
";
    let i = author::import_markdown("peer.md", text).unwrap();
    // The span starts on the day of the line before, so it goes on from 11:30 rather than back
    // to midnight; with nobody alerted, the first try to reach the peer is minute 0.
    assert_eq!(
        events(&i),
        [
            (-150, EventKind::Trigger),
            (0, EventKind::Symptom),
            (0, EventKind::Escalation),
            (3 * 1440 - 690, EventKind::Mitigation),
        ]
    );
}

#[test]
fn a_span_of_days_that_opens_a_timeline_is_still_not_an_event() {
    let text = "\
# Slow disks

## Timeline

- **2025-03-01 - 2025-03-04** - Now and then a disk stalls on the storage nodes
- **2025-03-04 10:00 UTC** - Storage latency alert pages the on-call
- **2025-03-04 10:40 UTC** - Firmware rolled back on the nodes; latency back to normal
";
    let i = author::import_markdown("disks.md", text).unwrap();
    assert_eq!(
        events(&i),
        [(0, EventKind::Alert), (40, EventKind::Mitigation)]
    );
}

#[test]
fn a_return_with_data_still_missing_is_not_the_end_and_the_lead_up_is_the_assumed_cause() {
    let text = "\
# Metrics ingestion halt

## Timeline

**07:10:** A customer renames a project while still sending metrics to it.

**07:12:** The writers cannot find the old project name, stop draining their queues and hold everything in memory.

**07:20:** The ingestion alert pages the on-call engineer.

**07:35:** The buffered points are dropped to free the writers.

**07:40:** Ingestion is operating normally, but the last half hour of points is missing from charts.

**08:30:** The replay of the archived points starts.

**09:45:** All restores complete.
";
    let i = author::import_markdown("ingest.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-10, EventKind::Trigger),
            (-8, EventKind::Symptom),
            (0, EventKind::Alert),
            (15, EventKind::Mitigation),
            (20, EventKind::Mitigation),
            (70, EventKind::Mitigation),
            (145, EventKind::Resolution),
        ]
    );
    // Nothing says what caused it: the change and the first failure before the page are the
    // cause, and the report says it was assumed.
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("renames a project"), "{cause}");
    assert!(
        cause.contains("cannot find the old project name"),
        "{cause}"
    );
    assert!(
        i.found.iter().any(|f| f.starts_with("root cause (assumed")),
        "{:?}",
        i.found
    );
}
