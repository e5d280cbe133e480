//! The game: Bevy app with egui panels. Every rule lives in `misfortune-core`; this is a window
//! onto it. One plugin per file.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::EguiPlugin;

mod debrief;
mod library;
mod panels;
mod screens;
mod session;
mod wheel;

/// Where the scenarios are read from.
#[derive(Resource, Debug, Clone)]
pub struct ScenarioDir(pub PathBuf);

pub fn run(scenarios: PathBuf) -> AppExit {
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Misfortune".into(),
                resolution: (1600, 960).into(),
                ..default()
            }),
            ..default()
        }))
        .add_plugins(EguiPlugin::default())
        .insert_resource(ScenarioDir(scenarios))
        .add_plugins((
            screens::plugin,
            library::plugin,
            session::plugin,
            debrief::plugin,
            wheel::plugin,
        ))
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .run()
}

/// A full-window root `Ui` for this frame (egui 0.36 panels are shown inside a `Ui`).
pub fn root_ui(ctx: &bevy_egui::egui::Context) -> bevy_egui::egui::Ui {
    use bevy_egui::egui;
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}
