//! The sentence of a postmortem that says what caused the incident, when no section names the
//! root cause: a timeline's "Root cause identified: ...", a story's "I found that ...", a
//! summary's "..., causing slow page loads", a status message's "We suspect ...".

use std::sync::LazyLock;

use regex::Regex;

use super::doc_metadata::prose_lines;
use super::sections::{Part, Section, clean_inline, items};

/// A document's root cause, from the best place it says it: "Root cause" beats its neighbours
/// ("Fault", "Five whys") when a document has several; causes a section labels ("**Immediate
/// Cause:** ...", "**Root Cause:** ...") beat a five-whys list beside them; a list of possible
/// causes gives the one the fix answers; then the prose.
pub(super) fn root_cause(
    sections: &[Section],
    front_summary: Option<&str>,
    possible: &[String],
) -> Option<String> {
    use super::doc_text::cause_text;
    let get = |p: Part| sections.iter().filter(move |s| s.part == p);
    get(Part::RootCause)
        .filter(|s| s.title.contains("root cause"))
        .find_map(cause_text)
        .or_else(|| super::doc_text::labelled_causes(sections))
        .or_else(|| get(Part::RootCause).find_map(cause_text))
        .or_else(|| {
            super::possible_causes::confirmed(possible, sections).map(|i| possible[i].clone())
        })
        .or_else(|| stated_cause(sections, front_summary))
        .or_else(|| front_cause(front_summary))
        .or_else(|| super::thought_actual::actual_cause(sections))
        .or_else(|| cause_sentence(sections))
}

/// With no root-cause section, the first sentence that says what caused it ("Automatic
/// maintenance ... caused our database to grow"), or what a timeline line names as the root
/// cause ("Root cause identified: certificate expiry on queue-svc").
pub(super) fn cause_sentence(sections: &[Section]) -> Option<String> {
    // "Root cause identified: X", "Explanation revealed. X", "santos identifies the cause: X"
    // (its sentence told on over the bullet's wrapped lines).
    let named = Regex::new(r"(?i)\b(?:root cause(?: was)?(?: identified| found)?\s*[:\-–—]|(?:explanation|cause) (?:revealed|found|identified)[.:]|(?:identifie[sd]|identify|found|finds|pinpoint(?:s|ed)?) the (?:root )?cause\s*[:\-–—]|\bfound it\s*[:\-–—])\s*(.+)")
        .expect("static regex");
    let causal = Regex::new(
        // ("... became unavailable after two colliding files were checked in": what came
        // before the harm.)
        // ("A node became unhealthy, correlated with a flood of ... messages": what went with
        // it, when nothing says more; "... had run out of memory which broke the proxy".)
        r"(?i)\b(?:caused|causing|due to|because|traced to|triggered by|the root cause (?:of [^.;]{1,40}? )?(?:was|is|were)|led to|meant that|resulted in|(?:became|went|was|were)\s+(?:\w+\s+)?(?:unavailable|down|unreachable|inaccessible|offline|corrupted)\s+after|correlated with|(?:which|that) broke (?:the|our|all)|when [^.;]{5,120}?, (?:[\w-]+ ){1,3}(?:temporarily |briefly |completely )?(?:lost service|went down|became unavailable|crashed|stopped working)|(?:which|that) took down|(?:was|were) preventing|prevented (?:\w+ ){1,4}from|^an? (?:bug|defect|regression) in)\b",
    )
    .expect("static regex");
    let prose_parts = |s: &&Section| {
        !matches!(
            s.part,
            Part::Timeline
                | Part::ActionItems
                | Part::Lessons
                | Part::WentWell
                | Part::WentWrong
                | Part::Lucky
                | Part::Unlucky
        )
    };
    // The timeline's lines first, then any section's (an incident log's "Context" bullets),
    // not an action item's ("Fix Proxmox backups — Root cause: backup retention ..." is a
    // second finding's cause).
    let timeline = sections.iter().filter(|s| s.part == Part::Timeline).chain(
        sections
            .iter()
            .filter(|s| s.part != Part::Timeline && prose_parts(s)),
    );
    // "This leads me to the root cause of this problem: the server needs more RAM!"
    let told = Regex::new(r"(?i)\broot cause of (?:this|the) (?:problem|issue|incident|outage)\s*(?:was|is)?\s*[:\-–—]\s*(.+)")
        .expect("static regex");
    timeline
        .flat_map(|s| items(&s.lines))
        .find_map(|l| {
            named.captures(&l).map(|c| {
                let cause = clean_inline(c[1].trim());
                match cause.find(". ") {
                    Some(end) => cause[..=end].trim().to_string(),
                    None => cause,
                }
            })
        })
        .or_else(|| {
            sections
                .iter()
                .filter(prose_parts)
                .flat_map(|s| items(&prose_lines(s)))
                .find_map(|p| told.captures(&p).map(|c| clean_inline(c[1].trim())))
        })
        .or_else(|| root_cause_is_that(sections))
        .or_else(|| culprit_line(sections))
        // A cause named before a consequence told ("..., causing slow page loads"), in the
        // first section that tells either: the summary's "causing" before a contributing
        // factor's "caused".
        .or_else(|| {
            sections.iter().filter(prose_parts).find_map(|s| {
                let one = std::slice::from_ref(s);
                first_sentence(one, &|_| true, &NAMES_CAUSE)
                    .or_else(|| first_sentence(one, &|_| true, &causal))
            })
        })
        // Only a status message says it: "We suspect that an inadvertent configuration change
        // as the trigger event for this issue."
        .or_else(|| suspected_cause(sections))
        // A story's finding: "But then I found that packets were being fragmented ...".
        .or_else(|| found_cause(sections))
        // Only the fix names the culprit: "Fixed by removing node that had no IP address in
        // its metadata."
        .or_else(|| fixed_by_removing(sections))
}

