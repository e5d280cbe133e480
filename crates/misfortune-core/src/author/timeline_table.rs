//! A timeline table's rows as text: which column says who acted and which what happened
//! ("| Time | Event | Action | Owner |"), so a row's kind is read from the right cells.

use std::sync::LazyLock;

use regex::Regex;

use super::kind_context::{Actor, actor_of, is_actor_header};
use super::sections::clean_inline;

/// A table's shape, learnt from its header row: which column names who acted.
#[derive(Default)]
pub(super) struct TableShape {
    /// The next table row is a header (or the rule under it).
    header_next: bool,
    actor_col: Option<usize>,
    /// The column that says what happened ("Event", "Action", "Description").
    event_col: Option<usize>,
    /// A column of what was done beside the event column ("Event | Action | Owner"): the actor
    /// is who did that, not who said the event.
    action_beside: bool,
    /// The actor column is headed "Source" ("Runtime logs", "Change record"): where a fact was
    /// read, told after what happened rather than before it.
    source: bool,
    /// With no event column, a column of what the team changed and one of what came of it
    /// ("| Time | Revision | Change | Result |").
    change_col: Option<usize>,
    result_col: Option<usize>,
}

impl TableShape {
    /// Before any line: the first table row is a header.
    pub(super) fn new() -> Self {
        TableShape {
            header_next: true,
            ..TableShape::default()
        }
    }
}

/// A line as read: its text, the text to read its kind from (without an actor column), and
/// the actor column's value.
pub(super) struct RowText {
    pub(super) text: String,
    pub(super) kind_text: String,
    pub(super) actor: Actor,
}

/// A line's text: a table row's cells joined; `None` for a table's rule or header row.
pub(super) fn row_text(l: &str, shape: &mut TableShape) -> Option<RowText> {
    let first = std::mem::replace(&mut shape.header_next, false);
    let Some(cells) = table_cells(l) else {
        // The next table starts with its header.
        shape.header_next = true;
        return Some(RowText {
            text: l.trim().to_string(),
            kind_text: l.trim().to_string(),
            actor: Actor::Unknown,
        });
    };
    // Skip a header row of a table ("Time | Event").
    let header = cells.iter().any(|c| {
        ["time", "when", "ts", "timestamp", "datetime", "date/time"]
            .iter()
            .any(|h| c.eq_ignore_ascii_case(h))
            || c.to_lowercase().contains("time (")
    });
    if cells.is_empty() {
        shape.header_next = first;
        return None;
    }
    // A second table straight under another ("| Field | Value |" then "| Time (UTC) | Event /
    // action | Notes |") starts with its header too: a row naming the time column, with no time.
    let clockless = !cells
        .iter()
        .any(|c| c.contains(':') && c.chars().any(|ch| ch.is_ascii_digit()));
    if header && (first || clockless) {
        learn_header(&cells, shape);
        return None;
    }
    let actor = shape
        .actor_col
        .and_then(|i| cells.get(i))
        .map_or(Actor::Unknown, |c| actor_of(c));
    let actor = match actor {
        Actor::Person if shape.action_beside && shape.event_col.is_some() => Actor::Unknown,
        a => a,
    };
    // The event column alone says what kind of event a row is, when the table names one: a
    // "service" column reading "monitoring" or "communication" is not what happened.
    let kind_text = match shape.event_col.and_then(|e| cells.get(e)) {
        Some(event) if !event.is_empty() => {
            let time = cells.first().map_or("", String::as_str);
            format!("{time} | {event}")
        }
        _ => changed_row(&cells, shape).unwrap_or_else(|| but_actor(&cells, shape)),
    };
    // Who acted comes first ("Tomás | Cancels the reindex task"), so the last cell says what
    // happened whichever column the table put them in.
    // ...and what happened last, after any notes.
    let mut order: Vec<usize> = (0..cells.len()).collect();
    let mut cells = cells;
    if shape.source
        && let (Some(a), Some(e)) = (shape.actor_col, shape.event_col)
        && a != e
        && a < cells.len()
        && e < cells.len()
    {
        // "What happened (Runtime logs)".
        let source = std::mem::take(&mut cells[a]);
        if !source.is_empty() && !cells[e].is_empty() {
            cells[e] = format!("{} ({source})", cells[e]);
        }
        order.retain(|&i| i != a);
    } else if let Some(a) = shape.actor_col.filter(|&a| a < cells.len() && a > 0) {
        order.retain(|&i| i != a);
        order.insert(1, a);
    }
    if let Some(e) = shape.event_col.filter(|&e| e < cells.len()) {
        order.retain(|&i| i != e);
        order.push(e);
    }
    // A cell with no word, time or date in it ("45098506" in a Block column, "—") says
    // nothing of what happened.
    let text = order
        .iter()
        .filter(|&&i| {
            let c = &cells[i];
            i == 0
                || c.chars()
                    .any(|ch| ch.is_alphabetic() || matches!(ch, ':' | '/' | '-'))
        })
        .map(|&i| cells[i].as_str())
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" | ");
    Some(RowText {
        text,
        kind_text,
        actor,
    })
}

