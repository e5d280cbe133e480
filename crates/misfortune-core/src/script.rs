//! The command language shared by scripts (`play --headless --script FILE`) and the interactive
//! line mode. See `docs/scripts.md`.

use crate::model::{EventKind, Reveal};
use crate::sim::Command;
use crate::time::SimTime;

/// The command words, for help and completion.
pub const WORDS: &[(&str, &str)] = &[
    ("ack", "acknowledge the page"),
    ("take ACTION", "take an action by its id (see `actions`)"),
    (
        "ask PERSON TEXT",
        "ask someone (by name, role or id) a question",
    ),
    (
        "do TEXT",
        "say what you do, in your own words (\"roll back the waf rule\")",
    ),
    (
        "diagnose CANDIDATE [TEXT]",
        "diagnose with a candidate (see `candidates`), optionally with words",
    ),
    ("diagnose - TEXT", "diagnose in free text only"),
    ("note TEXT", "write a note"),
    (
        "timeline TIME KIND TEXT",
        "add to your incident timeline (KIND: alert, investigation, escalation, mitigation, resolution, communication, symptom, trigger)",
    ),
    ("mitigated", "declare the incident mitigated"),
    ("resolved", "declare the incident resolved"),
    ("hint", "ask for the next hint (costs points)"),
    ("wait DURATION", "let simulated time pass (also `jump`)"),
    ("pause / resume / speed N", "control the clock"),
    (
        "reveal dashboard|metric|logs|clue ID",
        "game master: show something",
    ),
    ("inject ID", "game master: play an inject now"),
    ("say PERSONA TEXT", "game master: write as a persona"),
    ("end", "end the session"),
];

/// Parse one command (no leading time).
pub fn parse_command(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (word, rest) = match line.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (line, ""),
    };
    let need = |what: &str| -> Result<&str, String> {
        if rest.is_empty() {
            Err(format!("`{word}` needs {what}"))
        } else {
            Ok(rest)
        }
    };
    let one = |what: &str| -> Result<String, String> {
        let r = need(what)?;
        if r.contains(char::is_whitespace) {
            Err(format!("`{word}` takes one {what}, found `{r}`"))
        } else {
            Ok(r.to_string())
        }
    };
    Ok(match word.to_lowercase().as_str() {
        "ack" | "acknowledge" => Command::Ack,
        "take" => Command::Take {
            action: one("action id")?,
        },
        "do" => Command::Do {
            text: need("what you do, in your own words")?.to_string(),
        },
        "ask" => {
            let (who, text) = need("a person and a question")?
                .split_once(char::is_whitespace)
                .ok_or("`ask` needs a person (name, role or id) and a question")?;
            Command::Ask {
                who: who.to_string(),
                text: text.trim().to_string(),
            }
        }
        "note" => Command::Note {
            text: need("some text")?.to_string(),
        },
        "timeline" => timeline_entry(need("a time, a kind and text")?)?,
        "diagnose" => diagnosis(need("a candidate id, or `-` and free text")?)?,
        "mitigated" => Command::DeclareMitigated,
        "resolved" => Command::DeclareResolved,
        "hint" => Command::GiveHint,
        "wait" | "jump" => Command::Jump {
            by: need("a duration such as 5m")?
                .parse()
                .map_err(|e: crate::time::TimeParseError| e.to_string())?,
        },
        "pause" => Command::Pause,
        "resume" => Command::Resume,
        "speed" => Command::Speed {
            factor: need("a factor such as 5")?
                .trim_start_matches('x')
                .parse()
                .map_err(|_| format!("`speed` needs a whole number, found `{rest}`"))?,
        },
        "reveal" => reveal(need("what and an id")?)?,
        "inject" => Command::PlayInject {
            inject: one("inject id")?,
        },
        "say" => {
            let (from, text) = need("a persona and text")?
                .split_once(char::is_whitespace)
                .ok_or("`say` needs a persona id and text")?;
            Command::SendMessage {
                from: from.to_string(),
                text: text.trim().to_string(),
            }
        }
        "end" => Command::End,
        "" => return Err("empty command".into()),
        other => return Err(format!("unknown command `{other}` (try `help`)")),
    })
}

/// `timeline TIME KIND TEXT`
fn timeline_entry(rest: &str) -> Result<Command, String> {
    let mut parts = rest.splitn(3, char::is_whitespace);
    let at: SimTime = parts
        .next()
        .unwrap_or("")
        .parse()
        .map_err(|e: crate::time::TimeParseError| e.to_string())?;
    let kind = parse_kind(parts.next().unwrap_or(""))?;
    let text = parts.next().unwrap_or("").trim();
    if text.is_empty() {
        return Err("`timeline` needs text after the kind".into());
    }
    Ok(Command::TimelineEntry {
        at,
        kind,
        text: text.to_string(),
    })
}

/// `diagnose CANDIDATE [TEXT]` or `diagnose - TEXT`
fn diagnosis(rest: &str) -> Result<Command, String> {
    let r = rest;
    let (c, text) = match r.split_once(char::is_whitespace) {
        Some((c, t)) => (c, Some(t.trim().to_string())),
        None => (r, None),
    };
    let candidate = if c == "-" { None } else { Some(c.to_string()) };
    if candidate.is_none() && text.is_none() {
        return Err("`diagnose -` needs free text".into());
    }
    Ok(Command::Diagnose { candidate, text })
}

