//! Measures the importer on documents kept outside the project (held out): every `NAME.md` in
//! the folder given, beside a `NAME.expected.json` written by a careful reader before the
//! import was run (`{"events": [[minute, "Kind"], ...], "root_cause": "...", "summary": "..."}`,
//! minutes signed from minute 0, the detection). Prints, per document, how many events land at
//! the right minute and with the right kind, and each miss, so a new style of document shows
//! what the rules lack before anyone fixes them.
//!
//! `cargo run -p misfortune-core --example measure_import -- /path/to/held-out`

#[path = "../tests/support/corpus_score.rs"]
mod corpus_score;

use std::path::Path;
use std::process::ExitCode;

use misfortune_core::author::import_markdown;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: measure_import FOLDER");
        return ExitCode::FAILURE;
    };
    let mut docs: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect(),
        Err(e) => {
            eprintln!("error: {}: {e}", Path::new(&dir).display());
            return ExitCode::FAILURE;
        }
    };
    docs.sort();
    let (mut all, mut timed, mut kinds) = (0, 0, 0);
    for md_path in docs {
        match measure(&md_path) {
            Ok((n, t, k)) => {
                all += n;
                timed += t;
                kinds += k;
            }
            Err(e) => println!("{}: {e}", md_path.display()),
        }
    }
    println!("all: {timed}/{all} at the right minute, {kinds}/{all} of the right kind");
    ExitCode::SUCCESS
}

fn measure(md_path: &Path) -> Result<(usize, usize, usize), String> {
    let name = md_path.file_name().unwrap_or_default().to_string_lossy();
    let md = std::fs::read_to_string(md_path).map_err(|e| e.to_string())?;
    let want_path = md_path.with_extension("expected.json");
    let want: serde_json::Value = std::fs::read_to_string(&want_path)
        .map_err(|e| format!("{}: {e}", want_path.display()))
        .and_then(|t| {
            serde_json::from_str(&t).map_err(|e| format!("{}: {e}", want_path.display()))
        })?;
    let got = import_markdown(&name, &md).map_err(|e| e.to_string())?;
    let sk = &got.skeleton;
    let score = corpus_score::score(sk, &want);
    let n = score.rows.len();
    let pct = |x: usize| (x * 100).checked_div(n).unwrap_or(0);
    println!(
        "{name}: minutes {}/{n} ({}%), kinds {}/{n} ({}%)",
        score.timed(),
        pct(score.timed()),
        score.kinds(),
        pct(score.kinds())
    );
    for r in &score.rows {
        match &r.got {
            None => println!("  {:>6} {:?}: nothing at this minute", r.minute, r.want),
            Some((k, t)) if *k != r.want => {
                println!("  {:>6} want {:?}, got {k:?}: {t}", r.minute, r.want);
            }
            Some(_) => {}
        }
    }
    for key in ["root_cause", "summary"] {
        let have = if key == "root_cause" {
            &sk.root_cause
        } else {
            &sk.summary
        };
        let needle = want[key].as_str().unwrap_or_default();
        // Case aside: a sentence's first word is capitalised where it starts a summary.
        let found = have
            .as_deref()
            .unwrap_or_default()
            .to_lowercase()
            .contains(&needle.to_lowercase());
        if !found {
            println!("  {key}: {needle:?} not in {have:?}");
        }
    }
    // The game the skeleton carries: the issue asks for at least 3 alerts or metrics and at
    // least 2 wrong paths (theories chased, fixes that failed).
    let g = &sk.game;
    let wrong = g.theories.len() + g.failed_fixes.len();
    println!(
        "  game: {} alerts, {} metrics, {wrong} wrong paths ({} theories, {} failed fixes) and {} assumed suspects, fix {}, clue {}",
        g.alerts.len(),
        g.metrics.len(),
        g.theories.len(),
        g.failed_fixes.len(),
        g.suspects.len(),
        if g.fix.is_some() { "found" } else { "missing" },
        if g.finding.is_some() {
            "found"
        } else {
            "missing"
        },
    );
    // The skeleton as `import` writes it, its TODOs filled with stand-ins: does it validate,
    // and can the solver play it through?
    let ron = misfortune_core::author::render_skeleton(sk);
    let filled = misfortune_core::author::fill_todos(&ron);
    let f = misfortune_core::load_str(&name, &filled);
    let sc = f.scenario.as_ref();
    println!(
        "  skeleton: {} error(s) once its TODOs are filled, {}, {} alerts + metrics, {} wrong paths",
        f.errors(),
        if f.solution.is_some() {
            "solvable"
        } else {
            "NOT solvable"
        },
        sc.map_or(0, |s| s.alerts.len() + s.metrics.len()),
        sc.map_or(0, |s| s
            .actions
            .iter()
            .filter(|a| a.red_herring || a.harmful)
            .count()),
    );
    if score.timed() < n {
        for (m, k, t) in &score.events {
            println!("    got {m:>6} {k:?} {t}");
        }
    }
    Ok((n, score.timed(), score.kinds()))
}
