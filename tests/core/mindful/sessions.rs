//! Presets and sessions in a real vault: the person's own timers beside the
//! built-ins, sessions stopped early or added by hand, weekly minutes, and
//! feeling intensity before and after.

use glimmer::charts::Theme;
use glimmer::mindful::{
    self, BellSound, Bells, MindfulChart, NewSession, PresetInput, PresetKind, Timer, week_start,
};
use glimmer::{Error, ErrorCode};
use jiff::civil::Date;
use jiff::{Timestamp, tz::TimeZone};

use crate::util::TempVault;

fn morning() -> PresetInput {
    PresetInput {
        name: "Morning sit".into(),
        seconds: Some(20 * 60),
        delay_seconds: 30,
        bells: Bells::At {
            seconds: vec![600, 0],
        },
        sound: BellSound::Chime,
        strikes: 2,
        prompts: Vec::new(),
    }
}

fn manual(minutes: u32, at: Option<Timestamp>) -> NewSession {
    NewSession {
        preset_id: None,
        name: String::new(),
        started_at: at,
        planned_seconds: Some(minutes * 60),
        actual_seconds: minutes * 60,
        completed: true,
        manual: true,
        intensity_before: None,
        intensity_after: None,
    }
}

#[tokio::test]
async fn the_persons_timers_come_after_the_built_ins_and_are_found_by_name() {
    let tv = TempVault::new().await;
    let m = tv.vault.mindful();
    let mine = m.add_preset(&morning()).await.unwrap();
    assert_eq!(mine.kind, PresetKind::Timer);
    assert!(!mine.builtin && mine.prompts.is_empty() && mine.pacer.is_none());
    assert_eq!(
        mine.bells,
        Bells::At {
            seconds: vec![0, 600]
        }
    );
    uuid::Uuid::parse_str(&mine.id).expect("a uuid");

    let all = m.presets().await.unwrap();
    assert_eq!(all.len(), 10);
    assert!(all[..9].iter().all(|p| p.builtin));
    assert_eq!(all[9], mine);
    assert_eq!(m.preset("MORNING SIT").await.unwrap(), mine);
    assert_eq!(m.preset(&mine.id).await.unwrap(), mine);
    assert_eq!(
        m.preset("a minute of the senses").await.unwrap().id,
        "senses-minute"
    );
    let missing = m.preset("evening sit").await.unwrap_err();
    assert_eq!(missing.code(), ErrorCode::NotFound);
    assert_eq!(missing.to_string(), "No timer matches “evening sit”.");

    for name in ["morning SIT", "Box breathing"] {
        let again = PresetInput {
            name: name.into(),
            ..morning()
        };
        match m.add_preset(&again).await.unwrap_err() {
            Error::Invalid { field, message } => {
                assert_eq!(field, "name");
                assert!(message.contains("already a timer called"), "{message}");
            }
            e => panic!("{e:?}"),
        }
    }
    let bad = PresetInput {
        bells: Bells::Every { seconds: 30 * 60 },
        ..morning()
    };
    let e = m.add_preset(&bad).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "A bell every 30 minutes is longer than the whole timer (20 minutes); choose a shorter interval."
    );

    let e = m.delete_preset("box-breathing").await.unwrap_err();
    assert!(e.to_string().contains("part of Glimmer and stays"), "{e}");
    m.delete_preset("Morning sit").await.unwrap();
    assert_eq!(m.presets().await.unwrap().len(), 9);
    assert_eq!(
        m.delete_preset(&mine.id).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn a_stopped_session_and_a_manual_one_are_logged_and_add_up_by_week() {
    let tv = TempVault::new().await;
    let m = tv.vault.mindful();
    let preset = m.add_preset(&morning()).await.unwrap();

    // Stopped at 7:12 of 20:00.
    let mut t = Timer::new(preset.clone(), 1);
    t.start(0).unwrap();
    let now = 30_000 + 432_000;
    t.tick(now);
    t.stop(now).unwrap();
    let started = Timestamp::now() - jiff::SignedDuration::from_mins(8);
    let mut new = t.new_session(now, started);
    new.intensity_before = Some(2);
    let stopped = m.log(&new).await.unwrap();
    assert_eq!(stopped.preset_id.as_deref(), Some(preset.id.as_str()));
    assert_eq!(stopped.name, "Morning sit");
    assert_eq!(
        (stopped.actual_seconds, stopped.completed, stopped.manual),
        (432, false, false)
    );
    assert_eq!(stopped.planned_seconds, Some(1200));
    assert_eq!(
        stopped.started_at.as_millisecond(),
        started.as_millisecond()
    );
    let after = m.set_intensity_after(stopped.id, Some(5)).await.unwrap();
    assert_eq!(
        (after.intensity_before, after.intensity_after),
        (Some(2), Some(5))
    );

    // Added by hand for yesterday morning.
    // "Today" is the day the stopped session was sat, even just after midnight.
    let zone = TimeZone::system();
    let today = started.to_zoned(zone.clone()).date();
    let yesterday = today.yesterday().unwrap();
    let at = yesterday
        .at(7, 30, 0, 0)
        .to_zoned(zone)
        .unwrap()
        .timestamp();
    let hand = m.log(&manual(15, Some(at))).await.unwrap();
    assert!(hand.manual && hand.completed);
    assert_eq!(hand.name, "Timer", "no name and no preset");

    let list = m.sessions(10).await.unwrap();
    assert_eq!(
        list.iter().map(|s| s.id).collect::<Vec<_>>(),
        [stopped.id, hand.id],
        "newest first"
    );

    let i = m.insights_at(None, today).await.unwrap();
    let total: u32 = i.weeks.iter().map(|w| w.sessions).sum();
    assert_eq!(total, 2);
    assert_eq!(i.weeks.last().unwrap().week_start, week_start(today));
    assert!(
        i.weeks
            .iter()
            .all(|w| w.week_start.weekday() == jiff::civil::Weekday::Monday)
    );
    assert!((i.total_minutes() - (15.0 + 7.2)).abs() < 1e-9, "{i:?}");
    assert_eq!(
        (i.pairs, i.intensity_before, i.intensity_after),
        (1, Some(2.0), Some(5.0))
    );
    // Since today: only today's session.
    let only_today = m.insights_at(Some(today), today).await.unwrap();
    assert_eq!(only_today.weeks.iter().map(|w| w.sessions).sum::<u32>(), 1);

    let svg = mindful::charts::draw(&i, MindfulChart::MinutesPerWeek, Theme::Light).unwrap();
    assert!(svg.contains("Minutes of practice each week") && svg.contains("<rect"));
    let svg = m
        .chart(MindfulChart::Intensity, None, Theme::Dark)
        .await
        .unwrap();
    assert!(svg.contains("2.0 before, 5.0 after"), "{svg}");

    m.delete_session(hand.id).await.unwrap();
    assert_eq!(
        m.delete_session(hand.id).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    let tv = tv.reopen().await;
    let kept = tv.vault.mindful().sessions(10).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].intensity_after, Some(5));
}

