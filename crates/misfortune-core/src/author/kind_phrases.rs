//! Phrases that decide a line's kind before the word lists do: someone paged (a paging tool,
//! users who told the team), harm seen in the logs by nobody named, healthy machines taken
//! away, and a company whose name is a pager's. Kept apart from `event_kind` so each file
//! stays small.

use std::sync::LazyLock;

use regex::Regex;

use super::event_kind::{ALERTS_FIRED, first_clause};
use crate::model::EventKind;

/// "PagerDuty initiated a DNS configuration change": the company at work, not its pager.
pub(super) fn the_company(t: &str) -> String {
    static ACTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:pagerduty|opsgenie)('s)?\s+(initiated|deployed|rolled|made|pushed|changed|began|started|released|updated|engineers?|infrastructure|team)\b")
            .expect("static regex")
    });
    // "One of PagerDuty's datacenters suffered a network degradation", "PagerDuty website
    // requests were rejected": the company's own systems.
    static OWNS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:pagerduty|opsgenie)(?:(?:'|’)s\b| itself\b|( (?:website|app|application|web application|api|events api|rest api|systems?|services?|datacenters?)\b))")
            .expect("static regex")
    });
    let t = ACTS.replace_all(t, "the company$1 $2");
    OWNS.replace_all(&t, "the company's$1").into_owned()
}

/// Whether a line says someone was paged: the on-call paged, alerts fired, or a paging tool
/// that paged people.
pub(super) fn pages_someone(t: &str, on_call_paged: bool) -> bool {
    // ("Pods enter ContainerCreating. Prometheus alerts fire and are discarded": a sentence of
    // its own says so as well.)
    on_call_paged
        || t.split(". ")
            .any(|s| ALERTS_FIRED.is_match(first_clause(s)))
        || PAGER_PAGED.is_match(t)
        || TEAM_TOLD.is_match(t)
        || CHECK_POSTED.is_match(t)
        || ALERT_ARRIVED.is_match(t)
        || TOOL_FLAGGED.is_match(t)
}

