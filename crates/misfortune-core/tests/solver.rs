//! The solver finds the quickest harmless path, using timed and action-triggered injects.

use std::path::Path;

use misfortune_core::{SimTime, load_str};

fn minimal_with(old: &str, new: &str) -> misfortune_core::LoadedFile {
    minimal_with_all(&[(old, new)])
}

fn minimal_with_all(edits: &[(&str, &str)]) -> misfortune_core::LoadedFile {
    let mut src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.ron"),
    )
    .unwrap();
    for (old, new) in edits {
        assert!(src.contains(old), "{old}");
        src = src.replacen(old, new, 1);
    }
    load_str("t.ron", &src)
}

fn path(f: &misfortune_core::LoadedFile) -> Vec<String> {
    let sol = f
        .solution
        .as_ref()
        .unwrap_or_else(|| panic!("{:#?}", f.diagnostics));
    sol.steps.iter().map(|s| s.action.clone()).collect()
}

#[test]
fn harmful_shortcuts_are_never_taken() {
    let f = minimal_with(
        r#"effects: [WorsenImpact(2.0)], result: "It does not come back.""#,
        r#"effects: [WorsenImpact(2.0)], reveals: [Clue("wal")], result: "It does not come back.""#,
    );
    assert_eq!(path(&f), ["look", "logs", "grow"]);
}

#[test]
fn a_timed_inject_can_reveal_a_clue_instead_of_an_action() {
    let f = minimal_with(
        r#"Inject(id: "held", when: Held,"#,
        r#"Inject(id: "tip", when: At("1m"), effects: [Reveal(Clue("wal"))]),
        Inject(id: "held", when: Held,"#,
    );
    assert_eq!(path(&f), ["look", "grow"]);
    let sol = f.solution.unwrap();
    assert_eq!(
        sol.clues,
        vec![
            ("disk-full".to_string(), SimTime::from_mins(1)),
            ("wal".to_string(), SimTime::from_mins(1))
        ]
    );
    assert_eq!(sol.mitigated_at, SimTime::from_mins(4));
    assert_eq!(sol.solved_at, SimTime::from_mins(4));
}

#[test]
fn waiting_for_a_late_inject_is_chosen_only_when_it_is_quicker() {
    // The clue also arrives by itself at 20m, but reading the logs is quicker.
    let f = minimal_with(
        r#"Inject(id: "held", when: Held,"#,
        r#"Inject(id: "tip", when: At("20m"), effects: [Reveal(Clue("wal"))]),
        Inject(id: "held", when: Held,"#,
    );
    assert_eq!(path(&f), ["look", "logs", "grow"]);
}

#[test]
fn an_action_can_trigger_the_inject_that_reveals_a_clue() {
    let f = minimal_with(
        r#"requires: [Clue("disk-full")], reveals: [Logs("db-log"), Clue("wal")]"#,
        r#"requires: [Clue("disk-full")], reveals: [Logs("db-log")]"#,
    );
    assert!(
        f.solution.is_none(),
        "without a source for the clue the scenario is unsolvable"
    );
    let f = minimal_with_all(&[
        (
            r#"requires: [Clue("disk-full")], reveals: [Logs("db-log"), Clue("wal")]"#,
            r#"requires: [Clue("disk-full")], reveals: [Logs("db-log")]"#,
        ),
        (
            r#"Inject(id: "held", when: Held,"#,
            r#"Inject(id: "dba-answers", when: AfterAction(action: "page-dba", delay: "2m"), effects: [Reveal(Clue("wal"))]),
        Inject(id: "held", when: Held,"#,
        ),
    ]);
    let p = path(&f);
    assert!(p.contains(&"page-dba".to_string()), "{p:?}");
    assert!(!p.contains(&"logs".to_string()), "{p:?}");
}

#[test]
fn requirements_order_the_path() {
    let f = minimal_with(
        r#"requires: [Action("look")], mitigates: "1m""#,
        r#"requires: [Action("look"), Clue("wal")], mitigates: "1m""#,
    );
    assert_eq!(path(&f), ["look", "logs", "grow"]);
    let sol = f.solution.unwrap();
    assert_eq!(sol.steps[2].start, SimTime::from_mins(2));
}
