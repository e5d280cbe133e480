//! Building the game from a postmortem, by rules (no network, no model): the document names the
//! signals, the wrong theories, the fixes that failed and the one that worked; each becomes a
//! part of the scenario, carrying the sentence it came from for the game master. What the rules
//! cannot infer stays a `TODO` that `validate` reports.
//!
//! - alerts: the timeline's alert events (or the detection section);
//! - metrics: quantities ("85% of requests", "CPU near 100%", "latency of 2 s") with an onset
//!   and a recovery after the fix;
//! - logs: the symptoms, quoted, at their times;
//! - wrong paths: theories the team chased ("early speculation that...", "suspected", "ruled
//!   out") become red-herring actions and wrong candidates; fixes that failed ("did not help",
//!   "made it worse") become actions that do not mitigate, harmful when they made it worse;
//! - the fix: the first mitigation, gated by the finding that named the cause.

use std::sync::LazyLock;

use regex::Regex;

use super::Skeleton;
use super::game_finding::finding;
pub use super::game_metrics::GenMetric;
use super::game_metrics::metrics;
use super::game_paths::{failed_fixes, story_fix, theories, what_was_done};
pub use super::game_suspects::Suspect;
use super::game_suspects::suspects;
use crate::model::EventKind;
use crate::time::SimTime;

/// What the rules found, with the sentence each part came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Game {
    pub alerts: Vec<Found>,
    pub metrics: Vec<GenMetric>,
    /// Symptoms quoted as log lines: when, and the sentence.
    pub symptoms: Vec<(SimTime, String)>,
    /// Log lines the document quotes from a machine's output, kept as written.
    pub quoted_logs: Vec<String>,
    /// Theories the team chased that were not the cause.
    pub theories: Vec<Found>,
    /// Fixes that did not work; `true` when they made it worse.
    pub failed_fixes: Vec<(Found, bool)>,
    /// The fix that worked.
    pub fix: Option<Found>,
    /// How long after the fix the impact ended (the next mitigation or resolution event).
    pub fix_takes: Option<SimTime>,
    /// The finding that named the cause (the fix's clue).
    pub finding: Option<Found>,
    /// The usual first suspects the document does not point at, when it names fewer than two
    /// wrong paths (assumed, not read).
    pub suspects: Vec<Suspect>,
    /// The document names no move that made things worse: the game offers a tempting one
    /// (restarting every instance at once), assumed, so harm can cost.
    pub assumed_harm: bool,
}

/// A part found in the document: a short name, when (from minute 0), and the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub name: String,
    pub at: SimTime,
    pub quote: String,
}

/// A short name from a sentence: its first clause, at most `max` characters, on a word boundary.
pub fn short(s: &str, max: usize) -> String {
    let s = s.trim().trim_end_matches('.');
    // A table row's cells ("Tomás | Clears the block"): the last cell says what happened.
    let s = s.rsplit(" | ").next().unwrap_or(s).trim();
    // "Identified: we found ...": a short label says what kind of line it is, not what happened.
    let (s, dropped) = match s.split_once(": ") {
        Some((label, rest))
            if label.split_whitespace().count() <= 3
                && (!label.chars().any(|c| c.is_ascii_digit())
                    || ["attempt", "step", "action", "fix"]
                        .iter()
                        .any(|w| label.to_lowercase().starts_with(w)))
                // ("Attempted mitigation: cache flushed" names the move after its label.)
                && (rest.split_whitespace().count() > 3
                    || label.to_lowercase().starts_with("attempt")) =>
        {
            (rest, true)
        }
        _ => (s, false),
    };
    // What follows a dropped label starts the name ("Attempted mitigation: cache flushed").
    let owned = if dropped && s.starts_with(char::is_lowercase) {
        capitalise(s)
    } else {
        s.to_string()
    };
    let s = owned.as_str();
    // A clause ends at `;`, `(`, a dash, or a colon that is not inside a time ("09:40").
    let b = s.as_bytes();
    let end = s
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ';' | '(' | '—')
                || (c == ':'
                    && !(i > 0
                        && b[i - 1].is_ascii_digit()
                        && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        })
        .map_or(s.len(), |(i, _)| i);
    // "..., which made it worse" says how it went, not what it was.
    let end = [
        ", which ",
        ", but ",
        ", and then ",
        ", triggering ",
        ", paging ",
    ]
    .iter()
    .filter_map(|w| s[..end].find(w))
    .fold(end, usize::min);
    let clause = s[..end].split(". ").next().unwrap_or(s).trim();
    if clause.chars().count() <= max {
        return clause.to_string();
    }
    let mut out = String::new();
    for w in clause.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_end_matches([',', ';', ':', '-', '—']).to_string()
}

