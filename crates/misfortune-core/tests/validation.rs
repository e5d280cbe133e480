//! Every validation error class has a fixture under `tests/fixtures/invalid/`, whose first line
//! says what must be reported: `// expect: CODE LINE:COL message fragment` (`END` for the end of
//! the file). Each fixture breaks `tests/fixtures/minimal.ron` in exactly one way.

use std::path::{Path, PathBuf};

use misfortune_core::{Level, load_all, load_bytes, load_file, load_str, spans};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn the_minimal_fixture_is_valid_and_clean() {
    let f = load_file(&fixtures().join("minimal.ron"));
    assert!(f.diagnostics.is_empty(), "{:#?}", f.diagnostics);
    let sol = f.solution.expect("solvable");
    assert_eq!(
        sol.steps
            .iter()
            .map(|s| s.action.as_str())
            .collect::<Vec<_>>(),
        ["look", "logs", "grow"]
    );
}

#[test]
fn every_invalid_fixture_reports_its_problem_at_its_place() {
    let mut dir: Vec<_> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dir.sort();
    assert!(dir.len() >= 30, "fixtures missing");
    let mut failures = Vec::new();
    for path in dir {
        let src = std::fs::read_to_string(&path).unwrap();
        let header = src
            .lines()
            .next()
            .unwrap()
            .strip_prefix("// expect: ")
            .expect("expect header");
        let mut parts = header.splitn(3, ' ');
        let (code, place, message) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let (line, col) = if place == "END" {
            spans::line_col(&src, src.len())
        } else {
            let (l, c) = place.split_once(':').unwrap();
            (l.parse().unwrap(), c.parse().unwrap())
        };
        let f = load_file(&path);
        let hit = f.diagnostics.iter().find(|d| {
            d.code == code && d.line == line && d.column == col && d.message.contains(message)
        });
        match hit {
            Some(d) => {
                assert_eq!(d.file, path.display().to_string());
                let must_fail = !matches!(code, "reveals-nothing" | "never-fires");
                assert_eq!(
                    d.level == Level::Error,
                    must_fail,
                    "{}: level of {code}",
                    path.display()
                );
                if must_fail {
                    assert!(
                        f.valid().is_none(),
                        "{} should not validate",
                        path.display()
                    );
                }
            }
            None => failures.push(format!(
                "{}: expected {code} at {line}:{col} containing {message:?}; got:\n{}",
                path.display(),
                f.diagnostics
                    .iter()
                    .map(|d| format!("    {d}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn unknown_references_suggest_the_nearest_id_and_list_the_known_ones() {
    let f = load_file(&fixtures().join("invalid/unknown-service.ron"));
    let d = f
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-service")
        .unwrap();
    assert_eq!(d.help.as_deref(), Some("did you mean `db`?"));
    assert!(
        d.expected.as_deref().unwrap().contains("`api`, `db`"),
        "{:?}",
        d.expected
    );
    assert_eq!(d.found.as_deref(), Some("`dbb`"));
    assert_eq!(d.path.as_deref(), Some("services[0].depends_on[0]"));
}

#[test]
fn unknown_fields_list_the_expected_ones() {
    let f = load_file(&fixtures().join("invalid/unknown-field.ron"));
    let d = &f.diagnostics[0];
    assert!(d.expected.as_deref().unwrap().contains("`tags`"), "{d:?}");
}

#[test]
fn rendered_diagnostics_show_file_line_column_and_the_source_line() {
    let path = fixtures().join("invalid/unknown-metric.ron");
    let f = load_file(&path);
    let text = misfortune_core::diagnostic::render(&f.diagnostics, &f.source, false);
    let d = &f.diagnostics[0];
    assert!(
        text.contains(&format!("{}:{}:{}", path.display(), d.line, d.column)),
        "{text}"
    );
    assert!(
        text.contains(
            r#"Dashboard(id: "db-dash", title: "Database", metrics: ["disk", "errrors"])"#
        ),
        "{text}"
    );
    assert!(text.contains("unknown metric `errrors`"), "{text}");
    assert!(text.contains("did you mean `errors`?"), "{text}");
}

#[test]
fn diagnostics_serialise_to_json_with_their_position() {
    let f = load_file(&fixtures().join("invalid/unknown-persona.ron"));
    let json = serde_json::to_value(&f.diagnostics).unwrap();
    let d = &json[0];
    assert_eq!(d["code"], "unknown-persona");
    assert_eq!(d["level"], "error");
    assert!(d["line"].as_u64().unwrap() > 1);
    assert!(d["column"].as_u64().unwrap() > 1);
}

#[test]
fn empty_binary_non_utf8_and_oversized_inputs_are_refused_cleanly() {
    let empty = load_bytes("empty.ron", b"  \n\t ");
    assert_eq!(empty.diagnostics[0].code, "empty-file");
    let binary = load_bytes("x.ron", b"Scenario(\x00\x01\x02");
    assert_eq!(binary.diagnostics[0].code, "binary-file");
    assert_eq!(
        (binary.diagnostics[0].line, binary.diagnostics[0].column),
        (1, 10)
    );
    let latin1 = load_bytes("x.ron", b"Scenario(\n  title: \"caf\xe9\"");
    assert_eq!(latin1.diagnostics[0].code, "not-utf8");
    assert_eq!(latin1.diagnostics[0].line, 2);
    let huge = vec![b' '; (misfortune_core::load::MAX_SCENARIO_BYTES + 1) as usize];
    assert_eq!(
        load_bytes("big.ron", &huge).diagnostics[0].code,
        "too-large"
    );
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.ron");
    std::fs::write(&big, &huge).unwrap();
    assert_eq!(load_file(&big).diagnostics[0].code, "too-large");
}

#[test]
fn every_prefix_of_a_valid_file_fails_cleanly() {
    let src = std::fs::read_to_string(fixtures().join("minimal.ron")).unwrap();
    let mut cuts: Vec<usize> = (0..src.len())
        .step_by(7)
        .filter(|&i| src.is_char_boundary(i))
        .collect();
    cuts.push(src.len() - 2);
    for cut in cuts {
        let f = load_str("cut.ron", &src[..cut]);
        assert!(f.errors() > 0, "a file cut at {cut} must not validate");
        for d in &f.diagnostics {
            assert!(d.line >= 1 && d.column >= 1 && d.span.0 <= cut, "{d:?}");
        }
    }
}

#[test]
fn duplicate_scenario_ids_across_files_are_reported() {
    let tmp_dir = tempfile::tempdir().unwrap();
    let dir = tmp_dir.path().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string(fixtures().join("minimal.ron")).unwrap();
    std::fs::write(dir.join("a.ron"), &src).unwrap();
    std::fs::write(dir.join("b.ron"), &src).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a scenario").unwrap();
    let (files, problems) = load_all(std::slice::from_ref(&dir));
    assert!(problems.is_empty());
    assert_eq!(files.len(), 2, "only .ron files are loaded");
    assert!(files[0].diagnostics.is_empty());
    let d = files[1]
        .diagnostics
        .iter()
        .find(|d| d.code == "duplicate-scenario-id")
        .expect("duplicate reported");
    assert_eq!((d.line, d.column), (3, 9));
    assert!(d.message.contains("a.ron"));
}

#[test]
fn missing_paths_are_reported() {
    let (files, problems) = load_all(&[PathBuf::from("/nonexistent/scenarios")]);
    assert!(files.is_empty());
    assert_eq!(problems[0].code, "not-found");
}
