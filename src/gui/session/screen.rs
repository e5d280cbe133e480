//! The session screen in the main window: the top bar, the game master's console in a playtest,
//! and the trainee's view. Panels return intents; they become [`SessionCommand`] messages here.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use misfortune_core::Actor;

use super::messages::{OpenDebrief, SessionCommand};
use super::{ActiveSession, SessionMode};
use crate::gui::panels::{self, GmIntent, TraineeIntent};
use crate::gui::screens::Screen;

/// The system set that draws the session screen (dev tools time it).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionScreenPass;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw_session
            .in_set(SessionScreenPass)
            .run_if(in_state(Screen::Session)),
    );
}

/// What the user did on the session screen this frame.
#[derive(Default)]
struct Asked {
    gm: Vec<GmIntent>,
    trainee: Vec<TraineeIntent>,
    back: bool,
    debrief: bool,
}

fn draw_session(
    mut contexts: EguiContexts,
    map: Option<Res<crate::gui::service_map::ServiceMap>>,
    session: Option<ResMut<ActiveSession>>,
    mut next: ResMut<NextState<Screen>>,
    mut to_session: MessageWriter<SessionCommand>,
    mut to_debrief: MessageWriter<OpenDebrief>,
) -> Result {
    let Some(mut s) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut root = crate::gui::ui::root_ui(ctx);
    s.refresh_views();
    let ended_score = s.final_score();
    let s = &mut *s;
    let Some(views) = s.views.get() else {
        return Ok(());
    };
    let mut asked = Asked::default();
    egui::Panel::top("session-bar").show(&mut root, |ui| {
        top_bar(ui, s, &mut asked);
    });
    if let Some(score) = &ended_score {
        score_reveal(root.ctx(), score, &mut asked);
    }
    if let Some(gm_view) = views.gm().filter(|_| s.mode == SessionMode::Playtest) {
        let form = &mut s.gm_form;
        // The console takes at most half the window, so the trainee's side keeps room at
        // projector scale.
        let width = root.available_width();
        egui::Panel::left("gm")
            .resizable(true)
            .default_size(380.0_f32.min(width * 0.4))
            .size_range((width * 0.25).min(260.0)..=(width * 0.5).max(260.0))
            .show(&mut root, |ui| {
                asked.gm = panels::gm_panel(ui, gm_view, form);
            });
    }
    let form = &mut s.trainee_form;
    form.service_map = map.and_then(|m| m.texture);
    egui::CentralPanel::default().show(&mut root, |ui| {
        asked.trainee = panels::trainee_panel(ui, views.trainee(), form);
    });
    for GmIntent::Command(command) in asked.gm {
        to_session.write(SessionCommand {
            by: Actor::Gm,
            command,
        });
    }
    for TraineeIntent::Command(command) in asked.trainee {
        to_session.write(SessionCommand {
            by: Actor::Trainee,
            command,
        });
    }
    if asked.back {
        next.set(Screen::Library);
    }
    if asked.debrief {
        to_debrief.write(OpenDebrief);
    }
    Ok(())
}

fn top_bar(ui: &mut egui::Ui, s: &ActiveSession, asked: &mut Asked) {
    ui.horizontal(|ui| {
        if ui.button("< Library").clicked() {
            asked.back = true;
        }
        // Where the journal is, for whoever needs the file; not on screen for the room.
        ui.menu_button("Session", |ui| match s.rec.path() {
            Some(p) => {
                ui.label(format!("Journal: {}", p.display()));
            }
            None => {
                ui.label("This session is not journaled.");
            }
        });
        ui.label(match s.mode {
            SessionMode::Playtest => "Playtest: game master (left) and trainee (right)",
            SessionMode::Solo => "Solo: the engine is your game master",
            SessionMode::Team => "Team session: the game master runs it from the other window",
        });
        if let Some(e) = &s.error {
            ui.colored_label(crate::gui::palette::Role::Error.in_ui(ui), e);
        }
    });
}

/// The end of a session: the score, large, part by part, and the way to the debrief.
fn score_reveal(ctx: &egui::Context, score: &misfortune_core::score::Score, asked: &mut Asked) {
    egui::Modal::new(egui::Id::new("score-reveal")).show(ctx, |ui| {
        ui.set_min_width(520.0);
        ui.vertical_centered(|ui| {
            ui.label(egui::RichText::new("Session over").size(22.0));
            ui.label(
                egui::RichText::new(format!("{:.1}", score.total))
                    .size(72.0)
                    .strong(),
            );
            ui.label("out of 100");
        });
        ui.add_space(8.0);
        egui::Grid::new("reveal-parts")
            .num_columns(2)
            .spacing([24.0, 4.0])
            .show(ui, |ui| {
                for p in &score.parts {
                    ui.label(p.name.replace('_', " "));
                    ui.label(format!("{:.1} / {:.1}", p.points, p.max_points));
                    ui.end_row();
                }
                for (what, points) in [("hints", score.hint_penalty), ("harm", score.harm_penalty)]
                {
                    if points > 0.0 {
                        ui.label(what);
                        ui.label(format!("-{points:.1}"));
                        ui.end_row();
                    }
                }
            });
        ui.add_space(12.0);
        ui.vertical_centered(|ui| {
            let open = egui::Button::new(egui::RichText::new("Open the debrief").size(20.0));
            if ui.add(open).clicked() {
                asked.debrief = true;
            }
        });
    });
}
