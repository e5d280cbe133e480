//! The screens of the game, as states.

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// All scenarios, with their problems.
    #[default]
    Library,
    /// The wheel that picks the scenario.
    Wheel,
    /// A scenario being played.
    Session,
    /// After a session: the score, the timelines, the five questions, the action items.
    Debrief,
    /// Onboarding: each trainee's trend and readiness, the team's coverage.
    Progress,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
}
