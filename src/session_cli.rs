//! Headless sessions from the command line: `play --headless`, `resume`, `score` and `report`.
//! Scripts and personas run to the end; with neither, an interactive line-mode session runs in
//! the terminal with the engine as game master.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use misfortune_core::journal::{
    self, Integrity, Journal, JournalError, JournalKey, JournalWriter, Mode, Recorder, Trust,
};
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
    pub mode: misfortune_core::sim::PlayMode,
}

/// Who plays the session: a script, a persona, or the person at the terminal.
#[derive(clap::Args, Debug, Clone)]
pub struct DriveArgs {
    /// Timed commands, one a line (see docs/scripts.md).
    #[arg(long, conflicts_with = "persona")]
    pub script: Option<PathBuf>,
    /// A scripted player: expert, methodical, guesser, harmful, idle, label-reader or shotgun.
    #[arg(long)]
    pub persona: Option<String>,
    /// Print the score as JSON.
    #[arg(long)]
    pub json: bool,
    /// How fast the simulated clock runs in an interactive session.
    #[arg(long, default_value_t = 1)]
    pub speed: u32,
    /// Let the script play the game master's part (reveal, inject, say); refused without it.
    #[arg(long, requires = "script")]
    pub as_gm: bool,
}

enum Driver {
    Script(Commands, Vec<ScriptView>),
    Persona(Persona),
    Interactive(u32),
}

impl DriveArgs {
    fn driver(&self) -> Result<Driver, String> {
        Ok(match (&self.script, &self.persona) {
            (Some(path), _) => {
                let (script, views) = read_script(path)?;
                if !self.as_gm
                    && let Some(n) = script.iter().position(|(_, c)| c.is_gm_only())
                {
                    return Err(format!(
                        "{}: command {} is the game master's (`{}`); run the script with --as-gm to play that part",
                        path.display(),
                        n + 1,
                        script::format_command(&script[n].1)
                    ));
                }
                Driver::Script(script, views)
            }
            (None, Some(p)) => Driver::Persona(p.parse()?),
            (None, None) => Driver::Interactive(self.speed),
        })
    }
}

impl Driver {
    /// Play the session from where it is. `applied`: how many of the script's lines the journal
    /// already holds (they are skipped by position, never replayed by time).
    fn run(self, rec: &mut Recorder, applied: usize) -> Result<(), String> {
        match self {
            Driver::Script(cmds, views) => run_script(rec, cmds, views, applied),
            // A persona picks up its plan from what the session shows it already did.
            Driver::Persona(p) => personas::play(rec, p).map_err(|e| e.to_string()),
            Driver::Interactive(speed) => crate::line_mode::interactive(rec, speed),
        }
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::FAILURE
}

/// Exit code for a journal that does not verify.
const MODIFIED: u8 = 3;

/// A journal error: exit 3 when the journal was modified after it was written.
fn journal_fail(e: JournalError) -> ExitCode {
    let modified = matches!(e, JournalError::Modified { .. });
    eprintln!("error: {e}");
    if modified {
        ExitCode::from(MODIFIED)
    } else {
        ExitCode::FAILURE
    }
}

/// `--sessions-dir`, then `MISFORTUNE_SESSIONS_DIR`, then the user's data folder.
fn sessions_dir(arg: Option<PathBuf>) -> Result<PathBuf, String> {
    arg.or_else(|| std::env::var_os("MISFORTUNE_SESSIONS_DIR").map(PathBuf::from))
        .or_else(journal::default_sessions_dir)
        .ok_or_else(|| {
            "no data folder for journals on this system; pass --sessions-dir".to_string()
        })
}

/// A view command in a script (`status`, `logs db-log 20`, ...): printed to stdout at its time,
/// so a test or a demo shows what the trainee saw then. It changes nothing and is not journaled.
struct ScriptView {
    at: SimTime,
    /// How many of the script's commands come before it.
    after: usize,
    word: String,
    rest: String,
}

/// Read a script: its commands (parsed by the core) and its view lines (printed by the line mode).
/// A script's timed commands.
type Commands = Vec<(SimTime, Command)>;

fn read_script(path: &Path) -> Result<(Commands, Vec<ScriptView>), String> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the script: {e}", path.display()))?;
    let mut views = Vec::new();
    let mut commands = 0usize;
    let mut kept = String::with_capacity(src.len());
    for raw in src.lines() {
        let line = raw.split_once('#').map_or(raw, |(a, _)| a).trim();
        let mut parts = line.splitn(3, char::is_whitespace);
        let (time, word, rest) = (parts.next(), parts.next(), parts.next());
        match (time.map(str::parse::<SimTime>), word) {
            (Some(Ok(at)), Some(w)) if crate::line_mode::is_view_command(w) => {
                views.push(ScriptView {
                    at,
                    after: commands,
                    word: w.to_string(),
                    rest: rest.unwrap_or("").trim().to_string(),
                });
                // Keep the line numbers of later errors right.
                kept.push('\n');
                continue;
            }
            (_, Some(_)) => commands += 1,
            _ => {}
        }
        kept.push_str(raw);
        kept.push('\n');
    }
    let cmds = script::parse_script(&kept).map_err(|e| format!("{}:{e}", path.display()))?;
    Ok((cmds, views))
}

