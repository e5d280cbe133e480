//! On every shipped scenario the scripted personas keep their order: expert > methodical >
//! guesser > idle, harmful and the label reader below methodical; and their bounds: expert >= 85,
//! methodical >= 70, harmful <= 50 (harm costs), label reader and shotgun <= 30, guesser <= 20,
//! idle <= 5. In recall mode (the default) and in guided mode.

use std::path::Path;
use std::sync::Arc;

use misfortune_core::journal::Recorder;
use misfortune_core::personas::{self, Persona};
use misfortune_core::sim::PlayMode;
use misfortune_core::{Session, load_all, score};

fn shipped() -> Vec<misfortune_core::Scenario> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, _) = load_all(&[dir]);
    files
        .into_iter()
        .map(|f| f.scenario.expect("valid"))
        .collect()
}

fn play(
    sc: &Arc<misfortune_core::Scenario>,
    p: Persona,
    seed: u64,
    mode: PlayMode,
) -> score::Score {
    let mut rec = Recorder::unjournaled(Session::with_mode(sc.clone(), seed, mode));
    personas::play(&mut rec, p).unwrap();
    assert!(rec.session().is_ended());
    score::score(rec.session())
}

#[test]
fn persona_order_holds_on_every_shipped_scenario_in_recall_mode() {
    order_holds(PlayMode::Recall);
}

#[test]
fn persona_order_holds_on_every_shipped_scenario_in_guided_mode() {
    order_holds(PlayMode::Guided);
}

fn order_holds(mode: PlayMode) {
    for sc in shipped() {
        let sc = Arc::new(sc);
        let s: Vec<(Persona, score::Score)> = personas::ALL
            .iter()
            .map(|&p| (p, play(&sc, p, 7, mode)))
            .collect();
        let total = |p: Persona| s.iter().find(|x| x.0 == p).unwrap().1.total;
        let table: Vec<String> = s
            .iter()
            .map(|(p, sc)| format!("{}={}", p.name(), sc.total))
            .collect();
        eprintln!("{}: {}", sc.id, table.join(" "));
        let (e, m, g, h, i) = (
            total(Persona::Expert),
            total(Persona::Methodical),
            total(Persona::Guesser),
            total(Persona::Harmful),
            total(Persona::Idle),
        );
        let (l, sh) = (total(Persona::LabelReader), total(Persona::Shotgun));
        let t = table.join(" ");
        assert!(e >= 85.0, "{}: expert {e}\n{:#?}", sc.id, s[0].1);
        assert!(m >= 70.0, "{}: {t}", sc.id);
        assert!(i <= 5.0, "{}: {t}", sc.id);
        assert!(g <= 20.0, "{}: {t}", sc.id);
        assert!(h <= 50.0, "{}: {t}", sc.id);
        assert!(sh <= 30.0, "{}: {t}", sc.id);
        assert!(l <= 30.0, "{}: {t}", sc.id);
        assert!(e > m && m > g && g > i, "{}: {t}", sc.id);
        assert!(h < m && l < m, "{}: {t}", sc.id);
    }
}
