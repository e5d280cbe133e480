//! The wrong paths a document tells and the fix it ends on, for the game: the theories the
//! team chased ("initially suspected", "Maybe the backup job had locked the database?"), the
//! fixes that failed ("I restarted the machine. That didn't make a difference.") and, in a
//! story with no timeline, the change its teller made.

use std::sync::LazyLock;

use regex::Regex;

use super::game::{Found, capitalise, sentences, short};
use crate::model::EventKind;
use crate::time::SimTime;

/// What a storyteller's sentence says was done, without its lead-in ("Thinking that this
/// might be a fluke, I rebooted the server" is "Rebooted the server").
pub(super) fn what_was_done(s: &str) -> String {
    static DONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:[^,]{0,80},\s*)?(?:I|we|We)(?:'ve| have)?\s+(?:then\s+|also\s+|finally\s+)?(.+)$",
        )
        .expect("static regex")
    });
    DONE.captures(s.trim())
        .map_or_else(|| s.to_string(), |c| capitalise(&c[1]))
}

/// In a story with no timeline, the change its teller made ("As a direct result of this
/// incident, I've bumped the droplet's RAM from 512MB to 1GB"): the first one told that
/// the sentence after does not say failed ("I rebooted the server. That didn't help.").
pub(super) fn story_fix(narrative: &[String]) -> Option<String> {
    static MADE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:I|we)(?:'ve| have)?\s+(?:then\s+|finally\s+)?(?:bumped|increased|raised|added|doubled|upgraded|resized|scaled|rolled back|reverted|restarted|replaced|fixed|patched|disabled|removed|deployed|moved|migrated|restored|created|adjusted|lowered|switched)\b")
            .expect("static regex")
    });
    // "Swapping to a supply that could actually hold the rail cleared both symptoms": what was
    // done, told by what it cured.
    // "The fix - adding self-access policies to allow users to read their own records - was
    // simple": the fix, named.
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^the (?:fix|solution|remedy)\s*(?:[-–—:]|was to|was)\s*(.{6,120}?)(?:\s*[-–—]\s*(?:was|is)\b.*)?\.?$")
            .expect("static regex")
    });
    // "The decision was finally made to restore to yesterday's snapshot".
    static DECIDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\bdecision was (?:finally |then )?made to ([a-z][^.;]{5,120}?)(?:,|;|\.|$)",
        )
        .expect("static regex")
    });
    static CURED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^([a-z]+ing\b[^.;]{3,100}?)\s+(?:cleared|fixed|resolved|solved|cured|stopped|eliminated)\b")
            .expect("static regex")
    });
    let told: Vec<String> = narrative.iter().flat_map(|t| sentences(t)).collect();
    let failed = |i: usize| {
        told.get(i + 1)
            .is_some_and(|next| super::event_kind::says_failed(next))
    };
    (0..told.len())
        .filter(|&i| MADE.is_match(&told[i]) && !super::event_kind::says_failed(&told[i]))
        .find(|&i| !failed(i))
        .map(|i| told[i].clone())
        .or_else(|| {
            told.iter().find_map(|t| {
                let t = t.trim();
                [&*CURED, &*NAMED, &*DECIDED]
                    .iter()
                    .find_map(|r| r.captures(t).map(|c| capitalise(c[1].trim())))
            })
        })
}

