//! Scoring: a pure function of the scenario and the played session, 0 to 100, in parts that each
//! say why, in words, with the numbers.

use serde::{Deserialize, Serialize};

use crate::model::*;
use crate::sim::Session;
use crate::time::SimTime;

mod reference;

use reference::{Reference, timeline_reference};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorePart {
    /// `diagnosis`, `acknowledge`, ... (the weight's name).
    pub name: String,
    /// How much of the part was earned, 0 to 1.
    pub earned: f64,
    pub weight: u32,
    /// Points out of 100 this part contributes.
    pub points: f64,
    pub max_points: f64,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// 0 to 100, rounded to one decimal.
    pub total: f64,
    pub parts: Vec<ScorePart>,
    pub hint_penalty: f64,
    /// Points lost to harmful actions, beyond the harm part: harm costs.
    #[serde(default)]
    pub harm_penalty: f64,
    #[serde(default)]
    pub harmful_actions: usize,
    pub hints_used: usize,
    /// Impact accumulated, in `impact_unit`-minutes.
    pub impact: f64,
    pub impact_unit: String,
}

impl Score {
    pub fn part(&self, name: &str) -> Option<&ScorePart> {
        self.parts.iter().find(|p| p.name == name)
    }
}

fn mins(t: SimTime) -> String {
    let m = t.as_mins_f64();
    if (m - m.round()).abs() < 0.05 {
        format!("{} min", m.round())
    } else {
        format!("{m:.1} min")
    }
}

/// How a trainee's time compares with the real team's: full marks at or under it, falling to
/// zero at three times it.
fn against(trainee: SimTime, real: SimTime) -> f64 {
    let (t, r) = (trainee.as_secs_f64(), real.as_secs_f64().max(60.0));
    if t <= r {
        1.0
    } else {
        (1.0 - (t - r) / (2.0 * r)).clamp(0.0, 1.0)
    }
}

/// The real team's time to a correct diagnosis: the last investigation event after the trigger
/// and before their first mitigation step, or that first step when no such event is recorded.
pub fn recorded_diagnosis_time(sc: &Scenario) -> Option<SimTime> {
    let tl = &sc.recorded.timeline;
    let first_mitigation = tl
        .iter()
        .find(|e| e.kind == EventKind::Mitigation)
        .map(|e| e.at)
        .or(sc.recorded.time_to_mitigate.value());
    let inv = tl
        .iter()
        .filter(|e| {
            e.kind == EventKind::Investigation
                && e.at > SimTime::ZERO
                && first_mitigation.is_none_or(|m| e.at <= m)
        })
        .map(|e| e.at)
        .next_back();
    inv.or(first_mitigation)
}

/// Whether a diagnosis is right: the right candidate, or free text naming a keyword.
pub fn diagnosis_quality(
    sc: &Scenario,
    candidate: Option<&str>,
    text: Option<&str>,
) -> (f64, String) {
    let rc = &sc.root_cause;
    if candidate == Some(rc.answer.as_str()) {
        return (1.0, "you chose the right root cause".into());
    }
    let words = text
        .map(|t| crate::matcher::diagnosis_words(t, rc))
        .unwrap_or_default();
    // One generic word ("disk", "primary") is not a diagnosis: it takes two of the root cause's
    // key facts, or one that is a phrase of its own ("valid config").
    let specific = words.len() >= 2
        || words
            .iter()
            .any(|w| crate::matcher::Words::of(w.split('|').next().unwrap_or(w)).len() >= 2);
    if specific && candidate.is_none() {
        let q = (0.6 + 0.2 * words.len() as f64).min(0.9);
        let named: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
        return (
            q,
            format!("your free-text diagnosis names {}", named.join(", ")),
        );
    }
    if let Some(c) = candidate {
        let text = rc
            .candidates
            .iter()
            .find(|x| x.id == c)
            .map_or(c, |x| x.text.as_str());
        return (
            0.0,
            format!("you chose \"{text}\", which is not the root cause"),
        );
    }
    (
        0.0,
        "your free-text diagnosis names none of the root cause's key facts".into(),
    )
}

/// Points a session loses for harmful actions, beyond the harm part: the first costs
/// [`HARM_FIRST`], each further one [`HARM_MORE`]. Making an incident worse is the one thing an
/// on-call must not do, so no amount of good work elsewhere makes up for it.
pub fn harm_penalty(harmful_actions: usize) -> f64 {
    match harmful_actions {
        0 => 0.0,
        n => HARM_FIRST + HARM_MORE * (n - 1) as f64,
    }
}

pub const HARM_FIRST: f64 = 35.0;
pub const HARM_MORE: f64 = 15.0;

