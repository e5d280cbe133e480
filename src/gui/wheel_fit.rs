//! The wheel fits the room: on the wheel screen the main camera is scaled and moved so the
//! wheel fills the space left of the side panel, whatever the window's size and the interface
//! scale (at projector scale the panel takes far more of the window).

use bevy::prelude::*;

use super::screens::Screen;
use super::wheel::{RADIUS, WHEEL_X, WheelState};
use super::windows::MainCamera;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, fit_camera.run_if(in_state(Screen::Wheel)))
        .add_systems(OnExit(Screen::Wheel), reset_camera);
}

/// World units the wheel needs across: its diameter, the pointer and a margin.
const NEEDED: f32 = 2.0 * RADIUS + 100.0;

/// The camera's scale (world units per pixel) and centre for a window of `window` pixels whose
/// right `panel` pixels are covered by the side panel. Pure, so it is tested.
pub fn fit(window: Vec2, panel: f32) -> (f32, Vec2) {
    let free = Vec2::new((window.x - panel).max(1.0), window.y.max(1.0));
    let scale = (NEEDED / free.x).max(NEEDED / free.y).max(0.5);
    // The wheel's centre sits in the middle of the free area, left of the panel.
    let centre = Vec2::new(WHEEL_X + scale * panel / 2.0, 15.0);
    (scale, centre)
}

fn fit_camera(
    state: Option<Res<WheelState>>,
    windows: Query<&Window, With<bevy::window::PrimaryWindow>>,
    mut camera: Query<(&mut Transform, &mut Projection), With<MainCamera>>,
) {
    let (Some(state), Ok(window), Ok((mut t, mut p))) =
        (state, windows.single(), camera.single_mut())
    else {
        return;
    };
    let (scale, centre) = fit(
        Vec2::new(
            window.physical_width() as f32,
            window.physical_height() as f32,
        ),
        state.panel_px,
    );
    if let Projection::Orthographic(o) = &mut *p
        && (o.scale - scale).abs() > 1e-3
    {
        o.scale = scale;
    }
    if t.translation.truncate().distance(centre) > 0.5 {
        t.translation = centre.extend(t.translation.z);
    }
}

fn reset_camera(mut camera: Query<(&mut Transform, &mut Projection), With<MainCamera>>) {
    if let Ok((mut t, mut p)) = camera.single_mut() {
        t.translation = Vec3::new(0.0, 0.0, t.translation.z);
        if let Projection::Orthographic(o) = &mut *p {
            o.scale = 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a world point lands on screen, in pixels from the left and top.
    fn on_screen(p: Vec2, window: Vec2, scale: f32, centre: Vec2) -> Vec2 {
        Vec2::new(
            (p.x - centre.x) / scale + window.x / 2.0,
            window.y / 2.0 - (p.y - centre.y) / scale,
        )
    }

    #[test]
    fn the_wheel_stays_left_of_the_panel_and_inside_the_window() {
        for window in [Vec2::new(1280.0, 720.0), Vec2::new(1920.0, 1080.0)] {
            for ui_scale in [1.0, 1.5, 2.0, 2.5] {
                let panel = (420.0_f32).min(window.x / ui_scale * 0.35).max(240.0) * ui_scale;
                let (scale, centre) = fit(window, panel);
                for edge in [
                    Vec2::new(WHEEL_X - RADIUS, 0.0),
                    Vec2::new(WHEEL_X + RADIUS, 0.0),
                    Vec2::new(WHEEL_X, RADIUS + 30.0),
                    Vec2::new(WHEEL_X, -RADIUS),
                ] {
                    let s = on_screen(edge, window, scale, centre);
                    assert!(
                        s.x >= 0.0 && s.x <= window.x - panel && s.y >= 0.0 && s.y <= window.y,
                        "{window} at x{ui_scale}: {edge} lands at {s}, panel {panel}"
                    );
                }
            }
        }
    }
}
