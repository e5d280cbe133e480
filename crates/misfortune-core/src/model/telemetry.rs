//! What the trainee can observe: metrics and their shapes, dashboards, logs, alerts, and the
//! impact the incident does.

use serde::{Deserialize, Serialize};

use crate::time::SimTime;

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
    /// `{n}` is replaced by the repetition number, `{ms}` by a seeded number of milliseconds, and
    /// `{a|b|c}` by one of its alternatives, picked per repetition from the session's seed.
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
    /// The metric the alert watches and the level it fires at: drawn on that metric's charts,
    /// as a monitoring dashboard draws its alert thresholds. (Injects still decide when it fires.)
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub threshold: Option<f64>,
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

/// One entry of the change log. A change made before the session starts says how long `before`;
/// one made during it says `at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    #[serde(default)]
    pub at: Option<SimTime>,
    #[serde(default)]
    pub before: Option<SimTime>,
    pub service: String,
    /// What changed, as the deploy tool or the config history would show it (not why it matters).
    pub text: String,
}
