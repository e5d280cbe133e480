//! Timeline lines (bullets, paragraphs, tables, phase headings) turned into offsets from the
//! first event, and a guess at each event's kind; `time_parser` finds their timestamps.

use std::sync::LazyLock;

use regex::Regex;

use super::kind_context::{Actor, Place, actor_of, classify};
use super::sections::{bullet, clean_inline, table_cells};
use super::time_parser::TimeParser;
use super::timeline_clock::{Clock, Stamp};
use super::timeline_lines::{drop_retold, earlier_change, label_only};
use super::timeline_table::{RowText, TableShape, row_text};
use crate::model::EventKind;

/// The events of a timeline section, with their times in seconds from the start of the first
/// day the section names (or from the first event), in time order. Undated sub-points (an
/// indented bullet under a dated line) are events of their own at their parent's time.
pub(super) fn parse_timeline(
    lines: &[String],
    default_year: Option<i64>,
) -> Vec<(i64, EventKind, String)> {
    let tp = TimeParser::new();
    let mut raw: Vec<RawEvent> = Vec::new();
    let mut clock = Clock::new(&dated_moments(&tp, lines, default_year));
    let mut shape = TableShape::new();
    let mut dated_bullets = true;
    let mut prev_blank = true;
    let mut last_in_table = false;
    // The last dated line was a heading ("### 09:20") over paragraphs of its own.
    let mut time_heading = false;
    // A label over a time alone ("**Resolution:**") says what its paragraph is.
    let mut label: Option<String> = None;
    let mut left_out = false; // A paragraph under a time heading left out (see `undated_line`).
    let timeless = !lines.iter().any(|l| super::sections::names_clock(l));
    for l in lines {
        if l.trim().is_empty() {
            prev_blank = true;
            continue;
        }
        let l = &super::timeline_lines::as_read(l);
        // A plain line straight after an event's line (no blank between) wraps its paragraph;
        // a table's row ends with its line.
        let in_table = table_cells(l).is_some();
        // (A heading ends a paragraph: the line under "### Mitigation Phase" starts one.)
        let heading_line = l.trim_start().starts_with('#');
        let wraps = !std::mem::replace(&mut prev_blank, heading_line)
            && !heading_line
            && !in_table
            && !last_in_table;
        let Some(row) = row_text(l, &mut shape) else {
            continue;
        };
        let is_bullet = bullet(&row.text).is_some();
        let body = bullet(&row.text)
            .unwrap_or_else(|| row.text.trim_start_matches('#').trim().to_string());
        if body.is_empty() || super::timeline_lines::aside(&body) {
            continue;
        }
        let heading = row.text.trim_start().starts_with('#');
        let plain_wrap = wraps && !is_bullet && !heading && l.starts_with([' ', '\t']);
        if plain_wrap && carries_on(&tp, &raw, &body, default_year) {
            attach_undated(&mut raw, &body, false, true);
            continue;
        }
        let awaited = !is_bullet && raw.last().is_some_and(|e| e.text.is_empty());
        let stamp = line_stamp(&tp, &body, (heading, awaited), default_year)
            .filter(|s| !s.0.span || clock.carries_on(&s.0));
        let waits = awaited || (time_heading && raw.last().is_some_and(|e| e.text.is_empty()));
        if stamp.is_none() && !waits && takes_label(&body, &mut label) {
            prev_blank = true;
            continue;
        }
        let Some((stamp, start, end)) = stamp else {
            let line = Undated {
                l,
                body,
                is_bullet,
                heading,
                awaited,
                wraps,
                timeless,
            };
            let open = (
                &mut dated_bullets,
                label.as_deref(),
                time_heading,
                &mut left_out,
            );
            undated_line(&tp, (&mut clock, &mut raw), open, line, default_year);
            continue;
        };
        if introduces_list(&body, start) {
            continue;
        }
        last_in_table = in_table;
        let Some((text, kind_text, actor)) =
            line_texts(&tp, &row, &body, (start, end), default_year, in_table)
                // A time alone on its line ("03:58 UTC") is told by the paragraph under it.
                .or_else(|| {
                    (heading || !in_table).then(|| (String::new(), String::new(), row.actor))
                })
        else {
            continue;
        };
        // Dated paragraphs make a bullet under one a sub-point even without indentation.
        dated_bullets = is_bullet;
        let abs = clock.place(&stamp);
        undo_slip(&mut clock, &mut raw);
        let kind_text = match label.take() {
            Some(l) if text.is_empty() => format!("{l}:"),
            _ => kind_text,
        };
        push_dated(&mut raw, (abs, &stamp), (text, kind_text, actor));
        time_heading = heading;
    }
    finish(raw)
}

