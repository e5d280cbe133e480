//! Round fifty-six of the held-out measurements, in the project's own words: a plain-text
//! report whose section names stand alone with no markup and whose clock slips to "PM" for one
//! line, a bulleted report about a replaced load balancer, and a blog's lessons from an outage
//! its writer caused.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn a_section_name_alone_ends_the_timeline_and_one_slipped_pm_is_read_as_am() {
    let text = "\
Outage summary
From 9:05 AM to 11:40 AM the office network was down for everyone.



Timeline (all times local)
9:05 AM: Network outage begins
9:10 AM: Mail sent to the ISP, followed by a phone call
9:50 AM: ISP communicated back that the line was fine, they could communicate with our router.
10:30 PM: Started reconfiguring the firewall on a spare port
11:40 AM: Office back online
Root Cause

At 6:15 PM the evening before, the firewall's new WAN port had been left at half duplex.
";
    let i = author::import_markdown("office.md", text).unwrap();
    // "10:30 PM" between 9:50 and 11:40 in the morning is 10:30 AM, not a night gone by; the
    // root cause's own time is not a timeline line.
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Symptom),
            (5, EventKind::Escalation),
            (45, EventKind::Investigation),
            (85, EventKind::Mitigation),
            (155, EventKind::Mitigation),
        ]
    );
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(cause.contains("half duplex"), "{cause}");
}

#[test]
fn a_load_balancer_is_a_thing_and_a_replacement_put_in_is_the_fix() {
    let text = "\
# Checkout outage

## Timeline
- 14:02 : The proxy host's load balancer CPU steal time climbs sharply.
- 14:06 : Monitoring pages us: checkout returns 502s. The team starts to look.
- 14:09 : We've determined the proxy host's disk has failed. We start bringing a new proxy online
- 14:15 : The new proxy is ready to serve requests.
- 14:30 : DNS has propagated, and the new proxy begins serving requests. We notice an old hostname still points at the dead host.
- 14:41 : Old hostname updated.
- 15:00 : Service is fully restored.
";
    let i = author::import_markdown("proxy.md", text).unwrap();
    assert_eq!(
        events(&i),
        [
            (-4, EventKind::Symptom),
            (0, EventKind::Alert),
            (3, EventKind::Mitigation),
            (9, EventKind::Mitigation),
            (24, EventKind::Mitigation),
            (35, EventKind::Mitigation),
            (54, EventKind::Resolution),
        ]
    );
}

#[test]
fn the_outage_was_caused_by_beats_a_writer_who_caused_it() {
    let text = "\
title: What a switch swap taught me

I caused an outage on Tuesday.

It was short, but the storage cluster took an hour to settle afterwards, which caused a long tail of slow requests.

### Check the order of work

The outage was caused by the fact that the access links were patched in before the uplinks, so the new switch drew traffic it could not forward.
";
    let i = author::import_markdown("switch.md", text).unwrap();
    let cause = i.skeleton.root_cause.as_deref().unwrap_or_default();
    assert!(
        cause.contains("access links were patched in before the uplinks"),
        "{cause}"
    );
}
