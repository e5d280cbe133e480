//! Ids: each kind's must be valid and unique, and every reference must name a declared one.

use std::collections::{HashMap, HashSet};

use super::Validator;
use crate::diagnostic::said;
use crate::model::Scenario;
use crate::spans::Path;
use crate::time::SimTime;

/// The kinds of id a scenario declares and refers to, one row each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IdKind {
    Service,
    Metric,
    Dashboard,
    LogStream,
    Alert,
    Persona,
    Action,
    Inject,
    Clue,
    Candidate,
}

/// The declared ids of each kind, indexed by `IdKind as usize`.
pub(super) type Ids = [HashSet<String>; IdKind::ALL.len()];

impl IdKind {
    pub(super) const ALL: [IdKind; 10] = [
        IdKind::Service,
        IdKind::Metric,
        IdKind::Dashboard,
        IdKind::LogStream,
        IdKind::Alert,
        IdKind::Persona,
        IdKind::Action,
        IdKind::Inject,
        IdKind::Clue,
        IdKind::Candidate,
    ];

    /// The kind's name in messages, its "unknown" diagnostic code, and where it is declared.
    fn row(self) -> (&'static str, &'static str, &'static [&'static str]) {
        match self {
            IdKind::Service => ("service", "unknown-service", &["services"]),
            IdKind::Metric => ("metric", "unknown-metric", &["metrics"]),
            IdKind::Dashboard => ("dashboard", "unknown-dashboard", &["dashboards"]),
            IdKind::LogStream => ("log stream", "unknown-log-stream", &["logs"]),
            IdKind::Alert => ("alert", "unknown-alert", &["alerts"]),
            IdKind::Persona => ("persona", "unknown-persona", &["personas"]),
            IdKind::Action => ("action", "unknown-action", &["actions"]),
            IdKind::Inject => ("inject", "unknown-inject", &["injects"]),
            IdKind::Clue => ("clue", "unknown-clue", &["clues"]),
            IdKind::Candidate => (
                "candidate",
                "unknown-candidate",
                &["root_cause", "candidates"],
            ),
        }
    }

    pub(super) fn name(self) -> &'static str {
        self.row().0
    }

    fn unknown_code(self) -> &'static str {
        self.row().1
    }

    fn path(self) -> &'static [&'static str] {
        self.row().2
    }

    /// The ids of this kind that the scenario declares, in order.
    fn ids(self, sc: &Scenario) -> Vec<&str> {
        fn of<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
            items.iter().map(id).collect()
        }
        match self {
            IdKind::Service => of(&sc.services, |x| &x.id),
            IdKind::Metric => of(&sc.metrics, |x| &x.id),
            IdKind::Dashboard => of(&sc.dashboards, |x| &x.id),
            IdKind::LogStream => of(&sc.logs, |x| &x.id),
            IdKind::Alert => of(&sc.alerts, |x| &x.id),
            IdKind::Persona => of(&sc.personas, |x| &x.id),
            IdKind::Action => of(&sc.actions, |x| &x.id),
            IdKind::Inject => of(&sc.injects, |x| &x.id),
            IdKind::Clue => of(&sc.clues, |x| &x.id),
            IdKind::Candidate => of(&sc.root_cause.candidates, |x| &x.id),
        }
    }
}

/// Whether an id is made of the characters ids may use.
pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The declared ids, for a message (the first dozen).
pub(super) fn known(set: &HashSet<String>) -> String {
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
    pub(super) fn within_end(&mut self, t: SimTime, path: &Path) {
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

    pub(super) fn unique<'x>(
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

    /// Every kind's ids: each valid and unique.
    pub(super) fn collect_ids(&mut self, root: &Path) {
        for kind in IdKind::ALL {
            let mut path = root.clone();
            for f in kind.path() {
                path = path.f(f);
            }
            let ids = kind.ids(self.sc);
            self.ids[kind as usize] = self.unique(kind.name(), "id", &path, ids.into_iter());
        }
    }

    /// Whether `id` names a declared `kind`; if not, an error with the ids that exist and the
    /// nearest one.
    pub(super) fn reference(&mut self, kind: IdKind, id: &str, path: &Path) -> bool {
        let set = &self.ids[kind as usize];
        if set.contains(id) {
            return true;
        }
        let name = kind.name();
        let mut s = said()
            .expected(format!("a declared {name} id: {}", known(set)))
            .found(format!("`{id}`"));
        if let Some(c) = closest(id, set) {
            s = s.help(format!("did you mean `{c}`?"));
        }
        self.rep.error(
            kind.unknown_code(),
            path,
            format!("unknown {name} `{id}`"),
            s,
        );
        false
    }
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
