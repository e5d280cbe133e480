//! A skeleton as a commented scenario file, section by section, through [`RonWriter`]. Whatever
//! the source did not say becomes a `TODO` that `validate` names.

use super::ron_writer::RonWriter;
use super::{Skeleton, q};
use crate::model::EventKind;
use crate::time::SimTime;

pub(super) fn or_todo(v: &Option<String>, what: &str) -> String {
    match v {
        Some(s) if !s.trim().is_empty() => q(s.trim()),
        _ => q(&format!("TODO: {what}")),
    }
}

/// A list of strings as a field value: the items one a line, or a single `TODO` when empty.
pub(super) fn list(items: &[String], indent: &str, what: &str) -> String {
    if items.is_empty() {
        return format!("[{}]", q(&format!("TODO: {what}")));
    }
    let mut s = String::from("[\n");
    for i in items {
        s.push_str(&format!("{indent}    {},\n", q(i)));
    }
    s.push_str(indent);
    s.push(']');
    s
}

fn recorded(t: Option<SimTime>) -> String {
    match t {
        Some(t) => format!("Known({})", q(&t.to_string())),
        None => "Unknown".into(),
    }
}

pub(super) fn first_sentence(s: &str) -> String {
    let s = s.trim();
    let end = s.find(". ").map_or(s.len(), |i| i + 1);
    s[..end].chars().take(100).collect()
}

impl Skeleton {
    /// The scenario file, commented section by section.
    pub fn render(&self) -> String {
        let mut w = RonWriter::default();
        w.comment("Scenario skeleton made by Misfortune. Every `TODO` is something a game needs that the")
            .comment("source does not say: `misfortune validate` lists those left. See docs/scenario-format.md")
            .comment("and docs/authoring.md.")
            .open("Scenario(");
        let duration = self.metadata(&mut w);
        let service = self.services(&mut w);
        self.telemetry(&mut w, &service, duration);
        self.actions(&mut w);
        self.root_cause(&mut w);
        self.recorded(&mut w);
        self.debrief(&mut w);
        self.notes(&mut w);
        w.close(")");
        w.finish()
    }

    /// The incident's length: the last timeline event plus a quarter hour, at least an hour.
    fn duration(&self) -> SimTime {
        let last = self.last_event();
        SimTime::from_mins(((last.round_mins() + 15).max(60)).div_ceil(15) * 15)
    }

    fn last_event(&self) -> SimTime {
        self.timeline
            .iter()
            .map(|e| e.0)
            .max()
            .unwrap_or(SimTime::ZERO)
    }

    /// Title, difficulty, tags, source, briefing, duration and personas; returns the duration.
    fn metadata(&self, w: &mut RonWriter) -> SimTime {
        w.field("id", q(&self.id))
            .field("title", or_todo(&self.title, "a short title for the wheel"))
            .line(format_args!(
                "difficulty: {}, // 1 (gentle) to 5 (brutal)",
                self.difficulty.unwrap_or(3).clamp(1, 5)
            ));
        let tags: Vec<String> = self.tags.iter().map(|t| q(t)).collect();
        w.line(format_args!("tags: [{}],", tags.join(", ")))
            .field("estimated_minutes", 45)
            .comment("The public write-up this retells (remove the whole field for an original scenario).")
            .field(
                "based_on",
                format_args!(
                    "Source(organisation: {}, date: {}, url: {})",
                    or_todo(&self.organisation, "who had the incident"),
                    or_todo(&self.date, "the incident's date, YYYY-MM-DD"),
                    or_todo(&self.url, "the public write-up's address")
                ),
            );
        let briefing = self
            .briefing
            .clone()
            .or_else(|| self.summary.as_ref().map(|_| String::new()))
            .filter(|b| !b.is_empty());
        w.comment("What the trainee reads first: who they are, what they own, what just paged them.")
            .field(
                "briefing",
                or_todo(
                    &briefing,
                    "who the trainee is, what they own, what just paged them (do not give the cause away)",
                ),
            );
        if let Some(t) = &self.starts_at {
            w.comment("The incident's local time of day at minute 0.")
                .field("starts_at", format_args!("Some({})", q(t)));
        }
        let duration = self.duration();
        w.field("duration", q(&duration.to_string()));
        if self.last_event() > SimTime::from_mins(120) {
            w.comment("This incident is long: declare phases the clock jumps across, for example")
                .comment(
                    "phases: [Phase(from: \"60m\", to: \"3h\", summary: \"What happened meanwhile\")],",
                );
        }
        w.open("personas: [")
            .line(format_args!(
                "Persona(id: \"teammate\", name: {}, role: \"teammate\"),",
                q("TODO: a name")
            ))
            .close("],");
        duration
    }

