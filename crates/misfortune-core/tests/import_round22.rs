//! Round twenty-two of the held-out measurements, in the project's own words: a table pasted
//! without its leading pipes, in 12-hour times with seconds across midnight, opened by a
//! low-urgency page; and prose that gives ISO dates after "at" and "as of".

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_pipeless_table_of_twelve_hour_times_with_seconds() {
    let text = "\
Reviews are blameless.
Time (UTC) | Event |
---|---|
11:50:10 PM | Oncall low urgency page: nightly smoke test failing |
12:40:00 AM | First indication of login issues raised by internal users |
12:52:30 AM | Incident is classified as a SEV2 incident |
1:05:00 AM | Engineer reverts the login commit |
1:20:00 AM | Everything works again |
";
    let i = author::import_markdown("login.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (50, EventKind::Alert),
            (62, EventKind::Escalation),
            (75, EventKind::Mitigation),
            // A recovery with no earlier one is the fix taking hold, not yet the resolution.
            (90, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    assert_eq!(
        guess_kind("Everything works again", false),
        EventKind::Mitigation
    );
}

#[test]
fn iso_dates_after_at_and_as_of_in_prose() {
    let text = "\
On Monday 3 March, 2025 beginning at 09:10 US/Pacific, the billing API returned errors for 30 minutes.
Engineers were automatically alerted to elevated error rates at 2025-03-03 09:14 US/Pacific and began investigating.
All invoices may be delayed as of 2025-03-03 09:20 US/Pacific.
";
    let i = author::import_markdown("billing.txt", text).unwrap();
    let ev = events(&i);
    assert!(ev.contains(&(0, EventKind::Alert)), "{ev:?}");
    assert!(ev.contains(&(-4, EventKind::Symptom)), "{ev:?}");
    assert!(ev.iter().any(|e| e.0 == 6), "{ev:?}");
}

#[test]
fn a_sentence_that_gives_the_start_and_the_end() {
    let text = "\
Incident affecting the object store

Incident began at 2021-05-04 10:05 and ended at 2021-05-04 11:20 (all times are US/Pacific).

ISSUE SUMMARY

Uploads to the object store in one zone failed.

ROOT CAUSE

A storage node pool was drained by a maintenance job that skipped its safety check.
";
    let i = author::import_markdown("store.txt", text).unwrap();
    assert_eq!(
        events(&i),
        [(0, EventKind::Symptom), (75, EventKind::Resolution)],
        "{:#?}",
        i.skeleton.timeline
    );
}
