//! Round sixty-seven of the held-out measurements, in the project's own words: more of a
//! community service's reports, a heading per time with several paragraphs under it (a
//! command, a pasted script, then how it ended), "Problem is identified" opening the timeline,
//! a heading that says "Problem starts", and causes told only by a bug's name or by the fix.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kinds_at};

#[test]
fn later_paragraphs_under_a_time_heading() {
    let text = "\
# 2020-04-02, registry locked

## Summary

Hours later we noticed that no new sessions started. Since the old hub was never removed, it
kept its lock on the registry volume, which meant that new hubs could not start.

## Timeline

All times in CET

### 2020-04-02 06:50

Problem is identified

* session start rate has been at zero for hours

### 06:55

Attempts to cordon the bad node to see if that helps.

### 07:20

General cleanup because many pods are not identified by the scheduler. Deleting all pods in
\"Unknown\" state.

### 11:40

We realize that the wiki and the chat are down, because their pods ran on the lost node.

### 11:42

Found that pods in this state can be force-deleted with:

`kubectl delete pod <name> --grace-period=0 --force`

Ran that for every lost pod:

This removed every pod stuck in `Unknown` or
`Lost` state. The wiki and the chat then recovered.
";
    let i = author::import_markdown("locked.md", text).unwrap();
    let got = events(&i);
    assert_eq!(got[0], (0, EventKind::Alert), "{got:?}");
    let at = |m: i64| kinds_at(&i, m);
    assert_eq!(at(5), [EventKind::Mitigation]);
    assert_eq!(at(30), [EventKind::Mitigation]);
    // More harm found, not a finding about the cause.
    assert_eq!(at(290), [EventKind::Symptom]);
    // The paragraph that says how it ended is an event there; the left-out paragraph's
    // wrapped line does not join the first one's text.
    assert!(at(292).contains(&EventKind::Mitigation), "{got:?}");
    let first = i
        .skeleton
        .timeline
        .iter()
        .find(|e| e.0.round_mins() == 292)
        .map(|e| e.2.clone())
        .unwrap_or_default();
    assert!(!first.contains("Lost` state"), "{first}");
    assert!(!first.contains("Lost state"), "{first}");
}

#[test]
fn a_problem_start_heading_and_a_bug_named_as_the_cause() {
    let text = "\
# 2023-05-04, quota reached

## Summary

A bug in the cloud's quota object was preventing the hub from creating new pods.

## Timeline

All times in CET

### 2023-05-04 08:00 - Problem starts

No new pods could be launched.

### 18:30 - Team alerted

A user reported an outage in the chat room.

### 18:40 - Quota deleted

We deleted the quota object and pods launched again.

## Lessons learnt

### What went wrong

1. It was ten hours before we realized that there was an outage.
";
    let i = author::import_markdown("quota.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-630, EventKind::Symptom),
            (0, EventKind::Alert),
            (10, EventKind::Mitigation),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("quota object"), "root cause: {cause}");
}

#[test]
fn the_fix_names_the_culprit_when_nothing_else_does() {
    let text = "\
# 2021-09-09, log streaming down

## Summary

Users saw no build logs. Builds ran normally. Fixed by removing a node whose address was
missing from its metadata.

## Timeline

### 2021-09-09 09:00

Log streaming stopped working for every pod.

### 11:30

With the node drained and removed, log streaming is restored.
";
    let i = author::import_markdown("logs.md", text).unwrap();
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("address was missing"), "root cause: {cause}");
}