/// The score of a session as it stands (or ended): one part per scoring weight, each earned
/// 0 to 1 with the reason in words, less the hints' cost.
pub fn score(s: &Session) -> Score {
    let sc = s.scenario();
    let w = &sc.scoring;
    let end = s.ended().unwrap_or(s.now());
    let impact = s.impact_total(end);
    let parts: [(&str, u32, (f64, String)); 8] = [
        ("diagnosis", w.diagnosis, diagnosis_part(s)),
        ("acknowledge", w.acknowledge, acknowledge_part(s)),
        (
            "time_to_diagnose",
            w.time_to_diagnose,
            time_to_diagnose_part(s),
        ),
        (
            "time_to_mitigate",
            w.time_to_mitigate,
            time_to_mitigate_part(s, end, impact),
        ),
        ("harm", w.harm, harm_part(s)),
        ("focus", w.focus, focus_part(s)),
        ("communication", w.communication, communication_part(s, end)),
        (
            "timeline",
            w.timeline,
            timeline_match(sc, &s.own_timeline()),
        ),
    ];
    let total_weight = w.total().max(1) as f64;
    let parts: Vec<ScorePart> = parts
        .into_iter()
        .map(|(name, weight, (earned, why))| {
            let max_points = 100.0 * weight as f64 / total_weight;
            ScorePart {
                name: name.to_string(),
                earned,
                weight,
                points: round1(max_points * earned),
                max_points: round1(max_points),
                why,
            }
        })
        .collect();
    let hint_penalty: f64 = s
        .hints_given()
        .iter()
        .filter_map(|(_, i)| sc.hints.get(*i))
        .map(|h| h.cost as f64)
        .sum();
    let harmful_actions = s
        .taken()
        .iter()
        .filter(|t| sc.action(&t.action).is_some_and(|a| a.harmful))
        .count();
    let harm_penalty = harm_penalty(harmful_actions);
    let raw: f64 = parts.iter().map(|p| p.points).sum::<f64>() - hint_penalty - harm_penalty;
    Score {
        total: round1(raw.clamp(0.0, 100.0)),
        parts,
        hint_penalty,
        harm_penalty,
        harmful_actions,
        hints_used: s.hints_given().len(),
        impact: impact.round(),
        impact_unit: sc.impact.unit.clone(),
    }
}

/// The last diagnosis given counts.
/// How much of the evidence for the root cause (its clues) the trainee had found by `at`, 0 to
/// 1, and the reason in words. A right diagnosis earns full credit only with all of it, and at
/// most half with none: a guess is not a diagnosis.
pub fn evidence(s: &Session, at: SimTime) -> (f64, String) {
    let clues = &s.scenario().root_cause.clues;
    if clues.is_empty() {
        return (1.0, String::new());
    }
    let found = clues
        .iter()
        .filter(|c| s.clue_revealed_at(c).is_some_and(|t| t <= at))
        .count();
    let factor = 0.5 + 0.5 * found as f64 / clues.len() as f64;
    let why = if found == clues.len() {
        String::new()
    } else {
        format!(
            ", but with {found} of the {} key findings in hand first (at most half the credit without evidence)",
            clues.len()
        )
    };
    (factor, why)
}

/// The last diagnosis given counts, weighed by the evidence found before it.
fn diagnosis_part(s: &Session) -> (f64, String) {
    let sc = s.scenario();
    let last = s.diagnoses().last();
    let (dq, dwhy) = match last {
        Some(d) => {
            let (q, why) = diagnosis_quality(sc, d.candidate.as_deref(), d.text.as_deref());
            let (factor, ewhy) = if q > 0.0 {
                evidence(s, d.at)
            } else {
                (1.0, String::new())
            };
            (q * factor, format!("{why}{ewhy} (at {})", d.at.clock()))
        }
        None => (0.0, "you gave no diagnosis".into()),
    };
    let right = sc
        .root_cause
        .candidates
        .iter()
        .find(|c| c.id == sc.root_cause.answer)
        .map_or("", |c| c.text.as_str());
    (dq, format!("{dwhy}; the root cause: {right}"))
}

fn acknowledge_part(s: &Session) -> (f64, String) {
    match (s.first_page(), s.acked()) {
        (Some(p), Some(a)) => {
            let d = a - p;
            let q = if d <= SimTime::from_mins(2) {
                1.0
            } else {
                (1.0 - (d.as_mins_f64() - 2.0) / 13.0).clamp(0.0, 1.0)
            };
            (
                q,
                format!(
                    "you acknowledged the page {} after it fired (full marks within 2 min, none after 15)",
                    mins(d)
                ),
            )
        }
        (Some(_), None) => (0.0, "you never acknowledged the page".into()),
        // Ending a session before its page fires earns nothing: there was nothing to answer yet.
        (None, _) if s.scenario().alerts.iter().any(|a| a.pages) => {
            (0.0, "the session ended before the page fired".into())
        }
        (None, _) => (1.0, "nothing in this scenario pages".into()),
    }
}

