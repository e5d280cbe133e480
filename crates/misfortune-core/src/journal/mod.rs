//! The session journal: one JSON record a line, flushed to disk before a command is acknowledged,
//! so a crash or a kill loses nothing that was shown as done. The first record holds the
//! scenario's full text and the seed, so a journal replays (and scores) on its own. Each record
//! is signed (`mac`), so a journal that was edited after it was written is recognised.
//!
//! - `writer`: new journals, the one-writer lock, signing and durability
//! - `recorder`: a session whose every command is journaled before it is acknowledged
//! - `mac`: the per-installation key and the chained record MACs
//! - `listing`: the journals in a folder (last played, unfinished sessions)

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::load;
use crate::model::Scenario;
use crate::sim::{Actor, Command, FeedKind, Session};
use crate::time::SimTime;

mod listing;
mod mac;
mod recorder;
mod writer;

pub use listing::{default_sessions_dir, last_played, unfinished};
pub use mac::{Integrity, JournalKey};
pub use recorder::{PlayError, Recorder};
pub use writer::JournalWriter;

pub const FORMAT: &str = "misfortune-journal";
pub const VERSION: u32 = 1;
/// Journals larger than this are refused.
pub const MAX_JOURNAL_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The engine plays game master.
    Solo,
    /// A human game master runs the session.
    Team,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub scenario_id: String,
    /// Where the scenario was loaded from, for people reading the journal.
    pub scenario_file: String,
    /// The scenario's full text at the start of the session.
    pub scenario_source: String,
    pub seed: u64,
    pub mode: Mode,
    /// Recall or guided; journals from before modes existed are guided.
    #[serde(default)]
    pub play_mode: crate::sim::PlayMode,
    #[serde(default)]
    pub trainee: Option<String>,
    /// Who played: a person, a scripted persona or a script. Only a person's sessions count as
    /// practice (and as "played" for the wheel).
    #[serde(default)]
    pub player: Player,
    /// The game master of a team session, when named.
    #[serde(default)]
    pub game_master: Option<String>,
    /// Wall-clock start, seconds since the Unix epoch.
    pub started_unix: u64,
}

/// Who played a session.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Player {
    /// Someone at the keyboard (the app, the interactive terminal).
    #[default]
    Person,
    /// A scripted persona (`--persona NAME`): never anyone's practice, even with a name.
    Persona(String),
    /// A script of timed commands (`--script`): a demo or a test.
    Script,
}

impl Player {
    /// Whether a session counts as someone's practice.
    pub fn is_person(&self) -> bool {
        matches!(self, Player::Person)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Start(Header),
    Command {
        at: SimTime,
        by: Actor,
        command: Command,
    },
    /// What the command or the clock made happen (for readers; replay recomputes it).
    Event {
        at: SimTime,
        kind: FeedKind,
        text: String,
        trainee: bool,
    },
    End {
        at: SimTime,
        score: f64,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: cannot read the journal: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}: the journal is {size} bytes; journals are limited to {MAX_JOURNAL_BYTES} bytes"
    )]
    TooLarge { path: String, size: u64 },
    #[error(
        "{path}: not a Misfortune journal (the first line is not a `start` record of format {FORMAT:?})"
    )]
    Foreign { path: String },
    #[error("{path}: journal version {found} is newer than this program understands ({VERSION})")]
    Version { path: String, found: u32 },
    #[error("{path}:{line}: corrupt journal record: {why}")]
    Corrupt {
        path: String,
        line: usize,
        why: String,
    },
    #[error("{path}: the scenario stored in the journal no longer loads: {why}")]
    Scenario { path: String, why: String },
    #[error("{path}:{line}: the journal does not replay: {why}")]
    Replay {
        path: String,
        line: usize,
        why: String,
    },
    #[error("{path}: the file already exists (choose another name, or remove it)")]
    Exists { path: String },
    #[error("{path}: this session is open in another window{}", pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    Busy { path: String, pid: Option<u32> },
    #[error("{path}: cannot use the journal key: {why}")]
    Key { path: String, why: String },
    #[error(
        "{path}: this journal was modified after it was written (record {record}), or it was written on another installation; `--allow-unverified` reads it anyway"
    )]
    Modified { path: String, record: usize },
    #[error(
        "{path}: the scenario stored in the journal is {size} bytes; scenarios are limited to {} bytes",
        load::MAX_SCENARIO_BYTES
    )]
    ScenarioTooLarge { path: String, size: usize },
}

/// Whether to read a journal that does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Refuse a journal whose MACs do not check out (unsigned, older journals are read).
    Verified,
    /// Read it anyway; whatever comes of it is marked unverified.
    AllowUnverified,
}

/// A journal read back: its header, its records, and whether its tail was cut off.
#[derive(Debug, Clone)]
pub struct Journal {
    pub path: PathBuf,
    pub header: Header,
    pub records: Vec<Record>,
    /// Byte length of the whole records (a partial last line starts here).
    pub good_len: u64,
    /// A warning when the last line was incomplete (a crash) and was dropped.
    pub warning: Option<String>,
    /// Each record's MAC as read (None in an unsigned journal) and its text, for verification.
    signed: Vec<(Option<[u8; 32]>, String)>,
    /// The last record's MAC, which the next record written chains to.
    pub last_mac: Option<[u8; 32]>,
}

