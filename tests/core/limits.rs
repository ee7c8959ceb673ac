//! Every way in is bounded: what a front end sends can be refused with a plain
//! sentence, and a list call never returns the whole vault at once.

use glimmer::checkin::{self, CheckinInput};
use glimmer::journal::DraftInput;
use glimmer::safety::{MAX_PLAN_LINE_CHARS, MAX_PLAN_LINES, SafetyPlan};
use glimmer::storage::MAX_LIST;
use glimmer::{Error, NewEntry, Settings};

use crate::util::{TempVault, text};

/// The field a refusal names, and its sentence. What was accepted instead is
/// not printed: it may be a megabyte long.
fn refused<T>(r: glimmer::Result<T>) -> (&'static str, String) {
    match r {
        Err(Error::Invalid { field, message }) => {
            assert!(message.ends_with('.'), "a plain sentence: {message}");
            (field, message)
        }
        Err(other) => panic!("expected Invalid, got {other:?}"),
        Ok(_) => panic!("accepted what should have been refused"),
    }
}

const MIB: usize = 1 << 20;

#[tokio::test]
async fn drafts_are_held_to_the_limits_of_entries() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let draft = |title: &str, body: &str, tags: &[&str]| DraftInput {
        title: title.into(),
        body: body.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..DraftInput::default()
    };

    let (field, message) = refused(j.save_draft(&draft("", &"x".repeat(MIB + 1), &[])).await);
    assert_eq!(field, "body");
    assert!(message.contains("one megabyte"), "{message}");
    let (field, _) = refused(j.save_draft(&draft(&"t".repeat(301), "", &[])).await);
    assert_eq!(field, "title");
    let (field, _) = refused(j.save_draft(&draft("", "", &[&"x".repeat(41)])).await);
    assert_eq!(field, "tags");
    assert!(
        j.drafts().await.unwrap().is_empty(),
        "nothing refused was kept"
    );

    // Up to the limits is fine, and tags are kept as an entry would keep them.
    let kept = j
        .save_draft(&draft(&"t".repeat(300), &"x".repeat(MIB), &["#Self care"]))
        .await
        .unwrap();
    assert_eq!(kept.tags, vec!["self-care"]);
    assert!(
        j.save_draft(&DraftInput::default()).await.is_ok(),
        "still may be empty"
    );
}

#[tokio::test]
async fn the_safety_plan_bounds_its_lines() {
    let tv = TempVault::new().await;
    let safety = tv.vault.safety();
    let line = "x".repeat(MAX_PLAN_LINE_CHARS);
    // Blank lines are dropped before counting, so they never count against the plan.
    let mut full = vec![line.clone(); MAX_PLAN_LINES];
    full.extend(vec!["  ".to_string(); 20]);
    let ok = SafetyPlan {
        people_to_ask: full.clone(),
        ..SafetyPlan::default()
    };
    assert_eq!(
        safety.save(&ok).await.unwrap().people_to_ask.len(),
        MAX_PLAN_LINES
    );

    let many = SafetyPlan {
        people_to_ask: vec!["Sam".to_string(); MAX_PLAN_LINES + 1],
        ..SafetyPlan::default()
    };
    let (field, message) = refused(safety.save(&many).await);
    assert_eq!(field, "people_to_ask");
    assert!(
        message.contains("Step 4: People I can ask for help"),
        "{message}"
    );

    let long = SafetyPlan {
        coping_strategies: vec![format!("{line}x")],
        ..SafetyPlan::default()
    };
    let (field, _) = refused(safety.save(&long).await);
    assert_eq!(field, "coping_strategies");
    assert_eq!(
        safety.plan().await.unwrap().people_to_ask.len(),
        MAX_PLAN_LINES,
        "a refused plan changes nothing"
    );
}

#[tokio::test]
async fn lists_return_at_most_max_list_rows() {
    let tv = TempVault::new().await;
    let many = MAX_LIST as usize + 1;
    let entries: Vec<NewEntry> = (0..many).map(|i| text(&format!("entry {i}"))).collect();
    tv.vault.journal().import(&entries).await.unwrap();
    let calm = CheckinInput {
        mood: Some(1),
        ..CheckinInput::default()
    };
    let mut tx = tv.vault.begin().await.unwrap();
    for _ in 0..many {
        checkin::insert(&mut tx, &calm).await.unwrap();
    }
    tx.commit().await.unwrap();

    let page = tv.vault.journal().list(u32::MAX, None).await.unwrap();
    assert_eq!(page.items.len(), MAX_LIST as usize);
    assert!(page.next.is_some(), "the rest is a page away");
    let recent = tv.vault.checkins().recent(u32::MAX).await.unwrap();
    assert_eq!(recent.len(), MAX_LIST as usize);
}

