//! The journal: durable records, replay, crash recovery, clear errors for foreign files.

use std::path::Path;
use std::sync::Arc;

use misfortune_core::journal::{
    self, Journal, JournalError, JournalKey, JournalWriter, Mode, Recorder, Trust,
};
use misfortune_core::personas::{self, Persona};
use misfortune_core::report::{Report, write_atomic};
use misfortune_core::{Actor, Command, Session, SimTime, load_file, score};

fn tmp(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("misfortune-journal-{name}-"))
        .tempdir()
        .unwrap()
}

fn key() -> JournalKey {
    JournalKey::from_bytes([42; 32])
}

fn start(dir: &Path, scenario: &str, seed: u64) -> Recorder {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(format!("{scenario}.ron"));
    let f = load_file(&path);
    let sc = f.valid().unwrap().clone();
    let header = journal::header(
        &sc,
        &f.name,
        &f.source,
        seed,
        Mode::Solo,
        Some("Sam".into()),
    );
    let w = JournalWriter::create_in(dir, &header, &key()).unwrap();
    Recorder::new(Session::new(Arc::new(sc), seed), w).unwrap()
}

#[test]
fn a_played_journal_replays_to_the_same_session_and_score() {
    let tmp_dir = tmp("replay");
    let dir = tmp_dir.path();
    let mut rec = start(dir, "fastly-2021-latent-config-bug", 9);
    personas::play(&mut rec, Persona::Methodical).unwrap();
    let path = rec.path().map(Path::to_path_buf);
    let path = path.unwrap_or_else(|| {
        std::fs::read_dir(dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path()
    });
    let j = Journal::read(&path).unwrap();
    assert!(j.is_finished());
    let replayed = j.replay().unwrap();
    assert_eq!(score::score(&replayed), score::score(rec.session()));
    assert_eq!(j.recorded_score(), Some(score::score(rec.session()).total));
    assert_eq!(
        serde_json::to_string(&misfortune_core::view::GmView::of(&replayed)).unwrap(),
        serde_json::to_string(&misfortune_core::view::GmView::of(rec.session())).unwrap()
    );
}

#[test]
fn a_journal_cut_mid_line_resumes_from_its_last_whole_record() {
    let tmp_dir = tmp("cut");
    let dir = tmp_dir.path();
    let mut rec = start(dir, "cloudflare-2019-waf-regex", 4);
    rec.advance_to(SimTime::from_mins(3)).unwrap();
    rec.command(Actor::Trainee, Command::Ack).unwrap();
    rec.command(
        Actor::Trainee,
        Command::Take {
            action: "open-proxy-health".into(),
        },
    )
    .unwrap();
    let path = rec.path().unwrap().to_path_buf();
    drop(rec);
    // A crash in the middle of writing the next record.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(br#"{"type":"command","at":"4m","by":"trainee","comm"#);
    std::fs::write(&path, &bytes).unwrap();
    let j = Journal::read(&path).unwrap();
    assert!(
        j.warning.as_deref().unwrap().contains("incomplete"),
        "{:?}",
        j.warning
    );
    let (mut rec, _) = Recorder::resume(&path, &key(), Trust::Verified).unwrap();
    assert_eq!(rec.session().now(), SimTime::from_mins(3));
    assert!(rec.session().is_taken("open-proxy-health"));
    rec.advance_to(SimTime::from_mins(5)).unwrap();
    rec.command(
        Actor::Trainee,
        Command::Take {
            action: "profile-proxy".into(),
        },
    )
    .unwrap();
    drop(rec);
    let again = Journal::read(&path).unwrap();
    assert!(
        again.warning.is_none(),
        "the partial line was dropped before appending"
    );
    assert!(again.replay().unwrap().is_taken("profile-proxy"));
}

#[test]
fn corrupt_and_foreign_files_get_clear_errors() {
    let tmp_dir = tmp("bad");
    let dir = tmp_dir.path();
    let foreign = dir.join("notes.jsonl");
    std::fs::write(&foreign, "hello\nworld\n").unwrap();
    assert!(matches!(
        Journal::read(&foreign),
        Err(JournalError::Foreign { .. })
    ));
    let json = dir.join("other.json");
    std::fs::write(
        &json,
        "{\"type\":\"start\",\"format\":\"something-else\"}\n",
    )
    .unwrap();
    assert!(matches!(
        Journal::read(&json),
        Err(JournalError::Foreign { .. })
    ));
    let binary = dir.join("bin.jsonl");
    std::fs::write(&binary, [0u8, 159, 146, 150, 10]).unwrap();
    assert!(matches!(
        Journal::read(&binary),
        Err(JournalError::Foreign { .. })
    ));
    assert!(matches!(
        Journal::read(&dir.join("missing.jsonl")),
        Err(JournalError::Io { .. })
    ));

    let mut rec = start(dir, "cloudflare-2019-waf-regex", 4);
    rec.command(
        Actor::Trainee,
        Command::Take {
            action: "open-proxy-health".into(),
        },
    )
    .unwrap();
    let path = rec.path().unwrap().to_path_buf();
    drop(rec);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "{\"type\":\"command\", broken");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    match Journal::read(&path) {
        Err(JournalError::Corrupt { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    let e = Journal::read(&path).unwrap_err().to_string();
    assert!(e.contains(&format!("{}:3:", path.display())), "{e}");
}

#[test]
fn journals_are_never_overwritten() {
    let tmp_dir = tmp("exists");
    let dir = tmp_dir.path();
    let rec = start(dir, "cloudflare-2019-waf-regex", 4);
    let path = rec.path().unwrap().to_path_buf();
    let j = Journal::read(&path).unwrap();
    assert!(matches!(
        JournalWriter::create(&path, &j.header, &key()),
        Err(JournalError::Exists { .. })
    ));
}

#[test]
fn reports_are_written_atomically_and_never_replace_a_file_without_force() {
    let tmp_dir = tmp("report");
    let dir = tmp_dir.path();
    let mut rec = start(dir, "cloudflare-2019-waf-regex", 4);
    personas::play(&mut rec, Persona::Expert).unwrap();
    let md = Report::of(rec.session(), Some("Sam".into())).to_markdown();
    let out = dir.join("debrief.md");
    write_atomic(&out, md.as_bytes(), false).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md);
    let err = write_atomic(&out, b"other", false).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md, "untouched");
    write_atomic(&out, b"other", true).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "other");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn last_played_reads_the_journal_headers() {
    let tmp_dir = tmp("history");
    let dir = tmp_dir.path();
    let _a = start(dir, "cloudflare-2019-waf-regex", 1);
    let _b = start(dir, "original-cert-expiry", 2);
    std::fs::write(dir.join("junk.jsonl"), "not json\n").unwrap();
    let h = journal::last_played(dir);
    assert_eq!(h.len(), 2);
    assert!(h["original-cert-expiry"] > 1_700_000_000);
}

#[test]
fn unfinished_sessions_are_found_for_resuming() {
    let tmp_dir = tmp("unfinished");
    let dir = tmp_dir.path();
    let mut open = start(dir, "cloudflare-2019-waf-regex", 1);
    open.advance_to(SimTime::from_mins(4)).unwrap();
    open.command(Actor::Trainee, Command::Ack).unwrap();
    let mut done = start(dir, "original-cert-expiry", 2);
    personas::play(&mut done, Persona::Idle).unwrap();
    let found = journal::unfinished(dir);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1.scenario_id, "cloudflare-2019-waf-regex");
    assert_eq!(found[0].2, SimTime::from_mins(4));
}

