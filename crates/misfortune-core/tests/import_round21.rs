//! Round twenty-one of the held-out measurements, in the project's own words: a status page's
//! front copied as text (labels with a dash, stamps with no "Posted" and no year), "Posted 2
//! months ago." stamps, a notice made of label lines, a pasted page whose table lost its cell
//! borders, a table under a bare summary, and text with non-breaking hyphens.

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_status_page_front_with_dashed_labels_and_yearless_stamps() {
    let text = "\
Postmortem -
Read details
Jun 02, 16:30 CDT
Resolved -
Update: Uploads are working normally again.
Jun 02, 11:05 CDT
Monitoring -
Update: We rolled back the storage driver and uploads are succeeding.
Jun 02, 10:20 CDT
Update -
Uploads are failing for some users. This is caused by a storage driver upgrade that rejects large files.
Jun 02, 09:40 CDT
Investigating -
We are looking into failed file uploads.
Jun 02, 09:15 CDT
";
    let i = author::import_markdown("front.txt", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (25, EventKind::Symptom),
            (65, EventKind::Mitigation),
            (110, EventKind::Resolution),
            (435, EventKind::Communication),
        ],
        "{:#?}",
        sk.timeline
    );
    // No postmortem text: the update that says what caused it.
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.contains("storage driver upgrade")),
        "{:?}",
        sk.root_cause
    );
    // A date alone on a line is not a stamp outside a status page.
    let notes = "## Timeline\n\nJun 02, 09:15\nFirst alert from the upload probe\n\nJun 02, 09:40\nDriver rolled back\n";
    let n = author::import_markdown("notes.md", notes).unwrap();
    assert!(n.skeleton.root_cause.is_none());
}

#[test]
fn stamps_that_say_how_long_ago_they_were_posted() {
    let text = "\
Slow dashboards
Incident Report for Example Metrics
Resolved
Dashboards have been fast for an hour; this incident is closed.
Posted 3 months ago. Mar 02, 2024 - 12:40 UTC
Monitoring
Query latency is back to normal after we added read replicas.
Posted 3 months ago. Mar 02, 2024 - 11:10 UTC
Identified
We have identified an issue with dashboard queries timing out.
Posted 3 months ago. Mar 02, 2024 - 10:45 UTC
";
    let i = author::import_markdown("ago.txt", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (25, EventKind::Mitigation),
            (115, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_notice_made_of_label_lines() {
    let text = "\
Timeframe: March 4, 9:10 am – 9:55 am (local time)
Impact: Some customers could not sign in during the window.
Cause: A certificate bundle shipped with the release was missing an intermediate.
Resolution: We restored the previous bundle.
";
    let i = author::import_markdown("notice.txt", text).unwrap();
    let sk = &i.skeleton;
    let ev = events(&i);
    assert_eq!(ev.len(), 2, "{ev:?}");
    assert_eq!(ev[1], (45, EventKind::Resolution));
    assert!(
        sk.summary
            .as_deref()
            .is_some_and(|s| s.starts_with("Some customers"))
    );
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.contains("missing an intermediate"))
    );
    // A title with a time in its value is not a title.
    assert!(sk.title.is_none(), "{:?}", sk.title);
}

#[test]
fn a_pasted_page_whose_table_lost_its_borders() {
    let text = "\
Post-Incident Review

Executive Summary

On 2026-01-20 at 08:04, the search API returned errors for 40% of queries. Root cause was a shard map pushed with a missing node.

Timeline

TimeEvent
08:01Shard map v12 pushed to production
08:04Monitoring alerts for search error rate >10%
08:07Incident declared, @oncall acknowledged
08:15Error rates improving after the node rejoined
08:20Search replica count increased
08:30Service fully restored, incident closed

Root Cause

Technical explanation of what went wrong:

The shard map left out one node, so a fifth of the shards had no owner.
";
    let i = author::import_markdown("pir.txt", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        events(&i),
        [
            (-3, EventKind::Trigger),
            (0, EventKind::Alert),
            (3, EventKind::Escalation),
            (11, EventKind::Mitigation),
            (16, EventKind::Mitigation),
            (26, EventKind::Resolution),
        ],
        "{:#?}",
        sk.timeline
    );
    // The prompt under the heading is not a section of its own.
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.contains("fifth of the shards")),
        "{:?}",
        sk.root_cause
    );
}

