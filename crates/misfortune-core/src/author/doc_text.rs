//! What a document says about itself beyond its timeline: its summary (not its metadata or
//! its title line), the text of a root-cause section, and a blog's front matter.

use std::sync::LazyLock;

use regex::Regex;

use super::doc_metadata::{is_metadata, prose_lines};
use super::sections::{Part, Section, bullet, classify, clean_inline, items, prose};

/// The document's summary: a heading that says summary; the opening paragraph (a blog's lede);
/// then "What happened" and other descriptions; the fault; what users saw. Metadata lines
/// ("**Date of incident**: ...") are never the summary.
pub(super) fn find_summary(sections: &[Section]) -> Option<String> {
    let get = |p: Part| sections.iter().filter(move |s| s.part == p);
    // A summary under its own heading beats the text before the first heading, which is often
    // the document's metadata (date, authors, status).
    // The order: a heading that says summary; the opening paragraph (a blog's lede); then
    // "What happened" and other descriptions.
    let named = |s: &&Section| {
        ["summary", "overview", "tl;dr"]
            .iter()
            .any(|w| s.title.contains(w))
    };
    // A lone line with no full stop before the first heading is a title, not a lede; nor is
    // a list (an incident log's "- **Key events**").
    let lede = || {
        get(Part::Summary)
            .filter(|s| !s.explicit)
            .filter(|s| {
                s.lines
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| bullet(l).is_none())
            })
            .find_map(|s| prose(&prose_lines(s)))
            .filter(|p| p.contains(". ") || p.ends_with(['.', '!']) || p.len() > 100)
            .filter(|p| !zone_note(p))
    };
    // "Duration:" over "June 8, 2024, 14:30 - 16:00 UTC" in pasted text says only when; a
    // template's questions answered in a list ("What services were affected? Wikis using ...")
    // are answers, not a summary.
    let without_metadata = |s: &Section| {
        prose(&prose_lines(s)).filter(|p| !only_when(p) && p.matches("? ").count() < 2)
    };
    // "This case study documents a critical production debugging session ...": a summary of
    // the write-up, not of the incident; the header's "**Issue**: Production 404 flash bug"
    // says what broke.
    let about_itself = |p: &String| {
        static ITSELF: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^this (?:case study|document|report|post|write-?up|post-?mortem|review|article|rca|page) (?:documents|describes|covers|summari[sz]es|details|explains|walks through|records|is about)\b")
                .expect("static regex")
        });
        ITSELF.is_match(p)
    };
    let said = || {
        ["issue", "problem", "incident"]
            .iter()
            .find_map(|w| labelled(sections, w))
    };
    let named_summary = match get(Part::Summary).filter(named).find_map(without_metadata) {
        Some(p) if about_itself(&p) => said().or(Some(p)),
        found => found,
    };
    named_summary
        .or_else(lede)
        .or_else(|| {
            get(Part::Summary)
                .filter(|s| s.explicit)
                .find_map(without_metadata)
        })
        // No summary at all (Atlassian's Leadup / Fault / Impact): the fault, then the leadup.
        .or_else(|| {
            // (A list of contributing factors is not a summary.)
            get(Part::RootCause)
                .filter(|s| s.title.contains("fault"))
                .chain(get(Part::Contributing).filter(|s| s.title.contains("lead")))
                .find_map(|s| prose(&s.lines))
        })
        // A summary of metadata only: what the users saw.
        .or_else(|| get(Part::Impact).find_map(without_metadata))
        // "- **Impact**: Cluster is reaching max capacity" in an incident log's entry.
        .or_else(|| {
            sections.iter().find_map(|s| {
                s.lines.iter().find_map(|l| {
                    let l = clean_inline(l);
                    let l = l.trim_start_matches(['-', '*', ' ']);
                    l.strip_prefix("Impact:")
                        .map(|v| v.trim().to_string())
                        .filter(|v| !v.is_empty())
                })
            })
        })
}

