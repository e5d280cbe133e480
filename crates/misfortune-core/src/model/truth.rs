//! The hidden truth and the record: the root cause and its candidates, what good communication
//! looks like, the real team's timeline, and the debrief.

use serde::{Deserialize, Serialize};

use crate::time::SimTime;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootCause {
    pub statement: String,
    pub trigger: String,
    #[serde(default)]
    pub contributing_factors: Vec<String>,
    /// The multiple-choice answers offered to the trainee, distractors included.
    pub candidates: Vec<Candidate>,
    /// The id of the right candidate.
    pub answer: String,
    /// Words that mark a free-text diagnosis as right (matched case-insensitively).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Words that mark a wrong free-text answer even when a keyword is there ("not deleted").
    #[serde(default)]
    pub negative_keywords: Vec<String>,
    /// The clues that lead to the root cause; the solver proves they can all be revealed.
    pub clues: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub id: String,
    pub text: String,
}

/// What good communication looks like in this scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Communication {
    /// Declare the incident within this long of the first page.
    #[serde(default = "ten_minutes")]
    pub declare_within: SimTime,
    /// Stakeholders expect a status update at least this often.
    #[serde(default = "fifteen_minutes")]
    pub status_cadence: SimTime,
    /// The persona the trainee should escalate to, if any.
    #[serde(default)]
    pub escalate_to: Option<String>,
}

fn ten_minutes() -> SimTime {
    SimTime::from_mins(10)
}
fn fifteen_minutes() -> SimTime {
    SimTime::from_mins(15)
}

impl Default for Communication {
    fn default() -> Self {
        Communication {
            declare_within: ten_minutes(),
            status_cadence: fifteen_minutes(),
            escalate_to: None,
        }
    }
}

/// The real team's response, which trainees are scored against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    pub timeline: Vec<TimelineEvent>,
    pub time_to_detect: RecordedTime,
    pub time_to_mitigate: RecordedTime,
    pub time_to_resolve: RecordedTime,
    /// When the real team named the root cause, where the record says (otherwise the score reads
    /// it from the timeline: the last investigation before the first mitigation).
    #[serde(default)]
    pub time_to_diagnose: Option<RecordedTime>,
    /// A fair target for reaching the right diagnosis, where the real team was slow (time marks
    /// are measured against it instead of the record).
    #[serde(default)]
    pub par_to_diagnose: Option<SimTime>,
    /// A fair target for ending the impact, where the real team was slow.
    #[serde(default)]
    pub par_to_mitigate: Option<SimTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    /// When, from minute 0.
    #[serde(default)]
    pub at: SimTime,
    /// Or how long before minute 0 (what led up to the page, when minute 0 is the detection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<SimTime>,
    pub kind: EventKind,
    pub text: String,
}

impl TimelineEvent {
    /// Seconds from minute 0, negative before it.
    pub fn offset_secs(&self) -> i64 {
        match self.before {
            Some(b) => -((b.ms() / 1000) as i64),
            None => (self.at.ms() / 1000) as i64,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventKind {
    Trigger,
    Alert,
    Symptom,
    Investigation,
    Escalation,
    Mitigation,
    Resolution,
    Communication,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Trigger,
        EventKind::Alert,
        EventKind::Symptom,
        EventKind::Investigation,
        EventKind::Escalation,
        EventKind::Mitigation,
        EventKind::Resolution,
        EventKind::Communication,
    ];

    /// The lower-case name used in scripts, records and timelines (`investigation`).
    pub fn name(self) -> &'static str {
        match self {
            EventKind::Trigger => "trigger",
            EventKind::Alert => "alert",
            EventKind::Symptom => "symptom",
            EventKind::Investigation => "investigation",
            EventKind::Escalation => "escalation",
            EventKind::Mitigation => "mitigation",
            EventKind::Resolution => "resolution",
            EventKind::Communication => "communication",
        }
    }
}

impl std::str::FromStr for EventKind {
    type Err = String;
    /// Case-insensitive: `Alert`, `alert`.
    fn from_str(s: &str) -> Result<Self, String> {
        EventKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<&str> = EventKind::ALL.iter().map(|k| k.name()).collect();
                format!("unknown timeline kind `{s}`: use {}", names.join(", "))
            })
    }
}

/// A time from the record, or one the scenario had to assume because the record has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordedTime {
    Known(SimTime),
    Assumed(SimTime),
    Unknown,
}

impl RecordedTime {
    pub fn value(self) -> Option<SimTime> {
        match self {
            RecordedTime::Known(t) | RecordedTime::Assumed(t) => Some(t),
            RecordedTime::Unknown => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Debrief {
    #[serde(default)]
    pub went_wrong: Vec<String>,
    #[serde(default)]
    pub went_right: Vec<String>,
    /// Where luck was on the team's side.
    #[serde(default)]
    pub lucky: Vec<String>,
    /// Where it was not.
    #[serde(default)]
    pub unlucky: Vec<String>,
    /// What could have prevented it.
    #[serde(default)]
    pub prevention: Vec<String>,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub text: String,
    pub kind: ActionItemKind,
    #[serde(default)]
    pub owner: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionItemKind {
    Prevent,
    Detect,
    Mitigate,
    Repair,
    Process,
    Other,
}