/// A summary's sentence that says the incident was fixed by taking away something that was
/// wrong ("Fixed by removing node that had no IP address in its metadata"): what was taken
/// away is the culprit, when nothing else says.
fn fixed_by_removing(sections: &[Section]) -> Option<String> {
    static FIXED_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:it was |this was |the (?:issue|problem|incident|outage) was )?(?:fixed|resolved|solved|mitigated) by (?:removing|replacing|deleting|reverting|rolling back|disabling|draining|cordoning)\b")
            .expect("static regex")
    });
    sections
        .iter()
        .filter(|s| s.part == Part::Summary)
        .flat_map(|s| items(&prose_lines(s)))
        .flat_map(|p| p.split(". ").map(str::to_string).collect::<Vec<_>>())
        .find(|s| FIXED_BY.is_match(s.trim()))
        .map(|s| format!("{}.", clean_inline(s.trim().trim_end_matches('.'))))
}

/// A line that names the thing at fault ("... is identified as a node that has networking
/// issues", "the disk was found to be the culprit").
static CULPRIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|was|were|are) (?:identified|found|determined|confirmed) (?:as|to be) (?:the |a |an )?(?:culprit|cause|source|faulty|broken|bad|(?:\w+ )?(?:node|host|server|machine|pod|instance|disk|switch|router|link)s? (?:that|which|with))\b")
        .expect("static regex")
});

/// A sentence that says why someone noticed ("This was noticed because Tim happened to look at
/// grafana"): how it was found, not what caused it.
static SEEN_BECAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:noticed|spotted|found|caught|seen|detected|discovered)\s+(?:only\s+|early\s+|late\s+)?because\b")
        .expect("static regex")
});

/// A sentence that says the cause is not known yet.
static UNSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:not (?:\d+% )?sure|unsure|not yet (?:known|understood|clear)|(?:do|does|did) not (?:yet )?(?:fully )?(?:know|understand)|don't (?:yet )?know|unknown)\b")
        .expect("static regex")
});

