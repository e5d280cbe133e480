//! The end-to-end run (`misfortune --e2e DIR`, with `--gm-window` for a team session): the real
//! app, driven through the same messages the screens' buttons send. It opens the library, spins
//! the wheel, starts the picked scenario, plays as a trainee (and, in team mode, as the game
//! master: a reveal, an inject, a persona's message, a hint), ends the session, opens the debrief
//! and exports it, saving a screenshot of each screen (and of the game master's window) into DIR,
//! then exits (non-zero on any failure). Each screenshot is checked for content: not one flat
//! colour, and in team mode the two windows must not show the same picture. CI runs it under Xvfb.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use misfortune_core::model::Reveal;
use misfortune_core::view::GmView;
use misfortune_core::{Actor, Command};

use super::library::Library;
use super::screens::Screen;
use super::session::{ActiveSession, OpenDebrief, SessionCommand, SessionMode, StartSession};
use super::wheel::WheelState;
use super::windows::GmWindow;

#[derive(Resource, Debug, Clone)]
pub struct E2e {
    pub dir: PathBuf,
    /// Team mode: the session is a team session run from the game master's window.
    team: bool,
    step: usize,
    frames: u32,
    log: Vec<String>,
    /// What each screenshot showed, filled in when it is captured.
    shots: Arc<Mutex<Vec<ShotStats>>>,
}

/// A captured screenshot's content, enough to tell a drawn screen from an empty one.
#[derive(Debug, Clone)]
struct ShotStats {
    name: String,
    /// Share of pixels that differ from the most common colour.
    drawn: f64,
    /// Distinct colours (quantised), a few for a blank window, hundreds for text and charts.
    colours: usize,
    /// A fingerprint of the picture, to tell two windows apart.
    fingerprint: u64,
}

impl E2e {
    pub fn new(dir: PathBuf, team: bool) -> E2e {
        E2e {
            dir,
            team,
            step: 0,
            frames: 0,
            log: Vec::new(),
            shots: Arc::default(),
        }
    }

