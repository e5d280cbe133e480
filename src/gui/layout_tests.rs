//! Projector-ready layout: the library, the trainee's screen (recall and guided) and the game
//! master's console at interface scales 1.0 to 2.5 on 1280x720 and 1920x1080 windows. At each
//! size every button is fully inside the window from left to right (what does not fit scrolls
//! vertically) and no two buttons overlap: panels reflow instead of covering one another.

use std::sync::Arc;

use bevy_egui::egui::{self, Rect, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use misfortune_core::sim::PlayMode;
use misfortune_core::view::{GmView, TraineeView};
use misfortune_core::{Actor, Command, Session, SimTime};

use super::library::{library_panel, read_library};
use super::panels::{GmForm, TraineeForm, gm_panel, trainee_panel};

const WINDOWS: [(f32, f32); 2] = [(1280.0, 720.0), (1920.0, 1080.0)];
const SCALES: [f32; 4] = [1.0, 1.5, 2.0, 2.5];

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A session of a shipped scenario eight minutes in: the page acknowledged (the pager card is meant
/// to cover the screen until then), dashboards and logs open, a message in.
fn session(mode: PlayMode) -> Session {
    let dir = root().join("scenarios");
    let file = misfortune_core::load_file(&dir.join("cloudflare-2019-waf-regex.ron"));
    let sc = Arc::new(file.scenario.expect("loads"));
    let mut s = Session::with_mode(sc, 3, mode);
    s.advance_to(SimTime::from_mins(3));
    s.apply_command(Actor::Trainee, &Command::Ack).unwrap();
    for action in ["open-edge-overview", "open-proxy-health", "read-waf-logs"] {
        s.apply_command(
            Actor::Trainee,
            &Command::Take {
                action: action.into(),
            },
        )
        .unwrap();
    }
    s.advance_to(SimTime::from_mins(8));
    s
}

/// Draw `ui` at a window size and scale; check every button's rect.
fn check(what: &str, px: (f32, f32), scale: f32, mut draw: impl FnMut(&mut egui::Ui)) {
    let size = egui::vec2(px.0 / scale, px.1 / scale);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(scale)
        .build_ui(|ui| draw(ui));
    harness.run_steps(6);
    let buttons: Vec<(String, Rect)> = harness
        .query_all_by_role(Role::Button)
        .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
        .filter(|(_, r)| r.width() > 0.0 && r.height() > 0.0)
        .collect();
    assert!(!buttons.is_empty(), "{what}: nothing drawn");
    let at = format!("{what} at {}x{} x{scale}", px.0, px.1);
    for (label, r) in &buttons {
        assert!(
            r.min.x >= -0.5 && r.max.x <= size.x + 0.5,
            "{at}: button {label:?} at {r:?} leaves the window (width {})",
            size.x
        );
    }
    for (i, (la, a)) in buttons.iter().enumerate() {
        for (lb, b) in &buttons[i + 1..] {
            let overlap = a.intersect(*b);
            assert!(
                !overlap.is_positive() || overlap.area() < 4.0,
                "{at}: buttons {la:?} {a:?} and {lb:?} {b:?} overlap"
            );
        }
    }
}

#[test]
fn the_library_fits_every_size_and_scale() {
    let library = read_library(&root().join("scenarios"));
    for px in WINDOWS {
        for scale in SCALES {
            let mut filter = String::new();
            check("library", px, scale, |ui| {
                let _ = library_panel(ui, &library, &mut filter, true);
            });
        }
    }
}

#[test]
fn the_trainee_screen_reflows_at_every_size_and_scale() {
    for mode in [PlayMode::Recall, PlayMode::Guided] {
        let view = TraineeView::of(&session(mode));
        for px in WINDOWS {
            for scale in SCALES {
                let mut form = TraineeForm::default();
                check(&format!("trainee ({mode:?})"), px, scale, |ui| {
                    let _ = trainee_panel(ui, &view, &mut form);
                });
            }
        }
    }
}

#[test]
fn the_game_masters_console_fits_every_size_and_scale() {
    let view = GmView::of(&session(PlayMode::Recall));
    for px in WINDOWS {
        for scale in SCALES {
            let mut form = GmForm::default();
            check("game master", px, scale, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let _ = gm_panel(ui, &view, &mut form);
                });
            });
        }
    }
}
