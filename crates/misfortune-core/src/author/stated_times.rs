//! The response times a document states outright ("Time to detection: 2 minutes", "TTR: 1h
//! 13m", "Time to recovery: 13 minutes"): the real team's figures, which fill the scenario's
//! `Recorded` fields the timeline leaves unknown, and which the author sees beside the ones
//! read from the timeline (a figure may measure another phase of the incident); and where a
//! sentence says the harm ended ("lost until 9:40", "lasted for 1 hour and 20 minutes").

use std::sync::LazyLock;

use regex::Regex;

use crate::model::EventKind;
use crate::time::SimTime;

/// Which recorded time a stated figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Detect,
    Mitigate,
    Resolve,
}

/// A figure the document states: which, how long, and its line as written.
pub type Stated = (Measure, SimTime, String);

/// Every figure a document states, in the order written.
pub(super) fn stated_times(md: &str) -> Vec<Stated> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?im)^\W{0,6}((?:mean )?time to (?:detect(?:ion)?|mitigat(?:e|ion)|recover(?:y)?|restor(?:e|ation)|resol(?:ve|ution))|mttd|mttm|mttr|ttd|ttm|ttr)\W{0,4}[:=|-]\W{0,4}([^\n|]{1,40})")
            .expect("static regex")
    });
    LINE.captures_iter(md)
        .filter_map(|c| {
            let label = c[1].to_lowercase();
            let which = if label.contains("detect") || label.ends_with("ttd") {
                Measure::Detect
            } else if ["mitigat", "recover", "restor"]
                .iter()
                .any(|w| label.contains(w))
                || label.ends_with("ttm")
            {
                Measure::Mitigate
            } else {
                Measure::Resolve
            };
            let how_long = duration(&c[2])?;
            let line = format!("{}: {}", c[1].trim(), c[2].trim());
            Some((which, how_long, line))
        })
        .collect()
}

/// A duration as written ("2 minutes", "1 h 13 m", "1h13m", "46 hours", "90 min").
pub(super) fn duration(s: &str) -> Option<SimTime> {
    static PART: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b",
        )
        .expect("static regex")
    });
    let mut secs = 0.0;
    let mut any = false;
    for c in PART.captures_iter(s) {
        let n: f64 = c[1].parse().ok()?;
        let unit = c[2].to_lowercase();
        secs += n * match unit.as_bytes()[0] {
            b'd' => 86_400.0,
            b'h' => 3_600.0,
            b'm' => 60.0,
            _ => 1.0,
        };
        any = true;
    }
    any.then(|| SimTime::from_secs(secs.round() as u64))
}

/// A clause's text as an event; "Video uploads lost until 9:40 UTC" tells when the harm ended.
pub(super) fn until_is_the_end(c: &regex::Captures, clause: &str) -> String {
    let clause = clause.trim_end_matches([',', ';', ' ']);
    let until = c
        .get(0)
        .is_some_and(|x| x.as_str().to_lowercase().starts_with("until"));
    if until && super::event_kind::guess_kind(clause, false) == EventKind::Symptom {
        format!("Ends: {clause}")
    } else {
        clause.to_string()
    }
}

/// "An outage on June 28, 2023 (11:25 AM), which lasted for 1 hour and 20 minutes": where the
/// harm a sentence tells from `start` (minutes of the day) ended.
pub(super) fn lasted_until(sentence: &str, start: u32) -> Option<u32> {
    static LASTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\blast(?:ed|ing)\s+(?:for\s+)?(?:about\s+|approximately\s+|roughly\s+|~)?((?:\d+\s*(?:hours?|hrs?|h|minutes?|mins?|m)\b[\s,]*(?:and\s+)?)+)")
            .expect("static regex")
    });
    // (What lasted is the harm: "we encountered a server outage" is told by the team.)
    static HARM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:outage|downtime|down|unavailable|errors?|degrad\w*|disruption|incident|impact)\b")
            .expect("static regex")
    });
    let c = LASTED.captures(sentence)?;
    if !HARM.is_match(&sentence[..c.get(0)?.start()]) {
        return None;
    }
    let mins = duration(&c[1])?.round_mins();
    Some(start + u32::try_from(mins).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_figures_are_read_with_their_measure() {
        let md = "## Stats\n\n- Category: Kubernetes\n- Time to detection: 2 minutes\n- Time to recovery:  13 minutes\n- TTR: 1h 5m\n- Time to resolve: soon\n";
        let got = stated_times(md);
        assert_eq!(
            got.iter().map(|s| (s.0, s.1)).collect::<Vec<_>>(),
            [
                (Measure::Detect, SimTime::from_mins(2)),
                (Measure::Mitigate, SimTime::from_mins(13)),
                (Measure::Resolve, SimTime::from_mins(65)),
            ]
        );
        assert_eq!(got[0].2, "Time to detection: 2 minutes");
    }
}
