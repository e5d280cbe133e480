//! Misfortune: a Wheel of Misfortune training simulator for SRE and on-call teams.
//!
//! `misfortune` alone opens the game (with the default `gui` feature); the subcommands are the
//! authoring and headless tools, which build without Bevy (`--no-default-features`).

mod author_cli;
mod cli;
#[cfg(feature = "gui")]
mod gui;
mod line_mode;
mod lint_cli;
mod paths;
mod progress_cli;
mod session_cli;
mod sparkline;

fn main() -> std::process::ExitCode {
    cli::main()
}
