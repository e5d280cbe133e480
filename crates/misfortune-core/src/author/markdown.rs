//! Importing a Markdown postmortem: its sections, timeline and action items.

use std::sync::LazyLock;

use regex::Regex;

use super::doc_metadata::front_matter;
use super::doc_text::find_summary;
use super::sections::{Part, Section, bullet, items, prose, split_sections, table_cells};
use super::timeline_read::read_timeline;
use super::{ImportError, ImportOptions, Imported, Skeleton, Zero, slug, split_at_zero};
use crate::model::{ActionItemKind, EventKind};
use crate::time::SimTime;

pub(super) fn action_item(
    text: &str,
    header: Option<&[String]>,
    cells: Option<&[String]>,
) -> (String, ActionItemKind, Option<String>) {
    let mut action = text.to_string();
    let mut owner = None;
    let mut kind_hint = None;
    if let (Some(h), Some(c)) = (header, cells) {
        for (name, value) in h.iter().zip(c) {
            let n = name.to_lowercase();
            if n.contains("owner") || n.contains("assignee") || n.contains("who") {
                owner = Some(value.clone())
                    .filter(|v| !v.is_empty() && v != "-" && !v.eq_ignore_ascii_case("tbd"));
            } else if n.contains("type") || n.contains("kind") || n.contains("category") {
                kind_hint = Some(value.to_lowercase());
            } else if n.contains("action")
                || n.contains("item")
                || n.contains("task")
                || n.contains("description")
            {
                action = value.clone();
            }
        }
    } else {
        let owner_re = Regex::new(
            r"(?i)[\(\[]\s*owner:?\s*([^\)\]]+)[\)\]]|\bowner:\s*([\w .@-]+)$|(?:^|\s)@([\w.-]+)",
        )
        .expect("static regex");
        if let Some(c) = owner_re.captures(text) {
            owner = c
                .get(1)
                .or(c.get(2))
                .or(c.get(3))
                // "Owner: Petra." ends its sentence; the name has no full stop.
                .map(|m| m.as_str().trim().trim_end_matches('.').to_string());
            action = owner_re
                .replace(text, "")
                .trim()
                .trim_end_matches([',', ';', '-', '—'])
                .trim()
                .to_string();
        }
        // "[Prevent] ..." or "Detection: ...": a label; "Prevent EKS add-ons from ..." is the
        // item's own verb, kept.
        let type_re = Regex::new(r"(?i)^(?:\[(prevent|prevention|detect|detection|mitigate|mitigation|repair|process)\]:?|(prevent|prevention|detect|detection|mitigate|mitigation|repair|process):)\s+").expect("static regex");
        if let Some(c) = type_re.captures(&action.clone()) {
            kind_hint = c.get(1).or(c.get(2)).map(|m| m.as_str().to_lowercase());
            action = type_re.replace(&action, "").to_string();
        }
    }
    let guess = kind_hint.unwrap_or_else(|| action.to_lowercase());
    let has = |ws: &[&str]| ws.iter().any(|w| guess.contains(w));
    let kind = if has(&["prevent"]) {
        ActionItemKind::Prevent
    } else if has(&["detect", "alert", "monitor", "dashboard", "observab"]) {
        ActionItemKind::Detect
    } else if has(&[
        "mitigat",
        "kill switch",
        "rollback",
        "roll back",
        "failover",
    ]) {
        ActionItemKind::Mitigate
    } else if has(&["repair", "fix the", "patch", "restore"]) {
        ActionItemKind::Repair
    } else if has(&[
        "process",
        "runbook",
        "drill",
        "train",
        "document",
        "policy",
        "review",
        "procedure",
        "automate",
    ]) {
        ActionItemKind::Process
    } else if has(&["test", "validat", "guard", "limit", "stage", "canary"]) {
        ActionItemKind::Prevent
    } else {
        ActionItemKind::Other
    };
    (action, kind, owner)
}

