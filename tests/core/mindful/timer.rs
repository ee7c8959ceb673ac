//! The timer on an injected clock: every transition, pauses left out of the
//! practice time, bells and prompts at their exact moments, and no drift.

use glimmer::mindful::{BellSound, Bells, PresetInput, Timer, TimerEvent, TimerState, builtins};
use glimmer::{Error, ErrorCode};

const MIN: u64 = 60_000;

fn timer(seconds: Option<u32>, delay: u32, bells: Bells) -> Timer {
    let preset = PresetInput {
        name: "Sit".into(),
        seconds,
        delay_seconds: delay,
        bells,
        sound: BellSound::Bowl,
        strikes: 1,
        prompts: Vec::new(),
    }
    .unsaved()
    .unwrap();
    Timer::new(preset, 7)
}

/// Runs the timer as the shell would: sleep until the next event, tick.
/// Returns each event with the clock reading it came at.
fn run_to_end(t: &mut Timer, start: u64) -> Vec<(u64, TimerEvent)> {
    let mut seen: Vec<(u64, TimerEvent)> = t
        .start(start)
        .unwrap()
        .into_iter()
        .map(|e| (start, e))
        .collect();
    while let Some(at) = t.next_event_ms() {
        seen.extend(t.tick(at).into_iter().map(|e| (at, e)));
    }
    seen
}

fn refused(r: glimmer::Result<impl std::fmt::Debug>) -> String {
    match r {
        Err(e @ Error::Invalid { field: "timer", .. }) => {
            assert_eq!(e.code(), ErrorCode::Invalid);
            let m = e.to_string();
            assert!(m.ends_with('.') && !m.contains("Invalid"), "{m}");
            m
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn every_transition_and_every_illegal_one() {
    let mut t = timer(Some(600), 10, Bells::None);
    assert_eq!(t.state(), TimerState::Ready);
    assert!(refused(t.pause(0)).contains("hasn't started"));
    assert!(refused(t.resume(0)).contains("hasn't started"));
    assert!(refused(t.stop(0)).contains("hasn't started"));
    assert_eq!(t.tick(50), vec![], "a timer not started does nothing");

    assert_eq!(t.start(1_000).unwrap(), vec![]);
    assert_eq!(t.state(), TimerState::SettlingIn);
    assert!(refused(t.start(1_001)).contains("already going"));
    assert!(refused(t.resume(1_001)).contains("already going"));
    assert_eq!(t.view(4_000).delay_left_ms, 7_000);

    // Paused while settling in, and back to settling in.
    t.pause(5_000).unwrap();
    assert_eq!(t.state(), TimerState::Paused);
    assert!(refused(t.pause(5_001)).contains("already paused"));
    assert_eq!(t.next_event_ms(), None);
    t.resume(8_000).unwrap();
    assert_eq!(t.state(), TimerState::SettlingIn);
    assert_eq!(t.next_event_ms(), Some(14_000));
    assert_eq!(t.tick(13_999), vec![]);
    assert_eq!(t.tick(14_000), vec![TimerEvent::SettledIn]);
    assert_eq!(t.state(), TimerState::Running);

    t.pause(20_000).unwrap();
    t.resume(30_000).unwrap();
    assert_eq!(t.state(), TimerState::Running);
    assert_eq!(t.elapsed_ms(30_000), 6_000);
    t.stop(31_000).unwrap();
    assert_eq!(t.state(), TimerState::Stopped);
    assert_eq!(t.elapsed_ms(99_000), 7_000, "stopped time stays put");
    for m in [
        refused(t.start(32_000)),
        refused(t.pause(32_000)),
        refused(t.resume(32_000)),
        refused(t.stop(32_000)),
    ] {
        assert!(m.contains("finished"), "{m}");
    }
    assert_eq!(t.tick(10 * MIN), vec![]);

    // Completed refuses the same way.
    let mut done = timer(Some(1), 0, Bells::None);
    assert_eq!(done.start(0).unwrap(), vec![TimerEvent::SettledIn]);
    assert_eq!(
        done.state(),
        TimerState::Running,
        "no delay: running at once"
    );
    assert_eq!(done.tick(1_000), vec![TimerEvent::Completed]);
    assert_eq!(done.state(), TimerState::Completed);
    assert!(refused(done.pause(1_001)).contains("finished"));
    assert!(refused(done.stop(1_001)).contains("finished"));
    assert!(refused(done.start(1_001)).contains("finished"));
    assert_eq!(done.next_event_ms(), None);
}

#[test]
fn pauses_are_left_out_of_the_practice_time_and_push_the_end_exactly() {
    let mut t = timer(Some(60), 0, Bells::None);
    t.start(1_000).unwrap();
    t.pause(11_000).unwrap();
    assert_eq!(t.elapsed_ms(500_000), 10_000);
    assert_eq!(t.view(500_000).remaining_ms, Some(50_000));
    t.resume(500_000).unwrap();
    assert_eq!(t.elapsed_ms(510_000), 20_000);
    let end = 1_000 + 60_000 + 489_000;
    assert_eq!(t.next_event_ms(), Some(end));
    assert_eq!(t.tick(end - 1), vec![]);
    assert_eq!(t.tick(end), vec![TimerEvent::Completed]);
    assert_eq!(t.elapsed_ms(end + 5_000), 60_000);
}

#[test]
fn completion_comes_once_however_often_it_ticks() {
    let mut t = timer(Some(3), 2, Bells::Every { seconds: 1 });
    let mut events = t.start(0).unwrap();
    for now in (0..20_000).step_by(7) {
        events.extend(t.tick(now));
    }
    let completed = events
        .iter()
        .filter(|e| **e == TimerEvent::Completed)
        .count();
    assert_eq!(completed, 1);
    assert_eq!(events.last(), Some(&TimerEvent::Completed));
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, TimerEvent::Bell { .. }))
            .count(),
        2,
        "bells at 1 s and 2 s; the end at 3 s is the completion"
    );
}

