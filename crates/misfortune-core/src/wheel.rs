//! The wheel's pick: which scenario (or volunteer) the wheel lands on. Seeded and deterministic:
//! the random number generator is passed in. Recently played slots are much less likely, and the
//! pick can lean towards a difficulty.

use rand::Rng;

#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub id: String,
    pub difficulty: u8,
    /// Played in the last days (see [`RECENT_DAYS`]).
    pub recently_played: bool,
    /// The tags of this scenario the volunteer has not practised (their gaps).
    pub gaps: Vec<String>,
}

/// Scenarios played this recently are avoided.
pub const RECENT_DAYS: u64 = 14;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PickOptions {
    pub avoid_recent: bool,
    /// Lean towards this difficulty (1 to 5).
    pub prefer_difficulty: Option<u8>,
    /// Lean towards scenarios that fill the volunteer's gaps.
    pub prefer_gaps: bool,
}

/// How likely each slot is, relative to the others.
pub fn weights(slots: &[Slot], opts: &PickOptions) -> Vec<f64> {
    slots
        .iter()
        .map(|s| {
            let mut w = 1.0;
            if opts.avoid_recent && s.recently_played {
                w *= 0.1;
            }
            if let Some(d) = opts.prefer_difficulty {
                w /= 1.0 + 2.0 * f64::from(s.difficulty.abs_diff(d));
            }
            if opts.prefer_gaps && !s.gaps.is_empty() {
                w *= 4.0;
            }
            w
        })
        .collect()
}

/// Pick a slot, or `None` for an empty wheel.
pub fn pick(slots: &[Slot], opts: &PickOptions, rng: &mut impl Rng) -> Option<usize> {
    let w = weights(slots, opts);
    let total: f64 = w.iter().sum();
    if slots.is_empty() || total <= 0.0 {
        return None;
    }
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
    let mut acc = 0.0;
    for (i, x) in w.iter().enumerate() {
        acc += x;
        if u < acc {
            return Some(i);
        }
    }
    Some(slots.len() - 1)
}

/// Why the wheel leaned towards a slot, in words ("Dana has not practised: restore from
/// backup"), when it filled a gap.
pub fn why(slot: &Slot, volunteer: &str) -> Option<String> {
    (!slot.gaps.is_empty()).then(|| {
        format!(
            "{volunteer} has not practised: {}",
            slot.gaps
                .iter()
                .map(|t| t.replace('-', " "))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    fn slots() -> Vec<Slot> {
        (1..=5)
            .map(|d| Slot {
                id: format!("s{d}"),
                difficulty: d,
                recently_played: d == 3,
                gaps: if d == 5 {
                    vec!["restore-from-backup".into()]
                } else {
                    Vec::new()
                },
            })
            .collect()
    }

    #[test]
    fn picks_are_deterministic_for_a_seed() {
        let a: Vec<_> = (0..20)
            .scan(ChaCha8Rng::seed_from_u64(9), |r, _| {
                Some(pick(&slots(), &PickOptions::default(), r))
            })
            .collect();
        let b: Vec<_> = (0..20)
            .scan(ChaCha8Rng::seed_from_u64(9), |r, _| {
                Some(pick(&slots(), &PickOptions::default(), r))
            })
            .collect();
        assert_eq!(a, b);
        assert_eq!(
            pick(
                &[],
                &PickOptions::default(),
                &mut ChaCha8Rng::seed_from_u64(1)
            ),
            None
        );
    }

    #[test]
    fn recent_slots_are_avoided_and_difficulty_is_preferred() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let opts = PickOptions {
            avoid_recent: true,
            prefer_difficulty: Some(5),
            prefer_gaps: false,
        };
        let mut counts = [0usize; 5];
        for _ in 0..10_000 {
            counts[pick(&slots(), &opts, &mut rng).unwrap()] += 1;
        }
        assert!(
            counts[2] < 300,
            "the recently played slot is rare: {counts:?}"
        );
        assert!(
            counts[4] > counts[3] && counts[3] > counts[1] && counts[1] > counts[0],
            "{counts:?}"
        );
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let mut even = [0usize; 5];
        for _ in 0..10_000 {
            even[pick(&slots(), &PickOptions::default(), &mut rng).unwrap()] += 1;
        }
        assert!(
            even.iter().all(|&c| (1700..2300).contains(&c)),
            "uniform without options: {even:?}"
        );
    }

    #[test]
    fn the_pick_leans_towards_the_volunteers_gaps_and_says_why() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let opts = PickOptions {
            prefer_gaps: true,
            ..Default::default()
        };
        let mut counts = [0usize; 5];
        for _ in 0..10_000 {
            counts[pick(&slots(), &opts, &mut rng).unwrap()] += 1;
        }
        // One slot in five fills a gap, weighted four to one: half the picks.
        assert!((4500..5500).contains(&counts[4]), "{counts:?}");
        assert_eq!(
            why(&slots()[4], "Dana").as_deref(),
            Some("Dana has not practised: restore from backup")
        );
        assert_eq!(why(&slots()[0], "Dana"), None);
    }
}
