//! What kind of event a timeline line describes, from its words. Lines are compared as they
//! are (so a prefix such as "investigat" matches every form) and as word stems (so "discovers",
//! "discovered" and "discovering" all match "discover").

use std::sync::LazyLock;

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};

use super::alert_words::{ALERT, ALERT_FIRST};
use super::fix_words::MITIGATION;
use super::kind_phrases::AS_WRITTEN;
use super::kind_phrases::{LOST_HEALTHY, is_reading, pages_someone, seen_kind, the_company};
use super::kind_words::{
    COMMUNICATION, DOING, ESCALATION, ESCALATION_EXACT, INVESTIGATION, INVESTIGATION_STRONG,
    MITIGATION_FIRST, RESOLUTION,
};
use super::outcome_words::FAILED_FIX;
pub(super) use super::outcome_words::{says_failed, says_recovered, says_worse};
use super::signal_trend::Trend;
use crate::model::EventKind;

/// Work on a change under review ("asks for changes on the PR"), or a fix on its way out: the
/// fix being made.
static FIX_UNDER_REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    // "Hotfix deployed to staging; integration tests pass": the fix on its way out, whatever
    // its tests say.
    // ("A PR is made to bump up the timeout".)
    Regex::new(r"\b(?:on|in|to) the (?:pr|pull request|merge request)\b|^(?:the\s+)?(?:hot ?fix|fix|patch)(?:es)?\s+(?:(?:was|were|is|are|has been|have been)\s+)?(?:deployed|rolled out|pushed|shipped|released|applied)\b|^\W*an? (?:pr|pull request|merge request) (?:is|was) (?:made|opened|raised|created) to\b")
        .expect("static regex")
});

/// A line as word stems, space-separated and padded, so a stemmed phrase is found on word
/// boundaries (" discov the regist ").
fn stemmed(stemmer: &Stemmer, text: &str) -> String {
    let mut out = String::from(" ");
    for w in text
        // An identifier (`cluster_block_exception`) stays one word: it is not "block".
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '_')))
        .filter(|w| !w.is_empty())
    {
        out.push_str(&stemmer.stem(&w.to_lowercase()));
        out.push(' ');
    }
    out
}

/// Whether `w` occurs where a word starts ("shed" in "load shed", not in "published"); a word
/// list entry may be a prefix ("investigat") or a phrase.
pub(super) fn at_word_start(t: &str, w: &str) -> bool {
    t.match_indices(w).any(|(i, _)| {
        t[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'))
    })
}

/// A guess at what kind of event a line describes, from its words alone (a line with no
/// context: see `kind_context::classify` for table columns and sub-points).
pub fn guess_kind(text: &str, first: bool) -> EventKind {
    if first {
        return first_kind(text);
    }
    listed_kind(text).unwrap_or_else(|| {
        if super::kind_context::responder_first(&text.to_lowercase()) {
            EventKind::Investigation
        } else {
            EventKind::Symptom
        }
    })
}

/// A timeline opens with what set the incident off, unless it opens with the page.
pub(super) fn first_kind(text: &str) -> EventKind {
    let t = the_company(&super::foreign_words::in_english(&text.to_lowercase()));
    // "Ends: Video uploads lost until 9:40 UTC": the end of the harm the prose told, as the
    // label reader says for any other line.
    if let Some(k @ (EventKind::Resolution | EventKind::Symptom)) =
        super::kind_context::label_kind(&t)
    {
        return k;
    }
    // ("The time of this event was determined post mortem via the monitoring metrics": found
    // afterwards, nobody alerted.)
    static AFTERWARDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bpost[- ]?mortem\b|\bafter the fact\b|\bin hindsight\b|\breconstructed\b")
            .expect("static regex")
    });
    // ("Monitoring workloads were restored after planned storage maintenance": the monitoring
    // is what was changed, nothing alerted.)
    static MONITORING_CHANGED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bmonitoring (?:[\w-]+ )?(?:was|were|is|are|got) (?:restored|redeployed|upgraded|restarted|reinstalled|migrated|re-?enabled|brought back)\b")
            .expect("static regex")
    });
    if ALERT
        .iter()
        .chain(ALERT_FIRST)
        .any(|w| at_word_start(&t, w))
        && !AFTERWARDS.is_match(&t)
        && !MONITORING_CHANGED.is_match(&t)
        // ("`cert-renewer` job fails ... Failure logged, no alert.": nobody was told.)
        && !super::kind_phrases::negates_alert(&t)
    {
        EventKind::Alert
    } else if NOTICING.is_match(&t)
        || t.starts_with("investigating:")
        || SOMEONE_REPORTS.is_match(&t)
        // "User twitted a 500 server error page to the company".
        || SOMEONE_REPORTS.is_match(&super::kind_normalise::normalise(&t))
        // "A customer reached out to inform us that ...".
        || pages_someone(&t, false)
        // "Oncall low urgency page due to E2E tests failing": a page, however it is worded.
        || super::kind_context::special(&t).contains(&super::kind_context::Special::OnCallPaged)
    {
        // "@Mr0grog notices an e-mail from Sentry about a new error": someone saw it; or a
        // status page's first update opens the timeline.
        EventKind::Alert
    } else if super::kind_context::special(&t).contains(&super::kind_context::Special::Declared) {
        // "Incident declared as OOMs escalate": the team at work, not what set it off.
        EventKind::Escalation
    } else if STARTED_LOOKING.is_match(&t) {
        // "Customer impact began at 11:45 UTC and we started investigating": the team at work.
        EventKind::Investigation
    } else if super::kind_opening::opens_on_harm(&t) {
        EventKind::Symptom
    } else {
        EventKind::Trigger
    }
}

