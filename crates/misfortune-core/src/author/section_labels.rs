//! Lines that are a section and its text at once: a bold label (`**Went well:** ...`), a
//! plain text's run-in heading ("Root cause. The template...") or a label and a colon
//! ("Cause: During a deployment, ..."), and the questions a review asks as its headings ("How
//! did we respond?"). Kept apart from `sections`, which splits a document.

use std::sync::LazyLock;

use regex::Regex;

use super::sections::{Part, bullet, classify};

/// A paragraph that opens with a bold label naming a known section (`**Lucky:** text`), or a
/// lesson bullet that names its kind (`- What went well: text`).
fn inline_label(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    if let Some(t) = t.strip_prefix("**") {
        let end = t.find("**")?;
        let label = t[..end].trim().trim_end_matches(':').trim();
        let rest = t[end + 2..].trim_start_matches(':').trim();
        return (label.len() < 40 && !rest.is_empty() && classify(label) != Part::Other)
            .then(|| (label.to_string(), rest.to_string()));
    }
    let item = bullet(t)?;
    let (label, rest) = item.split_once(':')?;
    let lesson = matches!(
        classify(label),
        Part::WentWell | Part::WentWrong | Part::Lucky | Part::Unlucky
    );
    (lesson && label.len() < 40 && !rest.trim().is_empty())
        .then(|| (label.trim().to_string(), rest.trim().to_string()))
}

/// A paragraph of plain text that opens with a short label and a full stop naming a known
/// section ("Root cause. The configuration template treats...", "Timeline. At 09:34 we...").
fn run_in_heading(line: &str) -> Option<(String, String)> {
    let (label, rest) = line.trim().split_once(". ")?;
    (label.split_whitespace().count() <= 3
        && label.chars().next().is_some_and(char::is_uppercase)
        && label.chars().all(|c| c.is_alphabetic() || c == ' ')
        && !rest.trim().is_empty()
        && classify(label) != Part::Other)
        .then(|| (label.to_string(), rest.trim().to_string()))
}

/// A line that is a section and its text: `**Went well:** the usage team responded within
/// minutes.` (outside a timeline), or in plain text a run-in heading ("Root cause. The
/// configuration template treats...") or a label ("Cause: During a deployment, ...").
pub(super) fn labelled_line(
    line: &str,
    outside_timeline: bool,
    plain: bool,
) -> Option<(String, String)> {
    outside_timeline
        .then(|| inline_label(line))
        .flatten()
        .or_else(|| {
            plain
                .then(|| run_in_heading(line).or_else(|| plain_label(line)))
                .flatten()
        })
}

/// A plain-text line that opens with a section's name and a colon ("Cause: During a
/// deployment, ...", "Resolution: The issue was patched"): a section and its text.
fn plain_label(line: &str) -> Option<(String, String)> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Z][A-Za-z /&-]{1,40}):\s+(\S.*)$").expect("static regex")
    });
    let c = LABEL.captures(line.trim())?;
    (classify(&c[1]) != Part::Other).then(|| (c[1].trim().to_string(), c[2].to_string()))
}

/// Whether the lines under a heading, up to the next heading of its level or above, give a
/// time or a date anywhere.
pub(super) fn span_is_dated(lines: &[&str], level: usize) -> bool {
    static DATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\bt\s*\+\s*\d|\bday \d")
            .expect("static regex")
    });
    lines
        .iter()
        .take_while(|l| {
            super::sections::heading(l).is_none_or(|(lv, _)| lv > level || !l.starts_with('#'))
        })
        .any(|l| DATED.is_match(l))
}

/// An Azure-style review asks its headings: "What went wrong and why?", "How did we respond?"
/// (a small team's: "What was the problem?", "Why did it happen?", "How did we fix it?");
/// "How are we making incidents like this less likely or less impactful?" lists the repairs;
/// what customers can do, and a survey, are neither impact nor story.
pub(super) fn asked(t: &str) -> Option<Part> {
    let has = |w: &str| t.contains(w);
    if has("how did we respond") || has("how we responded") {
        Some(Part::Timeline)
    } else if has("what went wrong and why")
        || has("what do we know so far")
        || has("why did it happen")
        || has("why did this happen")
    {
        Some(Part::RootCause)
    } else if has("what was the problem") || has("what was the issue") {
        Some(Part::Summary)
    } else if has("how did we fix") {
        Some(Part::Resolution)
    } else if has("incidents like this less likely") {
        Some(Part::ActionItems)
    } else if has("how can customers")
        || has("how can our customers")
        || has("communications more useful")
    {
        Some(Part::Other)
    } else {
        None
    }
}
