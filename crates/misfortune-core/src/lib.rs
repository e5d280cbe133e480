//! The engine-free core of Misfortune, a Wheel of Misfortune training simulator: the scenario
//! format and its loading, validation and solver. No Bevy, no egui: the game and the CLI are thin
//! frontends over this crate.

pub mod diagnostic;
pub mod load;
pub mod model;
pub mod solver;
pub mod spans;
pub mod time;
pub mod validate;

pub use diagnostic::{Diagnostic, Level};
pub use load::{LoadedFile, load_all, load_bytes, load_file, load_str};
pub use model::Scenario;
pub use solver::{Solution, solve};
pub use time::SimTime;