/// The kind a line's words name, if any word list or rule knows them.
pub(super) fn listed_kind(text: &str) -> Option<EventKind> {
    // ("We later discovered ... that the issue we were investigating was affecting access":
    // more harm found, whatever words of looking it holds.)
    if super::kind_normalise::harm_found(&text.to_lowercase()) {
        return Some(EventKind::Symptom);
    }
    words_kind(text)
}

/// The kind the word lists and phrase rules give a line, in their order of precedence.
fn words_kind(text: &str) -> Option<EventKind> {
    use super::kind_context::{Special, special};
    let stemmer = Stemmer::create(Algorithm::English);
    let (t, st) = prepared(&stemmer, text);
    let any = |ws: &[&str], stems: bool| listed_in(&stemmer, &t, &st, ws, stems);
    let reading = is_reading(&t);
    if let Some(k) = super::kind_context::label_kind(&t).filter(|_| !reading) {
        return Some(label_then_words(&stemmer, &t, k));
    }
    let (negated, told) = (super::kind_phrases::negates_alert(&t), tells(&t));
    let sp = special(&t);
    let has = |x: Special| sp.contains(&x);
    let trend = super::signal_trend::trend(&t);
    let recovered = says_recovered(&t);
    let alert_first = any(ALERT_FIRST, false) && !negated && (!recovered || !t.contains("confirm"));
    let came_back = recovered && trend != Some(Trend::Worse) && !ALERTING.is_match(&t);
    let resolves = any(RESOLUTION, false) && !super::outcome_words::partial_return(&t);
    let looking = any(INVESTIGATION_STRONG, true) && !says_recovered(first_clause(&t)); // not "fully recovered and ... begin investigating"
    let seen = seen_first(&t, reading);
    let steps: [(bool, EventKind); 27] = [
        (seen.is_some(), seen.unwrap_or(EventKind::Symptom)),
        // "Incident resolved, status page green": the end, whatever the page shows.
        (has(Special::IncidentEnds) && !told, EventKind::Resolution),
        (
            any(COMMUNICATION, false) && !super::kind_phrases::uncommunicated(&t),
            EventKind::Communication,
        ),
        (
            pages_someone(&t, has(Special::OnCallPaged)) && !negated,
            EventKind::Alert,
        ),
        // "Incident declared, @oncall acknowledged": the declaration is the news.
        (
            has(Special::Declared) && has(Special::Acknowledged),
            EventKind::Escalation,
        ),
        (has(Special::Acknowledged), EventKind::Investigation),
        (has(Special::Closed), EventKind::Resolution),
        (any(FAILED_FIX, true), EventKind::Mitigation),
        // "BGP MED misconfiguration identified and corrected": found, then fixed.
        (finds_then_fixes(&stemmer, &t), EventKind::Mitigation),
        (has(Special::Declared), EventKind::Escalation),
        // "Jennifer notifies the incidents list": telling people, unless it is the page.
        (
            NOTIFIES.is_match(&t) && !any(ALERT, false),
            EventKind::Communication,
        ),
        (
            has(Special::Attempt) && any(MITIGATION, true),
            EventKind::Mitigation,
        ),
        // "Increased the query timeout", "Martym starts replicating the index", "Caching was
        // enabled": a change made.
        (
            (starts_with_doing(&stemmer, &t) || passive_change(&stemmer, &t))
                && !any(RESOLUTION, false),
            EventKind::Mitigation,
        ),
        // "Asks for changes on the PR": work on the fix under review.
        (FIX_UNDER_REVIEW.is_match(&t), EventKind::Mitigation),
        (looking, EventKind::Investigation),
        // "Evaluating mitigation strategies" is still looking.
        (
            any(MITIGATION_FIRST, false) && !super::kind_phrases::planning_mitigation(&t),
            EventKind::Mitigation,
        ),
        (resolves, EventKind::Resolution),
        // "Cluster image pulling observed to be working again": it recovered.
        (came_back, EventKind::Mitigation),
        // "Services recovered; continued monitoring" recovered.
        (
            has(Special::Watching) && trend != Some(Trend::Better) && !says_recovered(&t),
            EventKind::Investigation,
        ),
        // "Monitoring systems raise alerts to confirm that VLAN states have re-established" is
        // the alert clearing.
        (alert_first && !has(Special::Watching), EventKind::Alert),
        // A line that opens with looking ("Confirmed connections at max") is a finding...
        (
            INVESTIGATION.iter().any(|w| t.trim_start().starts_with(w)),
            EventKind::Investigation,
        ),
        (any(MITIGATION, true), EventKind::Mitigation),
        (
            any(ESCALATION, true) || any(ESCALATION_EXACT, false),
            EventKind::Escalation,
        ),
        // "[ALERT] CPU back to normal after rollback" is the alert clearing.
        (
            any(ALERT, false) && !negated && !recovered,
            EventKind::Alert,
        ),
        // ...but a signal that moved says more than "observed" or "confirms" later on.
        (trend == Some(Trend::Better), EventKind::Mitigation),
        (trend == Some(Trend::Worse), EventKind::Symptom),
        (any(INVESTIGATION, true), EventKind::Investigation),
    ];
    steps.iter().find(|(hit, _)| *hit).map(|(_, k)| *k)
}

