//! The game's sections of a skeleton: telemetry, injects, actions, clues and the root cause's
//! candidates, from what the rules found in the document ([`super::game`]), each part with a
//! `gm_note` quoting the sentence it came from; `TODO`s where the document says nothing.

use super::game::{capitalise, short};
use super::render::{first_sentence, or_todo};
use super::ron_writer::RonWriter;
use super::{Skeleton, q};
use crate::time::SimTime;

/// A `gm_note` quoting the document.
fn from_doc(quote: &str) -> String {
    q(&format!("From the document: {}", quote.trim()))
}

impl Skeleton {
    /// Metrics, dashboards, logs, alerts, impact and the injects.
    pub(super) fn telemetry(&self, w: &mut RonWriter, service: &str, duration: SimTime) {
        let g = &self.game;
        w.comment("Telemetry: the metrics whose shapes tell the story, grouped on dashboards.")
            .open("metrics: [");
        if g.metrics.is_empty() {
            w.line(format_args!(
                "Metric(id: \"errors\", service: {}, name: {}, unit: \"%\", baseline: 0.1, noise: 0.05, min: 0.0,",
                q(service),
                q("TODO: the metric that shows the impact")
            ))
            .line("    shape: [ShapeChange(at: \"0m\", change: Ramp(to: 50.0, over: \"2m\"))]),");
        }
        for m in &g.metrics {
            w.comment(&format!("From the document: {}", m.quote))
                .line(format_args!(
                    "Metric(id: {}, service: {}, name: {}, unit: {}, baseline: {:.1}, noise: {:.2}, min: 0.0,",
                    q(&m.id),
                    q(service),
                    q(&m.name),
                    q(&m.unit),
                    m.baseline,
                    m.baseline * 0.05 + 0.1
                ))
                .line(format_args!(
                    "    shape: [ShapeChange(at: \"0m\", change: Ramp(to: {:.1}, over: \"2m\"))]),",
                    m.peak
                ));
        }
        w.close("],");
        let ids: Vec<String> = if g.metrics.is_empty() {
            vec![q("errors")]
        } else {
            g.metrics.iter().map(|m| q(&m.id)).collect()
        };
        w.field(
            "dashboards",
            format_args!(
                "[Dashboard(id: \"main\", title: {}, metrics: [{}])]",
                q("TODO: dashboard title"),
                ids.join(", ")
            ),
        );
        self.logs(w, service, duration);
        self.alerts(w, service);
        w.field(
            "impact",
            format_args!(
                "Impact(description: {}, starts: \"0m\", affected: 1000)",
                or_todo(&self.impact, "who was hurt, and how")
            ),
        );
        self.injects(w, duration);
    }

    /// The symptoms, quoted at their times, and a repeating line still to write.
    fn logs(&self, w: &mut RonWriter, service: &str, duration: SimTime) {
        w.open("logs: [").open(format_args!(
            "LogStream(id: \"app-log\", service: {}, name: \"application log\", lines: [",
            q(service)
        ));
        w.line(format_args!(
            "LogLine(at: \"0m\", level: Error, text: {}, every: \"10s\"),",
            q("TODO: a log line an on-call engineer would grep for; vary it with {a|b|c}")
        ));
        // (At minute 0, before the symptoms at their times: a stream's lines go in time order.)
        if !self.game.quoted_logs.is_empty() {
            w.comment("Quoted from the log output the document shows; move each to its time.");
        }
        for text in &self.game.quoted_logs {
            w.line(format_args!(
                "LogLine(at: \"0m\", level: {}, text: {}),",
                quoted_level(text),
                q(text)
            ));
        }
        let mut symptoms: Vec<&(SimTime, String)> = self.game.symptoms.iter().collect();
        symptoms.sort_by_key(|s| s.0);
        for (at, text) in symptoms {
            w.line(format_args!(
                "LogLine(at: {}, level: Error, text: {}),",
                q(&(*at).min(duration).to_string()),
                q(&format!("TODO: as the service would log it: {text}"))
            ));
        }
        w.close("]),").close("],");
    }

    fn alerts(&self, w: &mut RonWriter, service: &str) {
        if self.game.alerts.is_empty() {
            w.field(
                "alerts",
                format_args!(
                    "[Alert(id: \"page\", name: {}, severity: Critical, service: {}, summary: {})]",
                    q("TODO: the alert that paged"),
                    q(service),
                    q("TODO: what the alert says")
                ),
            );
            return;
        }
        w.open("alerts: [");
        for (i, a) in self.game.alerts.iter().enumerate() {
            w.line(format_args!(
                "Alert(id: \"alert-{}\", name: {}, severity: Critical, service: {}, summary: {}),",
                i + 1,
                q(&a.name),
                q(service),
                q(&a.quote)
            ));
        }
        w.close("],");
    }