/// A root-cause section's text; under "Root causes", a sub-heading that names one cause ("1.
/// Wrong From address") leads its text.
pub(super) fn cause_text(s: &Section) -> Option<String> {
    // "**Root Cause**: Disk full" over "**Status**: Resolved": the status is not the cause,
    // though a section may open with its own bold label ("- **Cause**: checkpoints...").
    // The code a cause quotes (`if (... && deviceAssignments.length === 0) { return ...}`) is
    // evidence, not the sentence that says it.
    let told = without_code(&s.lines);
    // ("**File:** `src/services/...scheduler.py`" over "**Issue:** Accidental promotion of
    // broken ... version": where the cause sits is not what it was.)
    static WHERE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:files?|paths?|location|module|commit|pull request|pr|repo(?:sitory)?|line)\W*:")
            .expect("static regex")
    });
    let told: Vec<String> = told.into_iter().filter(|l| !WHERE.is_match(l)).collect();
    let first = told.iter().position(|l| !l.trim().is_empty());
    let lines: Vec<String> = told
        .iter()
        .enumerate()
        .filter(|(i, l)| Some(*i) == first || !is_metadata(l))
        .map(|(_, l)| l.clone())
        .collect();
    let text = prose(&lines)?;
    // "Let's dig into why this happened. It's never just one thing.": a lead-in to the
    // subsections, not the cause.
    static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:let'?s|let us|here'?s|below (?:we|is|are)|in this section)\b|\bwhy (?:this|it) happened\b")
            .expect("static regex")
    });
    if LEAD_IN.is_match(&text) {
        return None;
    }
    // "Root Cause 1: Incorrect memory resource limits in Helm chart": the heading names it.
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^root causes?\s*#?\d+\s*[:.\-–—]\s*(\S.*)$").expect("static regex")
    });
    if let Some(c) = NUMBERED.captures(s.title.trim()) {
        return Some(format!("{}: {text}", super::game::capitalise(c[1].trim())));
    }
    if classify(&s.title) == Part::RootCause {
        return Some(text);
    }
    let name = s
        .title
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | ' '));
    Some(if name.is_empty() {
        text
    } else {
        format!("{}: {text}", super::game::capitalise(name))
    })
}

/// The causes a root-cause or contributing section names with a label ("1. **Immediate
/// Cause:** ORM configuration change...", "2. **Root Cause:** Code review missed..."), joined.
pub(super) fn labelled_causes(sections: &[Section]) -> Option<String> {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        // (And in the languages the importer reads: "**Disparó el fallo:** en el blueprint de
        // Render, las referencias ... devuelven valores sin esquema".)
        Regex::new(r"(?i)^(?:[-*+]|\d+[.)])?\s*\*\*((?:immediate|root|primary|proximate|underlying|technical) cause|causa ra[íi]z|causa inmediata|disparó el fallo|cause racine|cause imm[ée]diate|cause premi[èe]re|grundursache|ursache|ausl[öo]ser)\s*:?\*\*\s*:?\s*(\S.*)$")
            .expect("static regex")
    });
    let causes: Vec<String> = sections
        .iter()
        .filter(|s| matches!(s.part, Part::RootCause | Part::Contributing))
        .flat_map(|s| s.lines.iter())
        .filter_map(|l| LABELLED.captures(l.trim()))
        .map(|c| {
            let text = clean_inline(c[2].trim());
            format!(
                "{}: {}.",
                super::game::capitalise(&c[1].to_lowercase()),
                text.trim_end_matches('.')
            )
        })
        .collect();
    (!causes.is_empty()).then(|| causes.join(" "))
}

/// Whether a line says only when ("June 8, 2024, 14:30 - 16:00 UTC"): a clock time or a year,
/// and at most two words besides.
/// A note on the times and nothing else ("All times UTC.", "All times are in PT"): how to read
/// the timeline, not what happened.
fn zone_note(text: &str) -> bool {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:all\s+)?times?\s+(?:are\s+|shown\s+|given\s+)?(?:in\s+)?[a-z]{1,5}(?:\s*[+-]\d{1,2}(?::?\d\d)?)?\W*$")
            .expect("static regex")
    });
    NOTE.is_match(text.trim())
}

fn only_when(text: &str) -> bool {
    static WHEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d:\d\d|\b(?:19|20)\d\d\b").expect("static regex"));
    // ("Start Time: January 25, 2024, 10:30 AM (UTC) End Time: ...": the words of a stamp and
    // its labels say no more than when.)
    const OF_A_STAMP: &[&str] = &[
        "start", "end", "time", "date", "duration", "from", "to", "until", "am", "pm", "utc",
        "gmt", "began", "ended", "started",
    ];
    WHEN.is_match(text)
        && text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 2)
            .map(str::to_lowercase)
            // (Month names, and zone names such as "PST" or "CEST".)
            .filter(|w| {
                let zone = (3..=4).contains(&w.len()) && w.ends_with('t');
                !(OF_A_STAMP.contains(&w.as_str())
                    || MONTHS.iter().any(|m| w.starts_with(m))
                    || zone)
            })
            .count()
            <= 2
}

