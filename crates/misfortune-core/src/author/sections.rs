//! Markdown postmortems as sections (by heading, classified), and the text helpers that read
//! their bullets, tables and prose.

use std::sync::LazyLock;

use regex::Regex;

pub(super) use super::timeline_table::table_cells;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Summary,
    Impact,
    RootCause,
    Trigger,
    Contributing,
    Resolution,
    Detection,
    ActionItems,
    Lessons,
    WentWell,
    WentWrong,
    Lucky,
    Unlucky,
    Timeline,
    Other,
}

/// Headings that say how the incident was found and what the team saw ("Key Indicators During
/// Incident", "Relevant Metrics" in an appendix).
const DETECTION: &[&str] = &[
    "detection",
    "how we found out",
    "indicators",
    "symptoms",
    "signals observed",
    "relevant metrics",
    "key metrics",
];

pub(super) fn classify(title: &str) -> Part {
    let t = title.to_lowercase().replace(',', "");
    let has = |w: &str| t.contains(w);
    if let Some(p) = super::section_labels::asked(&t) {
        return p;
    }
    if has("timeline") || has("chronology") || has("sequence of events") {
        Part::Timeline
    } else if has("unlucky")
        || has("luck was against")
        || has("where we were unlucky")
        || has("bad luck")
    {
        Part::Unlucky
    } else if has("lucky") || has("luck") {
        Part::Lucky
    } else if has("went well")
        || has("went right")
        || has("what worked")
        || has("things that went well")
    {
        Part::WentWell
    } else if has("went wrong")
        || has("went poorly")
        || has("didn't go well")
        || has("did not go well")
        || has("could have gone better")
        || has("went badly")
    {
        Part::WentWrong
    } else if has("action item")
        || has("what we are changing")
        || has("what we're changing")
        || has("changes we are making")
        || has("follow-up")
        || has("follow up")
        || has("followup")
        || has("corrective action")
        // "Corrective and Preventative Measures" (the course template's action items).
        || has("preventative")
        || has("preventive measure")
        || has("corrective and")
        || has("next steps")
        || has("remediation items")
        || t.trim() == "actions"
        || has("prevention")
        || has("todo")
    {
        Part::ActionItems
    } else if has("contributing")
        || has("leadup")
        || has("lead-up")
        || has("lead up")
        || has("precursor")
    {
        Part::Contributing
    } else if has("root cause")
        || t.trim() == "cause"
        || t.trim() == "causes"
        // "Immediate cause", "Underlying cause" under a "Root cause analysis" heading.
        || t.trim().ends_with(" cause")
        || t.trim() == "fault"
        // "Primary cause: Gunicorn access logs", "Why it happened".
        || t.starts_with("primary cause")
        || t.starts_with("cause:")
        || has("why it happened")
        || has("five whys")
        || has("5 whys")
    {
        Part::RootCause
    } else if has("trigger") {
        Part::Trigger
    } else if has("lesson") {
        Part::Lessons
    } else if has("impact") {
        Part::Impact
    } else if DETECTION.iter().any(|w| has(w)) {
        Part::Detection
    } else if has("resolution") // also "Immediate Actions", done at once
        || has("mitigation")
        || has("recovery")
        || has("remediation")
        || has("how we fixed")
        || t.trim() == "solution"
        || has("immediate action")
    {
        Part::Resolution
    } else if has("summary")
        || has("sumary")
        || has("overview")
        || has("tl;dr")
        || has("description")
        || has("what happened")
    {
        Part::Summary
    } else {
        Part::Other
    }
}

#[derive(Debug)]
pub(super) struct Section {
    pub(super) part: Part,
    /// The heading, lower-cased ("" before the first heading).
    pub(super) title: String,
    /// Under a heading of its own (not the text before the first heading).
    pub(super) explicit: bool,
    pub(super) lines: Vec<String>,
}

