//! The debrief report: a postmortem draft of a played session, in Markdown or JSON.

use serde::Serialize;

use crate::model::*;
use crate::score::{Score, score};
use crate::sim::Session;
use crate::time::SimTime;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub scenario_id: String,
    pub title: String,
    pub based_on: Option<Source>,
    pub trainee: Option<String>,
    pub seed: u64,
    /// Recall (the trainee's own words) or guided (the palette).
    pub play_mode: crate::sim::PlayMode,
    pub summary: String,
    pub impact: ImpactReport,
    /// Both timelines on one time axis.
    pub timeline: Vec<TimelineRow>,
    pub diagnosis: DiagnosisReport,
    pub questions: Vec<Question>,
    pub action_items: Vec<ActionItemRow>,
    pub score: Score,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImpactReport {
    pub description: String,
    pub total: f64,
    pub unit: String,
    pub mitigated_at: Option<SimTime>,
    pub recorded_time_to_mitigate: Option<SimTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    pub at: SimTime,
    /// `trainee` or `recorded`.
    pub side: &'static str,
    pub kind: EventKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosisReport {
    pub trainee: Option<String>,
    pub at: Option<SimTime>,
    pub root_cause: String,
    pub trigger: String,
    pub contributing_factors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub question: &'static str,
    pub recorded: Vec<String>,
    /// The team's own answers from the debrief (empty: space is left for them).
    pub team: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionItemRow {
    pub action: String,
    pub kind: ActionItemKind,
    pub owner: Option<String>,
    pub due: Option<String>,
}

pub const QUESTIONS: [&str; 5] = [
    "What went wrong?",
    "What went right?",
    "Where did luck help us?",
    "Where was luck against us?",
    "What could have prevented it?",
];

/// The trainee's own timeline and the real team's on one axis, the trainee's first at a tie.
fn both_timelines(s: &Session) -> Vec<TimelineRow> {
    let sc = s.scenario();
    let mut timeline = what_the_trainee_did(s);
    timeline.extend(s.own_timeline().iter().map(|e| TimelineRow {
        at: e.at,
        side: "trainee",
        kind: e.kind,
        text: format!("(noted) {}", e.text),
    }));
    timeline.extend(sc.recorded.timeline.iter().map(|e| TimelineRow {
        at: e.at,
        side: "recorded",
        kind: e.kind,
        text: match e.before {
            Some(b) => format!("({b} before the start) {}", e.text),
            None => e.text.clone(),
        },
    }));
    timeline.sort_by(|a, b| a.at.cmp(&b.at).then(b.side.cmp(a.side)));
    timeline
}

/// The trainee's side of the timeline as the journal recorded it, whether or not they kept one:
/// the acknowledgement, each step they took, their diagnoses, declarations and status updates.
fn what_the_trainee_did(s: &Session) -> Vec<TimelineRow> {
    let sc = s.scenario();
    let row = |at, kind, text: String| TimelineRow {
        at,
        side: "trainee",
        kind,
        text,
    };
    let mut out = Vec::new();
    if let Some(at) = s.acked() {
        out.push(row(at, EventKind::Alert, "Acknowledged the page".into()));
    }
    for t in s.taken() {
        let Some(a) = sc.action(&t.action) else {
            continue;
        };
        let kind = match a.kind {
            ActionKind::Investigate => EventKind::Investigation,
            ActionKind::Mitigate => EventKind::Mitigation,
            ActionKind::Communicate(_) => EventKind::Communication,
            ActionKind::Escalate(_) => EventKind::Escalation,
        };
        out.push(row(t.start, kind, a.label.clone()));
    }
    for d in s.diagnoses() {
        let named = d
            .candidate
            .as_ref()
            .and_then(|c| sc.root_cause.candidates.iter().find(|x| &x.id == c))
            .map(|c| c.text.clone())
            .or_else(|| d.text.clone())
            .unwrap_or_default();
        out.push(row(
            d.at,
            EventKind::Investigation,
            format!("Diagnosis: {named}"),
        ));
    }
    if let Some(at) = s.declared_mitigated() {
        out.push(row(
            at,
            EventKind::Mitigation,
            "Declared the incident mitigated".into(),
        ));
    }
    if let Some(at) = s.declared_resolved() {
        out.push(row(
            at,
            EventKind::Resolution,
            "Declared the incident resolved".into(),
        ));
    }
    out
}

/// Text for a Markdown table cell.
fn esc(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

impl Report {
    pub fn of(s: &Session, trainee: Option<String>) -> Report {
        let sc = s.scenario();
        let score = score(s);
        let timeline = both_timelines(s);
        let last = s.diagnoses().last();
        let trainee_diag = last.map(|d| {
            let cand = d
                .candidate
                .as_ref()
                .and_then(|c| sc.root_cause.candidates.iter().find(|x| &x.id == c))
                .map(|c| c.text.clone());
            match (cand, &d.text) {
                (Some(c), Some(t)) => format!("{c} ({t})"),
                (Some(c), None) => c,
                (None, Some(t)) => t.clone(),
                (None, None) => String::new(),
            }
        });
        let d = &sc.debrief;
        let end = s.ended().unwrap_or(s.now());
        let mitigated = s.mitigated_at().filter(|m| *m <= end);
        let summary = format!(
            "Training session on \"{}\"{}. The session ran to {} on the simulated clock; {}. Score: {:.1}/100.",
            sc.title,
            sc.based_on
                .as_ref()
                .map(|b| format!(
                    ", based on the {} incident of {}{}",
                    b.organisation,
                    b.date,
                    b.title
                        .as_ref()
                        .map(|t| format!(" (\"{t}\")"))
                        .unwrap_or_default()
                ))
                .unwrap_or_default(),
            end.clock(),
            match mitigated {
                Some(m) => format!("the trainee ended the impact at {}", m.clock()),
                None => "the impact was not ended".into(),
            },
            score.total
        );
        Report {
            scenario_id: sc.id.clone(),
            title: sc.title.clone(),
            based_on: sc.based_on.clone(),
            trainee,
            seed: s.seed(),
            play_mode: s.play_mode(),
            summary,
            impact: ImpactReport {
                description: sc.impact.description.clone(),
                total: score.impact,
                unit: sc.impact.unit.clone(),
                mitigated_at: mitigated,
                recorded_time_to_mitigate: sc.recorded.time_to_mitigate.value(),
            },
            timeline,
            diagnosis: DiagnosisReport {
                trainee: trainee_diag,
                at: last.map(|d| d.at),
                root_cause: sc.root_cause.statement.clone(),
                trigger: sc.root_cause.trigger.clone(),
                contributing_factors: sc.root_cause.contributing_factors.clone(),
            },
            questions: QUESTIONS
                .iter()
                .zip([
                    &d.went_wrong,
                    &d.went_right,
                    &d.lucky,
                    &d.unlucky,
                    &d.prevention,
                ])
                .map(|(question, recorded)| Question {
                    question,
                    recorded: recorded.clone(),
                    team: Vec::new(),
                })
                .collect(),
            action_items: d
                .action_items
                .iter()
                .map(|a| ActionItemRow {
                    action: a.text.clone(),
                    kind: a.kind,
                    owner: a.owner.clone(),
                    due: None,
                })
                .collect(),
            score,
        }
    }

    pub fn to_markdown(&self) -> String {
        let mut o = String::new();
        self.md_header(&mut o);
        self.md_summary_and_impact(&mut o);
        self.md_timeline(&mut o);
        self.md_diagnosis(&mut o);
        self.md_debrief(&mut o);
        self.md_action_items(&mut o);
        self.md_score(&mut o);
        o
    }

    /// Title, source, trainee and seed.
    fn md_header(&self, o: &mut String) {
        o.push_str(&format!("# Postmortem draft: {}\n\n", self.title));
        if let Some(b) = &self.based_on {
            o.push_str(&format!(
                "Based on: {} incident of {} — <{}>\n\n",
                b.organisation, b.date, b.url
            ));
        }
        if let Some(t) = &self.trainee {
            o.push_str(&format!("Trainee: {t}  \n"));
        }
        let mode = match self.play_mode {
            crate::sim::PlayMode::Recall => "recall (in the trainee's own words)",
            crate::sim::PlayMode::Guided => "guided (from the palette of actions)",
        };
        o.push_str(&format!(
            "Scenario: `{}`, seed {}, played {mode}\n\n",
            self.scenario_id, self.seed
        ));
    }

    /// The summary and the impact.
    fn md_summary_and_impact(&self, o: &mut String) {
        o.push_str("## Summary\n\n");
        o.push_str(&self.summary);
        o.push_str("\n\n## Impact\n\n");
        o.push_str(&format!("{}\n\n", self.impact.description));
        o.push_str(&format!(
            "- Accumulated impact: {} {}-minutes\n",
            crate::score::thousands(self.impact.total),
            self.impact.unit
        ));
        o.push_str(&format!(
            "- Impact ended: {}\n",
            self.impact
                .mitigated_at
                .map_or("not during the session".to_string(), |m| format!(
                    "at {}",
                    m.clock()
                ))
        ));
        if let Some(r) = self.impact.recorded_time_to_mitigate {
            o.push_str(&format!("- The real team mitigated at {}\n", r.clock()));
        }
    }

    /// Both timelines, side by side.
    fn md_timeline(&self, o: &mut String) {
        o.push_str("\n## Timeline\n\n| time | trainee | real team |\n|---|---|---|\n");
        for r in &self.timeline {
            let cell = format!("{:?}: {}", r.kind, esc(&r.text));
            if r.side == "trainee" {
                o.push_str(&format!("| {} | {cell} | |\n", r.at.clock()));
            } else {
                o.push_str(&format!("| {} | | {cell} |\n", r.at.clock()));
            }
        }
    }

    /// The trainee's diagnosis and the real root cause.
    fn md_diagnosis(&self, o: &mut String) {
        o.push_str("\n## Diagnosis\n\n");
        match (&self.diagnosis.trainee, self.diagnosis.at) {
            (Some(t), Some(at)) => o.push_str(&format!(
                "- Trainee's diagnosis (at {}): {}\n",
                at.clock(),
                t
            )),
            _ => o.push_str("- The trainee gave no diagnosis.\n"),
        }
        o.push_str(&format!("- Root cause: {}\n", self.diagnosis.root_cause));
        o.push_str(&format!("- Trigger: {}\n", self.diagnosis.trigger));
        if !self.diagnosis.contributing_factors.is_empty() {
            o.push_str("- Contributing factors:\n");
            for f in &self.diagnosis.contributing_factors {
                o.push_str(&format!("  - {f}\n"));
            }
        }
    }

    /// The five questions: the real incident's answers, and room for the team's.
    fn md_debrief(&self, o: &mut String) {
        o.push_str("\n## Debrief\n\n");
        for q in &self.questions {
            o.push_str(&format!("### {}\n\nIn the real incident:\n\n", q.question));
            if q.recorded.is_empty() {
                o.push_str("- (nothing recorded)\n");
            }
            for r in &q.recorded {
                o.push_str(&format!("- {r}\n"));
            }
            o.push_str("\nOur answers:\n\n");
            if q.team.is_empty() {
                o.push_str("- \n");
            }
            for t in &q.team {
                o.push_str(&format!("- {t}\n"));
            }
            o.push('\n');
        }
    }

    /// The action items with owners and due dates.
    fn md_action_items(&self, o: &mut String) {
        o.push_str("## Action items\n\n| action | type | owner | due |\n|---|---|---|---|\n");
        for a in &self.action_items {
            o.push_str(&format!(
                "| {} | {:?} | {} | {} |\n",
                esc(&a.action),
                a.kind,
                a.owner.as_deref().map(esc).unwrap_or_default(),
                a.due.as_deref().map(esc).unwrap_or_default()
            ));
        }
    }

    /// The score, part by part.
    fn md_score(&self, o: &mut String) {
        o.push_str(&format!(
            "\n## Score: {:.1}/100\n\n| part | points | why |\n|---|---|---|\n",
            self.score.total
        ));
        for p in &self.score.parts {
            o.push_str(&format!(
                "| {} | {:.1} / {:.1} | {} |\n",
                p.name.replace('_', " "),
                p.points,
                p.max_points,
                esc(&p.why)
            ));
        }
        if self.score.hints_used > 0 {
            o.push_str(&format!(
                "| hints | -{:.1} | {} hint(s) used |\n",
                self.score.hint_penalty, self.score.hints_used
            ));
        }
        if self.score.harmful_actions > 0 {
            o.push_str(&format!(
                "| harm | -{:.1} | {} harmful action(s): harm costs beyond its part |\n",
                self.score.harm_penalty, self.score.harmful_actions
            ));
        }
    }
}

pub use crate::output::write_atomic;
