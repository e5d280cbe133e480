//! Round seventy-five of the held-out measurements, in the project's own words: two more of a
//! community service's reports, one opened by an issue link "is opened, reporting ...", one
//! whose fixes are a pull request made and a cluster cleaned out, with a summary that says
//! "This was caused by ..." and a closing note that names "the primary cause of these issues".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn an_issue_link_opens_it_and_a_primary_cause_closes_it() {
    let text = "\
# 2018-05-02, 502

## Summary

Launches failed with 502 from the proxy.

## Timeline

### May 2 2018 09:30

https://github.com/example/hub/issues/77 is opened, reporting failed launches.

### 12:00

While investigating, test launches failed with 502 as well.

### 12:15

The proxy pod is replaced; launches work again.

## Action Items

The primary cause of these issues is a stale route table in the proxy.
";
    let i = author::import_markdown("proxy.md", text).unwrap();
    assert_eq!(events(&i)[0], (0, EventKind::Alert));
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("stale route table"), "root cause: {cause}");
}

#[test]
fn a_pull_request_made_and_a_cluster_cleaned_out() {
    let text = "\
# 2018-06-01, Queue full

## Summary

Users saw stuck jobs. This was caused by the queue hitting its size limit.

## Timeline

### 2018-06-01 10:00

Users report that jobs never start.

### 10:30

A PR is made to raise the limit, since that is what blocks everything right now.

### 11:00

The queue is entirely cleaned out with a purge command.
";
    let i = author::import_markdown("queue.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (30, EventKind::Mitigation),
            (60, EventKind::Mitigation),
        ]
    );
    // "This was caused by ..." names its cause in that sentence, not the one before it.
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("size limit"), "root cause: {cause}");
}
