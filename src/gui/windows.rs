//! The app's windows and cameras, spawned by one system so that which egui context belongs to
//! which window never depends on the order systems happen to run in.
//!
//! bevy_egui, left to itself, gives the primary egui context to the first new camera it finds.
//! With a second window's camera spawned in the same frame (team mode), that was either camera,
//! and when it was the game master's the main window stayed blank. So the automatic context is
//! turned off and the main window's camera carries [`PrimaryEguiContext`] from the moment it is
//! spawned; the game master's camera carries its own context, drawn in [`GmWindowPass`].

use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::window::WindowRef;
use bevy_egui::{EguiGlobalSettings, EguiSchedule, PrimaryEguiContext};

use super::ui::TeamMode;

/// The schedule that draws the game master's window in a team session.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct GmWindowPass;

/// The game master's window (team mode).
#[derive(Component, Debug)]
pub struct GmWindow;

/// The camera of the main window: the library, the wheel, the session and the debrief.
#[derive(Component, Debug)]
pub struct MainCamera;

/// The render layer of the game master's camera: nothing of the game world (the wheel) is drawn
/// behind the console.
const GM_LAYER: usize = 1;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_windows);
}

fn spawn_windows(
    mut commands: Commands,
    mut egui: ResMut<EguiGlobalSettings>,
    team: Option<Res<TeamMode>>,
) {
    egui.auto_create_primary_context = false;
    commands.spawn((Camera2d, MainCamera, PrimaryEguiContext));
    if team.is_none() {
        return;
    }
    let window = commands
        .spawn((
            Window {
                title: "Misfortune: game master".into(),
                resolution: (900, 960).into(),
                ..default()
            },
            GmWindow,
        ))
        .id();
    commands.spawn((
        Camera2d,
        Camera {
            order: 1,
            ..default()
        },
        RenderTarget::Window(WindowRef::Entity(window)),
        RenderLayers::layer(GM_LAYER),
        EguiSchedule::new(GmWindowPass),
    ));
}

#[cfg(test)]
mod tests {
    use bevy_egui::EguiContext;

    use super::*;

    /// The windows plugin with bevy_egui's own context set-up as `EguiPlugin` schedules it
    /// (the rest of egui needs a renderer, which a headless test has not got).
    fn app(team: bool) -> App {
        let mut app = App::new();
        app.add_plugins((
            MinimalPlugins,
            WindowPlugin {
                exit_condition: bevy::window::ExitCondition::DontExit,
                ..default()
            },
        ))
        .init_resource::<EguiGlobalSettings>()
        .add_systems(
            PreUpdate,
            bevy_egui::setup_primary_egui_context_system
                .run_if(|s: Res<EguiGlobalSettings>| s.auto_create_primary_context),
        )
        .add_plugins(plugin);
        if team {
            app.insert_resource(TeamMode);
        }
        app
    }

    /// Exactly the main camera holds the primary context.
    fn assert_primary_is_main(app: &mut App) {
        let world = app.world_mut();
        let primary: Vec<Entity> = world
            .query_filtered::<Entity, With<PrimaryEguiContext>>()
            .iter(world)
            .collect();
        let main: Vec<Entity> = world
            .query_filtered::<Entity, With<MainCamera>>()
            .iter(world)
            .collect();
        assert_eq!(primary, main, "exactly the main camera is primary");
    }

    /// Every start, the main window's camera holds the one primary context and the game
    /// master's camera holds its own (the race that left the projector blank).
    #[test]
    fn the_main_camera_always_holds_the_primary_context() {
        for _ in 0..20 {
            let mut app = app(true);
            for _ in 0..3 {
                app.update();
            }
            assert_primary_is_main(&mut app);
            let world = app.world_mut();
            let contexts = world
                .query_filtered::<Entity, With<EguiContext>>()
                .iter(world)
                .count();
            assert_eq!(contexts, 2, "one context per window");
            let gm_cameras: Vec<RenderTarget> = world
                .query_filtered::<&RenderTarget, (With<EguiSchedule>, Without<MainCamera>)>()
                .iter(world)
                .cloned()
                .collect();
            let gm_window = world
                .query_filtered::<Entity, With<GmWindow>>()
                .single(world)
                .unwrap();
            assert!(matches!(
                gm_cameras.as_slice(),
                [RenderTarget::Window(WindowRef::Entity(w))] if *w == gm_window
            ));
        }
    }

    /// The main window's context does not depend on which camera bevy_egui sees first: here a
    /// second window's camera (with its own context) exists before the main one.
    #[test]
    fn the_primary_context_does_not_depend_on_spawn_order() {
        let mut app = app(true);
        app.add_systems(PreStartup, |mut commands: Commands| {
            let w = commands.spawn(Window::default()).id();
            commands.spawn((
                Camera2d,
                RenderTarget::Window(WindowRef::Entity(w)),
                EguiSchedule::new(GmWindowPass),
            ));
        });
        app.update();
        app.update();
        assert_primary_is_main(&mut app);
    }

    #[test]
    fn without_team_mode_there_is_one_window_and_one_context() {
        let mut app = app(false);
        app.update();
        let world = app.world_mut();
        assert_eq!(
            world
                .query_filtered::<Entity, With<EguiContext>>()
                .iter(world)
                .count(),
            1
        );
        assert_eq!(
            world
                .query_filtered::<Entity, With<GmWindow>>()
                .iter(world)
                .count(),
            0
        );
    }
}