    /// The pages at their times, and the recovery after the fix.
    fn injects(&self, w: &mut RonWriter, duration: SimTime) {
        let g = &self.game;
        w.open("injects: [");
        if g.alerts.is_empty() {
            let detect = self
                .time_to_detect
                .unwrap_or(SimTime::from_mins(1))
                .min(duration);
            w.line(format_args!(
                "Inject(id: \"page\", when: At({}), effects: [FireAlert(\"page\")]),",
                q(&detect.to_string())
            ));
        }
        for (i, a) in g.alerts.iter().enumerate() {
            w.line(format_args!(
                "Inject(id: \"page-{}\", when: At({}), effects: [FireAlert(\"alert-{}\")], gm_note: {}),",
                i + 1,
                q(&a.at.min(duration).to_string()),
                i + 1,
                from_doc(&a.quote)
            ));
        }
        let mut effects: Vec<String> = g
            .metrics
            .iter()
            .map(|m| {
                format!(
                    "Metric(metric: {}, change: Recover(over: \"5m\"))",
                    q(&m.id)
                )
            })
            .collect();
        if g.metrics.is_empty() {
            effects.push("Metric(metric: \"errors\", change: Recover(over: \"5m\"))".into());
        }
        if g.alerts.is_empty() {
            effects.push("ResolveAlert(\"page\")".into());
        }
        effects.extend((1..=g.alerts.len()).map(|i| format!("ResolveAlert(\"alert-{i}\")")));
        let delay = g.fix_takes.unwrap_or(SimTime::from_mins(2)).min(duration);
        w.line(format_args!(
            "Inject(id: \"recovery\", when: AfterAction(action: \"fix\", delay: {}), effects: [{}]),",
            q(&delay.to_string()),
            effects.join(", ")
        ))
        .close("],");
    }

    /// An investigation, the fix, the wrong paths the document names, and communication.
    pub(super) fn actions(&self, w: &mut RonWriter) {
        let g = &self.game;
        let fix = match (&g.fix, &self.resolution) {
            (Some(f), _) => f.name.clone(),
            (None, Some(r)) => format!("TODO: an action label for: {}", first_sentence(r)),
            (None, None) => "TODO: the mitigation that worked".into(),
        };
        w.comment("What the trainee can do: investigations that reveal clues, mitigations, communication.")
            .open("actions: [")
            .line(format_args!(
                "Action(id: \"look\", label: {}, kind: Investigate, cost: \"2m\", phrases: [{}],",
                q("TODO: an investigation a responder would try"),
                q("TODO: how a trainee would say it")
            ))
            .line(format_args!(
                "    reveals: [Dashboard(\"main\"), Logs(\"app-log\"), Clue(\"clue\")], result: {}),",
                q("TODO: what it shows, raw")
            ))
            .line(format_args!(
                "Action(id: \"fix\", label: {}, kind: Mitigate, cost: \"3m\", requires: [Clue(\"clue\")], mitigates: {},",
                q(&fix),
                q(&g.fix_takes.unwrap_or(SimTime::from_mins(2)).to_string())
            ))
            .line(format_args!(
                "    phrases: [{}], result: {}{}),",
                q("TODO: how a trainee would say it"),
                q("TODO: what the trainee sees"),
                g.fix
                    .as_ref()
                    .map(|f| format!(", gm_note: {}", from_doc(&f.quote)))
                    .unwrap_or_default()
            ));
        self.wrong_paths(w);
        w.line("Action(id: \"declare\", label: \"Declare an incident\", kind: Communicate(Declare), cost: \"1m\", phrases: [\"declare an incident\"]),")
            .line("Action(id: \"status-update\", label: \"Post a status update\", kind: Communicate(StatusUpdate), cost: \"2m\", phrases: [\"post a status update\"]),")
            .close("],");
        let clue = g.finding.as_ref().map_or(
            "TODO: the fact that points to the root cause".to_string(),
            |f| format!("TODO: as the trainee would find it: {}", f.quote),
        );
        w.field(
            "clues",
            format_args!("[Clue(id: \"clue\", text: {})]", q(&clue)),
        );
    }