/// The first sentence of a story that says what its teller found ("then I found that",
/// "it turned out that"): the cause, when nothing names one.
fn found_cause(sections: &[Section]) -> Option<String> {
    static FOUND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:i|we)\s+(?:then\s+|finally\s+|eventually\s+)?(?:found|discovered|realized|realised|noticed)\s+that\b|\bit turned out (?:that|to be)\b|\bit became (?:apparent|clear|obvious|evident) that\b")
            .expect("static regex")
    });
    prose_sentences(sections)
        .find(|s| FOUND.is_match(s))
        .map(|s| {
            let s = clean_inline(s.trim().trim_end_matches([':', '.']));
            let s = s
                .strip_prefix("But ")
                .map_or(s.clone(), super::game::capitalise);
            format!("{s}.")
        })
}

/// A sentence that says what the cause turned out to be ("The actual cause was a power supply
/// that couldn't hold 5V", "The outage was caused by the fact that ..."), in a blog's excerpt or
/// anywhere in its prose: a write-up that tells the wrong leads first (or opens "I caused an
/// outage last week") names the cause in so many words, where its other "because"s explain.
pub(super) fn stated_cause(sections: &[Section], front_summary: Option<&str>) -> Option<String> {
    static STATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:the |its )?(?:actual|real|underlying|true|ultimate|primary|main) (?:root )?cause (?:of (?:these|this|the) [\w ]{1,30}? )?(?:was|is|turned out to be)\b|\bthe (?:problem|issue) was that\b|\b(?:the|this) (?:outage|incident|downtime) was (?:caused|triggered) by\b")
            .expect("static regex")
    });
    front_summary
        .into_iter()
        .flat_map(|f| f.split(". ").map(str::to_string).collect::<Vec<_>>())
        .chain(prose_sentences(sections))
        .find_map(|sentence| {
            let m = STATED.find(&sentence)?;
            let told = clean_inline(sentence[m.start()..].trim());
            Some(format!(
                "{}.",
                super::game::capitalise(told.trim_end_matches('.'))
            ))
        })
}

/// A front matter's summary that names a cause ("Sending multicast traffic without properly
/// configuring switches caused an Etsy global outage."): a retelling's own distillation, ahead
/// of a later "due to" in its body about something else.
pub(super) fn front_cause(front_summary: Option<&str>) -> Option<String> {
    first_naming_cause(front_summary?.split(". "))
}

/// The first of some sentences that names a cause ("X caused Y", "due to"), with its full stop.
pub(super) fn first_naming_cause<'a>(sentences: impl Iterator<Item = &'a str>) -> Option<String> {
    sentences
        .into_iter()
        .find(|s| NAMES_CAUSE.is_match(s))
        .map(|s| format!("{}.", s.trim().trim_end_matches('.')))
}

/// The sentences of the prose outside the timeline and the lessons ("It was 11 hours before we
/// realized that there was a major outage" looks back, it finds nothing), in order.
fn prose_sentences(sections: &[Section]) -> impl Iterator<Item = String> + '_ {
    sections
        .iter()
        .filter(|s| {
            !matches!(
                s.part,
                Part::Timeline
                    | Part::Lessons
                    | Part::WentWell
                    | Part::WentWrong
                    | Part::Lucky
                    | Part::Unlucky
            )
        })
        .flat_map(|s| items(&prose_lines(s)))
        .flat_map(|p| p.split(". ").map(str::to_string).collect::<Vec<_>>())
}

/// The first sentence that suspects a trigger or a cause (a status message's, in a timeline
/// or pasted as its own paragraph), when nothing says more.
fn suspected_cause(sections: &[Section]) -> Option<String> {
    static SUSPECTS: LazyLock<Regex> = LazyLock::new(|| {
        // ("... saw that logs were showing very little output in general and suspected it was
        // NGINX pods".)
        Regex::new(r"(?i)\b(?:suspect|believe)\b[^.]{0,150}?\b(?:trigger|cause)\b|\bsuspected (?:that )?(?:it was|the (?:problem|issue|culprit) was)\s+\w")
            .expect("static regex")
    });
    // (Line by line, a status message's own line; then paragraphs joined, for a sentence
    // wrapped over two lines.)
    let lines = sections.iter().flat_map(|s| s.lines.iter().cloned());
    let paragraphs = sections.iter().flat_map(|s| items(&prose_lines(s)));
    lines
        .chain(paragraphs)
        .flat_map(|l| l.split(". ").map(str::to_string).collect::<Vec<_>>())
        .find_map(|sentence| {
            let m = SUSPECTS.find(&sentence)?;
            // The sentence from its subject: "... – Status update: We suspect ..." starts at "We".
            let from = sentence[..m.start()].rfind([':', '–', '—']).map_or(0, |i| {
                i + sentence[i..].chars().next().map_or(1, char::len_utf8)
            });
            let told = clean_inline(sentence[from..].trim());
            Some(format!("{}.", told.trim_end_matches('.')))
        })
}

