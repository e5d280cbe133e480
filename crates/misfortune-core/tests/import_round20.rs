//! Round twenty of the held-out measurements, in the project's own words: a multi-day table
//! whose unplanned operation came hours before the first complaint, a log opened by a person's
//! report, a status page copied without its status words, recoveries and retries in plain
//! words, a range whose ends are both approximate, numbered root-cause headings and a summary
//! that is only an "Impact:" line.

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn an_operation_hours_before_the_first_complaint_is_not_the_team_at_work() {
    let text = "\
# Ledger outage

## Summary
A schema change left the ledger's account index unusable and posting stalled.

## Timeline

| Time (UTC) | Event |
|---|---|
| 2026-03-02 22:10 | Schema change `ledger_v8` applied by the release pipeline |
| 2026-03-02 22:40 | Index rebuild starts on `ledger.account_idx` (not in the change plan) |
| 2026-03-03 00:05 | Index rebuild finishes; locks released |
| 2026-03-03 05:15 | First complaints from finance arrive by email |
| 2026-03-03 07:00 | SEV-2 declared by the on-call |
| 2026-03-03 11:20 | Fix deployed (index rebuilt by hand) |
";
    let i = author::import_markdown("ledger.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-425, EventKind::Trigger),
            (-395, EventKind::Trigger),
            (-310, EventKind::Trigger),
            (0, EventKind::Alert),
            (105, EventKind::Escalation),
            (365, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_log_opened_by_a_persons_report_and_a_lapse_before_it() {
    let text = "\
# Feed worker restart

## Timeline (all times CET)

| Time | Event |
|------|-------|
| 10:02 | Mara reports the price feed showing yesterday's prices |
| 10:09 | Jon finds the feed worker stuck on a lock |
| 10:15 | Lock timeout fix applied (two call sites in `feed_sync_check`) |
| 10:16 | First restart attempt → CRASH: missing module `feed_rates` |
| 10:24 | Worker running again; prices current |
";
    let i = author::import_markdown("feed.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (7, EventKind::Investigation),
            (13, EventKind::Mitigation),
            (14, EventKind::Mitigation),
            (22, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    // The restart that crashed is a fix that failed: a wrong path of the game.
    assert_eq!(i.skeleton.game.failed_fixes.len(), 1);
    // Before any alert, forgetting to undo a change is part of what set it off.
    assert_eq!(
        events(
            &author::import_markdown(
                "lapse.md",
                "## Timeline\n\n- 09:00 Firewall opened for a vendor test\n- 11:00 Engineer forgets to close the firewall rule\n- 16:00 Scanner alert fires: port 5432 open to the world\n"
            )
            .unwrap()
        )[1],
        (-300, EventKind::Trigger)
    );
}

#[test]
fn recoveries_retries_and_hindsight_in_plain_words() {
    let k = |t: &str| guess_kind(t, false);
    // Monitoring that shows the service normal is the recovery, not an alert.
    assert_eq!(
        k("All dashboards and monitoring showing normal operation"),
        EventKind::Mitigation
    );
    assert_eq!(k("The shop was running perfectly."), EventKind::Mitigation);
    assert_eq!(
        k("Successful restoration of the orders database"),
        EventKind::Mitigation
    );
    assert_eq!(k("Post-mortem scheduled"), EventKind::Communication);
    assert_eq!(
        k("Gateway weight: old 80%, new 20% (slow re-introduction)."),
        EventKind::Mitigation
    );
    // What the writer learned later is not what happened at that minute.
    assert_eq!(
        k(
            "Worker pods report rising memory. Investigation later reveals a limit copied from another service."
        ),
        EventKind::Symptom
    );
    // Retries that did not work, in the words people use.
    for failed in [
        "A failed attempt to restore the cache from its snapshot.",
        "Rollback completed, but the site still experiencing errors",
        "Second restart attempt → crash on start-up",
    ] {
        assert!(
            guess_kind(failed, false) == EventKind::Mitigation,
            "{failed}"
        );
    }
    let i = author::import_markdown(
        "retry.md",
        "## Timeline\n\n- 14:00 Error-rate alert fires for the cart API\n- 14:10 A failed attempt to restore the cache from its snapshot\n- 14:20 Rollback completed, but the site still experiencing errors\n- 14:40 Cart flag disabled; error rate back to normal\n",
    )
    .unwrap();
    assert_eq!(
        i.skeleton.game.failed_fixes.len(),
        2,
        "{:?}",
        i.skeleton.game.failed_fixes
    );
}

#[test]
fn a_status_page_copied_without_its_status_words() {
    let text = "\
Images missing in the mobile app
Incident Report for Example Photos

Postmortem

On March 3, 2025, 09:40 UTC, thumbnails in the mobile app stopped loading for a share of albums because a resize job wrote empty files. An incident was opened on March 4, 2025, 16:05 UTC, with the issue resolved by 18:35 UTC.

What Happened?

A change to the resize job's output path made it write empty files on two hosts. We learned of it from customer reports. A temporary fix was implemented to copy good thumbnails from backup, and all thumbnails were then regenerated.

Posted Mar 10, 2025 - 12:00 UTC

We have fully recovered and all thumbnails have been regenerated.
Posted Mar 04, 2025 - 19:00 UTC
";
    let i = author::import_markdown("photos.txt", text).unwrap();
    let sk = &i.skeleton;
    // Minute 0 is when the incident was opened: nothing paged, and the harm went unseen a day.
    assert_eq!(
        events(&i),
        [
            (-1825, EventKind::Symptom),
            (0, EventKind::Escalation),
            (150, EventKind::Resolution),
            (175, EventKind::Resolution),
            (8395, EventKind::Communication),
        ],
        "{:#?}",
        sk.timeline
    );
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.contains("write empty files"))
    );
    // The fix is told in the postmortem, not the timeline.
    assert!(
        sk.game
            .fix
            .as_ref()
            .is_some_and(|f| f.quote.contains("copy good thumbnails")),
        "{:?}",
        sk.game.fix
    );
}

#[test]
fn a_range_with_both_ends_approximate() {
    let i = author::import_markdown(
        "range.txt",
        "Summary\nOur admin console was unavailable between ~13:10 and ~13:40 UTC on June 2nd.\nRoot cause\nA release pointed the console at assets that had not been uploaded.\n",
    )
    .unwrap();
    assert_eq!(
        events(&i),
        [(0, EventKind::Symptom), (30, EventKind::Resolution)]
    );
}

#[test]
fn numbered_root_cause_headings_and_an_impact_line_summary() {
    let text = "\
# Post-Mortem: 2025-02-11 outage

**Duration:** 31 minutes
**Impact:** 100% of search requests failed; 9,400 failed sessions.

## Timeline (UTC)

| Time | Event |
|------|-------|
| 10:02 | First alert: 5xx rate >5% |
| 10:30 | Rollback completed; traffic healthy |

## Root Causes

### Root Cause 1: Search shards pinned to a retired node pool

The shard allocation kept pointing at nodes that had been drained.

## Contributing Factors

1. No alert on unassigned shards.
2. Runbook out of date.
";
    let sk = author::import_markdown("search.md", text).unwrap().skeleton;
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.starts_with("Search shards pinned to a retired node pool")),
        "{:?}",
        sk.root_cause
    );
    // A list of contributing factors is not what happened; the impact line says it.
    assert!(
        sk.summary
            .as_deref()
            .is_some_and(|s| s.starts_with("100% of search requests failed")),
        "{:?}",
        sk.summary
    );
}