/// A recall session (lines in the trainee's words, one matching nothing) and a guided one both
/// replay from their journals to the same session and score, each in its own mode.
#[test]
fn journals_replay_in_the_mode_they_were_played() {
    use misfortune_core::sim::PlayMode;
    let tmp_dir = tmp("modes");
    let dir = tmp_dir.path();
    for mode in [PlayMode::Recall, PlayMode::Guided] {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/original-cert-expiry.ron");
        let f = load_file(&path);
        let sc = f.valid().unwrap().clone();
        let mut header = journal::header(&sc, &f.name, &f.source, 4, Mode::Solo, None);
        header.play_mode = mode;
        let w = JournalWriter::create_in(dir, &header, &key()).unwrap();
        let mut rec = Recorder::new(Session::with_mode(Arc::new(sc), 4, mode), w).unwrap();
        rec.advance_to(SimTime::from_mins(2)).unwrap();
        rec.command(Actor::Trainee, Command::Ack).unwrap();
        for text in [
            "read the checkout logs",
            "order pizza",
            "inspect the gateway certificate",
        ] {
            let _ = rec.command(Actor::Trainee, Command::Do { text: text.into() });
        }
        rec.command(
            Actor::Trainee,
            Command::Diagnose {
                candidate: None,
                text: Some("the gateway certificate expired".into()),
            },
        )
        .unwrap();
        rec.command(Actor::Gm, Command::End).unwrap();
        let j = Journal::read(rec.path().unwrap()).unwrap();
        assert_eq!(j.header.play_mode, mode);
        let replayed = j.replay().unwrap();
        assert_eq!(replayed.play_mode(), mode);
        assert_eq!(replayed.unmatched(), rec.session().unmatched());
        assert_eq!(score::score(&replayed), score::score(rec.session()));
        assert!(rec.session().is_taken("checkout-logs"));
    }
}
