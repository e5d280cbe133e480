//! Things declared but never used, which usually mean a mistake.

use std::collections::HashSet;

use super::Validator;
use crate::diagnostic::said;
use crate::model::*;
use crate::spans::Path;

impl Validator<'_, '_, '_> {
    /// Things declared that nothing can ever show or use.
    pub(super) fn unused(&mut self, root: &Path) {
        let sc = self.sc;
        let mut revealed: HashSet<&Reveal> = HashSet::new();
        let mut fired_alerts: HashSet<&str> = HashSet::new();
        let all_effects = sc
            .injects
            .iter()
            .flat_map(|i| i.effects.iter())
            .chain(sc.actions.iter().flat_map(|a| a.effects.iter()));
        for e in all_effects {
            match e {
                Effect::Reveal(r) => {
                    revealed.insert(r);
                }
                Effect::FireAlert(a) => {
                    fired_alerts.insert(a);
                }
                _ => {}
            }
        }
        revealed.extend(sc.actions.iter().flat_map(|a| a.reveals.iter()));
        for (i, c) in sc.clues.iter().enumerate() {
            if !revealed.contains(&Reveal::Clue(c.id.clone())) {
                self.rep.warn(
                    "never-revealed",
                    &root.f("clues").i(i).f("id"),
                    format!("nothing ever reveals clue `{}`", c.id),
                    said().help("reveal it from an action or an inject"),
                );
            }
        }
        for (i, d) in sc.dashboards.iter().enumerate() {
            if !revealed.contains(&Reveal::Dashboard(d.id.clone())) {
                self.rep.warn(
                    "never-revealed",
                    &root.f("dashboards").i(i).f("id"),
                    format!("nothing ever reveals dashboard `{}`", d.id),
                    said().help("reveal it from an action or an inject"),
                );
            }
        }
        for (i, l) in sc.logs.iter().enumerate() {
            if !revealed.contains(&Reveal::Logs(l.id.clone())) {
                self.rep.warn(
                    "never-revealed",
                    &root.f("logs").i(i).f("id"),
                    format!("nothing ever reveals log stream `{}`", l.id),
                    said().help("reveal it from an action or an inject"),
                );
            }
        }
        let on_dashboards: HashSet<&str> = sc
            .dashboards
            .iter()
            .flat_map(|d| d.metrics.iter().map(String::as_str))
            .collect();
        for (i, m) in sc.metrics.iter().enumerate() {
            if !on_dashboards.contains(m.id.as_str())
                && !revealed.contains(&Reveal::Metric(m.id.clone()))
            {
                self.rep.warn(
                    "never-revealed",
                    &root.f("metrics").i(i).f("id"),
                    format!(
                        "metric `{}` is on no dashboard and nothing reveals it",
                        m.id
                    ),
                    said(),
                );
            }
        }
        for (i, a) in sc.alerts.iter().enumerate() {
            if !fired_alerts.contains(a.id.as_str()) {
                self.rep.warn(
                    "never-fires",
                    &root.f("alerts").i(i).f("id"),
                    format!("alert `{}` never fires", a.id),
                    said().help("fire it from an inject: `FireAlert(\"...\")`"),
                );
            }
        }
    }
}

/// Whether another action requires this one, or an inject waits for it.
pub(super) fn enables(sc: &Scenario, action: &str) -> bool {
    sc.actions.iter().any(|b| {
        b.requires
            .iter()
            .any(|r| matches!(r, Requirement::Action(x) if x == action))
    }) || sc
        .injects
        .iter()
        .any(|i| matches!(&i.when, Trigger::AfterAction { action: x, .. } if x == action))
}
