//! Round thirty-one of the held-out measurements, in the project's own words: a note with no
//! heading at all that tells an outage and when; a timeline under a "01-10-2024" day line
//! with tab-indented 12-hour times and day-only rows weeks later; a 12-hour list whose last
//! line recovers and starts the follow-up investigation in one breath.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_note_with_no_heading_that_tells_an_outage_is_a_postmortem() {
    let text = "
Internal write-up: https://example.com/incidents/42

On 3rd March, Feature Flags went down for about 2 hours, from 10:00 to 12:00 UTC.

Our cache started evicting every entry, which caused all clients to retry at once. We spent too long looking at the wrong dashboards.
";
    let i = author::import_markdown("flags.md", text).unwrap();
    // "Feature Flags went down" is the outage, not a lag that fell ("flags" holds no "lag").
    assert_eq!(
        events(&i),
        [(0, EventKind::Symptom), (120, EventKind::Resolution)]
    );
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some("Our cache started evicting every entry, which caused all clients to retry at once.")
    );
}

#[test]
fn a_numeric_day_line_heads_its_times_and_day_only_rows_keep_their_days() {
    let text = "# Chain stall

## Summary

A bug in the block producer made the chain stall until the producers were restarted.

## Timeline (all times PST)

03-04-2024

\t7:32 PM - The chain stalled at height 1200.

\t7:38 PM - Monitoring detected the chain stall; no new blocks for over 5 minutes. Automation restarted the producers and this resolved the issue.

\t7:42 PM - New blocks being created again.

03-20-2024 - The fix was added to the code base.
";
    let i = author::import_markdown("stall.md", text).unwrap();
    let ev = events(&i);
    for want in [
        (-6, EventKind::Symptom),
        (0, EventKind::Alert),
        (4, EventKind::Mitigation),
        // March 20 at the day's start: 15 days and 262 minutes after 19:38 on March 4.
        (15 * 1440 + 262, EventKind::Mitigation),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
}

#[test]
fn a_line_that_recovers_then_starts_the_follow_up_is_the_recovery() {
    let text = "# Website outage

## Timeline (all times approximate)
- 04:49 PM UTC Default branch renamed
- 04:52 PM UTC Site is hard down, operations engineers respond to alarms
- 04:53 PM UTC Operations engineers revert the rename
- 05:00 PM UTC Support ticket opened with the hosting provider
- 05:45 PM UTC Provider engineers recover the stalled pipeline, site begins to recover
- 06:00 PM UTC Site is fully recovered and provider engineers begin investigation into the pipeline bug

## Root Cause

A bug in the provider's publishing pipeline stalled when the branch was renamed.
";
    let i = author::import_markdown("site.md", text).unwrap();
    let ev = events(&i);
    assert_eq!(ev.first(), Some(&(-3, EventKind::Trigger)), "{ev:?}");
    assert_eq!(ev.last(), Some(&(68, EventKind::Resolution)), "{ev:?}");
}
