//! The training-value check (`misfortune lint`). `validate` asks whether a scenario can be played;
//! `lint` asks whether playing it trains recall rather than label reading: is the answer named in
//! the title, does a result announce that it is a dead end, does a persona confess unprompted,
//! does the world react to what the trainee does, do the scripted personas keep their order.
//! Every finding is a warning at the value it is about, with the same file:line:column as
//! `validate`. Each lint is documented in docs/authoring.md with a bad and a good example.

use crate::diagnostic::{Diagnostic, Reporter};
use crate::load::LoadedFile;
use crate::model::*;
use crate::spans::Path;

mod personas;
mod play;
mod text;
mod world;

pub use personas::{BOUNDS, bound_problems, persona_scores};
pub use text::{SELF_LABELLING, self_label, variety};

/// Every lint: its code and what it looks for (printed by `misfortune lint --list`).
pub const LINTS: &[(&str, &str)] = &[
    (
        "cause-in-title",
        "the title contains one of the root cause's keywords",
    ),
    (
        "cause-in-briefing",
        "the briefing contains two or more of the root cause's keywords",
    ),
    (
        "answer-stands-out",
        "the right candidate is listed first, or is clearly the longest",
    ),
    (
        "self-labelling",
        "a result, finding, log line, message or alert says what it is (\"not the cause\", \"red herring\", \"symptom\")",
    ),
    (
        "persona-volunteers",
        "a persona's unprompted message names the root cause",
    ),
    (
        "unprompted-clue",
        "a timed inject hands over a root-cause clue whatever the trainee does",
    ),
    (
        "assumed-time-unmarked",
        "an original scenario's reference time is marked as recorded, or has no par",
    ),
    (
        "few-wrong-paths",
        "fewer than 5 plausible-but-wrong paths, or fewer than 3 wrong actions",
    ),
    ("no-phrases", "an action has no phrases a trainee might say"),
    (
        "shared-phrase",
        "an action's phrase matches another action (checked with the recall matcher)",
    ),
    (
        "metric-never-responds",
        "a metric moves in the incident but no mitigation or harmful action changes it",
    ),
    (
        "late-inject",
        "an inject or time skip fires after the impact may have ended, with no condition",
    ),
    (
        "unknown-tag",
        "a tag is not in the vocabulary, or a kind of tag is missing",
    ),
    (
        "no-start-time",
        "no `starts_at`: logs and messages cannot carry wall-clock times",
    ),
    (
        "log-variety",
        "a repeating log stream has fewer than 20 distinct lines",
    ),
    (
        "persona-bounds",
        "the scripted personas miss their bounds or their order",
    ),
];

/// Lint one loaded file. Files that do not load or validate get no lint findings (`validate`
/// reports those).
pub fn lint_file(f: &LoadedFile) -> Vec<Diagnostic> {
    let Some(sc) = f.valid() else {
        return Vec::new();
    };
    let mut rep = Reporter::new(&f.name, &f.source);
    lint(sc, &mut rep);
    let mut out = rep.out;
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// Lint a scenario that validates. Findings are added to `rep` as warnings.
pub fn lint(sc: &Scenario, rep: &mut Reporter) {
    let root = Path::root();
    let mut l = Linter { sc, rep };
    l.title_and_briefing(&root);
    l.self_labelling(&root);
    l.unprompted(&root);
    l.tags(&root);
    l.logs(&root);
    l.candidates(&root);
    l.wrong_paths(&root);
    l.phrases(&root);
    l.reference_times(&root);
    l.metrics_respond(&root);
    l.late_injects(&root);
    l.personas(&root);
}

struct Linter<'s, 'r, 'a> {
    sc: &'s Scenario,
    rep: &'r mut Reporter<'a>,
}

/// Whether an inject fires on its own, whatever the trainee does: on a timer (or a chain from
/// one), with no `only_if` condition.
fn unprompted(sc: &Scenario, inj: &Inject) -> bool {
    let mut cur = inj;
    for _ in 0..=sc.injects.len() {
        if !cur.only_if.is_empty() {
            return false;
        }
        match &cur.when {
            Trigger::At(_) | Trigger::IfNotMitigated { .. } => return true,
            Trigger::AfterAction { .. } | Trigger::Held => return false,
            Trigger::AfterInject { inject, .. } => {
                match sc.injects.iter().find(|i| &i.id == inject) {
                    Some(parent) => cur = parent,
                    None => return false,
                }
            }
        }
    }
    false
}

/// A count with its noun: "1 wrong path", "2 wrong paths".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
