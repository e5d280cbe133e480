//! Round forty-eight of the held-out measurements, in the project's own words: a course
//! write-up that pastes the same incident twice (two "Timeline:" blocks over the same times),
//! and an old blog post with an unfenced header ("title: ..." / "slug: ...") whose only times
//! are a list of downtime windows over several days.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_timeline_told_twice_is_read_once() {
    let text = "\
Issue Summary:
On 4 April 2024, from 9:00 AM to 10:00 AM (CET), checkout was slow for a third of our users.

Timeline:

    9:00 AM: Users complained that checkout hung on the payment step.
    9:10 AM: The team escalated the incident to the payments team.
    9:30 AM: The payments team found a lock held by a stuck batch job, leading to slow checkouts and increased load on the database.
    9:45 AM: The payments team stopped the batch job, which resolved the issue.
    10:00 AM: The issue was fully resolved.

Issue Summary:
On 4 April 2024 checkout was slow for an hour.

Timeline:

    9:00 AM: Users report that checkout hangs.
    9:10 AM: The payments team is called in.
    9:30 AM: They find a lock held by a stuck batch job.
    9:45 AM: The batch job is stopped and the issue is resolved.
    10:00 AM: The issue is fully resolved.
";
    let i = author::import_markdown("twice.txt", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (10, EventKind::Escalation),
            (30, EventKind::Investigation),
            (45, EventKind::Mitigation),
            (60, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
}

#[test]
fn downtime_windows_under_an_unfenced_header_are_spells_of_harm() {
    let text = "\
date: Mon Mar 3 10:00:00 PST 2014
author: A. Maintainer
title: Keeping the mirror up
slug: mirror-post-mortem

Between February 10th and February 14th 2014 the package mirror was down three times:

1. February 10th -- 08:00 to 09:30 UTC
2. February 12th -- 14:00 to 15:00 UTC
3. February 14th -- 07:00 to 07:45 UTC

The root cause of these outages was a disk too small for the index.
";
    let i = author::import_markdown("mirror.md", text).unwrap();
    assert_eq!(i.skeleton.title.as_deref(), Some("Keeping the mirror up"));
    let day = 24 * 60;
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Symptom),
            (90, EventKind::Mitigation),
            (2 * day + 360, EventKind::Symptom),
            (2 * day + 420, EventKind::Mitigation),
            (4 * day - 60, EventKind::Symptom),
            (4 * day - 15, EventKind::Resolution),
        ],
        "{:#?}",
        i.skeleton.timeline
    );
    let cause = i.skeleton.root_cause.clone().unwrap_or_default();
    assert!(cause.contains("disk too small"), "{cause}");
}
