//! The wheel's two moments, as cards over the wheel: the pick revealed (the title large, growing
//! in, spoiler-free: difficulty, the systems and skills, the length), and the volunteer drawn
//! (names flicking past, slowing, landing on the seeded pick). Plain egui functions over the
//! state they are given; the wheel screen keeps the clocks.

use bevy_egui::egui;

use super::library::Entry;
use super::session::SessionMode;
use super::wheel::WheelIntent;

/// How long the pick takes to grow in, in seconds.
const REVEAL_SECS: f64 = 0.6;
/// How long the volunteer draw runs before it lands.
pub const DRAW_SECS: f64 = 2.2;

fn ease_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    1.0 - (1.0 - t).powi(3)
}

/// A card centred over the wheel's area (the screen left of the side panel).
fn card<R>(ctx: &egui::Context, id: &str, alpha: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let area = ctx.content_rect();
    let centre = egui::pos2(area.left() + (area.width() - 420.0) / 2.0, area.center().y);
    egui::Area::new(egui::Id::new(id))
        .order(egui::Order::Foreground)
        .pivot(egui::Align2::CENTER_CENTER)
        .fixed_pos(centre)
        .show(ctx, |ui| {
            ui.set_opacity(alpha);
            egui::Frame::popup(ui.style())
                .inner_margin(24.0)
                .show(ui, |ui| {
                    ui.set_max_width(560.0);
                    add(ui)
                })
                .inner
        })
        .inner
}

/// The picked scenario, revealed. `since`: seconds since the wheel stopped. Returns what the
/// user asked for, and whether they closed the card.
pub fn picked_card(
    ctx: &egui::Context,
    e: &Entry,
    since: f64,
    team: bool,
    why: Option<&str>,
) -> (Option<WheelIntent>, bool) {
    let t = ease_out(since / REVEAL_SECS);
    if t < 1.0 {
        ctx.request_repaint();
    }
    let mut intent = None;
    let mut close = false;
    card(ctx, "wheel-picked", t as f32, |ui| {
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("The wheel picked").size(18.0));
            ui.label(
                egui::RichText::new(&e.title)
                    .size((22.0 + 22.0 * t) as f32)
                    .strong(),
            );
            ui.label(
                egui::RichText::new("★".repeat(e.difficulty as usize))
                    .size(26.0)
                    .color(egui::Color32::from_rgb(236, 190, 60)),
            );
            ui.label(format!("{}  ·  about {} minutes", e.trains(), e.minutes));
            if let Some(why) = why {
                ui.label(egui::RichText::new(why).italics());
            }
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui
                    .button(egui::RichText::new("Play solo").size(18.0))
                    .clicked()
                {
                    intent = Some(WheelIntent::Play(SessionMode::Solo));
                }
                if ui
                    .button(egui::RichText::new("Playtest").size(18.0))
                    .clicked()
                {
                    intent = Some(WheelIntent::Play(SessionMode::Playtest));
                }
                if team
                    && ui
                        .button(egui::RichText::new("Team session").size(18.0))
                        .clicked()
                {
                    intent = Some(WheelIntent::Play(SessionMode::Team));
                }
                close = ui.button(egui::RichText::new("Close").size(18.0)).clicked();
            });
        });
    });
    (intent, close)
}

/// Which name the draw shows `since` seconds in: fast at first, slowing, landing on `landing`
/// (an index into `names`) at [`DRAW_SECS`]. Pure, so it is tested.
pub fn drawn_name(names: &[String], landing: usize, since: f64) -> usize {
    if names.is_empty() {
        return 0;
    }
    // Steps taken so far: the total is fixed so the last step lands on the pick.
    let total = 3 * names.len() + landing;
    let steps = (ease_out(since / DRAW_SECS) * total as f64).floor() as usize;
    steps.min(total) % names.len()
}

/// The volunteer draw. Returns true once it has landed and the user closed it.
pub fn volunteer_card(ctx: &egui::Context, names: &[String], landing: usize, since: f64) -> bool {
    let landed = since >= DRAW_SECS;
    if !landed {
        ctx.request_repaint();
    }
    let shown = names
        .get(drawn_name(names, landing, since))
        .cloned()
        .unwrap_or_default();
    let mut close = false;
    card(ctx, "wheel-volunteer", 1.0, |ui| {
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("On call today").size(18.0));
            let text = egui::RichText::new(shown).size(44.0).strong();
            ui.label(if landed {
                text.color(egui::Color32::from_rgb(236, 190, 60))
            } else {
                text
            });
            ui.add_space(8.0);
            if landed {
                close = ui.button(egui::RichText::new("Close").size(18.0)).clicked();
            } else {
                ui.label(" ");
            }
        });
    });
    close
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draw_flicks_through_names_and_lands_on_the_pick() {
        let names: Vec<String> = ["Ana", "Ben", "Cy", "Dee"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for landing in 0..names.len() {
            assert_eq!(drawn_name(&names, landing, DRAW_SECS), landing);
            assert_eq!(drawn_name(&names, landing, DRAW_SECS + 5.0), landing);
        }
        // It moves: early on, several names pass in a short time.
        let early: std::collections::HashSet<usize> = (0..10)
            .map(|i| drawn_name(&names, 2, i as f64 * 0.05))
            .collect();
        assert!(early.len() >= 3, "{early:?}");
        assert_eq!(drawn_name(&[], 0, 1.0), 0);
    }
}
