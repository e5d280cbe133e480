//! The session screen: a running scenario on the simulated clock. In a playtest the game master's
//! console and the trainee view are side by side; in solo play the engine is game master and only
//! the trainee view is shown. Every command goes through the core's journaled recorder.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use misfortune_core::journal::{self, JournalWriter, Mode, Recorder};
use misfortune_core::view::{GmView, TraineeView};
use misfortune_core::{Actor, Command, LoadedFile, Session, SimTime};

use super::panels::{self, GmForm, GmIntent, TraineeForm, TraineeIntent};
use super::screens::Screen;

/// A command for the running session, from the trainee or the game master.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct SessionCommand {
    pub by: Actor,
    pub command: Command,
}

/// Start a session of a loaded scenario.
#[derive(Message, Debug, Clone)]
pub struct StartSession {
    pub file: LoadedFile,
    pub mode: SessionMode,
    pub seed: u64,
    /// Where the journal goes (default: [`sessions_dir`]).
    pub dir: Option<std::path::PathBuf>,
}

/// Leave the ended session for its debrief.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenDebrief;

/// Why the last session could not start.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct StartError(pub Option<String>);

/// The session's messages and the systems that turn them into core calls (no egui involved, so
/// headless apps can drive whole sessions with them).
pub(super) fn core_systems(app: &mut App) {
    app.add_message::<SessionCommand>()
        .add_message::<StartSession>()
        .add_message::<OpenDebrief>()
        .init_resource::<StartError>()
        .add_systems(
            Update,
            (
                start_sessions,
                (apply_commands, tick_clock, open_debrief).run_if(in_state(Screen::Session)),
            )
                .chain(),
        );
}

fn start_sessions(
    mut starts: MessageReader<StartSession>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut error: ResMut<StartError>,
) {
    for s in starts.read() {
        match start_in(&s.file, s.mode, s.seed, s.dir.clone()) {
            Ok(session) => {
                commands.insert_resource(session);
                next.set(Screen::Session);
                error.0 = None;
            }
            Err(e) => error.0 = Some(format!("cannot start the session: {e}")),
        }
    }
}

fn apply_commands(
    mut incoming: MessageReader<SessionCommand>,
    session: Option<ResMut<ActiveSession>>,
) {
    let Some(mut s) = session else { return };
    for c in incoming.read() {
        s.apply(c.by, c.command.clone());
    }
}

fn open_debrief(
    mut asks: MessageReader<OpenDebrief>,
    session: Option<Res<ActiveSession>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    if asks.read().count() == 0 {
        return;
    }
    let Some(s) = session else { return };
    let report = misfortune_core::report::Report::of(&s.rec.session, None);
    commands.insert_resource(super::debrief::Debrief::new(
        report,
        s.rec.path().map(std::path::Path::to_path_buf),
    ));
    next.set(Screen::Debrief);
}

