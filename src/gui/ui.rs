//! Types every screen shares: where scenarios come from, whether a game master's window is open,
//! and the full-window root `Ui` that panels are drawn in. They live here, beside the screens, so
//! no screen imports from the module that assembles the app.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::egui;

/// Where the scenarios are read from.
#[derive(Resource, Debug, Clone)]
pub struct ScenarioDir(pub PathBuf);

/// Team mode: the game master's console opens in a second window.
#[derive(Resource, Debug, Clone, Copy)]
pub struct TeamMode;

/// A full-window root `Ui` for this frame (egui 0.36 panels are shown inside a `Ui`).
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The app's config folder: `MISFORTUNE_CONFIG_DIR`, or the user's config folder. The roster and
/// the display preferences live here.
pub fn config_dir() -> Option<PathBuf> {
    crate::paths::config_dir()
}
