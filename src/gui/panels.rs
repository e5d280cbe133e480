//! Session panels: plain egui functions over read-only view data that return what the user asked
//! for. The trainee panels see only the redacted [`TraineeView`]; the game master's console sees
//! the [`GmView`]. Nothing here decides a game rule.

use bevy_egui::egui::{self, Color32, RichText};
use misfortune_core::model::{EventKind, Reveal, Severity, Trigger};
use misfortune_core::view::{GmView, Health, KindView, TraineeView};
use misfortune_core::{Command, SimTime};

/// Something the trainee asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum TraineeIntent {
    Command(Command),
}

/// Something the game master asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum GmIntent {
    Command(Command),
}

/// What the trainee is typing, kept between frames.
#[derive(Debug, Clone, Default)]
pub struct TraineeForm {
    pub action_filter: String,
    pub candidate: Option<String>,
    pub diagnosis_text: String,
    pub note: String,
    pub timeline_kind: Option<EventKind>,
    pub timeline_text: String,
    pub log_filter: String,
}

/// What the game master is typing, kept between frames.
#[derive(Debug, Clone, Default)]
pub struct GmForm {
    pub persona: Option<String>,
    pub message: String,
}

fn severity_color(s: Severity) -> Color32 {
    match s {
        Severity::Critical => Color32::from_rgb(235, 87, 87),
        Severity::Warning => Color32::from_rgb(242, 180, 60),
        Severity::Info => Color32::from_rgb(120, 170, 240),
    }
}

fn health_color(h: Health) -> Color32 {
    match h {
        Health::Healthy => Color32::from_rgb(90, 190, 110),
        Health::Degraded => Color32::from_rgb(242, 180, 60),
        Health::Down => Color32::from_rgb(235, 87, 87),
    }
}

