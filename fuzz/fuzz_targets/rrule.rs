//! Plans' repeat rules: a rule that reads writes back (`Display`) as the
//! same rule, and expands into a schedule that agrees with itself.
#![no_main]

use glimmer::activation::Schedule;
use glimmer::activation::recurrence::{End, Instance, Rule};
use jiff::civil::{Date, Time, date, time};
use jiff::tz::TimeZone;
use libfuzzer_sys::fuzz_target;

/// First days and times beside DST changes (Berlin's gap on 28 March 2027,
/// New York's fold on 7 November 2027) and a plan without a time.
const STARTS: [(Date, Option<Time>, &str); 3] = [
    (date(2027, 3, 27), Some(time(2, 30, 0, 0)), "Europe/Berlin"),
    (
        date(2027, 11, 6),
        Some(time(1, 30, 0, 0)),
        "America/New_York",
    ),
    (date(2027, 1, 4), None, "Australia/Lord_Howe"),
];

/// Occurrences looked at per schedule: enough for weeks of several days.
const LOOK: usize = 40;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rule) = Rule::parse(text) else {
        return;
    };
    round_trips(&rule);
    let _ = rule.describe();
    for (start, at, zone) in STARTS {
        let tz = TimeZone::get(zone).expect("a zone jiff knows");
        if let Ok(schedule) = Schedule::new(start, at, tz, Some(rule.clone())) {
            expands(&schedule);
        }
    }
});

fn round_trips(rule: &Rule) {
    let written = rule.to_string();
    let again = Rule::parse(&written).unwrap_or_else(|e| panic!("{written}: {e}"));
    assert_eq!(&again, rule, "{written}");
}

fn expands(s: &Schedule) {
    let rule = s.rule().expect("a repeating schedule");
    // Placing UNTIL in the plan's zone keeps a rule that writes back.
    round_trips(rule);
    let got: Vec<Instance> = s.iter().take(LOOK).collect();
    let days: Vec<Date> = got.iter().map(|i| i.day).collect();
    // `Schedule::new` moves the first day to the first occurrence.
    assert_eq!(days.first(), Some(&s.start()));
    assert!(days.windows(2).all(|w| w[0] < w[1]), "{days:?}");
    if let End::Count(n) = rule.end {
        assert!(got.len() <= n as usize);
    }
    for (i, o) in got.iter().enumerate() {
        assert_eq!(o.at.is_some(), s.time().is_some());
        assert!(s.contains(o.day), "{} is an occurrence", o.day);
        if let Some(next) = got.get(i + 1)
            && let Ok(between) = o.day.tomorrow()
            && between < next.day
        {
            assert!(!s.contains(between), "{between} is not an occurrence");
        }
    }
    // Looking up a later stretch jumps ahead; it must find what walking finds.
    if got.len() >= 2 {
        let (from, to) = (got.len() / 2, got.len() - 1);
        let begins = |o: &Instance| o.at.unwrap_or_else(|| s.instant(o.day));
        let found: Vec<Date> = s
            .between(begins(&got[from]), begins(&got[to]))
            .map(|o| o.day)
            .collect();
        assert_eq!(found, days[from..to], "between {from} and {to}");
    }
}