    /// Theories chased and fixes that failed, then the source's red herrings, at least two.
    fn wrong_paths(&self, w: &mut RonWriter) {
        let g = &self.game;
        let mut n = 0;
        for (i, t) in g.theories.iter().enumerate() {
            n += 1;
            w.line(format_args!(
                "Action(id: \"theory-{}\", label: {}, kind: Investigate, cost: \"3m\", red_herring: true, phrases: [{}], result: {}, gm_note: {}),",
                i + 1,
                q(&check_label(&t.name)),
                q("TODO: how a trainee would say it"),
                q("TODO: what it shows, raw"),
                from_doc(&t.quote)
            ));
        }
        for (i, (f, harmful)) in g.failed_fixes.iter().enumerate() {
            n += 1;
            let kind = if *harmful {
                "harmful: true, effects: [WorsenImpact(1.2)]"
            } else {
                "red_herring: true"
            };
            w.line(format_args!(
                "Action(id: \"tried-{}\", label: {}, kind: Mitigate, cost: \"5m\", {kind}, phrases: [{}], result: {}, gm_note: {}),",
                i + 1,
                q(&f.name),
                q("TODO: how a trainee would say it"),
                q("TODO: what the trainee sees"),
                from_doc(&f.quote)
            ));
        }
        for (i, h) in self.red_herrings.iter().enumerate() {
            n += 1;
            w.line(format_args!(
                "Action(id: \"herring-{}\", label: {}, kind: Investigate, cost: \"2m\", red_herring: true, result: {}),",
                i + 1,
                q(&format!("TODO: an action that chases: {h}")),
                q("TODO: what it shows")
            ));
        }
        for s in &g.suspects {
            n += 1;
            w.line(format_args!(
                "Action(id: \"suspect-{}\", label: {}, kind: Investigate, cost: \"2m\", red_herring: true, phrases: [{}], result: {}, gm_note: {}),",
                s.id,
                q(s.check),
                s.phrases.iter().map(|p| q(p)).collect::<Vec<_>>().join(", "),
                q(s.result),
                q("Assumed, not from the document: a usual first suspect the document does not point at. Keep it if your team would check it, and make the reading match your systems."),
            ));
        }
        if g.assumed_harm {
            w.line(format_args!(
                "Action(id: \"restart-everything\", label: {}, kind: Mitigate, cost: \"4m\", harmful: true, effects: [WorsenImpact(1.3)], phrases: [{}], result: {}, gm_note: {}),",
                q("Restart every instance of the service at once"),
                ["restart everything", "restart all the instances", "bounce the service"].map(q).join(", "),
                q("Every instance restarts together; for two minutes each request fails while they come back, and work in flight is lost."),
                q("Assumed, not from the document: a tempting move that makes things worse, so that harm costs. Keep it if it fits your system, or replace it with a risky move your team considered."),
            ));
        }
        for i in n..2 {
            w.line(format_args!(
                "Action(id: \"wrong-{}\", label: {}, kind: Investigate, cost: \"2m\", red_herring: true, result: {}),",
                i + 1,
                q("TODO: a plausible move that does not help"),
                q("TODO: what it shows")
            ));
        }
    }

    /// The root cause, with the right candidate drawn from it and the wrong ones from the
    /// theories the team chased.
    pub(super) fn root_cause(&self, w: &mut RonWriter) {
        let contributing = if self.contributing.is_empty() {
            "[]".into()
        } else {
            super::render::list(&self.contributing, "        ", "")
        };
        let right = self.root_cause.as_ref().map_or(
            "TODO: the real root cause, as one line".to_string(),
            |r| {
                format!(
                    "TODO: shorten, and no longer than the others: {}",
                    short(r, 70)
                )
            },
        );
        let mut wrong: Vec<String> = self
            .game
            .theories
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    "Candidate(id: \"theory-{}\", text: {})",
                    i + 1,
                    q(&capitalise(&t.name))
                )
            })
            .collect();
        wrong.extend(self.game.suspects.iter().map(|s| {
            format!(
                "Candidate(id: \"suspect-{}\", text: {})",
                s.id,
                q(s.candidate)
            )
        }));
        if wrong.is_empty() {
            wrong.push(format!(
                "Candidate(id: \"wrong\", text: {})",
                q("TODO: a plausible wrong cause")
            ));
        }
        // The answer is never listed first.
        wrong.insert(1, format!("Candidate(id: \"right\", text: {})", q(&right)));
        w.open("root_cause: RootCause(")
            .field(
                "statement",
                or_todo(&self.root_cause, "the root cause, in a few sentences"),
            )
            .field("trigger", or_todo(&self.trigger, "what set it off"))
            .field("contributing_factors", contributing)
            .list("candidates", wrong);
        // Words the cause names most, none a wrong candidate's: a start for the author.
        let wrong_text: String = self
            .game
            .theories
            .iter()
            .map(|t| t.name.as_str())
            .chain(self.game.suspects.iter().map(|s| s.candidate))
            .collect::<Vec<_>>()
            .join(" ");
        let mut keywords: Vec<String> = proposed_keywords(
            &[&self.root_cause, &self.trigger]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .chain(self.contributing.iter().map(String::as_str))
                .collect::<Vec<_>>(),
            self.root_cause.as_deref().unwrap_or_default(),
            &wrong_text,
        )
        .iter()
        .map(|k| q(k))
        .collect();
        keywords.push(q(if keywords.is_empty() {
            "TODO: words that mark a right free-text answer"
        } else {
            "TODO: check the words above (\"a|b\" for synonyms) mark a right answer, not a guess"
        }));
        w.field("answer", "\"right\"")
            .line(format_args!("keywords: [{}],", keywords.join(", ")))
            .field("clues", "[\"clue\"]")
            .close("),");
    }
}