/// An alert's name: the line's first clause, or what follows a short lead-in ("First page: the
/// synthetic WAF test fails").
fn alert_name(text: &str) -> String {
    match text.split_once(':') {
        Some((lead, rest)) if lead.split_whitespace().count() <= 2 && !rest.trim().is_empty() => {
            short(&capitalise(rest.trim()), 48)
        }
        _ => short(text, 48),
    }
}

/// `s` with its first letter in capitals ("network issue" -> "Network issue").
pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A sentence that says what to do in some case, not what was seen ("If present in RegX but
/// missing downstream → investigate ...").
static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:if|when|whenever|unless|should|in case)\b").expect("static regex")
});

/// A sentence that says a fix could not be done ("a simple recovery was not going to be
/// possible").
static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:not (?:going to be )?possible|impossible|could not|couldn't|unable to)\b")
        .expect("static regex")
});

/// Every sentence of a text.
pub(super) fn sentences(text: &str) -> Vec<String> {
    // A full stop inside a number ("98.4%", "v2.13.4") does not end a sentence.
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // (Nor does an abbreviation's: "(e.g. restarting the failed software)".)
        let abbreviation = c == '.'
            && ["e.g", "i.e", "etc", "vs"]
                .iter()
                .any(|a| text[..i].ends_with(a));
        let ends = matches!(c, '.' | '!' | '?')
            && !abbreviation
            && chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if ends {
            out.push(text[start..=i].trim().to_string());
            start = i + 1;
        }
    }
    out.push(text[start..].trim().to_string());
    out.retain(|s| s.len() > 8);
    out
}

/// "Logs flooded with [HikariPool-1] Connection is not available": the lines the logs held,
/// as what the team saw says.
fn logged_lines(sk: &Skeleton) -> Vec<(SimTime, String)> {
    static LOGGED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the )?(?:application |service )?logs? (?:were |was )?(?:flooded|filled|full|showed|show|reported|contained) with:?\s+(.{8,})$")
            .expect("static regex")
    });
    [&sk.detection, &sk.impact]
        .into_iter()
        .flatten()
        .flat_map(|t| sentences(t))
        .filter_map(|t| {
            LOGGED
                .captures(&t)
                .map(|c| c[1].trim_end_matches('.').to_string())
        })
        .map(|l| (SimTime::ZERO, l))
        .collect()
}

/// A sentence of a story that tells an alert going off.
static STORY_ALERT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bmonitor\w*\b[^.]{0,30}\b(?:went|going|turned|turning|goes) (?:red|down|off)\b|\balert\w* (?:fired|went off|triggered)\b|\bgot paged\b|\bwas paged\b|\bpagerduty\b|\bopsgenie\b")
        .expect("static regex")
});

