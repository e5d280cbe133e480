//! `misfortune progress`: onboarding progress from the journals, through the progress store
//! (`progress.sqlite` beside the journals, brought up to date on every run).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use misfortune_core::journal::JournalKey;
use misfortune_core::progress::{self, Checklist, ProgressStore, SessionRecord, Store};

#[derive(Args, Debug)]
pub struct ProgressArgs {
    /// A trainee's name (without it: every trainee).
    pub name: Option<String>,
    /// The team's coverage: trainees by tags, best score in each.
    #[arg(long)]
    pub team: bool,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// The team's readiness checklist (RON; default: `readiness.ron` in the config folder).
    #[arg(long)]
    pub readiness: Option<PathBuf>,
    /// Write NAME's readiness report (Markdown) to this file.
    #[arg(long, requires = "name")]
    pub report: Option<PathBuf>,
    /// Print every session in this format (`csv`).
    #[arg(long)]
    pub export: Option<String>,
    /// Remove a trainee's records from the store (the journals are not touched; the ones that
    /// still name them are listed).
    #[arg(long)]
    pub forget: Option<String>,
    /// Recreate the store from the journals.
    #[arg(long)]
    pub rebuild: bool,
    /// Where the journals are (default: the user's data folder).
    #[arg(long)]
    pub sessions_dir: Option<PathBuf>,
    /// The library, for the tags there are to practise.
    #[arg(long, default_value = "scenarios")]
    pub library: PathBuf,
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

fn checklist(path: Option<&Path>) -> Result<Option<Checklist>, String> {
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => match crate::paths::config_dir() {
            Some(d) if d.join("readiness.ron").is_file() => d.join("readiness.ron"),
            _ => return Ok(None),
        },
    };
    let src = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Checklist::parse(&path.display().to_string(), &src).map(Some)
}