/// "- **Resolution:**" over "  - January 22, 2018, 17:30 PST": a label that names what the
/// dated line below it is; whether the line was one. (Under a phase heading still waiting for
/// its paragraph, a short line ending in a colon, "Our monitoring caught it first:", is that
/// paragraph, as is "* Mount errors on build pods:" under "### 16:11": the caller does not
/// ask.) What follows a label starts a paragraph of its own.
fn takes_label(body: &str, label: &mut Option<String>) -> bool {
    let found = label_only(body);
    let taken = found.is_some();
    if taken {
        *label = found;
    }
    taken
}

/// "11:09 AM", "11:34 PM", "12:34 PM": the line the clock found written "PM" for "AM" goes back
/// to the morning.
fn undo_slip(clock: &mut Clock, raw: &mut [RawEvent]) {
    if let Some(at) = clock.take_slipped() {
        raw.iter_mut()
            .filter(|e| e.abs == at)
            .for_each(|e| e.abs -= 43_200);
    }
}

/// A line's stamp, where it has one. A heading inside the timeline groups events; it is not one
/// ("### Detection (14:32 - 14:35)"), though a date alone sets the day below it. A heading that
/// opens with its time is an event ("### 20:04 UTC - Initial Detection", "### 2021-06-03 9:00"
/// over the paragraph that says what happened); "### October 21, 2025 - Redis Overload" is a
/// day heading, not an event at midnight. A line under a time alone (`awaited`: "03:58 UTC"
/// over "Since 01:48 UTC, some customers...") is that time's paragraph, whatever time it names
/// midway.
fn line_stamp(
    tp: &TimeParser,
    body: &str,
    (heading, awaited): (bool, bool),
    default_year: Option<i64>,
) -> Option<(Stamp, usize, usize)> {
    tp.stamp(body, default_year)
        .filter(|&(_, start, _)| !(heading || awaited) || !midway(body, start))
        .filter(|(st, _, _)| !heading || st.secs != 0 || tp.clock.is_match(body))
}

/// A line with no time of its own, as read in its place.
struct Undated<'a> {
    l: &'a str,
    body: String,
    is_bullet: bool,
    heading: bool,
    /// The event before it is a time (or a phase heading) still waiting for its paragraph.
    awaited: bool,
    /// Straight under the line before, no blank between.
    wraps: bool,
    /// No line of the timeline gives a clock time: its days are all it tells.
    timeless: bool,
}

/// A line with no time: a phase heading's start, a day heading, or more of the event before
/// it (its paragraph, a wrapped line, a sub-point). `open` is whether dated lines are bullets
/// and the label over the lines.
fn undated_line(
    tp: &TimeParser,
    (clock, raw): (&mut Clock, &mut Vec<RawEvent>),
    (dated_bullets, label, time_heading, left_out): (&mut bool, Option<&str>, bool, &mut bool),
    line: Undated,
    default_year: Option<i64>,
) {
    // ("This deleted all pods that were in `Unknown` or / `NodeLost` state. Services run on
    // these pods then recovered.": a left-out paragraph's line that tells how it ended is a
    // sub-point of its own; its other lines stay out, and none joins the dated line's text.)
    if std::mem::take(left_out) && line.wraps && !line.is_bullet && !line.heading {
        if tells_outcome(&line.body) {
            attach_undated(raw, &line.body, true, true);
        } else {
            *left_out = true;
        }
        return;
    }
    if line.heading
        && let Some(st) = phase_start(tp, &line.body, default_year)
    {
        let abs = clock.place(&st);
        push_dated(raw, (abs, &st), Default::default());
        return;
    }
    if sets_day(tp, clock, &line.body, default_year) {
        // ("### 2018-01-11" over "A team member received an email ...", in a timeline of days
        // alone: the paragraph under the day is that day's event.)
        if line.heading
            && line.timeless
            && let Some(day) = clock.current_day
        {
            let stamp = Stamp {
                day: Some(day),
                whole_day: true,
                ..Stamp::default()
            };
            let abs = clock.place(&stamp);
            push_dated(raw, (abs, &stamp), Default::default());
        }
        return;
    }
    // A phase heading's paragraph is its dated line: the list under it is its.
    if line.awaited {
        *dated_bullets = false;
    }
    let sub = line.l.starts_with([' ', '\t']) || (line.is_bullet && !*dated_bullets);
    // Under a heading that gave the time ("### 13:19"), each paragraph tells more of that
    // moment ("We inform the users on slack support channel:"): an event of its own there.
    // (Told by the team: "Cluster snart was considered most suited" or a message quoted in a
    // block says how, not what the team did next.)
    // ("This resolved the issue, however it deleted the prometheus data": how it ended is an
    // event there too.)
    let later_paragraph = time_heading && !line.is_bullet && !line.wraps && !line.heading;
    let told_there = later_paragraph
        && (super::kind_context::responder_first(&line.body.to_lowercase())
            || tells_outcome(&line.body)
            || super::event_kind::listed_kind(&line.body) == Some(EventKind::Mitigation));
    // Bullets under a label ("**Root Cause Investigation**:") say what it names.
    let body = match label.filter(|_| line.is_bullet) {
        Some(named) => format!("{named}: {}", line.body),
        None => line.body,
    };
    let belongs = sub || (line.wraps && !line.is_bullet) || told_there;
    *left_out = later_paragraph && !belongs && raw.last().is_some_and(|e| !e.text.is_empty());
    attach_undated(raw, &body, line.is_bullet || told_there, belongs);
}

