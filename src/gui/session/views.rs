//! The views a session screen draws, kept between frames. Building them (series and log tails) is
//! the expensive part of a frame, so they are reused until something happens or a quarter of a
//! second has passed; when only the clock moved they are rebuilt on Bevy's async compute pool from
//! a copy of the session, so the frame never waits for them.

use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};
use misfortune_core::view::{GmView, TraineeView};
use misfortune_core::{Session, SimTime};

use super::SessionMode;

const VIEW_REFRESH: std::time::Duration = std::time::Duration::from_millis(250);

/// What was built at one moment of the session.
pub struct CachedViews {
    built: std::time::Instant,
    feed_len: usize,
    now: SimTime,
    /// The trainee's view, or the game master's view (which holds the trainee's and the score).
    view: Built,
}

enum Built {
    Trainee(Box<TraineeView>),
    Gm(Box<GmView>),
}

impl CachedViews {
    pub fn trainee(&self) -> &TraineeView {
        match &self.view {
            Built::Trainee(t) => t,
            Built::Gm(g) => &g.trainee,
        }
    }

    pub fn gm(&self) -> Option<&GmView> {
        match &self.view {
            Built::Trainee(_) => None,
            Built::Gm(g) => Some(g),
        }
    }
}

fn build(s: &Session, mode: SessionMode) -> CachedViews {
    let view = if mode == SessionMode::Solo {
        Built::Trainee(Box::new(TraineeView::of(s)))
    } else {
        Built::Gm(Box::new(GmView::of(s)))
    };
    CachedViews {
        built: std::time::Instant::now(),
        feed_len: s.feed().len(),
        now: s.now(),
        view,
    }
}

/// The views of one session, with a rebuild that may be running in the background.
#[derive(Default)]
pub struct Views {
    current: Option<CachedViews>,
    building: Option<Task<CachedViews>>,
}

impl Views {
    /// Keep the views current. When something happened (a command, an inject) they are rebuilt
    /// at once; when only the clock moved, at most four times a second in the background.
    pub fn refresh(&mut self, s: &Session, mode: SessionMode) {
        if let Some(task) = &mut self.building
            && let Some(v) = check_ready(task)
        {
            // Only if nothing happened meanwhile (otherwise it is rebuilt below).
            if self
                .current
                .as_ref()
                .is_none_or(|old| old.feed_len <= v.feed_len)
            {
                self.current = Some(v);
            }
            self.building = None;
        }
        match &self.current {
            Some(v) if v.feed_len == s.feed().len() => {
                if v.now != s.now() && v.built.elapsed() >= VIEW_REFRESH && self.building.is_none()
                {
                    self.rebuild_in_background(s, mode);
                }
            }
            _ => self.current = Some(build(s, mode)),
        }
    }

    fn rebuild_in_background(&mut self, s: &Session, mode: SessionMode) {
        let session = s.clone();
        match AsyncComputeTaskPool::try_get() {
            Some(pool) => {
                self.building = Some(pool.spawn(async move { build(&session, mode) }));
            }
            None => self.current = Some(build(&session, mode)),
        }
    }

    pub fn get(&self) -> Option<&CachedViews> {
        self.current.as_ref()
    }
}