pub(super) fn heading(line: &str) -> Option<(usize, String)> {
    let t = line.trim_end();
    if t.starts_with('#') {
        let level = t.chars().take_while(|&c| c == '#').count();
        if level <= 6 && t[level..].starts_with(' ') {
            return Some((
                level,
                t[level..].trim().trim_end_matches('#').trim().to_string(),
            ));
        }
        // "#Issue Summary:", "#Timeline:": the space left out, a known section still named.
        let inner = t[level..].trim().trim_end_matches(':');
        if level <= 3
            && inner.starts_with(|c: char| c.is_ascii_uppercase())
            && inner.len() < 50
            && classify(inner) != Part::Other
        {
            return Some((level, inner.to_string()));
        }
    }
    // `**Summary**` or `**Summary:**` alone on a line.
    let s = t.trim();
    if s.len() > 4 && s.starts_with("**") && s.ends_with("**") && !s[2..s.len() - 2].contains("**")
    {
        let inner = s[2..s.len() - 2].trim().trim_end_matches(':').to_string();
        // ("**14:42 UTC - Resolution Update:**" is a stamped line, not a heading.)
        if classify(&inner) != Part::Other && !inner.starts_with(|c: char| c.is_ascii_digit()) {
            return Some((4, inner));
        }
    }
    // `ROOT CAUSE` alone on a line, in capitals, naming a known section (plain-text reports;
    // also as a bullet, "- TIMELINE OF EVENTS").
    let s = s.strip_prefix("- ").map_or(s, str::trim);
    if s.len() > 3
        && s.len() < 50
        && s.chars().any(|c| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '&' | '-' | '/'))
        // Two capital words or more ("INCIDENT INVESTIGATION") end the section above even
        // when they name none of the known ones.
        && (classify(&s.to_lowercase()) != Part::Other || s.split_whitespace().count() >= 2)
    {
        return Some((2, s.to_lowercase()));
    }
    // `Summary:` alone on a line, naming a known section.
    if let Some(inner) = s.strip_suffix(':')
        && inner.len() < 40
        && !inner.contains(':')
        && classify(inner) != Part::Other
        && !inner.starts_with(['-', '*', '|'])
    {
        return Some((5, inner.to_string()));
    }
    None
}

/// The level of a setext heading (`Title` over `===` is 1, over `---` is 2), if `line` is one.
fn setext_level(line: &str, next: Option<&str>) -> Option<usize> {
    let next = next?.trim();
    let underline = !next.is_empty()
        && (next.chars().all(|c| c == '=') || (next.len() >= 3 && next.chars().all(|c| c == '-')));
    (underline && !line.trim().is_empty() && !line.trim_start().starts_with(['-', '*', '|', '#']))
        .then(|| if next.starts_with('=') { 1 } else { 2 })
}

/// The text of a line that is wholly bold and is not a label (`**Postmortem: API outage**`).
fn bold_line(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"))
        .filter(|t| !t.contains("**") && !t.trim_end().ends_with(':'))
}

/// A plain-text document (pasted from a web page or an email) has no Markdown headings: its
/// first line is its title and a short line alone naming a known section ("Summary of
/// technical issue") is a heading.
fn is_plain_text(lines: &[&str]) -> bool {
    !lines.iter().enumerate().any(|(i, l)| {
        let t = l.trim_start();
        (t.starts_with('#') && heading(l).is_some())
            || (t.starts_with("**") && heading(l).is_some())
            || setext_level(l, lines.get(i + 1).copied()).is_some()
    })
}

/// A clock time ("4:06").
static CLOCK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d:\d\d").expect("static regex"));

/// Whether a line names a clock time anywhere in it.
pub(super) fn names_clock(line: &str) -> bool {
    CLOCK.is_match(line)
}

