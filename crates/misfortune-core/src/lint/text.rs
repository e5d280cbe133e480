//! Lints on what the trainee reads: the title and briefing, texts that label themselves, personas
//! and timers that hand over the answer, tags that spoil it, and logs that read like a template.

use std::collections::HashSet;

use super::{Linter, plural, unprompted};
use crate::diagnostic::said;
use crate::matcher::keywords_in;
use crate::model::*;
use crate::spans::Path;
use crate::tags::{self, TagKind};

/// Phrases that tell the trainee what a text means instead of letting them judge it. Matched on
/// whole words, case-insensitively.
pub const SELF_LABELLING: &[&str] = &[
    "not the cause",
    "not the root cause",
    "the root cause",
    "red herring",
    "dead end",
    "symptom",
    "symptoms",
    "a distraction",
    "unrelated",
    "irrelevant",
    "not related",
    "nothing wrong",
    "victims",
    "does not look like",
    "nothing to worry",
    "a coincidence",
    "innocent",
    "a false lead",
];

/// The first self-labelling phrase in `text`, if any.
pub fn self_label(text: &str) -> Option<&'static str> {
    let t: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let t = format!(" {} ", t.split_whitespace().collect::<Vec<_>>().join(" "));
    SELF_LABELLING
        .iter()
        .find(|p| t.contains(&format!(" {p} ")))
        .copied()
}

/// A repeating log stream should read like a real one: at least this many distinct lines.
const MIN_LOG_VARIETY: usize = 20;

