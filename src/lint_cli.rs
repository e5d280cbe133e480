//! `misfortune lint`: the training-value check over scenario files, printed like `validate`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use misfortune_core::lint::{LINTS, lint_file};
use misfortune_core::{Diagnostic, diagnostic, load_all};

pub fn lint(paths: &[PathBuf], json: bool, deny_warnings: bool, list: bool) -> ExitCode {
    if list {
        for (code, what) in LINTS {
            println!("{code:<24} {what}");
        }
        return ExitCode::SUCCESS;
    }
    let (files, problems) = load_all(paths);
    let results: Vec<(&misfortune_core::LoadedFile, Vec<Diagnostic>)> =
        files.iter().map(|f| (f, lint_file(f))).collect();
    let invalid = |f: &misfortune_core::LoadedFile| f.valid().is_none();
    let warnings: usize = results.iter().map(|(_, d)| d.len()).sum();
    let broken = problems.len() + files.iter().filter(|f| invalid(f)).count();
    let ok = broken == 0 && !(deny_warnings && warnings > 0);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let report = serde_json::json!({
            "ok": ok,
            "files": results.iter().map(|(f, d)| serde_json::json!({
                "file": f.name,
                "id": f.scenario.as_ref().map(|s| s.id.clone()),
                "valid": !invalid(f),
                "warnings": d.len(),
                "diagnostics": d,
            })).collect::<Vec<_>>(),
            "problems": problems,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        let color = std::io::stderr().is_terminal();
        let mut err = std::io::stderr().lock();
        for p in &problems {
            let _ = writeln!(err, "{p}");
        }
        for (f, d) in &results {
            if !d.is_empty() {
                let _ = write!(err, "{}", diagnostic::render(d, &f.source, color));
            }
            let verdict = if invalid(f) {
                "INVALID"
            } else if d.is_empty() {
                "ok"
            } else {
                "warn"
            };
            let _ = writeln!(
                out,
                "{verdict:>7}  {}: {}",
                f.name,
                if invalid(f) {
                    "does not validate (run `misfortune validate`)".to_string()
                } else {
                    format!("{} warning(s)", d.len())
                }
            );
        }
        let _ = writeln!(
            out,
            "{} scenario file(s): {} lint warning(s){}",
            files.len(),
            warnings,
            if ok { "" } else { " — lint failed" }
        );
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