pub fn progress(a: ProgressArgs) -> ExitCode {
    match run(a) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn run(a: ProgressArgs) -> Result<String, String> {
    let dir = a
        .sessions_dir
        .clone()
        .or_else(|| std::env::var_os("MISFORTUNE_SESSIONS_DIR").map(PathBuf::from))
        .or_else(misfortune_core::journal::default_sessions_dir)
        .ok_or("no data folder for journals on this system; pass --sessions-dir")?;
    let key = JournalKey::load_default().map_err(|e| e.to_string())?;
    let path = progress::store::default_path(&dir);
    let mut o = String::new();
    let mut store = if a.rebuild {
        let (store, aside) = Store::open_or_set_aside(&path)?;
        if let Some(aside) = aside {
            let _ = writeln!(
                o,
                "the old database could not be read; it is kept as {}",
                aside.display()
            );
        }
        store
    } else {
        Store::open(&path).map_err(|e| {
            format!("{e}\n(the journals are the source of truth: `misfortune progress --rebuild` recreates the database from them)")
        })?
    };
    if a.rebuild {
        let (n, skipped) = store.rebuild(&dir, &key)?;
        let _ = writeln!(o, "rebuilt {} from {n} journal(s)", store.path.display());
        for s in skipped {
            let _ = writeln!(o, "  skipped {s}");
        }
    } else {
        store.sync(&dir, &key)?;
    }
    if let Some(name) = &a.forget {
        let journals = store.forget(name)?;
        let _ = writeln!(
            o,
            "forgot {name}: {} session(s) removed from the store",
            journals.len()
        );
        for j in journals {
            let _ = writeln!(o, "  still named in {j}");
        }
        return Ok(o);
    }
    let all = store.sessions(None)?;
    if a.export.as_deref() == Some("csv") {
        return Ok(progress::to_csv(&all));
    } else if let Some(f) = &a.export {
        return Err(format!("--export {f}: the format is `csv`"));
    }
    let (files, _) = misfortune_core::load_all(std::slice::from_ref(&a.library));
    let scenarios: Vec<misfortune_core::Scenario> =
        files.into_iter().filter_map(|f| f.scenario).collect();
    let tags = progress::library_tags(&scenarios);
    let list = checklist(a.readiness.as_deref())?;
    if a.team {
        o.push_str(&team_table(&all, &tags, a.json));
        return Ok(o);
    }
    match &a.name {
        Some(name) => o.push_str(&one(&all, name, &tags, list.as_ref(), &a)?),
        None => o.push_str(&everyone(&all, &tags, list.as_ref(), a.json)),
    }
    Ok(o)
}

fn one(
    all: &[SessionRecord],
    name: &str,
    tags: &[String],
    list: Option<&Checklist>,
    a: &ProgressArgs,
) -> Result<String, String> {
    let p = progress::trainee_progress(all, name, tags);
    let v = list.map(|l| progress::verdict(&p, l));
    if let Some(path) = &a.report {
        let v = v
            .clone()
            .unwrap_or_else(|| progress::verdict(&p, &Checklist { rules: Vec::new() }));
        misfortune_core::output::write_atomic(path, progress::report(&p, &v).as_bytes(), true)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if a.json {
        return Ok(
            serde_json::to_string_pretty(&serde_json::json!({"progress": p, "verdict": v}))
                .unwrap_or_default()
                + "\n",
        );
    }
    let mut o = String::new();
    let uncounted = all
        .iter()
        .filter(|s| s.trainee.as_deref() == Some(name) && !s.counted)
        .count();
    let _ = writeln!(
        o,
        "{name}: {} counted session(s){}, game master {} time(s)",
        p.sessions.len(),
        if uncounted > 0 {
            format!(" ({uncounted} more not counted: personas, scripts, unfinished or unverified)")
        } else {
            String::new()
        },
        p.as_game_master
    );
    for c in &p.coverage {
        let _ = writeln!(
            o,
            "  {:<22} {:>2} session(s)  best {:>3.0}  latest {:>3.0}  {}",
            c.tag,
            c.sessions,
            c.best,
            c.latest,
            c.trend.map_or(String::new(), |t| format!("trend {t:+.0}"))
        );
    }
    if !p.not_practised.is_empty() {
        let _ = writeln!(o, "  not practised: {}", p.not_practised.join(", "));
    }
    if let Some(v) = v {
        let _ = writeln!(
            o,
            "  readiness: {}",
            if v.ready { "ready" } else { "not yet ready" }
        );
        for m in &v.missing {
            let _ = writeln!(o, "    missing: {m}");
        }
    }
    if let Some(path) = &a.report {
        let _ = writeln!(o, "wrote {}", path.display());
    }
    Ok(o)
}

fn everyone(
    all: &[SessionRecord],
    tags: &[String],
    list: Option<&Checklist>,
    json: bool,
) -> String {
    let rows: Vec<(String, usize, Option<progress::Verdict>)> = progress::trainees(all)
        .into_iter()
        .map(|t| {
            let p = progress::trainee_progress(all, &t, tags);
            let v = list.map(|l| progress::verdict(&p, l));
            (t, p.sessions.len(), v)
        })
        .collect();
    if json {
        return serde_json::to_string_pretty(&serde_json::json!(
            rows.iter()
                .map(|(t, n, v)| serde_json::json!({"trainee": t, "sessions": n, "verdict": v}))
                .collect::<Vec<_>>()
        ))
        .unwrap_or_default()
            + "\n";
    }
    let mut o = String::new();
    if rows.is_empty() {
        let uncounted = all.len();
        let _ = writeln!(
            o,
            "no trainee has a counted session yet ({uncounted} session(s) in the store: personas, scripts or unnamed); play with --trainee NAME"
        );
    }
    for (t, n, v) in rows {
        let verdict = v.map_or(String::new(), |v| {
            if v.ready {
                "  ready".into()
            } else {
                format!("  not yet ready: {} missing", v.missing.len())
            }
        });
        let _ = writeln!(o, "{t:<24} {n:>3} session(s){verdict}");
    }
    o
}

fn team_table(all: &[SessionRecord], tags: &[String], json: bool) -> String {
    let rows = progress::team_coverage(all, tags);
    if json {
        return serde_json::to_string_pretty(&serde_json::json!({"tags": tags, "trainees": rows}))
            .unwrap_or_default()
            + "\n";
    }
    let mut o = String::new();
    let _ = write!(o, "{:<16}", "");
    for t in tags {
        let _ = write!(o, " {:>6}", t.chars().take(6).collect::<String>());
    }
    o.push('\n');
    for (name, row) in &rows {
        let _ = write!(o, "{name:<16}");
        for v in row {
            let _ = write!(o, " {:>6}", v.map_or("-".into(), |x| format!("{x:.0}")));
        }
        o.push('\n');
    }
    let nobody: Vec<&String> = tags
        .iter()
        .enumerate()
        .filter(|(i, _)| rows.iter().all(|(_, r)| r[*i].is_none()))
        .map(|(_, t)| t)
        .collect();
    if !nobody.is_empty() {
        let _ = writeln!(
            o,
            "nobody has practised: {}",
            nobody
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    o
}