    /// The dependency graph; returns the id of the first service, which the telemetry uses.
    fn services(&self, w: &mut RonWriter) -> String {
        w.comment("The system as a dependency graph.")
            .open("services: [");
        if self.services.is_empty() {
            w.line(format_args!(
                "Service(id: \"service\", name: {}),",
                q("TODO: the service that failed")
            ));
        }
        for (id, name, deps) in &self.services {
            let deps: Vec<String> = deps.iter().map(|d| q(d)).collect();
            w.line(format_args!(
                "Service(id: {}, name: {}, depends_on: [{}]),",
                q(id),
                q(name),
                deps.join(", ")
            ));
        }
        w.close("],");
        self.services
            .first()
            .map_or("service".to_string(), |s| s.0.clone())
    }

    fn recorded(&self, w: &mut RonWriter) {
        w.comment("The real team's response, which trainees are scored against (from minute 0; `before` is before it).")
            .open("recorded: Recorded(");
        if self.timeline.is_empty() && self.before_start.is_empty() {
            w.field(
                "timeline",
                format_args!(
                    "[TimelineEvent(at: \"0m\", kind: Trigger, text: {})]",
                    q("TODO: the recorded timeline")
                ),
            );
        } else {
            let mut before: Vec<&(SimTime, EventKind, String)> = self.before_start.iter().collect();
            before.sort_by_key(|e| std::cmp::Reverse(e.0));
            w.list(
                "timeline",
                before
                    .into_iter()
                    .map(|(b, kind, text)| {
                        format!(
                            "TimelineEvent(before: {}, kind: {kind:?}, text: {})",
                            q(&b.to_string()),
                            q(text)
                        )
                    })
                    .chain(self.timeline.iter().map(|(at, kind, text)| {
                        format!(
                            "TimelineEvent(at: {}, kind: {kind:?}, text: {})",
                            q(&at.to_string()),
                            q(text)
                        )
                    })),
            );
        }
        if !self.stated_times.is_empty() {
            let said: Vec<&str> = self.stated_times.iter().map(|s| s.2.as_str()).collect();
            w.comment(&format!(
                "The document states: {} (where the timeline gave none, these are used).",
                said.join("; ")
            ));
        }
        w.comment("`Unknown` where the source gives no figure: write `Assumed(\"..\")` if the game needs one.")
            .field("time_to_detect", recorded(self.time_to_detect))
            .field("time_to_mitigate", recorded(self.time_to_mitigate))
            .field("time_to_resolve", recorded(self.time_to_resolve));
        if let Some(t) = self.time_to_diagnose {
            w.comment("When the real team named the root cause (the timeline's investigation that says so).")
                .field("time_to_diagnose", format_args!("Some({})", recorded(Some(t))));
        }
        w.close("),");
    }

    fn debrief(&self, w: &mut RonWriter) {
        let ind = "        ";
        w.open("debrief: Debrief(")
            .field("went_wrong", list(&self.went_wrong, ind, "what went wrong"))
            .field("went_right", list(&self.went_right, ind, "what went right"))
            .field(
                "lucky",
                list(&self.lucky, ind, "where luck was on the team's side"),
            )
            .field("unlucky", list(&self.unlucky, ind, "where it was not"))
            .field(
                "prevention",
                list(&self.prevention, ind, "what could have prevented it"),
            );
        if self.action_items.is_empty() {
            w.field(
                "action_items",
                format_args!(
                    "[ActionItem(text: {}, kind: Other)]",
                    q("TODO: the action items")
                ),
            );
        } else {
            w.list(
                "action_items",
                self.action_items.iter().map(|(text, kind, owner)| {
                    let owner = owner
                        .as_ref()
                        .map(|o| format!(", owner: {}", q(o)))
                        .unwrap_or_default();
                    format!("ActionItem(text: {}, kind: {kind:?}{owner})", q(text))
                }),
            );
        }
        w.close("),");
    }

    /// A first hint, and the game master's notes with what the source said that has no field.
    fn notes(&self, w: &mut RonWriter) {
        w.field(
            "hints",
            format_args!("[Hint(text: {}, cost: 5)]", q("TODO: a first nudge")),
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
        let notes = if notes.is_empty() {
            "[]".into()
        } else {
            list(&notes, "    ", "")
        };
        w.field("gm_notes", notes);
    }
}
