//! Plans (an activity, when, how it repeats) and their occurrences: what was
//! noted about each, moved, or let go.

use sqlx::AssertSqlSafe;
use std::collections::HashMap;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

use super::activities::{self, Activity};
use super::recurrence::{End, Rule, Schedule, Until, resolve};
use super::{LifeArea, OccurrenceId, Status};
use crate::error::{Error, Result};
use crate::storage::{Tx, check_day, check_instant, check_rating, local_tz, small, ts};

/// A reminder can come up to a week before.
pub const MAX_REMIND_MINUTES: u32 = 7 * 24 * 60;
/// How far back a time that passed with nothing noted is still offered again.
pub const OFFER_AGAIN_FOR: SignedDuration = SignedDuration::from_hours(48);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Plan {
    pub id: Uuid,
    pub activity: Activity,
    /// The first day, local in `tz`.
    pub start_day: Date,
    /// The local wall time; `None` is "sometime that day".
    pub start_time: Option<Time>,
    /// The IANA zone the wall time is kept in.
    pub tz: String,
    /// RFC 5545 RRULE text; `None` for once.
    pub rule: Option<String>,
    /// The rule in plain words ("Every Mon, Wed and Fri"); "Once" for none.
    pub repeats: String,
    /// Minutes before the start to remind.
    pub remind_minutes: Option<u32>,
    /// Expected enjoyment, 0–10, set when planning.
    pub predicted: Option<u8>,
    pub created_at: Timestamp,
}

impl Plan {
    pub fn schedule(&self) -> Result<Schedule> {
        let rule = self.rule.as_deref().map(Rule::parse).transpose()?;
        Schedule::new(self.start_day, self.start_time, zone(&self.tz)?, rule)
    }
}

/// What to plan. `tz` defaults to the system's zone.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewPlan {
    pub activity_id: Uuid,
    pub day: Date,
    #[serde(default)]
    pub time: Option<Time>,
    #[serde(default)]
    pub tz: Option<String>,
    /// RFC 5545 RRULE text, or `daily`, `weekdays`, `weekly`; `None` for once.
    #[serde(default)]
    pub repeat: Option<String>,
    #[serde(default)]
    pub predicted: Option<u8>,
    #[serde(default)]
    pub remind_minutes: Option<u32>,
}

/// What is noted after an occurrence; `None` keeps what was there.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct Outcome {
    /// Expected enjoyment for this one occurrence, over the plan's.
    pub predicted: Option<u8>,
    pub enjoyment: Option<u8>,
    pub mastery: Option<u8>,
    /// How vividly anything was felt afterwards, 0–10.
    pub intensity: Option<u8>,
    pub note: Option<String>,
}

impl Outcome {
    fn check(&self) -> Result<()> {
        check_rating("predicted", "Expected enjoyment", self.predicted)?;
        check_rating("enjoyment", "Enjoyment", self.enjoyment)?;
        check_rating("mastery", "Mastery", self.mastery)?;
        check_rating("intensity", "Feeling intensity", self.intensity)?;
        if self.note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
            return Err(Error::invalid(
                "note",
                "The note is longer than 2,000 characters; a journal entry has room for more.",
            ));
        }
        Ok(())
    }
}

/// Where an occurrence goes when it is offered again or moved by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case", tag = "to")]
pub enum MoveTo {
    LaterToday,
    Tomorrow,
    /// A day and a time (or sometime that day), local in the plan's zone.
    Day {
        day: Date,
        time: Option<Time>,
    },
}

/// One occurrence of a plan, as it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Occurrence {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: OccurrenceId,
    pub plan_id: Uuid,
    pub activity_id: Uuid,
    pub activity: String,
    pub tiny: String,
    pub area: LifeArea,
    pub tz: String,
    /// The local day it is on now (after a move).
    pub date: Date,
    /// The local wall time it starts, `None` for "sometime that day". A wall
    /// time skipped by a DST change shows as the time it became (03:30).
    pub time: Option<Time>,
    pub start: Option<Timestamp>,
    /// Moved from the day in its id.
    pub moved: bool,
    pub status: Status,
    pub predicted: Option<u8>,
    pub enjoyment: Option<u8>,
    pub mastery: Option<u8>,
    pub intensity: Option<u8>,
    pub note: String,
    /// The journal entry (a glimmer) noted from this.
    pub entry_id: Option<Uuid>,
    pub remind_minutes: Option<u32>,
}

