//! Round nineteen of the held-out measurements, in the project's own words: a status post told
//! only in sentences (with "8:am" and "after 10 minutes"), a status copy whose times stand alone
//! in two zones, label bullets over dated sub-points, a deploy named at an earlier time inside a
//! later line, and a report with no timeline whose game comes from its indicators.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_post_told_only_in_sentences_with_relative_minutes() {
    let text = "\
At 9:12am CET we spotted problems with invoice downloads in the billing portal. After about 15 minutes, the trouble spread to card payments.
At 9::am nothing.
At approximately 9:50 AM, we failed over the billing database and downloads resumed within minutes. It took a further 20 minutes for the queued jobs to be processed and cleared.
";
    let i = author::import_markdown("post.txt", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (15, EventKind::Symptom),
            (38, EventKind::Mitigation),
            (58, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn times_alone_in_two_zones_and_a_summary_that_starts_earlier() {
    let text = "\
Service notice: exports delayed

SUMMARY
On March 3, 2024 from 6:10 to 7:40 UTC, customers may have experienced delays in report exports and the inability to download them.
Timeline
08:05 UTC | 00:05 PT (Mar 3)
Since 06:10 UTC some exports were delayed. We are in recovery now.
08:45 UTC | 00:45 PT (Mar 3)
The issue with delayed exports is now resolved.
ROOT CAUSE
The export workers did not reconnect after a queue failover.
";
    let i = author::import_markdown("notice.txt", text).unwrap();
    let ev = events(&i);
    assert_eq!(ev.first(), Some(&(0, EventKind::Symptom)), "{ev:?}");
    assert!(ev.contains(&(115, EventKind::Mitigation)), "{ev:?}");
    assert!(ev.contains(&(155, EventKind::Resolution)), "{ev:?}");
}

#[test]
fn label_bullets_over_dated_sub_points_and_an_earlier_deploy() {
    let text = "\
# Checkout errors

## Timeline

- **Issue Detection:**
  - May 2, 2024, 10:00 UTC
  - The checkout probe alerted on a burst of 502 responses.
- **Incident Escalation:**
  - May 2, 2024, 10:06 UTC
  - Escalated to the payments team.
- 10:20 UTC - Found a bad retry setting introduced in build 41 (deployed at 09:40)
- **Resolution:**
  - May 2, 2024, 10:31 UTC
  - The setting was reverted and checkout recovered.

## Root cause

A retry setting in build 41 sent every failed call three more times.
";
    let i = author::import_markdown("checkout.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-20, EventKind::Trigger),
            (0, EventKind::Alert),
            (6, EventKind::Escalation),
            (20, EventKind::Investigation),
            (31, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_report_with_no_timeline_still_gives_a_game() {
    let text = "\
# Postmortem: search pool exhaustion

## Summary
- **Impact**: 20% of searches failed with HTTP 503 errors.

## Root Cause
A release held a pool connection open while waiting on a slow spelling service.

## Key Indicators During Incident
- Metric `search_pool_in_use` jumped from 25% to 99.5%.
- Logs flooded with `pool exhausted, waited 10000ms`.
- The spelling service error rate was 0.0%, confirming it was not failing.

## Resolution
1. Rolled back the search release to build 7.2.1.
";
    let i = author::import_markdown("pool.md", text).unwrap();
    let g = &i.skeleton.game;
    assert!(
        g.metrics.iter().any(|m| m.name == "search_pool_in_use"),
        "{:?}",
        g.metrics
    );
    assert_eq!(g.theories.len(), 1, "{:?}", g.theories);
    assert!(
        g.fix
            .as_ref()
            .is_some_and(|f| f.name.starts_with("Rolled back"))
    );
    assert!(g.symptoms.iter().any(|s| s.1.contains("pool exhausted")));
}
