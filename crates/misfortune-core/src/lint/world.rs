//! Lints on whether the world reacts: metrics that move in the incident but never answer a fix or
//! a harmful move, and injects or time skips that carry on after the impact may have ended.

use std::collections::HashSet;

use super::{Linter, unprompted};
use crate::diagnostic::said;
use crate::model::*;
use crate::solver;
use crate::spans::Path;

/// The actions whose consequences should show on the dashboards: fixes and harm.
fn consequential(a: &Action) -> bool {
    a.harmful || a.mitigates.is_some() || matches!(a.kind, ActionKind::Mitigate)
}

/// Metrics an effect list changes.
fn metrics_in(effects: &[Effect]) -> impl Iterator<Item = &str> {
    effects.iter().filter_map(|e| match e {
        Effect::Metric { metric, .. } => Some(metric.as_str()),
        _ => None,
    })
}

/// Whether a metric's own course ends where it started (a blip that recovers without help), or
/// never moves at all: only metrics left off their baseline need a fix to answer to.
fn heals_itself(m: &Metric) -> bool {
    match m
        .shape
        .iter()
        .rev()
        .find(|c| !matches!(c.change, Shape::Noise { .. }))
    {
        None => true,
        Some(c) => match c.change {
            Shape::Recover { .. } | Shape::Spike { .. } => true,
            Shape::Step { to } => (to - m.baseline).abs() < 1e-9,
            _ => false,
        },
    }
}

/// The injects that follow a consequential action: triggered by it (or by a chain from it), or
/// conditional on it.
fn reactions(sc: &Scenario) -> HashSet<usize> {
    let acts: HashSet<&str> = sc
        .actions
        .iter()
        .filter(|a| consequential(a))
        .map(|a| a.id.as_str())
        .collect();
    let mut out = HashSet::new();
    loop {
        let before = out.len();
        for (i, inj) in sc.injects.iter().enumerate() {
            let on_action = match &inj.when {
                Trigger::AfterAction { action, .. } => acts.contains(action.as_str()),
                Trigger::AfterInject { inject, .. } => sc
                    .injects
                    .iter()
                    .position(|j| &j.id == inject)
                    .is_some_and(|j| out.contains(&j)),
                _ => false,
            };
            let conditional = inj
                .only_if
                .iter()
                .chain(&inj.unless)
                .any(|r| matches!(r, Requirement::Action(a) if acts.contains(a.as_str())));
            if on_action || conditional {
                out.insert(i);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

impl Linter<'_, '_, '_> {
    pub(super) fn metrics_respond(&mut self, root: &Path) {
        let sc = self.sc;
        let reacting = reactions(sc);
        let mut responds: HashSet<&str> = sc
            .actions
            .iter()
            .filter(|a| consequential(a))
            .flat_map(|a| metrics_in(&a.effects))
            .collect();
        let mut moves: HashSet<&str> = HashSet::new();
        for (i, inj) in sc.injects.iter().enumerate() {
            if reacting.contains(&i) {
                responds.extend(metrics_in(&inj.effects));
            } else {
                moves.extend(metrics_in(&inj.effects));
            }
        }
        for (i, m) in sc.metrics.iter().enumerate() {
            let moving = !heals_itself(m) || moves.contains(m.id.as_str());
            if moving && !responds.contains(m.id.as_str()) {
                self.rep.warn(
                    "metric-never-responds",
                    &root.f("metrics").i(i),
                    format!(
                        "`{}` moves during the incident, but no fix or harmful action changes it",
                        m.id
                    ),
                    said()
                        .expected("a `Metric(metric: ..)` effect after the mitigation (and harm) that would move it")
                        .help("a trainee checks that the fix worked on the same graph that showed the problem"),
                );
            }
        }
    }

    pub(super) fn late_injects(&mut self, root: &Path) {
        let sc = self.sc;
        let Ok(sol) = solver::solve(sc) else {
            return;
        };
        let end = sol.mitigated_at;
        let loud = |e: &Effect| {
            matches!(
                e,
                Effect::Message { .. }
                    | Effect::FireAlert(_)
                    | Effect::Metric { .. }
                    | Effect::Log { .. }
                    | Effect::WorsenImpact(_)
            )
        };
        for (i, inj) in sc.injects.iter().enumerate() {
            let Trigger::At(t) = inj.when else {
                continue;
            };
            if t <= end || !inj.unless.is_empty() || !unprompted(sc, inj) {
                continue;
            }
            if inj.effects.iter().any(loud) {
                self.rep.warn(
                    "late-inject",
                    &root.f("injects").i(i).f("when"),
                    format!(
                        "`{}` fires at {t} even if the impact ended (it can end at {end})",
                        inj.id
                    ),
                    said()
                        .expected("`IfNotMitigated(by: ..)`, or `unless: [Action(\"the fix\")]`")
                        .help("pressure after recovery and alerts on a healthy system break the story"),
                );
            }
        }
        for (i, ph) in sc.phases.iter().enumerate() {
            if ph.from > end && ph.only_if.is_empty() && ph.unless.is_empty() {
                self.rep.warn(
                    "late-inject",
                    &root.f("phases").i(i).f("from"),
                    format!(
                        "the time skip at {} narrates the response whatever the trainee did (the impact can end at {end})",
                        ph.from
                    ),
                    said().expected(
                        "`only_if: [Action(..)]` naming what it narrates, or `unless: [..]`",
                    ),
                );
            }
        }
    }
}
