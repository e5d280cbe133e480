//! Times a document tells apart from its timeline: a tool export's key timestamps ("**Fixed:**
//! March 3, 2023 9:45 AM") and the updates a "Stakeholder Communication" section stamps.

use regex::Regex;

use super::sections::{Part, Section};
use super::timeline::parse_timeline;
use super::timeline_read::opening_clock;
use crate::model::EventKind;

/// A tool's export lists the incident's milestones apart from its timeline ("### Key
/// Timestamps" / "- **Fixed:** March 3, 2023 9:45 AM (UTC)"): each one at a minute the
/// one-day timeline does not already tell is an event of the kind its label names.
pub(super) fn key_timestamps(
    sections: &[Section],
    events: &mut Vec<(i64, EventKind, String)>,
    year: Option<i64>,
) {
    static LABEL: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(reported|detected|acknowledged|impact start(?:ed)?|fixed|mitigated|resolved|closed)\W*:\W*(\S.*)$")
            .expect("static regex")
    });
    let Some(day) = one_day(events) else {
        return;
    };
    let lines = sections
        .iter()
        .filter(|s| s.title.contains("timestamp") || s.title.contains("key times"))
        .flat_map(|s| &s.lines);
    for l in lines {
        let Some(c) = LABEL.captures(l.trim()) else {
            continue;
        };
        let label = c[1].to_lowercase();
        let kind = match label.as_str() {
            "reported" | "detected" | "acknowledged" => EventKind::Alert,
            "fixed" | "mitigated" => EventKind::Mitigation,
            "resolved" | "closed" => EventKind::Resolution,
            _ => EventKind::Symptom,
        };
        let Some(at) = parse_timeline(&[format!("- {} - {label}", &c[2])], year)
            .first()
            .map(|e| day + e.0.rem_euclid(86_400))
        else {
            continue;
        };
        if !events.iter().any(|e| (e.0 - at).abs() < 60) {
            events.push((at, kind, super::game::capitalise(&label)));
        }
    }
    events.sort_by_key(|e| e.0);
}

/// "**14:35 UTC - Initial Notification (Slack #incidents):**" under "Stakeholder
/// Communication": an update sent, at its time, beside a one-day timeline.
pub(super) fn stamped_updates(
    sections: &[Section],
    events: &mut Vec<(i64, EventKind, String)>,
    year: Option<i64>,
) {
    let Some(day) = one_day(events) else {
        return;
    };
    // (Its sub-headings, "### During Incident", stay under it.)
    let mut under = false;
    let sent = sections
        .iter()
        .filter(|s| {
            let named = s.title.contains("communication") || s.title.contains("stakeholder");
            under = named || (under && s.part == Part::Other);
            under
        })
        .flat_map(|s| &s.lines)
        // ("14:48 - INCIDENT-2024-031: Payment service down, investigating" in a fenced Slack
        // log: an update posted, as a bold-stamped paragraph is.)
        .filter(|l| opening_clock(l).is_some());
    for l in sent {
        for (t, _, text) in parse_timeline(std::slice::from_ref(l), year) {
            let at = day + t.rem_euclid(86_400);
            let told = |e: &(i64, EventKind, String)| {
                e.1 == EventKind::Communication && (e.0 - at).abs() < 60
            };
            if !events.iter().any(told) {
                let text = text.trim_end_matches([':', '*', ' ']).to_string();
                // ("15:05 - All systems green, incident resolved": the update that closed it.)
                let kind = match super::event_kind::guess_kind(&text, false) {
                    EventKind::Resolution => EventKind::Resolution,
                    _ => EventKind::Communication,
                };
                events.push((at, kind, text));
            }
        }
    }
    events.sort_by_key(|e| e.0);
}

/// The start of the day a timeline that lasts less than a day is on (seconds as the timeline
/// counts them), so a time of day told elsewhere can join it.
fn one_day(events: &[(i64, EventKind, String)]) -> Option<i64> {
    let (first, last) = (events.first()?.0, events.last()?.0);
    (last - first < 86_400).then(|| first.div_euclid(86_400) * 86_400)
}
