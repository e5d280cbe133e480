//! The `misfortune` command line, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn misfortune(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_misfortune"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    Path::new("crates/misfortune-core/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn validate_accepts_the_shipped_scenarios() {
    let out = misfortune(&["validate", "scenarios", "--deny-warnings"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 error(s), 0 warning(s)"), "{stdout}");
}

#[test]
fn validate_fails_with_a_compiler_style_error() {
    let file = fixture("invalid/unknown-service.ron");
    let out = misfortune(&["validate", &file]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{file}:15:")), "{stderr}");
    assert!(stderr.contains("unknown service `dbb`"), "{stderr}");
    assert!(
        stderr.contains(r#"Service(id: "api", name: "API", depends_on: ["dbb"]),"#),
        "{stderr}"
    );
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let file = fixture("invalid/reveals-nothing.ron");
    assert!(misfortune(&["validate", &file]).status.success());
    assert_eq!(
        misfortune(&["validate", &file, "--deny-warnings"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn json_output_is_machine_readable() {
    let file = fixture("invalid/beyond-end.ron");
    let out = misfortune(&["validate", "--json", &file, "scenarios"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    let bad = files.iter().find(|f| f["file"] == file.as_str()).unwrap();
    assert_eq!(bad["valid"], false);
    let d = &bad["diagnostics"][0];
    assert_eq!(d["code"], "beyond-end");
    assert!(d["line"].as_u64().unwrap() > 0 && d["column"].as_u64().unwrap() > 0);
    let good = files
        .iter()
        .find(|f| f["id"] == "cloudflare-2019-waf-regex")
        .unwrap();
    assert!(good["solution"]["steps"].as_array().unwrap().len() >= 2);
}

#[test]
fn explain_prints_the_shortest_solving_path() {
    let out = misfortune(&["validate", "--explain", &fixture("minimal.ron")]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("shortest solving path: 3 action(s), solved at 5m"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[00:00 -> 01:00] Open the database dashboard (look)"),
        "{stdout}"
    );
}

#[test]
fn missing_files_are_an_error() {
    let out = misfortune(&["validate", "no/such/place.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder"));
}
