//! Reading scenario files: size and encoding checks, RON parsing with positions, then validation
//! and the solver. No input makes this panic: every problem becomes a [`Diagnostic`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Level, Reporter, said};
use crate::model::Scenario;
use crate::solver::{self, Solution};
use crate::spans;
use crate::validate;

/// Scenario files larger than this are refused unread (the largest real scenario is ~40 KiB).
pub const MAX_SCENARIO_BYTES: u64 = 2 * 1024 * 1024;

/// One scenario file after loading: its text, the scenario if it parsed, what is wrong with it,
/// and the solver's shortest path when it is solvable.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    pub path: PathBuf,
    /// The path as shown in messages.
    pub name: String,
    pub source: String,
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
    pub solution: Option<Solution>,
}

impl LoadedFile {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
    /// The scenario, when it loaded with no errors.
    pub fn valid(&self) -> Option<&Scenario> {
        (self.errors() == 0)
            .then_some(self.scenario.as_ref())
            .flatten()
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Deserialise RON text into a scenario, with no further checks. The baseline that validation is
/// measured against.
pub fn parse_only(src: &str) -> Result<Scenario, ron::error::SpannedError> {
    ron_options().from_str(src)
}

/// Parse scenario text. Syntax, type and unknown-field errors come back as diagnostics.
pub fn parse_str(name: &str, src: &str) -> (Option<Scenario>, Vec<Diagnostic>) {
    let mut rep = Reporter::new(name, src);
    if src.trim().is_empty() {
        rep.at_span(
            Level::Error,
            "empty-file",
            (0, 0),
            "the file is empty",
            said().expected("a scenario: `Scenario( id: \"...\", title: \"...\", ... )`"),
        );
        return (None, rep.out);
    }
    match parse_only(src) {
        Ok(scenario) => (Some(scenario), rep.out),
        Err(err) => {
            crate::ron_error::report(&mut rep, &err);
            (None, rep.out)
        }
    }
}

/// Parse and validate scenario text, without the solver.
pub fn parse_and_validate(name: &str, src: &str) -> (Option<Scenario>, Vec<Diagnostic>) {
    let (scenario, mut diagnostics) = parse_str(name, src);
    if let Some(sc) = &scenario {
        let mut rep = Reporter::new(name, src);
        validate::validate(sc, &mut rep);
        diagnostics.extend(rep.out);
    }
    (scenario, diagnostics)
}

/// Parse, validate and solve scenario text.
pub fn load_str(name: &str, src: &str) -> LoadedFile {
    let (scenario, mut diagnostics) = parse_and_validate(name, src);
    let mut solution = None;
    if let Some(sc) = &scenario {
        let mut rep = Reporter::new(name, src);
        if !diagnostics.iter().any(Diagnostic::is_error) {
            match solver::solve(sc) {
                Ok(sol) => solution = Some(sol),
                Err(why) => why.report(&mut rep),
            }
        }
        diagnostics.extend(rep.out);
    }
    LoadedFile {
        path: PathBuf::from(name),
        name: name.to_string(),
        source: src.to_string(),
        scenario,
        diagnostics,
        solution,
    }
}

/// Read, parse, validate and solve one file.
pub fn load_file(path: &Path) -> LoadedFile {
    let name = path.display().to_string();
    let fail = |code, message: String, s| {
        let mut rep = Reporter::new(&name, "");
        rep.at_span(Level::Error, code, (0, 0), message, s);
        LoadedFile {
            path: path.to_path_buf(),
            name: name.clone(),
            source: String::new(),
            scenario: None,
            diagnostics: rep.out,
            solution: None,
        }
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail("unreadable", format!("cannot read the file: {e}"), said()),
    };
    if !meta.is_file() {
        return fail("unreadable", "not a regular file".into(), said());
    }
    if meta.len() > MAX_SCENARIO_BYTES {
        return fail(
            "too-large",
            format!("the file is {} bytes; scenario files are limited to {} bytes", meta.len(), MAX_SCENARIO_BYTES),
            said().help("a scenario this large is almost certainly not a scenario; split it or check the path"),
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail("unreadable", format!("cannot read the file: {e}"), said()),
    };
    let mut loaded = load_bytes(&name, &bytes);
    loaded.path = path.to_path_buf();
    loaded
}

/// Parse, validate and solve file contents that may not even be text.
pub fn load_bytes(name: &str, bytes: &[u8]) -> LoadedFile {
    let refuse = |offset: usize, code, message: &str| {
        let src = String::from_utf8_lossy(&bytes[..offset]).into_owned();
        let mut rep = Reporter::new(name, &src);
        rep.at_span(
            Level::Error,
            code,
            (src.len(), src.len()),
            message,
            said().expected("a UTF-8 text file in RON"),
        );
        LoadedFile {
            path: PathBuf::from(name),
            name: name.to_string(),
            source: src.clone(),
            scenario: None,
            diagnostics: rep.out,
            solution: None,
        }
    };
    if bytes.len() as u64 > MAX_SCENARIO_BYTES {
        return refuse(
            0,
            "too-large",
            "the file is larger than the scenario size limit",
        );
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return refuse(
            nul,
            "binary-file",
            "this is a binary file (it contains a NUL byte), not a scenario",
        );
    }
    // A byte-order mark some editors write is not part of the scenario.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(src) => load_str(name, src),
        Err(e) => refuse(
            e.valid_up_to(),
            "not-utf8",
            "the file is not valid UTF-8 text",
        ),
    }
}

/// Folders deeper than this below a given folder are not searched (and say so).
pub const MAX_FOLDER_DEPTH: usize = 16;

fn problem(name: &str, code: &'static str, message: String) -> Vec<Diagnostic> {
    let mut rep = Reporter::new(name, "");
    rep.at_span(Level::Error, code, (0, 0), message, said());
    rep.out
}

/// Expand files and folders (recursively, `*.ron` only, sorted) into scenario files. A folder
/// with no scenario in it, a tree deeper than [`MAX_FOLDER_DEPTH`], a path that does not exist
/// and a symbolic-link loop are errors, never silently skipped.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found, &mut problems, 0);
                if found.is_empty() {
                    problems.extend(problem(
                        &name,
                        "no-scenarios",
                        "no scenario files (`*.ron`) in this folder".into(),
                    ));
                }
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(p.clone()),
            Err(e) if std::fs::symlink_metadata(p).is_ok() => problems.extend(problem(
                &name,
                "unreadable",
                format!("a symbolic link that leads nowhere readable: {e}"),
            )),
            Err(_) => problems.extend(problem(&name, "not-found", "no such file or folder".into())),
        }
    }
    (files, problems)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>, depth: usize) {
    let name = dir.display().to_string();
    if depth > MAX_FOLDER_DEPTH {
        problems.extend(problem(
            &name,
            "too-deep",
            format!(
                "more than {MAX_FOLDER_DEPTH} folders deep; scenarios below here are not searched"
            ),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.extend(problem(
                &name,
                "unreadable",
                format!("cannot read the folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Links to folders are not followed (no loops); links to files are read.
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, out, problems, depth + 1);
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
}

/// Load every scenario under the given paths, and check ids are unique across files.
pub fn load_all(paths: &[PathBuf]) -> (Vec<LoadedFile>, Vec<Diagnostic>) {
    let (files, problems) = collect(paths);
    let mut loaded: Vec<LoadedFile> = files.iter().map(|p| load_file(p)).collect();
    let mut seen: HashMap<String, String> = HashMap::new();
    for file in &mut loaded {
        let Some(sc) = &file.scenario else { continue };
        if let Some(first) = seen.get(&sc.id) {
            let mut rep = Reporter::new(&file.name, &file.source);
            rep.error(
                "duplicate-scenario-id",
                &spans::Path::root().f("id"),
                format!("scenario id `{}` is already used by {first}", sc.id),
                said().help("every scenario needs its own id"),
            );
            file.diagnostics.extend(rep.out);
        } else {
            seen.insert(sc.id.clone(), file.name.clone());
        }
    }
    (loaded, problems)
}