/// Whether a line proposes or plans a fix rather than making it: a proposal or a plan is not
/// the fix; what was done is.
pub(super) fn planned(t: &str) -> bool {
    let t = t.to_lowercase();
    [
        "proposal",
        "propose",
        "plan ",
        "decision",
        "decides",
        "considered",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The fix, moved back to the change a bare "Pipeline run completed" finished, and to an
/// earlier change that names what the cause names when the one
/// chosen does not ("Certificate manually renewed; queue-svc restarted" for a certificate's
/// expiry, not the "Cache purge" that finished the recovery): the training is in finding the
/// change that answers the cause. `fix` is `(from, chosen)`, event indexes.
pub(super) fn toward_cause(
    events: &[(SimTime, EventKind, &str)],
    (from, chosen): (usize, usize),
    root_cause: Option<&str>,
    tried: &dyn Fn(usize) -> bool,
) -> usize {
    // "Pipeline run completed" after "Pipeline triggered for rollback": the run that finished
    // is the fix begun before it, which says what was done.
    static FINISHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:run\s+)?(?:completed?|finished|done|succeeded)\.?$")
            .expect("static regex")
    });
    let chosen = if FINISHED.is_match(events[chosen].2.trim()) {
        (from.min(chosen)..chosen)
            .rev()
            .find(|&i| tried(i) && super::event_kind::share_a_stem(events[i].2, events[chosen].2))
            .unwrap_or(chosen)
    } else {
        chosen
    };
    let Some(cause) = root_cause else {
        return chosen;
    };
    let answers = |i: usize| super::event_kind::share_a_stem(events[i].2, cause);
    if answers(chosen) {
        return chosen;
    }
    (from.min(chosen)..chosen)
        .find(|&i| tried(i) && answers(i))
        .unwrap_or(chosen)
}

/// The change that ended the incident, when it answers the cause and the fix chosen does not
/// ("Backoffice Replica rebuilt", the resolution, for a cause in the database replicas, rather
/// than the "Backoffice Events system restarted" that came first). `chosen` is an event index.
pub(super) fn ending_fix(
    events: &[(SimTime, EventKind, &str)],
    chosen: usize,
    root_cause: Option<&str>,
) -> usize {
    use super::event_kind::{guess_kind, says_recovered, share_a_stem};
    let Some(cause) = root_cause.filter(|c| !share_a_stem(events[chosen].2, c)) else {
        return chosen;
    };
    events
        .iter()
        .enumerate()
        .skip(chosen + 1)
        .find(|(_, e)| {
            e.1 == EventKind::Resolution
                && !says_recovered(e.2)
                && guess_kind(e.2, false) == EventKind::Mitigation
                && share_a_stem(e.2, cause)
        })
        .map_or(chosen, |(i, _)| i)
}

