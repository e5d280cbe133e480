//! Panel tests with egui_kittest: intents from clicks, and no hidden text drawn.

use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use misfortune_core::view::{GmView, TraineeView};
use misfortune_core::{Actor, Session, load_all};

use bevy_egui::egui;
use misfortune_core::SimTime;

use super::*;

fn scenarios() -> Vec<Arc<misfortune_core::Scenario>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    load_all(&[dir])
        .0
        .into_iter()
        .map(|f| Arc::new(f.scenario.unwrap()))
        .collect()
}

fn run_trainee(
    view: &TraineeView,
    form: &mut TraineeForm,
    click: Option<&str>,
) -> Vec<TraineeIntent> {
    let intents = std::cell::RefCell::new(Vec::new());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui(|ui| {
            intents.borrow_mut().extend(trainee_panel(ui, view, form));
        });
    harness.run_steps(4);
    if let Some(label) = click {
        harness.get_by_label_contains(label).click();
        harness.run_steps(4);
    }
    drop(harness);
    intents.into_inner()
}

#[test]
fn the_trainee_acknowledges_the_page_and_takes_an_action() {
    let sc = scenarios()
        .into_iter()
        .find(|s| s.id == "cloudflare-2019-waf-regex")
        .unwrap();
    let mut s = Session::new(sc, 1);
    s.advance_to(SimTime::from_mins(3));
    let view = TraineeView::of(&s);
    let mut form = TraineeForm::default();
    let got = run_trainee(&view, &mut form, Some("Acknowledge page"));
    assert!(
        got.contains(&TraineeIntent::Command(Command::Ack)),
        "{got:?}"
    );
    // The page holds the screen until it is acknowledged.
    s.apply_command(Actor::Trainee, &Command::Ack).unwrap();
    let view = TraineeView::of(&s);
    let got = run_trainee(&view, &mut form, Some("Open the proxy health dashboard"));
    assert!(
        got.contains(&TraineeIntent::Command(Command::Take {
            action: "open-proxy-health".into()
        })),
        "{got:?}"
    );
}

#[test]
fn the_game_master_can_play_a_held_inject() {
    let sc = scenarios()
        .into_iter()
        .find(|s| s.id == "cloudflare-2019-waf-regex")
        .unwrap();
    let s = Session::new(sc.clone(), 1);
    let view = GmView::of(&s);
    let intents = std::cell::RefCell::new(Vec::new());
    let mut form = GmForm::default();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(700.0, 3000.0))
        .build_ui(|ui| {
            intents.borrow_mut().extend(gm_panel(ui, &view, &mut form));
        });
    harness.run_steps(4);
    harness.get_all_by_label("Play now").last().unwrap().click();
    harness.run_steps(4);
    drop(harness);
    let got = intents.into_inner();
    assert!(got.iter().any(|i| matches!(i, GmIntent::Command(Command::PlayInject { inject }) if inject == "credentials-expired")), "{got:?}");
}

