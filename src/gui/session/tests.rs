//! Headless tests of the session in the app: the clock, resume, and a whole session driven
//! through messages.

use std::time::Duration;

use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use misfortune_core::SimTime;
use misfortune_core::sim::PlayMode;

use super::*;

fn test_key() -> JournalKey {
    JournalKey::from_bytes([3; 32])
}

fn app_with_session(dir: &Path) -> App {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = misfortune_core::load_file(&root.join("scenarios/original-cert-expiry.ron"));
    let writer_dir = dir.to_path_buf();
    let sc = file.valid().unwrap().clone();
    let header = journal::header(&sc, &file.name, &file.source, 9, Mode::Solo, None);
    let rec = Recorder::new(
        Session::new(Arc::new(sc), 9),
        JournalWriter::create_in(&writer_dir, &header, &test_key()).unwrap(),
    )
    .unwrap();
    let session = ActiveSession::new(rec, SessionMode::Solo);
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
        100,
    )));
    app.init_state::<Screen>();
    app.add_systems(Update, clock::tick_clock.run_if(in_state(Screen::Session)));
    app.insert_resource(session);
    app
}

#[test]
fn the_clock_runs_only_on_the_session_screen_at_the_session_speed() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let mut app = app_with_session(&dir);
    for _ in 0..5 {
        app.update();
    }
    assert_eq!(
        app.world().resource::<ActiveSession>().rec.session().now(),
        SimTime::ZERO,
        "not on the session screen yet"
    );
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Session);
    app.update();
    let start = app.world().resource::<ActiveSession>().rec.session().now();
    app.world_mut()
        .resource_mut::<ActiveSession>()
        .apply(Actor::Gm, Command::Speed { factor: 30 });
    for _ in 0..20 {
        app.update();
    }
    let now = app.world().resource::<ActiveSession>().rec.session().now();
    // 20 frames of 100 ms at x30 is one simulated minute.
    assert_eq!(now - start, SimTime::from_secs(60), "{start} -> {now}");
    // The page at minute 1 fired and was journaled.
    let s = &app.world().resource::<ActiveSession>().rec;
    assert!(s.session().first_page().is_some());
    let journal = std::fs::read_to_string(s.path().unwrap()).unwrap();
    assert!(journal.contains("Checkout error rate"));
    // Paused: time stops.
    app.world_mut()
        .resource_mut::<ActiveSession>()
        .apply(Actor::Gm, Command::Pause);
    for _ in 0..10 {
        app.update();
    }
    assert_eq!(
        app.world().resource::<ActiveSession>().rec.session().now(),
        now
    );
}

#[test]
fn an_unfinished_session_resumes_paused_where_it_stopped() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let path = {
        let mut app = app_with_session(&dir);
        app.world_mut()
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Session);
        app.world_mut()
            .resource_mut::<ActiveSession>()
            .apply(Actor::Gm, Command::Speed { factor: 60 });
        for _ in 0..30 {
            app.update();
        }
        app.world_mut().resource_mut::<ActiveSession>().apply(
            Actor::Trainee,
            Command::Take {
                action: "checkout-logs".into(),
            },
        );
        app.world()
            .resource::<ActiveSession>()
            .rec
            .path()
            .unwrap()
            .to_path_buf()
        // The app is dropped here, as if it crashed.
    };
    let s = resume(&path, false, &test_key()).unwrap();
    assert!(s.rec.session().clock().paused);
    assert!(s.rec.session().is_taken("checkout-logs"));
    assert!(s.rec.session().now() >= SimTime::from_mins(2));
}

/// A whole session driven headless through messages: start, act, end, debrief.
#[test]
fn a_full_session_runs_headless_through_messages() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().to_path_buf();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = misfortune_core::load_file(&root.join("scenarios/original-cert-expiry.ron"));
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin));
    app.init_state::<Screen>();
    core_systems(&mut app);
    app.insert_resource(Keyring(test_key()));
    app.update();
    app.world_mut().write_message(StartSession::New {
        file: Box::new(file),
        mode: SessionMode::Solo,
        play: PlayMode::Guided,
        seed: 3,
        dir: Some(dir.clone()),
    });
    app.update();
    app.update();
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Session
    );
    let say = |app: &mut App, by: Actor, command: Command| {
        app.world_mut()
            .write_message(SessionCommand { by, command });
        app.update();
    };
    say(
        &mut app,
        Actor::Gm,
        Command::Jump {
            by: SimTime::from_mins(2),
        },
    );
    say(&mut app, Actor::Trainee, Command::Ack);
    say(
        &mut app,
        Actor::Trainee,
        Command::Take {
            action: "checkout-logs".into(),
        },
    );
    say(
        &mut app,
        Actor::Gm,
        Command::Jump {
            by: SimTime::from_mins(3),
        },
    );
    say(
        &mut app,
        Actor::Trainee,
        Command::Take {
            action: "rotate-cert".into(),
        },
    );
    say(
        &mut app,
        Actor::Trainee,
        Command::Diagnose {
            candidate: Some("cert-expired".into()),
            text: None,
        },
    );
    say(
        &mut app,
        Actor::Gm,
        Command::Jump {
            by: SimTime::from_mins(10),
        },
    );
    say(&mut app, Actor::Gm, Command::End);
    let s = &app.world().resource::<ActiveSession>().rec;
    assert!(s.session().is_ended());
    assert!(s.session().mitigated_at().is_some());
    let journal = s.path().unwrap().to_path_buf();
    app.world_mut().write_message(OpenDebrief);
    app.update();
    app.update();
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Debrief
    );
    let d = app.world().resource::<crate::gui::debrief::Debrief>();
    assert!(d.report.score.total > 50.0, "{}", d.report.score.total);
    // Everything went through the journal: it replays to the same score.
    let j = journal::Journal::read(&journal).unwrap();
    assert_eq!(
        misfortune_core::score::score(&j.replay().unwrap()).total,
        d.report.score.total
    );
}

/// The names typed where sessions start go into the journal: the trainee always, the game master
/// only for a session a game master runs.
#[test]
fn sessions_are_attributed_to_the_trainee_and_the_game_master() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = misfortune_core::load_file(&root.join("scenarios/original-cert-expiry.ron"));
    let header_of = |mode: SessionMode| {
        let dir = tmp_dir.path().join(format!("{mode:?}"));
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin));
        app.init_state::<Screen>();
        core_systems(&mut app);
        app.insert_resource(Keyring(test_key()));
        app.insert_resource(PlayChoice {
            guided: false,
            trainee: " Dana ".into(),
            game_master: "Sam".into(),
        });
        app.update();
        app.world_mut().write_message(StartSession::New {
            file: Box::new(file.clone()),
            mode,
            play: PlayMode::Recall,
            seed: 3,
            dir: Some(dir),
        });
        app.update();
        let s = app.world().resource::<ActiveSession>();
        journal::Journal::read(s.rec.path().unwrap())
            .unwrap()
            .header
    };
    let team = header_of(SessionMode::Team);
    assert_eq!(team.trainee.as_deref(), Some("Dana"));
    assert_eq!(team.game_master.as_deref(), Some("Sam"));
    assert_eq!(team.mode, Mode::Team);
    let solo = header_of(SessionMode::Solo);
    assert_eq!(solo.trainee.as_deref(), Some("Dana"));
    assert_eq!(solo.game_master, None, "the engine runs a solo session");
}