/// Theories the team chased: the words that say a line is a theory, and what follows them.
pub(super) fn theories(events: &[(SimTime, EventKind, &str)], text: &[String]) -> Vec<Found> {
    static THEORY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:early speculation that|speculation that|initially (?:suspected|suspects|thought|believed)|first guess (?:is|was) (?:that )?|first (?:suspected|thought)|suspect(?:ed|s) (?:that )?|suspecting (?:that )?(?:an? )?|the (?:leading )?theory (?:was|is) (?:that )?|leading theory:?|thought (?:it was|that)|believe[sd]? (?:it was |that )?|assuming (?:that )?|thinks (?:that )?|assumed (?:it was|that)|assumed (?:the )?(?:issue|problem|outage|incident|it) (?:was |is )?(?:due to|caused by) |misleading (?:path|investigation)(?: paths?)?:?\s*(?:led (?:engineers|the team|us) to look into )?|(?:initial(?:ly)?|first) (?:investigation|investigations|triage) (?:focused|centred|centered|concentrated) on |look(?:ed|ing)? into potential |investigating this as (?:an? )?|misleading assumption (?:of|that) (?:an? )?(?:potential |possible )?|hypothesi[sz]ed (?:that )?(?:it was )?|(?:initial |first )?assumption (?:made )?(?:was )?that |rules? out (?:the )?|ruled out (?:the )?|thinking (?:that )?(?:this|it) (?:might|may|could) (?:be|have been) (?:an? |some )?|(?:the )?(?:natural|obvious|first|initial|easy) (?:reading|guess|assumption|conclusion|explanation)(?: of [^,.]{0,60}?)? (?:is|was) (?:that )?|\b(?:it|this) (?:read|looked|felt|seemed) like (?:an? )?|^(?:maybe|perhaps) )\s*(?:this (?:is|was) )?(.+)").expect("static regex")
    });
    let at = |s: &str| {
        events
            .iter()
            .find(|e| e.2 == s)
            .map_or(SimTime::ZERO, |e| e.0)
    };
    // "An attack is ruled out": what was ruled out is a theory too.
    static RULED_OUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|and |; )((?:an? |the )?[\w -]{3,40}?) (?:(?:is|was|were) (?:each |all |both )?(?:ruled out|the leading theory|the favourite|the favorite)|(?:(?:explored|investigated|checked) and )?ruled out)").expect("static regex")
    });
    // "Upstream Stripe gateway error rate was 0.0%, confirming the issue was entirely
    // internal": a suspect the readings cleared.
    static CLEARED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[-*]\s*)?((?:an? |the )?[\w -]{3,50}?) (?:was|were|remained|stayed|showed) (?:at |only )?(?:0(?:\.0+)?%|(?:normal|healthy|flat|unaffected|unchanged)\b)[^.;]{0,30}?,?\s*(?:confirming|showing|proving|so|which (?:confirmed|showed|ruled out))\b").expect("static regex")
    });
    // "**Hypothesis 1: Code corruption** - RULED OUT": a numbered theory the team rejected
    // (one "CONFIRMED" is the cause, not a wrong path).
    static REJECTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[-*]\s*)?\**hypothesis\s*#?\d*\s*[:.\-–]\s*([^*]+?)\**\s*[-–—:]\s*\**(?:ruled out|rejected|disproven|disproved|false|not the cause)\b").expect("static regex")
    });
    // "**2. Database connection pool exhaustion (CONSEQUENCE OF PROBLEM #1)**": a ranked
    // hypothesis its author marked as an effect, not the cause.
    static EFFECT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[-*]\s*)?\**\s*(?:\d+[.)]\s*)?([^*(.]{3,60}?)\s*\((?:an? )?(?:consequence|side[ -]effect|symptom|red herring|not the (?:root )?cause|ruled out|downstream effect)\b[^)]*\)\**\s*$").expect("static regex")
    });
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:with|by|after|as|each|all|both|quickly|early)\b")
            .expect("static regex")
    });
    // "Fetching github.com and google.com with wget works. Conclude that there is no network
    // problem.": a suspect checked and cleared.
    static NO_PROBLEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bconclude[sd]? (?:that )?there (?:is|was|are|were) no ((?:[\w-]+ ){1,3}(?:problem|issue|fault))s?\b")
            .expect("static regex")
    });
    let mut out: Vec<Found> = ruled_out_lists(text, &at);
    // "Maybe the baseline configuration got messed up?" wonders; "maybe we should" does not.
    let wonders = |s: &str| {
        let l = s.to_lowercase();
        !(l.starts_with("maybe ") || l.starts_with("perhaps ")) || s.ends_with('?')
    };
    for s in text.iter().filter(|s| wonders(s)) {
        let Some(name) = [
            &*REJECTED,
            &*EFFECT,
            &*THEORY,
            &*RULED_OUT,
            &*CLEARED,
            &*NO_PROBLEM,
        ]
        .iter()
        .filter_map(|r| r.captures(s))
        .map(|c| short(&theory_only(&c[1]), 60))
        // ("... were each ruled out with evidence": how, not what.)
        .find(|n| n.chars().count() >= 4 && !TAIL.is_match(n)) else {
            continue;
        };
        // "a network issue" hypothesised and "Network issues" ruled out are one theory.
        if out.iter().any(|f| same_theory(&f.name, &name)) {
            continue;
        }
        out.push(Found {
            name,
            at: at(s),
            quote: s.clone(),
        });
    }
    // "I checked the DHCP pools, the L3 configs and the controller configs. Checks passed.":
    // what was checked and found fine, a suspect ruled out.
    static CHECKED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:i|we)\s+(?:also\s+|first\s+)?checked\s+(?:the\s+)?(.+?)\.?$")
            .expect("static regex")
    });
    static FINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:the\s+)?checks?\s+passed|all\s+(?:fine|good|clear|normal)|(?:they|it|everything)\s+(?:was|were|looked)\s+(?:fine|normal|ok|healthy))\b").expect("static regex")
    });
    for w in text.windows(2) {
        if let Some(c) = CHECKED.captures(w[0].trim())
            && FINE.is_match(w[1].trim())
        {
            let name = short(c[1].split(',').next().unwrap_or(&c[1]).trim(), 60);
            if !out.iter().any(|f| same_theory(&f.name, &name)) {
                out.push(Found {
                    name,
                    at: at(&w[0]),
                    quote: format!("{} {}", w[0].trim(), w[1].trim()),
                });
            }
        }
    }
    out
}

