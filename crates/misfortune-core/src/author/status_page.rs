//! Status-page incident histories (Statuspage and its kin): one heading per public update
//! ("Investigating", "Identified", "Monitoring", "Resolved"), newest first, each ending with
//! "Posted Mar 04, 2025 - 14:12 UTC", and often a "Postmortem" at the end. They are rewritten
//! into the sections the importer reads: a timeline of the updates (oldest first) and of the
//! times their sentences give ("a change deployed at 13:40 UTC"), the first update as the
//! summary and the postmortem as the root cause.

use std::sync::LazyLock;

use regex::Regex;

use super::prose::hour_of_day;

/// The update headings, and the words that make each line read as its kind of event.
const STATUSES: &[(&str, &str)] = &[
    ("investigating", "Investigating"),
    ("identified", "Identified"),
    ("update", "Update"),
    ("monitoring", "Mitigated, monitoring"),
    ("verifying", "Mitigated, verifying"),
    ("resolved", "Resolved"),
];

struct Update {
    status: &'static str,
    date: String,
    time: String,
    body: String,
}

/// The document rewritten with standard sections, when it is a status-page history.
pub(super) fn rewrite(md: &str) -> Option<String> {
    // A tracker's copy lists each update as "- investigating Sep 07, 2022, 04:29 PM UTC" over
    // its text: written the Statuspage way, it reads the same.
    let tracker = tracker_form(md);
    let md = tracker.as_deref().unwrap_or(md);
    let posted = Regex::new(
        // "Posted Mar 04, 2025 - 14:12 UTC", "Posted 2 months ago. Dec 12, 2017 - 19:30 UTC",
        // or on a page's front, a date alone: "Mar 13, 10:16 MDT" (no year).
        r"(?i)^\s*(?:posted\s+(?:on\s+)?(?:\d+\s+\w+\s+ago\.?\s*)?)?([A-Za-z]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*[-–—,]?\s*(?:at\s+)?(\d{1,2}:\d{2})\s*([A-Z]{2,4})?\s*$",
    )
    .expect("static regex");
    let mut title = None;
    let mut updates: Vec<Update> = Vec::new();
    let mut postmortem: Vec<String> = Vec::new();
    let mut current: Option<(&'static str, Vec<String>)> = None;
    let mut in_postmortem = false;
    // A copy that lost the status words keeps only each update's text over its "Posted" line;
    // the postmortem's own "Posted" line is when it was published.
    let mut loose: Vec<String> = Vec::new();
    let mut published: Option<(String, String)> = None;
    for line in md.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("# ") {
            title.get_or_insert_with(|| h.trim().to_string());
            continue;
        }
        // Copied from the page, an update's status is a line of its own ("Resolved", or
        // "Resolved -" on the front page) and the first line is the incident's name.
        let bare = bare_status(t);
        if title.is_none() && bare.is_none() && !t.is_empty() && !t.starts_with('#') {
            title = Some(t.trim_start_matches("Investigating ").to_string());
            continue;
        }
        if let Some(h) = t
            .strip_prefix("## ")
            .or_else(|| t.strip_prefix("### "))
            .or(bare)
        {
            let h = h.trim().to_lowercase();
            in_postmortem = h.contains("postmortem") || h.contains("post-mortem");
            loose.clear();
            current = STATUSES
                .iter()
                .find(|(k, _)| h == *k)
                .map(|(_, words)| (*words, Vec::new()));
            continue;
        }
        // A date alone is an update's stamp only under a status (or the postmortem's).
        let stamp = posted.captures(t).filter(|_| {
            t.to_lowercase().starts_with("posted") || current.is_some() || in_postmortem
        });
        if let Some(c) = stamp {
            // With no year on the page, the importer's default year.
            let date = if c[1].chars().filter(char::is_ascii_digit).count() >= 5 {
                c[1].to_string()
            } else {
                format!("{}, 2001", c[1].trim_end_matches(','))
            };
            if current.is_none() && in_postmortem {
                published = Some((date.clone(), c[2].to_string()));
                in_postmortem = false;
            } else if current.is_none() && !loose.is_empty() {
                updates.push(Update {
                    status: "",
                    date: date.clone(),
                    time: c[2].to_string(),
                    body: std::mem::take(&mut loose).join(" "),
                });
            }
            if let Some((status, body)) = current.take() {
                let body = body.join(" ");
                // "Update: we have deployed..." under an "Update" heading says it twice.
                let body = body.trim().strip_prefix("Update:").unwrap_or(body.trim());
                updates.push(Update {
                    status,
                    date,
                    time: c[2].to_string(),
                    body: body.trim().to_string(),
                });
            }
            continue;
        }
        if in_postmortem && !t.is_empty() {
            postmortem.push(t.to_string());
        } else if let Some((_, body)) = current.as_mut()
            && !t.is_empty()
        {
            body.push(t.to_string());
        } else if !t.is_empty() {
            loose.push(t.to_string());
        }
    }
    if updates.len() + usize::from(published.is_some() && !updates.is_empty()) < 2 {
        return None;
    }
    Some(render(title, updates, &postmortem, published.as_ref()))
}

