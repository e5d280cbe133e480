//! Authoring tools: a commented scaffold (`misfortune new`), and importers that turn a Markdown
//! postmortem, a structured postmortem record, or the classic web Wheel of Misfortune's
//! `incidents/*.json` into scenario skeletons. Whatever the source lacks is marked `TODO`, and
//! `validate` names every `TODO` left; once they are filled in, the skeleton validates.

use std::fmt::Write as _;

use regex::Regex;

use crate::model::{ActionItemKind, EventKind};
use crate::time::SimTime;

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

fn or_todo(v: &Option<String>, what: &str) -> String {
    match v {
        Some(s) if !s.trim().is_empty() => q(s.trim()),
        _ => q(&format!("TODO: {what}")),
    }
}

fn list(items: &[String], indent: &str, what: &str) -> String {
    if items.is_empty() {
        return format!("[{}]", q(&format!("TODO: {what}")));
    }
    let mut s = String::from("[\n");
    for i in items {
        let _ = writeln!(s, "{indent}    {},", q(i));
    }
    s.push_str(indent);
    s.push(']');
    s
}

fn kind_name(k: EventKind) -> &'static str {
    match k {
        EventKind::Trigger => "Trigger",
        EventKind::Alert => "Alert",
        EventKind::Symptom => "Symptom",
        EventKind::Investigation => "Investigation",
        EventKind::Escalation => "Escalation",
        EventKind::Mitigation => "Mitigation",
        EventKind::Resolution => "Resolution",
        EventKind::Communication => "Communication",
    }
}

