//! Derived telemetry: metric values along their course (with seeded noise), series for charts,
//! and log lines, generated on demand rather than stored.

use super::Session;
use super::state::LogEntry;
use crate::model::*;
use crate::time::SimTime;

/// How often dashboards sample a metric by default.
pub const SAMPLE_STEP: SimTime = SimTime::from_secs(1);

impl Session {
    /// Metric value at `t` (with seeded noise when `noisy`).
    pub fn metric_value(&self, metric: usize, t: SimTime, noisy: bool) -> f64 {
        let m = &self.sc.metrics[metric];
        let mut v = course_at(m.baseline, &self.metric_changes[metric], t);
        if noisy {
            let amp = self.noise_changes[metric]
                .iter()
                .take_while(|(at, _)| *at <= t)
                .last()
                .map_or(0.0, |x| x.1);
            if amp > 0.0 {
                v += amp * self.jitter(metric as u64, t.ms() / 1000);
            }
        }
        if let Some(lo) = m.min {
            v = v.max(lo);
        }
        if let Some(hi) = m.max {
            v = v.min(hi);
        }
        v
    }

    /// Uniform jitter in [-1, 1], a pure function of (seed, stream, index).
    ///
    /// The key comes from the session's seeded ChaCha generator; each sample mixes it with the
    /// stream and index (SplitMix64), so any sample can be computed on its own, cheaply.
    fn jitter(&self, stream: u64, index: u64) -> f64 {
        let mut z = self.noise_key
            ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    /// Samples of a metric from `from` to `to`, at most `max_points` of them.
    pub fn series(
        &self,
        metric: usize,
        from: SimTime,
        to: SimTime,
        max_points: usize,
    ) -> Vec<(SimTime, f64)> {
        if to < from || max_points == 0 {
            return Vec::new();
        }
        let span = (to - from).ms();
        let step = (span / max_points.max(2) as u64).max(SAMPLE_STEP.ms());
        let step = step.div_ceil(1000) * 1000;
        let mut out = Vec::new();
        let mut t = from.ms() / step * step;
        while t <= to.ms() {
            out.push((SimTime(t), self.metric_value(metric, SimTime(t), true)));
            t += step;
        }
        out
    }

    /// Log lines of a stream up to `t`, in time order.
    pub fn log_lines(&self, stream: &str, t: SimTime) -> Vec<LogEntry> {
        self.log_tail(stream, t, usize::MAX).0
    }

    /// The last `max` lines of a stream up to `t`, in time order, and how many lines there are in
    /// all. Only the lines returned are generated, so long streams stay cheap to show.
    pub fn log_tail(&self, stream: &str, t: SimTime, max: usize) -> (Vec<LogEntry>, usize) {
        let Some((si, s)) = self
            .sc
            .logs
            .iter()
            .enumerate()
            .find(|(_, l)| l.id == stream)
        else {
            return (Vec::new(), 0);
        };
        let mut out = Vec::new();
        let mut total = 0usize;
        for (li, line) in s.lines.iter().enumerate() {
            match line.every {
                None if line.at <= t => {
                    total += 1;
                    out.push(LogEntry {
                        at: line.at,
                        stream: stream.to_string(),
                        level: line.level,
                        text: self.fill(&line.text, si, li, 0),
                    });
                }
                None => {}
                Some(every) if every.ms() > 0 => {
                    let until = line.until.unwrap_or(self.sc.duration).min(t);
                    if until < line.at {
                        continue;
                    }
                    let count = ((until - line.at).ms() / every.ms() + 1) as usize;
                    total += count;
                    // Any line among the last `max` of the stream is among this repetition's last `max`.
                    for n in count.saturating_sub(max)..count {
                        let at = line.at + every * n as u64;
                        out.push(LogEntry {
                            at,
                            stream: stream.to_string(),
                            level: line.level,
                            text: self.fill(&line.text, si, li, n as u64),
                        });
                    }
                }
                Some(_) => {}
            }
        }
        for l in self
            .extra_logs
            .iter()
            .filter(|l| l.stream == stream && l.at <= t)
        {
            total += 1;
            out.push(l.clone());
        }
        out.sort_by_key(|l| l.at);
        let skip = out.len().saturating_sub(max);
        (out.split_off(skip), total)
    }

    /// A log line's text for repetition `n`: `{n}` is the repetition number, `{ms}` a seeded
    /// duration, and `{a|b|c}` one of its alternatives, picked per repetition from the seed, so one
    /// templated line reads like the varied output of a real service.
    fn fill(&self, text: &str, stream: usize, line: usize, n: u64) -> String {
        if !text.contains('{') {
            return text.to_string();
        }
        let key = 1_000_000 + (stream as u64) * 1000 + line as u64;
        let ms = 200 + ((self.jitter(key, n) + 1.0) * 900.0) as u64;
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut group = 0u64;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                rest = &rest[open..];
                break;
            };
            let inner = &rest[open + 1..close];
            match inner {
                "n" => out.push_str(&(n + 1).to_string()),
                "ms" => out.push_str(&ms.to_string()),
                _ if inner.contains('|') => {
                    group += 1;
                    let alts: Vec<&str> = inner.split('|').collect();
                    let u = (self.jitter(key ^ (group << 40), n) + 1.0) / 2.0;
                    let pick = ((u * alts.len() as f64) as usize).min(alts.len() - 1);
                    out.push_str(alts[pick]);
                }
                _ => out.push_str(&rest[open..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

pub(super) fn insert_sorted<T>(v: &mut Vec<(SimTime, T)>, item: (SimTime, T)) {
    let pos = v.partition_point(|x| x.0 <= item.0);
    v.insert(pos, item);
}

/// The noiseless course of a metric at `t`: each change starts from the value at its time.
fn course_at(baseline: f64, changes: &[(SimTime, Shape)], t: SimTime) -> f64 {
    let mut seg_start = SimTime::ZERO;
    let mut seg_value = baseline;
    let mut seg_shape: Option<&Shape> = None;
    for (at, shape) in changes {
        if *at > t {
            break;
        }
        seg_value = eval(baseline, seg_value, seg_shape, *at - seg_start);
        seg_start = *at;
        seg_shape = Some(shape);
    }
    eval(baseline, seg_value, seg_shape, t - seg_start)
}

fn eval(baseline: f64, start: f64, shape: Option<&Shape>, dt: SimTime) -> f64 {
    let dt = dt.as_secs_f64();
    match shape {
        None | Some(Shape::Steady) | Some(Shape::Noise { .. }) => start,
        Some(Shape::Step { to }) => *to,
        Some(Shape::Ramp { to, over }) => {
            start + (to - start) * (dt / over.as_secs_f64().max(1e-9)).min(1.0)
        }
        Some(Shape::Spike { peak, decay }) => {
            start + (peak - start) * 0.5f64.powf(dt / decay.as_secs_f64().max(1e-9))
        }
        Some(Shape::Saturate { ceiling, over }) => {
            start + (ceiling - start) * (1.0 - (-dt / over.as_secs_f64().max(1e-9)).exp())
        }
        Some(Shape::Recover { over }) => {
            start + (baseline - start) * (dt / over.as_secs_f64().max(1e-9)).min(1.0)
        }
    }
}
