//! The game master's view: the trainee's, plus the whole truth, what is coming, and the score.

use serde::Serialize;

use super::{ActionView, TraineeView, kind_view};
use crate::model::*;
use crate::sim::{FeedItem, Session};
use crate::time::SimTime;

/// What the game master sees besides the trainee view: the whole truth and what is coming.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GmView {
    pub trainee: TraineeView,
    pub root_cause: RootCause,
    /// The real incident this retells ("Cloudflare, 2019-07-02: title"), which the trainee's
    /// screens keep back until the debrief.
    pub source: Option<String>,
    /// Every tag, the failure class included.
    pub tags: Vec<String>,
    pub gm_notes: Vec<String>,
    /// Injects not fired yet, with when they will fire (None: held or waiting on a condition).
    pub upcoming: Vec<UpcomingInject>,
    pub fired: Vec<(SimTime, String)>,
    pub unrevealed_clues: Vec<Clue>,
    /// Dashboards, metrics and logs the trainee cannot see yet, with their titles.
    pub unrevealed_telemetry: Vec<(Reveal, String)>,
    pub next_hint: Option<Hint>,
    pub mitigated_at: Option<SimTime>,
    pub impact_so_far: f64,
    pub impact_unit: String,
    pub recorded: Recorded,
    pub feed: Vec<FeedItem>,
    /// The live score, as it would stand if the session ended now.
    pub score: crate::score::Score,
    /// What the trainee said that matched no action, newest last: the game master rules on
    /// each (take an action for them, answer as a persona, or let it stand).
    pub unmatched: Vec<(SimTime, String)>,
    /// Every action, for ruling on an unmatched line.
    pub all_actions: Vec<ActionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpcomingInject {
    pub id: String,
    pub when: Trigger,
    /// When it fires, in words with names.
    pub when_text: String,
    pub gm_note: Option<String>,
    pub summary: String,
}

impl GmView {
    pub fn of(s: &Session) -> GmView {
        Self::with_trainee(s, TraineeView::of(s))
    }

    /// The game master's view around an already built trainee view of the same session.
    pub fn with_trainee(s: &Session, trainee: TraineeView) -> GmView {
        let sc = s.scenario();
        GmView {
            trainee,
            root_cause: sc.root_cause.clone(),
            source: sc.based_on.as_ref().map(|b| {
                format!(
                    "{}, {}{}",
                    b.organisation,
                    b.date,
                    b.title
                        .as_ref()
                        .map(|t| format!(": {t}"))
                        .unwrap_or_default()
                )
            }),
            tags: sc.tags.clone(),
            gm_notes: sc.gm_notes.clone(),
            upcoming: sc
                .injects
                .iter()
                .filter(|i| !s.has_fired(&i.id))
                .map(|i| UpcomingInject {
                    id: i.id.clone(),
                    when: i.when.clone(),
                    when_text: trigger_words(sc, &i.when),
                    gm_note: i.gm_note.clone(),
                    summary: summarise(sc, &i.effects),
                })
                .collect(),
            fired: s.fired().to_vec(),
            unrevealed_telemetry: sc
                .dashboards
                .iter()
                .map(|d| {
                    (
                        Reveal::Dashboard(d.id.clone()),
                        format!("dashboard: {}", d.title),
                    )
                })
                .chain(
                    sc.logs
                        .iter()
                        .map(|l| (Reveal::Logs(l.id.clone()), format!("logs: {}", l.name))),
                )
                .chain(
                    sc.metrics
                        .iter()
                        .map(|m| (Reveal::Metric(m.id.clone()), format!("metric: {}", m.name))),
                )
                .filter(|(r, _)| !s.is_revealed(r))
                .collect(),
            unrevealed_clues: sc
                .clues
                .iter()
                .filter(|c| !s.is_revealed(&Reveal::Clue(c.id.clone())))
                .cloned()
                .collect(),
            next_hint: sc.hints.get(s.hints_given().len()).cloned(),
            mitigated_at: s.mitigated_at(),
            impact_so_far: s.impact_total(s.now()),
            impact_unit: sc.impact.unit.clone(),
            recorded: sc.recorded.clone(),
            feed: s.feed().to_vec(),
            score: crate::score::score(s),
            unmatched: s.unmatched().to_vec(),
            all_actions: sc
                .actions
                .iter()
                .map(|a| ActionView {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    kind: kind_view(&a.kind),
                    cost: a.cost,
                    used: false,
                })
                .collect(),
        }
    }
}

/// When an inject fires, in words with names.
fn trigger_words(sc: &Scenario, t: &Trigger) -> String {
    match t {
        Trigger::At(at) => format!("at {}", at.clock()),
        Trigger::AfterAction { action, delay } => format!(
            "{delay} after the trainee's \"{}\"",
            sc.action(action)
                .map_or(action.as_str(), |a| a.label.as_str())
        ),
        Trigger::AfterInject { inject, delay } => {
            format!("{delay} after \"{}\"", inject.replace('-', " "))
        }
        Trigger::IfNotMitigated { by } => format!("at {} unless mitigated", by.clock()),
        Trigger::Held => "held for you".into(),
    }
}

/// What an inject does, in plain words with names, for the game master: "the alert Checkout
/// error rate fires; Proxy CPU changes course; Lena Fischer writes: Tickets are pouring in...".
fn summarise(sc: &Scenario, effects: &[Effect]) -> String {
    let alert = |id: &str| {
        sc.alerts
            .iter()
            .find(|a| a.id == id)
            .map_or(id, |a| a.name.as_str())
            .to_string()
    };
    let short = |t: &str| {
        let c: String = t.chars().take(60).collect();
        if c.len() < t.len() {
            format!("{c}...")
        } else {
            c
        }
    };
    effects
        .iter()
        .map(|e| match e {
            Effect::FireAlert(a) => format!("the alert \"{}\" fires", alert(a)),
            Effect::ResolveAlert(a) => format!("the alert \"{}\" clears", alert(a)),
            Effect::Metric { metric, .. } => format!(
                "{} changes course",
                sc.metric(metric)
                    .map_or(metric.as_str(), |m| m.name.as_str())
            ),
            Effect::Log { stream, text, .. } => format!(
                "a line in {}: {}",
                sc.log_stream(stream)
                    .map_or(stream.as_str(), |l| l.name.as_str()),
                short(text)
            ),
            Effect::Message { from, text } => format!(
                "{} writes: {}",
                sc.persona(from).map_or(from.as_str(), |p| p.name.as_str()),
                short(text)
            ),
            Effect::Reveal(r) => format!(
                "shows {}",
                match r {
                    Reveal::Dashboard(id) => sc
                        .dashboard(id)
                        .map_or(id.clone(), |d| format!("the dashboard {}", d.title)),
                    Reveal::Metric(id) => sc
                        .metric(id)
                        .map_or(id.clone(), |m| format!("the metric {}", m.name)),
                    Reveal::Logs(id) => sc
                        .log_stream(id)
                        .map_or(id.clone(), |l| format!("the log {}", l.name)),
                    Reveal::Clue(id) => sc.clue(id).map_or(id.clone(), |c| format!(
                        "the finding \"{}\"",
                        short(&c.text)
                    )),
                }
            ),
            Effect::WorsenImpact(f) => format!("the impact grows x{f}"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