/// Words that say nothing of a particular cause: time, the incident itself, the usual verbs.
const GENERIC: &[&str] = &[
    "about",
    "across",
    "actual",
    "after",
    "again",
    "already",
    "another",
    "around",
    "application",
    "applications",
    "based",
    "because",
    "before",
    "began",
    "being",
    "cause",
    "caused",
    "causes",
    "causing",
    "certain",
    "change",
    "changed",
    "changes",
    "check",
    "could",
    "customers",
    "during",
    "earlier",
    "error",
    "errors",
    "every",
    "failed",
    "failure",
    "false",
    "first",
    "harmful",
    "hours",
    "immediate",
    "inadvertent",
    "inadvertently",
    "incident",
    "instead",
    "intended",
    "issue",
    "issues",
    "known",
    "later",
    "leading",
    "level",
    "likely",
    "might",
    "minutes",
    "never",
    "other",
    "outage",
    "possible",
    "problem",
    "request",
    "requests",
    "result",
    "resulted",
    "second",
    "served",
    "server",
    "servers",
    "service",
    "services",
    "should",
    "since",
    "started",
    "still",
    "suspect",
    "system",
    "systems",
    "their",
    "there",
    "these",
    "third",
    "those",
    "through",
    "traffic",
    "under",
    "underlying",
    "until",
    "users",
    "using",
    "value",
    "where",
    "which",
    "while",
    "within",
    "without",
    "would",
    "trigger",
    "triggered",
    "event",
    "events",
    "couldn",
    "wouldn",
    "shouldn",
];

/// Up to three words the root cause names that a trainee who found it would use: the ones
/// the cause, its trigger and its factors repeat most, in the cause's own words, and none that
/// a wrong candidate uses (a guesser would say those too). Generic words ("change", "traffic",
/// "service") say nothing of this cause.
fn proposed_keywords(texts: &[&str], cause: &str, wrong: &str) -> Vec<String> {
    use rust_stemmers::{Algorithm, Stemmer};

    let stemmer = Stemmer::create(Algorithm::English);
    let words = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.')))
            .map(|w| w.trim_matches(['.', '-']).to_string())
            .filter(|w| w.len() >= 5 || (w.len() >= 3 && w.contains(['/', '-', '_'])))
            .filter(|w| w.chars().any(char::is_alphabetic) && !GENERIC.contains(&w.as_str()))
            // (Weekdays and months say when, not what.)
            .filter(|w| !w.ends_with("day") && super::time_parser::month_number(w).is_none())
            .collect()
    };
    let stem = |w: &str| stemmer.stem(w).into_owned();
    let wrong: Vec<String> = words(wrong).iter().map(|w| stem(w)).collect();
    let all: Vec<String> = texts
        .iter()
        .flat_map(|t| words(t))
        .map(|w| stem(&w))
        .collect();
    let mut named: Vec<(String, String)> = Vec::new();
    for w in words(cause) {
        let s = stem(&w);
        if !wrong.contains(&s) && !named.iter().any(|n| n.1 == s) {
            named.push((w, s));
        }
    }
    // Most repeated first (as stems: "certificates" and "certificate" are one); the cause's
    // own order breaks a tie.
    named.sort_by_key(|(_, s)| std::cmp::Reverse(all.iter().filter(|a| *a == s).count()));
    named.into_iter().take(3).map(|(w, _)| w).collect()
}

/// The level a quoted log line was logged at, from its own words ("FATAL:", "perl: warning").
fn quoted_level(text: &str) -> &'static str {
    let t = text.to_lowercase();
    if t.contains("fatal") || t.contains("panic") || t.contains("out of memory") {
        "Fatal"
    } else if t.contains("warn") && !t.contains("error") {
        "Warn"
    } else {
        "Error"
    }
}

/// An investigation's label for a theory: a thing to check ("Check whether it is a stuck
/// mount"), or a claim ("Check whether the backup job had locked the database").
fn check_label(theory: &str) -> String {
    static CLAIM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:is|was|were|are|had|has|have|got|did|does|could|might|may)\b")
            .expect("static regex")
    });
    if CLAIM.is_match(theory) {
        format!("Check whether {theory}")
    } else {
        format!("Check whether it is {theory}")
    }
}
