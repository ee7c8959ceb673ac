//! The activity library, plans and their occurrences, and the numbers for insights.

use glimmer::ErrorCode;
use glimmer::activation::{ActivityInput, LifeArea, NewPlan, OccurrenceId, Outcome, Status};
use jiff::civil::{date, time};
use jiff::{SignedDuration, Timestamp};

use super::plan;
use crate::util::{TempVault, text};

#[tokio::test]
async fn the_starter_library_covers_every_area_and_the_practices_for_numbness() {
    let tv = TempVault::new().await;
    let all = tv.vault.activities().list(false).await.unwrap();
    assert!((38..=45).contains(&all.len()), "{} activities", all.len());
    for area in LifeArea::ALL {
        let n = all.iter().filter(|a| a.area == area).count();
        assert!(n >= 6, "{area:?} has {n}");
    }
    assert!(
        all.iter()
            .all(|a| !a.tiny.is_empty() && a.minutes.is_some())
    );
    for practice in [
        "Savour one small pleasant moment",
        "Stretch",
        "Go for a short walk",
        "Hold something textured",
        "A minute with your senses",
        "Cook a new recipe",
        "Listen to music that is new to you",
        "Take a different route",
        "Note a glimmer",
    ] {
        let a = tv.vault.activities().find(practice).await.unwrap();
        assert!(!a.tiny.is_empty(), "{practice}");
    }
    assert!(
        tv.vault
            .activities()
            .find("savour one small pleasant moment")
            .await
            .unwrap()
            .tiny
            .contains("stop while it is still good")
    );
    // Ids are fixed, the same in every vault.
    let by_id = tv
        .vault
        .activities()
        .find("01900000-0000-7000-8000-000000000025")
        .await
        .unwrap();
    assert_eq!(by_id.name, "Savour one small pleasant moment");
    let areas = tv.vault.activities().areas().await.unwrap();
    assert_eq!(areas.len(), 5);
    assert!(areas.iter().all(|a| a.value.is_empty()));
    let v = tv
        .vault
        .activities()
        .set_value(LifeArea::Relationships, " I want to be a present friend ")
        .await
        .unwrap();
    assert_eq!(v.value, "I want to be a present friend");
}