fn recorded(t: Option<SimTime>) -> String {
    match t {
        Some(t) => format!("Known({})", q(&t.to_string())),
        None => "Unknown".into(),
    }
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

impl Skeleton {
    /// The scenario file, commented section by section.
    pub fn render(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "// Scenario skeleton made by Misfortune. Every `TODO` is something a game needs that the"
        );
        let _ = writeln!(
            o,
            "// source does not say: `misfortune validate` lists those left. See docs/scenario-format.md"
        );
        let _ = writeln!(o, "// and docs/authoring.md.");
        let _ = writeln!(o, "Scenario(");
        let _ = writeln!(o, "    id: {},", q(&self.id));
        let _ = writeln!(
            o,
            "    title: {},",
            or_todo(&self.title, "a short title for the wheel")
        );
        let _ = writeln!(
            o,
            "    difficulty: {}, // 1 (gentle) to 5 (brutal)",
            self.difficulty.unwrap_or(3).clamp(1, 5)
        );
        let tags: Vec<String> = self.tags.iter().map(|t| q(t)).collect();
        let _ = writeln!(o, "    tags: [{}],", tags.join(", "));
        let _ = writeln!(o, "    estimated_minutes: 45,");
        let _ = writeln!(
            o,
            "    // The public write-up this retells (remove the whole field for an original scenario)."
        );
        let _ = writeln!(
            o,
            "    based_on: Source(organisation: {}, date: {}, url: {}),",
            or_todo(&self.organisation, "who had the incident"),
            or_todo(&self.date, "the incident's date, YYYY-MM-DD"),
            or_todo(&self.url, "the public write-up's address")
        );
        let briefing = self
            .briefing
            .clone()
            .or_else(|| self.summary.as_ref().map(|_| String::new()))
            .filter(|b| !b.is_empty());
        let _ = writeln!(
            o,
            "    // What the trainee reads first: who they are, what they own, what just paged them."
        );
        let _ = writeln!(
            o,
            "    briefing: {},",
            or_todo(
                &briefing,
                "who the trainee is, what they own, what just paged them (do not give the cause away)"
            )
        );
        let last = self
            .timeline
            .iter()
            .map(|e| e.0)
            .max()
            .unwrap_or(SimTime::ZERO);
        let duration = SimTime::from_mins(((last.round_mins() + 15).max(60)).div_ceil(15) * 15);
        let _ = writeln!(o, "    duration: {},", q(&duration.to_string()));
        if last > SimTime::from_mins(120) {
            let _ = writeln!(
                o,
                "    // This incident is long: declare phases the clock jumps across, for example"
            );
            let _ = writeln!(
                o,
                "    // phases: [Phase(from: \"60m\", to: \"3h\", summary: \"What happened meanwhile\")],"
            );
        }
        let _ = writeln!(o, "    personas: [");
        let _ = writeln!(
            o,
            "        Persona(id: \"teammate\", name: {}, role: \"teammate\"),",
            q("TODO: a name")
        );
        let _ = writeln!(o, "    ],");
        let _ = writeln!(o, "    // The system as a dependency graph.");
        let _ = writeln!(o, "    services: [");
        if self.services.is_empty() {
            let _ = writeln!(
                o,
                "        Service(id: \"service\", name: {}),",
                q("TODO: the service that failed")
            );
        }
        for (id, name, deps) in &self.services {
            let deps: Vec<String> = deps.iter().map(|d| q(d)).collect();
            let _ = writeln!(
                o,
                "        Service(id: {}, name: {}, depends_on: [{}]),",
                q(id),
                q(name),
                deps.join(", ")
            );
        }
        let service = self
            .services
            .first()
            .map_or("service".to_string(), |s| s.0.clone());
        let _ = writeln!(o, "    ],");
        let _ = writeln!(
            o,
            "    // Telemetry: the metrics whose shapes tell the story, grouped on dashboards."
        );
        let _ = writeln!(o, "    metrics: [");
        let _ = writeln!(
            o,
            "        Metric(id: \"errors\", service: {}, name: {}, unit: \"%\", baseline: 0.1, noise: 0.05, min: 0.0,",
            q(&service),
            q("TODO: the metric that shows the impact")
        );
        let _ = writeln!(
            o,
            "            shape: [ShapeChange(at: \"0m\", change: Ramp(to: 50.0, over: \"2m\"))]),"
        );
        let _ = writeln!(o, "    ],");
        let _ = writeln!(
            o,
            "    dashboards: [Dashboard(id: \"main\", title: {}, metrics: [\"errors\"])],",
            q("TODO: dashboard title")
        );
        let _ = writeln!(o, "    logs: [");
        let _ = writeln!(
            o,
            "        LogStream(id: \"app-log\", service: {}, name: \"application log\", lines: [",
            q(&service)
        );
        let _ = writeln!(
            o,
            "            LogLine(at: \"0m\", level: Error, text: {}, every: \"10s\"),",
            q("TODO: a log line an on-call engineer would grep for")
        );
        let _ = writeln!(o, "        ]),");
        let _ = writeln!(o, "    ],");
        let _ = writeln!(
            o,
            "    alerts: [Alert(id: \"page\", name: {}, severity: Critical, service: {}, summary: {})],",
            q("TODO: the alert that paged"),
            q(&service),
            q("TODO: what the alert says")
        );
        let _ = writeln!(
            o,
            "    impact: Impact(description: {}, starts: \"0m\", affected: 1000),",
            or_todo(&self.impact, "who was hurt, and how")
        );
        let detect = self
            .time_to_detect
            .unwrap_or(SimTime::from_mins(1))
            .min(duration);
        let _ = writeln!(o, "    injects: [");
        let _ = writeln!(
            o,
            "        Inject(id: \"page\", when: At({}), effects: [FireAlert(\"page\")]),",
            q(&detect.to_string())
        );
        let _ = writeln!(o, "    ],");
        let _ = writeln!(
            o,
            "    // What the trainee can do: investigations that reveal clues, mitigations, communication."
        );
        let _ = writeln!(o, "    actions: [");
        let _ = writeln!(
            o,
            "        Action(id: \"look\", label: {}, kind: Investigate, cost: \"2m\",",
            q("TODO: an investigation a responder would try")
        );
        let _ = writeln!(
            o,
            "            reveals: [Dashboard(\"main\"), Logs(\"app-log\"), Clue(\"clue\")], result: {}),",
            q("TODO: what it shows")
        );
        let _ = writeln!(
            o,
            "        Action(id: \"fix\", label: {}, kind: Mitigate, cost: \"3m\", requires: [Clue(\"clue\")], mitigates: \"2m\",",
            q(&self.resolution.as_ref().map_or(
                "TODO: the mitigation that worked".to_string(),
                |r| format!("TODO: an action label for: {}", first_sentence(r))
            ))
        );
        let _ = writeln!(
            o,
            "            result: {}),",
            q("TODO: what the trainee sees")
        );
        for (i, h) in self.red_herrings.iter().enumerate() {
            let _ = writeln!(
                o,
                "        Action(id: \"herring-{}\", label: {}, kind: Investigate, cost: \"2m\", red_herring: true, result: {}),",
                i + 1,
                q(&format!("TODO: an action that chases: {h}")),
                q("TODO: what it shows")
            );
        }
        let _ = writeln!(
            o,
            "        Action(id: \"declare\", label: \"Declare an incident\", kind: Communicate(Declare), cost: \"1m\"),"
        );
        let _ = writeln!(
            o,
            "        Action(id: \"status-update\", label: \"Post a status update\", kind: Communicate(StatusUpdate), cost: \"2m\"),"
        );
        let _ = writeln!(o, "    ],");
        let _ = writeln!(
            o,
            "    clues: [Clue(id: \"clue\", text: {})],",
            q("TODO: the fact that points to the root cause")
        );
        let _ = writeln!(o, "    root_cause: RootCause(");
        let _ = writeln!(
            o,
            "        statement: {},",
            or_todo(&self.root_cause, "the root cause, in a few sentences")
        );
        let _ = writeln!(
            o,
            "        trigger: {},",
            or_todo(&self.trigger, "what set it off")
        );
        let _ = writeln!(
            o,
            "        contributing_factors: {},",
            if self.contributing.is_empty() {
                "[]".into()
            } else {
                list(&self.contributing, "        ", "")
            }
        );
        let _ = writeln!(o, "        candidates: [");
        let _ = writeln!(
            o,
            "            Candidate(id: \"right\", text: {}),",
            q("TODO: the real root cause, as one line")
        );
        let _ = writeln!(
            o,
            "            Candidate(id: \"wrong\", text: {}),",
            q("TODO: a plausible wrong cause")
        );
        let _ = writeln!(o, "        ],");
        let _ = writeln!(o, "        answer: \"right\",");
        let _ = writeln!(
            o,
            "        keywords: [{}],",
            q("TODO: words that mark a right free-text answer")
        );
        let _ = writeln!(o, "        clues: [\"clue\"],");
        let _ = writeln!(o, "    ),");
        let _ = writeln!(
            o,
            "    // The real team's response, which trainees are scored against (minutes from the first event)."
        );
        let _ = writeln!(o, "    recorded: Recorded(");
        if self.timeline.is_empty() {
            let _ = writeln!(
                o,
                "        timeline: [TimelineEvent(at: \"0m\", kind: Trigger, text: {})],",
                q("TODO: the recorded timeline")
            );
        } else {
            let _ = writeln!(o, "        timeline: [");
            for (at, kind, text) in &self.timeline {
                let _ = writeln!(
                    o,
                    "            TimelineEvent(at: {}, kind: {}, text: {}),",
                    q(&at.to_string()),
                    kind_name(*kind),
                    q(text)
                );
            }
            let _ = writeln!(o, "        ],");
        }
        let _ = writeln!(
            o,
            "        // `Unknown` where the source gives no figure: write `Assumed(\"..\")` if the game needs one."
        );
        let _ = writeln!(
            o,
            "        time_to_detect: {},",
            recorded(self.time_to_detect)
        );
        let _ = writeln!(
            o,
            "        time_to_mitigate: {},",
            recorded(self.time_to_mitigate)
        );
        let _ = writeln!(
            o,
            "        time_to_resolve: {},",
            recorded(self.time_to_resolve)
        );
        let _ = writeln!(o, "    ),");
        let _ = writeln!(o, "    debrief: Debrief(");
        let _ = writeln!(
            o,
            "        went_wrong: {},",
            list(&self.went_wrong, "        ", "what went wrong")
        );
        let _ = writeln!(
            o,
            "        went_right: {},",
            list(&self.went_right, "        ", "what went right")
        );
        let _ = writeln!(
            o,
            "        lucky: {},",
            list(&self.lucky, "        ", "where luck was on the team's side")
        );
        let _ = writeln!(
            o,
            "        unlucky: {},",
            list(&self.unlucky, "        ", "where it was not")
        );
        let _ = writeln!(
            o,
            "        prevention: {},",
            list(&self.prevention, "        ", "what could have prevented it")
        );
        if self.action_items.is_empty() {
            let _ = writeln!(
                o,
                "        action_items: [ActionItem(text: {}, kind: Other)],",
                q("TODO: the action items")
            );
        } else {
            let _ = writeln!(o, "        action_items: [");
            for (text, kind, owner) in &self.action_items {
                let owner = owner
                    .as_ref()
                    .map(|w| format!(", owner: {}", q(w)))
                    .unwrap_or_default();
                let _ = writeln!(
                    o,
                    "            ActionItem(text: {}, kind: {:?}{owner}),",
                    q(text),
                    kind
                );
            }
            let _ = writeln!(o, "        ],");
        }
        let _ = writeln!(o, "    ),");
        let _ = writeln!(
            o,
            "    hints: [Hint(text: {}, cost: 5)],",
            q("TODO: a first nudge")
        );
        let mut notes = self.gm_notes.clone();
        if let Some(s) = &self.summary {
            notes.push(format!("Summary from the source: {s}"));
        }
        if let Some(d) = &self.detection {
            notes.push(format!("Detection, from the source: {d}"));
        }
        if let Some(r) = &self.resolution {
            notes.push(format!("Resolution, from the source: {r}"));
        }
        let _ = writeln!(
            o,
            "    gm_notes: {},",
            if notes.is_empty() {
                "[]".into()
            } else {
                list(&notes, "    ", "")
            }
        );
        let _ = writeln!(o, ")");
        o
    }
}

