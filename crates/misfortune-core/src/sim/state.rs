//! The session's state types: alerts, actions taken, log lines and messages added, diagnoses,
//! the feed of what happened, the clock, and what is waiting to happen.

use serde::{Deserialize, Serialize};

use crate::model::Level;
use crate::time::SimTime;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertState {
    pub firing: bool,
    pub since: Option<SimTime>,
    pub acked: Option<SimTime>,
    pub fired_count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TakenAction {
    pub action: String,
    pub requested_at: SimTime,
    pub start: SimTime,
    pub end: SimTime,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub at: SimTime,
    pub stream: String,
    pub level: Level,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageItem {
    pub at: SimTime,
    pub from: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosisItem {
    pub at: SimTime,
    pub candidate: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedKind {
    Alert,
    AlertResolved,
    Message,
    Reveal,
    ActionStarted,
    ActionDone,
    Inject,
    Hint,
    Phase,
    Diagnosis,
    Note,
    Declaration,
    Clock,
    Metric,
    Log,
    End,
}

/// One thing that happened, in order. `trainee` says whether the trainee sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    pub at: SimTime,
    pub kind: FeedKind,
    pub text: String,
    pub trainee: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
/// Something scheduled on the session's queue.
pub(super) enum Pending {
    Inject(usize),
    ActionDone(usize),
    Phase(usize),
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClockState {
    pub paused: bool,
    pub speed: u32,
}

/// How the trainee acts: in their own words (recall), or from a palette of the scenario's
/// actions (guided, for a first session).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlayMode {
    /// The trainee says what they do (`do TEXT`); no list of the scenario's actions, and the
    /// diagnosis is free text.
    Recall,
    /// The palette of actions, and the candidates (shuffled) once a hypothesis is written.
    /// Journals from before modes existed are guided.
    #[default]
    Guided,
}

impl std::str::FromStr for PlayMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "recall" => Ok(PlayMode::Recall),
            "guided" => Ok(PlayMode::Guided),
            other => Err(format!("unknown mode `{other}`: use recall or guided")),
        }
    }
}
