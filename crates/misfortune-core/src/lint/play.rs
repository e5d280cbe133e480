//! Lints on how the scenario plays: candidates that give the answer away, too few wrong paths,
//! actions a trainee cannot say or that two actions answer to, and reference times that pass an
//! assumption off as a record.

use super::{Linter, plural};
use crate::diagnostic::said;
use crate::matcher::{ActionMatch, match_action};
use crate::model::*;
use crate::spans::Path;

/// The right candidate may be at most this much longer than the longest wrong one.
const LONGEST_MARGIN: f64 = 1.10;
/// A scenario needs this many plausible-but-wrong paths...
const MIN_WRONG_PATHS: usize = 5;
/// ...of which this many are actions (red herrings or harmful ones).
const MIN_WRONG_ACTIONS: usize = 3;

impl Linter<'_, '_, '_> {
    pub(super) fn candidates(&mut self, root: &Path) {
        let rc = &self.sc.root_cause;
        let Some(ai) = rc.candidates.iter().position(|c| c.id == rc.answer) else {
            return;
        };
        let p = root.f("root_cause").f("candidates").i(ai);
        if ai == 0 && rc.candidates.len() > 1 {
            self.rep.warn(
                "answer-stands-out",
                &p,
                "the right candidate is listed first",
                said()
                    .expected("the answer somewhere after the first candidate")
                    .help("guided play shuffles them, but the game master's list and old journals do not"),
            );
        }
        let len = |c: &Candidate| c.text.chars().count() as f64;
        let answer = len(&rc.candidates[ai]);
        let longest_wrong = rc
            .candidates
            .iter()
            .filter(|c| c.id != rc.answer)
            .map(len)
            .fold(0.0, f64::max);
        if longest_wrong > 0.0 && answer > longest_wrong * LONGEST_MARGIN {
            self.rep.warn(
                "answer-stands-out",
                &p.f("text"),
                format!(
                    "the right candidate is the longest ({} characters against at most {})",
                    answer, longest_wrong
                ),
                said().expected(
                    "candidates of similar length and detail: make the wrong ones as specific",
                ),
            );
        }
    }

    pub(super) fn wrong_paths(&mut self, root: &Path) {
        let sc = self.sc;
        let herrings = sc.actions.iter().filter(|a| a.red_herring).count();
        let harmful = sc.actions.iter().filter(|a| a.harmful).count();
        let wrong_candidates = sc
            .root_cause
            .candidates
            .iter()
            .filter(|c| c.id != sc.root_cause.answer)
            .count();
        let actions = herrings + harmful;
        let total = actions + wrong_candidates;
        if total < MIN_WRONG_PATHS || actions < MIN_WRONG_ACTIONS {
            self.rep.warn(
                "few-wrong-paths",
                &root.f("actions"),
                format!(
                    "{} in all: {}, {}, {}",
                    plural(total, "plausible-but-wrong path", "plausible-but-wrong paths"),
                    plural(herrings, "red-herring action", "red-herring actions"),
                    plural(harmful, "harmful action", "harmful actions"),
                    plural(wrong_candidates, "wrong candidate", "wrong candidates"),
                ),
                said()
                    .expected(format!(
                        "at least {MIN_WRONG_PATHS} wrong paths, {MIN_WRONG_ACTIONS} of them actions"
                    ))
                    .help("a real incident offers many tempting moves: the recent deploy, the noisy neighbour, the restart"),
            );
        }
    }

    pub(super) fn phrases(&mut self, root: &Path) {
        let sc = self.sc;
        for (i, a) in sc.actions.iter().enumerate() {
            let p = root.f("actions").i(i);
            if a.phrases.is_empty() {
                self.rep.warn(
                    "no-phrases",
                    &p.f("id"),
                    format!("action `{}` has no phrases", a.id),
                    said()
                        .expected("`phrases: [...]`: two or three ways a trainee would say it")
                        .help("check each with `misfortune match SCENARIO \"TEXT\"`"),
                );
            }
            for (j, phrase) in a.phrases.iter().enumerate() {
                let verdict = match match_action(phrase, &sc.actions) {
                    ActionMatch::Matched { action, .. } if action == a.id => continue,
                    ActionMatch::Matched { action, .. } => format!("matches `{action}` instead"),
                    ActionMatch::Ambiguous { candidates } => format!(
                        "is ambiguous between {}",
                        candidates
                            .iter()
                            .map(|(id, _)| format!("`{id}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    ActionMatch::Unmatched { .. } => "matches no action".to_string(),
                };
                self.rep.warn(
                    "shared-phrase",
                    &p.f("phrases").i(j),
                    format!("\"{phrase}\" (a phrase of `{}`) {verdict}", a.id),
                    said().expected("a phrase that only this action answers to"),
                );
            }
        }
    }

    pub(super) fn reference_times(&mut self, root: &Path) {
        let sc = self.sc;
        if sc.based_on.is_some() {
            return;
        }
        let rec = &sc.recorded;
        let p = root.f("recorded");
        for (field, t) in [
            ("time_to_detect", rec.time_to_detect),
            ("time_to_mitigate", rec.time_to_mitigate),
            ("time_to_resolve", rec.time_to_resolve),
        ] {
            if let RecordedTime::Known(v) = t {
                self.rep.warn(
                    "assumed-time-unmarked",
                    &p.f(field),
                    format!("an original scenario has no record, but {field} says Known({v})"),
                    said().expected(format!("Assumed(\"{v}\")")),
                );
            }
        }
        if rec.par_to_diagnose.is_none() {
            self.rep.warn(
                "assumed-time-unmarked",
                &p,
                "an original scenario's time to diagnose would come from its reference timeline, which the score calls the real team's",
                said().expected("`par_to_diagnose: Some(\"..\")`: the target, called par in the score"),
            );
        }
    }
}
