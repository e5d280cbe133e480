//! The session screen: a running scenario on the simulated clock. In a playtest the game master's
//! console and the trainee view are side by side; in solo play the engine is game master and only
//! the trainee view is shown; in a team session the game master's console is in its own window.
//! Every command goes through the core's journaled recorder.
//!
//! - `messages`: starting sessions, commands, the debrief (no egui; headless apps use them)
//! - `clock`: the simulated clock and its keys
//! - `views`: the views drawn, kept between frames and rebuilt in the background
//! - `screen`: the session screen itself

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::prelude::*;
use misfortune_core::journal::{self, JournalKey, JournalWriter, Mode, Recorder, Trust};
use misfortune_core::sim::PlayMode;
use misfortune_core::{Actor, Command, LoadedFile, Session};

use super::panels::{GmForm, TraineeForm};
use super::screens::Screen;

mod clock;
mod messages;
mod screen;
mod views;

pub use messages::{OpenDebrief, SessionCommand, StartError, StartSession};
pub use screen::SessionScreenPass;
pub use views::Views;

/// The session's messages and the systems that turn them into core calls (no egui involved).
pub(super) fn core_systems(app: &mut App) {
    messages::plugin(app);
}

pub(super) fn plugin(app: &mut App) {
    core_systems(app);
    app.init_resource::<PlayChoice>();
    app.add_systems(Update, clock::keyboard.run_if(in_state(Screen::Session)))
        .add_plugins(screen::plugin)
        .add_systems(OnExit(Screen::Session), |mut commands: Commands| {
            commands.remove_resource::<ActiveSession>()
        });
}

/// Whether new sessions are guided (a palette of actions, for a first session) or recall (the
/// default: the trainee says what they do).
#[derive(Resource, Debug, Default, Clone)]
pub struct PlayChoice {
    pub guided: bool,
    /// Who is playing (the wheel's volunteer, or typed in): sessions are attributed to them, so
    /// they count as that person's practice.
    pub trainee: String,
    /// Who runs a team session as game master (incident commander): it counts towards their
    /// readiness (`GameMaster` in the checklist), never as the trainee's practice.
    pub game_master: String,
}

impl PlayChoice {
    pub fn play_mode(&self) -> PlayMode {
        if self.guided {
            PlayMode::Guided
        } else {
            PlayMode::Recall
        }
    }

    /// The trainee's name, if one is given.
    pub fn trainee(&self) -> Option<String> {
        Some(self.trainee.trim().to_string()).filter(|t| !t.is_empty())
    }

    /// The game master's name, if one is given.
    pub fn game_master(&self) -> Option<String> {
        Some(self.game_master.trim().to_string()).filter(|t| !t.is_empty())
    }

    /// Who plays a session started now: the trainee, and in a team session the game master.
    pub fn people(&self, mode: SessionMode) -> People {
        People {
            trainee: self.trainee(),
            game_master: self.game_master().filter(|_| mode != SessionMode::Solo),
        }
    }

    /// The checkbox and the trainee's name (and, with a game master's window, the game master's),
    /// where sessions are started.
    pub fn checkbox(&mut self, ui: &mut bevy_egui::egui::Ui, team: bool) {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.guided, "Guided")
                .on_hover_text("A palette of the scenario's actions, for a first session. Unticked (recall), the trainee says what they do in their own words.");
            ui.label("Trainee:");
            ui.add(
                bevy_egui::egui::TextEdit::singleline(&mut self.trainee)
                    .desired_width(160.0)
                    .hint_text("who is playing"),
            )
            .on_hover_text("Sessions count as this person's practice (see `misfortune progress`).");
            if team {
                ui.label("Game master:");
                ui.add(
                    bevy_egui::egui::TextEdit::singleline(&mut self.game_master)
                        .desired_width(160.0)
                        .hint_text("who runs it"),
                )
                .on_hover_text("Team sessions count towards this person's turns as game master (incident commander).");
            }
        });
    }
}

