//! How an imported document compares with what a careful reader lists: each expected event
//! (signed minute from minute 0, kind) is matched to an imported event at the same minute,
//! preferring one of the same kind, and each imported event is used once. Shared by the corpus
//! test and the `measure_import` example, which measures documents kept outside the project.

use misfortune_core::author::Skeleton;
use misfortune_core::model::EventKind;

/// One expected event and what the importer made of it.
pub struct Row {
    pub minute: i64,
    pub want: EventKind,
    /// The imported event matched to it (kind, text), if one sits at that minute.
    pub got: Option<(EventKind, String)>,
}

/// A document's score.
pub struct Score {
    pub rows: Vec<Row>,
    /// Every imported event: (signed minute, kind, text).
    pub events: Vec<(i64, EventKind, String)>,
}

impl Score {
    pub fn timed(&self) -> usize {
        self.rows.iter().filter(|r| r.got.is_some()).count()
    }
    pub fn kinds(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.got.as_ref().is_some_and(|(k, _)| *k == r.want))
            .count()
    }
}

/// Compares a skeleton's timeline with the expected `events` of an `.expected.json`.
pub fn score(sk: &Skeleton, expected: &serde_json::Value) -> Score {
    let events: Vec<(i64, EventKind, String)> = sk
        .before_start
        .iter()
        .map(|(b, k, t)| (-((b.ms() / 60_000) as i64), *k, t.clone()))
        .chain(
            sk.timeline
                .iter()
                .map(|(a, k, t)| ((a.ms() / 60_000) as i64, *k, t.clone())),
        )
        .collect();
    let mut unused: Vec<usize> = (0..events.len()).collect();
    let mut rows = Vec::new();
    for e in expected["events"].as_array().expect("an events array") {
        let minute = e[0].as_i64().expect("a minute");
        let want: EventKind = e[1].as_str().expect("a kind").parse().expect("a kind name");
        let same: Vec<usize> = (0..unused.len())
            .filter(|&i| events[unused[i]].0 == minute)
            .collect();
        let got = (!same.is_empty()).then(|| {
            let pick = same
                .iter()
                .copied()
                .find(|&i| events[unused[i]].1 == want)
                .unwrap_or(same[0]);
            let (_, k, t) = &events[unused.remove(pick)];
            (*k, t.clone())
        });
        rows.push(Row { minute, want, got });
    }
    Score { rows, events }
}
