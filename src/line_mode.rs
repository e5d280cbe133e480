//! The terminal's interactive line mode (`play --headless` with neither script nor persona):
//! Tab completion, the clock running while the trainee thinks, view commands, and session
//! commands in the script syntax.

use std::io::Write;
use std::time::Instant;

use misfortune_core::journal::Recorder;
use misfortune_core::script;
use misfortune_core::view::TraineeView;
use misfortune_core::{Actor, Command, Scenario, Session, SimTime};

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
    (
        "changes",
        "the change log: deploys, config pushes, flags, with their times",
    ),
    ("briefing", "read the briefing again"),
    ("quit", "leave; the session can be resumed later"),
];

/// The interactive line mode: the clock runs while the trainee types; view commands print what
/// the trainee can see, anything else is a session command.
pub fn interactive(rec: &mut Recorder, speed: u32) -> Result<(), String> {
    let sc = rec.session().scenario_arc().clone();
    if speed != 1 {
        rec.command(Actor::Gm, Command::Speed { factor: speed })
            .map_err(|e| e.to_string())?;
    }
    let mut editor = line_editor(&sc)?;
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
        run_clock(rec, &mut last)?;
        shown = print_feed(rec.session(), shown);
        if rec.session().is_ended() {
            return Ok(());
        }
        let prompt = format!(
            "[{}{}] > ",
            rec.session().scenario().stamp(rec.session().now()),
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
        let (word, rest) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(w, r)| (w, r.trim()));
        match word {
            "help" | "?" => {
                for (w, d) in script::WORDS.iter().chain(HELP_EXTRA) {
                    println!("  {w:<38} {d}");
                }
            }
            "quit" | "exit" => return Ok(()),
            _ => {
                let view = TraineeView::of(rec.session());
                if !view_command(word, rest, &view, &mut out.lock()) {
                    // A line that is not a command is what the trainee does, in their words.
                    let parsed = script::parse_command(line).or_else(|e| {
                        if e.starts_with("unknown command") {
                            Ok(Command::Do {
                                text: line.to_string(),
                            })
                        } else {
                            Err(e)
                        }
                    });
                    match parsed {
                        Ok(cmd) => {
                            if let Err(e) = rec.command(Actor::Trainee, cmd) {
                                println!("  cannot: {e}");
                            }
                        }
                        Err(e) => println!("  {e}"),
                    }
                }
            }
        }
    }
}

/// A line editor that completes command words and the scenario's ids.
fn line_editor(
    sc: &Scenario,
) -> Result<rustyline::Editor<LineHelper, rustyline::history::DefaultHistory>, String> {
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
    Ok(editor)
}

