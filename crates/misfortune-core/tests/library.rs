//! The shipped library as a whole trains recall: enough scenarios, tags from the vocabulary that
//! cover many failure classes and skills, no title or briefing that names the cause, no text
//! that labels itself, and the right candidate rarely the longest.

use std::collections::HashSet;
use std::path::Path;

use misfortune_core::lint::self_label;
use misfortune_core::matcher::keywords_in;
use misfortune_core::model::{Effect, Scenario};
use misfortune_core::tags::{self, TagKind};

fn shipped() -> Vec<Scenario> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let (files, problems) = misfortune_core::load_all(&[dir]);
    assert!(problems.is_empty(), "{problems:?}");
    files
        .into_iter()
        .map(|f| f.scenario.expect("every shipped scenario loads"))
        .collect()
}

#[test]
fn there_are_at_least_fifteen_scenarios() {
    assert!(shipped().len() >= 15, "{} scenarios", shipped().len());
}

#[test]
fn tags_come_from_the_vocabulary_and_cover_the_library() {
    let mut all = HashSet::new();
    let mut classes = HashSet::new();
    for sc in shipped() {
        let mut kinds = HashSet::new();
        for t in &sc.tags {
            let k = tags::kind(t).unwrap_or_else(|| panic!("{}: tag `{t}` is unknown", sc.id));
            kinds.insert(k);
            all.insert(t.clone());
            if k == TagKind::FailureClass {
                classes.insert(t.clone());
            }
        }
        for k in [TagKind::FailureClass, TagKind::System, TagKind::Skill] {
            assert!(kinds.contains(&k), "{}: no {} tag", sc.id, k.name());
        }
    }
    assert!(all.len() >= 12, "{} distinct tags", all.len());
    assert!(classes.len() >= 10, "{} failure classes", classes.len());
}

#[test]
fn no_title_names_the_cause_and_no_briefing_two_of_its_keywords() {
    for sc in shipped() {
        let k = &sc.root_cause.keywords;
        assert!(
            keywords_in(&sc.title, k).is_empty(),
            "{}: title {:?} names {:?}",
            sc.id,
            sc.title,
            keywords_in(&sc.title, k)
        );
        assert!(
            keywords_in(&sc.briefing, k).len() < 2,
            "{}: briefing names {:?}",
            sc.id,
            keywords_in(&sc.briefing, k)
        );
    }
}

#[test]
fn no_result_message_or_log_labels_itself() {
    for sc in shipped() {
        let mut texts: Vec<&str> = Vec::new();
        texts.extend(sc.actions.iter().filter_map(|a| a.result.as_deref()));
        texts.extend(sc.clues.iter().map(|c| c.text.as_str()));
        for l in &sc.logs {
            texts.extend(l.lines.iter().map(|x| x.text.as_str()));
        }
        for inj in &sc.injects {
            for e in &inj.effects {
                if let Effect::Message { text, .. } | Effect::Log { text, .. } = e {
                    texts.push(text);
                }
            }
        }
        for t in texts {
            assert_eq!(self_label(t), None, "{}: {t:?}", sc.id);
        }
    }
}

#[test]
fn the_right_candidate_is_the_longest_in_at_most_a_third() {
    let library = shipped();
    let longest: Vec<&str> = library
        .iter()
        .filter(|sc| {
            let rc = &sc.root_cause;
            let len = |id: &str| {
                rc.candidates
                    .iter()
                    .find(|c| c.id == id)
                    .map_or(0, |c| c.text.chars().count())
            };
            let answer = len(&rc.answer);
            rc.candidates
                .iter()
                .filter(|c| c.id != rc.answer)
                .all(|c| c.text.chars().count() < answer)
        })
        .map(|sc| sc.id.as_str())
        .collect();
    assert!(
        longest.len() * 3 <= library.len(),
        "the answer is the longest candidate in {} of {}: {longest:?}",
        longest.len(),
        library.len()
    );
    for sc in &library {
        assert_ne!(
            sc.root_cause.candidates[0].id, sc.root_cause.answer,
            "{}: the answer is listed first",
            sc.id
        );
    }
}