/// The people a session is attributed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    pub trainee: Option<String>,
    pub game_master: Option<String>,
}

/// This installation's journal key, which signs every journal the app writes.
#[derive(Resource, Debug, Clone)]
pub struct Keyring(pub JournalKey);

impl Keyring {
    /// The key from the user's config folder (made on first use).
    pub fn load() -> Result<Keyring, String> {
        JournalKey::load_default().map(Keyring)
    }
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
    /// The views drawn, rebuilt when something happens or a quarter second has passed.
    pub views: Views,
    /// The score once the session has ended (computed once, not every frame).
    final_score: Option<misfortune_core::score::Score>,
    pub error: Option<String>,
}

/// Start a session whose journal goes into `dir` (default: [`sessions_dir`]), attributed to
/// the people named.
fn start_in(
    file: &LoadedFile,
    (mode, play): (SessionMode, PlayMode),
    seed: u64,
    (dir, people): (Option<PathBuf>, People),
    key: &JournalKey,
) -> Result<ActiveSession, String> {
    let sc = file
        .valid()
        .ok_or("the scenario does not validate")?
        .clone();
    let dir = dir
        .or_else(sessions_dir)
        .ok_or("no data folder for journals")?;
    let jmode = if mode == SessionMode::Solo {
        Mode::Solo
    } else {
        Mode::Team
    };
    let mut header = journal::header(&sc, &file.name, &file.source, seed, jmode, people.trainee);
    header.play_mode = play;
    header.game_master = people.game_master;
    let writer = JournalWriter::create_in(&dir, &header, key).map_err(|e| e.to_string())?;
    let session = Session::with_mode(Arc::new(sc), seed, play);
    let rec = Recorder::new(session, writer).map_err(|e| e.to_string())?;
    Ok(ActiveSession::new(rec, mode))
}

/// Continue an unfinished session from its journal. Solo sessions stay solo; team sessions go on
/// as team sessions when the game master's window is open, and as a playtest (with the game
/// master's console beside the trainee's view) when it is not.
fn resume(path: &Path, gm_window: bool, key: &JournalKey) -> Result<ActiveSession, String> {
    // A journal modified after it was written is not resumed in the app.
    let (rec, j) = Recorder::resume(path, key, Trust::Verified).map_err(|e| e.to_string())?;
    let mode = match j.header.mode {
        Mode::Solo => SessionMode::Solo,
        _ if gm_window => SessionMode::Team,
        _ => SessionMode::Playtest,
    };
    let mut s = ActiveSession::new(rec, mode);
    // Resume paused, so nobody loses time while getting settled.
    s.apply(Actor::Gm, Command::Pause);
    s.error = j.warning.clone();
    Ok(s)
}

/// Where journals go: `MISFORTUNE_SESSIONS_DIR`, or the user's data folder.
pub fn sessions_dir() -> Option<PathBuf> {
    std::env::var_os("MISFORTUNE_SESSIONS_DIR")
        .map(Into::into)
        .or_else(journal::default_sessions_dir)
}

impl ActiveSession {
    pub fn new(rec: Recorder, mode: SessionMode) -> ActiveSession {
        ActiveSession {
            rec,
            mode,
            trainee_form: TraineeForm::default(),
            gm_form: GmForm::default(),
            carry: 0.0,
            views: Views::default(),
            final_score: None,
            error: None,
        }
    }

    /// Bring the views up to date with the session.
    pub fn refresh_views(&mut self) {
        self.views.refresh(self.rec.session(), self.mode);
    }

    /// The final score, once the session has ended.
    fn final_score(&mut self) -> Option<misfortune_core::score::Score> {
        if self.final_score.is_none() && self.rec.session().is_ended() {
            self.final_score = Some(misfortune_core::score::score(self.rec.session()));
        }
        self.final_score.clone()
    }

    pub fn apply(&mut self, by: Actor, cmd: Command) {
        self.error = self.rec.command(by, cmd).err().map(|e| e.to_string());
    }
}

#[cfg(test)]
mod tests;
