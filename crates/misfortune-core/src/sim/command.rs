//! Commands: who issues them, what they are, why one is refused, and how each changes the
//! session. This is the only way in from outside: the journal records every command.

use serde::{Deserialize, Serialize};

use super::Session;
use super::state::{DiagnosisItem, FeedKind, Pending, TakenAction};
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
    /// An action said in the trainee's own words, matched to the scenario's actions.
    Do {
        text: String,
    },
    /// Ask a person (by name, role or id) something, in the trainee's words.
    Ask {
        who: String,
        text: String,
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
    #[error("that is the game master's to do; in solo play the engine is game master")]
    GmOnly,
    #[error("be more specific: that could mean more than one thing here")]
    Vague,
    #[error("that cannot be done yet: something else has to happen first")]
    NotYet,
    #[error("you have already done that")]
    Done,
}

impl Session {
    /// Apply a command at the current time.
    pub fn apply_command(&mut self, actor: Actor, cmd: &Command) -> Result<(), CommandError> {
        if self.ended.is_some() {
            return Err(CommandError::Ended);
        }
        if actor == Actor::Trainee && cmd.is_gm_only() {
            return Err(CommandError::GmOnly);
        }
        match cmd {
            Command::Ack => self.ack()?,
            Command::Take { action } => self.take(action)?,
            Command::Do { text } => self.say(text)?,
            Command::Ask { who, text } => self.ask(who, text)?,
            Command::Note { text } => {
                non_empty(text)?;
                self.notes.push((self.now, text.clone()));
                self.push_feed(FeedKind::Note, format!("Note: {text}"), true);
            }
            Command::TimelineEntry { at, kind, text } => self.timeline_entry(*at, *kind, text)?,
            Command::Diagnose { candidate, text } => self.diagnose(candidate, text)?,
            Command::DeclareMitigated => {
                self.declared_mitigated.get_or_insert(self.now);
                self.push_feed(
                    FeedKind::Declaration,
                    "Trainee declares the incident mitigated",
                    true,
                );
            }
            Command::DeclareResolved => {
                self.declared_resolved.get_or_insert(self.now);
                self.push_feed(
                    FeedKind::Declaration,
                    "Trainee declares the incident resolved",
                    true,
                );
            }
            Command::Reveal { what } => self.gm_reveal(what)?,
            Command::PlayInject { inject } => self.play_inject(inject)?,
            Command::SendMessage { from, text } => self.send_message(from, text)?,
            Command::GiveHint => self.give_hint()?,
            Command::Pause | Command::Resume | Command::Speed { .. } | Command::Jump { .. } => {
                self.clock_command(cmd)?
            }
            Command::End => self.end_session(),
        }
        Ok(())
    }

    fn ack(&mut self) -> Result<(), CommandError> {
        let now = self.now;
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
        self.push_feed(FeedKind::Declaration, "Page acknowledged", true);
        Ok(())
    }

    /// Queue an action: it starts when the trainee's earlier actions are done and takes its cost.
    fn take(&mut self, action: &str) -> Result<(), CommandError> {
        let a = self
            .sc
            .action(action)
            .cloned()
            .ok_or_else(|| CommandError::UnknownAction(action.to_string()))?;
        if self.is_taken(action) && !a.repeatable() {
            return Err(CommandError::AlreadyTaken(action.to_string()));
        }
        if !self.available(&a) {
            return Err(CommandError::NotAvailable(action.to_string()));
        }
        let now = self.now;
        let start = now.max(self.busy_until);
        let end = start + a.cost;
        self.busy_until = end;
        self.taken.push(TakenAction {
            action: action.to_string(),
            requested_at: now,
            start,
            end,
            done: false,
        });
        let k = self.taken.len() - 1;
        self.schedule(end, Pending::ActionDone(k));
        self.push_feed(
            FeedKind::ActionStarted,
            format!(
                "{} (from {} to {})",
                a.label,
                self.sc.stamp(start),
                self.sc.stamp(end)
            ),
            true,
        );
        Ok(())
    }

    /// An action in the trainee's words. A clear match is taken; a line that could mean several
    /// actions asks for more (never listing them); a line that matches nothing gets an in-world
    /// answer and stays in the journal. Refusals never name an action.
    fn say(&mut self, text: &str) -> Result<(), CommandError> {
        use crate::matcher::{ActionMatch, match_action};
        non_empty(text)?;
        match match_action(text, &self.sc.actions) {
            ActionMatch::Matched { action, score, .. } => {
                match self.take(&action) {
                    Err(CommandError::NotAvailable(_)) => return Err(CommandError::NotYet),
                    Err(CommandError::AlreadyTaken(_)) => return Err(CommandError::Done),
                    other => other?,
                }
                self.push_feed(
                    FeedKind::Note,
                    format!("\"{text}\" matched `{action}` ({score:.2})"),
                    false,
                );
            }
            ActionMatch::Ambiguous { .. } => return Err(CommandError::Vague),
            ActionMatch::Unmatched { .. } => self.push_feed(
                FeedKind::Note,
                format!(
                    "You: \"{text}\". Nothing like that exists here; the runbook has no such step."
                ),
                true,
            ),
        }
        Ok(())
    }