#[tokio::test]
async fn idle_lock_minutes_stay_within_what_is_offered() {
    let tv = TempVault::new().await;
    let store = tv.vault.settings();
    let with = |auto_lock_minutes| Settings {
        auto_lock_minutes,
        ..Settings::default()
    };
    for fine in [0, 1, 60, 240] {
        store.save(&with(fine)).await.unwrap();
    }
    let (field, message) = refused(store.save(&with(241)).await);
    assert_eq!(field, "auto_lock_minutes");
    assert!(message.contains("241"), "{message}");
    assert!(store.save(&with(u32::MAX)).await.is_err());
    assert_eq!(store.load().await.unwrap().auto_lock_minutes, 240);
}

#[tokio::test]
async fn reminder_settings_are_read_back_and_checked() {
    let tv = TempVault::new().await;
    let store = tv.vault.settings();
    // A vault from before reminders: their defaults, names kept out.
    let old = store.load().await.unwrap();
    assert_eq!(
        (
            old.reminder_names,
            old.reminders_per_day,
            old.quiet_hours(),
            old.start_at_login
        ),
        (false, 3, None, false)
    );
    let quiet = |start: Option<&str>, end: Option<&str>| Settings {
        quiet_start: start.map(str::to_string),
        quiet_end: end.map(str::to_string),
        ..Settings::default()
    };
    let night = quiet(Some("22:00"), Some("7:30"));
    store.save(&night).await.unwrap();
    assert_eq!(store.load().await.unwrap(), night);
    for (t, is_quiet) in [
        ((21, 59), false),
        ((22, 0), true),
        ((0, 0), true),
        ((7, 29), true),
        ((7, 30), false),
    ] {
        let t = jiff::civil::time(t.0, t.1, 0, 0);
        assert_eq!(night.is_quiet(t), is_quiet, "{t}");
    }
    let lunch = quiet(Some("12:00"), Some("13:00"));
    assert!(lunch.is_quiet(jiff::civil::time(12, 30, 0, 0)));
    assert!(!lunch.is_quiet(jiff::civil::time(13, 0, 0, 0)));
    assert!(!lunch.is_quiet(jiff::civil::time(23, 0, 0, 0)));

    let (field, message) = refused(store.save(&quiet(Some("22:00"), None)).await);
    assert_eq!(field, "quiet_end");
    assert!(message.contains("both"), "{message}");
    for bad in ["24:00", "7", "07:60", "+7:00", "seven", ""] {
        let (field, message) = refused(store.save(&quiet(Some(bad), Some("07:00"))).await);
        assert_eq!(field, "quiet_start", "{bad}");
        assert!(message.contains("22:00"), "{message}");
    }
    assert_eq!(
        refused(store.save(&quiet(Some("07:00"), Some("07:00"))).await).0,
        "quiet_end"
    );
    let checkin_at = |at: &str| Settings {
        checkin_reminder: Some(at.into()),
        ..Settings::default()
    };
    let (field, message) = refused(store.save(&checkin_at("25:00")).await);
    assert_eq!(field, "checkin_reminder");
    assert!(message.contains("25:00"), "{message}");
    assert_eq!(
        (old.checkin_reminder.as_deref(), old.self_check_reminder),
        (None, false),
        "gentle reminders are off by default"
    );
    let loud = Settings {
        bell_volume: 101,
        ..Settings::default()
    };
    assert_eq!(refused(store.save(&loud).await).0, "bell_volume");
    let many = Settings {
        reminders_per_day: 21,
        ..Settings::default()
    };
    let (field, message) = refused(store.save(&many).await);
    assert_eq!(field, "reminders_per_day");
    assert!(message.contains("21"), "{message}");
    assert_eq!(
        store.load().await.unwrap(),
        night,
        "refusals change nothing"
    );
}

