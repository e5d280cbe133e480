//! The library screen: every scenario with its title, difficulty, tags, source and length;
//! scenarios with validation errors are listed with their first error, not hidden.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use misfortune_core::LoadedFile;

use super::ScenarioDir;
use super::screens::Screen;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LibraryFilter>()
        .add_systems(Startup, load_library)
        .add_systems(
            EguiPrimaryContextPass,
            show_library.run_if(in_state(Screen::Library)),
        );
}

/// One row of the library, as the panel sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub difficulty: u8,
    pub tags: Vec<String>,
    pub source: Option<String>,
    pub minutes: u32,
    /// `file:line:col: message` of the first error, when the file does not validate.
    pub error: Option<String>,
    pub file: String,
}

impl Entry {
    pub fn from_file(f: &LoadedFile) -> Entry {
        let sc = f.scenario.as_ref();
        Entry {
            id: sc.map(|s| s.id.clone()).unwrap_or_default(),
            title: sc.map_or_else(|| f.name.clone(), |s| s.title.clone()),
            difficulty: sc.map_or(0, |s| s.difficulty),
            tags: sc.map(|s| s.tags.clone()).unwrap_or_default(),
            source: sc
                .and_then(|s| s.based_on.as_ref())
                .map(|b| format!("{} {}", b.organisation, b.date)),
            minutes: sc.map_or(0, |s| s.estimated_minutes),
            error: f
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message)),
            file: f.name.clone(),
        }
    }

    fn matches(&self, filter: &str) -> bool {
        let f = filter.trim().to_lowercase();
        f.is_empty()
            || self.title.to_lowercase().contains(&f)
            || self.id.to_lowercase().contains(&f)
            || self.tags.iter().any(|t| t.to_lowercase().contains(&f))
            || self
                .source
                .as_ref()
                .is_some_and(|s| s.to_lowercase().contains(&f))
    }
}

#[derive(Resource, Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
}

#[derive(Resource, Debug, Default)]
pub struct LibraryFilter(pub String);

/// What the user asked for on the library screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryIntent {
    Reload,
}

fn load_library(mut commands: Commands, dir: Res<ScenarioDir>) {
    commands.insert_resource(read_library(&dir.0));
}

pub fn read_library(dir: &std::path::Path) -> Library {
    let (files, problems) = misfortune_core::load_all(&[dir.to_path_buf()]);
    Library {
        entries: files.iter().map(Entry::from_file).collect(),
        problems: problems.iter().map(ToString::to_string).collect(),
    }
}

fn show_library(
    mut contexts: EguiContexts,
    mut library: ResMut<Library>,
    mut filter: ResMut<LibraryFilter>,
    dir: Res<ScenarioDir>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut intent = None;
    let mut root = super::root_ui(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        intent = library_panel(ui, &library, &mut filter.0);
    });
    if intent == Some(LibraryIntent::Reload) {
        *library = read_library(&dir.0);
    }
    Ok(())
}

/// The library panel: a plain egui function over read-only view data, returning the user's intent.
pub fn library_panel(
    ui: &mut egui::Ui,
    library: &Library,
    filter: &mut String,
) -> Option<LibraryIntent> {
    let mut intent = None;
    ui.horizontal(|ui| {
        ui.heading("Misfortune — scenario library");
        if ui.button("Reload").clicked() {
            intent = Some(LibraryIntent::Reload);
        }
    });
    ui.horizontal(|ui| {
        ui.label("Search:");
        ui.text_edit_singleline(filter);
    });
    for p in &library.problems {
        ui.colored_label(egui::Color32::LIGHT_RED, p);
    }
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("library")
            .striped(true)
            .num_columns(5)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                ui.strong("Scenario");
                ui.strong("Difficulty");
                ui.strong("Tags");
                ui.strong("Based on");
                ui.strong("Minutes");
                ui.end_row();
                for e in library.entries.iter().filter(|e| e.matches(filter)) {
                    match &e.error {
                        None => {
                            ui.label(&e.title);
                            ui.label("★".repeat(e.difficulty as usize));
                            ui.label(e.tags.join(", "));
                            ui.label(e.source.as_deref().unwrap_or("original"));
                            ui.label(e.minutes.to_string());
                        }
                        Some(err) => {
                            ui.colored_label(egui::Color32::LIGHT_RED, format!("⚠ {}", e.title));
                            ui.label("");
                            ui.label("");
                            ui.colored_label(egui::Color32::LIGHT_RED, err);
                            ui.label("");
                        }
                    }
                    ui.end_row();
                }
            });
    });
    intent
}
