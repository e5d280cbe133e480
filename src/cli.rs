//! Command-line tools: validation (and, as they arrive, headless play, scoring and reports).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use misfortune_core::{LoadedFile, diagnostic, load_all};

use crate::session_cli::DriveArgs;

#[derive(Parser)]
#[command(
    name = "misfortune",
    version,
    about = "Wheel of Misfortune: incident-response training for SRE and on-call teams"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The scenario folder the game reads.
    #[arg(long, default_value = "scenarios", global = true)]
    scenarios: PathBuf,
    /// Team mode: open the game master's console in a second window (the first is the trainee's
    /// view, for the projector).
    #[arg(long)]
    gm_window: bool,
    /// Measure the session screen for N frames on the scenario named by `--frame-stats-scenario`
    /// (the generated stress scenario: `cargo run -p misfortune-core --example stress_scenario --
    /// stress.ron`), print the CPU time per frame (mean, p99), then exit.
    #[arg(long, hide = true)]
    frame_stats: Option<usize>,
    #[arg(long, hide = true, default_value = "stress.ron")]
    frame_stats_scenario: PathBuf,
    /// Run the game's end-to-end check, saving screenshots into this folder, then exit.
    #[arg(long, hide = true)]
    e2e: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Which action a line a trainee might type matches (or none, or "ambiguous"), the runner-up
    /// and the words that decided: the matcher play uses, for checking an action's phrases.
    Match {
        scenario: PathBuf,
        /// What a trainee might type, such as "roll back the waf rule".
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// Check scenario files (or folders of them): format, references, times, and that each can be solved.
    Validate {
        /// Scenario files or folders (searched for `*.ron`).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print machine-readable diagnostics (JSON) instead of rendered ones.
        #[arg(long)]
        json: bool,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Print each scenario's shortest solving path.
        #[arg(long)]
        explain: bool,
    },
    /// Check scenarios for training value: the answer named in the title, self-labelling texts,
    /// personas that confess, a world that does not react, the scripted personas' bounds (see
    /// docs/authoring.md, "Lints"). Files must validate first.
    Lint {
        /// Scenario files or folders (searched for `*.ron`).
        #[arg(required_unless_present = "list")]
        paths: Vec<PathBuf>,
        /// Print machine-readable findings (JSON).
        #[arg(long)]
        json: bool,
        /// Fail on any warning.
        #[arg(long)]
        deny_warnings: bool,
        /// List the lints and what each looks for.
        #[arg(long)]
        list: bool,
    },
    /// Play a scenario. `--headless` plays in the terminal: with a script or a persona it runs to
    /// the end and prints the score; with neither it is an interactive session.
    Play {
        scenario: PathBuf,
        /// Play in the terminal (no game window).
        #[arg(long)]
        headless: bool,
        /// The seed for everything random in the session (default: from the clock; it is journaled).
        #[arg(long)]
        seed: Option<u64>,
        #[command(flatten)]
        drive: DriveArgs,
        /// Where journals are written (default: the user's data folder).
        #[arg(long)]
        sessions_dir: Option<PathBuf>,
        /// The trainee's name, for the report.
        #[arg(long)]
        trainee: Option<String>,
        /// recall: say what you do in your own words (the default); guided: a palette of the
        /// scenario's actions, for a first session.
        #[arg(long, default_value = "recall")]
        mode: misfortune_core::sim::PlayMode,
    },
    /// Continue an unfinished session from its journal.
    Resume {
        journal: PathBuf,
        #[command(flatten)]
        drive: DriveArgs,
        /// Resume a journal that was modified after it was written.
        #[arg(long)]
        allow_unverified: bool,
    },
    /// Recompute a session's score from its journal.
    Score {
        journal: PathBuf,
        #[arg(long)]
        json: bool,
        /// Score a journal that was modified after it was written (the output says so).
        #[arg(long)]
        allow_unverified: bool,
    },
    /// Start a scenario: a skeleton with every section present and commented.
    New {
        /// The scenario id (also the file name).
        id: String,
        /// Fill it from a postmortem: Markdown, or a structured JSON record.
        #[arg(long, conflicts_with = "template")]
        from_postmortem: Option<PathBuf>,
        /// Start from a common incident's shape: bad-deploy, config-push, capacity,
        /// dependency-outage, data-loss or network.
        #[arg(long)]
        template: Option<String>,
        /// Where minute 0 goes: `detection` (the first page, the default), `trigger`, or a time
        /// of day such as `09:48`.
        #[arg(long, default_value = "detection")]
        zero: misfortune_core::author::Zero,
        /// Where to write it (default: scenarios/ID.ron).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Turn a Markdown postmortem, a postmortem record (JSON) or a classic Wheel of Misfortune
    /// incident list (incidents/*.json) into scenario skeletons.
    Import {
        file: PathBuf,
        /// Where minute 0 goes: `detection` (the first page, the default), `trigger`, or a time
        /// of day such as `09:48`.
        #[arg(long, default_value = "detection")]
        zero: misfortune_core::author::Zero,
        /// The output file (one scenario) or folder (default: scenarios/).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace files that exist.
        #[arg(long)]
        force: bool,
    },
    /// Onboarding progress from the journals: each trainee's sessions, skill coverage by tag,
    /// the team's coverage, and readiness against the team's checklist.
    Progress(crate::progress_cli::ProgressArgs),
    /// Write the debrief: a postmortem draft of a session.
    Report {
        journal: PathBuf,
        /// md or json.
        #[arg(long, default_value = "md")]
        format: String,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Report on a journal that was modified after it was written (the report says so).
        #[arg(long)]
        allow_unverified: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate {
            paths,
            json,
            deny_warnings,
            explain,
        }) => validate(&paths, json, deny_warnings, explain),
        Some(Command::Lint {
            paths,
            json,
            deny_warnings,
            list,
        }) => crate::lint_cli::lint(&paths, json, deny_warnings, list),
        Some(Command::Match {
            scenario,
            text,
            json,
        }) => crate::author_cli::match_line(&scenario, &text, json),
        Some(Command::Play {
            scenario,
            headless,
            seed,
            drive,
            sessions_dir,
            trainee,
            mode,
        }) => {
            if !headless {
                eprintln!(
                    "error: sessions in the game window start from the app's library; use `--headless` to play in the terminal"
                );
                return ExitCode::from(2);
            }
            crate::session_cli::play(crate::session_cli::PlayArgs {
                scenario,
                seed,
                sessions_dir,
                trainee,
                drive,
                mode,
            })
        }
        Some(Command::Resume {
            journal,
            drive,
            allow_unverified,
        }) => crate::session_cli::resume(&journal, drive, trust(allow_unverified)),
        Some(cmd @ (Command::New { .. } | Command::Import { .. })) => authoring(cmd),
        Some(Command::Progress(args)) => crate::progress_cli::progress(args),
        Some(Command::Score {
            journal,
            json,
            allow_unverified,
        }) => crate::session_cli::score(&journal, json, trust(allow_unverified)),
        Some(Command::Report {
            journal,
            format,
            output,
            force,
            allow_unverified,
        }) => crate::session_cli::report(&journal, &format, output, force, trust(allow_unverified)),
        #[cfg(feature = "gui")]
        None => {
            let frame_stats = cli.frame_stats.map(|n| (n, cli.frame_stats_scenario));
            if crate::gui::run(cli.scenarios, cli.e2e, cli.gm_window, frame_stats).is_success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        #[cfg(not(feature = "gui"))]
        None => {
            let _ = (
                cli.scenarios,
                cli.e2e,
                cli.gm_window,
                cli.frame_stats,
                cli.frame_stats_scenario,
            );
            eprintln!(
                "misfortune: this build has no game window (built without the `gui` feature); try `misfortune --help`"
            );
            ExitCode::from(2)
        }
    }
}

fn validate(paths: &[PathBuf], json: bool, deny_warnings: bool, explain: bool) -> ExitCode {
    let (files, problems) = load_all(paths);
    let failed = |f: &LoadedFile| f.errors() > 0 || (deny_warnings && f.warnings() > 0);
    let ok = problems.is_empty() && !files.iter().any(failed);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let report = serde_json::json!({
            "ok": ok,
            "files": files.iter().map(|f| serde_json::json!({
                "file": f.name,
                "id": f.scenario.as_ref().map(|s| s.id.clone()),
                "valid": !failed(f),
                "errors": f.errors(),
                "warnings": f.warnings(),
                "diagnostics": f.diagnostics,
                "solution": f.solution,
            })).collect::<Vec<_>>(),
            "problems": problems,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        let color = std::io::stderr().is_terminal();
        let mut err = std::io::stderr().lock();
        for p in &problems {
            let _ = writeln!(err, "{p}");
        }
        for f in &files {
            if !f.diagnostics.is_empty() {
                let _ = write!(
                    err,
                    "{}",
                    diagnostic::render(&f.diagnostics, &f.source, color)
                );
            }
            let verdict = if failed(f) { "FAILED" } else { "ok" };
            let id = f
                .scenario
                .as_ref()
                .map(|s| format!(" ({})", s.id))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{verdict:>6}  {}{id}: {} error(s), {} warning(s)",
                f.name,
                f.errors(),
                f.warnings()
            );
            if explain && let Some(sol) = &f.solution {
                let _ = write!(out, "{}", sol.explain());
            }
        }
        let total_err: usize = files.iter().map(LoadedFile::errors).sum::<usize>() + problems.len();
        let total_warn: usize = files.iter().map(LoadedFile::warnings).sum();
        let _ = writeln!(
            out,
            "{} scenario file(s): {} error(s), {} warning(s){}",
            files.len(),
            total_err,
            total_warn,
            if ok { "" } else { " — validation failed" }
        );
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `new` and `import`.
fn authoring(cmd: Command) -> ExitCode {
    match cmd {
        Command::New {
            id,
            from_postmortem,
            template,
            zero,
            output,
            force,
        } => crate::author_cli::new(
            &id,
            crate::author_cli::Start {
                from: from_postmortem,
                template,
            },
            output,
            force,
            &misfortune_core::author::ImportOptions { zero },
        ),
        Command::Import {
            file,
            zero,
            output,
            force,
        } => crate::author_cli::import(
            &file,
            output,
            force,
            &misfortune_core::author::ImportOptions { zero },
        ),
        _ => ExitCode::FAILURE,
    }
}

fn trust(allow_unverified: bool) -> misfortune_core::journal::Trust {
    if allow_unverified {
        misfortune_core::journal::Trust::AllowUnverified
    } else {
        misfortune_core::journal::Trust::Verified
    }
}
