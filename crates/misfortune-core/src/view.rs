//! The two views of a session. The game master sees everything; the trainee view is built by
//! copying only what has been revealed, so nothing hidden (root cause, GM notes, future injects,
//! the recorded timeline, unrevealed clues) can be reached from it.

use serde::Serialize;

use crate::model::*;
use crate::sim::{ClockState, FeedItem, PlayMode, Session};
use crate::time::SimTime;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeView {
    pub scenario_id: String,
    pub title: String,
    pub briefing: String,
    /// The time of day the session starts at ("13:42"), where known.
    pub starts_at: Option<String>,
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

fn kind_view(k: &ActionKind) -> KindView {
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
        stamp(self.starts_at.as_deref(), t)
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
            starts_at: sc.starts_at.clone(),
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

/// The candidates a guided trainee may choose from, once they wrote a hypothesis of their own,
/// shuffled from the session's seed.
fn candidate_views(s: &Session) -> Vec<CandidateView> {
    let hypothesis = s
        .diagnoses()
        .iter()
        .any(|d| d.text.as_deref().is_some_and(|t| !t.trim().is_empty()));
    if s.play_mode() != PlayMode::Guided || !hypothesis {
        return Vec::new();
    }
    let mut out: Vec<CandidateView> = s
        .scenario()
        .root_cause
        .candidates
        .iter()
        .map(|c| CandidateView {
            id: c.id.clone(),
            text: c.text.clone(),
        })
        .collect();
    shuffle(&mut out, s.seed());
    out
}

/// A Fisher-Yates shuffle from a ChaCha generator seeded by the session: the same session shows
/// the same order every time, different sessions different orders.
fn shuffle<T>(items: &mut [T], seed: u64) {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x005e_edca_4d1d_a7e5_u64);
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The change log up to `now`, oldest first.
fn change_views(sc: &Scenario, now: SimTime) -> Vec<ChangeView> {
    let mut out: Vec<ChangeView> = sc
        .changes
        .iter()
        .filter(|c| c.at.is_none_or(|t| t <= now))
        .map(|c| {
            let offset_secs = match (c.before, c.at) {
                (Some(b), _) => -((b.ms() / 1000) as i64),
                (None, Some(t)) => (t.ms() / 1000) as i64,
                (None, None) => 0,
            };
            let when = match (
                c.before,
                sc.starts_at.as_deref().and_then(parse_time_of_day),
            ) {
                (Some(b), None) => format!("-{b}"),
                (Some(b), Some(start)) => {
                    let mins = (i64::from(start) - (b.ms() / 60_000) as i64).rem_euclid(1440);
                    let ago = if b >= SimTime::from_mins(24 * 60) {
                        format!(" ({} days before)", b.ms() / 86_400_000)
                    } else {
                        String::new()
                    };
                    format!("{:02}:{:02}{ago}", mins / 60, mins % 60)
                }
                (None, _) => stamp(sc.starts_at.as_deref(), c.at.unwrap_or(SimTime::ZERO)),
            };
            ChangeView {
                offset_secs,
                when,
                service: c.service.clone(),
                text: c.text.clone(),
            }
        })
        .collect();
    out.sort_by_key(|c| c.offset_secs);
    out
}

/// The dashboards, metrics, logs and findings revealed so far, in the order they were.
fn revealed(s: &Session) -> (Vec<DashboardView>, Vec<LogView>, Vec<FindingView>) {
    let sc = s.scenario();
    let now = s.now();
    let series = |metric: &str| {
        let i = sc.metrics.iter().position(|m| m.id == metric)?;
        let m = &sc.metrics[i];
        Some(SeriesView {
            metric: m.id.clone(),
            name: m.name.clone(),
            unit: m.unit.clone(),
            points: s.series(i, SimTime::ZERO, now, VIEW_POINTS),
        })
    };
    let mut dashboards = Vec::new();
    let mut logs = Vec::new();
    let mut findings = Vec::new();
    for (at, r) in s.revealed() {
        match r {
            Reveal::Dashboard(id) => {
                if let Some(d) = sc.dashboard(id) {
                    dashboards.push(DashboardView {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        series: d.metrics.iter().filter_map(|m| series(m)).collect(),
                    });
                }
            }
            Reveal::Metric(id) => {
                if let Some(sv) = series(id) {
                    dashboards.push(DashboardView {
                        id: format!("metric:{id}"),
                        title: sv.name.clone(),
                        series: vec![sv],
                    });
                }
            }
            Reveal::Logs(id) => {
                if let Some(l) = sc.log_stream(id) {
                    let (all, total) = s.log_tail(id, now, VIEW_LOG_LINES);
                    let earlier = total - all.len();
                    logs.push(LogView {
                        id: l.id.clone(),
                        name: l.name.clone(),
                        service: l.service.clone(),
                        earlier,
                        lines: all
                            .into_iter()
                            .map(|e| LogLineView {
                                at: e.at,
                                level: e.level,
                                text: e.text,
                            })
                            .collect(),
                    });
                }
            }
            Reveal::Clue(id) => {
                if let Some(c) = sc.clue(id) {
                    findings.push(FindingView {
                        at: *at,
                        text: c.text.clone(),
                    });
                }
            }
        }
    }
    (dashboards, logs, findings)
}

/// The alerts that have fired at least once.
fn alert_views(s: &Session) -> Vec<AlertView> {
    let sc = s.scenario();
    sc.alerts
        .iter()
        .zip(s.alerts())
        .filter(|(_, st)| st.since.is_some())
        .map(|(a, st)| AlertView {
            id: a.id.clone(),
            name: a.name.clone(),
            severity: a.severity,
            service: a.service.clone(),
            summary: a.summary.clone(),
            firing: st.firing,
            since: st.since,
            acked: st.acked.is_some(),
            pages: a.pages,
        })
        .collect()
}

/// The services, each coloured by the worst alert firing on it.
fn service_views(sc: &Scenario, alerts: &[AlertView]) -> Vec<ServiceView> {
    let health = |svc: &str| {
        let worst = alerts
            .iter()
            .filter(|a| a.firing && a.service == svc)
            .map(|a| a.severity)
            .max();
        match worst {
            Some(Severity::Critical) => Health::Down,
            Some(Severity::Warning) => Health::Degraded,
            _ => Health::Healthy,
        }
    };
    sc.services
        .iter()
        .map(|sv| ServiceView {
            id: sv.id.clone(),
            name: sv.name.clone(),
            description: sv.description.clone(),
            depends_on: sv.depends_on.clone(),
            owner: sv.owner.clone(),
            health: health(&sv.id),
        })
        .collect()
}

fn message_views(s: &Session) -> Vec<MessageView> {
    let sc = s.scenario();
    let persona_name = |id: &str| {
        sc.persona(id)
            .map(|p| (p.name.clone(), p.role.clone()))
            .unwrap_or_else(|| (id.to_string(), String::new()))
    };
    s.messages()
        .iter()
        .map(|m| {
            let (from, role) = persona_name(&m.from);
            MessageView {
                at: m.at,
                from,
                role,
                text: m.text.clone(),
            }
        })
        .collect()
}

fn taken_views(s: &Session) -> Vec<TakenView> {
    let sc = s.scenario();
    s.taken()
        .iter()
        .filter_map(|t| {
            let a = sc.action(&t.action)?;
            Some(TakenView {
                id: a.id.clone(),
                label: a.label.clone(),
                start: t.start,
                end: t.end,
                done: t.done,
                result: if t.done { a.result.clone() } else { None },
            })
        })
        .collect()
}

/// What the game master sees besides the trainee view: the whole truth and what is coming.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GmView {
    pub trainee: TraineeView,
    pub root_cause: RootCause,
    pub gm_notes: Vec<String>,
    /// Injects not fired yet, with when they will fire (None: held or waiting on a condition).
    pub upcoming: Vec<UpcomingInject>,
    pub fired: Vec<(SimTime, String)>,
    pub unrevealed_clues: Vec<Clue>,
    /// Dashboards, metrics and logs the trainee cannot see yet, with their titles.
    pub unrevealed_telemetry: Vec<(Reveal, String)>,
    pub next_hint: Option<Hint>,
    pub mitigated_at: Option<SimTime>,
    pub impact_so_far: f64,
    pub impact_unit: String,
    pub recorded: Recorded,
    pub feed: Vec<FeedItem>,
    /// The live score, as it would stand if the session ended now.
    pub score: crate::score::Score,
    /// What the trainee said that matched no action, newest last: the game master rules on
    /// each (take an action for them, answer as a persona, or let it stand).
    pub unmatched: Vec<(SimTime, String)>,
    /// Every action, for ruling on an unmatched line.
    pub all_actions: Vec<ActionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpcomingInject {
    pub id: String,
    pub when: Trigger,
    /// When it fires, in words with names.
    pub when_text: String,
    pub gm_note: Option<String>,
    pub summary: String,
}

impl GmView {
    pub fn of(s: &Session) -> GmView {
        Self::with_trainee(s, TraineeView::of(s))
    }

    /// The game master's view around an already built trainee view of the same session.
    pub fn with_trainee(s: &Session, trainee: TraineeView) -> GmView {
        let sc = s.scenario();
        GmView {
            trainee,
            root_cause: sc.root_cause.clone(),
            gm_notes: sc.gm_notes.clone(),
            upcoming: sc
                .injects
                .iter()
                .filter(|i| !s.has_fired(&i.id))
                .map(|i| UpcomingInject {
                    id: i.id.clone(),
                    when: i.when.clone(),
                    when_text: trigger_words(sc, &i.when),
                    gm_note: i.gm_note.clone(),
                    summary: summarise(sc, &i.effects),
                })
                .collect(),
            fired: s.fired().to_vec(),
            unrevealed_telemetry: sc
                .dashboards
                .iter()
                .map(|d| {
                    (
                        Reveal::Dashboard(d.id.clone()),
                        format!("dashboard: {}", d.title),
                    )
                })
                .chain(
                    sc.logs
                        .iter()
                        .map(|l| (Reveal::Logs(l.id.clone()), format!("logs: {}", l.name))),
                )
                .chain(
                    sc.metrics
                        .iter()
                        .map(|m| (Reveal::Metric(m.id.clone()), format!("metric: {}", m.name))),
                )
                .filter(|(r, _)| !s.is_revealed(r))
                .collect(),
            unrevealed_clues: sc
                .clues
                .iter()
                .filter(|c| !s.is_revealed(&Reveal::Clue(c.id.clone())))
                .cloned()
                .collect(),
            next_hint: sc.hints.get(s.hints_given().len()).cloned(),
            mitigated_at: s.mitigated_at(),
            impact_so_far: s.impact_total(s.now()),
            impact_unit: sc.impact.unit.clone(),
            recorded: sc.recorded.clone(),
            feed: s.feed().to_vec(),
            score: crate::score::score(s),
            unmatched: s.unmatched().to_vec(),
            all_actions: sc
                .actions
                .iter()
                .map(|a| ActionView {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    kind: kind_view(&a.kind),
                    cost: a.cost,
                    used: false,
                })
                .collect(),
        }
    }
}

/// When an inject fires, in words with names.
fn trigger_words(sc: &Scenario, t: &Trigger) -> String {
    match t {
        Trigger::At(at) => format!("at {}", at.clock()),
        Trigger::AfterAction { action, delay } => format!(
            "{delay} after the trainee's \"{}\"",
            sc.action(action)
                .map_or(action.as_str(), |a| a.label.as_str())
        ),
        Trigger::AfterInject { inject, delay } => {
            format!("{delay} after \"{}\"", inject.replace('-', " "))
        }
        Trigger::IfNotMitigated { by } => format!("at {} unless mitigated", by.clock()),
        Trigger::Held => "held for you".into(),
    }
}

/// What an inject does, in plain words with names, for the game master: "the alert Checkout
/// error rate fires; Proxy CPU changes course; Lena Fischer writes: Tickets are pouring in...".
fn summarise(sc: &Scenario, effects: &[Effect]) -> String {
    let alert = |id: &str| {
        sc.alerts
            .iter()
            .find(|a| a.id == id)
            .map_or(id, |a| a.name.as_str())
            .to_string()
    };
    let short = |t: &str| {
        let c: String = t.chars().take(60).collect();
        if c.len() < t.len() {
            format!("{c}...")
        } else {
            c
        }
    };
    effects
        .iter()
        .map(|e| match e {
            Effect::FireAlert(a) => format!("the alert \"{}\" fires", alert(a)),
            Effect::ResolveAlert(a) => format!("the alert \"{}\" clears", alert(a)),
            Effect::Metric { metric, .. } => format!(
                "{} changes course",
                sc.metric(metric)
                    .map_or(metric.as_str(), |m| m.name.as_str())
            ),
            Effect::Log { stream, text, .. } => format!(
                "a line in {}: {}",
                sc.log_stream(stream)
                    .map_or(stream.as_str(), |l| l.name.as_str()),
                short(text)
            ),
            Effect::Message { from, text } => format!(
                "{} writes: {}",
                sc.persona(from).map_or(from.as_str(), |p| p.name.as_str()),
                short(text)
            ),
            Effect::Reveal(r) => format!(
                "shows {}",
                match r {
                    Reveal::Dashboard(id) => sc
                        .dashboard(id)
                        .map_or(id.clone(), |d| format!("the dashboard {}", d.title)),
                    Reveal::Metric(id) => sc
                        .metric(id)
                        .map_or(id.clone(), |m| format!("the metric {}", m.name)),
                    Reveal::Logs(id) => sc
                        .log_stream(id)
                        .map_or(id.clone(), |l| format!("the log {}", l.name)),
                    Reveal::Clue(id) => sc.clue(id).map_or(id.clone(), |c| format!(
                        "the finding \"{}\"",
                        short(&c.text)
                    )),
                }
            ),
            Effect::WorsenImpact(f) => format!("the impact grows x{f}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
