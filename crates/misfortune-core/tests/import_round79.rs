//! Round seventy-nine of the held-out measurements, in the project's own words: a review told
//! as paragraphs ("The rollout reached the first cell at 14:01, and within ninety seconds ...");
//! a small agency's table where a fix took the site down and a test mail was sent; a network's
//! bold times while other operators reported attacks of their own; a support desk's tickets
//! passed on, tied together and put on a sprint; a report with no timeline, its window in an
//! impact table.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kind_at, kinds_at};

#[test]
fn a_later_moment_in_the_same_sentence_is_not_the_line() {
    let text = "\
# Review: search latency

## Timeline

At 09:40 UTC the search team merged a change that lowered the worker count. The rollout reached the
first region at 09:43, and within two minutes the response times there began to rise. By 09:50
the rollout covered four regions, and the p95 had crossed the alerting threshold.

The on-call engineer was paged at 09:51. At 10:05 she paused the rollout, and at 10:12 the team
rolled the change back. At 10:20 the incident was declared resolved.
";
    let i = author::import_markdown("search.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-11, EventKind::Trigger),
            (-8, EventKind::Trigger),
            (-1, EventKind::Symptom),
            (0, EventKind::Alert),
            (14, EventKind::Mitigation),
            (21, EventKind::Mitigation),
            (29, EventKind::Resolution),
        ]
    );
}

#[test]
fn a_test_mail_and_healthy_pods_and_others_reports() {
    let text = "\
# Newsletter sign-ups lost

## Timeline (UTC)

| Time | Event |
|------|-------|
| ~09:00 | Investigation begins on the web host |
| ~09:20 | Fix applied: sender address changed to the real domain |
| ~09:30 | Sign-up form submitted on production. Mail received by test recipient, in the junk folder |
| ~09:35 | Old pods healthy, readiness probes pass |
| ~09:40 | Several other hosting companies report the same spam filtering on their mail relays |
";
    let i = author::import_markdown("signup.md", text).unwrap();
    assert_eq!(kind_at(&i, 30), Some(EventKind::Investigation));
    assert_eq!(kind_at(&i, 35), Some(EventKind::Mitigation));
    assert_eq!(kind_at(&i, 40), Some(EventKind::Investigation));
}

#[test]
fn tickets_passed_on_tied_together_and_planned() {
    let text = "\
# Wallet transfer stuck

## Timeline (all times PST)

1:10 PM March 3, 2026: User reported the issue through the in-app form (SUP-12)

2:00 PM March 3, 2026: Users reported issue was relayed to the internal support channel

4:30 PM March 3, 2026: The user reported bug (SUP-12) was linked to the thread from the forum

9:00 AM March 4, 2026: The sprint was updated to include the ticket in the next sprint

11:00 AM March 4, 2026: The fix has been identified and needs two steps: 1. patching the signer, 2. replaying the stuck transfers

1:00 PM March 4, 2026: The patch was deployed to production and the stuck transfers were replayed
";
    let i = author::import_markdown("wallet.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (50, EventKind::Escalation),
            (200, EventKind::Investigation),
            (1190, EventKind::Investigation),
            (1310, EventKind::Investigation),
            (1430, EventKind::Mitigation),
        ]
    );
}

#[test]
fn an_impact_tables_duration_ends_the_harm() {
    let text = "\
# INC-7 — Cache nodes evicted

## Summary

Two of four cache nodes were evicted at 08:10 UTC. The rest took the load and latency rose.

## Symptoms

- Memory on the cache nodes at 100% at 08:07 UTC
- Pager alert: `CacheNodeEvicted` at 08:10 UTC

## Impact

| Dimension | Detail |
|-----------|--------|
| Users affected | about 900 |
| Duration | 08:10 → 08:52 UTC (42 min) |
";
    let i = author::import_markdown("cache.md", text).unwrap();
    assert_eq!(kinds_at(&i, -3), [EventKind::Symptom]);
    assert!(
        kinds_at(&i, 0).contains(&EventKind::Alert),
        "{:?}",
        events(&i)
    );
    assert_eq!(
        kind_at(&i, 42),
        Some(EventKind::Resolution),
        "{:?}",
        events(&i)
    );
}
