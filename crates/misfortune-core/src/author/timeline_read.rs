//! Which lines make a document's timeline: its timeline section's dated lines, the sentences
//! of the summary and the rest that tell more, or, with no timeline heading, the section with
//! the most dated lines.

use std::sync::LazyLock;

use regex::Regex;

use super::markdown::opens_with_time;
use super::sections::{Part, Section, table_cells};
use super::timeline::parse_timeline;
use crate::model::EventKind;

/// The timeline's events in absolute seconds: the timeline section's dated lines (with headings
/// elsewhere that name a time), else the section with the most dated lines, else (or when they
/// say more) the sentences that give a time.
pub(super) fn read_timeline(
    sections: &[Section],
    year: Option<i64>,
) -> Vec<(i64, EventKind, String)> {
    // (A machine's log quoted between two lines, `{"timestamp":"2025-09-29T16:54:16Z",...}`,
    // is evidence, not an event: its own stamps are not the team's.)
    let tl: Vec<String> = first_tellings(sections)
        .flat_map(|s| super::doc_text::unfenced(&s.lines))
        .collect();
    let mut events = parse_timeline(&tl, year);
    // A timeline told in paragraphs ("How did we respond? Customer impact began at 11:45 UTC
    // ...; mitigated the majority by 14:10 UTC"): its sentences give the times.
    let told =
        Regex::new(r"^\W{0,6}(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}[:.]\d{2}").expect("static regex");
    if !tl.is_empty() && !tl.iter().any(|l| told.is_match(l.trim())) {
        // The summary's times ("At 09:14 UTC the registry began returning errors. On-call was
        // paged at 09:21.") lead into it, where the timeline gives nothing at their minute.
        // (Lines are "HH:MM — text.", in time order.)
        let of = |parts: &[Part]| {
            super::prose::prose_timeline(sections.iter().filter(|s| parts.contains(&s.part)))
        };
        let mut lines = of(&[Part::Timeline]);
        let lead: Vec<_> = of(&[Part::Summary, Part::Detection, Part::Impact])
            .into_iter()
            .filter(|e| !lines.iter().any(|l| l.get(..5) == e.get(..5)))
            .collect();
        lines.extend(lead);
        lines.sort_by(|a, b| a.get(..5).cmp(&b.get(..5)));
        let prose = parse_timeline(&lines, year);
        if prose.len() > events.len() {
            events = prose;
        }
    } else if let Some(first) = events.first().map(|e| {
        let m = e.0.rem_euclid(86_400) / 60;
        format!("{:02}:{:02}", m / 60, m % 60)
    }) {
        // A timeline of updates posted once the harm was under way ("03:58 UTC | We are in
        // recovery") starts where the summary says the harm did ("from 1:48 to 3:28 UTC").
        let lead: Vec<String> = super::prose::prose_timeline(
            sections
                .iter()
                .filter(|s| matches!(s.part, Part::Summary | Part::Impact)),
        )
        .into_iter()
        // Its lines open with "HH:MM", so they compare as text.
        .filter(|l| l.get(..5).is_some_and(|hm| hm < first.as_str()) && leads_in(l, &tl))
        .collect();
        if !lead.is_empty() {
            let joined = parse_timeline(&[lead, tl.clone()].concat(), year);
            if joined.len() > events.len() {
                events = joined;
            }
        }
        let more = told_elsewhere(sections, &events, year);
        events.extend(more);
        events.sort_by_key(|e| e.0);
    }
    // Headings elsewhere that name a time within the timeline's first day join it.
    if let Some(first) = events.first().map(|e| e.0) {
        events.extend(
            timed_headings(sections)
                .into_iter()
                .filter(|e| e.0 >= first && e.0 < 86_400),
        );
        events.sort_by_key(|e| e.0);
    }
    // No timeline heading ("Response and recovery" holds the dated lines): the section with
    // the most dated events, when it has at least three.
    if events.is_empty() {
        events = phase_sections(sections, year);
        // No dated lines at all (a plain-text status report), or a few scattered among the
        // sections: the sentences that give a time, when they say more (a range's end too).
        let told = in_the_usual_zone(super::prose::prose_timeline(sections));
        let prose = parse_timeline(&told, year);
        if events.is_empty() || (prose.len() > events.len() && !listed_rows(sections)) {
            events = prose;
        } else if prose.len() > events.len() {
            // A table of dated rows under a summary that tells more times ("mitigated at
            // 14:20", "resolved by 14:33"): the rows as read, and the sentences' other minutes.
            let taken: Vec<i64> = events.iter().map(|e| e.0).collect();
            events.extend(
                prose
                    .into_iter()
                    .filter(|p| !taken.iter().any(|t| (t - p.0).abs() < 60)),
            );
            events.sort_by_key(|e| e.0);
        }
    }
    super::timeline_told_apart::key_timestamps(sections, &mut events, year);
    super::timeline_told_apart::stamped_updates(sections, &mut events, year);
    named_resolution(sections, &mut events);
    events
}

