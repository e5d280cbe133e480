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
//! - `templates`: starting shapes for common incidents (`new --template`)
//! - `game`, `render_game`: the game built from the document (alerts, metrics, logs, wrong paths,
//!   the fix) and how it is written

use crate::model::{ActionItemKind, EventKind};
use crate::time::SimTime;

mod alert_words;
mod classic;
mod doc_metadata;
mod doc_text;
mod event_kind;
mod fix_words;
mod foreign_headings;
mod foreign_words;
pub mod game;
mod game_finding;
mod game_metrics;
mod game_paths;
mod game_suspects;
mod html_text;
mod kind_context;
mod kind_normalise;
mod kind_opening;
mod kind_phrases;
mod kind_words;
mod markdown;
mod outcome_words;
mod pasted_text;
mod possible_causes;
mod prose;
mod prose_cause;
mod record;
mod render;
mod render_game;
mod ron_writer;
mod section_labels;
mod sections;
mod signal_trend;
mod stated_times;
mod status_page;
mod status_stamps;
mod tag_guess;
mod templates;
mod thought_actual;
mod time_parser;
mod timeline;
mod timeline_clock;
mod timeline_findings;
mod timeline_lines;
mod timeline_order;
mod timeline_read;
mod timeline_table;
mod timeline_told_apart;

pub use classic::import_wheel;
pub use event_kind::guess_kind;
pub use markdown::{import_markdown, import_markdown_with};
pub use record::import_record;
pub use stated_times::{Measure, Stated};
pub use tag_guess::guess_tags;
pub use templates::{TEMPLATES, template};

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
    /// The time of day at minute 0 ("HH:MM"), when the timeline gives clock times.
    pub starts_at: Option<String>,
    pub summary: Option<String>,
    pub impact: Option<String>,
    pub services: Vec<(String, String, Vec<String>)>,
    pub timeline: Vec<(SimTime, EventKind, String)>,
    /// Events before minute 0, with how long before (when minute 0 is the detection).
    pub before_start: Vec<(SimTime, EventKind, String)>,
    /// From the trigger to the detection.
    pub time_to_detect: Option<SimTime>,
    /// When the real team named the root cause, from minute 0.
    pub time_to_diagnose: Option<SimTime>,
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
    /// The causes a "Possible Causes" section lists; the one the fix answers is the root cause
    /// and the others wrong theories.
    pub possible_causes: Vec<String>,
    pub gm_notes: Vec<String>,
    /// The paragraphs of the sections no template names (a blog's "PostgreSQL is Down",
    /// "Running Ansible"), without their code blocks: the story the game reads its wrong
    /// theories and failed fixes from when no timeline tells them.
    pub narrative: Vec<String>,
    /// The lines of a machine's output the document quotes that say something went wrong.
    pub quoted_logs: Vec<String>,
    /// The response times the document states ("Time to detection: 2 minutes").
    pub stated_times: Vec<Stated>,
    /// The game built from the document by rules (see [`game`]).
    pub game: game::Game,
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

/// Where an imported timeline puts minute 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zero {
    /// The first alert or page (the trainee's session starts where the on-call's did).
    #[default]
    Detection,
    /// The trigger (the first event).
    Trigger,
    /// A time of day, in seconds after midnight of the timeline's first day.
    At(i64),
}

impl std::str::FromStr for Zero {
    type Err = String;
    fn from_str(s: &str) -> Result<Zero, String> {
        match s {
            "detection" => Ok(Zero::Detection),
            "trigger" => Ok(Zero::Trigger),
            t => crate::model::parse_time_of_day(t)
                .map(|m| Zero::At(i64::from(m) * 60))
                .ok_or_else(|| {
                    format!(
                        "`{t}`: expected `detection`, `trigger` or a time of day such as `09:48`"
                    )
                }),
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub zero: Zero,
}

/// An event of an imported timeline: when, what kind, the text.
pub type Event = (SimTime, EventKind, String);

/// A timeline split at minute 0: the events from it, those before it (with how long before),
/// and minute 0's absolute time.
pub type Split = (Vec<Event>, Vec<Event>, i64);

/// Words that say something broke ("validation_failed", "errors", "outage").
static HARM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"fail|error|outage|unavailable|crash|timed? ?out|\bdown\b|\blost\b|\bloss\b")
        .expect("static regex")
});

/// A finding told as late ("was not identified until ..."): the work began before it.
static LATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\bnot\b[^.;]{0,40}\buntil\b").expect("static regex")
});

/// An alert that says nobody got it.
static UNSEEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\balerts?\b[^.;]{0,40}\b(?:discarded|suppressed|silenced|swallowed|never delivered|not delivered|undelivered|went unnoticed|unseen|nobody saw|no one saw)\b")
        .expect("static regex")
});

