//! The trainee's screen: the clock across the top; actions, diagnosis, notes and their own
//! timeline on the right; briefing, alerts, services, messages and findings on the left; the
//! dashboards, logs and what happened in the middle. It reads only the redacted view.

use bevy_egui::egui::{self, Color32, RichText};
use misfortune_core::model::EventKind;
use misfortune_core::sim::PlayMode;
use misfortune_core::view::{KindView, TraineeView};
use misfortune_core::{Command, SimTime};

use super::{TraineeForm, TraineeIntent, health_color};
use crate::gui::palette::Role;

/// How the trainee's screen is arranged for the width it has (in points, so a projector's
/// interface scale narrows it): three columns, two, or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The situation on the left, telemetry in the middle, the controls on the right.
    Wide,
    /// Telemetry with the situation above it; the controls on the right.
    Medium,
    /// One column: the controls, the situation, the telemetry.
    Narrow,
}

impl Layout {
    pub fn for_width(points: f32) -> Layout {
        if points >= 1100.0 {
            Layout::Wide
        } else if points >= 700.0 {
            Layout::Medium
        } else {
            Layout::Narrow
        }
    }
}

/// The trainee's whole screen.
pub fn trainee_panel(
    ui: &mut egui::Ui,
    v: &TraineeView,
    form: &mut TraineeForm,
) -> Vec<TraineeIntent> {
    let mut out = Vec::new();
    clock_bar(ui, v);
    ui.separator();
    let width = ui.available_width();
    let layout = Layout::for_width(width);
    if layout != Layout::Narrow {
        egui::Panel::right("trainee-right")
            .resizable(true)
            .default_size(300.0_f32.min(width * 0.4))
            .size_range(220.0..=(width * 0.4).max(220.0))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("trainee-right-scroll")
                    .show(ui, |ui| controls(ui, v, form, &mut out));
            });
    }
    if layout == Layout::Wide {
        egui::Panel::left("trainee-left")
            .resizable(true)
            .default_size(270.0)
            .size_range(200.0..=(width * 0.3).max(200.0))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("trainee-left-scroll")
                    .show(ui, |ui| situation(ui, v, form));
            });
    }
    pager(ui, v, &mut out);
    confirm_end(ui, v, form, &mut out);
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("trainee-center-scroll")
            .show_viewport(ui, |ui, viewport| {
                if layout == Layout::Narrow {
                    controls(ui, v, form, &mut out);
                    ui.separator();
                }
                if layout != Layout::Wide {
                    egui::CollapsingHeader::new("Situation: briefing, alerts, services, messages")
                        .default_open(true)
                        .show(ui, |ui| situation(ui, v, form));
                }
                super::telemetry::dashboards(ui, v, viewport);
                super::telemetry::logs(ui, v, form);
                ui.heading("What happened");
                for item in v.feed.iter().rev().take(30) {
                    ui.label(format!("{}  {}", v.short_stamp(item.at), item.text));
                }
            });
    });
    out.into_iter().map(TraineeIntent::Command).collect()
}

/// What the trainee does: the command line (or the palette), the diagnosis, declarations, notes
/// and their own timeline.
fn controls(ui: &mut egui::Ui, v: &TraineeView, form: &mut TraineeForm, out: &mut Vec<Command>) {
    if v.play_mode == PlayMode::Recall {
        command_line(ui, v, form, out);
    } else {
        actions(ui, v, form, out);
    }
    ui.separator();
    diagnosis(ui, v, form, out);
    ui.separator();
    declarations(ui, v, form, out);
    ui.separator();
    notes(ui, v, form, out);
    ui.separator();
    own_timeline(ui, v, form, out);
}

/// What the trainee knows: the briefing, alerts, services, messages, changes and findings.
fn situation(ui: &mut egui::Ui, v: &TraineeView, form: &TraineeForm) {
    egui::CollapsingHeader::new("Briefing")
        .default_open(v.now < SimTime::from_mins(3))
        .show(ui, |ui| {
            ui.label(&v.briefing);
        });
    alerts(ui, v);
    services_and_messages(ui, v, form.service_map);
}