#[tokio::test]
async fn sessions_are_checked_with_plain_sentences() {
    let tv = TempVault::new().await;
    let m = tv.vault.mindful();
    let ahead = Timestamp::now() + jiff::SignedDuration::from_hours(3);
    let cases = [
        (manual(10, Some(ahead)), "started_at", "still ahead"),
        (
            NewSession {
                intensity_before: Some(11),
                ..manual(10, None)
            },
            "intensity_before",
            "0 to 10",
        ),
        (
            NewSession {
                actual_seconds: 0,
                ..manual(10, None)
            },
            "actual_seconds",
            "How long was it?",
        ),
        (
            NewSession {
                planned_seconds: Some(0),
                ..manual(10, None)
            },
            "planned_seconds",
            "1 second to 24 hours",
        ),
    ];
    for (s, field, words) in cases {
        match m.log(&s).await.unwrap_err() {
            Error::Invalid { field: f, message } => {
                assert_eq!(f, field);
                assert!(message.contains(words), "{message}");
            }
            e => panic!("{e:?}"),
        }
    }
    let e = m
        .set_intensity_after(uuid::Uuid::now_v7(), Some(3))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(m.sessions(10).await.unwrap().is_empty());
    // A quiet vault has no weeks to show, and its charts say so kindly.
    let i = m.insights(None).await.unwrap();
    assert!(i.weeks.is_empty());
    let svg = m
        .chart(
            MindfulChart::MinutesPerWeek,
            Some(Date::constant(2025, 1, 1)),
            Theme::Light,
        )
        .await
        .unwrap();
    assert!(svg.contains("adds up here week by week"), "{svg}");
}

#[tokio::test]
async fn a_timer_of_ones_own_keeps_its_prompts_in_order_and_rings_them() {
    let tv = TempVault::new().await;
    let m = tv.vault.mindful();
    let line = |at_seconds: u32, text: &str| glimmer::mindful::Prompt {
        at_seconds,
        text: text.into(),
        sense: None,
    };
    let with_prompts = PresetInput {
        name: "Evening sit".into(),
        prompts: vec![
            line(600, " Soften the shoulders. "),
            line(60, "Notice the breath."),
        ],
        ..morning()
    };
    let saved = m.add_preset(&with_prompts).await.unwrap();
    assert_eq!(
        saved.prompts,
        [
            line(60, "Notice the breath."),
            line(600, "Soften the shoulders.")
        ]
    );
    assert_eq!(
        m.preset("evening sit").await.unwrap().prompts,
        saved.prompts
    );

    // They arrive at their moments, after the settling-in delay.
    let mut t = glimmer::mindful::Timer::new(saved.clone(), 1);
    t.start(0).unwrap();
    let delay = u64::from(saved.delay_seconds) * 1000;
    let prompts_by = |t: &mut glimmer::mindful::Timer, ms: u64| {
        t.tick(ms)
            .into_iter()
            .filter(|e| matches!(e, glimmer::mindful::TimerEvent::Prompt { .. }))
            .count()
    };
    assert_eq!(prompts_by(&mut t, delay + 59_999), 0);
    assert_eq!(prompts_by(&mut t, delay + 60_000), 1);
    assert_eq!(
        t.view(delay + 60_000).prompt.unwrap().text,
        "Notice the breath."
    );

    let late = PresetInput {
        name: "Short sit".into(),
        seconds: Some(120),
        bells: Bells::None,
        prompts: vec![line(120, "Too late.")],
        ..morning()
    };
    let e = m.add_preset(&late).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("after the timer has ended"), "{e}");
    let empty = PresetInput {
        name: "Blank sit".into(),
        prompts: vec![line(30, "   ")],
        ..morning()
    };
    assert_eq!(
        m.add_preset(&empty).await.unwrap_err().code(),
        ErrorCode::Invalid
    );
}
