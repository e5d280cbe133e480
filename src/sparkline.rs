//! A metric as a line of block characters for the terminal, with its scale and the moment it
//! moved most, so a trainee can see an onset and set it beside a change, as on a dashboard.

use misfortune_core::SimTime;

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A series drawn in `width` columns over `0..=now`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sparkline {
    pub line: String,
    pub min: f64,
    pub max: f64,
    /// Where the series moved most from one column to the next, when it moved at all.
    pub steepest: Option<SimTime>,
}

pub fn sparkline(points: &[(SimTime, f64)], now: SimTime, width: usize) -> Option<Sparkline> {
    let width = width.max(2);
    if points.is_empty() {
        return None;
    }
    let span = now.ms().max(1);
    let mut columns: Vec<Option<f64>> = vec![None; width];
    for &(t, v) in points {
        let c = ((t.ms().min(span) as u128 * (width as u128 - 1)) / span as u128) as usize;
        columns[c] = Some(v);
    }
    let mut last = points[0].1;
    let values: Vec<f64> = columns
        .into_iter()
        .map(|c| {
            last = c.unwrap_or(last);
            last
        })
        .collect();
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = max - min;
    let line = values
        .iter()
        .map(|v| {
            if range <= f64::EPSILON {
                BLOCKS[0]
            } else {
                BLOCKS[(((v - min) / range) * 7.0).round() as usize]
            }
        })
        .collect();
    let steepest = values
        .windows(2)
        .enumerate()
        .map(|(i, w)| (i + 1, (w[1] - w[0]).abs()))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, jump)| range > f64::EPSILON && *jump >= 0.2 * range)
        .map(|(i, _)| SimTime::from_ms(span * i as u64 / (width as u64 - 1)));
    Some(Sparkline {
        line,
        min,
        max,
        steepest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_shows_as_low_then_high_with_its_onset() {
        let pts: Vec<(SimTime, f64)> = (0..=60)
            .map(|m| (SimTime::from_mins(m), if m < 30 { 1.0 } else { 9.0 }))
            .collect();
        let s = sparkline(&pts, SimTime::from_mins(60), 13).unwrap();
        assert_eq!(s.line.chars().count(), 13);
        assert!(
            s.line.starts_with('▁') && s.line.ends_with('█'),
            "{}",
            s.line
        );
        assert_eq!((s.min, s.max), (1.0, 9.0));
        let onset = s.steepest.unwrap();
        assert!(
            onset >= SimTime::from_mins(25) && onset <= SimTime::from_mins(35),
            "{onset}"
        );
    }

    #[test]
    fn a_flat_series_has_no_onset() {
        let pts = vec![(SimTime::ZERO, 3.0), (SimTime::from_mins(5), 3.0)];
        let s = sparkline(&pts, SimTime::from_mins(5), 10).unwrap();
        assert_eq!(s.steepest, None);
        assert!(s.line.chars().all(|c| c == '▁'));
        assert!(sparkline(&[], SimTime::ZERO, 10).is_none());
    }
}