/// A plain-text heading: a short line after a blank one (or first), not a sentence, with no
/// clock time, naming a known section.
fn plain_heading(line: &str, after_blank: bool) -> Option<(usize, String)> {
    let s = line.trim();
    let name = s.trim_end_matches(':').trim();
    // A question or a label ("What happened?", "Customer Impact:") is a heading even with no
    // blank line above it.
    let asks = s.ends_with(['?', ':']);
    ((after_blank || asks)
        && !name.is_empty()
        && name.len() <= 60
        && name.split_whitespace().count() <= 8
        && !name.ends_with(['.', ',', ';', '!'])
        && !name.starts_with(['-', '*', '|', '•', '['])
        && name.chars().next().is_some_and(char::is_uppercase)
        && !CLOCK.is_match(name)
        && classify(name) != Part::Other)
        .then(|| (2, name.to_string()))
}

/// A plain-text document's title: its first line, when that is short and not a sentence.
fn plain_title(line: &str) -> Option<String> {
    let s = line.trim();
    // "Timeframe: September 16, 4:06 pm – 4:38 pm" is a label and a time, not a title.
    let timed_label = s.split_once(": ").is_some_and(|(label, value)| {
        label.split_whitespace().count() <= 3 && CLOCK.is_match(value)
    });
    (!s.is_empty()
        && s.len() <= 100
        && !s.ends_with(['.', ':', ','])
        && bullet(s).is_none()
        && !timed_label)
        .then(|| clean_inline(s))
}

/// How many lines open with a clock time ("09:10", "10.51 –").
fn dated_lines(lines: &[&str]) -> usize {
    let dated = Regex::new(r"^\W{0,3}\d{1,2}[:.]\d{2}").expect("static regex");
    lines.iter().filter(|l| dated.is_match(l.trim())).count()
}

/// A heading in pasted text: after a blank line, or (four words at most) after a block's end.
fn text_heading(line: &str, after_blank: bool, after_block: bool) -> Option<(usize, String)> {
    plain_heading(line, after_blank).or_else(|| {
        (after_block && line.split_whitespace().count() <= 4)
            .then(|| plain_heading(line, true))
            .flatten()
    })
}

/// A label straight under a heading with nothing between ("Root Cause" / "Technical
/// explanation of what went wrong:") says what the section holds: it is not a section.
fn prompt_under_heading(sections: &[Section], line: &str) -> bool {
    line.trim_end().ends_with(':')
        && sections
            .last()
            .is_some_and(|s| s.explicit && s.lines.iter().all(|l| l.trim().is_empty()))
}

/// Whether line `i` may start a block: after a blank line, or straight under the title line;
/// and, in pasted text, also straight after a sentence's end or a line in capitals (where a
/// short line naming a section, "Timeline", is a heading).
fn block_starts(lines: &[&str], i: usize, title_line: usize) -> (bool, bool) {
    let after_blank = i == 0 || i == title_line || lines[i - 1].trim().is_empty();
    // (A short line alone over a blank one, "Root Cause" straight under a timeline's last
    // line, stands apart as well.)
    let alone = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
    (
        after_blank,
        after_blank || alone || (i > 0 && ends_block(lines[i - 1])),
    )
}

/// Whether a line ends a block of pasted text: a sentence's end, or a line in capitals
/// ("POST-MORTEM").
fn ends_block(line: &str) -> bool {
    let t = line.trim();
    t.ends_with(['.', '!', '?'])
        || (t.len() > 3
            && t.chars().any(|c| c.is_ascii_uppercase())
            && !t.chars().any(|c| c.is_ascii_lowercase()))
}

/// A plain text's first line as its title, and the index of the line after it.
fn first_line_title(lines: &[&str]) -> Option<(String, usize)> {
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    if plain_heading(lines[first], true).is_some() {
        return None;
    }
    plain_title(lines[first]).map(|t| (t, first + 1))
}

