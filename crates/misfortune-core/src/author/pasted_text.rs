//! Text pasted from a web page or a wiki rather than written as Markdown: its headings made
//! Markdown ones ("Timeline[edit | edit source]", "What Happened The ..." run into its first
//! line), its "•" bullets made list items, its military and "~13:5x" times made clock times.

use std::sync::LazyLock;

use regex::Regex;

/// A page copied from a wiki or a browser: "Timeline[edit | edit source]" is a heading, and
/// a "•" bullet is a Markdown one (its indent kept, so sub-points stay under their parent).
pub(super) fn pasted_markup(md: &str) -> String {
    let md = &unflattened(md);
    let md = &downtime_windows(md);
    static EDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)^[ \t]*([^\n\[\]|#-][^\n\[\]]{0,80}?)\s*\[edit(?:\s*\|\s*edit source)?\][ \t]*$",
        )
        .expect("static regex")
    });
    static DOT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^([ \t]*)•[ \t]+").expect("static regex"));
    // "### Summary Complete validator outage occurred at era 8,219, lasting 6": a heading with
    // its first line run into it.
    static RUN_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^(#{1,6}[ \t]+(?i:summary|overview|impact|timeline|root cause|resolution|detection|background))[ \t]+([A-Z][^\n]*)$")
            .expect("static regex")
    });
    // "From Miraheze Meta, Miraheze's central coordination wiki": the site's line, not text.
    static FROM_WIKI: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?mi)^[ \t]*From [^\n]{1,80}\b(?:wiki|encyclopedia)[ \t]*\n")
            .expect("static regex")
    });
    // "What Happened The live scoring system ...", "Root Cause Excessive load on a database
    // ...": a status page pasted as text, each section's name run into its first line.
    static PLAIN_RUN_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^((?i:what happened|how did it happen|root cause|follow[ -]?ups?|next steps|impact|resolution|summary))[ \t]+([A-Z][^\n]{30,})$")
            .expect("static regex")
    });
    let md = FROM_WIKI.replace(md, "");
    let md = EDIT.replace_all(&md, "## $1");
    let md = PLAIN_RUN_IN.replace_all(&md, |c: &regex::Captures| split_run_in(c, "## "));
    let md = RUN_IN.replace_all(&md, |c: &regex::Captures| split_run_in(c, ""));
    // "Around 0520 UTC": a military time, told with its zone.
    static MILITARY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b([01]\d|2[0-3])([0-5]\d)(\s*(?:UTC|GMT|Z)\b)").expect("static regex")
    });
    let md = DOT.replace_all(&md, "$1- ");
    let md = MILITARY.replace_all(&md, "$1:$2$3");
    // "~13:5x", "~14:4x": a minute known to its ten, read at the ten's start.
    static TENS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{1,2}):([0-5])[xX]\b").expect("static regex"));
    let md = TENS.replace_all(&md, "$1:${2}0");
    super::foreign_headings::in_english(&md)
}

/// A section's name with its first line run into it (name in group 1, the line in group 2),
/// split apart when that line reads as a sentence (three lower-case words or more); `mark`
/// makes a plain name a heading.
fn split_run_in(c: &regex::Captures, mark: &str) -> String {
    let lower = c[2]
        .split_whitespace()
        .filter(|w| w.chars().all(|ch| ch.is_lowercase()))
        .count();
    if lower >= 3 {
        format!("{mark}{}\n\n{}", &c[1], &c[2])
    } else {
        c[0].to_string()
    }
}

/// A page whose tables and headings lost their line breaks when copied ("... Incident Timeline
/// Time (UTC) Event Description 04:15 Deployment triggered 04:18 Users begin experiencing login
/// failures ... What Happened A bug in ..."): its times and section names back on lines of
/// their own, when one long line holds three times or more each followed by a word.
fn unflattened(md: &str) -> String {
    static TIMED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s(\d{1,2}:\d{2})\s+([A-Z][a-z])").expect("static regex"));
    static SECTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s((?:Incident )?Timeline|What Happened|Root Cause|Contributing Factors|Learnings|Action Items|Lessons Learned|Impact|Resolution)\s+([A-Z])")
            .expect("static regex")
    });
    md.lines()
        .map(|l| {
            if l.len() < 300 || TIMED.find_iter(l).count() < 3 {
                return l.to_string();
            }
            let l = SECTION.replace_all(l, "\n\n## $1\n\n$2");
            TIMED.replace_all(&l, "\n- $1 $2").into_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A downtime window listed as a date and a range ("October 29, 1999: 8:15am - 11:41am (3hours
/// and 31 minutes)"): its start and its end, each a line of its own.
fn downtime_windows(md: &str) -> String {
    static WINDOW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?mi)^[ \t]*((?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})):?\s+(\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)\s*(?:-|–|—|to)\s*(\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)\s*(\([^)\n]*\))?[ \t]*$")
            .expect("static regex")
    });
    WINDOW
        .replace_all(md, "- $1 $2 Begins: down $4\n- $1 $3 Ends: down")
        .into_owned()
}
