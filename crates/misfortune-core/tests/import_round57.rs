//! Round fifty-seven of the held-out measurements, in the project's own words: status-page
//! postmortems and a vendor's blog whose only times are in their prose ("At 20:36 UTC, ...",
//! "between 1:02am and 1:20am").

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_status_report_told_in_sentences_reads_its_response_and_recovery() {
    let text = "\
Partial outage
Incident Report for Examplecorp
Postmortem

Summary

On March 3, 2024 14:10 UTC to 15:40 UTC, one of our regions suffered a storage slowdown. This delayed 30% of uploads.

What happened?

At 14:10 UTC, our monitoring systems detected rising disk latency in the affected region. Approximately 5 minutes later, we started our incident response.

At 14:50 UTC, storage metrics showed that there were no longer any active disk problems in the region. With storage healthy, the upload backlog started to drain.

At 15:40 UTC, the backlog was fully recovered and all systems were operational.
";
    let i = author::import_markdown("storage.md", text).unwrap();
    let ev = events(&i);
    for want in [
        (0, EventKind::Alert),
        (5, EventKind::Escalation),
        (40, EventKind::Mitigation),
        (90, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    // The metrics that showed no more problems are the service back, not someone looking.
    assert!(!ev.contains(&(40, EventKind::Investigation)), "{ev:?}");
}

#[test]
fn a_window_of_harm_in_the_prose_begins_and_ends_it() {
    let text = "\
# Outage Post Mortem – May 2

Early on May 2 we had an outage caused by a runaway report query.

## Incident Impact

Some users saw their dashboards time out. This happened over a 25 minute window between 2:05am and 2:30am.
";
    let i = author::import_markdown("window.md", text).unwrap();
    assert_eq!(
        events(&i),
        [(0, EventKind::Symptom), (25, EventKind::Resolution)]
    );
}

#[test]
fn a_paging_companys_own_systems_are_not_a_page() {
    let text = "\
# Web application errors

## Summary

Between 10:00 and 10:45 UTC, PagerDuty’s web application rejected most requests after a bad configuration push.
";
    let i = author::import_markdown("web.md", text).unwrap();
    // The company's web application failing is the harm (its start and its end), not an alert
    // its pager sent.
    assert_eq!(
        events(&i),
        [(0, EventKind::Symptom), (45, EventKind::Resolution)]
    );
}
