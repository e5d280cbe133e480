//! Session panels: plain egui functions over read-only view data that return what the user asked
//! for. The trainee panels see only the redacted
//! [`TraineeView`](misfortune_core::view::TraineeView); the game master's console sees
//! the [`GmView`](misfortune_core::view::GmView). Nothing here decides a game rule.

use bevy_egui::egui::Color32;
use misfortune_core::Command;
use misfortune_core::model::{EventKind, Severity};
use misfortune_core::view::Health;

mod gm;
mod trainee;

pub use gm::gm_panel;
pub use trainee::trainee_panel;

/// Something the trainee asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum TraineeIntent {
    Command(Command),
}

/// Something the game master asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum GmIntent {
    Command(Command),
}

/// What the trainee is typing, kept between frames.
#[derive(Debug, Clone, Default)]
pub struct TraineeForm {
    /// What the trainee is typing in the command line (recall play).
    pub command: String,
    /// Lines said so far, for Up and Down.
    pub history: Vec<String>,
    /// Where Up and Down are in the history.
    pub history_at: Option<usize>,
    /// "Declare resolved" was pressed: ask whether to end the session.
    pub confirm_end: bool,
    pub action_filter: String,
    pub candidate: Option<String>,
    pub diagnosis_text: String,
    pub note: String,
    pub timeline_kind: Option<EventKind>,
    pub timeline_text: String,
    pub log_filter: String,
}

/// What the game master is typing, kept between frames.
#[derive(Debug, Clone, Default)]
pub struct GmForm {
    pub persona: Option<String>,
    pub message: String,
    /// Unmatched lines already ruled on (by their time and text), so they leave the queue.
    pub ruled: Vec<(misfortune_core::SimTime, String)>,
}

pub(super) fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Critical => Color32::from_rgb(235, 87, 87),
        Severity::Warning => Color32::from_rgb(242, 180, 60),
        Severity::Info => Color32::from_rgb(120, 170, 240),
    }
}

pub(super) fn health_color(h: Health) -> Color32 {
    match h {
        Health::Healthy => Color32::from_rgb(90, 190, 110),
        Health::Degraded => Color32::from_rgb(242, 180, 60),
        Health::Down => Color32::from_rgb(235, 87, 87),
    }
}

#[cfg(test)]
mod tests;
