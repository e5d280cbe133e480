//! Round thirty-six of the held-out measurements, in the project's own words: a blog's
//! postmortems with a front matter summary over an "Incident Overview", a timeline table whose
//! first row is "the previous night" and whose later rows give no time ("—", "Later"),
//! relative "T+~1h" times, and an infrastructure team's posts with a TOML front matter, a line
//! that gives the day of every undated time, and reference-style links.

use misfortune_core::author;
use misfortune_core::model::EventKind;

#[path = "support/timeline_events.rs"]
mod timeline_events;
use timeline_events::events;

const NIGHT_BEFORE: &str = r#"---
title: "Export worker stuck after a routine node drain"
date: "2026-05-12"
summary: "A node drain restarted the export worker, and a sidecar injected by a cluster policy kept its PDF renderer from starting. Every export job timed out."
---

## Incident Overview

Around 08:00 the nightly exports had not arrived. At first glance it seemed like the mail relay was dropping messages, but the real culprit was the sidecar a cluster policy added on restart.

## Timeline

| Time (UTC) | Event |
| --- | --- |
| ~22:40 (previous night) | Worker pod restarted during a routine node drain. The policy added a tracing sidecar to it. |
| 08:00 | The first export jobs of the day failed with `render timeout after 90s`. |
| — | Sent a test mail through the relay, which arrived at once, ruling out the mail relay. |
| — | Doubled the worker's memory and CPU limits -> Still failed. |
| — | Started the worker without the sidecar -> Exports rendered. |
| Same day | Resolved by excluding the worker from the policy. |

## Root Cause

A cluster policy injects a tracing sidecar into every pod it sees created. The sidecar held the renderer's socket, so no export could render.
"#;

#[test]
fn the_previous_night_is_the_day_before_and_untimed_rows_tell_the_wrong_paths() {
    let i = author::import_markdown("exports.md", NIGHT_BEFORE).unwrap();
    let sk = &i.skeleton;
    assert_eq!(sk.starts_at.as_deref(), Some("08:00"), "{:?}", sk.timeline);
    // The restart happened 9 h 20 min before the first failure, and it is what set it off.
    let before: Vec<_> = events(&i).into_iter().filter(|e| e.0 < 0).collect();
    assert_eq!(
        before,
        [(-560, EventKind::Trigger)],
        "{:?}",
        sk.before_start
    );
    assert!(sk.before_start[0].2.starts_with("Worker pod restarted"));
    assert_eq!(
        sk.timeline.first().map(|e| e.1),
        Some(EventKind::Symptom),
        "{:?}",
        sk.timeline
    );
    // The front matter's summary beats the overview, whose first theory is still read; the
    // rows with no time give a failed fix.
    assert!(sk.summary.as_deref().unwrap().starts_with("A node drain"));
    let g = &sk.game;
    let theories: Vec<&str> = g.theories.iter().map(|t| t.quote.as_str()).collect();
    assert!(
        theories.iter().any(|t| t.contains("mail relay")),
        "{theories:?}"
    );
    let failed: Vec<&str> = g.failed_fixes.iter().map(|f| f.0.quote.as_str()).collect();
    assert!(
        failed
            .iter()
            .any(|f| f.starts_with("Doubled the worker's memory")),
        "{failed:?}"
    );
}

const RELATIVE: &str = r#"---
title: "Staging billing service - TLS failures to the ledger database"
summary: "In staging, the billing service failed every ledger call with 'self signed certificate in chain' because its image carried another environment's CA bundle."
---

## Timeline

| Time (UTC) | Event |
|---|---|
| T+0 | The billing service logs `self signed certificate in chain` on a ledger query |
| T+~2h | Service redeployed with the cluster CA mounted and `SSL_CERT_FILE` set |
| T+~2h | The same error still occurs |
| Later | Comparing the two image builds shows only one copies a CA bundle in |

## Resolution

1. Ruled out an expired certificate (that fails with a different message).
2. Found that the client reads its CA bundle from a fixed path baked into the image.
3. Pointed the client's CA path at the mounted bundle and committed it to the chart.

## Root Cause

The image build copied one environment's CA bundle into every image, and the client trusts only that bundle.
"#;