/// "On-call acknowledges, opens #incident-2026-03-12, updates the status page": the
/// acknowledgement comes first; what else is done with it follows from it. ("Public incident
/// acknowledgment posted" is the news told; a page that is acknowledged is still the page.)
fn acks_first(t: &str) -> bool {
    use super::kind_context::{Special, special};
    static ACKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:acknowledges|acknowledged|acks|acked)\b").expect("static regex")
    });
    let first = first_clause(t);
    if !ACKS.is_match(first) {
        return false;
    }
    let said = special(t);
    said.contains(&Special::Acknowledged)
        && !special(first).contains(&Special::Declared)
        && !pages_someone(t, said.contains(&Special::OnCallPaged))
}

/// What a line says was seen, before any word list: the harm told as seen or read, then what
/// the team learns or plans ("Multiple operators report attacks on their exits", "The sprint
/// was updated to include the ticket"), then an acknowledgement told first (`acks_first`).
fn seen_first(t: &str, reading: bool) -> Option<EventKind> {
    seen_kind(t)
        .or_else(|| {
            (reading || LOST_HEALTHY.is_match(t) || super::kind_phrases::CHANGE_BROKE.is_match(t))
                .then_some(EventKind::Symptom)
        })
        .or_else(|| acks_first(t).then_some(EventKind::Investigation))
        .or_else(|| super::kind_phrases::learned_or_planned(t).then_some(EventKind::Investigation))
}