/// A reviewing tool that flags the problem ("the `security` judge names the class", "the
/// linter flagged the interpolation"): how it was found.
static TOOL_FLAGGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:judge|scanner|linter|reviewer|checker|audit tool|sast|dast)`?\s+(?:names|named|flags|flagged|detects|detected|catches|caught)\b")
        .expect("static regex")
});

/// An alert that reaches people ("the provider's leaked-key alert reaches the Customer Comms
/// mailbox"): the alert, wherever it landed.
static ALERT_ARRIVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}(?:[\w'’-]+ ){0,4}(?:alerts?|alarms?|warnings?)\s+(?:reach(?:es|ed)?|arriv(?:es|ed)|land(?:s|ed))\b")
        .expect("static regex")
});

/// A check of the system's own that posts its failure where people read it ("The brief's retry
/// sweep couldn't read its marker and posted \"Morning brief failed\" to the admin channel"):
/// the alert, however wrong it turns out.
static CHECK_POSTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?:checker|sweep|job|bot|monitor|cron|script|task|health-?check|probe|watchdog)\b[^.;]{0,80}\bposted\b[^.;]{0,60}\bto (?:the |our |its )?[\w#-]*\s*channel\b")
        .expect("static regex")
});

/// A paging tool that pages people ("Opsgenie paged the team", "PagerDuty alerted teams"), a
/// monitor that mails them ("Stackdriver sends emails about the outage which we notice"), or
/// users who told the team ("End-users alerted us that logs weren't arriving", "Paladox also
/// informs MacFan4000 that the wikis have been broken", "Incident reported, increased error
/// rates detected", "First support ticket", "A user asks if we have introduced downtime"):
/// the alert,
/// where a person paging a team would be an escalation.
static PAGER_PAGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}(?:(?:the )?(?:incident|issue|outage) (?:was )?reported\b|(?:the\s+)?(?:first|a|an|new)\s+(?:support|customer|user)\s+(?:tickets?|reports?|complaints?)\b|(?:an?\s+|the\s+)?(?:users?|customers?|clients?)\s+(?:asks?|asked)\s+(?:if|whether|why|about)\b|(?:pagerduty|opsgenie|victorops|alertmanager|splunk on-call|grafana oncall)\b[^.;]{0,20}\b(?:paged|pages|alerted|alerts|notified|called)\b|(?:stackdriver|cloudwatch|datadog|grafana|prometheus|nagios|zabbix|icinga|pingdom|uptimerobot|uptime kuma|new relic|sentry|statuscake|healthchecks(?:\.io)?)\b[^.;]{0,20}\b(?:sends?|sent|e-?mails?|e-?mailed|fires?|fired|pages?|paged|notifie[sd]|alerted|triggers?|triggered)\b|(?:end-?users|users|customers|support|a customer|a user)\s+(?:alerted|notified|warned|told)\s+us\b|(?:an? )?(?:developers?|users?|customers?|clients?|partners?|colleagues?|support)\s+(?:reports?|reported|flags?|flagged|complains?|complained)\b|(?:an? |the first |the )?reports? (?:in|on|from|via) (?:the )?[\w -]{1,40}? (?:said|says|that)\b|[^.;]{0,60}\b(?:raised|opened|filed) an? (?:github |gitlab |jira )?(?:issue|bug report|bug)\b|\S*/issues/\d+\s+(?:is|was|gets|got) (?:opened|filed|raised)\b|(?:we|the team) (?:are|were|was|is|got|get) (?:informed|told|notified) that\b|(?:an? |another )?(?:customers?|users?|clients?|partners?)\s+(?:reached out|contacted us|got in touch|wrote in|emailed us)\b|(?:[\w-]+\s+){0,3}(?:member|engineers?|team|on-?call|someone|sres?|staff|admins?)\b[^.;]{0,40}?\b(?:informed|told|notified|made aware) (?:of|about|that)\b|[\w-]+\s+(?:also\s+)?(?:informs|informed|tells|told|warns|warned)\s+(?:[\w-]+\s+){1,2}that\s+[^.;]{0,30}\b(?:broken|down|failing|erroring|unavailable|not working|offline)\b)")
        .expect("static regex")
});

/// Healthy machines taken away ("Healthy nodes all gets killed", "every working replica was
/// evicted"), or machines a controller gives up on ("`virt-controller` marked VMIs failed and
/// applied start backoff"): the harm, not a fix, whatever verb did it.
pub(super) static LOST_HEALTHY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:healthy|working|good)\b[^.;]{0,30}?\b(?:gets?|got|were|was|are|is|being)\s+(?:all\s+)?(?:killed|terminated|deleted|destroyed|removed|evicted)\b|\bmark(?:ed|s) (?:[\w/-]+ ){0,3}(?:as )?(?:failed|faulted|dead|notready|not ready)\b")
        .expect("static regex")
});

/// A change whose result, after an arrow, is the harm ("minisforum-c pacman upgrade (kernel
/// 7.1.3 → 7.1.4) + reboot → **hangs at shutdown**"): what happened is the harm.
pub(super) static CHANGE_BROKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:upgrad|deploy|install|updat|migrat|releas|rollout|rolled out)\w*(?:[^.;]|\.\d){0,80}?(?:→|->)\s*\**\s*(?:hangs?|hung|crash\w*|fails?|failed|stuck|freez\w*|froze|dies|died|oom\w*|panic\w*|breaks?|broke)\b")
        .expect("static regex")
});

/// The kind a line's own telling gives, before its words are weighed: errors first or last
/// seen with nobody doing the seeing ("First feature-flag initialization errors observed as
/// containers failed": the harm, or its end), the outage beginning, or a finding that names
/// a change only to plan it.
pub(super) fn seen_kind(t: &str) -> Option<EventKind> {
    static SEEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:the\s+)?(first|initial|last|final)\b[^.;]{0,60}?\b(?:errors?|failures?|exceptions?|timeouts?|crash(?:es)?|5xxs?)\s+(?:were\s+|was\s+)?(?:observed|seen|logged|recorded)\b")
            .expect("static regex")
    });
    // "The outage commenced at 10:30 when the agent applied it": the harm beginning, whatever
    // change it names.
    static BEGINS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:the\s+)?(?:outage|incident|impact|disruption|degradation)\s+(?:commenced|began|begins|started|starts)\b")
            .expect("static regex")
    });
    // "The customer informed us that the fix in version 1.323.0 was not effective"; "Error rates
    // remain elevated despite rollback": the harm going on, not the fix.
    static GOES_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:informed|told|notified|reported|reports|tells)\b[^.;]{0,40}\bthat\b(?:[^.;]|\.\d){0,60}\b(?:not effective|ineffective|did not (?:work|fix|help)|didn't (?:work|fix|help)|does not (?:work|fix))\b|\b(?:remain|remains|remained|stay|stays|stayed)\s+(?:elevated|high|degraded|down|unavailable|broken)\b[^.;]{0,20}\bdespite\b")
            .expect("static regex")
    });
    // "Avalanche of support tickets", "a spike of \"Payment failed\" tickets": the harm
    // growing, told by its count of reports (whatever the tickets quote).
    static MANY_REPORTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\b(?:avalanche|flood|wave|surge|spike|influx|deluge|burst|stream) of\b(?:"[^"]{0,60}"|[^.;"]){0,20}\b(?:tickets|reports|complaints|calls)\b"#)
            .expect("static regex")
    });
    // "our website went down to fix an issue with deployments": the harm, whatever it was for.
    static WENT_DOWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:went|goes|has gone|had gone) (?:down|offline|dark)\b")
            .expect("static regex")
    });
    // "Update: We are currently experiencing disruptions to logins", "We continue to see
    // abnormal pressure": a status update that tells the harm, whatever it says the team is
    // doing about it.
    static STILL_HURTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\W*(?:update:\s*)?(?:we|the company) (?:are|were|is|was) (?:currently |still )?(?:experiencing|seeing)\b|^\W*(?:update:\s*)?(?:we|the company) (?:continues?|continued) to see\b|\b(?:we|the company) (?:began|begins?|started|starts?) (?:experiencing|to experience)\b")
            .expect("static regex")
    });
    if BEGINS.is_match(t.trim_start())
        || STILL_HURTS.is_match(t)
        || GOES_ON.is_match(t)
        || MANY_REPORTS.is_match(t)
        || WENT_DOWN.is_match(t)
    {
        return Some(EventKind::Symptom);
    }
    // "We became aware that the version bump had not been merged"; "The cause was diagnosed
    // and a hotfix was prepared": a finding (with only a plan), not the change it names.
    // "Grafana dashboard confirms: p99 latency jumped": what someone looked up, told; "renewal
    // failed 7 days ago": a past failure found, not a fix failing now.
    static FOUND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:we|the team|engineers?|[\w-]+ engineers?)\s+(?:became|become|were made) aware\b|^(?:we|the team) (?:then |later |now )?(?:reali[sz]e|realized|realised) that\b|\b(?:diagnos\w*|identified|determined)\b[^.;]{0,80}\b(?:was|were|is|being)\s+(?:prepared|planned|drafted)\b|^(?:[\w-]+\s+){1,3}(?:confirms|confirmed|verifies|verified)\s*:|\bfailed\b[^.;]{0,20}\b\d+\s+(?:days?|weeks?|hours?|months?)\s+ago\b")
            .expect("static regex")
    });
    if FOUND.is_match(t.trim_start()) {
        return Some(EventKind::Investigation);
    }
    let c = SEEN.captures(t.trim_start())?;
    Some(if matches!(&c[1], "last" | "final") {
        EventKind::Mitigation
    } else {
        EventKind::Symptom
    })
}

/// Whether a line is a machine's reading and little else ("Profile: `roster=1, devices=1,
/// series=14`", "cpu=97% mem=88%"): what the system showed, a signal, whatever its label.
pub(super) fn is_reading(t: &str) -> bool {
    static PAIR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\w.-]+\s*=\s*[\w.%:-]+").expect("static regex"));
    let pairs = PAIR.find_iter(t).count();
    let rest = PAIR.replace_all(t, " ");
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    pairs >= 2 && words <= 2
}

