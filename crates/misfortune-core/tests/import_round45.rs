//! Round forty-five of the held-out measurements, in the project's own words: timeline tables
//! with a "Source" column (where each fact was read: "Runtime logs", "Change record", "Support"),
//! and an on-call's triage write-up that ranks its hypotheses, marks two of them as effects and
//! plans its first minutes in "T+" offsets beside a timeline of clock times.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, theory_names};

const TRIAGE: &str = "\
# Incident INC-88: checkout 5xx

## Triage

### Hypotheses, most likely first

**1. Disk pressure on the cache nodes (MOST LIKELY)**

The cache logs fill with write stalls from 13:41, right after the eviction setting changed.

**2. Payment gateway slowness (CONSEQUENCE OF #1)**

Gateway timeouts start at 13:50, once the cache is already stalling.

**3. Load balancer flapping (SIDE EFFECT)**

Health checks fail because the backends are slow.

### First minutes

1. **Look at the damage** (T+0): the checkout dashboard and the cache dashboard.
2. **Find the change** (T+3): everything shipped in the last two hours.
3. **Roll it back** (T+6).

## Postmortem

### Timeline

| Time (CET) | What happened | Source |
|------------|---------------|--------|
| 13:30 | Eviction setting change is approved | Change record |
| 13:40 | Activation of the new cache alerts bundle | Change record |
| 13:41 | Cache write stalls begin | Cache logs |
| 13:47 | First checkout errors | Router logs |
| 13:47 | First gateway timeouts | Router logs |
| 13:52 | **ALERT:** checkout 5xx above 3% | Pager |
| 13:53 | First support ticket about failed payments | Support |
| 13:56 | Avalanche of support tickets | Support |
| 14:01 | Eviction setting rolled back | On-call |
| 14:20 | Checkout errors back to normal | Router logs |

### Root cause

The eviction change let the cache fill its disks, and writes stalled.
";

#[test]
fn a_source_column_says_where_a_fact_was_read_not_who_acted() {
    let i = author::import_markdown("inc88.md", TRIAGE).unwrap();
    assert_eq!(
        events(&i),
        [
            (-22, EventKind::Trigger),
            (-12, EventKind::Trigger),
            (-11, EventKind::Symptom),
            (-5, EventKind::Symptom),
            (-5, EventKind::Symptom),
            (0, EventKind::Alert),
            (1, EventKind::Alert),
            (4, EventKind::Symptom),
            (9, EventKind::Mitigation),
            (28, EventKind::Mitigation),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    // The source follows what happened, in brackets.
    let told: Vec<&str> = i.skeleton.timeline.iter().map(|e| e.2.as_str()).collect();
    assert!(
        told.contains(&"First support ticket about failed payments (Support)"),
        "{told:#?}"
    );
}

#[test]
fn a_plan_in_offsets_beside_clock_times_keeps_the_start_time() {
    let i = author::import_markdown("inc88.md", TRIAGE).unwrap();
    assert_eq!(i.skeleton.starts_at.as_deref(), Some("13:52"));
}

#[test]
fn hypotheses_marked_as_effects_are_wrong_theories() {
    let i = author::import_markdown("inc88.md", TRIAGE).unwrap();
    let names = theory_names(&i);
    assert!(
        names.iter().any(|n| n == "Payment gateway slowness"),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n == "Load balancer flapping"),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("Disk pressure")),
        "{names:?}"
    );
}
