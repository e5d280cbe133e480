//! Loading + validating every shipped scenario against plain RON deserialisation of the same
//! files (target: no more than twice as slow), and the solver on each (target: under 100 ms).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use misfortune_core::{load, solve};

fn shipped() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let files = shipped();
    c.bench_function("deserialise all (plain RON)", |b| {
        b.iter(|| {
            for (_, src) in &files {
                black_box(load::parse_only(black_box(src)).unwrap());
            }
        })
    });
    c.bench_function("validate all (parse + validate, no solver)", |b| {
        b.iter(|| {
            for (name, src) in &files {
                black_box(load::parse_and_validate(name, black_box(src)));
            }
        })
    });
    c.bench_function("load all (parse + validate + solve)", |b| {
        b.iter(|| {
            for (name, src) in &files {
                black_box(misfortune_core::load_str(name, black_box(src)));
            }
        })
    });
    for (name, src) in &files {
        let sc = load::parse_only(src).unwrap();
        let id = sc.id.clone();
        c.bench_function(&format!("solve {id}"), |b| {
            b.iter(|| black_box(solve(black_box(&sc)).unwrap()))
        });
        let _ = name;
    }
}

/// Matching a typed line against the actions of the scenario with the most actions (target:
/// well under 1 ms).
fn matching(c: &mut Criterion) {
    let largest = shipped()
        .into_iter()
        .filter_map(|(name, src)| misfortune_core::load_str(&name, &src).scenario)
        .max_by_key(|sc| sc.actions.len())
        .expect("scenarios ship");
    c.bench_function(
        &format!("match a typed line ({} actions)", largest.actions.len()),
        |b| {
            b.iter(|| {
                misfortune_core::matcher::match_action(
                    black_box("roll back the last deploy and restart the proxies"),
                    &largest.actions,
                )
            })
        },
    );
}

criterion_group!(benches, bench, matching);
criterion_main!(benches);