/// Whether a line only weighs mitigations ("evaluating mitigation strategies", "pursuing
/// mitigations in parallel") rather than applying one.
pub(super) fn planning_mitigation(t: &str) -> bool {
    [
        "mitigation strateg",
        "mitigation option",
        "possible mitigation",
        "pursuing mitigation",
        "evaluating mitigation",
        "exploring mitigation",
        "considering mitigation",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Whether a line says nobody was told ("No alert is configured for lag").
pub(super) fn negates_alert(t: &str) -> bool {
    [
        "no alert",
        "no new alert",
        "not alert",
        "without an alert",
        "without alert",
        "no page",
        "not page",
        "did not page",
        "didn't page",
        "nobody was paged",
        "no alarm",
        // "Functional tests indicates all fine, and this is reported over Slack".
        "all fine",
        "all good",
        "no issues",
        "no problems",
    ]
    .iter()
    .any(|w| t.contains(w))
        || ALERTS_CHANGED.is_match(t)
}

/// Alerts as the thing changed ("Activation of dashboard/alerts bundle", "alert rules
/// deployed"): a change to the monitoring, not an alert going off.
static ALERTS_CHANGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:activation|creation|addition|installation|enabling|deployment|rollout) of\b[^.;]{0,30}\balert|\balert(?:s|ing)?\s+(?:bundle|rules?|config\w*|definitions?|polic(?:y|ies))\b")
        .expect("static regex")
});

