//! Hardening: one writer per journal, journal names that cannot collide, private journals,
//! tamper-evident records, and the scenario a journal may carry bounded.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use misfortune_core::journal::{
    self, Integrity, Journal, JournalError, JournalKey, JournalWriter, Mode, Recorder, Trust,
};
use misfortune_core::personas::{self, Persona};
use misfortune_core::{Actor, Command, Session, SimTime, load_file};

fn key() -> JournalKey {
    JournalKey::from_bytes([9; 32])
}

fn scenario_file(name: &str) -> misfortune_core::LoadedFile {
    load_file(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(format!("{name}.ron")),
    )
}

fn start(dir: &Path, name: &str, seed: u64) -> Recorder {
    let f = scenario_file(name);
    let sc = f.valid().unwrap().clone();
    let header = journal::header(&sc, &f.name, &f.source, seed, Mode::Solo, None);
    let w = JournalWriter::create_in(dir, &header, &key()).unwrap();
    Recorder::new(Session::new(Arc::new(sc), seed), w).unwrap()
}

/// A finished guesser's session (a wrong diagnosis), and its journal.
fn played(dir: &Path) -> PathBuf {
    let mut rec = start(dir, "original-cert-expiry", 3);
    personas::play(&mut rec, Persona::Guesser).unwrap();
    rec.path().unwrap().to_path_buf()
}

#[test]
fn a_second_writer_is_refused_with_the_first_ones_pid_and_the_journal_survives() {
    let dir = tempfile::tempdir().unwrap();
    let mut rec = start(dir.path(), "original-cert-expiry", 1);
    rec.advance_to(SimTime::from_mins(2)).unwrap();
    rec.command(Actor::Trainee, Command::Ack).unwrap();
    let path = rec.path().unwrap().to_path_buf();
    // A second window resumes the same journal while the first still writes it.
    match Recorder::resume(&path, &key(), Trust::Verified) {
        Err(e @ JournalError::Busy { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("open in another window"), "{msg}");
            assert!(
                msg.contains(&format!("pid {}", std::process::id())),
                "{msg}"
            );
        }
        other => panic!("expected Busy, got {:?}", other.map(|_| ())),
    }
    rec.command(
        Actor::Trainee,
        Command::Take {
            action: "checkout-logs".into(),
        },
    )
    .unwrap();
    drop(rec);
    // Readers never block, and once the first writer is gone the journal resumes, whole.
    let (rec, j) = Recorder::resume(&path, &key(), Trust::Verified).unwrap();
    assert_eq!(j.integrity(&key()), Integrity::Verified);
    assert!(rec.session().is_taken("checkout-logs"));
    assert!(!path.with_extension("jsonl.lock").exists() || rec.path().is_some());
}

#[test]
fn sessions_started_together_get_different_journals() {
    let dir = tempfile::tempdir().unwrap();
    let f = scenario_file("original-cert-expiry");
    let sc = f.valid().unwrap().clone();
    let mut header = journal::header(&sc, &f.name, &f.source, 5, Mode::Solo, None);
    header.started_unix = 1_800_000_000;
    let paths: Vec<PathBuf> = (0..20)
        .map(|_| {
            JournalWriter::create_in(dir.path(), &header, &key())
                .unwrap()
                .path
        })
        .collect();
    let mut unique = paths.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 20, "{paths:?}");
}

#[cfg(unix)]
#[test]
fn journals_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let rec = start(dir.path(), "original-cert-expiry", 1);
    let mode = std::fs::metadata(rec.path().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// Rewrite one record of a journal, keeping its MAC where it was, as someone editing the file
/// would.
fn edit_record(
    path: &Path,
    pick: impl Fn(&serde_json::Value) -> bool,
    change: impl Fn(&mut serde_json::Value),
) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    let mut changed = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            // `{"mac":"<64 hex>",` then the record's own fields.
            let (prefix, rest) = l.split_at(74);
            let mut v: serde_json::Value = serde_json::from_str(&format!("{{{rest}")).unwrap();
            if changed || !pick(&v) {
                return l.to_string();
            }
            change(&mut v);
            changed = true;
            let body = serde_json::to_string(&v).unwrap();
            format!("{prefix}{}", &body[1..])
        })
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
    changed
}