/// The alerts: the timeline's; with none, the detection section's, else the one a story
/// tells ("my UptimeRobot monitor going red within 5 minutes of the outage").
fn alerts(sk: &Skeleton, events: &[(SimTime, EventKind, &str)]) -> Vec<Found> {
    let mut out: Vec<Found> = events
        .iter()
        .filter(|e| e.1 == EventKind::Alert)
        .map(|e| Found {
            name: alert_name(e.2),
            at: e.0,
            quote: e.2.to_string(),
        })
        .collect();
    let told = || {
        sk.narrative
            .iter()
            .flat_map(|t| sentences(t))
            .find(|t| STORY_ALERT.is_match(t))
    };
    if out.is_empty()
        && let Some(d) = sk.detection.clone().or_else(told)
    {
        out.push(Found {
            name: short(&d, 48),
            at: SimTime::ZERO,
            quote: d,
        });
    }
    out
}

impl Game {
    /// Build the game from a skeleton whose text fields and timeline are filled in.
    pub fn from_skeleton(sk: &Skeleton) -> Game {
        let mut g = Game::default();
        let events: Vec<(SimTime, EventKind, &str)> = sk
            .before_start
            .iter()
            .map(|e| (SimTime::ZERO, e.1, e.2.as_str()))
            .chain(sk.timeline.iter().map(|e| (e.0, e.1, e.2.as_str())))
            .collect();
        g.alerts = alerts(sk, &events);
        g.symptoms = events
            .iter()
            .filter(|e| matches!(e.1, EventKind::Symptom | EventKind::Trigger))
            .map(|e| (e.0, e.2.to_string()))
            .collect();
        g.symptoms.extend(logged_lines(sk));
        g.quoted_logs = sk.quoted_logs.clone();
        let mut text: Vec<String> = Vec::new();
        for t in [
            &sk.summary,
            &sk.impact,
            &sk.detection,
            &sk.resolution,
            &sk.root_cause,
        ]
        .into_iter()
        .flatten()
        {
            text.extend(sentences(t));
        }
        for t in sk.went_wrong.iter().chain(&sk.contributing) {
            text.extend(sentences(t));
        }
        text.extend(events.iter().map(|e| e.2.to_string()));
        // A blog's story ("I rebooted the server. Unfortunately, that didn't make a
        // difference") tells its wrong paths in order.
        text.extend(sk.narrative.iter().flat_map(|t| sentences(t)));
        // Signals without numbers are read only where the document describes the incident
        // (not from "the theory delayed the investigation").
        let mut symptoms: Vec<String> = [&sk.summary, &sk.impact, &sk.detection]
            .into_iter()
            .flatten()
            .flat_map(|t| sentences(t))
            .collect();
        symptoms.extend(
            events
                .iter()
                .filter(|e| {
                    matches!(
                        e.1,
                        EventKind::Symptom | EventKind::Trigger | EventKind::Alert
                    )
                })
                .map(|e| e.2.to_string()),
        );
        // With no timeline, the story's sentences and the logs it quotes say what moved
        // ("Out of memory: Killed process 15179").
        if events.is_empty() {
            symptoms.extend(sk.narrative.iter().flat_map(|t| sentences(t)));
            symptoms.extend(sk.quoted_logs.iter().cloned());
        }
        g.metrics = metrics(&text, &symptoms, 3usize.saturating_sub(g.alerts.len()));
        g.theories = theories(&events, &text);
        g.theories.extend(super::possible_causes::unconfirmed(sk));
        g.failed_fixes = failed_fixes(&events, &text);
        g.fix_and_finding(&events, sk.before_start.len(), sk.root_cause.as_deref());
        // No timeline, or one with no fix in it (a status page's "Resolved" update), or only
        // the service coming back ("All pods running") where the resolution says what was done.
        let bare_recovery = g.fix.as_ref().is_some_and(|f| {
            super::event_kind::says_recovered(super::event_kind::first_clause(&f.quote))
                && !super::event_kind::recovery_is_the_fix(&f.quote)
        });
        if g.fix.is_none() || bare_recovery {
            let kept = (g.fix.take(), g.finding.take());
            g.fix_from_text(sk);
            if g.fix.is_none() {
                (g.fix, g.finding) = kept;
            }
        }
        let named = g.theories.len() + g.failed_fixes.len() + sk.red_herrings.len();
        let about: Vec<&str> = [&sk.root_cause, &sk.trigger, &sk.summary]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .chain(sk.contributing.iter().map(String::as_str))
            .chain(g.fix.iter().map(|f| f.quote.as_str()))
            .collect();
        // Enough for the lint's "three wrong moves" with what the document names.
        g.suspects = suspects(&about.join(" "), &g.theories, 3usize.saturating_sub(named));
        g.assumed_harm = !g.failed_fixes.iter().any(|f| f.1);
        g
    }