#[tokio::test]
async fn people_add_edit_and_hide_activities() {
    let tv = TempVault::new().await;
    let acts = tv.vault.activities();
    let before = acts.list(false).await.unwrap().len();
    let duck = acts
        .add(&ActivityInput {
            name: Some("  Feed the ducks ".into()),
            area: Some(LifeArea::Recreation),
            tiny: Some("Take the bread out".into()),
            minutes: Some(Some(20)),
            hidden: None,
        })
        .await
        .unwrap();
    assert_eq!(duck.name, "Feed the ducks");
    for (input, field) in [
        (
            ActivityInput {
                name: Some("feed THE ducks".into()),
                area: Some(LifeArea::Recreation),
                ..Default::default()
            },
            "already an activity",
        ),
        (
            ActivityInput {
                name: Some(" ".into()),
                area: Some(LifeArea::Recreation),
                ..Default::default()
            },
            "needs a name",
        ),
        (
            ActivityInput {
                name: Some("Swim".into()),
                ..Default::default()
            },
            "Which life area",
        ),
        (
            ActivityInput {
                name: Some("Swim".into()),
                area: Some(LifeArea::MindBody),
                minutes: Some(Some(0)),
                ..Default::default()
            },
            "Minutes go from 1",
        ),
    ] {
        let e = acts.add(&input).await.unwrap_err();
        assert!(e.to_string().contains(field), "{e}");
    }
    let edited = acts
        .update(
            duck.id,
            &ActivityInput {
                tiny: Some("Look at the pond".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (edited.name.as_str(), edited.tiny.as_str()),
        ("Feed the ducks", "Look at the pond")
    );
    acts.set_hidden(duck.id, true).await.unwrap();
    assert_eq!(acts.list(false).await.unwrap().len(), before);
    assert_eq!(acts.list(true).await.unwrap().len(), before + 1);
    assert!(acts.find("feed the ducks").await.unwrap().hidden);
    let missing = acts.find("Juggle").await.unwrap_err();
    assert_eq!(missing.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn occurrences_are_noted_moved_and_let_go_never_overdue() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    let walk = walk_mon_wed_fri(v).await;
    let tea = plan(
        v,
        "Share a tea or a meal with someone",
        date(2025, 6, 3),
        None,
        "Europe/Berlin",
        None,
        None,
    )
    .await;
    let from: Timestamp = "2025-06-01T22:00:00Z".parse().unwrap(); // Monday 00:00 in Berlin
    let week = v
        .plans()
        .occurrences(from, from + SignedDuration::from_hours(24 * 7))
        .await
        .unwrap();
    let shown: Vec<(String, Option<String>, &str)> = week
        .iter()
        .map(|o| {
            (
                o.date.to_string(),
                o.time.map(|t| t.to_string()),
                o.activity.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                "2025-06-02".into(),
                Some("09:00:00".into()),
                "Go for a short walk"
            ),
            (
                "2025-06-03".into(),
                None,
                "Share a tea or a meal with someone"
            ),
            (
                "2025-06-04".into(),
                Some("09:00:00".into()),
                "Go for a short walk"
            ),
            (
                "2025-06-06".into(),
                Some("09:00:00".into()),
                "Go for a short walk"
            ),
        ]
    );
    let monday = week[0].id;
    let wednesday = week[2].id;
    assert_eq!(monday.to_string(), format!("{}@2025-06-02", walk.id));

    // Wednesday evening: Monday's walk is done, the tea and Wednesday's walk wait.
    let wed_evening: Timestamp = "2025-06-04T18:00:00Z".parse().unwrap();
    v.plans()
        .done(
            &monday,
            &Outcome {
                enjoyment: Some(6),
                mastery: Some(4),
                intensity: Some(3),
                note: Some("Saw a heron".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let waiting = v.plans().waiting(wed_evening).await.unwrap();
    let ids: Vec<OccurrenceId> = waiting.iter().map(|o| o.id).collect();
    assert_eq!(
        ids,
        [
            OccurrenceId {
                plan: tea.id,
                day: date(2025, 6, 3)
            },
            wednesday
        ]
    );

    // Later today: sometime on Wednesday, no longer waiting until the day is over.
    let moved = v
        .plans()
        .later_today(&wednesday, wed_evening)
        .await
        .unwrap();
    assert!(moved.moved && moved.time.is_none());
    assert_eq!(moved.date, date(2025, 6, 4));
    // Tomorrow: Thursday at the plan's time.
    let tea_id = ids[0];
    let tomorrow = v.plans().tomorrow(&tea_id, wed_evening).await.unwrap();
    assert_eq!(tomorrow.date, date(2025, 6, 5));
    assert!(v.plans().waiting(wed_evening).await.unwrap().is_empty());
    let thursday_late: Timestamp = "2025-06-05T23:30:00Z".parse().unwrap();
    let still: Vec<OccurrenceId> = v
        .plans()
        .waiting(thursday_late)
        .await
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    assert_eq!(still, [wednesday, tea_id], "both days are over now");
    // Let it go: nothing more is asked about it.
    let gone = v.plans().let_go(&wednesday).await.unwrap();
    assert_eq!(gone.status, Status::NotToday);
    v.plans()
        .partly(
            &tea_id,
            &Outcome {
                enjoyment: Some(8),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(v.plans().waiting(thursday_late).await.unwrap().is_empty());
    // The moved tea shows on Thursday, not Tuesday.
    let thursday: Timestamp = "2025-06-04T22:00:00Z".parse().unwrap();
    let day = v
        .plans()
        .occurrences(thursday, thursday + SignedDuration::from_hours(24))
        .await
        .unwrap();
    assert_eq!(day.len(), 1);
    assert_eq!((day[0].id, day[0].status), (tea_id, Status::Partly));

    // Done ones stay where they were done; ratings are checked.
    let e = v.plans().tomorrow(&monday, wed_evening).await.unwrap_err();
    assert!(e.to_string().contains("already noted as done"), "{e}");
    let e = v
        .plans()
        .done(
            &monday,
            &Outcome {
                mastery: Some(11),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("Mastery goes from 0 to 10"), "{e}");
    let kept = v.plans().occurrence(&monday).await.unwrap();
    assert_eq!(
        (kept.enjoyment, kept.mastery, kept.note.as_str()),
        (Some(6), Some(4), "Saw a heron")
    );

    // A day the plan does not have, or a plan that does not exist, is not found.
    for bad in [
        OccurrenceId {
            plan: walk.id,
            day: date(2025, 6, 3),
        },
        OccurrenceId {
            plan: walk.id,
            day: date(2025, 6, 1),
        },
        OccurrenceId {
            plan: uuid::Uuid::now_v7(),
            day: date(2025, 6, 2),
        },
    ] {
        let e = v.plans().let_go(&bad).await.unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotFound, "{bad}");
    }

    // "Note a glimmer from this" links a journal entry.
    let entry = v.journal().create(&text("The heron again")).await.unwrap();
    let linked = v
        .plans()
        .link_entry(&monday, &entry.id.to_string())
        .await
        .unwrap();
    assert_eq!(linked.entry_id, Some(entry.id));

    // Stopping keeps what was noted and ends the rule before today.
    let kept = v.plans().stop(walk.id, wed_evening).await.unwrap().unwrap();
    assert!(kept.rule.unwrap().contains("UNTIL=20250602T070000Z"));
    assert_eq!(
        v.plans().occurrence(&monday).await.unwrap().status,
        Status::Done
    );
    assert!(v.plans().occurrence(&wednesday).await.is_err());
}

#[tokio::test]
async fn plans_are_checked_before_anything_is_saved() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    let walk = v.activities().find("Go for a short walk").await.unwrap();
    let base = NewPlan {
        activity_id: walk.id,
        day: date(2025, 6, 2),
        time: Some(time(9, 0, 0, 0)),
        tz: Some("Europe/Berlin".into()),
        repeat: None,
        predicted: None,
        remind_minutes: None,
    };
    for (plan, words) in [
        (
            NewPlan {
                tz: Some("Mars/Olympus".into()),
                ..base.clone()
            },
            "not a time zone",
        ),
        (
            NewPlan {
                predicted: Some(11),
                ..base.clone()
            },
            "Expected enjoyment goes from 0 to 10",
        ),
        (
            NewPlan {
                remind_minutes: Some(20_000),
                ..base.clone()
            },
            "up to a week",
        ),
        (
            NewPlan {
                time: None,
                remind_minutes: Some(10),
                ..base.clone()
            },
            "needs a time of day",
        ),
        (
            NewPlan {
                repeat: Some("FREQ=YEARLY".into()),
                ..base.clone()
            },
            "daily or weekly",
        ),
        (
            NewPlan {
                activity_id: uuid::Uuid::now_v7(),
                ..base.clone()
            },
            "No activity",
        ),
    ] {
        let e = v.plans().create(&plan).await.unwrap_err();
        assert!(e.to_string().contains(words), "{words}: {e}");
    }
    assert!(v.plans().list().await.unwrap().is_empty());
}

#[tokio::test]
async fn insights_compare_predicted_and_actual_enjoyment_by_area_and_activity() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    let nine = Some(time(9, 0, 0, 0));
    let tz = "Europe/Berlin";
    let walk = plan(
        v,
        "Go for a short walk",
        date(2025, 6, 2),
        nine,
        tz,
        Some("daily"),
        None,
    )
    .await;
    let call = plan(
        v,
        "Call someone you like",
        date(2025, 6, 2),
        nine,
        tz,
        Some("daily"),
        None,
    )
    .await;
    let dishes = plan(
        v,
        "Wash a few dishes",
        date(2025, 6, 2),
        nine,
        tz,
        None,
        None,
    )
    .await;
    let on = |p: &glimmer::activation::Plan, d: i8| OccurrenceId {
        plan: p.id,
        day: date(2025, 6, d),
    };
    let rate = |predicted, enjoyment, mastery| Outcome {
        predicted,
        enjoyment,
        mastery,
        ..Default::default()
    };
    // (occurrence, status, predicted, enjoyment, mastery)
    let data = [
        (on(&walk, 2), Status::Done, Some(2), Some(6), Some(5)),
        (on(&walk, 3), Status::Partly, Some(3), Some(4), None),
        (on(&walk, 4), Status::Done, None, Some(8), Some(7)),
        (on(&call, 2), Status::Done, Some(5), Some(5), Some(3)),
        (on(&call, 3), Status::NotToday, Some(5), None, None),
        (on(&dishes, 2), Status::Done, Some(1), Some(3), Some(9)),
    ];
    for (id, status, p, e, m) in data {
        v.plans().record(&id, status, &rate(p, e, m)).await.unwrap();
    }
    let i = v.plans().insights(None).await.unwrap();
    let pairs: Vec<(u8, u8)> = i
        .predicted_vs_actual
        .iter()
        .map(|p| (p.predicted, p.actual))
        .collect();
    // Oldest first, then by activity name; "not today" is left out.
    assert_eq!(pairs, [(5, 5), (2, 6), (1, 3), (3, 4)]);
    // Gaps 0, 4, 2, 1: enjoyed more than expected by 1.75 on average.
    assert_eq!(i.mean_gap, Some(1.75));
    let area = |a: LifeArea| i.by_area.iter().find(|x| x.key == a.key()).unwrap();
    let mind = area(LifeArea::MindBody);
    assert_eq!(
        (mind.count, mind.enjoyment, mind.mastery),
        (3, Some(6.0), Some(6.0))
    );
    let rel = area(LifeArea::Relationships);
    assert_eq!(
        (rel.count, rel.enjoyment, rel.mastery),
        (1, Some(5.0), Some(3.0))
    );
    let work = area(LifeArea::Work);
    assert_eq!((work.count, work.enjoyment, work.mastery), (0, None, None));
    assert_eq!(i.by_area.len(), 5);
    let first = &i.by_activity[0];
    assert_eq!(
        (first.label.as_str(), first.count),
        ("Go for a short walk", 3)
    );
    assert_eq!(i.by_activity.len(), 3);
    // Since a day: only what came after it.
    let later = v.plans().insights(Some(date(2025, 6, 3))).await.unwrap();
    assert_eq!(later.predicted_vs_actual.len(), 1);

    // "Pick one for me" is reproducible and leans towards what went well.
    let a = v.activities().pick_one(7).await.unwrap().unwrap();
    let b = v.activities().pick_one(7).await.unwrap().unwrap();
    assert_eq!(a.id, b.id);
    assert!(!a.tiny.is_empty());
    // The walk went well (weight 2.2 against 1 for the untried): it comes up
    // about twice as often as an untried activity would.
    let mut walks = 0;
    for seed in 0..1000 {
        if v.activities().pick_one(seed).await.unwrap().unwrap().id == walk.activity.id {
            walks += 1;
        }
    }
    assert!((36..=65).contains(&walks), "{walks} walks in 1000 picks");
}

#[tokio::test]
async fn a_changed_plan_keeps_what_was_noted_and_repeats_as_described() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    let walk = walk_mon_wed_fri(v).await;
    assert_eq!(walk.repeats, "Every Mon, Wed and Fri");
    let monday = OccurrenceId {
        plan: walk.id,
        day: date(2025, 6, 2),
    };
    let rated = Outcome {
        enjoyment: Some(6),
        ..Outcome::default()
    };
    v.plans().done(&monday, &rated).await.unwrap();
    // On Thursday the walk moves to the evenings, every day.
    let thursday: Timestamp = "2025-06-05T10:00:00Z".parse().unwrap();
    let changed = NewPlan {
        activity_id: walk.activity.id,
        day: date(2025, 6, 5),
        time: Some(time(18, 30, 0, 0)),
        tz: Some("Europe/Berlin".into()),
        repeat: Some("daily".into()),
        predicted: Some(4),
        remind_minutes: Some(10),
    };
    let new = v
        .plans()
        .replace(walk.id, &changed, thursday)
        .await
        .unwrap();
    assert_eq!(new.repeats, "Every day");
    assert_eq!(
        v.plans().occurrence(&monday).await.unwrap().enjoyment,
        Some(6)
    );
    let from: Timestamp = "2025-06-01T22:00:00Z".parse().unwrap();
    let week = v
        .plans()
        .occurrences(from, from + SignedDuration::from_hours(24 * 7))
        .await
        .unwrap();
    let days: Vec<(String, Option<String>)> = week
        .iter()
        .map(|o| (o.date.to_string(), o.time.map(|t| t.to_string())))
        .collect();
    let mut expected = vec![
        ("2025-06-02".to_string(), Some("09:00:00".to_string())),
        ("2025-06-04".into(), Some("09:00:00".into())),
    ];
    for d in 5..=8 {
        expected.push((format!("2025-06-0{d}"), Some("18:30:00".into())));
    }
    assert_eq!(days, expected);
    // A change that is refused changes nothing.
    let bad = NewPlan {
        repeat: Some("FREQ=MONTHLY".into()),
        ..changed
    };
    let e = v.plans().replace(new.id, &bad, thursday).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(v.plans().get(new.id).await.unwrap().repeats, "Every day");
}

/// A walk at 09:00 in Berlin on Mondays, Wednesdays and Fridays from Monday 2 June 2025.
async fn walk_mon_wed_fri(v: &glimmer::Vault) -> glimmer::activation::Plan {
    plan(
        v,
        "Go for a short walk",
        date(2025, 6, 2),
        Some(time(9, 0, 0, 0)),
        "Europe/Berlin",
        Some("FREQ=WEEKLY;BYDAY=MO,WE,FR"),
        None,
    )
    .await
}