#[test]
fn a_ten_minute_timer_with_a_bell_every_two_rings_at_2_4_6_8_and_ends_at_10() {
    let mut t = timer(Some(600), 0, Bells::Every { seconds: 120 });
    let bell = |index| TimerEvent::Bell { index, strikes: 1 };
    assert_eq!(
        run_to_end(&mut t, 0),
        [
            (0, TimerEvent::SettledIn),
            (2 * MIN, bell(0)),
            (4 * MIN, bell(1)),
            (6 * MIN, bell(2)),
            (8 * MIN, bell(3)),
            (10 * MIN, TimerEvent::Completed),
        ]
    );
    assert_eq!(t.view(11 * MIN).bells_rung, 4);
    assert_eq!(t.view(11 * MIN).remaining_ms, Some(0));
}

#[test]
fn bells_at_0_25_and_30_minutes_are_accepted_and_ring_from_the_end_of_the_delay() {
    let input = PresetInput {
        name: "Half hour".into(),
        seconds: Some(30 * 60),
        delay_seconds: 15,
        bells: Bells::At {
            seconds: vec![0, 25 * 60, 30 * 60],
        },
        sound: BellSound::Wood,
        strikes: 3,
        prompts: Vec::new(),
    };
    let mut t = Timer::new(input.unsaved().unwrap(), 1);
    let bell = |index| TimerEvent::Bell { index, strikes: 3 };
    assert_eq!(
        run_to_end(&mut t, 0),
        [
            (15_000, TimerEvent::SettledIn),
            (15_000, bell(0)),
            (15_000 + 25 * MIN, bell(1)),
            // The bell listed at the end is the completion's own.
            (15_000 + 30 * MIN, TimerEvent::Completed),
        ]
    );
}

#[test]
fn random_bells_are_reproducible_from_the_seed_and_inside_their_range() {
    let bells = Bells::Random {
        count: 4,
        min_seconds: 60,
        max_seconds: 540,
    };
    let times = |seed| {
        let preset = PresetInput {
            name: "Random".into(),
            seconds: Some(600),
            delay_seconds: 0,
            bells: bells.clone(),
            sound: BellSound::Chime,
            strikes: 1,
            prompts: Vec::new(),
        }
        .unsaved()
        .unwrap();
        let mut t = Timer::new(preset, seed);
        run_to_end(&mut t, 0)
            .into_iter()
            .filter(|(_, e)| matches!(e, TimerEvent::Bell { .. }))
            .map(|(at, _)| at)
            .collect::<Vec<u64>>()
    };
    let a = times(42);
    assert_eq!(a.len(), 4);
    assert_eq!(a, times(42));
    assert_ne!(a, times(43));
    assert!(a.windows(2).all(|w| w[0] <= w[1]), "{a:?}");
    assert!(a.iter().all(|t| (MIN..9 * MIN).contains(t)), "{a:?}");
}

