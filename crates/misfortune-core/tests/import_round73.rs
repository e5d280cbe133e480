//! Round seventy-three of the held-out measurements, in the project's own words: a report whose
//! first heading says "ca. 18:30" and whose later heading quotes a log stamped to the
//! millisecond; a timeline of days with no clock time at all; and an old ISP's e-mail that
//! lists its downtime windows as "October 29, 1999: 8:15am - 11:41am (3 hours)".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kinds_at};

#[test]
fn about_a_time_and_a_quoted_log() {
    let text = "\
# 2019-08-03, queue never drains

## Summary

Job cleanup stopped, so the queue grew until new jobs were refused.

## Timeline

### 2019-08-03 ca. 17:10

Job success drops to zero.

### 20:40

Odd behaviour reported in the chat room.

### 21:30

Investigating worker logs shows the event watcher stopped around 17:10:

```
2019-08-03 17:12:41.000 UTC
TimeoutError: job 88 did not finish in 300 seconds!
```

This is the direct cause of the growing queue, though the root cause is that the event watcher stopped updating.
";
    let i = author::import_markdown("queue.md", text).unwrap();
    // The log's own stamps are the machine's, not timeline lines.
    assert_eq!(
        events(&i),
        [
            (-210, EventKind::Symptom),
            (0, EventKind::Alert),
            (50, EventKind::Investigation),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(
        cause.starts_with("The event watcher stopped"),
        "root cause: {cause}"
    );
}

#[test]
fn a_timeline_of_days_alone() {
    let text = "\
# Certificate warning

## Timeline

### 2020-03-02

A team member received an email that the certificate for the docs site was going to expire.

### 2020-03-09

Another team member checked the certificate; it had renewed, and the problem was considered resolved.
";
    let i = author::import_markdown("cert.md", text).unwrap();
    assert_eq!(
        events(&i),
        [(0, EventKind::Alert), (7 * 1440, EventKind::Resolution)]
    );
}

#[test]
fn downtime_windows_listed_by_date() {
    let text = "\
POST MORTEM

Customers were down on 2 separate occasions:
March 3, 2001: 9:10am - 10:40am (1 hour and 30 minutes)
March 5, 2001: 2:00am - 6:30am (4 hours and 30 minutes)

On Saturday, March 3, 2001 beginning at 9:30AM EST we began experiencing outages. After hours of troubleshooting we discovered the problem to be a failing line card.
";
    let i = author::import_markdown("isp.md", text).unwrap();
    let got = events(&i);
    let at = |m: i64| kinds_at(&i, m);
    // The first window's start is minute 0: nothing alerted, customers were down.
    assert!(at(0).contains(&EventKind::Symptom), "{got:?}");
    assert!(at(20).contains(&EventKind::Symptom), "{got:?}");
    // The first window ended one spell; the second window's end ended the incident.
    assert!(at(90).contains(&EventKind::Mitigation), "{got:?}");
    assert!(at(2 * 1440 - 430).contains(&EventKind::Symptom), "{got:?}");
    assert_eq!(
        got.last().map(|e| e.1),
        Some(EventKind::Resolution),
        "{got:?}"
    );
}
