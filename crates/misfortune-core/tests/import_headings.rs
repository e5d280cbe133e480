//! Timelines whose events are headings (`### 20:04 UTC - Initial detection` over its bullets,
//! `### 2021-06-03 9:00` over the paragraph that says what happened), headings elsewhere that
//! name a time, and a blog's closing timeline (round nine of the held-out measurements); italic
//! times with a backslash at each line's end and the phrasings round ten met.

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn headings_that_open_with_a_time_are_events_and_their_bullets_sub_points() {
    let text = "\
# Queue outage - 2026-04-02

## Summary
The job queue stopped accepting work when its disk filled.

## Timeline

### 14:02 UTC - Initial detection
- Workers reported `ENOSPC` when writing checkpoints
- Job submissions started failing

### 14:06 UTC - Wider failures
- The API returned 500 errors for every upload

## Root Cause Analysis

### Primary cause: checkpoint files
- **Cause**: checkpoints were never pruned after a retention setting was removed

## Resolution Steps

### 1. Immediate actions (14:15 UTC)
Deleted old checkpoints and restarted the workers.

### 2. Cleanup job (14:19 UTC)
Ran the pruning script by hand.
";
    let i = author::import_markdown("headings.md", text).unwrap();
    let sk = &i.skeleton;
    // Each heading is an event, each bullet under it one more at its time; the resolution
    // steps' headings name their times and are what was done.
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (0, EventKind::Alert),
            (0, EventKind::Alert),
            (4, EventKind::Symptom),
            (4, EventKind::Symptom),
            (13, EventKind::Mitigation),
            (17, EventKind::Mitigation),
        ],
        "{:#?}",
        sk.timeline
    );
    assert_eq!(sk.timeline[0].2, "Initial detection");
    assert_eq!(sk.timeline[5].2, "Immediate actions");
    // "Primary cause: ..." is the root cause.
    assert!(
        sk.root_cause
            .as_deref()
            .unwrap()
            .contains("checkpoints were never pruned"),
        "{:?}",
        sk.root_cause
    );
}

#[test]
fn a_dated_heading_takes_the_paragraph_below_it() {
    let text = "\
# 2026-05-04: Search index full

## Summary

The search index ran out of disk, causing every search to fail until it was moved.

## Timeline

*(All times US/Pacific, 24-hour clock.)*

### 2026-05-04 8:40

@kim notices an e-mail from the error tracker about failed searches happening thousands of times.

### 2026-05-04 9:05

**Search is restored** by moving the index to a larger volume.

### 2026-05-04 10:30

@ravi adds alarms on the index volume so we know before it fills up.
";
    let i = author::import_markdown("dated.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (25, EventKind::Mitigation),
            (110, EventKind::Mitigation),
        ],
        "{:#?}",
        sk.timeline
    );
    assert!(sk.timeline[0].2.starts_with("@kim notices an e-mail"));
}

