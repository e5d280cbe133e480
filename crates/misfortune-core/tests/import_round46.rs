//! Round forty-six of the held-out measurements, in the project's own words: a plain-text
//! course report whose tab-separated timeline slips from "12:00 PM" to "12:15 AM"; a scenario
//! write-up told in phase headings with time ranges ("### Triage Phase (10:05 - 10:15 UTC)"),
//! labelled paragraphs and labelled lists; a short log with no summary but a customer impact.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn twelve_am_straight_after_noon_is_a_slip_of_the_half_of_the_day() {
    let text = "OUTAGE REPORT\n\nOVERVIEW\n\nThe shop was down on 3 March 2024 for an hour.\n\n\
Timeline (WAT)\n\nTime (WAT)\tActions\n11:40 AM\t\tNew payment plugin installed\n\
12:00 PM\t\tCheckout starts failing\n12:10 AM\t\tPager alerts the on-call engineer\n\
12:20 AM\t\tRollback of the plugin started\n12:35 AM\t\tCheckout works again\n";
    let i = author::import_markdown("shop.txt", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-30, EventKind::Trigger),
            (-10, EventKind::Symptom),
            (0, EventKind::Alert),
            (10, EventKind::Mitigation),
            (25, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

const PHASES: &str = "\
# Cache cluster split

## Summary

At 10:02 UTC the cache cluster split in two and 20% of reads returned stale data.

## Incident Timeline

### Detection Phase (10:02 - 10:05 UTC)
Our monitoring caught it first:

**Initial Alert**: the `CacheQuorumLost` alert fired for the eu cluster at 10:02 UTC, after the heartbeat check failed.

**Dashboard Check**: the on-call engineer opened the cache dashboard, which showed:
- Cluster A: healthy, serving writes
- Cluster B: stale reads for 20% of keys

### Triage Phase (10:05 - 10:15 UTC)
The incident lead opened the incident channel.

**Root Cause Investigation**:
- A switch firmware upgrade dropped the link between the racks
- The quorum check treated the silence as a failed peer

**Communication**:
- 10:08 UTC: First notification sent to stakeholders
- 10:12 UTC: Support team briefed on the stale reads

### Mitigation Phase (10:15 - 10:40 UTC)

**Immediate Actions (10:15 - 10:25 UTC)**:
1. **Fence Cluster B**: stopped it serving reads
2. **Restore the link**: rolled the switch firmware back

**Incident Resolution**: At 10:40 UTC, both halves had rejoined and reads were consistent:
- Stale reads: 0%
";

#[test]
fn phase_headings_labelled_paragraphs_and_labelled_lists_keep_their_times() {
    let i = author::import_markdown("split.md", PHASES).unwrap();
    let ev = events(&i);
    for want in [
        (0, EventKind::Alert),
        (3, EventKind::Escalation),
        (6, EventKind::Communication),
        (10, EventKind::Communication),
        (13, EventKind::Mitigation),
        (38, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    // The list under "Root Cause Investigation" is what was found, in the triage phase, not
    // in the detection's minute.
    let found: Vec<_> = i
        .skeleton
        .timeline
        .iter()
        .filter(|e| e.2.contains("firmware upgrade dropped"))
        .map(|e| (e.0.round_mins(), e.1))
        .collect();
    assert_eq!(found, [(3, EventKind::Investigation)], "{ev:?}");
    // A reading at the detection's minute ("Cluster A: healthy") is not the fix.
    let fix = i
        .skeleton
        .game
        .fix
        .as_ref()
        .map(|f| f.quote.clone())
        .unwrap_or_default();
    assert!(fix.contains("Fence Cluster B"), "{fix}");
}

#[test]
fn a_summary_that_says_how_long_the_harm_lasted_says_when_it_ended() {
    let text = "\
# Outage

## Summary

Our API had an outage on May 2, 2024 (9:10 AM), which lasted for 1 hour and 5 minutes.

## Root cause

An expired certificate.
";
    let i = author::import_markdown("api.md", text).unwrap();
    assert_eq!(
        events(&i).last(),
        Some(&(65, EventKind::Resolution)),
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_log_with_no_summary_tells_what_customers_saw_in_the_one_it_assembles() {
    let text = "\
# Incident Log - 2025-04-02

## Timeline (UTC)

**08:00** - Alerts channel: \"Disk 95% on db-1\".
**08:05** - On-call acknowledges and looks at the disk graph.
**08:20** - Root cause identified: an audit table grew without a retention job.
**08:30** - Fix deployed: old audit rows archived.

## Impact

- **Customer Impact:** checkout slow for about 400 users.
";
    let i = author::import_markdown("log.md", text).unwrap();
    let summary = i.skeleton.summary.clone().unwrap_or_default();
    assert!(
        summary.to_lowercase().contains("checkout slow"),
        "{summary}"
    );
}
