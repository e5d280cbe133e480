//! Semantic checks of a parsed scenario: ids, references, order, times, the truth. Each problem
//! is reported at the value it is about.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Reporter, said};
use crate::model::*;
use crate::spans::{self, Path};
use crate::time::SimTime;

/// Check a scenario. Problems are added to `rep`.
pub fn validate(sc: &Scenario, rep: &mut Reporter) {
    let root = Path::root();
    let mut v = Validator {
        sc,
        rep,
        ids: Ids::default(),
    };
    v.metadata(&root);
    v.collect_ids(&root);
    v.services(&root);
    v.telemetry(&root);
    v.injects(&root);
    v.actions(&root);
    v.truth(&root);
    v.recorded(&root);
    v.extras(&root);
    v.unused(&root);
    todo_markers(rep);
}

#[derive(Default)]
struct Ids {
    services: HashSet<String>,
    metrics: HashSet<String>,
    dashboards: HashSet<String>,
    logs: HashSet<String>,
    alerts: HashSet<String>,
    personas: HashSet<String>,
    actions: HashSet<String>,
    injects: HashSet<String>,
    clues: HashSet<String>,
    candidates: HashSet<String>,
}

struct Validator<'s, 'r, 'a> {
    sc: &'s Scenario,
    rep: &'r mut Reporter<'a>,
    ids: Ids,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn known(set: &HashSet<String>) -> String {
    let mut v: Vec<&String> = set.iter().collect();
    v.sort();
    if v.is_empty() {
        "none are declared".into()
    } else {
        let shown: Vec<String> = v.iter().take(12).map(|s| format!("`{s}`")).collect();
        let more = if v.len() > 12 {
            format!(" (and {} more)", v.len() - 12)
        } else {
            String::new()
        };
        format!("one of {}{more}", shown.join(", "))
    }
}

