//! Round seventy-eight of the held-out measurements, in the project's own words: a short
//! report opened by "We realized that ...", ending when two people confirm things "launch
//! fine"; and a day of fixes that each "resolved the issue" only for a while before the last
//! one ended it.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn realized_first_and_confirmed_fine_last() {
    let text = "\
# 2019-02-12, Launch fail

## Timeline

### 2019-02-12 09:03

We realized that usage was high. Tried a build and it never got past launching.

### 09:06

From the dashboard we realized that all pods were failing to launch.

### 09:08

We delete the proxy and hub pods.

### 09:09

Two people confirm that their sessions now launch fine.
";
    let i = author::import_markdown("launch.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (3, EventKind::Investigation),
            (5, EventKind::Mitigation),
            (6, EventKind::Resolution),
        ]
    );
}

#[test]
fn resolved_for_a_while_is_not_the_end() {
    let text = "\
# 2019-07-30, builds saturate the CPU

## Timeline

### 2019-07-30 10:00

We notice that launches are not happening.

### 11:00

- Deleted the builder pod; launches return to normal.
- This resolved the issue a second time.

### 12:00

Deleted several evicted pods.

### 12:30

We realize that the demo repository has been updated and is still building.

### 13:00

The demo repository is banned, and behaviour returns to normal.
";
    let i = author::import_markdown("cpu.md", text).unwrap();
    let got = events(&i);
    let at = |m: i64| got.iter().find(|e| e.0 == m).map(|e| e.1);
    assert_eq!(at(120), Some(EventKind::Mitigation), "{got:?}");
    assert_eq!(at(150), Some(EventKind::Investigation), "{got:?}");
    assert_eq!(got.last(), Some(&(180, EventKind::Resolution)), "{got:?}");
}