/// A line as the word lists read it: up to its hindsight ("which later turned out..."),
/// lower-cased with its misleading phrasings rewritten, and as stems.
fn prepared(stemmer: &Stemmer, text: &str) -> (String, String) {
    let text = HINDSIGHT.find(text).map_or(text, |m| &text[..m.start()]);
    let t = at_its_time(text).to_lowercase();
    let t = super::kind_normalise::normalise(&super::foreign_words::in_english(&t));
    let st = stemmed(stemmer, &t);
    (t, st)
}

/// Whether a word list names the line (`t`, stemmed `st`). Stems only where every form of a
/// word means the same kind: "resolved" marks a resolution, but "resolve" is also what DNS does.
fn listed_in(stemmer: &Stemmer, t: &str, st: &str, ws: &[&str], stems: bool) -> bool {
    ws.iter().any(|w| {
        at_word_start(t, w)
            // An entry with a symbol ("% back") is only matched as written: its stems
            // without the symbol ("back") would say something else.
            || stems && w.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'')) && {
                // "acked" (the page) is not "acks" (a queue's messages): its stem says less.
                !AS_WRITTEN.contains(w) && {
                    let phrase = stemmed(stemmer, w);
                    phrase.trim().len() >= 3 && st.contains(&phrase)
                }
            }
    })
}

/// The kind a line's label gives ("Identified: ..."), unless its words say more: "Identified:
/// we've identified the delays and have scaled up capacity" found, then fixed.
fn label_then_words(stemmer: &Stemmer, t: &str, label: EventKind) -> EventKind {
    if label == EventKind::Investigation && finds_then_fixes(stemmer, t) {
        EventKind::Mitigation
    } else {
        label
    }
}

/// Whether a line tells people something ("status page updated to resolved").
fn tells(t: &str) -> bool {
    [
        "updat", "post", "publish", "tweet", "email", "notif", "announc",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Whether a line finds something and then does something about it ("Ahmed identifies the
/// typo and reverts the config", "misconfiguration identified and corrected"): the fix is what
/// happened.
fn finds_then_fixes(stemmer: &Stemmer, t: &str) -> bool {
    static FINDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:identif\w*|finds|found|discover\w*|trac(?:ed|es) (?:it |the \w+ )?to|determin\w*|spott\w*|locat\w*)")
            .expect("static regex")
    });
    let Some(found) = FINDS.find(t) else {
        return false;
    };
    // ("found slow queries, leading to slow responses and increased load": what the finding
    // caused, not what was done.)
    static CAUSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r",?\s+(?:leading to|causing|resulting in|which (?:led|caused|resulted))\b")
            .expect("static regex")
    });
    static NUMBERED_STEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[^.]*\b\d\. ").expect("static regex"));
    let rest = &t[found.end()..];
    let rest = CAUSED.split(rest).next().unwrap_or(rest);
    // ("Identified a code deployment that introduced a leak. Rolled back the deployment": the
    // next sentence is the fix.)
    rest.split(" and ")
        .skip(1)
        .chain(rest.split(", then ").skip(1))
        // (Not a plan's numbered steps: "requires three steps: 1. fixing ...".)
        .chain(
            rest.split(". ")
                .skip(1)
                .take(1)
                .filter(|_| !NUMBERED_STEP.is_match(rest)),
        )
        .any(|then| {
            then.split_whitespace()
                .find(|w| {
                    !matches!(
                        *w,
                        "then"
                            // "identified an issue ... and have scaled up capacity".
                            | "have"
                            | "has"
                            | "had"
                            | "immediately"
                            | "quickly"
                            | "we"
                            | "he"
                            | "she"
                            | "they"
                            | "promptly"
                    )
                })
                .is_some_and(|w| is_doing(stemmer, w.trim_matches(|c: char| !c.is_alphanumeric())))
        })
}

