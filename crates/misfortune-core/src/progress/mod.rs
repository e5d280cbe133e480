//! Onboarding progress: who played what, which skills each trainee has practised, and whether
//! they meet the team's readiness checklist. Sessions come from the journals (the source of
//! truth) into a store ([`store`]); everything here answers questions from the sessions a store
//! returns. Persona plays, scripts, unnamed and unfinished sessions, and journals that do not
//! verify are kept but never count as anyone's practice.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

mod readiness;
mod record;
pub mod store;

pub use readiness::{Checklist, Rule, Verdict, report, verdict};
pub use record::{SessionRecord, from_journal};
pub use store::{ProgressStore, Store};

/// How a trainee stands on one tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagCoverage {
    pub tag: String,
    pub sessions: usize,
    pub best: f64,
    pub latest: f64,
    /// The latest score less the first, when there are two or more.
    pub trend: Option<f64>,
}

/// One trainee's practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraineeProgress {
    pub trainee: String,
    /// Their counted sessions, oldest first.
    pub sessions: Vec<SessionRecord>,
    pub coverage: Vec<TagCoverage>,
    /// Vocabulary tags of the library they have not practised.
    pub not_practised: Vec<String>,
    /// Sessions they ran as game master.
    pub as_game_master: usize,
}

/// The trainees with counted sessions, by name.
pub fn trainees(all: &[SessionRecord]) -> Vec<String> {
    all.iter()
        .filter(|s| s.counted)
        .filter_map(|s| s.trainee.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// A trainee's progress over the library's tags (`library_tags`: what there is to practise).
pub fn trainee_progress(
    all: &[SessionRecord],
    trainee: &str,
    library_tags: &[String],
) -> TraineeProgress {
    let sessions: Vec<SessionRecord> = all
        .iter()
        .filter(|s| s.counted && s.trainee.as_deref() == Some(trainee))
        .cloned()
        .collect();
    let mut by_tag: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for s in &sessions {
        // "original" and "long" say where a scenario comes from, not what it trains.
        for t in s
            .tags
            .iter()
            .filter(|t| crate::tags::kind(t) != Some(crate::tags::TagKind::About))
        {
            by_tag.entry(t.clone()).or_default().push(s.score);
        }
    }
    let coverage: Vec<TagCoverage> = by_tag
        .into_iter()
        .map(|(tag, scores)| TagCoverage {
            sessions: scores.len(),
            best: scores.iter().copied().fold(0.0, f64::max),
            latest: *scores.last().unwrap_or(&0.0),
            trend: (scores.len() >= 2).then(|| scores[scores.len() - 1] - scores[0]),
            tag,
        })
        .collect();
    let not_practised = library_tags
        .iter()
        .filter(|t| !coverage.iter().any(|c| &c.tag == *t))
        .cloned()
        .collect();
    let as_game_master = all
        .iter()
        // Only a real session counts: a person played it to the end and its journal verifies.
        .filter(|s| s.game_master.as_deref() == Some(trainee))
        .filter(|s| s.finished && s.verified && s.player == "person")
        .count();
    TraineeProgress {
        trainee: trainee.to_string(),
        sessions,
        coverage,
        not_practised,
        as_game_master,
    }
}

/// The team's coverage: for each trainee, their best score per tag (None: not practised).
pub fn team_coverage(
    all: &[SessionRecord],
    library_tags: &[String],
) -> Vec<(String, Vec<Option<f64>>)> {
    trainees(all)
        .into_iter()
        .map(|t| {
            let p = trainee_progress(all, &t, library_tags);
            let row = library_tags
                .iter()
                .map(|tag| p.coverage.iter().find(|c| &c.tag == tag).map(|c| c.best))
                .collect();
            (t, row)
        })
        .collect()
}

/// The tags the library's scenarios practise (spoiler-free kinds and failure classes alike), in
/// the vocabulary's order.
pub fn library_tags(scenarios: &[crate::Scenario]) -> Vec<String> {
    let used: BTreeSet<&str> = scenarios
        .iter()
        .flat_map(|s| s.tags.iter().map(String::as_str))
        .collect();
    crate::tags::VOCABULARY
        .iter()
        .filter(|(t, k)| used.contains(t) && *k != crate::tags::TagKind::About)
        .map(|(t, _)| t.to_string())
        .collect()
}

/// Sessions as CSV (one row a session, counted or not).
pub fn to_csv(all: &[SessionRecord]) -> String {
    let mut o = String::from(
        "journal,trainee,game_master,scenario,mode,play_mode,player,started_unix,finished,verified,counted,score,diagnose_min,mitigate_min,hints,harmful,tags\n",
    );
    let cell = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let num = |v: Option<f64>| v.map(|x| format!("{x:.1}")).unwrap_or_default();
    for s in all {
        o.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{:.1},{},{},{},{},{}\n",
            cell(&s.journal),
            cell(s.trainee.as_deref().unwrap_or("")),
            cell(s.game_master.as_deref().unwrap_or("")),
            cell(&s.scenario_id),
            s.mode,
            s.play_mode,
            cell(&s.player),
            s.started_unix,
            s.finished,
            s.verified,
            s.counted,
            s.score,
            num(s.diagnose_min),
            num(s.mitigate_min),
            s.hints,
            s.harmful,
            cell(&s.tags.join(" "))
        ));
    }
    o
}