fn first_sentence(s: &str) -> String {
    let s = s.trim();
    let end = s.find(". ").map_or(s.len(), |i| i + 1);
    s[..end].chars().take(100).collect()
}

/// A blank scaffold with every section present and commented.
pub fn scaffold(id: &str) -> String {
    Skeleton {
        id: id.to_string(),
        ..Default::default()
    }
    .render()
}

// ---- Markdown postmortems ----

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Summary,
    Impact,
    RootCause,
    Trigger,
    Contributing,
    Resolution,
    Detection,
    ActionItems,
    Lessons,
    WentWell,
    WentWrong,
    Lucky,
    Unlucky,
    Timeline,
    Other,
}

fn classify(title: &str) -> Part {
    let t = title.to_lowercase();
    let has = |w: &str| t.contains(w);
    if has("timeline") || has("chronology") || has("sequence of events") {
        Part::Timeline
    } else if has("unlucky")
        || has("luck was against")
        || has("where we were unlucky")
        || has("bad luck")
    {
        Part::Unlucky
    } else if has("lucky") || has("luck") {
        Part::Lucky
    } else if has("went well")
        || has("went right")
        || has("what worked")
        || has("things that went well")
    {
        Part::WentWell
    } else if has("went wrong")
        || has("went poorly")
        || has("didn't go well")
        || has("did not go well")
        || has("could have gone better")
        || has("went badly")
    {
        Part::WentWrong
    } else if has("action item")
        || has("follow-up")
        || has("follow up")
        || has("followup")
        || has("corrective action")
        || has("next steps")
        || has("remediation items")
        || has("todo")
    {
        Part::ActionItems
    } else if has("contributing") {
        Part::Contributing
    } else if has("root cause") || t.trim() == "cause" || t.trim() == "causes" {
        Part::RootCause
    } else if has("trigger") {
        Part::Trigger
    } else if has("lesson") {
        Part::Lessons
    } else if has("impact") {
        Part::Impact
    } else if has("detection") || has("how we found out") {
        Part::Detection
    } else if has("resolution")
        || has("mitigation")
        || has("recovery")
        || has("remediation")
        || has("how we fixed")
    {
        Part::Resolution
    } else if has("summary")
        || has("overview")
        || has("tl;dr")
        || has("description")
        || has("what happened")
    {
        Part::Summary
    } else {
        Part::Other
    }
}

#[derive(Debug)]
struct Section {
    part: Part,
    /// Under a heading of its own (not the text before the first heading).
    explicit: bool,
    lines: Vec<String>,
}

fn heading(line: &str) -> Option<(usize, String)> {
    let t = line.trim_end();
    if t.starts_with('#') {
        let level = t.chars().take_while(|&c| c == '#').count();
        if level <= 6 && t[level..].starts_with(' ') {
            return Some((
                level,
                t[level..].trim().trim_end_matches('#').trim().to_string(),
            ));
        }
    }
    // `**Summary**` or `**Summary:**` alone on a line.
    let s = t.trim();
    if s.len() > 4 && s.starts_with("**") && s.ends_with("**") && !s[2..s.len() - 2].contains("**")
    {
        let inner = s[2..s.len() - 2].trim().trim_end_matches(':').to_string();
        if classify(&inner) != Part::Other {
            return Some((4, inner));
        }
    }
    // `Summary:` alone on a line, naming a known section.
    if let Some(inner) = s.strip_suffix(':')
        && inner.len() < 40
        && !inner.contains(':')
        && classify(inner) != Part::Other
        && !inner.starts_with(['-', '*', '|'])
    {
        return Some((5, inner.to_string()));
    }
    None
}

fn split_sections(md: &str) -> (Option<String>, Vec<Section>) {
    let lines: Vec<&str> = md.lines().collect();
    let mut title = None;
    let mut sections: Vec<Section> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).map(|l| l.trim());
        let setext = next
            .filter(|n| {
                !n.is_empty()
                    && (n.chars().all(|c| c == '=')
                        || (n.len() >= 3 && n.chars().all(|c| c == '-')))
            })
            .is_some()
            && !line.trim().is_empty()
            && !line.trim_start().starts_with(['-', '*', '|', '#']);
        let h = if setext {
            let level = if next.unwrap_or("").starts_with('=') {
                1
            } else {
                2
            };
            i += 1;
            Some((level, line.trim().to_string()))
        } else {
            heading(line)
        };
        match h {
            Some((1, text)) if title.is_none() && sections.is_empty() => {
                title = Some(clean_inline(&text))
            }
            Some((_, text)) => sections.push(Section {
                part: classify(&text),
                explicit: true,
                lines: Vec::new(),
            }),
            None => {
                if let Some(s) = sections.last_mut() {
                    s.lines.push(line.to_string());
                } else if !line.trim().is_empty() {
                    // Text before any section: treat as the summary.
                    sections.push(Section {
                        part: Part::Summary,
                        explicit: false,
                        lines: vec![line.to_string()],
                    });
                }
            }
        }
        i += 1;
    }
    (title, sections)
}

fn clean_inline(s: &str) -> String {
    let s = s.replace("**", "").replace("__", "").replace('`', "");
    let link = Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("static regex");
    link.replace_all(&s, "$1").trim().to_string()
}

