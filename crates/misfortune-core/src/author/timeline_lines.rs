//! Helpers for a timeline's lines: a time told in two zones, a label over a dated line, a
//! change named at an earlier time, and an event told twice.

use std::sync::LazyLock;

use regex::Regex;

use super::game_finding::content_words;
use super::sections::clean_inline;
use crate::model::EventKind;

pub(super) static OTHER_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\W{0,3}\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?\s*)?[A-Z]{1,4}T?)\s*\|\s*\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?\s*)?[A-Z]{1,4}T?\s*(?:\([^)]*\))?\s*$")
        .expect("static regex")
});

/// A change a dated line names at an earlier time of its own ("slow query introduced in v2.3.1
/// (deployed at 14:15)"): how many seconds before the line's time, the verb and its text.
pub(super) fn earlier_change(text: &str, line_secs: i64) -> Option<(i64, String, String)> {
    static CHANGED_AT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\(?\b(deployed|released|pushed|merged|rolled out|shipped|applied)\s+(?:at|on)\s+(\d{1,2}):(\d{2})\b(?:\s*[A-Z]{2,4}T?)?\)?")
            .expect("static regex")
    });
    static FINDING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:identified|found|discovered|noticed|spotted|confirmed|traced (?:it )?to)\s+(?:that\s+)?(?:the\s+)?")
            .expect("static regex")
    });
    let c = CHANGED_AT.captures(text)?;
    let (h, m): (i64, i64) = (c[2].parse().ok()?, c[3].parse().ok()?);
    let secs = h * 3600 + m * 60;
    if h > 23 || m > 59 || secs >= line_secs {
        return None;
    }
    let whole = c.get(0)?;
    let what = FINDING.replace(text[..whole.start()].trim(), "");
    let what = what.trim().trim_end_matches([',', ':', '(', '-']).trim();
    let text = if what.is_empty() {
        format!("{} at {h:02}:{m:02}", super::game::capitalise(&c[1]))
    } else {
        format!(
            "{} {} at {h:02}:{m:02}",
            super::game::capitalise(what),
            &c[1]
        )
    };
    Some((line_secs - secs, super::game::capitalise(&c[1]), text))
}

/// A document that tells its detection twice ("- **First Alert:** 14:30 - Prometheus alert:
/// High database connection count" over a table whose 14:30 row is "Initial database connection
/// alert fired") has one event: a later line at the same time, of the same kind, whose words
/// mostly repeat an earlier one's, goes.
pub(super) fn drop_retold(events: &mut Vec<(i64, EventKind, String)>) {
    // A table row's words are its last cell's, what happened: its source or actor ("Runtime
    // logs | First DNS resolution failures", "... failures (Runtime logs)") is shared by rows
    // that tell different things.
    let said = |t: &str| {
        let cell = t.rsplit(" | ").next().unwrap_or(t).trim_end();
        let cell = match cell
            .strip_suffix(')')
            .and_then(|c| c.rfind(" (").map(|i| &c[..i]))
        {
            Some(told) if !told.trim().is_empty() => told,
            _ => cell,
        };
        content_words(cell)
    };
    let mut keep = vec![true; events.len()];
    for j in 0..events.len() {
        let wj = said(&events[j].2);
        keep[j] = !(0..j).any(|i| {
            let (a, b) = (&events[i], &events[j]);
            if !keep[i] || a.0 != b.0 || a.1 != b.1 {
                return false;
            }
            let wi = said(&a.2);
            let (short, long) = if wi.len() <= wj.len() {
                (&wi, &wj)
            } else {
                (&wj, &wi)
            };
            let shared = short.iter().filter(|w| long.contains(w)).count();
            short.len() >= 2 && shared * 5 >= short.len() * 3
        });
    }
    let mut k = keep.into_iter();
    events.retain(|_| k.next().unwrap_or(true));
}