#[test]
fn the_senses_minute_prompts_arrive_at_their_offsets() {
    let senses = builtins().remove(0);
    assert_eq!(senses.id, "senses-minute");
    let mut t = Timer::new(senses, 0);
    let start = 5_000;
    let seen = run_to_end(&mut t, start);
    let prompts: Vec<(u64, u32)> = seen
        .iter()
        .filter_map(|(at, e)| match e {
            TimerEvent::Prompt { index } => Some((at - start, *index)),
            _ => None,
        })
        .collect();
    assert_eq!(
        prompts,
        [(0, 0), (10_000, 1), (25_000, 2), (40_000, 3), (50_000, 4)]
    );
    assert_eq!(seen.last(), Some(&(start + 60_000, TimerEvent::Completed)));
    assert!(
        !seen
            .iter()
            .any(|(_, e)| matches!(e, TimerEvent::Bell { .. })),
        "one bell at the end, none on the way"
    );

    // Between prompts the view shows the latest one reached.
    let mut t = Timer::new(builtins().remove(0), 0);
    t.start(0).unwrap();
    t.tick(30_000);
    let shown = t.view(30_000).prompt.unwrap();
    assert_eq!(shown.sense.as_deref(), Some("texture"));
    assert!(shown.text.contains("texture"));
}

#[test]
fn stopping_at_7_12_of_10_00_is_logged_as_7_minutes_12_seconds_stopped_early() {
    let mut t = timer(Some(600), 10, Bells::Every { seconds: 120 });
    t.start(0).unwrap();
    t.tick(200_000);
    t.pause(200_000).unwrap();
    t.resume(260_000).unwrap();
    // 10 s settling in + 60 s paused + 432 s of practice.
    let now = 10_000 + 60_000 + 432_000;
    assert_eq!(t.tick(now).len(), 2, "the bells at 4 and 6 minutes");
    t.stop(now).unwrap();
    let started = jiff::Timestamp::now();
    let s = t.new_session(now + 9_999, started);
    assert_eq!(s.actual_seconds, 432);
    assert_eq!(s.planned_seconds, Some(600));
    assert!(!s.completed && !s.manual);
    assert_eq!(s.started_at, Some(started));
    assert_eq!(s.preset_id, None, "a one-off timer names no preset");
}

#[test]
fn stopping_after_the_end_before_the_tick_counts_as_completed() {
    let mut t = timer(Some(60), 0, Bells::None);
    t.start(0).unwrap();
    t.stop(61_000).unwrap();
    assert_eq!(t.state(), TimerState::Completed);
    let s = t.new_session(61_000, jiff::Timestamp::now());
    assert_eq!((s.actual_seconds, s.completed), (60, true));
}

#[test]
fn a_tick_while_paused_reports_what_came_due_before_the_pause() {
    let mut t = timer(Some(600), 0, Bells::Every { seconds: 60 });
    t.start(0).unwrap();
    t.pause(150_000).unwrap();
    let bell = |index| TimerEvent::Bell { index, strikes: 1 };
    assert_eq!(t.tick(900_000), vec![bell(0), bell(1)]);
    assert_eq!(t.state(), TimerState::Paused);
    t.resume(900_000).unwrap();
    assert_eq!(t.next_event_ms(), Some(900_000 + 30_000));
}