fn bullet(line: &str) -> Option<String> {
    let t = line.trim_start();
    let rest = if let Some(r) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
    {
        r
    } else {
        let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
            &t[digits + 2..]
        } else {
            return None;
        }
    };
    let rest = rest
        .trim_start_matches("[ ] ")
        .trim_start_matches("[x] ")
        .trim_start_matches("[X] ");
    Some(clean_inline(rest))
}

fn table_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if !t.starts_with('|') {
        return None;
    }
    let cells: Vec<String> = t
        .trim_matches('|')
        .split('|')
        .map(|c| clean_inline(c.trim()))
        .collect();
    if cells
        .iter()
        .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    {
        return Some(Vec::new()); // separator row
    }
    Some(cells)
}

/// Bullets (or table rows, or paragraphs) of a section, as items.
fn items(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut any_bullet = false;
    for l in lines {
        if let Some(b) = bullet(l) {
            any_bullet = true;
            if !b.is_empty() {
                out.push(b);
            }
        } else if let Some(cells) = table_cells(l) {
            if !cells.is_empty() {
                out.push(
                    cells
                        .into_iter()
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" — "),
                );
            }
        } else if l.trim().is_empty() {
            if !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
        } else if any_bullet && l.starts_with([' ', '\t']) && !out.is_empty() {
            let last = out.last_mut().expect("non-empty");
            last.push(' ');
            last.push_str(&clean_inline(l.trim()));
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(&clean_inline(l.trim()));
        }
    }
    if !para.is_empty() {
        out.push(para);
    }
    out
}

fn prose(lines: &[String]) -> Option<String> {
    let v = items(lines);
    (!v.is_empty()).then(|| v.join(" "))
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

/// Days since 1970-01-01 of a civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A timestamp found at the start of a timeline line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stamp {
    day: Option<i64>,
    secs: i64,
    /// `T+12m`: already an offset from the start.
    relative: bool,
}

struct TimeParser {
    iso: Regex,
    named: Regex,
    clock: Regex,
    relative: Regex,
}

impl TimeParser {
    fn new() -> Self {
        TimeParser {
            iso: Regex::new(r"(?i)\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})").expect("static regex"),
            named: Regex::new(r"(?i)\b(?:(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b)").expect("static regex"),
            clock: Regex::new(r"(?i)\b(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm|a\.m\.|p\.m\.)?").expect("static regex"),
            relative: Regex::new(r"(?i)\bT\s*\+\s*(\d+)(?::(\d{2}))?\s*(h|hr|hours?|m|min|mins|minutes?)?").expect("static regex"),
        }
    }

    fn month(name: &str) -> Option<u32> {
        const FULL: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let n = name.to_lowercase();
        if n.len() < 3 {
            return None;
        }
        FULL.iter()
            .position(|m| m.starts_with(&n))
            .map(|i| i as u32 + 1)
    }

    fn date(&self, s: &str, default_year: Option<i64>) -> Option<(i64, usize, usize)> {
        if let Some(c) = self.iso.captures(s) {
            let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                let whole = c.get(0)?;
                return Some((days_from_civil(y, m, d), whole.start(), whole.end()));
            }
        }
        let c = self.named.captures(s)?;
        let whole = c.get(0)?;
        let (d, m, y) = if let Some(d) = c.get(1) {
            (
                d.as_str().parse().ok()?,
                Self::month(&c[2])?,
                c[3].parse().ok()?,
            )
        } else if let Some(m) = c.get(4) {
            (
                c[5].parse().ok()?,
                Self::month(m.as_str())?,
                c[6].parse().ok()?,
            )
        } else {
            (c[8].parse().ok()?, Self::month(&c[7])?, default_year?)
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        Some((days_from_civil(y, m, d), whole.start(), whole.end()))
    }

    /// A stamp near the start of `s`, and where it ends.
    fn stamp(&self, s: &str, default_year: Option<i64>) -> Option<(Stamp, usize)> {
        let head_limit = 48.min(s.len());
        if let Some(c) = self.relative.captures(s) {
            let whole = c.get(0)?;
            if whole.start() < head_limit {
                let n: i64 = c[1].parse().ok()?;
                let secs = match (c.get(2), c.get(3).map(|u| u.as_str().to_lowercase())) {
                    (Some(mm), _) => n * 3600 + mm.as_str().parse::<i64>().ok()? * 60,
                    (None, Some(u)) if u.starts_with('h') => n * 3600,
                    _ => n * 60,
                };
                return Some((
                    Stamp {
                        day: None,
                        secs,
                        relative: true,
                    },
                    whole.end(),
                ));
            }
        }
        let date = self.date(s, default_year).filter(|d| d.1 < head_limit);
        let clock = self
            .clock
            .captures(s)
            .filter(|c| c.get(0).is_some_and(|m| m.start() < head_limit + 16))?;
        let mut h: i64 = clock[1].parse().ok()?;
        let m: i64 = clock[2].parse().ok()?;
        let sec: i64 = clock.get(3).map_or(Some(0), |x| x.as_str().parse().ok())?;
        if h > 23 || m > 59 || sec > 59 {
            return None;
        }
        if let Some(ap) = clock.get(4) {
            let pm = ap.as_str().to_lowercase().starts_with('p');
            if h == 12 {
                h = 0;
            }
            if pm {
                h += 12;
            }
        }
        let end = clock.get(0)?.end().max(date.map_or(0, |d| d.2));
        Some((
            Stamp {
                day: date.map(|d| d.0),
                secs: h * 3600 + m * 60 + sec,
                relative: false,
            },
            end,
        ))
    }
}

/// The text of a timeline line once its timestamp and separators are taken off.
fn event_text(s: &str, stamp_end: usize) -> String {
    let rest = &s[stamp_end..];
    let tz = Regex::new(r"^\s*(?:UTC|GMT|Z|[A-Z]{2,4}T|[+-]\d{2}:?\d{2})\b").expect("static regex");
    let rest = tz.replace(rest, "");
    let t = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | ')' | ']' | '*' | ',')
    });
    clean_inline(t.trim_end_matches('|').trim())
}