/// Dates a person gives are kept to the years 1900–2200: year 1 or 9999
/// would draw charts of tens of megabytes or be moved silently.
#[tokio::test]
async fn dates_far_in_the_past_or_future_are_refused() {
    use glimmer::activation::{NewPlan, OccurrenceId};
    use glimmer::mindful::NewSession;
    use jiff::Timestamp;
    use jiff::civil::date;

    let tv = TempVault::new().await;
    let v = &tv.vault;
    let far = |field: &str, r: (&'static str, String)| {
        assert_eq!(r.0, field);
        assert!(r.1.contains("from the year 1900 to 2200"), "{}", r.1);
    };
    let walk = v.activities().find("Go for a short walk").await.unwrap();
    let plan = |day| NewPlan {
        activity_id: walk.id,
        day,
        time: None,
        tz: Some("Europe/Berlin".into()),
        repeat: None,
        predicted: None,
        remind_minutes: None,
    };
    far(
        "day",
        refused(v.plans().create(&plan(date(9999, 12, 31))).await),
    );
    far(
        "day",
        refused(v.plans().create(&plan(date(1899, 12, 31))).await),
    );
    let kept = v.plans().create(&plan(date(2200, 12, 31))).await.unwrap();
    let id = OccurrenceId {
        plan: kept.id,
        day: date(2200, 12, 31),
    };
    far(
        "day",
        refused(v.plans().move_to(&id, date(2201, 1, 1), None).await),
    );
    far(
        "from",
        refused(v.plans().on_days(date(1, 1, 1), date(2025, 1, 1)).await),
    );
    far(
        "since",
        refused(v.plans().insights(Some(date(1, 1, 1))).await),
    );
    far(
        "since",
        refused(v.mindful().insights(Some(date(1, 1, 1))).await),
    );

    let year_one: Timestamp = "0001-01-01T00:00:00Z".parse().unwrap();
    let session = NewSession {
        preset_id: None,
        name: String::new(),
        started_at: Some(year_one),
        planned_seconds: None,
        actual_seconds: 60,
        completed: true,
        manual: true,
        intensity_before: None,
        intensity_after: None,
    };
    far("started_at", refused(v.mindful().log(&session).await));
    far(
        "created_at",
        refused(
            v.checkins()
                .create(&CheckinInput {
                    mood: Some(1),
                    created_at: Some(year_one),
                    ..CheckinInput::default()
                })
                .await,
        ),
    );
    far(
        "created_at",
        refused(
            v.journal()
                .create(&NewEntry {
                    created_at: Some("2201-01-01T00:00:00Z".parse().unwrap()),
                    ..text("From the far future.")
                })
                .await,
        ),
    );
    assert!(v.mindful().sessions(10).await.unwrap().is_empty());
    assert!(v.journal().list(10, None).await.unwrap().items.is_empty());
}

/// The same from the command line, before any passphrase is asked.
#[test]
fn the_cli_refuses_far_dates_in_plain_words() {
    use crate::cli::glimmer;
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let pass = "a quiet pass phrase";
    assert!(
        glimmer(&v, pass, &["init", "--json"], None)
            .status
            .success()
    );
    for args in [
        &["timer", "add", "--minutes", "5", "--at", "0001-01-01 08:00"][..],
        &["plan", "add", "Stretch", "--at", "9999-12-31 09:00"],
        &["timer", "insights", "--since", "0001-01-01"],
        &["search", "--until", "9999-01-01", "pond"],
    ] {
        let out = glimmer(&v, pass, args, None);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {said}");
        assert!(
            said.contains("from the year 1900 to 2200"),
            "{args:?}: {said}"
        );
    }
    let log = glimmer(&v, pass, &["timer", "log", "--json"], None);
    assert_eq!(String::from_utf8_lossy(&log.stdout).trim(), "[]");
}

