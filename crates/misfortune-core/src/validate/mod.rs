//! Semantic checks of a parsed scenario: ids, references, order, times, the truth. Each problem
//! is reported at the value it is about.

use crate::diagnostic::{Reporter, said};
use crate::model::Scenario;
use crate::spans::{self, Path};

mod ids;
mod metadata;
mod play;
mod services;
mod telemetry;
mod truth;
mod unused;

use ids::{IdKind, Ids, known, valid_id};

/// Check a scenario. Problems are added to `rep`.
pub fn validate(sc: &Scenario, rep: &mut Reporter) {
    let root = Path::root();
    let mut v = Validator {
        sc,
        rep,
        ids: Default::default(),
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

struct Validator<'s, 'r, 'a> {
    sc: &'s Scenario,
    rep: &'r mut Reporter<'a>,
    ids: Ids,
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