/// The rewritten document: the summary, the postmortem as the root cause, and the timeline of
/// updates oldest first.
fn render(
    title: Option<String>,
    mut updates: Vec<Update>,
    postmortem: &[String],
    published: Option<&(String, String)>,
) -> String {
    // Oldest first: a status page lists the newest first, a tracker's copy the oldest.
    updates.reverse();
    updates.sort_by_key(|u| order_key(&format!("{} {:0>5}", u.date, u.time)));
    let mut out = format!("# {}\n\n", title.unwrap_or_else(|| "Incident".into()));
    // A postmortem of several paragraphs opens with what happened, which says it better than
    // the first update; a postmortem of one paragraph is the cause.
    let paragraphs: Vec<&String> = postmortem
        .iter()
        .filter(|p| p.split_whitespace().count() >= 12 && p.ends_with('.'))
        .collect();
    let opening = paragraphs
        .first()
        .copied()
        .filter(|_| paragraphs.len() >= 3);
    out.push_str("## Summary\n\n");
    out.push_str(opening.unwrap_or(&updates[0].body));
    out.push_str("\n\n");
    if !postmortem.is_empty() {
        out.push_str("## Root cause\n\n");
        out.push_str(&postmortem.join(" "));
        out.push_str("\n\n");
    } else if let Some(cause) = told_cause(&updates) {
        // No postmortem: an update that says what caused it ("This is caused by high
        // utilization on a core database").
        out.push_str("## Root cause\n\n");
        out.push_str(&cause);
        out.push_str("\n\n");
    }
    out.push_str("## Timeline\n\n");
    for line in timeline(&updates, postmortem, published) {
        out.push_str(&format!("- {line}\n"));
    }
    out
}

/// The first sentence of an update, oldest first, that says what caused the incident.
fn told_cause(updates: &[Update]) -> Option<String> {
    super::prose_cause::first_naming_cause(updates.iter().flat_map(|u| u.body.split(". ")))
}

/// A tracker's list of updates ("- investigating Sep 07, 2022, 04:29 PM UTC" over the text)
/// rewritten with a heading per update and a "Posted" line after its text; `None` when the
/// document has fewer than two such lines.
fn tracker_form(md: &str) -> Option<String> {
    let head = Regex::new(
        r"(?i)^\s*(?:[-*•]|\d+\.)?\s*(investigating|identified|update|monitoring|verifying|resolved|postmortem|post-mortem)\s+([A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}),?\s+(\d{1,2}):(\d{2})\s*([ap]m)?\s*([A-Z]{2,4})?\s*$",
    )
    .expect("static regex");
    if md.lines().filter(|l| head.is_match(l)).count() < 2 {
        return None;
    }
    let mut out = String::new();
    let mut pending: Option<String> = None;
    for line in md.lines() {
        let Some(c) = head.captures(line) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        if let Some(posted) = pending.take() {
            out.push_str(&posted);
        }
        let hour = hour_of_day(c[3].parse().unwrap_or(0), c.get(5).map(|m| m.as_str()));
        let zone = c.get(6).map_or("UTC", |m| m.as_str());
        let mut status = c[1].to_lowercase();
        status[..1].make_ascii_uppercase();
        out.push_str(&format!("## {status}\n"));
        if !status.starts_with("Post") {
            pending = Some(format!("Posted {} - {hour:02}:{} {zone}\n", &c[2], &c[4]));
        }
    }
    if let Some(posted) = pending {
        out.push_str(&posted);
    }
    Some(out)
}

/// A status (or "Postmortem") alone on a line, as a page copied as text shows it.
fn bare_status(t: &str) -> Option<&str> {
    let word = t.trim_end_matches('-').trim();
    let lower = word.to_lowercase();
    (STATUSES.iter().any(|(k, _)| *k == lower) || lower == "postmortem" || lower == "post-mortem")
        .then_some(word)
}

