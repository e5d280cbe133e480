//! The progress store: sessions in, questions out. The embedded default is SQLite (bundled, WAL
//! mode, the schema versioned in `user_version` and migrated forward); the interface is small so
//! that a team that outgrows one laptop can put a shared database behind it. The journals stay
//! the source of truth: [`Store::rebuild`] recreates the store from the journal folder.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::SessionRecord;

/// What the progress views need from a store.
pub trait ProgressStore {
    /// Add or replace a session (by its journal).
    fn put(&mut self, s: &SessionRecord) -> Result<(), String> {
        self.put_all(std::slice::from_ref(s))
    }
    /// Add or replace sessions, all or none (one transaction).
    fn put_all(&mut self, s: &[SessionRecord]) -> Result<(), String>;
    /// Every session, oldest first; only `trainee`'s when given.
    fn sessions(&self, trainee: Option<&str>) -> Result<Vec<SessionRecord>, String>;
    /// Remove a trainee's sessions; returns the journals that still name them.
    fn forget(&mut self, trainee: &str) -> Result<Vec<String>, String>;
}

/// The schema, one migration per version. `user_version` says how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: sessions.
    "CREATE TABLE sessions (
        journal TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        title TEXT NOT NULL,
        trainee TEXT,
        player TEXT NOT NULL,
        mode TEXT NOT NULL,
        play_mode TEXT NOT NULL,
        started_unix INTEGER NOT NULL,
        finished INTEGER NOT NULL,
        verified INTEGER NOT NULL,
        score REAL NOT NULL,
        diagnose_min REAL,
        mitigate_min REAL,
        hints INTEGER NOT NULL,
        harmful INTEGER NOT NULL,
        counted INTEGER NOT NULL
    );
    CREATE INDEX sessions_trainee ON sessions(trainee);",
    // 2: tags per session, the game master, and the references times are measured against.
    "CREATE TABLE session_tags (
        journal TEXT NOT NULL REFERENCES sessions(journal) ON DELETE CASCADE,
        tag TEXT NOT NULL
    );
    CREATE INDEX session_tags_journal ON session_tags(journal);
    ALTER TABLE sessions ADD COLUMN game_master TEXT;
    ALTER TABLE sessions ADD COLUMN diagnose_ref_min REAL;
    ALTER TABLE sessions ADD COLUMN mitigate_ref_min REAL;",
];

/// The SQLite store.
pub struct Store {
    conn: Connection,
    pub path: PathBuf,
}