#[test]
fn approximate_relative_times_and_a_redeploy_that_changed_nothing() {
    let i = author::import_markdown("billing.md", RELATIVE).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        events(&i),
        [
            (0, EventKind::Symptom),
            (120, EventKind::Mitigation),
            (120, EventKind::Symptom)
        ]
    );
    let g = &sk.game;
    let failed: Vec<&str> = g.failed_fixes.iter().map(|f| f.0.quote.as_str()).collect();
    assert_eq!(
        failed,
        ["Service redeployed with the cluster CA mounted and SSL_CERT_FILE set"]
    );
    let fix = g.fix.as_ref().map(|f| f.quote.as_str()).unwrap_or_default();
    assert!(fix.starts_with("Pointed the client's CA path"), "{fix}");
    // The clue is what the resolution found before the fix, not a line of the impact.
    let clue = g
        .finding
        .as_ref()
        .map(|f| f.quote.as_str())
        .unwrap_or_default();
    assert!(clue.starts_with("Found that the client reads"), "{clue}");
}

const TOML_POST: &str = r#"+++
layout = "post"
title = "Package mirror outage postmortem"
author = "An infra volunteer"
+++

At 2024-03-09 02:10 UTC the package mirror stopped serving files because its disk was full.
Index updates were failing since 2024-03-08 23:30 UTC for the same reason.

## Root cause

The mirror kept every temporary download in `/srv/mirror/tmp` and nothing ever cleared that
directory.

## Timeline of events

Unless otherwise noted all events happened on 2024-03-09, and all times are in UTC.

- **2024-03-08 23:30: index updates started failing for lack of disk space**
- **02:10: alerts fired for the mirror being down, [kim] got paged**
- 02:14: [lee] proposed to grow the volume, nobody with access to the cloud account was awake
- 02:20: [kim] removed the temporary directory
- 02:31: [kim] got back to the reporter saying that the mirror was back

[kim]: https://example.org/kim
[lee]: https://example.org/lee
"#;

#[test]
fn a_toml_front_matter_a_usual_day_and_reference_links() {
    let i = author::import_markdown("mirror.md", TOML_POST).unwrap();
    let sk = &i.skeleton;
    assert_eq!(
        sk.title.as_deref(),
        Some("Package mirror outage postmortem")
    );
    assert!(
        sk.summary
            .as_deref()
            .unwrap()
            .starts_with("At 2024-03-09 02:10 UTC"),
        "{:?}",
        sk.summary
    );
    assert_eq!(sk.starts_at.as_deref(), Some("02:10"));
    // The line dated the day before is 2 h 40 min before minute 0, not 2 h 40 min after it.
    let before: Vec<u64> = sk.before_start.iter().map(|e| e.0.round_mins()).collect();
    assert_eq!(before, [160]);
    let tl: Vec<(u64, EventKind, &str)> = sk
        .timeline
        .iter()
        .map(|e| (e.0.round_mins(), e.1, e.2.as_str()))
        .collect();
    assert_eq!(
        tl.iter().map(|e| (e.0, e.1)).collect::<Vec<_>>(),
        [
            (0, EventKind::Alert),
            (4, EventKind::Investigation),
            (10, EventKind::Mitigation),
            (21, EventKind::Communication)
        ]
    );
    // A reference link keeps its words; its definition is not text.
    assert_eq!(tl[2].2, "kim removed the temporary directory", "{tl:?}");
    assert!(!tl.iter().any(|e| e.2.contains("https://")), "{tl:?}");
}

#[test]
fn review_work_on_the_fix_is_the_fix_being_made() {
    for line in [
        "Ana asks for changes on the PR",
        "Raj addresses the review comments in the PR",
    ] {
        assert_eq!(
            author::guess_kind(line, false),
            EventKind::Mitigation,
            "{line}"
        );
    }
    // Telling the reporter is communication; fixing first and then telling is the fix.
    assert_eq!(
        author::guess_kind(
            "Ana got back to the reporter saying that the team was looking",
            false
        ),
        EventKind::Communication
    );
    assert_eq!(
        author::guess_kind(
            "Ana deletes the broken version and gets back to the reporter",
            false
        ),
        EventKind::Mitigation
    );
}
