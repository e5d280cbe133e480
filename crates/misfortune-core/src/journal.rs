//! The session journal: one JSON record a line, flushed to disk before a command is acknowledged,
//! so a crash or a kill loses nothing that was shown as done. The first record holds the
//! scenario's full text and the seed, so a journal replays (and scores) on its own.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::load;
use crate::model::Scenario;
use crate::sim::{Actor, Command, CommandError, FeedKind, Session};
use crate::time::SimTime;

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
    #[serde(default)]
    pub trainee: Option<String>,
    /// Wall-clock start, seconds since the Unix epoch.
    pub started_unix: u64,
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
                .and_then(|s| serde_json::from_str::<Record>(s).map_err(|e| e.to_string()));
            match parsed {
                Ok(r) if complete => {
                    records.push(r);
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
        Ok(Journal {
            path: path.to_path_buf(),
            header,
            records,
            good_len,
            warning,
        })
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
        let mut s = Session::new(sc, self.header.seed);
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

/// Appends records and makes each durable before returning.
#[derive(Debug)]
pub struct JournalWriter {
    file: File,
    pub path: PathBuf,
}

impl JournalWriter {
    /// Start a new journal; never overwrites an existing file.
    pub fn create(path: &Path, header: &Header) -> Result<JournalWriter, JournalError> {
        let p = path.display().to_string();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| JournalError::Io {
                path: p.clone(),
                source,
            })?;
        }
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|source| {
                if source.kind() == std::io::ErrorKind::AlreadyExists {
                    JournalError::Exists { path: p.clone() }
                } else {
                    JournalError::Io {
                        path: p.clone(),
                        source,
                    }
                }
            })?;
        let mut w = JournalWriter {
            file,
            path: path.to_path_buf(),
        };
        w.append(&Record::Start(header.clone()))?;
        Ok(w)
    }

    /// Continue a journal, dropping an incomplete last line first.
    pub fn reopen(journal: &Journal) -> Result<JournalWriter, JournalError> {
        let p = journal.path.display().to_string();
        let io = |source| JournalError::Io {
            path: p.clone(),
            source,
        };
        let file = OpenOptions::new()
            .write(true)
            .open(&journal.path)
            .map_err(io)?;
        file.set_len(journal.good_len).map_err(io)?;
        let mut w = JournalWriter {
            file,
            path: journal.path.clone(),
        };
        use std::io::Seek;
        w.file.seek(std::io::SeekFrom::End(0)).map_err(io)?;
        Ok(w)
    }

    pub fn append(&mut self, r: &Record) -> Result<(), JournalError> {
        let mut line = serde_json::to_string(r).expect("records serialise");
        line.push('\n');
        let p = self.path.display().to_string();
        self.file
            .write_all(line.as_bytes())
            .map_err(|source| JournalError::Io {
                path: p.clone(),
                source,
            })?;
        self.file
            .sync_data()
            .map_err(|source| JournalError::Io { path: p, source })
    }
}

/// A session whose every command is journaled before it is acknowledged.
#[derive(Debug)]
pub struct Recorder {
    /// Private: every change goes through [`Recorder::command`] or [`Recorder::advance_to`], so
    /// nothing changes the session without the change being journaled.
    session: Session,
    writer: Option<JournalWriter>,
    path: Option<PathBuf>,
    feed_written: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    #[error(transparent)]
    Command(#[from] CommandError),
    #[error(transparent)]
    Journal(#[from] JournalError),
}

impl Recorder {
    /// A session with no journal (tests, benchmarks, the solver's playthroughs).
    pub fn unjournaled(session: Session) -> Recorder {
        let n = session.feed().len();
        Recorder {
            session,
            writer: None,
            path: None,
            feed_written: n,
        }
    }

    pub fn new(session: Session, writer: JournalWriter) -> Result<Recorder, JournalError> {
        let path = Some(writer.path.clone());
        let mut r = Recorder {
            session,
            writer: Some(writer),
            path,
            feed_written: 0,
        };
        r.flush_events()?;
        Ok(r)
    }

    /// Resume a journal: replay it and keep appending to it.
    pub fn resume(journal: &Journal) -> Result<Recorder, JournalError> {
        let session = journal.replay()?;
        let writer = JournalWriter::reopen(journal)?;
        let n = session.feed().len();
        let path = Some(writer.path.clone());
        Ok(Recorder {
            session,
            writer: Some(writer),
            path,
            feed_written: n,
        })
    }

    /// The session, read-only.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The journal's path (kept after the session ends).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn flush_events(&mut self) -> Result<(), JournalError> {
        if let Some(w) = &mut self.writer {
            for f in &self.session.feed()[self.feed_written..] {
                w.append(&Record::Event {
                    at: f.at,
                    kind: f.kind,
                    text: f.text.clone(),
                    trainee: f.trainee,
                })?;
            }
        }
        self.feed_written = self.session.feed().len();
        Ok(())
    }

    /// Let the clock run to `t`; what fires on the way is journaled.
    pub fn advance_to(&mut self, t: SimTime) -> Result<(), JournalError> {
        self.session.advance_to(t);
        self.flush_events()?;
        if self.session.is_ended() {
            self.finish()?;
        }
        Ok(())
    }

    /// Apply a command now; it is on disk before this returns `Ok`.
    pub fn command(&mut self, by: Actor, cmd: Command) -> Result<(), PlayError> {
        let at = self.session.now();
        self.session.apply_command(by, &cmd)?;
        if let Some(w) = &mut self.writer {
            w.append(&Record::Command {
                at,
                by,
                command: cmd,
            })?;
        }
        self.flush_events()?;
        if self.session.is_ended() {
            self.finish()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), JournalError> {
        if let Some(mut w) = self.writer.take() {
            let score = crate::score::score(&self.session).total;
            w.append(&Record::End {
                at: self.session.ended().unwrap_or(self.session.now()),
                score,
            })?;
        }
        Ok(())
    }
}

/// The default folder for journals: the user's data folder.
pub fn default_sessions_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "misfortune").map(|d| d.data_dir().join("sessions"))
}

/// A fresh journal path in `dir` for a scenario.
pub fn new_journal_path(dir: &Path, scenario_id: &str, seed: u64) -> PathBuf {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut n = 0;
    loop {
        let name = if n == 0 {
            format!("{scenario_id}-{now}-{seed}.jsonl")
        } else {
            format!("{scenario_id}-{now}-{seed}-{n}.jsonl")
        };
        let p = dir.join(name);
        if !p.exists() {
            return p;
        }
        n += 1;
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
        trainee,
        started_unix: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    }
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

/// When each scenario was last played, from the journals in `dir` (only their first lines are
/// read): scenario id to seconds since the Unix epoch.
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
        if let Ok(Record::Start(h)) = serde_json::from_str::<Record>(&first) {
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
