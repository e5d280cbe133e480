//! The game: Bevy app with egui panels. Every rule lives in `misfortune-core`; this is a window
//! onto it. One plugin per file.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::EguiPlugin;

mod debrief;
mod e2e;
mod library;
mod panels;
mod screens;
mod session;
mod wheel;

/// Where the scenarios are read from.
#[derive(Resource, Debug, Clone)]
pub struct ScenarioDir(pub PathBuf);

/// Team mode: the game master's console opens in a second window.
#[derive(Resource, Debug, Clone, Copy)]
pub struct TeamMode;

pub fn run(
    scenarios: PathBuf,
    e2e: Option<PathBuf>,
    gm_window: bool,
    frame_stats: Option<usize>,
) -> AppExit {
    let mut app = App::new();
    if let Some(n) = frame_stats {
        app.insert_resource(session::FrameStats {
            wanted: n.max(1),
            samples: Vec::new(),
            frames: Vec::new(),
        })
        .add_systems(PostStartup, session::start_stress)
        .add_systems(Update, session::record_frame_time);
    }
    if gm_window {
        app.insert_resource(TeamMode)
            .add_systems(Startup, session::open_gm_window)
            .add_systems(session::GmWindowPass, session::show_gm_window);
    }
    if let Some(dir) = e2e {
        let _ = std::fs::create_dir_all(&dir);
        app.insert_resource(e2e::E2e::new(dir));
    }
    // Scenario files are assets of their own source, watched for changes.
    let absolute = std::fs::canonicalize(&scenarios).unwrap_or_else(|_| scenarios.clone());
    app.register_asset_source(
        "scenarios",
        bevy::asset::io::AssetSourceBuilder::platform_default(
            &absolute.display().to_string(),
            None,
        ),
    );
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Misfortune".into(),
                    resolution: (1600, 960).into(),
                    ..default()
                }),
                ..default()
            })
            .set(AssetPlugin {
                watch_for_changes_override: Some(true),
                ..default()
            }),
    )
    .register_asset_loader(library::ScenarioLoader {
        dir: scenarios.clone(),
    })
    .add_plugins(EguiPlugin::default())
    .insert_resource(ScenarioDir(scenarios))
    .add_plugins((
        screens::plugin,
        library::plugin,
        session::plugin,
        debrief::plugin,
        wheel::plugin,
        e2e::plugin,
    ))
    .init_resource::<UiPrefs>()
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    })
    .add_systems(Update, ui_prefs_keys)
    .add_systems(bevy_egui::EguiPrimaryContextPass, apply_ui_prefs)
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

/// Display preferences: zoom for projectors, and the theme.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct UiPrefs {
    pub zoom: f32,
    pub dark: bool,
}

impl Default for UiPrefs {
    fn default() -> Self {
        UiPrefs {
            zoom: 1.0,
            dark: true,
        }
    }
}

impl UiPrefs {
    pub fn zoom_in(&mut self) {
        self.zoom = (self.zoom + 0.1).min(3.0);
    }
    pub fn zoom_out(&mut self) {
        self.zoom = (self.zoom - 0.1).max(0.5);
    }
}

/// Ctrl + / Ctrl - scale the interface (for projectors), Ctrl 0 resets it, Ctrl T switches theme.
fn ui_prefs_keys(keys: Res<ButtonInput<KeyCode>>, mut prefs: ResMut<UiPrefs>) {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    if !ctrl {
        return;
    }
    if keys.any_just_pressed([KeyCode::Equal, KeyCode::NumpadAdd]) {
        prefs.zoom_in();
    }
    if keys.any_just_pressed([KeyCode::Minus, KeyCode::NumpadSubtract]) {
        prefs.zoom_out();
    }
    if keys.just_pressed(KeyCode::Digit0) {
        prefs.zoom = 1.0;
    }
    if keys.just_pressed(KeyCode::KeyT) {
        prefs.dark = !prefs.dark;
    }
}

fn apply_ui_prefs(
    mut contexts: bevy_egui::EguiContexts,
    prefs: Res<UiPrefs>,
    mut applied: Local<Option<UiPrefs>>,
) -> Result {
    if applied.as_ref() == Some(&*prefs) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.set_zoom_factor(prefs.zoom);
    ctx.set_visuals(if prefs.dark {
        bevy_egui::egui::Visuals::dark()
    } else {
        bevy_egui::egui::Visuals::light()
    });
    *applied = Some(prefs.clone());
    Ok(())
}