fn clock_bar(ui: &mut egui::Ui, v: &TraineeView) {
    ui.horizontal(|ui| {
        ui.heading(&v.title);
        ui.separator();
        ui.label(
            RichText::new(v.stamp(v.now))
                .monospace()
                .size(28.0)
                .strong(),
        );
        if v.starts_at.is_some() {
            ui.weak(format!("T+{} into the incident", v.now.clock()));
        }
        if v.clock.paused {
            ui.label(RichText::new("paused").color(Role::Notice.in_ui(ui)));
        } else if v.clock.speed != 1 {
            ui.label(format!("x{}", v.clock.speed));
        }
        if v.busy_until > v.now {
            ui.label(format!("busy until {}", v.short_stamp(v.busy_until)));
        }
        if v.ended {
            ui.label(RichText::new("session ended").color(Role::Error.in_ui(ui)));
        }
    });
}

/// The things every on-call can do, whatever the incident: each starts a line to finish in the
/// trainee's own words.
const TOOLS: [(&str, &str); 6] = [
    ("Dashboard", "open the dashboard for "),
    ("Logs", "read the logs of "),
    ("Recent changes", "look at the recent changes to "),
    ("Ask someone", "ask "),
    ("Declare", "declare an incident"),
    ("Status update", "post a status update"),
];

/// Recall play: the trainee says what they do. Enter acts, Up and Down walk the history, `/`
/// focuses the line; the generic tools start a line.
fn command_line(
    ui: &mut egui::Ui,
    v: &TraineeView,
    form: &mut TraineeForm,
    out: &mut Vec<Command>,
) {
    ui.heading("What do you do?");
    let line = ui.add_enabled(
        !v.ended,
        egui::TextEdit::singleline(&mut form.command)
            .hint_text("say what you do, then Enter (/ to type)")
            .desired_width(f32::INFINITY),
    );
    if ui.input(|i| i.key_pressed(egui::Key::Slash)) && ui.ctx().memory(|m| m.focused().is_none()) {
        line.request_focus();
    }
    if line.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        let text = std::mem::take(&mut form.command).trim().to_string();
        if !text.is_empty() {
            form.history.push(text.clone());
            form.history_at = None;
            out.push(said(text));
        }
        line.request_focus();
    }
    if line.has_focus() && !form.history.is_empty() {
        let (up, down) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::ArrowDown),
            )
        });
        let last = form.history.len() - 1;
        let at = match (up, down, form.history_at) {
            (true, _, None) => Some(last),
            (true, _, Some(i)) => Some(i.saturating_sub(1)),
            (_, true, Some(i)) if i < last => Some(i + 1),
            (_, true, Some(_)) => None,
            _ => form.history_at,
        };
        if at != form.history_at {
            form.history_at = at;
            form.command = at.map(|i| form.history[i].clone()).unwrap_or_default();
        }
    }
    ui.horizontal_wrapped(|ui| {
        for (name, start) in TOOLS {
            if ui.add_enabled(!v.ended, egui::Button::new(name)).clicked() {
                form.command = start.to_string();
                line.request_focus();
            }
        }
    });
    if !v.taken.is_empty() {
        ui.weak("Done so far:");
        for t in &v.taken {
            ui.label(format!(
                "{}  {}{}",
                v.short_stamp(t.start),
                t.label,
                if t.done { "" } else { " (in progress)" }
            ));
        }
    }
}

/// A line from the command line: "ask NAME QUESTION" asks someone, anything else is done.
fn said(text: String) -> Command {
    if let Some(rest) = text.strip_prefix("ask ")
        && let Some((who, question)) = rest.trim().split_once(char::is_whitespace)
    {
        return Command::Ask {
            who: who.to_string(),
            text: question.trim().to_string(),
        };
    }
    Command::Do { text }
}

/// The action search and the actions it matches.
fn actions(ui: &mut egui::Ui, v: &TraineeView, form: &mut TraineeForm, out: &mut Vec<Command>) {
    ui.heading("Actions");
    let search =
        ui.add(egui::TextEdit::singleline(&mut form.action_filter).hint_text("search actions (/)"));
    // "/" jumps to the action search when nothing else has the keyboard.
    if ui.input(|i| i.key_pressed(egui::Key::Slash)) && ui.ctx().memory(|m| m.focused().is_none()) {
        search.request_focus();
    }
    let filter = form.action_filter.to_lowercase();
    let shown: Vec<_> = v
        .actions
        .iter()
        .filter(|a| {
            filter.is_empty() || a.label.to_lowercase().contains(&filter) || a.id.contains(&filter)
        })
        .collect();
    // Enter in the search takes the one action it leaves.
    let open: Vec<_> = shown.iter().filter(|a| !a.used).collect();
    if search.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let [only] = open.as_slice()
    {
        out.push(Command::Take {
            action: only.id.clone(),
        });
        form.action_filter.clear();
    }
    if shown.is_empty() && !filter.is_empty() {
        ui.weak(format!("nothing matches \"{}\"", form.action_filter));
    }
    for a in shown {
        let kind = match a.kind {
            KindView::Investigate => "investigate",
            KindView::Mitigate => "mitigate",
            KindView::Communicate => "communicate",
            KindView::Escalate => "escalate",
        };
        let button = egui::Button::new(format!("{}  ({}, {})", a.label, a.cost, kind));
        if ui.add_enabled(!v.ended && !a.used, button).clicked() {
            out.push(Command::Take {
                action: a.id.clone(),
            });
        }
    }
}