#[test]
fn a_table_under_a_bare_summary_and_alerts_that_bring_people_in() {
    let text = "\
On March 9, 2026, a release referenced a queue that did not exist and workers stopped.
All times in PST.
| Time | Event |
|---|---|
| 09:00 | Release rollout started |
| 09:20 | Rollout completed and went live; workers began failing to start |
| 09:22 | Security group for the queue set to deny all (copy-paste error) |
| 09:25 | Monitoring alerts triggered; engineering team engaged |
| 09:31 | On-call paged the platform engineer |
| 09:50 | Release rolled back in the US region; workers confirmed operational |
| 10:05 | All regions verified stable; incident resolved |
";
    let i = author::import_markdown("queue.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-25, EventKind::Trigger),
            (-5, EventKind::Symptom),
            (-3, EventKind::Trigger),
            (0, EventKind::Alert),
            (6, EventKind::Escalation),
            (25, EventKind::Mitigation),
            (40, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn non_breaking_hyphens_a_named_trigger_and_found_then_fixed() {
    // "on‑call" and "2025‑08‑01" with U+2011, as pasted from a web page.
    let text = "On 1 August 2025 between 14:03 UTC and 14:33 UTC our API was slow. Average latency rose to 3 s, causing slow page loads. The trigger was a query added without an index.\n\n| Time (UTC) | Event |\n|---|---|\n| 14:03 | Latency alert fired |\n| 14:05 | Rootly paged on\u{2011}call SRE |\n| 14:20 | Index added; latency back to normal |\n";
    let i = author::import_markdown("slow.md", text).unwrap();
    let sk = &i.skeleton;
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.starts_with("The trigger was")),
        "{:?}",
        sk.root_cause
    );
    // Minute 0 is the page that reached the on-call, two minutes after the alert.
    assert!(
        events(&i).contains(&(-2, EventKind::Alert)),
        "{:?}",
        events(&i)
    );
    assert_eq!(
        guess_kind(
            "Identified: We've identified slow webhooks and have scaled up the workers.",
            false
        ),
        EventKind::Mitigation
    );
    // A rollback that the CI outage blocked is a fix that failed: a wrong path of the game.
    let blocked = author::import_markdown(
        "blocked.md",
        "## Timeline

- 10:00 Error alert fires for the API
- 10:08 Status page updated; rollback ends up being blocked by the CI outage
- 10:40 Manual rollback completed; errors back to normal
",
    )
    .unwrap();
    assert_eq!(blocked.skeleton.game.failed_fixes.len(), 1);
}

/// The walkthrough after round 21: an appendix that lists the incident's numbers gives metrics
/// with the document's levels, "payment volume" is not a disk, and a list's items stay
/// sentences once joined.
#[test]
fn an_appendix_of_numbers_gives_the_metrics() {
    let text = "\
# Checkout outage

**Date**: June 15, 2023

## Timeline

| Time (UTC) | Event |
|---|---|
| 09:17 | Checkout failure rate exceeded 50%, paging the on-call |
| 09:25 | Initial assessment: connection pool exhaustion identified |
| 09:33 | Root cause identified: deadlocks after the release |
| 09:40 | Rollback completed; checkout recovering |

## Root Cause

Specifically:
1. A release raised the isolation level for checkout writes
2. Combined with high payment volume during a sale, about 5% of writes deadlocked

## Appendix

### Relevant Metrics

- Database connection pool utilization: Peaked at 100% at 09:20 UTC
- Checkout API error rate: Peaked at 93% at 09:45 UTC
- API latency: Increased from 120ms to 3200ms average during the incident

### Related Incidents

- INC-2023-02-15: a similar delay with a different cause
";
    let sk = author::import_markdown("checkout.md", text)
        .unwrap()
        .skeleton;
    let m = &sk.game.metrics;
    let find = |id: &str| m.iter().find(|x| x.id == id);
    let pool = find("database_connection_pool_utilization").expect("pool metric");
    assert_eq!(pool.peak, 100.0);
    // An error rate is near zero when healthy, whatever its peak.
    assert!(find("checkout_api_error_rate").is_some_and(|e| e.baseline < 1.0 && e.peak == 93.0));
    assert!(find("api_latency").is_some_and(|l| l.baseline == 120.0 && l.peak == 3200.0));
    assert!(find("disk").is_none(), "{m:?}");
    // The real team's diagnosis is the line that found the root cause, not the first finding.
    assert_eq!(sk.time_to_diagnose.map(|t| t.round_mins()), Some(16));
    // The date is the "Date:" line's, not an identifier's that names another incident.
    assert_eq!(sk.date.as_deref(), Some("2023-06-15"));
    // The numbered causes read as two sentences, not one run-on line.
    assert!(
        sk.root_cause
            .as_deref()
            .is_some_and(|r| r.starts_with("Specifically: A release")
                && r.contains("checkout writes. Combined")),
        "{:?}",
        sk.root_cause
    );
}

/// The walkthrough after round 21: a failure that names no move is the attempt before it, and
/// an alert's name stops before how it paged.
#[test]
fn a_failure_that_names_no_move_is_the_attempt_before_it() {
    let text = "## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | Checkout failure rate exceeded 40% threshold, triggering a PagerDuty page |\n| 10:10 | Attempted mitigation: search cache flushed |\n| 10:20 | Mitigation unsuccessful; deeper investigation initiated |\n| 10:40 | Feature flag turned off; failures back to normal |\n";
    let g = author::import_markdown("flush.md", text)
        .unwrap()
        .skeleton
        .game;
    let tried: Vec<&str> = g.failed_fixes.iter().map(|f| f.0.name.as_str()).collect();
    assert_eq!(tried, ["Search cache flushed"], "{tried:?}");
    assert_eq!(
        g.alerts[0].name,
        "Checkout failure rate exceeded 40% threshold"
    );
}
