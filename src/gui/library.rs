//! The library screen: every scenario with its title, difficulty, tags and length; scenarios
//! with validation errors are listed with their first error, not hidden. The room sees this on
//! the projector before the page, so it is spoiler-free: only the systems and skills a scenario
//! trains, never its failure class or the real incident it retells (the debrief names those).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use misfortune_core::LoadedFile;

use super::screens::Screen;
use super::session::SessionMode;
use super::ui::ScenarioDir;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LibraryFilter>()
        .init_asset::<ScenarioFile>()
        .add_systems(Startup, (load_library, watch_folder))
        .add_systems(Update, follow_edits)
        .add_systems(OnEnter(Screen::Library), refresh_journals)
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
    /// The spoiler-free tags: systems and skills, not the failure class.
    pub tags: Vec<String>,
    pub minutes: u32,
    /// `file:line:col: message` of the first error, when the file does not validate.
    pub error: Option<String>,
    /// The file on disk was edited and is broken; the last good version is kept and playable.
    pub stale_error: Option<String>,
    pub file: String,
}

impl Entry {
    /// What the scenario trains, for its row: systems and skills ("original" and "long" say
    /// where it comes from, not what it trains; they still match a search).
    pub fn trains(&self) -> String {
        self.tags
            .iter()
            .filter(|t| {
                misfortune_core::tags::kind(t) != Some(misfortune_core::tags::TagKind::About)
            })
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn from_file(f: &LoadedFile) -> Entry {
        let sc = f.scenario.as_ref();
        Entry {
            id: sc.map(|s| s.id.clone()).unwrap_or_default(),
            title: sc.map_or_else(|| f.name.clone(), |s| s.title.clone()),
            difficulty: sc.map_or(0, |s| s.difficulty),
            tags: sc
                .map(|s| misfortune_core::tags::spoiler_free(&s.tags))
                .unwrap_or_default(),
            minutes: sc.map_or(0, |s| s.estimated_minutes),
            error: f
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message)),
            file: f.name.clone(),
            stale_error: None,
        }
    }

    pub fn matches(&self, filter: &str) -> bool {
        let f = filter.trim().to_lowercase();
        f.is_empty()
            || self.title.to_lowercase().contains(&f)
            || self.id.to_lowercase().contains(&f)
            || self.tags.iter().any(|t| t.to_lowercase().contains(&f))
    }
}

#[derive(Resource, Debug, Default)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub problems: Vec<String>,
    pub files: Vec<LoadedFile>,
    /// Scenario id to when it was last played (seconds since the epoch), from the journals.
    pub last_played: std::collections::HashMap<String, u64>,
    /// Sessions that never ended (a crash, a quit, back to the library), newest first.
    pub unfinished: Vec<Unfinished>,
}

/// A session that never ended.
#[derive(Debug, Clone)]
pub struct Unfinished {
    pub path: std::path::PathBuf,
    pub scenario_id: String,
    pub trainee: Option<String>,
    /// How far its clock got.
    pub reached: misfortune_core::SimTime,
}

#[derive(Resource, Debug, Default)]
pub struct LibraryFilter(pub String);

/// What the user asked for on the library screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryIntent {
    Reload,
    /// Open a session of entry N.
    Play(usize, SessionMode),
    /// Go to the wheel with the scenarios in the current filter.
    Wheel,
    /// Go to the onboarding progress.
    Progress,
    /// Continue the unfinished session N.
    Resume(usize),
}

/// The library starts with what the journals say; the scenario files arrive once each, through
/// the asset server that also watches them (see [`follow_edits`]).
fn load_library(mut commands: Commands, dir: Res<ScenarioDir>) {
    let mut library = Library::default();
    if !dir.0.is_dir() {
        library
            .problems
            .push(format!("{}: no such scenario folder", dir.0.display()));
    }
    library.read_journals();
    commands.insert_resource(library);
}

/// Back on the library (after a session, say): "last played" and unfinished sessions are
/// read again from the journals.
fn refresh_journals(library: Option<ResMut<Library>>) {
    if let Some(mut library) = library {
        library.read_journals();
    }
}

