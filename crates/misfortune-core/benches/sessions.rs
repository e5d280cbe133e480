//! A full expert playthrough of each shipped scenario, one simulation step per simulated second
//! (target: a 60-minute scenario in under 5 ms), an idle run to the very end, and scoring a journal.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use misfortune_core::journal::{self, Journal, JournalWriter, Mode, Recorder};
use misfortune_core::personas::{self, Persona};
use misfortune_core::{Session, load_file, score};

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    for path in &files {
        let f = load_file(path);
        let sc = Arc::new(f.valid().unwrap().clone());
        let id = sc.id.clone();
        c.bench_function(&format!("expert playthrough {id} ({})", sc.duration), |b| {
            b.iter(|| {
                let mut rec = Recorder::unjournaled(Session::new(sc.clone(), 1));
                personas::play(&mut rec, Persona::Expert).unwrap();
                black_box(rec.session().now())
            })
        });
        c.bench_function(
            &format!("idle to the end {id} ({} steps)", sc.duration.ms() / 1000),
            |b| {
                b.iter(|| {
                    let mut rec = Recorder::unjournaled(Session::new(sc.clone(), 1));
                    personas::play(&mut rec, Persona::Idle).unwrap();
                    black_box(rec.session().now())
                })
            },
        );
        // A journal on disk, replayed and scored.
        let tmp_dir = tempfile::tempdir().unwrap();
        let tmp = tmp_dir.path().join(format!("{id}.jsonl"));
        let header = journal::header(&sc, &f.name, &f.source, 1, Mode::Solo, None);
        let mut rec = Recorder::new(
            Session::new(sc.clone(), 1),
            JournalWriter::create(&tmp, &header, &journal::JournalKey::from_bytes([1; 32]))
                .unwrap(),
        )
        .unwrap();
        personas::play(&mut rec, Persona::Methodical).unwrap();
        c.bench_function(&format!("score a journal {id}"), |b| {
            b.iter(|| {
                let j = Journal::read(&tmp).unwrap();
                black_box(score::score(&j.replay().unwrap()).total)
            })
        });
    }
}

/// Progress for a team of 50 trainees with 5,000 sessions, from the store: every trainee's
/// coverage and readiness verdict, and the team table (target: well under 50 ms).
fn progress_bench(c: &mut Criterion) {
    use misfortune_core::progress::{self, Checklist, ProgressStore, SessionRecord, Store};
    let tags: Vec<String> = [
        "tls", "dns", "database", "queue", "cache", "comms", "rollback", "capacity",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(&tmp.path().join("p.sqlite")).unwrap();
    for i in 0..5000u64 {
        store
            .put(&SessionRecord {
                journal: format!("j{i}"),
                scenario_id: format!("s{}", i % 15),
                title: "x".into(),
                tags: vec![
                    tags[(i % 8) as usize].clone(),
                    tags[((i + 3) % 8) as usize].clone(),
                ],
                trainee: Some(format!("t{}", i % 50)),
                game_master: None,
                player: "person".into(),
                mode: "solo".into(),
                play_mode: "recall".into(),
                started_unix: i,
                finished: true,
                verified: true,
                score: (i % 100) as f64,
                diagnose_min: Some(10.0),
                mitigate_min: Some(20.0),
                diagnose_ref_min: None,
                mitigate_ref_min: None,
                hints: 0,
                harmful: (i % 7 == 0) as u32,
                counted: true,
            })
            .unwrap();
    }
    let list = Checklist::parse(
        "r.ron",
        "Checklist(rules: [Sessions(min: 6), ScoreInTags(min: 70.0, tags: [\"tls\", \"dns\"]), NoHarmInLast(sessions: 3)])",
    )
    .unwrap();
    c.bench_function("progress: 50 trainees, 5000 sessions", |b| {
        b.iter(|| {
            let all = store.sessions(None).unwrap();
            let verdicts: usize = progress::trainees(&all)
                .iter()
                .map(|t| progress::verdict(&progress::trainee_progress(&all, t, &tags), &list))
                .filter(|v| v.ready)
                .count();
            black_box((verdicts, progress::team_coverage(&all, &tags).len()))
        })
    });
}

/// Rebuilding the store from 5,000 journals (target: under 30 s). The journals are real: 100
/// persona plays over the shipped scenarios, attributed to 50 trainees, each copied under 50
/// names (a rebuild reads, verifies, replays and scores every one of them).
fn rebuild_bench(c: &mut Criterion) {
    use misfortune_core::journal::{JournalKey, Player};
    use misfortune_core::progress::Store;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    let loaded: Vec<_> = files.iter().map(|p| load_file(p)).collect();
    let tmp = tempfile::tempdir().unwrap();
    let played = tmp.path().join("played");
    let dir = tmp.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let key = JournalKey::from_bytes([5; 32]);
    let personas = [
        Persona::Expert,
        Persona::Methodical,
        Persona::Guesser,
        Persona::Harmful,
    ];
    for i in 0..100usize {
        let f = &loaded[i % loaded.len()];
        let sc = Arc::new(f.valid().unwrap().clone());
        let trainee = format!("t{}", i % 50);
        let mut header =
            journal::header(&sc, &f.name, &f.source, i as u64, Mode::Solo, Some(trainee));
        header.player = Player::Person;
        let w = JournalWriter::create_in(&played, &header, &key).unwrap();
        let mut rec = Recorder::new(Session::new(sc, i as u64), w).unwrap();
        personas::play(&mut rec, personas[i % personas.len()]).unwrap();
    }
    let mut n = 0;
    for e in std::fs::read_dir(&played).unwrap() {
        let p = e.unwrap().path();
        for copy in 0..50 {
            std::fs::copy(&p, dir.join(format!("{n}-{copy}.jsonl"))).unwrap();
        }
        n += 1;
    }
    assert_eq!(n * 50, 5000);
    let mut group = c.benchmark_group("progress rebuild");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(20));
    group.bench_function("rebuild from 5000 journals", |b| {
        b.iter(|| {
            let mut store = Store::open(&tmp.path().join("p.sqlite")).unwrap();
            let (indexed, skipped) = store.rebuild(&dir, &key).unwrap();
            assert_eq!((indexed, skipped.len()), (5000, 0));
            black_box(indexed)
        })
    });
    group.finish();
}

criterion_group!(benches, bench, progress_bench, rebuild_bench);
criterion_main!(benches);
