//! What a trainee's times are measured against (a record, an assumption, the real team's
//! timeline, or a par) and how the score says which.

use super::mins;
use crate::model::{RecordedTime, Scenario};
use crate::time::SimTime;

/// A time read from the recorded timeline: an event the scenario marks "(minute assumed)" is an
/// assumption, and the score says so.
pub(super) fn timeline_reference(sc: &Scenario, t: SimTime) -> Reference {
    let assumed = sc
        .recorded
        .timeline
        .iter()
        .filter(|e| e.at == t)
        .any(|e| e.text.to_lowercase().contains("assumed"));
    if assumed || sc.based_on.is_none() {
        Reference::Assumed(t)
    } else {
        Reference::Timeline(t)
    }
}

/// What a trainee's time is measured against, and how the score says so.
#[derive(Debug, Clone, Copy)]
pub(super) enum Reference {
    /// A time the record gives.
    Recorded(SimTime),
    /// A time the scenario's author assumed, where the record gives none.
    Assumed(SimTime),
    /// Where the real team's timeline puts it.
    Timeline(SimTime),
    /// The scenario's declared par, a fair target where the real team was slow.
    Par(SimTime),
}

impl Reference {
    pub(super) fn time(self) -> SimTime {
        match self {
            Reference::Recorded(t)
            | Reference::Assumed(t)
            | Reference::Timeline(t)
            | Reference::Par(t) => t,
        }
    }

    pub(super) fn words(self) -> String {
        match self {
            Reference::Recorded(t) => format!("the real team took {}", mins(t)),
            Reference::Assumed(t) => format!(
                "the scenario assumes {} (the record gives no time)",
                mins(t)
            ),
            Reference::Timeline(t) => {
                format!("the real team's timeline puts it at {}", mins(t))
            }
            Reference::Par(t) => format!("par is {}", mins(t)),
        }
    }

    pub(super) fn of(t: RecordedTime) -> Option<Reference> {
        match t {
            RecordedTime::Known(t) => Some(Reference::Recorded(t)),
            RecordedTime::Assumed(t) => Some(Reference::Assumed(t)),
            RecordedTime::Unknown => None,
        }
    }
}