/// Switch a database to WAL (kept in the file, so this happens once). Changing the journal mode
/// needs the database to itself and SQLite does not wait for that, so two processes creating
/// the store at once retry for a while.
fn wal_mode(conn: &Connection) -> rusqlite::Result<()> {
    let mut tries = 0;
    loop {
        let mode: rusqlite::Result<String> =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0));
        match mode {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 200 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The default database: `progress.sqlite` beside the journals.
pub fn default_path(sessions_dir: &Path) -> PathBuf {
    sessions_dir.join("progress.sqlite")
}

impl Store {
    /// Open (or create) the store and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store, String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let err = |e: rusqlite::Error| format!("{}: {e}", path.display());
        // The app and the command line may use the store at once: wait for the other's write
        // instead of failing with "database is locked".
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        wal_mode(&conn).map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// Open the store for a rebuild: when the file is not a whole database (corrupt, truncated,
    /// written by another program), it is renamed aside (`.unreadable`, kept for whoever wants
    /// to look) and an empty store is made in its place. Returns where the old file went.
    pub fn open_or_set_aside(path: &Path) -> Result<(Store, Option<PathBuf>), String> {
        let why = match Store::open(path).and_then(|s| s.integrity_check().map(|()| s)) {
            Ok(s) => return Ok((s, None)),
            Err(e) => e,
        };
        let aside = PathBuf::from(format!("{}.unreadable", path.display()));
        std::fs::rename(path, &aside).map_err(|e| {
            format!(
                "{why}; and it cannot be moved aside to {}: {e}",
                aside.display()
            )
        })?;
        for ext in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{ext}", path.display()));
            if side.exists() {
                let _ = std::fs::rename(&side, format!("{}{ext}", aside.display()));
            }
        }
        Ok((Store::open(path)?, Some(aside)))
    }

    /// The schema version.
    pub fn version(&self) -> Result<usize, String> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
            .map(|v| v as usize)
            .map_err(|e| e.to_string())
    }

    /// Run the migrations the database has not had, each in its own transaction.
    fn migrate(&mut self) -> Result<(), String> {
        let have = self.version()?;
        if have > MIGRATIONS.len() {
            return Err(format!(
                "{}: made by a newer Misfortune (schema {have}; this one knows {})",
                self.path.display(),
                MIGRATIONS.len()
            ));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(have) {
            // Take the write lock first, then look again: another process (the app and the
            // command line opening a new store at once) may have run this migration meanwhile.
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| e.to_string())?;
            let now: i64 = tx
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .map_err(|e| e.to_string())?;
            if now as usize > i {
                continue;
            }
            tx.execute_batch(sql)
                .map_err(|e| format!("migration {}: {e}", i + 1))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(|e| e.to_string())?;
            tx.commit().map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Recreate the store from the journals in `dir`: every journal read again, in one
    /// transaction (a failure leaves the previous store). Returns the count indexed and the
    /// journals that could not be read, with why.
    pub fn rebuild(
        &mut self,
        dir: &Path,
        key: &crate::journal::JournalKey,
    ) -> Result<(usize, Vec<String>), String> {
        let mut records = Vec::new();
        let mut skipped = Vec::new();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        paths.sort();
        for (p, r) in paths.iter().zip(read_journals(&paths, key)) {
            match r {
                Ok(r) => records.push(r),
                Err(e) => skipped.push(format!("{}: {e}", p.display())),
            }
        }
        let tx = self.conn.transaction().map_err(|e| e.to_string())?;
        tx.execute("DELETE FROM session_tags", [])
            .map_err(|e| e.to_string())?;
        tx.execute("DELETE FROM sessions", [])
            .map_err(|e| e.to_string())?;
        for r in &records {
            insert(&tx, r)?;
        }
        tx.commit().map_err(|e| e.to_string())?;
        Ok((records.len(), skipped))
    }
}

/// Read journals into records, on every core (replaying and scoring is the slow part of a
/// rebuild), in the order given.
fn read_journals(
    paths: &[PathBuf],
    key: &crate::journal::JournalKey,
) -> Vec<Result<SessionRecord, String>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| super::from_journal(p, key))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec![Err("reading the journal failed".into())])
            })
            .collect()
    })
}

fn insert(conn: &Connection, s: &SessionRecord) -> Result<(), String> {
    let e = |e: rusqlite::Error| e.to_string();
    conn.execute("DELETE FROM session_tags WHERE journal = ?1", [&s.journal])
        .map_err(e)?;
    conn.execute(
        "INSERT OR REPLACE INTO sessions (journal, scenario_id, title, trainee, player, mode,
            play_mode, started_unix, finished, verified, score, diagnose_min, mitigate_min, hints,
            harmful, counted, game_master, diagnose_ref_min, mitigate_ref_min)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        params![
            s.journal,
            s.scenario_id,
            s.title,
            s.trainee,
            s.player,
            s.mode,
            s.play_mode,
            s.started_unix as i64,
            s.finished,
            s.verified,
            s.score,
            s.diagnose_min,
            s.mitigate_min,
            s.hints,
            s.harmful,
            s.counted,
            s.game_master,
            s.diagnose_ref_min,
            s.mitigate_ref_min,
        ],
    )
    .map_err(e)?;
    for t in &s.tags {
        conn.execute(
            "INSERT INTO session_tags (journal, tag) VALUES (?1, ?2)",
            params![s.journal, t],
        )
        .map_err(e)?;
    }
    Ok(())
}

impl Store {
    /// Index the journals in `dir` the store has not got, or had unfinished (a session that
    /// was running when last indexed may have ended since).
    pub fn sync(&mut self, dir: &Path, key: &crate::journal::JournalKey) -> Result<usize, String> {
        let known: std::collections::HashMap<String, bool> = self
            .sessions(None)?
            .into_iter()
            .map(|s| (s.journal, s.finished))
            .collect();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(0);
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .filter(|p| known.get(&p.display().to_string()) != Some(&true))
            .collect();
        paths.sort();
        let records: Vec<SessionRecord> =
            read_journals(&paths, key).into_iter().flatten().collect();
        self.put_all(&records)?;
        Ok(records.len())
    }

