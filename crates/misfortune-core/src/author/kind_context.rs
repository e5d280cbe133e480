//! What a timeline line's place says about its kind, beyond its words: a table's actor column
//! ("| Monitoring |" is who, not what happened), a sub-point under a dated line (it shares its
//! parent's kind unless its own words say otherwise), a signal that got better or worse, a label
//! before a colon ("Analysis: ...", "Decision: roll back"), and the phrasings that decide a
//! line whatever else it mentions ("the on-call is paged", "acknowledges the alert",
//! "monitoring for stability", "incident declared", "attempts to roll back").

use std::sync::LazyLock;

use regex::Regex;

use super::event_kind::{first_kind, listed_kind};
use super::signal_trend::{Trend, trend};
use crate::model::EventKind;

/// Who a table's actor column says did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Actor {
    #[default]
    Unknown,
    /// A person or a team: what they did that no list knows is part of the investigation.
    Person,
    /// Monitoring, a pipeline: what it reports that no list knows is a symptom.
    System,
    /// An alerting bot or a pager posting: what it posts is an alert.
    Alerting,
}

/// Actor-column values that are systems, not people.
const SYSTEMS: &[&str] = &[
    "monitoring",
    "pagerduty",
    "opsgenie",
    "system",
    "automation",
    "automated",
    "auto",
    "ci/cd",
    "ci",
    "pipeline",
    "prometheus",
    "alertmanager",
    "grafana",
    "datadog",
    "cloudwatch",
    "kubernetes",
    "k8s",
    "autoscaler",
    "scheduler",
    "cron",
    "bot",
    "-",
    "n/a",
    // A source column's evidence ("Runtime logs", "Change record", "Support tickets"): where
    // the fact was read, not someone at work.
    "logs",
    "log",
    "record",
    "records",
    "tickets",
    "metrics",
    "dashboard",
    "dashboards",
    "traces",
    // "Support | Avalanche of support tickets": the queue the reports came through.
    "support",
];

/// The actor column's value as a person or a system.
pub(super) fn actor_of(cell: &str) -> Actor {
    let c = cell.trim().to_lowercase();
    if c.is_empty() {
        Actor::Unknown
    } else if [
        "alerting",
        "alerts",
        "alert",
        "alertmanager",
        "alarm",
        "alarms",
        "pager",
        "pagerduty",
        "opsgenie",
        "victorops",
    ]
    .contains(&c.as_str())
    {
        Actor::Alerting
    } else if SYSTEMS
        .iter()
        .any(|s| c == *s || c.starts_with(&format!("{s} ")) || c.ends_with(&format!(" {s}")))
    {
        Actor::System
    } else {
        Actor::Person
    }
}

/// Whether a table header names the actor column ("Actor", "Who", "Source", "Actor/System").
pub(super) fn is_actor_header(cell: &str) -> bool {
    let c = cell.trim().to_lowercase();
    [
        "actor",
        "who",
        "source",
        "owner",
        "by",
        "team",
        "responder",
        "system",
        "person",
    ]
    .iter()
    .any(|h| c == *h || c.starts_with(&format!("{h}/")) || c.starts_with(&format!("{h} ")))
}

/// Where a line sits: its table row's actor, and the kind of the dated line it is a sub-point
/// of.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Place {
    pub actor: Actor,
    pub parent: Option<EventKind>,
    /// The line before was a fix being made ("triggering manual cert renewal"): a person's
    /// next word about it ("DNS challenge in progress") is the fix going on.
    pub fixing: bool,
}

/// The kind of a line in its place.
pub(super) fn classify(text: &str, first: bool, place: Place) -> EventKind {
    if first && place.parent.is_none() {
        return first_kind(text);
    }
    // A link's words ("http://monitor/...") are not the line's.
    let text = &URL.replace_all(text, "");
    // "Replays the logs to restore the data, while a second engineer looks for the cause":
    // the main clause says what this line is.
    let main = text.split(" while ").next().unwrap_or(text);
    // What an alerting bot posts is an alert, unless it says things recovered.
    if place.actor == Actor::Alerting && trend(text) != Some(Trend::Better) {
        return EventKind::Alert;
    }
    if let Some(k) = listed_kind(main).or_else(|| listed_kind(text)) {
        // Under "Incident resolved", what recovers or is fixed is part of the resolution.
        return match (k, place.parent, place.actor) {
            (EventKind::Mitigation, Some(EventKind::Resolution), _) => EventKind::Resolution,
            // A person who says a signal is bad has found something ("replica lag is 45
            // seconds, that's really high").
            (EventKind::Symptom, _, Actor::Person) => EventKind::Investigation,
            _ => k,
        };
    }
    match (trend(text), place.parent) {
        (Some(Trend::Better), Some(EventKind::Resolution)) => return EventKind::Resolution,
        (Some(Trend::Better), _) => return EventKind::Mitigation,
        (Some(Trend::Worse), _) if place.actor != Actor::Person => return EventKind::Symptom,
        (None, Some(parent)) => return parent,
        (None, None) | (Some(Trend::Worse), _) => {}
    }
    match place.actor {
        Actor::Person if place.fixing => EventKind::Mitigation,
        Actor::Person => EventKind::Investigation,
        Actor::System | Actor::Alerting => EventKind::Symptom,
        Actor::Unknown if responder_first(&text.to_lowercase()) => EventKind::Investigation,
        Actor::Unknown => EventKind::Symptom,
    }
}

