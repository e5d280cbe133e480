//! Matching what a trainee types to what the scenario knows: an action said in their own words
//! ("roll back the waf rule") or a diagnosis in free text. Text is compared on whole words after
//! lower-casing, dropping stop words and stemming (Snowball English), with a small tolerance for
//! typos in longer words. Never substrings: "invalid config" does not contain "valid config",
//! and "rm" is not in "storm".
//!
//! Play (`do TEXT`, free-text diagnoses) and `misfortune match` use this same code, so an author
//! checks phrasing against exactly what trainees will meet.

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::model::{Action, ActionKind, RootCause};

/// Words that carry no meaning for matching.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "for", "from", "i", "i'll", "i'd", "in",
    "into", "is", "it", "its", "let", "lets", "me", "my", "of", "on", "or", "our", "please", "so",
    "some", "that", "the", "their", "then", "this", "to", "try", "up", "we", "will", "with",
    "would", "want", "going", "go", "first", "now", "just",
];

/// A match must cover at least this share of a phrase's words...
const ACCEPT: f64 = 0.6;
/// ...and be this far ahead of the next action on the ranking score.
const MARGIN: f64 = 0.075;

/// Text as the matcher sees it: stemmed content words, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Words(Vec<String>);

impl Words {
    pub fn of(text: &str) -> Words {
        let stemmer = Stemmer::create(Algorithm::English);
        Words(
            text.to_lowercase()
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .map(|w| w.trim_matches('\''))
                .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
                .map(|w| stemmer.stem(w).into_owned())
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the two share any word.
    pub fn shares_word(&self, other: &Words) -> bool {
        other.0.iter().any(|w| self.has(w))
    }

    /// Whether `word` (a stem) is among these words (see [`same_word`]).
    fn has(&self, word: &str) -> bool {
        self.0.iter().any(|w| same_word(w, word))
    }

    /// The share of `phrase`'s words found here, and which.
    fn cover(&self, phrase: &Words) -> (f64, Vec<String>) {
        if phrase.is_empty() {
            return (0.0, Vec::new());
        }
        let found: Vec<String> = phrase.0.iter().filter(|w| self.has(w)).cloned().collect();
        (found.len() as f64 / phrase.0.len() as f64, found)
    }
}

/// The same word: equal stems; or, for words of five letters or more, one typo apart or one the
/// start of the other ("config" and "configuration").
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let short = a.chars().count().min(b.chars().count());
    short >= 5 && (strsim::damerau_levenshtein(a, b) <= 1 || a.starts_with(b) || b.starts_with(a))
}

/// What a line of text matched among the actions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum ActionMatch {
    /// One action, clearly ahead of the rest.
    Matched {
        action: String,
        score: f64,
        /// The words that decided it.
        words: Vec<String>,
        runner_up: Option<(String, f64)>,
    },
    /// Two or more actions are about as close: the trainee should be more specific (the options
    /// are never listed to them).
    Ambiguous { candidates: Vec<(String, f64)> },
    /// Nothing like it.
    Unmatched { best: Option<(String, f64)> },
}

/// The phrases an action answers to: its own, then its label, then (only for an action with no
/// phrases of its own) its id in words. An id can shrink to one word once stop words are dropped
/// (`restart-now` is "restart"), which would claim every line that says it.
fn phrases(a: &Action) -> impl Iterator<Item = String> + '_ {
    let id = a.phrases.is_empty().then(|| a.id.replace(['-', '_'], " "));
    a.phrases
        .iter()
        .cloned()
        .chain(std::iter::once(a.label.clone()))
        .chain(id)
}

/// Verbs that ask to see something. A line that starts with one ("show me the coredns config")
/// never runs a change unless the change's own phrase says it that way: looking must not touch
/// production.
const LOOK_VERBS: &[&str] = &[
    "show",
    "look",
    "read",
    "check",
    "view",
    "open",
    "inspect",
    "see",
    "tail",
    "cat",
    "dump",
    "list",
    "describe",
    "what",
    "which",
    "why",
    "where",
    "who",
    "find",
    "search",
    "grep",
    "query",
    "compare",
    "investigate",
    "examine",
    "review",
    "watch",
    "analyse",
    "analyze",
    "profile",
    "trace",
    "strace",
    "dig",
    "nslookup",
    "count",
    "diff",
    "measure",
    "print",
    "display",
];

/// How a look request weighs a change that does not say it that way.
const LOOK_AT_CHANGE: f64 = 0.75;

/// Whether a line asks to look rather than to change: its first content word is a look verb.
fn asks_to_look(said: &Words) -> bool {
    let look = LOOK_VERBS.iter().map(|v| Words::of(v)).collect::<Vec<_>>();
    said.0
        .first()
        .is_some_and(|w| look.iter().any(|v| v.0.first().is_some_and(|l| l == w)))
}