/// "never", "today", "3 days ago".
fn ago(t: Option<u64>) -> String {
    let Some(t) = t else { return "never".into() };
    let now = misfortune_core::unix_now();
    match now.saturating_sub(t) / 86_400 {
        0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}

/// Read the whole library at once (the Reload button, and tests).
pub fn read_library(dir: &std::path::Path) -> Library {
    let (files, problems) = misfortune_core::load_all(&[dir.to_path_buf()]);
    let mut library = Library {
        entries: files.iter().map(Entry::from_file).collect(),
        problems: problems.iter().map(ToString::to_string).collect(),
        files,
        ..Default::default()
    };
    library.read_journals();
    library
}

impl Library {
    /// When each scenario was last played, and the sessions left unfinished, from the journals.
    pub fn read_journals(&mut self) {
        let sessions = super::session::sessions_dir();
        self.last_played = sessions
            .as_deref()
            .map(misfortune_core::journal::last_played)
            .unwrap_or_default();
        self.unfinished = sessions
            .as_deref()
            .map(misfortune_core::journal::unfinished)
            .unwrap_or_default()
            .into_iter()
            .map(|(path, h, reached)| Unfinished {
                path,
                scenario_id: h.scenario_id,
                trainee: h.trainee,
                reached,
            })
            .collect();
    }
}

fn show_library(
    mut contexts: EguiContexts,
    mut library: ResMut<Library>,
    mut filter: ResMut<LibraryFilter>,
    dir: Res<ScenarioDir>,
    mut next: ResMut<NextState<Screen>>,
    team: Option<Res<super::ui::TeamMode>>,
    (mut starts, start_error, mut choice): (
        MessageWriter<super::session::StartSession>,
        Res<super::session::StartError>,
        ResMut<super::session::PlayChoice>,
    ),
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut intent = None;
    let mut root = super::ui::root_ui(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.horizontal(|ui| choice.checkbox(ui, team.is_some()));
        if let Some(e) = &start_error.0 {
            ui.colored_label(crate::gui::palette::Role::Error.in_ui(ui), e);
        }
        intent = library_panel(ui, &library, &mut filter.0, team.is_some());
    });
    match intent {
        Some(LibraryIntent::Reload) => *library = read_library(&dir.0),
        Some(LibraryIntent::Wheel) => next.set(Screen::Wheel),
        Some(LibraryIntent::Progress) => next.set(Screen::Progress),
        Some(LibraryIntent::Resume(i)) => {
            if let Some(u) = library.unfinished.get(i) {
                starts.write(super::session::StartSession::Resume(u.path.clone()));
            }
        }
        Some(LibraryIntent::Play(i, mode)) => {
            if let Some(file) = library.files.get(i) {
                starts.write(super::session::StartSession::new(
                    file.clone(),
                    mode,
                    choice.play_mode(),
                ));
            }
        }
        None => {}
    }
    Ok(())
}

/// Files that do not load, edits that broke a file, and sessions left unfinished.
fn problems_and_unfinished(ui: &mut egui::Ui, library: &Library) -> Option<LibraryIntent> {
    let mut intent = None;
    for p in &library.problems {
        ui.colored_label(crate::gui::palette::Role::Error.in_ui(ui), p);
    }
    for e in library.entries.iter().filter(|e| e.stale_error.is_some()) {
        ui.colored_label(
            crate::gui::palette::Role::Error.in_ui(ui),
            format!(
                "{} has an error; the last good version is kept: {}",
                e.file,
                e.stale_error.as_deref().unwrap_or_default()
            ),
        );
    }
    if !library.unfinished.is_empty() {
        ui.separator();
        ui.label(
            egui::RichText::new("Unfinished sessions (left or closed before they ended)").strong(),
        );
        for (i, u) in library.unfinished.iter().enumerate().take(5) {
            // The scenario's title, never its id, and who was playing.
            let title = library
                .entries
                .iter()
                .find(|e| e.id == u.scenario_id)
                .map_or(u.scenario_id.as_str(), |e| e.title.as_str());
            let who = u
                .trainee
                .as_ref()
                .map(|t| format!(", {t} playing"))
                .unwrap_or_default();
            ui.horizontal(|ui| {
                if ui.button("Resume").clicked() {
                    intent = Some(LibraryIntent::Resume(i));
                }
                ui.label(format!("{title}{who}: stopped T+{}", u.reached.clock()))
                    .on_hover_text(u.path.display().to_string());
            });
        }
    }
    intent
}

