//! Round sixty-nine of the held-out measurements, in the project's own words: reports whose
//! second day is a heading written day first ("### 19. April, 11:00"), whose fixes sit in a
//! later paragraph under a time, and whose causes are told as "This went unnoticed and caused
//! ..." after the sentence that names them, or "when X, Y lost service".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_day_written_first_and_a_fix_in_a_later_paragraph() {
    let text = "\
# 2021-03-07, Sweeper flood

A release of the sweeper flooded the queue with deletions of jobs that had already finished.

## Timeline

All times in CEST

### 2021-03-07 18:10

The sweeper release is deployed.

### 19:05

A user reports on the forum that jobs never start; investigation is started.

### 8. March, 09:30

The sweeper fix is deployed, except on one region, due to another bug.

This time, the sweeper is disabled on that region by setting its batch size to 0.

### 09:50

It is observed that the flood does not recur, confirming that the sweeper was the cause.
";
    let i = author::import_markdown("sweeper.md", text).unwrap();
    let got = events(&i);
    assert_eq!(got[0], (-55, EventKind::Trigger), "{got:?}");
    assert_eq!(got[1], (0, EventKind::Alert), "{got:?}");
    // 8 March 09:30 is 14 h 25 min after 19:05 the day before.
    let next_day: Vec<EventKind> = got.iter().filter(|e| e.0 == 865).map(|e| e.1).collect();
    assert!(next_day.contains(&EventKind::Mitigation), "{got:?}");
    assert_eq!(got.last(), Some(&(885, EventKind::Resolution)), "{got:?}");
}

#[test]
fn a_day_before_its_month_without_a_comma_is_not_a_clock() {
    let text = "\
# Outage

## Timeline

### 2021-04-18 19:47

The deploy failed.

### 19 April 11:00

The fix was applied.
";
    let i = author::import_markdown("days.md", text).unwrap();
    let minutes: Vec<i64> = events(&i).iter().map(|e| e.0).collect();
    // "19 April 11:00" is the 19th at eleven, not "April 11".
    assert_eq!(minutes[1] - minutes[0], 913, "{minutes:?}");
}

#[test]
fn causes_told_before_what_they_did() {
    let text = "\
# 2022-08-01, proxies unreachable

## Summary

During an upgrade every node running our proxy pods was drained. This went unnoticed and
caused half an hour of outage.

## Timeline

### 2022-08-01 10:00

The last two proxy nodes are drained.

### 10:30

Investigation starts after a user reported that the site was down.

### 10:32

The proxy pods were rescheduled. Service resumes. Incident ends.
";
    let i = author::import_markdown("proxies.md", text).unwrap();
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("was drained"), "root cause: {cause}");

    let text = "\
# 2022-09-09, workshop rush

## Summary

Two workshops had asked for more room. However, when both started at the same minute with
a hundred people each, the service briefly lost service.

## Timeline

### 09:30 - First report

We hear that one workshop's launches are slow.

### 09:40 - Back to normal

Launches returned to normal.
";
    let i = author::import_markdown("rush.md", text).unwrap();
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("same minute"), "root cause: {cause}");
}