/// A guess at what kind of event a line describes.
pub fn guess_kind(text: &str, first: bool) -> EventKind {
    let t = text.to_lowercase();
    let any = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    let alert = [
        "alert",
        "paged",
        "pages the",
        "page fired",
        "pagerduty",
        "alarm",
        "monitoring detect",
        "monitoring identif",
        "monitor",
    ];
    if first {
        // A timeline opens with what set the incident off, unless it opens with the page.
        return if any(&alert) {
            EventKind::Alert
        } else {
            EventKind::Trigger
        };
    }
    if any(&[
        "resolved",
        "all clear",
        "incident closed",
        "closed the incident",
        "back to normal",
        "operating normally",
        "permanent fix",
    ]) {
        EventKind::Resolution
    } else if any(&[
        "status page",
        "statuspage",
        "tweet",
        "customers notified",
        "notified customers",
        "announce",
        "public update",
        "status post",
        "communicat",
        "blog post",
    ]) {
        EventKind::Communication
    } else if any(&[
        "rolled back",
        "roll back",
        "rollback",
        "revert",
        "disabled",
        "disable",
        "mitigat",
        "restor",
        "failover",
        "failed over",
        "recover",
        "kill switch",
        "workaround",
        "restart",
        "begin to recover",
        "began to recover",
    ]) {
        EventKind::Mitigation
    } else if any(&[
        "escalat",
        "declared",
        "incident declared",
        "paged in",
        "called in",
        "woke",
        "joined",
        "engaged",
        "war room",
        "incident commander",
    ]) {
        EventKind::Escalation
    } else if any(&alert) {
        EventKind::Alert
    } else if any(&[
        "identif",
        "investigat",
        "root cause",
        "suspect",
        "found",
        "discovered",
        "diagnos",
        "determined",
        "noticed",
        "realised",
        "realized",
        "traced",
    ]) {
        EventKind::Investigation
    } else {
        EventKind::Symptom
    }
}

fn parse_timeline(
    lines: &[String],
    default_year: Option<i64>,
) -> Vec<(SimTime, EventKind, String)> {
    let tp = TimeParser::new();
    let mut raw: Vec<(i64, String)> = Vec::new();
    let mut current_day: Option<i64> = None;
    let mut first_day: Option<i64> = None;
    let mut last_abs: Option<i64> = None;
    let mut day_offset = 0i64;
    let mut header_row = true;
    for l in lines {
        let mut text_line = l.trim().to_string();
        if let Some(cells) = table_cells(l) {
            if cells.is_empty() {
                continue;
            }
            // Skip a header row of a table ("Time | Event").
            if header_row
                && cells.iter().any(|c| {
                    c.eq_ignore_ascii_case("time")
                        || c.eq_ignore_ascii_case("when")
                        || c.to_lowercase().contains("time (")
                })
            {
                header_row = false;
                continue;
            }
            text_line = cells.join(" | ");
        }
        header_row = false;
        let body = bullet(&text_line)
            .unwrap_or_else(|| text_line.trim_start_matches('#').trim().to_string());
        if body.is_empty() {
            continue;
        }
        let Some((stamp, end)) = tp.stamp(&body, default_year) else {
            // A date alone (a day heading) sets the day for the lines below it.
            if let Some((d, _, _)) = tp.date(&body, default_year) {
                current_day = Some(d);
            } else if let Some(last) = raw.last_mut()
                && l.starts_with([' ', '\t'])
            {
                last.1.push(' ');
                last.1.push_str(&clean_inline(body.trim()));
            }
            continue;
        };
        let text = event_text(&body, end);
        if text.is_empty() {
            continue;
        }
        let abs = if stamp.relative {
            stamp.secs
        } else {
            if stamp.day.is_some() {
                current_day = stamp.day;
            }
            let mut abs = match current_day {
                Some(d) => (d - *first_day.get_or_insert(d)) * 86_400 + stamp.secs,
                None => stamp.secs + day_offset,
            };
            // A clock time with no date of its own that goes backwards crossed midnight.
            if stamp.day.is_none() && last_abs.is_some_and(|prev| abs + 3600 < prev) {
                abs += 86_400;
                match current_day.as_mut() {
                    Some(d) => *d += 1,
                    None => day_offset += 86_400,
                }
            }
            abs
        };
        last_abs = Some(abs);
        raw.push((abs, text));
    }
    let Some(start) = raw.iter().map(|r| r.0).min() else {
        return Vec::new();
    };
    let mut out: Vec<(SimTime, EventKind, String)> = raw
        .into_iter()
        .enumerate()
        .map(|(i, (abs, text))| {
            (
                SimTime::from_secs((abs - start).max(0) as u64),
                guess_kind(&text, i == 0),
                text,
            )
        })
        .collect();
    out.sort_by_key(|e| e.0);
    out
}

fn action_item(
    text: &str,
    header: Option<&[String]>,
    cells: Option<&[String]>,
) -> (String, ActionItemKind, Option<String>) {
    let mut action = text.to_string();
    let mut owner = None;
    let mut kind_hint = None;
    if let (Some(h), Some(c)) = (header, cells) {
        for (name, value) in h.iter().zip(c) {
            let n = name.to_lowercase();
            if n.contains("owner") || n.contains("assignee") || n.contains("who") {
                owner = Some(value.clone())
                    .filter(|v| !v.is_empty() && v != "-" && !v.eq_ignore_ascii_case("tbd"));
            } else if n.contains("type") || n.contains("kind") || n.contains("category") {
                kind_hint = Some(value.to_lowercase());
            } else if n.contains("action")
                || n.contains("item")
                || n.contains("task")
                || n.contains("description")
            {
                action = value.clone();
            }
        }
    } else {
        let owner_re = Regex::new(
            r"(?i)[\(\[]\s*owner:?\s*([^\)\]]+)[\)\]]|\bowner:\s*([\w .@-]+)$|(?:^|\s)@([\w.-]+)",
        )
        .expect("static regex");
        if let Some(c) = owner_re.captures(text) {
            owner = c
                .get(1)
                .or(c.get(2))
                .or(c.get(3))
                .map(|m| m.as_str().trim().to_string());
            action = owner_re
                .replace(text, "")
                .trim()
                .trim_end_matches([',', ';', '-', '—'])
                .trim()
                .to_string();
        }
        let type_re = Regex::new(r"(?i)^\[?(prevent|prevention|detect|detection|mitigate|mitigation|repair|process)\]?:?\s+").expect("static regex");
        if let Some(c) = type_re.captures(&action.clone()) {
            kind_hint = Some(c[1].to_lowercase());
            action = type_re.replace(&action, "").to_string();
        }
    }
    let guess = kind_hint.unwrap_or_else(|| action.to_lowercase());
    let has = |ws: &[&str]| ws.iter().any(|w| guess.contains(w));
    let kind = if has(&["prevent"]) {
        ActionItemKind::Prevent
    } else if has(&["detect", "alert", "monitor", "dashboard", "observab"]) {
        ActionItemKind::Detect
    } else if has(&[
        "mitigat",
        "kill switch",
        "rollback",
        "roll back",
        "failover",
    ]) {
        ActionItemKind::Mitigate
    } else if has(&["repair", "fix the", "patch", "restore"]) {
        ActionItemKind::Repair
    } else if has(&[
        "process",
        "runbook",
        "drill",
        "train",
        "document",
        "policy",
        "review",
        "procedure",
        "automate",
    ]) {
        ActionItemKind::Process
    } else if has(&["test", "validat", "guard", "limit", "stage", "canary"]) {
        ActionItemKind::Prevent
    } else {
        ActionItemKind::Other
    };
    (action, kind, owner)
}