/// Whether a line tells how things ended: the service back, the issue resolved, or a fix that
/// did not work.
fn tells_outcome(body: &str) -> bool {
    static RESOLVED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:resolved|fixed|solved) the (?:issue|problem|outage|incident)\b")
            .expect("static regex")
    });
    super::event_kind::says_recovered(body)
        || super::event_kind::says_failed(body)
        || RESOLVED.is_match(body)
}

/// A date alone (a day heading) sets the day for the lines below it; whether the line was one.
fn sets_day(tp: &TimeParser, clock: &mut Clock, body: &str, default_year: Option<i64>) -> bool {
    if super::timeline_clock::names_usual_day(body)
        && let Some((d, _, _)) = tp.date(body, default_year)
    {
        clock.set_usual_day(d);
    } else if let Some((d, _, _)) = tp
        .date(body, default_year)
        .filter(|&(_, start, _)| !midway(body, start))
    {
        clock.current_day = Some(d);
    } else {
        return false;
    }
    true
}

/// Where a phase heading inside the timeline starts ("### Triage Phase (14:35 - 14:45 UTC)"):
/// the paragraph under it happened then, not at the last dated line before it.
fn phase_start(tp: &TimeParser, body: &str, default_year: Option<i64>) -> Option<Stamp> {
    static PHASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\(\s*(\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)\s*(?:[-–—]|to)\s*\d{1,2}:\d{2}")
            .expect("static regex")
    });
    let c = PHASE.captures(body)?;
    tp.stamp(&c[1], default_year).map(|s| s.0)
}

/// Whether a line whose time sits midway and that ends in a colon introduces the timeline
/// ("This outage started at 5:37 P.M. and ended at 8:23 P.M. Here is the detailed timeline:"),
/// which is not an event; "**Incident Resolution**: At 15:15 UTC, all systems were confirmed
/// operational:" over the readings that show it is one.
fn introduces_list(body: &str, start: usize) -> bool {
    if !midway(body, start) || !body.trim_end().ends_with(':') {
        return false;
    }
    let b = body.to_lowercase();
    [
        "timeline",
        "as follows",
        "below",
        "here is",
        "here's",
        "the following",
        "sequence of",
    ]
    .iter()
    .any(|w| b.contains(w))
}

/// Whether an indented line straight under an event's ("- **03:40** — ... PR #1847 (merged" /
/// "  2026-02-07) introduced ...") carries its sentence on: a date or a time inside it is the
/// sentence's, unless the line opens with its own time.
fn carries_on(tp: &TimeParser, raw: &[RawEvent], body: &str, default_year: Option<i64>) -> bool {
    // ("`multipath -ll`: IET,VIRTUAL-DISK over 8:16 and" / "  8:48). `multipath -F` ...": a
    // number that closes the sentence's bracket is not a time of its own.)
    raw.last().is_some_and(|e| !e.text.is_empty())
        && tp.stamp(body, default_year).is_none_or(|(_, start, end)| {
            midway(body, start) || body[end..].trim_start().starts_with(')')
        })
}

