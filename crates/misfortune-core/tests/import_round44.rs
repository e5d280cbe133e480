//! Round forty-four of the held-out measurements, in the project's own words: a timeline told in
//! phases ("## Detection", "## Investigation", "## Mitigation") under a title that says
//! "Timeline", whose bullets wrap onto indented lines that name a date and a time range; a blog's
//! timeline of a message queue ("repeated acks") with changes made while it burned.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

const PHASES: &str = "\
# INC-7 — Incident Timeline

All times UTC.

## Detection

- **02:10** — Opsgenie alert: ledger-api error rate above 2%.
  On-call (rivera) acknowledged at 02:12.
- **02:14** — Metrics dashboard confirms: ledger-api p95 went from 90ms to
  6s. Worker pool at 97%.

## Investigation

- **02:20** — rivera opens an incident channel and pulls in the queue owner.
- **02:31** — the queue owner identifies the cause: change #552 (shipped
  2026-03-02) made the settlement job hold a lock across retries. Harmless
  on a quiet night; during the 01:00-03:00 settlement run it piles up.

## Mitigation

- **02:36** — rivera restarts the settlement workers to drop their locks.
- **02:44** — Error rate falls back under 1%.
- **03:05** — Hotfix deployed to staging; its tests pass.
- **03:20** — Hotfix deployed to production.
- **03:41** — Incident resolved after 20 quiet minutes.

## Impact

- Duration: 1 hour 31 minutes (02:10 — 03:41)
- About 900 settlements were late
";

#[test]
fn phase_sections_under_a_timeline_title_are_one_timeline() {
    let i = author::import_markdown("inc7.md", PHASES).unwrap();
    // The wrapped lines' date (2026-03-02) and range (01:00-03:00) are their sentences', not
    // events: minute 0 is the alert.
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (4, EventKind::Investigation),
            (10, EventKind::Escalation),
            (21, EventKind::Investigation),
            (26, EventKind::Mitigation),
            (34, EventKind::Mitigation),
            (55, EventKind::Mitigation),
            (70, EventKind::Mitigation),
            (91, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn a_time_zone_note_is_not_the_summary_and_the_cause_is_read_from_the_finding() {
    let i = author::import_markdown("inc7.md", PHASES).unwrap();
    let summary = i.skeleton.summary.as_deref().unwrap_or_default();
    assert!(!summary.contains("All times"), "{summary}");
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    // The finding's whole sentence, over its wrapped lines, and no more.
    assert!(
        cause.starts_with("change #552") && cause.contains("lock across retries"),
        "{cause}"
    );
    assert!(!cause.contains("quiet night"), "{cause}");
}

#[test]
fn a_queue_s_acks_are_not_an_acknowledged_page() {
    let text = "\
# Post-mortem: delivery backlog

On 3 May at 9:12am PDT we saw a backlog of deliveries.

### Timeline

- 09:12 PDT: The team was paged for a growing backlog.
- 09:30 PDT: A hotfix is written and its rollout begins.
- 09:41 PDT: Retries were made stricter, so that duplicate acks are dropped quietly.
- 09:55 PDT: The backlog is back to zero.
";
    let i = author::import_markdown("backlog.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (18, EventKind::Mitigation),
            (29, EventKind::Mitigation),
            (43, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}
