//! The session's simulated clock in the app: real time times the session's speed, applied in
//! whole milliseconds through the journaled recorder; and the clock's keys.

use bevy::prelude::*;
use bevy_egui::EguiContexts;
use misfortune_core::{Actor, Command, SimTime};

use super::ActiveSession;

/// The keys for each clock speed (x1, x5, x30, x60, x120).
const SPEED_KEYS: [(KeyCode, u32); 5] = [
    (KeyCode::Digit1, 1),
    (KeyCode::Digit2, 5),
    (KeyCode::Digit3, 30),
    (KeyCode::Digit4, 60),
    (KeyCode::Digit5, 120),
];

pub(super) fn tick_clock(time: Res<Time>, session: Option<ResMut<ActiveSession>>) {
    let Some(mut s) = session else { return };
    let clock = s.rec.session().clock();
    if clock.paused || s.rec.session().is_ended() {
        return;
    }
    let speed = f64::from(clock.speed);
    s.carry += time.delta_secs_f64() * 1000.0 * speed;
    let whole = s.carry.floor();
    if whole >= 1.0 {
        s.carry -= whole;
        let to = s.rec.session().now() + SimTime::from_ms(whole as u64);
        if let Err(e) = s.rec.advance_to(to) {
            s.error = Some(e.to_string());
        }
    }
}

/// Space pauses and resumes; 1 to 5 set the speed. Typing in a text field is left alone.
pub(super) fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    session: Option<ResMut<ActiveSession>>,
    mut contexts: EguiContexts,
) {
    let Some(mut s) = session else { return };
    if contexts
        .ctx_mut()
        .is_ok_and(|c| c.egui_wants_keyboard_input())
    {
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        let cmd = if s.rec.session().clock().paused {
            Command::Resume
        } else {
            Command::Pause
        };
        s.apply(Actor::Gm, cmd);
    }
    for (key, factor) in SPEED_KEYS {
        if keys.just_pressed(key) {
            s.apply(Actor::Gm, Command::Speed { factor });
        }
    }
}