impl Occurrence {
    /// When it begins: its start, or for "sometime that day", the day's start.
    pub fn begins(&self) -> Timestamp {
        self.start.unwrap_or_else(|| day_start(&self.tz, self.date))
    }

    /// When it is over: its start, or the end of its day.
    pub fn ends(&self) -> Timestamp {
        self.start.unwrap_or_else(|| {
            self.date
                .tomorrow()
                .map_or(Timestamp::MAX, |d| day_start(&self.tz, d))
        })
    }
}

fn zone(name: &str) -> Result<TimeZone> {
    TimeZone::get(name.trim()).map_err(|_| {
        Error::invalid(
            "tz",
            format!(
                "“{}” is not a time zone Glimmer knows; use a name like Europe/Berlin or America/New_York.",
                name.trim()
            ),
        )
    })
}

fn day_start(tz: &str, day: Date) -> Timestamp {
    resolve(
        &TimeZone::get(tz).unwrap_or(TimeZone::UTC),
        day.to_datetime(Time::midnight()),
    )
}

fn no_occurrence(id: &OccurrenceId) -> Error {
    Error::NotFound(format!(
        "No planned activity matches “{id}”; the plan may have been stopped."
    ))
}

fn no_plan(id: Uuid) -> Error {
    Error::NotFound(format!("No plan matches “{id}”; it may have been stopped."))
}

fn hhmm(t: Time) -> String {
    t.strftime("%H:%M").to_string()
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    plan_id: String,
    start_day: String,
    start_time: Option<String>,
    tz: String,
    rule: Option<String>,
    remind_minutes: Option<i64>,
    predicted: Option<i64>,
    plan_created_at: i64,
    #[sqlx(flatten)]
    activity: activities::Row,
}

impl PlanRow {
    fn into_plan(self) -> Plan {
        Plan {
            id: Uuid::parse_str(&self.plan_id).unwrap_or_default(),
            activity: self.activity.into_activity(),
            start_day: self.start_day.parse().unwrap_or_default(),
            start_time: self.start_time.and_then(|t| t.parse().ok()),
            tz: self.tz,
            repeats: self
                .rule
                .as_deref()
                .and_then(|r| Rule::parse(r).ok())
                .map_or_else(|| "Once".to_string(), |r| r.describe()),
            rule: self.rule,
            remind_minutes: self.remind_minutes.and_then(|m| u32::try_from(m).ok()),
            predicted: small(self.predicted),
            created_at: ts(self.plan_created_at),
        }
    }
}

const PLAN_SELECT: &str = "SELECT p.id AS plan_id, p.start_day, p.start_time, p.tz, p.rule, p.remind_minutes, \
     p.predicted, p.created_at AS plan_created_at, a.id, a.area, a.name, a.tiny, a.minutes, a.hidden, \
     a.created_at, a.updated_at FROM plans p JOIN activities a ON a.id = p.activity_id";

/// What is stored of an occurrence something happened to.
#[derive(Debug, Clone, sqlx::FromRow)]
struct OccRow {
    plan_id: String,
    day: String,
    status: String,
    moved_day: Option<String>,
    moved_time: Option<String>,
    moved_at: Option<i64>,
    predicted: Option<i64>,
    enjoyment: Option<i64>,
    mastery: Option<i64>,
    intensity: Option<i64>,
    note: String,
    entry_id: Option<String>,
}

impl OccRow {
    fn empty(id: &OccurrenceId) -> OccRow {
        OccRow {
            plan_id: id.plan.to_string(),
            day: id.day.to_string(),
            status: Status::Planned.key().into(),
            moved_day: None,
            moved_time: None,
            moved_at: None,
            predicted: None,
            enjoyment: None,
            mastery: None,
            intensity: None,
            note: String::new(),
            entry_id: None,
        }
    }

    fn key(&self) -> Option<OccurrenceId> {
        Some(OccurrenceId {
            plan: Uuid::parse_str(&self.plan_id).ok()?,
            day: self.day.parse().ok()?,
        })
    }

    fn moved_to(&self) -> Option<(Date, Option<Time>)> {
        let day = self.moved_day.as_deref()?.parse().ok()?;
        Some((day, self.moved_time.as_deref().and_then(|t| t.parse().ok())))
    }
}

const OCC_COLUMNS: &str = "plan_id, day, status, moved_day, moved_time, moved_at, predicted, \
     enjoyment, mastery, intensity, note, entry_id";

