//! Round seventy-six of the held-out measurements, in the project's own words: a community
//! service's report whose time heading holds only a bullet ending in a colon over a pasted
//! listing, and a long day where a report of errors comes after the team was already at work.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_bullet_ending_in_a_colon_is_the_headings_line() {
    let text = "\
# 2019-04-01, launch failures

## Timeline

### 2019-04-01 10:00

Problem is identified

* Launch success rate drops quickly

### 10:20

* Errors on the build pods:

```
Warning  FailedMount  4m  kubelet  read-only file system
```

### 11:00

* Decided to replace the two oldest nodes
";
    let i = author::import_markdown("mounts.md", text).unwrap();
    let minutes: Vec<i64> = events(&i).iter().map(|e| e.0).collect();
    assert!(minutes.contains(&20), "{minutes:?}");
}

#[test]
fn a_report_after_the_team_is_at_work_is_not_the_detection() {
    let text = "\
# 2020-05-10, slow builds

## Summary

Builds waited for hours. The problem was that one popular repository held every build slot.

## Timeline

### 2020-05-10 08:00

Start of incident. A new builder version is deployed and the build cache is wiped.

### 17:00

Builds are backlogged. Decision taken to add two nodes for building.

### 17:30

New builds weren't starting. We looked at the builder logs.

### 18:10

Reports of builds failing with \"no disk space\". Recreated the node pool.

### 21:00

Decide to ban the popular repository until its build is done.
";
    let i = author::import_markdown("builds.md", text).unwrap();
    let got = events(&i);
    // The team acted on the backlog at 17:00, minute 0; the report at 18:10 is the harm going
    // on, not the detection (which would have put minute 0 there).
    assert_eq!(got[0].0, -540, "{got:?}");
    assert!(got.iter().any(|e| e.0 == 0), "{got:?}");
    let report = got.iter().find(|e| e.0 == 70).map(|e| e.1);
    assert_eq!(report, Some(EventKind::Symptom), "{got:?}");
    assert_eq!(got.last(), Some(&(240, EventKind::Mitigation)), "{got:?}");
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("build slot"), "root cause: {cause}");
}
