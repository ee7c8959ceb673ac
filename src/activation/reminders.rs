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

/// A reminder's time without what it is about: all the shell keeps in
/// memory, so reminders go on while the vault is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueTime {
    pub occurrence: OccurrenceId,
    /// The start it is about (the other half of its [`Fired`] mark).
    pub start: Timestamp,
    pub due_at: Timestamp,
}

impl DueTime {
    pub fn fired(&self) -> Fired {
        (self.occurrence, self.start)
    }
}

/// Still-planned occurrences with a start and a reminder whose time is in
/// `(after, until]` and not in `fired`, earliest first, with their due times.
fn unfired<'o>(
    occurrences: &'o [Occurrence],
    fired: &HashSet<Fired>,
    after: Timestamp,
    until: Timestamp,
) -> Vec<(&'o Occurrence, DueTime)> {
    let mut out: Vec<_> = occurrences
        .iter()
        .filter(|o| o.status == Status::Planned)
        .filter_map(|o| {
            let start = o.start?;
            let due_at = start - SignedDuration::from_mins(i64::from(o.remind_minutes?));
            let time = DueTime {
                occurrence: o.id,
                start,
                due_at,
            };
            (after < due_at && due_at <= until && !fired.contains(&time.fired()))
                .then_some((o, time))
        })
        .collect();
    out.sort_by_key(|(_, t)| t.due_at);
    out
}

/// The reminders due at `now`: of still-planned occurrences with a start and
/// a reminder, those whose time came in `(now − 2 h, now]` and that are not
/// in `fired`, earliest first.
pub fn reminders_due(
    occurrences: &[Occurrence],
    fired: &HashSet<Fired>,
    now: Timestamp,
) -> Vec<Reminder> {
    unfired(occurrences, fired, now - CATCH_UP, now)
        .into_iter()
        .map(|(o, t)| Reminder {
            occurrence: o.clone(),
            due_at: t.due_at,
        })
        .collect()
}

/// A handle on the reminders of an unlocked vault.
pub struct Reminders<'v> {
    pool: &'v SqlitePool,
}

impl crate::vault::Vault {
    /// What reminders are due.
    pub fn reminders(&self) -> Reminders<'_> {
        Reminders::new(self.pool())
    }
}

impl<'v> Reminders<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    /// The occurrences whose reminder could come due in `(after, until]`,
    /// and those already shown.
    async fn candidates(
        &self,
        after: Timestamp,
        until: Timestamp,
    ) -> Result<(Vec<Occurrence>, HashSet<Fired>)> {
        let ahead = SignedDuration::from_mins(i64::from(MAX_REMIND_MINUTES) + 1);
        let occurrences = Plans::new(self.pool)
            .occurrences(after, until + ahead)
            .await?;
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT plan_id, day, start_at FROM reminders_fired WHERE start_at >= ?",
        )
        .bind(after.as_millisecond())
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
        let (occurrences, fired) = self.candidates(now - CATCH_UP, now).await?;
        Ok(reminders_due(&occurrences, &fired, now))
    }

    /// The times of reminders still to come, after `now` up to `until`,
    /// earliest first: the shell sleeps until the next, and keeps them to
    /// remind while the vault is locked.
    pub async fn upcoming(&self, now: Timestamp, until: Timestamp) -> Result<Vec<DueTime>> {
        let (occurrences, fired) = self.candidates(now, until).await?;
        Ok(unfired(&occurrences, &fired, now, until)
            .into_iter()
            .map(|(_, t)| t)
            .collect())
    }

    /// What is due at `now`, marked shown in the same write: a second call,
    /// another Glimmer or a restart never shows it again.
    pub async fn take_due(&self, now: Timestamp) -> Result<Vec<Reminder>> {
        let due = self.due(now).await?;
        let mut tx = Tx::begin(self.pool).await?;
        let mut taken = Vec::with_capacity(due.len());
        for r in due {
            let o = &r.occurrence;
            if let Some(start) = o.start
                && mark(&mut tx, (o.id, start), now).await?
            {
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

    /// Marks reminders as shown at `at`: those the shell showed while the
    /// vault was locked, so they are not shown again once it is open.
    pub async fn mark_shown(&self, shown: &[Fired], at: Timestamp) -> Result<()> {
        let mut tx = Tx::begin(self.pool).await?;
        for f in shown {
            mark(&mut tx, *f, at).await?;
        }
        tx.commit().await
    }
}

/// Records one reminder as shown; false when it already was, or its plan
/// is gone (deleted elsewhere while the shell held its time).
async fn mark(tx: &mut Tx<'_>, (id, start): Fired, at: Timestamp) -> Result<bool> {
    let inserted = sqlx::query(
        "INSERT OR IGNORE INTO reminders_fired (plan_id, day, start_at, fired_at) \
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM plans WHERE id = ?1)",
    )
    .bind(id.plan.to_string())
    .bind(id.day.to_string())
    .bind(start.as_millisecond())
    .bind(at.as_millisecond())
    .execute(tx.conn())
    .await?
    .rows_affected();
    Ok(inserted == 1)
}
