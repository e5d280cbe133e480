//! Where a timeline's clock times fall: the day each is on, midnight crossed when the clock
//! goes well back, and a time told before any date put on the day among the dated lines; a
//! date whose time was never filled in, or told with none, at the day's start.

use std::sync::LazyLock;

use regex::Regex;

/// A timestamp found at the start of a timeline line.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Stamp {
    pub(super) day: Option<i64>,
    pub(super) secs: i64,
    /// `T+12m`: already an offset from the start.
    pub(super) relative: bool,
    /// "~23:29 (previous night)": on the day before the timeline's.
    pub(super) eve: bool,
    /// Written "12:15 AM": often meant as 12:15 PM, a quarter of an hour after noon.
    pub(super) am12: bool,
    /// Written with "PM" (an hour before noon put after it).
    pub(super) pm: bool,
    /// "2026-01-28: he finally responds": a day with no time.
    pub(super) whole_day: bool,
    /// "2026-01-20 - 2026-01-28: sessions stuck": a span of days, an event only where it carries
    /// on from the line before on its first day.
    pub(super) span: bool,
}

/// How far back a clock time with no date must go to be read as the next day: a timeline that
/// restates a range after its last line ("Run scheduling: 16:10–18:15" under an 18:44 line)
/// goes back a few hours on the same day; midnight takes it back most of a day.
const MIDNIGHT: i64 = 6 * 3600;

/// The day a timeline is on, so clock times become seconds from its first day.
#[derive(Default)]
pub(super) struct Clock {
    pub(super) current_day: Option<i64>,
    first_day: Option<i64>,
    last_abs: Option<i64>,
    day_offset: i64,
    /// The moments (seconds since 1970) of the timeline's lines that give a date and a time.
    dated: Vec<i64>,
    /// "Unless otherwise noted all events happened on 2019-10-21": the day of a time told
    /// without one, and whether the line before named another.
    usual_day: Option<i64>,
    off_usual: bool,
    /// The last line: a time written "PM" hours after the line before it.
    pm_jump: Option<i64>,
    /// A line read as "PM" that the next line shows was meant "AM": where it was put.
    slipped: Option<i64>,
}

impl Clock {
    /// A clock for a timeline whose dated lines are at `dated` (seconds since 1970): its first
    /// day is theirs.
    pub(super) fn new(dated: &[i64]) -> Self {
        Clock {
            first_day: dated.iter().min().map(|m| m.div_euclid(86_400)),
            dated: dated.to_vec(),
            ..Clock::default()
        }
    }

    /// The day for a time told before any date ("At 01:59 UTC" over a list that runs from
    /// "20 January @ 21:00" to "21 January @ 09:28"): the first day of the dated lines on
    /// which it falls among them, else their first day.
    fn day_among_dated(&self, secs: i64) -> Option<i64> {
        let (lo, hi) = (*self.dated.iter().min()?, *self.dated.iter().max()?);
        let mut days: Vec<i64> = self.dated.iter().map(|m| m.div_euclid(86_400)).collect();
        days.sort_unstable();
        days.dedup();
        days.iter()
            .copied()
            .find(|d| (lo..=hi).contains(&(d * 86_400 + secs)))
            .or(days.first().copied())
    }

    /// Whether a day told with no time is the day of the line before.
    pub(super) fn carries_on(&self, stamp: &Stamp) -> bool {
        let Some(day) = stamp.day.filter(|_| stamp.whole_day) else {
            return false;
        };
        let first = self.first_day.unwrap_or(0);
        self.current_day == Some(day)
            && self
                .last_abs
                .is_some_and(|prev| prev.div_euclid(86_400) == day - first)
    }

    /// A timeline that says which day its undated times are on ("Unless otherwise noted all
    /// events happened on 2019-10-21").
    pub(super) fn set_usual_day(&mut self, day: i64) {
        self.usual_day = Some(day);
        self.current_day.get_or_insert(day);
    }

