//! The trainee view never holds hidden text: for every shipped scenario, at every step of several
//! plays, no hidden text appears anywhere in the serialised trainee view.

use std::path::Path;
use std::sync::Arc;

use misfortune_core::journal::Recorder;
use misfortune_core::model::*;
use misfortune_core::personas::{self, Persona};
use misfortune_core::view::TraineeView;
use misfortune_core::{Session, load_all};

/// Every piece of text the trainee must not see at this point of the session.
fn hidden(s: &Session) -> Vec<String> {
    let sc = s.scenario();
    let mut h: Vec<String> = Vec::new();
    let rc = &sc.root_cause;
    h.push(rc.statement.clone());
    h.push(rc.trigger.clone());
    h.extend(rc.contributing_factors.iter().cloned());
    h.extend(sc.gm_notes.iter().cloned());
    h.extend(sc.injects.iter().filter_map(|i| i.gm_note.clone()));
    h.extend(sc.actions.iter().filter_map(|a| a.gm_note.clone()));
    h.extend(sc.recorded.timeline.iter().map(|e| e.text.clone()));
    let d = &sc.debrief;
    for list in [
        &d.went_wrong,
        &d.went_right,
        &d.lucky,
        &d.unlucky,
        &d.prevention,
    ] {
        h.extend(list.iter().cloned());
    }
    h.extend(d.action_items.iter().map(|a| a.text.clone()));
    h.extend(
        sc.clues
            .iter()
            .filter(|c| !s.is_revealed(&Reveal::Clue(c.id.clone())))
            .map(|c| c.text.clone()),
    );
    h.extend(
        sc.actions
            .iter()
            .filter(|a| !s.taken().iter().any(|t| t.action == a.id && t.done))
            .filter_map(|a| a.result.clone()),
    );
    for inj in sc.injects.iter().filter(|i| !s.has_fired(&i.id)) {
        for e in &inj.effects {
            match e {
                Effect::Message { text, .. } | Effect::Log { text, .. } => h.push(text.clone()),
                _ => {}
            }
        }
    }
    h.extend(
        sc.hints
            .iter()
            .skip(s.hints_given().len())
            .map(|x| x.text.clone()),
    );
    h.extend(
        sc.phases
            .iter()
            .enumerate()
            .filter(|(i, _)| !s.phases_passed().contains(i))
            .map(|(_, p)| p.summary.clone()),
    );
    // Short strings could collide with ordinary words; every hidden text we ship is longer.
    h.retain(|t| t.len() >= 16);
    h
}

fn json_escaped(s: &str) -> String {
    let j = serde_json::to_string(s).unwrap();
    j[1..j.len() - 1].to_string()
}

#[test]
fn no_hidden_text_reaches_the_trainee_view() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, _) = load_all(&[dir]);
    let mut checks = 0usize;
    for f in files {
        let sc = Arc::new(f.scenario.unwrap());
        for persona in [
            Persona::Expert,
            Persona::Methodical,
            Persona::Guesser,
            Persona::Harmful,
        ] {
            let mut rec = Recorder::unjournaled(Session::new(sc.clone(), 11));
            let mut step = 0u64;
            let mut seen_feed = 0usize;
            personas::play_observed(&mut rec, persona, |s| {
                step += 1;
                // At every step where something new happened, every five simulated minutes, and
                // at the end.
                let news = s.feed().len() != seen_feed;
                seen_feed = s.feed().len();
                if !news && !step.is_multiple_of(300) && !s.is_ended() {
                    return;
                }
                let view = serde_json::to_string(&TraineeView::of(s)).unwrap();
                for text in hidden(s) {
                    assert!(
                        !view.contains(&json_escaped(&text)),
                        "{} ({}) at {}: hidden text in the trainee view: {text:?}",
                        sc.id,
                        persona.name(),
                        s.now()
                    );
                }
                checks += 1;
            })
            .unwrap();
        }
    }
    assert!(checks > 100, "only {checks} views checked");
}

#[test]
fn the_check_would_catch_a_leak() {
    // The same check on the game master's view finds the hidden root cause at once.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, _) = load_all(&[dir]);
    let sc = Arc::new(files[0].scenario.clone().unwrap());
    let s = Session::new(sc.clone(), 1);
    let gm = serde_json::to_string(&misfortune_core::view::GmView::of(&s)).unwrap();
    assert!(hidden(&s).iter().any(|t| gm.contains(&json_escaped(t))));
}
