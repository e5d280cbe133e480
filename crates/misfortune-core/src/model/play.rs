//! What happens and what the trainee can do: injects, their triggers and effects, actions,
//! requirements, reveals and clues.

use serde::{Deserialize, Serialize};

use crate::time::SimTime;

use super::{Level, Shape};

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
    /// Fires on its own only if all of these have happened by then (the world reacts to what
    /// the trainee did: narrate only a restart the trainee started).
    #[serde(default)]
    pub only_if: Vec<Requirement>,
    /// Does not fire on its own if any of these has happened by then (no "pick a restore
    /// source" once one was picked, no pressure once the impact is over).
    #[serde(default)]
    pub unless: Vec<Requirement>,
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
    /// How a trainee might say this in their own words ("roll back the waf rule"); the label and
    /// the id are matched too. See `misfortune match`.
    #[serde(default)]
    pub phrases: Vec<String>,
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

impl Action {
    /// Status updates can be posted again and again; every other action is taken once.
    pub fn repeatable(&self) -> bool {
        self.kind == ActionKind::Communicate(Communicate::StatusUpdate)
    }
}