/// Whether a line opens with a change made ("Increased the timeout", "Replays the logs"), or
/// names someone who starts one ("martym starts replicating the index").
fn starts_with_doing(stemmer: &Stemmer, t: &str) -> bool {
    // A label is not the first word ("Update: we are experiencing...").
    let t = match t.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 2 && !rest.is_empty() => rest,
        _ => t,
    };
    // "@astonm adds CloudWatch alarms": the speaker is not the verb.
    let t = match t.trim_start().strip_prefix('@') {
        Some(rest) => rest.split_once(' ').map_or("", |x| x.1),
        None => t,
    };
    let words: Vec<&str> = t
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let doing = |w: &str| is_doing(stemmer, w);
    // "Manually marked the VMs as unhealthy": how it was done does not hide what was done.
    let words = match words.first() {
        Some(&("manually" | "then" | "finally" | "immediately" | "also" | "directly")) => {
            &words[1..]
        }
        _ => &words[..],
    };
    words.first().is_some_and(|w| doing(w))
        || words.windows(2).any(|p| {
            matches!(
                p[0],
                "starts" | "started" | "begins" | "began" | "initiates"
            ) && doing(p[1])
                // "netspace started decreasing": a signal moving, not someone decreasing it.
                && !matches!(p[1], "decreasing" | "increasing" | "reducing" | "lowering" | "raising")
        })
}

/// Whether a word is a form of a verb that changes a system: its stem is listed, or it is a
/// listed stem with an inflection ("added", "adds"; not "address").
fn is_doing(stemmer: &Stemmer, w: &str) -> bool {
    let w = w.to_lowercase();
    DOING.contains(&stemmer.stem(&w).as_ref())
        || DOING.iter().any(|d| {
            w.strip_prefix(d)
                .is_some_and(|rest| ["", "s", "es", "ed", "d", "ing", "e"].contains(&rest))
        })
}

/// Whether a line's first clause says something was done to the system, in the passive or the
/// perfect ("Additional containers were added", "the database capacity was increased to 1 TB",
/// "we have deployed backend changes"): someone did it, whereas "capacity increased" may be a
/// signal.
fn passive_change(stemmer: &Stemmer, t: &str) -> bool {
    // "Race condition fix applied (2 locations in the checker)": the aside is detail.
    let clause = ASIDE.replace_all(first_clause(t), "");
    // A logged event's name (`voice_memo_added`) is one word: nobody added anything.
    let words: Vec<&str> = clause
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    // "Monitoring added", "Pods restarted", "Chart renamed and pushed": a short clause that ends
    // on what was done.
    let done_last = words.len() <= 4
        && words.last().is_some_and(|w| w.ends_with("ed"))
        && words
            .iter()
            .skip(1)
            .any(|w| w.ends_with("ed") && is_doing(stemmer, w));
    // "EKS cluster DockerHub password updated in ...", "Decision made to restore the previous
    // password": a setting changed, or a decision to change one.
    static SETTING_CHANGED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:password|token|config\w*|setting|flag|value|secret|key|credentials?|certificate|cert|version|image|tag|replica count|node count|limit|timeout|threshold|record|pool size|size|capacity|volume|disk|pvc)s? (?:was |were |is |are |has been |have been )?(?:updated|changed|rotated|restored|reverted|raised|lowered|increased|decreased|bumped|rolled back|removed|deleted|disabled|enabled|corrected|expanded|resized|extended)\b|^(?:decision (?:made |taken )?to|decided to|decides to) (?:\w+ )?(?:update|change|restore|revert|roll|restart|increase|scale|disable|enable|promote|fail over|rotate)|^it (?:is|was) decided that\b|\b[\w.-]+\.(?:ya?ml|json|toml|conf|cfg|env|ini|tf|properties) (?:was |were |is |has been )?(?:updated|changed|edited|modified|reverted|restored|corrected|fixed)\b|\b(?:was|were) changed to\b")
            .expect("static regex")
    });
    // "Now at 14 nodes, decide to increase limit to 20 nodes", "Decide to cordon off node":
    // a fix decided on is done; "Decide to increase limit if we get close to 15" is a plan.
    static DECIDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:decide|decides|decided|decision (?:made |taken )?) to (?:\w+ ){0,2}?(?:update|change|restore|revert|roll|restart|increase|raise|bump|scale|disable|enable|promote|fail over|rotate|delete|remove|cordon|drain|kill|reset|ban|block|add|purge|pause)\b([^.;]*)")
            .expect("static regex")
    });
    let decided = DECIDED
        .captures(first_sentence(t))
        .is_some_and(|c| !c[1].contains(" if ") && !c[1].starts_with("if "));
    done_last
        || decided
        || SETTING_CHANGED.is_match(first_clause(t))
        || words.windows(2).any(|p| {
            matches!(
                p[0],
                "was" | "were" | "been" | "being" | "have" | "has" | "had" | "is" | "are"
            ) && p[1].ends_with("ed")
                && is_doing(stemmer, p[1])
        })
}