/// The moments (seconds since 1970) of the lines that open with a date and a time, so a time
/// told before the first date ("At 01:59 UTC, monitoring detected...") can be put on the day
/// among them.
fn dated_moments(tp: &TimeParser, lines: &[String], default_year: Option<i64>) -> Vec<i64> {
    lines
        .iter()
        .filter_map(|l| {
            let body = l.trim_start_matches(|c: char| {
                matches!(c, '|' | '#' | '-' | '*' | '+' | ' ' | '\t')
            });
            let (s, start, _) = tp.stamp(body, default_year)?;
            (start < 4).then_some(s.day? * 86_400 + s.secs)
        })
        .collect()
}

/// The raw events' kinds, in time order, with the rules that read the whole timeline applied.
fn finish(mut raw: Vec<RawEvent>) -> Vec<(i64, EventKind, String)> {
    for e in &mut raw {
        e.text = e.text.trim().to_string();
        e.kind_text = e.kind_text.trim().to_string();
    }
    mistyped_days(&mut raw);
    let mut out = classify_all(raw);
    // A heading whose paragraph never came says nothing.
    out.retain(|e| !e.2.is_empty());
    out.sort_by_key(|e| e.0);
    drop_retold(&mut out);
    // A report of several incidents (one a week, each over before the next began) reads each
    // spell on its own: who reported it, what changed before anyone knew.
    let starts = super::timeline_order::spell_starts(&out);
    for (i, &from) in starts.iter().enumerate() {
        let to = starts.get(i + 1).copied().unwrap_or(out.len());
        super::timeline_order::late_reports(&mut out[from..to]);
        super::timeline_findings::teammate_findings(&mut out[from..to]);
        if from == 0 {
            super::timeline_order::noticed_is_detection(&mut out);
        }
        super::timeline_order::before_detection(&mut out[from..to]);
    }
    super::timeline_findings::ruled_out_healthy(&mut out);
    super::timeline_findings::quiet_facts(&mut out);
    super::timeline_order::after_resolution(&mut out);
    super::timeline_order::last_recovery_resolves(&mut out);
    super::timeline_order::released_fix_resolves(&mut out);
    out
}

/// A dated line's event, after the change it names at an earlier time ("14:44 - Identified
/// slow query introduced in v2.3.1 (deployed at 14:15)"), unless prose already gave that
/// clause its own line; the line comes last, so its paragraph follows it.
fn push_dated(
    raw: &mut Vec<RawEvent>,
    (abs, stamp): (i64, &Stamp),
    (text, kind_text, actor): (String, String, Actor),
) {
    let earlier = if stamp.relative {
        None
    } else {
        earlier_change(&text, stamp.secs)
    };
    if let Some((before, verb, change)) = earlier
        && !raw.iter().any(|e| e.abs == abs - before)
    {
        raw.push(RawEvent {
            abs: abs - before,
            // Its kind is the change ("deployed"), not what the change did ("slow query").
            kind_text: verb,
            text: change,
            actor: Actor::Unknown,
            parent: None,
        });
    }
    raw.push(RawEvent {
        abs,
        text,
        kind_text,
        actor,
        parent: None,
    });
}

/// An undated line under a dated one: a sub-point of its own (a bullet), more of its paragraph,
/// or the text of a heading that gave only its time. `belongs` says whether its place ties it
/// to the line above (indented, a bullet under paragraphs, no blank line between).
fn attach_undated(raw: &mut Vec<RawEvent>, body: &str, is_bullet: bool, belongs: bool) {
    let Some(parent) = raw.len().checked_sub(1) else {
        return;
    };
    let empty = raw[parent].text.is_empty();
    if !belongs && !empty {
        return;
    }
    let text = clean_inline(body.trim());
    if is_bullet && !empty {
        let of = raw[parent].parent.unwrap_or(parent);
        raw.push(RawEvent::sub_point(raw[parent].abs, text, of));
    } else {
        raw[parent].wrap(&text);
    }
}

