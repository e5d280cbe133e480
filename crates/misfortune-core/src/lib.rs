//! The engine-free core of Misfortune, a Wheel of Misfortune training simulator: the scenario
//! format and its loading, validation and solver; the simulation, scoring, the session journal and
//! the debrief report. No Bevy, no egui: the game and the CLI are thin
//! frontends over this crate.

pub mod author;
pub mod diagnostic;
pub mod journal;
pub mod lint;
pub mod load;
pub mod matcher;
pub mod model;
pub mod output;
pub mod personas;
pub mod progress;
pub mod report;
mod ron_error;
pub mod score;
pub mod script;
pub mod sim;
pub mod solver;
pub mod spans;
pub mod tags;
pub mod time;
pub mod validate;
pub mod view;
pub mod wheel;

pub use diagnostic::{Diagnostic, Level};
pub use load::{LoadedFile, load_all, load_bytes, load_file, load_str};
pub use model::Scenario;
pub use sim::{Actor, Command, Session};
pub use solver::{Solution, solve};
pub use time::SimTime;

/// A seed from the system clock, for sessions and spins that should differ run to run. The core
/// itself never reads the clock: callers pass this (or a fixed seed) in, and it is journaled.
pub fn clock_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
}

/// Seconds since the Unix epoch, for journal names, start times and "last played".
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