fn modified_at(path: &Path) -> Option<usize> {
    match Journal::read_checked(path, &key(), Trust::Verified) {
        Err(JournalError::Modified { record, .. }) => Some(record),
        Ok(_) => None,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_finished_journal_verifies_and_every_prefix_does_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = played(dir.path());
    let (j, integrity) = Journal::read_checked(&path, &key(), Trust::Verified).unwrap();
    assert_eq!(integrity, Integrity::Verified);
    assert!(j.is_finished());
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for n in 1..lines.len() {
        let cut = dir.path().join(format!("cut-{n}.jsonl"));
        std::fs::write(&cut, lines[..n].join("\n") + "\n").unwrap();
        let (j, integrity) = Journal::read_checked(&cut, &key(), Trust::Verified).unwrap();
        assert_eq!(integrity, Integrity::Verified, "prefix of {n} lines");
        assert!(!j.is_finished(), "a cut journal is never complete");
    }
}

#[test]
fn edits_insertions_reorderings_and_deletions_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let original = played(dir.path());
    let fresh = |name: &str| {
        let p = dir.path().join(format!("{name}.jsonl"));
        std::fs::copy(&original, &p).unwrap();
        p
    };
    // A wrong diagnosis changed to the right one.
    let p = fresh("diagnosis");
    assert!(edit_record(
        &p,
        |v| v["command"]["cmd"] == "diagnose",
        |v| v["command"]["candidate"] = "cert-expired".into()
    ));
    assert!(modified_at(&p).is_some());
    // The stored scenario's answer edited.
    let p = fresh("answer");
    assert!(edit_record(
        &p,
        |v| v["type"] == "start",
        |v| {
            let src = v["scenario_source"]
                .as_str()
                .unwrap()
                .replace("answer:", "answer :");
            v["scenario_source"] = src.into();
        }
    ));
    assert_eq!(modified_at(&p), Some(1));
    // The End record's score edited.
    let p = fresh("score");
    assert!(edit_record(
        &p,
        |v| v["type"] == "end",
        |v| v["score"] = 100.0.into()
    ));
    assert!(modified_at(&p).is_some());
    let text = std::fs::read_to_string(&original).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let write = |name: &str, lines: &[&str]| {
        let p = dir.path().join(format!("{name}.jsonl"));
        std::fs::write(&p, lines.join("\n") + "\n").unwrap();
        p
    };
    // A record deleted from the middle (a harmful action, say).
    let harmful = lines
        .iter()
        .position(|l| l.contains("\"type\":\"command\""))
        .unwrap();
    let mut deleted = lines.clone();
    deleted.remove(harmful);
    assert_eq!(modified_at(&write("deleted", &deleted)), Some(harmful + 1));
    // Two records swapped (a diagnosis moved earlier).
    let mut swapped = lines.clone();
    swapped.swap(2, 3);
    assert_eq!(modified_at(&write("swapped", &swapped)), Some(3));
    // A record inserted (copied from elsewhere in the same journal).
    let mut inserted = lines.clone();
    inserted.insert(2, lines[harmful]);
    assert_eq!(modified_at(&write("inserted", &inserted)), Some(3));
    // A MAC's hex digits written in capitals (or with a sign) read as the same MAC, but the
    // line is not what was written: refused like any other change.
    for (name, from, to) in [("capital", 'f', "F"), ("sign", '0', "+")] {
        let mut changed = lines.clone();
        let line = lines[2];
        let at = 8 + line[8..72].find(from).unwrap();
        let redone = format!("{}{to}{}", &line[..at], &line[at + 1..]);
        changed[2] = &redone;
        assert_eq!(modified_at(&write(name, &changed)), Some(3), "{name}");
    }
    // `--allow-unverified` reads it anyway, and says what it found.
    let (_, integrity) = Journal::read_checked(
        &dir.path().join("deleted.jsonl"),
        &key(),
        Trust::AllowUnverified,
    )
    .unwrap();
    assert_eq!(
        integrity,
        Integrity::Modified {
            record: harmful + 1
        }
    );
    // Another installation's key does not verify it either.
    let other = JournalKey::from_bytes([1; 32]);
    assert_eq!(
        Journal::read(&original).unwrap().integrity(&other),
        Integrity::Modified { record: 1 }
    );
}

#[test]
fn unsigned_journals_from_before_still_read_and_resume_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let mut rec = start(dir.path(), "original-cert-expiry", 3);
    rec.advance_to(SimTime::from_mins(2)).unwrap();
    rec.command(Actor::Trainee, Command::Ack).unwrap();
    let path = rec.path().unwrap().to_path_buf();
    drop(rec);
    // Strip the MACs, as a journal written before they existed.
    let text = std::fs::read_to_string(&path).unwrap();
    let old: Vec<String> = text
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("mac");
            serde_json::to_string(&v).unwrap()
        })
        .collect();
    std::fs::write(&path, old.join("\n") + "\n").unwrap();
    let (j, integrity) = Journal::read_checked(&path, &key(), Trust::Verified).unwrap();
    assert_eq!(integrity, Integrity::Unsigned);
    assert!(!j.is_finished());
    let (mut rec, _) = Recorder::resume(&path, &key(), Trust::Verified).unwrap();
    rec.command(Actor::Gm, Command::End).unwrap();
    drop(rec);
    let (j, integrity) = Journal::read_checked(&path, &key(), Trust::Verified).unwrap();
    assert_eq!(
        integrity,
        Integrity::Unsigned,
        "it goes on unsigned, not mixed"
    );
    assert!(j.is_finished());
}

#[test]
fn a_journal_cannot_carry_a_scenario_past_the_scenario_limit() {
    let dir = tempfile::tempdir().unwrap();
    let f = scenario_file("original-cert-expiry");
    let sc = f.valid().unwrap().clone();
    let big = format!(
        "{}\n//{}",
        f.source,
        "x".repeat(misfortune_core::load::MAX_SCENARIO_BYTES as usize)
    );
    let header = journal::header(&sc, &f.name, &big, 1, Mode::Solo, None);
    let w = JournalWriter::create_in(dir.path(), &header, &key()).unwrap();
    let path = w.path.clone();
    drop(w);
    match Journal::read(&path) {
        Err(e @ JournalError::ScenarioTooLarge { .. }) => {
            assert!(e.to_string().contains("limited to"), "{e}")
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}
