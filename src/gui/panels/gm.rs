//! The game master's console: the clock, the live score, the hidden truth, what can be revealed
//! or played, messages as any persona, hints, and what the trainee has done.

use bevy_egui::egui::{self, RichText};
use misfortune_core::model::Reveal;
use misfortune_core::view::GmView;
use misfortune_core::{Command, SimTime};

use super::{GmForm, GmIntent};

/// The game master's console.
pub fn gm_panel(ui: &mut egui::Ui, v: &GmView, form: &mut GmForm) -> Vec<GmIntent> {
    let mut out = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt("gm-scroll")
        .show(ui, |ui| {
            ui.heading("Game master");
            clock(ui, v, &mut out);
            ui.separator();
            live_score(ui, v);
            ui.separator();
            truth(ui, v);
            said_unmatched(ui, v, form, &mut out);
            reveals(ui, v, &mut out);
            coming_up(ui, v, &mut out);
            message_and_hint(ui, v, form, &mut out);
            ui.separator();
            ui.heading("Trainee's actions");
            for a in &v.trainee.taken {
                ui.label(format!(
                    "{}-{} {}{}",
                    v.trainee.short_stamp(a.start),
                    v.trainee.short_stamp(a.end),
                    a.label,
                    if a.done { "" } else { " (in progress)" }
                ));
            }
        });
    out.into_iter().map(GmIntent::Command).collect()
}

/// Pause, speed, jumps and the end.
fn clock(ui: &mut egui::Ui, v: &GmView, out: &mut Vec<Command>) {
    let t = &v.trainee;
    ui.horizontal(|ui| {
        ui.label(RichText::new(t.stamp(t.now)).monospace().size(22.0));
        if t.starts_at.is_some() {
            ui.weak(format!("T+{}", t.now.clock()));
        }
        if t.clock.paused {
            if ui.button("Resume").clicked() {
                out.push(Command::Resume);
            }
        } else if ui.button("Pause").clicked() {
            out.push(Command::Pause);
        }
        for s in [1, 5, 30] {
            if ui
                .selectable_label(t.clock.speed == s, format!("x{s}"))
                .clicked()
            {
                out.push(Command::Speed { factor: s });
            }
        }
    });
    ui.horizontal(|ui| {
        for m in [1, 5, 15] {
            if ui.button(format!("+{m}m")).clicked() {
                out.push(Command::Jump {
                    by: SimTime::from_mins(m),
                });
            }
        }
        if ui
            .add_enabled(!t.ended, egui::Button::new("End session"))
            .clicked()
        {
            out.push(Command::End);
        }
    });
}

fn live_score(ui: &mut egui::Ui, v: &GmView) {
    let score = &v.score;
    ui.label(RichText::new(format!("Live score: {:.1}/100", score.total)).strong());
    for p in &score.parts {
        ui.label(format!(
            "{:<16} {:>5.1}/{:<4.1}",
            p.name.replace('_', " "),
            p.points,
            p.max_points
        ))
        .on_hover_text(&p.why);
    }
    ui.label(format!(
        "Impact so far: {:.0} {}-minutes",
        v.impact_so_far, v.impact_unit
    ));
}

fn truth(ui: &mut egui::Ui, v: &GmView) {
    egui::CollapsingHeader::new("The truth")
        .default_open(true)
        .show(ui, |ui| {
            ui.label(&v.root_cause.statement);
            if let Some(src) = &v.source {
                ui.weak(format!("Based on {src}"));
            }
            ui.weak(format!("Tags: {}", v.tags.join(", ")));
            ui.weak(format!(
                "Answer: {}",
                v.root_cause
                    .candidates
                    .iter()
                    .find(|c| c.id == v.root_cause.answer)
                    .map_or("", |c| c.text.as_str())
            ));
            for n in &v.gm_notes {
                ui.label(format!("• {n}"));
            }
        });
}

/// Lines the trainee said that matched no action: the game master rules on each, by taking an
/// action for them, answering as a persona (below), or letting it stand.
fn said_unmatched(ui: &mut egui::Ui, v: &GmView, form: &mut GmForm, out: &mut Vec<Command>) {
    let open: Vec<&(SimTime, String)> = v
        .unmatched
        .iter()
        .filter(|u| !form.ruled.contains(u))
        .collect();
    if open.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Said, matched nothing ({})", open.len()))
        .default_open(true)
        .show(ui, |ui| {
            for u in open {
                ui.label(format!("{}  \"{}\"", v.trainee.short_stamp(u.0), u.1));
                ui.horizontal(|ui| {
                    egui::ComboBox::from_id_salt(("rule", u.0, &u.1))
                        .selected_text("Take as...")
                        .show_ui(ui, |ui| {
                            for a in &v.all_actions {
                                if ui.selectable_label(false, &a.label).clicked() {
                                    out.push(Command::Take {
                                        action: a.id.clone(),
                                    });
                                    form.ruled.push(u.clone());
                                }
                            }
                        });
                    if ui.small_button("No effect").clicked() {
                        form.ruled.push(u.clone());
                    }
                });
            }
        });
}

/// Clues and telemetry the trainee has not been shown, each one click from the screen.
fn reveals(ui: &mut egui::Ui, v: &GmView, out: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Clues not yet found")
        .default_open(true)
        .show(ui, |ui| {
            for c in &v.unrevealed_clues {
                ui.horizontal(|ui| {
                    if ui.small_button("Reveal").clicked() {
                        out.push(Command::Reveal {
                            what: Reveal::Clue(c.id.clone()),
                        });
                    }
                    ui.label(&c.text);
                });
            }
        });
    egui::CollapsingHeader::new("Telemetry not yet shown")
        .default_open(false)
        .show(ui, |ui| {
            for (r, label) in &v.unrevealed_telemetry {
                ui.horizontal(|ui| {
                    if ui.small_button("Reveal").clicked() {
                        out.push(Command::Reveal { what: r.clone() });
                    }
                    ui.label(label);
                });
            }
        });
}

/// The injects still to come, each playable now.
fn coming_up(ui: &mut egui::Ui, v: &GmView, out: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Coming up")
        .default_open(true)
        .show(ui, |ui| {
            for i in &v.upcoming {
                ui.horizontal(|ui| {
                    if ui.small_button("Play now").clicked() {
                        out.push(Command::PlayInject {
                            inject: i.id.clone(),
                        });
                    }
                    ui.add(egui::Label::new(format!("{}: {}", i.when_text, i.summary)).wrap());
                });
                if let Some(n) = &i.gm_note {
                    ui.weak(n);
                }
            }
        });
}

fn message_and_hint(ui: &mut egui::Ui, v: &GmView, form: &mut GmForm, out: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Message as a persona").show(ui, |ui| {
        egui::ComboBox::from_id_salt("gm-persona")
            .selected_text(form.persona.clone().unwrap_or_else(|| "persona".into()))
            .show_ui(ui, |ui| {
                for p in &v.trainee.personas {
                    ui.selectable_value(
                        &mut form.persona,
                        Some(p.id.clone()),
                        format!("{} ({})", p.name, p.role),
                    );
                }
            });
        ui.text_edit_multiline(&mut form.message);
        if ui.button("Send").clicked()
            && let Some(from) = form.persona.clone()
            && !form.message.trim().is_empty()
        {
            out.push(Command::SendMessage {
                from,
                text: std::mem::take(&mut form.message),
            });
        }
    });
    if let Some(h) = &v.next_hint {
        ui.horizontal(|ui| {
            if ui.button(format!("Give hint (-{})", h.cost)).clicked() {
                out.push(Command::GiveHint);
            }
            ui.weak(&h.text);
        });
    }
}
