//! The debrief screen: the score with every part explained, both timelines on one time axis, the
//! five questions with the recorded answers and room for the team's, the action items (owner and
//! due date editable), and export of the postmortem draft as Markdown.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use misfortune_core::model::EventKind;
use misfortune_core::report::{Report, write_atomic};

use super::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        show_debrief.run_if(in_state(Screen::Debrief)),
    );
}

/// The debrief being held, with what the team has typed.
#[derive(Resource, Debug, Clone)]
pub struct Debrief {
    pub report: Report,
    pub journal: Option<PathBuf>,
    pub form: DebriefForm,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DebriefForm {
    /// One text per question; one answer a line.
    pub answers: Vec<String>,
    /// Which questions show the real team's answers (the room answers first).
    pub revealed: Vec<bool>,
    pub owners: Vec<String>,
    pub dues: Vec<String>,
    /// Action items the room adds: (action, owner, due).
    pub added: Vec<(String, String, String)>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DebriefIntent {
    Export,
    Back,
}

impl Debrief {
    pub fn new(report: Report, journal: Option<PathBuf>) -> Debrief {
        let form = DebriefForm {
            answers: vec![String::new(); report.questions.len()],
            revealed: vec![false; report.questions.len()],
            added: Vec::new(),
            owners: report
                .action_items
                .iter()
                .map(|a| a.owner.clone().unwrap_or_default())
                .collect(),
            dues: report
                .action_items
                .iter()
                .map(|a| a.due.clone().unwrap_or_default())
                .collect(),
            message: None,
        };
        Debrief {
            report,
            journal,
            form,
        }
    }

    /// The report with the team's answers and edits folded in.
    pub fn filled(&self) -> Report {
        let mut r = self.report.clone();
        for (q, text) in r.questions.iter_mut().zip(&self.form.answers) {
            q.team = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
        }
        for ((a, owner), due) in r
            .action_items
            .iter_mut()
            .zip(&self.form.owners)
            .zip(&self.form.dues)
        {
            a.owner = Some(owner.trim().to_string()).filter(|s| !s.is_empty());
            a.due = Some(due.trim().to_string()).filter(|s| !s.is_empty());
        }
        let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        for (action, owner, due) in &self.form.added {
            if action.trim().is_empty() {
                continue;
            }
            r.action_items.push(misfortune_core::report::ActionItemRow {
                action: action.trim().to_string(),
                kind: misfortune_core::model::ActionItemKind::Other,
                owner: some(owner),
                due: some(due),
            });
        }
        r
    }

    /// Write the Markdown draft next to the journal (never over an existing file).
    pub fn export(&self) -> Result<PathBuf, String> {
        let base = self.journal.as_ref().map_or_else(
            || PathBuf::from(format!("{}-debrief", self.report.scenario_id)),
            |j| j.with_extension(""),
        );
        let text = self.filled().to_markdown();
        for n in 0..100 {
            let path = if n == 0 {
                base.with_extension("debrief.md")
            } else {
                base.with_extension(format!("debrief-{n}.md"))
            };
            match write_atomic(&path, text.as_bytes(), false) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
        Err("too many debrief files already".into())
    }
}

fn kind_row(k: EventKind) -> f64 {
    match k {
        EventKind::Trigger => 0.0,
        EventKind::Symptom => 1.0,
        EventKind::Alert => 2.0,
        EventKind::Investigation => 3.0,
        EventKind::Escalation => 4.0,
        EventKind::Communication => 5.0,
        EventKind::Mitigation => 6.0,
        EventKind::Resolution => 7.0,
    }
}

/// The debrief panel: a plain egui function over the report, returning the user's intent.
pub fn debrief_panel(
    ui: &mut egui::Ui,
    r: &Report,
    form: &mut DebriefForm,
) -> Option<DebriefIntent> {
    let mut intent = None;
    ui.horizontal(|ui| {
        if ui.button("< Library").clicked() {
            intent = Some(DebriefIntent::Back);
        }
        ui.heading(format!("Debrief: {}", r.title));
        if ui.button("Export postmortem draft (Markdown)").clicked() {
            intent = Some(DebriefIntent::Export);
        }
        if let Some(m) = &form.message {
            ui.label(m);
        }
    });
    ui.label(&r.summary);
    ui.weak(match r.play_mode {
        misfortune_core::sim::PlayMode::Recall => "Played from recall: in the trainee's own words.",
        misfortune_core::sim::PlayMode::Guided => "Played guided: from the palette of actions.",
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("debrief")
        .show(ui, |ui| {
            score(ui, r);
            ui.separator();
            timelines(ui, r);
            ui.separator();
            questions(ui, r, form);
            ui.separator();
            action_items(ui, r, form);
        });
    intent
}

/// Every part of the score with its explanation.
fn score(ui: &mut egui::Ui, r: &Report) {
    ui.heading(format!("Score: {:.1}/100", r.score.total));
    egui::Grid::new("score")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for p in &r.score.parts {
                ui.label(p.name.replace('_', " "));
                ui.label(format!("{:.1} / {:.1}", p.points, p.max_points));
                ui.label(&p.why);
                ui.end_row();
            }
            if r.score.hints_used > 0 {
                ui.label("hints");
                ui.label(format!("-{:.1}", r.score.hint_penalty));
                ui.label(format!("{} hint(s) used", r.score.hints_used));
                ui.end_row();
            }
            if r.score.harmful_actions > 0 {
                ui.label("harm");
                ui.label(format!("-{:.1}", r.score.harm_penalty));
                ui.label(format!(
                    "{} harmful action(s): harm costs beyond its part",
                    r.score.harmful_actions
                ));
                ui.end_row();
            }
        });
}

/// Both timelines on one time axis, and as a table.
fn timelines(ui: &mut egui::Ui, r: &Report) {
    ui.heading("Timelines");
    let pts = |side: &str| -> Vec<[f64; 2]> {
        r.timeline
            .iter()
            .filter(|e| e.side == side)
            .map(|e| [e.at.as_mins_f64(), kind_row(e.kind)])
            .collect()
    };
    egui_plot::Plot::new("timelines")
        .height(220.0)
        .legend(egui_plot::Legend::default())
        .x_axis_label("minutes")
        .y_axis_formatter(|m, _| {
            [
                "trigger",
                "symptom",
                "alert",
                "investigation",
                "escalation",
                "communication",
                "mitigation",
                "resolution",
            ]
            .get(m.value.round() as usize)
            .filter(|_| (m.value - m.value.round()).abs() < 0.01)
            .map(|s| s.to_string())
            .unwrap_or_default()
        })
        .show(ui, |p| {
            p.points(egui_plot::Points::new("trainee", pts("trainee")).radius(6.0));
            p.points(egui_plot::Points::new("real team", pts("recorded")).radius(4.0));
        });
    egui::Grid::new("timeline-table")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.strong("time");
            ui.strong("trainee");
            ui.strong("real team");
            ui.end_row();
            for e in &r.timeline {
                ui.label(e.at.clock());
                let cell = format!("{:?}: {}", e.kind, e.text);
                if e.side == "trainee" {
                    ui.label(cell);
                    ui.label("");
                } else {
                    ui.label("");
                    ui.label(cell);
                }
                ui.end_row();
            }
        });
}

/// The diagnosis, and the five questions with the real incident's answers and room for the team's.
fn questions(ui: &mut egui::Ui, r: &Report, form: &mut DebriefForm) {
    ui.heading("Diagnosis");
    ui.label(format!(
        "Trainee: {}",
        r.diagnosis.trainee.as_deref().unwrap_or("no diagnosis")
    ));
    ui.label(format!("Root cause: {}", r.diagnosis.root_cause));
    ui.separator();
    // The room answers first; the real team's answers are shown per question on request, so
    // they do not anchor the discussion.
    for (i, q) in r.questions.iter().enumerate() {
        ui.heading(q.question);
        if let Some(text) = form.answers.get_mut(i) {
            ui.add(
                egui::TextEdit::multiline(text)
                    .hint_text("the room's answers, one a line")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            );
        }
        let Some(shown) = form.revealed.get_mut(i) else {
            continue;
        };
        if *shown {
            ui.weak("In the real incident:");
            for a in &q.recorded {
                ui.label(format!("• {a}"));
            }
        } else if ui.small_button("Show the real team's answers").clicked() {
            *shown = true;
        }
    }
}

fn action_items(ui: &mut egui::Ui, r: &Report, form: &mut DebriefForm) {
    ui.heading("Action items");
    egui::Grid::new("actions")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.strong("action");
            ui.strong("type");
            ui.strong("owner");
            ui.strong("due");
            ui.end_row();
            for (i, a) in r.action_items.iter().enumerate() {
                ui.label(&a.action);
                ui.label(format!("{:?}", a.kind));
                if let Some(o) = form.owners.get_mut(i) {
                    ui.add(
                        egui::TextEdit::singleline(o)
                            .hint_text("owner")
                            .desired_width(160.0),
                    );
                }
                if let Some(d) = form.dues.get_mut(i) {
                    ui.add(
                        egui::TextEdit::singleline(d)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    );
                }
                ui.end_row();
            }
            for (action, owner, due) in &mut form.added {
                ui.add(
                    egui::TextEdit::singleline(action)
                        .hint_text("a new action item")
                        .desired_width(360.0),
                );
                ui.label("Other");
                ui.add(
                    egui::TextEdit::singleline(owner)
                        .hint_text("owner")
                        .desired_width(160.0),
                );
                ui.add(
                    egui::TextEdit::singleline(due)
                        .hint_text("YYYY-MM-DD")
                        .desired_width(120.0),
                );
                ui.end_row();
            }
        });
    if ui.button("Add an action item").clicked() {
        form.added.push(Default::default());
    }
}