/// The trainee's whole screen.
pub fn trainee_panel(
    ui: &mut egui::Ui,
    v: &TraineeView,
    form: &mut TraineeForm,
) -> Vec<TraineeIntent> {
    let mut out = Vec::new();
    let mut cmd = |c: Command| out.push(TraineeIntent::Command(c));
    ui.horizontal(|ui| {
        ui.heading(&v.title);
        ui.separator();
        ui.label(RichText::new(v.now.clock()).monospace().size(28.0).strong());
        if v.clock.paused {
            ui.label(RichText::new("paused").color(Color32::YELLOW));
        } else if v.clock.speed != 1 {
            ui.label(format!("x{}", v.clock.speed));
        }
        if v.busy_until > v.now {
            ui.label(format!("busy until {}", v.busy_until.clock()));
        }
        if v.ended {
            ui.label(RichText::new("session ended").color(Color32::LIGHT_RED));
        }
    });
    ui.separator();
    egui::Panel::right("trainee-right")
        .resizable(true)
        .default_size(300.0)
        .size_range(220.0..=520.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("trainee-right-scroll")
                .show(ui, |ui| {
                    ui.heading("Actions");
                    let search = ui.add(
                        egui::TextEdit::singleline(&mut form.action_filter)
                            .hint_text("search actions (/)"),
                    );
                    // "/" jumps to the action search when nothing else has the keyboard.
                    if ui.input(|i| i.key_pressed(egui::Key::Slash))
                        && ui.ctx().memory(|m| m.focused().is_none())
                    {
                        search.request_focus();
                    }
                    let filter = form.action_filter.to_lowercase();
                    for a in v.actions.iter().filter(|a| {
                        filter.is_empty()
                            || a.label.to_lowercase().contains(&filter)
                            || a.id.contains(&filter)
                    }) {
                        let kind = match a.kind {
                            KindView::Investigate => "investigate",
                            KindView::Mitigate => "mitigate",
                            KindView::Communicate => "communicate",
                            KindView::Escalate => "escalate",
                        };
                        if ui
                            .add_enabled(
                                !v.ended,
                                egui::Button::new(format!("{}  ({}, {})", a.label, a.cost, kind)),
                            )
                            .clicked()
                        {
                            cmd(Command::Take {
                                action: a.id.clone(),
                            });
                        }
                    }
                    ui.separator();
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
                        let text =
                            Some(form.diagnosis_text.trim().to_string()).filter(|t| !t.is_empty());
                        cmd(Command::Diagnose {
                            candidate: form.candidate.clone(),
                            text,
                        });
                    }
                    for d in &v.diagnoses {
                        ui.label(format!(
                            "{}  {}",
                            d.at.clock(),
                            d.candidate.clone().or(d.text.clone()).unwrap_or_default()
                        ));
                    }
                    ui.separator();
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(!v.ended, egui::Button::new("Declare mitigated"))
                            .clicked()
                        {
                            cmd(Command::DeclareMitigated);
                        }
                        if ui
                            .add_enabled(!v.ended, egui::Button::new("Declare resolved"))
                            .clicked()
                        {
                            cmd(Command::DeclareResolved);
                        }
                    });
                    if ui
                        .add_enabled(
                            v.hints_left > 0 && !v.ended,
                            egui::Button::new(format!("Ask for a hint ({} left)", v.hints_left)),
                        )
                        .clicked()
                    {
                        cmd(Command::GiveHint);
                    }
                    ui.separator();
                    ui.heading("Notes");
                    ui.horizontal(|ui| {
                        ui.text_edit_singleline(&mut form.note);
                        if ui.button("Add note").clicked() && !form.note.trim().is_empty() {
                            cmd(Command::Note {
                                text: std::mem::take(&mut form.note),
                            });
                        }
                    });
                    for (at, n) in &v.notes {
                        ui.label(format!("{}  {n}", at.clock()));
                    }
                    ui.separator();
                    ui.heading("My timeline");
                    egui::ComboBox::from_id_salt("timeline-kind")
                        .selected_text(
                            form.timeline_kind
                                .map_or("kind".to_string(), |k| format!("{k:?}")),
                        )
                        .show_ui(ui, |ui| {
                            for k in EventKind::ALL {
                                ui.selectable_value(
                                    &mut form.timeline_kind,
                                    Some(k),
                                    format!("{k:?}"),
                                );
                            }
                        });
                    ui.horizontal(|ui| {
                        ui.text_edit_singleline(&mut form.timeline_text);
                        if ui.button("Add entry").clicked()
                            && let Some(kind) = form.timeline_kind
                            && !form.timeline_text.trim().is_empty()
                        {
                            cmd(Command::TimelineEntry {
                                at: v.now,
                                kind,
                                text: std::mem::take(&mut form.timeline_text),
                            });
                        }
                    });
                    for e in &v.own_timeline {
                        ui.label(format!("{}  {:?}: {}", e.at.clock(), e.kind, e.text));
                    }
                });
        });
    egui::Panel::left("trainee-left")
        .resizable(true)
        .default_size(270.0)
        .size_range(200.0..=520.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("trainee-left-scroll")
                .show(ui, |ui| {
                    egui::CollapsingHeader::new("Briefing")
                        .default_open(v.now < SimTime::from_mins(3))
                        .show(ui, |ui| {
                            ui.label(&v.briefing);
                        });
                    ui.heading("Alerts");
                    let unacked = v.alerts.iter().any(|a| a.firing && a.pages && !a.acked);
                    if unacked
                        && ui
                            .add(
                                egui::Button::new(RichText::new("Acknowledge page").strong())
                                    .fill(Color32::from_rgb(120, 30, 30)),
                            )
                            .clicked()
                    {
                        cmd(Command::Ack);
                    }
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
                            severity_color(a.severity)
                        } else {
                            Color32::GRAY
                        };
                        ui.colored_label(color, text);
                    }
                    ui.heading("Services");
                    for s in &v.services {
                        ui.horizontal(|ui| {
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                            ui.painter()
                                .circle_filled(rect.center(), 5.0, health_color(s.health));
                            ui.label(&s.name);
                            if !s.depends_on.is_empty() {
                                ui.weak(format!("-> {}", s.depends_on.join(", ")));
                            }
                        });
                    }
                    ui.heading("Messages");
                    for m in v.messages.iter().rev() {
                        ui.label(
                            RichText::new(format!("{} {} ({})", m.at.clock(), m.from, m.role))
                                .strong(),
                        );
                        ui.label(&m.text);
                    }
                    ui.heading("Findings");
                    for f in &v.findings {
                        ui.label(format!("{}  {}", f.at.clock(), f.text));
                    }
                    if !v.hints.is_empty() {
                        ui.heading("Hints");
                        for h in &v.hints {
                            ui.label(h);
                        }
                    }
                });
        });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("trainee-center-scroll")
            .show_viewport(ui, |ui, viewport| {
                if v.dashboards.is_empty() {
                    ui.weak("No dashboard open yet: investigate to open one.");
                }
                // Charts outside the visible part of the scroll area are not drawn, only sized.
                const CHART: f32 = 110.0;
                let origin = ui.min_rect().top();
                for d in &v.dashboards {
                    ui.heading(&d.title);
                    for s in &d.series {
                        let last = s.points.last().map_or(0.0, |p| p.1);
                        ui.label(format!("{}: {:.2} {}", s.name, last, s.unit));
                        let y = ui.cursor().top() - origin;
                        if y + CHART < viewport.min.y || y > viewport.max.y {
                            ui.add_space(CHART + ui.spacing().item_spacing.y);
                            continue;
                        }
                        let pts: Vec<[f64; 2]> = s
                            .points
                            .iter()
                            .map(|(t, y)| [t.as_mins_f64(), *y])
                            .collect();
                        egui_plot::Plot::new(format!("{}-{}", d.id, s.metric))
                            .height(CHART)
                            .allow_scroll(false)
                            .allow_zoom(false)
                            .include_y(0.0)
                            .show(ui, |p| p.line(egui_plot::Line::new(s.name.clone(), pts)));
                    }
                }
                for l in &v.logs {
                    ui.heading(format!("Log: {}", l.name));
                    ui.add(
                        egui::TextEdit::singleline(&mut form.log_filter).hint_text("filter lines"),
                    );
                    let f = form.log_filter.to_lowercase();
                    let lines: Vec<_> = l
                        .lines
                        .iter()
                        .filter(|x| f.is_empty() || x.text.to_lowercase().contains(&f))
                        .collect();
                    let row = ui.text_style_height(&egui::TextStyle::Monospace);
                    egui::ScrollArea::vertical()
                        .id_salt(format!("log-{}", l.id))
                        .max_height(160.0)
                        .stick_to_bottom(true)
                        .show_rows(ui, row, lines.len(), |ui, range| {
                            for line in &lines[range] {
                                ui.monospace(format!(
                                    "{} {:?} {}",
                                    line.at.clock(),
                                    line.level,
                                    line.text
                                ));
                            }
                        });
                }
                ui.heading("What happened");
                for item in v.feed.iter().rev().take(30) {
                    ui.label(format!("{}  {}", item.at.clock(), item.text));
                }
            });
    });
    out
}

