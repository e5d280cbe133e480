//! What a postmortem says in its sentences rather than its structure: the times its prose
//! gives ("at approximately 4:55 PM", "between 5:15 PM and 6:15 PM", "lasted until Friday,
//! November 18th, at 3:01pm"); `prose_cause` finds the sentence that says what caused it.

use std::sync::LazyLock;

use regex::Regex;

use super::doc_metadata::is_metadata;
use super::markdown::opens_with_time;
use super::sections::{Part, Section, items};
use crate::model::EventKind;

/// The hour on a 24-hour clock of an hour written with its half of the day ("1 PM" is 13,
/// "12 a.m." is 0); an hour with no half stays as written.
pub(super) fn hour_of_day(hour: u32, half: Option<&str>) -> u32 {
    match half.map(|x| x.to_lowercase().starts_with('p')) {
        Some(true) if hour < 12 => hour + 12,
        Some(false) if hour == 12 => 0,
        _ => hour,
    }
}

/// A label that says when the harm lasted ("Timeframe: September 16, 4:06 pm – 4:38 pm"):
/// its times are the incident's, not a document's date.
static WHEN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    // ("Duration: June 9, 2023, 10:00 AM to June 10, 2023, 2:00 PM (PST)".)
    Regex::new(r"(?i)^\W{0,4}(?:time ?frame|impact window|impact period|outage window|period of impact|(?:outage |incident )?duration)\W{0,4}:")
        .expect("static regex")
});

/// An impact table's row that says when the harm lasted ("| Duration | 14:23 → 14:57 UTC (34
/// min) |") as the label line it stands for ("Duration: from 14:23 to 14:57 UTC (34 min)").
fn when_row(line: &str) -> Option<String> {
    let cells = super::sections::table_cells(line)?;
    let [label, value, ..] = cells.as_slice() else {
        return None;
    };
    let labelled = format!("{label}:");
    if !WHEN_LABEL.is_match(&labelled) {
        return None;
    }
    static BARE_RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^~?(\d{1,2}:\d{2})\s*(?:→|->|⟶|[-–—])\s*~?(\d{1,2}:\d{2})")
            .expect("static regex")
    });
    let value = BARE_RANGE.replace(value.trim(), "from $1 to $2");
    Some(format!("{labelled} {value}"))
}

/// A time told on the day before ("had gone out at 22:40 IST the previous night").
static EVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d:\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[a-z]{2,4}\s+)?(?:on\s+)?(?:the\s+)?(?:previous|prior)\s+(?:night|evening|day)\b|\d:\d{2}[^.;]{0,12}\b(?:the\s+)?(?:night|evening|day)\s+before\b")
        .expect("static regex")
});

/// "Mitigation (11:48 IST):": a time in brackets after a label is when.
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\((\d{1,2}:\d{2})\b").expect("static regex"));

/// "**Permanent fix:** Daniel opened PR #4821 ... PR merged at 17:10 IST": a paragraph's
/// opening label, which names the times its later sentences give too.
static LEAD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*)?([A-Z][\w ]{2,30}?)(?:\s*\([^)]*\))?:(?:\*\*)?\s").expect("static regex")
});

