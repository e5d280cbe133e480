//! Round forty-nine of the held-out measurements, in the project's own words: a department
//! web developer's blog post whose only times are in one sentence, the site going down for a
//! maintenance "and lasted until" the next day, with its lead-up under "Precursors".

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_harm_that_lasted_until_the_next_day_ends_there() {
    let text = "\
---
layout: post
title: \"Booking Site Downtime Postmortem\"
---

# Postmortem

On Tuesday, March 5th, 2019 at approximately 9:10am our booking site went down to move it to a new server and lasted until Wednesday, March 6th, at 11:40am.

## Precursors

A week earlier a failed upgrade had left the old server half configured.

## What happened

The move copied last month's database instead of last night's, so the site could not start.
";
    let i = author::import_markdown("booking.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Symptom),
            (24 * 60 + 150, EventKind::Resolution)
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    assert!(
        i.skeleton
            .contributing
            .iter()
            .any(|c| c.contains("failed upgrade")),
        "{:#?}",
        i.skeleton.contributing
    );
}