/// The first right diagnosis sets the time.
fn time_to_diagnose_part(s: &Session) -> (f64, String) {
    let sc = s.scenario();
    let first_right = s
        .diagnoses()
        .iter()
        .find(|d| diagnosis_quality(sc, d.candidate.as_deref(), d.text.as_deref()).0 >= 0.6)
        .map(|d| d.at);
    let real_diag = sc
        .recorded
        .time_to_diagnose
        .and_then(Reference::of)
        .or_else(|| recorded_diagnosis_time(sc).map(|t| timeline_reference(sc, t)));
    let real_diag = sc
        .recorded
        .par_to_diagnose
        .map(Reference::Par)
        .or(real_diag);
    // Time credit, like the diagnosis's, needs the evidence in hand.
    let (factor, ewhy) = first_right.map_or((1.0, String::new()), |t| evidence(s, t));
    let (q, why) = time_to_diagnose_against(first_right, real_diag);
    (q * factor, why + &ewhy)
}

fn time_to_diagnose_against(
    first_right: Option<SimTime>,
    real_diag: Option<Reference>,
) -> (f64, String) {
    match (first_right, real_diag) {
        (Some(t), Some(r)) => (
            against(t, r.time()),
            format!("you had the right diagnosis at {}; {}", mins(t), r.words()),
        ),
        (Some(t), None) => (1.0, format!("you had the right diagnosis at {}", mins(t))),
        (None, _) => (0.0, "you never reached the right diagnosis".into()),
    }
}

fn time_to_mitigate_part(s: &Session, end: SimTime, impact: f64) -> (f64, String) {
    let sc = s.scenario();
    let unit = &sc.impact.unit;
    let real_mit = sc
        .recorded
        .par_to_mitigate
        .map(Reference::Par)
        .or_else(|| Reference::of(sc.recorded.time_to_mitigate));
    let (mq, mwhy) = match (s.mitigated_at().filter(|m| *m <= end), real_mit) {
        (Some(m), Some(r)) => (
            against(m, r.time()),
            format!("you mitigated at {}; {}", mins(m), r.words()),
        ),
        (Some(m), None) => (1.0, format!("you mitigated at {}", mins(m))),
        (None, _) => (0.0, "the impact never ended while you played".into()),
    };
    (
        mq,
        format!("{mwhy}; impact: {} {unit}-minutes", thousands(impact)),
    )
}

fn harm_part(s: &Session) -> (f64, String) {
    let sc = s.scenario();
    let harmful: Vec<&str> = s
        .taken()
        .iter()
        .filter(|t| sc.action(&t.action).is_some_and(|a| a.harmful))
        .map(|t| t.action.as_str())
        .collect();
    if s.taken().is_empty() {
        (
            0.0,
            "you took no action, so there is no care to credit".to_string(),
        )
    } else if harmful.is_empty() {
        (1.0, "you took no harmful action".to_string())
    } else {
        (
            (1.0 - 0.5 * harmful.len() as f64).max(0.0),
            format!("harmful actions made things worse: {}", harmful.join(", ")),
        )
    }
}

/// Useful investigation against red herrings.
fn focus_part(s: &Session) -> (f64, String) {
    let sc = s.scenario();
    let inv: Vec<&Action> = s
        .taken()
        .iter()
        .filter_map(|t| sc.action(&t.action))
        .filter(|a| matches!(a.kind, ActionKind::Investigate | ActionKind::Mitigate))
        .collect();
    let herrings: Vec<&str> = inv
        .iter()
        .filter(|a| a.red_herring)
        .map(|a| a.id.as_str())
        .collect();
    let useful = inv.iter().filter(|a| !a.red_herring && !a.harmful).count();
    if inv.is_empty() {
        (0.0, "you did not investigate".to_string())
    } else {
        let q = useful as f64 / inv.len() as f64;
        let mut why = format!(
            "{useful} of your {} investigation and mitigation steps were useful",
            inv.len()
        );
        if !herrings.is_empty() {
            why.push_str(&format!("; red herrings: {}", herrings.join(", ")));
        }
        (q, why)
    }
}

