//! Repeat rules: wall time kept across DST changes, COUNT and UNTIL, clear
//! refusals, and agreement with python-dateutil on a few hundred random rules.

use glimmer::ErrorCode;
use glimmer::activation::recurrence::{Rule, Schedule};
use jiff::civil::{Date, Time, date, time};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;

use super::zone;

fn schedule(start: Date, at: Option<Time>, tz: &str, rule: &str) -> Schedule {
    Schedule::new(start, at, zone(tz), Some(Rule::parse(rule).unwrap())).unwrap()
}

/// Local wall times (with their offsets) of the first `n` occurrences.
fn local(s: &Schedule, n: usize) -> Vec<String> {
    s.iter()
        .take(n)
        .map(|i| {
            i.at.unwrap()
                .to_zoned(s.tz().clone())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .collect()
}

#[test]
fn daily_plans_keep_their_wall_time_across_both_dst_changes() {
    for tz in ["America/New_York", "Europe/Berlin"] {
        let s = schedule(date(2025, 1, 1), Some(time(9, 0, 0, 0)), tz, "FREQ=DAILY");
        let year: Vec<_> = s.iter().take(365).collect();
        assert_eq!(year.last().unwrap().day, date(2025, 12, 31));
        let mut lengths = Vec::new();
        for pair in year.windows(2) {
            let (a, b) = (pair[0].at.unwrap(), pair[1].at.unwrap());
            let z = b.to_zoned(s.tz().clone());
            assert_eq!((z.hour(), z.minute()), (9, 0), "{tz} {z}");
            assert_eq!(z.date(), pair[1].day);
            let hours = b.duration_since(a).as_hours();
            if hours != 24 {
                lengths.push((pair[1].day, hours));
            }
        }
        // One 23-hour day in spring, one 25-hour day in autumn, nothing else.
        let expected = match tz {
            "America/New_York" => [(date(2025, 3, 9), 23), (date(2025, 11, 2), 25)],
            _ => [(date(2025, 3, 30), 23), (date(2025, 10, 26), 25)],
        };
        assert_eq!(lengths, expected, "{tz}");
    }
}

#[test]
fn weekly_plans_in_the_changing_hour_move_forward_in_a_gap_and_take_the_first_in_a_fold() {
    // The clocks change on Sundays: a Sunday plan at 02:30 meets the gap and
    // (in Berlin) the fold; at 01:30 it meets New York's fold.
    let ny = schedule(
        date(2025, 2, 23),
        Some(time(2, 30, 0, 0)),
        "America/New_York",
        "FREQ=WEEKLY;BYDAY=SU",
    );
    let got = local(&ny, 4);
    assert_eq!(
        got,
        [
            "2025-02-23T02:30:00-05:00",
            "2025-03-02T02:30:00-05:00",
            "2025-03-09T03:30:00-04:00", // 02:30 does not exist: the time after the gap
            "2025-03-16T02:30:00-04:00",
        ]
    );
    let ny_fold = schedule(
        date(2025, 10, 26),
        Some(time(1, 30, 0, 0)),
        "America/New_York",
        "FREQ=WEEKLY",
    );
    assert_eq!(
        local(&ny_fold, 3),
        [
            "2025-10-26T01:30:00-04:00",
            "2025-11-02T01:30:00-04:00", // 01:30 happens twice: the first, still EDT
            "2025-11-09T01:30:00-05:00",
        ]
    );
    let berlin = schedule(
        date(2025, 3, 23),
        Some(time(2, 30, 0, 0)),
        "Europe/Berlin",
        "FREQ=WEEKLY;INTERVAL=31",
    );
    assert_eq!(
        local(&berlin, 3),
        [
            "2025-03-23T02:30:00+01:00",
            "2025-10-26T02:30:00+02:00", // the fold: first, summer time
            "2026-05-31T02:30:00+02:00",
        ]
    );
    let berlin_gap = schedule(
        date(2025, 3, 29),
        Some(time(2, 15, 0, 0)),
        "Europe/Berlin",
        "FREQ=DAILY;COUNT=3",
    );
    assert_eq!(
        local(&berlin_gap, 5),
        [
            "2025-03-29T02:15:00+01:00",
            "2025-03-30T03:15:00+02:00",
            "2025-03-31T02:15:00+02:00",
        ]
    );
}

#[test]
fn count_and_until_are_honoured() {
    let tz = "Europe/Berlin";
    let nine = Some(time(9, 0, 0, 0));
    let count = schedule(
        date(2025, 3, 24),
        nine,
        tz,
        "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5",
    );
    let days: Vec<Date> = count.iter().map(|i| i.day).collect();
    assert_eq!(
        days,
        [
            date(2025, 3, 24),
            date(2025, 3, 26),
            date(2025, 3, 31),
            date(2025, 4, 2),
            date(2025, 4, 7)
        ]
    );
    // UNTIL is inclusive, and compared as an instant: 07:00Z is 09:00 in Berlin.
    let until = schedule(
        date(2025, 3, 28),
        nine,
        tz,
        "FREQ=DAILY;UNTIL=20250401T070000Z",
    );
    assert_eq!(until.iter().count(), 5);
    let just_before = schedule(
        date(2025, 3, 28),
        nine,
        tz,
        "FREQ=DAILY;UNTIL=20250401T065959Z",
    );
    assert_eq!(just_before.iter().count(), 4);
    // A date UNTIL means through that day, and is written back as RFC 5545 asks.
    let by_day = schedule(date(2025, 3, 28), nine, tz, "FREQ=DAILY;UNTIL=20250401");
    assert_eq!(by_day.iter().count(), 5);
    assert_eq!(
        by_day.rule().unwrap().to_string(),
        "FREQ=DAILY;UNTIL=20250401T070000Z"
    );
    // Without a time of day, UNTIL is a date.
    let sometime = schedule(
        date(2025, 3, 28),
        None,
        tz,
        "FREQ=DAILY;UNTIL=20250401T070000Z",
    );
    assert_eq!(sometime.iter().count(), 5);
    assert_eq!(
        sometime.rule().unwrap().to_string(),
        "FREQ=DAILY;UNTIL=20250401"
    );
    // A start that is not one of the rule's days moves to the first that is.
    let synced = schedule(
        date(2025, 3, 25),
        nine,
        tz,
        "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=2",
    );
    assert_eq!(synced.start(), date(2025, 3, 26));
    assert_eq!(synced.iter().count(), 2);
    // Once: a single occurrence.
    let once = Schedule::new(date(2025, 3, 25), nine, zone(tz), None).unwrap();
    assert_eq!(once.iter().count(), 1);
}

#[test]
fn between_finds_the_same_occurrences_as_counting_from_the_start() {
    let s = schedule(
        date(2024, 1, 3),
        Some(time(7, 45, 0, 0)),
        "America/New_York",
        "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SA;WKST=SU",
    );
    let all: Vec<_> = s.iter().take(400).collect();
    let from: Timestamp = "2025-03-01T00:00:00Z".parse().unwrap();
    let to = from + SignedDuration::from_hours(24 * 200);
    let expected: Vec<_> = all
        .iter()
        .filter(|i| (from..to).contains(&i.at.unwrap()))
        .copied()
        .collect();
    assert!(expected.len() > 10);
    assert_eq!(s.between(from, to).collect::<Vec<_>>(), expected);
    // A day without a time is in a window that overlaps the day.
    let day = Schedule::new(
        date(2025, 3, 1),
        None,
        zone("Europe/Berlin"),
        Some(Rule::daily()),
    )
    .unwrap();
    let noon: Timestamp = "2025-03-05T11:00:00Z".parse().unwrap();
    let days: Vec<Date> = day
        .between(noon, noon + SignedDuration::from_hours(1))
        .map(|i| i.day)
        .collect();
    assert_eq!(days, [date(2025, 3, 5)]);
}

#[test]
fn invalid_rules_are_refused_with_a_clear_sentence() {
    for (rule, words) in [
        ("", "empty"),
        ("FREQ=MONTHLY", "daily or weekly"),
        ("FREQ=FORTNIGHTLY", "not a frequency"),
        ("INTERVAL=2", "needs FREQ"),
        ("FREQ=DAILY;INTERVAL=0", "whole number from 1"),
        ("FREQ=DAILY;INTERVAL=two", "whole number from 1"),
        ("FREQ=DAILY;COUNT=-1", "whole number from 1"),
        ("FREQ=WEEKLY;BYDAY=MO,XX", "“XX” is not a day"),
        ("FREQ=WEEKLY;BYDAY=1MO", "within a month"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20250101", "not both"),
        ("FREQ=DAILY;UNTIL=2025-01-01", "not a date"),
        ("FREQ=DAILY;UNTIL=20250231", "not a date"),
        ("FREQ=DAILY;FREQ=WEEKLY", "appears twice"),
        ("FREQ=DAILY;BYMONTH=3", "do not use"),
        ("FREQ=DAILY;COLOUR=blue", "not part of a repeat rule"),
        ("FREQ=DAILY;INTERVAL", "needs a value"),
    ] {
        let e = Rule::parse(rule).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Invalid, "{rule}");
        assert!(
            matches!(
                &e,
                glimmer::Error::Invalid {
                    field: "repeat",
                    ..
                }
            ),
            "{rule}"
        );
        let text = e.to_string();
        assert!(text.contains(words), "{rule}: {text}");
        assert!(text.ends_with('.'), "one sentence: {text}");
    }
    // Rules that read but could never come round.
    let tz = zone("Europe/Berlin");
    let monday = date(2025, 3, 24);
    for (rule, words) in [
        ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "never lands on Tuesday"),
        ("FREQ=DAILY;UNTIL=20250101", "before the first day"),
    ] {
        let e =
            Schedule::new(monday, None, tz.clone(), Some(Rule::parse(rule).unwrap())).unwrap_err();
        assert!(e.to_string().contains(words), "{rule}: {e}");
    }
}

#[derive(Deserialize)]
struct Fixture {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    tz: String,
    start: Date,
    time: Option<Time>,
    rule: String,
    complete: bool,
    occurrences: Vec<String>,
}

/// scripts/gen-rrule-fixtures.py expanded these with python-dateutil.
#[test]
fn expansion_agrees_with_python_dateutil() {
    let fixture: Fixture = serde_json::from_str(include_str!("../fixtures/rrule.json")).unwrap();
    assert!(fixture.cases.len() >= 300);
    let (mut compared, mut windows) = (0, 0);
    for c in &fixture.cases {
        let what = format!("{} {} {:?} {}", c.tz, c.start, c.time, c.rule);
        let rule = Rule::parse(&c.rule).unwrap_or_else(|e| panic!("{what}: {e}"));
        let made = Schedule::new(c.start, c.time, zone(&c.tz), Some(rule));
        if c.occurrences.is_empty() {
            assert!(made.is_err(), "{what}: dateutil has no occurrence");
            continue;
        }
        let s = made.unwrap_or_else(|e| panic!("{what}: {e}"));
        let n = c.occurrences.len() + usize::from(c.complete);
        let got: Vec<String> = s
            .iter()
            .take(n)
            .map(|i| match i.at {
                Some(at) => at
                    .to_zoned(s.tz().clone())
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string(),
                None => i.day.to_string(),
            })
            .collect();
        assert_eq!(got, c.occurrences, "{what}");
        compared += got.len();
        // A window from the second occurrence to the last finds the same ones.
        if c.time.is_some() && c.occurrences.len() >= 3 {
            let at = |k: usize| s.iter().nth(k).unwrap().at.unwrap();
            let last = c.occurrences.len() - 1;
            let inside: Vec<_> = s.between(at(1), at(last)).map(|i| i.at.unwrap()).collect();
            assert_eq!(inside, (1..last).map(at).collect::<Vec<_>>(), "{what}");
            windows += 1;
        }
    }
    assert!(
        compared > 5000 && windows > 100,
        "{compared} occurrences, {windows} windows"
    );
}
