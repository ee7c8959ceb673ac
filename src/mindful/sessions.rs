//! Sessions: each time a person sat, finished or stopped early (both count),
//! or added by hand afterwards, with how vividly they felt things before and
//! after when they chose to say.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::presets::MAX_SECONDS;
use crate::error::{Error, Result};
use crate::storage::{Tx, check_instant, check_name, check_rating, local_tz, small, ts};

const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Session {
    pub id: Uuid,
    /// The preset sat with (a built-in slug or a timer's id); `None` for a
    /// one-off timer or a session added by hand without one.
    pub preset_id: Option<String>,
    pub name: String,
    pub started_at: Timestamp,
    /// The IANA zone it was sat in.
    pub tz: String,
    /// `None`: open-ended.
    pub planned_seconds: Option<u32>,
    /// Practice time, without the settling-in delay and pauses.
    pub actual_seconds: u32,
    /// It reached its end; `false` is stopped early, which counts just the same.
    pub completed: bool,
    /// Added by hand afterwards.
    pub manual: bool,
    /// How vividly things were felt before, 0–10.
    pub intensity_before: Option<u8>,
    /// And after, 0–10.
    pub intensity_after: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewSession {
    #[serde(default)]
    pub preset_id: Option<String>,
    /// Left empty, the preset's name (or "Timer").
    #[serde(default)]
    pub name: String,
    /// Left out: now.
    #[serde(default)]
    pub started_at: Option<Timestamp>,
    #[serde(default)]
    pub planned_seconds: Option<u32>,
    pub actual_seconds: u32,
    pub completed: bool,
    #[serde(default)]
    pub manual: bool,
    #[serde(default)]
    pub intensity_before: Option<u8>,
    #[serde(default)]
    pub intensity_after: Option<u8>,
}

/// A session that starts this far ahead is a typing slip, not a plan.
const FUTURE_SLACK: SignedDuration = SignedDuration::from_mins(5);

impl NewSession {
    fn check(&self, now: Timestamp) -> Result<()> {
        self.started_at
            .map(|t| check_instant("started_at", t))
            .transpose()?;
        if let Some(p) = self
            .planned_seconds
            .filter(|p| !(1..=MAX_SECONDS).contains(p))
        {
            return Err(Error::invalid(
                "planned_seconds",
                format!(
                    "A planned time goes from 1 second to 24 hours; {p} seconds is outside that."
                ),
            ));
        }
        if self.actual_seconds > MAX_SECONDS {
            return Err(Error::invalid(
                "actual_seconds",
                "A session can be up to 24 hours long; this one is longer.",
            ));
        }
        if self.manual && self.actual_seconds == 0 {
            return Err(Error::invalid(
                "actual_seconds",
                "How long was it? A session added by hand needs at least a minute or a few seconds.",
            ));
        }
        check_name("name", "name", &self.name)?;
        if self.name.trim().chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid(
                "name",
                format!(
                    "A session's name has room for {MAX_NAME_CHARS} characters; this one is longer."
                ),
            ));
        }
        if self.started_at.is_some_and(|t| t > now + FUTURE_SLACK) {
            return Err(Error::invalid(
                "started_at",
                "That time is still ahead; a session can be added once it has happened.",
            ));
        }
        check_rating(
            "intensity_before",
            "Feeling intensity",
            self.intensity_before,
        )?;
        check_rating("intensity_after", "Feeling intensity", self.intensity_after)
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    preset_id: Option<String>,
    name: String,
    started_at: i64,
    tz: String,
    planned_seconds: Option<i64>,
    actual_seconds: i64,
    completed: i64,
    manual: i64,
    intensity_before: Option<i64>,
    intensity_after: Option<i64>,
}

impl Row {
    fn into_session(self) -> Session {
        Session {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            preset_id: self.preset_id,
            name: self.name,
            started_at: ts(self.started_at),
            tz: self.tz,
            planned_seconds: small(self.planned_seconds),
            actual_seconds: small(Some(self.actual_seconds)).unwrap_or(0),
            completed: self.completed != 0,
            manual: self.manual != 0,
            intensity_before: small(self.intensity_before),
            intensity_after: small(self.intensity_after),
        }
    }
}

const COLUMNS: &str = "id, preset_id, name, started_at, tz, planned_seconds, actual_seconds, \
     completed, manual, intensity_before, intensity_after";

pub(crate) fn no_session(id: Uuid) -> Error {
    Error::NotFound(format!(
        "No session matches “{id}”; it may have been deleted."
    ))
}

/// What an unnamed session without a preset is called.
pub const DEFAULT_NAME: &str = "Timer";

/// Logs a session inside the caller's write (an empty name: [`DEFAULT_NAME`]).
pub async fn insert(tx: &mut Tx<'_>, s: &NewSession) -> Result<Session> {
    let now = Timestamp::now();
    s.check(now)?;
    let name = match s.name.trim() {
        "" => DEFAULT_NAME,
        n => n,
    };
    let sql = format!(
        "INSERT INTO mindful_sessions ({COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {COLUMNS}"
    );
    let row: Row = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(Uuid::now_v7().to_string())
        .bind(s.preset_id.as_deref().map(str::trim))
        .bind(name)
        .bind(s.started_at.unwrap_or(now).as_millisecond())
        .bind(local_tz())
        .bind(s.planned_seconds.map(i64::from))
        .bind(i64::from(s.actual_seconds))
        .bind(i64::from(s.completed))
        .bind(i64::from(s.manual))
        .bind(s.intensity_before.map(i64::from))
        .bind(s.intensity_after.map(i64::from))
        .bind(now.as_millisecond())
        .fetch_one(tx.conn())
        .await?;
    Ok(row.into_session())
}

pub(crate) async fn set_intensity_after(
    conn: &mut SqliteConnection,
    id: Uuid,
    intensity: Option<u8>,
) -> Result<Session> {
    check_rating("intensity_after", "Feeling intensity", intensity)?;
    let sql =
        format!("UPDATE mindful_sessions SET intensity_after = ? WHERE id = ? RETURNING {COLUMNS}");
    let row: Option<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(intensity.map(i64::from))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(Row::into_session).ok_or_else(|| no_session(id))
}

/// The newest `limit` sessions, newest first.
pub(crate) async fn recent(conn: &mut SqliteConnection, limit: u32) -> Result<Vec<Session>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM mindful_sessions ORDER BY started_at DESC, seq DESC LIMIT ?"
    );
    let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(i64::from(limit))
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(Row::into_session).collect())
}

/// Every session started at `since_ms` or later, oldest first.
pub(crate) async fn since(conn: &mut SqliteConnection, since_ms: i64) -> Result<Vec<Session>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM mindful_sessions WHERE started_at >= ? ORDER BY started_at, seq"
    );
    let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(since_ms)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(Row::into_session).collect())
}

pub(crate) async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<()> {
    let n = sqlx::query("DELETE FROM mindful_sessions WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(no_session(id));
    }
    Ok(())
}