#[test]
fn a_blogs_closing_timeline_ends_with_the_permanent_fix() {
    let text = "\
---
title: \"When the log partition filled\"
date: 2026-01-10
---

2:50 AM. Phone buzzes. The site is down.

## Post-Incident Review

**Timeline:**
- 02:47 AM: Log partition fills, the database crashes
- 02:50 AM: Alert received
- 03:01 AM: Problem identified (disk full)
- 03:09 AM: Quick fix applied (truncate)
- 03:15 AM: Database restored
- 04:00 AM: Permanent fix implemented (bigger volume and log rotation)
- 04:20 AM: Monitoring added
";
    let i = author::import_markdown("blog.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-3, EventKind::Trigger),
            (0, EventKind::Alert),
            (11, EventKind::Investigation),
            (19, EventKind::Mitigation),
            (25, EventKind::Mitigation),
            (70, EventKind::Resolution),
            (90, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn italic_times_ending_in_backslashes_and_round_ten_phrasings() {
    let text = "\
# 2026-02-01 - docs site outage

On Sunday the docs site was down because our hosting provider lost a hypervisor.

## Timeline

*08:10*: docs site being down was detected by the on-call engineer\\
*08:31*: Our hosting provider was informed about the docs site being down\\
*08:52*: We pointed the docs DNS record at a static mirror\\
*11:05*: Our hosting provider informed us that the server is reachable again\\
*11:30*: We reverted the DNS change
";
    let i = author::import_markdown("italic.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (21, EventKind::Escalation),
            (42, EventKind::Mitigation),
            (175, EventKind::Mitigation),
            (200, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    let cases = [
        (
            "The issue was identified via monitoring alerts indicating that the server was down.",
            EventKind::Alert,
        ),
        (
            "Services were fully restored and all systems were back online.",
            EventKind::Resolution,
        ),
        (
            "Initial assessment: 400+ customers affected, data potentially lost",
            EventKind::Investigation,
        ),
        (
            "Public incident acknowledgment posted",
            EventKind::Communication,
        ),
        (
            "Engineering teams mobilized for emergency recovery",
            EventKind::Escalation,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(guess_kind(text, false), want, "{text}");
    }
}

/// Wrong paths as the held-out documents name them: a "misleading path" that assumed a cause,
/// an "initial investigation focused on" something else, a rollback "with no improvement", a
/// restart that "failed due to" something; each becomes a red herring or a failed fix.
#[test]
fn misleading_paths_and_failed_attempts_become_wrong_paths() {
    let text = "\
# Shop outage

## Summary
The shop was down for two hours.

## Timeline
- **10:30 AM** - Issue detected by monitoring alerts.
- **10:40 AM** - Initial investigation focused on web server performance.
- **11:00 AM** - Misleading path: Assumed issue was due to a recent deployment; rolled back the deployment with no improvement.
- **11:20 AM** - Restart of the database server failed due to a full disk.
- **12:00 PM** - Identified that the replication settings overloaded the primary.
- **12:15 PM** - Reconfigured the replication; the shop is back.
";
    let i = author::import_markdown("paths.md", text).unwrap();
    let g = &i.skeleton.game;
    let theories: Vec<&str> = g.theories.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        theories,
        ["web server performance", "a recent deployment"],
        "{theories:?}"
    );
    let tried: Vec<&str> = g.failed_fixes.iter().map(|f| f.0.name.as_str()).collect();
    assert_eq!(
        tried,
        [
            "Rolled back the deployment",
            "Restart of the database server"
        ],
        "{tried:?}"
    );
}

/// Round thirteen: a status tracker's copy lists updates oldest first as "- investigating Sep 07,
/// 2022, 04:29 PM UTC" over their text, with a postmortem whose bold question is its cause; an
/// Azure-style review asks its headings ("What happened?", "How did we respond?") and tells its
/// timeline in sentences.
#[test]
fn tracker_copies_and_question_headings() {
    let tracker = "\
Example experienced a major incident on May 4, 2026.
Update timeline
- investigating May 04, 2026, 02:10 PM UTC
We are investigating failed logins.
- monitoring May 04, 2026, 02:40 PM UTC
A fix has been applied and logins are succeeding again.
- resolved May 04, 2026, 03:30 PM UTC
This incident has been resolved.
- postmortem May 05, 2026, 09:00 AM UTC
**What went wrong, and why?** An expired signing key was left in the rotation between 13:50 and 14:35 UTC.
";
    let i = author::import_markdown("tracker.txt", tracker).unwrap();
    assert_eq!(
        events(&i),
        [
            (-20, EventKind::Trigger),
            (0, EventKind::Alert),
            (30, EventKind::Mitigation),
            (80, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    assert!(
        i.skeleton
            .root_cause
            .as_deref()
            .unwrap()
            .contains("expired signing key")
    );

    let review = "\
What happened?
Between 10:00 UTC and 12:30 UTC, some customers could not reach the API.
What went wrong and why?
A certificate on the edge was replaced with one for the wrong host name.
How did we respond?
Customer impact began at 10:00 UTC and we started investigating. We rolled back the certificate change by 11:15 UTC. Some customers still reported errors, which we began mitigating at 11:40 UTC. Error rates returned to normal by 12:30 UTC.
";
    let i = author::import_markdown("review.txt", review).unwrap();
    let ev = events(&i);
    assert_eq!(ev[0], (0, EventKind::Investigation), "{ev:?}");
    assert!(ev.iter().all(|e| e.1 != EventKind::Alert), "{ev:?}");
    assert_eq!(
        ev.iter().map(|e| e.0).collect::<Vec<_>>(),
        [0, 75, 100, 150]
    );
    assert!(
        i.skeleton
            .root_cause
            .as_deref()
            .unwrap()
            .contains("wrong host name")
    );
}