/// The rows of a timeline table whose time cell gives no time ("| — | Ran raw Chromium via
/// command line -> Still survived. |", "| Later | ..."): what the team did, in order but not
/// when, so the story's wrong paths and fix are read from them.
pub(super) fn untimed_rows<'a>(lines: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut shape = TableShape::new();
    let mut out = Vec::new();
    for l in lines {
        let Some(row) = row_text(l, &mut shape) else {
            continue;
        };
        let Some(cells) = table_cells(l) else {
            continue;
        };
        let timeless = cells
            .first()
            .is_some_and(|c| !c.chars().any(|ch| ch.is_ascii_digit()));
        if timeless && cells.len() > 1 {
            let told = row.text.split(" | ").last().unwrap_or_default();
            out.push(clean_inline(told));
        }
    }
    out
}

/// A row's cells but the one that names who acted, joined.
fn but_actor(cells: &[String], shape: &TableShape) -> String {
    cells
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != shape.actor_col)
        .map(|(_, c)| c.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A row of a table of changes and their results, as its kind is read: a change the team made
/// (a fix, or a failed one when its result says so), or a look when it was made only to measure
/// or as a drill ("| 11:55 | 4 | limit 3 GiB, only to measure | runs; ~1.9 GB in use |").
fn changed_row(cells: &[String], shape: &TableShape) -> Option<String> {
    static TO_LOOK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bto (?:measure|see|test|diagnose|profile|observe|find out|check)\b|\bdrill\b|\brehearsal\b|\bexperiment\b")
            .expect("static regex")
    });
    let change = cells.get(shape.change_col?).filter(|c| !c.is_empty())?;
    let time = cells.first().map_or("", String::as_str);
    let result = shape
        .result_col
        .and_then(|r| cells.get(r))
        .map_or(String::new(), |r| format!("; result: {r}"));
    let did = if TO_LOOK.is_match(change) {
        "Investigated with"
    } else {
        "Changed"
    };
    Some(format!("{time} | {did} {change}{result}"))
}

/// What a header row says of its table: which column names who acted, which what happened, and
/// whether an action column sits beside the event column.
fn learn_header(cells: &[String], shape: &mut TableShape) {
    shape.actor_col = cells.iter().position(|c| is_actor_header(c));
    shape.source = shape
        .actor_col
        .is_some_and(|a| cells[a].trim().eq_ignore_ascii_case("source"));
    shape.event_col = cells.iter().position(|c| {
        let c = c.to_lowercase();
        [
            "event",
            "action",
            "what",
            "description",
            "activity",
            "details",
            "summary",
            "message",
        ]
        .iter()
        .any(|h| c.starts_with(h))
    });
    let headed = |names: &[&str]| {
        cells.iter().position(|c| {
            let c = c.to_lowercase();
            names.iter().any(|h| c.starts_with(h))
        })
    };
    shape.change_col = headed(&["change", "fix", "attempt", "tried"]);
    shape.result_col = headed(&["result", "outcome", "effect"]);
    shape.action_beside = cells.iter().enumerate().any(|(i, c)| {
        Some(i) != shape.event_col && {
            let c = c.to_lowercase();
            c.starts_with("action") || c.starts_with("response")
        }
    });
}

/// A table row's cells, cleaned of inline markup; an empty list for the rule under a header;
/// `None` for a line that is no table row.
pub(super) fn table_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    // A row may leave out its leading pipe ("11:24:24 PM | Oncall paged |", "---|---|"), but
    // then it ends with one.
    let piped = t.starts_with('|') || (t.ends_with('|') && t[..t.len() - 1].contains('|'));
    if !piped {
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