fn show_debrief(
    mut contexts: EguiContexts,
    debrief: Option<ResMut<Debrief>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(mut d) = debrief else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut root = super::ui::root_ui(ctx);
    let report = d.report.clone();
    let mut intent = None;
    egui::CentralPanel::default().show(&mut root, |ui| {
        intent = debrief_panel(ui, &report, &mut d.form);
    });
    match intent {
        Some(DebriefIntent::Export) => {
            d.form.message = Some(match d.export() {
                Ok(p) => format!("Exported to {}", p.display()),
                Err(e) => format!("Export failed: {e}"),
            });
        }
        Some(DebriefIntent::Back) => next.set(Screen::Library),
        None => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use misfortune_core::journal::Recorder;
    use misfortune_core::personas::{self, Persona};
    use misfortune_core::{Session, load_file};

    use super::*;

    fn report() -> Report {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/original-cert-expiry.ron");
        let sc = Arc::new(load_file(&path).valid().unwrap().clone());
        let mut rec = Recorder::unjournaled(Session::new(sc, 5));
        personas::play(&mut rec, Persona::Expert).unwrap();
        Report::of(rec.session(), None)
    }

    #[test]
    fn the_debrief_shows_the_score_and_exports_the_teams_answers() {
        let r = report();
        let tmp_dir = tempfile::tempdir().unwrap();
        let dir = tmp_dir.path().to_path_buf();
        std::fs::create_dir_all(&dir).unwrap();
        let mut d = Debrief::new(r.clone(), Some(dir.join("session.jsonl")));
        let intents = std::cell::RefCell::new(Vec::new());
        {
            let form = &mut d.form;
            let mut harness = Harness::builder()
                .with_size(egui::vec2(1400.0, 3000.0))
                .build_ui(|ui| {
                    intents.borrow_mut().extend(debrief_panel(ui, &r, form));
                });
            harness.run();
            assert!(
                harness
                    .query_by_label(&format!("Score: {:.1}/100", r.score.total))
                    .is_some()
            );
            assert!(
                harness
                    .query_by_label_contains("What could have prevented it?")
                    .is_some()
            );
            harness
                .get_by_label("Export postmortem draft (Markdown)")
                .click();
            harness.run();
        }
        assert_eq!(intents.into_inner(), vec![DebriefIntent::Export]);
        d.form.answers[1] = "Fast page\n\nCA access".into();
        d.form.owners[0] = "Omar".into();
        d.form.added.push((
            "Alert 30 days before any certificate expires".into(),
            "Priya".into(),
            "2027-01-15".into(),
        ));
        let first = d.export().unwrap();
        let second = d.export().unwrap();
        assert_ne!(first, second, "never overwrites an earlier export");
        let md = std::fs::read_to_string(&first).unwrap();
        assert!(
            md.contains("Our answers:\n\n- Fast page\n- CA access\n"),
            "{md}"
        );
        assert!(md.contains("| Move the gateway certificate to automated issuance and renewal | Prevent | Omar |"), "{md}");
        assert!(
            md.contains(
                "| Alert 30 days before any certificate expires | Other | Priya | 2027-01-15 |"
            ),
            "{md}"
        );
    }
}
