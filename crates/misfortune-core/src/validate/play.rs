//! What plays: injects and their effects, actions, reveals and requirements.

use std::collections::{HashMap, HashSet};

use super::unused::enables;
use super::{IdKind, Validator};
use crate::diagnostic::said;
use crate::model::*;
use crate::spans::Path;

impl Validator<'_, '_, '_> {
    pub(super) fn reveal(&mut self, r: &Reveal, path: &Path) {
        let p = path.i(0);
        match r {
            Reveal::Dashboard(id) => self.reference(IdKind::Dashboard, id, &p),
            Reveal::Metric(id) => self.reference(IdKind::Metric, id, &p),
            Reveal::Logs(id) => self.reference(IdKind::LogStream, id, &p),
            Reveal::Clue(id) => self.reference(IdKind::Clue, id, &p),
        };
    }

    pub(super) fn effects(&mut self, effects: &[Effect], path: &Path) {
        for (i, e) in effects.iter().enumerate() {
            let p = path.i(i);
            match e {
                Effect::FireAlert(a) | Effect::ResolveAlert(a) => {
                    self.reference(IdKind::Alert, a, &p.i(0));
                }
                Effect::Metric { metric, change } => {
                    self.reference(IdKind::Metric, metric, &p.f("metric"));
                    self.shape(change, &p.f("change"));
                }
                Effect::Log { stream, .. } => {
                    self.reference(IdKind::LogStream, stream, &p.f("stream"));
                }
                Effect::Message { from, .. } => {
                    self.reference(IdKind::Persona, from, &p.f("from"));
                }
                Effect::Reveal(r) => self.reveal(r, &p.i(0)),
                Effect::WorsenImpact(f) => {
                    if !(f.is_finite() && *f > 0.0) {
                        self.rep.error(
                            "out-of-range",
                            &p.i(0),
                            format!("impact factor {f} is not a positive number"),
                            said().expected("a factor such as 1.5 (50% worse)"),
                        );
                    }
                }
            }
        }
    }

    pub(super) fn injects(&mut self, root: &Path) {
        let sc = self.sc;
        for (i, ph) in sc.phases.iter().enumerate() {
            let p = root.f("phases").i(i);
            for (field, list) in [("only_if", &ph.only_if), ("unless", &ph.unless)] {
                for (j, r) in list.iter().enumerate() {
                    self.requirement(r, &p.f(field).i(j));
                }
            }
        }
        for (i, inj) in sc.injects.iter().enumerate() {
            let p = root.f("injects").i(i);
            for (field, list) in [("only_if", &inj.only_if), ("unless", &inj.unless)] {
                for (j, r) in list.iter().enumerate() {
                    self.requirement(r, &p.f(field).i(j));
                }
            }
            match &inj.when {
                Trigger::At(t) => self.within_end(*t, &p.f("when").i(0)),
                Trigger::AfterAction { action, delay } => {
                    self.reference(IdKind::Action, action, &p.f("when").f("action"));
                    self.within_end(*delay, &p.f("when").f("delay"));
                }
                Trigger::AfterInject { inject, delay } => {
                    if self.reference(IdKind::Inject, inject, &p.f("when").f("inject"))
                        && inject == &inj.id
                    {
                        self.rep.error(
                            "inject-cycle",
                            &p.f("when").f("inject"),
                            format!("inject `{}` waits for itself", inj.id),
                            said(),
                        );
                    }
                    self.within_end(*delay, &p.f("when").f("delay"));
                }
                Trigger::IfNotMitigated { by } => self.within_end(*by, &p.f("when").f("by")),
                Trigger::Held => {}
            }
            if inj.effects.is_empty() {
                self.rep.warn(
                    "does-nothing",
                    &p.f("effects"),
                    format!("inject `{}` has no effects", inj.id),
                    said().expected("at least one effect"),
                );
            }
            self.effects(&inj.effects, &p.f("effects"));
        }
        // AfterInject chains must not go round.
        let index: HashMap<&str, usize> = sc
            .injects
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();
        let mut reported = HashSet::new();
        for (i, inj) in sc.injects.iter().enumerate() {
            let mut seen = vec![i];
            let mut cur = inj;
            while let Trigger::AfterInject { inject, .. } = &cur.when {
                let Some(&next) = index.get(inject.as_str()) else {
                    break;
                };
                if next == i {
                    if seen.len() > 1 && seen.iter().all(|k| !reported.contains(k)) {
                        reported.extend(seen.iter().copied());
                        let names: Vec<&str> =
                            seen.iter().map(|&k| sc.injects[k].id.as_str()).collect();
                        self.rep.error(
                            "inject-cycle",
                            &root.f("injects").i(i).f("when"),
                            format!(
                                "injects wait for each other in a circle: {} -> {}",
                                names.join(" -> "),
                                inj.id
                            ),
                            said().expected(
                                "a chain that starts from a timed or action-triggered inject",
                            ),
                        );
                    }
                    break;
                }
                if seen.contains(&next) {
                    break;
                }
                seen.push(next);
                cur = &sc.injects[next];
            }
        }
    }

    pub(super) fn requirement(&mut self, r: &Requirement, path: &Path) {
        let p = path.i(0);
        match r {
            Requirement::Action(a) => self.reference(IdKind::Action, a, &p),
            Requirement::Clue(c) => self.reference(IdKind::Clue, c, &p),
            Requirement::Inject(i) => self.reference(IdKind::Inject, i, &p),
        };
    }

    pub(super) fn actions(&mut self, root: &Path) {
        let sc = self.sc;
        if sc.actions.is_empty() {
            self.rep.error(
                "empty-list",
                &root.f("actions"),
                "the trainee has no actions to take",
                said().expected("at least one `Action(...)`"),
            );
        }
        for (i, a) in sc.actions.iter().enumerate() {
            let p = root.f("actions").i(i);
            if a.label.trim().is_empty() {
                self.rep.error(
                    "empty-text",
                    &p.f("label"),
                    format!("action `{}` has no label", a.id),
                    said().expected("what the trainee sees in the palette"),
                );
            }
            self.within_end(a.cost, &p.f("cost"));
            for (j, r) in a.requires.iter().enumerate() {
                if matches!(r, Requirement::Action(x) if x == &a.id) {
                    self.rep.error(
                        "requires-itself",
                        &p.f("requires").i(j),
                        format!(
                            "action `{}` requires itself, so it can never be taken",
                            a.id
                        ),
                        said(),
                    );
                } else {
                    self.requirement(r, &p.f("requires").i(j));
                }
            }
            for (j, r) in a.reveals.iter().enumerate() {
                self.reveal(r, &p.f("reveals").i(j));
            }
            self.effects(&a.effects, &p.f("effects"));
            match &a.kind {
                ActionKind::Escalate(persona) => {
                    self.reference(IdKind::Persona, persona, &p.f("kind").i(0));
                }
                ActionKind::Mitigate
                    if a.mitigates.is_none()
                        && a.effects.is_empty()
                        && a.result.is_none()
                        && !a.harmful
                        && !a.red_herring
                        && !enables(sc, &a.id) =>
                {
                    self.rep.warn("does-nothing", &p.f("kind"), format!("mitigation `{}` neither mitigates nor changes anything", a.id), said().help("add `mitigates: \"2m\"`, effects or a `result`, or mark it `red_herring: true`"));
                }
                _ => {}
            }
            if let Some(delay) = a.mitigates {
                self.within_end(delay, &p.f("mitigates"));
                if a.harmful {
                    self.rep.error("contradiction", &p.f("harmful"), format!("action `{}` both mitigates and is harmful", a.id), said().help("a harmful action makes things worse; use `effects` for a partial fix instead"));
                }
            }
            let says_nothing = a.reveals.is_empty()
                && a.effects.is_empty()
                && a.result.is_none()
                && a.mitigates.is_none()
                && !enables(sc, &a.id);
            if says_nothing
                && !matches!(a.kind, ActionKind::Communicate(_) | ActionKind::Escalate(_))
            {
                self.rep.warn("reveals-nothing", &p.f("id"), format!("action `{}` reveals nothing, changes nothing and tells the trainee nothing", a.id), said().help("add `reveals`, `result` or `effects`"));
            }
        }
    }
}
