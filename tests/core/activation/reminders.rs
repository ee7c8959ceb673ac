//! Due reminders with an injected clock: each fires once, never for what is
//! done or let go, nothing repeats after a restart, and after a suspend only
//! what came due in the last two hours.

use std::collections::HashSet;

use glimmer::activation::reminders::{CATCH_UP, reminders_due};
use glimmer::activation::{OccurrenceId, Outcome, Plan};
use jiff::civil::{date, time};
use jiff::{SignedDuration, Timestamp};

use super::plan;
use crate::util::TempVault;

/// 2025-06-DD at HH:MM in Berlin (UTC+2 in June).
fn berlin(day: i8, h: i8, m: i8) -> Timestamp {
    date(2025, 6, day)
        .at(h, m, 0, 0)
        .to_zoned(super::zone("Europe/Berlin"))
        .unwrap()
        .timestamp()
}

/// A walk every day at 09:00 in Berlin from 10 June 2025, reminded 30 minutes before.
async fn daily_walk(v: &glimmer::Vault) -> Plan {
    plan(
        v,
        "Go for a short walk",
        date(2025, 6, 10),
        Some(time(9, 0, 0, 0)),
        "Europe/Berlin",
        Some("daily"),
        Some(30),
    )
    .await
}

fn days(r: &[glimmer::activation::reminders::Reminder]) -> Vec<i8> {
    r.iter().map(|r| r.occurrence.id.day.day()).collect()
}

#[tokio::test]
async fn reminders_fire_once_skip_what_is_noted_and_survive_restarts_and_suspends() {
    let mut tv = TempVault::new().await;
    let walk = daily_walk(&tv.vault).await;
    let on = |d: i8| OccurrenceId {
        plan: walk.id,
        day: date(2025, 6, d),
    };
    let r = tv.vault.reminders();
    assert!(
        r.take_due(berlin(10, 8, 29)).await.unwrap().is_empty(),
        "not yet"
    );
    let due = r.take_due(berlin(10, 8, 30)).await.unwrap();
    assert_eq!(days(&due), [10]);
    assert_eq!(due[0].due_at, berlin(10, 8, 30));
    assert_eq!(due[0].occurrence.activity, "Go for a short walk");
    assert!(
        r.take_due(berlin(10, 8, 31)).await.unwrap().is_empty(),
        "once"
    );
    assert!(
        r.take_due(berlin(10, 8, 59)).await.unwrap().is_empty(),
        "once"
    );

    // A restart remembers what was shown.
    tv = tv.reopen().await;
    let r = tv.vault.reminders();
    assert!(r.take_due(berlin(10, 8, 45)).await.unwrap().is_empty());

    // Noted ahead of time, done or let go: no reminder.
    tv.vault.plans().let_go(&on(11)).await.unwrap();
    tv.vault
        .plans()
        .done(&on(12), &Outcome::default())
        .await
        .unwrap();
    assert!(r.take_due(berlin(11, 8, 40)).await.unwrap().is_empty());
    assert!(r.take_due(berlin(12, 8, 40)).await.unwrap().is_empty());
    assert_eq!(days(&r.take_due(berlin(13, 8, 40)).await.unwrap()), [13]);

    // Asleep from the 14th at 08:00 to the 16th at 10:00: the 14th's and the
    // 15th's reminders are long past; the 16th's came due 90 minutes ago.
    assert_eq!(days(&r.due(berlin(16, 10, 0)).await.unwrap()), [16]);
    assert_eq!(days(&r.take_due(berlin(16, 10, 0)).await.unwrap()), [16]);
    // Two hours and more after it came due, it is not shown at all.
    assert!(r.due(berlin(17, 10, 30)).await.unwrap().is_empty());
    assert_eq!(CATCH_UP, SignedDuration::from_hours(2));

    // Moved to the afternoon: reminded again, at the new time.
    tv.vault
        .plans()
        .move_to(&on(18), date(2025, 6, 18), Some(time(15, 0, 0, 0)))
        .await
        .unwrap();
    assert!(r.take_due(berlin(18, 8, 40)).await.unwrap().is_empty());
    let moved = r.take_due(berlin(18, 14, 30)).await.unwrap();
    assert_eq!(days(&moved), [18]);
    assert_eq!(moved[0].occurrence.start, Some(berlin(18, 15, 0)));
}

#[tokio::test]
async fn upcoming_times_carry_no_text_and_reminders_shown_elsewhere_are_not_shown_again() {
    let tv = TempVault::new().await;
    let walk = daily_walk(&tv.vault).await;
    let r = tv.vault.reminders();
    let ahead = r
        .upcoming(berlin(10, 8, 0), berlin(12, 8, 30))
        .await
        .unwrap();
    let times: Vec<Timestamp> = ahead.iter().map(|t| t.due_at).collect();
    assert_eq!(
        times,
        [berlin(10, 8, 30), berlin(11, 8, 30), berlin(12, 8, 30)]
    );
    assert_eq!(ahead[0].start, berlin(10, 9, 0));
    assert_eq!(ahead[0].occurrence.plan, walk.id);
    // Only after `now`: what is due at `now` is `take_due`'s.
    assert!(
        r.upcoming(berlin(10, 8, 30), berlin(10, 9, 0))
            .await
            .unwrap()
            .is_empty()
    );

    // Shown while the vault was locked, marked once it is open: never again.
    r.mark_shown(&[ahead[0].fired()], berlin(10, 8, 30))
        .await
        .unwrap();
    r.mark_shown(&[ahead[0].fired()], berlin(10, 8, 31))
        .await
        .unwrap();
    assert!(r.take_due(berlin(10, 8, 40)).await.unwrap().is_empty());
    let on_11th = OccurrenceId {
        plan: walk.id,
        day: date(2025, 6, 11),
    };
    let left = r
        .upcoming(berlin(10, 8, 0), berlin(11, 23, 0))
        .await
        .unwrap();
    assert_eq!(
        left.iter().map(|t| t.occurrence).collect::<Vec<_>>(),
        [on_11th]
    );
    // Let go ahead of time: nothing to come.
    tv.vault.plans().let_go(&on_11th).await.unwrap();
    assert!(
        r.upcoming(berlin(10, 8, 0), berlin(11, 23, 0))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_reminder_before_a_start_just_after_midnight_falls_on_the_day_before() {
    let tv = TempVault::new().await;
    let tz = "America/New_York";
    let p = plan(
        &tv.vault,
        "Breathe slowly",
        date(2025, 3, 10),
        Some(time(0, 15, 0, 0)),
        tz,
        None,
        Some(30),
    )
    .await;
    let o = tv
        .vault
        .plans()
        .occurrence(&OccurrenceId {
            plan: p.id,
            day: date(2025, 3, 10),
        })
        .await
        .unwrap();
    let start = o.start.unwrap();
    let due = reminders_due(std::slice::from_ref(&o), &HashSet::new(), start);
    let local = due[0].due_at.to_zoned(super::zone(tz));
    assert_eq!(local.date(), date(2025, 3, 9));
    assert_eq!((local.hour(), local.minute()), (23, 45));
    // The pure function: nothing before its time, nothing once fired.
    let early = due[0].due_at - SignedDuration::from_secs(1);
    assert!(reminders_due(std::slice::from_ref(&o), &HashSet::new(), early).is_empty());
    let fired = HashSet::from([(o.id, start)]);
    assert!(reminders_due(std::slice::from_ref(&o), &fired, start).is_empty());
}
