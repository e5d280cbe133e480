//! Simulated time: millisecond instants and durations, written human-readably in scenario files
//! (`"12m"`, `"1h05m"`, `"90s"`, `"00:12:30"`).

use std::fmt;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A span of simulated time, or an instant measured from the start of the scenario.
/// Millisecond resolution.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);
    pub const MAX: SimTime = SimTime(u64::MAX);

    pub const fn from_ms(ms: u64) -> Self {
        SimTime(ms)
    }
    pub const fn from_secs(s: u64) -> Self {
        SimTime(s * 1000)
    }
    pub const fn from_mins(m: u64) -> Self {
        SimTime(m * 60_000)
    }
    pub const fn ms(self) -> u64 {
        self.0
    }
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
    pub fn as_mins_f64(self) -> f64 {
        self.0 as f64 / 60_000.0
    }
    /// Whole minutes, rounded to the nearest.
    pub fn round_mins(self) -> u64 {
        (self.0 + 30_000) / 60_000
    }
    pub fn saturating_sub(self, other: SimTime) -> SimTime {
        SimTime(self.0.saturating_sub(other.0))
    }
    pub fn saturating_add(self, other: SimTime) -> SimTime {
        SimTime(self.0.saturating_add(other.0))
    }
    /// Clock display: `MM:SS` below an hour, `H:MM:SS` above.
    pub fn clock(self) -> String {
        let total = self.0 / 1000;
        let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
        if h > 0 {
            format!("{h}:{m:02}:{s:02}")
        } else {
            format!("{m:02}:{s:02}")
        }
    }
}

impl Add for SimTime {
    type Output = SimTime;
    fn add(self, rhs: SimTime) -> SimTime {
        self.saturating_add(rhs)
    }
}

impl std::ops::Mul<u64> for SimTime {
    type Output = SimTime;
    fn mul(self, rhs: u64) -> SimTime {
        SimTime(self.0.saturating_mul(rhs))
    }
}

impl AddAssign for SimTime {
    fn add_assign(&mut self, rhs: SimTime) {
        *self = *self + rhs;
    }
}

impl Sub for SimTime {
    type Output = SimTime;
    fn sub(self, rhs: SimTime) -> SimTime {
        self.saturating_sub(rhs)
    }
}

/// Why a time string was not understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid time {found:?}: {reason}; expected a duration such as \"45s\", \"12m\", \"1h05m\", \"1h05m30s\", \"250ms\" or a clock time \"00:12:30\" / \"12:30\""
)]
pub struct TimeParseError {
    pub found: String,
    pub reason: &'static str,
}

const MAX_MS: u64 = 366 * 24 * 3_600_000; // a year of simulated time is more than any incident needs

impl FromStr for SimTime {
    type Err = TimeParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = |reason| TimeParseError {
            found: input.to_string(),
            reason,
        };
        let s = input.trim();
        if s.is_empty() {
            return Err(err("it is empty"));
        }
        if s == "0" {
            return Ok(SimTime::ZERO);
        }
        let ms = if s.contains(':') {
            parse_clock(s).ok_or_else(|| {
                err("a clock time needs MM:SS or HH:MM:SS with minutes and seconds below 60")
            })?
        } else {
            parse_units(s).map_err(err)?
        };
        if ms > MAX_MS {
            return Err(err("it is longer than a year"));
        }
        Ok(SimTime(ms))
    }
}

fn parse_clock(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split(':').collect();
    let nums: Option<Vec<u64>> = parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect();
    let nums = nums?;
    let (h, m, sec) = match nums.as_slice() {
        [m, s] => (0, *m, *s),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    if sec >= 60 || (parts.len() == 3 && m >= 60) {
        return None;
    }
    Some(((h * 60 + m) * 60 + sec) * 1000)
}

fn parse_units(s: &str) -> Result<u64, &'static str> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut total: u64 = 0;
    let mut last_rank = usize::MAX;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if start == i {
            return Err("each part must start with a number");
        }
        if i - start > 9 {
            return Err("a number is too large");
        }
        let n: u64 = s[start..i].parse().map_err(|_| "a number is too large")?;
        let ustart = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let (rank, factor) = match &s[ustart..i] {
            "d" => (0, 86_400_000),
            "h" => (1, 3_600_000),
            "m" | "min" => (2, 60_000),
            "s" => (3, 1000),
            "ms" => (4, 1),
            "" => return Err("a number has no unit (d, h, m, s or ms)"),
            _ => return Err("unknown unit (use d, h, m, s or ms)"),
        };
        if last_rank != usize::MAX && rank <= last_rank {
            return Err("units must go from largest to smallest, each once");
        }
        last_rank = rank;
        total = total.saturating_add(n.saturating_mul(factor));
    }
    Ok(total)
}

