//! The colours text is drawn in, per theme, chosen so every pair meets WCAG AA (a contrast ratio
//! of at least 4.5:1 for text) against the theme's panels: yellow on white or black on dark red
//! cannot happen. Panels ask for a role, never a raw colour.

use bevy_egui::egui::{Color32, Ui};
use misfortune_core::model::Severity;

/// What a piece of coloured text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Critical,
    Warning,
    Info,
    /// Something the user should notice that is not an alarm (paused).
    Notice,
    /// An error message.
    Error,
    /// Fine (healthy, done).
    Good,
    /// Past or inactive (a resolved alert).
    Muted,
}

impl Role {
    pub fn of(s: Severity) -> Role {
        match s {
            Severity::Critical => Role::Critical,
            Severity::Warning => Role::Warning,
            Severity::Info => Role::Info,
        }
    }

    /// The colour of this role in a dark or a light theme.
    pub fn color(self, dark: bool) -> Color32 {
        let (d, l) = match self {
            Role::Critical | Role::Error => ((255, 120, 120), (176, 0, 32)),
            Role::Warning | Role::Notice => ((255, 200, 90), (138, 80, 0)),
            Role::Info => ((140, 190, 255), (0, 80, 170)),
            Role::Good => ((110, 215, 130), (20, 110, 45)),
            Role::Muted => ((165, 165, 165), (95, 95, 95)),
        };
        let (r, g, b) = if dark { d } else { l };
        Color32::from_rgb(r, g, b)
    }

    /// This role's colour for the theme the `Ui` is drawn in.
    pub fn in_ui(self, ui: &Ui) -> Color32 {
        self.color(ui.visuals().dark_mode)
    }
}

#[cfg(test)]
mod tests {
    use bevy_egui::egui::Visuals;

    use super::*;

    /// The colours a theme draws text on.
    pub fn backgrounds(v: &Visuals) -> [Color32; 3] {
        [v.panel_fill, v.window_fill, v.extreme_bg_color]
    }

    /// WCAG relative luminance.
    fn luminance(c: Color32) -> f64 {
        let lin = |u: u8| {
            let x = f64::from(u) / 255.0;
            if x <= 0.03928 {
                x / 12.92
            } else {
                ((x + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
        (hi + 0.05) / (lo + 0.05)
    }

    const ROLES: [Role; 7] = [
        Role::Critical,
        Role::Warning,
        Role::Info,
        Role::Notice,
        Role::Error,
        Role::Good,
        Role::Muted,
    ];

    #[test]
    fn every_text_colour_meets_wcag_aa_on_its_themes_backgrounds() {
        let mut failures = Vec::new();
        for (dark, visuals) in [(true, Visuals::dark()), (false, Visuals::light())] {
            let mut pairs: Vec<(String, Color32)> = ROLES
                .iter()
                .map(|r| (format!("{r:?}"), r.color(dark)))
                .collect();
            pairs.push(("text".into(), visuals.text_color()));
            pairs.push(("strong text".into(), visuals.strong_text_color()));
            for (name, fg) in pairs {
                for bg in backgrounds(&visuals) {
                    let c = contrast(fg, bg);
                    if c < 4.5 {
                        failures.push(format!(
                            "{} theme: {name} {fg:?} on {bg:?} is {c:.2}:1",
                            if dark { "dark" } else { "light" }
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn the_contrast_formula_matches_wcag() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
        // Yellow on white, the light theme's old "paused": far below AA.
        assert!(contrast(Color32::YELLOW, Color32::WHITE) < 1.2);
    }
}
