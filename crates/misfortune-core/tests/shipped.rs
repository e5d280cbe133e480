//! Every scenario shipped under `scenarios/` is valid, warning-free and solvable.

use std::path::Path;

use misfortune_core::load_all;

#[test]
fn every_shipped_scenario_is_valid_and_solvable() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, problems) = load_all(&[dir]);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(files.len() >= 2, "at least two scenarios ship");
    for f in &files {
        assert!(
            f.diagnostics.is_empty(),
            "{}:\n{}",
            f.name,
            misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false)
        );
        let sc = f.scenario.as_ref().unwrap();
        let sol = f
            .solution
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no solution", f.name));
        assert!(sol.solved_at <= sc.duration);
        assert!(!sol.steps.is_empty());
        // The path uses no harmful action and ends with the impact over.
        for s in &sol.steps {
            assert!(
                !sc.action(&s.action).unwrap().harmful,
                "{}: {}",
                f.name,
                s.action
            );
        }
        assert!(sol.mitigated_at <= sol.solved_at);
    }
}

#[test]
fn the_library_covers_real_incidents_originals_and_every_difficulty() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, _) = load_all(&[dir]);
    let scenarios: Vec<_> = files.iter().filter_map(|f| f.scenario.as_ref()).collect();
    let real = scenarios.iter().filter(|s| s.based_on.is_some()).count();
    let original = scenarios
        .iter()
        .filter(|s| s.based_on.is_none() && s.tags.iter().any(|t| t == "original"))
        .count();
    assert!(real >= 9, "{real} scenarios from real incidents");
    assert!(original >= 3, "{original} original scenarios");
    for d in 1..=5 {
        assert!(
            scenarios.iter().any(|s| s.difficulty == d),
            "no scenario of difficulty {d}"
        );
    }
    // Long incidents are playable in a training hour: they declare phases.
    for s in &scenarios {
        if s.duration > misfortune_core::SimTime::from_mins(240) {
            assert!(
                !s.phases.is_empty(),
                "{} lasts {} with no phases",
                s.id,
                s.duration
            );
        }
    }
}

#[test]
fn the_annotated_example_in_the_format_reference_is_valid() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/scenario-format.md"),
    )
    .unwrap();
    let start = doc.find("```ron\n").expect("a ron example") + "```ron\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let f = misfortune_core::load_str("docs/scenario-format.md", &doc[start..end]);
    assert!(
        f.diagnostics.is_empty(),
        "{}",
        misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false)
    );
    assert_eq!(
        f.solution.unwrap().solved_at,
        misfortune_core::SimTime::from_mins(5)
    );
}

/// A wrong candidate typed word for word as a free-text diagnosis earns nothing: free text is
/// matched on whole words and stems, with negative keywords, never substrings.
#[test]
fn wrong_candidates_typed_as_free_text_are_not_credited() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, _) = load_all(&[dir]);
    let mut credited = Vec::new();
    for f in &files {
        let sc = f.valid().unwrap();
        let rc = &sc.root_cause;
        for c in rc.candidates.iter().filter(|c| c.id != rc.answer) {
            let (q, why) = misfortune_core::score::diagnosis_quality(sc, None, Some(&c.text));
            if q > 0.0 {
                credited.push(format!("{}: \"{}\": {why}", sc.id, c.text));
            }
        }
    }
    assert!(credited.is_empty(), "{credited:#?}");
}
