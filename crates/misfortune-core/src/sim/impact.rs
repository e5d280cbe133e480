//! The incident's impact over time: active until mitigated, at a rate that effects can worsen.

use super::Session;
use crate::time::SimTime;

impl Session {
    /// The impact rate multiplier at `t`.
    pub fn impact_factor(&self, t: SimTime) -> f64 {
        self.impact_factors
            .iter()
            .take_while(|(at, _)| *at <= t)
            .last()
            .map_or(1.0, |x| x.1)
    }

    /// Whether users are hurt at `t`.
    pub fn impact_active(&self, t: SimTime) -> bool {
        t >= self.sc.impact.starts && self.mitigated_at.is_none_or(|m| t < m)
    }

    /// Accumulated impact up to `t`, in `unit`-minutes (for example user-minutes).
    pub fn impact_total(&self, t: SimTime) -> f64 {
        let start = self.sc.impact.starts;
        let end = self.mitigated_at.map_or(t, |m| m.min(t));
        if end <= start {
            return 0.0;
        }
        let mut total = 0.0;
        let mut bounds: Vec<SimTime> = self
            .impact_factors
            .iter()
            .map(|x| x.0)
            .filter(|&x| x > start && x < end)
            .collect();
        bounds.insert(0, start);
        bounds.push(end);
        for w in bounds.windows(2) {
            total += (w[1] - w[0]).as_mins_f64() * self.impact_factor(w[0]);
        }
        total * self.sc.impact.affected as f64
    }
}
