//! Round thirty-three of the held-out measurements, in the project's own words: one report of
//! several incidents over ten days, each under a "### October 21, 2025 - ..." heading with a
//! bold "**Timeline:**" over its bullets of bare times. Each bullet keeps its heading's day,
//! and each incident is read on its own: the change before its first report is its trigger.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn each_incident_of_a_report_keeps_its_day_and_its_own_trigger() {
    let text = "# Search service - multiple outages (May 2026)

## Summary

Between May 4 and May 9, 2026 the search service had two outages, both from undersized nodes.

## Incident Timeline

### May 4, 2026 - Cache overload

**Duration:** 21:45 to 23:00 UTC

**Timeline:**

- **21:45 UTC** - Deploy query timeout change
- **21:47 UTC** - Automated monitoring detects increased error rates
- **21:49 UTC** - Immediate rollback initiated and completed
- **22:50 UTC** - Root cause identified: too many parallel cache fills
- **23:00 UTC** - Service fully recovered

### May 9, 2026 - Rate limiting misconfiguration

**Timeline:**

- **18:00 UTC** - Deploy rate limiting to the search endpoint
- **18:01 UTC** - Rate limiter begins returning 429 errors for most requests
- **18:10 UTC** - Initial customer reports of widespread failures
- **18:45 UTC** - Engineering begins investigation into customer reports
- **19:12 UTC** - Rate limiting disabled, service fully recovered
";
    let i = author::import_markdown("search.md", text).unwrap();
    let ev = events(&i);
    // Minute 0 is the first incident's alert; the second is five days on, at its own times.
    let may9 = 5 * 1440 - 21 * 60 - 47;
    for want in [
        (-2, EventKind::Trigger),
        (0, EventKind::Alert),
        (2, EventKind::Mitigation),
        (may9 + 18 * 60, EventKind::Trigger),
        (may9 + 18 * 60 + 1, EventKind::Symptom),
        (may9 + 18 * 60 + 10, EventKind::Alert),
        (may9 + 18 * 60 + 45, EventKind::Investigation),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
}
