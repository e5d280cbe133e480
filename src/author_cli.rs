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
fn import_any(path: &Path, opts: &author::ImportOptions) -> Result<Vec<Imported>, String> {
    let name = path.display().to_string();
    let text = read_source(path)?;
    let trimmed = text.trim_start();
    let r = if trimmed.starts_with('[') {
        author::import_wheel(&name, &text)
    } else if trimmed.starts_with('{') {
        author::import_record(&name, &text).map(|i| vec![i])
    } else {
        author::import_markdown_with(&name, &text, opts).map(|i| vec![i])
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
    print!("{}", found_report(imported));
    print!("{}", lint_report(&out.display().to_string(), &text));
    Ok(())
}

/// What the importer read and built, as a table: the timeline's events with their times, and
/// the game's parts with where each came from.
fn found_report(imported: &Imported) -> String {
    use std::fmt::Write;
    let sk = &imported.skeleton;
    let g = &sk.game;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "  timeline (minute 0 is the detection unless --zero says otherwise):"
    );
    let mut before: Vec<_> = sk.before_start.iter().collect();
    before.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (t, k, text) in before {
        let _ = writeln!(
            o,
            "    {:>8}  {:<13} {}",
            format!("-{t}"),
            format!("{k:?}"),
            short(text)
        );
    }
    for (t, k, text) in &sk.timeline {
        let _ = writeln!(
            o,
            "    {:>8}  {:<13} {}",
            t.to_string(),
            format!("{k:?}"),
            short(text)
        );
    }
    let _ = writeln!(o, "  the game built from it:");
    let row = |o: &mut String, what: &str, n: usize, names: Vec<String>| {
        let _ = writeln!(o, "    {what:<24} {n:>2}  {}", names.join("; "));
    };
    row(
        &mut o,
        "alerts",
        g.alerts.len(),
        g.alerts.iter().map(|a| a.name.clone()).collect(),
    );
    row(
        &mut o,
        "metrics",
        g.metrics.len(),
        g.metrics.iter().map(|m| m.name.clone()).collect(),
    );
    row(
        &mut o,
        "symptoms as log lines",
        g.symptoms.len(),
        Vec::new(),
    );
    row(
        &mut o,
        "wrong theories",
        g.theories.len(),
        g.theories.iter().map(|t| t.name.clone()).collect(),
    );
    row(
        &mut o,
        "fixes that failed",
        g.failed_fixes.len(),
        g.failed_fixes.iter().map(|f| f.0.name.clone()).collect(),
    );
    row(
        &mut o,
        "usual suspects (assumed)",
        g.suspects.len(),
        g.suspects.iter().map(|s| s.id.to_string()).collect(),
    );
    row(
        &mut o,
        "harmful move (assumed)",
        usize::from(g.assumed_harm),
        Vec::new(),
    );
    row(
        &mut o,
        "the fix",
        usize::from(g.fix.is_some()),
        g.fix.iter().map(|f| f.name.clone()).collect(),
    );
    row(
        &mut o,
        "the finding (its clue)",
        usize::from(g.finding.is_some()),
        g.finding.iter().map(|f| f.name.clone()).collect(),
    );
    o
}

fn short(s: &str) -> String {
    let s: String = s.chars().take(90).collect();
    s
}

/// The training-value lint on the skeleton as it stands (its TODOs read as written), so the
/// author sees what the game still lacks beyond the TODOs.
fn lint_report(name: &str, text: &str) -> String {
    let stubbed = author::fill_todos(text);
    let f = load_str(name, &stubbed);
    let found = misfortune_core::lint::lint_file(&f);
    if f.errors() > 0 {
        return "  lint: the skeleton does not validate yet; run `misfortune lint` once it does\n"
            .into();
    }
    let mut codes: Vec<&str> = found.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    format!(
        "  lint (with the TODOs written): {} warning(s){}{}\n",
        found.len(),
        if codes.is_empty() { "" } else { ": " },
        codes.join(", ")
    )
}

/// Where `new` starts from: a postmortem, a template, or nothing.
pub struct Start {
    pub from: Option<PathBuf>,
    pub template: Option<String>,
}

pub fn new(
    id: &str,
    start: Start,
    output: Option<PathBuf>,
    force: bool,
    opts: &author::ImportOptions,
) -> ExitCode {
    let id = author::slug(id);
    let mut imported = match (start.from, start.template) {
        (Some(p), _) => match import_any(&p, opts) {
            Ok(mut v) if v.len() == 1 => v.remove(0),
            Ok(_) => {
                return fail(format!(
                    "{}: holds several incidents; use `misfortune import` for incident lists",
                    p.display()
                ));
            }
            Err(e) => return fail(e),
        },
        (None, Some(t)) => match author::template(&id, &t) {
            Some(skeleton) => Imported {
                skeleton,
                ..Default::default()
            },
            None => {
                let names: Vec<&str> = author::TEMPLATES.iter().map(|t| t.0).collect();
                return fail(format!(
                    "no template `{t}`; the templates are {}",
                    names.join(", ")
                ));
            }
        },
        (None, None) => Imported {
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

pub fn import(
    file: &Path,
    output: Option<PathBuf>,
    force: bool,
    opts: &author::ImportOptions,
) -> ExitCode {
    let imported = match import_any(file, opts) {
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
