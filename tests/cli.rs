//! The `misfortune` command line, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The program, with its journal key, sessions and config in a folder of this test run (never
/// the user's own).
fn program() -> Command {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let home = HOME.get_or_init(|| tempfile::tempdir().unwrap()).path();
    let mut c = Command::new(env!("CARGO_BIN_EXE_misfortune"));
    c.current_dir(root())
        .env("MISFORTUNE_KEY_FILE", home.join("journal.key"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("MISFORTUNE_SESSIONS_DIR");
    c
}

fn misfortune(args: &[&str]) -> Output {
    program().args(args).output().unwrap()
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
    let shipped = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron")
        })
        .count();
    assert_eq!(files.len(), 1 + shipped);
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

fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("misfortune-cli-{name}-"))
        .tempdir()
        .unwrap()
}

fn only_journal(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_persona_plays_to_the_end_and_the_journal_scores_the_same() {
    let tmp_dir = temp_dir("persona");
    let dir = tmp_dir.path();
    let d = dir.display().to_string();
    let out = misfortune(&[
        "play",
        "--headless",
        "scenarios/cloudflare-2019-waf-regex.ron",
        "--persona",
        "expert",
        "--seed",
        "7",
        "--json",
        "--sessions-dir",
        &d,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let played: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(played["total"].as_f64().unwrap() >= 85.0);
    let journal = only_journal(dir);
    assert_eq!(played["journal"], journal.display().to_string());
    let j = journal.display().to_string();
    let scored: serde_json::Value =
        serde_json::from_slice(&misfortune(&["score", &j, "--json"]).stdout).unwrap();
    assert_eq!(scored["total"], played["total"]);
    assert_eq!(scored["parts"], played["parts"]);

    let report = dir.join("debrief.md");
    let r = report.display().to_string();
    assert!(misfortune(&["report", &j, "-o", &r]).status.success());
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(md.starts_with("# Postmortem draft: Every edge CPU at 100%"));
    let again = misfortune(&["report", &j, "-o", &r]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "never overwrites without --force"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(
        misfortune(&["report", &j, "-o", &r, "--force", "--format", "json"])
            .status
            .success()
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["scenario_id"], "cloudflare-2019-waf-regex");
}

#[test]
fn a_script_drives_a_session() {
    let tmp_dir = temp_dir("script");
    let dir = tmp_dir.path();
    let script = dir.join("play.txt");
    std::fs::write(&script, "# a short run\n3m ack\n3m take open-proxy-health\n4m take read-waf-logs\n6m diagnose regex\n6m end\n").unwrap();
    let d = dir.display().to_string();
    let out = misfortune(&[
        "play",
        "--headless",
        "scenarios/cloudflare-2019-waf-regex.ron",
        "--script",
        &script.display().to_string(),
        "--seed",
        "1",
        "--sessions-dir",
        &d,
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Right, but diagnosed with one of the two key findings in hand: not full credit.
    assert!(
        stdout.contains("you chose the right root cause, but with 1 of the 2 key findings"),
        "{stdout}"
    );

    std::fs::write(&script, "3m ack\n2m take x\n").unwrap();
    let out = misfortune(&[
        "play",
        "--headless",
        "scenarios/cloudflare-2019-waf-regex.ron",
        "--script",
        &script.display().to_string(),
        "--sessions-dir",
        &d,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("{}:2:1:", script.display())),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_killed_session_resumes_from_its_journal() {
    use std::io::Write;
    let tmp_dir = temp_dir("kill");
    let dir = tmp_dir.path();
    let mut child = program()
        .args([
            "play",
            "--headless",
            "scenarios/cloudflare-2019-waf-regex.ron",
            "--seed",
            "11",
            "--sessions-dir",
            &dir.display().to_string(),
        ])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"wait 3m\nack\ntake open-proxy-health\n")
        .unwrap();
    stdin.flush().unwrap();
    // Wait until the last command is on disk, then kill the session without warning.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let journal = loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                std::fs::read_to_string(p)
                    .is_ok_and(|t| t.contains("\"action\":\"open-proxy-health\""))
            });
        if let Some(p) = found {
            break p;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the journal never recorded the command"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().unwrap();
    let _ = child.wait();
    drop(stdin);
    let j = journal.display().to_string();
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.contains("\"cmd\":\"ack\""));
    assert!(!text.contains("\"type\":\"end\""));

    let out = misfortune(&["resume", &j, "--persona", "expert", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let resumed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(resumed["total"].as_f64().unwrap() > 50.0);
    let scored: serde_json::Value =
        serde_json::from_slice(&misfortune(&["score", &j, "--json"]).stdout).unwrap();
    assert_eq!(scored["total"], resumed["total"]);
    // The commands from before the kill are still in the journal, once.
    let text = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(text.matches("\"action\":\"open-proxy-health\"").count(), 1);
    let again = misfortune(&["resume", &j]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already ended"));
}

#[test]
fn foreign_files_are_refused_by_score_and_report() {
    let tmp_dir = temp_dir("foreign");
    let dir = tmp_dir.path();
    let f = dir.join("x.jsonl");
    std::fs::write(&f, "not a journal\n").unwrap();
    let p = f.display().to_string();
    for cmd in [vec!["score", &p], vec!["report", &p], vec!["resume", &p]] {
        let out = misfortune(&cmd);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("not a Misfortune journal"),
            "{cmd:?}"
        );
    }
}

#[test]
fn new_and_import_write_skeletons_that_validate_names_todos() {
    let tmp_dir = temp_dir("author");
    let dir = tmp_dir.path();
    let out = dir.join("pm.ron");
    let o = out.display().to_string();
    let md = fixture("postmortems/atlassian-style.md");
    let r = misfortune(&["import", &md, "-o", &o]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("TODOs to fill in"));
    let v = misfortune(&["validate", "--json", &o]);
    let json: serde_json::Value = serde_json::from_slice(&v.stdout).unwrap();
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty() && diags.iter().all(|d| d["code"] == "todo"));
    // Never over an existing file without --force.
    let again = misfortune(&["import", &md, "-o", &o]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(
        misfortune(&["import", &md, "-o", &o, "--force"])
            .status
            .success()
    );

    let wheel = dir.join("general_incidents.json");
    std::fs::write(&wheel, r#"[{"ID": "1", "title": "Incident 1", "scenario": "You received alerts that your MySQL master does not accept writes..."}, {"ID": "2", "title": "Incident 2", "scenario": "Your load balancer is down..."}]"#).unwrap();
    let stubs = dir.join("stubs");
    std::fs::create_dir_all(&stubs).unwrap();
    assert!(
        misfortune(&[
            "import",
            &wheel.display().to_string(),
            "-o",
            &stubs.display().to_string()
        ])
        .status
        .success()
    );
    assert!(stubs.join("1-incident-1.ron").exists() && stubs.join("2-incident-2.ron").exists());

    let scaffold = dir.join("fresh.ron");
    assert!(
        misfortune(&["new", "fresh", "-o", &scaffold.display().to_string()])
            .status
            .success()
    );
    assert!(
        std::fs::read_to_string(&scaffold)
            .unwrap()
            .contains("id: \"fresh\"")
    );
    let bad = misfortune(&[
        "import",
        &fixture("postmortems/not-a-postmortem.md"),
        "-o",
        &dir.join("x.ron").display().to_string(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("found no postmortem sections"));
}

#[test]
fn match_says_what_a_typed_line_matches() {
    let out = misfortune(&[
        "match",
        "scenarios/original-cert-expiry.ron",
        "read the checkout logs",
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("matched: checkout-logs"), "{stdout}");
    assert!(stdout.contains("decided by:"), "{stdout}");
    let out = misfortune(&[
        "match",
        "scenarios/original-cert-expiry.ron",
        "open the dashboard",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "ambiguous");
    let out = misfortune(&["match", "scenarios/original-cert-expiry.ron", "order pizza"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("no match"));
}

#[test]
fn scripts_play_the_game_master_only_with_as_gm() {
    let tmp_dir = temp_dir("as-gm");
    let dir = tmp_dir.path();
    let script = dir.join("gm.txt");
    std::fs::write(
        &script,
        "1m ack\n2m reveal clue x509-expired\n3m do read the checkout logs\n",
    )
    .unwrap();
    let args = |extra: &[&str]| {
        let mut a = vec![
            "play".to_string(),
            "--headless".into(),
            "scenarios/original-cert-expiry.ron".into(),
            "--script".into(),
            script.display().to_string(),
            "--sessions-dir".into(),
            dir.display().to_string(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let refused = program().args(args(&[])).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("--as-gm"), "{err}");
    let played = program().args(args(&["--as-gm"])).output().unwrap();
    assert!(
        played.status.success(),
        "{}",
        String::from_utf8_lossy(&played.stderr)
    );
    let journal = only_journal(dir);
    let text = std::fs::read_to_string(journal).unwrap();
    assert!(text.contains("\"cmd\":\"do\",\"text\":\"read the checkout logs\""));
    assert!(text.contains("matched `checkout-logs`"));
}

#[test]
fn lint_passes_the_shipped_scenarios_and_fails_a_spoiling_one() {
    let out = misfortune(&["lint", "--deny-warnings", "scenarios"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 lint warning(s)"), "{stdout}");

    // The same scenario with a title that names the cause: a warning at its line, which fails
    // only with --deny-warnings.
    let tmp_dir = temp_dir("lint");
    let file = tmp_dir.path().join("spoiler.ron");
    let src = std::fs::read_to_string(root().join("scenarios/original-cert-expiry.ron")).unwrap();
    let src = src.replace(
        "title: \"Payments fail at midnight\"",
        "title: \"The certificate expired\"",
    );
    std::fs::write(&file, &src).unwrap();
    let f = file.display().to_string();
    let out = misfortune(&["lint", &f]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = src.lines().position(|l| l.contains("title:")).unwrap() + 1;
    assert!(stderr.contains(&format!("{f}:{line}:")), "{stderr}");
    assert!(stderr.contains("cause-in-title"), "{stderr}");
    let out = misfortune(&["lint", "--deny-warnings", "--json", &f]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["files"][0]["diagnostics"][0]["code"], "cause-in-title");
    assert_eq!(json["files"][0]["diagnostics"][0]["line"], line);
}

#[test]
fn view_commands_in_a_script_print_what_the_trainee_saw() {
    let tmp_dir = temp_dir("views");
    let dir = tmp_dir.path();
    let script = dir.join("views.txt");
    std::fs::write(
        &script,
        "6m do check disk usage\n7m status\n8m do read the postgres log\n11m logs db-log 3\n12m changes\n13m end\n",
    )
    .unwrap();
    let out = misfortune(&[
        "play",
        "--headless",
        "scenarios/original-log-flood-disk-full.ron",
        "--script",
        &script.display().to_string(),
        "--seed",
        "3",
        "--sessions-dir",
        &dir.display().to_string(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Each view is headed by the time of day it was taken at, and shows that moment.
    assert!(stdout.contains("[09:07:00] status"), "{stdout}");
    assert!(stdout.contains("[09:11:00] logs db-log 3"), "{stdout}");
    assert!(stdout.contains("No space left on device"), "{stdout}");
    assert!(stdout.contains("yesterday 16:40"), "{stdout}");
    assert!(stdout.contains("log_level info -> debug"), "{stdout}");
    // Views are not commands: the journal holds the three commands only.
    let journal = std::fs::read_to_string(only_journal(dir)).unwrap();
    assert!(!journal.contains("\"changes\""), "{journal}");
}

#[test]
fn import_builds_the_game_and_says_what_it_built() {
    let tmp_dir = temp_dir("import-game");
    let out = tmp_dir.path().join("waf.ron");
    let o = out.display().to_string();
    let run = misfortune(&[
        "import",
        "crates/misfortune-core/tests/fixtures/corpus/blog-waf-cpu.md",
        "-o",
        &o,
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // The timeline around minute 0 (the page at 13:45), and the game's parts with their sources.
    assert!(stdout.contains("      -3m  Trigger"), "{stdout}");
    assert!(
        stdout.contains("wrong theories            1  an attack"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the fix                   1  Global WAF kill executed"),
        "{stdout}"
    );
    // The usual suspects it does not point at, and a harmful move, are assumed and said so.
    assert!(
        stdout.contains("usual suspects (assumed)  2  database; upstream"),
        "{stdout}"
    );
    assert!(stdout.contains("harmful move (assumed)    1"), "{stdout}");
    assert!(stdout.contains("lint (with the TODOs written)"), "{stdout}");
    let ron = std::fs::read_to_string(&out).unwrap();
    assert!(ron.contains("starts_at: Some(\"13:45\")"), "{ron}");
    assert!(ron.contains("gm_note: \"From the document: Global WAF kill executed\""));
    // Minute 0 elsewhere.
    let run = misfortune(&[
        "import",
        "crates/misfortune-core/tests/fixtures/corpus/blog-waf-cpu.md",
        "-o",
        &o,
        "--force",
        "--zero",
        "trigger",
    ]);
    assert!(run.status.success());
    assert!(!String::from_utf8_lossy(&run.stdout).contains("-3m  Trigger"));

    let t = tmp_dir.path().join("deploy.ron");
    let run = misfortune(&[
        "new",
        "deploy",
        "--template",
        "bad-deploy",
        "-o",
        &t.display().to_string(),
    ]);
    assert!(run.status.success());
    assert!(
        std::fs::read_to_string(&t)
            .unwrap()
            .contains("Roll back the release")
    );
    let run = misfortune(&["new", "x", "--template", "nonsense", "-o", &o, "--force"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("the templates are bad-deploy"));
}
