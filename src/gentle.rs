//! Gentle reminders, off by default: a daily check-in at a time the person
//! chooses, and the PHQ-9 self-check two weeks after the last one. Neither
//! nags: each comes at most once a day, only in the two hours after its time
//! (a suspend brings no backlog), not at all when today's check-in is made,
//! and the self-check waits two weeks after it was last offered too.

use jiff::civil::{Date, DateTime, Time};
use jiff::{Span, Timestamp};

use crate::error::Result;
use crate::settings::Settings;
use crate::vault::Vault;

/// The time the self-check is offered when no check-in time is chosen.
pub const SELF_CHECK_AT: Time = Time::constant(10, 0, 0, 0);
/// Days between self-checks, as the PHQ-9 asks about the last two weeks.
pub const SELF_CHECK_DAYS: i64 = 14;
/// How long after its time a gentle reminder is still worth showing.
const WINDOW_MINUTES: i64 = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gentle {
    Checkin,
    SelfCheck,
}

impl Gentle {
    /// What the notification says: an invitation, never a task.
    pub fn body(self) -> &'static str {
        match self {
            Gentle::Checkin => "A moment to check in with yourself, if you'd like.",
            Gentle::SelfCheck => "The two-weekly self-check is there whenever you'd like it.",
        }
    }
}

/// The days each was last shown, kept by whoever shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    pub checkin: Option<Date>,
    pub self_check: Option<Date>,
}

/// What the vault says about the last check-in and self-check, local days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Last {
    pub checkin: Option<Date>,
    pub self_check: Option<Date>,
}

fn in_window(now: DateTime, at: Time) -> bool {
    let start = now.date().to_datetime(at);
    now >= start && now < start + Span::new().minutes(WINDOW_MINUTES)
}

/// Whether `last` is none, or at least two weeks before `day`.
fn two_weeks_before(day: Date, last: Option<Date>) -> bool {
    last.is_none_or(|d| (day - d).get_days() >= SELF_CHECK_DAYS as i32)
}

/// The gentle reminders due at the local time `now`.
pub fn due(settings: &Settings, now: DateTime, last: Last, shown: Shown) -> Vec<Gentle> {
    let today = now.date();
    let checkin_at = settings.checkin_time();
    let mut due = Vec::new();
    if let Some(at) = checkin_at
        && in_window(now, at)
        && shown.checkin != Some(today)
        && last.checkin != Some(today)
    {
        due.push(Gentle::Checkin);
    }
    if settings.self_check_reminder
        && in_window(now, checkin_at.unwrap_or(SELF_CHECK_AT))
        && two_weeks_before(today, last.self_check)
        && two_weeks_before(today, shown.self_check)
    {
        due.push(Gentle::SelfCheck);
    }
    due
}

impl Vault {
    /// The local days of the last check-in and self-check, which the gentle
    /// reminders wait on.
    pub async fn last_check_days(&self, zone: &jiff::tz::TimeZone) -> Result<Last> {
        let day = |t: Timestamp| t.to_zoned(zone.clone()).date();
        let checkin = self
            .checkins()
            .recent(1)
            .await?
            .first()
            .map(|c| day(c.created_at));
        let self_check = self
            .assessments()
            .phq9_history()
            .await?
            .iter()
            .map(|a| a.created_at)
            .max()
            .map(day);
        Ok(Last {
            checkin,
            self_check,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn settings(checkin: Option<&str>, self_check: bool) -> Settings {
        Settings {
            checkin_reminder: checkin.map(str::to_string),
            self_check_reminder: self_check,
            ..Settings::default()
        }
    }

    #[test]
    fn off_by_default() {
        let now = date(2026, 11, 26).at(10, 30, 0, 0);
        assert!(due(&Settings::default(), now, Last::default(), Shown::default()).is_empty());
    }

    #[test]
    fn a_daily_check_in_comes_once_in_the_two_hours_after_its_time_unless_done() {
        let s = settings(Some("20:00"), false);
        let day = date(2026, 11, 26);
        let none = (Last::default(), Shown::default());
        assert!(due(&s, day.at(19, 59, 0, 0), none.0, none.1).is_empty());
        assert_eq!(
            due(&s, day.at(20, 0, 0, 0), none.0, none.1),
            [Gentle::Checkin]
        );
        assert_eq!(
            due(&s, day.at(21, 59, 0, 0), none.0, none.1),
            [Gentle::Checkin]
        );
        // After a suspend past the window: not shown late.
        assert!(due(&s, day.at(22, 0, 0, 0), none.0, none.1).is_empty());
        let shown = Shown {
            checkin: Some(day),
            ..Shown::default()
        };
        assert!(due(&s, day.at(20, 5, 0, 0), none.0, shown).is_empty());
        let checked_in = Last {
            checkin: Some(day),
            ..Last::default()
        };
        assert!(due(&s, day.at(20, 5, 0, 0), checked_in, none.1).is_empty());
        // Yesterday's check-in does not count for today.
        let yesterday = Last {
            checkin: Some(date(2026, 11, 25)),
            ..Last::default()
        };
        assert_eq!(
            due(&s, day.at(20, 5, 0, 0), yesterday, none.1),
            [Gentle::Checkin]
        );
    }

    #[test]
    fn the_self_check_comes_two_weeks_after_the_last_one_and_after_it_was_offered() {
        let s = settings(None, true);
        let day = date(2026, 11, 26);
        let at = day.at(10, 15, 0, 0);
        assert_eq!(
            due(&s, at, Last::default(), Shown::default()),
            [Gentle::SelfCheck]
        );
        let recent = Last {
            self_check: Some(date(2026, 11, 13)),
            ..Last::default()
        };
        assert!(
            due(&s, at, recent, Shown::default()).is_empty(),
            "13 days ago"
        );
        let old = Last {
            self_check: Some(date(2026, 11, 12)),
            ..Last::default()
        };
        assert_eq!(
            due(&s, at, old, Shown::default()),
            [Gentle::SelfCheck],
            "14 days ago"
        );
        let offered = Shown {
            self_check: Some(date(2026, 11, 20)),
            ..Shown::default()
        };
        assert!(due(&s, at, old, offered).is_empty(), "offered six days ago");
        // At the check-in time when one is chosen.
        let both = settings(Some("19:00"), true);
        assert!(due(&both, at, Last::default(), Shown::default()).is_empty());
        assert_eq!(
            due(
                &both,
                day.at(19, 0, 0, 0),
                Last::default(),
                Shown::default()
            ),
            [Gentle::Checkin, Gentle::SelfCheck]
        );
    }
}
