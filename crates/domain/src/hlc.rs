//! Hybrid logical clocks: timestamps that follow the wall clock but never go backwards
//! and order every change of every device, so that a laptop whose clock is off cannot
//! win a conflict it should lose (SYNC.md).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A hybrid logical clock timestamp: wall milliseconds, a counter, and the device's code
/// to break ties. Its text form sorts as the timestamps do.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Hlc {
    /// Milliseconds since the Unix epoch.
    pub wall_ms: i64,
    /// Orders events within one millisecond.
    pub counter: u32,
    /// The code of the device that made it.
    pub node: String,
}

/// A remote timestamp too far ahead of this device's clock.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("clock skew: remote is {ahead_ms} ms ahead, more than the {max_ms} ms allowed")]
pub struct ClockSkew {
    /// How far ahead the remote clock is.
    pub ahead_ms: i64,
    /// The bound.
    pub max_ms: i64,
}

impl Hlc {
    /// The zero timestamp of a device.
    pub fn zero(node: &str) -> Hlc {
        Hlc {
            wall_ms: 0,
            counter: 0,
            node: node.to_string(),
        }
    }

    /// The next timestamp for a local event, given the wall clock now.
    pub fn tick(&self, now_ms: i64) -> Hlc {
        if now_ms > self.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
                node: self.node.clone(),
            }
        } else {
            Hlc {
                wall_ms: self.wall_ms,
                counter: self.counter.saturating_add(1),
                node: self.node.clone(),
            }
        }
    }

    /// The next timestamp after receiving a remote one; refuses one too far ahead.
    pub fn receive(&self, remote: &Hlc, now_ms: i64, max_skew_ms: i64) -> Result<Hlc, ClockSkew> {
        if remote.wall_ms - now_ms > max_skew_ms {
            return Err(ClockSkew {
                ahead_ms: remote.wall_ms - now_ms,
                max_ms: max_skew_ms,
            });
        }
        let wall_ms = now_ms.max(self.wall_ms).max(remote.wall_ms);
        let counter = match (wall_ms == self.wall_ms, wall_ms == remote.wall_ms) {
            (true, true) => self.counter.max(remote.counter).saturating_add(1),
            (true, false) => self.counter.saturating_add(1),
            (false, true) => remote.counter.saturating_add(1),
            (false, false) => 0,
        };
        Ok(Hlc {
            wall_ms,
            counter,
            node: self.node.clone(),
        })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}-{}", self.wall_ms, self.counter, self.node)
    }
}

impl FromStr for Hlc {
    type Err = String;
    fn from_str(s: &str) -> Result<Hlc, String> {
        let mut parts = s.splitn(3, '-');
        let bad = || format!("not a hybrid logical clock timestamp: {s}");
        let wall_ms = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let node = parts.next().filter(|n| !n.is_empty()).ok_or_else(bad)?;
        Ok(Hlc {
            wall_ms,
            counter,
            node: node.to_string(),
        })
    }
}

impl TryFrom<String> for Hlc {
    type Error = String;
    fn try_from(s: String) -> Result<Hlc, String> {
        s.parse()
    }
}

impl From<Hlc> for String {
    fn from(h: Hlc) -> String {
        h.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_set_back_never_makes_time_go_backwards() {
        let a = Hlc::zero("AB12").tick(1_000);
        let b = a.tick(500);
        assert!(b > a);
        assert_eq!(b.wall_ms, 1_000);
    }

    #[test]
    fn the_text_form_sorts_as_the_timestamps() {
        let a = Hlc {
            wall_ms: 99,
            counter: 5,
            node: "A".into(),
        };
        let b = Hlc {
            wall_ms: 100,
            counter: 0,
            node: "A".into(),
        };
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        assert_eq!(b.to_string().parse::<Hlc>().unwrap(), b);
    }

    #[test]
    fn a_remote_clock_too_far_ahead_is_refused() {
        let local = Hlc::zero("A").tick(1_000);
        let remote = Hlc {
            wall_ms: 1_000 + 120_000,
            counter: 0,
            node: "B".into(),
        };
        assert!(local.receive(&remote, 1_000, 60_000).is_err());
        let near = Hlc {
            wall_ms: 1_500,
            counter: 3,
            node: "B".into(),
        };
        let merged = local.receive(&near, 1_000, 60_000).unwrap();
        assert!(
            merged > near.clone()
                || merged.wall_ms == near.wall_ms && merged.counter > near.counter
        );
    }
}