fn parse_action_items(lines: &[String]) -> Vec<(String, ActionItemKind, Option<String>)> {
    let mut out = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for l in lines {
        if let Some(cells) = table_cells(l) {
            if cells.is_empty() {
                continue;
            }
            if header.is_none() {
                header = Some(cells);
                continue;
            }
            let text = cells.first().cloned().unwrap_or_default();
            out.push(action_item(&text, header.as_deref(), Some(&cells)));
        } else if let Some(b) = bullet(l)
            && !b.is_empty()
        {
            out.push(action_item(&b, None, None));
        }
    }
    out
}

/// Turn a Markdown postmortem into a scenario skeleton.
pub fn import_markdown(name: &str, md: &str) -> Result<Imported, ImportError> {
    let (title, sections) = split_sections(md);
    if sections
        .iter()
        .all(|s| s.part == Part::Other || !s.explicit)
        && title.is_none()
    {
        return Err(ImportError::Unreadable(format!(
            "{name}: found no postmortem sections; expected Markdown headings such as `## Summary`, `## Impact`, `## Root Cause`, `## Timeline`, `## Action Items`"
        )));
    }
    let year = Regex::new(r"\b(19|20)\d{2}\b")
        .expect("static regex")
        .find(md)
        .and_then(|m| m.as_str().parse::<i64>().ok());
    let mut sk = Skeleton::default();
    let mut found = Vec::new();
    let get = |p: Part| sections.iter().filter(move |s| s.part == p);
    let mut note = |what: &str, ok: bool| {
        if ok {
            found.push(what.to_string());
        }
        ok
    };
    sk.title = title.clone();
    note("title", sk.title.is_some());
    sk.summary = get(Part::Summary).find_map(|s| prose(&s.lines));
    note("summary", sk.summary.is_some());
    sk.impact = get(Part::Impact).find_map(|s| prose(&s.lines));
    note("impact", sk.impact.is_some());
    sk.root_cause = get(Part::RootCause).find_map(|s| prose(&s.lines));
    note("root cause", sk.root_cause.is_some());
    sk.trigger = get(Part::Trigger).find_map(|s| prose(&s.lines));
    note("trigger", sk.trigger.is_some());
    sk.contributing = get(Part::Contributing)
        .flat_map(|s| items(&s.lines))
        .collect();
    note("contributing factors", !sk.contributing.is_empty());
    sk.resolution = get(Part::Resolution).find_map(|s| prose(&s.lines));
    note("resolution", sk.resolution.is_some());
    sk.detection = get(Part::Detection).find_map(|s| prose(&s.lines));
    note("detection", sk.detection.is_some());
    sk.went_right = get(Part::WentWell).flat_map(|s| items(&s.lines)).collect();
    note("what went well", !sk.went_right.is_empty());
    sk.went_wrong = get(Part::WentWrong).flat_map(|s| items(&s.lines)).collect();
    note("what went wrong", !sk.went_wrong.is_empty());
    sk.lucky = get(Part::Lucky).flat_map(|s| items(&s.lines)).collect();
    note("where we got lucky", !sk.lucky.is_empty());
    sk.unlucky = get(Part::Unlucky).flat_map(|s| items(&s.lines)).collect();
    note("where we were unlucky", !sk.unlucky.is_empty());
    sk.prevention = get(Part::Lessons).flat_map(|s| items(&s.lines)).collect();
    note("lessons learned", !sk.prevention.is_empty());
    sk.action_items = get(Part::ActionItems)
        .flat_map(|s| parse_action_items(&s.lines))
        .collect();
    note("action items", !sk.action_items.is_empty());
    let tl: Vec<String> = get(Part::Timeline)
        .flat_map(|s| s.lines.iter().cloned())
        .collect();
    sk.timeline = parse_timeline(&tl, year);
    note("timeline", !sk.timeline.is_empty());
    let first = |k: EventKind| sk.timeline.iter().find(|e| e.1 == k).map(|e| e.0);
    sk.time_to_detect = first(EventKind::Alert);
    sk.time_to_mitigate = first(EventKind::Mitigation);
    sk.time_to_resolve = first(EventKind::Resolution);
    if sk.trigger.is_none() {
        sk.trigger = sk
            .timeline
            .first()
            .filter(|e| e.1 == EventKind::Trigger)
            .map(|e| e.2.clone());
    }
    if let Some(y) = Regex::new(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
        .expect("static regex")
        .find(md)
    {
        sk.date = Some(y.as_str().to_string());
    }
    sk.id = slug(title.as_deref().unwrap_or(name));
    sk.tags = vec!["imported".into()];
    let all = [
        "title",
        "summary",
        "impact",
        "root cause",
        "trigger",
        "timeline",
        "detection",
        "resolution",
        "action items",
        "what went well",
        "what went wrong",
        "where we got lucky",
    ];
    let missing: Vec<String> = all
        .iter()
        .filter(|w| !found.iter().any(|f| f == *w))
        .map(|s| s.to_string())
        .collect();
    if sk.timeline.is_empty() && sk.root_cause.is_none() && sk.summary.is_none() {
        return Err(ImportError::Unreadable(format!(
            "{name}: found {} but no summary, root cause or timeline: not enough to build a scenario from",
            if found.is_empty() {
                "nothing usable".to_string()
            } else {
                found.join(", ")
            }
        )));
    }
    Ok(Imported {
        skeleton: sk,
        found,
        missing,
    })
}

// ---- structured postmortem records (shared/postmortems/*.json) ----

/// Build a skeleton from a structured postmortem record (the JSON format of the project's
/// `postmortems/` folder). Text is copied as a starting point: rewrite it in your own words.
pub fn import_record(name: &str, json: &str) -> Result<Imported, ImportError> {
    let v: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| ImportError::Unreadable(format!("{name}: not JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| {
        ImportError::Unreadable(format!(
            "{name}: expected a JSON object with `title`, `timeline`, `root_cause`..."
        ))
    })?;
    if !obj.contains_key("timeline") || !obj.contains_key("root_cause") {
        return Err(ImportError::Unreadable(format!(
            "{name}: not a postmortem record: it has no `timeline` or no `root_cause`"
        )));
    }
    let s = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::to_string);
    let strs = |k: &str| {
        obj.get(k)
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let mins = |k: &str| {
        obj.get(k)
            .and_then(|x| x.as_f64())
            .map(|m| SimTime::from_secs((m * 60.0).round().max(0.0) as u64))
    };
    let mut sk = Skeleton {
        id: s("slug").map_or_else(|| slug(name), |x| slug(&x)),
        title: s("title"),
        organisation: s("org"),
        date: s("date"),
        url: obj
            .get("source_urls")
            .and_then(|x| x.as_array())
            .and_then(|a| a.first())
            .and_then(|x| x.as_str())
            .map(|u| u.split_whitespace().next().unwrap_or(u).to_string()),
        summary: s("summary"),
        impact: s("impact"),
        root_cause: s("root_cause"),
        trigger: s("trigger"),
        contributing: strs("contributing_factors"),
        went_right: strs("what_went_well"),
        went_wrong: strs("what_went_wrong"),
        lucky: strs("where_lucky"),
        unlucky: strs("where_unlucky"),
        red_herrings: strs("misleading_signals"),
        gm_notes: strs("scenario_notes"),
        time_to_detect: mins("time_to_detect_min"),
        time_to_mitigate: mins("time_to_mitigate_min"),
        time_to_resolve: mins("time_to_resolve_min"),
        tags: vec!["imported".into()],
        ..Default::default()
    };
    sk.detection = obj
        .get("detection")
        .and_then(|d| d.get("method"))
        .and_then(|x| x.as_str())
        .map(str::to_string);
    sk.resolution = Some(strs("mitigation_steps").join(" ")).filter(|x| !x.is_empty());
    if let Some(services) = obj.get("services").and_then(|x| x.as_array()) {
        let names: Vec<String> = services
            .iter()
            .filter_map(|x| x.get("name").and_then(|n| n.as_str()).map(str::to_string))
            .collect();
        for svc in services {
            let Some(n) = svc.get("name").and_then(|x| x.as_str()) else {
                continue;
            };
            let deps = svc
                .get("depends_on")
                .and_then(|x| x.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|d| d.as_str())
                        .filter(|d| names.iter().any(|x| x == d))
                        .map(slug)
                        .collect()
                })
                .unwrap_or_default();
            sk.services.push((slug(n), n.to_string(), deps));
        }
    }
    if let Some(tl) = obj.get("timeline").and_then(|x| x.as_array()) {
        let mut last = 0.0;
        for e in tl {
            let text = e
                .get("text")
                .and_then(|x| x.as_str())
                .unwrap_or_default()
                .to_string();
            let kind = e
                .get("kind")
                .and_then(|x| x.as_str())
                .and_then(|k| k.parse().ok())
                .unwrap_or_else(|| guess_kind(&text, sk.timeline.is_empty()));
            // Events the record gives no time for are placed after the previous one; say so.
            let (t, text) = match e.get("t_min").and_then(|x| x.as_f64()) {
                Some(t) => (t, text),
                None => (
                    last,
                    format!("{text} (TODO: the record gives no time; assumed)"),
                ),
            };
            if t < 0.0 {
                continue;
            }
            last = t;
            sk.timeline
                .push((SimTime::from_secs((t * 60.0).round() as u64), kind, text));
        }
        sk.timeline.sort_by_key(|e| e.0);
    }
    if let Some(items) = obj.get("action_items").and_then(|x| x.as_array()) {
        for it in items {
            let text = it
                .get("action")
                .and_then(|x| x.as_str())
                .unwrap_or_default();
            let (text, mut kind, owner) = action_item(text, None, None);
            if let Some(t) = it.get("type").and_then(|x| x.as_str()) {
                kind = action_item(&format!("[{t}] x"), None, None).1;
            }
            let owner = it
                .get("owner")
                .and_then(|x| x.as_str())
                .map(str::to_string)
                .or(owner);
            sk.action_items.push((text, kind, owner));
        }
    }
    let found = [
        "title",
        "summary",
        "impact",
        "root cause",
        "trigger",
        "timeline",
        "action items",
    ]
    .iter()
    .filter(|w| match **w {
        "title" => sk.title.is_some(),
        "summary" => sk.summary.is_some(),
        "impact" => sk.impact.is_some(),
        "root cause" => sk.root_cause.is_some(),
        "trigger" => sk.trigger.is_some(),
        "timeline" => !sk.timeline.is_empty(),
        _ => !sk.action_items.is_empty(),
    })
    .map(|s| s.to_string())
    .collect();
    Ok(Imported {
        skeleton: sk,
        found,
        missing: vec![
            "telemetry (metrics, logs, alerts)".into(),
            "actions".into(),
            "clues".into(),
            "root cause candidates".into(),
        ],
    })
}

