//! Round sixty-eight of the held-out measurements, in the project's own words: a long night
//! told a heading per time in the team's shorthand ("Decide to ...", "Notice we are ...",
//! "Conclude that there is no ... problem", "Tim signs off, Carol online"), with fixes that
//! "do not seem to fix" anything and the culprit "identified as a node that ...".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, theory_names};

#[test]
fn a_night_told_in_shorthand() {
    let text = "\
# 2020-02-03, launches stall under a traffic spike

## Summary

A course posts a link to the service and traffic builds through the night.

## Timeline

All times in PST

### 2020-02-03 2:10

First noticed something was up after an email about a high number of users.

### 2:30

Notice we are using 9 of the 10 nodes the autoscaler may add. Decide to raise the limit if we get to 10.

### 3:05

Now at 10 nodes, decide to raise the limit to 16 nodes in the console.

### 3:40

Decided to double the proxy replicas. Also does not seem to fix the stalled launches.

### 4:00

Log in to a node to test connectivity. Fetching two sites works. Conclude that there is no network problem.

### 4:20

Ana signs off, Raj online.

### 4:30

Raj and Ana discuss the state of things.

### 5:10

`node-7` is identified as a node that drops packets to the proxy.

### 5:15

Decide to cordon off the node: `kubectl cordon node-7`.

### 5:40

After testing launches by hand, things are back to normal.
";
    let i = author::import_markdown("spike.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            // A plan with an "if" is still looking; the same move decided on is a fix.
            (20, EventKind::Investigation),
            (55, EventKind::Mitigation),
            (90, EventKind::Mitigation),
            (110, EventKind::Investigation),
            (130, EventKind::Escalation),
            (140, EventKind::Investigation),
            (180, EventKind::Investigation),
            (185, EventKind::Mitigation),
            (210, EventKind::Resolution),
        ]
    );
    // The connectivity check cleared a suspect; the replicas that did not help are a wrong move.
    assert!(
        theory_names(&i)
            .iter()
            .any(|n| n.contains("network problem")),
        "{:?}",
        theory_names(&i)
    );
    assert!(!i.skeleton.game.failed_fixes.is_empty());
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("drops packets"), "root cause: {cause}");
}
