//! The end-to-end run (`misfortune --e2e DIR`, with `--gm-window` for a team session): the real
//! app, driven through the same messages the screens' buttons send. It opens the library, spins
//! the wheel, starts the picked scenario, plays as a trainee (and, in team mode, as the game
//! master: a reveal, an inject, a persona's message, a hint), ends the session, opens the debrief
//! and exports it, saving a screenshot of each screen (and of the game master's window) into DIR,
//! then exits (non-zero on any failure). Each screenshot is checked for content: not one flat
//! colour, and in team mode the two windows must not show the same picture. CI runs it under Xvfb.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bevy::ecs::system::SystemParam;
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

/// What the end-to-end driver reads and sends each frame.
#[derive(SystemParam)]
struct Driven<'w, 's> {
    commands: Commands<'w, 's>,
    state: Res<'w, State<Screen>>,
    next: ResMut<'w, NextState<Screen>>,
    library: Option<Res<'w, Library>>,
    wheel: Option<ResMut<'w, WheelState>>,
    session: Option<Res<'w, ActiveSession>>,
    debrief: Option<Res<'w, super::debrief::Debrief>>,
    start: MessageWriter<'w, StartSession>,
    say: MessageWriter<'w, SessionCommand>,
    open_debrief: MessageWriter<'w, OpenDebrief>,
    gm_window: Query<'w, 's, Entity, With<GmWindow>>,
    exit: MessageWriter<'w, AppExit>,
}

/// What a step did: stay on it, or go on to the next.
enum Step {
    Wait,
    Next,
}

fn drive(mut e2e: ResMut<E2e>, mut app: Driven) {
    e2e.frames += 1;
    if e2e.frames > STEP_LIMIT {
        let msg = format!(
            "e2e: step {} timed out on screen {:?}",
            e2e.step,
            app.state.get()
        );
        fail(&e2e, msg, &mut app.exit);
        return;
    }
    let gm = app.gm_window.iter().next();
    if e2e.team && gm.is_none() {
        fail(&e2e, "e2e: no game master window".into(), &mut app.exit);
        return;
    }
    let step = match e2e.step {
        0 if e2e.frames > 60 => library_up(&mut e2e, &mut app, gm),
        1 if e2e.frames > 20 => {
            app.next.set(Screen::Wheel);
            Step::Next
        }
        2 if e2e.frames > 20 => match app.wheel.as_mut() {
            Some(w) => {
                w.start_spin();
                Step::Next
            }
            None => Step::Wait,
        },
        3 => wheel_landed(&mut e2e, &mut app),
        // The pick's card grows in: let it finish before the screenshot.
        4 if e2e.frames > 45 => {
            shot(&mut app.commands, &mut e2e, "02-wheel.png", None);
            Step::Next
        }
        5 if e2e.frames > 20 => start_picked(&mut e2e, &mut app),
        6 if e2e.frames > 10 => play(&mut e2e, &mut app),
        7 => session_shots(&mut e2e, &mut app, gm),
        8 if e2e.frames > 30 => end_session(&mut e2e, &mut app),
        9 if e2e.frames > 60 => export_debrief(&mut e2e, &mut app, gm),
        // Give the last screenshots time to be written and measured, then check them and leave.
        10 if e2e.frames > 60 => match check_shots(&e2e) {
            Ok(lines) => {
                e2e.log.extend(lines);
                let _ = std::fs::write(e2e.dir.join("e2e-ok.txt"), e2e.log.join("\n") + "\n");
                app.exit.write(AppExit::Success);
                Step::Next
            }
            Err(why) => {
                fail(&e2e, format!("e2e: {why}"), &mut app.exit);
                Step::Wait
            }
        },
        _ => Step::Wait,
    };
    if let Step::Next = step {
        e2e.step += 1;
        e2e.frames = 0;
    }
}

/// The library is up: every shipped scenario is listed.
fn library_up(e2e: &mut E2e, app: &mut Driven, gm: Option<Entity>) -> Step {
    let n = app.library.as_ref().map_or(0, |l| l.entries.len());
    if n == 0 {
        e2e.frames = STEP_LIMIT;
        return Step::Wait;
    }
    e2e.log.push(format!("library: {n} scenarios"));
    shot(&mut app.commands, e2e, "01-library.png", None);
    if e2e.team {
        shot(&mut app.commands, e2e, "01-gm.png", gm);
    }
    Step::Next
}

