//! Round thirty-nine of the held-out measurements, in the project's own words: a small team's
//! report under question headings with no timeline, and a long summary whose timeline table
//! has an actor column and whose stakeholder updates are stamped in a section of their own.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn question_headings_give_the_summary_the_cause_and_the_fix() {
    let text = "\
---
title: 2022-03-04 - Empty search page after a cache format change
---

## What was the problem?

A returning visitor opened the search page and saw it empty, with a parse error in the console.

## Why did it happen?

The search page cached its filters in the browser under one key. A release changed the format stored under that key, so old entries no longer parsed.

## How did we fix it?

We renamed the key, so old entries are ignored and the filters are fetched again.
";
    let i = author::import_markdown("cache.md", text).unwrap();
    let sk = &i.skeleton;
    assert!(
        sk.summary
            .as_deref()
            .unwrap_or_default()
            .starts_with("A returning visitor")
    );
    assert!(
        sk.root_cause
            .as_deref()
            .unwrap_or_default()
            .contains("changed the format"),
        "{:?}",
        sk.root_cause
    );
    assert!(
        sk.resolution
            .as_deref()
            .unwrap_or_default()
            .starts_with("We renamed the key")
    );
}

#[test]
fn stamped_stakeholder_updates_are_communications() {
    let text = "\
# Post-Incident Summary: Ledger API rollback

## Incident Timeline

| Time (UTC) | Event | Actor |
|------------|-------|-------|
| **09:10** | Alert fires: `ledger-high-error-rate` | Automated Alert |
| **09:15** | Rollback executed | On-call |
| **09:22** | Error rate back to normal; incident marked as resolved | System |

## Stakeholder Communication

### During Incident
**09:12 UTC - Initial Notification (Slack #incidents):**
> Ledger API failing for some requests. Investigation underway.

**09:20 UTC - Resolution Update:**
> Rollback completed. Error rate back to normal.
";
    let i = author::import_markdown("ledger.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (2, EventKind::Communication),
            (5, EventKind::Mitigation),
            (10, EventKind::Communication),
            (12, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}