impl Journal {
    pub fn read(path: &Path) -> Result<Journal, JournalError> {
        let p = path.display().to_string();
        let io = |source| JournalError::Io {
            path: p.clone(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.len() > MAX_JOURNAL_BYTES {
            return Err(JournalError::TooLarge {
                path: p,
                size: meta.len(),
            });
        }
        let bytes = std::fs::read(path).map_err(io)?;
        Self::parse(path, &bytes)
    }

    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Journal, JournalError> {
        let p = path.display().to_string();
        let mut records = Vec::new();
        let mut signed = Vec::new();
        let mut good_len = 0u64;
        let mut warning = None;
        let mut offset = 0usize;
        let mut line_no = 0usize;
        while offset < bytes.len() {
            line_no += 1;
            let rest = &bytes[offset..];
            let (line, complete) = match rest.iter().position(|&b| b == b'\n') {
                Some(n) => (&rest[..n], true),
                None => (rest, false),
            };
            let parsed = std::str::from_utf8(line)
                .map_err(|e| e.to_string())
                .and_then(|s| {
                    let (mac, text) = mac::split_line(s);
                    serde_json::from_str::<Record>(&text)
                        .map(|r| (r, mac, text.into_owned()))
                        .map_err(|e| e.to_string())
                });
            match parsed {
                Ok((r, mac, text)) if complete => {
                    records.push(r);
                    signed.push((mac, text));
                    offset += line.len() + 1;
                    good_len = offset as u64;
                }
                // A last line with no newline is a write cut short by a crash: drop it.
                _ if !complete => {
                    if records.is_empty() {
                        return Err(JournalError::Foreign { path: p });
                    }
                    warning = Some(format!(
                        "{p}:{line_no}: the last record is incomplete (the session was interrupted); resuming from the record before it"
                    ));
                    break;
                }
                Err(why) => {
                    if records.is_empty() {
                        return Err(JournalError::Foreign { path: p });
                    }
                    return Err(JournalError::Corrupt {
                        path: p,
                        line: line_no,
                        why,
                    });
                }
                Ok(_) => unreachable!(),
            }
        }
        let header = match records.first() {
            Some(Record::Start(h)) if h.format == FORMAT => h.clone(),
            _ => return Err(JournalError::Foreign { path: p }),
        };
        if header.version > VERSION {
            return Err(JournalError::Version {
                path: p,
                found: header.version,
            });
        }
        if header.scenario_source.len() as u64 > load::MAX_SCENARIO_BYTES {
            return Err(JournalError::ScenarioTooLarge {
                path: p,
                size: header.scenario_source.len(),
            });
        }
        let last_mac = signed.last().and_then(|(m, _)| *m);
        Ok(Journal {
            path: path.to_path_buf(),
            header,
            records,
            good_len,
            warning,
            signed,
            last_mac,
        })
    }

    /// Whether the journal is what was written, under this installation's key.
    pub fn integrity(&self, key: &JournalKey) -> Integrity {
        mac::verify(key, &self.signed)
    }

    /// Read a journal and check it: a journal that does not verify is refused unless `trust`
    /// allows it. Returns the journal and what the check found.
    pub fn read_checked(
        path: &Path,
        key: &JournalKey,
        trust: Trust,
    ) -> Result<(Journal, Integrity), JournalError> {
        let j = Self::read(path)?;
        let integrity = j.integrity(key);
        if let (Integrity::Modified { record }, Trust::Verified) = (integrity, trust) {
            return Err(JournalError::Modified {
                path: path.display().to_string(),
                record,
            });
        }
        Ok((j, integrity))
    }

    /// The scenario stored in the journal.
    pub fn scenario(&self) -> Result<Scenario, JournalError> {
        let f = load::load_str(&self.header.scenario_file, &self.header.scenario_source);
        match (f.errors(), f.scenario) {
            (0, Some(sc)) => Ok(sc),
            _ => Err(JournalError::Scenario {
                path: self.path.display().to_string(),
                why: f
                    .diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map_or_else(|| "it does not parse".into(), ToString::to_string),
            }),
        }
    }

    /// Replay the journal into a session.
    pub fn replay(&self) -> Result<Session, JournalError> {
        let sc = Arc::new(self.scenario()?);
        let mut s = Session::with_mode(sc, self.header.seed, self.header.play_mode);
        for (i, r) in self.records.iter().enumerate() {
            match r {
                Record::Command { at, by, command } => {
                    s.advance_to(*at);
                    s.apply_command(*by, command)
                        .map_err(|e| JournalError::Replay {
                            path: self.path.display().to_string(),
                            line: i + 1,
                            why: e.to_string(),
                        })?;
                }
                Record::End { at, .. } => {
                    s.advance_to(*at);
                    if !s.is_ended() {
                        let _ = s.apply_command(Actor::Gm, &Command::End);
                    }
                }
                Record::Start(_) | Record::Event { .. } => {}
            }
        }
        // The clock ran at least as far as the last thing the journal saw happen.
        let last = self
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Command { at, .. } | Record::Event { at, .. } | Record::End { at, .. } => {
                    Some(*at)
                }
                Record::Start(_) => None,
            })
            .max()
            .unwrap_or(SimTime::ZERO);
        s.advance_to(last);
        Ok(s)
    }

    pub fn is_finished(&self) -> bool {
        self.records.iter().any(|r| matches!(r, Record::End { .. }))
    }

    pub fn recorded_score(&self) -> Option<f64> {
        self.records.iter().find_map(|r| match r {
            Record::End { score, .. } => Some(*score),
            _ => None,
        })
    }
}

pub fn header(
    scenario: &Scenario,
    file: &str,
    source: &str,
    seed: u64,
    mode: Mode,
    trainee: Option<String>,
) -> Header {
    Header {
        format: FORMAT.into(),
        version: VERSION,
        scenario_id: scenario.id.clone(),
        scenario_file: file.into(),
        scenario_source: source.into(),
        seed,
        mode,
        play_mode: crate::sim::PlayMode::Guided,
        trainee,
        player: Player::Person,
        game_master: None,
        started_unix: crate::unix_now(),
    }
}
