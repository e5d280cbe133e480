//! Round sixty-three of the held-out measurements, in the project's own words: two more of the
//! university platform's incident pages, a night of rebuilding a wiped database.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn errors_showing_up_in_logs_advice_to_users_and_direct_table_edits() {
    let text = "\
---
title: Course hub database wiped
date: 2018-03-01
---

## Summary

The hub's user database was emptied during debugging and rebuilt overnight.

## Timeline

### 2018-03-01 00:40 - 00:44 AM

Trying a change by hand in the database shell while debugging login errors.

### 0:45 AM

An exception shows up in hub logs.

### 1:30 AM

A student reports that all their notebooks are gone.

### 2:10 AM

The lecturer advises students to use the backup hub for now.

### 3:00 AM

Directly modifying the user table to restore the old ids seems to work for people.

### 3:20 AM

All clear given for the hub.
";
    let i = author::import_markdown("wipe.qmd", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-50, EventKind::Trigger),
            // An error appearing in the logs is the harm, not someone looking.
            (-45, EventKind::Symptom),
            (0, EventKind::Alert),
            // Telling students where to go is communication.
            (40, EventKind::Communication),
            // "Directly modifying" is the fix, however it is put.
            (90, EventKind::Mitigation),
            (110, EventKind::Resolution),
        ]
    );
    // The heading's range ends "00:44 AM": its "AM" is not the event's text.
    let first = &i.skeleton.before_start[0].2;
    assert!(first.starts_with("Trying a change"), "{first}");
}
