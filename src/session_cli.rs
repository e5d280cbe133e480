//! Headless sessions from the command line: `play --headless`, `resume`, `score` and `report`.
//! Scripts and personas run to the end; with neither, an interactive line-mode session runs in
//! the terminal with the engine as game master.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use misfortune_core::journal::{self, Journal, JournalWriter, Mode, Recorder};
use misfortune_core::personas::{self, Persona};
use misfortune_core::report::{Report, write_atomic};
use misfortune_core::score::Score;
use misfortune_core::script;
use misfortune_core::view::TraineeView;
use misfortune_core::{Actor, Command, Session, SimTime, diagnostic, load_file};

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
            Driver::Interactive(speed) => interactive(rec, speed),
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
    let score = misfortune_core::score::score(&rec.session());
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

struct LineHelper {
    words: Vec<String>,
    ids: Vec<String>,
}

impl rustyline::completion::Completer for LineHelper {
    type Candidate = String;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let prefix = &before[start..];
        let pool = if start == 0 { &self.words } else { &self.ids };
        Ok((
            start,
            pool.iter()
                .filter(|w| w.starts_with(prefix))
                .cloned()
                .collect(),
        ))
    }
}
impl rustyline::hint::Hinter for LineHelper {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for LineHelper {}
impl rustyline::validate::Validator for LineHelper {}
impl rustyline::Helper for LineHelper {}

const HELP_EXTRA: &[(&str, &str)] = &[
    ("status", "the clock, alerts and what you are doing"),
    (
        "actions",
        "what you can do now, with each action's time cost",
    ),
    ("candidates", "the possible root causes for `diagnose`"),
    (
        "dashboards",
        "the latest values on the dashboards you have opened",
    ),
    (
        "logs ID [N]",
        "the last N lines (default 15) of a log you have opened",
    ),
    ("findings", "what you have found out"),
    ("briefing", "read the briefing again"),
    ("quit", "leave; the session can be resumed later"),
];

fn interactive(rec: &mut Recorder, speed: u32) -> Result<(), String> {
    let sc = rec.session().scenario_arc().clone();
    if speed != 1 {
        rec.command(Actor::Gm, Command::Speed { factor: speed })
            .map_err(|e| e.to_string())?;
    }
    let mut words: Vec<String> = script::WORDS
        .iter()
        .map(|(w, _)| w.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    words.extend(
        HELP_EXTRA
            .iter()
            .map(|(w, _)| w.split_whitespace().next().unwrap_or("").to_string()),
    );
    words.extend(["help", "wait", "jump"].map(String::from));
    words.sort();
    words.dedup();
    let mut ids: Vec<String> = sc.actions.iter().map(|a| a.id.clone()).collect();
    ids.extend(sc.root_cause.candidates.iter().map(|c| c.id.clone()));
    ids.extend(sc.logs.iter().map(|l| l.id.clone()));
    ids.extend(
        [
            "alert",
            "investigation",
            "escalation",
            "mitigation",
            "resolution",
            "communication",
            "symptom",
            "trigger",
        ]
        .map(String::from),
    );
    let mut editor = rustyline::Editor::<LineHelper, rustyline::history::DefaultHistory>::new()
        .map_err(|e| e.to_string())?;
    editor.set_helper(Some(LineHelper { words, ids }));

    let out = std::io::stdout();
    let mut shown = 0usize;
    {
        let mut o = out.lock();
        let _ = writeln!(o, "== {} ==\n{}\n", sc.title, sc.briefing);
        let _ = writeln!(
            o,
            "Type `help` for commands; Tab completes commands and ids. The clock runs x{} while you think.",
            rec.session().clock().speed
        );
    }
    let mut last = Instant::now();
    loop {
        // Let the clock run for the wall time that passed, at the session's speed.
        let elapsed = last.elapsed();
        last = Instant::now();
        if !rec.session().clock().paused {
            let sim = SimTime::from_ms(
                (elapsed.as_millis() as u64).saturating_mul(u64::from(rec.session().clock().speed)),
            );
            let to = rec.session().now() + sim;
            rec.advance_to(to).map_err(|e| e.to_string())?;
        }
        shown = print_feed(&rec.session(), shown);
        if rec.session().is_ended() {
            return Ok(());
        }
        let prompt = format!(
            "[{}{}] > ",
            rec.session().now().clock(),
            if rec.session().clock().paused {
                " paused"
            } else {
                ""
            }
        );
        let line = match editor.readline(&prompt) {
            Ok(l) => l,
            Err(
                rustyline::error::ReadlineError::Interrupted | rustyline::error::ReadlineError::Eof,
            ) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(line);
        let view = TraineeView::of(&rec.session());
        let mut o = out.lock();
        let (word, rest) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(w, r)| (w, r.trim()));
        match word {
            "help" | "?" => {
                for (w, d) in script::WORDS.iter().chain(HELP_EXTRA) {
                    let _ = writeln!(o, "  {w:<38} {d}");
                }
            }
            "quit" | "exit" => return Ok(()),
            "briefing" => {
                let _ = writeln!(o, "{}", view.briefing);
            }
            "status" => {
                let _ = writeln!(
                    o,
                    "clock {} (x{}{}), busy until {}",
                    view.now.clock(),
                    view.clock.speed,
                    if view.clock.paused { ", paused" } else { "" },
                    view.busy_until.clock()
                );
                for a in view.alerts.iter().filter(|a| a.firing) {
                    let _ = writeln!(
                        o,
                        "  FIRING [{:?}] {} on {}{}",
                        a.severity,
                        a.name,
                        a.service,
                        if a.acked { " (acked)" } else { "" }
                    );
                }
                for t in view.taken.iter().filter(|t| !t.done) {
                    let _ = writeln!(o, "  in progress: {} (done at {})", t.label, t.end.clock());
                }
            }
            "actions" => {
                for a in &view.actions {
                    let _ = writeln!(
                        o,
                        "  {:<28} {:>6}  {:?}: {}",
                        a.id,
                        a.cost.to_string(),
                        a.kind,
                        a.label
                    );
                }
            }
            "candidates" => {
                for c in &view.candidates {
                    let _ = writeln!(o, "  {:<20} {}", c.id, c.text);
                }
            }
            "findings" => {
                for f in &view.findings {
                    let _ = writeln!(o, "  [{}] {}", f.at.clock(), f.text);
                }
            }
            "dashboards" => {
                if view.dashboards.is_empty() {
                    let _ = writeln!(o, "  no dashboard open yet");
                }
                for d in &view.dashboards {
                    let _ = writeln!(o, "  {}", d.title);
                    for s in &d.series {
                        let last = s.points.last().map_or(0.0, |p| p.1);
                        let first = s.points.first().map_or(0.0, |p| p.1);
                        let _ = writeln!(
                            o,
                            "    {:<36} {:>10.2} {} (was {:.2} at 00:00)",
                            s.name, last, s.unit, first
                        );
                    }
                }
            }
            "logs" => {
                let mut parts = rest.split_whitespace();
                let id = parts.next().unwrap_or("");
                let n: usize = parts.next().and_then(|x| x.parse().ok()).unwrap_or(15);
                match view.logs.iter().find(|l| l.id == id) {
                    Some(l) => {
                        for line in l.lines.iter().rev().take(n).rev() {
                            let _ =
                                writeln!(o, "  {} {:?} {}", line.at.clock(), line.level, line.text);
                        }
                    }
                    None => {
                        let open: Vec<&str> = view.logs.iter().map(|l| l.id.as_str()).collect();
                        let _ = writeln!(
                            o,
                            "  no open log `{id}`; open logs: {}",
                            if open.is_empty() {
                                "none yet".into()
                            } else {
                                open.join(", ")
                            }
                        );
                    }
                }
            }
            _ => match script::parse_command(line) {
                Ok(cmd) => {
                    drop(o);
                    if let Err(e) = rec.command(Actor::Trainee, cmd) {
                        println!("  cannot: {e}");
                    }
                }
                Err(e) => {
                    let _ = writeln!(o, "  {e}");
                }
            },
        }
    }
}

fn print_feed(s: &Session, shown: usize) -> usize {
    let items: Vec<_> = s.feed().iter().filter(|f| f.trainee).collect();
    for f in items.iter().skip(shown) {
        println!("  [{}] {}", f.at.clock(), f.text);
    }
    items.len()
}
