//! Round sixty-two of the held-out measurements, in the project's own words: a university
//! platform's incident pages in Quarto, a time heading for each event ("### 11:21a", and one at
//! the timeline's own level), the team's rebuild told in the passive present.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn one_letter_halves_of_the_day_and_a_time_heading_at_the_timelines_level() {
    let text = "\
---
title: Database host outage takes the course hub down
date: 2024-03-04
---

## Summary

The database host for the course hub stopped responding, and the hub went down until a new host was built.

## Timeline

### 2024-03-04 9:50a

The database host became unreachable. The time was determined post mortem from the provider's monitoring graphs.

### 10:05

Infrastructure staff is notified in slack. The hub returns errors for every page.

### 10:30

The replacement host is created and the data volume is detached from the old one.

## 12:10p

The data volume is imported on the new host. The hub is up and DNS is updated.

### 12:40

Students can log in again; the hub is fully operational.

## Conclusion

The old host failed for reasons the provider never explained.
";
    let i = author::import_markdown("hub.qmd", text).unwrap();
    assert_eq!(
        events(&i),
        [
            // Found afterwards from graphs: the harm, not an alert.
            (-15, EventKind::Symptom),
            // The staff told in chat is when anyone knew.
            (0, EventKind::Alert),
            (25, EventKind::Mitigation),
            // "12:10p" is ten past noon, and "## 12:10p" is still the timeline.
            (125, EventKind::Mitigation),
            (155, EventKind::Resolution),
        ]
    );
}