/// Play a script's commands from the `applied`-th on, printing its view lines at their times.
fn run_script(
    rec: &mut Recorder,
    cmds: Commands,
    views: Vec<ScriptView>,
    applied: usize,
) -> Result<(), String> {
    let mut views = views.into_iter().filter(|v| v.after >= applied).peekable();
    let show = |rec: &mut Recorder, v: ScriptView| -> Result<(), String> {
        rec.advance_to(v.at).map_err(|e| e.to_string())?;
        let view = misfortune_core::view::TraineeView::of(rec.session());
        let mut out = std::io::stdout().lock();
        crate::line_mode::show_view(&v.word, &v.rest, &view, &mut out);
        Ok(())
    };
    for (i, (at, cmd)) in cmds.into_iter().enumerate().skip(applied) {
        while let Some(v) = views.next_if(|v| v.after <= i) {
            show(rec, v)?;
        }
        let played = personas::play_line(rec, at, &cmd).map_err(|e| {
            format!(
                "script command {} (at {at}: `{}`): {e}",
                i + 1,
                script::format_command(&cmd)
            )
        })?;
        if !played {
            break;
        }
    }
    for v in views {
        show(rec, v)?;
    }
    let end = rec.session().scenario().duration;
    rec.advance_to(end).map_err(|e| e.to_string())
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
    let key = match JournalKey::load_default() {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    let mut header = journal::header(
        &sc,
        &loaded.name,
        &loaded.source,
        seed,
        Mode::Solo,
        args.trainee.clone(),
    );
    header.play_mode = args.mode;
    header.player = match &driver {
        Driver::Persona(p) => journal::Player::Persona(p.name().into()),
        Driver::Script(..) => journal::Player::Script,
        Driver::Interactive(_) => journal::Player::Person,
    };
    let writer = match JournalWriter::create_in(&dir, &header, &key) {
        Ok(w) => w,
        Err(e) => return fail(e),
    };
    let path = writer.path.clone();
    let session = Session::with_mode(Arc::new(sc), seed, args.mode);
    let mut rec = match Recorder::new(session, writer) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    eprintln!("journal: {}", path.display());
    let result = driver.run(&mut rec, 0);
    if let Err(e) = result {
        eprintln!(
            "the journal keeps everything up to here: {}",
            path.display()
        );
        return fail(e);
    }
    finish(&rec, &path, args.drive.json, Integrity::Verified)
}

fn finish(rec: &Recorder, path: &Path, json: bool, integrity: Integrity) -> ExitCode {
    if !rec.session().is_ended() {
        println!(
            "Session paused at {}. Continue it with: misfortune resume {}",
            rec.session().now().clock(),
            path.display()
        );
        return ExitCode::SUCCESS;
    }
    let score = misfortune_core::score::score(rec.session());
    print_score(&score, json, Some(path), Standing::of(true, integrity));
    ExitCode::SUCCESS
}

/// Whether a score can be trusted: the session ended, and its journal verifies.
#[derive(Debug, Clone, Copy)]
struct Standing {
    finished: bool,
    integrity: Integrity,
}

impl Standing {
    fn of(finished: bool, integrity: Integrity) -> Standing {
        Standing {
            finished,
            integrity,
        }
    }

    fn integrity_word(self) -> &'static str {
        match self.integrity {
            Integrity::Verified => "verified",
            Integrity::Unsigned => "unverified (an unsigned journal from an older version)",
            Integrity::Modified { .. } => {
                "UNVERIFIED: the journal was modified after it was written"
            }
        }
    }

    /// Lines that say what the score is not.
    fn warnings(self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.finished {
            out.push("UNFINISHED: the session has not ended; this is the score so far".into());
        }
        if !self.integrity.is_trusted() {
            out.push(self.integrity_word().to_string());
        }
        out
    }
}

