//! The scenario model: one RON file under `scenarios/` is one [`Scenario`].
//!
//! Every struct refuses unknown fields, so a typo in a scenario file is an error, not a silently
//! ignored line. See `docs/scenario-format.md` for the annotated reference.

use serde::{Deserialize, Serialize};

use crate::time::SimTime;

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub service: String,
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    /// Amplitude of the random jitter around the shape (same unit), seeded per session.
    #[serde(default)]
    pub noise: f64,
    /// Lower/upper bounds the value is clamped to (for example 0 and 100 for a percentage).
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    /// How the metric moves over time, in time order, from the baseline at 0.
    #[serde(default)]
    pub shape: Vec<ShapeChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeChange {
    pub at: SimTime,
    pub change: Shape,
}

/// A change in a metric's course, starting from the value it has when the change begins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Shape {
    /// Hold the current value.
    Steady,
    /// Jump at once.
    Step { to: f64 },
    /// Move linearly.
    Ramp { to: f64, over: SimTime },
    /// Jump to a peak, then decay back to the value before the spike (half-life `decay`).
    Spike { peak: f64, decay: SimTime },
    /// Climb towards a ceiling and flatten against it (63% of the way after `over`).
    Saturate { ceiling: f64, over: SimTime },
    /// Change the jitter amplitude from now on.
    Noise { amplitude: f64 },
    /// Go back to the baseline linearly.
    Recover { over: SimTime },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dashboard {
    pub id: String,
    pub title: String,
    pub metrics: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogStream {
    pub id: String,
    pub service: String,
    pub name: String,
    #[serde(default)]
    pub lines: Vec<LogLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogLine {
    pub at: SimTime,
    pub level: Level,
    /// `{n}` is replaced by the repetition number, `{ms}` by a seeded number of milliseconds.
    pub text: String,
    /// Repeat the line this often...
    #[serde(default)]
    pub every: Option<SimTime>,
    /// ...until this time (default: the scenario's end).
    #[serde(default)]
    pub until: Option<SimTime>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub service: String,
    pub summary: String,
    /// Whether firing pages the on-call (who must acknowledge).
    #[serde(default = "yes")]
    pub pages: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

/// The harm the incident does while it lasts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    pub description: String,
    /// When users start to be hurt.
    #[serde(default)]
    pub starts: SimTime,
    /// How many users (or customers, or requests a minute: see `unit`) are affected at full impact.
    pub affected: u64,
    #[serde(default = "users")]
    pub unit: String,
}

fn users() -> String {
    "users".into()
}

/// Something that happens in the world: on a timer, after a trainee action, if the trainee is
/// too slow, or when the game master plays it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub when: Trigger,
    pub effects: Vec<Effect>,
    /// What the game master should know about this inject.
    #[serde(default)]
    pub gm_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Trigger {
    /// At a fixed time.
    At(SimTime),
    /// When the trainee's action completes, plus a delay.
    AfterAction {
        action: String,
        #[serde(default)]
        delay: SimTime,
    },
    /// When another inject fires, plus a delay.
    AfterInject {
        inject: String,
        #[serde(default)]
        delay: SimTime,
    },
    /// At `by`, unless a mitigation has ended the impact by then.
    IfNotMitigated { by: SimTime },
    /// Never on its own: the game master plays it by hand.
    Held,
}

/// What an inject or an action does to the world or shows to the trainee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Effect {
    FireAlert(String),
    ResolveAlert(String),
    /// A metric changes course from now.
    Metric {
        metric: String,
        change: Shape,
    },
    /// One log line appears now.
    Log {
        stream: String,
        level: Level,
        text: String,
    },
    /// A persona writes to the trainee.
    Message {
        from: String,
        text: String,
    },
    /// Something becomes visible to the trainee.
    Reveal(Reveal),
    /// Impact is multiplied (a harmful action makes things worse: 1.5 = 50% more users hurt).
    WorsenImpact(f64),
}

/// Things that start hidden from the trainee and can be revealed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Reveal {
    Dashboard(String),
    Metric(String),
    Logs(String),
    Clue(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    /// What the trainee sees in the action palette.
    pub label: String,
    pub kind: ActionKind,
    /// Simulated time the action takes.
    pub cost: SimTime,
    /// The action is offered only once all of these have happened.
    #[serde(default)]
    pub requires: Vec<Requirement>,
    #[serde(default)]
    pub reveals: Vec<Reveal>,
    /// What the trainee is told when the action completes.
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// This action ends the impact, this long after it completes.
    #[serde(default)]
    pub mitigates: Option<SimTime>,
    /// Makes things worse (scored against).
    #[serde(default)]
    pub harmful: bool,
    /// Looks useful, leads nowhere (scored as unfocused investigation).
    #[serde(default)]
    pub red_herring: bool,
    #[serde(default)]
    pub gm_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionKind {
    Investigate,
    Mitigate,
    Communicate(Communicate),
    /// Page or pull in a persona.
    Escalate(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Communicate {
    /// Declare an incident (open the channel, name an incident commander).
    Declare,
    /// Post a status update to stakeholders.
    StatusUpdate,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Requirement {
    Action(String),
    Clue(String),
    Inject(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clue {
    pub id: String,
    /// What the trainee learns.
    pub text: String,
}

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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEvent {
    pub at: SimTime,
    pub kind: EventKind,
    pub text: String,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub text: String,
    /// Points taken off the score when the hint is given.
    pub cost: u32,
}

/// How much each part of the score weighs (points out of the sum of all weights, scaled to 100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub diagnosis: u32,
    pub acknowledge: u32,
    pub time_to_diagnose: u32,
    pub time_to_mitigate: u32,
    pub harm: u32,
    pub focus: u32,
    pub communication: u32,
    pub timeline: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            diagnosis: 25,
            acknowledge: 5,
            time_to_diagnose: 10,
            time_to_mitigate: 25,
            harm: 10,
            focus: 10,
            communication: 10,
            timeline: 5,
        }
    }
}

impl Weights {
    pub fn total(&self) -> u32 {
        self.diagnosis
            + self.acknowledge
            + self.time_to_diagnose
            + self.time_to_mitigate
            + self.harm
            + self.focus
            + self.communication
            + self.timeline
    }
}

impl Action {
    /// Status updates can be posted again and again; every other action is taken once.
    pub fn repeatable(&self) -> bool {
        self.kind == ActionKind::Communicate(Communicate::StatusUpdate)
    }
}

impl Scenario {
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