/// A dated line's text, the text to read its kind from, and who acted; `None` when nothing is
/// left once the time is taken off.
fn line_texts(
    tp: &TimeParser,
    row: &RowText,
    body: &str,
    stamp: (usize, usize),
    default_year: Option<i64>,
    in_table: bool,
) -> Option<(String, String, Actor)> {
    let text = super::timeline_lines::event_text(body, stamp);
    // ("### Wednesday 2019-01-30 - 08:35": a day's name is still only the time.)
    let bare = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let weekday = bare.len() >= 3
        && bare.chars().all(char::is_alphabetic)
        && [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .iter()
        .any(|d| d.starts_with(&bare));
    if text.is_empty() || weekday {
        return None;
    }
    let kind_text = tp.stamp(&row.kind_text, default_year).map_or_else(
        || text.clone(),
        |(_, s, e)| super::timeline_lines::event_text(&row.kind_text, (s, e)),
    );
    // A scribe's log ("14:23:00 | Jane | Acknowledged page") or a chat log ("[14:25] @casey:
    // checking replication lag"): who, then what.
    Some(
        match scribe_actor(&text)
            .filter(|_| !in_table)
            .or_else(|| chat_speaker(&text))
        {
            Some((who, what)) => (what.clone(), what, actor_of(&who)),
            None => (text, kind_text, row.actor),
        },
    )
}

/// The speaker and the message of a chat line after its time: `@casey: text` or `<casey> text`.
fn chat_speaker(text: &str) -> Option<(String, String)> {
    let (who, what) = if let Some(rest) = text.strip_prefix('@') {
        rest.split_once(':')?
    } else {
        text.strip_prefix('<')?.split_once('>')?
    };
    (!who.is_empty() && !who.contains(char::is_whitespace) && !what.trim().is_empty())
        .then(|| (who.to_string(), what.trim().to_string()))
}

/// The actor and the rest of a scribe's line after its time ("Jane | Acknowledged page"): a
/// name of at most three words before a pipe.
fn scribe_actor(text: &str) -> Option<(String, String)> {
    let (who, what) = text.split_once(" | ")?;
    let who = who.trim();
    (!who.is_empty()
        && who.len() <= 30
        && who.split_whitespace().count() <= 3
        && !who.contains(':')
        && !what.trim().is_empty())
    .then(|| (who.to_string(), what.trim().to_string()))
}

/// Whether a date sits midway through a sentence ("War room opened: #incident-2025-10-27"):
/// then it is not the day the lines below happen on.
fn midway(s: &str, start: usize) -> bool {
    s[..start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .any(|w| {
            !super::timeline_lines::BEFORE_STAMP.contains(&w.as_str())
                && !WEEKDAYS.iter().any(|d| w.starts_with(d))
        })
}

const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun", "day"];

/// Each line's kind, in reading order so a sub-point knows its parent's.
fn classify_all(raw: Vec<RawEvent>) -> Vec<(i64, EventKind, String)> {
    let mut kinds: Vec<EventKind> = Vec::with_capacity(raw.len());
    for (i, e) in raw.iter().enumerate() {
        let place = Place {
            actor: e.actor,
            parent: e.parent.map(|p| kinds[p]),
            fixing: kinds.last() == Some(&EventKind::Mitigation),
        };
        kinds.push(classify(&e.kind_text, i == 0, place));
    }
    raw.into_iter()
        .zip(kinds)
        .map(|(e, k)| (e.abs, k, e.text))
        .collect()
}

/// A timeline line before its kind is known.
/// A date mistyped on one line ("2022-01-11 14:40" between two 2023-01-11 lines) is its
/// neighbours' day: a line months away from both neighbours, which are within a day of each
/// other, keeps its time of day on the day before it.
fn mistyped_days(raw: &mut [RawEvent]) {
    const FAR: i64 = 60 * 86_400;
    let dated: Vec<usize> = (0..raw.len())
        .filter(|&i| raw[i].parent.is_none())
        .collect();
    for w in dated.windows(3) {
        let (prev, this, next) = (raw[w[0]].abs, raw[w[1]].abs, raw[w[2]].abs);
        if (this - prev).abs() > FAR && (next - prev).abs() < 2 * 86_400 {
            let moved = prev.div_euclid(86_400) * 86_400 + this.rem_euclid(86_400);
            let delta = moved - this;
            // The line and its sub-points.
            for (k, e) in raw.iter_mut().enumerate() {
                if k == w[1] || e.parent == Some(w[1]) {
                    e.abs += delta;
                }
            }
        }
    }
}

struct RawEvent {
    abs: i64,
    text: String,
    kind_text: String,
    actor: Actor,
    /// The dated line this is a sub-point of.
    parent: Option<usize>,
}

impl RawEvent {
    fn sub_point(abs: i64, text: String, parent: usize) -> Self {
        RawEvent {
            abs,
            kind_text: text.clone(),
            text,
            actor: Actor::Unknown,
            parent: Some(parent),
        }
    }

    /// A paragraph's next line.
    fn wrap(&mut self, more: &str) {
        for t in [&mut self.text, &mut self.kind_text] {
            t.push(' ');
            t.push_str(more);
        }
    }
}
