//! The .ics export, read back with an independent parser (the `ical` crate).

use std::io::BufReader;

use glimmer::activation::recurrence::{Rule, Schedule};
use jiff::Timestamp;
use jiff::civil::{Date, DateTime, date, time};

use super::{plan, zone};
use crate::util::TempVault;

fn param<'a>(p: &'a ical::property::Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

#[tokio::test]
async fn plans_round_trip_through_an_independent_icalendar_parser() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    let weekly = plan(
        v,
        "Go for a short walk",
        date(2025, 3, 3),
        Some(time(2, 30, 0, 0)),
        "America/New_York",
        Some("FREQ=WEEKLY;BYDAY=MO,SU;UNTIL=20250601"),
        Some(30),
    )
    .await;
    let daily = plan(
        v,
        "Savour one small pleasant moment",
        date(2025, 10, 20),
        None,
        "Europe/Berlin",
        Some("FREQ=DAILY;INTERVAL=2;COUNT=10"),
        None,
    )
    .await;
    let once = plan(
        v,
        "Open the post",
        date(2025, 10, 26),
        Some(time(2, 30, 0, 0)),
        "Europe/Berlin",
        None,
        None,
    )
    .await;
    let now: Timestamp = "2025-01-01T12:00:00Z".parse().unwrap();
    let text = v.plans().export_ics(now).await.unwrap();
    assert!(
        text.lines().all(|l| l.len() <= 76),
        "folded at 75 octets plus CR"
    );
    assert!(text.ends_with("END:VCALENDAR\r\n"));

    let cal = ical::IcalParser::new(BufReader::new(text.as_bytes()))
        .next()
        .expect("one calendar")
        .expect("it parses");
    let zones: Vec<String> = cal
        .timezones
        .iter()
        .filter_map(|z| {
            z.properties
                .iter()
                .find(|p| p.name == "TZID")?
                .value
                .clone()
        })
        .collect();
    assert_eq!(zones, ["America/New_York", "Europe/Berlin"]);
    let ny = &cal.timezones[0];
    assert!(ny.transitions.len() >= 20, "ten years and more of changes");
    assert_eq!(cal.events.len(), 3);

    for (p, event) in [&weekly, &daily, &once].into_iter().zip(&cal.events) {
        let prop = |name: &str| {
            event
                .properties
                .iter()
                .find(|x| x.name == name)
                .unwrap_or_else(|| panic!("{name} in {}", p.activity.name))
        };
        assert_eq!(
            prop("UID").value.as_deref(),
            Some(format!("{}@glimmer", p.id).as_str())
        );
        assert_eq!(
            prop("SUMMARY").value.as_deref(),
            Some(p.activity.name.as_str())
        );
        let start = prop("DTSTART");
        let value = start.value.as_deref().unwrap();
        // Rebuild the schedule from what the parser read.
        let (day, at, tz) = match param(start, "TZID") {
            Some(tz) => {
                let dt = DateTime::strptime("%Y%m%dT%H%M%S", value).unwrap();
                (dt.date(), Some(dt.time()), tz.to_string())
            }
            None => {
                assert_eq!(param(start, "VALUE"), Some("DATE"));
                (Date::strptime("%Y%m%d", value).unwrap(), None, p.tz.clone())
            }
        };
        assert_eq!(tz, p.tz);
        let rule = event
            .properties
            .iter()
            .find(|x| x.name == "RRULE")
            .map(|r| Rule::parse(r.value.as_deref().unwrap()).unwrap());
        assert_eq!(
            rule.as_ref().map(Rule::to_string),
            p.rule,
            "the rule as stored"
        );
        let read = Schedule::new(day, at, zone(&tz), rule).unwrap();
        let ours = p.schedule().unwrap();
        let a: Vec<_> = read.iter().take(60).collect();
        let b: Vec<_> = ours.iter().take(60).collect();
        assert_eq!(a, b, "{}", p.activity.name);
    }
    // RFC 5545's UTC UNTIL for a plan with a time; the gap on 9 March moves to 03:30.
    assert_eq!(
        weekly.rule.as_deref(),
        Some("FREQ=WEEKLY;BYDAY=MO,SU;UNTIL=20250601T063000Z")
    );
    let march9 = weekly
        .schedule()
        .unwrap()
        .iter()
        .find(|i| i.day == date(2025, 3, 9))
        .unwrap();
    assert_eq!(march9.at.unwrap().to_string(), "2025-03-09T07:30:00Z");
    let alarm = &cal.events[0].alarms[0];
    let trigger = alarm
        .properties
        .iter()
        .find(|p| p.name == "TRIGGER")
        .unwrap();
    assert_eq!(trigger.value.as_deref(), Some("-PT30M"));
    assert!(
        cal.events[2].properties.iter().all(|p| p.name != "RRULE"),
        "once"
    );
}

/// Names with control characters are refused, so none reaches the `.ics`
/// file: it holds no control character but its CRLF line ends.
#[tokio::test]
async fn no_control_character_reaches_the_ics_file() {
    use glimmer::activation::{ActivityInput, LifeArea};
    let tv = TempVault::new().await;
    let v = &tv.vault;
    let named = |name: &str| ActivityInput {
        name: Some(name.into()),
        area: Some(LifeArea::MindBody),
        tiny: Some("A cup, \u{1b}[5mslowly".into()),
        ..ActivityInput::default()
    };
    let refused = v.activities().add(&named("Tea\u{7} and toast")).await;
    assert_eq!(refused.unwrap_err().code(), glimmer::ErrorCode::Invalid);
    let refused = v.activities().add(&named("Tea and toast")).await;
    assert_eq!(refused.unwrap_err().code(), glimmer::ErrorCode::Invalid);
    v.activities()
        .add(&ActivityInput {
            name: Some("Tea and toast".into()),
            area: Some(LifeArea::MindBody),
            ..ActivityInput::default()
        })
        .await
        .unwrap();
    plan(
        v,
        "Tea and toast",
        date(2025, 3, 3),
        Some(time(8, 0, 0, 0)),
        "Europe/Berlin",
        None,
        Some(10),
    )
    .await;
    let ics = v.plans().export_ics(Timestamp::now()).await.unwrap();
    assert!(ics.contains("SUMMARY:Tea and toast"), "{ics}");
    let stray: Vec<char> = ics
        .chars()
        .filter(|c| c.is_control() && *c != '\r' && *c != '\n')
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}
