//! The session's messages and the systems that turn them into core calls. No egui is involved, so
//! headless apps (and the end-to-end run) drive whole sessions with them. There is one way to
//! start a session in the app: a [`StartSession`] message, for a new session or a resumed one.

use std::path::PathBuf;

use bevy::prelude::*;
use misfortune_core::sim::PlayMode;
use misfortune_core::{Actor, Command, LoadedFile};

use super::{ActiveSession, SessionMode};
use crate::gui::screens::Screen;
use crate::gui::ui::TeamMode;

/// A command for the running session, from the trainee or the game master.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct SessionCommand {
    pub by: Actor,
    pub command: Command,
}

/// Start a session: a new one of a loaded scenario, or an unfinished one from its journal.
#[derive(Message, Debug, Clone)]
pub enum StartSession {
    New {
        file: Box<LoadedFile>,
        mode: SessionMode,
        /// Recall (the trainee's own words) or guided (a palette).
        play: PlayMode,
        seed: u64,
        /// Where the journal goes (default: [`super::sessions_dir`]).
        dir: Option<PathBuf>,
    },
    Resume(PathBuf),
}

impl StartSession {
    /// A new session with a seed from the clock (the game's sessions differ run to run; the seed
    /// is journaled, so each one replays exactly).
    pub fn new(file: LoadedFile, mode: SessionMode, play: PlayMode) -> StartSession {
        StartSession::New {
            file: Box::new(file),
            mode,
            play,
            seed: misfortune_core::clock_seed(),
            dir: None,
        }
    }
}

/// Leave the ended session for its debrief.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenDebrief;

/// Why the last session could not start.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct StartError(pub Option<String>);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<SessionCommand>()
        .add_message::<StartSession>()
        .add_message::<OpenDebrief>()
        .init_resource::<StartError>()
        .add_systems(
            Update,
            (
                start_sessions,
                (apply_commands, super::clock::tick_clock, open_debrief)
                    .run_if(in_state(Screen::Session)),
            )
                .chain(),
        );
}

fn start_sessions(
    mut starts: MessageReader<StartSession>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut error: ResMut<StartError>,
    team: Option<Res<TeamMode>>,
    key: Option<Res<super::Keyring>>,
    choice: Option<Res<super::PlayChoice>>,
) {
    for s in starts.read() {
        let Some(key) = key.as_ref() else {
            error.0 = Some("cannot start a session: no journal key (see the log)".into());
            continue;
        };
        let started = match s {
            StartSession::New {
                file,
                mode,
                play,
                seed,
                dir,
            } => super::start_in(
                file,
                (*mode, *play),
                *seed,
                (
                    dir.clone(),
                    choice.as_ref().map(|c| c.people(*mode)).unwrap_or_default(),
                ),
                &key.0,
            )
            .map_err(|e| format!("cannot start the session: {e}")),
            StartSession::Resume(path) => super::resume(path, team.is_some(), &key.0)
                .map_err(|e| format!("cannot resume: {e}")),
        };
        match started {
            Ok(session) => {
                commands.insert_resource(session);
                next.set(Screen::Session);
                error.0 = None;
            }
            Err(e) => error.0 = Some(e),
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
    let report = misfortune_core::report::Report::of(s.rec.session(), None);
    commands.insert_resource(crate::gui::debrief::Debrief::new(
        report,
        s.rec.path().map(std::path::Path::to_path_buf),
    ));
    next.set(Screen::Debrief);
}
