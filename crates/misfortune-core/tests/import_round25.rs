//! Round twenty-five of the held-out measurements, in the project's own words: more of one
//! platform team's postmortems: a report from a developer after a functional test said all was
//! well, "we are informed that" the booking site is down, a lone contributing factor as the
//! only cause given, and a table whose times were never filled in ("2022-06-02 HH:mm").

use misfortune_core::author::{self, guess_kind};
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_check_that_found_all_well_does_not_hide_the_report_after_it() {
    let text = "\
# Gateway v3 header change caused login outage

## Summary

As part of the move to gateway v3, we switched the public load balancers to it. A misconfiguration dropped the forwarded-proto header, which broke the single sign-on redirect.

## Timeline

All times in UTC.

| Time             | Event |
| :--------------- | ----- |
| 2024-04-10 07:05 | Load balancers were switched to route requests to gateway v3. |
| 2024-04-10 07:20 | Smoke tests indicate all fine, and this is reported in the team channel. |
| 2024-04-10 08:02 | Developer reports a high count of redirect loops on the login page. |
| 2024-04-10 08:02 | Investigation started with the identity team |
| 2024-04-10 08:09 | We are informed that the shop checkout is down. |
| 2024-04-10 08:25 | Due to criticality rollback takes priority over investigation. Rollback performed. |
| 2024-04-10 08:26 | Service operational. |
";
    let i = author::import_markdown("gateway.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-57, EventKind::Trigger),
            (-42, EventKind::Investigation),
            (0, EventKind::Alert),
            (0, EventKind::Investigation),
            (7, EventKind::Alert),
            (23, EventKind::Mitigation),
            (24, EventKind::Mitigation),
        ]
    );
}

#[test]
fn a_lone_contributing_factor_is_the_cause_when_nothing_says_caused() {
    let text = "\
# Conntrack table exhaustion

## Summary

On Tuesday 4. March one of our nodes ran out of conntrack entries. The pod responsible was found and stopped.

## Timeline

All times in CET.

| Time             | Event |
| :--------------- | ----- |
| 2025-03-04 11:10 | Node starts reporting \"no space left on device\" for new connections |
| 2025-03-05 09:42 | Pod killed, releasing its connections |

## Contributing Factors

- A batch job opening a connection per record without closing it
";
    let i = author::import_markdown("conntrack.md", text).unwrap();
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some("A batch job opening a connection per record without closing it")
    );
    // Nothing alerted: minute 0 is when the team acted, and the harm began the day before.
    assert_eq!(
        events(&i),
        [(-1352, EventKind::Symptom), (0, EventKind::Mitigation)]
    );
}

#[test]
fn rows_whose_time_was_never_filled_in_keep_their_day() {
    let text = "\
# Sporadic 502s

## Summary

A team reported a few 502 errors a day in their logs.

## Timeline

| Time             | Event |
| :--------------- | ----- |
| 2024-01-08 HH:mm | Created a script to apply memory limits to most namespaces |
| 2024-03-11 HH:mm | Proxy v2 went live in its own namespace |
| 2024-05-20 HH:mm | Team started investigating the 502s in depth |
| 2024-05-27 HH:mm | Team discovered that the proxy pods were killed for using too much memory |
| 2024-05-27 HH:mm | The memory limit in the proxy namespace was deleted |
| 2024-05-29 10:15 | Exclude the proxy namespace from the limits script |
| 2024-06-03 HH:mm | By looking at the logs, we confirmed that the problem was solved. |
";
    let i = author::import_markdown("proxy.md", text).unwrap();
    let ev = events(&i);
    // Every row is kept, a day apart where the days say so.
    assert_eq!(ev.len(), 7, "{ev:?}");
    let day = 24 * 60;
    let deleted = ev
        .iter()
        .find(|e| e.1 == EventKind::Mitigation)
        .expect("the limit deleted");
    assert!(
        ev.contains(&(deleted.0 + 2 * day + 10 * 60 + 15, EventKind::Mitigation)),
        "{ev:?}"
    );
    assert_eq!(
        ev.last().map(|e| e.1),
        Some(EventKind::Resolution),
        "{ev:?}"
    );
    assert_eq!(
        guess_kind("Exclude the proxy namespace from the limits script", false),
        EventKind::Mitigation
    );
}
