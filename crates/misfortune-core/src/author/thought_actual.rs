//! A table that sets what the team first thought beside what it really was ("| Symptom |
//! Initial diagnosis | Actual root cause |"): the first column's guesses are the wrong theories
//! the team chased, the last column's answers the cause.

use std::sync::LazyLock;

use regex::Regex;

use super::sections::{Section, clean_inline, table_cells};

static THOUGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:initial|first|original)\s+(?:diagnosis|theory|guess|assumption|hypothesis)|\bwhat we (?:thought|assumed|suspected)\b|^\s*(?:thought|assumed|suspected)\s*$")
        .expect("static regex")
});
static ACTUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:actual|real|true)\b(?:\s+(?:root\s+)?cause)?|\bwhat it (?:actually )?was\b",
    )
    .expect("static regex")
});

/// Each row's guess and answer, from every such table in the document.
fn rows(sections: &[Section]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in sections {
        let mut cols: Option<(usize, usize)> = None;
        for l in &s.lines {
            let Some(cells) = table_cells(l) else {
                cols = None;
                continue;
            };
            if cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            let thought = cells.iter().position(|c| THOUGHT.is_match(c));
            let actual = cells.iter().position(|c| ACTUAL.is_match(c));
            match (thought, actual, cols) {
                (Some(t), Some(a), _) if t != a => cols = Some((t, a)),
                (_, _, Some((t, a))) => {
                    let cell = |i: usize| cells.get(i).map(|c| clean_inline(c)).unwrap_or_default();
                    // "Deployment config wrong → rollback": the guess, not what was done about it.
                    let guess = cell(t)
                        .split('→')
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_string();
                    let answer = cell(a);
                    if !guess.is_empty() && !answer.is_empty() {
                        out.push((guess, answer));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The guesses as sentences the theory reader knows ("Initially thought Probe set too tight").
pub(super) fn first_thoughts(sections: &[Section]) -> Vec<String> {
    rows(sections)
        .into_iter()
        .map(|(guess, _)| format!("Initially thought {guess}"))
        .collect()
}

/// The answers, as the cause, when nothing else names it.
pub(super) fn actual_cause(sections: &[Section]) -> Option<String> {
    let mut answers: Vec<String> = Vec::new();
    for (_, a) in rows(sections) {
        if !answers.contains(&a) {
            answers.push(a);
        }
    }
    (!answers.is_empty()).then(|| answers.join("; "))
}
