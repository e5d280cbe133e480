//! Round thirty of the held-out measurements, in the project's own words: one company's
//! public post-mortems (bold UTC times over bullets with a log block between them; a day and
//! time per bullet that opens on the declaration; prose over four days with a date beside each
//! time and a range whose end is days later; a machine's log quoted between two bullets).

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_range_over_days_keeps_each_end_on_its_own_date() {
    let text = "\
Search indexing delays (March 2026)
===================================

Between March 3 and March 6, 2026 a database limit slowed our indexing pipeline.

Summary
-------

From March 3, 9:10 AM UTC to March 5, 2:40 PM UTC the indexing pipeline was severely degraded, delaying new documents by up to a day.

The root cause was not identified until March 4th 11:30pm UTC, more than a day after the delays began.

By March 5, 2026, 14:40 UTC, indexing was healthy again and we turned to the backlog. By March 6, 7:05 AM UTC the backlog was cleared and we had fully recovered.
";
    let i = author::import_markdown("index.md", text).unwrap();
    let ev = events(&i);
    // Minute 0 is the harm's start: the late finding says the team was at work before it.
    for want in [
        (0, EventKind::Symptom),
        (2300, EventKind::Investigation),
        // The range's end, told with its own date, two days on (not clamped to its start).
        (3210, EventKind::Mitigation),
        (4195, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
}

#[test]
fn a_declaration_that_opens_the_timeline_is_the_team_at_work() {
    let text = "\
# Cache workers degraded

Between May 4-7, cache workers ran out of memory more and more often.

## Timeline

All times in UTC.

- **May 4-6** - Occasional out-of-memory kills on the cache workers
- **May 7 18:05** - Incident declared as the kills grow and a 90k task backlog is found
- **May 7 19:10** - Root cause identified
- **May 7 20:00** - **Stabilized**: kills down to one every few minutes, backlog clearing

## Root Cause

A test job had left far more data in one account than the workers could hold in memory.
";
    let i = author::import_markdown("cache.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Escalation),
            (65, EventKind::Investigation),
            (115, EventKind::Mitigation),
        ]
    );
}

#[test]
fn saturation_after_a_deploy_is_the_harm_not_the_change() {
    let text = "\
# Flags service outage

The flags service experienced an outage lasting 90 minutes, from 09:00 to 10:30 UTC.

## Timeline

- **09:00 UTC** - Primary database begins experiencing connection saturation from a post-deployment backfill
- **09:04 UTC** - Unrelated deployment lowers the connection timeout from 1s to 300ms

```
{\"timestamp\":\"2026-03-02T08:59:40Z\",\"level\":\"ERROR\",\"message\":\"pool timed out waiting for a connection\"}
thread 'main' panicked at src/main.rs:119:5:
```

- **09:07 UTC** - Pods begin failing database connections and entering crash loops
- **09:20 UTC** - Incident declared, rollback attempted
- **10:30 UTC** - Service fully restored

## Root Cause

The shorter timeout during the saturation left pods unable to connect.
";
    let i = author::import_markdown("flags.md", text).unwrap();
    let ev = events(&i);
    assert_eq!(ev.first(), Some(&(0, EventKind::Symptom)), "{ev:?}");
    assert!(ev.contains(&(4, EventKind::Trigger)), "{ev:?}");
    // The log quoted between two lines is not an event, though it carries its own stamp.
    assert!(ev.iter().all(|e| e.0 >= 0), "{ev:?}");
    // It is a log line of the game, and the skeleton still validates (its lines in time order)
    // once the TODOs are filled.
    assert!(
        i.skeleton
            .game
            .quoted_logs
            .iter()
            .any(|l| l.contains("panicked at")),
        "{:?}",
        i.skeleton.game.quoted_logs
    );
    let filled = author::fill_todos(&author::render_skeleton(&i.skeleton));
    let f = misfortune_core::load_str("flags.ron", &filled);
    assert_eq!(
        f.errors(),
        0,
        "{}",
        misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false)
    );
}