/// `reveal dashboard|metric|logs|clue ID`
fn reveal(rest: &str) -> Result<Command, String> {
    let (kind, id) = rest
        .split_once(char::is_whitespace)
        .ok_or("`reveal` needs a kind (dashboard, metric, logs, clue) and an id")?;
    let id = id.trim().to_string();
    Ok(Command::Reveal {
        what: match kind {
            "dashboard" => Reveal::Dashboard(id),
            "metric" => Reveal::Metric(id),
            "logs" => Reveal::Logs(id),
            "clue" => Reveal::Clue(id),
            other => {
                return Err(format!(
                    "cannot reveal a `{other}`: use dashboard, metric, logs or clue"
                ));
            }
        },
    })
}

fn parse_kind(s: &str) -> Result<EventKind, String> {
    s.parse()
}

/// A problem in a script, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ScriptError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parse a script: one `TIME COMMAND ...` a line, times in order, `#` comments.
pub fn parse_script(src: &str) -> Result<Vec<(SimTime, Command)>, ScriptError> {
    let mut out = Vec::new();
    let mut last = SimTime::ZERO;
    for (n, raw) in src.lines().enumerate() {
        let line = raw.split_once('#').map_or(raw, |(a, _)| a);
        let indent = line.len() - line.trim_start().len();
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let err = |column: usize, message: String| ScriptError {
            line: n + 1,
            column,
            message,
        };
        let (time, rest) = line.split_once(char::is_whitespace).ok_or_else(|| {
            err(
                indent + 1,
                "expected a time and a command, such as `2m take open-dashboard`".into(),
            )
        })?;
        let at: SimTime = time
            .parse()
            .map_err(|e: crate::time::TimeParseError| err(indent + 1, e.to_string()))?;
        if at < last {
            return Err(err(
                indent + 1,
                format!(
                    "time {at} is before the previous command's ({last}); commands must be in time order"
                ),
            ));
        }
        last = at;
        let col = indent + time.len() + 1 + (rest.len() - rest.trim_start().len()) + 1;
        let cmd = parse_command(rest).map_err(|m| err(col, m))?;
        out.push((at, cmd));
    }
    Ok(out)
}

/// Write a command back in the language (for scripts made from personas or journals).
pub fn format_command(c: &Command) -> String {
    match c {
        Command::Ack => "ack".into(),
        Command::Take { action } => format!("take {action}"),
        Command::Do { text } => format!("do {text}"),
        Command::Ask { who, text } => format!("ask {who} {text}"),
        Command::Note { text } => format!("note {text}"),
        Command::TimelineEntry { at, kind, text } => format!(
            "timeline {at} {} {text}",
            format!("{kind:?}").to_lowercase()
        ),
        Command::Diagnose { candidate, text } => format!(
            "diagnose {}{}",
            candidate.as_deref().unwrap_or("-"),
            text.as_ref().map(|t| format!(" {t}")).unwrap_or_default()
        ),
        Command::DeclareMitigated => "mitigated".into(),
        Command::DeclareResolved => "resolved".into(),
        Command::Reveal { what } => match what {
            Reveal::Dashboard(x) => format!("reveal dashboard {x}"),
            Reveal::Metric(x) => format!("reveal metric {x}"),
            Reveal::Logs(x) => format!("reveal logs {x}"),
            Reveal::Clue(x) => format!("reveal clue {x}"),
        },
        Command::PlayInject { inject } => format!("inject {inject}"),
        Command::SendMessage { from, text } => format!("say {from} {text}"),
        Command::GiveHint => "hint".into(),
        Command::Pause => "pause".into(),
        Command::Resume => "resume".into(),
        Command::Speed { factor } => format!("speed {factor}"),
        Command::Jump { by } => format!("wait {by}"),
        Command::End => "end".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_command_and_round_trips() {
        let src = "# warm up\n0m ack\n1m take look\n2m diagnose wal it is the WAL\n2m diagnose - disk full of wal\n3m note checked\n3m timeline 4m alert Paged\n4m mitigated\n4m resolved\n5m hint\n5m wait 2m\n7m pause\n7m resume\n7m speed 5\n7m reveal clue wal\n7m inject held\n7m say dba hello there\n8m end\n";
        let cmds = parse_script(src).unwrap();
        assert_eq!(cmds.len(), 17);
        for (_, c) in &cmds {
            assert_eq!(&parse_command(&format_command(c)).unwrap(), c);
        }
        assert_eq!(
            cmds[2].1,
            Command::Diagnose {
                candidate: Some("wal".into()),
                text: Some("it is the WAL".into())
            }
        );
    }

    #[test]
    fn script_errors_have_line_and_column() {
        let e = parse_script("0m ack\n  5m take\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 6));
        assert!(e.message.contains("needs action id"));
        let e = parse_script("5m ack\n1m ack\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        let e = parse_script("soon ack\n").unwrap_err();
        assert!(e.message.contains("invalid time"), "{e}");
        let e = parse_script("1m dance\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 4));
    }
}
