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

use crate::model::{Action, RootCause};

/// Words that carry no meaning for matching.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "do", "for", "from", "i", "i'll", "i'd", "in",
    "into", "is", "it", "its", "let", "lets", "me", "my", "of", "on", "or", "our", "please", "so",
    "some", "that", "the", "their", "then", "this", "to", "try", "up", "we", "will", "with",
    "would", "want", "going", "go", "first", "now", "just",
];

/// A match must cover at least this share of a phrase's words...
const ACCEPT: f64 = 0.6;
/// ...and be this far ahead of the next action's best phrase.
const MARGIN: f64 = 0.15;

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

/// Match a line to one of `actions`.
pub fn match_action<'a>(text: &str, actions: impl IntoIterator<Item = &'a Action>) -> ActionMatch {
    let said = Words::of(text);
    let mut scored: Vec<(String, f64, Vec<String>)> = actions
        .into_iter()
        .map(|a| {
            let best = phrases(a)
                .map(|p| said.cover(&Words::of(&p)))
                .max_by(|x, y| x.0.total_cmp(&y.0))
                .unwrap_or((0.0, Vec::new()));
            (a.id.clone(), best.0, best.1)
        })
        .collect();
    scored.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let Some((id, score, words)) = scored.first().cloned() else {
        return ActionMatch::Unmatched { best: None };
    };
    let second = scored.get(1).map(|(i, s, _)| (i.clone(), *s));
    if score < ACCEPT {
        return ActionMatch::Unmatched {
            best: Some((id, score)).filter(|(_, s)| *s > 0.0),
        };
    }
    match second {
        Some((_, s2)) if score - s2 < MARGIN => ActionMatch::Ambiguous {
            candidates: scored
                .iter()
                .take_while(|(_, s, _)| score - *s < MARGIN)
                .map(|(i, s, _)| (i.clone(), *s))
                .collect(),
        },
        _ => ActionMatch::Matched {
            action: id,
            score,
            words,
            runner_up: second,
        },
    }
}

/// The keywords (each may list synonyms with `|`) whose every word `text` contains.
pub fn keywords_in(text: &str, keywords: &[String]) -> Vec<String> {
    let said = Words::of(text);
    let mut seen = HashSet::new();
    keywords
        .iter()
        .filter(|k| names(&said, k) && seen.insert(k.to_lowercase()))
        .cloned()
        .collect()
}

fn names(said: &Words, keyword: &str) -> bool {
    keyword.split('|').any(|alt| {
        let w = Words::of(alt);
        !w.is_empty() && said.cover(&w).0 >= 1.0
    })
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
            vec![
                "valid config".to_string(),
                "latent bug|dormant bug".to_string()
            ]
        );
        assert!(diagnosis_words("A customer pushed an invalid configuration", &rc).is_empty());
        assert_eq!(diagnosis_words("a dormant bug woke up", &rc).len(), 1);
        let rc = root_cause(&["rm", "deleted data"], &["not deleted"]);
        assert!(diagnosis_words("a storm hit the platform", &rc).is_empty());
        assert_eq!(
            diagnosis_words("someone ran rm on the primary", &rc),
            vec!["rm"]
        );
        assert!(diagnosis_words("the data was not deleted", &rc).is_empty());
    }
}
