//! A session whose every command is journaled before it is acknowledged. The recorder holds
//! the session privately: nothing changes it except through here.

use std::path::{Path, PathBuf};

use super::{Journal, JournalError, JournalKey, JournalWriter, Record, Trust};
use crate::sim::{Actor, Command, CommandError, Session};
use crate::time::SimTime;

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

    /// Resume a journal: take the right to write it, read it (refusing one that was modified,
    /// unless `trust` allows it), replay it, and keep appending to it. Returns the journal as
    /// read too, for its header and warnings.
    pub fn resume(
        path: &Path,
        key: &JournalKey,
        trust: Trust,
    ) -> Result<(Recorder, Journal), JournalError> {
        // Locked first and read after, so no other writer's records can be cut off.
        let (writer, journal) = JournalWriter::reopen(path, key, trust)?;
        let session = journal.replay()?;
        let n = session.feed().len();
        let path = Some(writer.path.clone());
        let rec = Recorder {
            session,
            writer: Some(writer),
            path,
            feed_written: n,
        };
        Ok((rec, journal))
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