/// Entries matched only as written, never by their stem: "acked" stems to "ack", which is also
/// a message queue's "acks".
pub(super) const AS_WRITTEN: &[&str] = &["acked"];

/// "Infrastructure staff is notified in slack", "Dev team notified – deploy queue blocked": the
/// team told, which is the alert, not communication.
static TEAM_TOLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:[\w-]+\s+){0,3}(?:staff|team|engineers?|on-?call|sres?|admins?) (?:(?:is|are|was|were|gets?|got) )?(?:notified|informed|alerted)\b")
        .expect("static regex")
});

/// A line that names communication without doing any ("not communicated"; "Monitoring alert
/// sent out" is the alert).
pub(super) fn uncommunicated(t: &str) -> bool {
    t.contains("not communicated")
        || t.contains("without communicat")
        || t.contains("alert sent")
        || TEAM_TOLD.is_match(t)
        || CHECK_POSTED.is_match(t)
        || ALERT_ARRIVED.is_match(t)
        || TOOL_FLAGGED.is_match(t)
}

/// What the team learns from others or puts on a plan (see `others_report`, `planned_work`).
pub(super) fn learned_or_planned(t: &str) -> bool {
    others_report(t) || planned_work(t)
}

/// Other operators or providers telling of trouble of their own ("Multiple TOR operators report
/// coordinated attacks on their exit infrastructure"): what the team learns, not its harm.
fn others_report(t: &str) -> bool {
    static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:other|multiple|several|many|some)\s+(?:[\w-]+\s+)?(?:operators|providers|isps|peers|networks|hosting companies|companies|organi[sz]ations|vendors|projects|instances)\s+(?:also\s+)?(?:report|reported|reporting|confirm|confirmed|see|saw|seeing)\b")
            .expect("static regex")
    });
    OTHERS.is_match(t)
}

/// Work put on a plan ("The sprint was updated to include the development ticket in the next
/// sprint"): scheduled, nothing changed yet.
fn planned_work(t: &str) -> bool {
    static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
        // ("Tim suggests restarting the ingest workers": a move proposed, not made.)
        Regex::new(r"\b(?:sprint|backlog|roadmap)\b[^.;]{0,60}\b(?:updated|added|moved|scheduled|planned|included|prioriti[sz]ed)\b|\b(?:added|moved|scheduled|planned|included|prioriti[sz]ed)\b[^.;]{0,60}\b(?:sprint|backlog|roadmap)\b|^[^.;]{0,30}?\b(?:suggests?|suggested|recommends?|recommended)\s+(?:that\s+(?:we\s+)?)?\w+ing\b")
            .expect("static regex")
    });
    PLANNED.is_match(t)
}
