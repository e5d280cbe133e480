//! Headless sessions from the command line: `play --headless`, `resume`, `score` and `report`.
//! Scripts and personas run to the end; with neither, an interactive line-mode session runs in
//! the terminal with the engine as game master.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use misfortune_core::journal::{self, Journal, JournalWriter, Mode, Recorder};
use misfortune_core::personas::{self, Persona};
use misfortune_core::report::{Report, write_atomic};
use misfortune_core::score::Score;
use misfortune_core::script;
use misfortune_core::{Command, Session, SimTime, diagnostic, load_file};

pub struct PlayArgs {
    pub scenario: PathBuf,
    pub seed: Option<u64>,
    pub sessions_dir: Option<PathBuf>,
    pub trainee: Option<String>,
    pub drive: DriveArgs,
}

/// Who plays the session: a script, a persona, or the person at the terminal.
#[derive(clap::Args, Debug, Clone)]
pub struct DriveArgs {
    /// Timed commands, one a line (see docs/scripts.md).
    #[arg(long, conflicts_with = "persona")]
    pub script: Option<PathBuf>,
    /// A scripted player: expert, methodical, guesser, harmful or idle.
    #[arg(long)]
    pub persona: Option<String>,
    /// Print the score as JSON.
    #[arg(long)]
    pub json: bool,
    /// How fast the simulated clock runs in an interactive session.
    #[arg(long, default_value_t = 1)]
    pub speed: u32,
}

enum Driver {
    Script(Vec<(SimTime, Command)>),
    Persona(Persona),
    Interactive(u32),
}

impl DriveArgs {
    fn driver(&self) -> Result<Driver, String> {
        Ok(match (&self.script, &self.persona) {
            (Some(path), _) => Driver::Script(read_script(path)?),
            (None, Some(p)) => Driver::Persona(p.parse()?),
            (None, None) => Driver::Interactive(self.speed),
        })
    }
}