/// "Resolution: Rebuild of the replica." beside a timeline that ends on "Backoffice Replica
/// rebuilt", with nothing in it called the end: the fix the document names as its resolution
/// ended the incident.
fn named_resolution(sections: &[Section], events: &mut [(i64, EventKind, String)]) {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:resolution|resolved by|fixed by)\s*\**\s*[:–—-]\s*\**\s*(.+)$")
            .expect("static regex")
    });
    if events.iter().any(|e| e.1 == EventKind::Resolution) {
        return;
    }
    let Some(named) = sections
        .iter()
        .filter(|s| s.part != Part::Timeline)
        .flat_map(|s| s.lines.iter())
        .find_map(|l| NAMED.captures(l.trim()).map(|c| c[1].to_string()))
    else {
        return;
    };
    let words = |t: &str| super::game_finding::word_stems(t, 5);
    let want = words(&named);
    let Some(last) = events.iter().rposition(|e| e.1 == EventKind::Mitigation) else {
        return;
    };
    let harm_after = events[last + 1..]
        .iter()
        .any(|e| matches!(e.1, EventKind::Symptom | EventKind::Alert));
    let have = words(&events[last].2);
    if want.len() >= 2 && !harm_after && want.iter().all(|w| have.contains(w)) {
        events[last].1 = EventKind::Resolution;
    }
}

/// With no timeline heading, the section with the most dated lines (at least three), joined by
/// its neighbours when they carry the story on in time order: a timeline told in phases
/// ("## Detection", "## Investigation", "## Mitigation", each a list of "**03:17** — ..."
/// bullets) is one timeline, not three.
fn phase_sections(sections: &[Section], year: Option<i64>) -> Vec<(i64, EventKind, String)> {
    let dated: Vec<Vec<(i64, EventKind, String)>> = sections
        .iter()
        .map(|s| parse_timeline(&super::doc_text::unfenced(&s.lines), year))
        .collect();
    let Some(best) = (0..dated.len())
        .filter(|&i| dated[i].len() >= 3)
        .max_by_key(|&i| (dated[i].len(), std::cmp::Reverse(i)))
    else {
        return Vec::new();
    };
    // A neighbour joins when it has two dated lines or more, all of them after the chain's
    // end (or, before it, all before the chain's start).
    let span = |i: usize| (dated[i].first().map(|e| e.0), dated[i].last().map(|e| e.0));
    let phase = |i: usize| dated[i].len() >= 2;
    let (mut lo, mut hi) = (best, best);
    while lo > 0
        && phase(lo - 1)
        && let (Some(_), Some(end)) = span(lo - 1)
        && span(lo).0.is_some_and(|start| end <= start)
    {
        lo -= 1;
    }
    while hi + 1 < dated.len()
        && phase(hi + 1)
        && let (Some(start), Some(_)) = span(hi + 1)
        && span(hi).1.is_some_and(|end| start >= end)
    {
        hi += 1;
    }
    if lo == hi {
        return dated[best].clone();
    }
    let lines: Vec<String> = sections[lo..=hi]
        .iter()
        .flat_map(|s| super::doc_text::unfenced(&s.lines))
        .collect();
    parse_timeline(&lines, year)
}

/// The timeline sections, without one that only retells an earlier one's moments (a draft
/// pasted twice: "Timeline:" then, further down, "Timeline:" over the same times in other
/// words).
fn first_tellings(sections: &[Section]) -> impl Iterator<Item = &Section> {
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W{0,8}(?:\d{4}-\d{2}-\d{2}[ T])?(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)")
            .expect("static regex")
    });
    let mut seen: Vec<String> = Vec::new();
    sections
        .iter()
        .filter(|s| s.part == Part::Timeline)
        .filter(move |s| {
            let clocks: Vec<String> = s
                .lines
                .iter()
                .filter_map(|l| CLOCK.captures(l).map(|c| c[1].to_lowercase()))
                .collect();
            let retold = clocks.len() >= 3 && clocks.iter().all(|c| seen.contains(c));
            seen.extend(clocks);
            !retold
        })
}

