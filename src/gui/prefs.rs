//! Display preferences: the interface scale (for projectors) and the theme, with their keys.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

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

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiPrefs>()
        .add_systems(Update, keys)
        .add_systems(EguiPrimaryContextPass, apply);
}

/// Ctrl + / Ctrl - scale the interface (for projectors), Ctrl 0 resets it, Ctrl T switches theme.
fn keys(keys: Res<ButtonInput<KeyCode>>, mut prefs: ResMut<UiPrefs>) {
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

fn apply(
    mut contexts: EguiContexts,
    prefs: Res<UiPrefs>,
    mut applied: Local<Option<UiPrefs>>,
) -> Result {
    if applied.as_ref() == Some(&*prefs) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.set_zoom_factor(prefs.zoom);
    ctx.set_visuals(if prefs.dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    });
    *applied = Some(prefs.clone());
    Ok(())
}