    /// A document with no timeline ("## Resolution" / "1. Executed immediate rollback to
    /// previous build v2.13.4."): its resolution's first change is the fix, and of what the
    /// team saw, the sentence nearest the root cause is its clue.
    fn fix_from_text(&mut self, sk: &Skeleton) {
        // A status page's postmortem tells the fix among the cause ("a temporary fix was
        // implemented to copy the correct asset files").
        let Some(fix) = sk
            .resolution
            .as_deref()
            .or(sk.root_cause.as_deref())
            .and_then(|r| {
                let done: Vec<String> = sentences(r)
                    .into_iter()
                    .filter(|t| {
                        super::event_kind::guess_kind(t, false) == EventKind::Mitigation
                            && !NOT_DONE.is_match(t)
                    })
                    .collect();
                // ("Increased memory limit to 1.5Gi to stabilize", then "Patched
                // ResponseCacheStore max-size" for a cache that never evicted: the change that
                // answers the cause.)
                let cause = sk.root_cause.as_deref().unwrap_or_default();
                let answers = done
                    .iter()
                    .position(|t| super::event_kind::share_a_stem(t, cause));
                answers
                    .or((!done.is_empty()).then_some(0))
                    .map(|i| done[i].clone())
            })
            .or_else(|| story_fix(&sk.narrative))
        else {
            return;
        };
        self.fix = Some(Found {
            name: short(&what_was_done(&fix), 60),
            at: SimTime::ZERO,
            quote: fix,
        });
        // What the resolution tells before its fix ("Found that the application reads its CA
        // from a configurable path") is looked at too.
        let found_first = sk.resolution.as_deref().map_or_else(Vec::new, |r| {
            let fix = self.fix.as_ref().map_or("", |f| f.quote.as_str());
            sentences(r).into_iter().take_while(|t| t != fix).collect()
        });
        // So do the timeline's findings ("Further investigations revealed the firewall rule
        // misconfiguration") when the fix is told only in the text.
        let looked = sk
            .timeline
            .iter()
            .filter(|e| e.1 == EventKind::Investigation)
            .map(|e| e.2.clone());
        // And the story's own sections ("Troubleshooting Steps": "Eclipse MAT:
        // `ResponseCacheStore` retaining 14,000 entries").
        // (Not its list of possible causes: a guess is no clue; nor a runbook's "If present in
        // RegX but missing downstream → investigate ...".)
        let guessed = |t: &String| {
            sk.possible_causes
                .iter()
                .any(|c| c.contains(t.trim_end_matches('.')) || t.contains(c.as_str()))
                || CONDITIONAL.is_match(t)
        };
        let told = sk
            .narrative
            .iter()
            .flat_map(|t| sentences(t))
            .filter(|t| !guessed(t));
        let seen: Vec<String> = [&sk.detection, &sk.impact]
            .into_iter()
            .flatten()
            .flat_map(|t| sentences(t))
            .chain(found_first)
            .chain(looked)
            .chain(told)
            .collect();
        let seen: Vec<(SimTime, EventKind, &str)> = seen
            .iter()
            .map(|t| (SimTime::ZERO, EventKind::Investigation, t.as_str()))
            .collect();
        self.finding = finding(&seen, sk.root_cause.as_deref()).map(|e| Found {
            name: short(e.2, 60),
            at: e.0,
            quote: e.2.to_string(),
        });
    }