impl fmt::Display for SimTime {
    /// Canonical form, parseable again: `0`, `45s`, `12m`, `1h05m`, `1h05m30s`, `2m30s`, `250ms`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0;
        if ms == 0 {
            return write!(f, "0");
        }
        let (d, rest) = (ms / 86_400_000, ms % 86_400_000);
        let (h, rest) = (rest / 3_600_000, rest % 3_600_000);
        let (m, rest) = (rest / 60_000, rest % 60_000);
        let (s, milli) = (rest / 1000, rest % 1000);
        let mut out = String::new();
        if d > 0 {
            out.push_str(&format!("{d}d"));
        }
        if h > 0 {
            out.push_str(&format!("{h}h"));
        }
        let big = d > 0 || h > 0;
        if m > 0 {
            if big {
                out.push_str(&format!("{m:02}m"));
            } else {
                out.push_str(&format!("{m}m"));
            }
        }
        if s > 0 {
            if big || m > 0 {
                out.push_str(&format!("{s:02}s"));
            } else {
                out.push_str(&format!("{s}s"));
            }
        }
        if milli > 0 {
            out.push_str(&format!("{milli}ms"));
        }
        f.write_str(&out)
    }
}

impl Serialize for SimTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SimTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = SimTime;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a time string such as \"12m\", \"1h05m\" or \"00:12:30\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SimTime, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_unit_forms() {
        assert_eq!("12m".parse::<SimTime>().unwrap(), SimTime::from_mins(12));
        assert_eq!("1h05m".parse::<SimTime>().unwrap(), SimTime::from_mins(65));
        assert_eq!(
            "1h05m30s".parse::<SimTime>().unwrap(),
            SimTime::from_secs(3930)
        );
        assert_eq!("90s".parse::<SimTime>().unwrap(), SimTime::from_secs(90));
        assert_eq!("250ms".parse::<SimTime>().unwrap(), SimTime::from_ms(250));
        assert_eq!(
            "2d".parse::<SimTime>().unwrap(),
            SimTime::from_mins(2 * 24 * 60)
        );
        assert_eq!("0".parse::<SimTime>().unwrap(), SimTime::ZERO);
    }

    #[test]
    fn parses_clock_forms() {
        assert_eq!(
            "00:12:30".parse::<SimTime>().unwrap(),
            SimTime::from_secs(750)
        );
        assert_eq!("12:30".parse::<SimTime>().unwrap(), SimTime::from_secs(750));
        assert_eq!(
            "1:05:00".parse::<SimTime>().unwrap(),
            SimTime::from_mins(65)
        );
    }

    #[test]
    fn rejects_nonsense() {
        for bad in [
            "",
            "12",
            "m",
            "12x",
            "5m1h",
            "1h1h",
            "12:75",
            "1:2:3:4",
            "-3m",
            "99999999999m",
        ] {
            assert!(
                bad.parse::<SimTime>().is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn display_round_trips() {
        for ms in [
            0, 1, 999, 1000, 59_000, 60_000, 61_000, 3_600_000, 3_930_000, 90_061_001,
        ] {
            let t = SimTime(ms);
            assert_eq!(t.to_string().parse::<SimTime>().unwrap(), t, "{t}");
        }
        assert_eq!(SimTime::from_mins(65).to_string(), "1h05m");
        assert_eq!(SimTime::from_secs(150).to_string(), "2m30s");
        assert_eq!(SimTime::from_secs(750).clock(), "12:30");
    }
}