/// Timeline lines from prose: each sentence that gives a clock time ("We were alerted at 18:56
/// PDT and stopped the job", "at approximately 4:55 PM", "around 1 PM"), at that time; a
/// range ("from 18:40 to 22:50", "between 5:15 PM and 6:15 PM") gives its start and its end.
pub(super) fn prose_timeline<'a>(sections: impl IntoIterator<Item = &'a Section>) -> Vec<String> {
    // "After approximately 10 minutes, the issue expanded"; "it took an additional 25 minutes
    // for them all to clear": minutes after the time the sentence before gave.
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:after|within)\s+(?:approximately\s+|about\s+|around\s+|roughly\s+|~)?(\d{1,3})\s+minutes\b|\b(\d{1,3})\s+minutes\s+later\b|\ban?\s+(?:additional|further|another)\s+(\d{1,3})\s+minutes\b")
            .expect("static regex")
    });
    let mut found: Vec<(u32, String)> = Vec::new();
    // The day each found time is on: the date its sentence names, else the one before.
    let mut days: Vec<Option<i64>> = Vec::new();
    // Whether a time was told on the day before ("had gone out at 22:40 IST the previous
    // night").
    let mut eves: Vec<bool> = Vec::new();
    let mut on = Dated::default();
    let sections: Vec<&Section> = sections.into_iter().collect();
    // A date written without its year ("November 12th 10:17pm") is in the year the document
    // names first.
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("static regex"));
    on.year = sections
        .iter()
        .flat_map(|s| s.lines.iter())
        .find_map(|l| YEAR.find(l).and_then(|m| m.as_str().parse().ok()));
    for s in sections
        .into_iter()
        .filter(|s| !matches!(s.part, Part::Lessons | Part::WentWell | Part::WentWrong))
    {
        let kept: Vec<String> = super::doc_text::unfenced(&s.lines)
            .iter()
            .map(|l| when_row(l).unwrap_or_else(|| l.clone()))
            .filter(|l| !is_metadata(l) || opens_with_time(l) || WHEN_LABEL.is_match(l))
            // "Timeframe: September 16, 4:06 pm - 4:38 pm": the harm's start and end, said so.
            .map(|l| WHEN_LABEL.replace(&l, "Impact began:").into_owned())
            .collect();
        for paragraph in items(&kept) {
            let paragraph = BRACKETED.replace_all(&paragraph, "(at $1");
            let label = LEAD_LABEL
                .captures(&paragraph)
                .map(|c| c[1].trim().to_string());
            // The time the paragraph's last timed sentence gave, for "after 10 minutes".
            let mut last: Option<u32> = None;
            // "**30 July 2012, 02:33 IST.** The line tripped...": a stamp alone is the time of
            // the sentence after it.
            let mut stamp_alone: Option<String> = None;
            for (n, sentence) in paragraph.split(". ").enumerate() {
                let sentence = sentence.trim().trim_end_matches('.');
                on.read(sentence);
                let labelled = match &label {
                    Some(l) if n > 0 => format!("{l}: {sentence}"),
                    _ => sentence.to_string(),
                };
                let told = stamp_alone
                    .take()
                    .map_or(labelled, |s| format!("{s}, {sentence}"));
                let sentence = told.as_str();
                let before = found.len();
                let mut own: Vec<Option<i64>> = Vec::new();
                read_sentence(sentence, &mut found, (&mut own, on.year));
                if found.len() == before + 1 && only_when(sentence) {
                    found.pop();
                    stamp_alone = Some(sentence.to_string());
                    continue;
                }
                // Each time on the date written beside it ("From November 11, 4:02 PM UTC to
                // November 14, 3:02 PM UTC"), else the day the prose is on.
                for i in before..found.len() {
                    days.push(own.get(i - before).copied().flatten().or(on.day));
                    eves.push(found.len() == before + 1 && EVE.is_match(sentence));
                }
                if found.len() > before {
                    last = found[before..].iter().map(|f| f.0).max();
                } else if let Some(from) = last
                    && let Some(c) = AFTER.captures(sentence)
                    && let Some(n) = c.iter().skip(1).flatten().next()
                    && let Ok(n) = n.as_str().parse::<u32>()
                {
                    found.push((from + n, sentence.to_string()));
                    days.push(on.day);
                    eves.push(false);
                    last = Some(from + n);
                }
            }
        }
    }
    if eves.contains(&true) {
        // Each time on a day, the day before for those told so.
        let base = days.iter().flatten().min().copied().unwrap_or(0);
        for (d, eve) in days.iter_mut().zip(eves) {
            *d = Some(d.unwrap_or(base) - i64::from(eve));
        }
    }
    dated_lines(found, days)
}

/// Whether a sentence says only when ("30 July 2012, 02:33 IST"): no word but a month, a zone
/// or "at"/"on".
fn only_when(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let l = w.to_lowercase();
            super::doc_text::MONTHS.iter().any(|m| l.starts_with(m))
                || ["at", "on", "utc", "gmt", "st", "nd", "rd", "th", "am", "pm"]
                    .contains(&l.as_str())
                || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
        })
}