pub(super) fn plugin(app: &mut App) {
    core_systems(app);
    app.add_systems(Update, keyboard.run_if(in_state(Screen::Session)))
        .add_systems(
            EguiPrimaryContextPass,
            show_session.run_if(in_state(Screen::Session)),
        )
        .add_systems(OnExit(Screen::Session), |mut commands: Commands| {
            commands.remove_resource::<ActiveSession>()
        });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionMode {
    /// Game master and trainee side by side, for authors and rehearsals.
    Playtest,
    /// The engine plays game master.
    Solo,
    /// A game master runs the session from a second window (`--gm-window`); this window is the
    /// trainee's view, for the projector.
    Team,
}

#[derive(Resource)]
pub struct ActiveSession {
    pub rec: Recorder,
    pub mode: SessionMode,
    pub trainee_form: TraineeForm,
    pub gm_form: GmForm,
    /// Simulated milliseconds not yet applied (the clock advances in whole milliseconds).
    carry: f64,
    /// The views drawn last, rebuilt when something happens or a quarter second has passed.
    views: Option<CachedViews>,
    /// The score once the session has ended (computed once, not every frame).
    final_score: Option<f64>,
    /// A rebuild running on a worker thread.
    building: Option<std::sync::Mutex<std::sync::mpsc::Receiver<CachedViews>>>,
    pub error: Option<String>,
}

/// Start a session of a loaded scenario, journaled in the user's data folder (or
/// `MISFORTUNE_SESSIONS_DIR`).
pub fn start(file: &LoadedFile, mode: SessionMode, seed: u64) -> Result<ActiveSession, String> {
    start_in(file, mode, seed, None)
}

/// Start a session whose journal goes into `dir` (default: [`sessions_dir`]).
pub fn start_in(
    file: &LoadedFile,
    mode: SessionMode,
    seed: u64,
    dir: Option<std::path::PathBuf>,
) -> Result<ActiveSession, String> {
    let sc = file
        .valid()
        .ok_or("the scenario does not validate")?
        .clone();
    let dir = dir
        .or_else(sessions_dir)
        .ok_or("no data folder for journals")?;
    let path = journal::new_journal_path(&dir, &sc.id, seed);
    let jmode = if mode == SessionMode::Solo {
        Mode::Solo
    } else {
        Mode::Team
    };
    let header = journal::header(&sc, &file.name, &file.source, seed, jmode, None);
    let writer = JournalWriter::create(&path, &header).map_err(|e| e.to_string())?;
    let rec = Recorder::new(Session::new(Arc::new(sc), seed), writer).map_err(|e| e.to_string())?;
    Ok(ActiveSession::new(rec, mode))
}

/// Continue an unfinished session from its journal (solo sessions stay solo; team sessions open
/// as a playtest, with the game master's console).
pub fn resume(path: &std::path::Path) -> Result<ActiveSession, String> {
    let j = misfortune_core::journal::Journal::read(path).map_err(|e| e.to_string())?;
    let rec = Recorder::resume(&j).map_err(|e| e.to_string())?;
    let mode = if j.header.mode == Mode::Solo {
        SessionMode::Solo
    } else {
        SessionMode::Playtest
    };
    let mut s = ActiveSession::new(rec, mode);
    // Resume paused, so nobody loses time while getting settled.
    s.apply(Actor::Gm, Command::Pause);
    s.error = j.warning.clone();
    Ok(s)
}

/// Where journals go: `MISFORTUNE_SESSIONS_DIR`, or the user's data folder.
pub fn sessions_dir() -> Option<std::path::PathBuf> {
    std::env::var_os("MISFORTUNE_SESSIONS_DIR")
        .map(Into::into)
        .or_else(journal::default_sessions_dir)
}

/// Views are the expensive part of a frame (series and log tails), so they are reused between
/// frames until something happens or a quarter of a second has passed.
struct CachedViews {
    built: std::time::Instant,
    feed_len: usize,
    now: SimTime,
    /// The trainee's view, or the game master's view (which holds the trainee's) and the score.
    view: Built,
}

enum Built {
    Trainee(Box<TraineeView>),
    Gm(Box<GmView>, misfortune_core::score::Score),
}

impl CachedViews {
    fn trainee(&self) -> &TraineeView {
        match &self.view {
            Built::Trainee(t) => t,
            Built::Gm(g, _) => &g.trainee,
        }
    }

    fn gm(&self) -> Option<(&GmView, &misfortune_core::score::Score)> {
        match &self.view {
            Built::Trainee(_) => None,
            Built::Gm(g, score) => Some((g, score)),
        }
    }
}

const VIEW_REFRESH: std::time::Duration = std::time::Duration::from_millis(250);

fn build_views(s: &Session, mode: SessionMode) -> CachedViews {
    let trainee = TraineeView::of(s);
    let view = if mode == SessionMode::Solo {
        Built::Trainee(Box::new(trainee))
    } else {
        Built::Gm(
            Box::new(GmView::with_trainee(s, trainee)),
            misfortune_core::score::score(s),
        )
    };
    CachedViews {
        built: std::time::Instant::now(),
        feed_len: s.feed.len(),
        now: s.now(),
        view,
    }
}

impl ActiveSession {
    fn new(rec: Recorder, mode: SessionMode) -> ActiveSession {
        ActiveSession {
            rec,
            mode,
            trainee_form: TraineeForm::default(),
            gm_form: GmForm::default(),
            carry: 0.0,
            views: None,
            final_score: None,
            building: None,
            error: None,
        }
    }

    /// Keep the views current. When something happened (a command, an inject) they are rebuilt
    /// at once; when only the clock moved they are rebuilt at most four times a second, on a
    /// worker thread from a copy of the session, so the frame never waits for them.
    fn refresh_views(&mut self) {
        if let Some(rx) = &self.building {
            let got = rx
                .lock()
                .map_or(Err(std::sync::mpsc::TryRecvError::Disconnected), |r| {
                    r.try_recv()
                });
            match got {
                Ok(v) => {
                    // Only if nothing happened meanwhile (otherwise it is rebuilt below).
                    if self
                        .views
                        .as_ref()
                        .is_none_or(|old| old.feed_len <= v.feed_len)
                    {
                        self.views = Some(v);
                    }
                    self.building = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.building = None,
            }
        }
        let feed_len = self.rec.session.feed.len();
        let now = self.rec.session.now();
        match &self.views {
            Some(v) if v.feed_len == feed_len => {
                if v.now != now && v.built.elapsed() >= VIEW_REFRESH && self.building.is_none() {
                    let session = self.rec.session.clone();
                    let mode = self.mode;
                    let (tx, rx) = std::sync::mpsc::channel();
                    std::thread::spawn(move || {
                        let _ = tx.send(build_views(&session, mode));
                    });
                    self.building = Some(std::sync::Mutex::new(rx));
                }
            }
            _ => self.views = Some(build_views(&self.rec.session, self.mode)),
        }
    }

    /// The final score, once the session has ended.
    fn final_score(&mut self) -> Option<f64> {
        if self.final_score.is_none() && self.rec.session.is_ended() {
            self.final_score = Some(misfortune_core::score::score(&self.rec.session).total);
        }
        self.final_score
    }

    pub fn apply(&mut self, by: Actor, cmd: Command) {
        self.error = self.rec.command(by, cmd).err().map(|e| e.to_string());
    }
}

fn tick_clock(time: Res<Time>, session: Option<ResMut<ActiveSession>>) {
    let Some(mut s) = session else { return };
    if s.rec.session.clock.paused || s.rec.session.is_ended() {
        return;
    }
    let speed = f64::from(s.rec.session.clock.speed);
    s.carry += time.delta_secs_f64() * 1000.0 * speed;
    let whole = s.carry.floor();
    if whole >= 1.0 {
        s.carry -= whole;
        let to = s.rec.session.now() + SimTime::from_ms(whole as u64);
        if let Err(e) = s.rec.advance_to(to) {
            s.error = Some(e.to_string());
        }
    }
}

fn keyboard(
    keys: Res<ButtonInput<KeyCode>>,
    session: Option<ResMut<ActiveSession>>,
    mut contexts: EguiContexts,
) {
    let Some(mut s) = session else { return };
    // Leave typing alone.
    if contexts
        .ctx_mut()
        .is_ok_and(|c| c.egui_wants_keyboard_input())
    {
        return;
    }
    if keys.just_pressed(KeyCode::Space) {
        let cmd = if s.rec.session.clock.paused {
            Command::Resume
        } else {
            Command::Pause
        };
        s.apply(Actor::Gm, cmd);
    }
    for (key, speed) in [
        (KeyCode::Digit1, 1),
        (KeyCode::Digit2, 5),
        (KeyCode::Digit3, 30),
        (KeyCode::Digit4, 60),
        (KeyCode::Digit5, 120),
    ] {
        if keys.just_pressed(key) {
            s.apply(Actor::Gm, Command::Speed { factor: speed });
        }
    }
}

/// CPU time spent building and laying out the session screen, frame by frame
/// (`--frame-stats N`).
#[derive(Resource, Debug, Default)]
pub struct FrameStats {
    pub wanted: usize,
    pub samples: Vec<std::time::Duration>,
    /// Whole frames (frame to frame, rendering with the software Vulkan driver included).
    pub frames: Vec<std::time::Duration>,
}

fn percentile_line(label: &str, samples: &[std::time::Duration]) -> String {
    let mut v: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return format!("{label}: no samples");
    }
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let p99 = v[((v.len() as f64 * 0.99) as usize).min(v.len() - 1)];
    format!(
        "{label}: {} frames, mean {mean:.3} ms, p99 {p99:.3} ms, max {:.3} ms",
        v.len(),
        v[v.len() - 1]
    )
}

/// Record whole-frame times for `--frame-stats`.
pub fn record_frame_time(
    time: Res<Time>,
    stats: Option<ResMut<FrameStats>>,
    state: Res<State<Screen>>,
) {
    if let Some(mut stats) = stats
        && *state.get() == Screen::Session
    {
        stats.frames.push(time.delta());
    }
}

fn show_session(
    contexts: EguiContexts,
    session: Option<ResMut<ActiveSession>>,
    next: ResMut<NextState<Screen>>,
    out: (MessageWriter<SessionCommand>, MessageWriter<OpenDebrief>),
    stats: Option<ResMut<FrameStats>>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    let started = std::time::Instant::now();
    let result = draw_session(contexts, session, next, out);
    if let Some(mut stats) = stats {
        stats.samples.push(started.elapsed());
        if stats.samples.len() >= stats.wanted + 30 {
            // The first 30 frames warm up (fonts, first layouts).
            println!(
                "{}",
                percentile_line("session screen CPU time per frame", &stats.samples[30..])
            );
            let skip = stats.frames.len().saturating_sub(stats.wanted);
            println!(
                "{}",
                percentile_line(
                    "whole frame (software rendering included)",
                    &stats.frames[skip..]
                )
            );
            exit.write(AppExit::Success);
        }
    }
    result
}

fn draw_session(
    mut contexts: EguiContexts,
    session: Option<ResMut<ActiveSession>>,
    mut next: ResMut<NextState<Screen>>,
    (mut to_session, mut to_debrief): (MessageWriter<SessionCommand>, MessageWriter<OpenDebrief>),
) -> Result {
    let Some(mut s) = session else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut root = super::root_ui(ctx);
    s.refresh_views();
    let Some(views) = s.views.take() else {
        return Ok(());
    };
    let trainee_view = views.trainee();
    let mut gm_intents = Vec::new();
    let mut trainee_intents = Vec::new();
    let mut back = false;
    let mut debrief = false;
    let ended_score = s.final_score();
    egui::Panel::top("session-bar").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            if ui.button("< Library").clicked() {
                back = true;
            }
            ui.label(match s.mode {
                SessionMode::Playtest => "Playtest: game master (left) and trainee (right)",
                SessionMode::Solo => "Solo: the engine is your game master",
                SessionMode::Team => "Team session: the game master runs it from the other window",
            });
            if let Some(p) = s.rec.path() {
                ui.weak(format!("journal: {}", p.display()));
            }
            if let Some(e) = &s.error {
                ui.colored_label(egui::Color32::LIGHT_RED, e);
            }
        });
        if let Some(total) = ended_score {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("Session ended. Score {total:.1}/100")).strong(),
                );
                if ui.button("Open the debrief").clicked() {
                    debrief = true;
                }
            });
        }
    });
    if let Some((gm_view, score)) = views.gm().filter(|_| s.mode == SessionMode::Playtest) {
        let form = &mut s.gm_form;
        egui::Panel::left("gm")
            .resizable(true)
            .default_size(380.0)
            .size_range(260.0..=640.0)
            .show(&mut root, |ui| {
                gm_intents = panels::gm_panel(ui, gm_view, score, form);
            });
    }
    let form = &mut s.trainee_form;
    egui::CentralPanel::default().show(&mut root, |ui| {
        trainee_intents = panels::trainee_panel(ui, trainee_view, form);
    });
    s.views = Some(views);
    for GmIntent::Command(command) in gm_intents {
        to_session.write(SessionCommand {
            by: Actor::Gm,
            command,
        });
    }
    for TraineeIntent::Command(command) in trainee_intents {
        to_session.write(SessionCommand {
            by: Actor::Trainee,
            command,
        });
    }
    if back {
        next.set(Screen::Library);
    }
    if debrief {
        to_debrief.write(OpenDebrief);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use bevy::state::app::StatesPlugin;
    use bevy::time::TimeUpdateStrategy;

    use super::*;

    fn app_with_session(dir: &std::path::Path) -> App {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = misfortune_core::load_file(&root.join("scenarios/original-cert-expiry.ron"));
        let writer_dir = dir.to_path_buf();
        let sc = file.valid().unwrap().clone();
        let header = journal::header(&sc, &file.name, &file.source, 9, Mode::Solo, None);
        let path = journal::new_journal_path(&writer_dir, &sc.id, 9);
        let rec = Recorder::new(
            Session::new(Arc::new(sc), 9),
            JournalWriter::create(&path, &header).unwrap(),
        )
        .unwrap();
        let session = ActiveSession::new(rec, SessionMode::Solo);
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin));
        app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            100,
        )));
        app.init_state::<Screen>();
        app.add_systems(Update, tick_clock.run_if(in_state(Screen::Session)));
        app.insert_resource(session);
        app
    }

    #[test]
    fn the_clock_runs_only_on_the_session_screen_at_the_session_speed() {
        let dir = std::env::temp_dir().join(format!("misfortune-app-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut app = app_with_session(&dir);
        for _ in 0..5 {
            app.update();
        }
        assert_eq!(
            app.world().resource::<ActiveSession>().rec.session.now(),
            SimTime::ZERO,
            "not on the session screen yet"
        );
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Session);
        app.update();
        let start = app.world().resource::<ActiveSession>().rec.session.now();
        app.world_mut()
            .resource_mut::<ActiveSession>()
            .apply(Actor::Gm, Command::Speed { factor: 30 });
        for _ in 0..20 {
            app.update();
        }
        let now = app.world().resource::<ActiveSession>().rec.session.now();
        // 20 frames of 100 ms at x30 is one simulated minute.
        assert_eq!(now - start, SimTime::from_secs(60), "{start} -> {now}");
        // The page at minute 1 fired and was journaled.
        let s = &app.world().resource::<ActiveSession>().rec;
        assert!(s.session.first_page.is_some());
        let journal = std::fs::read_to_string(s.path().unwrap()).unwrap();
        assert!(journal.contains("Checkout error rate"));
        // Paused: time stops.
        app.world_mut()
            .resource_mut::<ActiveSession>()
            .apply(Actor::Gm, Command::Pause);
        for _ in 0..10 {
            app.update();
        }
        assert_eq!(
            app.world().resource::<ActiveSession>().rec.session.now(),
            now
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unfinished_session_resumes_paused_where_it_stopped() {
        let dir =
            std::env::temp_dir().join(format!("misfortune-resume-app-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = {
            let mut app = app_with_session(&dir);
            app.world_mut()
                .resource_mut::<NextState<Screen>>()
                .set(Screen::Session);
            app.world_mut()
                .resource_mut::<ActiveSession>()
                .apply(Actor::Gm, Command::Speed { factor: 60 });
            for _ in 0..30 {
                app.update();
            }
            app.world_mut().resource_mut::<ActiveSession>().apply(
                Actor::Trainee,
                Command::Take {
                    action: "checkout-logs".into(),
                },
            );
            app.world()
                .resource::<ActiveSession>()
                .rec
                .path()
                .unwrap()
                .to_path_buf()
            // The app is dropped here, as if it crashed.
        };
        let s = resume(&path).unwrap();
        assert!(s.rec.session.clock.paused);
        assert!(s.rec.session.is_taken("checkout-logs"));
        assert!(s.rec.session.now() >= SimTime::from_mins(2));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// The game master's own window in a team session.
#[derive(bevy::ecs::schedule::ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct GmWindowPass;

/// Open the game master's window (team mode).
pub fn open_gm_window(mut commands: Commands) {
    let window = commands
        .spawn(Window {
            title: "Misfortune: game master".into(),
            resolution: (900, 960).into(),
            ..default()
        })
        .id();
    commands.spawn((
        Camera2d,
        Camera {
            order: 1,
            ..default()
        },
        bevy::camera::RenderTarget::Window(bevy::window::WindowRef::Entity(window)),
        bevy_egui::EguiSchedule::new(GmWindowPass),
    ));
}

/// The game master's console in its own window: the running team session, or how to start one.
pub fn show_gm_window(
    mut ctx: Single<&mut bevy_egui::EguiContext, Without<bevy_egui::PrimaryEguiContext>>,
    session: Option<ResMut<ActiveSession>>,
    mut to_session: MessageWriter<SessionCommand>,
) {
    let ctx = ctx.get_mut().clone();
    let mut root = super::root_ui(&ctx);
    let Some(mut s) = session.filter(|s| s.mode == SessionMode::Team) else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.heading("Game master");
            ui.label("Start a team session from the library (or the wheel) in the main window: its console appears here, and the main window becomes the trainee's view for the projector.");
        });
        return;
    };
    s.refresh_views();
    let Some(views) = s.views.take() else { return };
    let mut intents = Vec::new();
    if let Some((gm_view, score)) = views.gm() {
        let form = &mut s.gm_form;
        egui::CentralPanel::default().show(&mut root, |ui| {
            intents = panels::gm_panel(ui, gm_view, score, form);
        });
    }
    s.views = Some(views);
    for GmIntent::Command(command) in intents {
        to_session.write(SessionCommand {
            by: Actor::Gm,
            command,
        });
    }
}

/// Open the generated stress scenario at its very end, everything revealed, paused, and measure
/// the session screen (`--frame-stats N`).
pub fn start_stress(
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    stats: Option<Res<FrameStats>>,
) {
    if stats.is_none() {
        return;
    }
    let file = misfortune_core::load_str("stress.ron", &misfortune_core::author::stress_scenario());
    let Some(sc) = file.valid().cloned() else {
        eprintln!("the stress scenario does not validate");
        return;
    };
    let sc = Arc::new(sc);
    let mut rec = Recorder::unjournaled(Session::new(sc.clone(), 1));
    let _ = rec.command(
        Actor::Trainee,
        Command::Take {
            action: "open-all".into(),
        },
    );
    // Near the end, with the clock running: every series and the whole log are there, and the
    // views are rebuilt four times a second as in a real session.
    let _ = rec.advance_to(sc.duration - SimTime::from_mins(10));
    commands.insert_resource(ActiveSession::new(rec, SessionMode::Playtest));
    next.set(Screen::Session);
}

#[cfg(test)]
mod message_tests {
    use bevy::state::app::StatesPlugin;

    use super::*;

    /// A whole session driven headless through messages: start, act, end, debrief.
    #[test]
    fn a_full_session_runs_headless_through_messages() {
        let dir = std::env::temp_dir().join(format!("misfortune-msg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = misfortune_core::load_file(&root.join("scenarios/original-cert-expiry.ron"));
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin));
        app.init_state::<Screen>();
        core_systems(&mut app);
        app.update();
        app.world_mut().write_message(StartSession {
            file,
            mode: SessionMode::Solo,
            seed: 3,
            dir: Some(dir.clone()),
        });
        app.update();
        app.update();
        assert_eq!(
            *app.world().resource::<State<Screen>>().get(),
            Screen::Session
        );
        let say = |app: &mut App, by: Actor, command: Command| {
            app.world_mut()
                .write_message(SessionCommand { by, command });
            app.update();
        };
        say(
            &mut app,
            Actor::Gm,
            Command::Jump {
                by: SimTime::from_mins(2),
            },
        );
        say(&mut app, Actor::Trainee, Command::Ack);
        say(
            &mut app,
            Actor::Trainee,
            Command::Take {
                action: "checkout-logs".into(),
            },
        );
        say(
            &mut app,
            Actor::Gm,
            Command::Jump {
                by: SimTime::from_mins(3),
            },
        );
        say(
            &mut app,
            Actor::Trainee,
            Command::Take {
                action: "rotate-cert".into(),
            },
        );
        say(
            &mut app,
            Actor::Trainee,
            Command::Diagnose {
                candidate: Some("cert-expired".into()),
                text: None,
            },
        );
        say(
            &mut app,
            Actor::Gm,
            Command::Jump {
                by: SimTime::from_mins(10),
            },
        );
        say(&mut app, Actor::Gm, Command::End);
        let s = &app.world().resource::<ActiveSession>().rec;
        assert!(s.session.is_ended());
        assert!(s.session.mitigated_at.is_some());
        let journal = s.path().unwrap().to_path_buf();
        app.world_mut().write_message(OpenDebrief);
        app.update();
        app.update();
        assert_eq!(
            *app.world().resource::<State<Screen>>().get(),
            Screen::Debrief
        );
        let d = app.world().resource::<super::super::debrief::Debrief>();
        assert!(d.report.score.total > 50.0, "{}", d.report.score.total);
        // Everything went through the journal: it replays to the same score.
        let j = misfortune_core::journal::Journal::read(&journal).unwrap();
        assert_eq!(
            misfortune_core::score::score(&j.replay().unwrap()).total,
            d.report.score.total
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
