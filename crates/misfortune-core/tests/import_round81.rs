//! Round eighty-one of the held-out measurements, in the project's own words: a robot fleet's
//! expired certificate told in a table over two weeks; a short front-matter record with no
//! alert at all; a homelab's log-reconstructed timeline where only machines speak; a quota
//! table with rows of "about a day" and "between two times"; a refactor gone wrong; and a
//! student's report with a slipped space inside its times.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kind_at};

#[test]
fn a_failure_that_says_no_alert_fired_is_not_the_detection() {
    let text = "\
# Warehouse scanners offline

## Timeline (CET)

| Time | Event |
|---|---|
| 3 Apr, 04:00 | Token refresher job errors out. Error written to its log, no alert. |
| 17 Apr, 06:59 | Scanner API token expires. Scanners cannot sign in. |
| 07:00 | Scanner sign-ins drop to zero. Pager goes off for the primary on-call. |
| 07:08 | On-call acknowledges, opens the incident channel, posts on the status page. |
| 07:15 | Restarting the scanners considered and rejected: they are not the problem. |
| 07:40 | Manual token refresh fails because the refresher's own secret is stale. |
| 07:55 | New secret issued and token refreshed. |
| 08:02 | All scanners signed in again. Incident closed. |
";
    let i = author::import_markdown("scanners.md", text).unwrap();
    let got = events(&i);
    assert_eq!(
        got,
        [
            (-20_340, EventKind::Trigger),
            (-1, EventKind::Trigger),
            (0, EventKind::Alert),
            (8, EventKind::Investigation),
            (15, EventKind::Investigation),
            (40, EventKind::Mitigation),
            (55, EventKind::Mitigation),
            (62, EventKind::Resolution),
        ]
    );
}

#[test]
fn with_no_alert_the_first_fix_opens_and_the_named_resolution_ends() {
    let text = "\
---
title: \"Reports search unavailable\"
---

## Summary
After the weekend's patching the read replicas fell out of sync.

## Timeline (ET)
- **02:00** - Patches applied to the database hosts.
- **09:30** - Report worker restarted.
- **13:10** - Reports index data reloaded.
- **15:45** - Read replica rebuilt.

## Root cause
The database hosts' patches left the read replicas out of sync with the primary.

## Mitigation and resolution
- Resolution: Rebuild of the read replica.
";
    let i = author::import_markdown("reports.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-450, EventKind::Trigger),
            (0, EventKind::Mitigation),
            (220, EventKind::Mitigation),
            (375, EventKind::Resolution),
        ]
    );
    // The game's fix is the change that answers the cause, not the restart that came first.
    let fix = i.skeleton.game.fix.as_ref().map(|f| f.quote.as_str());
    assert_eq!(fix, Some("Read replica rebuilt."));
}

#[test]
fn what_machines_logged_is_not_anyone_noticing() {
    let text = "\
# Hypervisor storage blip takes down the message queue

## Timeline (PST)
- **21:10:05**: Ingress proxy logged repeated 502s to the storage service. (05:10:05Z)
- **21:12:40**: `vm-controller` lost its leader lease. (05:12:40Z)
- **21:15:10**: Storage controller reported connection refused errors. (05:15:10Z)
- **21:15:30**: Host kernel logged `device offline` on two disks. (05:15:30Z)
- **21:21:00**: `vm-controller` marked two VMs failed and applied start backoff. (05:21:00Z)
- **21:23**: Manual recovery by deleting the failed VMs; they were recreated.
- **21:25**: Queue volumes attached and healthy; brokers restarted.
";
    let i = author::import_markdown("blip.md", text).unwrap();
    // Nobody was paged and nobody noticed before acting: minute 0 is the manual recovery.
    assert_eq!(
        kind_at(&i, 0),
        Some(EventKind::Mitigation),
        "{:?}",
        events(&i)
    );
    assert_eq!(
        kind_at(&i, -2),
        Some(EventKind::Symptom),
        "{:?}",
        events(&i)
    );
    assert_eq!(
        kind_at(&i, 2),
        Some(EventKind::Resolution),
        "{:?}",
        events(&i)
    );
    assert!(
        events(&i).iter().all(|e| e.1 != EventKind::Alert),
        "{:?}",
        events(&i)
    );
    // The team's first move, at minute 0, is the game's fix.
    let fix = i
        .skeleton
        .game
        .fix
        .as_ref()
        .map_or("", |f| f.quote.as_str());
    assert!(fix.starts_with("Manual recovery"), "{fix}");
}

