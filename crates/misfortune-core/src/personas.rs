//! Scripted players that exercise scoring: an expert, a methodical investigator, a guesser, a
//! harmful responder and an idle one. They play through the same commands as people do, one
//! simulated second at a time.

use std::str::FromStr;

use crate::journal::{PlayError, Recorder};
use crate::model::*;
use crate::sim::{Actor, Command};
use crate::solver;
use crate::time::SimTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persona {
    /// Plays the solver's shortest path, diagnoses right, communicates well.
    Expert,
    /// Investigates everything first, then solves.
    Methodical,
    /// Guesses a wrong root cause early and never mitigates well.
    Guesser,
    /// Takes the harmful actions, then solves, silently.
    Harmful,
    /// Does nothing.
    Idle,
    /// Acts only on what the screen names: the longest candidate, and the actions whose words
    /// echo the title, the briefing and the alerts. Proves the score rewards reasoning, not
    /// reading labels.
    LabelReader,
    /// Types generic remedies (restart, roll back, scale up, fail over, clear the cache) and
    /// hopes.
    Shotgun,
}

pub const ALL: [Persona; 7] = [
    Persona::Expert,
    Persona::Methodical,
    Persona::Guesser,
    Persona::Harmful,
    Persona::Idle,
    Persona::LabelReader,
    Persona::Shotgun,
];

/// What the shotgun persona types, one a minute once paged.
const GENERIC_REMEDIES: [&str; 7] = [
    "restart the service",
    "roll back the deploy",
    "scale up",
    "fail over",
    "clear the cache",
    "restart",
    "roll back",
];

impl FromStr for Persona {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "expert" => Persona::Expert,
            "methodical" => Persona::Methodical,
            "guesser" => Persona::Guesser,
            "harmful" => Persona::Harmful,
            "idle" => Persona::Idle,
            "label-reader" => Persona::LabelReader,
            "shotgun" => Persona::Shotgun,
            other => {
                return Err(format!(
                    "unknown persona `{other}`: use expert, methodical, guesser, harmful, idle, label-reader or shotgun"
                ));
            }
        })
    }
}

impl Persona {
    pub fn name(self) -> &'static str {
        match self {
            Persona::Expert => "expert",
            Persona::Methodical => "methodical",
            Persona::Guesser => "guesser",
            Persona::Harmful => "harmful",
            Persona::Idle => "idle",
            Persona::LabelReader => "label-reader",
            Persona::Shotgun => "shotgun",
        }
    }
}

/// The simulation step personas play at.
pub const STEP: SimTime = SimTime::from_secs(1);

struct Plan {
    persona: Persona,
    /// Actions to take, in order, when they become available.
    queue: Vec<String>,
    declare: Option<String>,
    status: Option<String>,
    escalate: Option<String>,
    declared: bool,
    escalated: bool,
    last_status: Option<SimTime>,
    diagnosed: bool,
    guessed: bool,
    closed: bool,
    timeline: bool,
    /// What is left to type (the shotgun's remedies), one a minute.
    says: Vec<String>,
    last_said: Option<SimTime>,
}

/// The actions whose labels echo what the screen shows before any investigation: the title, the
/// briefing, and the alerts (what a label reader acts on).
fn echoing_actions(sc: &Scenario) -> Vec<String> {
    use crate::matcher::Words;
    let mut screen = format!("{} {}", sc.title, sc.briefing);
    for a in &sc.alerts {
        screen.push_str(&format!(" {} {}", a.name, a.summary));
    }
    let screen = Words::of(&screen);
    sc.actions
        .iter()
        .filter(|a| matches!(a.kind, ActionKind::Investigate | ActionKind::Mitigate))
        .filter(|a| screen.shares_word(&Words::of(&a.label)))
        .map(|a| a.id.clone())
        .collect()
}

