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

criterion_group!(benches, bench);
criterion_main!(benches);