/// Month names as their first three letters, January first.
pub(super) const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The incident's date: a "Date:" line's ("**Date**: June 15, 2023"), else the first ISO date
/// that is not part of an identifier ("INC-2023-02-15" names another incident).
pub(super) fn incident_date(md: &str) -> Option<String> {
    static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?im)^\W{0,4}(?:date|date of (?:the )?incident|incident date)\W{0,4}[:|]\W{0,4}(.+)$",
        )
        .expect("static regex")
    });
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^A-Za-z0-9-])((?:19|20)\d{2})-(\d{2})-(\d{2})\b").expect("static regex")
    });
    static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+((?:19|20)\d{2})\b")
            .expect("static regex")
    });
    let iso = |s: &str| {
        ISO.captures(s)
            .map(|c| format!("{}-{}-{}", &c[1], &c[2], &c[3]))
    };
    let written = |s: &str| {
        let c = WRITTEN.captures(s)?;
        let (m, d, y) = match c.get(1) {
            Some(m) => (m.as_str(), &c[2], &c[3]),
            None => (c.get(5)?.as_str(), &c[4], &c[6]),
        };
        let m = MONTHS.iter().position(|x| m.eq_ignore_ascii_case(x))? + 1;
        Some(format!("{y}-{m:02}-{:02}", d.parse::<u32>().ok()?))
    };
    DATE_LINE
        .captures(md)
        .and_then(|c| iso(&c[1]).or_else(|| written(&c[1])))
        .or_else(|| iso(md))
}

/// Pasted from a web page: non-breaking hyphens ("2025‑08‑01", "on‑call") and spaces made the
/// plain ones.
pub(super) fn plain_chars(md: &str) -> String {
    md.chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' => '-',
            '\u{00a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect()
}

/// A labelled line's value anywhere in the document ("- **Resolution:** The network team
/// corrected the firewall rule" under "Root Cause and Resolution"), for a part with no section
/// of its own.
pub(super) fn labelled(sections: &[Section], label: &str) -> Option<String> {
    sections.iter().flat_map(|s| &s.lines).find_map(|l| {
        let l = clean_inline(l);
        let l = l.trim_start_matches(['-', '*', ' ']);
        let (head, value) = l.split_once(':')?;
        (head.trim().eq_ignore_ascii_case(label) && !value.trim().is_empty())
            .then(|| value.trim().to_string())
    })
}

/// Markdown's reference links: the definitions ("[ashleygwilliams]: https://github.com/...")
/// are left out, and each use ("[ashleygwilliams] got paged", "[the fix][fix]") keeps only
/// its words.
pub(super) fn without_link_refs(md: &str) -> String {
    static DEF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^ {0,3}\[([^\]]+)\]:[ \t]*(?:<?https?://|/|#|mailto:)\S*.*$\n?")
            .expect("static regex")
    });
    let labels: Vec<String> = DEF.captures_iter(md).map(|c| c[1].to_string()).collect();
    if labels.is_empty() {
        return md.to_string();
    }
    let mut out = DEF.replace_all(md, "").into_owned();
    for label in labels {
        let with_ref = Regex::new(&format!(r"\[([^\]]+)\]\[{}\]", regex::escape(&label)))
            .expect("escaped label");
        out = with_ref.replace_all(&out, "$1").into_owned();
        out = out.replace(&format!("[{label}]"), &label);
    }
    out
}

/// The story: an overview a front matter's summary replaced (already in `told`), the
/// sections no template names, and the timeline table's rows that give no time ("| — | Ran
/// raw Chromium ... |").
pub(super) fn story(told: &mut Vec<String>, sections: &[Section]) {
    told.extend(narrative(sections));
    told.extend(super::thought_actual::first_thoughts(sections));
    let timeline = || {
        sections
            .iter()
            .filter(|s| s.part == Part::Timeline)
            .flat_map(|s| &s.lines)
    };
    told.extend(super::timeline_table::untimed_rows(timeline()));
    // "Misleading Investigation: Initially, the team suspected a network issue": a labelled
    // line with no time, which no event may carry when the timeline is read from its
    // sentences' times.
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[-*]\s+)?(?:\*\*)?[A-Z][A-Za-z ]{2,30}:(?:\*\*)?\s+\S")
            .expect("static regex")
    });
    static CLOCK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{1,2}[:.]\d{2}").expect("static regex"));
    told.extend(
        timeline()
            .filter(|l| LABELLED.is_match(l) && !CLOCK.is_match(l))
            .map(|l| clean_inline(l.trim())),
    );
}

