//! Causes a document lists as possible ("## Possible Causes", "## Hypotheses") without saying
//! which it was: the one its lasting fix answers is the root cause, and the others are the
//! wrong theories a trainee may chase. A stopgap ("increased the memory limit to stabilize")
//! and a check that things are back answer nothing.

use std::sync::LazyLock;

use regex::Regex;

use super::sections::{Part, Section, items};

/// The items of the sections that list possible causes, in the document's order.
pub(super) fn listed(sections: &[Section]) -> Vec<String> {
    static HEADED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:possible|potential|suspected|candidate|likely) (?:root )?causes\b|\bhypothes[ie]s\b")
            .expect("static regex")
    });
    sections
        .iter()
        .filter(|s| HEADED.is_match(&s.title))
        .flat_map(|s| items(&super::doc_text::unfenced(&s.lines)))
        .filter(|i| i.split_whitespace().count() >= 2)
        .collect()
}

/// Which listed cause the document's lasting fix answers, if one clearly does: the
/// resolution's lines share the most words with it, at least two, and more than with any
/// other.
pub(super) fn confirmed(causes: &[String], sections: &[Section]) -> Option<usize> {
    static STOPGAP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bto stabili[sz]e\b|\btemporar\w*|\bstop-?gap\b|\bworkaround\b|\bfor now\b|\bconfirm\w*|\bverif\w*|\bmonitor\w*")
            .expect("static regex")
    });
    let resolution: Vec<String> = sections
        .iter()
        .filter(|s| s.part == Part::Resolution)
        .flat_map(|s| items(&super::doc_text::unfenced(&s.lines)))
        .collect();
    let fix: Vec<String> = resolution
        .iter()
        .filter(|l| !STOPGAP.is_match(l))
        .flat_map(|l| words(l))
        .collect();
    let mut scores: Vec<(usize, usize)> = causes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut said = words(c);
            said.sort();
            said.dedup();
            (said.iter().filter(|w| fix.contains(w)).count(), i)
        })
        .collect();
    scores.sort_by(|a, b| b.cmp(a));
    match scores.as_slice() {
        [(best, i), rest @ ..] if *best >= 2 && rest.first().is_none_or(|r| r.0 < *best) => {
            Some(*i)
        }
        _ => None,
    }
}

/// The causes a document listed as possible but its fix did not answer, once one it did is
/// the root cause: theories a trainee may chase.
pub(super) fn unconfirmed(sk: &super::Skeleton) -> Vec<super::game::Found> {
    let confirmed = sk
        .possible_causes
        .iter()
        .any(|c| sk.root_cause.as_deref() == Some(c.as_str()));
    sk.possible_causes
        .iter()
        .filter(|c| confirmed && sk.root_cause.as_deref() != Some(c.as_str()))
        .map(|c| super::game::Found {
            name: super::game::short(name(c), 60),
            at: crate::time::SimTime::ZERO,
            quote: c.clone(),
        })
        .collect()
}

/// A cause's name: the words before its dash ("Unbounded response cache" of "**Unbounded
/// response cache** — request/response cache not evicting older entries").
pub(super) fn name(cause: &str) -> &str {
    cause
        .split([':', '—', '–'])
        .next()
        .unwrap_or(cause)
        .split(" - ")
        .next()
        .unwrap_or(cause)
        .trim()
}

/// A text's words as compared: identifiers split where their case changes
/// ("ResponseCacheStore" is "response cache store"), lower-cased, the first five letters of
/// each word of four letters or more, common words left out.
fn words(text: &str) -> Vec<String> {
    const COMMON: &[&str] = &[
        "from", "with", "that", "this", "than", "into", "over", "under", "since", "after",
        "before", "when", "were", "been", "have", "there", "their", "which", "while", "large",
        "small", "high", "higher", "lower", "more", "less", "older", "newer", "them", "they",
        "some", "other", "each", "also", "only", "still", "does", "made", "used", "using",
    ];
    super::game_finding::split_case(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !COMMON.contains(w))
        .flat_map(|w| super::game_finding::word_stems(w, 4))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_split_into_words() {
        assert_eq!(
            words("Patched ResponseCacheStore"),
            ["patch", "respo", "cache", "store"]
        );
    }

    #[test]
    fn a_cause_is_named_by_the_words_before_its_dash() {
        assert_eq!(
            name("Memory limit too low — limit unchanged"),
            "Memory limit too low"
        );
        assert_eq!(name("GC tuning: CMS pauses"), "GC tuning");
    }
}
