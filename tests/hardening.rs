//! The reliability and security trial's findings, reproduced through the command line as a user
//! (or an attacker) would meet them. Each test failed on the code before the fix.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The program with its key, config and data in a folder of this test (never the user's own).
struct Cli {
    home: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn dir(&self) -> &Path {
        self.home.path()
    }

    fn sessions(&self) -> PathBuf {
        self.dir().join("sessions")
    }

    fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_misfortune"));
        c.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("MISFORTUNE_KEY_FILE", self.dir().join("journal.key"))
            .env("XDG_CONFIG_HOME", self.dir().join("config"))
            .env("XDG_DATA_HOME", self.dir().join("data"))
            .env("MISFORTUNE_SESSIONS_DIR", self.sessions());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// A finished persona session; its journal.
    fn played(&self, persona: &str, seed: &str) -> PathBuf {
        let out = self.run(&[
            "play",
            "--headless",
            "scenarios/original-cert-expiry.ron",
            "--persona",
            persona,
            "--seed",
            seed,
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        self.journals().pop().unwrap()
    }

    fn journals(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(self.sessions())
            .map(|d| {
                d.map(|e| e.unwrap().path())
                    .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Finding 1: two resumes of one journal at once. The second is refused, naming the first.
#[test]
fn a_second_writer_is_refused_and_the_session_survives() {
    let cli = Cli::new();
    // An interactive session holds the journal open.
    let mut first = cli
        .command()
        .args([
            "play",
            "--headless",
            "scenarios/original-cert-expiry.ron",
            "--seed",
            "2",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut tries = 0;
    while cli.journals().is_empty() && tries < 200 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        tries += 1;
    }
    let journal = cli.journals().pop().expect("the first session's journal");
    let second = cli.run(&["resume", &s(&journal), "--persona", "expert"]);
    assert!(!second.status.success());
    let err = text(&second.stderr);
    assert!(err.contains("open in another window"), "{err}");
    assert!(err.contains(&format!("pid {}", first.id())), "{err}");
    let _ = first.kill();
    let _ = first.wait();
    // Once the first is gone the journal is whole, and resumes to the end.
    let resumed = cli.run(&["resume", &s(&journal), "--persona", "expert", "--json"]);
    assert!(resumed.status.success(), "{}", text(&resumed.stderr));
    let score = cli.run(&["score", &s(&journal), "--json"]);
    assert!(score.status.success(), "{}", text(&score.stderr));
}

/// Finding 2: outputs written through planted links, and `--force` over devices.
#[cfg(unix)]
#[test]
fn reports_never_write_through_links_or_over_devices() {
    let cli = Cli::new();
    let journal = cli.played("expert", "1");
    let out_dir = cli.dir().join("shared-out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let victim = cli.dir().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // Links planted for the temporary names the old code used (`.NAME.tmp-PID`).
    for pid in 1..3000u32 {
        let _ = std::os::unix::fs::symlink(&victim, out_dir.join(format!(".debrief.md.tmp-{pid}")));
    }
    let target = out_dir.join("debrief.md");
    let out = cli.run(&["report", &s(&journal), "-o", &s(&target)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Postmortem draft")
    );
    // --force onto a link or a device is refused, and says why.
    let link = out_dir.join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let out = cli.run(&["report", &s(&journal), "-o", &s(&link), "--force"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    let out = cli.run(&["report", &s(&journal), "-o", "/dev/null", "--force"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("device"),
        "{}",
        text(&out.stderr)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

/// Finding 3: unbounded imports.
#[cfg(unix)]
#[test]
fn import_refuses_devices_huge_files_and_binary_text() {
    let cli = Cli::new();
    let out_dir = cli.dir().join("imported");
    let o = s(&out_dir);
    let zero = cli.run(&["import", "/dev/zero", "-o", &o]);
    assert!(!zero.status.success());
    assert!(
        text(&zero.stderr).contains("not a regular file"),
        "{}",
        text(&zero.stderr)
    );
    let big = cli.dir().join("big.md");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let out = cli.run(&["import", &s(&big), "-o", &o]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("limited to"),
        "{}",
        text(&out.stderr)
    );
    let nul = cli.dir().join("nul.md");
    std::fs::write(&nul, "# Outage\n\n## Summary\n\nThe disk\0 filled.\n").unwrap();
    let out = cli.run(&["import", &s(&nul), "-o", &o]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("NUL byte"),
        "{}",
        text(&out.stderr)
    );
    assert!(!out_dir.exists() || std::fs::read_dir(&out_dir).unwrap().count() == 0);
}

/// Rewrite the first record of a journal that `pick` chooses, keeping its MAC in place.
fn edit(journal: &Path, pick: &str, from: &str, to: &str) {
    let t = std::fs::read_to_string(journal).unwrap();
    let mut done = false;
    let lines: Vec<String> = t
        .lines()
        .map(|l| {
            if !done && l.contains(pick) && l.contains(from) {
                done = true;
                l.replacen(from, to, 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "nothing to edit");
    std::fs::write(journal, lines.join("\n") + "\n").unwrap();
}

/// Finding 4: tampering went unnoticed.
#[test]
fn tampered_journals_are_refused_with_exit_3_unless_allowed_and_then_marked() {
    let cli = Cli::new();
    let journal = cli.played("guesser", "4");
    let j = s(&journal);
    let honest = cli.run(&["score", &j, "--json"]);
    assert!(honest.status.success());
    let honest: serde_json::Value = serde_json::from_slice(&honest.stdout).unwrap();
    assert_eq!(honest["verified"], true);
    assert_eq!(honest["finished"], true);
    // The wrong diagnosis changed to the right one.
    let v: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&journal)
            .unwrap()
            .lines()
            .find(|l| l.contains("\"diagnose\""))
            .unwrap(),
    )
    .unwrap();
    let wrong = v["command"]["candidate"].as_str().unwrap().to_string();
    edit(
        &journal,
        "\"diagnose\"",
        &format!("\"candidate\":\"{wrong}\""),
        "\"candidate\":\"cert-expired\"",
    );
    for cmd in ["score", "report"] {
        let out = cli.run(&[cmd, &j]);
        assert_eq!(out.status.code(), Some(3), "{cmd}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("modified after it was written (record"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = cli.run(&["score", &j, "--allow-unverified", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verified"], false);
    let out = cli.run(&["report", &j, "--allow-unverified"]);
    assert!(
        text(&out.stdout).starts_with("> **UNVERIFIED"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_journal_without_its_end_is_scored_as_unfinished() {
    let cli = Cli::new();
    let journal = cli.played("expert", "5");
    let t = std::fs::read_to_string(&journal).unwrap();
    // The End record removed: every prefix of a journal verifies, so this one does too.
    let kept: Vec<&str> = t
        .lines()
        .filter(|l| !l.contains("\"type\":\"end\""))
        .collect();
    std::fs::write(&journal, kept.join("\n") + "\n").unwrap();
    let out = cli.run(&["score", &s(&journal), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["finished"], false);
    let out = cli.run(&["score", &s(&journal)]);
    assert!(
        text(&out.stdout).starts_with("UNFINISHED"),
        "{}",
        text(&out.stdout)
    );
}

/// Finding 5: resuming a persona's or a script's session.
#[test]
fn resume_continues_a_persona_and_skips_script_lines_already_applied() {
    let cli = Cli::new();
    let journal = cli.played("expert", "6");
    let t = std::fs::read_to_string(&journal).unwrap();
    let lines: Vec<&str> = t.lines().collect();
    // Cut the journal as a crash would, after the first few commands.
    let cut = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("\"type\":\"command\""))
        .nth(3)
        .unwrap()
        .0;
    std::fs::write(&journal, lines[..=cut].join("\n") + "\n").unwrap();
    let out = cli.run(&["resume", &s(&journal), "--persona", "expert", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["total"].as_f64().unwrap() > 80.0, "{v}");

    let script = cli.dir().join("play.script");
    std::fs::write(
        &script,
        "1m ack\n1m note first note\n2m take checkout-logs\n6m note second note\n",
    )
    .unwrap();
    let out = cli.run(&[
        "play",
        "--headless",
        "scenarios/original-cert-expiry.ron",
        "--script",
        &s(&script),
        "--seed",
        "8",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let journal = cli
        .journals()
        .into_iter()
        .find(|p| std::fs::read_to_string(p).unwrap().contains("first note"))
        .unwrap();
    // A crash right after the first note, at minute 1.
    let t = std::fs::read_to_string(&journal).unwrap();
    let lines: Vec<&str> = t.lines().collect();
    let at = lines.iter().position(|l| l.contains("first note")).unwrap();
    std::fs::write(&journal, lines[..=at].join("\n") + "\n").unwrap();
    let out = cli.run(&["resume", &s(&journal), "--script", &s(&script)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(t.matches("\"cmd\":\"ack\"").count(), 1);
    assert_eq!(t.matches("\"text\":\"first note\"").count(), 1);
    assert_eq!(t.matches("\"text\":\"second note\"").count(), 1);
}

/// Finding 6: validate's silent passes, the BOM, link loops; the CLI's sessions folder.
#[test]
fn validate_names_empty_and_deep_folders_boms_and_link_loops() {
    let cli = Cli::new();
    let empty = cli.dir().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = cli.run(&["validate", &s(&empty), "--deny-warnings"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stdout).contains("no scenario files")
            || text(&out.stderr).contains("no scenario files")
    );
    let mut deep = cli.dir().join("deep");
    for i in 0..20 {
        deep = deep.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::copy("scenarios/original-cert-expiry.ron", deep.join("x.ron")).unwrap();
    let out = cli.run(&["validate", &s(&cli.dir().join("deep"))]);
    assert!(!out.status.success());
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(all.contains("folders deep"), "{all}");
    let bom = cli.dir().join("bom.ron");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read("scenarios/original-cert-expiry.ron").unwrap());
    std::fs::write(&bom, bytes).unwrap();
    let out = cli.run(&["validate", &s(&bom)]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    #[cfg(unix)]
    {
        let a = cli.dir().join("loop-a.ron");
        let b = cli.dir().join("loop-b.ron");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let out = cli.run(&["validate", &s(&a)]);
        assert!(!out.status.success());
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(all.contains("symbolic link"), "{all}");
    }
    // The CLI writes journals where MISFORTUNE_SESSIONS_DIR says, as the app does.
    let journal = cli.played("idle", "9");
    assert!(journal.starts_with(cli.sessions()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&journal).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "journals hold the root cause");
    }
}