fn diagnosis(ui: &mut egui::Ui, v: &TraineeView, form: &mut TraineeForm, out: &mut Vec<Command>) {
    ui.heading("Diagnosis");
    for c in &v.candidates {
        ui.radio_value(&mut form.candidate, Some(c.id.clone()), &c.text);
    }
    ui.add(
        egui::TextEdit::multiline(&mut form.diagnosis_text)
            .hint_text("in your own words (optional)")
            .desired_rows(2),
    );
    let ready = form.candidate.is_some() || !form.diagnosis_text.trim().is_empty();
    if ui
        .add_enabled(ready && !v.ended, egui::Button::new("Submit diagnosis"))
        .clicked()
    {
        let text = Some(form.diagnosis_text.trim().to_string()).filter(|t| !t.is_empty());
        out.push(Command::Diagnose {
            candidate: form.candidate.clone(),
            text,
        });
    }
    for d in &v.diagnoses {
        ui.label(format!(
            "{}  {}",
            v.short_stamp(d.at),
            d.candidate.clone().or(d.text.clone()).unwrap_or_default()
        ));
    }
}

/// Declaring the incident mitigated or resolved, and asking for a hint.
fn declarations(
    ui: &mut egui::Ui,
    v: &TraineeView,
    form: &mut TraineeForm,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!v.ended, egui::Button::new("Declare mitigated"))
            .clicked()
        {
            out.push(Command::DeclareMitigated);
        }
        if ui
            .add_enabled(!v.ended, egui::Button::new("Declare resolved"))
            .clicked()
        {
            form.confirm_end = true;
        }
    });
    let hint = egui::Button::new(format!("Ask for a hint ({} left)", v.hints_left));
    if ui.add_enabled(v.hints_left > 0 && !v.ended, hint).clicked() {
        out.push(Command::GiveHint);
    }
}

/// A text field's width beside its button, so the button stays inside a narrow column.
fn field_width(ui: &egui::Ui) -> f32 {
    (ui.available_width() - 90.0).max(60.0)
}

fn notes(ui: &mut egui::Ui, v: &TraineeView, form: &mut TraineeForm, out: &mut Vec<Command>) {
    ui.heading("Notes");
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(field_width(ui)));
        if ui.button("Add note").clicked() && !form.note.trim().is_empty() {
            out.push(Command::Note {
                text: std::mem::take(&mut form.note),
            });
        }
    });
    for (at, n) in &v.notes {
        ui.label(format!("{}  {n}", v.short_stamp(*at)));
    }
}

fn own_timeline(
    ui: &mut egui::Ui,
    v: &TraineeView,
    form: &mut TraineeForm,
    out: &mut Vec<Command>,
) {
    ui.heading("My timeline");
    egui::ComboBox::from_id_salt("timeline-kind")
        .selected_text(
            form.timeline_kind
                .map_or("kind".to_string(), |k| format!("{k:?}")),
        )
        .show_ui(ui, |ui| {
            for k in EventKind::ALL {
                ui.selectable_value(&mut form.timeline_kind, Some(k), format!("{k:?}"));
            }
        });
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut form.timeline_text).desired_width(field_width(ui)));
        if ui.button("Add entry").clicked()
            && let Some(kind) = form.timeline_kind
            && !form.timeline_text.trim().is_empty()
        {
            out.push(Command::TimelineEntry {
                at: v.now,
                kind,
                text: std::mem::take(&mut form.timeline_text),
            });
        }
    });
    for e in &v.own_timeline {
        ui.label(format!("{}  {:?}: {}", v.short_stamp(e.at), e.kind, e.text));
    }
}