fn parse_action_items(lines: &[String]) -> Vec<(String, ActionItemKind, Option<String>)> {
    let mut out = Vec::new();
    let mut header: Option<Vec<String>> = None;
    // A bullet wrapped onto an indented line ("- Alert when the share changes by more than
    // 10 points in" over "  one deploy. Owner: Petra.") is one item.
    let mut joined: Vec<String> = Vec::new();
    for l in lines {
        let wraps = l.starts_with([' ', '\t'])
            && !l.trim().is_empty()
            && bullet(l).is_none()
            && joined.last().is_some_and(|p| bullet(p).is_some());
        match joined.last_mut() {
            Some(prev) if wraps => {
                prev.push(' ');
                prev.push_str(l.trim());
            }
            _ => joined.push(l.clone()),
        }
    }
    for l in &joined {
        if let Some(cells) = table_cells(l) {
            if cells.is_empty() {
                continue;
            }
            if header.is_none() {
                header = Some(cells);
                continue;
            }
            let text = cells.first().cloned().unwrap_or_default();
            out.push(action_item(&text, header.as_deref(), Some(&cells)));
        } else if let Some(b) = bullet(l)
            && !b.is_empty()
        {
            out.push(action_item(&b, None, None));
        }
    }
    out
}

/// Turn a Markdown postmortem into a scenario skeleton.
pub fn import_markdown(name: &str, md: &str) -> Result<Imported, ImportError> {
    import_markdown_with(name, md, &ImportOptions::default())
}

/// The document as the section reader wants it, with its front matter's title and summary:
/// plain characters; status messages, a status page's history and a front matter rewritten
/// into the sections the importer reads.
fn prepared(md: &str) -> (String, Option<String>, Option<String>) {
    let html = super::html_text::as_markdown(md);
    let plain = super::doc_text::plain_chars(html.as_deref().unwrap_or(md));
    let plain = super::doc_text::without_link_refs(&super::pasted_text::pasted_markup(&plain));
    let md = plain.as_str();
    // Status messages pasted with "This message was last updated at ..." under each.
    let stamped = super::status_stamps::rewrite(md);
    let md = stamped.as_deref().unwrap_or(md);
    // A status page's history of updates reads as a postmortem once rewritten.
    let rewritten = super::status_page::rewrite(md);
    let md = rewritten.as_deref().unwrap_or(md);
    // A blog's front matter (`---` / `title: "..."` / `---`) is metadata, not text.
    let (front_title, front_summary, md) = front_matter(md);
    // The front matter's title is the title: a blog's first "## What I saw" is a section.
    let text = match &front_title {
        Some(t) if !md.trim_start().starts_with("# ") => format!("# {t}\n\n{md}"),
        _ => md.to_string(),
    };
    (text, front_title, front_summary)
}