/// A line that is only a short label ("**Issue Detection:**", "Actions Taken:"), its words.
pub(super) fn label_only(body: &str) -> Option<String> {
    let t = clean_inline(body.trim());
    let name = t.strip_suffix(':')?.trim();
    (!name.is_empty()
        && name.split_whitespace().count() <= 5
        && name.chars().next().is_some_and(char::is_uppercase)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '/' | '&' | '-')))
    .then(|| name.to_string())
}

/// A timeline's line as its times are read: "10.51– first report" (a dot before a dash) as
/// "10:51", and "03:58 UTC | 19:58 PT (Feb 15)" without the same moment in another zone (and
/// its day there), which says nothing more.
pub(super) fn as_read(l: &str) -> String {
    static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\W{0,3})(\d{1,2})\.(\d{2})(\s*[–—-])").expect("static regex")
    });
    // ("### 2018-07-08 ca. 18:30": about then.)
    static CIRCA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:ca\.|circa|approx\.)\s*(\d{1,2}:\d{2})").expect("static regex")
    });
    let l = CIRCA.replace(l, "~$1");
    // ("10: 08 AM - 'ls' command ...": a slipped space inside a 12-hour time.)
    static SPACED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2}): (\d{2}\s*[ap]\.?m\b)").expect("static regex")
    });
    let l = SPACED.replace(&l, "$1:$2");
    // ("| 2026-05-18 22h06 | ...", "~22h": French clock times, where a time opens a line or a
    // cell or follows a date.)
    static FRENCH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(^\W*|\|\s*|\d{4}-\d{2}-\d{2}\s+)(~?)(\d{1,2})h(\d{2})?\b")
            .expect("static regex")
    });
    let l = FRENCH.replace(&l, |c: &regex::Captures| {
        let minutes = c.get(4).map_or("00", |m| m.as_str());
        format!("{}{}{}:{minutes}", &c[1], &c[2], &c[3])
    });
    // ("**16:2x** Round 2 ...": some minute of that ten, taken at its start.)
    static TENS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{1,2}):([0-5])x\b").expect("static regex"));
    let l = TENS.replace(&l, "~$1:${2}0");
    // ("**16:28+5m** Pods evicted ...": five minutes after 16:28.)
    static PLUS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d{1,2}):(\d{2})\s*\+\s*(\d{1,3})\s*m(?:in)?\b").expect("static regex")
    });
    let l = PLUS.replace(&l, |c: &regex::Captures| {
        let at = |i: usize| c[i].parse::<u32>().unwrap_or(0);
        let m = (at(1) * 60 + at(2) + at(3)) % (24 * 60);
        format!("{:02}:{:02}", m / 60, m % 60)
    });
    OTHER_ZONE
        .replace(&DOTTED.replace(&l, "$1$2:$3$4"), "$1")
        .into_owned()
}

/// A line about the timeline, not in it: a note on what its times mean ("Notes: \"Mitigated\"
/// (10:19) refers to..."), a gap marked in brackets ("[No entries 10:22 – 11:34]"), or an
/// incident's own metadata above its timeline ("**Duration:** 21:45 to 23:28 UTC").
pub(super) fn aside(body: &str) -> bool {
    static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:\*\*)?(?:notes?|duration|severity|status|impact)\s*:|^\[\s*(?:no (?:entries|events|updates)|gap|nothing (?:logged|recorded))\b[^\]]*\]$")
            .expect("static regex")
    });
    ASIDE.is_match(body.trim())
}

/// Words that may come before a line's time without making it a sentence ("At about 14:05").
pub(super) const BEFORE_STAMP: &[&str] = &[
    "at",
    "on",
    "around",
    "approximately",
    "approx",
    "about",
    "by",
    "circa",
    "roughly",
    "~",
    // "between 08:00 and 11:30 | Free-tier quota ran out", "entre 18:40 y 18:45".
    "between",
    "entre",
    "zwischen",
];