/// Words of an alert that reached a person (a page, the on-call, a report).
const REACHED: &[&str] = &[
    "page",
    "paging",
    "on-call",
    "oncall",
    "on call",
    "report",
    "raised",
    "first detected",
    // "The monitoring systems alerted our engineers".
    "alerted our",
    "alerted the",
    "alerted engineers",
    // "Paladox also informs MacFan4000 that the wikis have been broken".
    "informs",
    "informed",
    "tells",
    " told ",
    "warns",
    "warned",
    // "User twitted a 500 server error page to the company".
    "to the company",
    "tweeted",
    "twitted",
];

/// Put minute 0 where `zero` says, on a timeline of absolute seconds: the events from minute 0
/// on, and those before it with how long before. Returns the zero's absolute time too.
pub fn split_at_zero(events: Vec<(i64, EventKind, String)>, zero: Zero) -> Split {
    let first = events.first().map_or(0, |e| e.0);
    let z = match zero {
        Zero::Trigger => first,
        // The detection is the first alert that reached a person (a page, the on-call, a
        // report), else the first alert.
        Zero::Detection => {
            // ("Prometheus alerts fire and are discarded": an alert that reached nobody is
            // not when anyone knew.)
            let alerts = || {
                events
                    .iter()
                    .filter(|e| e.1 == EventKind::Alert && !UNSEEN.is_match(&e.2))
            };
            let reached = |t: &str| {
                let t = t.to_lowercase();
                REACHED.iter().any(|w| t.contains(w))
            };
            // No alert at all: a hard outage ("the job server halted") is seen at once; a slow
            // decline ("performance began to degrade") only once the team first acted, not
            // when the trouble began overnight.
            let hard_outage = || timeline_order::outage_start(&events).map(|i| &events[i]);
            // ("The root cause was not identified until November 12th" says the team was at
            // work well before: the harm before it is when they knew.)
            let responded = || {
                let first = events.iter().find(|e| {
                    matches!(
                        e.1,
                        EventKind::Investigation | EventKind::Escalation | EventKind::Mitigation
                    )
                })?;
                let late = LATE.is_match(&first.2.to_lowercase());
                let harm_before = || {
                    events
                        .iter()
                        .take_while(|e| e.0 < first.0)
                        .find(|e| e.1 == EventKind::Symptom)
                };
                late.then(harm_before).flatten().or(Some(first))
            };
            // "An incident initiated on February 24" after pages that failed to render for two
            // days: with nobody at work before it, the declaration is when they knew.
            let declared = || {
                responded().filter(|e| {
                    e.1 == EventKind::Escalation && e.2.to_lowercase().contains("incident")
                })
            };
            // Nobody alerted and nobody acted (a log's own record of a failure): the first
            // failure, not whatever was logged before it.
            let first_harm = || {
                events
                    .iter()
                    .find(|e| e.1 == EventKind::Symptom && HARM.is_match(&e.2.to_lowercase()))
            };
            // (A page an hour or more after the first alert is another spell of the incident,
            // not the same alert reaching someone.)
            let first_alert = alerts().next().map(|e| e.0);
            alerts()
                .find(|e| reached(&e.2))
                .filter(|e| first_alert.is_none_or(|f| e.0 - f < 3600))
                .or_else(|| alerts().next())
                // A hard outage within the hour before the declaration ("Function execution
                // becomes unavailable" at 18:13, "We declare an incident" at 18:17) is when it
                // began to be seen; a declaration days after a slow decline is when they knew.
                .or_else(|| match (declared(), hard_outage()) {
                    (Some(d), Some(h)) if h.0 <= d.0 && d.0 - h.0 <= 3600 => Some(h),
                    (Some(d), _) => Some(d),
                    (None, h) => h,
                })
                .or_else(responded)
                .or_else(first_harm)
                .map_or(first, |e| e.0)
        }
        Zero::At(t) => t,
    };
    let mut after = Vec::new();
    let mut before = Vec::new();
    for (abs, kind, text) in events {
        let d = abs - z;
        if d >= 0 {
            after.push((SimTime::from_secs(d as u64), kind, text));
        } else {
            before.push((SimTime::from_secs((-d) as u64), kind, text));
        }
    }
    (after, before, z)
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

/// A skeleton as a commented scenario file.
pub fn render_skeleton(sk: &Skeleton) -> String {
    sk.render()
}

/// A skeleton's text with every `TODO` written as a placeholder (and a date and an address that
/// validate): what it would be once filled in, for checking that it validates, is solvable and
/// what the lint would still say.
pub fn fill_todos(text: &str) -> String {
    text.replace("TODO: the incident's date, YYYY-MM-DD", "2020-01-01")
        .replace(
            "TODO: the public write-up's address",
            "https://example.com/pm",
        )
        .replace("TODO", "Filled in")
}

/// A blank scaffold with every section present and commented.
pub fn scaffold(id: &str) -> String {
    Skeleton {
        id: id.to_string(),
        ..Default::default()
    }
    .render()
}