/// One scenario's row: its details and how to play it, or why it cannot be played.
fn entry_row(
    ui: &mut egui::Ui,
    library: &Library,
    i: usize,
    e: &Entry,
    team: bool,
) -> Option<LibraryIntent> {
    let mut intent = None;
    match &e.error {
        None => {
            // The buttons come first, so a large interface scale never pushes them off the
            // window.
            ui.horizontal(|ui| {
                if ui.button("Play solo").clicked() {
                    intent = Some(LibraryIntent::Play(i, SessionMode::Solo));
                }
                if ui
                    .button("Playtest")
                    .on_hover_text("Game master and trainee views side by side")
                    .clicked()
                {
                    intent = Some(LibraryIntent::Play(i, SessionMode::Playtest));
                }
                if team
                    && ui
                        .button("Team session")
                        .on_hover_text("The game master runs it from the other window")
                        .clicked()
                {
                    intent = Some(LibraryIntent::Play(i, SessionMode::Team));
                }
            });
            ui.horizontal(|ui| {
                ui.label(&e.title);
                if let Some(err) = &e.stale_error {
                    ui.colored_label(crate::gui::palette::Role::Error.in_ui(ui), "⚠")
                        .on_hover_text(format!(
                            "The file has an error; playing the last good version.\n{err}"
                        ));
                }
            });
            ui.label("★".repeat(e.difficulty as usize));
            ui.label(e.trains());
            ui.label(e.minutes.to_string());
            ui.label(ago(library.last_played.get(&e.id).copied()));
        }
        Some(err) => {
            ui.label("");
            ui.colored_label(
                crate::gui::palette::Role::Error.in_ui(ui),
                format!("⚠ {}", e.title),
            );
            for _ in 0..2 {
                ui.label("");
            }
            ui.colored_label(crate::gui::palette::Role::Error.in_ui(ui), err);
            ui.label("");
        }
    }
    intent
}

/// The library panel: a plain egui function over read-only view data, returning the user's intent.
/// The library panel: a plain egui function over read-only view data, returning the user's intent.
/// `team`: the app runs with a game master window, so team sessions can start.
pub fn library_panel(
    ui: &mut egui::Ui,
    library: &Library,
    filter: &mut String,
    team: bool,
) -> Option<LibraryIntent> {
    let mut intent = None;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Misfortune — scenario library");
        if ui.button("Reload").clicked() {
            intent = Some(LibraryIntent::Reload);
        }
        if ui.button("Spin the wheel").clicked() {
            intent = Some(LibraryIntent::Wheel);
        }
        if ui.button("Progress").clicked() {
            intent = Some(LibraryIntent::Progress);
        }
        ui.weak("Ctrl +/- zoom, Ctrl T theme, Ctrl P projector");
    });
    ui.horizontal(|ui| {
        ui.label("Search:");
        ui.text_edit_singleline(filter);
    });
    if let Some(i) = problems_and_unfinished(ui, library) {
        intent = Some(i);
    }
    ui.separator();
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("library")
            .striped(true)
            .num_columns(6)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for h in [
                    "",
                    "Scenario",
                    "Difficulty",
                    "Trains",
                    "Minutes",
                    "Last played",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for (i, e) in library
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.matches(filter))
                {
                    if let Some(i) = entry_row(ui, library, i, e, team) {
                        intent = Some(i);
                    }
                    ui.end_row();
                }
            });
    });
    intent
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;

    #[test]
    fn the_library_lists_scenarios_and_broken_files_and_starts_a_playtest() {
        let tmp_dir = tempfile::tempdir().unwrap();
        let dir = tmp_dir.path().to_path_buf();
        std::fs::create_dir_all(&dir).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(
            root.join("scenarios/original-cert-expiry.ron"),
            dir.join("a.ron"),
        )
        .unwrap();
        std::fs::copy(
            root.join("crates/misfortune-core/tests/fixtures/invalid/unknown-service.ron"),
            dir.join("b.ron"),
        )
        .unwrap();
        let library = read_library(&dir);
        let mut filter = String::new();
        let intents = std::cell::RefCell::new(Vec::new());
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1400.0, 600.0))
            .build_ui(|ui| {
                intents
                    .borrow_mut()
                    .extend(library_panel(ui, &library, &mut filter, false));
            });
        harness.run();
        assert!(
            harness
                .query_by_label("Payments fail at midnight")
                .is_some()
        );
        // The broken file is listed with its error and position, not hidden.
        assert!(harness.query_by_label_contains("b.ron:15:").is_some());
        assert!(
            harness
                .query_by_label_contains("unknown service `dbb`")
                .is_some()
        );
        harness.get_by_label("Playtest").click();
        harness.run();
        drop(harness);
        assert!(
            intents
                .into_inner()
                .contains(&LibraryIntent::Play(0, SessionMode::Playtest))
        );
    }

    #[test]
    fn an_edit_updates_the_library_and_a_broken_edit_keeps_the_last_good_version() {
        let tmp_dir = tempfile::tempdir().unwrap();
        let dir = tmp_dir.path().to_path_buf();
        std::fs::create_dir_all(&dir).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let good =
            std::fs::read_to_string(root.join("scenarios/original-cert-expiry.ron")).unwrap();
        let file = dir.join("a.ron");
        std::fs::write(&file, &good).unwrap();
        let mut library = read_library(&dir);
        assert_eq!(library.entries[0].title, "Payments fail at midnight");
        std::fs::write(
            &file,
            good.replace("Payments fail at midnight", "Payments fail at noon"),
        )
        .unwrap();
        apply_change(&mut library, &file);
        assert_eq!(library.entries[0].title, "Payments fail at noon");
        std::fs::write(
            &file,
            good.replace("difficulty: 1,", "difficulty: \"easy\","),
        )
        .unwrap();
        apply_change(&mut library, &file);
        assert_eq!(
            library.entries[0].title, "Payments fail at noon",
            "the last good version stays"
        );
        assert!(library.files[0].valid().is_some());
        assert!(
            library.entries[0]
                .stale_error
                .as_deref()
                .unwrap()
                .contains("a.ron:"),
            "{:?}",
            library.entries[0].stale_error
        );
        let new = dir.join("b.ron");
        std::fs::write(&new, good.replace("original-cert-expiry", "copy")).unwrap();
        apply_change(&mut library, &new);
        assert_eq!(library.entries.len(), 2);
    }
}