/// A line that opens with alerts going off ("Monitoring alerts triggered; engineering team
/// engaged"): the detection, whoever it brought in.
pub(super) static ALERTS_FIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        // ("Engineers were automatically alerted ... and began investigating" is found, too.)
        // "Investigation commenced following monitoring alerts being triggered", too: the
        // alerts are the news.
        r"^(?:[\w-]+ ){0,3}(?:alerts?|alarms?)\s+(?:triggered|triggers|trigger|fired|fires|fire|went off|raised|firing|received)\b|\b(?:were|was|got|get|are|is) (?:automatically |first )?alerted\b|\b(?:following|after|upon|prompted by)\s+(?:[\w-]+\s+){0,2}(?:alerts?|alarms?)\s+(?:(?:being|were|was)\s+)?(?:triggered|fired|firing|raised)\b|^(?:[\w-]+ ){0,2}(?:monitoring|monitors?|alerting)\b[^;]{0,50}?\b(?:detected|caught|flagged|spotted)\b",
    )
    .expect("static regex")
});

/// An aside in brackets ("(copy-paste error)", "(2 locations in the checker)"): detail, not
/// what happened.
pub(super) static ASIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^)]*\)").expect("static regex"));

/// Words that say an alert went off, not only that something watches: "[ALERT] CPU back to
/// normal" is the alert clearing; "all monitoring systems showing normal operation" is the
/// service back, whatever watches it.
static ALERTING: LazyLock<Regex> = LazyLock::new(|| {
    // ("Alertmanager silences removed" names a tool, not an alert going off.)
    Regex::new(
        r"\b(?:fir(?:e|es|ed|ing)|alert(?:s|ed|ing)?|pag(?:e|ed|es|ing)|trigger\w*|alarm\w*)\b",
    )
    .expect("static regex")
});

/// What was learned only later ("Investigation later reveals the limit was 512Mi") is the
/// writer's hindsight, not what happened at that minute.
/// A line up to what it tells of a later moment: "The rollout reached the first production
/// cell at 14:01, and within ninety seconds the latency graphs began to climb" is the rollout
/// at 14:01; the climb came after.
pub(super) fn at_its_time(text: &str) -> &str {
    static LATER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),\s*(?:and\s+)?(?:then\s+)?(?:within|after)\s+(?:[\w~]+\s+){1,2}(?:seconds?|minutes?|mins?|hours?)\b|,\s*(?:and\s+)?(?:[\w~]+\s+){1,2}(?:seconds?|minutes?|hours?)\s+later\b")
            .expect("static regex")
    });
    LATER.find(text).map_or(text, |m| &text[..m.start()])
}

static HINDSIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[.;]\s+(?:(?:investigation|analysis|review) later|later (?:investigation|analysis|review)|it was later|we later|this was later)\b")
        .expect("static regex")
});

