//! Writing journals: a new journal under a name no other session can take, readable by its owner
//! only; one writer at a time (an exclusive lock, with the holder's pid beside the journal, so a
//! second window gets a clear message instead of corrupting the session); each record signed,
//! written whole and made durable before the command it records is acknowledged.

use std::fs::{File, OpenOptions};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use super::mac::{self, JournalKey};
use super::{Header, Journal, JournalError, Record, Trust};

/// Open a new file that nobody else can read, never over an existing one (or a link).
pub(crate) fn create_private(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Take the exclusive right to write a journal (a lock on the journal file itself, released
/// when the file is closed, by the operating system if the process dies), or say who holds it.
/// The holder's pid is noted beside the journal for that message.
fn lock(file: &File, journal: &Path) -> Result<PidNote, JournalError> {
    let note = PidNote::path_for(journal);
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let pid = std::fs::read_to_string(&note).unwrap_or_default();
            return Err(JournalError::Busy {
                path: journal.display().to_string(),
                pid: pid.trim().parse().ok(),
            });
        }
        Err(std::fs::TryLockError::Error(source)) => {
            return Err(JournalError::Io {
                path: journal.display().to_string(),
                source,
            });
        }
    }
    // Informational only: a note that cannot be written does not stop the session.
    let _ = std::fs::write(&note, std::process::id().to_string());
    Ok(PidNote(note))
}

/// `JOURNAL.lock`, holding the writer's pid; removed when the writer is done.
#[derive(Debug)]
struct PidNote(PathBuf);

impl PidNote {
    fn path_for(journal: &Path) -> PathBuf {
        let mut name = journal.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        journal.with_file_name(name)
    }
}

impl Drop for PidNote {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Appends records and makes each durable before returning.
#[derive(Debug)]
pub struct JournalWriter {
    file: File,
    pub path: PathBuf,
    /// The key and the last record's MAC; `None` continues an unsigned (older) journal as it is.
    chain: Option<(JournalKey, [u8; 32])>,
    _note: PidNote,
}

impl JournalWriter {
    /// Start a new journal at `path`; never overwrites an existing file.
    pub fn create(
        path: &Path,
        header: &Header,
        key: &JournalKey,
    ) -> Result<JournalWriter, JournalError> {
        let p = path.display().to_string();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| JournalError::Io {
                path: p.clone(),
                source,
            })?;
        }
        let file = create_private(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                JournalError::Exists { path: p.clone() }
            } else {
                JournalError::Io {
                    path: p.clone(),
                    source,
                }
            }
        })?;
        let note = lock(&file, path)?;
        let mut w = JournalWriter {
            file,
            path: path.to_path_buf(),
            chain: Some((key.clone(), mac::GENESIS)),
            _note: note,
        };
        w.append(&Record::Start(header.clone()))?;
        Ok(w)
    }

    /// Start a new journal in `dir` for a scenario, under a name no other session has taken
    /// (sessions started in the same second with the same seed get `-1`, `-2`, ...).
    pub fn create_in(
        dir: &Path,
        header: &Header,
        key: &JournalKey,
    ) -> Result<JournalWriter, JournalError> {
        let stem = format!(
            "{}-{}-{}",
            header.scenario_id, header.started_unix, header.seed
        );
        for n in 0..10_000 {
            let name = if n == 0 {
                format!("{stem}.jsonl")
            } else {
                format!("{stem}-{n}.jsonl")
            };
            match Self::create(&dir.join(name), header, key) {
                Err(JournalError::Exists { .. }) => continue,
                other => return other,
            }
        }
        Err(JournalError::Exists {
            path: dir.join(format!("{stem}.jsonl")).display().to_string(),
        })
    }

    /// Continue a journal: take the right to write it, then read it (refusing one that was
    /// modified unless `trust` allows it) and drop an incomplete last line. A signed journal goes
    /// on signed under `key`; an unsigned (older) one goes on unsigned.
    pub fn reopen(
        path: &Path,
        key: &JournalKey,
        trust: Trust,
    ) -> Result<(JournalWriter, Journal), JournalError> {
        let p = path.display().to_string();
        let io = |source| JournalError::Io {
            path: p.clone(),
            source,
        };
        let mut file = OpenOptions::new().write(true).open(path).map_err(io)?;
        let note = lock(&file, path)?;
        let (journal, _) = Journal::read_checked(path, key, trust)?;
        file.set_len(journal.good_len).map_err(io)?;
        file.seek(std::io::SeekFrom::End(0)).map_err(io)?;
        let chain = journal.last_mac.map(|m| (key.clone(), m));
        let w = JournalWriter {
            file,
            path: path.to_path_buf(),
            chain,
            _note: note,
        };
        Ok((w, journal))
    }

    pub fn append(&mut self, r: &Record) -> Result<(), JournalError> {
        let text = serde_json::to_string(r).expect("records serialise");
        let mut line = match &mut self.chain {
            Some((key, prev)) => {
                let m = key.mac(prev, &text);
                *prev = m;
                mac::signed_line(&m, &text)
            }
            None => text,
        };
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
