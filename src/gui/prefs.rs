//! Display preferences: the interface scale (for projectors), the theme, and the projector
//! preset (large type, high contrast), with their keys. They are remembered between starts in
//! the config folder (`display.txt`).

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Display preferences: zoom for projectors, the theme, the projector preset.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct UiPrefs {
    pub zoom: f32,
    pub dark: bool,
    /// Large type and high contrast, for the back of a room.
    pub projector: bool,
}

impl Default for UiPrefs {
    fn default() -> Self {
        UiPrefs {
            zoom: 1.0,
            dark: true,
            projector: false,
        }
    }
}

/// The zoom the projector preset uses at least.
const PROJECTOR_ZOOM: f32 = 1.6;

impl UiPrefs {
    pub fn zoom_in(&mut self) {
        self.zoom = (self.zoom + 0.1).min(3.0);
    }
    pub fn zoom_out(&mut self) {
        self.zoom = (self.zoom - 0.1).max(0.5);
    }

    /// The preferences as the file keeps them.
    pub fn to_text(&self) -> String {
        format!(
            "zoom={:.2}\ndark={}\nprojector={}\n",
            self.zoom, self.dark, self.projector
        )
    }

    /// Read the file's text; anything missing or unreadable keeps its default.
    pub fn from_text(text: &str) -> UiPrefs {
        let mut p = UiPrefs::default();
        for line in text.lines() {
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            match (k.trim(), v.trim()) {
                ("zoom", v) => {
                    if let Ok(z) = v.parse::<f32>()
                        && (0.5..=3.0).contains(&z)
                    {
                        p.zoom = z;
                    }
                }
                ("dark", v) => p.dark = v != "false",
                ("projector", v) => p.projector = v == "true",
                _ => {}
            }
        }
        p
    }

    /// The zoom actually applied.
    pub fn effective_zoom(&self) -> f32 {
        if self.projector {
            self.zoom.max(PROJECTOR_ZOOM)
        } else {
            self.zoom
        }
    }

    pub fn visuals(&self) -> egui::Visuals {
        let mut v = if self.dark || self.projector {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        };
        if self.projector {
            v.panel_fill = egui::Color32::BLACK;
            v.window_fill = egui::Color32::from_gray(12);
            v.extreme_bg_color = egui::Color32::from_gray(24);
            v.override_text_color = Some(egui::Color32::WHITE);
        }
        v
    }
}

/// Where the preferences are kept.
#[derive(Resource, Debug, Clone)]
struct PrefsFile(Option<PathBuf>);

pub(super) fn plugin(app: &mut App) {
    let file = super::ui::config_dir().map(|d| d.join("display.txt"));
    let prefs = file
        .as_deref()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|t| UiPrefs::from_text(&t))
        .unwrap_or_default();
    app.insert_resource(prefs)
        .insert_resource(PrefsFile(file))
        .add_systems(Update, keys)
        .add_systems(EguiPrimaryContextPass, apply);
}

/// Ctrl + / Ctrl - scale the interface (for projectors), Ctrl 0 resets it, Ctrl T switches theme,
/// Ctrl P the projector preset.
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
    if keys.just_pressed(KeyCode::KeyP) {
        prefs.projector = !prefs.projector;
    }
}

fn save(path: &Path, prefs: &UiPrefs) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = misfortune_core::output::write_atomic(path, prefs.to_text().as_bytes(), true) {
        warn!("cannot save the display preferences: {e}");
    }
}

fn apply(
    mut contexts: EguiContexts,
    prefs: Res<UiPrefs>,
    file: Res<PrefsFile>,
    mut applied: Local<Option<UiPrefs>>,
) -> Result {
    if applied.as_ref() == Some(&*prefs) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.set_zoom_factor(prefs.effective_zoom());
    ctx.set_visuals(prefs.visuals());
    // Remembered for the next start (not the first application, which is what was read).
    if applied.is_some()
        && let Some(path) = &file.0
    {
        save(path, &prefs);
    }
    *applied = Some(prefs.clone());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preferences_round_trip_and_bad_values_keep_defaults() {
        let p = UiPrefs {
            zoom: 1.7,
            dark: false,
            projector: true,
        };
        assert_eq!(UiPrefs::from_text(&p.to_text()), p);
        assert_eq!(UiPrefs::from_text("zoom=99\nnonsense"), UiPrefs::default());
        assert_eq!(p.effective_zoom(), 1.7);
        let small = UiPrefs {
            zoom: 1.0,
            ..p.clone()
        };
        assert_eq!(small.effective_zoom(), PROJECTOR_ZOOM);
    }

    #[test]
    fn the_projector_preset_is_high_contrast() {
        let v = UiPrefs {
            projector: true,
            ..Default::default()
        }
        .visuals();
        let text = v.override_text_color.unwrap();
        assert_eq!(text, egui::Color32::WHITE);
        assert_eq!(v.panel_fill, egui::Color32::BLACK);
    }
}
