//! Round seventy-two of the held-out measurements, in the project's own words: a filled-in
//! template copied from a web page with all its line breaks lost; an office's incident report
//! of paragraphs opening "At 4:54 P.M. MST on Tuesday, 11/24/2020, ..."; and a small host's
//! outage ticket told by the one person on site.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::{events, kinds_at};

#[test]
fn a_page_whose_line_breaks_were_lost() {
    let text = "Postmortem Summary A config push to the payment service left some customers unable to pay for 15 minutes. Support noticed first. Timestamps Event Time Reported May 4, 2025 10:12 AM Impact Start May 4, 2025 10:02 AM Incident Timeline Time (UTC) Event Description 10:00 Config push started 10:02 Customers begin seeing payment errors 10:12 Support reports issue 10:16 Config reverted, payments succeed again 10:20 Incident officially closed What Happened A wrong currency table shipped with the push. Root Cause A currency table generated from an empty source file was pushed to production. Learnings Type Insight What went well Fast revert\n";
    let i = author::import_markdown("pay.md", text).unwrap();
    let got = events(&i);
    let kind_at = |m: i64| kinds_at(&i, m);
    assert!(kind_at(-12).contains(&EventKind::Trigger), "{got:?}");
    assert!(kind_at(-10).contains(&EventKind::Symptom), "{got:?}");
    assert!(kind_at(0).contains(&EventKind::Alert), "{got:?}");
    assert!(kind_at(4).contains(&EventKind::Mitigation), "{got:?}");
    assert!(kind_at(8).contains(&EventKind::Resolution), "{got:?}");
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("empty source file"), "root cause: {cause}");
}

#[test]
fn paragraphs_that_open_with_the_time_and_the_day() {
    let text = "\
Outage Incident Report – 03/02/2021

Description of Incident

At 9:10 A.M. CST on Tuesday, 03/02/2021, IT staff reported that the office's fiber link was down. IT staff opened a ticket with the carrier.

At 9:30 A.M. CST on Tuesday, 03/02/2021, the IT Department updated staff that the phones were affected too.

At 10:05 A.M. CST on Tuesday, 03/02/2021, the carrier began conducting invasive testing on the line.
";
    let i = author::import_markdown("fiber.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Alert),
            (20, EventKind::Communication),
            (55, EventKind::Investigation),
        ]
    );
    // The day after the time is part of the stamp, not the line's text.
    let first = &i.skeleton.timeline[0].2;
    assert!(first.starts_with("IT staff reported"), "{first}");
}

#[test]
fn a_ticket_told_by_the_person_on_site() {
    let text = "\
Outages ticket 1234

At approximately 04:10 on 2 March, a significant outage has been detected on our network.

At 04:10, a first outage condition occurred with a recovery at 04:20. At 04:40 the building lost power.

At approximately 05:15 I arrived on scene; the room was dark.

At 09:00 the utility restored power and communications was restored.

I moved the network to the backup link. This was underway between 09:30 and 10:10.
";
    let i = author::import_markdown("ticket.md", text).unwrap();
    let got = events(&i);
    let kind_at = |m: i64| kinds_at(&i, m);
    assert!(kind_at(0).contains(&EventKind::Alert), "{got:?}");
    // "with a recovery at 04:20" is an event of its own.
    assert!(kind_at(10).contains(&EventKind::Mitigation), "{got:?}");
    assert!(kind_at(65).contains(&EventKind::Investigation), "{got:?}");
    // The network's communications coming back is the service, not people told.
    assert!(kind_at(290).contains(&EventKind::Mitigation), "{got:?}");
    // A span of work told after it is work, not harm.
    assert!(kind_at(320).contains(&EventKind::Mitigation), "{got:?}");
}