/// Let the clock run for the wall time that passed, at the session's speed.
fn run_clock(rec: &mut Recorder, last: &mut Instant) -> Result<(), String> {
    let elapsed = last.elapsed();
    *last = Instant::now();
    if !rec.session().clock().paused {
        let sim = SimTime::from_ms(
            (elapsed.as_millis() as u64).saturating_mul(u64::from(rec.session().clock().speed)),
        );
        let to = rec.session().now() + sim;
        rec.advance_to(to).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The words of the view commands, which also work in scripts.
const VIEW_WORDS: &[&str] = &[
    "briefing",
    "status",
    "actions",
    "candidates",
    "findings",
    "dashboards",
    "changes",
    "logs",
];

pub fn is_view_command(word: &str) -> bool {
    VIEW_WORDS.contains(&word)
}

/// Print a view command's output (for scripts).
pub fn show_view(word: &str, rest: &str, view: &TraineeView, o: &mut impl Write) {
    let _ = writeln!(o, "[{}] {word} {rest}", view.stamp(view.now));
    view_command(word, rest, view, o);
}

/// The view commands (`status`, `actions`, `dashboards`, ...): print what the trainee can see.
/// Returns false when `word` is not one of them.
fn view_command(word: &str, rest: &str, view: &TraineeView, o: &mut impl Write) -> bool {
    match word {
        "briefing" => {
            let _ = writeln!(o, "{}", view.briefing);
        }
        "status" => {
            let _ = writeln!(
                o,
                "clock {} (T+{}, x{}{}), busy until {}",
                view.stamp(view.now),
                view.now.clock(),
                view.clock.speed,
                if view.clock.paused { ", paused" } else { "" },
                view.short_stamp(view.busy_until)
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
                let _ = writeln!(
                    o,
                    "  in progress: {} (done at {})",
                    t.label,
                    view.short_stamp(t.end)
                );
            }
        }
        "actions" if view.play_mode == misfortune_core::sim::PlayMode::Recall => {
            let _ = writeln!(
                o,
                "  Say what you do, in your own words (`do ...`, or just type it): open a service's dashboard or metrics, read its logs, look at recent changes, ask or page someone, declare, post a status update, or any step you would take."
            );
        }
        "candidates" if view.candidates.is_empty() => {
            let _ = writeln!(
                o,
                "  Say what you think the cause is: `diagnose - TEXT`{}",
                if view.play_mode == misfortune_core::sim::PlayMode::Guided {
                    " (the candidates appear once you have)"
                } else {
                    ""
                }
            );
        }
        "actions" => {
            for a in view.actions.iter().filter(|a| !a.used) {
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
                let _ = writeln!(o, "  [{}] {}", view.short_stamp(f.at), f.text);
            }
        }
        "dashboards" => print_dashboards(view, o),
        "changes" => {
            if view.changes.is_empty() {
                let _ = writeln!(o, "  the change log is empty");
            }
            for c in &view.changes {
                let _ = writeln!(o, "  {:>18}  {:<16} {}", c.when, c.service, c.text);
            }
        }
        "logs" => print_log(rest, view, o),
        _ => return false,
    }
    true
}

fn print_feed(s: &Session, shown: usize) -> usize {
    let items: Vec<_> = s.feed().iter().filter(|f| f.trainee).collect();
    for f in items.iter().skip(shown) {
        println!("  [{}] {}", s.scenario().stamp(f.at), f.text);
    }
    items.len()
}

/// The latest value on each open dashboard, and where it started.
fn print_dashboards(view: &TraineeView, o: &mut impl Write) {
    if view.dashboards.is_empty() {
        let _ = writeln!(o, "  no dashboard open yet");
    }
    for d in &view.dashboards {
        let _ = writeln!(o, "  {}", d.title);
        for s in &d.series {
            let last = s.points.last().map_or(0.0, |p| p.1);
            let alerts: String = s
                .thresholds
                .iter()
                .map(|(level, name)| format!(" (alert \"{name}\" at {level})"))
                .collect();
            let _ = writeln!(o, "    {:<36} now {:.2} {}{alerts}", s.name, last, s.unit);
            if let Some(sp) = crate::sparkline::sparkline(&s.points, view.now, 48) {
                let moved = sp
                    .steepest
                    .map(|t| format!(", moved most at {}", view.short_stamp(t)))
                    .unwrap_or_default();
                let _ = writeln!(
                    o,
                    "      {} {} to {}, {:.2} to {:.2}{moved}",
                    sp.line,
                    view.short_stamp(SimTime::ZERO),
                    view.short_stamp(view.now),
                    sp.min,
                    sp.max
                );
            }
        }
    }
}

/// The last N lines (default 15) of an open log.
fn print_log(rest: &str, view: &TraineeView, o: &mut impl Write) {
    let mut parts = rest.split_whitespace();
    let id = parts.next().unwrap_or("");
    let n: usize = parts.next().and_then(|x| x.parse().ok()).unwrap_or(15);
    match view.logs.iter().find(|l| l.id == id) {
        Some(l) => {
            for line in l.lines.iter().rev().take(n).rev() {
                let _ = writeln!(
                    o,
                    "  {} {:?} {}",
                    view.stamp(line.at),
                    line.level,
                    line.text
                );
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
