//! One session as the progress store keeps it: who played what, how, and how it went, read from
//! its journal (the journals stay the source of truth; the store only indexes them).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::journal::{Integrity, Journal, JournalKey, Mode, Player};
use crate::score;

/// A session in the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The journal's path (the key: re-indexing a journal replaces its row).
    pub journal: String,
    pub scenario_id: String,
    pub title: String,
    pub tags: Vec<String>,
    pub trainee: Option<String>,
    pub game_master: Option<String>,
    /// `person`, `persona:NAME` or `script`.
    pub player: String,
    /// `solo` or `team`.
    pub mode: String,
    /// `recall` or `guided`.
    pub play_mode: String,
    pub started_unix: u64,
    pub finished: bool,
    /// The journal verifies under this installation's key.
    pub verified: bool,
    pub score: f64,
    /// Minutes to the first right diagnosis, and to the end of the impact.
    pub diagnose_min: Option<f64>,
    pub mitigate_min: Option<f64>,
    /// The scenario's references for those (par, or the record).
    pub diagnose_ref_min: Option<f64>,
    pub mitigate_ref_min: Option<f64>,
    pub hints: u32,
    pub harmful: u32,
    /// Counts as someone's practice: a person played, named, finished, and the journal verifies.
    pub counted: bool,
}

fn player_name(p: &Player) -> String {
    match p {
        Player::Person => "person".into(),
        Player::Persona(n) => format!("persona:{n}"),
        Player::Script => "script".into(),
    }
}

fn minutes(t: crate::SimTime) -> f64 {
    t.ms() as f64 / 60_000.0
}

/// Read a journal into a session record (replaying it for the score).
pub fn from_journal(path: &Path, key: &JournalKey) -> Result<SessionRecord, String> {
    let j = Journal::read(path).map_err(|e| e.to_string())?;
    let verified = matches!(j.integrity(key), Integrity::Verified);
    let sc = j.scenario().map_err(|e| e.to_string())?;
    let s = j.replay().map_err(|e| e.to_string())?;
    let h = &j.header;
    let total = score::score(&s).total;
    let diagnose = s
        .diagnoses()
        .iter()
        .find(|d| score::diagnosis_quality(&sc, d.candidate.as_deref(), d.text.as_deref()).0 >= 0.6)
        .map(|d| minutes(d.at));
    let harmful = s
        .taken()
        .iter()
        .filter(|t| sc.action(&t.action).is_some_and(|a| a.harmful))
        .count() as u32;
    let finished = j.is_finished();
    let trainee = h.trainee.clone().filter(|t| !t.trim().is_empty());
    Ok(SessionRecord {
        journal: path.display().to_string(),
        scenario_id: sc.id.clone(),
        title: sc.title.clone(),
        tags: sc.tags.clone(),
        counted: h.player.is_person() && trainee.is_some() && finished && verified,
        trainee,
        game_master: h.game_master.clone(),
        player: player_name(&h.player),
        mode: match h.mode {
            Mode::Solo => "solo".into(),
            Mode::Team => "team".into(),
        },
        play_mode: format!("{:?}", h.play_mode).to_lowercase(),
        started_unix: h.started_unix,
        finished,
        verified,
        score: total,
        diagnose_min: diagnose,
        mitigate_min: s.mitigated_at().map(minutes),
        diagnose_ref_min: sc
            .recorded
            .par_to_diagnose
            .or_else(|| score::recorded_diagnosis_time(&sc))
            .map(minutes),
        mitigate_ref_min: sc
            .recorded
            .par_to_mitigate
            .or(sc.recorded.time_to_mitigate.value())
            .map(minutes),
        hints: s.hints_given().len() as u32,
        harmful,
    })
}