#[test]
fn rows_of_about_a_day_and_of_a_span_keep_their_times() {
    let text = "\
# Incident: hosted database over its quota

## Timeline (ET)

| When | What happened |
|---|---|
| ~3 Mar | The sync job's interval changed from an hour to two minutes, so the database never slept. |
| 4 Apr 07:00 | Nightly digest sent as usual. |
| between 07:00 and 10:00 | Monthly compute quota ran out. Nobody knows exactly when. |
| 10:00 | The digest's checker could not read its marker and posted \"digest failed\" to the admin channel. |
| ~13:20 | A deploy with the first fix failed: the container crashed on start (see root cause 2). |
| ~14:05 | Start-up fix deployed; containers start with the database down. |
";
    let i = author::import_markdown("quota.md", text).unwrap();
    let got = events(&i);
    // 3 March 00:00 to 4 April 10:00 is 32 days and 10 hours.
    assert_eq!(got.first(), Some(&(-46_680, EventKind::Trigger)), "{got:?}");
    let span = i
        .skeleton
        .before_start
        .iter()
        .find(|e| e.2.contains("quota ran out"))
        .expect("the span's row");
    assert!(span.2.starts_with("Monthly compute quota"), "{}", span.2);
    assert_eq!(span.1, EventKind::Trigger);
    assert_eq!(kind_at(&i, 0), Some(EventKind::Alert), "{got:?}");
    assert_eq!(kind_at(&i, 200), Some(EventKind::Mitigation), "{got:?}");
}

#[test]
fn a_cause_found_after_a_dash_and_a_cause_under_a_file_line() {
    let text = "\
# Incident: exports stopped

**Duration:** 08:00 - 17:45 UTC

## Timeline (UTC)

| Time | Event |
|------|-------|
| 08:00 | Cleanup commit deleted the export writer by mistake |
| 16:50 | Customer reported that no exports arrived today |
| 17:20 | Root cause identified - the export writer call was removed |
| 17:35 | Fix deployed, export writer call restored |
| 17:45 | Verified working - exports arriving again |

## Root Cause Analysis

### Primary Cause
**File:** `src/jobs/export_scheduler.py`
**Issue:** A cleanup commit kept the copy of the scheduler that never called the export writer
";
    let i = author::import_markdown("exports.md", text).unwrap();
    assert_eq!(
        kind_at(&i, 30),
        Some(EventKind::Investigation),
        "{:?}",
        events(&i)
    );
    assert_eq!(
        kind_at(&i, 45),
        Some(EventKind::Mitigation),
        "{:?}",
        events(&i)
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or("");
    assert!(cause.contains("never called the export writer"), "{cause}");
}

#[test]
fn a_tweeted_report_and_times_with_a_slipped_space() {
    let text = "\
### Outage report

##### Timeline (PST):
  09:40 AM - A customer tweeted a screenshot of a 502 page to the company.

  09:42 AM - On-duty engineer was informed about the outage.

  09:44 AM - `systemctl status` command ran to check the web server.

           - The web server was found to be running.

  09:45 AM - `tcpdump` command with the upstream port was ran while a request was sent.

           - The capture report indicated the upstream port was wrong.

  09: 47 AM - `sed` command was used to fix the upstream port.

  09: 48 AM - The site was tested and confirmed to be running as expected.

  09: 50 AM - All web servers were confirmed running and serving pages.
";
    let i = author::import_markdown("proxy.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (2, EventKind::Escalation),
            (4, EventKind::Investigation),
            (4, EventKind::Investigation),
            (5, EventKind::Investigation),
            (5, EventKind::Investigation),
            (7, EventKind::Mitigation),
            (8, EventKind::Mitigation),
            (10, EventKind::Resolution),
        ]
    );
}
