//! Which line of the document named the cause: the clue that gates the game's fix, found by
//! the words it shares with the root cause and whether it says it found something.

use regex::Regex;

use crate::model::EventKind;
use crate::time::SimTime;

/// A text's words of four letters or more, in lower case: what two lines must share to say the
/// same thing.
pub(super) fn content_words(t: &str) -> Vec<String> {
    split_case(t)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4)
        .map(str::to_string)
        .collect()
}

/// A text's words as two phrasings of one thing are compared: identifiers split where their
/// case changes, lower-cased, the first five letters of each word of `min` letters or more
/// ("rebuild" and "rebuilt" are one word here).
pub(super) fn word_stems(text: &str, min: usize) -> Vec<String> {
    split_case(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= min)
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// A text with its identifiers split where their case changes: "ResponseCacheStore" reads as
/// "Response Cache Store", so it shares words with "an unbounded response cache".
pub(super) fn split_case(text: &str) -> String {
    let mut split = String::with_capacity(text.len() + 8);
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_uppercase() && prev_lower {
            split.push(' ');
        }
        prev_lower = c.is_lowercase();
        split.push(c);
    }
    split
}

/// Of the investigations before the fix, the one that named the cause: it shares the most
/// words with the document's root cause, and says it found something ("root cause
/// identified", "finds", "traced to", "smoking gun"); the latest wins a tie. `None` when no
/// line does either.
pub(super) fn finding<'a>(
    before_fix: &'a [(SimTime, EventKind, &'a str)],
    root_cause: Option<&str>,
) -> Option<&'a (SimTime, EventKind, &'a str)> {
    let says_found = Regex::new(
        r"(?i)\b(?:root cause|identif\w*|finds|found|discover\w*|traced|smoking gun|pinpoint\w*|confirm\w*|locat\w*|uncover\w*|realis\w*|realiz\w*)\b",
    )
    .expect("static regex");
    let cause = root_cause.map(content_words).unwrap_or_default();
    // A theory the team chased, or a fix only proposed, is not what named the cause.
    let theory = Regex::new(
        r"(?i)\b(?:assum\w*|suspect\w*|thinks?|thought|believ\w*|theory|guess\w*|looks fine|all clear|propos\w*|suggest\w*)\b",
    )
    .expect("static regex");
    before_fix
        .iter()
        .filter(|e| e.1 == EventKind::Investigation && !theory.is_match(e.2))
        .map(|e| {
            let shared = content_words(e.2)
                .iter()
                .filter(|w| cause.contains(w))
                .count();
            (2 * shared + usize::from(says_found.is_match(e.2)), e)
        })
        .filter(|(score, _)| *score > 0)
        .max_by_key(|(score, e)| (*score, e.0))
        .map(|(_, e)| e)
}