/// Every trainee panel, for every shipped scenario, at several points of an expert play:
/// no hidden text of the scenario appears anywhere in what is drawn.
#[test]
fn trainee_panels_never_show_hidden_text() {
    for sc in scenarios() {
        let mut rec = misfortune_core::journal::Recorder::unjournaled(Session::new(sc.clone(), 3));
        let checkpoints = [
            SimTime::from_mins(1),
            SimTime::from_mins(4),
            SimTime::from_mins(8),
            SimTime::from_mins(15),
            sc.duration,
        ];
        let mut snapshots = Vec::new();
        let mut next = 0;
        misfortune_core::personas::play_observed(
            &mut rec,
            misfortune_core::personas::Persona::Expert,
            |s| {
                if next < checkpoints.len() && (s.now() >= checkpoints[next] || s.is_ended()) {
                    snapshots.push(TraineeView::of(s));
                    next += 1;
                }
            },
        )
        .unwrap();
        let mut hidden: Vec<String> = vec![
            sc.root_cause.statement.clone(),
            sc.root_cause.trigger.clone(),
        ];
        hidden.extend(sc.gm_notes.iter().cloned());
        hidden.extend(sc.recorded.timeline.iter().map(|e| e.text.clone()));
        hidden.extend(sc.debrief.went_wrong.iter().cloned());
        hidden.extend(sc.injects.iter().filter_map(|i| i.gm_note.clone()));
        hidden.extend(sc.actions.iter().filter_map(|a| a.gm_note.clone()));
        for view in &snapshots {
            let mut form = TraineeForm::default();
            let mut harness = Harness::builder()
                .with_size(egui::vec2(1600.0, 4000.0))
                .build_ui(|ui| {
                    trainee_panel(ui, view, &mut form);
                });
            harness.run_steps(4);
            for text in hidden.iter().filter(|t| t.len() >= 16) {
                assert!(
                    harness.query_all_by_label_contains(text).next().is_none(),
                    "{} at {}: hidden text drawn: {text}",
                    sc.id,
                    view.now
                );
            }
            // And the drawn panel does show what was revealed.
            if let Some(f) = view.findings.first() {
                assert!(
                    harness
                        .query_all_by_label_contains(&f.text)
                        .next()
                        .is_some(),
                    "{}: finding not drawn",
                    sc.id
                );
            }
        }
        let _ = Actor::Trainee;
    }
}

/// Recall play: no palette of the scenario's actions; the trainee types what they do and Enter
/// sends it; a generic tool starts the line.
#[test]
fn in_recall_play_the_trainee_types_what_they_do() {
    let sc = scenarios()
        .into_iter()
        .find(|s| s.id == "cloudflare-2019-waf-regex")
        .unwrap();
    let mut s = Session::with_mode(sc, 1, misfortune_core::sim::PlayMode::Recall);
    s.advance_to(SimTime::from_mins(3));
    s.apply_command(Actor::Trainee, &Command::Ack).unwrap();
    let view = TraineeView::of(&s);
    assert!(view.actions.is_empty() && view.candidates.is_empty());
    let mut form = TraineeForm::default();
    let intents = std::cell::RefCell::new(Vec::new());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui(|ui| {
            intents
                .borrow_mut()
                .extend(trainee_panel(ui, &view, &mut form));
        });
    harness.run_steps(4);
    assert!(
        harness
            .query_by_label_contains("Open the proxy health dashboard")
            .is_none(),
        "no palette in recall play"
    );
    harness.get_by_label("Logs").click();
    harness.run_steps(4);
    let line = harness
        .query_all_by_value("read the logs of ")
        .next()
        .expect("the tool started the line");
    line.focus();
    line.type_text("the proxies");
    harness.run_steps(4);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    drop(harness);
    let got = intents.into_inner();
    assert!(
        got.contains(&TraineeIntent::Command(Command::Do {
            text: "read the logs of the proxies".into()
        })),
        "{got:?}"
    );
    assert_eq!(
        form.history,
        vec!["read the logs of the proxies".to_string()]
    );
}

/// "Declare resolved" asks before it ends the session.
#[test]
fn declaring_resolved_asks_then_ends_the_session() {
    let sc = scenarios()
        .into_iter()
        .find(|s| s.id == "original-cert-expiry")
        .unwrap();
    let s = Session::new(sc, 1);
    let view = TraineeView::of(&s);
    let mut form = TraineeForm::default();
    let got = run_trainee(&view, &mut form, Some("Declare resolved"));
    assert!(got.is_empty(), "{got:?}");
    assert!(form.confirm_end);
    let got = run_trainee(&view, &mut form, Some("Resolved: end the session"));
    assert_eq!(
        got,
        vec![
            TraineeIntent::Command(Command::DeclareResolved),
            TraineeIntent::Command(Command::End)
        ]
    );
    assert!(!form.confirm_end);
}