/// The timeline's lines: sentences that give a time of their own, then every update, each with
/// its date so the importer orders them.
fn timeline(
    updates: &[Update],
    postmortem: &[String],
    published: Option<&(String, String)>,
) -> Vec<String> {
    // "at 5:04 UTC", or a time right after its date ("On February 22, 2019, 14:31 UTC").
    let at = Regex::new(
        r"(?i)(?:\b(?:at|by|since|between|from)\s+|\b\d{4},?\s+)(?:approximately\s+|about\s+|around\s+|~)?(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?",
    )
    .expect("static regex");
    // A sentence that names its own day ("yesterday, March 12, at 10:48 PM").
    let day = Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b(?:,?\s*\d{4})?")
        .expect("static regex");
    let year = updates[0]
        .date
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut seen: Vec<String> = updates.iter().map(|u| format!("{:0>5}", u.time)).collect();
    let mut lines = Vec::new();
    if let Some((date, time)) = published {
        seen.push(format!("{time:0>5}"));
        lines.push(format!("{date} {time:0>5} — Postmortem published."));
    }
    let sentences = updates
        .iter()
        .map(|u| u.body.as_str())
        .chain(postmortem.iter().map(String::as_str))
        .flat_map(|b| b.split(". "));
    for s in sentences {
        // Each time with its minutes, or an hour with its half of the day ("since about 9am");
        // a later one in the sentence is its clause's own ("..., with the issue being resolved
        // in 3 hours at 5:04 UTC").
        let times: Vec<_> = at
            .captures_iter(s)
            .filter(|c| c.get(2).is_some() || c.get(3).is_some())
            .collect();
        // Where each later time's clause begins: the comma before it.
        let clause_start = |c: &regex::Captures| {
            let start = c.get(0).map_or(0, |m| m.start());
            s[..start].rfind(", ").map(|at| at + 2)
        };
        for (i, c) in times.iter().enumerate() {
            let hour = hour_of_day(c[1].parse().unwrap_or(0), c.get(3).map(|m| m.as_str()));
            let time = format!("{hour:02}:{}", c.get(2).map_or("00", |m| m.as_str()));
            if seen.contains(&time) {
                continue;
            }
            seen.push(time.clone());
            let start = c.get(0).map_or(0, |m| m.start());
            // The last day named before the time (or the sentence's first).
            let named = day
                .captures_iter(s)
                .filter(|d| d.get(0).is_some_and(|m| m.start() <= start))
                .last()
                .or_else(|| day.captures(s));
            let date = named.map_or_else(
                || updates[0].date.clone(),
                |d| format!("{} {}, {year}", &d[1], &d[2]),
            );
            let text = if i == 0 {
                // Up to the next time's own clause.
                let end = times
                    .get(1)
                    .and_then(clause_start)
                    .map_or(s.len(), |e| e - 2);
                &s[..end]
            } else {
                clause_start(c).map_or(s, |at| &s[at..])
            };
            let text = text.trim().trim_end_matches('.');
            lines.push(format!(
                "{date} {time} — {}.",
                super::game::capitalise(text)
            ));
        }
    }
    for u in updates {
        if u.status.is_empty() {
            lines.push(format!("{} {} — {}", u.date, u.time, u.body));
        } else {
            lines.push(format!("{} {} — {}: {}", u.date, u.time, u.status, u.body));
        }
    }
    // In time order, so the timeline opens with what happened first and a sentence's time
    // does not read as the next day after a later update.
    lines.sort_by_key(|l| order_key(l));
    lines
}

/// A written line's day and time ("Mar 13, 2026 07:00 — ..."), to sort by.
fn order_key(line: &str) -> (i64, i64, i64, String) {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\s+(\d{2}):(\d{2})")
            .expect("static regex")
    });
    let Some(c) = STAMP.captures(line) else {
        return (0, 0, 0, String::new());
    };
    let month = super::doc_text::MONTHS
        .iter()
        .position(|m| c[1].eq_ignore_ascii_case(m))
        .map_or(0, |m| m as i64 + 1);
    let num = |i: usize| c[i].parse::<i64>().unwrap_or(0);
    (
        num(3),
        month * 100 + num(2),
        num(4) * 60 + num(5),
        String::new(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_history_of_posted_updates_is_rewritten() {
        // A postmortem that happens to have an "Update" heading is left alone.
        assert!(
            rewrite("# X\n\n## Update\n\nWe fixed it.\n\n## Timeline\n\n- 10:00 x\n").is_none()
        );
        let md = "# Slow webhooks\n\n## Resolved\nAll good.\nPosted Mar 04, 2025 - 16:48 UTC\n\n## Investigating\nWe are investigating delays.\nPosted Mar 04, 2025 - 14:12 UTC\n";
        let out = rewrite(md).unwrap();
        let tl = &out[out.find("## Timeline").unwrap()..];
        // Oldest first, each update with its date and time.
        let inv = tl.find("Mar 04, 2025 14:12 — Investigating: We are investigating delays.");
        let res = tl.find("Mar 04, 2025 16:48 — Resolved: All good.");
        assert!(inv.is_some() && res.is_some() && inv < res, "{out}");
        assert!(
            out.contains("## Summary\n\nWe are investigating delays."),
            "{out}"
        );
    }
}