/// A sentence that names a cause ("caused by", "X caused Y", "due to", "the trigger was"), not
/// only a consequence ("..., causing slow page loads").
pub(super) static NAMES_CAUSE: LazyLock<Regex> = LazyLock::new(|| {
    // ("... experienced an outage for up to 2 hours, after an EC2 instance hosting one of our
    // services failed": what failed first.)
    Regex::new(r"(?i)\b(?:caused|due to|because|traced (?:it |this )?to|triggered by|the (?:root cause|trigger|cause) (?:was|is))\b|\bafter (?:an?|the|one of (?:the|our)) [^.;,]{0,60}?\b(?:failed|crashed|went down|went offline|became unresponsive|was deleted|were deleted|expired)\b")
        .expect("static regex")
});

/// The first sentence of the sections `keep` keeps that `re` finds, with its full stop.
fn first_sentence(
    sections: &[Section],
    keep: &dyn Fn(&&Section) -> bool,
    re: &Regex,
) -> Option<String> {
    static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(\d{1,2})\. ((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b",
        )
        .expect("static regex")
    });
    static CHANGE_CAUSED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:planned|scheduled|routine)?\s*(?:upgrade|deploy\w*|release|rollout|migration|maintenance)\b.{0,100}?\bcaused\b")
            .expect("static regex")
    });
    // "This resulted in a period of 30 minutes where...": what "this" was, the sentence before,
    // is the cause.
    static THIS: LazyLock<Regex> = LazyLock::new(|| {
        // ("This went unnoticed and caused 40min of total outage.")
        Regex::new(r"(?i)^(?:this|that|it)\s+(?:\w+\s+){0,3}?(?:resulted in|led to|caused|meant)\b")
            .expect("static regex")
    });
    sections.iter().filter(keep).find_map(|s| {
        let told: Vec<String> = items(&prose_lines(s))
            .iter()
            // "On Monday 3. February 2020": an ordinal's full stop ends no sentence.
            .map(|p| ORDINAL.replace_all(p, "$1 $2").into_owned())
            .flat_map(|p| p.split(". ").map(str::to_string).collect::<Vec<_>>())
            .collect();
        // ("We are not 100% sure what caused the problem" names none.)
        // ("This was noticed because Tim happened to look at grafana" explains the detection.)
        let causes: Vec<usize> = (0..told.len())
            .filter(|&i| {
                re.is_match(&told[i])
                    && !UNSURE.is_match(&told[i])
                    && !SEEN_BECAUSE.is_match(&told[i])
            })
            .collect();
        // "A planned upgrade ... caused a minor DNS issue. ... These vendor changes, when not
        // implemented, caused CoreDNS to crash-loop": the change is the trigger; the sentence
        // after that tells how is the cause.
        let i = match causes.as_slice() {
            [first, next, ..] if CHANGE_CAUSED.is_match(&told[*first]) => *next,
            [first, ..] => *first,
            [] => return None,
        };
        // ("This was caused by the cluster being full": the cause is named right there.)
        let i = if THIS.is_match(told[i].trim()) && !told[i].contains("caused by") && i > 0 {
            i - 1
        } else {
            i
        };
        // A template's question ("Was it caused by human error, ...?") is answered by the
        // item after it ("Yes, removing an unmaintained extension").
        let asked = told[i].trim().trim_end_matches('.').ends_with('?');
        let said = match told.get(i + 1).filter(|_| asked) {
            Some(answer) => {
                let a = answer.trim();
                let a = a
                    .strip_prefix("Yes, ")
                    .or_else(|| a.strip_prefix("Yes "))
                    .unwrap_or(a);
                super::game::capitalise(a)
            }
            None if asked => return None,
            None => told[i].clone(),
        };
        Some(format!("{}.", said.trim().trim_end_matches('.')))
    })
}