pub(super) fn split_sections(md: &str) -> (Option<String>, Vec<Section>) {
    let lines: Vec<&str> = md.lines().collect();
    let plain = is_plain_text(&lines);
    let mut sections: Vec<Section> = Vec::new();
    let mut timeline_level: Option<usize> = None;
    let (mut title, mut i) = first_line_title(&lines)
        .filter(|_| plain)
        .map_or((None, 0), |(t, next)| (Some(t), next));
    let title_line = i;
    // The level and part of the last heading that named a part, which a deeper heading naming
    // none belongs to.
    let mut parent: Option<(usize, Part)> = None;
    while i < lines.len() {
        let line = lines[i];
        let (after_blank, after_block) = block_starts(&lines, i, title_line);
        let h = if let Some(level) = setext_level(line, lines.get(i + 1).copied()) {
            i += 1;
            Some((level, line.trim().to_string()))
        } else {
            heading(line).or_else(|| {
                plain
                    .then(|| text_heading(line, after_blank, after_block))
                    .flatten()
                    .filter(|_| !prompt_under_heading(&sections, line))
            })
        };
        if let Some((level, text)) = &h {
            if timeline_sub_heading(*level, text, line, timeline_level, &mut sections) {
                i += 1;
                continue;
            }
            timeline_level = None;
        }
        let labelled = h
            .is_none()
            .then(|| super::section_labels::labelled_line(line, timeline_level.is_none(), plain))
            .flatten();
        if let Some((label, rest)) = labelled {
            sections.push(Section {
                part: classify(&label),
                title: label.to_lowercase(),
                explicit: true,
                lines: vec![rest],
            });
            parent = None;
            i += 1;
            continue;
        }
        // A bold line alone before anything else is the title (`**Postmortem: ...**`).
        if h.is_none()
            && title.is_none()
            && sections.is_empty()
            && let Some(inner) = bold_line(line)
        {
            title = Some(clean_inline(inner));
            i += 1;
            continue;
        }
        match h {
            Some((level, text))
                if title.is_none() && sections.is_empty() && titles(level, &text) =>
            {
                title = Some(clean_inline(&text))
            }
            Some((level, text)) => {
                let part = heading_part(&text, level, &mut parent);
                // A "Timeline of Events" with no time or date under it ("### What Happened",
                // "### Investigation Results") is a story told in sections, not a timeline.
                if part == Part::Timeline
                    && super::section_labels::span_is_dated(&lines[i + 1..], level)
                {
                    timeline_level = Some(level);
                }
                sections.push(Section {
                    part,
                    title: text.to_lowercase(),
                    explicit: true,
                    lines: Vec::new(),
                })
            }
            None => {
                if let Some(s) = sections.last_mut() {
                    s.lines.push(line.to_string());
                } else if !line.trim().is_empty() {
                    // Text before any section: treat as the summary.
                    sections.push(Section {
                        part: Part::Summary,
                        title: String::new(),
                        explicit: false,
                        lines: vec![line.to_string()],
                    });
                }
            }
        }
        i += 1;
    }
    let title = title.filter(|_| !plain || reads_as_postmortem(&lines, &sections));
    (title, sections)
}

/// A deeper heading inside the timeline ("### Detection (14:32 - 14:35)") groups its events:
/// it stays in the timeline's lines, where it can only set the day. Whether it was one.
fn timeline_sub_heading(
    level: usize,
    text: &str,
    line: &str,
    timeline_level: Option<usize>,
    sections: &mut [Section],
) -> bool {
    // ("### October 21, 2025 - Redis Overload" / "**Timeline:**" / bullets: the bold label over
    // each day's bullets stays inside the timeline, under its day.)
    // ("## 13:20" among "### 13:10" headings: a time alone is one more event, whatever its
    // level.)
    static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^~?\d{1,2}:\d{2}(?::\d{2})?\s*[A-Za-z]{0,4}\W*$").expect("static regex")
    });
    let time_only = timeline_level == Some(level) && TIME_ONLY.is_match(text.trim());
    let inside = (timeline_level.is_some_and(|tl| level > tl) || time_only)
        && (line.trim_start().starts_with('#') || classify(text) == Part::Timeline);
    if inside && let Some(s) = sections.last_mut() {
        s.lines.push(format!("{} {text}", "#".repeat(level)));
    }
    inside
}