    /// Ask someone. With the engine as game master, the person answers with what the scenario
    /// holds back for them (their first held message), or comes when paged (the escalation to
    /// them), or has nothing to add; either way the question goes to the game master's queue.
    fn ask(&mut self, who: &str, text: &str) -> Result<(), CommandError> {
        use crate::matcher::Words;
        non_empty(text)?;
        let said = Words::of(who);
        let persona = self
            .sc
            .personas
            .iter()
            .find(|p| p.id.eq_ignore_ascii_case(who.trim()))
            .or_else(|| {
                self.sc.personas.iter().find(|p| {
                    said.shares_word(&Words::of(&p.name)) || said.shares_word(&Words::of(&p.role))
                })
            })
            .cloned();
        let Some(p) = persona else {
            self.push_feed(
                FeedKind::Note,
                format!("You ask {who}: \"{text}\". Nobody by that name is on this incident."),
                true,
            );
            return Ok(());
        };
        self.push_feed(
            FeedKind::Note,
            format!("You ask {}: \"{text}\"", p.name),
            true,
        );
        self.unmatched
            .push((self.now, format!("asked {}: {text}", p.name)));
        let held = self.sc.injects.iter().position(|i| {
            matches!(i.when, Trigger::Held)
                && i.effects
                    .iter()
                    .any(|e| matches!(e, Effect::Message { from, .. } if *from == p.id))
        });
        if let Some(i) = held.filter(|i| !self.fired_set.contains(i)) {
            self.fire_inject(i, true);
            return Ok(());
        }
        let page = self
            .sc
            .actions
            .iter()
            .find(|a| a.kind == ActionKind::Escalate(p.id.clone()))
            .map(|a| a.id.clone());
        match page {
            Some(a) if !self.is_taken(&a) => self.take(&a),
            _ => {
                self.push_feed(
                    FeedKind::Message,
                    format!("{}: I have nothing to add right now.", p.name),
                    true,
                );
                Ok(())
            }
        }
    }

    fn timeline_entry(
        &mut self,
        at: SimTime,
        kind: EventKind,
        text: &str,
    ) -> Result<(), CommandError> {
        non_empty(text)?;
        let ev = TimelineEvent {
            at,
            before: None,
            kind,
            text: text.to_string(),
        };
        self.seq += 1;
        self.own_timeline.insert((at, self.seq), ev);
        self.push_feed(
            FeedKind::Note,
            format!("Timeline {}: {:?}: {text}", self.sc.stamp(at), kind),
            true,
        );
        Ok(())
    }

    fn diagnose(
        &mut self,
        candidate: &Option<String>,
        text: &Option<String>,
    ) -> Result<(), CommandError> {
        if candidate.is_none() && text.as_deref().is_none_or(|t| t.trim().is_empty()) {
            return Err(CommandError::EmptyDiagnosis);
        }
        if let Some(c) = candidate
            && !self.sc.root_cause.candidates.iter().any(|x| &x.id == c)
        {
            return Err(CommandError::UnknownCandidate(c.clone()));
        }
        self.diagnoses.push(DiagnosisItem {
            at: self.now,
            candidate: candidate.clone(),
            text: text.clone(),
        });
        let shown = candidate
            .as_ref()
            .and_then(|c| self.sc.root_cause.candidates.iter().find(|x| &x.id == c))
            .map(|c| c.text.clone())
            .or_else(|| text.clone())
            .unwrap_or_default();
        self.push_feed(FeedKind::Diagnosis, format!("Diagnosis: {shown}"), true);
        Ok(())
    }

    /// The game master shows something to the trainee.
    fn gm_reveal(&mut self, what: &Reveal) -> Result<(), CommandError> {
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
        Ok(())
    }

    fn play_inject(&mut self, inject: &str) -> Result<(), CommandError> {
        let i = self
            .sc
            .injects
            .iter()
            .position(|x| x.id == inject)
            .ok_or_else(|| CommandError::UnknownInject(inject.to_string()))?;
        if self.fired_set.contains(&i) {
            return Err(CommandError::AlreadyFired(inject.to_string()));
        }
        self.fire_inject(i, true);
        Ok(())
    }

    fn send_message(&mut self, from: &str, text: &str) -> Result<(), CommandError> {
        if self.sc.persona(from).is_none() {
            return Err(CommandError::UnknownPersona(from.to_string()));
        }
        non_empty(text)?;
        self.apply(&Effect::Message {
            from: from.to_string(),
            text: text.to_string(),
        });
        Ok(())
    }

    fn give_hint(&mut self) -> Result<(), CommandError> {
        let i = self.hints_given.len();
        let Some(h) = self.sc.hints.get(i) else {
            return Err(CommandError::NoHints);
        };
        let text = h.text.clone();
        self.hints_given.push((self.now, i));
        self.push_feed(FeedKind::Hint, format!("Hint: {text}"), true);
        Ok(())
    }

    fn clock_command(&mut self, cmd: &Command) -> Result<(), CommandError> {
        match cmd {
            Command::Pause => {
                self.clock.paused = true;
                self.push_feed(FeedKind::Clock, "Clock paused", true);
            }
            Command::Resume => {
                self.clock.paused = false;
                self.push_feed(FeedKind::Clock, "Clock running", true);
            }
            Command::Speed { factor } => {
                if !(1..=1000).contains(factor) {
                    return Err(CommandError::BadSpeed);
                }
                self.clock.speed = *factor;
                self.push_feed(FeedKind::Clock, format!("Clock speed x{factor}"), true);
            }
            Command::Jump { by } => {
                self.push_feed(FeedKind::Clock, format!("Clock jumps forward {by}"), true);
                self.advance_by(*by);
            }
            _ => {}
        }
        Ok(())
    }
}

fn non_empty(text: &str) -> Result<(), CommandError> {
    if text.trim().is_empty() {
        Err(CommandError::EmptyText)
    } else {
        Ok(())
    }
}
