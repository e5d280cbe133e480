//! The session: a scenario played on a simulated clock. Commands from the trainee and the game
//! master change it; timed and conditional injects fire as the clock passes their time. Given the
//! same scenario, seed and commands, a session is the same, byte for byte.
//!
//! - `command`: the commands and how each changes the session (the only way in)
//! - `effects`: injects firing and actions completing
//! - `telemetry`: metric values, series and log lines, derived on demand
//! - `impact`: the impact over time
//! - `read`: the session's state, read-only
//! - `state`: the state types

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::*;
use crate::time::SimTime;

mod command;
mod effects;
mod impact;
mod read;
mod state;
mod telemetry;

pub use command::{Actor, Command, CommandError};
use state::Pending;
pub use state::{
    AlertState, ClockState, DiagnosisItem, FeedItem, FeedKind, LogEntry, MessageItem, PlayMode,
    TakenAction,
};
pub use telemetry::SAMPLE_STEP;

/// A scenario being played.
#[derive(Debug, Clone)]
pub struct Session {
    sc: Arc<Scenario>,
    seed: u64,
    mode: PlayMode,
    /// Drawn once from the seeded ChaCha generator; all noise derives from it.
    noise_key: u64,
    now: SimTime,
    clock: ClockState,
    queue: BTreeMap<(SimTime, u64), Pending>,
    seq: u64,
    alerts: Vec<AlertState>,
    revealed: Vec<(SimTime, Reveal)>,
    revealed_set: HashSet<Reveal>,
    fired: Vec<(SimTime, String)>,
    fired_set: HashSet<usize>,
    metric_changes: Vec<Vec<(SimTime, Shape)>>,
    noise_changes: Vec<Vec<(SimTime, f64)>>,
    extra_logs: Vec<LogEntry>,
    messages: Vec<MessageItem>,
    taken: Vec<TakenAction>,
    busy_until: SimTime,
    mitigated_at: Option<SimTime>,
    /// (from, multiplier) steps of the impact rate.
    impact_factors: Vec<(SimTime, f64)>,
    diagnoses: Vec<DiagnosisItem>,
    notes: Vec<(SimTime, String)>,
    /// The trainee's own timeline, in time order (then in the order entered). A map, so an
    /// entry for an earlier time goes in without moving the ones after it.
    own_timeline: BTreeMap<(SimTime, u64), TimelineEvent>,
    hints_given: Vec<(SimTime, usize)>,
    first_page: Option<SimTime>,
    acked: Option<SimTime>,
    declared: Option<SimTime>,
    status_updates: Vec<SimTime>,
    escalations: Vec<(SimTime, String)>,
    declared_mitigated: Option<SimTime>,
    declared_resolved: Option<SimTime>,
    ended: Option<SimTime>,
    phases_passed: Vec<usize>,
    feed: Vec<FeedItem>,
    /// Lines the trainee said (`do`) that matched no action: the game master's to rule on.
    unmatched: Vec<(SimTime, String)>,
}

impl Session {
    /// A guided session (the palette of actions).
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Session {
        Session::with_mode(scenario, seed, PlayMode::Guided)
    }

    pub fn with_mode(scenario: Arc<Scenario>, seed: u64, mode: PlayMode) -> Session {
        let sc = scenario;
        let mut s = Session {
            seed,
            mode,
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
            own_timeline: BTreeMap::new(),
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
            unmatched: Vec::new(),
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

    fn push_feed(&mut self, kind: FeedKind, text: impl Into<String>, trainee: bool) {
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
                    if !ph.only_if.iter().all(|r| self.happened(r))
                        || ph.unless.iter().any(|r| self.happened(r))
                    {
                        continue;
                    }
                    self.phases_passed.push(i);
                    self.push_feed(
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
            self.push_feed(
                FeedKind::End,
                format!("The session ends at {}", self.sc.stamp(self.now)),
                true,
            );
        }
    }

    /// Whether an action's requirements are all met now.
    pub fn available(&self, action: &Action) -> bool {
        action.requires.iter().all(|r| self.happened(r))
    }

    /// Whether a requirement has happened: an action completed, a clue revealed, an inject
    /// fired.
    pub fn happened(&self, r: &Requirement) -> bool {
        match r {
            Requirement::Action(a) => self.taken.iter().any(|t| &t.action == a && t.done),
            Requirement::Clue(c) => self.revealed_set.contains(&Reveal::Clue(c.clone())),
            Requirement::Inject(i) => self.fired.iter().any(|(_, x)| x == i),
        }
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

    /// A clue's text, if revealed.
    pub fn clue_revealed_at(&self, clue: &str) -> Option<SimTime> {
        self.revealed
            .iter()
            .find(|(_, r)| matches!(r, Reveal::Clue(c) if c == clue))
            .map(|x| x.0)
    }
}
