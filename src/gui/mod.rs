//! The game: Bevy app with egui panels. Every rule lives in `misfortune-core`; this is a window
//! onto it. One plugin per file:
//!
//! | module | owns |
//! | --- | --- |
//! | `windows` | the windows, cameras and which egui context draws where |
//! | `ui` | types every screen shares (scenario folder, team mode, the root `Ui`) |
//! | `prefs` | interface scale and theme |
//! | `screens` | the screens, as states |
//! | `library` | the scenario library (assets of their own watched source) |
//! | `wheel` | the wheel and the volunteer picker |
//! | `wheel_fit` | the camera framing the wheel beside the side panel at any size and scale |
//! | `wheel_gaps` | the volunteer's gaps, from the progress store, for the wheel to lean towards |
//! | `wheel_reveal` | the pick revealed and the volunteer drawn, as cards over the wheel |
//! | `session` | a running session: messages, clock, views, the session screen |
//! | `service_map` | the services drawn with Bevy 2D by dependency and health, as an image |
//! | `gm_window` | the game master's console in its own window (team mode) |
//! | `debrief` | the debrief and its export |
//! | `progress` | onboarding: trainees' trends and readiness, the team's coverage |
//! | `panels` | the session's egui panels (plain functions returning intents) |
//! | `e2e`, `dev_tools` | the end-to-end check and frame measurements |

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::EguiPlugin;

mod debrief;
mod dev_tools;
mod e2e;
mod gm_window;
#[cfg(test)]
mod layout_tests;
mod library;
mod palette;
mod panels;
mod prefs;
mod progress;
mod screens;
mod service_map;
mod session;
mod ui;
mod wheel;
mod wheel_fit;
mod wheel_gaps;
mod wheel_reveal;
mod windows;

/// Open the game. `e2e`: run the end-to-end check into that folder and exit; `gm_window`: team
/// mode; `frame_stats`: measure the session screen for N frames of a scenario file and exit.
pub fn run(
    scenarios: PathBuf,
    e2e: Option<PathBuf>,
    gm_window: bool,
    frame_stats: Option<(usize, PathBuf)>,
) -> AppExit {
    let mut app = App::new();
    if let Some((n, scenario)) = frame_stats {
        app.insert_resource(dev_tools::FrameStats::new(n, scenario));
    }
    if gm_window {
        app.insert_resource(ui::TeamMode);
    }
    match session::Keyring::load() {
        Ok(k) => {
            app.insert_resource(k);
        }
        Err(e) => eprintln!("error: sessions cannot be journaled: {e}"),
    }
    if let Some(dir) = e2e {
        let _ = std::fs::create_dir_all(&dir);
        app.insert_resource(e2e::E2e::new(dir, gm_window));
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
    .insert_resource(ui::ScenarioDir(scenarios))
    .add_plugins((
        windows::plugin,
        prefs::plugin,
        screens::plugin,
        library::plugin,
        session::plugin,
        service_map::plugin,
        gm_window::plugin,
        debrief::plugin,
        progress::plugin,
        wheel::plugin,
        wheel_fit::plugin,
        e2e::plugin,
        dev_tools::plugin,
    ))
    .run()
}