/// The paragraphs of the sections no template names, without their code blocks (the logs and
/// commands a blog quotes are not what its author did).
pub(super) fn narrative(sections: &[Section]) -> Vec<String> {
    // A story told with no heading at all is all narrative.
    let headless = sections.iter().all(|s| !s.explicit);
    sections
        .iter()
        .filter(|s| s.part == Part::Other || headless)
        .flat_map(|s| items(&unfenced(&s.lines)))
        .collect()
}

/// Lines outside every fenced block, whatever the blocks hold.
fn without_code(lines: &[String]) -> Vec<String> {
    let mut inside = false;
    lines
        .iter()
        .filter(|l| {
            let fence = l.trim_start().starts_with("```");
            inside ^= fence;
            !fence && !inside
        })
        .cloned()
        .collect()
}

/// A section's lines without the code blocks that hold a machine's output (logs and commands
/// a write-up quotes: "Jun 04 14:51:39 bloggulus systemd[1]: Starting bloggulus..."), which
/// are not its story nor its timeline. A chat log pasted in a block ("[09:02] @support:
/// getting reports...") stays.
pub(super) fn unfenced(lines: &[String]) -> Vec<String> {
    split_blocks(lines).0
}

/// The lines of the machine's output a write-up quotes that say something went wrong
/// ("FATAL:  configuration file ... contains errors", "Out of memory: Killed process 15179
/// (localedef)"), without their time and host: the logs a trainee greps, as written.
pub(super) fn quoted_logs(sections: &[Section]) -> Vec<String> {
    static TROUBLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)error|fail|fatal|killed|out of memory|refused|denied|timeout|timed out|cannot|could not|unable|panic|exception").expect("static regex")
    });
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:\[\s*\d+\.\d+\]\s*|(?:[A-Z][a-z]{2}\s+\d{1,2}\s+)?\d{2}:\d{2}:\d{2}\s+\S+\s+)",
        )
        .expect("static regex")
    });
    static INNER_STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\d{4}[-/]\d{2}[-/]\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:\s*(?:UTC|Z))?\s*")
            .expect("static regex")
    });
    let mut out: Vec<String> = Vec::new();
    for s in sections {
        // A few from each block, so every machine the write-up looked at speaks.
        for block in split_blocks(&s.lines).1 {
            let trouble = block
                .iter()
                .map(|l| PREFIX.replace(l.trim(), ""))
                // The session gives each line its time; the wall clock inside would clash.
                .map(|l| INNER_STAMP.replace_all(&l, "").trim().to_string())
                .filter(|l| TROUBLE.is_match(l) && l.len() <= 200);
            let mut taken = 0;
            for l in trouble {
                if taken < 3 && !out.contains(&l) {
                    out.push(l);
                    taken += 1;
                }
            }
        }
    }
    out.truncate(12);
    out
}

/// A section's lines outside the blocks of a machine's output, and those blocks' lines.
fn split_blocks(lines: &[String]) -> (Vec<String>, Vec<Vec<String>>) {
    static MACHINE: LazyLock<Regex> = LazyLock::new(|| {
        // (A log's own stamp to the millisecond, "2018-07-07 18:32:27.000 CEST", and an
        // exception's name, "TimeoutError:", are the machine's.)
        Regex::new(r#"^\s*\{\s*"|^\s*\[?\w?\s?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}[.,]\d+|\b[A-Z]\w+(?:Error|Exception):|\bpanicked at\b|^\s*note: run with|\w\[\d+\]:|\b(?:ERROR|WARN(?:ING)?|INFO|DEBUG|FATAL|LOG|TRACE):?\s|^\s*\S+@\S+:\S*\s*[#$]|^\s*[$#]\s|^\s*\[\s*\d+\.\d+\]|^\s*(?:Log (?:started|ended)|Generating|Preparing|Unpacking|Setting up|Processing)\b"#)
            .expect("static regex")
    });
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d.:])\d{1,2}:\d{2}(?::\d{2})?(?:[^\d:]|$)|^#{1,6}\s")
            .expect("static regex")
    });
    static PERSON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:we|you|your|our|us|i|i'm|we're|you're|please|thanks)\b")
            .expect("static regex")
    });
    static PROMPT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*\S+@\S+:\S*\s*[#$]|^\s*[$#]\s").expect("static regex"));
    let mut out = Vec::new();
    let mut machine_lines = Vec::new();
    let mut block: Option<Vec<String>> = None;
    for l in lines {
        if l.trim_start().starts_with("```") {
            match block.take() {
                None => block = Some(Vec::new()),
                Some(b) => {
                    let filled: Vec<&String> = b.iter().filter(|l| !l.trim().is_empty()).collect();
                    let machine = filled.iter().filter(|l| MACHINE.is_match(l)).count();
                    // (A terminal session, opening on its prompt, is the machine's whatever
                    // the command printed: "$ ps aux | grep exe" over the process list.)
                    let session = filled.first().is_some_and(|l| PROMPT.is_match(l));
                    // (A block with no clock time, no heading and no person in it is neither a timeline
                    // pasted as text nor a message the team sent ("*Issue has been fixed* We
                    // have a new production cluster"): an error quoted under a time, "Failed to
                    // create temporary user for ...", or a `kubectl describe` listing, is what
                    // someone saw.)
                    let output = !filled
                        .iter()
                        .any(|l| CLOCK.is_match(l) || PERSON.is_match(l));
                    if machine * 2 < filled.len() && !session && !output {
                        out.extend(b);
                    } else {
                        machine_lines.push(b);
                    }
                }
            }
            continue;
        }
        match block.as_mut() {
            Some(b) => b.push(l.clone()),
            None => out.push(l.clone()),
        }
    }
    // A block never closed is kept as written.
    out.extend(block.unwrap_or_default());
    (out, machine_lines)
}