/// What the summary, impact, detection or resolution tells beside a one-day timeline: the
/// times after its last line ("From 9:30 AM to 10:37 AM WAT, requests ... resulted in 500
/// errors" over a timeline that stops at the 9:31 rollback), when the harm ended; and an
/// alert earlier than the timeline's first ("At 9:05 AM WAT, the monitoring systems alerted
/// our engineers" over "9:07 AM: PagerDuty alerted teams"), when the team first knew.
fn told_elsewhere(
    sections: &[Section],
    events: &[(i64, EventKind, String)],
    year: Option<i64>,
) -> Vec<(i64, EventKind, String)> {
    let Some(last) = events.last().map(|e| e.0).filter(|&l| l < 86_400) else {
        return Vec::new();
    };
    let first_alert = events
        .iter()
        .find(|e| e.1 == EventKind::Alert)
        .map_or(i64::MAX, |e| e.0);
    let lines = super::prose::prose_timeline(sections.iter().filter(|s| {
        matches!(
            s.part,
            Part::Summary | Part::Impact | Part::Detection | Part::Resolution
        )
    }));
    let first = events.first().map_or(0, |e| e.0);
    // (With no alert, the harm the summary says began with the timeline, "an outage lasting
    // 90 minutes, from 09:00 to 10:30 UTC", is when it was seen.)
    // ("From 9:05 AM" over a first line "Network outage begins" tells nothing more.)
    let told_outage = super::timeline_order::outage_start(events).map_or(i64::MAX, |i| events[i].0);
    let harm_from_start = |e: &(i64, EventKind, String)| {
        e.2.starts_with("Begins: ") && first_alert == i64::MAX && e.0 <= first && e.0 < told_outage
    };
    let timeline: Vec<String> = sections
        .iter()
        .filter(|s| s.part == Part::Timeline)
        .flat_map(|s| s.lines.iter().cloned())
        .collect();
    let lines: Vec<String> = lines
        .into_iter()
        .filter(|l| !other_zone(l, &timeline))
        .collect();
    parse_timeline(&lines, year)
        .into_iter()
        .filter(|e| {
            // (A stated end of the harm may fall on a later day: "June 9, 10:00 AM to June
            // 10, 2:00 PM".)
            (e.0 > last + 60 && (e.0 < 86_400 || e.2.starts_with("Ends: ")))
                || (e.1 == EventKind::Alert && e.0 < first_alert - 60)
                || harm_from_start(e)
        })
        .collect()
}

/// Whether a section lists at least three rows that open with a time (table rows or lines):
/// a timeline as written, which sentences add to rather than replace.
fn listed_rows(sections: &[Section]) -> bool {
    sections.iter().any(|s| {
        s.lines
            .iter()
            .filter(|l| {
                table_cells(l)
                    .and_then(|c| c.first().cloned())
                    .is_some_and(|c| opens_with_time(&c))
            })
            .count()
            >= 3
    })
}

/// The first clock time near a line's start ("23:30" in "- **2024-03-08 23:30: index ..."), to
/// tell the same moment told twice.
fn clock_of(line: &str) -> Option<&str> {
    static CLOCK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b\d{2}:\d{2}\b").expect("static regex"));
    CLOCK
        .find(line)
        .filter(|m| m.start() < 32)
        .map(|m| m.as_str())
}

/// The clock time a timeline line opens with, after any date ("- **2024-03-08 23:30: ...").
pub(super) fn opening_clock(line: &str) -> Option<&str> {
    static OPENS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\W{0,6}(?:\d{4}-\d{2}-\d{2}[ T])?(\d{2}:\d{2})").expect("static regex")
    });
    OPENS
        .captures(line.trim())
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

/// Whether a summary's timed sentence leads into the timeline: not the timeline's own first
/// line told again ("Index updates were failing since 2024-03-08 23:30"), nor a time the harm
/// ended ("Function lost until 5:47 UTC").
fn leads_in(line: &str, timeline: &[String]) -> bool {
    let retold =
        clock_of(line).is_some_and(|hm| timeline.iter().any(|t| opening_clock(t) == Some(hm)));
    !retold && !only_an_end(line) && !other_zone(line, timeline)
}