    /// The first mitigation that did not fail is the fix; the investigation that named the
    /// cause before it is its clue.
    fn fix_and_finding(
        &mut self,
        events: &[(SimTime, EventKind, &str)],
        before_start: usize,
        root_cause: Option<&str>,
    ) {
        let failed: Vec<&str> = self
            .failed_fixes
            .iter()
            .map(|f| f.0.quote.as_str())
            .collect();
        use super::game_paths::planned;
        // Nothing before minute 0 (the detection) is the fix. Where the document says when the
        // service recovered, the fix is the last attempt before that; else the first attempt
        // that did not fail.
        // A line the next one says failed ("Node rollover started" over "Node rollover attempt
        // fails") was neither the fix nor a recovery.
        // (Nothing at the detection's own minute, a reading like "Primary database: Healthy",
        // is the fix or the service coming back.)
        let detected = events.get(before_start).map_or(SimTime::ZERO, |e| e.0);
        let opens_on_fix = opens_on_fix(events, before_start);
        let undone = |i: usize| {
            events
                .get(i + 1)
                .is_some_and(|n| super::event_kind::says_failed(n.2))
        };
        let tried = |(i, e): &(usize, &(SimTime, EventKind, &str))| {
            e.1 == EventKind::Mitigation
                && (e.0 > detected || (opens_on_fix && *i == before_start))
                // ("Immediate Actions (10:15 - 10:25 UTC):" leads into the steps taken.)
                && !e.2.trim_end().ends_with(':')
                && !failed.contains(&e.2)
                && !planned(e.2)
                && !undone(*i)
        };
        let recovered = events
            .iter()
            .enumerate()
            .skip(before_start)
            .find(|(i, e)| {
                e.0 > detected
                    && matches!(e.1, EventKind::Mitigation | EventKind::Resolution)
                    && super::event_kind::says_recovered(e.2)
                    && !failed.contains(&e.2)
                    && !undone(*i)
            })
            .map(|(i, _)| i);
        let last_tried = |r: usize| {
            events[..r]
                .iter()
                .enumerate()
                .skip(before_start)
                .rev()
                .find(tried)
        };
        // "Flag set to 0% – errors drop" is the fix itself, unless it finishes what an
        // earlier attempt began ("All pods restarted; errors fall" after "a restart begins").
        let fix = recovered
            .filter(|&r| {
                let first = super::event_kind::first_clause(events[r].2);
                super::event_kind::recovery_is_the_fix(events[r].2)
                    && last_tried(r)
                        .is_none_or(|(_, e)| !super::event_kind::share_a_stem(e.2, first))
            })
            .map(|r| (r, &events[r]))
            .or_else(|| recovered.and_then(last_tried))
            .or_else(|| events.iter().enumerate().skip(before_start).find(tried))
            .map(|(i, _)| i)
            .map(|i| {
                super::game_paths::toward_cause(events, (before_start, i), root_cause, &|j| {
                    tried(&(j, &events[j]))
                })
            })
            .map(|i| super::game_paths::ending_fix(events, i, root_cause));
        if let Some(i) = fix {
            let (at, _, text) = events[i];
            self.fix = Some(Found {
                name: short(text, 60),
                at,
                quote: text.to_string(),
            });
            self.fix_takes = events[i + 1..]
                .iter()
                .find(|e| matches!(e.1, EventKind::Mitigation | EventKind::Resolution))
                .map(|e| e.0.saturating_sub(at))
                .filter(|d| *d > SimTime::ZERO);
            self.finding = finding(&events[before_start.min(i)..i], root_cause)
                .or_else(|| {
                    events[..i]
                        .iter()
                        .rev()
                        .find(|e| e.1 == EventKind::Investigation)
                })
                .map(|e| Found {
                    name: short(e.2, 60),
                    at: e.0,
                    quote: e.2.to_string(),
                });
        }
    }
}

