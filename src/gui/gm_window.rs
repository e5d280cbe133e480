//! The game master's console in its own window (team mode): the running team session's truth,
//! reveals, injects, persona messages, hints, clock and live score; before a session starts, how
//! to start one. The window itself is set up in `windows.rs`.

use bevy::prelude::*;
use bevy_egui::{EguiContext, PrimaryEguiContext, egui};
use misfortune_core::Actor;

use super::panels::{self, GmIntent};
use super::session::{ActiveSession, SessionCommand, SessionMode};
use super::ui::{TeamMode, root_ui};
use super::windows::GmWindowPass;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        GmWindowPass,
        show_gm_window.run_if(resource_exists::<TeamMode>),
    );
}

fn show_gm_window(
    mut ctx: Single<&mut EguiContext, Without<PrimaryEguiContext>>,
    session: Option<ResMut<ActiveSession>>,
    mut to_session: MessageWriter<SessionCommand>,
) {
    let ctx = ctx.get_mut().clone();
    let mut root = root_ui(&ctx);
    let Some(mut s) = session.filter(|s| s.mode == SessionMode::Team) else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.heading("Game master");
            ui.label(
                "Start a team session from the library (or the wheel) in the main window: its \
                 console appears here, and the main window becomes the trainee's view for the \
                 projector.",
            );
        });
        return;
    };
    s.refresh_views();
    let s = &mut *s;
    let Some(gm_view) = s.views.get().and_then(|v| v.gm()) else {
        return;
    };
    let mut intents = Vec::new();
    let form = &mut s.gm_form;
    egui::CentralPanel::default().show(&mut root, |ui| {
        intents = panels::gm_panel(ui, gm_view, form);
    });
    for GmIntent::Command(command) in intents {
        to_session.write(SessionCommand {
            by: Actor::Gm,
            command,
        });
    }
}