/// A summary put together when the document gives none (a bare timeline, a status page's
/// messages): the sentence that says what was experienced ("we began experiencing Azure Front
/// Door issues resulting in a loss of availability"), or else the first alert or harm; then the
/// cause; then how it ended. Only with a cause, and with one of the others.
pub(super) fn assembled_summary(
    md: &str,
    events: &[(crate::time::SimTime, crate::model::EventKind, String)],
    cause: Option<&str>,
) -> Option<String> {
    use crate::model::EventKind as K;
    static EXPERIENCED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:began|begun|started|were|was) experiencing\b|\bexperienced (?:an? |\w+ )?(?:outage|issues?|errors?|degrad\w*|disruption|elevated|increased)\b")
            .expect("static regex")
    });
    // A line's text without its time and its label ("16:57 UTC on ... – Status update: ").
    let bare = |t: &str| -> String {
        let t = t.rsplit_once("Status update: ").map_or(t, |x| x.1);
        format!(
            "{}.",
            super::game::capitalise(t.trim().trim_end_matches('.'))
        )
    };
    let described = md
        .lines()
        .flat_map(|l| l.split(". "))
        .find(|s| EXPERIENCED.is_match(s))
        .map(|s| {
            let s = s.rsplit_once("Status update: ").map_or(s, |x| x.1);
            // "Starting at approximately 16:00 UTC, we began ...": from its subject on.
            let s = s
                .split_once(", we ")
                .map_or(s.to_string(), |x| format!("We {}", x.1));
            bare(&s)
        });
    let first = || {
        events
            .iter()
            .find(|e| matches!(e.1, K::Alert | K::Symptom))
            .map(|e| bare(&e.2))
    };
    let end = events
        .iter()
        .rev()
        .find(|e| e.1 == K::Resolution)
        .or_else(|| events.iter().rev().find(|e| e.1 == K::Mitigation))
        .map(|e| bare(&e.2));
    // "- **Customer Impact:** 500 error responses for approx 1500 users": what users saw.
    static SAW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?im)^\W*(?:customer|user|client)s?\s+impact\W*:\W*(\w.+)$")
            .expect("static regex")
    });
    let saw = SAW.captures(md).map(|c| bare(&clean_inline(&c[1])));
    // "# Incident: e-mail provider API key committed to the repository": what happened, in the
    // document's own words, before the moments that tell it.
    static TITLE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:incident(?: report)?|post-?mortem|outage|rca)\s*[:—–-]\s*")
            .expect("static regex")
    });
    let titled = md
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| TITLE_LEAD.replace(&clean_inline(t.trim()), "").into_owned())
        .filter(|t| t.split_whitespace().count() >= 3)
        .map(|t| bare(&t));
    // Without the cause it would be a list of moments (a chat log's first and last lines).
    let cause = cause?;
    let parts: Vec<String> = [
        titled,
        described.or_else(first),
        saw,
        Some(bare(cause)),
        end,
    ]
    .into_iter()
    .flatten()
    .collect();
    (parts.len() >= 2).then(|| parts.join(" "))
}