impl Driver {
    /// Play the session from where it is (script lines before now were played already).
    fn run(self, rec: &mut Recorder) -> Result<(), String> {
        match self {
            Driver::Script(cmds) => {
                let now = rec.session().now();
                let rest: Vec<_> = cmds.into_iter().filter(|(t, _)| *t >= now).collect();
                personas::play_script(rec, &rest).map_err(|e| e.to_string())
            }
            Driver::Persona(p) => personas::play(rec, p).map_err(|e| e.to_string()),
            Driver::Interactive(speed) => crate::line_mode::interactive(rec, speed),
        }
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

fn sessions_dir(arg: Option<PathBuf>) -> Result<PathBuf, String> {
    arg.or_else(journal::default_sessions_dir).ok_or_else(|| {
        "no data folder for journals on this system; pass --sessions-dir".to_string()
    })
}

fn read_script(path: &Path) -> Result<Vec<(SimTime, Command)>, String> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the script: {e}", path.display()))?;
    script::parse_script(&src).map_err(|e| format!("{}:{e}", path.display()))
}

pub fn play(args: PlayArgs) -> ExitCode {
    let loaded = load_file(&args.scenario);
    let Some(sc) = loaded.valid().cloned() else {
        eprint!(
            "{}",
            diagnostic::render(&loaded.diagnostics, &loaded.source, false)
        );
        return fail(format!(
            "{}: the scenario is not valid",
            args.scenario.display()
        ));
    };
    let driver = match args.drive.driver() {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let seed = args.seed.unwrap_or_else(misfortune_core::clock_seed);
    let dir = match sessions_dir(args.sessions_dir) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let path = journal::new_journal_path(&dir, &sc.id, seed);
    let header = journal::header(
        &sc,
        &loaded.name,
        &loaded.source,
        seed,
        Mode::Solo,
        args.trainee.clone(),
    );
    let writer = match JournalWriter::create(&path, &header) {
        Ok(w) => w,
        Err(e) => return fail(e),
    };
    let session = Session::new(Arc::new(sc), seed);
    let mut rec = match Recorder::new(session, writer) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    eprintln!("journal: {}", path.display());
    let result = driver.run(&mut rec);
    if let Err(e) = result {
        eprintln!(
            "the journal keeps everything up to here: {}",
            path.display()
        );
        return fail(e);
    }
    finish(&rec, &path, args.drive.json)
}

fn finish(rec: &Recorder, path: &Path, json: bool) -> ExitCode {
    if !rec.session().is_ended() {
        println!(
            "Session paused at {}. Continue it with: misfortune resume {}",
            rec.session().now().clock(),
            path.display()
        );
        return ExitCode::SUCCESS;
    }
    let score = misfortune_core::score::score(rec.session());
    print_score(&score, json, Some(path));
    ExitCode::SUCCESS
}

fn print_score(score: &Score, json: bool, journal: Option<&Path>) {
    if json {
        let mut v = serde_json::to_value(score).unwrap_or_default();
        if let (Some(obj), Some(j)) = (v.as_object_mut(), journal) {
            obj.insert(
                "journal".into(),
                serde_json::Value::String(j.display().to_string()),
            );
        }
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    println!("Score: {:.1}/100", score.total);
    for p in &score.parts {
        println!(
            "  {:<17} {:>5.1} / {:<5.1} {}",
            p.name.replace('_', " "),
            p.points,
            p.max_points,
            p.why
        );
    }
    if score.hints_used > 0 {
        println!(
            "  {:<17} {:>5.1}         {} hint(s) used",
            "hints", -score.hint_penalty, score.hints_used
        );
    }
    println!(
        "  impact: {:.0} {}-minutes",
        score.impact, score.impact_unit
    );
}

pub fn resume(journal_path: &Path, drive: DriveArgs) -> ExitCode {
    let driver = match drive.driver() {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let j = match read_journal(journal_path) {
        Ok(j) => j,
        Err(e) => return fail(e),
    };
    if j.is_finished() {
        return fail(format!(
            "{}: this session has already ended; see `misfortune score` or `misfortune report`",
            journal_path.display()
        ));
    }
    let mut rec = match Recorder::resume(&j) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    eprintln!(
        "resumed at {} on the simulated clock",
        rec.session().now().clock()
    );
    if let Err(e) = driver.run(&mut rec) {
        return fail(e);
    }
    finish(&rec, journal_path, drive.json)
}

/// Read a journal (saying so when its tail was cut off) and replay it.
fn replayed(journal_path: &Path) -> Result<(Journal, Session), String> {
    let j = read_journal(journal_path)?;
    let s = j.replay().map_err(|e| e.to_string())?;
    Ok((j, s))
}

fn read_journal(journal_path: &Path) -> Result<Journal, String> {
    let j = Journal::read(journal_path).map_err(|e| e.to_string())?;
    if let Some(w) = &j.warning {
        eprintln!("warning: {w}");
    }
    Ok(j)
}

pub fn score(journal_path: &Path, json: bool) -> ExitCode {
    let (j, s) = match replayed(journal_path) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let score = misfortune_core::score::score(&s);
    if let Some(recorded) = j.recorded_score() {
        if (recorded - score.total).abs() > 1e-9 {
            eprintln!(
                "warning: the journal recorded a score of {recorded}, this version computes {}",
                score.total
            );
        }
    } else {
        eprintln!("note: the session has not ended; this is the score so far");
    }
    print_score(&score, json, None);
    ExitCode::SUCCESS
}

pub fn report(journal_path: &Path, format: &str, out: Option<PathBuf>, force: bool) -> ExitCode {
    let (j, s) = match replayed(journal_path) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let r = Report::of(&s, j.header.trainee.clone());
    let text = match format {
        "md" | "markdown" => r.to_markdown(),
        "json" => serde_json::to_string_pretty(&r).unwrap_or_default() + "\n",
        other => return fail(format!("unknown report format `{other}`: use md or json")),
    };
    match out {
        Some(path) => match write_atomic(&path, text.as_bytes(), force) {
            Ok(()) => {
                eprintln!("wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("{}: {e}", path.display())),
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

// ---- interactive line mode ----