/// Import a Markdown postmortem with options (where minute 0 goes).
pub fn import_markdown_with(
    name: &str,
    md: &str,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    let (text, front_title, front_summary) = prepared(md);
    let with_front = md;
    let md = text.as_str();
    let (title, sections) = split_sections(md);
    let title = title.or(front_title);
    let no_sections = sections
        .iter()
        .all(|s| s.part == Part::Other || !s.explicit)
        && title.is_none();
    // With no year anywhere, "August 23rd" and "August 26th" are still three days apart.
    let year = Regex::new(r"\b(19|20)\d{2}\b")
        .expect("static regex")
        .find(md)
        .and_then(|m| m.as_str().parse::<i64>().ok())
        .or(Some(2001));
    let mut sk = Skeleton {
        title: title.clone(),
        ..Default::default()
    };
    let (mut found, events) = read_sections(&mut sk, &sections, year, front_summary.as_deref());
    front_summary_wins(&mut sk, &mut found, &sections, front_summary);
    // Notes with no headings are still a postmortem when they give a timeline ("09:10 first
    // alert from Sentry. 09:18 support reported..."), or tell an outage and when ("Feature
    // Flags went down for about 3 hours, from 15:30 to 18:10 UTC").
    static TELLS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:post-?mortem|outage|went down|was down|downtime|root cause|faults?|corrupted|(?:were|was) having (?:intermittent )?(?:issues|problems))\b")
            .expect("static regex")
    });
    // (A story told with no heading and no time, "a few wireless clients were having
    // intermittent issues ... Once the APs came back up, clients ... got connectivity", is one
    // too.)
    let told = TELLS.is_match(md) && (!events.is_empty() || sk.summary.is_some());
    if no_sections && events.len() < 3 && !told {
        return Err(ImportError::Unreadable(format!(
            "{name}: found no postmortem sections; expected Markdown headings such as `## Summary`, `## Impact`, `## Root Cause`, `## Timeline`, `## Action Items`"
        )));
    }
    // T+ offsets give no time of day; clock times do.
    let clock_times = super::timeline_clock::told_in_clock_times(md);
    let zero = stated_zero(opts.zero, with_front, &events);
    recorded_times(&mut sk, events, zero, clock_times);
    super::prose_cause::cause_from_lead_up(&mut sk, &mut found);
    fill_stated_times(&mut sk, md);
    if sk.trigger.is_none() {
        sk.trigger = sk
            .before_start
            .iter()
            .chain(&sk.timeline)
            .find(|e| e.1 == EventKind::Trigger)
            .map(|e| e.2.clone());
    }
    // With no summary, one put together from the timeline and the cause (set once the game is
    // built: the game reads those parts where they stand, not twice).
    let assembled = if sk.summary.is_none() {
        let events: Vec<_> = sk
            .before_start
            .iter()
            .chain(&sk.timeline)
            .cloned()
            .collect();
        super::doc_text::assembled_summary(md, &events, sk.root_cause.as_deref())
    } else {
        None
    };
    if assembled.is_some() {
        found.push("summary (assembled from the timeline: check it)".to_string());
    }
    sk.date = super::doc_text::incident_date(md);
    super::doc_text::story(&mut sk.narrative, &sections);
    sk.quoted_logs = super::doc_text::quoted_logs(&sections);
    sk.id = slug(title.as_deref().unwrap_or(name));
    sk.tags = super::guess_tags(&sk);
    let missing = missing_parts(&found);
    if sk.timeline.is_empty() && sk.root_cause.is_none() && sk.summary.is_none() {
        return Err(ImportError::Unreadable(format!(
            "{name}: found {} but no summary, root cause or timeline: not enough to build a scenario from",
            if found.is_empty() {
                "nothing usable".to_string()
            } else {
                found.join(", ")
            }
        )));
    }
    sk.game = super::game::Game::from_skeleton(&sk);
    if assembled.is_some() {
        sk.summary = assembled;
    }
    Ok(Imported {
        skeleton: sk,
        found,
        missing,
    })
}

/// The parts a postmortem has that the import did not find (each is a TODO in the file).
fn missing_parts(found: &[String]) -> Vec<String> {
    let all = [
        "title",
        "summary",
        "impact",
        "root cause",
        "trigger",
        "timeline",
        "detection",
        "resolution",
        "action items",
        "what went well",
        "what went wrong",
        "where we got lucky",
    ];
    all.iter()
        .filter(|w| {
            !found
                .iter()
                .any(|f| f == *w || f.starts_with(&format!("{w} (")))
        })
        .map(|s| s.to_string())
        .collect()
}

static DATED_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W{0,3}\d{1,2}:\d{2}").expect("static regex"));

/// Whether a line opens with a clock time ("• 6:22 AM PT: Our team was alerted"): a timeline's
/// or a log's line, not prose.
pub(super) fn opens_with_time(line: &str) -> bool {
    DATED_LINE.is_match(line.trim())
}

/// With no alert in the timeline, the detection a front matter states is minute 0.
fn stated_zero(zero: Zero, md: &str, events: &[(i64, EventKind, String)]) -> Zero {
    match zero {
        Zero::Detection if !events.iter().any(|e| e.1 == EventKind::Alert) => {
            super::doc_metadata::stated_detection(md, events).map_or(zero, Zero::At)
        }
        z => z,
    }
}

