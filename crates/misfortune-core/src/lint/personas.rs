//! The scripted personas as a lint: a scenario trains recall when the expert wins and the label
//! reader, the shotgun, the guesser and the harmful player lose. The same bounds hold in the
//! test over every shipped scenario.

use std::sync::Arc;

use super::Linter;
use crate::diagnostic::said;
use crate::journal::Recorder;
use crate::model::Scenario;
use crate::personas::{self, Persona};
use crate::sim::{PlayMode, Session};
use crate::spans::Path;

/// The seed the lint plays with (any fixed seed: the lint must say the same thing every run).
pub const SEED: u64 = 7;

/// The score bounds each persona must keep, in recall mode: `(persona, at least, at most)`.
pub const BOUNDS: [(Persona, f64, f64); 7] = [
    (Persona::Expert, 85.0, 100.0),
    (Persona::Methodical, 70.0, 100.0),
    (Persona::LabelReader, 0.0, 30.0),
    (Persona::Shotgun, 0.0, 30.0),
    (Persona::Guesser, 0.0, 20.0),
    (Persona::Harmful, 0.0, 50.0),
    (Persona::Idle, 0.0, 5.0),
];

/// Every persona's total score on `sc`, in recall mode, with the lint's seed.
pub fn persona_scores(sc: &Arc<Scenario>, mode: PlayMode) -> Vec<(Persona, f64)> {
    personas::ALL
        .iter()
        .map(|&p| {
            let mut rec = Recorder::unjournaled(Session::with_mode(sc.clone(), SEED, mode));
            let total = match personas::play(&mut rec, p) {
                Ok(()) => crate::score::score(rec.session()).total,
                Err(_) => f64::NAN,
            };
            (p, total)
        })
        .collect()
}

/// What is wrong with a set of scores: bounds missed, then order broken.
pub fn bound_problems(scores: &[(Persona, f64)]) -> Vec<String> {
    let get = |p: Persona| scores.iter().find(|x| x.0 == p).map_or(f64::NAN, |x| x.1);
    let mut out = Vec::new();
    for (p, lo, hi) in BOUNDS {
        let v = get(p);
        if v.is_nan() || v < lo || v > hi {
            out.push(if lo > 0.0 {
                format!("{} scores {v:.1}, below {lo}", p.name())
            } else {
                format!("{} scores {v:.1}, above {hi}", p.name())
            });
        }
    }
    let (e, m, g, i) = (
        get(Persona::Expert),
        get(Persona::Methodical),
        get(Persona::Guesser),
        get(Persona::Idle),
    );
    if !(e > m && m > g && g > i) {
        out.push("the order expert > methodical > guesser > idle is broken".into());
    }
    for p in [Persona::Harmful, Persona::LabelReader, Persona::Shotgun] {
        if get(p) >= m {
            out.push(format!("{} scores as well as methodical", p.name()));
        }
    }
    out
}

impl Linter<'_, '_, '_> {
    pub(super) fn personas(&mut self, root: &Path) {
        let sc = Arc::new(self.sc.clone());
        let scores = persona_scores(&sc, PlayMode::Recall);
        let problems = bound_problems(&scores);
        if problems.is_empty() {
            return;
        }
        let table: Vec<String> = scores
            .iter()
            .map(|(p, v)| format!("{}={v:.1}", p.name()))
            .collect();
        self.rep.warn(
            "persona-bounds",
            &root.f("root_cause"),
            format!("the scripted personas: {}", problems.join("; ")),
            said()
                .expected("expert >= 85, methodical >= 70, label-reader and shotgun <= 30, guesser <= 20, harmful <= 50, idle <= 5")
                .found(table.join(" "))
                .help("replay one with `misfortune play SCENARIO --persona NAME`"),
        );
    }
}
