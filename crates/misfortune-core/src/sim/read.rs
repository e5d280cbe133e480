//! The session, read-only: every part of its state that views, scoring and reports read.
//! Nothing outside `sim` can change it: changes come only through commands and the clock.

use super::Session;
use super::state::{
    AlertState, ClockState, DiagnosisItem, FeedItem, LogEntry, MessageItem, TakenAction,
};
use crate::model::{Reveal, TimelineEvent};
use crate::time::SimTime;

impl Session {
    /// How the trainee acts: in their own words, or from the palette.
    pub fn play_mode(&self) -> super::PlayMode {
        self.mode
    }

    /// The clock: paused or running, and its speed.
    pub fn clock(&self) -> ClockState {
        self.clock
    }

    /// Each alert's state, in the scenario's order.
    pub fn alerts(&self) -> &[AlertState] {
        &self.alerts
    }

    /// What has been shown to the trainee, and when.
    pub fn revealed(&self) -> &[(SimTime, Reveal)] {
        &self.revealed
    }

    /// The injects fired so far, and when.
    pub fn fired(&self) -> &[(SimTime, String)] {
        &self.fired
    }

    /// Log lines added by injects and actions.
    pub fn extra_logs(&self) -> &[LogEntry] {
        &self.extra_logs
    }

    /// Messages from personas.
    pub fn messages(&self) -> &[MessageItem] {
        &self.messages
    }

    /// The trainee's actions, in the order taken.
    pub fn taken(&self) -> &[TakenAction] {
        &self.taken
    }

    /// When the impact ends (or will end), once a mitigation is under way.
    pub fn mitigated_at(&self) -> Option<SimTime> {
        self.mitigated_at
    }

    /// The trainee's diagnoses.
    pub fn diagnoses(&self) -> &[DiagnosisItem] {
        &self.diagnoses
    }

    /// The trainee's notes.
    pub fn notes(&self) -> &[(SimTime, String)] {
        &self.notes
    }

    /// The trainee's own incident timeline, in time order.
    pub fn own_timeline(&self) -> Vec<TimelineEvent> {
        self.own_timeline.values().cloned().collect()
    }

    /// Hints given: when, and which.
    pub fn hints_given(&self) -> &[(SimTime, usize)] {
        &self.hints_given
    }

    /// When the first page went out.
    pub fn first_page(&self) -> Option<SimTime> {
        self.first_page
    }

    /// When the trainee first acknowledged a page.
    pub fn acked(&self) -> Option<SimTime> {
        self.acked
    }

    /// When the trainee declared an incident.
    pub fn declared(&self) -> Option<SimTime> {
        self.declared
    }

    /// When the trainee posted status updates.
    pub fn status_updates(&self) -> &[SimTime] {
        &self.status_updates
    }

    /// Whom the trainee escalated to, and when.
    pub fn escalations(&self) -> &[(SimTime, String)] {
        &self.escalations
    }

    /// When the trainee declared the incident mitigated.
    pub fn declared_mitigated(&self) -> Option<SimTime> {
        self.declared_mitigated
    }

    /// When the trainee declared the incident resolved.
    pub fn declared_resolved(&self) -> Option<SimTime> {
        self.declared_resolved
    }

    /// When the session ended.
    pub fn ended(&self) -> Option<SimTime> {
        self.ended
    }

    /// The phases the clock has jumped across.
    pub fn phases_passed(&self) -> &[usize] {
        &self.phases_passed
    }

    /// Everything that happened, in order (the trainee sees the items marked for them).
    pub fn feed(&self) -> &[FeedItem] {
        &self.feed
    }

    /// Lines the trainee said that matched no action, for the game master to rule on.
    pub fn unmatched(&self) -> &[(SimTime, String)] {
        &self.unmatched
    }
}
