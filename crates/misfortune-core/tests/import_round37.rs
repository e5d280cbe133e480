//! Round thirty-seven of the held-out measurements, in the project's own words: a wiki page
//! pasted as text ("Timeline[edit | edit source]" headings, "•" bullets, a summary that is a
//! template's questions answered), short course write-ups in plain text, and a heading with its
//! first sentence run into it.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

const WIKI: &str = "\
From the Example Meta wiki, the community's coordination wiki

All wikis using the video player were down for about half an hour, after an old library it needs was removed by mistake.

Summary[edit | edit source]

Provide a summary of the incident:

  • What services were affected?
    • Wikis using the video player
  • How long was there a visible outage?
    • Wikis visibly down: 31 minutes. Video uploads lost until 9:40 UTC.
  • Was it caused by human error, supply/demand issues or something unknown currently?
    • Yes, removing an old library that the player needs.

Timeline[edit | edit source]

All times are in UTC.

  • 08:10 The old library is removed by Robin, as it looked abandoned upstream.
  • 08:11 Robin begins removing the library from every server.
  • 08:14 Sam also tells Robin that the wikis are broken.
  • 08:15 Kai states that the library is old, but the player cannot load without it
  • 08:25 Reports of broken pages come in from several wikis.
  • 08:28 Robin restores the library and the player loads again.

Quick facts[edit | edit source]

  • Was the cause preventable by us?
    • Yes
";

#[test]
fn a_pasted_wiki_page_reads_as_a_postmortem() {
    let i = author::import_markdown("wiki.txt", WIKI).unwrap();
    let sk = &i.skeleton;
    // The questions answered are not the summary; the page's opening line is.
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .starts_with("All wikis using the video player"),
        "{:?}",
        sk.summary
    );
    // Someone telling the person who made the change that the wikis are broken is how they
    // found out.
    assert_eq!(sk.starts_at.as_deref(), Some("08:14"), "{:?}", sk.timeline);
    assert_eq!(
        events(&i),
        [
            (-4, EventKind::Trigger),
            (-3, EventKind::Trigger),
            (0, EventKind::Alert),
            (1, EventKind::Investigation),
            (11, EventKind::Symptom),
            (14, EventKind::Mitigation),
            // "Video uploads lost until 9:40 UTC": where the summary says the harm ended.
            (86, EventKind::Resolution)
        ]
    );
    // The "Quick facts" heading ends the timeline.
    assert!(!sk.timeline.iter().any(|e| e.2.contains("preventable")));
}

#[test]
fn a_word_before_the_time_says_what_happened() {
    let text = "\
Nginx 502 on the staging box

SUMMARY
While preparing a release on Mar 3, 2023 at 9:00 AM every page returned 502 Bad Gateway.
After debugging, it turned out the upstream port in the site config had a typo.

TIMELINE
Detected at Mar 3, 2023 9:00 AM
Fixed at Mar 3, 2023 9:40 AM
";
    let i = author::import_markdown("nginx.txt", text).unwrap();
    let tl: Vec<(u64, EventKind, &str)> = i
        .skeleton
        .timeline
        .iter()
        .map(|e| (e.0.round_mins(), e.1, e.2.as_str()))
        .collect();
    assert_eq!(
        tl.first().map(|e| (e.0, e.1)),
        Some((0, EventKind::Alert)),
        "{tl:?}"
    );
    assert!(tl[0].2.starts_with("Detected"), "{tl:?}");
    assert!(
        tl.iter().any(|e| e.0 == 40 && e.2.starts_with("Fixed")),
        "{tl:?}"
    );
}

#[test]
fn an_outage_detected_and_an_alert_sent_out_are_how_it_was_found() {
    for line in [
        "Outage detected when pages began loading slowly",
        "Monitoring alert sent out",
    ] {
        assert_eq!(author::guess_kind(line, true), EventKind::Alert, "{line}");
    }
    assert_eq!(
        author::guess_kind("Monitoring alert sent out", false),
        EventKind::Alert
    );
}

#[test]
fn a_run_in_heading_immediate_actions_and_a_labelled_resolution() {
    let text = "\
# Relay node outage: week 31

### Summary Complete relay outage occurred during week 31, lasting four
hours. Root cause: a power strip switched off during a rack tidy-up.

### Immediate Actions
- Moved the relay to the spare server in the second rack
";
    let i = author::import_markdown("relay.md", text).unwrap();
    let sk = &i.skeleton;
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .starts_with("Complete relay outage occurred"),
        "{:?}",
        sk.summary
    );
    assert!(
        sk.resolution
            .as_deref()
            .unwrap()
            .starts_with("Moved the relay to the spare server"),
        "{:?}",
        sk.resolution
    );

    let text = "\
# Checkout outage

## Timeline
- **09:00 AM (UTC):** Monitoring triggered an alert for a rising error rate.
- **09:20 AM:** Further investigations revealed the load balancer's health check pointed at a removed path.
- **10:05 AM:** The issue was resolved, and service was fully restored.

## Root Cause and Resolution
- **Root Cause:** The health check path was deleted in a cleanup, so every backend was marked down.
- **Resolution:** The team restored the health check path and the backends came back.
";
    let i = author::import_markdown("lb.md", text).unwrap();
    let g = &i.skeleton.game;
    let fix = g.fix.as_ref().map(|f| f.quote.as_str()).unwrap_or_default();
    assert!(
        fix.starts_with("The team restored the health check path"),
        "{fix}"
    );
    let clue = g
        .finding
        .as_ref()
        .map(|f| f.quote.as_str())
        .unwrap_or_default();
    assert!(
        clue.starts_with("Further investigations revealed"),
        "{clue}"
    );
}

#[test]
fn a_heading_that_goes_on_in_small_letters_is_one_heading() {
    let text = "\
# Mirror outage

## Root cause of the outage

The mirror never cleared its temporary directory, so the disk filled.
";
    let i = author::import_markdown("mirror.md", text).unwrap();
    assert_eq!(
        i.skeleton.root_cause.as_deref(),
        Some("The mirror never cleared its temporary directory, so the disk filled.")
    );
}
