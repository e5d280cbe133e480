//! Dev tooling, kept out of the screens: `--frame-stats N FILE` opens a (generated) scenario at its
//! very end with everything revealed and the clock running, measures the session screen for N
//! frames and prints the figures. The stress scenario comes from
//! `cargo run -p misfortune-core --example stress_scenario -- FILE`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use misfortune_core::journal::Recorder;
use misfortune_core::{Actor, Command, Session, SimTime};

use super::screens::Screen;
use super::session::{ActiveSession, SessionMode, SessionScreenPass};

/// What to measure: how many frames, of which scenario.
#[derive(Resource, Debug)]
pub struct FrameStats {
    pub wanted: usize,
    pub scenario: PathBuf,
    started: Option<Instant>,
    /// CPU time spent building and laying out the session screen, frame by frame.
    samples: Vec<Duration>,
    /// Whole frames (frame to frame, rendering with the software Vulkan driver included).
    frames: Vec<Duration>,
}

impl FrameStats {
    pub fn new(wanted: usize, scenario: PathBuf) -> FrameStats {
        FrameStats {
            wanted: wanted.max(1),
            scenario,
            started: None,
            samples: Vec::new(),
            frames: Vec::new(),
        }
    }
}

/// The frames the figures leave out at the start (fonts, first layouts).
const WARM_UP: usize = 30;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PostStartup,
        open_scenario.run_if(resource_exists::<FrameStats>),
    )
    .add_systems(
        Update,
        record_frame_time.run_if(resource_exists::<FrameStats>.and_then(in_state(Screen::Session))),
    )
    .add_systems(
        EguiPrimaryContextPass,
        (
            begin.before(SessionScreenPass),
            end.after(SessionScreenPass),
        )
            .run_if(resource_exists::<FrameStats>.and_then(in_state(Screen::Session))),
    );
}

fn percentile_line(label: &str, samples: &[Duration]) -> String {
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

fn record_frame_time(time: Res<Time>, mut stats: ResMut<FrameStats>) {
    stats.frames.push(time.delta());
}

fn begin(mut stats: ResMut<FrameStats>) {
    stats.started = Some(Instant::now());
}

fn end(mut stats: ResMut<FrameStats>, mut exit: MessageWriter<AppExit>) {
    let Some(started) = stats.started.take() else {
        return;
    };
    stats.samples.push(started.elapsed());
    if stats.samples.len() < stats.wanted + WARM_UP {
        return;
    }
    println!(
        "{}",
        percentile_line(
            "session screen CPU time per frame",
            &stats.samples[WARM_UP..]
        )
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

/// Open the scenario near its end, with its first action (which should reveal everything) taken
/// and the clock running, unjournaled.
fn open_scenario(
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    stats: Res<FrameStats>,
    mut exit: MessageWriter<AppExit>,
) {
    let file = misfortune_core::load_file(&stats.scenario);
    let Some(sc) = file.valid().cloned() else {
        eprintln!(
            "{}",
            misfortune_core::diagnostic::render(&file.diagnostics, &file.source, false)
        );
        exit.write(AppExit::error());
        return;
    };
    let sc = Arc::new(sc);
    let mut rec = Recorder::unjournaled(Session::new(sc.clone(), 1));
    if let Some(first) = sc.actions.first() {
        let _ = rec.command(
            Actor::Trainee,
            Command::Take {
                action: first.id.clone(),
            },
        );
    }
    let _ = rec.advance_to(sc.duration.saturating_sub(SimTime::from_mins(10)));
    commands.insert_resource(ActiveSession::new(rec, SessionMode::Playtest));
    next.set(Screen::Session);
}