// ---- the classic web Wheel of Misfortune ----

/// Stubs from a classic Wheel of Misfortune `incidents/*.json` file: an array of objects with
/// `ID`, `title`, `scenario`, and optionally `difficulty` and `inkstory`.
pub fn import_wheel(name: &str, json: &str) -> Result<Vec<Imported>, ImportError> {
    let v: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| ImportError::Unreadable(format!("{name}: not JSON: {e}")))?;
    let arr = v.as_array().ok_or_else(|| {
        ImportError::Unreadable(format!(
            "{name}: expected a JSON array of incidents (objects with `ID`, `title` and `scenario`)"
        ))
    })?;
    let mut out = Vec::new();
    for (i, e) in arr.iter().enumerate() {
        let get = |k: &str| {
            e.get(k).and_then(|x| {
                x.as_str()
                    .map(str::to_string)
                    .or_else(|| x.as_i64().map(|n| n.to_string()))
            })
        };
        let (Some(id), Some(title)) = (get("ID").or(get("id")), get("title")) else {
            return Err(ImportError::Unreadable(format!(
                "{name}: incident #{} has no `ID` or no `title` (found keys: {})",
                i + 1,
                e.as_object()
                    .map(|o| o.keys().cloned().collect::<Vec<_>>().join(", "))
                    .unwrap_or_default()
            )));
        };
        let scenario = get("scenario");
        let difficulty = e
            .get("difficulty")
            .and_then(|d| {
                d.as_u64().or_else(|| {
                    d.as_str().and_then(|s| s.parse().ok()).or_else(|| {
                        d.as_str().map(|s| match s.to_lowercase().as_str() {
                            "easy" => 1,
                            "medium" => 3,
                            "hard" => 5,
                            _ => 3,
                        })
                    })
                })
            })
            .map(|d| d.clamp(1, 5) as u8);
        let mut notes = vec![format!(
            "Migrated from the classic Wheel of Misfortune (incident {id})."
        )];
        if let Some(ink) = get("inkstory") {
            notes.push(format!("The old wheel told this incident as an Ink story in `{ink}`: turn its branches into actions and injects."));
        }
        let sk = Skeleton {
            id: slug(&format!("{id}-{title}")),
            title: Some(title.clone()),
            difficulty,
            briefing: scenario.clone(),
            tags: vec!["migrated".into()],
            gm_notes: notes,
            ..Default::default()
        };
        let mut found = vec!["title".to_string()];
        if scenario.is_some() {
            found.push("briefing".into());
        }
        out.push(Imported {
            skeleton: sk,
            found,
            missing: vec!["everything a game needs beyond the briefing".into()],
        });
    }
    if out.is_empty() {
        return Err(ImportError::Unreadable(format!(
            "{name}: the incident list is empty"
        )));
    }
    Ok(out)
}