/// Nothing in the document says what caused it: what the timeline tells before minute 0 (the
/// change and the first failure, "A user ... deletes their account" then "a lookup on the user's
/// ID fails") is the cause, marked as assumed for the author to check.
pub(super) fn cause_from_lead_up(sk: &mut super::Skeleton, found: &mut Vec<String>) {
    use crate::model::EventKind;
    if sk.root_cause.is_some() {
        return;
    }
    // Each line's first sentence, unless it reads as commands or code (a heading's event that
    // carries the shell session pasted under it).
    let opening = |t: &str| t.split(". ").next().unwrap_or(t).trim().to_string();
    let codeish = |t: &str| t.len() > 200 || t.contains([';', '=', '<', '>', '{', '}']);
    let mut lead: Vec<_> = sk
        .before_start
        .iter()
        .filter(|e| matches!(e.1, EventKind::Trigger | EventKind::Symptom))
        .filter(|e| !codeish(&opening(&e.2)))
        .collect();
    // (Furthest before minute 0 first.)
    lead.sort_by_key(|e| std::cmp::Reverse(e.0));
    // (Only a lead-up that tells both: a change alone, "Cache node restarts during routine
    // maintenance", may be what the real cause, told nowhere, set off.)
    let tells = |k: EventKind| lead.iter().any(|e| e.1 == k);
    // (A change that is itself the outage opens the timeline at minute 0: "`rsync --delete`
    // during a deploy wiped all of `/opt/scalping/data`".)
    let itself = sk
        .timeline
        .first()
        .filter(|e| e.0 == crate::time::SimTime::ZERO && e.1 == EventKind::Trigger)
        .map(|e| opening(&e.2))
        .filter(|t| !codeish(t));
    if !tells(EventKind::Trigger) || !tells(EventKind::Symptom) {
        if let Some(t) = itself {
            sk.root_cause = Some(format!("{}.", t.trim_end_matches(['.', ':'])));
            found.push("root cause (assumed from the change at minute 0: check it)".to_string());
        }
        return;
    }
    let told: Vec<String> = lead
        .iter()
        .take(2)
        .map(|e| format!("{}.", opening(&e.2).trim_end_matches(['.', ':'])))
        .collect();
    sk.root_cause = Some(told.join(" "));
    found.push("root cause (assumed from the timeline before minute 0: check it)".to_string());
}

/// "... though the root cause is that the pod reflector has stopped updating", told in a
/// timeline's paragraph.
fn root_cause_is_that(sections: &[Section]) -> Option<String> {
    static ROOT_IS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bthe root cause (?:is|was) that\s+(.+)").expect("static regex")
    });
    sections
        .iter()
        .filter(|s| s.part == Part::Timeline)
        .flat_map(|s| items(&prose_lines(s)))
        .flat_map(|p| p.split(". ").map(str::to_string).collect::<Vec<_>>())
        .find_map(|s| ROOT_IS.captures(&s).map(|c| c[1].trim().to_string()))
        .map(|c| format!("{}.", super::game::capitalise(c.trim_end_matches('.'))))
}

/// "`gke-prod-...-2fhq` is identified as a node that has networking issues": the culprit
/// found, in the timeline.
fn culprit_line(sections: &[Section]) -> Option<String> {
    sections
        .iter()
        .filter(|s| s.part == Part::Timeline)
        .flat_map(|s| items(&s.lines))
        .find(|l| CULPRIT.is_match(l))
        .map(|l| {
            let l = clean_inline(l.trim());
            let first = super::event_kind::first_sentence(&l);
            format!("{}.", first.trim_end_matches('.'))
        })
}
