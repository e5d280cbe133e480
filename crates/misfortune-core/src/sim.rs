//! The session: a scenario played on a simulated clock. Commands from the trainee and the game
//! master change it; timed and conditional injects fire as the clock passes their time. Given the
//! same scenario, seed and commands, a session is the same, byte for byte.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::model::*;
use crate::time::SimTime;

/// Who issued a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Actor {
    Trainee,
    Gm,
}

/// Everything a trainee or a game master can do to a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Acknowledge the page (every firing paging alert).
    Ack,
    /// Take an action from the palette.
    Take {
        action: String,
    },
    Note {
        text: String,
    },
    /// An entry in the trainee's own incident timeline.
    TimelineEntry {
        at: SimTime,
        kind: EventKind,
        text: String,
    },
    /// A diagnosis: a candidate, free text, or both.
    Diagnose {
        #[serde(default)]
        candidate: Option<String>,
        #[serde(default)]
        text: Option<String>,
    },
    DeclareMitigated,
    DeclareResolved,
    /// Game master: show something to the trainee now.
    Reveal {
        what: Reveal,
    },
    /// Game master: fire an inject now (held or not yet fired).
    PlayInject {
        inject: String,
    },
    /// Game master: write to the trainee as a persona.
    SendMessage {
        from: String,
        text: String,
    },
    /// Give the next hint (costs points).
    GiveHint,
    Pause,
    Resume,
    Speed {
        factor: u32,
    },
    /// Move the clock forward.
    Jump {
        by: SimTime,
    },
    End,
}

