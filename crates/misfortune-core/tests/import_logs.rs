//! Round sixteen of the held-out measurements: an incident log's entry (a heading per incident,
//! "Key events", an impact bullet and dated "Context" bullets, one with a mistyped year), a
//! chronology with seconds and no alert where the platform went "fully down", and a table of
//! deploys stamped `Apr 24, 23:50:25Z` before the page. Round seventeen: a blog with no timeline
//! at all that names its root cause in a sentence, and teams "called in" or woken. Round
//! eighteen: a summary that is a key-value table is metadata, not the summary.

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn an_incident_log_entry_with_a_mistyped_year() {
    let text = "\
### Incident on 2024-05-02 09:10 - Build agents cannot fetch images

- **Key events**
  - First detected: 2024-05-02 09:10
  - Resolved 2024-05-02 10:05

- **Impact**: Build agents could not pull images for 55 minutes.

- **Context**:
  - 2024-05-02 09:10: A team member observed registry login failures on the build agents.
  - 2024-05-02 09:18: Discovered that the agents' registry token did not match the vault.
  - 2023-05-02 09:24 Agent registry token updated in the secrets repository.
  - 2024-05-02 09:30 A user reports failed builds in the support channel.
  - 2024-05-02 09:35 Comms distributed in the updates channel.
  - 2024-05-02 09:40 Sam assumes incident lead and scribe roles.
  - 2024-05-02 09:52 Resolved status for the registry-login alert.
  - 2024-05-02 10:00 Image pulls observed to be working again.
  - 2024-05-02 10:05 Incident is resolved.
";
    let i = author::import_markdown("log.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.title.as_deref(),
        Some("Incident on 2024-05-02 09:10 - Build agents cannot fetch images")
    );
    assert_eq!(
        sk.summary.as_deref(),
        Some("Build agents could not pull images for 55 minutes.")
    );
    let ev = events(&i);
    // The 2023 line sits between its 2024 neighbours; the user's report after the team was
    // at work is the incident going on, not its detection.
    for want in [
        (8, EventKind::Investigation),
        (14, EventKind::Mitigation),
        (20, EventKind::Symptom),
        (25, EventKind::Communication),
        (30, EventKind::Escalation),
        (42, EventKind::Mitigation),
        (50, EventKind::Mitigation),
        (55, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} not in {ev:?}");
    }
    assert_eq!(ev.first(), Some(&(0, EventKind::Alert)), "{ev:?}");
    assert!(ev.iter().all(|e| e.0 >= 0), "{ev:?}");
}

#[test]
fn a_chronology_with_no_alert_starts_when_the_platform_went_down() {
    let text = "\
---
title: \"Platform outage\"
---

## Chronology

- **09:00:05:** The infrastructure plan runs to rotate the queue credentials
- **09:00:50**: The plan is applied
- **09:01:40**: The plan begins to destroy the queue cluster
- **09:02:10**: Platform fully down. **Incident starts**
- **09:08:00**: Status page is updated to down
- **09:10:00**: Queue cluster restore from snapshot started
- **09:50:00**: The standby consumer pool is enabled and begins draining the backlog
- **11:00:00**: Lost jobs are recreated from the audit log
- **12:00:00**: End of the incident
";
    let i = author::import_markdown("chronology.md", text).unwrap();
    assert_eq!(i.skeleton.title.as_deref(), Some("Platform outage"));
    assert_eq!(
        events(&i),
        [
            (-2, EventKind::Trigger),
            (-1, EventKind::Trigger),
            (-1, EventKind::Trigger),
            (0, EventKind::Symptom),
            (6, EventKind::Communication),
            (8, EventKind::Mitigation),
            (48, EventKind::Mitigation),
            (118, EventKind::Mitigation),
            (178, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn deploys_before_the_page_are_the_trigger() {
    let text = "\
# Post-mortem: search API 500s

## Timeline

| Time (UTC) | Event |
|---|---|
| **Mar 3, 22:10:20Z** | **`kubectl set image` → build `9f1c2e` (rev 41); every search → 500** |
| 22:16:05Z | `-hotfix` tag rolled (rev 42); same 500s |
| **22:40Z** | **PagerDuty fires; 5xx ratio 0.3** |
| **22:51Z** | **Rollback to rev 40; errors clear** |
| 23:30Z | 0 errors in the last 10 min; incident closed |
";
    let i = author::import_markdown("z.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-30, EventKind::Trigger),
            (-24, EventKind::Trigger),
            (0, EventKind::Alert),
            (11, EventKind::Mitigation),
            (50, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn phrasings_round_sixteen_met() {
    let kind = |t: &str| guess_kind(t, false);
    assert_eq!(
        kind("Decision made to restore the previous registry token"),
        EventKind::Mitigation
    );
    assert_eq!(
        kind("Noted that staging still has the old token; no impact on users"),
        EventKind::Investigation
    );
    assert_eq!(
        kind("Check-in with the reporting user that builds now pass - answer is yes"),
        EventKind::Investigation
    );
    assert_eq!(kind("Performance has steadied"), EventKind::Mitigation);
    assert_eq!(
        kind("User inquired whether they would get an e-mail follow-up"),
        EventKind::Communication
    );
    assert_eq!(
        kind("Inbound traffic rose to several factors above baseline"),
        EventKind::Symptom
    );
}

#[test]
fn a_blog_with_no_timeline_names_its_cause_in_a_sentence() {
    let text = "\
---
title: \"Wiki outage\"
---

On 2 March the wiki was down for most of the afternoon.

## The search

I rebooted the server, which made no difference. Reading the kernel log, I found the OOM
killer had stopped the database during a package upgrade.

## Moving on

So the root cause of this outage: the server has too little memory for its upgrades.
";
    let i = author::import_markdown("blog.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.root_cause.as_deref(),
        Some("the server has too little memory for its upgrades.")
    );
    assert_eq!(
        sk.summary.as_deref(),
        Some("On 2 March the wiki was down for most of the afternoon.")
    );
    assert!(sk.timeline.is_empty());
}

#[test]
fn teams_called_in_or_woken_are_escalations() {
    let kind = |t: &str| guess_kind(t, false);
    assert_eq!(
        kind("The network team was called in to look at the load balancer"),
        EventKind::Escalation
    );
    assert_eq!(
        kind("The platform team was awakened by the pager at 3am"),
        EventKind::Escalation
    );
}

#[test]
fn a_key_value_summary_table_is_metadata() {
    let text = "\
# Post-incident review

## Incident Summary

| Field | Value |
|-------|-------|
| **Incident ID** | INC-2024-0301-002 |
| **Duration** | 40 minutes |

## Timeline

| Time | Event | Source |
|------|-------|--------|
| 08:00:10 | Alert: \"p95 latency > 2s\" | Prometheus |
| 08:05:00 | Explanation revealed. The nightly export locked the orders table. | DBA analysis |
| 08:20:00 | Incident declared RESOLVED | Slack |

## What happened

### Executive Summary

Order pages were slow for forty minutes while a nightly export held a table lock.
";
    let i = author::import_markdown("pir.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.summary.as_deref(),
        Some("Order pages were slow for forty minutes while a nightly export held a table lock.")
    );
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|c| c.starts_with("The nightly export locked the orders table")),
        "{:?}",
        sk.root_cause
    );
}
