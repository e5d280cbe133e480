//! A document's metadata: its front matter (YAML, TOML or bare `key: value` lines) and the
//! metadata lines at the top of a section ("**Date:** ...", "| Field | Value |"), which are
//! not its prose; and the detection time a front matter states.

use std::sync::LazyLock;

use regex::Regex;

use super::markdown::opens_with_time;
use super::sections::Section;
use crate::model::EventKind;

/// A key's value in a front matter block: on its line, or, after `>`, `>-` or `|` (a YAML
/// block scalar: "excerpt: >-" over indented lines), the indented lines below it, joined.
pub(super) fn front_value(block: &str, k: &str) -> Option<String> {
    let lines: Vec<&str> = block.lines().collect();
    lines.iter().enumerate().find_map(|(i, l)| {
        let v = l
            .strip_prefix(k)
            .map(str::trim_start)
            .and_then(|t| t.strip_prefix(':').or_else(|| t.strip_prefix('=')))?
            .trim();
        if matches!(v, ">" | ">-" | ">+" | "|" | "|-" | "|+") {
            let folded: Vec<&str> = lines[i + 1..]
                .iter()
                .take_while(|n| n.starts_with([' ', '\t']))
                .map(|n| n.trim())
                .collect();
            return (!folded.is_empty()).then(|| folded.join(" "));
        }
        Some(v.trim_matches(['"', '\'']).to_string()).filter(|t| !t.is_empty())
    })
}

/// The fence a document's front matter opens with (`---` for YAML, `+++` for TOML) and the text
/// after that opening line.
fn opened(md: &str) -> Option<(&'static str, &str)> {
    ["---", "+++"].into_iter().find_map(|f| {
        md.strip_prefix(f)
            .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
            .map(|r| (f, r))
    })
}

/// A document's front matter block (between `---` or `+++` lines), if it opens with one.
pub(super) fn front_block(md: &str) -> Option<&str> {
    let (fence, rest) = opened(md)?;
    rest.find(&format!("\n{fence}")).map(|end| &rest[..end])
}

/// A document's front matter (YAML or TOML), if it opens with one: its `title`, its summary and
/// the text after it.
pub(super) fn front_matter(md: &str) -> (Option<String>, Option<String>, &str) {
    // YAML between `---` lines, or TOML between `+++` lines (`title = "docs.rs outage"`).
    let Some((fence, rest)) = opened(md) else {
        return bare_front_matter(md);
    };
    let Some(end) = rest.find(&format!("\n{fence}")) else {
        return (None, None, md);
    };
    let block = &rest[..end];
    let after = rest[end + 4..].trim_start_matches(['-', '+', '\r']);
    let key = |k: &str| front_value(block, k);
    // A collection's entry says what happened in its `summary:`; a blog's in its `excerpt:`
    // or `description:`.
    let summary = key("summary")
        .or_else(|| key("excerpt"))
        .or_else(|| key("description"));
    // A collection's entry with no title names its company ("company: Fastly").
    let title = key("title").or_else(|| key("company").map(|c| format!("{c} incident")));
    (title, summary, after)
}

/// An old blog engine's header with no fences ("date: Tue Nov 26 ... 2013" / "author: ..." /
/// "title: Keeping The npm Registry Awesome" / "slug: ..." over a blank line): its title, and
/// the text after it.
fn bare_front_matter(md: &str) -> (Option<String>, Option<String>, &str) {
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(date|author|title|slug|category|categories|tags|layout|permalink):\s*(.*)$",
        )
        .expect("static regex")
    });
    let Some(end) = md.find("\n\n") else {
        return (None, None, md);
    };
    let head: Vec<&str> = md[..end].lines().collect();
    if head.len() < 3 || !head.iter().all(|l| KEY.is_match(l.trim())) {
        return (None, None, md);
    }
    let title = head.iter().find_map(|l| {
        let c = KEY.captures(l.trim())?;
        (c[1].eq_ignore_ascii_case("title") && !c[2].trim().is_empty())
            .then(|| c[2].trim().trim_matches(['"', '\'']).to_string())
    });
    (title, None, md[end..].trim_start_matches('\n'))
}

