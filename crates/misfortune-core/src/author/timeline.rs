//! Timeline lines: timestamps in their many styles (ISO, 12-hour clocks, named dates, `T+`
//! offsets, tables), turned into offsets from the first event, and a guess at each event's kind.

use regex::Regex;

use super::event_kind::guess_kind;
use super::sections::{bullet, clean_inline, table_cells};
use crate::model::EventKind;

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A timestamp found at the start of a timeline line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stamp {
    day: Option<i64>,
    secs: i64,
    /// `T+12m`: already an offset from the start.
    relative: bool,
}

struct TimeParser {
    iso: Regex,
    named: Regex,
    clock: Regex,
    relative: Regex,
}

impl TimeParser {
    fn new() -> Self {
        TimeParser {
            iso: Regex::new(r"(?i)\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})").expect("static regex"),
            named: Regex::new(r"(?i)\b(?:(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b)").expect("static regex"),
            // A clock time, also right after the `T` of an ISO 8601 stamp (`2021-10-04T15:40Z`).
            clock: Regex::new(r"(?i)(?:^|[^\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm|a\.m\.|p\.m\.)?").expect("static regex"),
            relative: Regex::new(r"(?i)\bT\s*\+\s*(\d+)(?::(\d{2}))?\s*(h|hr|hours?|m|min|mins|minutes?)?").expect("static regex"),
        }
    }

    fn month(name: &str) -> Option<u32> {
        const FULL: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let n = name.to_lowercase();
        if n.len() < 3 {
            return None;
        }
        FULL.iter()
            .position(|m| m.starts_with(&n))
            .map(|i| i as u32 + 1)
    }

    fn date(&self, s: &str, default_year: Option<i64>) -> Option<(i64, usize, usize)> {
        if let Some(c) = self.iso.captures(s) {
            let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                let whole = c.get(0)?;
                return Some((days_from_civil(y, m, d), whole.start(), whole.end()));
            }
        }
        let c = self.named.captures(s)?;
        let whole = c.get(0)?;
        let (d, m, y) = if let Some(d) = c.get(1) {
            (
                d.as_str().parse().ok()?,
                Self::month(&c[2])?,
                c[3].parse().ok()?,
            )
        } else if let Some(m) = c.get(4) {
            (
                c[5].parse().ok()?,
                Self::month(m.as_str())?,
                c[6].parse().ok()?,
            )
        } else {
            (c[8].parse().ok()?, Self::month(&c[7])?, default_year?)
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        Some((days_from_civil(y, m, d), whole.start(), whole.end()))
    }

    /// A stamp near the start of `s`, where it starts and where it ends.
    fn stamp(&self, s: &str, default_year: Option<i64>) -> Option<(Stamp, usize, usize)> {
        let head_limit = 48.min(s.len());
        if let Some(c) = self.relative.captures(s) {
            let whole = c.get(0)?;
            if whole.start() < head_limit {
                let n: i64 = c[1].parse().ok()?;
                let secs = match (c.get(2), c.get(3).map(|u| u.as_str().to_lowercase())) {
                    (Some(mm), _) => n * 3600 + mm.as_str().parse::<i64>().ok()? * 60,
                    (None, Some(u)) if u.starts_with('h') => n * 3600,
                    _ => n * 60,
                };
                return Some((
                    Stamp {
                        day: None,
                        secs,
                        relative: true,
                    },
                    whole.start(),
                    whole.end(),
                ));
            }
        }
        let date = self.date(s, default_year).filter(|d| d.1 < head_limit);
        let clock = self
            .clock
            .captures(s)
            .filter(|c| c.get(0).is_some_and(|m| m.start() < head_limit + 16))?;
        let mut h: i64 = clock[1].parse().ok()?;
        let m: i64 = clock[2].parse().ok()?;
        let sec: i64 = clock.get(3).map_or(Some(0), |x| x.as_str().parse().ok())?;
        if h > 23 || m > 59 || sec > 59 {
            return None;
        }
        if let Some(ap) = clock.get(4) {
            let pm = ap.as_str().to_lowercase().starts_with('p');
            if h == 12 {
                h = 0;
            }
            if pm {
                h += 12;
            }
        }
        let start = clock.get(0)?.start().min(date.map_or(usize::MAX, |d| d.1));
        let end = clock.get(0)?.end().max(date.map_or(0, |d| d.2));
        Some((
            Stamp {
                day: date.map(|d| d.0),
                secs: h * 3600 + m * 60 + sec,
                relative: false,
            },
            start,
            end,
        ))
    }
}

/// Words that may come before a line's time without making it a sentence ("At about 14:05").
const BEFORE_STAMP: &[&str] = &[
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
];

/// The text of a timeline line once its timestamp and separators are taken off. A sentence
/// that only mentions its time midway ("The rollback finishes at 10:19 and does not help") is
/// kept whole.
fn event_text(s: &str, (stamp_start, stamp_end): (usize, usize)) -> String {
    let before = s[..stamp_start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !BEFORE_STAMP.contains(&w.to_lowercase().as_str()))
        .count();
    if before >= 2 {
        return clean_inline(s.trim());
    }
    let rest = &s[stamp_end..];
    let tz = Regex::new(r"^\s*(?:UTC|GMT|Z|[A-Z]{2,4}T|[+-]\d{2}:?\d{2})\b").expect("static regex");
    let rest = tz.replace(rest, "");
    let t = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | ')' | ']' | '*' | ',')
    });
    clean_inline(t.trim_end_matches('|').trim())
}