/// Place the timeline around minute 0 and read the real team's times from it: detection after
/// the trigger; the first mitigation and resolution, and the diagnosis (the investigation that
/// names the cause), from minute 0.
fn recorded_times(
    sk: &mut Skeleton,
    events: Vec<(i64, EventKind, String)>,
    zero: Zero,
    clock_times: bool,
) {
    let trigger = events
        .iter()
        .find(|e| e.1 == EventKind::Trigger)
        .map(|e| e.0);
    let detection = events.iter().find(|e| e.1 == EventKind::Alert).map(|e| e.0);
    let clock = clock_times && !events.is_empty();
    // A timeline told as offsets ("T+0", "T+~1h") with no alert in it starts where its author
    // put T+0.
    let zero = match zero {
        Zero::Detection if !clock_times && detection.is_none() => Zero::At(0),
        z => z,
    };
    let (after, before, z) = split_at_zero(events, zero);
    if clock && z >= 0 {
        let m = z.rem_euclid(86_400) / 60;
        sk.starts_at = Some(format!("{:02}:{:02}", m / 60, m % 60));
    }
    sk.timeline = after;
    sk.before_start = before;
    sk.time_to_detect = trigger
        .zip(detection)
        .filter(|(t, d)| d >= t)
        .map(|(t, d)| SimTime::from_secs((d - t) as u64));
    let first = |k: EventKind| sk.timeline.iter().find(|e| e.1 == k).map(|e| e.0);
    sk.time_to_mitigate = mitigated_at(&sk.timeline);
    // A timeline that ends with "status page updated to resolved" still says when.
    sk.time_to_resolve = first(EventKind::Resolution).or_else(|| {
        sk.timeline
            .iter()
            .find(|e| e.2.to_lowercase().contains("resolved"))
            .map(|e| e.0)
    });
    let names_cause = |t: &str| {
        let t = t.to_lowercase();
        [
            "root cause",
            "identif",
            "confirmed",
            "culprit",
            "found the",
            "finds the",
            "finds that",
            "found that",
            "discover",
            "realise",
            "realize",
            "pinpoint",
            "traced",
        ]
        .iter()
        .any(|w| t.contains(w))
    };
    // A line that says it found the root cause ("Root cause identified: database deadlocks")
    // beats an earlier finding ("Initial assessment: pool exhaustion identified").
    let investigations = || {
        sk.timeline
            .iter()
            .filter(|e| e.1 == EventKind::Investigation)
    };
    sk.time_to_diagnose = investigations()
        .find(|e| {
            let t = e.2.to_lowercase();
            t.contains("root cause") && !t.contains("not the root cause")
        })
        .or_else(|| investigations().find(|e| names_cause(&e.2)))
        .map(|e| e.0);
}

/// When the impact ended: the first mitigation that says the service recovered, else the first
/// one that was neither a failed attempt nor only the start of one ("a restart begins").
fn mitigated_at(timeline: &[(SimTime, EventKind, String)]) -> Option<SimTime> {
    let has = |t: &str, words: &[&str]| {
        let t = t.to_lowercase();
        words.iter().any(|w| t.contains(w))
    };
    const STARTED: &[&str] = &[
        "begin",
        "start",
        "initiat",
        "underway",
        "in progress",
        "plan",
    ];
    let tried: Vec<&(SimTime, EventKind, String)> = timeline
        .iter()
        .filter(|e| e.1 == EventKind::Mitigation && !super::event_kind::says_failed(&e.2))
        .collect();
    tried
        .iter()
        .find(|e| super::event_kind::says_recovered(&e.2))
        .or_else(|| tried.iter().find(|e| !has(&e.2, STARTED)))
        .or(tried.first())
        .map(|e| e.0)
}

