//! The scenario's metadata: id, difficulty, texts, source, scoring weights and phases.

use super::{Validator, valid_id};
use crate::diagnostic::said;
use crate::spans::Path;
use crate::time::SimTime;

impl Validator<'_, '_, '_> {
    pub(super) fn metadata(&mut self, root: &Path) {
        let sc = self.sc;
        if !valid_id(&sc.id) {
            self.rep.error(
                "invalid-id",
                &root.f("id"),
                format!("scenario id `{}` is not a valid id", sc.id),
                said().expected("1 to 64 letters, digits, `-`, `_` or `.`"),
            );
        }
        if !(1..=5).contains(&sc.difficulty) {
            self.rep.error(
                "out-of-range",
                &root.f("difficulty"),
                format!("difficulty {} is out of range", sc.difficulty),
                said().expected("1 to 5").found(sc.difficulty.to_string()),
            );
        }
        if sc.estimated_minutes == 0 {
            self.rep.error(
                "out-of-range",
                &root.f("estimated_minutes"),
                "estimated_minutes must be above 0",
                said().expected("real minutes a session takes, such as 45"),
            );
        }
        if sc.duration == SimTime::ZERO {
            self.rep.error(
                "out-of-range",
                &root.f("duration"),
                "the scenario lasts no time at all",
                said().expected("a duration such as \"60m\""),
            );
        }
        for (field, text) in [("title", &sc.title), ("briefing", &sc.briefing)] {
            if text.trim().is_empty() {
                self.rep.error(
                    "empty-text",
                    &root.f(field),
                    format!("`{field}` is empty"),
                    said().expected("some text"),
                );
            }
        }
        if let Some(src) = &sc.based_on {
            let p = root.f("based_on");
            if !(src.url.starts_with("https://")
                || src.url.starts_with("http://")
                || src.url.contains("TODO"))
            {
                self.rep.error(
                    "invalid-url",
                    &p.f("url"),
                    "the source is not a web address",
                    said()
                        .expected("an http(s):// URL of the public write-up")
                        .found(format!("{:?}", src.url)),
                );
            }
            if !valid_date(&src.date) && !src.date.contains("TODO") {
                self.rep.error(
                    "invalid-date",
                    &p.f("date"),
                    "the incident date is not a date",
                    said()
                        .expected("YYYY-MM-DD")
                        .found(format!("{:?}", src.date)),
                );
            }
        }
        if let Some(t) = &sc.starts_at
            && crate::model::parse_time_of_day(t).is_none()
        {
            self.rep.error(
                "invalid-time",
                &root.f("starts_at"),
                format!("{t:?} is not a time of day"),
                said().expected("\"HH:MM\", such as \"13:42\""),
            );
        }
        if sc.scoring.total() == 0 {
            self.rep.error(
                "invalid-weights",
                &root.f("scoring"),
                "all scoring weights are zero",
                said().expected("at least one weight above 0"),
            );
        }
        self.phases(root);
    }

    /// Phases the clock jumps across: forwards, in order, not overlapping (unless conditional),
    /// within the end.
    fn phases(&mut self, root: &Path) {
        let sc = self.sc;
        let mut last_end = SimTime::ZERO;
        for (i, ph) in sc.phases.iter().enumerate() {
            let p = root.f("phases").i(i);
            if ph.to <= ph.from {
                self.rep.error(
                    "out-of-order",
                    &p.f("to"),
                    format!(
                        "phase jumps backwards or nowhere (from {} to {})",
                        ph.from, ph.to
                    ),
                    said().expected(format!("a time after {}", ph.from)),
                );
            }
            // Conditional phases may overlap: they are alternatives (only one of them plays).
            let conditional = !ph.only_if.is_empty() || !ph.unless.is_empty();
            if ph.from < last_end && !conditional {
                self.rep.error(
                    "out-of-order",
                    &p.f("from"),
                    format!(
                        "phase starts at {}, inside the previous phase (which ends at {last_end})",
                        ph.from
                    ),
                    said().expected("phases in time order, not overlapping"),
                );
            }
            self.within_end(ph.to, &p.f("to"));
            last_end = last_end.max(ph.to);
        }
    }
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}