/// Whether a line starts with a responder as its subject ("we", "the on-call", "the team").
pub(super) fn responder_first(t: &str) -> bool {
    [
        "we ",
        "the on-call",
        "on-call ",
        "the oncall",
        "the team",
        "team ",
        "engineers ",
        "the engineer",
        "engineer ",
        "the sre",
        "sre ",
        "the incident commander",
        "the ic ",
        "responders",
        "oce ",
    ]
    .iter()
    .any(|w| t.trim_start().starts_with(w))
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<?https?://\S+>?").expect("static regex"));

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*([a-z][a-z0-9 ]{1,30}?)\s*:\s+(\S.*)$").expect("static regex")
});

/// The kind a leading label names ("Analysis: rollback did not help" is an investigation;
/// "Decision: roll back" is whatever follows it).
pub(super) fn label_kind(t: &str) -> Option<EventKind> {
    let c = LABEL.captures(t)?;
    let label = c[1].trim();
    let last = label.rsplit(' ').next().unwrap_or(label);
    // "Attempt 2: increase the pool": a fix tried.
    if label.starts_with("attempt") {
        return Some(EventKind::Mitigation);
    }
    // "Status update: ..." (a status message pasted with its stamp): the team telling its
    // customers, whatever the message says it is doing.
    if label == "status update" {
        return Some(EventKind::Communication);
    }
    // "Decision: free space in place rather than hard-kill a wedged MySQL", "Mitigation
    // decision: recent deploy = prime suspect → `kubectl rollout undo`": a fix chosen.
    if label == "decision" || label.ends_with(" decision") {
        return Some(EventKind::Mitigation);
    }
    // "Permanent fix: PR merged at 17:10 IST": the fix that ends it, after the harm did.
    if label.starts_with("permanent") {
        return Some(EventKind::Resolution);
    }
    // "Investigation begins: kubectl errors in logs": the team starts looking; the label's
    // last word is not a downtime window's "Begins:".
    if label.starts_with("investigat") {
        return Some(EventKind::Investigation);
    }
    match last {
        "analysis" | "finding" | "findings" | "discovery" | "diagnosis" | "hypothesis"
        | "theory" | "assessment" | "investigation" | "identified" | "investigating"
        | "observation" | "reproduced" => Some(EventKind::Investigation),
        "mitigation" | "workaround" | "mitigated" | "fix" => Some(EventKind::Mitigation),
        "resolved" | "resolution" | "ends" => Some(EventKind::Resolution),
        // "Begins: This was underway between 18:00 and 20:30": the span of the work before it.
        "begins" if t.contains("underway") || t.contains("in progress") => {
            Some(EventKind::Mitigation)
        }
        // "Impact start:", "Begins: November 13th -- 15:00 to 19:30 UTC" (a downtime window).
        "begins" | "start" => Some(EventKind::Symptom),
        "alert" | "alarm" | "page" => Some(EventKind::Alert),
        "communication" | "external" | "announcement" => Some(EventKind::Communication),
        "escalation" => Some(EventKind::Escalation),
        _ => None,
    }
}

/// Phrasings that decide a line's kind whatever else it mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Special {
    /// The on-call is paged: the detection, not an escalation.
    OnCallPaged,
    /// Someone acknowledges the page: they start looking.
    Acknowledged,
    /// "Declared resolved", "downgraded", "war room closed", "no recurrence".
    Closed,
    /// "Incident declared", "escalates to", "elevated to SEV-1", "war room opened".
    Declared,
    /// "Attempts to", "tried": a fix, when a fix's word follows.
    Attempt,
    /// "Monitoring for stability", "extended monitoring": watching, not an alert.
    Watching,
    /// "Incident resolved", "INCIDENT ENDS", "incident closed".
    IncidentEnds,
}