    /// Seconds from the first day for a stamp; a clock time with no date of its own that goes
    /// well back crossed midnight.
    pub(super) fn place(&mut self, stamp: &Stamp) -> i64 {
        // A day with no time on the day of the line before carries on from it, not back at
        // the day's start.
        if let Some(prev) = self.last_abs.filter(|_| self.carries_on(stamp)) {
            return prev;
        }
        if stamp.relative {
            self.last_abs = Some(stamp.secs);
            return stamp.secs;
        }
        if stamp.day.is_some() {
            self.current_day = stamp.day;
            self.off_usual = self.usual_day.is_some() && stamp.day != self.usual_day;
        } else if std::mem::take(&mut self.off_usual) {
            // Back on the usual day after a line that named another.
            self.current_day = self.usual_day;
            self.last_abs = None;
        } else if self.current_day.is_none() && self.last_abs.is_none() {
            self.current_day = self.day_among_dated(stamp.secs);
        }
        let mut abs = match self.current_day {
            Some(d) => (d - *self.first_day.get_or_insert(d)) * 86_400 + stamp.secs,
            None => stamp.secs + self.day_offset,
        };
        if stamp.eve && stamp.day.is_none() {
            abs -= 86_400;
        } else if stamp.am12
            && stamp.day.is_none()
            && self.last_abs.is_some_and(|prev| {
                abs + MIDNIGHT < prev && (0..2 * 3600).contains(&(abs + 43_200 - prev))
            })
        {
            // "12:00 PM Server downtime starts" then "12:15 AM Pagers informed the on-call
            // crew": the half of the day slipped, not a night gone by.
            abs += 43_200;
        } else if let Some(prev) = self
            .pm_jump
            .filter(|&p| stamp.day.is_none() && abs + MIDNIGHT < p && abs >= p - 43_200)
        {
            // "11:09 AM", "11:34 PM", "12:34 PM": the middle line's half of the day slipped, not
            // a night gone by before the last.
            self.slipped = Some(prev);
        } else if stamp.day.is_none() && self.last_abs.is_some_and(|prev| abs + MIDNIGHT < prev) {
            abs += 86_400;
            match self.current_day.as_mut() {
                Some(d) => *d += 1,
                None => self.day_offset += 86_400,
            }
        }
        self.pm_jump = (stamp.pm && stamp.day.is_none())
            .then_some(abs)
            .filter(|&a| self.last_abs.is_some_and(|prev| a - prev >= MIDNIGHT));
        self.last_abs = Some(abs);
        abs
    }

    /// Where a line was put that the line after it showed was written "PM" for "AM", once.
    pub(super) fn take_slipped(&mut self) -> Option<i64> {
        self.slipped.take()
    }
}

/// "2022-06-02 HH:mm | The limitrange was deleted": a date whose time was never filled in is
/// that day, at its start.
pub(super) fn unfilled_time(
    s: &str,
    (day, start, end): (i64, usize, usize),
) -> Option<(Stamp, usize, usize)> {
    static UNFILLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:hh:mm(?::ss)?|\?\?:\?\?|--:--|xx:xx)\b").expect("static regex")
    });
    let m = UNFILLED.find(&s[end..])?;
    let stamp = Stamp {
        day: Some(day),
        secs: 0,
        relative: false,
        eve: false,
        am12: false,
        ..Stamp::default()
    };
    Some((stamp, start, end + m.end()))
}

/// "01-31-2024 - The fix was added to the code base": a line that opens with a date and no
/// time tells an event of that day (at its start), where a date alone heads the lines below.
pub(super) fn day_only(
    s: &str,
    (day, start, end): (i64, usize, usize),
) -> Option<(Stamp, usize, usize)> {
    static TOLD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:\*\*)?\s*[-–—:|]\s*\S+\s+\S+").expect("static regex"));
    // ("~22 Aug | During the migration, ...": about that day.)
    let lead = s[..start].trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '-' | '~'));
    // ("May 4-6 - Occasional kills" is a span of days, not one: an event only where it
    // carries on from the line before.)
    static SPAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[-–]\s*(?:\d{4}-\d{2}-\d{2}|\d{1,2}\b)").expect("static regex")
    });
    let span = SPAN.find(&s[end..]).map(|m| end + m.end());
    let end = span.unwrap_or(end);
    (lead.is_empty() && TOLD.is_match(&s[end..])).then_some((
        Stamp {
            day: Some(day),
            secs: 0,
            whole_day: true,
            span: span.is_some(),
            ..Stamp::default()
        },
        start,
        end,
    ))
}

/// "~23:29 (previous night) | Pod was restarted": how far the words right after a clock time
/// that put it on the day before reach, if they do. The same words in the languages whose
/// headings the importer reads ("(ngày hôm trước)", "(la veille)", "(Vortag)", "(накануне)").
pub(super) fn eve_marker(after: &str) -> Option<usize> {
    static EVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*\(?\s*(?:(?:the\s+)?(?:(?:previous|prior)\s+(?:night|day|evening)|(?:night|day|evening)\s+before)|(?:ngày |tối |đêm )?hôm trước|đêm trước|(?:la )?veille|(?:am )?vortag|vorabend|(?:el |o )?d[ií]a anterior|(?:la |a )?noite anterior|(?:la )?noche anterior|накануне)\s*\)?")
            .expect("static regex")
    });
    EVE.find(after).map(|m| m.end())
}

/// "Unless otherwise noted all events happened on 2019-10-21, and all times are in UTC": a
/// line that gives the day of every undated time below it.
pub(super) fn names_usual_day(line: &str) -> bool {
    static USUAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bunless (?:otherwise )?(?:noted|stated|specified|mentioned)\b|\ball (?:events|times|entries)\b[^.]{0,20}\b(?:happened|occurred|took place|are|were) on\b")
            .expect("static regex")
    });
    USUAL.is_match(line)
}

/// Whether a document's times are times of day: T+ offsets give none, unless lines also open
/// with clock times (a plan told in offsets, "Assess the damage (T+0)", beside a timeline of
/// clock times does not take them away).
pub(super) fn told_in_clock_times(md: &str) -> bool {
    static OFFSET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bT\s*\+\s*\d").expect("static regex"));
    static CLOCK_LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^[\s|*#>-]*\d{1,2}:\d{2}\b").expect("static regex"));
    !OFFSET.is_match(md) || CLOCK_LINE.is_match(md)
}