/// The found times as timeline lines ("HH:MM — text."), in time order; told over more than one
/// day ("at ~21:30 UTC on April 21" ... "on April 22"), each keeps its date and the lines go in
/// the order of the days.
fn dated_lines(found: Vec<(u32, String)>, days: Vec<Option<i64>>) -> Vec<String> {
    let first_day = days.iter().flatten().min().copied();
    let many_days = days.iter().flatten().any(|d| Some(*d) != first_day);
    let mut found: Vec<(i64, u32, String)> = found
        .into_iter()
        .zip(days)
        .map(|((m, t), d)| {
            (
                if many_days {
                    d.or(first_day).unwrap_or(0)
                } else {
                    0
                },
                m,
                t,
            )
        })
        .collect();
    // In time order, so a later sentence's earlier time does not read as the next day.
    found.sort_by_key(|f| (f.0, f.1));
    // "at 2020-12-09 18:31" in a sentence: the line's own time says when; a date inside it
    // would read as the line's stamp.
    static ISO_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b\d{4}-\d{2}-\d{2}[ T](\d{1,2}:\d{2})").expect("static regex")
    });
    found
        .into_iter()
        .map(|(d, m, text)| {
            let text = ISO_DAY.replace_all(&text, "$1");
            let date = if many_days {
                let (y, mo, da) = civil_from_days(d + i64::from(m / 1440));
                format!("{y:04}-{mo:02}-{da:02} ")
            } else {
                String::new()
            };
            format!(
                "{date}{:02}:{:02} — {}.",
                (m / 60) % 24,
                m % 60,
                text.trim()
            )
        })
        .collect()
}

/// The day a run of prose is on: the last date it named ("on April 21, 2020", "30 July
/// 2012", "on April 22" in the year named before).
#[derive(Default)]
struct Dated {
    day: Option<i64>,
    year: Option<i64>,
}

impl Dated {
    fn read(&mut self, sentence: &str) {
        if let Some(d) = super::time_parser::date_in(sentence, self.year) {
            self.day = Some(d);
            self.year = Some(civil_from_days(d).0);
        }
    }
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Minutes of the day, when the words are a time: "5:05", "1 PM", "8:am" (not "at 5 servers").
fn minutes(
    h: Option<regex::Match>,
    m: Option<regex::Match>,
    half: Option<regex::Match>,
) -> Option<u32> {
    let h: u32 = h?.as_str().parse().ok()?;
    let m: u32 = match m {
        Some(m) => m.as_str().parse().ok()?,
        None if half.is_some() => 0,
        None => return None,
    };
    let h = hour_of_day(h, half.map(|x| x.as_str()));
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// A sentence that opens with a word that leads a time ("At 9:12am", "From 18:40").
static AT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:at|from|by|around|until|between|since)\b").expect("static regex")
});

/// A sentence that opens with its time ("09:10 first alert from Sentry").
static OPENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W{0,3}(\d{1,2}):(\d{2})\s*(a\.?m\.?|p\.?m\.?)?\b").expect("static regex")
});
/// "The next morning", "this morning": the day after the one the prose is on.
static NEXT_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:next|following) (?:day|morning)|\bthis morning\b").expect("static regex")
});

/// A harm told to last until a later time ("lasted until Friday, November 18th, at 3:01pm").
static UNTIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:lasted|lasting|continued|persisted|down|unavailable)\s+until\b")
        .expect("static regex")
});

/// Whether a sentence is a downtime window listed alone ("November 13th -- 15:00 to 19:30
/// UTC"): the prose's own, a start and an end, not a line's stamp.
fn downtime_window(sentence: &str) -> bool {
    sentence.matches(':').count() >= 2
        && only_when(&sentence.replace(" to ", " ").replace(" until ", " "))
}

