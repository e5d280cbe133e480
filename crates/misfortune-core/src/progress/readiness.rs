//! The team's readiness checklist (a RON file the team writes) and a verdict per trainee that
//! says exactly what is missing.
//!
//! ```ron
//! Checklist(rules: [
//!     ScoreInTags(min: 70.0, tags: ["restore-from-backup", "change-correlation"], recall: true),
//!     Sessions(min: 6),
//!     NoHarmInLast(sessions: 3),
//!     GameMaster(times: 1),
//! ])
//! ```

use serde::{Deserialize, Serialize};

use super::{SessionRecord, TraineeProgress};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Rule {
    /// A session scoring at least `min` in each tag (recall-mode sessions only, if `recall`).
    ScoreInTags {
        min: f64,
        tags: Vec<String>,
        #[serde(default)]
        recall: bool,
    },
    /// At least this many counted sessions.
    Sessions { min: usize },
    /// No harmful action in the last N sessions.
    NoHarmInLast { sessions: usize },
    /// Has run a team session as game master (incident commander) this many times.
    GameMaster { times: usize },
}

/// A trainee against the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub trainee: String,
    pub ready: bool,
    /// What is met, in words.
    pub met: Vec<String>,
    /// Exactly what is missing, in words.
    pub missing: Vec<String>,
}

impl Checklist {
    /// Read a checklist, with the file, line and column of any mistake.
    pub fn parse(name: &str, src: &str) -> Result<Checklist, String> {
        ron::from_str(src).map_err(|e| {
            format!(
                "{name}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
    }
}

fn best_in(sessions: &[SessionRecord], tag: &str, recall: bool) -> Option<f64> {
    sessions
        .iter()
        .filter(|s| s.tags.iter().any(|t| t == tag))
        .filter(|s| !recall || s.play_mode == "recall")
        .map(|s| s.score)
        .reduce(f64::max)
}

/// Check one trainee's progress against the checklist.
pub fn verdict(p: &TraineeProgress, list: &Checklist) -> Verdict {
    let mut met = Vec::new();
    let mut missing = Vec::new();
    for rule in &list.rules {
        match rule {
            Rule::ScoreInTags { min, tags, recall } => {
                let mode = if *recall { " (recall)" } else { "" };
                for tag in tags {
                    match best_in(&p.sessions, tag, *recall) {
                        Some(b) if b >= *min => {
                            met.push(format!("{tag}: best {b:.0}{mode}, at least {min:.0}"))
                        }
                        Some(b) => missing.push(format!(
                            "{tag}: best {b:.0}{mode}, needs a session scoring at least {min:.0}"
                        )),
                        None => missing.push(format!(
                            "{tag}: never practised{mode}; needs a session scoring at least {min:.0}"
                        )),
                    }
                }
            }
            Rule::Sessions { min } => {
                let n = p.sessions.len();
                if n >= *min {
                    met.push(format!("{n} sessions, at least {min}"));
                } else {
                    missing.push(format!("{n} sessions of the {min} needed"));
                }
            }
            Rule::NoHarmInLast { sessions } => {
                let last: Vec<&SessionRecord> = p.sessions.iter().rev().take(*sessions).collect();
                let harm: u32 = last.iter().map(|s| s.harmful).sum();
                if last.len() < *sessions {
                    missing.push(format!(
                        "only {} sessions; needs {sessions} in a row with no harmful action",
                        last.len()
                    ));
                } else if harm > 0 {
                    missing.push(format!(
                        "{harm} harmful action(s) in the last {sessions} sessions"
                    ));
                } else {
                    met.push(format!("no harmful action in the last {sessions} sessions"));
                }
            }
            Rule::GameMaster { times } => {
                if p.as_game_master >= *times {
                    met.push(format!("game master {} time(s)", p.as_game_master));
                } else {
                    missing.push(format!(
                        "game master {} time(s) of the {times} needed",
                        p.as_game_master
                    ));
                }
            }
        }
    }
    Verdict {
        trainee: p.trainee.clone(),
        ready: missing.is_empty(),
        met,
        missing,
    }
}

/// A readiness report a lead can paste into a review (Markdown).
pub fn report(p: &TraineeProgress, v: &Verdict) -> String {
    let mut o = format!("# On-call readiness: {}\n\n", p.trainee);
    o.push_str(&format!(
        "**Verdict: {}**\n\n",
        if v.ready { "ready" } else { "not yet ready" }
    ));
    if !v.missing.is_empty() {
        o.push_str("## Missing\n\n");
        for m in &v.missing {
            o.push_str(&format!("- {m}\n"));
        }
        o.push('\n');
    }
    if !v.met.is_empty() {
        o.push_str("## Met\n\n");
        for m in &v.met {
            o.push_str(&format!("- {m}\n"));
        }
        o.push('\n');
    }
    o.push_str("## Skills practised\n\n| tag | sessions | best | latest | trend |\n|---|---|---|---|---|\n");
    for c in &p.coverage {
        o.push_str(&format!(
            "| {} | {} | {:.0} | {:.0} | {} |\n",
            c.tag,
            c.sessions,
            c.best,
            c.latest,
            c.trend.map_or("-".into(), |t| format!("{t:+.0}"))
        ));
    }
    if !p.not_practised.is_empty() {
        o.push_str(&format!(
            "\nNot practised yet: {}.\n",
            p.not_practised.join(", ")
        ));
    }
    o.push_str(
        "\n## Sessions\n\n| scenario | mode | score | harmful | hints |\n|---|---|---|---|---|\n",
    );
    for s in &p.sessions {
        o.push_str(&format!(
            "| {} | {} | {:.0} | {} | {} |\n",
            s.title, s.play_mode, s.score, s.harmful, s.hints
        ));
    }
    o
}