fn trigger_text(t: &Trigger) -> String {
    match t {
        Trigger::At(at) => format!("at {}", at.clock()),
        Trigger::AfterAction { action, delay } => format!("{delay} after `{action}`"),
        Trigger::AfterInject { inject, delay } => format!("{delay} after `{inject}`"),
        Trigger::IfNotMitigated { by } => format!("at {} unless mitigated", by.clock()),
        Trigger::Held => "held for you".into(),
    }
}

/// The game master's console.
pub fn gm_panel(ui: &mut egui::Ui, v: &GmView, form: &mut GmForm) -> Vec<GmIntent> {
    let score = &v.score;
    let mut out = Vec::new();
    let mut cmd = |c: Command| out.push(GmIntent::Command(c));
    let t = &v.trainee;
    egui::ScrollArea::vertical()
        .id_salt("gm-scroll")
        .show(ui, |ui| {
            ui.heading("Game master");
            ui.horizontal(|ui| {
                ui.label(RichText::new(t.now.clock()).monospace().size(22.0));
                if t.clock.paused {
                    if ui.button("Resume").clicked() {
                        cmd(Command::Resume);
                    }
                } else if ui.button("Pause").clicked() {
                    cmd(Command::Pause);
                }
                for s in [1, 5, 30] {
                    if ui
                        .selectable_label(t.clock.speed == s, format!("x{s}"))
                        .clicked()
                    {
                        cmd(Command::Speed { factor: s });
                    }
                }
            });
            ui.horizontal(|ui| {
                for m in [1, 5, 15] {
                    if ui.button(format!("+{m}m")).clicked() {
                        cmd(Command::Jump {
                            by: SimTime::from_mins(m),
                        });
                    }
                }
                if ui
                    .add_enabled(!t.ended, egui::Button::new("End session"))
                    .clicked()
                {
                    cmd(Command::End);
                }
            });
            ui.separator();
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
            ui.separator();
            egui::CollapsingHeader::new("The truth")
                .default_open(true)
                .show(ui, |ui| {
                    ui.label(&v.root_cause.statement);
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
            egui::CollapsingHeader::new("Clues not yet found")
                .default_open(true)
                .show(ui, |ui| {
                    for c in &v.unrevealed_clues {
                        ui.horizontal(|ui| {
                            if ui.small_button("Reveal").clicked() {
                                cmd(Command::Reveal {
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
                                cmd(Command::Reveal { what: r.clone() });
                            }
                            ui.label(label);
                        });
                    }
                });
            egui::CollapsingHeader::new("Coming up")
                .default_open(true)
                .show(ui, |ui| {
                    for i in &v.upcoming {
                        ui.horizontal(|ui| {
                            if ui.small_button("Play now").clicked() {
                                cmd(Command::PlayInject {
                                    inject: i.id.clone(),
                                });
                            }
                            ui.label(format!(
                                "{} ({}): {}",
                                i.id,
                                trigger_text(&i.when),
                                i.summary
                            ));
                        });
                        if let Some(n) = &i.gm_note {
                            ui.weak(n);
                        }
                    }
                });
            egui::CollapsingHeader::new("Message as a persona").show(ui, |ui| {
                egui::ComboBox::from_id_salt("gm-persona")
                    .selected_text(form.persona.clone().unwrap_or_else(|| "persona".into()))
                    .show_ui(ui, |ui| {
                        for p in &t.personas {
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
                    cmd(Command::SendMessage {
                        from,
                        text: std::mem::take(&mut form.message),
                    });
                }
            });
            if let Some(h) = &v.next_hint {
                ui.horizontal(|ui| {
                    if ui.button(format!("Give hint (-{})", h.cost)).clicked() {
                        cmd(Command::GiveHint);
                    }
                    ui.weak(&h.text);
                });
            }
            ui.separator();
            ui.heading("Trainee's actions");
            for a in &t.taken {
                ui.label(format!(
                    "{}-{} {}{}",
                    a.start.clock(),
                    a.end.clock(),
                    a.label,
                    if a.done { "" } else { " (in progress)" }
                ));
            }
        });
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use misfortune_core::view::{GmView, TraineeView};
    use misfortune_core::{Actor, Session, load_all};

    use super::*;

    fn scenarios() -> Vec<Arc<misfortune_core::Scenario>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        load_all(&[dir])
            .0
            .into_iter()
            .map(|f| Arc::new(f.scenario.unwrap()))
            .collect()
    }

    fn run_trainee(
        view: &TraineeView,
        form: &mut TraineeForm,
        click: Option<&str>,
    ) -> Vec<TraineeIntent> {
        let intents = std::cell::RefCell::new(Vec::new());
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1600.0, 1000.0))
            .build_ui(|ui| {
                intents.borrow_mut().extend(trainee_panel(ui, view, form));
            });
        harness.run();
        if let Some(label) = click {
            harness.get_by_label_contains(label).click();
            harness.run();
        }
        drop(harness);
        intents.into_inner()
    }

    #[test]
    fn the_trainee_acknowledges_the_page_and_takes_an_action() {
        let sc = scenarios()
            .into_iter()
            .find(|s| s.id == "cloudflare-2019-waf-regex")
            .unwrap();
        let mut s = Session::new(sc, 1);
        s.advance_to(SimTime::from_mins(3));
        let view = TraineeView::of(&s);
        let mut form = TraineeForm::default();
        let got = run_trainee(&view, &mut form, Some("Acknowledge page"));
        assert!(
            got.contains(&TraineeIntent::Command(Command::Ack)),
            "{got:?}"
        );
        let got = run_trainee(&view, &mut form, Some("Open the proxy health dashboard"));
        assert!(
            got.contains(&TraineeIntent::Command(Command::Take {
                action: "open-proxy-health".into()
            })),
            "{got:?}"
        );
    }

    #[test]
    fn the_game_master_can_play_a_held_inject() {
        let sc = scenarios()
            .into_iter()
            .find(|s| s.id == "cloudflare-2019-waf-regex")
            .unwrap();
        let s = Session::new(sc.clone(), 1);
        let view = GmView::of(&s);
        let intents = std::cell::RefCell::new(Vec::new());
        let mut form = GmForm::default();
        let mut harness = Harness::builder()
            .with_size(egui::vec2(700.0, 3000.0))
            .build_ui(|ui| {
                intents.borrow_mut().extend(gm_panel(ui, &view, &mut form));
            });
        harness.run();
        harness.get_all_by_label("Play now").last().unwrap().click();
        harness.run();
        drop(harness);
        let got = intents.into_inner();
        assert!(got.iter().any(|i| matches!(i, GmIntent::Command(Command::PlayInject { inject }) if inject == "credentials-expired")), "{got:?}");
    }

    /// Every trainee panel, for every shipped scenario, at several points of an expert play:
    /// no hidden text of the scenario appears anywhere in what is drawn.
    #[test]
    fn trainee_panels_never_show_hidden_text() {
        for sc in scenarios() {
            let mut rec =
                misfortune_core::journal::Recorder::unjournaled(Session::new(sc.clone(), 3));
            let checkpoints = [
                SimTime::from_mins(1),
                SimTime::from_mins(4),
                SimTime::from_mins(8),
                SimTime::from_mins(15),
                sc.duration,
            ];
            let mut snapshots = Vec::new();
            let mut next = 0;
            misfortune_core::personas::play_observed(
                &mut rec,
                misfortune_core::personas::Persona::Expert,
                |s| {
                    if next < checkpoints.len() && (s.now() >= checkpoints[next] || s.is_ended()) {
                        snapshots.push(TraineeView::of(s));
                        next += 1;
                    }
                },
            )
            .unwrap();
            let mut hidden: Vec<String> = vec![
                sc.root_cause.statement.clone(),
                sc.root_cause.trigger.clone(),
            ];
            hidden.extend(sc.gm_notes.iter().cloned());
            hidden.extend(sc.recorded.timeline.iter().map(|e| e.text.clone()));
            hidden.extend(sc.debrief.went_wrong.iter().cloned());
            hidden.extend(sc.injects.iter().filter_map(|i| i.gm_note.clone()));
            hidden.extend(sc.actions.iter().filter_map(|a| a.gm_note.clone()));
            for view in &snapshots {
                let mut form = TraineeForm::default();
                let mut harness = Harness::builder()
                    .with_size(egui::vec2(1600.0, 4000.0))
                    .build_ui(|ui| {
                        trainee_panel(ui, view, &mut form);
                    });
                harness.run();
                for text in hidden.iter().filter(|t| t.len() >= 16) {
                    assert!(
                        harness.query_all_by_label_contains(text).next().is_none(),
                        "{} at {}: hidden text drawn: {text}",
                        sc.id,
                        view.now
                    );
                }
                // And the drawn panel does show what was revealed.
                if let Some(f) = view.findings.first() {
                    assert!(
                        harness
                            .query_all_by_label_contains(&f.text)
                            .next()
                            .is_some(),
                        "{}: finding not drawn",
                        sc.id
                    );
                }
            }
            let _ = Actor::Trainee;
        }
    }
}