/// Whether a sentence's time is in another zone than the timeline's ("noticed at 0:59 CET
/// (need to convert to PST)" over a timeline in PST): its clock cannot be set beside the
/// timeline's.
fn other_zone(line: &str, timeline: &[String]) -> bool {
    let ours = timeline.iter().find_map(|l| line_zone(l));
    matches!((line_zone(line), ours), (Some(a), Some(b)) if a != b)
}

/// The time zone a line names after a clock time, or in "All times in PST", if a known one.
fn line_zone(l: &str) -> Option<String> {
    static STAMPED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?\(?([a-z]{2,5})\b|\btimes? (?:are |is )?(?:given |shown )?in ([a-z]{2,5})\b")
            .expect("static regex")
    });
    STAMPED.captures_iter(l).find_map(|c| {
        let z = c.get(1).or(c.get(2))?.as_str().to_uppercase();
        // Summer and winter time are one zone here; "UTC", "GMT" and "Z" are one.
        let z = match z.as_str() {
            "GMT" | "Z" => "UTC".to_string(),
            "PDT" | "EDT" | "CDT" | "MDT" => format!("{}ST", &z[..1]),
            "CEST" => "CET".to_string(),
            _ => z,
        };
        KNOWN_ZONES.contains(&z.as_str()).then_some(z)
    })
}

/// Sentences whose times are in the zone most of them use ("... 15:40 UTC", "as of 16:45
/// UTC") without the odd one out ("Posted Jan 03, 2024 - 09:16 PST", the page's own stamp in
/// the reader's zone): one clock cannot hold both.
fn in_the_usual_zone(lines: Vec<String>) -> Vec<String> {
    let zones: Vec<Option<String>> = lines.iter().map(|l| line_zone(l)).collect();
    let count = |z: &str| zones.iter().filter(|x| x.as_deref() == Some(z)).count();
    let Some(usual) = zones
        .iter()
        .flatten()
        .max_by_key(|z| count(z))
        .filter(|z| count(z) >= 2)
        .cloned()
    else {
        return lines;
    };
    lines
        .into_iter()
        .zip(zones)
        .filter(|(_, z)| z.as_ref().is_none_or(|z| *z == usual))
        .map(|(l, _)| l)
        .collect()
}

/// Time zones a write-up names after its clock times.
const KNOWN_ZONES: &[&str] = &[
    "UTC", "PST", "EST", "CST", "MST", "CET", "EET", "WET", "BST", "IST", "JST", "KST", "AEST",
    "AEDT", "NZST", "SGT", "HKT", "WAT", "EAT", "SAST", "MSK", "BRT",
];

/// A sentence whose only time is when something stopped ("Function lost until 5:47 UTC").
fn only_an_end(line: &str) -> bool {
    static UNTIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:until|till)\s+(?:about\s+|around\s+|~)?\d{1,2}:\d{2}")
            .expect("static regex")
    });
    static CLOCK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{1,2}:\d{2}").expect("static regex"));
    // The line opens with the sentence's time ("05:47 — Function lost until 5:47 UTC.").
    UNTIL.is_match(line) && CLOCK.find_iter(line).count() <= 2
}

/// Headings outside the timeline that name a time of day ("### 1. Immediate Actions (20:21
/// UTC)" under "Resolution Steps"), as events in seconds of the day: under a resolution heading
/// they are what was done to fix it.
pub(super) fn timed_headings(sections: &[Section]) -> Vec<(i64, EventKind, String)> {
    let timed =
        Regex::new(r"(?i)^(?:\d+\.\s*)?(.*?)\s*\((\d{1,2}):(\d{2})(?:\s*[a-z]{2,4})?\)\s*$")
            .expect("static regex");
    let mut under = Part::Other;
    let mut out = Vec::new();
    for s in sections.iter().filter(|s| s.explicit) {
        let Some(c) = timed.captures(&s.title) else {
            if s.part != Part::Other {
                under = s.part;
            }
            continue;
        };
        let (Ok(h), Ok(m)) = (c[2].parse::<i64>(), c[3].parse::<i64>()) else {
            continue;
        };
        let text = super::game::capitalise(&c[1]);
        if h > 23 || m > 59 || text.is_empty() {
            continue;
        }
        let kind = match under {
            Part::Resolution => EventKind::Mitigation,
            _ => super::event_kind::guess_kind(&text, false),
        };
        out.push((h * 3600 + m * 60, kind, text));
    }
    out
}
