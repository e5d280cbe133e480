//! Round thirty-two of the held-out measurements, in the project's own words: an SDK incident
//! told over six days in a table of "Jan 14, 10:18 AM" rows that opens on a customer who
//! "reached out"; a chain's slowdown in "02-13-2025 11:00 pm" rows, where "blocks" are the
//! chain's and a signal "started decreasing".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_customer_who_reached_out_is_the_report_and_later_ones_are_the_incident_going_on() {
    let text = "# SDK wrapper breaks client sites

## Timeline

| Time (UTC) | Event |
|------------|-------|
| Mar 2, 9:00 AM | A customer reached out to inform us that our SDK made their checkout fail with a TypeError. |
| Mar 3, 4:00 PM | A new version (2.1.0) of the SDK was released with an attempted fix. |
| Mar 4, 2:00 AM | Another customer reached out to inform us that their site was down because of the SDK. |
| Mar 4, 6:00 PM | More customer reports surfaced and the decision was made to roll back all recent changes. |
| Mar 4, 6:30 PM | A new version (2.2.0) of the SDK was released, undoing all recent changes. |
| Mar 6, 1:00 PM | We became aware that the release had not been published to the CDN. |

## Root Cause

The SDK's fetch wrapper dropped the request options some requests need.
";
    let i = author::import_markdown("sdk.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (1860, EventKind::Mitigation),
            (2460, EventKind::Symptom),
            (3420, EventKind::Mitigation),
            (3450, EventKind::Mitigation),
            (6000, EventKind::Investigation),
        ]
    );
}

#[test]
fn a_chains_blocks_are_not_blocking_and_a_diagnosis_with_a_plan_is_a_finding() {
    let text = "# Block production slowed

## Summary

Block production slowed because of a bug in the mempool.

## Timeline (all times PST)

02-13-2025 11:00 pm - Mempool count started slowly increasing.

02-14-2025 4:45 pm - The netspace started decreasing and blocks per minute had a marked drop.

02-14-2025 11:00 pm - The cause of the issues was diagnosed and a hotfix release was prepared.

02-15-2025 3:00 am - The hotfix release deployment completed as version 2.5.1

02-15-2025 4:00 am - New blocks being created again.
";
    let i = author::import_markdown("chain.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-1440, EventKind::Symptom),
            (-375, EventKind::Symptom),
            (0, EventKind::Investigation),
            (240, EventKind::Mitigation),
            // The first recovery told, with no earlier one: the fix taking hold.
            (300, EventKind::Mitigation),
        ]
    );
}
