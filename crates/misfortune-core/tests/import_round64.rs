//! Round sixty-four of the held-out measurements, in the project's own words: incident pages
//! whose time headings still carry a template's braces, whose first line is a report in a course
//! forum or an issue a user raised, and which paste terminal sessions under a time.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn template_braces_a_raised_issue_and_a_last_fixed_report() {
    let text = "\
---
title: Hubs failing after an image rebuild
date: 2023-02-01
---

## Timeline

### {{ 06:10 }}

A lecturer raised a github issue saying the R hub would not start.

### {{ 07:00 }}

A fix was made to get the R hub working.

### {{ 08:30 }}

Teaching assistants for one class reported that the error was fixed.

### {{ 09:00 }}

Teaching assistants for the other class reported that the error was fixed.
";
    let i = author::import_markdown("image.qmd", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (50, EventKind::Mitigation),
            // The first report that it was fixed is the fix taking hold; the last, the end.
            (140, EventKind::Mitigation),
            (170, EventKind::Resolution),
        ]
    );
}

#[test]
fn a_forum_report_opens_and_a_terminal_session_is_not_the_timeline() {
    let text = "\
---
title: Servers stuck on two nodes
date: 2017-11-02
---

## Timeline

### 10:45a

A report in the course forum said that two students couldn't start their servers.

### 12:00

The stuck pods were forcefully deleted and the node was cordoned.

### 13:00

```
admin@node-9:~$ ps aux | grep exe | head -2
root        329  0.0  0.0 126772  9812 ?        Dsl  00:36   0:00 /proc/self/exe init
root        647  0.0  0.0 127028  8124 ?        Dsl  13:07   0:00 /proc/self/exe init
```

### 13:30

The node was restarted and came back online.
";
    let i = author::import_markdown("nodes.qmd", text).unwrap();
    let ev = events(&i);
    assert_eq!(ev.first(), Some(&(0, EventKind::Alert)), "{ev:?}");
    // The process list's own times are not events, nor does it push the day on.
    assert!(ev.iter().all(|e| e.0 <= 165), "{ev:?}");
    assert!(ev.contains(&(165, EventKind::Mitigation)), "{ev:?}");
}