/// Someone telling the team about a problem ("Brett reports PENDLE showing one layer") when
/// that opens the timeline: how the incident was found.
static SOMEONE_REPORTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\w@.-]+ ){1,3}(?:reports|reported|flags|flagged|complains|complained)\b")
        .expect("static regex")
});

static STARTED_LOOKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:started|began|begins|starts) investigat\w*|\binvestigation (?:started|began|begins)\b")
        .expect("static regex")
});

/// Telling someone ("notifies the incidents list"), not the product's notifications.
/// "Jennifer notifies the incidents list"; "Pietro got back to the author saying that the team
/// was investigating" (the line's own verb: "deletes the version and gets back to the author"
/// is the fix).
static NOTIFIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bnotif(?:y|ies|ied|ying)\b|^\W*(?:we|the team|[\w-]+)\s+(?:inform|informs|informed)\s+(?:the\s+|our\s+|all\s+)?(?:users?|customers?|clients?|stakeholders?|everyone)\b|^\W*(?:\w+\s+){0,2}(?:got|gets|get) back to the (?:author|reporter|user|customer)s?\b|^\W*(?:\w+\s+){0,2}repl(?:ied|ies) to the (?:author|reporter|user|customer)s?\b")
        .expect("static regex")
});

static NOTICING: LazyLock<Regex> = LazyLock::new(|| {
    // "We discovered an issue with one of our services", "we identified issues with outbound
    // call authentication": the first line that finds the trouble, not its cause.
    // "Outage detected when website began experiencing slow loading times", "Detected while
    // trying to have a preview of the site".
    Regex::new(r"(?i)\b(?:notices|noticed|notice that|spots|spotted|sees an?|saw an?|reali[sz]ed that|(?:discovered|identified|detected|became aware of) (?:an? |some |several |the )?(?:issues?|problems?|errors?|outage|incident|degradation|disruption)\b)|^\W*detected\b|\b(?:outage|issue|problem|incident|errors?|failure|degradation)s? (?:is |are |was |were |has been |have been )?(?:detected|identified|noticed|spotted)\b").expect("static regex")
});

/// Whether a line that reports a recovery also says what was done to get it ("Flag set to 0% –
/// errors drop"): then it is the fix itself.
pub(super) fn recovery_is_the_fix(text: &str) -> bool {
    let first = first_clause(text);
    first.len() < text.trim().len()
        && listed_kind(first) == Some(EventKind::Mitigation)
        && super::signal_trend::trend(first).is_none()
        && !says_recovered(first)
}

/// Whether two lines share a content word's stem ("restart" in "A rolling restart begins" and
/// "All pods restarted"): the same action, begun and then finished.
pub(super) fn share_a_stem(a: &str, b: &str) -> bool {
    let stemmer = Stemmer::create(Algorithm::English);
    let stems = |t: &str| -> Vec<String> {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 4)
            .map(|w| stemmer.stem(w).to_string())
            .collect()
    };
    let b = stems(b);
    stems(a).iter().any(|w| b.contains(w))
}

/// The part of a line before its first clause break.
/// A line's first sentence (up to its first ". ").
pub(super) fn first_sentence(t: &str) -> &str {
    t.split(". ").next().unwrap_or(t)
}

pub(super) fn first_clause(text: &str) -> &str {
    // ("At 21:15 UTC, metrics showed ...": the time is not the clause.)
    static WHEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:at|by|around|as of)\s+[^,;]{0,30}?\d[^,;]{0,12},\s*")
            .expect("static regex")
    });
    let text = WHEN.find(text).map_or(text, |m| &text[m.end()..]);
    // (A full stop inside a name, "render.yaml", "v2.31.0", ends nothing.)
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '–' | '—' | ';' | ',')
                || (c == '.'
                    && text[i + 1..]
                        .chars()
                        .next()
                        .is_none_or(|n| !n.is_alphanumeric()))
        })
        .map_or(text.len(), |(i, _)| i);
    text[..end].trim()
}