impl Validator<'_, '_, '_> {
    fn metadata(&mut self, root: &Path) {
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
        if sc.scoring.total() == 0 {
            self.rep.error(
                "invalid-weights",
                &root.f("scoring"),
                "all scoring weights are zero",
                said().expected("at least one weight above 0"),
            );
        }
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
            if ph.from < last_end {
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

    fn within_end(&mut self, t: SimTime, path: &Path) {
        if t > self.sc.duration {
            self.rep.error(
                "beyond-end",
                path,
                format!("{t} is after the scenario's end ({})", self.sc.duration),
                said()
                    .expected(format!("a time up to {}", self.sc.duration))
                    .help("move it earlier or make `duration` longer"),
            );
        }
    }

    fn unique<'x>(
        &mut self,
        kind: &str,
        field: &'static str,
        path: &Path,
        items: impl Iterator<Item = &'x str>,
    ) -> HashSet<String> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in items.enumerate() {
            let p = path.i(i).f(field);
            if !valid_id(id) {
                self.rep.error(
                    "invalid-id",
                    &p,
                    format!("{kind} id `{id}` is not a valid id"),
                    said().expected("1 to 64 letters, digits, `-`, `_` or `.`"),
                );
            }
            if let Some(first) = seen.get(id) {
                self.rep.error(
                    "duplicate-id",
                    &p,
                    format!("{kind} id `{id}` is used twice"),
                    said().help(format!(
                        "the first is {kind} #{}; ids must be unique",
                        first + 1
                    )),
                );
            } else {
                seen.insert(id, i);
            }
        }
        seen.into_keys().map(String::from).collect()
    }

    fn collect_ids(&mut self, root: &Path) {
        let sc = self.sc;
        self.ids.services = self.unique(
            "service",
            "id",
            &root.f("services"),
            sc.services.iter().map(|x| x.id.as_str()),
        );
        self.ids.metrics = self.unique(
            "metric",
            "id",
            &root.f("metrics"),
            sc.metrics.iter().map(|x| x.id.as_str()),
        );
        self.ids.dashboards = self.unique(
            "dashboard",
            "id",
            &root.f("dashboards"),
            sc.dashboards.iter().map(|x| x.id.as_str()),
        );
        self.ids.logs = self.unique(
            "log stream",
            "id",
            &root.f("logs"),
            sc.logs.iter().map(|x| x.id.as_str()),
        );
        self.ids.alerts = self.unique(
            "alert",
            "id",
            &root.f("alerts"),
            sc.alerts.iter().map(|x| x.id.as_str()),
        );
        self.ids.personas = self.unique(
            "persona",
            "id",
            &root.f("personas"),
            sc.personas.iter().map(|x| x.id.as_str()),
        );
        self.ids.actions = self.unique(
            "action",
            "id",
            &root.f("actions"),
            sc.actions.iter().map(|x| x.id.as_str()),
        );
        self.ids.injects = self.unique(
            "inject",
            "id",
            &root.f("injects"),
            sc.injects.iter().map(|x| x.id.as_str()),
        );
        self.ids.clues = self.unique(
            "clue",
            "id",
            &root.f("clues"),
            sc.clues.iter().map(|x| x.id.as_str()),
        );
        self.ids.candidates = self.unique(
            "candidate",
            "id",
            &root.f("root_cause").f("candidates"),
            sc.root_cause.candidates.iter().map(|x| x.id.as_str()),
        );
    }

    fn reference(&mut self, kind: &'static str, id: &str, path: &Path) -> bool {
        let (set, code) = match kind {
            "service" => (&self.ids.services, "unknown-service"),
            "metric" => (&self.ids.metrics, "unknown-metric"),
            "dashboard" => (&self.ids.dashboards, "unknown-dashboard"),
            "log stream" => (&self.ids.logs, "unknown-log-stream"),
            "alert" => (&self.ids.alerts, "unknown-alert"),
            "persona" => (&self.ids.personas, "unknown-persona"),
            "action" => (&self.ids.actions, "unknown-action"),
            "inject" => (&self.ids.injects, "unknown-inject"),
            "clue" => (&self.ids.clues, "unknown-clue"),
            "candidate" => (&self.ids.candidates, "unknown-candidate"),
            _ => unreachable!("reference kinds are fixed above"),
        };
        if set.contains(id) {
            return true;
        }
        let expected = known(set);
        let help = closest(id, set).map(|c| format!("did you mean `{c}`?"));
        let mut s = said()
            .expected(format!("a declared {kind} id: {expected}"))
            .found(format!("`{id}`"));
        if let Some(h) = help {
            s = s.help(h);
        }
        self.rep
            .error(code, path, format!("unknown {kind} `{id}`"), s);
        false
    }

    fn services(&mut self, root: &Path) {
        let sc = self.sc;
        if sc.services.is_empty() {
            self.rep.error(
                "empty-list",
                &root.f("services"),
                "the scenario has no services",
                said().expected("at least one `Service(...)`"),
            );
        }
        for (i, s) in sc.services.iter().enumerate() {
            let p = root.f("services").i(i);
            for (j, d) in s.depends_on.iter().enumerate() {
                if self.reference("service", d, &p.f("depends_on").i(j)) && d == &s.id {
                    self.rep.error(
                        "dependency-cycle",
                        &p.f("depends_on").i(j),
                        format!("service `{}` depends on itself", s.id),
                        said(),
                    );
                }
            }
            if let Some(o) = &s.owner {
                self.reference("persona", o, &p.f("owner"));
            }
        }
        // Cycles in the dependency graph.
        let index: HashMap<&str, usize> = sc
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut state = vec![0u8; sc.services.len()];
        for start in 0..sc.services.len() {
            if state[start] != 0 {
                continue;
            }
            // Iterative DFS: (node, next edge).
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some(&mut (n, ref mut e)) = stack.last_mut() {
                let deps = &sc.services[n].depends_on;
                if *e < deps.len() {
                    let edge = *e;
                    *e += 1;
                    let Some(&m) = index.get(deps[edge].as_str()) else {
                        continue;
                    };
                    if m == n {
                        continue;
                    }
                    if state[m] == 1 {
                        let names: Vec<&str> = stack
                            .iter()
                            .map(|(k, _)| sc.services[*k].id.as_str())
                            .skip_while(|id| *id != sc.services[m].id)
                            .collect();
                        self.rep.error(
                            "dependency-cycle",
                            &root.f("services").i(n).f("depends_on").i(edge),
                            format!(
                                "service dependencies go round in a circle: {} -> {}",
                                names.join(" -> "),
                                sc.services[m].id
                            ),
                            said().expected("dependencies that form no cycle"),
                        );
                    } else if state[m] == 0 {
                        state[m] = 1;
                        stack.push((m, 0));
                    }
                } else {
                    state[n] = 2;
                    stack.pop();
                }
            }
        }
    }

    fn shape(&mut self, shape: &Shape, path: &Path) {
        let bad_duration = match shape {
            Shape::Ramp { over, .. } | Shape::Saturate { over, .. } | Shape::Recover { over } => {
                (*over == SimTime::ZERO).then_some("over")
            }
            Shape::Spike { decay, .. } => (*decay == SimTime::ZERO).then_some("decay"),
            _ => None,
        };
        if let Some(field) = bad_duration {
            self.rep.error(
                "out-of-range",
                &path.f(field),
                format!("`{field}` must be longer than 0"),
                said().expected("a duration such as \"2m\""),
            );
        }
        let numbers: Vec<(&'static str, f64)> = match shape {
            Shape::Step { to } | Shape::Ramp { to, .. } => vec![("to", *to)],
            Shape::Spike { peak, .. } => vec![("peak", *peak)],
            Shape::Saturate { ceiling, .. } => vec![("ceiling", *ceiling)],
            Shape::Noise { amplitude } => vec![("amplitude", *amplitude)],
            _ => vec![],
        };
        for (field, x) in numbers {
            if !x.is_finite() || (field == "amplitude" && x < 0.0) {
                self.rep.error(
                    "out-of-range",
                    &path.f(field),
                    format!("`{field}` is {x}"),
                    said().expected("a finite number (not negative for an amplitude)"),
                );
            }
        }
    }

    fn telemetry(&mut self, root: &Path) {
        let sc = self.sc;
        for (i, m) in sc.metrics.iter().enumerate() {
            let p = root.f("metrics").i(i);
            self.reference("service", &m.service, &p.f("service"));
            if !m.baseline.is_finite() {
                self.rep.error(
                    "out-of-range",
                    &p.f("baseline"),
                    "the baseline is not a finite number",
                    said(),
                );
            }
            if !(m.noise.is_finite() && m.noise >= 0.0) {
                self.rep.error(
                    "out-of-range",
                    &p.f("noise"),
                    "noise must be a finite number, 0 or above",
                    said().found(m.noise.to_string()),
                );
            }
            if let (Some(lo), Some(hi)) = (m.min, m.max)
                && lo >= hi
            {
                self.rep.error(
                    "out-of-range",
                    &p.f("max"),
                    format!("max ({hi}) is not above min ({lo})"),
                    said().expected(format!("a number above {lo}")),
                );
            }
            let mut last = SimTime::ZERO;
            for (j, ch) in m.shape.iter().enumerate() {
                let q = p.f("shape").i(j);
                if ch.at < last {
                    self.rep.error(
                        "out-of-order",
                        &q.f("at"),
                        format!(
                            "shape change at {} comes before the previous one ({last})",
                            ch.at
                        ),
                        said().expected("shape changes in time order"),
                    );
                }
                last = last.max(ch.at);
                self.within_end(ch.at, &q.f("at"));
                self.shape(&ch.change, &q.f("change"));
            }
        }
        for (i, d) in sc.dashboards.iter().enumerate() {
            let p = root.f("dashboards").i(i);
            if d.metrics.is_empty() {
                self.rep.warn(
                    "empty-dashboard",
                    &p.f("metrics"),
                    format!("dashboard `{}` shows no metrics", d.id),
                    said().expected("metric ids"),
                );
            }
            for (j, m) in d.metrics.iter().enumerate() {
                self.reference("metric", m, &p.f("metrics").i(j));
            }
        }
        for (i, l) in sc.logs.iter().enumerate() {
            let p = root.f("logs").i(i);
            self.reference("service", &l.service, &p.f("service"));
            let mut last = SimTime::ZERO;
            for (j, line) in l.lines.iter().enumerate() {
                let q = p.f("lines").i(j);
                if line.at < last {
                    self.rep.error(
                        "out-of-order",
                        &q.f("at"),
                        format!(
                            "log line at {} comes before the previous one ({last})",
                            line.at
                        ),
                        said().expected("log lines in time order"),
                    );
                }
                last = last.max(line.at);
                self.within_end(line.at, &q.f("at"));
                if let Some(every) = line.every
                    && every < SimTime::from_secs(1)
                {
                    self.rep.error(
                        "out-of-range",
                        &q.f("every"),
                        format!("a line repeated every {every} floods the log"),
                        said().expected("an interval of 1s or more"),
                    );
                }
                if let Some(until) = line.until {
                    if line.every.is_none() {
                        self.rep.warn(
                            "unused-field",
                            &q.f("until"),
                            "`until` has no effect without `every`",
                            said(),
                        );
                    }
                    if until < line.at {
                        self.rep.error(
                            "out-of-order",
                            &q.f("until"),
                            format!(
                                "the repetition ends ({until}) before it starts ({})",
                                line.at
                            ),
                            said(),
                        );
                    }
                    self.within_end(until, &q.f("until"));
                }
            }
        }
        for (i, a) in sc.alerts.iter().enumerate() {
            self.reference("service", &a.service, &root.f("alerts").i(i).f("service"));
        }
        let imp = &sc.impact;
        self.within_end(imp.starts, &root.f("impact").f("starts"));
        if imp.affected == 0 {
            self.rep.warn(
                "no-impact",
                &root.f("impact").f("affected"),
                "the incident affects nobody, so acting late costs nothing",
                said().expected("how many users are hurt at full impact"),
            );
        }
    }

    fn reveal(&mut self, r: &Reveal, path: &Path) {
        let p = path.i(0);
        match r {
            Reveal::Dashboard(id) => self.reference("dashboard", id, &p),
            Reveal::Metric(id) => self.reference("metric", id, &p),
            Reveal::Logs(id) => self.reference("log stream", id, &p),
            Reveal::Clue(id) => self.reference("clue", id, &p),
        };
    }

    fn effects(&mut self, effects: &[Effect], path: &Path) {
        for (i, e) in effects.iter().enumerate() {
            let p = path.i(i);
            match e {
                Effect::FireAlert(a) | Effect::ResolveAlert(a) => {
                    self.reference("alert", a, &p.i(0));
                }
                Effect::Metric { metric, change } => {
                    self.reference("metric", metric, &p.f("metric"));
                    self.shape(change, &p.f("change"));
                }
                Effect::Log { stream, .. } => {
                    self.reference("log stream", stream, &p.f("stream"));
                }
                Effect::Message { from, .. } => {
                    self.reference("persona", from, &p.f("from"));
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

    fn injects(&mut self, root: &Path) {
        let sc = self.sc;
        for (i, inj) in sc.injects.iter().enumerate() {
            let p = root.f("injects").i(i);
            match &inj.when {
                Trigger::At(t) => self.within_end(*t, &p.f("when").i(0)),
                Trigger::AfterAction { action, delay } => {
                    self.reference("action", action, &p.f("when").f("action"));
                    self.within_end(*delay, &p.f("when").f("delay"));
                }
                Trigger::AfterInject { inject, delay } => {
                    if self.reference("inject", inject, &p.f("when").f("inject"))
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

    fn requirement(&mut self, r: &Requirement, path: &Path) {
        let p = path.i(0);
        match r {
            Requirement::Action(a) => self.reference("action", a, &p),
            Requirement::Clue(c) => self.reference("clue", c, &p),
            Requirement::Inject(i) => self.reference("inject", i, &p),
        };
    }

    fn actions(&mut self, root: &Path) {
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
                    self.reference("persona", persona, &p.f("kind").i(0));
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

    fn truth(&mut self, root: &Path) {
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
        if self.ids.candidates.contains(&rc.answer) {
            // fine
        } else {
            let list = known(&self.ids.candidates);
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
            self.reference("clue", c, &p.f("clues").i(j));
        }
        if let Some(e) = &self.sc.communication.escalate_to {
            self.reference("persona", e, &root.f("communication").f("escalate_to"));
        }
    }

    fn recorded(&mut self, root: &Path) {
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
        let mut last = SimTime::ZERO;
        for (i, ev) in rec.timeline.iter().enumerate() {
            let q = p.f("timeline").i(i);
            if ev.at < last {
                self.rep.error(
                    "out-of-order",
                    &q.f("at"),
                    format!(
                        "timeline event at {} comes before the previous one ({last})",
                        ev.at
                    ),
                    said().expected("events in time order"),
                );
            }
            last = last.max(ev.at);
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

    fn extras(&mut self, root: &Path) {
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

    /// Things declared that nothing can ever show or use.
    fn unused(&mut self, root: &Path) {
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
fn enables(sc: &Scenario, action: &str) -> bool {
    sc.actions.iter().any(|b| {
        b.requires
            .iter()
            .any(|r| matches!(r, Requirement::Action(x) if x == action))
    }) || sc
        .injects
        .iter()
        .any(|i| matches!(&i.when, Trigger::AfterAction { action: x, .. } if x == action))
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}

/// The declared id nearest to a misspelt one, if any is close.
fn closest<'x>(id: &str, set: &'x HashSet<String>) -> Option<&'x str> {
    set.iter()
        .map(|s| (edit_distance(id, s), s))
        .filter(|(d, s)| *d <= 2.max(s.len() / 4))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, s)| s.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Every string value still holding a `TODO` marker (left by `misfortune new` and `import`).
fn todo_markers(rep: &mut Reporter) {
    if !rep.src.contains("TODO") {
        return;
    }
    let Some(tree) = spans::parse(rep.src) else {
        return;
    };
    let mut found = Vec::new();
    let mut stack = vec![&tree];
    while let Some(node) = stack.pop() {
        match &node.kind {
            spans::Kind::Fields(fields) => stack.extend(fields.iter().map(|(_, v)| v)),
            spans::Kind::Seq(items) => stack.extend(items.iter()),
            spans::Kind::Atom => {
                let text = &rep.src[node.start..node.end];
                if (text.starts_with('"') || text.starts_with("r#") || text.starts_with("r\""))
                    && text.contains("TODO")
                {
                    found.push((node.start, node.end, text.to_string()));
                }
            }
        }
    }
    found.sort();
    for (start, end, text) in found {
        let short: String = text.chars().take(80).collect();
        rep.at_span(
            crate::diagnostic::Level::Error,
            "todo",
            (start, end),
            "this still says TODO",
            said()
                .expected("the real text for this scenario")
                .found(short),
        );
    }
}