/// A section's lines that are prose: not metadata, not log or timeline lines.
pub(super) fn prose_lines(s: &Section) -> Vec<String> {
    // ("**Status:** resolved — the fix is merged into `main` as PR #94 (merge commit" over
    // "`dd37fb1`); this document landed with ...": a key's value wrapped onto the next lines,
    // which carry on in lower case; and a code block is no prose.)
    let mut out = Vec::new();
    let (mut in_value, mut in_fence) = (false, false);
    for l in &s.lines {
        let t = l.trim();
        if t.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        let carries_on = t.starts_with(|c: char| c.is_lowercase() || matches!(c, '`' | ')' | '('))
            || (t.starts_with(['*', '_']) && !t.starts_with("* "));
        if in_fence || is_metadata(l) || (in_value && carries_on && !t.is_empty()) {
            in_value = !in_fence && !t.is_empty();
            continue;
        }
        in_value = false;
        out.push(l.clone());
    }
    out
}

/// A metadata line at the top of a document ("Date: ...", "**Authors:** ...").
pub(super) fn is_metadata(line: &str) -> bool {
    // A bulleted key and value ("- **Incident ID:** INC-2025-0017") too.
    let raw = line.trim();
    let raw = raw
        .strip_prefix("- ")
        .or_else(|| raw.strip_prefix("* "))
        .unwrap_or(raw)
        .trim_start();
    // A rule, or a bold key and its value ("**Date of Incident**: ...", "**Severity:** SEV1").
    if raw.chars().all(|c| matches!(c, '-' | '*' | '_')) && !raw.is_empty() {
        return true;
    }
    if let Some(rest) = raw.strip_prefix("**")
        && let Some(end) = rest.find("**")
        && end <= 40
        && (rest[..end].ends_with(':') || rest[end + 2..].trim_start().starts_with(':'))
        && rest[..end].split_whitespace().count() <= 4
    {
        return true;
    }
    // A key-value table ("| Field | Value |", "| **Incident ID** | INC-2024-0115-001 |").
    if let Some(row) = raw.strip_prefix('|') {
        let first = row.split('|').next().unwrap_or("").trim();
        let rule = row.chars().all(|c| matches!(c, '-' | ':' | '|' | ' '));
        let key = (first.starts_with("**") && first.ends_with("**"))
            || ["field", "key", "attribute", "property"].contains(&first.to_lowercase().as_str());
        if rule || key {
            return true;
        }
    }
    // A code fence, or a line that opens with a clock time, is a log or a timeline, not prose.
    if raw.starts_with("```") || opens_with_time(raw) {
        return true;
    }
    let l = line.replace("**", "").trim().to_lowercase();
    [
        "date:",
        "authors:",
        "author:",
        "status:",
        "owner:",
        "owners:",
        "severity:",
        "incident:",
        "reviewers:",
        "last updated:",
        "summary:",
        "incident report for ",
        "start:",
        "end:",
        "duration:",
        "layout:",
        "title:",
        "category:",
        "tags:",
    ]
    .iter()
    .any(|k| l.starts_with(k) && *k != "summary:")
        // A status page's label alone ("Resolved"), or a date alone ("6/10/2025").
        || ["resolved", "investigating", "identified", "monitoring", "completed"].contains(&l.as_str())
        || (!l.is_empty() && l.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.')))
}

/// The detection time a front matter states ("detected_at: 2026-09-09T18:40:00-03:00"), on the
/// timeline's clock: minute 0 when the timeline names no alert. The clock time is taken as
/// written, in the document's own zone, as its timeline is.
pub(super) fn stated_detection(md: &str, events: &[(i64, EventKind, String)]) -> Option<i64> {
    let block = front_block(md)?;
    let value = ["detected_at", "detected", "detection_time", "detected_time"]
        .iter()
        .find_map(|k| front_value(block, k))?;
    let (stamp, _, _) = super::time_parser::TimeParser::new().stamp(&value, None)?;
    let first = events.first()?.0;
    // A timeline of dated lines is on the calendar; one of times alone counts days from its
    // first line's.
    let day = match stamp.day {
        Some(d) if first >= 86_400 * 365 => d,
        _ => first.div_euclid(86_400),
    };
    Some(day * 86_400 + stamp.secs)
}