/// How one action answers a line: its best phrase's coverage (what acceptance needs), and a
/// ranking score that also counts how much of the line the action's words explain, so "look at
/// the checkout error logs" goes to the logs, not to the dashboard of errors.
fn answer(said: &Words, a: &Action, looking: bool) -> (f64, f64, Vec<String>) {
    let all: Vec<(String, Words)> = phrases(a).map(|p| (p.clone(), Words::of(&p))).collect();
    let (recall, words, phrase_looks) = all
        .iter()
        .map(|(_, w)| {
            let (r, found) = said.cover(w);
            (r, found, asks_to_look(w))
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .unwrap_or((0.0, Vec::new(), false));
    let vocabulary = Words(all.into_iter().flat_map(|(_, w)| w.0).collect());
    let precision = vocabulary.cover(said).0;
    let mut recall = recall;
    if looking && matches!(a.kind, ActionKind::Mitigate) && !phrase_looks {
        recall *= LOOK_AT_CHANGE;
    }
    (recall, 0.6 * recall + 0.4 * precision, words)
}

/// Match a line to one of `actions`.
pub fn match_action<'a>(text: &str, actions: impl IntoIterator<Item = &'a Action>) -> ActionMatch {
    let said = Words::of(text);
    let looking = asks_to_look(&said);
    let mut scored: Vec<(String, f64, f64, Vec<String>)> = actions
        .into_iter()
        .map(|a| {
            let (recall, rank, words) = answer(&said, a, looking);
            (a.id.clone(), recall, rank, words)
        })
        .collect();
    scored.sort_by(|x, y| y.2.total_cmp(&x.2).then_with(|| x.0.cmp(&y.0)));
    // Only actions whose phrase the line covers well enough compete; the ranking picks among them.
    let accepted: Vec<&(String, f64, f64, Vec<String>)> =
        scored.iter().filter(|x| x.1 >= ACCEPT).collect();
    let Some(top) = accepted.first() else {
        return ActionMatch::Unmatched {
            best: scored
                .first()
                .map(|x| (x.0.clone(), x.2))
                .filter(|(_, s)| *s > 0.0),
        };
    };
    let (id, rank, words) = (&top.0, top.2, &top.3);
    let close: Vec<(String, f64)> = accepted
        .iter()
        .take_while(|x| rank - x.2 < MARGIN)
        .map(|x| (x.0.clone(), x.2))
        .collect();
    if close.len() > 1 {
        return ActionMatch::Ambiguous { candidates: close };
    }
    ActionMatch::Matched {
        action: id.clone(),
        score: rank,
        words: words.clone(),
        runner_up: scored
            .iter()
            .find(|x| &x.0 != id)
            .map(|x| (x.0.clone(), x.2)),
    }
}

/// The keywords (each may list synonyms with `|`) whose every word `text` contains; for each, the
/// synonym that was said.
pub fn keywords_in(text: &str, keywords: &[String]) -> Vec<String> {
    let said = Words::of(text);
    let mut seen = HashSet::new();
    keywords
        .iter()
        .filter(|k| seen.insert(k.to_lowercase()))
        .filter_map(|k| said_alternative(&said, k))
        .map(str::to_string)
        .collect()
}

/// The first of a keyword's synonyms whose every word was said.
fn said_alternative<'k>(said: &Words, keyword: &'k str) -> Option<&'k str> {
    keyword.split('|').map(str::trim).find(|alt| {
        let w = Words::of(alt);
        !w.is_empty() && said.cover(&w).0 >= 1.0
    })
}

fn names(said: &Words, keyword: &str) -> bool {
    said_alternative(said, keyword).is_some()
}