impl Command {
    /// Commands that only the game master issues in a team session.
    pub fn is_gm_only(&self) -> bool {
        matches!(
            self,
            Command::Reveal { .. } | Command::PlayInject { .. } | Command::SendMessage { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
pub enum CommandError {
    #[error("the session has ended")]
    Ended,
    #[error("no action `{0}`")]
    UnknownAction(String),
    #[error("`{0}` is not available yet")]
    NotAvailable(String),
    #[error("`{0}` has already been taken")]
    AlreadyTaken(String),
    #[error("no candidate `{0}`")]
    UnknownCandidate(String),
    #[error("a diagnosis needs a candidate or some text")]
    EmptyDiagnosis,
    #[error("no inject `{0}`")]
    UnknownInject(String),
    #[error("inject `{0}` has already fired")]
    AlreadyFired(String),
    #[error("no persona `{0}`")]
    UnknownPersona(String),
    #[error("nothing called `{0}` can be revealed")]
    UnknownReveal(String),
    #[error("no hints left")]
    NoHints,
    #[error("nothing is paging")]
    NothingToAck,
    #[error("speed must be 1 to 1000")]
    BadSpeed,
    #[error("text is empty")]
    EmptyText,
}

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
enum Pending {
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

/// A scenario being played.
#[derive(Debug, Clone)]
pub struct Session {
    sc: Arc<Scenario>,
    seed: u64,
    /// Drawn once from the seeded ChaCha generator; all noise derives from it.
    noise_key: u64,
    now: SimTime,
    pub clock: ClockState,
    queue: BTreeMap<(SimTime, u64), Pending>,
    seq: u64,
    pub alerts: Vec<AlertState>,
    pub revealed: Vec<(SimTime, Reveal)>,
    revealed_set: HashSet<Reveal>,
    pub fired: Vec<(SimTime, String)>,
    fired_set: HashSet<usize>,
    metric_changes: Vec<Vec<(SimTime, Shape)>>,
    noise_changes: Vec<Vec<(SimTime, f64)>>,
    pub extra_logs: Vec<LogEntry>,
    pub messages: Vec<MessageItem>,
    pub taken: Vec<TakenAction>,
    busy_until: SimTime,
    pub mitigated_at: Option<SimTime>,
    /// (from, multiplier) steps of the impact rate.
    impact_factors: Vec<(SimTime, f64)>,
    pub diagnoses: Vec<DiagnosisItem>,
    pub notes: Vec<(SimTime, String)>,
    pub own_timeline: Vec<TimelineEvent>,
    pub hints_given: Vec<(SimTime, usize)>,
    pub first_page: Option<SimTime>,
    pub acked: Option<SimTime>,
    pub declared: Option<SimTime>,
    pub status_updates: Vec<SimTime>,
    pub escalations: Vec<(SimTime, String)>,
    pub declared_mitigated: Option<SimTime>,
    pub declared_resolved: Option<SimTime>,
    pub ended: Option<SimTime>,
    pub phases_passed: Vec<usize>,
    pub feed: Vec<FeedItem>,
}

/// How often dashboards sample a metric by default.
pub const SAMPLE_STEP: SimTime = SimTime::from_secs(1);

impl Session {
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Session {
        let sc = scenario;
        let mut s = Session {
            seed,
            noise_key: ChaCha8Rng::seed_from_u64(seed).next_u64(),
            now: SimTime::ZERO,
            clock: ClockState {
                paused: false,
                speed: 1,
            },
            queue: BTreeMap::new(),
            seq: 0,
            alerts: vec![
                AlertState {
                    firing: false,
                    since: None,
                    acked: None,
                    fired_count: 0
                };
                sc.alerts.len()
            ],
            revealed: Vec::new(),
            revealed_set: HashSet::new(),
            fired: Vec::new(),
            fired_set: HashSet::new(),
            metric_changes: sc
                .metrics
                .iter()
                .map(|m| {
                    m.shape
                        .iter()
                        .filter(|c| !matches!(c.change, Shape::Noise { .. }))
                        .map(|c| (c.at, c.change.clone()))
                        .collect()
                })
                .collect(),
            noise_changes: sc
                .metrics
                .iter()
                .map(|m| {
                    let mut v = vec![(SimTime::ZERO, m.noise)];
                    v.extend(m.shape.iter().filter_map(|c| match c.change {
                        Shape::Noise { amplitude } => Some((c.at, amplitude)),
                        _ => None,
                    }));
                    v
                })
                .collect(),
            extra_logs: Vec::new(),
            messages: Vec::new(),
            taken: Vec::new(),
            busy_until: SimTime::ZERO,
            mitigated_at: None,
            impact_factors: vec![(SimTime::ZERO, 1.0)],
            diagnoses: Vec::new(),
            notes: Vec::new(),
            own_timeline: Vec::new(),
            hints_given: Vec::new(),
            first_page: None,
            acked: None,
            declared: None,
            status_updates: Vec::new(),
            escalations: Vec::new(),
            declared_mitigated: None,
            declared_resolved: None,
            ended: None,
            phases_passed: Vec::new(),
            feed: Vec::new(),
            sc,
        };
        let sc = s.sc.clone();
        for (i, inj) in sc.injects.iter().enumerate() {
            match inj.when {
                Trigger::At(t) => s.schedule(t, Pending::Inject(i)),
                Trigger::IfNotMitigated { by } => s.schedule(by, Pending::Inject(i)),
                _ => {}
            }
        }
        for (i, ph) in sc.phases.iter().enumerate() {
            s.schedule(ph.from, Pending::Phase(i));
        }
        let end = s.sc.duration;
        s.schedule(end, Pending::End);
        s.advance_to(SimTime::ZERO);
        s
    }

    pub fn scenario(&self) -> &Scenario {
        &self.sc
    }
    pub fn scenario_arc(&self) -> &Arc<Scenario> {
        &self.sc
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn now(&self) -> SimTime {
        self.now
    }
    pub fn is_ended(&self) -> bool {
        self.ended.is_some()
    }
    /// When the trainee's queued actions are all done.
    pub fn busy_until(&self) -> SimTime {
        self.busy_until
    }

    fn schedule(&mut self, at: SimTime, p: Pending) {
        self.seq += 1;
        self.queue.insert((at, self.seq), p);
    }

    fn feed(&mut self, kind: FeedKind, text: impl Into<String>, trainee: bool) {
        self.feed.push(FeedItem {
            at: self.now,
            kind,
            text: text.into(),
            trainee,
        });
    }

    /// The time of the next thing that will happen on its own, if any.
    pub fn next_event(&self) -> Option<SimTime> {
        self.queue.keys().next().map(|k| k.0)
    }

    /// Let simulated time pass up to `t`, firing everything due on the way.
    pub fn advance_to(&mut self, t: SimTime) {
        let mut target = t.min(self.sc.duration);
        if self.ended.is_some() {
            return;
        }
        while let Some((&(at, seq), _)) = self.queue.iter().next() {
            if at > target {
                break;
            }
            let p = self.queue.remove(&(at, seq)).expect("present");
            self.now = self.now.max(at);
            match p {
                Pending::Inject(i) => self.fire_inject(i, false),
                Pending::ActionDone(k) => self.complete_action(k),
                Pending::Phase(i) => {
                    let ph = self.sc.phases[i].clone();
                    self.phases_passed.push(i);
                    self.feed(
                        FeedKind::Phase,
                        format!("Time passes ({} to {}): {}", ph.from, ph.to, ph.summary),
                        true,
                    );
                    target = target.max(ph.to.min(self.sc.duration));
                }
                Pending::End => {
                    self.end_session();
                    return;
                }
            }
        }
        self.now = self.now.max(target);
    }

    /// Let `d` of simulated time pass.
    pub fn advance_by(&mut self, d: SimTime) {
        let t = self.now + d;
        self.advance_to(t);
    }

    fn end_session(&mut self) {
        if self.ended.is_none() {
            self.ended = Some(self.now);
            self.feed(
                FeedKind::End,
                format!("The session ends at {}", self.now.clock()),
                true,
            );
        }
    }

    fn fire_inject(&mut self, i: usize, by_gm: bool) {
        if self.fired_set.contains(&i) {
            return;
        }
        let inj = self.sc.injects[i].clone();
        if let Trigger::IfNotMitigated { by } = inj.when
            && !by_gm
            && self.mitigated_at.is_some_and(|m| m <= by)
        {
            return;
        }
        self.fired_set.insert(i);
        self.fired.push((self.now, inj.id.clone()));
        self.feed(
            FeedKind::Inject,
            format!(
                "inject `{}` fired{}",
                inj.id,
                if by_gm {
                    " (played by the game master)"
                } else {
                    ""
                }
            ),
            false,
        );
        for e in &inj.effects {
            self.apply(e);
        }
        let sc = self.sc.clone();
        for (j, other) in sc.injects.iter().enumerate() {
            if let Trigger::AfterInject { inject, delay } = &other.when
                && inject == &inj.id
                && !self.fired_set.contains(&j)
            {
                let at = self.now + *delay;
                self.schedule(at, Pending::Inject(j));
            }
        }
    }

    fn complete_action(&mut self, k: usize) {
        self.taken[k].done = true;
        let id = self.taken[k].action.clone();
        let Some(action) = self.sc.action(&id).cloned() else {
            return;
        };
        self.feed(
            FeedKind::ActionDone,
            format!(
                "{}: {}",
                action.label,
                action.result.as_deref().unwrap_or("done.")
            ),
            true,
        );
        for r in &action.reveals {
            self.reveal(r.clone());
        }
        for e in &action.effects {
            self.apply(e);
        }
        if let Some(delay) = action.mitigates {
            let at = self.now + delay;
            if self.mitigated_at.is_none_or(|m| at < m) {
                self.mitigated_at = Some(at);
                self.feed(
                    FeedKind::Metric,
                    format!("`{}` will end the impact at {}", action.id, at.clock()),
                    false,
                );
            }
        }
        match &action.kind {
            ActionKind::Communicate(Communicate::Declare) if self.declared.is_none() => {
                self.declared = Some(self.now);
            }
            ActionKind::Communicate(Communicate::StatusUpdate) => {
                self.status_updates.push(self.now)
            }
            ActionKind::Escalate(p) => self.escalations.push((self.now, p.clone())),
            _ => {}
        }
        let sc = self.sc.clone();
        for (j, inj) in sc.injects.iter().enumerate() {
            if let Trigger::AfterAction { action: a, delay } = &inj.when
                && a == &id
                && !self.fired_set.contains(&j)
            {
                let at = self.now + *delay;
                self.schedule(at, Pending::Inject(j));
            }
        }
    }

    fn reveal(&mut self, r: Reveal) {
        if self.revealed_set.insert(r.clone()) {
            self.revealed.push((self.now, r.clone()));
            let text = match &r {
                Reveal::Dashboard(id) => format!(
                    "Dashboard available: {}",
                    self.sc
                        .dashboard(id)
                        .map_or(id.as_str(), |d| d.title.as_str())
                ),
                Reveal::Metric(id) => format!(
                    "Metric available: {}",
                    self.sc.metric(id).map_or(id.as_str(), |m| m.name.as_str())
                ),
                Reveal::Logs(id) => format!(
                    "Logs available: {}",
                    self.sc
                        .log_stream(id)
                        .map_or(id.as_str(), |l| l.name.as_str())
                ),
                Reveal::Clue(id) => format!(
                    "Finding: {}",
                    self.sc.clue(id).map_or(id.as_str(), |c| c.text.as_str())
                ),
            };
            self.feed(FeedKind::Reveal, text, true);
        }
    }

    fn apply(&mut self, e: &Effect) {
        let now = self.now;
        match e {
            Effect::FireAlert(id) => {
                if let Some(i) = self.sc.alerts.iter().position(|a| &a.id == id) {
                    let alert = self.sc.alerts[i].clone();
                    let st = &mut self.alerts[i];
                    st.firing = true;
                    st.since = Some(now);
                    st.acked = None;
                    st.fired_count += 1;
                    if alert.pages && self.first_page.is_none() {
                        self.first_page = Some(now);
                    }
                    let page = if alert.pages { "PAGE" } else { "ALERT" };
                    self.feed(
                        FeedKind::Alert,
                        format!(
                            "{page} [{:?}] {}: {}",
                            alert.severity, alert.name, alert.summary
                        ),
                        true,
                    );
                }
            }
            Effect::ResolveAlert(id) => {
                if let Some(i) = self.sc.alerts.iter().position(|a| &a.id == id)
                    && self.alerts[i].firing
                {
                    self.alerts[i].firing = false;
                    let name = self.sc.alerts[i].name.clone();
                    self.feed(FeedKind::AlertResolved, format!("Resolved: {name}"), true);
                }
            }
            Effect::Metric { metric, change } => {
                if let Some(i) = self.sc.metrics.iter().position(|m| &m.id == metric) {
                    match change {
                        Shape::Noise { amplitude } => {
                            insert_sorted(&mut self.noise_changes[i], (now, *amplitude))
                        }
                        _ => insert_sorted(&mut self.metric_changes[i], (now, change.clone())),
                    }
                    self.feed(
                        FeedKind::Metric,
                        format!("metric `{metric}` changes course"),
                        false,
                    );
                }
            }
            Effect::Log {
                stream,
                level,
                text,
            } => {
                self.extra_logs.push(LogEntry {
                    at: now,
                    stream: stream.clone(),
                    level: *level,
                    text: text.clone(),
                });
                self.feed(FeedKind::Log, format!("log line in `{stream}`"), false);
            }
            Effect::Message { from, text } => {
                self.messages.push(MessageItem {
                    at: now,
                    from: from.clone(),
                    text: text.clone(),
                });
                let name = self
                    .sc
                    .persona(from)
                    .map_or(from.as_str(), |p| p.name.as_str())
                    .to_string();
                self.feed(FeedKind::Message, format!("{name}: {text}"), true);
            }
            Effect::Reveal(r) => self.reveal(r.clone()),
            Effect::WorsenImpact(f) => {
                let cur = self.impact_factors.last().map_or(1.0, |x| x.1);
                self.impact_factors.push((now, cur * f));
                self.feed(FeedKind::Metric, format!("impact worsens x{f}"), false);
            }
        }
    }

    /// Whether an action's requirements are all met now.
    pub fn available(&self, action: &Action) -> bool {
        action.requires.iter().all(|r| match r {
            Requirement::Action(a) => self.taken.iter().any(|t| &t.action == a && t.done),
            Requirement::Clue(c) => self.revealed_set.contains(&Reveal::Clue(c.clone())),
            Requirement::Inject(i) => self.fired.iter().any(|(_, x)| x == i),
        })
    }

    pub fn is_taken(&self, action: &str) -> bool {
        self.taken.iter().any(|t| t.action == action)
    }

    pub fn is_revealed(&self, r: &Reveal) -> bool {
        self.revealed_set.contains(r)
    }

    pub fn has_fired(&self, inject: &str) -> bool {
        self.fired.iter().any(|(_, x)| x == inject)
    }

    /// Apply a command at the current time.
    pub fn apply_command(&mut self, actor: Actor, cmd: &Command) -> Result<(), CommandError> {
        if self.ended.is_some() {
            return Err(CommandError::Ended);
        }
        let now = self.now;
        let _ = actor;
        match cmd {
            Command::Ack => {
                let mut any = false;
                for (i, st) in self.alerts.iter_mut().enumerate() {
                    if st.firing && st.acked.is_none() && self.sc.alerts[i].pages {
                        st.acked = Some(now);
                        any = true;
                    }
                }
                if !any {
                    return Err(CommandError::NothingToAck);
                }
                if self.acked.is_none() {
                    self.acked = Some(now);
                }
                self.feed(FeedKind::Declaration, "Page acknowledged", true);
            }
            Command::Take { action } => {
                let a = self
                    .sc
                    .action(action)
                    .cloned()
                    .ok_or_else(|| CommandError::UnknownAction(action.clone()))?;
                if self.is_taken(action) && !a.repeatable() {
                    return Err(CommandError::AlreadyTaken(action.clone()));
                }
                if !self.available(&a) {
                    return Err(CommandError::NotAvailable(action.clone()));
                }
                let start = now.max(self.busy_until);
                let end = start + a.cost;
                self.busy_until = end;
                self.taken.push(TakenAction {
                    action: action.clone(),
                    requested_at: now,
                    start,
                    end,
                    done: false,
                });
                let k = self.taken.len() - 1;
                self.schedule(end, Pending::ActionDone(k));
                self.feed(
                    FeedKind::ActionStarted,
                    format!("{} (from {} to {})", a.label, start.clock(), end.clock()),
                    true,
                );
            }
            Command::Note { text } => {
                if text.trim().is_empty() {
                    return Err(CommandError::EmptyText);
                }
                self.notes.push((now, text.clone()));
                self.feed(FeedKind::Note, format!("Note: {text}"), true);
            }
            Command::TimelineEntry { at, kind, text } => {
                if text.trim().is_empty() {
                    return Err(CommandError::EmptyText);
                }
                let ev = TimelineEvent {
                    at: *at,
                    kind: *kind,
                    text: text.clone(),
                };
                let pos = self.own_timeline.partition_point(|e| e.at <= *at);
                self.own_timeline.insert(pos, ev);
                self.feed(
                    FeedKind::Note,
                    format!("Timeline {}: {:?}: {text}", at.clock(), kind),
                    true,
                );
            }
            Command::Diagnose { candidate, text } => {
                if candidate.is_none() && text.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    return Err(CommandError::EmptyDiagnosis);
                }
                if let Some(c) = candidate
                    && !self.sc.root_cause.candidates.iter().any(|x| &x.id == c)
                {
                    return Err(CommandError::UnknownCandidate(c.clone()));
                }
                self.diagnoses.push(DiagnosisItem {
                    at: now,
                    candidate: candidate.clone(),
                    text: text.clone(),
                });
                let shown = candidate
                    .as_ref()
                    .and_then(|c| self.sc.root_cause.candidates.iter().find(|x| &x.id == c))
                    .map(|c| c.text.clone())
                    .or_else(|| text.clone())
                    .unwrap_or_default();
                self.feed(FeedKind::Diagnosis, format!("Diagnosis: {shown}"), true);
            }
            Command::DeclareMitigated => {
                self.declared_mitigated.get_or_insert(now);
                self.feed(
                    FeedKind::Declaration,
                    "Trainee declares the incident mitigated",
                    true,
                );
            }
            Command::DeclareResolved => {
                self.declared_resolved.get_or_insert(now);
                self.feed(
                    FeedKind::Declaration,
                    "Trainee declares the incident resolved",
                    true,
                );
            }
            Command::Reveal { what } => {
                let known = match what {
                    Reveal::Dashboard(id) => self.sc.dashboard(id).is_some(),
                    Reveal::Metric(id) => self.sc.metric(id).is_some(),
                    Reveal::Logs(id) => self.sc.log_stream(id).is_some(),
                    Reveal::Clue(id) => self.sc.clue(id).is_some(),
                };
                if !known {
                    return Err(CommandError::UnknownReveal(format!("{what:?}")));
                }
                self.reveal(what.clone());
            }
            Command::PlayInject { inject } => {
                let i = self
                    .sc
                    .injects
                    .iter()
                    .position(|x| &x.id == inject)
                    .ok_or_else(|| CommandError::UnknownInject(inject.clone()))?;
                if self.fired_set.contains(&i) {
                    return Err(CommandError::AlreadyFired(inject.clone()));
                }
                self.fire_inject(i, true);
            }
            Command::SendMessage { from, text } => {
                if self.sc.persona(from).is_none() {
                    return Err(CommandError::UnknownPersona(from.clone()));
                }
                if text.trim().is_empty() {
                    return Err(CommandError::EmptyText);
                }
                self.apply(&Effect::Message {
                    from: from.clone(),
                    text: text.clone(),
                });
            }
            Command::GiveHint => {
                let i = self.hints_given.len();
                let Some(h) = self.sc.hints.get(i) else {
                    return Err(CommandError::NoHints);
                };
                let text = h.text.clone();
                self.hints_given.push((now, i));
                self.feed(FeedKind::Hint, format!("Hint: {text}"), true);
            }
            Command::Pause => {
                self.clock.paused = true;
                self.feed(FeedKind::Clock, "Clock paused", true);
            }
            Command::Resume => {
                self.clock.paused = false;
                self.feed(FeedKind::Clock, "Clock running", true);
            }
            Command::Speed { factor } => {
                if !(1..=1000).contains(factor) {
                    return Err(CommandError::BadSpeed);
                }
                self.clock.speed = *factor;
                self.feed(FeedKind::Clock, format!("Clock speed x{factor}"), true);
            }
            Command::Jump { by } => {
                self.feed(FeedKind::Clock, format!("Clock jumps forward {by}"), true);
                self.advance_by(*by);
            }
            Command::End => self.end_session(),
        }
        Ok(())
    }

    // ---- derived state ----

    /// Metric value at `t` (with seeded noise when `noisy`).
    pub fn metric_value(&self, metric: usize, t: SimTime, noisy: bool) -> f64 {
        let m = &self.sc.metrics[metric];
        let mut v = course_at(m.baseline, &self.metric_changes[metric], t);
        if noisy {
            let amp = self.noise_changes[metric]
                .iter()
                .take_while(|(at, _)| *at <= t)
                .last()
                .map_or(0.0, |x| x.1);
            if amp > 0.0 {
                v += amp * self.jitter(metric as u64, t.ms() / 1000);
            }
        }
        if let Some(lo) = m.min {
            v = v.max(lo);
        }
        if let Some(hi) = m.max {
            v = v.min(hi);
        }
        v
    }

    /// Uniform jitter in [-1, 1], a pure function of (seed, stream, index).
    ///
    /// The key comes from the session's seeded ChaCha generator; each sample mixes it with the
    /// stream and index (SplitMix64), so any sample can be computed on its own, cheaply.
    fn jitter(&self, stream: u64, index: u64) -> f64 {
        let mut z = self.noise_key
            ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    /// Samples of a metric from `from` to `to`, at most `max_points` of them.
    pub fn series(
        &self,
        metric: usize,
        from: SimTime,
        to: SimTime,
        max_points: usize,
    ) -> Vec<(SimTime, f64)> {
        if to < from || max_points == 0 {
            return Vec::new();
        }
        let span = (to - from).ms();
        let step = (span / max_points.max(2) as u64).max(SAMPLE_STEP.ms());
        let step = step.div_ceil(1000) * 1000;
        let mut out = Vec::new();
        let mut t = from.ms() / step * step;
        while t <= to.ms() {
            out.push((SimTime(t), self.metric_value(metric, SimTime(t), true)));
            t += step;
        }
        out
    }

    /// Log lines of a stream up to `t`, in time order.
    pub fn log_lines(&self, stream: &str, t: SimTime) -> Vec<LogEntry> {
        self.log_tail(stream, t, usize::MAX).0
    }

    /// The last `max` lines of a stream up to `t`, in time order, and how many lines there are in
    /// all. Only the lines returned are generated, so long streams stay cheap to show.
    pub fn log_tail(&self, stream: &str, t: SimTime, max: usize) -> (Vec<LogEntry>, usize) {
        let Some((si, s)) = self
            .sc
            .logs
            .iter()
            .enumerate()
            .find(|(_, l)| l.id == stream)
        else {
            return (Vec::new(), 0);
        };
        let mut out = Vec::new();
        let mut total = 0usize;
        for (li, line) in s.lines.iter().enumerate() {
            match line.every {
                None if line.at <= t => {
                    total += 1;
                    out.push(LogEntry {
                        at: line.at,
                        stream: stream.to_string(),
                        level: line.level,
                        text: self.fill(&line.text, si, li, 0),
                    });
                }
                None => {}
                Some(every) if every.ms() > 0 => {
                    let until = line.until.unwrap_or(self.sc.duration).min(t);
                    if until < line.at {
                        continue;
                    }
                    let count = ((until - line.at).ms() / every.ms() + 1) as usize;
                    total += count;
                    // Any line among the last `max` of the stream is among this repetition's last `max`.
                    for n in count.saturating_sub(max)..count {
                        let at = line.at + every * n as u64;
                        out.push(LogEntry {
                            at,
                            stream: stream.to_string(),
                            level: line.level,
                            text: self.fill(&line.text, si, li, n as u64),
                        });
                    }
                }
                Some(_) => {}
            }
        }
        for l in self
            .extra_logs
            .iter()
            .filter(|l| l.stream == stream && l.at <= t)
        {
            total += 1;
            out.push(l.clone());
        }
        out.sort_by_key(|l| l.at);
        let skip = out.len().saturating_sub(max);
        (out.split_off(skip), total)
    }

    fn fill(&self, text: &str, stream: usize, line: usize, n: u64) -> String {
        if !text.contains('{') {
            return text.to_string();
        }
        let ms = 200
            + ((self.jitter(1_000_000 + (stream as u64) * 1000 + line as u64, n) + 1.0) * 900.0)
                as u64;
        text.replace("{n}", &(n + 1).to_string())
            .replace("{ms}", &ms.to_string())
    }

    /// The impact rate multiplier at `t`.
    pub fn impact_factor(&self, t: SimTime) -> f64 {
        self.impact_factors
            .iter()
            .take_while(|(at, _)| *at <= t)
            .last()
            .map_or(1.0, |x| x.1)
    }

    /// Whether users are hurt at `t`.
    pub fn impact_active(&self, t: SimTime) -> bool {
        t >= self.sc.impact.starts && self.mitigated_at.is_none_or(|m| t < m)
    }

    /// Accumulated impact up to `t`, in `unit`-minutes (for example user-minutes).
    pub fn impact_total(&self, t: SimTime) -> f64 {
        let start = self.sc.impact.starts;
        let end = self.mitigated_at.map_or(t, |m| m.min(t));
        if end <= start {
            return 0.0;
        }
        let mut total = 0.0;
        let mut bounds: Vec<SimTime> = self
            .impact_factors
            .iter()
            .map(|x| x.0)
            .filter(|&x| x > start && x < end)
            .collect();
        bounds.insert(0, start);
        bounds.push(end);
        for w in bounds.windows(2) {
            total += (w[1] - w[0]).as_mins_f64() * self.impact_factor(w[0]);
        }
        total * self.sc.impact.affected as f64
    }

    /// A clue's text, if revealed.
    pub fn clue_revealed_at(&self, clue: &str) -> Option<SimTime> {
        self.revealed
            .iter()
            .find(|(_, r)| matches!(r, Reveal::Clue(c) if c == clue))
            .map(|x| x.0)
    }
}

fn insert_sorted<T>(v: &mut Vec<(SimTime, T)>, item: (SimTime, T)) {
    let pos = v.partition_point(|x| x.0 <= item.0);
    v.insert(pos, item);
}

/// The noiseless course of a metric at `t`: each change starts from the value at its time.
fn course_at(baseline: f64, changes: &[(SimTime, Shape)], t: SimTime) -> f64 {
    let mut seg_start = SimTime::ZERO;
    let mut seg_value = baseline;
    let mut seg_shape: Option<&Shape> = None;
    for (at, shape) in changes {
        if *at > t {
            break;
        }
        seg_value = eval(baseline, seg_value, seg_shape, *at - seg_start);
        seg_start = *at;
        seg_shape = Some(shape);
    }
    eval(baseline, seg_value, seg_shape, t - seg_start)
}

fn eval(baseline: f64, start: f64, shape: Option<&Shape>, dt: SimTime) -> f64 {
    let dt = dt.as_secs_f64();
    match shape {
        None | Some(Shape::Steady) | Some(Shape::Noise { .. }) => start,
        Some(Shape::Step { to }) => *to,
        Some(Shape::Ramp { to, over }) => {
            start + (to - start) * (dt / over.as_secs_f64().max(1e-9)).min(1.0)
        }
        Some(Shape::Spike { peak, decay }) => {
            start + (peak - start) * 0.5f64.powf(dt / decay.as_secs_f64().max(1e-9))
        }
        Some(Shape::Saturate { ceiling, over }) => {
            start + (ceiling - start) * (1.0 - (-dt / over.as_secs_f64().max(1e-9)).exp())
        }
        Some(Shape::Recover { over }) => {
            start + (baseline - start) * (dt / over.as_secs_f64().max(1e-9)).min(1.0)
        }
    }
}
