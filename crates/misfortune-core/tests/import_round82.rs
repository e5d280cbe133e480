//! Round eighty-two of the held-out measurements, in the project's own words: sample reports in
//! bold-time bullets and tables; a leaked key's short record with no summary; homelab reports
//! told in "07-19 21:29" rows, "16:2x" and "16:28+5m" times; a table of changes and their
//! results; an outage whose start is "15:37 →".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kind_at, theory_names};

#[test]
fn an_alert_that_fires_beside_normal_signals_and_a_decision_label() {
    let text = "\
# Search slowdown

## Timeline (UTC)

| Time | Event |
|---|---|
| 10:00 | Search p95 breaches 3s. Latency alert fires; error rates normal everywhere. |
| 10:04 | On-call opens a channel and pages the storage team, suspecting a disk problem. |
| 10:10 | Storage team confirms disks and network are healthy. Attention moves to the index. |
| 10:15 | **Mitigation decision:** last index build = prime suspect → previous index restored |
| 10:20 | **Recovery confirmed:** p95 back to 400ms |
";
    let i = author::import_markdown("search.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (4, EventKind::Escalation),
            (10, EventKind::Investigation),
            (15, EventKind::Mitigation),
            (20, EventKind::Resolution),
        ]
    );
    let theories = theory_names(&i);
    assert!(
        theories.iter().any(|t| t.contains("disk problem")),
        "{theories:?}"
    );
}

#[test]
fn an_alert_that_reaches_a_mailbox_and_a_summary_led_by_the_title() {
    let text = "\
# Incident: payment webhook secret pasted into a public gist

- Date: 2026-03-12
- Severity: high

## Timeline (UTC)

- 2026-03-09 14:00 — the webhook secret is pasted into a public gist while debugging.
- 2026-03-12 06:30 — the scanning service's leaked-secret alert reaches the payments inbox.
- 07:00 — the secret is rotated in the provider's dashboard.
- 08:15 — the gist is deleted and the secret moved to the vault.

## Cause

Debugging needed the secret in a shell, and nothing stopped it being shared.
";
    let i = author::import_markdown("gist.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-3870, EventKind::Trigger),
            (0, EventKind::Alert),
            (30, EventKind::Mitigation),
            (105, EventKind::Mitigation),
        ]
    );
    let summary = i.skeleton.summary.as_deref().unwrap_or("");
    assert!(
        summary.starts_with("Payment webhook secret pasted into a public gist."),
        "{summary}"
    );
}

#[test]
fn the_platform_restarting_pods_is_the_harm() {
    let text = "\
# Orders API down

## Timeline

| Time | Event |
|---|---|
| 13:00 | Orders error-rate alert fires. On-call acknowledges. |
| 13:03 | Pods fail liveness checks; Kubernetes restarts them. Restart loop begins. |
| 13:20 | Config rolled back. Error rate falls. |
";
    let i = author::import_markdown("orders.md", text).unwrap();
    assert_eq!(kind_at(&i, 3), Some(EventKind::Symptom), "{:?}", events(&i));
}

#[test]
fn days_told_as_month_and_day_and_a_host_that_froze() {
    let text = "\
# Post-mortem: nas01 freeze, 2026-05-03

## Timeline (CEST)

| Time | Event |
|---|---|
| 05-02 20:00 | Kernel and container runtime upgraded together; one reboot. Host healthy afterwards. |
| 05-03 01:00–02:00 | Nightly backup window opens: database dumps, then the object store's prune. |
| 05-03 02:30 | Two snapshot crons fire at once, both reading the same pool. |
| 05-03 02:41:10 | Last journal entry. The host froze here. |
| 05-03 02:45–03:10 | Metrics: blocked processes climb; the fork rate falls and never recovers. |
| 05-04 09:00 | Physical power-cycle. Clean boot; every service starts and recovers. |
| 05-04 ~10:00 | Confirmed healthy: 12 containers up, probes green. Alertmanager silences removed. |
";
    let i = author::import_markdown("nas.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-401, EventKind::Trigger),
            (-101, EventKind::Trigger),
            (-11, EventKind::Trigger),
            (0, EventKind::Symptom),
            (4, EventKind::Symptom),
            (1819, EventKind::Mitigation),
            (1879, EventKind::Resolution),
        ]
    );
}

#[test]
fn approximate_and_offset_times_an_upgrade_that_hung_and_a_partial_fix() {
    let text = "\
# 2026-04-02 — node-b hung on reboot

**Impact:** node-b out for four hours.

## Timeline (CEST)

- **~09:00** Upgrade round 1 on the other nodes; it stops at a gate. No harm.
- **10:1x** Round 2: node-b kernel upgrade (6.1.2 → 6.1.3) + reboot → **hangs at shutdown**.
  Pings answer; ssh down.
- **10:14+6m** Pods evicted to node-c and stick in ContainerCreating.
- **~11:00** Storage auto-rebuilds the missing replicas → 0 degraded volumes, node-b still down.
- **~13:40** Plugin recycle fixes one pod only. The rest were held by multipathd (devices 8:16 and
  8:48). `multipath -F` on node-c → pods Running.
- **14:05** node-b power-cycled; boots clean, node Ready.
";
    let i = author::import_markdown("nodeb.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-70, EventKind::Trigger),
            (0, EventKind::Symptom),
            (10, EventKind::Symptom),
            (50, EventKind::Mitigation),
            (210, EventKind::Mitigation),
            (235, EventKind::Resolution),
        ]
    );
}

#[test]
fn a_table_of_changes_and_results_tells_fixes_failed_and_tried() {
    let text = "\
# Postmortem: the wiki would not stay up

## Timeline (UTC)

| Time | Revision | Change | Result |
|---|---|---|---|
| 09:00 | 1 | install with a 512 MiB limit | crash loop: permission denied on /data |
| 09:10 | 2 | writable volume on /data | starts, then OOMKilled at 512 MiB |
| 09:15 | 3 | limit 768 MiB | OOMKilled again |
| 09:18 | 4 | limit 2 GiB, only to measure | runs; 1.4 GB in use, most of it the search indexer |
| 09:22 | 5 | search indexer off, limit back to 512 MiB | 300 MB, 0 restarts |
";
    let i = author::import_markdown("wiki.md", text).unwrap();
    let got = events(&i);
    assert_eq!(
        &got[1..],
        [
            (10, EventKind::Mitigation),
            (15, EventKind::Mitigation),
            (18, EventKind::Investigation),
            (22, EventKind::Mitigation),
        ]
    );
    assert_eq!(i.skeleton.game.failed_fixes.len(), 2, "{got:?}");
}

#[test]
fn an_outage_from_a_time_on() {
    let text = "\
# Prod outage after a merge

## Timeline (AEST)

- **15:37** — Feature branch merged; code auto-deploys to prod without its migration.
- **15:37 →** — Every signed-in page returns 500.
- **~18:4x** — User reports prod down.
- **~18:45** — Migration applied to prod; pages render again.
";
    let i = author::import_markdown("merge.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-183, EventKind::Trigger),
            (-183, EventKind::Symptom),
            (0, EventKind::Alert),
            (5, EventKind::Mitigation),
        ]
    );
    let harm = i
        .skeleton
        .before_start
        .iter()
        .find(|e| e.1 == EventKind::Symptom)
        .map_or("", |e| e.2.as_str());
    assert!(harm.starts_with("Every signed-in page"), "{harm}");
}