/// A generated scenario for performance work: 50 metrics of 10,000 one-second samples each (on 5
/// dashboards) and 100,000 log lines, all revealed by one action at minute 0.
pub fn stress_scenario() -> String {
    const METRICS: usize = 50;
    const SECONDS: u64 = 10_000;
    const STREAMS: usize = 10;
    let duration = SimTime::from_secs(SECONDS);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "// Generated by `misfortune stress-scenario`: performance testing only."
    );
    let _ = writeln!(o, "Scenario(");
    let _ = writeln!(
        o,
        "    id: \"stress\", title: \"Stress test\", difficulty: 1, tags: [\"generated\"], estimated_minutes: 10,"
    );
    let _ = writeln!(
        o,
        "    briefing: \"A generated scenario with a lot of telemetry.\", duration: {},",
        q(&duration.to_string())
    );
    let _ = writeln!(
        o,
        "    services: [Service(id: \"svc\", name: \"Service\")],"
    );
    let _ = writeln!(o, "    metrics: [");
    for i in 0..METRICS {
        let shape = match i % 4 {
            0 => "Ramp(to: 90.0, over: \"30m\")",
            1 => "Spike(peak: 400.0, decay: \"10m\")",
            2 => "Saturate(ceiling: 100.0, over: \"20m\")",
            _ => "Step(to: 5.0)",
        };
        let _ = writeln!(
            o,
            "        Metric(id: \"m{i}\", service: \"svc\", name: \"Metric {i}\", unit: \"u\", baseline: {}.0, noise: 2.0, shape: [ShapeChange(at: \"{}m\", change: {shape})]),",
            10 + i,
            1 + i % 30
        );
    }
    let _ = writeln!(o, "    ],");
    let _ = writeln!(o, "    dashboards: [");
    for d in 0..METRICS / 10 {
        let ids: Vec<String> = (d * 10..d * 10 + 10).map(|i| format!("\"m{i}\"")).collect();
        let _ = writeln!(
            o,
            "        Dashboard(id: \"d{d}\", title: \"Dashboard {d}\", metrics: [{}]),",
            ids.join(", ")
        );
    }
    let _ = writeln!(o, "    ],");
    let _ = writeln!(
        o,
        "    logs: [LogStream(id: \"log\", service: \"svc\", name: \"busy log\", lines: ["
    );
    for l in 0..STREAMS {
        let _ = writeln!(
            o,
            "        LogLine(at: \"0m\", level: Info, text: \"worker {l} handled request {{n}} in {{ms}}ms\", every: \"1s\", until: {}),",
            q(&SimTime::from_secs(SECONDS - 1).to_string())
        );
    }
    let _ = writeln!(o, "    ])],");
    let _ = writeln!(
        o,
        "    alerts: [Alert(id: \"a\", name: \"Alert\", severity: Warning, service: \"svc\", summary: \"Something\")],"
    );
    let _ = writeln!(
        o,
        "    impact: Impact(description: \"None really\", affected: 1),"
    );
    let _ = writeln!(
        o,
        "    injects: [Inject(id: \"i\", when: At(\"1m\"), effects: [FireAlert(\"a\")])],"
    );
    let reveals: Vec<String> = (0..METRICS / 10)
        .map(|d| format!("Dashboard(\"d{d}\")"))
        .collect();
    let _ = writeln!(o, "    actions: [");
    let _ = writeln!(
        o,
        "        Action(id: \"open-all\", label: \"Open everything\", kind: Investigate, cost: \"1s\", reveals: [{}, Logs(\"log\"), Clue(\"c\")]),",
        reveals.join(", ")
    );
    let _ = writeln!(
        o,
        "        Action(id: \"fix\", label: \"Fix it\", kind: Mitigate, cost: \"1m\", mitigates: \"1m\"),"
    );
    let _ = writeln!(o, "    ],");
    let _ = writeln!(
        o,
        "    clues: [Clue(id: \"c\", text: \"Everything is visible.\")],"
    );
    let _ = writeln!(
        o,
        "    root_cause: RootCause(statement: \"Generated.\", trigger: \"Generated.\", candidates: [Candidate(id: \"a\", text: \"A\"), Candidate(id: \"b\", text: \"B\")], answer: \"a\", keywords: [\"a\"], clues: [\"c\"]),"
    );
    let _ = writeln!(
        o,
        "    recorded: Recorded(timeline: [TimelineEvent(at: \"0m\", kind: Trigger, text: \"Start\")], time_to_detect: Unknown, time_to_mitigate: Unknown, time_to_resolve: Unknown),"
    );
    let _ = writeln!(o, "    debrief: Debrief(),");
    let _ = writeln!(o, ")");
    o
}