    /// SQLite's own check of the database file: `Ok` when it is whole.
    pub fn integrity_check(&self) -> Result<(), String> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(format!("{}: {verdict}", self.path.display()))
        }
    }
}

impl ProgressStore for Store {
    fn put_all(&mut self, all: &[SessionRecord]) -> Result<(), String> {
        let tx = self.conn.transaction().map_err(|e| e.to_string())?;
        for s in all {
            insert(&tx, s)?;
        }
        tx.commit().map_err(|e| e.to_string())
    }

    fn sessions(&self, trainee: Option<&str>) -> Result<Vec<SessionRecord>, String> {
        let e = |e: rusqlite::Error| e.to_string();
        let mut q = self
            .conn
            .prepare(
                "SELECT journal, scenario_id, title, trainee, player, mode, play_mode, started_unix,
                    finished, verified, score, diagnose_min, mitigate_min, hints, harmful, counted,
                    game_master, diagnose_ref_min, mitigate_ref_min
                 FROM sessions WHERE (?1 IS NULL OR trainee = ?1) ORDER BY started_unix, journal",
            )
            .map_err(e)?;
        let rows = q
            .query_map([trainee], |r| {
                Ok(SessionRecord {
                    journal: r.get(0)?,
                    scenario_id: r.get(1)?,
                    title: r.get(2)?,
                    tags: Vec::new(),
                    trainee: r.get(3)?,
                    player: r.get(4)?,
                    mode: r.get(5)?,
                    play_mode: r.get(6)?,
                    started_unix: r.get::<_, i64>(7)? as u64,
                    finished: r.get(8)?,
                    verified: r.get(9)?,
                    score: r.get(10)?,
                    diagnose_min: r.get(11)?,
                    mitigate_min: r.get(12)?,
                    hints: r.get(13)?,
                    harmful: r.get(14)?,
                    counted: r.get(15)?,
                    game_master: r.get(16)?,
                    diagnose_ref_min: r.get(17)?,
                    mitigate_ref_min: r.get(18)?,
                })
            })
            .map_err(e)?;
        let mut out: Vec<SessionRecord> = rows.collect::<Result<_, _>>().map_err(e)?;
        let mut tags = self
            .conn
            .prepare("SELECT tag FROM session_tags WHERE journal = ?1")
            .map_err(e)?;
        for s in &mut out {
            s.tags = tags
                .query_map([&s.journal], |r| r.get(0))
                .map_err(e)?
                .collect::<Result<_, _>>()
                .map_err(e)?;
        }
        Ok(out)
    }

    fn forget(&mut self, trainee: &str) -> Result<Vec<String>, String> {
        let journals: Vec<String> = self
            .sessions(Some(trainee))?
            .into_iter()
            .map(|s| s.journal)
            .collect();
        let tx = self.conn.transaction().map_err(|e| e.to_string())?;
        tx.execute(
            "DELETE FROM session_tags WHERE journal IN (SELECT journal FROM sessions WHERE trainee = ?1)",
            [trainee],
        )
        .map_err(|e| e.to_string())?;
        tx.execute("DELETE FROM sessions WHERE trainee = ?1", [trainee])
            .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
        Ok(journals)
    }
}

/// Run SQL on a database directly (tests write older schemas with it).
pub fn execute_batch(path: &Path, sql: &str) -> Result<(), String> {
    Connection::open(path)
        .and_then(|c| c.execute_batch(sql))
        .map_err(|e| e.to_string())
}

/// Whether a database exists at `path` and holds a session for `journal` (for tests).
pub fn has_journal(path: &Path, journal: &str) -> Result<bool, String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    conn.query_row(
        "SELECT 1 FROM sessions WHERE journal = ?1",
        [journal],
        |_| Ok(()),
    )
    .optional()
    .map(|o| o.is_some())
    .map_err(|e| e.to_string())
}
