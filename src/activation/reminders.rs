//! Which reminders are due, given the time now and what has already been
//! shown. The clock is passed in, so the shell's loop and the tests share the
//! logic. Each reminder is shown once; after a suspend, only those that came
//! due in the last two hours are shown, never a backlog.

use std::collections::HashSet;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use super::plans::{MAX_REMIND_MINUTES, Plans};
use super::{Occurrence, OccurrenceId, Status};
use crate::error::Result;
use crate::storage::{Tx, ts};

/// How long a reminder that came due (while asleep, say) is still worth showing.
pub const CATCH_UP: SignedDuration = SignedDuration::from_hours(2);

/// A reminder already shown: the occurrence and the start it was about, so a
/// moved occurrence is reminded of again at its new time.
pub type Fired = (OccurrenceId, Timestamp);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Reminder {
    pub occurrence: Occurrence,
    /// When it came due: the start less the plan's reminder minutes.
    pub due_at: Timestamp,
}

/// The reminders due at `now`: of still-planned occurrences with a start and
/// a reminder, those whose time came in `(now − 2 h, now]` and that are not
/// in `fired`, earliest first.
pub fn reminders_due(
    occurrences: &[Occurrence],
    fired: &HashSet<Fired>,
    now: Timestamp,
) -> Vec<Reminder> {
    let mut due: Vec<Reminder> = occurrences
        .iter()
        .filter(|o| o.status == Status::Planned)
        .filter_map(|o| {
            let start = o.start?;
            let due_at = start - SignedDuration::from_mins(i64::from(o.remind_minutes?));
            let fresh = due_at <= now && now - CATCH_UP < due_at;
            (fresh && !fired.contains(&(o.id, start))).then(|| Reminder {
                occurrence: o.clone(),
                due_at,
            })
        })
        .collect();
    due.sort_by_key(|r| r.due_at);
    due
}

/// A handle on the reminders of an unlocked vault.
pub struct Reminders<'v> {
    pool: &'v SqlitePool,
}

impl<'v> Reminders<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    /// The occurrences whose reminder could be due at `now`, and those already shown.
    async fn candidates(&self, now: Timestamp) -> Result<(Vec<Occurrence>, HashSet<Fired>)> {
        let ahead = SignedDuration::from_mins(i64::from(MAX_REMIND_MINUTES) + 1);
        let occurrences = Plans::new(self.pool)
            .occurrences(now - CATCH_UP, now + ahead)
            .await?;
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT plan_id, day, start_at FROM reminders_fired WHERE start_at >= ?",
        )
        .bind((now - CATCH_UP).as_millisecond())
        .fetch_all(self.pool)
        .await?;
        let fired = rows
            .into_iter()
            .filter_map(|(plan, day, at)| {
                let id = OccurrenceId::parse(&format!("{plan}@{day}")).ok()?;
                Some((id, ts(at)))
            })
            .collect();
        Ok((occurrences, fired))
    }

    /// What is due at `now`, without marking anything shown.
    pub async fn due(&self, now: Timestamp) -> Result<Vec<Reminder>> {
        let (occurrences, fired) = self.candidates(now).await?;
        Ok(reminders_due(&occurrences, &fired, now))
    }

    /// What is due at `now`, marked shown in the same write: a second call,
    /// another Glimmer or a restart never shows it again.
    pub async fn take_due(&self, now: Timestamp) -> Result<Vec<Reminder>> {
        let due = self.due(now).await?;
        let mut tx = Tx::begin(self.pool).await?;
        let mut taken = Vec::with_capacity(due.len());
        for r in due {
            let o = &r.occurrence;
            let inserted = sqlx::query(
                "INSERT OR IGNORE INTO reminders_fired (plan_id, day, start_at, fired_at) VALUES (?, ?, ?, ?)",
            )
            .bind(o.id.plan.to_string())
            .bind(o.id.day.to_string())
            .bind(o.start.map(|s| s.as_millisecond()))
            .bind(now.as_millisecond())
            .execute(tx.conn())
            .await?
            .rows_affected();
            if inserted == 1 {
                taken.push(r);
            }
        }
        // Older marks can never matter again: their reminders are past catching up.
        sqlx::query("DELETE FROM reminders_fired WHERE start_at < ?")
            .bind((now - CATCH_UP - SignedDuration::from_hours(24)).as_millisecond())
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(taken)
    }
}
