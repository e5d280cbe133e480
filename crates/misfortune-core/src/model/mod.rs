//! The scenario model: one RON file under `scenarios/` is one [`Scenario`].
//!
//! Every struct refuses unknown fields, so a typo in a scenario file is an error, not a silently
//! ignored line. See `docs/scenario-format.md` for the annotated reference.

use serde::{Deserialize, Serialize};

use crate::time::SimTime;

mod play;
mod scoring;
mod telemetry;
mod truth;

pub use play::*;
pub use scoring::*;
pub use telemetry::*;
pub use truth::*;

/// A past incident, replayable as a Wheel of Misfortune session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    /// 1 (gentle) to 5 (brutal).
    pub difficulty: u8,
    #[serde(default)]
    pub tags: Vec<String>,
    /// How long a session usually takes in a training room, in real minutes.
    pub estimated_minutes: u32,
    /// The real incident this scenario retells, when it has one.
    #[serde(default)]
    pub based_on: Option<Source>,
    /// What the trainee reads at the start: who they are, what they own, what just paged them.
    pub briefing: String,
    /// The incident's local time of day when the session starts ("13:42"), where it is known:
    /// the clock, logs, charts and messages then show the time of day, with the elapsed time
    /// beside the clock. Without it they show elapsed time as `T+12:30`.
    #[serde(default)]
    pub starts_at: Option<String>,
    /// When the scenario ends on the simulated clock.
    pub duration: SimTime,
    /// Stretches of a long incident that the clock jumps across (what happened meanwhile is told
    /// by injects).
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// People other than the trainee: they send messages and can be escalated to.
    #[serde(default)]
    pub personas: Vec<Persona>,
    pub services: Vec<Service>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    #[serde(default)]
    pub dashboards: Vec<Dashboard>,
    #[serde(default)]
    pub logs: Vec<LogStream>,
    #[serde(default)]
    pub alerts: Vec<Alert>,
    /// The change log every on-call can read: deploys, config pushes, flag flips, with their
    /// times (`changes` in the terminal, "Recent changes" in the app).
    #[serde(default)]
    pub changes: Vec<Change>,
    pub impact: Impact,
    #[serde(default)]
    pub injects: Vec<Inject>,
    pub actions: Vec<Action>,
    /// Facts the trainee can uncover; the root cause names the ones that lead to it.
    pub clues: Vec<Clue>,
    pub root_cause: RootCause,
    #[serde(default)]
    pub communication: Communication,
    pub recorded: Recorded,
    pub debrief: Debrief,
    #[serde(default)]
    pub hints: Vec<Hint>,
    /// Only the game master sees these.
    #[serde(default)]
    pub gm_notes: Vec<String>,
    #[serde(default)]
    pub scoring: Weights,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub organisation: String,
    /// The day of the incident, `YYYY-MM-DD`.
    pub date: String,
    /// The public write-up this scenario retells.
    pub url: String,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// When the jump happens.
    pub from: SimTime,
    /// Where the clock lands.
    pub to: SimTime,
    /// What happened in between, told to everyone at the jump.
    pub summary: String,
    /// The jump happens only if all of these have happened by `from` (for example: only narrate
    /// the restart the trainee started).
    #[serde(default)]
    pub only_if: Vec<Requirement>,
    /// ...and none of these.
    #[serde(default)]
    pub unless: Vec<Requirement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: String,
    pub name: String,
    /// For example "support lead", "database on-call", "VP engineering", "customer".
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Services this one calls.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// The persona who owns it, if the trainee does not.
    #[serde(default)]
    pub owner: Option<String>,
}

/// "HH:MM" as minutes after midnight.
pub fn parse_time_of_day(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && s.trim().len() == 5).then_some(h * 60 + m)
}

/// A moment of a session starting at `starts_at` ("HH:MM"): the time of day (`13:54:07`), or
/// the elapsed time (`T+12:07`) when the start is not known.
pub fn stamp(starts_at: Option<&str>, t: SimTime) -> String {
    stamp_from(starts_at.and_then(parse_time_of_day), t)
}

/// [`stamp`] with the start already in minutes after midnight.
pub fn stamp_from(start_mins: Option<u32>, t: SimTime) -> String {
    match start_mins {
        Some(start) => {
            let secs = (u64::from(start) * 60 + t.ms() / 1000) % 86_400;
            format!(
                "{:02}:{:02}:{:02}",
                secs / 3600,
                (secs / 60) % 60,
                secs % 60
            )
        }
        None => format!("T+{}", t.clock()),
    }
}

impl Scenario {
    /// A moment of the session as the room reads it: the time of day (`13:54:07`) where the
    /// scenario's start is known, else the elapsed time (`T+12:07`).
    pub fn stamp(&self, t: SimTime) -> String {
        stamp(self.starts_at.as_deref(), t)
    }

    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id == id)
    }
    pub fn inject(&self, id: &str) -> Option<&Inject> {
        self.injects.iter().find(|i| i.id == id)
    }
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
    pub fn clue(&self, id: &str) -> Option<&Clue> {
        self.clues.iter().find(|c| c.id == id)
    }
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }
    pub fn alert(&self, id: &str) -> Option<&Alert> {
        self.alerts.iter().find(|a| a.id == id)
    }
    pub fn dashboard(&self, id: &str) -> Option<&Dashboard> {
        self.dashboards.iter().find(|d| d.id == id)
    }
    pub fn log_stream(&self, id: &str) -> Option<&LogStream> {
        self.logs.iter().find(|l| l.id == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}