static ON_CALL_PAGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bon-?call\b[^.;|]*\b(?:is |was |gets |got |been )?paged\b|\bon-?call\b[^.;|]{0,30}\bpages?\b|\bpag(?:e|es|ed|ing)\b[^.;|]*\bon-?call\b|\bnotified (?:through|via|by) (?:the |our )?on-?call\b|\b(?:identified|detected|caught|spotted) (?:via|by|through) (?:our |the )?(?:monitoring|alerts?|an alert|synthetic)")
        .expect("static regex")
});
static PAGED_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bpag(?:ed|es|ing) (?:the |a |an )?((?:[\w-]+ ){0,2})(?:engineers?|leads?|team|managers?|dbas?|experts?|owners?|developers?)\b")
        .expect("static regex")
});
// "Alice acks the page", not "repeated acks and success messages" (a queue's).
static ACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:acknowledg\w*|ack'?ed|acks\s+(?:the|a|an|it|this|page|alert)\b)")
        .expect("static regex")
});
static ANSWERS_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:acknowledg\w*|ack'?ed|acks|answer\w*)\s+(?:the\s+|a\s+)?pages?\b")
        .expect("static regex")
});
static FIRES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:fires?|fired|firing|triggers?|triggered|went off|goes off)\b")
        .expect("static regex")
});
static CLOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bdeclared? (?:as )?(?:resolved|complete|over|closed)\b|\b(?:incident|severity|sev|priority|status)\b[^.;]{0,20}\bdowngrad\w*|\bdowngrad\w* (?:the )?(?:incident|severity|sev\b|priority|to (?:sev|p)\s?-?\d|to (?:minor|low|medium))|\b(?:closed|closes|closing) (?:the )?(?:war room|bridge|incident channel)|\b(?:war room|bridge) (?:is |was )?closed\b|\bno recurrence\b")
        .expect("static regex")
});
static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    // ("Member of datacenters team joined call to begin investigating": joining is the news.)
    Regex::new(r"\bincident (?:is |was )?(?:declared|initiated|opened)\b|\bjoin(?:s|ed|ing)? (?:the |a )?(?:call|bridge|war room|zoom|meeting|huddle)\b|\bclassified as (?:an? )?(?:sev|p\d)|\bpag(?:ed|es|ing) (?:the |a |an )?(?:[\w-]+ ){0,2}(?:engineers?|leads?|team|managers?|dbas?|experts?|owners?|developers?)\b|\bdeclar\w* (?:an? |the )?(?:sev|p\d|incident|major|critical)|\bescalat\w* (?:(?:the|this) (?:incident|issue|problem|outage) )?to\b|\b(?:elevated|raised|upgraded|bumped) to (?:sev|p\d)|\bflag\w* (?:of )?(?:an? |the )?sev ?\d|\b(?:raised|increased|elevated|upgraded|bumped) the (?:incident's )?severity\b|(?:^|[^(])\bseverity (?:of the incident )?(?:was |is )?(?:raised|increased|elevated|upgraded|bumped)\b|\b(?:war room|bridge|incident channel) (?:is |was )?opened\b|\bopen\w* (?:a |the )?(?:war room|bridge)\b|\b(?:creat|open)\w* (?:an |the )?incident (?:slack )?channel|\bincident (?:slack )?channel (?:is |was )?(?:created|opened)|\bstatus (?:set|changed) to red\b|\broles assigned\b|\bcommander (?:is |was )?assigned\b|\b(?:teams?|engineers|responders) (?:were |was |are )?(?:mobili[sz]ed|assembled)\b|\b(?:relay|forward|reassign|assign|hand)\w* (?:off |over )?to\b|\bticket\b[^.;]{0,24}?\b(?:was |is )?(?:created|opened|filed|raised)\b|\b(?:opens?|opened|files?|filed|raises?|raised)\s+(?:a\s+)?(?:support\s+)?(?:ticket|case)\b[^.;]{0,30}?\bwith\b|\b(?:team|engineers?|administrator|dba|experts?|vendor|specialists?) (?:was |were |is |are |gets |got )?(?:involved|engaged)\b|\bassum\w* (?:the )?(?:incident|control|command|ic\b)|\bincident lead\b|\b(?:was|were|is|are|gets|got) (?:called|brought|pulled|looped) in\b|\b(?:awakened|woken up|woke up)\b")
        .expect("static regex")
});
static INCIDENT_ENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bincident (?:is |was |has been )?(?:resolved|closed|ends|ended|over)\b|\bend of (?:the )?incident\b")
        .expect("static regex")
});
static ATTEMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:attempt\w*|tries to|tried to|trying to|try to)\b").expect("static regex")
});
static WATCHING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bmonitoring (?:for|closely|period|continues|the|as)\b|\b(?:are|is|am|we're) (?:now )?monitoring\b|\b(?:extended|continued|continue|continues|keep|keeps) (?:to )?monitor\w*|\bmonitor\w* (?:error rates|metrics|closely)|\bobservation period\b")
        .expect("static regex")
});

