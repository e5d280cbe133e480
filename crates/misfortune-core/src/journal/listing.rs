//! The journals in a folder: when each scenario was last played, and the sessions that never
//! ended.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{Header, Journal, Record};
use crate::time::SimTime;

/// The default folder for journals: the user's data folder.
pub fn default_sessions_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "misfortune").map(|d| d.data_dir().join("sessions"))
}

/// The journal files (`*.jsonl`) in a folder.
fn journal_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect()
}

/// When each scenario was last played by a person (persona and script plays do not count), from
/// the journals in `dir` (only their first lines are read): scenario id to seconds since the Unix
/// epoch.
pub fn last_played(dir: &Path) -> std::collections::HashMap<String, u64> {
    use std::io::{BufRead, Read};
    let mut out = std::collections::HashMap::new();
    for path in journal_files(dir) {
        let Ok(f) = File::open(&path) else { continue };
        let mut first = String::new();
        if std::io::BufReader::new(f.take(1 << 20))
            .read_line(&mut first)
            .is_err()
        {
            continue;
        }
        if let Ok(Record::Start(h)) =
            serde_json::from_str::<Record>(&super::mac::split_line(first.trim_end()).1)
            && h.player.is_person()
        {
            let t = out.entry(h.scenario_id).or_insert(0);
            *t = (*t).max(h.started_unix);
        }
    }
    out
}

/// Journals in `dir` whose session never ended (a crash, a quit): path, header and how far the
/// clock had run.
pub fn unfinished(dir: &Path) -> Vec<(PathBuf, Header, SimTime)> {
    let mut out = Vec::new();
    for path in journal_files(dir) {
        let Ok(j) = Journal::read(&path) else {
            continue;
        };
        if j.is_finished() {
            continue;
        }
        let reached = j
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Command { at, .. } | Record::Event { at, .. } => Some(*at),
                _ => None,
            })
            .max()
            .unwrap_or(SimTime::ZERO);
        out.push((path, j.header.clone(), reached));
    }
    out.sort_by_key(|x| std::cmp::Reverse(x.1.started_unix));
    out
}
