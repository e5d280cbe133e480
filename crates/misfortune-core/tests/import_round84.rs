//! Round eighty-four of the held-out measurements, in the project's own words: a chaos exercise
//! told in a code block of "HH:MM - ..." lines, where the screen showed the harm before the
//! alarm and the last line says the new instances passed their checks.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_screen_showing_the_harm_before_the_alarm_and_instances_that_passed_their_checks() {
    let text = "\
# Exercise 3: broken boot script

## Timeline (UTC)

```
10:00 - Stopped a healthy node to make the group replace it
10:03 - Replacement node started, its health checks failed
10:04 - Graph showing 2 healthy and 1 unhealthy node
10:05 - Alarm \"Group-Node-Unhealthy\" triggered
10:06 - Read the boot log on the unhealthy node: package not found
10:08 - Fixed the package name in the boot script
10:12 - Replacement nodes started and passed health checks
```
";
    let i = author::import_markdown("exercise.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-5, EventKind::Trigger),
            (-2, EventKind::Symptom),
            (-1, EventKind::Symptom),
            (0, EventKind::Alert),
            (1, EventKind::Investigation),
            (3, EventKind::Mitigation),
            (7, EventKind::Mitigation),
        ]
    );
}