#[test]
fn an_open_ended_timer_never_completes_and_is_stopped_whole() {
    let mut t = timer(None, 0, Bells::Every { seconds: 300 });
    t.start(0).unwrap();
    let events = t.tick(4 * 60 * MIN);
    assert_eq!(events.len(), 48, "a bell every 5 minutes for 4 hours");
    assert!(!events.contains(&TimerEvent::Completed));
    assert_eq!(t.view(4 * 60 * MIN).remaining_ms, None);
    assert_eq!(t.next_event_ms(), Some(4 * 60 * MIN + 5 * MIN));
    t.stop(4 * 60 * MIN + 1_500).unwrap();
    assert_eq!(t.state(), TimerState::Stopped);
    let s = t.new_session(4 * 60 * MIN + 1_500, jiff::Timestamp::now());
    assert_eq!(s.actual_seconds, 4 * 3600 + 1);
    assert_eq!(s.planned_seconds, None);
    assert!(s.completed, "open-ended has no end to fall short of");

    let mut quiet = timer(None, 0, Bells::None);
    quiet.start(0).unwrap();
    assert_eq!(quiet.next_event_ms(), None, "nothing to wake for");
    assert_eq!(quiet.elapsed_ms(3 * MIN), 3 * MIN);
}

/// The benchmark row "Timer accuracy, injected clock": a 60-minute timer
/// ticked at uneven moments with pauses, as a busy machine would, ends
/// exactly at start + delay + pauses + 60 minutes.
#[test]
fn a_sixty_minute_timer_ends_without_drift() {
    let mut t = timer(Some(3600), 15, Bells::Every { seconds: 600 });
    let start = 987_654_321;
    t.start(start).unwrap();
    let mut now = start;
    let mut paused = 0;
    let mut step = 1u64;
    let mut completed_at = None;
    let mut expected_end = None;
    while completed_at.is_none() {
        // Uneven steps: 1 ms to ~1.9 s.
        step = (step * 7_919 + 13) % 1_931 + 1;
        now += step;
        if now - start > 1_000_000 && paused == 0 {
            t.pause(now).unwrap();
            t.resume(now + 123_457).unwrap();
            paused = 123_457;
            now += paused;
        }
        if expected_end.is_none() && t.next_event_ms() == Some(start + 15_000 + paused + 3_600_000)
        {
            expected_end = t.next_event_ms();
        }
        if t.tick(now).contains(&TimerEvent::Completed) {
            completed_at = Some(now);
        }
    }
    let end = start + 15_000 + paused + 3_600_000;
    assert_eq!(expected_end, Some(end), "the end was known exactly ahead");
    let late = completed_at.unwrap() - end;
    assert!(
        late < 1_931,
        "reported at the first tick past the end: {late} ms"
    );
    assert_eq!(t.elapsed_ms(completed_at.unwrap()), 3_600_000);

    // Woken exactly at next_event_ms, as the shell and CLI sleep: 0 ms drift.
    let mut t = timer(Some(3600), 15, Bells::Every { seconds: 600 });
    let seen = run_to_end(&mut t, start);
    assert_eq!(
        seen.last(),
        Some(&(start + 15_000 + 3_600_000, TimerEvent::Completed))
    );
}

#[test]
fn events_and_states_have_the_agreed_json_shapes() {
    let j = |v: serde_json::Value| v.to_string();
    assert_eq!(
        j(serde_json::to_value(TimerEvent::Bell {
            index: 2,
            strikes: 3
        })
        .unwrap()),
        r#"{"index":2,"kind":"bell","strikes":3}"#
    );
    assert_eq!(
        j(serde_json::to_value(TimerEvent::SettledIn).unwrap()),
        r#"{"kind":"settled_in"}"#
    );
    assert_eq!(
        serde_json::to_value(TimerState::SettlingIn).unwrap(),
        "settling_in"
    );
    let bells: Bells =
        serde_json::from_str(r#"{"kind":"random","count":2,"min_seconds":5,"max_seconds":9}"#)
            .unwrap();
    assert_eq!(
        bells,
        Bells::Random {
            count: 2,
            min_seconds: 5,
            max_seconds: 9
        }
    );
    assert_eq!(
        j(serde_json::to_value(Bells::Every { seconds: 120 }).unwrap()),
        r#"{"kind":"every","seconds":120}"#
    );
    let senses = serde_json::to_value(&builtins()[0]).unwrap();
    assert_eq!(senses["kind"], "senses");
    assert_eq!(senses["sound"], "bowl");
    assert_eq!(senses["bells"], serde_json::json!({"kind": "none"}));
    let four = builtins().into_iter().find(|p| p.id == "breathing-478");
    assert_eq!(
        four.and_then(|p| p.pacer)
            .map(|p| serde_json::to_value(p).unwrap()),
        Some("four_seven_eight".into())
    );
}