/// Fill the skeleton from the classified sections; returns what was found, by name, and the
/// timeline's events in absolute seconds.
fn read_sections(
    sk: &mut Skeleton,
    sections: &[Section],
    year: Option<i64>,
    front_summary: Option<&str>,
) -> (Vec<String>, Vec<(i64, EventKind, String)>) {
    let mut found = Vec::new();
    let get = |p: Part| sections.iter().filter(move |s| s.part == p);
    let mut note = |what: &str, ok: bool| {
        if ok {
            found.push(what.to_string());
        }
        ok
    };
    note("title", sk.title.is_some());
    sk.summary = find_summary(sections);
    note("summary", sk.summary.is_some());
    sk.impact = get(Part::Impact).find_map(|s| prose(&s.lines));
    note("impact", sk.impact.is_some());
    sk.possible_causes = super::possible_causes::listed(sections);
    sk.root_cause = super::prose_cause::root_cause(sections, front_summary, &sk.possible_causes);
    sk.trigger = get(Part::Trigger).find_map(|s| prose(&s.lines));
    sk.contributing = get(Part::Contributing)
        .flat_map(|s| items(&s.lines))
        .collect();
    // Nothing says "caused": a lone contributing factor ("Misbehaving code running in a
    // capability container") is the cause.
    if sk.root_cause.is_none() && sk.contributing.len() == 1 {
        sk.root_cause = sk.contributing.first().cloned();
    }
    note("root cause", sk.root_cause.is_some());
    note("trigger", sk.trigger.is_some());
    note("contributing factors", !sk.contributing.is_empty());
    // (Without the commands its steps quote.)
    sk.resolution = get(Part::Resolution)
        .find_map(|s| prose(&super::doc_text::unfenced(&s.lines)))
        .or_else(|| super::doc_text::labelled(sections, "resolution"));
    note("resolution", sk.resolution.is_some());
    sk.detection = get(Part::Detection).find_map(|s| prose(&s.lines));
    note("detection", sk.detection.is_some());
    sk.went_right = get(Part::WentWell).flat_map(|s| items(&s.lines)).collect();
    note("what went well", !sk.went_right.is_empty());
    sk.went_wrong = get(Part::WentWrong).flat_map(|s| items(&s.lines)).collect();
    note("what went wrong", !sk.went_wrong.is_empty());
    sk.lucky = get(Part::Lucky).flat_map(|s| items(&s.lines)).collect();
    note("where we got lucky", !sk.lucky.is_empty());
    sk.unlucky = get(Part::Unlucky).flat_map(|s| items(&s.lines)).collect();
    note("where we were unlucky", !sk.unlucky.is_empty());
    sk.prevention = get(Part::Lessons).flat_map(|s| items(&s.lines)).collect();
    note("lessons learned", !sk.prevention.is_empty());
    sk.action_items = get(Part::ActionItems)
        .flat_map(|s| parse_action_items(&s.lines))
        .collect();
    note("action items", !sk.action_items.is_empty());
    let events = read_timeline(sections, year);
    note("timeline", !events.is_empty());
    (found, events)
}

/// What the document states ("Time to detection: 2 minutes") fills what its timeline did not
/// give.
fn fill_stated_times(sk: &mut Skeleton, md: &str) {
    sk.stated_times = super::stated_times::stated_times(md);
    // (A figure may count from another start than minute 0: one that would put the recovery
    // after the resolution, or the resolution before it, is only shown.)
    for (which, how_long, _) in &sk.stated_times {
        let h = *how_long;
        let (field, fits) = match which {
            super::Measure::Detect => (&mut sk.time_to_detect, true),
            super::Measure::Mitigate => (
                &mut sk.time_to_mitigate,
                sk.time_to_resolve.is_none_or(|r| h <= r),
            ),
            super::Measure::Resolve => (
                &mut sk.time_to_resolve,
                sk.time_to_mitigate.is_none_or(|m| h >= m),
            ),
        };
        if fits && field.is_none() {
            *field = Some(h);
        }
    }
}

/// A front matter's `summary:` beats the opening paragraph and an overview ("## Incident
/// Overview" retells the whole story), not a section headed as the summary.
fn front_summary_wins(
    sk: &mut Skeleton,
    found: &mut Vec<String>,
    sections: &[Section],
    front_summary: Option<String>,
) {
    let summary_section = sections
        .iter()
        .any(|s| s.part == Part::Summary && s.explicit && !s.title.contains("overview"));
    if let Some(fs) = front_summary.filter(|_| !summary_section) {
        // The overview it replaces still tells the story (its first theories, a failed fix).
        if let Some(told) = sk.summary.replace(fs) {
            sk.narrative.push(told);
        }
        if !found.iter().any(|f| f == "summary") {
            found.push("summary".to_string());
        }
    }
}
