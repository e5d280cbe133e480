//! The screens of the game, as states.

use bevy::prelude::*;

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// All scenarios, with their problems.
    #[default]
    Library,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
}