/// The text of a timeline line once its timestamp and separators are taken off. A sentence
/// that only mentions its time midway ("The rollback finishes at 10:19 and does not help") is
/// kept whole.
pub(super) fn event_text(s: &str, (stamp_start, stamp_end): (usize, usize)) -> String {
    let before = s[..stamp_start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !BEFORE_STAMP.contains(&w.to_lowercase().as_str()))
        .count();
    // "**First Alert:** 14:30 - Prometheus alert": a label, then the time.
    let lead = clean_inline(s[..stamp_start].trim());
    let labelled = lead.ends_with(':') && (1..=4).contains(&lead.split_whitespace().count());
    if before >= 2 && !labelled {
        return clean_inline(s.trim());
    }
    // The end of a range the prose gave ("03:28 — Ends: On February 16, 2023 from 1:48 to
    // 3:28 UTC, customers...") keeps saying that it is the end.
    let label = if s[..stamp_end].contains("Ends:") {
        "Ends: ".to_string()
    } else if labelled && before >= 2 {
        format!("{lead} ")
    } else {
        String::new()
    };
    let rest = &s[stamp_end..];
    // "02:50:39–02:50:54 | Validation failures fire": the range's end is not the text.
    static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:[-–—→]|->|to)\s*~?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?")
            .expect("static regex")
    });
    let rest = RANGE_END.find(rest).map_or(rest, |m| &rest[m.end()..]);
    // ("**15:37 →** — Prod `/dashboard` ... return 500": from then on.)
    static FROM_THEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*\**\s*(?:→|->)\s*\**").expect("static regex"));
    let rest = FROM_THEN.find(rest).map_or(rest, |m| &rest[m.end()..]);
    // ("between 08:00 and 11:30 | Free-tier quota ran out": the range's end again.)
    static BETWEEN_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:and|y|et|e|und)\s*~?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?")
            .expect("static regex")
    });
    let lead_lower = lead.to_lowercase();
    let between = ["between", "entre", "zwischen"]
        .iter()
        .any(|w| lead_lower.ends_with(w));
    let rest = match BETWEEN_END.find(rest).filter(|_| between) {
        Some(m) => &rest[m.end()..],
        None => rest,
    };
    static TZ: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:UTC|GMT|Z|[A-Z]{1,4}T|[+-]\d{2}:?\d{2})\b").expect("static regex")
    });
    let rest = TZ.replace(rest, "");
    // ("~10:50 onward | devbox fails": the time cell's own word.)
    static ONWARD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:onwards?|and after|approx\.?)\s*(?:\||$)").expect("static regex")
    });
    let rest = ONWARD.replace(&rest, "");
    // ("At 4:54 P.M. MST on Tuesday, 11/24/2020, IT staff reported ...": the day after the
    // time is the stamp's too.)
    static ON_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}/\d{1,2}/\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:\s+\d{4})?)\s*,?")
            .expect("static regex")
    });
    let rest = ON_DAY.replace(&rest, "");
    // ("### {{ 06:10 }}": a template's braces left around the time.)
    let t = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | ')' | ']' | '*' | ',' | '}')
    });
    let told = clean_inline(t.trim_end_matches('|').trim());
    // "Detected at Nov 1, 2022 6:00 AM": the word before the time says what happened.
    if told.is_empty() && before == 1 && !labelled {
        let lead = lead.trim_end_matches(|c: char| !c.is_alphanumeric());
        let lead = lead
            .strip_suffix(" at")
            .or_else(|| lead.strip_suffix(" on"))
            .unwrap_or(lead);
        return lead.trim().to_string();
    }
    format!("{label}{told}")
}

/// A line that repeats the one before it ("-patch2 (rev 42); same"): where the repeat starts.
pub(super) fn ditto_at(line: &str) -> Option<usize> {
    static DITTO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[;,]\s*)(?:same|ditto|as above)\.?$").expect("static regex")
    });
    DITTO.find(line.trim_end()).map(|m| m.start())
}