/// With nothing alerted, minute 0 is the team's first move ("Manual recovery by deleting
/// failed VMIs"): that move may be the fix.
fn opens_on_fix(events: &[(SimTime, EventKind, &str)], before_start: usize) -> bool {
    events
        .get(before_start)
        .is_some_and(|e| e.1 == EventKind::Mitigation)
        && !events.iter().any(|e| e.1 == EventKind::Alert)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::game_paths::{theory_only, tried_name};

    #[test]
    fn quantities_theories_and_failed_fixes_are_found() {
        let sk = Skeleton {
            impact: Some(
                "About 80% of our traffic was lost worldwide. CPU on every proxy reached 100%."
                    .into(),
            ),
            timeline: vec![
                (
                    SimTime::ZERO,
                    EventKind::Alert,
                    "First page: the synthetic test fails".into(),
                ),
                (
                    SimTime::from_mins(5),
                    EventKind::Investigation,
                    "Early speculation that this is a new kind of attack".into(),
                ),
                (
                    SimTime::from_mins(9),
                    EventKind::Mitigation,
                    "Proxies restarted, which did not help".into(),
                ),
                (
                    SimTime::from_mins(15),
                    EventKind::Investigation,
                    "The WAF rule is identified as the cause".into(),
                ),
                (
                    SimTime::from_mins(20),
                    EventKind::Mitigation,
                    "Global WAF kill executed".into(),
                ),
                (
                    SimTime::from_mins(22),
                    EventKind::Mitigation,
                    "Traffic back to expected levels".into(),
                ),
            ],
            ..Default::default()
        };
        let g = Game::from_skeleton(&sk);
        assert_eq!(g.alerts.len(), 1);
        let ids: Vec<&str> = g.metrics.iter().map(|m| m.id.as_str()).collect();
        // Measured first (traffic lost, CPU), then a signal named without a number (fails).
        assert_eq!(ids, ["traffic", "cpu", "errors"]);
        assert_eq!(g.metrics[0].peak, 20.0);
        assert_eq!(g.theories[0].name, "a new kind of attack");
        assert_eq!(g.failed_fixes.len(), 1);
        assert!(!g.failed_fixes[0].1);
        let fix = g.fix.as_ref().unwrap();
        assert_eq!(fix.name, "Global WAF kill executed");
        assert_eq!(g.fix_takes, Some(SimTime::from_mins(2)));
        assert_eq!(
            g.finding.as_ref().unwrap().name,
            "The WAF rule is identified as the cause"
        );
    }

    #[test]
    fn wrong_paths_are_named_by_what_was_assumed_and_what_was_tried() {
        assert_eq!(
            tried_name(
                "Misleading path: Assumed issue was due to a recent deployment; rolled back the deployment with no improvement."
            ),
            "Rolled back the deployment"
        );
        assert_eq!(
            tried_name("Restart of the web server failed due to problems on the hypervisor"),
            "Restart of the web server"
        );
        assert_eq!(
            theory_only("Assumed issue was due to a recent deployment; rolled back the deployment"),
            "a recent deployment"
        );
    }

    #[test]
    fn short_names_end_on_a_word() {
        assert_eq!(
            short("Alarms fire; the on-call is paged", 40),
            "Alarms fire"
        );
        assert_eq!(
            short("Identified: We found the cause of the delays", 60),
            "We found the cause of the delays"
        );
        assert_eq!(
            short("The rollback finishes at 10:19: no change", 60),
            "The rollback finishes at 10:19"
        );
        assert_eq!(
            short(
                "The on-call scales the API to 24 pods, which made it worse",
                60
            ),
            "The on-call scales the API to 24 pods"
        );
        assert_eq!(
            short("one two three four five six seven", 14),
            "one two three"
        );
    }
}
