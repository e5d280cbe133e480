//! The hidden truth, the recorded response and the extras (hints, debrief, notes).

use super::{IdKind, Validator, known};
use crate::diagnostic::said;
use crate::spans::Path;
use crate::time::SimTime;

impl Validator<'_, '_, '_> {
    pub(super) fn truth(&mut self, root: &Path) {
        let rc = &self.sc.root_cause;
        let p = root.f("root_cause");
        if rc.statement.trim().is_empty() {
            self.rep.error(
                "empty-text",
                &p.f("statement"),
                "the root cause statement is empty",
                said(),
            );
        }
        if self.ids[IdKind::Candidate as usize].contains(&rc.answer) {
            // fine
        } else {
            let list = known(&self.ids[IdKind::Candidate as usize]);
            self.rep.error(
                "answer-not-a-candidate",
                &p.f("answer"),
                format!(
                    "the root cause answer `{}` is not among its candidates",
                    rc.answer
                ),
                said()
                    .expected(format!("a candidate id: {list}"))
                    .found(format!("`{}`", rc.answer)),
            );
        }
        if rc.candidates.len() < 2 {
            self.rep.warn(
                "few-candidates",
                &p.f("candidates"),
                "a multiple-choice diagnosis needs distractors",
                said().expected("at least 2 candidates"),
            );
        }
        if rc.keywords.is_empty() {
            self.rep.warn(
                "no-keywords",
                &p.f("keywords"),
                "free-text diagnoses cannot be scored without keywords",
                said().expected("words that mark a right answer"),
            );
        }
        if rc.clues.is_empty() {
            self.rep.warn(
                "no-clues",
                &p.f("clues"),
                "no clue leads to the root cause, so the diagnosis is a guess",
                said(),
            );
        }
        for (j, c) in rc.clues.iter().enumerate() {
            self.reference(IdKind::Clue, c, &p.f("clues").i(j));
        }
        if let Some(e) = &self.sc.communication.escalate_to {
            self.reference(
                IdKind::Persona,
                e,
                &root.f("communication").f("escalate_to"),
            );
        }
    }

    pub(super) fn recorded(&mut self, root: &Path) {
        let rec = &self.sc.recorded;
        let p = root.f("recorded");
        if rec.timeline.is_empty() {
            self.rep.error(
                "empty-list",
                &p.f("timeline"),
                "the recorded timeline is empty",
                said().expected("the real team's response, event by event"),
            );
        }
        for (field, par) in [
            ("par_to_diagnose", rec.par_to_diagnose),
            ("par_to_mitigate", rec.par_to_mitigate),
        ] {
            if let Some(t) = par {
                self.within_end(t, &p.f(field));
            }
        }
        let mut last = i64::MIN;
        for (i, ev) in rec.timeline.iter().enumerate() {
            let q = p.f("timeline").i(i);
            if ev.before.is_some() && ev.at > SimTime::ZERO {
                self.rep.error(
                    "both-times",
                    &q,
                    "a timeline event says both when (`at`) and how long before minute 0 (`before`)",
                    said().expected("one of `at` and `before`"),
                );
            }
            if ev.offset_secs() < last {
                self.rep.error(
                    "out-of-order",
                    &q.f("at"),
                    format!(
                        "timeline event at {} comes before the previous one",
                        ev.before
                            .map_or_else(|| ev.at.to_string(), |b| format!("-{b}"))
                    ),
                    said().expected("events in time order"),
                );
            }
            last = last.max(ev.offset_secs());
            self.within_end(ev.at, &q.f("at"));
        }
        let times = [
            ("time_to_detect", rec.time_to_detect),
            ("time_to_mitigate", rec.time_to_mitigate),
            ("time_to_resolve", rec.time_to_resolve),
        ];
        let mut prev: Option<(&str, SimTime)> = None;
        for (field, t) in times {
            if let Some(v) = t.value() {
                if let Some((pf, pv)) = prev
                    && v < pv
                {
                    self.rep.warn(
                        "out-of-order",
                        &p.f(field),
                        format!("{field} ({v}) is shorter than {pf} ({pv})"),
                        said(),
                    );
                }
                prev = Some((field, v));
            }
        }
    }

    pub(super) fn extras(&mut self, root: &Path) {
        for (i, h) in self.sc.hints.iter().enumerate() {
            if h.cost > 50 {
                self.rep.warn(
                    "out-of-range",
                    &root.f("hints").i(i).f("cost"),
                    format!("a hint costing {} points leaves little to win", h.cost),
                    said().expected("a cost up to 50"),
                );
            }
        }
    }
}