/// Suspects a write-up rules out together: "Power, storage and the network were each ruled
/// out" names three; so do the labelled bullets under "Ruling things out:" ("Power: I logged
/// the throttle flags ...", "SD card: ...", "Router and cable: ...").
fn ruled_out_lists(text: &[String], at: &dyn Fn(&str) -> SimTime) -> Vec<Found> {
    static LISTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*((?:[\w -]{2,30}, )*[\w -]{2,30},? and [\w -]{2,30}?) (?:were|have been|had been) (?:each |all |both )?ruled out\b").expect("static regex")
    });
    static RULING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*(?:ruling (?:things |it |causes |suspects )?out|ruled out|what (?:it|we) ruled out|(?:suspects|causes|theories) ruled out|red herrings|dead ends)\W*:\W*$").expect("static regex")
    });
    static LABELLED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\W*([A-Z][\w /&-]{1,30}?):\s+\S").expect("static regex"));
    let mut out: Vec<Found> = Vec::new();
    let mut push = |name: &str, s: &str| {
        let name = short(name.trim(), 60);
        if name.chars().count() >= 2 && !out.iter().any(|f| same_theory(&f.name, &name)) {
            out.push(Found {
                name: capitalise(&name),
                at: at(s),
                quote: s.to_string(),
            });
        }
    };
    // Sentences left under the "Ruling things out:" label (a bullet may tell several; the
    // next label alone ends the list).
    let mut ruling = 0;
    for s in text {
        let t = s.trim();
        if let Some(c) = LISTED.captures(t) {
            c[1].split([','])
                .flat_map(|p| p.split(" and "))
                .for_each(|n| push(n, t));
        }
        if RULING.is_match(t) {
            ruling = 12;
        } else if t.ends_with(':') {
            ruling = 0;
        } else if ruling > 0 {
            ruling -= 1;
            if let Some(c) = LABELLED.captures(t) {
                push(&c[1], t);
            }
        }
    }
    out
}

/// The theory without what the team did about it ("the 09:40 release and starts a rollback").
fn same_theory(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let s = s.to_lowercase();
        ["a ", "an ", "the ", "potential ", "possible "]
            .iter()
            .fold(s.as_str(), |s, w| s.strip_prefix(w).unwrap_or(s))
            .trim_end_matches('s')
            .to_string()
    };
    key(a) == key(b)
}

pub(super) fn theory_only(s: &str) -> String {
    static THEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),?\s+(?:and|so|then)\s+(?:starts?|started|begins?|began|decides?|decided|rolls?|rolled|tries|tried|asks?|asked|goes|went)\b.*$|,\s*(?:I|we)\b.*$|,\s*(?:too|since|because)\b.*$|\?$").expect("static regex")
    });
    // "a slow query from the morning deploy is to blame": the theory is what is blamed.
    static BLAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s+(?:is|was|are|were)\s+(?:to blame|the cause|the culprit|responsible)\b.*$",
        )
        .expect("static regex")
    });
    // "a recent deployment; rolled back the deployment with no improvement": what they did
    // about it follows a semicolon.
    let s = s.split(';').next().unwrap_or(s);
    // "Misleading path: Assumed issue was due to a recent deployment": the theory is the cause
    // they assumed.
    static ASSUMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^assumed (?:that )?(?:the )?(?:issue|problem|outage|incident|it) (?:was |is )?(?:due to|caused by) ").expect("static regex")
    });
    let s = ASSUMED.replace(s, "");
    // "a potential network issue explored and ruled out", "database as cause", "a network
    // issue, leading to a check on...": the theory is what comes before.
    static RULED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\s+(?:(?:was|were|is) )?(?:(?:explored|investigated|checked) and )?ruled out|\s+as (?:a |the )?(?:cause|culprit)|,\s*leading to)\b.*$").expect("static regex")
    });
    let s = RULED.replace(&s, "");
    BLAME.replace(&THEN.replace(&s, ""), "").into_owned()
}