fn print_score(score: &Score, json: bool, journal: Option<&Path>, standing: Standing) {
    if json {
        let mut v = serde_json::to_value(score).unwrap_or_default();
        if let Some(obj) = v.as_object_mut() {
            if let Some(j) = journal {
                obj.insert(
                    "journal".into(),
                    serde_json::Value::String(j.display().to_string()),
                );
            }
            obj.insert("finished".into(), standing.finished.into());
            obj.insert("verified".into(), standing.integrity.is_trusted().into());
        }
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    for w in standing.warnings() {
        println!("{w}");
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
    if score.harmful_actions > 0 {
        println!(
            "  {:<17} {:>5.1}         {} harmful action(s): harm costs beyond its part",
            "harm", -score.harm_penalty, score.harmful_actions
        );
    }
    println!(
        "  impact: {:.0} {}-minutes",
        score.impact, score.impact_unit
    );
}

pub fn resume(journal_path: &Path, drive: DriveArgs, trust: Trust) -> ExitCode {
    let driver = match drive.driver() {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let key = match JournalKey::load_default() {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    let (mut rec, j) = match Recorder::resume(journal_path, &key, trust) {
        Ok(x) => x,
        Err(e) => return journal_fail(e),
    };
    if let Some(w) = &j.warning {
        eprintln!("warning: {w}");
    }
    if j.is_finished() {
        return fail(format!(
            "{}: this session has already ended; see `misfortune score` or `misfortune report`",
            journal_path.display()
        ));
    }
    let integrity = j.integrity(&key);
    eprintln!(
        "resumed at {} on the simulated clock",
        rec.session().now().clock()
    );
    let applied = j
        .records
        .iter()
        .filter(|r| matches!(r, journal::Record::Command { .. }))
        .count();
    if let Err(e) = driver.run(&mut rec, applied) {
        return fail(e);
    }
    finish(&rec, journal_path, drive.json, integrity)
}

/// Read a journal, check it (refusing one modified after it was written unless `trust` allows
/// it; saying so when its tail was cut off) and replay it.
fn replayed(journal_path: &Path, trust: Trust) -> Result<(Journal, Session, Standing), ExitCode> {
    let key = JournalKey::load_default().map_err(fail)?;
    let (j, integrity) = Journal::read_checked(journal_path, &key, trust).map_err(journal_fail)?;
    if let Some(w) = &j.warning {
        eprintln!("warning: {w}");
    }
    let s = j.replay().map_err(journal_fail)?;
    let standing = Standing::of(j.is_finished(), integrity);
    Ok((j, s, standing))
}

pub fn score(journal_path: &Path, json: bool, trust: Trust) -> ExitCode {
    let (j, s, standing) = match replayed(journal_path, trust) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let score = misfortune_core::score::score(&s);
    if let Some(recorded) = j.recorded_score()
        && (recorded - score.total).abs() > 1e-9
    {
        eprintln!(
            "warning: the journal recorded a score of {recorded}, this version computes {}",
            score.total
        );
    }
    print_score(&score, json, None, standing);
    ExitCode::SUCCESS
}

pub fn report(
    journal_path: &Path,
    format: &str,
    out: Option<PathBuf>,
    force: bool,
    trust: Trust,
) -> ExitCode {
    let (j, s, standing) = match replayed(journal_path, trust) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let r = Report::of(&s, j.header.trainee.clone());
    let warnings = standing.warnings();
    let text = match format {
        "md" | "markdown" => {
            let marks: String = warnings.iter().map(|w| format!("> **{w}**\n\n")).collect();
            marks + &r.to_markdown()
        }
        "json" => {
            let mut v = serde_json::to_value(&r).unwrap_or_default();
            if let Some(obj) = v.as_object_mut() {
                obj.insert("finished".into(), standing.finished.into());
                obj.insert("verified".into(), standing.integrity.is_trusted().into());
            }
            serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
        }
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
