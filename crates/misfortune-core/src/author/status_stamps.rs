//! Status messages copied with the stamp under them ("This message was last updated at 16:57
//! UTC on 29 October 2025", as a cloud provider's status page ends each message). The stamp
//! dates the message above it, not an event of its own: each such message becomes one timeline
//! line, "16:57 UTC on 29 October 2025 – Status update: ...", where it stands, so a postmortem
//! that pastes its status messages under its timeline keeps them in order and as what they
//! were, the team telling its customers.

use std::sync::LazyLock;

use regex::Regex;

/// "This message was last updated at 16:57 UTC on 29 October 2025" (also "Last updated at").
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:this message was\s+)?last updated(?: at)?\s+(\d{1,2}:\d{2}\s*[A-Z]{2,4}\s+on\s+\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4})\s*\.?\s*$")
        .expect("static regex")
});

/// A line that starts with a time or a date: a timeline's line, not a message's text.
static STAMPED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[-*•]\s*)?(?:\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})")
        .expect("static regex")
});

/// The document with each stamped message folded into one dated line; `None` when it has no
/// such stamp.
pub(super) fn rewrite(md: &str) -> Option<String> {
    let lines: Vec<&str> = md.lines().collect();
    if !lines.iter().any(|l| STAMP.is_match(l)) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    // Where the current message's lines start in `out`.
    let mut since = 0;
    for line in lines {
        let Some(c) = STAMP.captures(line) else {
            // A heading or a timeline's line ends whatever message came before.
            if line.trim_start().starts_with('#') || STAMPED_LINE.is_match(line) {
                since = out.len() + 1;
            }
            out.push(line.to_string());
            continue;
        };
        let body = message(&out[since.min(out.len())..]);
        // The message's text leaves; its title lines ("Azure Portal Access Issues") and the
        // blank lines between stay out of the way.
        out.truncate(since.min(out.len()));
        if !body.is_empty() {
            out.push(String::new());
            out.push(format!("{} – Status update: {body}", &c[1]));
            out.push(String::new());
        }
        since = out.len();
    }
    Some(out.join("\n") + "\n")
}

/// A message's text: its sentences, without the lines that only name it ("Azure Portal Access
/// Issues", "Update 16:57 UTC:").
fn message(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| l.ends_with('.') || l.split_whitespace().count() > 12)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_dates_the_message_above_it() {
        let md = "Timeline\n15:45 UTC on 29 October 2025 – Impact began.\n\nStatus page updates:\n\nPortal Access Issues\n\nWe are investigating an issue with the portal. More soon.\n\nThis message was last updated at 16:18 UTC on 29 October 2025\n";
        let out = rewrite(md).unwrap();
        assert!(
            out.contains("16:18 UTC on 29 October 2025 – Status update: We are investigating an issue with the portal. More soon."),
            "{out}"
        );
        // The timeline's own line stays, and no stamp is left on its own.
        assert!(out.contains("15:45 UTC on 29 October 2025 – Impact began."));
        assert!(!out.contains("last updated"), "{out}");
        assert!(rewrite("# X\n\nNothing stamped.\n").is_none());
    }
}