/// A failed fix's name: the clause that says it failed, without the words that say so
/// ("Assumed a bad deploy; rolled back the deployment with no improvement" is "rolled back
/// the deployment").
pub(super) fn tried_name(s: &str) -> String {
    // "All the obvious efforts failed (e.g. restarting the failed software)": the example names
    // what was tried.
    static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\((?:e\.g\.|for example|such as|like)\s+([^)]{6,120})\)")
            .expect("static regex")
    });
    if let Some(c) = EXAMPLE.captures(s) {
        return capitalise(c[1].trim());
    }
    // ("-patch2 (rev 42); same": the move is the patch.)
    let s = super::timeline_lines::ditto_at(s)
        .filter(|&at| at > 0)
        .map_or(s, |at| &s[..at]);
    // ("-patch (rev 41) pushed; still missing the column; 500s continue": the failure is told
    // in a clause of its own, the move in the first.)
    static SAYS_ONLY_HARM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:the\s+)?(?:errors?|[45]\d\ds|failures|timeouts|issues?|problems?)\s+(?:continue|continued|persist|persisted|remain|remained)\b")
            .expect("static regex")
    });
    let clause = s
        .split(';')
        .find(|c| super::event_kind::says_failed(c))
        .filter(|c| !SAYS_ONLY_HARM.is_match(c))
        .or_else(|| s.split(';').next())
        .unwrap_or(s)
        .trim();
    static FAILURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*,?\s*(?:with no improvement|without improvement|did not help|didn't help|had no effect|made (?:it|things) worse|failed)\b.*$").expect("static regex")
    });
    let name = what_was_done(&FAILURE.replace(clause, ""));
    let name = if name.split_whitespace().count() >= 2 {
        name
    } else {
        clause.to_string()
    };
    capitalise(&name)
}

/// Fixes that were tried and failed, and whether they made it worse.
pub(super) fn failed_fixes(
    events: &[(SimTime, EventKind, &str)],
    text: &[String],
) -> Vec<(Found, bool)> {
    let mut out: Vec<(Found, bool)> = Vec::new();
    // "Mitigation unsuccessful; deeper investigation initiated" names no move: the attempt is
    // the mitigation before it ("Database connection pool size increased"); so does "The same
    // error still occurs" after a redeploy.
    static NAMES_NOTHING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the )?same (?:error|errors|problem|issue|failure)\b|^(?:\w+,\s*)?(?:the )?(?:mitigation|fix|attempt|change|it|this|that)\s+(?:was\s+)?(?:unsuccessful|failed|did not help|had no effect|did nothing|(?:did not|didn't) (?:help|work|make (?:a|any) difference))")
            .expect("static regex")
    });
    // "-patch2 (rev 42); same", right after a patch that failed, failed too.
    let mut failed_before = false;
    for (i, s) in text.iter().enumerate() {
        let harmful = super::event_kind::says_worse(s);
        let ditto = failed_before && super::timeline_lines::ditto_at(s.trim()).is_some();
        failed_before = super::event_kind::says_failed(s) || ditto;
        if !failed_before || out.iter().any(|f| f.0.quote == *s) {
            continue;
        }
        let names_nothing = NAMES_NOTHING.is_match(s.trim());
        let here = events.iter().position(|e| e.2 == s);
        let tried = here
            .filter(|_| names_nothing)
            .and_then(|i| events[..i].iter().rfind(|e| e.1 == EventKind::Mitigation))
            .map(|e| e.2.to_string())
            // In a story, the sentence before ("I rebooted the server.") is the attempt.
            .or_else(|| {
                let before = i.checked_sub(1).map(|j| &text[j]);
                before.filter(|_| names_nothing && here.is_none()).cloned()
            });
        let s = &tried.unwrap_or_else(|| s.clone());
        if out.iter().any(|f| f.0.quote == *s) {
            continue;
        }
        let at = events
            .iter()
            .find(|e| e.2 == s)
            .map_or(SimTime::ZERO, |e| e.0);
        out.push((
            Found {
                name: short(&tried_name(s), 60),
                at,
                quote: s.clone(),
            },
            harmful,
        ));
    }
    out
}