impl Linter<'_, '_, '_> {
    pub(super) fn title_and_briefing(&mut self, root: &Path) {
        let rc = &self.sc.root_cause;
        let in_title = keywords_in(&self.sc.title, &rc.keywords);
        if !in_title.is_empty() {
            self.rep.warn(
                "cause-in-title",
                &root.f("title"),
                format!(
                    "the title names the root cause ({}); the room sees it before the page",
                    in_title.join(", ")
                ),
                said()
                    .expected("a title that says what the on-call meets, not why")
                    .help("the incident's real name is shown at the debrief"),
            );
        }
        let in_briefing = keywords_in(&self.sc.briefing, &rc.keywords);
        if in_briefing.len() >= 2 {
            self.rep.warn(
                "cause-in-briefing",
                &root.f("briefing"),
                format!(
                    "the briefing names the root cause's keywords {}",
                    in_briefing.join(", ")
                ),
                said()
                    .expected("a briefing that gives the page and the trainee's role, at most one keyword")
                    .help("move what the trainee should discover into logs, changes and findings"),
            );
        }
    }

    pub(super) fn self_labelling(&mut self, root: &Path) {
        let sc = self.sc;
        let mut texts: Vec<(Path, &str)> = Vec::new();
        for (i, a) in sc.alerts.iter().enumerate() {
            texts.push((root.f("alerts").i(i).f("summary"), &a.summary));
        }
        for (i, a) in sc.actions.iter().enumerate() {
            texts.push((root.f("actions").i(i).f("label"), &a.label));
            if let Some(r) = &a.result {
                texts.push((root.f("actions").i(i).f("result"), r));
            }
        }
        for (i, c) in sc.clues.iter().enumerate() {
            texts.push((root.f("clues").i(i).f("text"), &c.text));
        }
        for (i, l) in sc.logs.iter().enumerate() {
            for (j, line) in l.lines.iter().enumerate() {
                let p = root.f("logs").i(i).f("lines").i(j).f("text");
                texts.push((p, &line.text));
            }
        }
        for (i, inj) in sc.injects.iter().enumerate() {
            for (j, e) in inj.effects.iter().enumerate() {
                let p = root.f("injects").i(i).f("effects").i(j);
                match e {
                    Effect::Message { text, .. } | Effect::Log { text, .. } => {
                        texts.push((p.f("text"), text))
                    }
                    _ => {}
                }
            }
        }
        for (i, ph) in sc.phases.iter().enumerate() {
            texts.push((root.f("phases").i(i).f("summary"), &ph.summary));
        }
        for (i, c) in sc.changes.iter().enumerate() {
            texts.push((root.f("changes").i(i).f("text"), &c.text));
        }
        for (p, text) in texts {
            if let Some(phrase) = self_label(text) {
                self.rep.warn(
                    "self-labelling",
                    &p,
                    format!("this text labels itself: \"{phrase}\""),
                    said()
                        .expected("the raw observation (the number, the log line, what was done)")
                        .help("let the trainee judge whether it matters; say why in a gm_note"),
                );
            }
        }
    }

    pub(super) fn unprompted(&mut self, root: &Path) {
        let sc = self.sc;
        let rc = &sc.root_cause;
        for (i, inj) in sc.injects.iter().enumerate() {
            if !unprompted(sc, inj) {
                continue;
            }
            for (j, e) in inj.effects.iter().enumerate() {
                let p = root.f("injects").i(i).f("effects").i(j);
                match e {
                    Effect::Message { from, text } => {
                        let named = keywords_in(text, &rc.keywords);
                        if named.len() >= 2 {
                            self.rep.warn(
                                "persona-volunteers",
                                &p.f("text"),
                                format!(
                                    "`{from}` names the root cause unprompted ({})",
                                    named.join(", ")
                                ),
                                said()
                                    .expected("a message that fires after the trainee asks (`AfterAction`, `Held`, or `only_if`)")
                                    .help("or keep the message to what that person would see unasked"),
                            );
                        }
                    }
                    Effect::Reveal(Reveal::Clue(c)) if rc.clues.contains(c) => {
                        self.rep.warn(
                            "unprompted-clue",
                            &p,
                            format!("root-cause clue `{c}` is handed over on a timer"),
                            said().expected(
                                "the clue revealed by an action the trainee chose, or `only_if` one",
                            ),
                        );
                    }
                    _ => {}
                }
            }
        }
    }

    pub(super) fn tags(&mut self, root: &Path) {
        let sc = self.sc;
        let mut kinds = HashSet::new();
        for (i, t) in sc.tags.iter().enumerate() {
            match tags::kind(t) {
                Some(k) => {
                    kinds.insert(k);
                }
                None => self.rep.warn(
                    "unknown-tag",
                    &root.f("tags").i(i),
                    format!("`{t}` is not in the tag vocabulary"),
                    said()
                        .expected("a tag from docs/scenario-format.md (\"Tags\")")
                        .help("the wheel and progress tracking only know the vocabulary's tags"),
                ),
            }
        }
        let missing: Vec<&str> = [TagKind::FailureClass, TagKind::System, TagKind::Skill]
            .into_iter()
            .filter(|k| !kinds.contains(k))
            .map(TagKind::name)
            .collect();
        if !missing.is_empty() {
            self.rep.warn(
                "unknown-tag",
                &root.f("tags"),
                format!("no {} tag", missing.join(", no ")),
                said().expected("at least one failure class, one system and one skill"),
            );
        }
    }

    pub(super) fn logs(&mut self, root: &Path) {
        let sc = self.sc;
        if sc.starts_at.is_none() {
            self.rep.warn(
                "no-start-time",
                &root.f("id"),
                "the scenario has no `starts_at`: its logs show elapsed time, not the time of day",
                said().expected(
                    "`starts_at: Some(\"HH:MM\")`, the incident's local time at minute 0",
                ),
            );
        }
        for (i, stream) in sc.logs.iter().enumerate() {
            if !stream.lines.iter().any(|l| l.every.is_some()) {
                continue;
            }
            let distinct = variety(stream);
            if distinct < MIN_LOG_VARIETY {
                self.rep.warn(
                    "log-variety",
                    &root.f("logs").i(i),
                    format!(
                        "`{}` repeats {}; a real stream has tens",
                        stream.id,
                        plural(distinct, "distinct line", "distinct lines")
                    ),
                    said()
                        .expected(format!("at least {MIN_LOG_VARIETY} distinct lines"))
                        .help(
                            "add lines, or alternatives in a line: `{GET|POST} /api/{cart|order}`",
                        ),
                );
            }
        }
    }
}

/// How many distinct lines a stream can show: each line counts the product of its alternatives'
/// sizes (`{a|b}` is two); numbers filled in (`{n}`, `{ms}`) do not make lines distinct.
pub fn variety(stream: &LogStream) -> usize {
    let mut seen = HashSet::new();
    let mut total = 0usize;
    for line in &stream.lines {
        if !seen.insert(line.text.as_str()) {
            continue;
        }
        let mut n = 1usize;
        let mut rest = line.text.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            if inner.contains('|') {
                n = n.saturating_mul(inner.split('|').count());
            }
            rest = &rest[open + close + 1..];
        }
        total = total.saturating_add(n);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_labels_are_whole_phrases() {
        assert_eq!(
            self_label("Looks like a symptom, not the cause."),
            Some("not the cause")
        );
        assert_eq!(self_label("SYMPTOM"), Some("symptom"));
        assert_eq!(self_label("The asymptomatic host"), None);
        assert_eq!(self_label("CPU at 100% on every edge host"), None);
    }
}
