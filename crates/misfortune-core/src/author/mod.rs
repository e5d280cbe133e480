//! Authoring tools: a commented scaffold (`misfortune new`), and importers that turn a Markdown
//! postmortem, a structured postmortem record, or the classic web Wheel of Misfortune's
//! `incidents/*.json` into scenario skeletons. Whatever the source lacks is marked `TODO`, and
//! `validate` names every `TODO` left; once they are filled in, the skeleton validates.
//!
//! - `render`: a skeleton as a commented scenario file, over the small writer in `ron_writer`
//! - `sections`, `markdown`: Markdown postmortems (headings, bullets, tables, prose)
//! - `timeline`: timestamps in their many styles, and what kind of event a line is
//! - `record`: the structured postmortem records (JSON)
//! - `classic`: the classic web Wheel of Misfortune's incident lists

use crate::model::{ActionItemKind, EventKind};
use crate::time::SimTime;

mod classic;
mod markdown;
mod record;
mod render;
mod ron_writer;
mod sections;
mod timeline;

pub use classic::import_wheel;
pub use markdown::import_markdown;
pub use record::import_record;
pub use timeline::guess_kind;

/// Everything a skeleton is made from; unknown parts stay `None`/empty and become `TODO`s.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skeleton {
    pub id: String,
    pub title: Option<String>,
    pub difficulty: Option<u8>,
    pub tags: Vec<String>,
    pub organisation: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub briefing: Option<String>,
    pub summary: Option<String>,
    pub impact: Option<String>,
    pub services: Vec<(String, String, Vec<String>)>,
    pub timeline: Vec<(SimTime, EventKind, String)>,
    pub time_to_detect: Option<SimTime>,
    pub time_to_mitigate: Option<SimTime>,
    pub time_to_resolve: Option<SimTime>,
    pub root_cause: Option<String>,
    pub trigger: Option<String>,
    pub contributing: Vec<String>,
    pub detection: Option<String>,
    pub resolution: Option<String>,
    pub went_wrong: Vec<String>,
    pub went_right: Vec<String>,
    pub lucky: Vec<String>,
    pub unlucky: Vec<String>,
    pub prevention: Vec<String>,
    pub action_items: Vec<(String, ActionItemKind, Option<String>)>,
    pub red_herrings: Vec<String>,
    pub gm_notes: Vec<String>,
}

/// A RON string literal.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("    "),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A URL-safe id from any text.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    let mut out: String = out.chars().take(56).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "scenario".into()
    } else {
        out
    }
}

/// What an importer found and did not find.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub skeleton: Skeleton,
    pub found: Vec<String>,
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    Unreadable(String),
}

/// A blank scaffold with every section present and commented.
pub fn scaffold(id: &str) -> String {
    Skeleton {
        id: id.to_string(),
        ..Default::default()
    }
    .render()
}
