//! Round seventy of the held-out measurements, in the project's own words: course postmortems
//! written to one template ("Issue Summary", "Timeline", "Root Cause and Resolution"), with a
//! heading missing its space ("#Timeline:"), a duration that ends the next day, a timeline as
//! HTML list items, and a story whose only times are "approximately 00:07" and "roughly 19:20".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, theory_names};

#[test]
fn headings_without_their_space_and_a_duration_into_the_next_day() {
    let text = "\
#Incident Report: Shop Down

#Issue Summary:
Duration: March 3, 2024, 9:00 AM to March 4, 2024, 1:00 PM (EST)
Impact: The shop's checkout was unavailable to every customer.

#Timeline:

Issue Detected: March 3, 2024, 9:00 AM (EST)
Misleading Investigation: At first the team suspected a CDN outage, leading to hours on the CDN's dashboards.
Escalation: The incident went to the storage team.

#Root Cause and Resolution:
Root Cause: A full volume on the order database stopped every write.
";
    let i = author::import_markdown("shop.md", text).unwrap();
    // The duration's start and end are the harm's: it began as the alert fired and ended the
    // next afternoon.
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (0, EventKind::Symptom),
            (1680, EventKind::Resolution)
        ]
    );
    let summary = i.skeleton.summary.as_deref().unwrap_or_default();
    assert!(summary.contains("checkout"), "summary: {summary}");
    // The labelled line with no time still gives the game its wrong theory.
    assert!(
        theory_names(&i).iter().any(|n| n.contains("CDN")),
        "{:?}",
        theory_names(&i)
    );
}

#[test]
fn an_html_list_a_stamp_only_duration_and_a_find_then_fix() {
    let text = "\
# Postmortem: API slowdown

## Issue Summary

### Duration
Start Time: May 2, 2024, 08:00 AM (UTC)
End Time: May 2, 2024, 09:30 AM (UTC)

### Impact:
Half of all API calls took longer than ten seconds.

### Timeline
<li><strong>08:00 AM:</strong>Latency alert fired for the API.</li>
<li><strong>08:20 AM:</strong>Found a release that left a debug flag on. Rolled back the release.</li>
<li><strong>09:30 AM:</strong>Incident declared resolved.</li>
";
    let i = author::import_markdown("api.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            // The finding, then the fix it led to in the next sentence: the fix.
            (20, EventKind::Mitigation),
            (90, EventKind::Resolution),
        ]
    );
    // The stamps alone say only when; the impact says what happened.
    let summary = i.skeleton.summary.as_deref().unwrap_or_default();
    assert!(summary.contains("ten seconds"), "summary: {summary}");
}

#[test]
fn approximate_times_and_an_encountered_issue() {
    let text = "\
# Postmortem
When the lab opened, approximately 08:15 Pacific Standard Time (PST), the web server began
answering every request with an error.

## Debugging Process
I encountered the issue when I logged in, roughly 10:40 PST, and started looking.

Checked the running processes.
";
    let i = author::import_markdown("lab.md", text).unwrap();
    let got = events(&i);
    assert_eq!(got.len(), 2, "{got:?}");
    // Met by a person at 10:40: that is minute 0; the error began 145 minutes before.
    assert_eq!(got[0].0, -145);
    assert_eq!(got[1], (0, EventKind::Alert));
}
