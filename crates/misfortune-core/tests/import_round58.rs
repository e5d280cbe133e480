//! Round fifty-eight of the held-out measurements, in the project's own words: the notes of a
//! postmortem meeting (numbered sections, times in sentences and bold labels), a blog whose
//! team posted its updates in a fenced chat log, and a table-timeline report stamped to the
//! second.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn meeting_notes_give_their_times_labels_and_the_night_before() {
    let text = "\
# Review meeting — search outage

**Date:** 2026-05-02
**Time:** 15:00 – 15:45 UTC
**Severity:** SEV-2

## 1. What happened

At 09:10 UTC, search started returning HTTP 500 for some queries.

Root cause: the index pool leaked connections after a release the evening before.

## 2. How we noticed

- **Monitor \"search-5xx\"** paged at 09:14 UTC when errors crossed 1%.
- Customer Support saw a spike of \"search is broken\" tickets around 09:18 UTC — Sam posted in #incidents.

## 3. What we did to investigate

1. Kim opened the release history and confirmed release 4.2 had gone out at 21:30 UTC the previous night.
2. She checked the pool metric and confirmed the leak — the pool filled steadily from 08:50 until it hit its cap.

## 4. What we did to fix it

1. **Mitigation (09:30 UTC):** Kim rolled back release 4.2. Errors returned to baseline by 09:40 UTC.
2. **Permanent fix:** Kim wrote the patch that afternoon. It merged at 14:05 UTC.
";
    let i = author::import_markdown("search.md", text).unwrap();
    let ev = events(&i);
    for want in [
        // The release the night before, not at half past nine in the evening after.
        (-704, EventKind::Trigger),
        // The clause after the dash is what happened at 08:50.
        (-24, EventKind::Symptom),
        (-4, EventKind::Symptom),
        (0, EventKind::Alert),
        // A spike of tickets after the page is the harm growing (its count of reports).
        (4, EventKind::Symptom),
        // "Mitigation (09:30 UTC):" is when the rollback was done.
        (16, EventKind::Mitigation),
        (26, EventKind::Mitigation),
        // The label names the merge the sentence after it tells.
        (291, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    // The meeting's own time is not an event of the incident.
    assert!(ev.iter().all(|e| e.0 != 346 && e.0 != 391), "{ev:?}");
}

#[test]
fn a_fenced_chat_log_under_communication_is_the_updates_posted() {
    let text = "\
# Checkout outage

## Timeline

| Time (UTC) | Event |
|---|---|
| 10:00:05 | Config change deployed |
| 10:00:40 | Pager alert fired |
| 10:06:00 | Change reverted |
| 10:07:00 | Service fully recovered |

## What went well

### Communication

The incident lead kept everyone informed in Slack:

```
10:01 - Checkout down, investigating
10:06 - Reverting the config change
10:15 - All green, incident resolved
```
";
    let i = author::import_markdown("checkout.md", text).unwrap();
    let ev = events(&i);
    for want in [
        (0, EventKind::Communication),
        (5, EventKind::Communication),
        (14, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
}

#[test]
fn a_lead_in_under_root_cause_analysis_is_not_the_cause() {
    let text = "\
# Checkout outage

## Timeline

- 10:00 Pager alert fired for checkout errors
- 10:06 Config change reverted

## Root Cause Analysis

Let's dig into why this happened. It is never one thing.

### The Five Whys

1. **Why did checkout fail?** The pool was exhausted.
2. **Why was it exhausted?** The config set it ten times too large.

**Root cause:** nothing validated configuration before it shipped.
";
    let i = author::import_markdown("rca.md", text).unwrap();
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("nothing validated configuration"), "{cause}");
}
