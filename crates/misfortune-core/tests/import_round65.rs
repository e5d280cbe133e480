//! Round sixty-five of the held-out measurements, in the project's own words: short blog
//! postmortems whose timeline is a two-column table, where the team is told in a bare
//! "Ops team notified" cell, the team's first look is a label ("Investigation begins: ..."),
//! and the first row is the release tooling breaking rather than a change.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_broken_release_pipeline_a_notified_team_and_an_unblocked_queue() {
    let text = "\
---
title: Releases stuck behind a name clash
date: 2025-03-04
---

## Timeline

| Time (UTC) | Event |
|---|---|
| 08:00 | Release pipeline for the web tier fails |
| 08:06 | Ops team notified – release queue stuck |
| 08:15 | Investigation begins: helm errors in the job output |
| 08:40 | Cause found: two charts claim the same release name |
| 08:50 | Chart renamed and pushed |
| 09:05 | Releases unblocked and checked |

## Root Cause

Two charts were given the same release name, so the second install was refused.
";
    let i = author::import_markdown("clash.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            // The pipeline breaking is the harm, not a change made: nobody shipped anything.
            (-6, EventKind::Symptom),
            // The team being told is the alert that opens the incident.
            (0, EventKind::Alert),
            (9, EventKind::Investigation),
            (34, EventKind::Investigation),
            (44, EventKind::Mitigation),
            (59, EventKind::Resolution),
        ]
    );
}

#[test]
fn a_release_that_fails_is_still_the_change() {
    // The tooling exception is narrow: a release that went out and failed set things off.
    let text = "\
## Timeline

| Time (UTC) | Event |
|---|---|
| 10:00 | Release 4.2 of the billing service rolled out and fails health checks |
| 10:04 | On-call paged for billing errors |
| 10:20 | Release rolled back; errors stop |
";
    let i = author::import_markdown("bill.md", text).unwrap();
    assert_eq!(events(&i)[0], (-4, EventKind::Trigger));
    assert_eq!(events(&i)[1], (0, EventKind::Alert));
}

#[test]
fn vietnamese_headings_and_the_day_before() {
    // A template kept in Vietnamese: its headings are read as the English sections, and a
    // time marked "(ngày hôm trước)" falls on the day before the rows under it.
    let text = "\
---
title: Hàng đợi thanh toán bị treo
date: 2025-05-06
---

## Tổng quan sự cố

Hàng đợi thanh toán ngừng xử lý sau một thay đổi cấu hình.

## Dòng thời gian

| Thời gian (UTC) | Sự kiện |
|---|---|
| 22:40 (ngày hôm trước) | Cấu hình mới của hàng đợi được áp dụng. |
| 07:10 | Đội trực nhận cảnh báo: hàng đợi không giảm. |
| 07:50 | Cấu hình cũ được khôi phục. |

## Nguyên nhân gốc rễ

Giới hạn số worker bị đặt về 0 trong cấu hình mới.
";
    let i = author::import_markdown("queue.md", text).unwrap();
    let minutes: Vec<i64> = events(&i).iter().map(|e| e.0).collect();
    assert_eq!(minutes.len(), 3);
    // Eight and a half hours from the change to the alert, forty minutes to the fix.
    assert_eq!(minutes[1] - minutes[0], 510);
    assert_eq!(minutes[2] - minutes[1], 40);
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("worker"), "root cause: {cause}");
}
