//! The Progress screen: each trainee's score trend and readiness against the team's checklist,
//! and the team's coverage as a heat map of trainees by tags. The data comes from the progress
//! store (brought up to date from the journals on entering the screen); the panel is a plain
//! egui function over it.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use misfortune_core::progress::{
    self, Checklist, ProgressStore, SessionRecord, Store, TraineeProgress, Verdict,
};

use super::library::Library;
use super::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Progress), load)
        .add_systems(
            EguiPrimaryContextPass,
            show.run_if(in_state(Screen::Progress)),
        );
}

/// What the screen shows.
#[derive(Resource, Debug, Default, Clone)]
pub struct ProgressData {
    pub trainees: Vec<(TraineeProgress, Option<Verdict>)>,
    pub tags: Vec<String>,
    /// Trainee by tag: best score, or none.
    pub team: Vec<(String, Vec<Option<f64>>)>,
    /// Sessions in the store that count for nobody (personas, scripts, unnamed, unfinished).
    pub uncounted: usize,
    pub selected: usize,
    pub problem: Option<String>,
}

impl ProgressData {
    pub fn build(all: &[SessionRecord], tags: Vec<String>, list: Option<&Checklist>) -> Self {
        let trainees = progress::trainees(all)
            .into_iter()
            .map(|t| {
                let p = progress::trainee_progress(all, &t, &tags);
                let v = list.map(|l| progress::verdict(&p, l));
                (p, v)
            })
            .collect();
        ProgressData {
            trainees,
            team: progress::team_coverage(all, &tags),
            uncounted: all.iter().filter(|s| !s.counted).count(),
            tags,
            selected: 0,
            problem: None,
        }
    }
}

fn load(
    mut commands: Commands,
    library: Option<Res<Library>>,
    keyring: Option<Res<super::session::Keyring>>,
) {
    let tags = library.map_or_else(Vec::new, |l| {
        let scenarios: Vec<misfortune_core::Scenario> =
            l.files.iter().filter_map(|f| f.scenario.clone()).collect();
        progress::library_tags(&scenarios)
    });
    let read = || -> Result<Vec<SessionRecord>, String> {
        let dir = super::session::sessions_dir().ok_or("no data folder for journals")?;
        let mut store = Store::open(&progress::store::default_path(&dir)).map_err(|e| {
            format!("{e} (the journals are the source of truth: `misfortune progress --rebuild` recreates the database)")
        })?;
        if let Some(k) = &keyring {
            store.sync(&dir, &k.0)?;
        }
        store.sessions(None)
    };
    let list = super::ui::config_dir()
        .map(|d| d.join("readiness.ron"))
        .filter(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(&p).ok().map(|s| (p, s)))
        .map(|(p, s)| Checklist::parse(&p.display().to_string(), &s));
    let data = match (read(), list) {
        (Ok(all), Some(Ok(l))) => ProgressData::build(&all, tags, Some(&l)),
        (Ok(all), None) => ProgressData::build(&all, tags, None),
        (Ok(all), Some(Err(e))) => ProgressData {
            problem: Some(e),
            ..ProgressData::build(&all, tags, None)
        },
        (Err(e), _) => ProgressData {
            problem: Some(e),
            ..Default::default()
        },
    };
    commands.insert_resource(data);
}

fn show(
    mut contexts: EguiContexts,
    data: Option<ResMut<ProgressData>>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let Some(mut data) = data else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut root = super::ui::root_ui(ctx);
    let mut back = false;
    egui::CentralPanel::default().show(&mut root, |ui| {
        back = progress_panel(ui, &mut data);
    });
    if back {
        next.set(Screen::Library);
    }
    Ok(())
}

/// The panel: returns true when the user asks to go back.
pub fn progress_panel(ui: &mut egui::Ui, data: &mut ProgressData) -> bool {
    let mut back = false;
    ui.horizontal(|ui| {
        back = ui.button("< Library").clicked();
        ui.heading("Onboarding progress");
    });
    if let Some(p) = &data.problem {
        ui.colored_label(super::palette::Role::Error.in_ui(ui), p);
    }
    if data.trainees.is_empty() {
        ui.label(format!(
            "No trainee has a counted session yet ({} session(s) count for nobody: personas, scripts, unnamed or unfinished). Name the trainee where sessions start, or draw a volunteer on the wheel.",
            data.uncounted
        ));
        return back;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for (i, (p, v)) in data.trainees.iter().enumerate() {
                let mark = match v {
                    Some(v) if v.ready => " ✓",
                    Some(_) => " …",
                    None => "",
                };
                if ui
                    .selectable_label(data.selected == i, format!("{}{mark}", p.trainee))
                    .clicked()
                {
                    data.selected = i;
                }
            }
        });
        ui.separator();
        if let Some((p, v)) = data.trainees.get(data.selected) {
            trainee(ui, p, v.as_ref());
        }
        ui.separator();
        team(ui, data);
    });
    back
}

