//! The gentle ways in: 4-7-8 stops after four breaths at any pace, every
//! pacer says first that light-headedness means stop, a pattern without
//! holds, a pace that is remembered, body scans that open with the person's
//! choices, and a scan that stays outside the body.

use glimmer::Settings;
use glimmer::mindful::{
    Breath, LIGHT_HEADED, Pace, Pacer, Preset, PresetKind, Timer, TimerEvent, TimerState, builtins,
};

use crate::util::TempVault;

fn builtin(id: &str) -> Preset {
    builtins().into_iter().find(|p| p.id == id).unwrap()
}

#[test]
fn four_seven_eight_stops_after_four_breaths_at_every_pace() {
    for pace in [Pace::Slower, Pace::Usual, Pace::Faster] {
        let preset = builtin("breathing-478").at_pace(pace);
        let breath = Pacer::FourSevenEight.breath_ms(pace);
        let delay = u64::from(preset.delay_seconds) * 1000;
        let mut t = Timer::new(preset, 1);
        t.start(0).unwrap();
        assert_eq!(
            t.tick(delay),
            [TimerEvent::SettledIn, TimerEvent::Prompt { index: 0 }]
        );
        // The whole of the fourth out-breath, and not a moment of a fifth breath.
        let last = delay + 4 * breath - 1;
        assert_eq!(t.tick(last), [], "{pace:?}");
        assert_eq!(
            Pacer::FourSevenEight.phase_at(pace, t.elapsed_ms(last)),
            ("Breathe out", 1)
        );
        assert_eq!(t.next_event_ms(), Some(delay + 4 * breath), "{pace:?}");
        assert_eq!(t.tick(last + 1), [TimerEvent::Completed], "{pace:?}");
        assert_eq!(t.state(), TimerState::Completed);
        assert_eq!(t.elapsed_ms(last + 60_000), 4 * breath);
    }
}

#[test]
fn every_pacer_says_once_before_it_starts_that_light_headedness_means_stop() {
    let pacers: Vec<Preset> = builtins()
        .into_iter()
        .filter(|p| p.pacer.is_some())
        .collect();
    assert_eq!(pacers.len(), 3);
    for p in &pacers {
        assert_eq!(p.opening.as_deref(), Some(LIGHT_HEADED), "{}", p.name);
        assert_eq!(
            LIGHT_HEADED,
            "If you feel light-headed, stop and breathe normally."
        );
        // There is a moment to read it before the first breath, and it is not
        // repeated as a prompt along the way.
        assert!(p.delay_seconds >= 5, "{}", p.name);
        assert!(p.prompts.iter().all(|x| !x.text.contains("light-headed")));
    }
    // A plain timer says nothing before it starts.
    assert_eq!(builtin("senses-minute").opening, None);
}

#[test]
fn the_pattern_without_holds_and_the_pace_change_how_long_each_part_lasts() {
    let mut t = Timer::new(builtin("breathing-4-6").at_pace(Pace::Slower), 1);
    t.start(0).unwrap();
    let v = t.view(5_000);
    let parts: Vec<(Breath, u32)> = v.phases.iter().map(|p| (p.breath, p.ms)).collect();
    assert_eq!(parts, [(Breath::In, 5_000), (Breath::Out, 7_500)]);
    assert_eq!(v.phases[1].label, "Breathe out");
    // Twelve breaths of 12.5 s.
    assert_eq!(v.remaining_ms, Some(150_000));

    let usual = Timer::new(builtin("breathing-4-6"), 1).view(0);
    let faster = Timer::new(builtin("breathing-4-6").at_pace(Pace::Faster), 1).view(0);
    let ms = |v: &glimmer::mindful::TimerView| v.phases.iter().map(|p| p.ms).collect::<Vec<_>>();
    assert_eq!(ms(&usual), [4_000, 6_000]);
    assert_eq!(ms(&faster), [3_000, 4_500]);
    assert_eq!(usual.remaining_ms, Some(120_000));
    assert_eq!(faster.remaining_ms, Some(90_000));
    // Without a pacer there is nothing to draw.
    assert!(Timer::new(builtin("savor"), 1).view(0).phases.is_empty());
}

#[tokio::test]
async fn the_pace_is_remembered_in_the_settings() {
    let tv = TempVault::new().await;
    let store = tv.vault.settings();
    assert_eq!(store.load().await.unwrap().breath_pace, Pace::Usual);
    let slower = Settings {
        breath_pace: Pace::Slower,
        ..Settings::default()
    };
    store.save(&slower).await.unwrap();
    assert_eq!(store.load().await.unwrap().breath_pace, Pace::Slower);
    // Settings written before there was a pace keep the usual one.
    let old: Settings = serde_json::from_str(r#"{"bell_volume": 40}"#).unwrap();
    assert_eq!(old.breath_pace, Pace::Usual);
    assert_eq!(
        serde_json::to_value(&slower).unwrap()["breath_pace"],
        "slower"
    );
}

#[test]
fn body_scans_open_with_the_persons_choices() {
    let scans: Vec<Preset> = builtins()
        .into_iter()
        .filter(|p| p.kind == PresetKind::BodyScan)
        .collect();
    assert_eq!(scans.len(), 3);
    for p in &scans {
        let opening = p.opening.as_deref().expect("an opening").to_lowercase();
        for choice in [
            "eyes can stay open",
            "skip any part",
            "feet",
            "the room",
            "stopping is always fine",
        ] {
            assert!(
                opening.contains(choice),
                "{}: {opening} lacks {choice:?}",
                p.name
            );
        }
        // Time to read it before the scan begins.
        assert!(p.delay_seconds >= 15, "{}", p.name);
    }
}

#[test]
fn a_short_scan_stays_outside_the_body() {
    let p = builtin("around-you");
    assert_eq!(p.kind, PresetKind::Senses);
    assert!(p.seconds.unwrap() <= 180, "short");
    let text = p
        .prompts
        .iter()
        .map(|x| x.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    for outside in ["sound", "light", "chair"] {
        assert!(text.contains(outside), "{text} lacks {outside:?}");
    }
    // Nothing asks attention inside the body.
    for inside in [
        "breath",
        "belly",
        "chest",
        "heart",
        "shoulders",
        "jaw",
        "feel in your",
    ] {
        assert!(!text.contains(inside), "{inside:?} in {text}");
    }
    let opening = p.opening.unwrap().to_lowercase();
    assert!(
        opening.contains("outside the body") && opening.contains("stop"),
        "{opening}"
    );
}