/// A time the prose tells, after the word or the date before it ("at 09:40", "from 09:10 to
/// 12:05", "November 13th -- 15:00 to 19:30 UTC"), with a range's end when it gives one.
static AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:at|from|by|around|until|between|since|as of)\s+(?:\d{4}-\d{2}-\d{2}[ T])?|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:\d{4},?\s+)?(?:\(|[-–—]{1,2}\s+)?|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:\d{4},?\s+)?)(?:approximately\s+|about\s+|around\s+|roughly\s+|~)?(\d{1,2})(?::(\d{2})|:)?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*(?:(?-i:[A-Z]{2,4}T?|UTC)|(?:eastern|pacific|central|mountain)(?:\s+time)?))?(?:\s*(?:to|-|–|until|and)\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:\d{4},?\s+)?)?(?:approximately\s+|about\s+|around\s+|roughly\s+|~)?(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?)?",
    )
    .expect("static regex")
});

/// The times one sentence gives, as (minute of the day, text), and into `own` the date written
/// beside each, if any.
fn read_sentence(
    sentence: &str,
    found: &mut Vec<(u32, String)>,
    (own, year): (&mut Vec<Option<i64>>, Option<i64>),
) {
    // Notes that open a sentence with its time ("09:10 first alert from Sentry").
    if let Some(c) = OPENS.captures(sentence)
        && let Some(start) = minutes(c.get(1), c.get(2), c.get(3))
    {
        found.push((start, sentence.to_string()));
        own.push(None);
        return;
    }
    // The date written just before a time, in its match ("November 11, 4:02 PM").
    let dated = |from: usize, to: usize| super::time_parser::date_in(&sentence[from..to], year);
    // The words that are a time ("by 1 GB per minute starting around 1 PM" has one).
    // A date and time that open the line ("May 04, 2026 14:10 — Investigating") are its stamp,
    // read with the line, not a time the prose tells.
    let window = downtime_window(sentence);
    let stamp = |c: &regex::Captures| {
        c.get(0)
            .is_some_and(|m| m.start() == 0 && m.as_str().starts_with(char::is_alphabetic))
            && !AT_WORD.is_match(sentence)
            && !window
    };
    let mut times: Vec<_> = AT
        .captures_iter(sentence)
        .filter(|c| !stamp(c))
        .filter_map(|c| minutes(c.get(1), c.get(2), c.get(3)).map(|m| (c, m)))
        .collect();
    if times.is_empty() {
        times = approximate_times(sentence);
    }
    later_clauses(sentence, &times, found, (own, year));
    let and_before = |at: usize| sentence[..at].rfind(" and ");
    // The first time's text ends where the next time's clause begins ("The change was pushed
    // at 19:01 UTC, and the outage commenced at 19:26 UTC": the push alone).
    let first_end = times
        .get(1)
        .and_then(|(c, _)| c.get(0))
        .and_then(|m| match clause_at(sentence, m.start()) {
            whole if whole == sentence => and_before(m.start()),
            clause => sentence.find(clause),
        })
        .unwrap_or(sentence.len());
    let Some((c, start)) = times.into_iter().next() else {
        return;
    };
    // An evening incident's report speaks of "this morning" for the day after.
    let later = if NEXT_DAY.is_match(sentence) { 1440 } else { 0 };
    let head = &sentence[..first_end.max(c.get(0).map_or(0, |x| x.end()))];
    let own_clause = clause_at(head, c.get(0).map_or(0, |x| x.start()));
    // (A harm told as a range, "an 18 minute window between 1:02am and 1:20am", begins at its
    // start as a listed window does.)
    let end_m = minutes(c.get(4), c.get(5), c.get(6).or(c.get(3)));
    // (Read only for a range: the one guess serves its start and its end.)
    let harm =
        end_m.is_some() && super::event_kind::guess_kind(sentence, false) == EventKind::Symptom;
    // ("Timeframe: ..." already reads "Impact began: ...".)
    let labelled = own_clause.starts_with("Impact began:");
    let told = if window || (harm && !labelled) {
        format!("Begins: {own_clause}")
    } else {
        super::stated_times::until_is_the_end(&c, own_clause)
    };
    found.push((start + later, told));
    let whole = c.get(0).map_or(0..0, |m| m.range());
    own.push(c.get(1).and_then(|t| dated(whole.start, t.start())));
    // The range's end takes the start's half of the day when it gives none.
    // The end of a harm ("from 09:10 to 12:05, 40% of searches were stale") is its
    // resolution; the end of work ("between 5:15 PM and 6:15 PM we investigated and
    // uncovered...") is more of that work.
    if let Some(end) = end_m {
        let text = if harm {
            format!("Ends: {sentence}")
        } else {
            sentence.to_string()
        };
        // "to November 14, 3:02 PM": the end on its own date, which may be days on.
        let start_end = c
            .get(3)
            .or(c.get(2))
            .or(c.get(1))
            .map_or(whole.start, |m| m.end());
        let end_day = c.get(4).and_then(|e| dated(start_end, e.start()));
        let start_day = *own.last().unwrap_or(&None);
        let other_day = end_day.is_some() && end_day != start_day;
        found.push((if other_day { end } else { end.max(start) } + later, text));
        own.push(end_day.or(start_day));
    } else if let Some(end) = super::stated_times::lasted_until(sentence, start) {
        found.push((end + later, format!("Ends: {sentence}")));
        own.push(*own.last().unwrap_or(&None));
    }
}