/// A bell, an escape, DEL or a C1 character in a name would reach the
/// terminal and the `.ics` file: refused wherever text is a name.
#[tokio::test]
async fn names_with_control_characters_are_refused_everywhere() {
    use glimmer::activation::{ActivityInput, LifeArea};
    use glimmer::crisis;
    use glimmer::mindful::{BellSound, Bells, NewSession, PresetInput, Prompt};

    let tv = TempVault::new().await;
    let v = &tv.vault;
    let control = |field: &str, r: (&'static str, String)| {
        assert_eq!(r.0, field);
        assert!(r.1.contains("control character"), "{}", r.1);
        assert!(r.1.ends_with("Nothing was saved."), "{}", r.1);
    };
    for bad in [
        "Tea\u{7}",
        "\u{1b}[2JTea",
        "Tea\u{7f}",
        "Tea\u{9b}31m",
        "Tea\nand toast",
    ] {
        let activity = ActivityInput {
            name: Some(bad.into()),
            area: Some(LifeArea::Recreation),
            ..ActivityInput::default()
        };
        control("name", refused(v.activities().add(&activity).await));
        let tiny = ActivityInput {
            name: Some("Tea".into()),
            area: Some(LifeArea::Recreation),
            tiny: Some(bad.into()),
            ..ActivityInput::default()
        };
        control("tiny", refused(v.activities().add(&tiny).await));
        let preset = PresetInput {
            name: bad.into(),
            seconds: Some(60),
            delay_seconds: 0,
            bells: Bells::None,
            sound: BellSound::Bowl,
            strikes: 1,
            prompts: Vec::new(),
        };
        control("name", refused(v.mindful().add_preset(&preset).await));
        let prompted = PresetInput {
            name: "Sit".into(),
            prompts: vec![Prompt {
                at_seconds: 10,
                text: bad.into(),
                sense: None,
            }],
            ..preset
        };
        control("prompts", refused(v.mindful().add_preset(&prompted).await));
        let session = NewSession {
            preset_id: None,
            name: bad.into(),
            started_at: None,
            planned_seconds: None,
            actual_seconds: 60,
            completed: true,
            manual: true,
            intensity_before: None,
            intensity_after: None,
        };
        control("name", refused(v.mindful().log(&session).await));
        let titled = NewEntry {
            title: bad.into(),
            ..text("Words.")
        };
        control("title", refused(v.journal().create(&titled).await));
        let tagged = NewEntry {
            tags: vec![bad.replace('\n', "\u{7}")],
            ..text("Words.")
        };
        control("tags", refused(v.journal().create(&tagged).await));
        let line = crisis::CrisisLine {
            name: bad.into(),
            ..crisis::CrisisLine::default()
        };
        control("name", refused(crisis::save(tv.dir.path(), &line)));
    }
    assert!(v.journal().list(10, None).await.unwrap().items.is_empty());
    assert!(v.mindful().sessions(10).await.unwrap().is_empty());
    assert!(!crisis::is_chosen(tv.dir.path()));
}

/// From the command line too: refused with one plain sentence, and nothing
/// of the name reaches the terminal or the vault.
#[test]
fn the_cli_refuses_names_with_control_characters() {
    use crate::cli::glimmer;
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let pass = "a quiet pass phrase";
    assert!(
        glimmer(&v, pass, &["init", "--json"], None)
            .status
            .success()
    );
    let activities_before = glimmer(&v, pass, &["activities", "--all", "--json"], None).stdout;
    for args in [
        &[
            "activity",
            "add",
            "Tea\u{7}\u{1b}]0;pwned\u{7}",
            "--area",
            "mind-body",
        ][..],
        &["timer", "add", "--minutes", "5", "--name", "\u{1b}[2JSit"],
        &["write", "--title", "Morning\u{9b}", "Words."],
        &["write", "--tag", "walk\u{7f}", "Words."],
        &["crisis", "set", "--name", "Line\u{7}", "--call", "123"],
    ] {
        let out = glimmer(&v, pass, args, None);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {said}");
        assert!(
            said.contains("has a control character in it (like a bell or an escape)"),
            "{args:?}: {said}"
        );
        assert!(
            !out.stderr
                .iter()
                .chain(&out.stdout)
                .any(|b| [7, 0x1b, 0x7f].contains(b)),
            "{args:?}"
        );
    }
    let activities_after = glimmer(&v, pass, &["activities", "--all", "--json"], None).stdout;
    assert_eq!(activities_before, activities_after);
    let log = glimmer(&v, pass, &["timer", "log", "--json"], None);
    assert_eq!(String::from_utf8_lossy(&log.stdout).trim(), "[]");
    let list = glimmer(&v, pass, &["list", "--json"], None);
    assert_eq!(String::from_utf8_lossy(&list.stdout).trim(), "[]");
    assert!(!v.join("crisis.json").exists());
}