impl Plan {
    fn new(sc: &Scenario, persona: Persona) -> Plan {
        let path: Vec<String> = solver::solve(sc)
            .map(|s| s.steps.into_iter().map(|x| x.action).collect())
            .unwrap_or_default();
        let find = |pred: &dyn Fn(&Action) -> bool| {
            sc.actions.iter().find(|a| pred(a)).map(|a| a.id.clone())
        };
        let mut queue = Vec::new();
        match persona {
            Persona::Expert => queue = path.clone(),
            Persona::Methodical => {
                queue.extend(
                    sc.actions
                        .iter()
                        .filter(|a| a.kind == ActionKind::Investigate && !a.harmful)
                        .map(|a| a.id.clone()),
                );
                queue.extend(
                    path.iter()
                        .filter(|p| !queue.contains(p))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
            Persona::Guesser => {
                queue.extend(
                    sc.actions
                        .iter()
                        .filter(|a| a.red_herring)
                        .map(|a| a.id.clone()),
                );
            }
            Persona::Harmful => {
                queue.extend(
                    sc.actions
                        .iter()
                        .filter(|a| a.harmful)
                        .map(|a| a.id.clone()),
                );
                queue.extend(path.iter().cloned());
            }
            Persona::LabelReader => queue.extend(echoing_actions(sc)),
            Persona::Idle | Persona::Shotgun => {}
        }
        let comms = matches!(persona, Persona::Expert | Persona::Methodical);
        // Communication is handled on its own schedule, not from the queue.
        let is_comm = |id: &String| {
            sc.action(id)
                .is_some_and(|a| matches!(a.kind, ActionKind::Communicate(_)))
        };
        queue.retain(|id| !is_comm(id));
        Plan {
            persona,
            queue,
            declare: comms
                .then(|| find(&|a| a.kind == ActionKind::Communicate(Communicate::Declare)))
                .flatten(),
            status: comms
                .then(|| find(&|a| a.kind == ActionKind::Communicate(Communicate::StatusUpdate)))
                .flatten(),
            escalate: if comms {
                sc.communication
                    .escalate_to
                    .as_ref()
                    .and_then(|p| find(&|a| a.kind == ActionKind::Escalate(p.clone())))
            } else {
                None
            },
            declared: false,
            escalated: false,
            last_status: None,
            diagnosed: false,
            guessed: false,
            closed: false,
            timeline: persona == Persona::Expert || persona == Persona::Methodical,
            says: if persona == Persona::Shotgun {
                GENERIC_REMEDIES.iter().map(|s| s.to_string()).collect()
            } else {
                Vec::new()
            },
            last_said: None,
        }
    }

    /// Pick up the plan from a session already under way (a resumed journal): what was taken
    /// leaves the queue, and what was declared, escalated, diagnosed or closed is not done again.
    fn catch_up(&mut self, s: &crate::sim::Session) {
        self.queue.retain(|a| !s.is_taken(a));
        self.declared |= self.declare.as_ref().is_some_and(|d| s.is_taken(d));
        self.escalated |= self.escalate.as_ref().is_some_and(|e| s.is_taken(e));
        if let Some(t) = s.status_updates().last() {
            self.last_status = Some(*t);
        }
        let diagnosed = !s.diagnoses().is_empty();
        let guesses = matches!(self.persona, Persona::Guesser | Persona::LabelReader);
        self.diagnosed |= diagnosed && !guesses;
        self.guessed |= diagnosed && guesses;
        self.closed |= s.declared_resolved().is_some();
    }

    fn note(
        &self,
        rec: &mut Recorder,
        kind: EventKind,
        text: &str,
        full: bool,
    ) -> Result<(), PlayError> {
        if self.timeline
            && (full
                || self.persona == Persona::Expert
                || matches!(kind, EventKind::Alert | EventKind::Mitigation))
        {
            let at = rec.session().now();
            attempt(
                rec,
                Actor::Trainee,
                Command::TimelineEntry {
                    at,
                    kind,
                    text: text.into(),
                },
            )?;
        }
        Ok(())
    }

    fn act(&mut self, rec: &mut Recorder) -> Result<(), PlayError> {
        if self.persona == Persona::Idle || rec.session().is_ended() {
            return Ok(());
        }
        let now = rec.session().now();
        let paged = rec.session().first_page().is_some();
        self.answer_the_page(rec, now, paged)?;
        self.take_queued(rec)?;
        let mitigated = rec.session().mitigated_at().is_some_and(|m| m <= now);
        self.keep_status(rec, now, mitigated)?;
        self.diagnose(rec, now, paged)?;
        self.shout(rec, now, paged)?;
        self.close(rec, now, mitigated)
    }

    /// The shotgun types its next generic remedy, a minute after the last, once paged.
    fn shout(&mut self, rec: &mut Recorder, now: SimTime, paged: bool) -> Result<(), PlayError> {
        let due = self
            .last_said
            .is_none_or(|t| now >= t + SimTime::from_mins(1));
        if !paged || !due || self.says.is_empty() || rec.session().busy_until() > now {
            return Ok(());
        }
        let text = self.says.remove(0);
        self.last_said = Some(now);
        attempt(rec, Actor::Trainee, Command::Do { text })?;
        Ok(())
    }

    /// Acknowledge, declare (with a first status update) and escalate once paged.
    fn answer_the_page(
        &mut self,
        rec: &mut Recorder,
        now: SimTime,
        paged: bool,
    ) -> Result<(), PlayError> {
        let sc = rec.session().scenario_arc().clone();
        let unacked = rec
            .session()
            .alerts()
            .iter()
            .zip(&sc.alerts)
            .any(|(st, a)| st.firing && st.acked.is_none() && a.pages);
        if unacked {
            attempt(rec, Actor::Trainee, Command::Ack)?;
            if rec.session().acked() == Some(now) {
                self.note(rec, EventKind::Alert, "Paged; acknowledged", true)?;
            }
        }
        if paged
            && !self.declared
            && let Some(d) = self.declare.clone()
        {
            self.declared = true;
            attempt(rec, Actor::Trainee, Command::Take { action: d })?;
            self.last_status = Some(now);
            if let Some(st) = self.status.clone() {
                // A first status update right after declaring.
                attempt(rec, Actor::Trainee, Command::Take { action: st })?;
            }
            self.note(rec, EventKind::Communication, "Incident declared", false)?;
        }
        if paged
            && !self.escalated
            && let Some(e) = self.escalate.clone()
        {
            if rec.session().is_taken(&e) {
                self.escalated = true;
            } else if rec
                .session()
                .scenario()
                .action(&e)
                .is_some_and(|a| rec.session().available(a))
            {
                self.escalated = true;
                attempt(rec, Actor::Trainee, Command::Take { action: e })?;
                self.note(
                    rec,
                    EventKind::Escalation,
                    "Escalated to the owning team",
                    false,
                )?;
            }
        }
        Ok(())
    }

    /// Take queued actions as they become available, in order; one that is not available yet
    /// does not hold back the others.
    fn take_queued(&mut self, rec: &mut Recorder) -> Result<(), PlayError> {
        let sc = rec.session().scenario_arc().clone();
        let mut i = 0;
        while i < self.queue.len() {
            let next = self.queue[i].clone();
            match sc.action(&next) {
                Some(_) if rec.session().is_taken(&next) => {
                    self.queue.remove(i);
                }
                Some(a) if rec.session().available(a) => {
                    attempt(rec, Actor::Trainee, Command::Take { action: next })?;
                    self.queue.remove(i);
                }
                Some(_) => i += 1,
                None => {
                    self.queue.remove(i);
                }
            }
        }
        Ok(())
    }

    /// Status updates at the scenario's cadence (twice as slow for all but the expert) until the
    /// impact ends.
    fn keep_status(
        &mut self,
        rec: &mut Recorder,
        now: SimTime,
        mitigated: bool,
    ) -> Result<(), PlayError> {
        let sc = rec.session().scenario_arc().clone();
        if let (Some(st), Some(last)) = (self.status.clone(), self.last_status) {
            let every = if self.persona == Persona::Expert {
                sc.communication.status_cadence
            } else {
                sc.communication.status_cadence * 2
            };
            if !mitigated && now >= last + every && rec.session().busy_until() <= now {
                self.last_status = Some(now);
                attempt(rec, Actor::Trainee, Command::Take { action: st })?;
            }
        }
        Ok(())
    }

    /// The guesser guesses wrong after a minute; the others diagnose once every root-cause clue
    /// is revealed.
    fn diagnose(&mut self, rec: &mut Recorder, now: SimTime, paged: bool) -> Result<(), PlayError> {
        let sc = rec.session().scenario_arc().clone();
        match self.persona {
            Persona::Guesser
                if paged
                    && !self.guessed
                    && now >= rec.session().first_page().unwrap_or(now) + SimTime::from_mins(1) =>
            {
                self.guessed = true;
                if let Some(wrong) = sc
                    .root_cause
                    .candidates
                    .iter()
                    .find(|c| c.id != sc.root_cause.answer)
                {
                    attempt(
                        rec,
                        Actor::Trainee,
                        Command::Diagnose {
                            candidate: Some(wrong.id.clone()),
                            text: None,
                        },
                    )?;
                }
            }
            // The label reader answers from the screen: the longest candidate, at two minutes.
            Persona::LabelReader
                if paged
                    && !self.guessed
                    && now >= rec.session().first_page().unwrap_or(now) + SimTime::from_mins(2) =>
            {
                self.guessed = true;
                let longest = sc
                    .root_cause
                    .candidates
                    .iter()
                    .rev()
                    .max_by_key(|c| c.text.chars().count());
                if let Some(c) = longest {
                    attempt(
                        rec,
                        Actor::Trainee,
                        Command::Diagnose {
                            candidate: Some(c.id.clone()),
                            text: None,
                        },
                    )?;
                }
            }
            Persona::Expert | Persona::Methodical | Persona::Harmful
                if !self.diagnosed
                    && sc
                        .root_cause
                        .clues
                        .iter()
                        .all(|c| rec.session().is_revealed(&Reveal::Clue(c.clone()))) =>
            {
                self.diagnosed = true;
                attempt(
                    rec,
                    Actor::Trainee,
                    Command::Diagnose {
                        candidate: Some(sc.root_cause.answer.clone()),
                        text: None,
                    },
                )?;
                self.note(
                    rec,
                    EventKind::Investigation,
                    "Root cause identified",
                    false,
                )?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Close once the impact is over, the diagnosis given and nothing is left in progress.
    fn close(
        &mut self,
        rec: &mut Recorder,
        now: SimTime,
        mitigated: bool,
    ) -> Result<(), PlayError> {
        let idle = rec.session().busy_until() <= now;
        if mitigated && !self.closed && self.diagnosed && idle {
            self.closed = true;
            attempt(rec, Actor::Trainee, Command::DeclareMitigated)?;
            self.note(rec, EventKind::Mitigation, "Impact ended", true)?;
            attempt(rec, Actor::Trainee, Command::DeclareResolved)?;
            self.note(rec, EventKind::Resolution, "Resolved", false)?;
            attempt(rec, Actor::Trainee, Command::End)?;
        }
        Ok(())
    }
}

/// A persona's move: a move the session refuses (not available, already taken, nothing
/// paging) is skipped, never the end of the play; only a journal that cannot be written is.
fn attempt(rec: &mut Recorder, by: Actor, cmd: Command) -> Result<bool, PlayError> {
    match rec.command(by, cmd) {
        Ok(()) => Ok(true),
        Err(PlayError::Command(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Play a persona through to the end of the session.
pub fn play(rec: &mut Recorder, persona: Persona) -> Result<(), PlayError> {
    play_observed(rec, persona, |_| {})
}

/// Play a persona, showing the session to `observe` after every step.
pub fn play_observed(
    rec: &mut Recorder,
    persona: Persona,
    mut observe: impl FnMut(&crate::sim::Session),
) -> Result<(), PlayError> {
    let sc = rec.session().scenario_arc().clone();
    let mut plan = Plan::new(&sc, persona);
    // A resumed session: the plan goes on from what was already done.
    plan.catch_up(rec.session());
    while !rec.session().is_ended() {
        plan.act(rec)?;
        observe(rec.session());
        if rec.session().is_ended() {
            break;
        }
        let next = rec.session().now() + STEP;
        rec.advance_to(next)?;
    }
    observe(rec.session());
    Ok(())
}

/// Play a script of timed commands, then let the clock run to the end.
pub fn play_script(rec: &mut Recorder, script: &[(SimTime, Command)]) -> Result<(), PlayError> {
    for (at, cmd) in script {
        if !play_line(rec, *at, cmd)? {
            break;
        }
    }
    let end = rec.session().scenario().duration;
    rec.advance_to(end)?;
    Ok(())
}

/// Run the clock to `at` and apply one script command there (game-master commands as the game
/// master). Returns false when the session had ended before `at`.
pub fn play_line(rec: &mut Recorder, at: SimTime, cmd: &Command) -> Result<bool, PlayError> {
    rec.advance_to(at)?;
    if rec.session().is_ended() {
        return Ok(false);
    }
    let by = if cmd.is_gm_only() {
        Actor::Gm
    } else {
        Actor::Trainee
    };
    rec.command(by, cmd.clone())?;
    Ok(true)
}
