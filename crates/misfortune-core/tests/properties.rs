//! Properties over mutated inputs, with a fixed case budget in CI (`PROPTEST_CASES` raises it for
//! a longer run before a release, see docs/scripts.md):
//!
//! - a scenario that loads and validates, however it was mutated, plays to the end with every
//!   persona (personas never abort), scores within 0..=100 and makes a report;
//! - a journal, however it was mutated, is either refused, or verifies as a prefix of what was
//!   written (a cut journal), and what is accepted replays and scores within 0..=100.

use std::path::Path;
use std::sync::Arc;

use misfortune_core::journal::{
    self, Integrity, Journal, JournalKey, JournalWriter, Recorder, Trust,
};
use misfortune_core::personas::{self, Persona};
use misfortune_core::report::Report;
use misfortune_core::{Session, load_str, score};
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

fn shipped(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(format!("{name}.ron")),
    )
    .unwrap()
}

const SCENARIOS: [&str; 3] = [
    "original-cert-expiry",
    "original-log-flood-disk-full",
    "fastly-2021-latent-config-bug",
];

/// Edits that keep a scenario parseable more often than random bytes do: numbers changed, list
/// items and lines dropped or doubled, ids swapped.
fn mutate(text: &str, edits: &[(prop::sample::Index, u8, prop::sample::Index)]) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for (at, op, other) in edits {
        let i = at.index(lines.len());
        let j = other.index(lines.len());
        match op % 5 {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => lines[i] = lines[i].replace(|c: char| c.is_ascii_digit(), "7"),
            3 => lines.swap(i, j),
            _ => lines[i] = lines[i].replace("[\"", "[\"x"),
        }
        if lines.is_empty() {
            break;
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(24)))]

    #[test]
    fn a_valid_mutated_scenario_plays_scores_and_reports(
        which in 0usize..SCENARIOS.len(),
        edits in proptest::collection::vec(
            (any::<prop::sample::Index>(), any::<u8>(), any::<prop::sample::Index>()),
            1..4,
        ),
    ) {
        let text = mutate(&shipped(SCENARIOS[which]), &edits);
        let f = load_str("mutated.ron", &text);
        let Some(sc) = f.valid().cloned() else { return Ok(()) };
        let sc = Arc::new(sc);
        for p in personas::ALL {
            let mut rec = Recorder::unjournaled(Session::new(sc.clone(), 1));
            personas::play(&mut rec, p).map_err(|e| {
                TestCaseError::fail(format!("{} aborted: {e}", p.name()))
            })?;
            let total = score::score(rec.session()).total;
            prop_assert!((0.0..=100.0).contains(&total), "{total}");
            let md = Report::of(rec.session(), None).to_markdown();
            prop_assert!(md.starts_with("# Postmortem draft"));
        }
    }
}

/// A signed journal of a short expert session, as text.
fn signed_journal(dir: &Path, key: &JournalKey) -> (std::path::PathBuf, String) {
    let src = shipped("original-cert-expiry");
    let f = load_str("original-cert-expiry.ron", &src);
    let sc = f.valid().unwrap().clone();
    let header = journal::header(&sc, &f.name, &f.source, 2, journal::Mode::Solo, None);
    let w = JournalWriter::create_in(dir, &header, key).unwrap();
    let mut rec = Recorder::new(Session::new(Arc::new(sc), 2), w).unwrap();
    personas::play(&mut rec, Persona::Expert).unwrap();
    let path = rec.path().unwrap().to_path_buf();
    drop(rec);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn a_mutated_journal_is_refused_or_is_a_prefix_of_what_was_written(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<u8>()), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let key = JournalKey::from_bytes([5; 32]);
        let (path, original) = signed_journal(dir.path(), &key);
        let mut bytes = original.clone().into_bytes();
        for (at, op, b) in &edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => { bytes.remove(i); }
                1 => bytes.insert(i, *b),
                2 => bytes[i] = *b,
                _ => bytes.truncate(i),
            }
        }
        std::fs::write(&path, &bytes).unwrap();
        let Ok((j, integrity)) = Journal::read_checked(&path, &key, Trust::Verified) else {
            return Ok(());
        };
        // Accepted: it verifies (never "unsigned": a signed journal with its MACs stripped
        // away in part is modified), and its whole records are what was written.
        prop_assert_eq!(integrity, Integrity::Verified);
        let kept = &bytes[..j.good_len as usize];
        prop_assert!(original.as_bytes().starts_with(kept), "accepted bytes were not written");
        if let Ok(s) = j.replay() {
            let total = score::score(&s).total;
            prop_assert!((0.0..=100.0).contains(&total));
        }
        // Resuming it does not panic either.
        let _ = Recorder::resume(&path, &key, Trust::Verified);
    }
}
