//! A hybrid logical clock: wall-clock milliseconds, a counter for changes
//! within one millisecond (or while the wall clock lags behind a value seen
//! from another computer), and the device, so any two values are ordered.
//! Written as fixed-width hex, text order is clock order.

use std::fmt;

/// One clock value: `mmmmmmmmmmmm-cccc-dddddddddddddddd`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Hlc {
    ms: u64,
    counter: u16,
    device: String,
}

/// The millisecond field's width: 12 hex digits last until the year 10889.
const MS_MAX: u64 = (1 << 48) - 1;

impl Hlc {
    /// The next value on `device` after `last` (if any) at wall time `wall_ms`:
    /// later than `last` even when the wall clock went back.
    pub fn tick(last: Option<&Hlc>, wall_ms: u64, device: &str) -> Hlc {
        let wall = wall_ms.min(MS_MAX);
        let (ms, counter) = match last {
            Some(l) if l.ms >= wall => match l.counter.checked_add(1) {
                Some(c) => (l.ms, c),
                // 65,536 values in one millisecond: borrow the next one.
                None => ((l.ms + 1).min(MS_MAX), 0),
            },
            _ => (wall, 0),
        };
        Hlc {
            ms,
            counter,
            device: device.to_string(),
        }
    }

    /// Reads a value as written; `None` for anything else.
    pub fn parse(text: &str) -> Option<Hlc> {
        let mut parts = text.split('-');
        let (ms, counter, device) = (parts.next()?, parts.next()?, parts.next()?);
        let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
        if parts.next().is_some() || !hex(ms, 12) || !hex(counter, 4) || !hex(device, 16) {
            return None;
        }
        Some(Hlc {
            ms: u64::from_str_radix(ms, 16).ok()?,
            counter: u16::from_str_radix(counter, 16).ok()?,
            device: device.to_ascii_lowercase(),
        })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012x}-{:04x}-{}", self.ms, self.counter, self.device)
    }
}

/// This computer's clock while a sync runs: what it gives out and has seen.
pub(super) struct Clock {
    last: Option<Hlc>,
    device: String,
}

impl Clock {
    /// The clock as `sync_state` keeps it (empty before the first value).
    pub fn new(stored: &str, device: &str) -> Clock {
        Clock {
            last: Hlc::parse(stored),
            device: device.to_string(),
        }
    }

    /// A value for a change made now.
    pub fn tick(&mut self) -> String {
        let wall = u64::try_from(jiff::Timestamp::now().as_millisecond()).unwrap_or(0);
        let next = Hlc::tick(self.last.as_ref(), wall, &self.device);
        let text = next.to_string();
        self.last = Some(next);
        text
    }

    /// A value read from another computer: later ticks come after it.
    pub fn saw(&mut self, text: &str) {
        if let Some(h) = Hlc::parse(text)
            && self.last.as_ref().is_none_or(|l| h > *l)
        {
            self.last = Some(h);
        }
    }

    /// To keep in `sync_state`.
    pub fn stored(&self) -> String {
        self.last
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "00000000000000aa";
    const B: &str = "00000000000000bb";

    #[test]
    fn ticks_move_forward_even_when_the_wall_clock_goes_back() {
        let t1 = Hlc::tick(None, 1_000, A);
        let t2 = Hlc::tick(Some(&t1), 1_000, A);
        let t3 = Hlc::tick(Some(&t2), 500, A);
        let t4 = Hlc::tick(Some(&t3), 2_000, A);
        assert!(t1 < t2 && t2 < t3 && t3 < t4);
        assert_eq!((t3.ms, t3.counter), (1_000, 2));
        assert_eq!((t4.ms, t4.counter), (2_000, 0));
    }

    #[test]
    fn a_value_seen_from_a_computer_ahead_is_passed_by_the_next_tick() {
        let theirs = Hlc::tick(None, 9_000, B);
        let ours = Hlc::tick(Some(&theirs), 1_000, A);
        assert!(ours > theirs, "a change made after seeing theirs is later");
    }

    #[test]
    fn text_order_is_clock_order_and_round_trips() {
        let mut values = [
            Hlc::tick(None, 0xfff, B),
            Hlc::tick(None, 0x1000, A),
            Hlc::tick(Some(&Hlc::tick(None, 0x1000, A)), 0, A),
            Hlc::tick(None, 0x1000, B),
        ];
        let mut texts: Vec<String> = values.iter().map(ToString::to_string).collect();
        values.sort();
        texts.sort();
        assert_eq!(
            texts,
            values.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        for t in &texts {
            assert_eq!(Hlc::parse(t).unwrap().to_string(), *t);
        }
        assert!(Hlc::parse("000000000fff-0000-00bb").is_none());
        assert!(Hlc::parse("not a clock").is_none());
    }

    #[test]
    fn the_clock_gives_values_after_all_it_saw() {
        let mut c = Clock::new("", A);
        let first = c.tick();
        c.saw("ffffffffff00-0000-00000000000000bb");
        let next = c.tick();
        assert!(next > first);
        assert!(next.as_str() > "ffffffffff00-0000-00000000000000bb");
        assert!(next.ends_with(A));
        assert!(
            Clock::new(&c.stored(), A).tick() > next,
            "kept across syncs"
        );
    }

    #[test]
    fn a_full_counter_borrows_the_next_millisecond() {
        let full = Hlc {
            ms: 7,
            counter: u16::MAX,
            device: A.into(),
        };
        let next = Hlc::tick(Some(&full), 7, A);
        assert_eq!((next.ms, next.counter), (8, 0));
        assert!(next > full);
    }
}