/// A scenario file loaded through Bevy's asset server (watched for changes), with its problems.
#[derive(Asset, TypePath, Debug)]
pub struct ScenarioFile(pub LoadedFile);

/// Reads scenario files from the `scenarios://` asset source.
#[derive(TypePath)]
pub struct ScenarioLoader {
    /// The folder the asset source reads, so messages name real files.
    pub dir: std::path::PathBuf,
}

impl bevy::asset::AssetLoader for ScenarioLoader {
    type Asset = ScenarioFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn bevy::asset::io::Reader,
        _settings: &(),
        ctx: &mut bevy::asset::LoadContext<'_>,
    ) -> Result<ScenarioFile, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let path = self.dir.join(ctx.path().path());
        let mut loaded = misfortune_core::load_bytes(&path.display().to_string(), &bytes);
        loaded.path = path;
        Ok(ScenarioFile(loaded))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Keeps the folder handle alive so its files stay loaded and watched.
#[derive(Resource)]
struct ScenarioFolder(#[allow(dead_code)] Handle<bevy::asset::LoadedFolder>);

fn watch_folder(mut commands: Commands, server: Res<AssetServer>) {
    commands.insert_resource(ScenarioFolder(server.load_folder("scenarios://")));
}

/// Edits reach the library through the asset server's file watcher.
fn follow_edits(
    mut events: MessageReader<AssetEvent<ScenarioFile>>,
    files: Res<Assets<ScenarioFile>>,
    library: Option<ResMut<Library>>,
) {
    let Some(mut library) = library else { return };
    for e in events.read() {
        if let AssetEvent::Modified { id } | AssetEvent::Added { id } = e
            && let Some(f) = files.get(*id)
        {
            apply_loaded(&mut library, f.0.clone());
        }
    }
}

/// Take an edited (or new) file into the library. A broken edit keeps the last good version,
/// playable, with the new error shown beside it.
#[cfg(test)]
pub fn apply_change(library: &mut Library, path: &std::path::Path) {
    apply_loaded(library, misfortune_core::load_file(path));
}

pub fn apply_loaded(library: &mut Library, loaded: LoadedFile) {
    let path = loaded.path.clone();
    let first_error = loaded
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message));
    match library.files.iter().position(|f| f.path == path) {
        Some(i) if loaded.errors() > 0 && library.files[i].errors() == 0 => {
            library.entries[i].stale_error = first_error;
        }
        Some(i) => {
            library.entries[i] = Entry::from_file(&loaded);
            library.files[i] = loaded;
        }
        None => {
            // Files arrive in any order; the library lists them by file name.
            let at = library.files.partition_point(|f| f.path < path);
            library.entries.insert(at, Entry::from_file(&loaded));
            library.files.insert(at, loaded);
        }
    }
}
