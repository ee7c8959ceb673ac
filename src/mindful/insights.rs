//! What practice adds up to: minutes per week (weeks start on Monday, local
//! to where each session was sat) and how vividly things were felt before and
//! after. Weekly totals, never a count of days in a row.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::sessions::Session;
use crate::storage::local_date;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WeekMinutes {
    /// The Monday the week starts on.
    pub week_start: Date,
    /// Practice minutes, stopped-early sessions included.
    pub minutes: f64,
    pub sessions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct MindfulInsights {
    /// Every week from the first session's to this one, quiet weeks included, oldest first.
    pub weeks: Vec<WeekMinutes>,
    /// The mean feeling intensity before, 0–10, over the sessions with both answers.
    pub intensity_before: Option<f64>,
    /// And after, over the same sessions.
    pub intensity_after: Option<f64>,
    /// Sessions with both a before and an after.
    pub pairs: u32,
}

/// Shown where the before-and-after comparison will be, until there is one.
pub const INTENSITY_EMPTY: &str =
    "Answer the feeling question before and after a session, and how the two compare shows here.";

impl MindfulInsights {
    /// The before-and-after comparison in plain words ([`INTENSITY_EMPTY`] until there is one).
    pub fn intensity_sentence(&self) -> String {
        match (self.intensity_before, self.intensity_after) {
            (Some(b), Some(a)) => format!(
                "Feeling intensity, 0 to 10, over {} rated before and after: {b:.1} before, {a:.1} after.",
                match self.pairs {
                    1 => "1 session".to_string(),
                    n => format!("{n} sessions"),
                }
            ),
            _ => INTENSITY_EMPTY.to_string(),
        }
    }

    /// All the minutes, in every week shown.
    pub fn total_minutes(&self) -> f64 {
        self.weeks.iter().map(|w| w.minutes).sum()
    }
}

/// The Monday of `day`'s week.
pub fn week_start(day: Date) -> Date {
    day.saturating_sub(jiff::Span::new().days(day.weekday().to_monday_zero_offset()))
}

/// Sums `sessions` (any order) by local week, from the first one's on or
/// after `since` to the week of `today`.
pub(crate) fn summarize(sessions: &[Session], since: Option<Date>, today: Date) -> MindfulInsights {
    let dated: Vec<(Date, &Session)> = sessions
        .iter()
        .map(|s| (local_date(s.started_at, &s.tz), s))
        .filter(|(d, _)| since.is_none_or(|since| *d >= since))
        .collect();
    let mut weeks = Vec::new();
    if let Some(first) = dated.iter().map(|(d, _)| *d).min() {
        let last = dated
            .iter()
            .map(|(d, _)| *d)
            .max()
            .unwrap_or(first)
            .max(today);
        let mut week = week_start(first);
        while week <= last {
            weeks.push(WeekMinutes {
                week_start: week,
                minutes: 0.0,
                sessions: 0,
            });
            week = week.saturating_add(jiff::Span::new().days(7));
        }
    }
    let (mut before, mut after, mut pairs) = (0.0, 0.0, 0u32);
    for (day, s) in &dated {
        let i = (week_start(*day) - weeks[0].week_start).get_days() as usize / 7;
        weeks[i].minutes += f64::from(s.actual_seconds) / 60.0;
        weeks[i].sessions += 1;
        if let (Some(b), Some(a)) = (s.intensity_before, s.intensity_after) {
            before += f64::from(b);
            after += f64::from(a);
            pairs += 1;
        }
    }
    let mean = |sum: f64| (pairs > 0).then(|| sum / f64::from(pairs));
    MindfulInsights {
        weeks,
        intensity_before: mean(before),
        intensity_after: mean(after),
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;
    use uuid::Uuid;

    fn session(at: &str, seconds: u32, before: Option<u8>, after: Option<u8>) -> Session {
        Session {
            id: Uuid::now_v7(),
            preset_id: None,
            name: "Timer".into(),
            started_at: at.parse::<Timestamp>().unwrap(),
            tz: "Europe/Berlin".into(),
            planned_seconds: Some(600),
            actual_seconds: seconds,
            completed: true,
            manual: false,
            intensity_before: before,
            intensity_after: after,
        }
    }

    #[test]
    fn weeks_start_on_local_mondays_and_quiet_weeks_show_as_zero() {
        let all = [
            // Sunday 23:30 in Berlin is still Sunday there, though Monday is
            // close: it belongs to the week of Monday the 3rd.
            session("2025-03-09T22:30:00Z", 600, Some(2), Some(4)),
            // Monday 00:30 in Berlin: the next week.
            session("2025-03-09T23:30:00Z", 90, None, Some(5)),
            session("2025-03-26T08:00:00Z", 432, Some(3), Some(4)),
        ];
        let today = Date::constant(2025, 3, 28);
        let i = summarize(&all, None, today);
        let weeks: Vec<(String, f64, u32)> = i
            .weeks
            .iter()
            .map(|w| (w.week_start.to_string(), w.minutes, w.sessions))
            .collect();
        assert_eq!(
            weeks,
            [
                ("2025-03-03".into(), 10.0, 1),
                ("2025-03-10".into(), 1.5, 1),
                ("2025-03-17".into(), 0.0, 0),
                ("2025-03-24".into(), 7.2, 1),
            ]
        );
        assert_eq!(i.pairs, 2);
        assert_eq!(i.intensity_before, Some(2.5));
        assert_eq!(i.intensity_after, Some(4.0));
        assert!(i.intensity_sentence().contains("2 sessions"));

        let later = summarize(&all, Some(Date::constant(2025, 3, 10)), today);
        assert_eq!(later.weeks.len(), 3);
        assert_eq!(later.pairs, 1);
        let none = summarize(&[], None, today);
        assert!(none.weeks.is_empty() && none.pairs == 0);
        assert_eq!(none.intensity_sentence(), INTENSITY_EMPTY);
    }
}
