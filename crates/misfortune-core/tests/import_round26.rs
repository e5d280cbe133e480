//! Round twenty-six of the held-out measurements, in the project's own words: a collection's
//! retellings of other people's postmortems, with a front matter that holds the summary and
//! prose that moves across days ("at ~21:30 UTC on April 21", "on April 22"), or a bold date
//! and time that opens each day's paragraph ("**30 July 2012, 02:33 IST.**").

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

#[test]
fn prose_over_two_days_keeps_each_sentence_on_its_day() {
    let text = "\
---
title: Chat service outage, 3rd and 4th May 2021
company: Example Chat
summary: The chat service was unavailable for about a day after its database ran out of connections. Some messages were lost.
---

A spike in bot traffic exhausted the database's connections and made the chat service hang at ~09:10 UTC on May 3, 2021. The team restarted the service, ending the first outage.

The restart left a stale cache of channel members. The service was taken offline at ~18:40 UTC on May 3 to clear it. Between 02:15 and 03:00 UTC on May 4 some users still saw channels they had left. The service was taken offline a second time at ~03:00 UTC, and every session was reset. The service was brought back at ~11:20 UTC on May 4.
";
    let i = author::import_markdown("chat.md", text).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.summary.as_deref(),
        Some(
            "The chat service was unavailable for about a day after its database ran out of connections. Some messages were lost."
        )
    );
    let ev = events(&i);
    // 09:10 on the 3rd is minute 0; the 4th's times are a day on, in the order told.
    for want in [
        (0, EventKind::Symptom),
        (570, EventKind::Mitigation),
        (1025, EventKind::Symptom),
        (1070, EventKind::Mitigation),
        // The first recovery told is the fix taking hold (no earlier one, no "resolved").
        (1570, EventKind::Mitigation),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
}

#[test]
fn a_bold_date_and_time_opens_each_days_paragraph() {
    let text = "\
---
title: Regional power grid collapses on two days
summary: Two grid collapses on consecutive days after a line tripped on an overloaded corridor.
---

**12 March 2019, 04:10 CET.** The main north line tripped on the overloaded corridor; cascading separations followed within seconds. Restoration began at once. Half of the load was back by 07:00 CET and full restoration was achieved by 11:30 CET.

**13 March 2019, 14:20 CET.** A similar disturbance took down three regions together. The system was fully restored by ~20:05 CET.
";
    let i = author::import_markdown("grid.md", text).unwrap();
    let ev = events(&i);
    assert_eq!(ev.first(), Some(&(0, EventKind::Trigger)), "{ev:?}");
    for want in [
        (170, EventKind::Mitigation),
        (440, EventKind::Mitigation),
        (2050, EventKind::Symptom),
        (2395, EventKind::Resolution),
    ] {
        assert!(ev.contains(&want), "{want:?} in {ev:?}");
    }
    // The bold stamp is the time of the sentence after it, which keeps its words.
    let first = &i.skeleton.timeline[0].2;
    assert!(first.contains("main north line tripped"), "{first}");
}

#[test]
fn a_company_named_like_a_pager_is_not_an_alert() {
    let text = "\
---
title: DNS change breaks the cluster
summary: A DNS change broke name resolution in the cluster.
---

On March 2nd, 2022, at 10:05 UTC, PagerDuty deployed a DNS configuration change to its cluster. All services in the cluster could not resolve names.
";
    let i = author::import_markdown("dns.md", text).unwrap();
    assert_eq!(events(&i), [(0, EventKind::Trigger)]);
}

#[test]
fn the_first_sentence_that_says_what_caused_it_beats_a_later_because() {
    let text = "\
---
title: Wiki outage
---

A burst of crawler traffic saturated the wiki's database and caused it to stall at ~10:00 UTC on June 2, 2022. The team restarted the database.

Between 12:10 and 12:40 UTC on June 2 some pages still showed stale edits, because the page cache had kept them. The cache was flushed at ~12:40 UTC.
";
    let i = author::import_markdown("wiki.md", text).unwrap();
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some(
            "A burst of crawler traffic saturated the wiki's database and caused it to stall at ~10:00 UTC on June 2, 2022."
        )
    );
}