/// Declaring, status updates at the scenario's cadence, and escalating where it asks for it.
fn communication_part(s: &Session, end: SimTime) -> (f64, String) {
    let sc = s.scenario();
    let c = &sc.communication;
    let mut cq = 0.0;
    let mut cwhy = Vec::new();
    let slots = if c.escalate_to.is_some() { 3.0 } else { 2.0 };
    let page = s.first_page().unwrap_or(SimTime::ZERO);
    match s.declared() {
        Some(d) if d - page <= c.declare_within || d <= page => {
            cq += 1.0;
            cwhy.push(format!(
                "you declared the incident at {} (expected within {} of the page)",
                d.clock(),
                mins(c.declare_within)
            ));
        }
        Some(d) => {
            cq += 0.5;
            cwhy.push(format!(
                "you declared the incident late, at {} (expected within {} of the page)",
                d.clock(),
                mins(c.declare_within)
            ));
        }
        None => cwhy.push("you never declared an incident".into()),
    }
    let window_end = s.mitigated_at().unwrap_or(end).min(end);
    let from = s.declared().unwrap_or(page);
    // Time the clock jumped across (phases) is not playable, so it asks for no updates.
    let jumped: u64 = sc
        .phases
        .iter()
        .map(|p| p.to.min(window_end).saturating_sub(p.from.max(from)).ms())
        .sum();
    let playable = window_end.saturating_sub(from).ms().saturating_sub(jumped);
    let needed = (playable / c.status_cadence.ms().max(1)).max(1) as usize;
    let given = s
        .status_updates()
        .iter()
        .filter(|t| **t <= window_end + c.status_cadence)
        .count();
    let uq = (given as f64 / needed as f64).min(1.0);
    cq += uq;
    cwhy.push(format!(
        "{given} status update(s) where the cadence of {} asked for {needed}",
        mins(c.status_cadence)
    ));
    if let Some(owner) = &c.escalate_to {
        let name = sc
            .persona(owner)
            .map_or(owner.as_str(), |p| p.name.as_str());
        if let Some((t, _)) = s.escalations().iter().find(|(_, p)| p == owner) {
            cq += 1.0;
            cwhy.push(format!("you pulled in {name} at {}", t.clock()));
        } else {
            cwhy.push(format!("you did not escalate to {name}"));
        }
    }
    (cq / slots, cwhy.join("; "))
}

/// A whole number with thousands separators: `11,000,000`.
pub fn thousands(x: f64) -> String {
    let n = x.round().abs() as u128;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if x < -0.5 { format!("-{out}") } else { out }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// How well the trainee's own timeline matches the recorded one: which kinds of event it covers,
/// how close in time (being quicker than the real team is fine), and in what order.
pub fn timeline_match(sc: &Scenario, own: &[TimelineEvent]) -> (f64, String) {
    let skip = [EventKind::Trigger, EventKind::Symptom];
    let mut kinds: Vec<(EventKind, SimTime)> = Vec::new();
    for e in &sc.recorded.timeline {
        if !skip.contains(&e.kind) && !kinds.iter().any(|(k, _)| *k == e.kind) {
            kinds.push((e.kind, e.at));
        }
    }
    if kinds.is_empty() {
        return (1.0, "the record has no events to compare".into());
    }
    if own.is_empty() {
        return (0.0, "you kept no timeline of your own".into());
    }
    let mut matched = Vec::new();
    let mut closeness = 0.0;
    for (k, real_at) in &kinds {
        if let Some(e) = own.iter().find(|e| e.kind == *k) {
            let late = e.at.saturating_sub(*real_at + SimTime::from_mins(5));
            closeness += (1.0 - late.as_mins_f64() / 20.0).clamp(0.0, 1.0);
            matched.push((*k, *real_at, e.at));
        }
    }
    let coverage = closeness / kinds.len() as f64;
    let mut pairs = 0;
    let mut agree = 0;
    for i in 0..matched.len() {
        for j in i + 1..matched.len() {
            pairs += 1;
            let real = matched[i].1.cmp(&matched[j].1);
            let mine = matched[i].2.cmp(&matched[j].2);
            if real == mine
                || real == std::cmp::Ordering::Equal
                || mine == std::cmp::Ordering::Equal
            {
                agree += 1;
            }
        }
    }
    let order = if pairs == 0 {
        1.0
    } else {
        agree as f64 / pairs as f64
    };
    let q = coverage * (0.5 + 0.5 * order);
    (
        q,
        format!(
            "your timeline covers {} of the {} kinds of event in the real one ({}), with {agree} of {pairs} pairs in the same order",
            matched.len(),
            kinds.len(),
            kinds
                .iter()
                .map(|(k, _)| format!("{k:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separates_digits() {
        assert_eq!(super::thousands(0.0), "0");
        assert_eq!(super::thousands(999.4), "999");
        assert_eq!(super::thousands(1000.0), "1,000");
        assert_eq!(super::thousands(11_000_000.0), "11,000,000");
    }
}