fn wheel_landed(e2e: &mut E2e, app: &mut Driven) -> Step {
    let Some(w) = app.wheel.as_ref() else {
        return Step::Wait;
    };
    let Some(i) = w.picked else {
        return Step::Wait;
    };
    e2e.log.push(format!("wheel picked entry {}", w.entries[i]));
    Step::Next
}

/// Start the picked scenario the way the wheel's button does.
fn start_picked(e2e: &mut E2e, app: &mut Driven) -> Step {
    let (Some(library), Some(w)) = (app.library.as_ref(), app.wheel.as_ref()) else {
        return Step::Wait;
    };
    let Some(i) = w.picked else {
        return Step::Wait;
    };
    let mode = e2e.mode();
    app.start.write(StartSession::New {
        file: Box::new(library.files[w.entries[i]].clone()),
        mode,
        // Guided, so the run can take the first actions offered; recall is typed below.
        play: misfortune_core::sim::PlayMode::Guided,
        seed: 42,
        dir: None,
    });
    e2e.log.push(format!("started a {mode:?} session"));
    Step::Next
}

/// Play as a trainee: faster clock, and the first actions offered; in team mode the game master
/// plays their part too.
fn play(e2e: &mut E2e, app: &mut Driven) -> Step {
    let Some(s) = app.session.as_ref() else {
        return Step::Wait;
    };
    e2e.log.push(format!("session journal {:?}", s.rec.path()));
    app.say.write(SessionCommand {
        by: Actor::Gm,
        command: Command::Speed { factor: 60 },
    });
    let view = misfortune_core::view::TraineeView::of(s.rec.session());
    for a in view.actions.iter().take(3) {
        e2e.log.push(format!("took {}", a.id));
        app.say.write(SessionCommand {
            by: Actor::Trainee,
            command: Command::Take {
                action: a.id.clone(),
            },
        });
    }
    // And one line in the trainee's own words, as recall play takes them.
    app.say.write(SessionCommand {
        by: Actor::Trainee,
        command: Command::Do {
            text: "look at the recent changes".into(),
        },
    });
    if e2e.team {
        play_gm(e2e, s, &mut app.say);
    }
    Step::Next
}

/// Acknowledge the page when it comes, then screenshot the session (and the game master's).
fn session_shots(e2e: &mut E2e, app: &mut Driven, gm: Option<Entity>) -> Step {
    let Some(s) = app.session.as_ref() else {
        return Step::Wait;
    };
    let rs = s.rec.session();
    if rs.first_page().is_some() && rs.acked().is_none() && e2e.frames.is_multiple_of(30) {
        app.say.write(SessionCommand {
            by: Actor::Trainee,
            command: Command::Ack,
        });
        e2e.log.push("acknowledged the page".into());
    }
    if e2e.frames <= 180 {
        return Step::Wait;
    }
    shot(&mut app.commands, e2e, "03-session.png", None);
    if e2e.team {
        shot(&mut app.commands, e2e, "03-gm.png", gm);
    }
    Step::Next
}

/// End the session as the game master does, then open the debrief.
fn end_session(e2e: &mut E2e, app: &mut Driven) -> Step {
    let Some(s) = app.session.as_ref() else {
        return Step::Wait;
    };
    if !s.rec.session().is_ended() {
        if e2e.frames == 31 {
            app.say.write(SessionCommand {
                by: Actor::Gm,
                command: Command::End,
            });
        }
        return Step::Wait;
    }
    e2e.log.push(format!(
        "ended at {}, score {:.1}",
        s.rec.session().now(),
        misfortune_core::score::score(s.rec.session()).total
    ));
    app.open_debrief.write(OpenDebrief);
    Step::Next
}

fn export_debrief(e2e: &mut E2e, app: &mut Driven, gm: Option<Entity>) -> Step {
    let Some(d) = app.debrief.as_ref() else {
        return Step::Wait;
    };
    match d.export() {
        Ok(p) => e2e.log.push(format!("exported {}", p.display())),
        Err(err) => {
            e2e.log.push(format!("export failed: {err}"));
            e2e.frames = STEP_LIMIT;
            return Step::Wait;
        }
    }
    shot(&mut app.commands, e2e, "04-debrief.png", None);
    if e2e.team {
        shot(&mut app.commands, e2e, "04-gm.png", gm);
    }
    Step::Next
}

fn fail(e2e: &E2e, msg: String, exit: &mut MessageWriter<AppExit>) {
    eprintln!("{msg}");
    let _ = std::fs::write(
        e2e.dir.join("e2e-failed.txt"),
        msg + "\n" + &e2e.log.join("\n"),
    );
    exit.write(AppExit::error());
}
