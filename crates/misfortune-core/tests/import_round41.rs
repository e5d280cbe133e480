//! Round forty-one of the held-out measurements, in the project's own words: a SEV1 review
//! whose patches went out before the page ("-patch pushed; 500s continue", then "-patch2;
//! same"), and a company's incident report with no alert, a hard outage four minutes before
//! the declaration and "status-page" updates.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn patches_pushed_before_the_page_are_fixes_that_failed() {
    let text = "\
# SEV1: billing-api deploy caused 500s

## Timeline

| Time (UTC) | Event |
|---|---|
| 14:00Z | `kubectl set image` → billing-api v8 (rev 40); every invoice read → 500 |
| 14:10Z | `-patch` (rev 41) pushed; still missing the column; 500s continue |
| 14:16Z | `-patch2` (rev 42); same |
| 14:30Z | PagerDuty fires; 5xx ratio = 0.06 |
| 14:40Z | Rollback to v7 (rev 43); errors clear |
";
    let i = author::import_markdown("billing.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-30, EventKind::Trigger),
            (-20, EventKind::Mitigation),
            (-14, EventKind::Mitigation),
            (0, EventKind::Alert),
            (10, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    assert_eq!(
        i.skeleton.game.failed_fixes.len(),
        2,
        "{:#?}",
        i.skeleton.game
    );
}

#[test]
fn a_hard_outage_just_before_the_declaration_is_minute_0() {
    let text = "\
# Incident report: queue outage

## Timeline

- **09:02:** Job processing becomes unavailable across the platform.
- **09:06:** We declare an incident and begin investigating.
- **09:15:** We publish a status-page update.
- **09:40:** The queue is restored and jobs begin processing.
- **10:05:** We move the status-page incident to Monitoring.
";
    let i = author::import_markdown("queue.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Symptom),
            (4, EventKind::Escalation),
            (13, EventKind::Communication),
            (38, EventKind::Mitigation),
            (63, EventKind::Communication),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn alerts_received_open_a_line_whatever_it_goes_on_to_say() {
    assert_eq!(
        author::guess_kind(
            "Alerts received indicating increased load, on-call engineers respond, performing routine scaling. Wider impact went undetected.",
            false
        ),
        EventKind::Alert
    );
    assert_eq!(
        author::guess_kind(
            "2 new shards join the cluster. Rebalancing commences.",
            false
        ),
        EventKind::Mitigation
    );
}

#[test]
fn a_timeline_that_opens_with_gateways_that_stop_serving_opens_on_the_harm() {
    assert_eq!(
        author::guess_kind(
            "Proxy nodes stop fulfilling requests. Checkout is failing.",
            true
        ),
        EventKind::Symptom
    );
}
