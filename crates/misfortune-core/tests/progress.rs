//! Onboarding progress: attribution (persona and script plays never count), the store's
//! migrations and rebuild, and readiness verdicts.

use std::path::Path;
use std::sync::Arc;

use misfortune_core::journal::{self, JournalKey, JournalWriter, Mode, Player, Recorder};
use misfortune_core::personas::{self, Persona};
use misfortune_core::progress::{self, Checklist, ProgressStore, Store};
use misfortune_core::{Session, load_file};

fn key(dir: &Path) -> JournalKey {
    JournalKey::load_or_create(&dir.join("journal.key")).unwrap()
}

/// Play `scenario` as `persona`, journaled in `dir`, attributed to `trainee` as `player`.
fn play(
    dir: &Path,
    key: &JournalKey,
    scenario: &str,
    persona: Persona,
    trainee: &str,
    player: Player,
) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let f = load_file(&root.join(format!("{scenario}.ron")));
    let sc = f.scenario.clone().unwrap();
    let mut header = journal::header(&sc, &f.name, &f.source, 3, Mode::Solo, Some(trainee.into()));
    header.player = player;
    header.play_mode = misfortune_core::sim::PlayMode::Recall;
    let w = JournalWriter::create_in(dir, &header, key).unwrap();
    let s = Session::with_mode(Arc::new(sc), 3, header.play_mode);
    let mut rec = Recorder::new(s, w).unwrap();
    personas::play(&mut rec, persona).unwrap();
}

#[test]
fn only_a_persons_finished_sessions_count_and_rebuild_gives_the_same_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let k = key(dir);
    // Dana plays (as a person, played here by the expert's moves) twice; a persona under her
    // name and a script do not count.
    play(
        dir,
        &k,
        "original-cert-expiry",
        Persona::Expert,
        "Dana",
        Player::Person,
    );
    play(
        dir,
        &k,
        "original-log-flood-disk-full",
        Persona::Harmful,
        "Dana",
        Player::Person,
    );
    play(
        dir,
        &k,
        "original-cert-expiry",
        Persona::Expert,
        "Dana",
        Player::Persona("expert".into()),
    );
    play(
        dir,
        &k,
        "original-cert-expiry",
        Persona::Guesser,
        "Sam",
        Player::Script,
    );
    let db = dir.join("progress.sqlite");
    let mut store = Store::open(&db).unwrap();
    let (n, skipped) = store.rebuild(dir, &k).unwrap();
    assert_eq!((n, skipped.len()), (4, 0));
    let all = store.sessions(None).unwrap();
    assert_eq!(progress::trainees(&all), ["Dana"]);
    let p = progress::trainee_progress(&all, "Dana", &["tls".into(), "disk".into(), "dns".into()]);
    assert_eq!(p.sessions.len(), 2);
    assert!(p.coverage.iter().any(|c| c.tag == "tls" && c.best > 85.0));
    assert!(p.coverage.iter().all(|c| c.tag != "original"));
    assert_eq!(p.not_practised, ["dns"]);
    // The wheel's "last played" ignores the persona and the script.
    let last = journal::last_played(dir);
    assert_eq!(last.len(), 2);

    // A lost store is rebuilt from the journals with the same answers.
    drop(store);
    std::fs::remove_file(&db).unwrap();
    let mut again = Store::open(&db).unwrap();
    again.rebuild(dir, &k).unwrap();
    let mut a: Vec<_> = all
        .iter()
        .map(|s| (s.journal.clone(), s.score, s.counted))
        .collect();
    let mut b: Vec<_> = again
        .sessions(None)
        .unwrap()
        .iter()
        .map(|s| (s.journal.clone(), s.score, s.counted))
        .collect();
    a.sort_by(|x, y| x.0.cmp(&y.0));
    b.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(a, b);

    // Forgetting a trainee removes them and says which journals still name them.
    let journals = again.forget("Dana").unwrap();
    assert_eq!(journals.len(), 3);
    assert!(progress::trainees(&again.sessions(None).unwrap()).is_empty());
}

#[test]
fn the_schema_migrates_from_empty_and_from_the_first_version() {
    let tmp = tempfile::tempdir().unwrap();
    let fresh = Store::open(&tmp.path().join("new.sqlite")).unwrap();
    assert_eq!(fresh.version().unwrap(), 2);
    // A database made by the first schema (sessions only) gains the rest, keeping its rows.
    let old = tmp.path().join("old.sqlite");
    {
        progress::store::execute_batch(
            &old,
            "CREATE TABLE sessions (journal TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, title TEXT NOT NULL,
              trainee TEXT, player TEXT NOT NULL, mode TEXT NOT NULL, play_mode TEXT NOT NULL,
              started_unix INTEGER NOT NULL, finished INTEGER NOT NULL, verified INTEGER NOT NULL,
              score REAL NOT NULL, diagnose_min REAL, mitigate_min REAL, hints INTEGER NOT NULL,
              harmful INTEGER NOT NULL, counted INTEGER NOT NULL);
             INSERT INTO sessions VALUES ('j1', 'x', 'X', 'Ana', 'person', 'solo', 'recall', 1, 1, 1, 80.0, 5.0, 9.0, 0, 0, 1);
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let s = Store::open(&old).unwrap();
    assert_eq!(s.version().unwrap(), 2);
    let rows = s.sessions(None).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].trainee.as_deref(), Some("Ana"));
    assert_eq!(rows[0].game_master, None);
}

#[test]
fn readiness_says_exactly_what_is_missing() {
    let list = Checklist::parse(
        "readiness.ron",
        r#"Checklist(rules: [
            ScoreInTags(min: 70.0, tags: ["tls", "dns"], recall: true),
            Sessions(min: 2),
            NoHarmInLast(sessions: 2),
            GameMaster(times: 1),
        ])"#,
    )
    .unwrap();
    let rec = |scenario: &str, tags: &[&str], score: f64, harmful: u32| progress::SessionRecord {
        journal: format!("{scenario}-{score}"),
        scenario_id: scenario.into(),
        title: scenario.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        trainee: Some("Dana".into()),
        game_master: None,
        player: "person".into(),
        mode: "solo".into(),
        play_mode: "recall".into(),
        started_unix: score as u64,
        finished: true,
        verified: true,
        score,
        diagnose_min: None,
        mitigate_min: None,
        diagnose_ref_min: None,
        mitigate_ref_min: None,
        hints: 0,
        harmful,
        counted: true,
    };
    let all = vec![
        rec("cert", &["tls"], 91.0, 0),
        rec("flood", &["disk"], 40.0, 2),
    ];
    let p = progress::trainee_progress(&all, "Dana", &["tls".into(), "dns".into(), "disk".into()]);
    let v = progress::verdict(&p, &list);
    assert!(!v.ready);
    assert_eq!(
        v.missing,
        [
            "dns: never practised (recall); needs a session scoring at least 70",
            "2 harmful action(s) in the last 2 sessions",
            "game master 0 time(s) of the 1 needed",
        ]
    );
    assert!(v.met.iter().any(|m| m.starts_with("tls: best 91")));
    let md = progress::report(&p, &v);
    assert!(md.contains("**Verdict: not yet ready**"), "{md}");
    let e = Checklist::parse("r.ron", "Checklist(rules: [Nonsense])").unwrap_err();
    assert!(e.starts_with("r.ron:1:"), "{e}");
}
