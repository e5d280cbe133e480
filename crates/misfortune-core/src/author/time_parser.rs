//! Timestamps in their many styles (ISO dates, named and numeric dates, 12-hour clocks with
//! their slips, `T+` offsets): where a line's time is and what it says.

use std::sync::LazyLock;

use regex::Regex;

use super::timeline_clock::Stamp;

/// Days since 1970-01-01 of a civil date.
pub(super) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) struct TimeParser {
    iso: Regex,
    /// "01-10-2024", "10/01/2024": month first, unless the first number cannot be a month.
    numeric: Regex,
    named: Regex,
    pub(super) clock: Regex,
    relative: Regex,
}

impl TimeParser {
    pub(super) fn new() -> Self {
        TimeParser {
            iso: Regex::new(r"(?i)\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})").expect("static regex"),
            numeric: Regex::new(r"\b(\d{1,2})[-/](\d{1,2})[-/](\d{4})\b").expect("static regex"),
            // Only a month's name ("Between 04:30" names none, so it hides no date after it).
            named: Regex::new(r"(?i)\b(?:(\d{1,2})(?:st|nd|rd|th|\.)?\s+((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?,?\s+(\d{4})|((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th|\.)?\s+((?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b|((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(:\d)?)").expect("static regex"),
            // A clock time, also right after the `T` of an ISO 8601 stamp (`2021-10-04T15:40Z`).
            clock: Regex::new(r"(?i)(?:^|[^\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:\s*(am|pm|a\.m\.|p\.m\.)|([ap])\b)?").expect("static regex"),
            relative: Regex::new(r"(?i)\bT\s*\+\s*~?\s*(\d+)(?::(\d{2}))?\s*(h|hr|hours?|m|min|mins|minutes?)?").expect("static regex"),
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

    pub(super) fn date(&self, s: &str, default_year: Option<i64>) -> Option<(i64, usize, usize)> {
        if let Some(c) = self.iso.captures(s) {
            let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                let whole = c.get(0)?;
                return Some((days_from_civil(y, m, d), whole.start(), whole.end()));
            }
        }
        if let Some(c) = self.numeric.captures(s) {
            let (a, b, y): (u32, u32, i64) =
                (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                let whole = c.get(0)?;
                return Some((days_from_civil(y, m, d), whole.start(), whole.end()));
            }
        }
        // "07-19 21:29–22:02", "07-22 ~13:00": a month and a day before a clock time, in ISO's
        // order without the year, which is the document's.
        static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:^|[^\d/.:-])(\d{2})-(\d{2})\s+~?\d{1,2}:\d{2}").expect("static regex")
        });
        if let (Some(c), Some(y)) = (MONTH_DAY.captures(s), default_year) {
            let (m, d): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some((days_from_civil(y, m, d), c.get(1)?.start(), c.get(2)?.end()));
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
        } else if let Some(d) = c.get(7) {
            // "19. April, 11:00": a day before its month, the year the document's.
            (d.as_str().parse().ok()?, Self::month(&c[8])?, default_year?)
        } else {
            // ("April 11:00" is a month and a clock time, not the 11th.)
            if c.get(11).is_some() {
                return None;
            }
            (c[10].parse().ok()?, Self::month(&c[9])?, default_year?)
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        Some((days_from_civil(y, m, d), whole.start(), whole.end()))
    }

    /// A stamp near the start of `s`, where it starts and where it ends.
    pub(super) fn stamp(
        &self,
        s: &str,
        default_year: Option<i64>,
    ) -> Option<(Stamp, usize, usize)> {
        // A bold label first ("**Initial Alert**: Prometheus alert ... triggered at 14:32
        // UTC") names the line; the time is looked for in what it says.
        static LABEL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*\*\*[^*\d]{1,40}\*\*\s*:?\s*").expect("static regex")
        });
        let label = LABEL.find(s).map_or(0, |m| m.end());
        let head_limit = (48 + label).min(s.len());
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
                        ..Stamp::default()
                    },
                    whole.start(),
                    whole.end(),
                ));
            }
        }
        let date = self.date(s, default_year).filter(|d| d.1 < head_limit);
        let Some(clock) = self
            .clock
            .captures(s)
            .filter(|c| c.get(0).is_some_and(|m| m.start() < head_limit + 16))
        else {
            return date.and_then(|d| {
                super::timeline_clock::unfilled_time(s, d)
                    .or_else(|| super::timeline_clock::day_only(s, d))
            });
        };
        let mut h: i64 = clock[1].parse().ok()?;
        let m: i64 = clock[2].parse().ok()?;
        let sec: i64 = clock.get(3).map_or(Some(0), |x| x.as_str().parse().ok())?;
        if h > 23 || m > 59 || sec > 59 {
            return None;
        }
        // ("20:50pm" is 20:50: a 24-hour time with a stray half of the day; "11:21a" is AM.)
        let (mut am12, mut pm) = (false, false);
        if let Some(ap) = clock.get(4).or(clock.get(5)).filter(|_| h <= 12) {
            let after_noon = ap.as_str().to_lowercase().starts_with('p');
            // (An hour before noon moved past it: "11:34 PM", not "12:34 PM".)
            pm = after_noon && h < 12;
            am12 = h == 12 && !after_noon;
            if h == 12 {
                h = 0;
            }
            if after_noon {
                h += 12;
            }
        }
        // The date is part of the stamp where it sits beside the time ("21 March 2025 @ 04:10",
        // "04:10 on 21 March"); one further off leaves the words between it and the time in
        // the text ("16:06 — Impact began: September 16, 4:06 pm").
        let (cs, ce) = (clock.get(0)?.start(), clock.get(0)?.end());
        let beside = |d: &(i64, usize, usize)| {
            let gap = if d.2 <= cs {
                &s[d.2..cs]
            } else if d.1 >= ce {
                &s[ce..d.1]
            } else {
                ""
            };
            let gap = gap
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            gap.is_empty() || ["at", "on", "utc on", "utc", "gmt"].contains(&gap.as_str())
        };
        let span = date.filter(beside);
        let start = cs.min(span.map_or(usize::MAX, |d| d.1));
        let mut end = ce.max(span.map_or(0, |d| d.2));
        let eve = super::timeline_clock::eve_marker(&s[end..]);
        end += eve.unwrap_or(0);
        Some((
            Stamp {
                day: date.map(|d| d.0),
                secs: h * 3600 + m * 60 + sec,
                relative: false,
                eve: eve.is_some(),
                am12,
                pm,
                ..Stamp::default()
            },
            start,
            end,
        ))
    }
}

/// The month a name gives ("march", "Sept"), 1 for January.
pub(super) fn month_number(name: &str) -> Option<u32> {
    TimeParser::month(name)
}

/// The day (since 1970) of the first date a sentence names ("on April 21, 2020", "30 July
/// 2012", "April 22" in `default_year`), for prose that moves across days.
pub(super) fn date_in(s: &str, default_year: Option<i64>) -> Option<i64> {
    static PARSER: LazyLock<TimeParser> = LazyLock::new(TimeParser::new);
    PARSER.date(s, default_year).map(|d| d.0)
}
