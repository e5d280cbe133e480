//! The two views of a session. The game master sees everything; the trainee view is built by
//! copying only what has been revealed, so nothing hidden (root cause, GM notes, future injects,
//! the recorded timeline, unrevealed clues) can be reached from it.

use serde::Serialize;

use crate::model::*;
use crate::sim::{ClockState, FeedItem, PlayMode, Session};
use crate::time::SimTime;

mod gm;
mod parts;

pub use gm::{GmView, UpcomingInject};
use parts::{
    alert_views, candidate_views, change_views, message_views, revealed, service_views, taken_views,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeView {
    pub scenario_id: String,
    pub title: String,
    pub briefing: String,
    /// The time of day the session starts at, in minutes after midnight, where known.
    pub starts_at: Option<u32>,
    pub now: SimTime,
    pub ended: bool,
    pub clock: ClockState,
    pub busy_until: SimTime,
    pub personas: Vec<PersonaView>,
    pub services: Vec<ServiceView>,
    pub alerts: Vec<AlertView>,
    pub dashboards: Vec<DashboardView>,
    pub logs: Vec<LogView>,
    pub messages: Vec<MessageView>,
    /// Recall (the trainee says what they do) or guided (the palette below).
    pub play_mode: PlayMode,
    /// Guided play: the actions the trainee can take now. Empty in recall play: the trainee
    /// says what they do in their own words.
    pub actions: Vec<ActionView>,
    /// Actions taken, with their results once done.
    pub taken: Vec<TakenView>,
    pub findings: Vec<FindingView>,
    /// The change log as far as the clock has come, oldest first.
    pub changes: Vec<ChangeView>,
    /// Guided play, once the trainee has written a hypothesis of their own: the multiple-choice
    /// answers, in an order shuffled per session (the file's order, where the right one may sit,
    /// is never shown). Empty in recall play: the diagnosis is free text.
    pub candidates: Vec<CandidateView>,
    pub hints: Vec<String>,
    pub hints_left: usize,
    pub notes: Vec<(SimTime, String)>,
    pub own_timeline: Vec<TimelineEvent>,
    pub diagnoses: Vec<DiagnosisView>,
    pub feed: Vec<FeedItem>,
}

/// One entry of the change log, as the trainee reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeView {
    /// Seconds from the session's start (negative: before it).
    pub offset_secs: i64,
    /// When, as the room reads it (the time of day, or `-20m` before the start when unknown).
    pub when: String,
    pub service: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonaView {
    pub id: String,
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    Healthy,
    Degraded,
    Down,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub depends_on: Vec<String>,
    pub owner: Option<String>,
    /// From the alerts firing on it.
    pub health: Health,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertView {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub service: String,
    pub summary: String,
    pub firing: bool,
    pub since: Option<SimTime>,
    pub acked: bool,
    pub pages: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesView {
    pub metric: String,
    pub name: String,
    pub unit: String,
    pub points: Vec<(SimTime, f64)>,
    /// The alerts that watch this metric: (level, alert name).
    pub thresholds: Vec<(f64, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DashboardView {
    pub id: String,
    pub title: String,
    pub series: Vec<SeriesView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogView {
    pub id: String,
    pub name: String,
    pub service: String,
    /// The most recent lines (at most [`VIEW_LOG_LINES`]).
    pub lines: Vec<LogLineView>,
    /// How many earlier lines are left out.
    pub earlier: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogLineView {
    pub at: SimTime,
    pub level: Level,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageView {
    pub at: SimTime,
    pub from: String,
    pub role: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KindView {
    Investigate,
    Mitigate,
    Communicate,
    Escalate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionView {
    pub id: String,
    pub label: String,
    pub kind: KindView,
    pub cost: SimTime,
    /// Already taken (and not repeatable): shown greyed where it was, so nothing moves under the
    /// cursor.
    #[serde(default)]
    pub used: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TakenView {
    pub id: String,
    pub label: String,
    pub start: SimTime,
    pub end: SimTime,
    pub done: bool,
    pub result: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingView {
    pub at: SimTime,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateView {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosisView {
    pub at: SimTime,
    pub candidate: Option<String>,
    pub text: Option<String>,
}

/// How many points a dashboard series holds at most in a view.
pub const VIEW_POINTS: usize = 720;
/// How many of a log's most recent lines a view holds.
pub const VIEW_LOG_LINES: usize = 2000;

pub(crate) fn kind_view(k: &ActionKind) -> KindView {
    match k {
        ActionKind::Investigate => KindView::Investigate,
        ActionKind::Mitigate => KindView::Mitigate,
        ActionKind::Communicate(_) => KindView::Communicate,
        ActionKind::Escalate(_) => KindView::Escalate,
    }
}

impl TraineeView {
    /// A moment as the room reads it: the time of day where the start is known (`13:54:07`),
    /// else the elapsed time (`T+12:07`).
    pub fn stamp(&self, t: SimTime) -> String {
        stamp_from(self.starts_at, t)
    }

    /// A time of day (or elapsed time) to the minute, for lists.
    pub fn short_stamp(&self, t: SimTime) -> String {
        let s = self.stamp(t);
        if self.starts_at.is_some() {
            s[..5].to_string()
        } else {
            s
        }
    }

    /// Build the redacted view of a session: only what the trainee has been shown.
    pub fn of(s: &Session) -> TraineeView {
        let sc = s.scenario();
        let now = s.now();
        let (dashboards, logs, findings) = revealed(s);
        let alerts = alert_views(s);
        TraineeView {
            scenario_id: sc.id.clone(),
            title: sc.title.clone(),
            briefing: sc.briefing.clone(),
            starts_at: sc.starts_at.as_deref().and_then(parse_time_of_day),
            now,
            ended: s.is_ended(),
            clock: s.clock(),
            busy_until: s.busy_until(),
            personas: sc
                .personas
                .iter()
                .map(|p| PersonaView {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    role: p.role.clone(),
                })
                .collect(),
            services: service_views(sc, &alerts),
            alerts,
            dashboards,
            logs,
            messages: message_views(s),
            play_mode: s.play_mode(),
            actions: sc
                .actions
                .iter()
                .filter(|_| s.play_mode() == PlayMode::Guided)
                .filter(|a| s.available(a) || s.is_taken(&a.id))
                .map(|a| ActionView {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    kind: kind_view(&a.kind),
                    cost: a.cost,
                    used: s.is_taken(&a.id) && !a.repeatable(),
                })
                .collect(),
            taken: taken_views(s),
            findings,
            changes: change_views(sc, now),
            candidates: candidate_views(s),
            hints: s
                .hints_given()
                .iter()
                .filter_map(|(_, i)| sc.hints.get(*i).map(|h| h.text.clone()))
                .collect(),
            hints_left: sc.hints.len() - s.hints_given().len(),
            notes: s.notes().to_vec(),
            own_timeline: s.own_timeline(),
            diagnoses: s
                .diagnoses()
                .iter()
                .map(|d| DiagnosisView {
                    at: d.at,
                    candidate: d.candidate.clone(),
                    text: d.text.clone(),
                })
                .collect(),
            feed: s.feed().iter().filter(|f| f.trainee).cloned().collect(),
        }
    }
}
