//! Session panels: plain egui functions over read-only view data that return what the user asked
//! for. The trainee panels see only the redacted
//! [`TraineeView`](misfortune_core::view::TraineeView); the game master's console sees
//! the [`GmView`](misfortune_core::view::GmView). Nothing here decides a game rule.

use bevy_egui::egui::Color32;
use misfortune_core::Command;
use misfortune_core::model::EventKind;
use misfortune_core::view::Health;

mod gm;
mod telemetry;
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
    /// The service map's image (drawn by the `service_map` plugin), when there is one.
    pub service_map: Option<bevy_egui::egui::TextureId>,
}

/// What the game master is typing, kept between frames.
#[derive(Debug, Clone, Default)]
pub struct GmForm {
    pub persona: Option<String>,
    pub message: String,
    /// Unmatched lines already ruled on (by their time and text), so they leave the queue.
    pub ruled: Vec<(misfortune_core::SimTime, String)>,
}

/// A service's health dot, in the theme's colours.
pub(super) fn health_color(h: Health, dark: bool) -> Color32 {
    use crate::gui::palette::Role;
    match h {
        Health::Healthy => Role::Good,
        Health::Degraded => Role::Warning,
        Health::Down => Role::Critical,
    }
    .color(dark)
}

#[cfg(test)]
mod tests;
