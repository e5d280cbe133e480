//! Hints and the score's weights.

use serde::{Deserialize, Serialize};

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