/// Declaring the incident resolved ends the session, once the trainee says so.
fn confirm_end(ui: &mut egui::Ui, v: &TraineeView, form: &mut TraineeForm, out: &mut Vec<Command>) {
    if !form.confirm_end || v.ended {
        return;
    }
    egui::Modal::new(egui::Id::new("confirm-end")).show(ui.ctx(), |ui| {
        ui.heading("Declare the incident resolved?");
        ui.label("This ends the session; the score and the debrief follow.");
        ui.horizontal(|ui| {
            if ui.button("Resolved: end the session").clicked() {
                out.push(Command::DeclareResolved);
                out.push(Command::End);
                form.confirm_end = false;
            }
            if ui.button("Not yet").clicked() {
                form.confirm_end = false;
            }
        });
    });
}

/// The page takes over the screen until it is acknowledged: a card over everything, flashing,
/// with what paged and one button. This is the moment the room should feel.
fn pager(ui: &mut egui::Ui, v: &TraineeView, out: &mut Vec<Command>) {
    let paging: Vec<_> = v
        .alerts
        .iter()
        .filter(|a| a.firing && a.pages && !a.acked)
        .collect();
    if paging.is_empty() || v.ended {
        return;
    }
    let ctx = ui.ctx().clone();
    let t = ctx.input(|i| i.time);
    let on = (t * 2.0).fract() < 0.5;
    ctx.request_repaint_after(std::time::Duration::from_millis(250));
    let red = Color32::from_rgb(150, 20, 20);
    let frame = egui::Frame::window(&ctx.global_style())
        .fill(if on {
            red
        } else {
            Color32::from_rgb(70, 10, 10)
        })
        .inner_margin(24.0);
    egui::Modal::new(egui::Id::new("pager"))
        .frame(frame)
        .show(&ctx, |ui| {
            ui.set_min_width(420.0);
            ui.label(
                RichText::new("PAGE")
                    .size(40.0)
                    .strong()
                    .color(Color32::WHITE),
            );
            for a in &paging {
                ui.label(
                    RichText::new(format!("[{:?}] {}", a.severity, a.name))
                        .size(22.0)
                        .color(Color32::WHITE),
                );
                ui.label(RichText::new(&a.summary).size(16.0).color(Color32::WHITE));
            }
            ui.add_space(12.0);
            let ack = egui::Button::new(
                RichText::new("Acknowledge page")
                    .size(22.0)
                    .strong()
                    .color(Color32::BLACK),
            )
            .fill(Color32::WHITE);
            if ui.add(ack).clicked() {
                out.push(Command::Ack);
            }
        });
}

/// The alerts that fired.
fn alerts(ui: &mut egui::Ui, v: &TraineeView) {
    ui.heading("Alerts");
    if v.alerts.is_empty() {
        ui.weak("nothing firing");
    }
    for a in &v.alerts {
        let text = format!(
            "{} [{:?}] {} — {}",
            if a.firing { "FIRING" } else { "resolved" },
            a.severity,
            a.name,
            a.summary
        );
        let color = if a.firing {
            Role::of(a.severity).in_ui(ui)
        } else {
            Role::Muted.in_ui(ui)
        };
        ui.colored_label(color, text);
    }
}

fn services_and_messages(ui: &mut egui::Ui, v: &TraineeView, map: Option<egui::TextureId>) {
    ui.heading("Services");
    if let Some(id) = map {
        let w = ui.available_width();
        let (mw, mh) = crate::gui::service_map::SIZE;
        ui.image(egui::load::SizedTexture::new(
            id,
            egui::vec2(w, w * mh as f32 / mw as f32),
        ));
    }
    for s in &v.services {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(
                rect.center(),
                5.0,
                health_color(s.health, ui.visuals().dark_mode),
            );
            ui.label(&s.name);
            if !s.depends_on.is_empty() {
                ui.weak(format!("-> {}", s.depends_on.join(", ")));
            }
        });
    }
    ui.heading("Messages");
    for m in v.messages.iter().rev() {
        ui.label(
            RichText::new(format!("{} {} ({})", v.short_stamp(m.at), m.from, m.role)).strong(),
        );
        ui.label(&m.text);
    }
    if !v.changes.is_empty() {
        egui::CollapsingHeader::new("Recent changes").show(ui, |ui| {
            for c in &v.changes {
                ui.label(format!("{}  {}: {}", c.when, c.service, c.text));
            }
        });
    }
    ui.heading("Findings");
    for f in &v.findings {
        ui.label(format!("{}  {}", v.short_stamp(f.at), f.text));
    }
    if !v.hints.is_empty() {
        ui.heading("Hints");
        for h in &v.hints {
            ui.label(h);
        }
    }
}