async fn load_row(conn: &mut SqliteConnection, id: &OccurrenceId) -> Result<Option<OccRow>> {
    let sql = format!("SELECT {OCC_COLUMNS} FROM occurrences WHERE plan_id = ? AND day = ?");
    Ok(sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(id.plan.to_string())
        .bind(id.day.to_string())
        .fetch_optional(conn)
        .await?)
}

async fn save_row(conn: &mut SqliteConnection, row: &OccRow) -> Result<()> {
    sqlx::query(AssertSqlSafe(format!(
        "INSERT OR REPLACE INTO occurrences ({OCC_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )))
    .bind(&row.plan_id)
    .bind(&row.day)
    .bind(&row.status)
    .bind(&row.moved_day)
    .bind(&row.moved_time)
    .bind(row.moved_at)
    .bind(row.predicted)
    .bind(row.enjoyment)
    .bind(row.mastery)
    .bind(row.intensity)
    .bind(&row.note)
    .bind(&row.entry_id)
    .bind(Timestamp::now().as_millisecond())
    .execute(conn)
    .await?;
    Ok(())
}

async fn get_plan(conn: &mut SqliteConnection, id: Uuid) -> Result<Plan> {
    let row: Option<PlanRow> =
        sqlx::query_as(AssertSqlSafe(format!("{PLAN_SELECT} WHERE p.id = ?")))
            .bind(id.to_string())
            .fetch_optional(conn)
            .await?;
    row.map(PlanRow::into_plan).ok_or_else(|| no_plan(id))
}

/// The plan of `id`, when `id` names one of its days.
async fn locate(conn: &mut SqliteConnection, id: &OccurrenceId) -> Result<(Plan, Schedule)> {
    let plan = get_plan(conn, id.plan)
        .await
        .map_err(|_| no_occurrence(id))?;
    let schedule = plan.schedule()?;
    if !schedule.contains(id.day) {
        return Err(no_occurrence(id));
    }
    Ok((plan, schedule))
}

/// An occurrence from its plan and what is stored about it.
fn build(plan: &Plan, schedule: &Schedule, day: Date, row: Option<&OccRow>) -> Occurrence {
    let moved = row.and_then(OccRow::moved_to);
    let (date, wall) = moved.unwrap_or((day, plan.start_time));
    let start = wall.map(|t| resolve(schedule.tz(), date.to_datetime(t)));
    let time = start.map(|s| s.to_zoned(schedule.tz().clone()).time());
    let date = start.map_or(date, |s| s.to_zoned(schedule.tz().clone()).date());
    let a = &plan.activity;
    Occurrence {
        id: OccurrenceId { plan: plan.id, day },
        plan_id: plan.id,
        activity_id: a.id,
        activity: a.name.clone(),
        tiny: a.tiny.clone(),
        area: a.area,
        tz: plan.tz.clone(),
        date,
        time,
        start,
        moved: moved.is_some(),
        status: row.map_or(Status::Planned, |r| Status::parse(&r.status)),
        predicted: row.and_then(|r| small(r.predicted)).or(plan.predicted),
        enjoyment: row.and_then(|r| small(r.enjoyment)),
        mastery: row.and_then(|r| small(r.mastery)),
        intensity: row.and_then(|r| small(r.intensity)),
        note: row.map(|r| r.note.clone()).unwrap_or_default(),
        entry_id: row.and_then(|r| r.entry_id.as_deref().and_then(|e| Uuid::parse_str(e).ok())),
        remind_minutes: plan.remind_minutes,
    }
}

/// Adds a plan inside the caller's write. Its rule is stored the way
/// [`Schedule::new`] writes it, so exports need no second look.
pub async fn insert(tx: &mut Tx<'_>, new: &NewPlan) -> Result<Plan> {
    check_day("day", new.day)?;
    check_rating("predicted", "Expected enjoyment", new.predicted)?;
    if let Some(m) = new.remind_minutes {
        if m > MAX_REMIND_MINUTES {
            return Err(Error::invalid(
                "remind",
                format!(
                    "A reminder can come up to a week (10,080 minutes) before; {m} is more than that."
                ),
            ));
        }
        if new.time.is_none() {
            return Err(Error::invalid(
                "remind",
                "A reminder needs a time of day; this plan is for sometime that day.",
            ));
        }
    }
    let tz_name = new.tz.clone().unwrap_or_else(local_tz);
    let tz = zone(&tz_name)?;
    let tz_name = tz.iana_name().unwrap_or(tz_name.trim()).to_string();
    let rule = new.repeat.as_deref().map(Rule::parse).transpose()?;
    // To the minute: plans are not kept to the second.
    let time = new.time.map(|t| Time::constant(t.hour(), t.minute(), 0, 0));
    let schedule = Schedule::new(new.day, time, tz, rule)?;
    let activity = activities::get_in(tx.conn(), new.activity_id).await?;
    let now = Timestamp::now().as_millisecond();
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO plans (id, activity_id, start_day, start_time, tz, rule, remind_minutes, predicted, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id.to_string())
    .bind(activity.id.to_string())
    .bind(schedule.start().to_string())
    .bind(time.map(hhmm))
    .bind(&tz_name)
    .bind(schedule.rule().map(Rule::to_string))
    .bind(new.remind_minutes.map(i64::from))
    .bind(new.predicted.map(i64::from))
    .bind(now)
    .bind(now)
    .execute(tx.conn())
    .await?;
    get_plan(tx.conn(), id).await
}

/// Stops a plan inside the caller's write (see [`Plans::stop`]).
async fn stop_in(tx: &mut Tx<'_>, id: Uuid, now: Timestamp) -> Result<Option<Plan>> {
    let plan = get_plan(tx.conn(), id).await?;
    let schedule = plan.schedule()?;
    let today = now.to_zoned(schedule.tz().clone()).date();
    let last = schedule.iter().take_while(|i| i.day < today).last();
    let kept = match (last, schedule.rule()) {
        (None, _) => {
            sqlx::query("DELETE FROM plans WHERE id = ?")
                .bind(id.to_string())
                .execute(tx.conn())
                .await?;
            None
        }
        (Some(last), Some(rule)) => {
            let until = match last.at {
                Some(at) => Until::Instant(at),
                None => Until::Day(last.day),
            };
            let mut rule = rule.clone();
            rule.end = End::Until(until);
            sqlx::query("UPDATE plans SET rule = ?, updated_at = ? WHERE id = ?")
                .bind(rule.to_string())
                .bind(now.as_millisecond())
                .bind(id.to_string())
                .execute(tx.conn())
                .await?;
            // Notes about days after the end go with them.
            sqlx::query("DELETE FROM occurrences WHERE plan_id = ? AND day > ?")
                .bind(id.to_string())
                .bind(last.day.to_string())
                .execute(tx.conn())
                .await?;
            Some(get_plan(tx.conn(), id).await?)
        }
        // A single time already past: nothing is left to stop.
        (Some(_), None) => Some(plan),
    };
    Ok(kept)
}

/// A handle on the plans of an unlocked vault.
pub struct Plans<'v> {
    pub(super) pool: &'v SqlitePool,
}

impl crate::vault::Vault {
    /// Planned activities and how they went.
    pub fn plans(&self) -> Plans<'_> {
        Plans::new(self.pool())
    }
}

impl<'v> Plans<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn create(&self, new: &NewPlan) -> Result<Plan> {
        let mut tx = Tx::begin(self.pool).await?;
        let plan = insert(&mut tx, new).await?;
        tx.commit().await?;
        Ok(plan)
    }

    pub async fn get(&self, id: Uuid) -> Result<Plan> {
        get_plan(&mut *self.pool.acquire().await?, id).await
    }

    /// Every plan, oldest first.
    pub async fn list(&self) -> Result<Vec<Plan>> {
        let rows: Vec<PlanRow> =
            sqlx::query_as(AssertSqlSafe(format!("{PLAN_SELECT} ORDER BY p.seq")))
                .fetch_all(self.pool)
                .await?;
        Ok(rows.into_iter().map(PlanRow::into_plan).collect())
    }

    /// Stops a plan from `today` (local in its zone) on; what was noted stays.
    /// A plan with no day before today is removed; `None` says so.
    pub async fn stop(&self, id: Uuid, now: Timestamp) -> Result<Option<Plan>> {
        let mut tx = Tx::begin(self.pool).await?;
        let kept = stop_in(&mut tx, id, now).await?;
        tx.commit().await?;
        Ok(kept)
    }

    /// A changed plan: the old one stops before today (what was noted stays
    /// with it) and `new` takes over, in one write, so a failure changes nothing.
    pub async fn replace(&self, id: Uuid, new: &NewPlan, now: Timestamp) -> Result<Plan> {
        let mut tx = Tx::begin(self.pool).await?;
        stop_in(&mut tx, id, now).await?;
        let plan = insert(&mut tx, new).await?;
        tx.commit().await?;
        Ok(plan)
    }

    /// The occurrences starting in `[from, to)` (for "sometime that day",
    /// whose day overlaps it), at their moved times where moved, by start.
    pub async fn occurrences(&self, from: Timestamp, to: Timestamp) -> Result<Vec<Occurrence>> {
        check_instant("from", from)?;
        check_instant("to", to)?;
        if to <= from {
            return Ok(Vec::new());
        }
        let plans: Vec<(Plan, Schedule)> = self
            .list()
            .await?
            .into_iter()
            .filter_map(|p| {
                let s = p.schedule().ok()?;
                Some((p, s))
            })
            .collect();
        // Local days differ from UTC ones by less than a day; two is a safe margin.
        let margin = SignedDuration::from_hours(48);
        let utc_day = |t: Timestamp| t.to_zoned(TimeZone::UTC).date().to_string();
        let rows: Vec<OccRow> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT {OCC_COLUMNS} FROM occurrences WHERE (day >= ? AND day <= ?) OR (moved_at >= ? AND moved_at < ?)"
        )))
        .bind(utc_day(from - margin))
        .bind(utc_day(to + margin))
        .bind((from - margin).as_millisecond())
        .bind(to.as_millisecond())
        .fetch_all(self.pool)
        .await?;
        let rows: HashMap<OccurrenceId, OccRow> = rows
            .into_iter()
            .filter_map(|r| Some((r.key()?, r)))
            .collect();
        let overlaps = |o: &Occurrence| match o.start {
            Some(s) => from <= s && s < to,
            None => o.begins() < to && from < o.ends(),
        };
        let mut out = Vec::new();
        for (plan, schedule) in &plans {
            for i in schedule.between(from, to) {
                let key = OccurrenceId {
                    plan: plan.id,
                    day: i.day,
                };
                let row = rows.get(&key);
                if row.is_none_or(|r| r.moved_to().is_none()) {
                    out.push(build(plan, schedule, i.day, row));
                }
            }
        }
        let by_id: HashMap<Uuid, &(Plan, Schedule)> = plans.iter().map(|p| (p.0.id, p)).collect();
        for (key, row) in &rows {
            if row.moved_to().is_none() {
                continue;
            }
            if let Some((plan, schedule)) = by_id.get(&key.plan)
                && schedule.contains(key.day)
            {
                let o = build(plan, schedule, key.day, Some(row));
                if overlaps(&o) {
                    out.push(o);
                }
            }
        }
        out.sort_by(|a, b| (a.begins(), &a.activity).cmp(&(b.begins(), &b.activity)));
        Ok(out)
    }

    /// One occurrence as it stands.
    pub async fn occurrence(&self, id: &OccurrenceId) -> Result<Occurrence> {
        let mut conn = self.pool.acquire().await?;
        let (plan, schedule) = locate(&mut conn, id).await?;
        let row = load_row(&mut conn, id).await?;
        Ok(build(&plan, &schedule, id.day, row.as_ref()))
    }

    /// Times that passed in the last two days with nothing noted, to offer
    /// again: later today, tomorrow, or let go.
    pub async fn waiting(&self, now: Timestamp) -> Result<Vec<Occurrence>> {
        Ok(self
            .occurrences(now - OFFER_AGAIN_FOR, now)
            .await?
            .into_iter()
            .filter(|o| o.status == Status::Planned && o.ends() <= now)
            .collect())
    }

    /// Reads, changes and writes back one occurrence in one write.
    async fn change(
        &self,
        id: &OccurrenceId,
        edit: impl FnOnce(&Plan, &mut OccRow) -> Result<()>,
    ) -> Result<Occurrence> {
        let mut tx = Tx::begin(self.pool).await?;
        let (plan, schedule) = locate(tx.conn(), id).await?;
        let mut row = load_row(tx.conn(), id)
            .await?
            .unwrap_or_else(|| OccRow::empty(id));
        edit(&plan, &mut row)?;
        save_row(tx.conn(), &row).await?;
        tx.commit().await?;
        Ok(build(&plan, &schedule, id.day, Some(&row)))
    }

    /// Notes how it went: done or partly (with ratings), or back to planned.
    pub async fn record(
        &self,
        id: &OccurrenceId,
        status: Status,
        outcome: &Outcome,
    ) -> Result<Occurrence> {
        outcome.check()?;
        self.change(id, |_, row| {
            row.status = status.key().into();
            let keep = |new: Option<u8>, old: Option<i64>| new.map(i64::from).or(old);
            row.predicted = keep(outcome.predicted, row.predicted);
            row.enjoyment = keep(outcome.enjoyment, row.enjoyment);
            row.mastery = keep(outcome.mastery, row.mastery);
            row.intensity = keep(outcome.intensity, row.intensity);
            if let Some(n) = &outcome.note {
                row.note = n.trim().to_string();
            }
            Ok(())
        })
        .await
    }

    pub async fn done(&self, id: &OccurrenceId, outcome: &Outcome) -> Result<Occurrence> {
        self.record(id, Status::Done, outcome).await
    }

    pub async fn partly(&self, id: &OccurrenceId, outcome: &Outcome) -> Result<Occurrence> {
        self.record(id, Status::Partly, outcome).await
    }

    /// "Let it go": not today, and nothing more is asked about it.
    pub async fn let_go(&self, id: &OccurrenceId) -> Result<Occurrence> {
        self.record(id, Status::NotToday, &Outcome::default()).await
    }

    /// Moves an occurrence to `day` at `time` (or sometime that day), local
    /// in its plan's zone. One already done stays where it was done.
    pub async fn move_to(
        &self,
        id: &OccurrenceId,
        day: Date,
        time: Option<Time>,
    ) -> Result<Occurrence> {
        check_day("day", day)?;
        self.change(id, |plan, row| {
            if matches!(Status::parse(&row.status), Status::Done | Status::Partly) {
                return Err(Error::invalid(
                    "id",
                    "This one is already noted as done, so it stays where it is.",
                ));
            }
            let tz = zone(&plan.tz)?;
            let time = time.map(|t| Time::constant(t.hour(), t.minute(), 0, 0));
            row.status = Status::Planned.key().into();
            row.moved_day = Some(day.to_string());
            row.moved_time = time.map(hhmm);
            row.moved_at = Some(
                resolve(&tz, day.to_datetime(time.unwrap_or(Time::midnight()))).as_millisecond(),
            );
            Ok(())
        })
        .await
    }

    /// "Later today": sometime later on `now`'s day.
    pub async fn later_today(&self, id: &OccurrenceId, now: Timestamp) -> Result<Occurrence> {
        let today = self.today(id, now).await?;
        self.move_to(id, today, None).await
    }

    /// "Tomorrow": the plan's time (or sometime) on the day after `now`'s.
    pub async fn tomorrow(&self, id: &OccurrenceId, now: Timestamp) -> Result<Occurrence> {
        let today = self.today(id, now).await?;
        let tomorrow = today
            .tomorrow()
            .map_err(|e| Error::Internal(e.to_string()))?;
        let plan = self.get(id.plan).await?;
        self.move_to(id, tomorrow, plan.start_time).await
    }

    async fn today(&self, id: &OccurrenceId, now: Timestamp) -> Result<Date> {
        let plan = self.get(id.plan).await.map_err(|_| no_occurrence(id))?;
        Ok(now.to_zoned(zone(&plan.tz)?).date())
    }

    /// Moves an occurrence as `to` says, with `now` deciding "today".
    pub async fn move_occurrence(
        &self,
        id: &OccurrenceId,
        to: MoveTo,
        now: Timestamp,
    ) -> Result<Occurrence> {
        match to {
            MoveTo::LaterToday => self.later_today(id, now).await,
            MoveTo::Tomorrow => self.tomorrow(id, now).await,
            MoveTo::Day { day, time } => self.move_to(id, day, time).await,
        }
    }

    /// The occurrences on the local days `from` through `to` on this computer.
    pub async fn on_days(&self, from: Date, to: Date) -> Result<Vec<Occurrence>> {
        check_day("from", from)?;
        check_day("to", to)?;
        let zone = TimeZone::system();
        let start = |d: Date| resolve(&zone, d.to_datetime(Time::midnight()));
        let end = to
            .tomorrow()
            .map_err(|_| Error::invalid("to", "That day is past the end of the calendar."))?;
        self.occurrences(start(from), start(end)).await
    }

    /// "Note a glimmer from this": links the occurrence to a journal entry.
    pub async fn link_entry(&self, id: &OccurrenceId, entry: &str) -> Result<Occurrence> {
        let entry = crate::journal::Journal::new(self.pool).get(entry).await?;
        self.change(id, |_, row| {
            row.entry_id = Some(entry.id.to_string());
            Ok(())
        })
        .await
    }
}
