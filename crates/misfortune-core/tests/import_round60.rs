//! Round sixty of the held-out measurements, in the project's own words: a class report in
//! HTML whose section names are bare paragraphs and whose timeline is times over `<br>`, and a
//! home lab's two-day outage whose alerts fired but reached nobody.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn bare_paragraph_section_names_in_html_are_headings() {
    let text = "\
<div><h2>Postmortem: Redis refusing writes</h2></div>
<p>Incident Summary:</p>
<p>Between 2:00 PM and 3:10 PM on May 3, 2024, checkout failed because Redis refused writes. The issue was detected by our monitoring system, which alerted the on-call engineer.</p>
<p>Detection</p>
<p>The incident was detected at 2:04 PM by an alert on failed checkouts.</p>
<p>Timeline</p>
<p>1:50 PM UTC<br>
Memory limit lowered in a routine config change.</p>
<p>2:00 PM UTC<br>
Redis starts refusing writes; checkout fails.</p>
<p>2:04 PM UTC<br>
Alert fires; on-call engineer is paged.</p>
<p>2:40 PM UTC<br>
Memory limit restored.</p>
<p>3:10 PM UTC<br>
Checkout working again.</p>
<p>Root Cause</p>
<p>The root cause was a memory limit set below the working set.</p>
";
    let i = author::import_markdown("redis.html", text).unwrap();
    // Minute 0 is the alert, not the summary's start of the harm read as one.
    assert_eq!(
        events(&i),
        [
            (-14, EventKind::Trigger),
            (-4, EventKind::Symptom),
            (0, EventKind::Alert),
            (36, EventKind::Mitigation),
            (66, EventKind::Mitigation),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("memory limit set below"), "{cause}");
}

#[test]
fn alerts_that_reached_nobody_are_not_minute_0() {
    let text = "\
# INC-7: the storage node that went dark for a day

## Timeline

| Time | Event |
| --- | --- |
| 2026-03-02 08:00:00 | `node-2` Ready condition transitions to Unknown; the host stops reporting |
| 2026-03-02 ~08:05 | Pods reschedule and wait in `ContainerCreating`. Prometheus alerts fire and are discarded |
| 2026-03-03 09:00 | Operator restarts the host |
| 2026-03-03 09:05 | `node-2` back; web `1/1 Running` |
| 2026-03-03 10:00 | Volume resized while mounted |
| 2026-03-03 ~10:02 onward | `api` accumulates 90 restarts |
| 2026-03-03 11:00 | Consumers scaled down and up again; all three `1/1 Running` |
";
    let i = author::import_markdown("node.md", text).unwrap();
    let ev = events(&i);
    // With no alert that reached a person, the outage's start is minute 0.
    assert_eq!(ev.first(), Some(&(0, EventKind::Symptom)), "{ev:?}");
    assert!(ev.contains(&(5, EventKind::Alert)), "{ev:?}");
    // A count of restarts is the harm; the cell's "onward" is not its text.
    let onward = i
        .skeleton
        .timeline
        .iter()
        .find(|e| e.2.contains("90 restarts"))
        .expect("the restarts line");
    assert_eq!(onward.1, EventKind::Symptom);
    assert!(onward.2.starts_with("api"), "{}", onward.2);
    // Every pod back after an earlier recovery ends it.
    assert_eq!(ev.last(), Some(&(1620, EventKind::Resolution)), "{ev:?}");
}
