//! The end-to-end run (`misfortune --e2e DIR`): the real app, driven through the same calls the
//! screens' buttons make. It opens the library, spins the wheel, starts the picked scenario, takes
//! actions as a trainee, ends the session, opens the debrief and exports it, saving a screenshot of
//! each screen into DIR, then exits (non-zero on any failure). CI runs it under Xvfb.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use misfortune_core::view::TraineeView;
use misfortune_core::{Actor, Command};

use super::library::Library;
use super::screens::Screen;
use super::session::{ActiveSession, SessionMode};
use super::wheel::WheelState;

#[derive(Resource, Debug, Clone)]
pub struct E2e {
    pub dir: PathBuf,
    step: usize,
    frames: u32,
    log: Vec<String>,
}

impl E2e {
    pub fn new(dir: PathBuf) -> E2e {
        E2e {
            dir,
            step: 0,
            frames: 0,
            log: Vec::new(),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, drive.run_if(resource_exists::<E2e>));
}

/// Frames a step may take before the run fails.
const STEP_LIMIT: u32 = 3000;

fn shot(commands: &mut Commands, e2e: &mut E2e, name: &str) {
    let path = e2e.dir.join(name);
    e2e.log.push(format!("screenshot {}", path.display()));
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path));
}

#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut e2e: ResMut<E2e>,
    state: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    library: Option<Res<Library>>,
    wheel: Option<ResMut<WheelState>>,
    session: Option<ResMut<ActiveSession>>,
    debrief: Option<Res<super::debrief::Debrief>>,
    mut exit: MessageWriter<AppExit>,
) {
    e2e.frames += 1;
    if e2e.frames > STEP_LIMIT {
        let msg = format!(
            "e2e: step {} timed out on screen {:?}",
            e2e.step,
            state.get()
        );
        eprintln!("{msg}");
        let _ = std::fs::write(
            e2e.dir.join("e2e-failed.txt"),
            msg + "\n" + &e2e.log.join("\n"),
        );
        exit.write(AppExit::error());
        return;
    }
    let advance = |e2e: &mut E2e| {
        e2e.step += 1;
        e2e.frames = 0;
    };
    match e2e.step {
        // The library is up: every shipped scenario is listed.
        0 if e2e.frames > 60 => {
            let n = library.as_ref().map_or(0, |l| l.entries.len());
            if n == 0 {
                e2e.frames = STEP_LIMIT;
                return;
            }
            e2e.log.push(format!("library: {n} scenarios"));
            shot(&mut commands, &mut e2e, "01-library.png");
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
                shot(&mut commands, &mut e2e, "02-wheel.png");
                advance(&mut e2e);
            }
        }
        4 if e2e.frames > 20 => {
            let (Some(library), Some(w)) = (library, wheel) else {
                return;
            };
            let Some(i) = w.picked else { return };
            match super::session::start(&library.files[w.entries[i]], SessionMode::Solo, 42) {
                Ok(s) => {
                    e2e.log.push(format!("session journal {:?}", s.rec.path()));
                    commands.insert_resource(s);
                    next.set(Screen::Session);
                    advance(&mut e2e);
                }
                Err(err) => {
                    e2e.log.push(format!("cannot start: {err}"));
                    e2e.frames = STEP_LIMIT;
                }
            }
        }
        // Play as a trainee: acknowledge, and take the first actions offered.
        5 if e2e.frames > 10 => {
            let Some(mut s) = session else { return };
            s.apply(Actor::Gm, Command::Speed { factor: 60 });
            for _ in 0..3 {
                let view = TraineeView::of(&s.rec.session);
                if let Some(a) = view.actions.first() {
                    let id = a.id.clone();
                    s.apply(Actor::Trainee, Command::Take { action: id.clone() });
                    e2e.log.push(format!("took {id}"));
                }
            }
            advance(&mut e2e);
        }
        6 => {
            let Some(mut s) = session else { return };
            if s.rec.session.first_page.is_some() && s.rec.session.acked.is_none() {
                s.apply(Actor::Trainee, Command::Ack);
                e2e.log.push("acknowledged the page".into());
            }
            if e2e.frames > 180 {
                shot(&mut commands, &mut e2e, "03-session.png");
                advance(&mut e2e);
            }
        }
        7 if e2e.frames > 30 => {
            let Some(mut s) = session else { return };
            s.apply(Actor::Gm, Command::End);
            let report = misfortune_core::report::Report::of(&s.rec.session, Some("e2e".into()));
            e2e.log.push(format!(
                "ended at {}, score {}",
                s.rec.session.now(),
                report.score.total
            ));
            commands.insert_resource(super::debrief::Debrief::new(
                report,
                s.rec.path().map(std::path::Path::to_path_buf),
            ));
            next.set(Screen::Debrief);
            advance(&mut e2e);
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
            shot(&mut commands, &mut e2e, "04-debrief.png");
            advance(&mut e2e);
        }
        // Give the last screenshot time to be written, then leave.
        9 if e2e.frames > 60 => {
            let _ = std::fs::write(e2e.dir.join("e2e-ok.txt"), e2e.log.join("\n") + "\n");
            exit.write(AppExit::Success);
            advance(&mut e2e);
        }
        _ => {}
    }
}