/// Whether the first heading, before any text, is the title: it is unless it names a section
/// ("### Incident on 2023-02-02 10:21 - CJS Dashboard Performance" is one).
fn titles(level: usize, text: &str) -> bool {
    level == 1 || classify(text) == Part::Other
}

/// The part a heading names; a deeper heading that names none belongs to the part of the heading
/// above it ("## Root Causes" over "### 1. Wrong From address": one of the causes). `parent` is
/// the level and part of the last heading that named a part.
fn heading_part(text: &str, level: usize, parent: &mut Option<(usize, Part)>) -> Part {
    let part = classify(text);
    match *parent {
        Some((pl, pp)) if level > pl && part == Part::Other => pp,
        _ => {
            *parent = (part != Part::Other).then_some((level, part));
            part
        }
    }
}

/// A plain text with no section at all is not a postmortem, whatever its first line, unless it
/// is a timeline ("10.51 – first report of an issue", one event a line).
fn reads_as_postmortem(lines: &[&str], sections: &[Section]) -> bool {
    sections.iter().any(|s| s.explicit && s.part != Part::Other) || dated_lines(lines) >= 3
}

pub(super) fn clean_inline(s: &str) -> String {
    let s = s.replace("**", "").replace("__", "").replace('`', "");
    // An image ("![Restored](images/up.png)") says nothing in text; a link keeps its words.
    static IMAGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)").expect("static regex"));
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("static regex"));
    let s = IMAGE.replace_all(&s, "");
    LINK.replace_all(&s, "$1").trim().to_string()
}

pub(super) fn bullet(line: &str) -> Option<String> {
    let t = line.trim_start();
    let rest = if let Some(r) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
    {
        r
    } else {
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
            &t[digits + 2..]
        } else {
            return None;
        }
    };
    let rest = rest
        .trim_start_matches("[ ] ")
        .trim_start_matches("[x] ")
        .trim_start_matches("[X] ");
    Some(clean_inline(rest))
}

/// Bullets (or table rows, or paragraphs) of a section, as items.
pub(super) fn items(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut any_bullet = false;
    for l in lines {
        // A lead-in straight over its list ("Specifically:" / "1. ...") comes before it.
        if !para.is_empty() && (bullet(l).is_some() || table_cells(l).is_some()) {
            out.push(std::mem::take(&mut para));
        }
        if let Some(b) = bullet(l) {
            any_bullet = true;
            if !b.is_empty() {
                out.push(b);
            }
        } else if let Some(cells) = table_cells(l) {
            if !cells.is_empty() {
                out.push(
                    cells
                        .into_iter()
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" — "),
                );
            }
        } else if l.trim().is_empty() || is_rule(l) {
            if !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
        } else if any_bullet && l.starts_with([' ', '\t']) && !out.is_empty() {
            let last = out.last_mut().expect("non-empty");
            last.push(' ');
            last.push_str(&clean_inline(l.trim()));
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(&clean_inline(l.trim()));
        }
    }
    if !para.is_empty() {
        out.push(para);
    }
    out
}

/// A horizontal rule (`---`, `***`, `___`).
fn is_rule(l: &str) -> bool {
    let t = l.trim();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_'))
}

pub(super) fn prose(lines: &[String]) -> Option<String> {
    let v = items(lines);
    // A list's items keep their ends ("Pool utilization: peaked at 100%. API latency: ..."),
    // so the text still reads, and splits, as sentences.
    let n = v.len();
    let ended: Vec<String> = v
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let open =
                item.ends_with(|c: char| c.is_alphanumeric() || matches!(c, ')' | '%' | '`' | '"'));
            if open && i + 1 < n {
                format!("{item}.")
            } else {
                item
            }
        })
        .collect();
    (n > 0).then(|| ended.join(" "))
}