/// The special phrasings in a lower-cased line.
pub(super) fn special(t: &str) -> Vec<Special> {
    let mut out = Vec::new();
    // "On-call paged the platform engineer" brings someone else in: an escalation.
    let pages_another = PAGED_OTHER
        .captures(t)
        .is_some_and(|c| !c[1].contains("on-call") && !c[1].contains("oncall"));
    // "On-call engineer acknowledges page and begins investigation": the page came before;
    // this is someone answering it.
    let answers_page = ANSWERS_PAGE.is_match(t) && !FIRES.is_match(t);
    if ON_CALL_PAGED.is_match(t) && !pages_another && !answers_page {
        out.push(Special::OnCallPaged);
    }
    if ACK.is_match(t) && !FIRES.is_match(t) {
        out.push(Special::Acknowledged);
    }
    if CLOSED.is_match(t) {
        out.push(Special::Closed);
    }
    if DECLARED.is_match(t) {
        out.push(Special::Declared);
    }
    if ATTEMPT.is_match(t) {
        out.push(Special::Attempt);
    }
    if WATCHING.is_match(t) {
        out.push(Special::Watching);
    }
    if INCIDENT_ENDS.is_match(t) {
        out.push(Special::IncidentEnds);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> EventKind {
        classify(text, false, Place::default())
    }

    #[test]
    fn phrasings_decide_whatever_else_a_line_mentions() {
        assert_eq!(kind("The on-call for storage is paged"), EventKind::Alert);
        assert_eq!(
            kind("Ravi acknowledges the alert"),
            EventKind::Investigation
        );
        assert_eq!(
            kind("Keeps monitoring for stability"),
            EventKind::Investigation
        );
        assert_eq!(
            kind("Incident declared, triage starts"),
            EventKind::Escalation
        );
        assert_eq!(kind("Incident declared resolved"), EventKind::Resolution);
        assert_eq!(
            kind("Ravi tries to roll back the proxy"),
            EventKind::Mitigation
        );
        assert_eq!(
            kind("Analysis: the revert did not help"),
            EventKind::Investigation
        );
        assert_eq!(
            kind("Attempt 2: raise the pool to 300"),
            EventKind::Mitigation
        );
        assert_eq!(
            kind("Opened an incident channel for the cache"),
            EventKind::Escalation
        );
        assert_eq!(
            kind("Queue depth falls from 9000 to 40"),
            EventKind::Mitigation
        );
        assert_eq!(kind("Hit rate drops from 96% to 30%"), EventKind::Symptom);
    }

    #[test]
    fn an_actor_column_says_who_not_what() {
        let system = Place {
            actor: actor_of("Monitoring"),
            parent: None,
            fixing: false,
        };
        let person = Place {
            actor: actor_of("Dana (SRE)"),
            parent: None,
            fixing: false,
        };
        let bot = Place {
            actor: actor_of("alerting"),
            parent: None,
            fixing: false,
        };
        assert_eq!(
            classify("Cache nodes report full disks", false, system),
            EventKind::Symptom
        );
        assert_eq!(
            classify("Looked over the cache node list", false, person),
            EventKind::Investigation
        );
        assert_eq!(
            classify("Disk usage on cache-3 passes 90%", false, bot),
            EventKind::Alert
        );
        assert!(
            is_actor_header("Actor/System") && is_actor_header("Who") && !is_actor_header("Event")
        );
    }

    #[test]
    fn a_sub_point_shares_its_parents_kind_unless_its_words_differ() {
        let under = |k| Place {
            actor: Actor::Unknown,
            parent: Some(k),
            fixing: false,
        };
        assert_eq!(
            classify(
                "Last week's build is known to be good",
                false,
                under(EventKind::Mitigation)
            ),
            EventKind::Mitigation
        );
        assert_eq!(
            classify(
                "p99 latency climbing: 300 ms → 2 s",
                false,
                under(EventKind::Alert)
            ),
            EventKind::Symptom
        );
        assert_eq!(
            classify(
                "Queue depth: 0 (normal)",
                false,
                under(EventKind::Resolution)
            ),
            EventKind::Resolution
        );
    }
}
