//! Round twenty-four of the held-out measurements, in the project's own words: one platform
//! team's postmortems, each a summary, a table of "YYYY-MM-DD HH:MM" rows and a "Stats" list
//! that states its times to detection and recovery; no root-cause section, so the cause is a
//! summary's sentence.

use misfortune_core::author::{self, Measure, guess_kind};
use misfortune_core::model::EventKind;
use misfortune_core::time::SimTime;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn errors_witnessed_are_the_detection_and_the_stats_are_read() {
    let text = "\
# Every ingress returning 502

## Summary

On Tuesday 9th May 2023 a planned upgrade of the ingress controller was rolled out. A poor canary setup meant that the broken config reached every cluster at once.

## Timeline

All times in UTC.

| Time             | Event |
| :--------------- | ----- |
| 2023-05-09 13:10 | Ingress controller upgrade started. |
| 2023-05-09 13:41 | Status 502 responses witnessed. |
| 2023-05-09 13:47 | Previous controller version redeployed (resolved). |

## Stats

- Category: Networking
- Time to detection: 1 minutes
- Time to recovery: 6 minutes
";
    let i = author::import_markdown("ingress.md", text).unwrap();
    let ev = events(&i);
    assert_eq!(
        ev,
        [
            (-31, EventKind::Trigger),
            (0, EventKind::Alert),
            (6, EventKind::Resolution)
        ]
    );
    let sk = &i.skeleton;
    // The cause is what the summary says "meant" the harm, not the planned upgrade.
    assert_eq!(
        sk.root_cause.as_deref(),
        Some("A poor canary setup meant that the broken config reached every cluster at once.")
    );
    let stated: Vec<(Measure, SimTime)> = sk.stated_times.iter().map(|s| (s.0, s.1)).collect();
    assert_eq!(
        stated,
        [
            (Measure::Detect, SimTime::from_mins(1)),
            (Measure::Mitigate, SimTime::from_mins(6))
        ]
    );
    // The author sees what the document states beside the times read from the timeline.
    let ron = author::render_skeleton(sk);
    assert!(
        ron.contains(
            "The document states: Time to detection: 1 minutes; Time to recovery: 6 minutes"
        ),
        "{ron}"
    );
}

#[test]
fn a_command_that_deletes_every_node_is_the_outage_and_the_detection() {
    let text = "\
# Worker pool wiped

## Summary

On Friday 7 June 2024, an accidental run of a cleanup script deleted all the worker nodes from the pool. This resulted in 40 minutes where no builds could run.

## Timeline

All times in CET.

| Time | Event |
| :--- | --- |
| 2024-06-07 16:00 | Accidental run of a cleanup script that deleted all worker nodes, leaving builds unschedulable |
| 2024-06-07 16:06 | Manually marked the instance group as unhealthy, so new workers were provisioned |
| 2024-06-07 16:25 | Verified that new workers registered and most builds run again |
| 2024-06-07 16:40 | Verified all systems operational |
";
    let i = author::import_markdown("pool.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Trigger),
            (6, EventKind::Mitigation),
            (25, EventKind::Mitigation),
            (40, EventKind::Resolution)
        ]
    );
    // "This resulted in...": the sentence before says what "this" was.
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some(
            "On Friday 7 June 2024, an accidental run of a cleanup script deleted all the worker nodes from the pool."
        )
    );
}

#[test]
fn an_early_fix_that_solved_it_is_a_mitigation_before_the_permanent_fix() {
    let text = "\
# Cache upgrade issue

## Summary

On Monday 3. March 2025, a planned upgrade of the cache cluster caused a minor latency issue. The new version's changed eviction defaults, when not overridden, caused the cache to evict hot keys.

## Timeline

All times in CET.

| Time             | Event |
| :--------------- | ----- |
| 2025-03-03 09:12 | Cache upgrade makes the cache pods crash loop |
| 2025-03-03 09:40 | Cache manually downgraded, which solved the issue |
| 2025-03-03 11:05 | Cache upgraded again and issue permanently fixed |
";
    let i = author::import_markdown("cache.md", text).unwrap();
    let ev = events(&i);
    assert!(ev.contains(&(28, EventKind::Mitigation)), "{ev:?}");
    assert!(ev.contains(&(113, EventKind::Resolution)), "{ev:?}");
    // The upgrade set it off; the sentence that says how is the cause ("3." is a date).
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some(
            "The new version's changed eviction defaults, when not overridden, caused the cache to evict hot keys."
        )
    );
}

#[test]
fn attempts_that_fail_and_users_who_tell_the_team() {
    for (text, want) in [
        (
            "End-users alerted us that the dashboards were empty.",
            EventKind::Alert,
        ),
        (
            "Node rollover attempt fails due to timeout (new nodes never joined the cluster).",
            EventKind::Mitigation,
        ),
        (
            "Attempt fails due to a timeout from the registry",
            EventKind::Mitigation,
        ),
        (
            "Mail sent to the duty manager for manual flagging of a Sev1 incident",
            EventKind::Escalation,
        ),
        (
            "LB detects new nodes as healthy, allowing traffic",
            EventKind::Mitigation,
        ),
        (
            "Follow-up mail indicating service restored",
            EventKind::Communication,
        ),
    ] {
        assert_eq!(guess_kind(text, false), want, "{text}");
    }
}

#[test]
fn the_fix_is_not_an_attempt_the_next_line_says_failed() {
    let text = "\
# Node pool lost

## Timeline

| Time             | Event |
| :--------------- | ----- |
| 2024-02-01 09:00 | End-users alerted us that the reports page was empty |
| 2024-02-01 09:20 | Node rollover started with the runtime swapped back |
| 2024-02-01 09:30 | Node rollover attempt fails due to timeout |
| 2024-02-01 09:35 | Healthy nodes all gets killed as the group shrinks from 30 to 15 |
| 2024-02-01 09:40 | Second run of the rollover script to add new nodes |
| 2024-02-01 09:45 | New nodes are being added |
| 2024-02-01 09:49 | Load balancer detects the new nodes as healthy, allowing traffic |
";
    let i = author::import_markdown("pool.md", text).unwrap();
    let g = &i.skeleton.game;
    let fix = g.fix.as_ref().expect("a fix");
    assert_eq!(fix.name, "New nodes are being added");
    assert!(
        g.failed_fixes
            .iter()
            .any(|f| f.0.name.starts_with("Node rollover attempt")),
        "{:?}",
        g.failed_fixes
    );
}

#[test]
fn a_stated_recovery_that_counts_from_another_start_is_only_shown() {
    let text = "\
# Queue consumers stalled

## Timeline

| Time             | Event |
| :--------------- | ----- |
| 2023-09-01 12:00 | Consumer lag alert fired |
| 2023-09-01 12:04 | Consumers restarted (resolved). |

## Stats

- Time to detection: 1 minutes
- Time to recovery: 9 minutes
";
    let i = author::import_markdown("queue.md", text).unwrap();
    let sk = &i.skeleton;
    // Nine minutes of recovery after a four-minute resolution would contradict the timeline.
    assert_eq!(sk.time_to_resolve, Some(SimTime::from_mins(4)));
    assert_eq!(sk.time_to_mitigate, None);
    assert_eq!(sk.stated_times.len(), 2);
}