    fn mode(&self) -> SessionMode {
        if self.team {
            SessionMode::Team
        } else {
            SessionMode::Solo
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, drive.run_if(resource_exists::<E2e>));
}

/// Frames a step may take before the run fails.
const STEP_LIMIT: u32 = 3000;

fn measure(name: &str, image: &Image) -> Option<ShotStats> {
    let rgb = image.clone().try_into_dynamic().ok()?.to_rgb8();
    let mut counts = std::collections::HashMap::<[u8; 3], usize>::new();
    let mut fingerprint: u64 = 0xcbf2_9ce4_8422_2325;
    for p in rgb.pixels() {
        let q = [p[0] & 0xf0, p[1] & 0xf0, p[2] & 0xf0];
        *counts.entry(q).or_default() += 1;
        for b in p.0 {
            fingerprint = (fingerprint ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    let total = rgb.pixels().len().max(1);
    let most = counts.values().copied().max().unwrap_or(0);
    Some(ShotStats {
        name: name.to_string(),
        drawn: 1.0 - most as f64 / total as f64,
        colours: counts.len(),
        fingerprint,
    })
}

/// Save a screenshot of a window (the main one when `window` is None) and measure its content.
fn shot(commands: &mut Commands, e2e: &mut E2e, name: &str, window: Option<Entity>) {
    let path = e2e.dir.join(name);
    e2e.log.push(format!("screenshot {}", path.display()));
    let shots = e2e.shots.clone();
    let name = name.to_string();
    let screenshot = match window {
        Some(w) => Screenshot::window(w),
        None => Screenshot::primary_window(),
    };
    commands
        .spawn(screenshot)
        .observe(save_to_disk(path))
        .observe(move |captured: On<ScreenshotCaptured>| {
            if let (Some(stats), Ok(mut all)) = (measure(&name, &captured.image), shots.lock()) {
                all.push(stats);
            }
        });
}

/// Every screenshot shows a drawn screen, and in team mode the two windows differ.
fn check_shots(e2e: &E2e) -> Result<Vec<String>, String> {
    let shots = e2e.shots.lock().map_err(|_| "screenshot stats lost")?;
    let mut lines = Vec::new();
    for s in shots.iter() {
        lines.push(format!(
            "{}: {:.1}% drawn, {} colours",
            s.name,
            s.drawn * 100.0,
            s.colours
        ));
        // A blank window is one flat colour; the emptiest real screen (the game master's
        // before a session) has a few lines of text.
        if s.drawn < 0.001 || s.colours < 4 {
            return Err(format!("{} is blank: {}", s.name, lines.join("; ")));
        }
    }
    let expected = if e2e.team { 7 } else { 4 };
    if shots.len() < expected {
        return Err(format!(
            "{} of {expected} screenshots were captured",
            shots.len()
        ));
    }
    for (main, gm) in [
        ("01-library.png", "01-gm.png"),
        ("03-session.png", "03-gm.png"),
    ] {
        let find = |n: &str| shots.iter().find(|s| s.name == n).map(|s| s.fingerprint);
        if e2e.team && find(main) == find(gm) {
            return Err(format!("{main} and {gm} show the same picture"));
        }
    }
    Ok(lines)
}

/// Play the game master's part of a team session: reveal, inject, message, hint.
fn play_gm(e2e: &mut E2e, s: &ActiveSession, say: &mut MessageWriter<SessionCommand>) {
    let gm = GmView::of(s.rec.session());
    let mut commands = Vec::new();
    if let Some(clue) = gm.unrevealed_clues.first() {
        commands.push(Command::Reveal {
            what: Reveal::Clue(clue.id.clone()),
        });
    }
    if let Some(inject) = gm.upcoming.first() {
        commands.push(Command::PlayInject {
            inject: inject.id.clone(),
        });
    }
    if let Some(persona) = s.rec.session().scenario().personas.first() {
        commands.push(Command::SendMessage {
            from: persona.id.clone(),
            text: "How is it going? Anything I can do?".into(),
        });
    }
    commands.push(Command::GiveHint);
    for command in commands {
        e2e.log.push(format!("game master: {command:?}"));
        say.write(SessionCommand {
            by: Actor::Gm,
            command,
        });
    }
}

#[allow(clippy::too_many_arguments)] // a Bevy system: each argument is a resource it uses
fn drive(
    mut commands: Commands,
    mut e2e: ResMut<E2e>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    (library, wheel, session, debrief): (
        Option<Res<Library>>,
        Option<ResMut<WheelState>>,
        Option<Res<ActiveSession>>,
        Option<Res<super::debrief::Debrief>>,
    ),
    (mut start, mut say, mut open_debrief): (
        MessageWriter<StartSession>,
        MessageWriter<SessionCommand>,
        MessageWriter<OpenDebrief>,
    ),
    gm_window: Query<Entity, With<GmWindow>>,
    mut exit: MessageWriter<AppExit>,
) {
    e2e.frames += 1;
    if e2e.frames > STEP_LIMIT {
        let msg = format!(
            "e2e: step {} timed out on screen {:?}",
            e2e.step,
            state.get()
        );
        fail(&e2e, msg, &mut exit);
        return;
    }
    let advance = |e2e: &mut E2e| {
        e2e.step += 1;
        e2e.frames = 0;
    };
    let gm = gm_window.iter().next();
    if e2e.team && gm.is_none() {
        fail(&e2e, "e2e: no game master window".into(), &mut exit);
        return;
    }
    match e2e.step {
        // The library is up: every shipped scenario is listed.
        0 if e2e.frames > 60 => {
            let n = library.as_ref().map_or(0, |l| l.entries.len());
            if n == 0 {
                e2e.frames = STEP_LIMIT;
                return;
            }
            e2e.log.push(format!("library: {n} scenarios"));
            shot(&mut commands, &mut e2e, "01-library.png", None);
            if e2e.team {
                shot(&mut commands, &mut e2e, "01-gm.png", gm);
            }
            advance(&mut e2e);
        }
        1 if e2e.frames > 20 => {
            next.set(Screen::Wheel);
            advance(&mut e2e);
        }
        2 if e2e.frames > 20 => {
            if let Some(mut w) = wheel {
                w.start_spin();
                advance(&mut e2e);
            }
        }
        3 => {
            if let Some(w) = wheel
                && let Some(i) = w.picked
            {
                e2e.log.push(format!("wheel picked entry {}", w.entries[i]));
                shot(&mut commands, &mut e2e, "02-wheel.png", None);
                advance(&mut e2e);
            }
        }
        // Start the picked scenario the way the wheel's button does.
        4 if e2e.frames > 20 => {
            let (Some(library), Some(w)) = (library, wheel) else {
                return;
            };
            let Some(i) = w.picked else { return };
            let mode = e2e.mode();
            start.write(StartSession::New {
                file: library.files[w.entries[i]].clone(),
                mode,
                seed: 42,
                dir: None,
            });
            e2e.log.push(format!("started a {mode:?} session"));
            advance(&mut e2e);
        }
        // Play as a trainee: faster clock, and the first actions offered; in team mode the game
        // master plays their part too.
        5 if e2e.frames > 10 => {
            let Some(s) = session else { return };
            e2e.log.push(format!("session journal {:?}", s.rec.path()));
            say.write(SessionCommand {
                by: Actor::Gm,
                command: Command::Speed { factor: 60 },
            });
            let view = misfortune_core::view::TraineeView::of(s.rec.session());
            for a in view.actions.iter().take(3) {
                e2e.log.push(format!("took {}", a.id));
                say.write(SessionCommand {
                    by: Actor::Trainee,
                    command: Command::Take {
                        action: a.id.clone(),
                    },
                });
            }
            if e2e.team {
                play_gm(&mut e2e, &s, &mut say);
            }
            advance(&mut e2e);
        }
        6 => {
            let Some(s) = session else { return };
            let rs = s.rec.session();
            if rs.first_page().is_some() && rs.acked().is_none() && e2e.frames % 30 == 0 {
                say.write(SessionCommand {
                    by: Actor::Trainee,
                    command: Command::Ack,
                });
                e2e.log.push("acknowledged the page".into());
            }
            if e2e.frames > 180 {
                shot(&mut commands, &mut e2e, "03-session.png", None);
                if e2e.team {
                    shot(&mut commands, &mut e2e, "03-gm.png", gm);
                }
                advance(&mut e2e);
            }
        }
        7 if e2e.frames > 30 => {
            let Some(s) = session else { return };
            if s.rec.session().is_ended() {
                e2e.log.push(format!(
                    "ended at {}, score {:.1}",
                    s.rec.session().now(),
                    misfortune_core::score::score(s.rec.session()).total
                ));
                open_debrief.write(OpenDebrief);
                advance(&mut e2e);
            } else if e2e.frames == 31 {
                say.write(SessionCommand {
                    by: Actor::Gm,
                    command: Command::End,
                });
            }
        }
        8 if e2e.frames > 60 => {
            let Some(d) = debrief else { return };
            match d.export() {
                Ok(p) => e2e.log.push(format!("exported {}", p.display())),
                Err(err) => {
                    e2e.log.push(format!("export failed: {err}"));
                    e2e.frames = STEP_LIMIT;
                    return;
                }
            }
            shot(&mut commands, &mut e2e, "04-debrief.png", None);
            if e2e.team {
                shot(&mut commands, &mut e2e, "04-gm.png", gm);
            }
            advance(&mut e2e);
        }
        // Give the last screenshots time to be written and measured, then check them and leave.
        9 if e2e.frames > 60 => match check_shots(&e2e) {
            Ok(lines) => {
                e2e.log.extend(lines);
                let _ = std::fs::write(e2e.dir.join("e2e-ok.txt"), e2e.log.join("\n") + "\n");
                exit.write(AppExit::Success);
                advance(&mut e2e);
            }
            Err(why) => fail(&e2e, format!("e2e: {why}"), &mut exit),
        },
        _ => {}
    }
}

fn fail(e2e: &E2e, msg: String, exit: &mut MessageWriter<AppExit>) {
    eprintln!("{msg}");
    let _ = std::fs::write(
        e2e.dir.join("e2e-failed.txt"),
        msg + "\n" + &e2e.log.join("\n"),
    );
    exit.write(AppExit::error());
}