/// Whether free text names the root cause: every word of one of its keywords (each keyword may
/// list synonyms with `|`), and none of its negative keywords. Returns the keywords matched.
pub fn diagnosis_words(text: &str, rc: &RootCause) -> Vec<String> {
    let said = Words::of(text);
    if rc.negative_keywords.iter().any(|k| names(&said, k)) {
        return Vec::new();
    }
    keywords_in(text, &rc.keywords)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActionKind;
    use crate::time::SimTime;

    fn action(id: &str, label: &str, phrases: &[&str]) -> Action {
        Action {
            id: id.into(),
            label: label.into(),
            kind: ActionKind::Mitigate,
            cost: SimTime::from_mins(1),
            requires: Vec::new(),
            reveals: Vec::new(),
            result: None,
            effects: Vec::new(),
            mitigates: None,
            harmful: false,
            red_herring: false,
            gm_note: None,
            phrases: phrases.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn actions() -> Vec<Action> {
        vec![
            action(
                "rollback-waf",
                "Roll back the WAF rule deploy",
                &["revert the waf rule", "global kill the waf"],
            ),
            action(
                "restart-proxies",
                "Restart the proxy fleet",
                &["bounce the proxies"],
            ),
            action(
                "drain-atlanta",
                "Drain traffic from Atlanta",
                &["drain atlanta"],
            ),
            action("restart-index", "Restart the index subsystem", &[]),
            action("restart-placement", "Restart the placement subsystem", &[]),
        ]
    }

    fn matched(text: &str) -> Option<String> {
        match match_action(text, &actions()) {
            ActionMatch::Matched { action, .. } => Some(action),
            _ => None,
        }
    }

    #[test]
    fn own_words_stems_and_synonyms_match() {
        assert_eq!(
            matched("roll back the waf rule").as_deref(),
            Some("rollback-waf")
        );
        assert_eq!(
            matched("Reverting the WAF rules now").as_deref(),
            Some("rollback-waf")
        );
        assert_eq!(matched("drain atlanta").as_deref(), Some("drain-atlanta"));
        assert_eq!(
            matched("bounce all the proxies").as_deref(),
            Some("restart-proxies")
        );
        assert_eq!(
            matched("restart the index subsystem first").as_deref(),
            Some("restart-index")
        );
    }

    #[test]
    fn small_typos_in_long_words_are_forgiven_but_not_in_short_ones() {
        assert_eq!(matched("drain atlnata").as_deref(), Some("drain-atlanta"));
        assert_eq!(
            matched("restart the proxxies").as_deref(),
            Some("restart-proxies")
        );
        assert!(!Words::of("rm").has("storm"));
    }

    #[test]
    fn ambiguous_lines_ask_to_be_more_specific_and_nonsense_matches_nothing() {
        assert!(matches!(
            match_action("restart the subsystem", &actions()),
            ActionMatch::Ambiguous { .. }
        ));
        assert!(matches!(
            match_action("order pizza for the team", &actions()),
            ActionMatch::Unmatched { .. }
        ));
        assert!(matches!(
            match_action("", &actions()),
            ActionMatch::Unmatched { .. }
        ));
    }

    #[test]
    fn the_action_that_explains_more_of_the_line_wins() {
        let mut dash = action(
            "checkout-dash",
            "Open the checkout dashboard",
            &["look at checkout errors"],
        );
        dash.kind = ActionKind::Investigate;
        let mut logs = action(
            "checkout-logs",
            "Read the checkout logs",
            &["look at the error logs", "tail the checkout logs"],
        );
        logs.kind = ActionKind::Investigate;
        let both = [dash, logs];
        // Both phrases are covered in full; only the logs action knows every word of the line.
        assert!(matches!(
            match_action("look at the checkout error logs", &both),
            ActionMatch::Matched { ref action, .. } if action == "checkout-logs"
        ));
        assert!(matches!(
            match_action("look at checkout errors", &both),
            ActionMatch::Matched { ref action, .. } if action == "checkout-dash"
        ));
    }

    #[test]
    fn asking_to_look_never_runs_a_change() {
        let fix = action(
            "fix-forwarders",
            "Point the forwarders at the new resolvers",
            &["revert the coredns configmap"],
        );
        let mut read = action("coredns-logs", "Read the CoreDNS logs", &["tail coredns"]);
        read.kind = ActionKind::Investigate;
        // "show me the coredns configmap" covers the fix's phrase, but asks to look.
        let acts = [fix.clone(), read.clone()];
        assert!(!matches!(
            match_action("show me the coredns configmap", &acts),
            ActionMatch::Matched { ref action, .. } if action == "fix-forwarders"
        ));
        // Said as a change, it is the change.
        assert!(matches!(
            match_action("revert the coredns configmap", &acts),
            ActionMatch::Matched { ref action, .. } if action == "fix-forwarders"
        ));
        // A change whose own phrase looks first ("check and fix ...") still answers to it.
        let mut check_fix = fix;
        check_fix.phrases = vec!["check and fix the forwarders".into()];
        assert!(matches!(
            match_action("check and fix the forwarders", &[check_fix, read]),
            ActionMatch::Matched { ref action, .. } if action == "fix-forwarders"
        ));
    }

    fn root_cause(keywords: &[&str], negative: &[&str]) -> RootCause {
        RootCause {
            statement: String::new(),
            trigger: String::new(),
            contributing_factors: Vec::new(),
            candidates: Vec::new(),
            answer: String::new(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            negative_keywords: negative.iter().map(|k| k.to_string()).collect(),
            clues: Vec::new(),
        }
    }

    #[test]
    fn diagnoses_match_whole_words_synonyms_and_respect_negation() {
        let rc = root_cause(&["valid config", "latent bug|dormant bug"], &[]);
        assert_eq!(
            diagnosis_words(
                "A customer pushed a valid configuration that hit a latent bug",
                &rc
            ),
            vec!["valid config".to_string(), "latent bug".to_string()]
        );
        assert!(diagnosis_words("A customer pushed an invalid configuration", &rc).is_empty());
        assert_eq!(
            diagnosis_words("a dormant bug woke up", &rc),
            vec!["dormant bug"]
        );
        let rc = root_cause(&["rm", "deleted data"], &["not deleted"]);
        assert!(diagnosis_words("a storm hit the platform", &rc).is_empty());
        assert_eq!(
            diagnosis_words("someone ran rm on the primary", &rc),
            vec!["rm"]
        );
        assert!(diagnosis_words("the data was not deleted", &rc).is_empty());
    }
}
