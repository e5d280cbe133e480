//! Round eighty of the held-out measurements, in the project's own words: a compliance
//! incident told in days, opened by a regulator's letter; a debugging case study whose summary
//! speaks of itself, with relative times; a stale-cache investigation told as findings.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kind_at};

#[test]
fn a_letter_received_opens_a_timeline_of_days() {
    let text = "\
# Data retention breach

## Timeline

| Time | Event |
|------|-------|
| 2021-03-01 | Regulator's complaint letter received by the privacy office |
| 2021-03-03 | Engineering team notified, investigation begins |
| 2021-03-04 | Confirmed old exports were never deleted |
| 2021-03-05 | Stale exports identified and suspended |
| 2021-03-20 | Settlement agreement reached with the regulator |
";
    let i = author::import_markdown("retention.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (2880, EventKind::Escalation),
            (4320, EventKind::Investigation),
            (5760, EventKind::Mitigation),
            (27360, EventKind::Resolution),
        ]
    );
}

#[test]
fn a_summary_about_the_write_up_gives_way_to_the_issue_line() {
    let text = "\
# Case study: the blank checkout page

**Issue**: Checkout page renders, then goes blank in production

## Executive Summary

This case study describes a long debugging session and what it teaches about reading the
evidence first.

## Timeline

| Time | Action | Result |
|------|--------|--------|
| T+0 | Customer reports a blank checkout page | Escalated |
| T+1h | Debug logging enabled on the web tier | Errors captured |
| T+3h | Fixed the bundler configuration | Issue resolved |
";
    let i = author::import_markdown("blank.md", text).unwrap();
    let summary = i.skeleton.summary.as_deref().unwrap_or("");
    assert!(summary.contains("goes blank"), "{summary}");
    assert_eq!(
        kind_at(&i, 60),
        Some(EventKind::Investigation),
        "{:?}",
        events(&i)
    );
}

#[test]
fn findings_that_look_like_fixes_are_findings() {
    let text = "\
# Prices stale after an update

## Timeline

| Time | Event |
|---|---|
| 08:00 | Shop owner reports that new prices do not show |
| 08:03 | Reproduced: PATCH saves the new price, GET still returns the old one |
| 08:05 | psql shows the price is correct in the table; the write landed |
| 08:09 | Blast radius measured: 40 products, 3 shops |
";
    let i = author::import_markdown("prices.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (3, EventKind::Investigation),
            (5, EventKind::Investigation),
            (9, EventKind::Investigation),
        ]
    );
}