/// A line's text: a table row's cells joined; `None` for a table's rule or header row.
fn row_text(l: &str, header_row: &mut bool) -> Option<String> {
    let first = std::mem::replace(header_row, false);
    let Some(cells) = table_cells(l) else {
        return Some(l.trim().to_string());
    };
    // Skip a header row of a table ("Time | Event").
    let header = cells.iter().any(|c| {
        c.eq_ignore_ascii_case("time")
            || c.eq_ignore_ascii_case("when")
            || c.to_lowercase().contains("time (")
    });
    if cells.is_empty() {
        *header_row = first;
        return None;
    }
    if first && header {
        return None;
    }
    Some(cells.join(" | "))
}

/// The events of a timeline section, with their times in seconds from the start of the first
/// day the section names (or from the first event), in time order. Undated sub-points (an
/// indented bullet under a dated line) are events of their own at their parent's time.
pub(super) fn parse_timeline(
    lines: &[String],
    default_year: Option<i64>,
) -> Vec<(i64, EventKind, String)> {
    let tp = TimeParser::new();
    let mut raw: Vec<(i64, String)> = Vec::new();
    let mut current_day: Option<i64> = None;
    let mut first_day: Option<i64> = None;
    let mut last_abs: Option<i64> = None;
    let mut day_offset = 0i64;
    let mut header_row = true;
    let mut dated_bullets = true;
    let mut prev_blank = true;
    for l in lines {
        if l.trim().is_empty() {
            prev_blank = true;
            continue;
        }
        // A plain line straight after an event's line (no blank between) wraps its paragraph.
        let wraps = !std::mem::replace(&mut prev_blank, false)
            && !l.trim_start().starts_with('#')
            && table_cells(l).is_none();
        let Some(text_line) = row_text(l, &mut header_row) else {
            continue;
        };
        let is_bullet = bullet(&text_line).is_some();
        let body = bullet(&text_line)
            .unwrap_or_else(|| text_line.trim_start_matches('#').trim().to_string());
        if body.is_empty() {
            continue;
        }
        let Some((stamp, start, end)) = tp.stamp(&body, default_year) else {
            // A date alone (a day heading) sets the day for the lines below it.
            if let Some((d, _, _)) = tp.date(&body, default_year) {
                current_day = Some(d);
            } else if let Some(&(parent, _)) = raw.last()
                && (l.starts_with([' ', '\t'])
                    || (is_bullet && !dated_bullets)
                    || (wraps && !is_bullet))
            {
                if is_bullet {
                    raw.push((parent, clean_inline(body.trim())));
                } else if let Some(last) = raw.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(&clean_inline(body.trim()));
                }
            }
            continue;
        };
        let text = event_text(&body, (start, end));
        if text.is_empty() {
            continue;
        }
        // Whether the dated lines are bullets themselves: if they are paragraphs, a bullet
        // under one is a sub-point even without indentation.
        dated_bullets = is_bullet;
        let abs = if stamp.relative {
            stamp.secs
        } else {
            if stamp.day.is_some() {
                current_day = stamp.day;
            }
            let mut abs = match current_day {
                Some(d) => (d - *first_day.get_or_insert(d)) * 86_400 + stamp.secs,
                None => stamp.secs + day_offset,
            };
            // A clock time with no date of its own that goes backwards crossed midnight.
            if stamp.day.is_none() && last_abs.is_some_and(|prev| abs + 3600 < prev) {
                abs += 86_400;
                match current_day.as_mut() {
                    Some(d) => *d += 1,
                    None => day_offset += 86_400,
                }
            }
            abs
        };
        last_abs = Some(abs);
        raw.push((abs, text));
    }
    let mut out: Vec<(i64, EventKind, String)> = raw
        .into_iter()
        .enumerate()
        .map(|(i, (abs, text))| (abs, guess_kind(&text, i == 0), text))
        .collect();
    out.sort_by_key(|e| e.0);
    before_detection(&mut out);
    out
}

/// Whether a line gives a measurement ("from 4% to 97%"): a symptom, whatever else it says.
fn has_number(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
}

/// Nobody mitigates what has not been detected: before the first alert, a line that reads like
/// a fix ("failover completes", "the config was deployed") is the change that set the incident
/// off, or a symptom of it.
fn before_detection(events: &mut [(i64, EventKind, String)]) {
    let Some(first_alert) = events.iter().position(|e| e.1 == EventKind::Alert) else {
        return;
    };
    let change = [
        "deploy",
        "release",
        "rolled out",
        "rollout",
        "push",
        "config",
        "failover",
        "promot",
        "migrat",
        "upgrad",
        "complete",
        "finishes",
        "swap",
    ];
    for e in &mut events[..first_alert] {
        let t = e.2.to_lowercase();
        let changed = change.iter().any(|w| t.contains(w));
        e.1 = match e.1 {
            EventKind::Mitigation | EventKind::Resolution if changed => EventKind::Trigger,
            EventKind::Mitigation | EventKind::Resolution => EventKind::Symptom,
            // "The rebuild finishes and the alias is swapped": a change, not yet a symptom.
            EventKind::Symptom if changed && !has_number(&t) => EventKind::Trigger,
            k => k,
        };
    }
}