/// A later clause's own time is its own event ("returned to baseline by 09:48, and the SLO
/// stopped burning at 09:52"; "we discovered that a change deployed at 08:55 had reduced the
/// pool"): its clause is its text. ("Incident began at 18:31 and ended at 19:55": with no
/// comma, the "and" parts them.)
fn later_clauses(
    sentence: &str,
    times: &[(regex::Captures, u32)],
    found: &mut Vec<(u32, String)>,
    (own, year): (&mut Vec<Option<i64>>, Option<i64>),
) {
    let dated = |from: usize, to: usize| super::time_parser::date_in(&sentence[from..to], year);
    let and_before = |at: usize| sentence[..at].rfind(" and ");
    for (k, (c, m)) in times.iter().enumerate().skip(1) {
        let at = c.get(0).map_or(0, |x| x.start());
        let mut text = clause_at(sentence, at);
        if text == sentence {
            text = and_before(at).map_or(sentence, |i| sentence[i + 5..].trim());
        }
        if text != sentence {
            // "... and lasted until Friday, November 18th, at 3:01pm": the harm's end, on the
            // date told between the times.
            let after_last = times[k - 1].0.get(0).map_or(0, |x| x.end());
            let until = UNTIL.is_match(&sentence[after_last..at]);
            found.push((
                *m,
                if until {
                    format!("Ends: {text}")
                } else {
                    text.to_string()
                },
            ));
            own.push(c.get(1).and_then(|t| dated(after_last.min(at), t.start())));
        }
    }
}

/// The clause of a sentence that holds the byte at `at`, when it is not the first clause (the
/// whole sentence otherwise): clauses part at ", and", ", but", a semicolon, "that", "which".
fn clause_at(sentence: &str, at: usize) -> &str {
    static BREAK: LazyLock<Regex> = LazyLock::new(|| {
        // ("an initial outage condition occurred with a recovery at 06:45": the recovery.)
        Regex::new(r",\s*(?:and|but|while|then|so|when)\s+|;\s*|\s+(?:that|which)\s+|\s+[—–]\s+|\s+with\s+(?:a|an)\s+")
            .expect("static regex")
    });
    let breaks: Vec<_> = BREAK.find_iter(sentence).collect();
    let Some(from) = breaks.iter().rev().find(|b| b.end() <= at).map(|b| b.end()) else {
        return sentence;
    };
    let to = breaks
        .iter()
        .find(|b| b.start() > at)
        .map_or(sentence.len(), |b| b.start());
    sentence[from..to].trim()
}

/// "..., approximately 00:07 Pacific Standard Time (PST), an outage occurred", "roughly 19:20
/// PST": clock times with no "at", read when a sentence tells no other time.
fn approximate_times(sentence: &str) -> Vec<(regex::Captures<'_>, u32)> {
    static APPROX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:approximately|roughly|about|around|circa)\s+(\d{1,2}):(\d{2})\s*(a\.?m\.?|p\.?m\.?)?")
            .expect("static regex")
    });
    APPROX
        .captures_iter(sentence)
        .filter_map(|c| minutes(c.get(1), c.get(2), c.get(3)).map(|m| (c, m)))
        .collect()
}
