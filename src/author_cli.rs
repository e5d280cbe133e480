//! `misfortune new` and `misfortune import`: scenario skeletons from nothing, from a postmortem,
//! or from the classic web Wheel of Misfortune.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use misfortune_core::author::{self, Imported};
use misfortune_core::load_str;
use misfortune_core::report::write_atomic;

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

/// Postmortems larger than this are refused unread: the longest public postmortems are a few
/// hundred KiB, and a scenario made from one must fit the scenario limit.
pub const MAX_IMPORT_BYTES: u64 = 2 * 1024 * 1024;

/// Read a source to import: a regular file, within the limit, text without NUL bytes.
fn read_source(path: &Path) -> Result<String, String> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{name}: not a regular file; import reads a Markdown postmortem or a JSON file"
        ));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{name}: {} bytes; postmortems to import are limited to {MAX_IMPORT_BYTES} bytes",
            meta.len()
        ));
    }
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(format!(
            "{name}: grew past {MAX_IMPORT_BYTES} bytes while being read"
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "{name}: a NUL byte at offset {at}; this is a binary file, not a text postmortem"
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "{name}: not a UTF-8 text file; expected a Markdown postmortem or a JSON incident list"
        )
    })
}

/// What kind of source a file is.
fn import_any(path: &Path) -> Result<Vec<Imported>, String> {
    let name = path.display().to_string();
    let text = read_source(path)?;
    let trimmed = text.trim_start();
    let r = if trimmed.starts_with('[') {
        author::import_wheel(&name, &text)
    } else if trimmed.starts_with('{') {
        author::import_record(&name, &text).map(|i| vec![i])
    } else {
        author::import_markdown(&name, &text).map(|i| vec![i])
    };
    r.map_err(|e| e.to_string())
}

fn write(imported: &Imported, out: &Path, force: bool) -> Result<(), String> {
    let text = imported.skeleton.render();
    write_atomic(out, text.as_bytes(), force).map_err(|e| format!("{}: {e}", out.display()))?;
    let f = load_str(&out.display().to_string(), &text);
    let todos = f.diagnostics.iter().filter(|d| d.code == "todo").count();
    println!(
        "wrote {} ({todos} TODOs to fill in: `misfortune validate {}` lists them)",
        out.display(),
        out.display()
    );
    if !imported.found.is_empty() {
        println!("  found: {}", imported.found.join(", "));
    }
    if !imported.missing.is_empty() {
        println!("  missing (marked TODO): {}", imported.missing.join(", "));
    }
    Ok(())
}

pub fn new(id: &str, from: Option<PathBuf>, output: Option<PathBuf>, force: bool) -> ExitCode {
    let id = author::slug(id);
    let mut imported = match from {
        Some(p) => match import_any(&p) {
            Ok(mut v) if v.len() == 1 => v.remove(0),
            Ok(_) => {
                return fail(format!(
                    "{}: holds several incidents; use `misfortune import` for incident lists",
                    p.display()
                ));
            }
            Err(e) => return fail(e),
        },
        None => Imported {
            skeleton: author::Skeleton::default(),
            ..Default::default()
        },
    };
    imported.skeleton.id = id.clone();
    let out = output.unwrap_or_else(|| PathBuf::from("scenarios").join(format!("{id}.ron")));
    match write(&imported, &out, force) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

pub fn import(file: &Path, output: Option<PathBuf>, force: bool) -> ExitCode {
    let imported = match import_any(file) {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    let single = imported.len() == 1;
    let mut failed = false;
    for i in &imported {
        let out = match (&output, single) {
            (Some(o), true) if !o.is_dir() => o.clone(),
            (Some(dir), _) => dir.join(format!("{}.ron", i.skeleton.id)),
            (None, _) => PathBuf::from("scenarios").join(format!("{}.ron", i.skeleton.id)),
        };
        if let Err(e) = write(i, &out, force) {
            eprintln!("error: {e}");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `misfortune match SCENARIO TEXT`: what a typed line matches, with the same matcher as play.
pub fn match_line(scenario: &Path, text: &str, json: bool) -> ExitCode {
    use misfortune_core::matcher::{ActionMatch, match_action};
    let loaded = misfortune_core::load_file(scenario);
    let Some(sc) = loaded.scenario.as_ref() else {
        eprint!(
            "{}",
            misfortune_core::diagnostic::render(&loaded.diagnostics, &loaded.source, false)
        );
        return fail(format!(
            "{}: the scenario does not load",
            scenario.display()
        ));
    };
    let m = match_action(text, &sc.actions);
    if json {
        println!("{}", serde_json::to_string_pretty(&m).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let label = |id: &str| {
        sc.action(id)
            .map_or(id.to_string(), |a| format!("{id} ({})", a.label))
    };
    match &m {
        ActionMatch::Matched {
            action,
            score,
            words,
            runner_up,
        } => {
            println!("matched: {} with {score:.2}", label(action));
            println!("  decided by: {}", words.join(", "));
            if let Some((r, s)) = runner_up {
                println!("  runner-up: {} with {s:.2}", label(r));
            }
        }
        ActionMatch::Ambiguous { candidates } => {
            println!("ambiguous: the trainee is asked to be more specific");
            for (c, s) in candidates {
                println!("  {} with {s:.2}", label(c));
            }
        }
        ActionMatch::Unmatched { best } => {
            println!("no match: the trainee is told nothing like that exists here");
            if let Some((b, s)) = best {
                println!("  closest: {} with {s:.2}", label(b));
            }
        }
    }
    ExitCode::SUCCESS
}