fn trainee(ui: &mut egui::Ui, p: &TraineeProgress, v: Option<&Verdict>) {
    let gm = match p.as_game_master {
        0 => String::new(),
        n => format!(", game master {n} time(s)"),
    };
    ui.heading(format!(
        "{}: {} session(s){gm}",
        p.trainee,
        p.sessions.len()
    ));
    let points: Vec<[f64; 2]> = p
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| [i as f64 + 1.0, s.score])
        .collect();
    egui_plot::Plot::new("score-trend")
        .height(160.0)
        .include_y(0.0)
        .include_y(100.0)
        // Sessions 1..n (at least 5 wide), not an axis centred on zero.
        .include_x(0.5)
        .include_x(p.sessions.len().max(5) as f64 + 0.5)
        .allow_drag(false)
        .allow_zoom(false)
        .x_axis_label("session")
        .y_axis_label("score")
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.line(egui_plot::Line::new("score", points.clone()));
            plot.points(egui_plot::Points::new("sessions", points).radius(4.0));
        });
    match v {
        Some(v) if v.ready => {
            ui.label(egui::RichText::new("Readiness: ready").strong());
        }
        Some(v) => {
            ui.label(egui::RichText::new("Readiness: not yet ready").strong());
            for m in &v.missing {
                ui.label(format!("• missing: {m}"));
            }
        }
        None => {
            ui.weak("No readiness checklist: write readiness.ron in the config folder (see the README).");
        }
    }
    if !p.not_practised.is_empty() {
        ui.label(format!("Not practised yet: {}", p.not_practised.join(", ")));
    }
}

/// The team's coverage: trainees by tags, each cell coloured by the best score.
fn team(ui: &mut egui::Ui, data: &ProgressData) {
    ui.heading("Team coverage");
    egui::ScrollArea::horizontal().show(ui, |ui| {
        egui::Grid::new("coverage").striped(true).show(ui, |ui| {
            ui.label("");
            for t in &data.tags {
                ui.label(egui::RichText::new(t).small());
            }
            ui.end_row();
            for (name, row) in &data.team {
                ui.label(name);
                for v in row {
                    let (text, colour) = match v {
                        Some(s) => (
                            format!("{s:.0}"),
                            egui::Color32::from_rgb(
                                (220.0 - 1.6 * s) as u8,
                                (70.0 + 1.3 * s) as u8,
                                70,
                            ),
                        ),
                        None => ("-".into(), egui::Color32::from_gray(60)),
                    };
                    egui::Frame::new()
                        .fill(colour)
                        .inner_margin(4.0)
                        .show(ui, |ui| {
                            ui.label(egui::RichText::new(text).color(egui::Color32::WHITE));
                        });
                }
                ui.end_row();
            }
        });
    });
    let nobody: Vec<&str> = data
        .tags
        .iter()
        .enumerate()
        .filter(|(i, _)| data.team.iter().all(|(_, r)| r[*i].is_none()))
        .map(|(_, t)| t.as_str())
        .collect();
    if !nobody.is_empty() {
        ui.label(format!("Nobody has practised: {}", nobody.join(", ")));
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;

    fn session(trainee: &str, score: f64, tags: &[&str]) -> SessionRecord {
        SessionRecord {
            journal: format!("{trainee}-{score}"),
            scenario_id: "x".into(),
            title: "X".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            trainee: Some(trainee.into()),
            game_master: None,
            player: "person".into(),
            mode: "solo".into(),
            play_mode: "recall".into(),
            started_unix: score as u64,
            finished: true,
            verified: true,
            score,
            diagnose_min: None,
            mitigate_min: None,
            diagnose_ref_min: None,
            mitigate_ref_min: None,
            hints: 0,
            harmful: 0,
            counted: true,
        }
    }

    #[test]
    fn the_progress_screen_shows_trainees_readiness_and_the_team_heat_map() {
        let all = vec![
            session("Dana", 62.0, &["tls"]),
            session("Dana", 88.0, &["tls", "dns"]),
            session("Sam", 40.0, &["dns"]),
        ];
        let list = Checklist::parse(
            "r.ron",
            "Checklist(rules: [Sessions(min: 2), ScoreInTags(min: 70.0, tags: [\"dns\"])])",
        )
        .unwrap();
        let mut data = ProgressData::build(
            &all,
            vec!["tls".into(), "dns".into(), "queue".into()],
            Some(&list),
        );
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1200.0, 900.0))
            .build_ui(|ui| {
                progress_panel(ui, &mut data);
            });
        harness.run_steps(4);
        harness.get_by_label("Dana ✓");
        harness.get_by_label("Sam …");
        harness.get_by_label("Readiness: ready");
        harness.get_by_label("Team coverage");
        harness.get_by_label("Nobody has practised: queue");
        harness.get_by_label("Sam …").click();
        harness.run_steps(4);
        harness.get_by_label("Readiness: not yet ready");
        harness.get_by_label_contains("missing: 1 sessions of the 2 needed");
    }
}
