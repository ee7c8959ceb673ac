//! Activities (the starter library and the person's own), the values written
//! for each life area, and "pick one for me".

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

use super::LifeArea;
use crate::error::{Error, Result};
use crate::rng::SplitMix;
use crate::storage::{Tx, check_name, ts};

const MAX_NAME_CHARS: usize = 100;
const MAX_TINY_CHARS: usize = 300;
const MAX_VALUE_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Activity {
    pub id: Uuid,
    pub area: LifeArea,
    pub name: String,
    /// The smallest version, for a low day: "Wash one cup."
    pub tiny: String,
    /// About how long it takes.
    pub minutes: Option<u32>,
    /// Hidden activities stay in plans and insights but leave the library.
    pub hidden: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A new activity, or (with `None` meaning "as it is") a change to one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct ActivityInput {
    pub name: Option<String>,
    pub area: Option<LifeArea>,
    pub tiny: Option<String>,
    /// `Some(None)` (JSON `null`) clears the estimate; left out, it stays.
    #[serde(deserialize_with = "present")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub minutes: Option<Option<u32>>,
    pub hidden: Option<bool>,
}

/// A field that is present, `null` included: `Some(None)` clears, where a
/// missing field (the struct's default) keeps.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A life area with the person's value sentence for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AreaValue {
    pub area: LifeArea,
    pub label: String,
    /// "I want to be a present friend"; empty until written.
    pub value: String,
}

/// An activity as stored; plans read it through a join.
#[derive(sqlx::FromRow)]
pub(super) struct Row {
    id: String,
    area: String,
    name: String,
    tiny: String,
    minutes: Option<i64>,
    hidden: i64,
    created_at: i64,
    updated_at: i64,
}

impl Row {
    pub(super) fn into_activity(self) -> Activity {
        Activity {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            area: LifeArea::parse(&self.area).unwrap_or(LifeArea::MindBody),
            name: self.name,
            tiny: self.tiny,
            minutes: self.minutes.and_then(|m| u32::try_from(m).ok()),
            hidden: self.hidden != 0,
            created_at: ts(self.created_at),
            updated_at: ts(self.updated_at),
        }
    }
}

const COLUMNS: &str = "id, area, name, tiny, minutes, hidden, created_at, updated_at";

fn no_activity(what: &str) -> Error {
    Error::NotFound(format!("No activity matches “{what}”."))
}

/// The input's text trimmed and checked; `None` fields stay `None`.
fn checked(input: &ActivityInput) -> Result<(Option<String>, Option<String>)> {
    let name = input.name.as_deref().map(str::trim).map(str::to_string);
    match &name {
        Some(n) if n.is_empty() => {
            return Err(Error::invalid(
                "name",
                "The activity needs a name, like “Walk round the block”.",
            ));
        }
        Some(n) if n.chars().count() > MAX_NAME_CHARS => {
            return Err(Error::invalid(
                "name",
                format!(
                    "An activity name has room for {MAX_NAME_CHARS} characters; this one is longer."
                ),
            ));
        }
        Some(n) => check_name("name", "name", n)?,
        None => {}
    }
    let tiny = input.tiny.as_deref().map(str::trim).map(str::to_string);
    if let Some(t) = &tiny {
        check_name("tiny", "tiny version", t)?;
    }
    if tiny
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_TINY_CHARS)
    {
        return Err(Error::invalid(
            "tiny",
            format!(
                "The tiny version has room for {MAX_TINY_CHARS} characters; a smaller step fits."
            ),
        ));
    }
    if let Some(Some(m)) = input.minutes
        && !(1..=1440).contains(&m)
    {
        return Err(Error::invalid(
            "minutes",
            format!("Minutes go from 1 to 1,440 (a day); {m} is outside that."),
        ));
    }
    Ok((name, tiny))
}

/// Refuses a second activity of the same name, which `glimmer plan add NAME` could not tell apart.
async fn name_is_free(conn: &mut SqliteConnection, name: &str, except: Option<Uuid>) -> Result<()> {
    let other: Option<String> =
        sqlx::query_scalar("SELECT id FROM activities WHERE name = ? AND id IS NOT ?")
            .bind(name)
            .bind(except.map(|u| u.to_string()))
            .fetch_optional(conn)
            .await?;
    match other {
        Some(_) => Err(Error::invalid(
            "name",
            format!("There is already an activity called “{name}”; choose another name."),
        )),
        None => Ok(()),
    }
}

pub(crate) async fn get_in(conn: &mut SqliteConnection, id: Uuid) -> Result<Activity> {
    let sql = format!("SELECT {COLUMNS} FROM activities WHERE id = ?");
    let row: Option<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(Row::into_activity)
        .ok_or_else(|| no_activity(&id.to_string()))
}

/// Adds an activity inside the caller's write. Name and area are required.
pub async fn insert(tx: &mut Tx<'_>, input: &ActivityInput) -> Result<Activity> {
    let (name, tiny) = checked(input)?;
    let Some(name) = name else {
        return Err(Error::invalid(
            "name",
            "The activity needs a name, like “Walk round the block”.",
        ));
    };
    let Some(area) = input.area else {
        return Err(Error::invalid(
            "area",
            "Which life area is it in? Relationships, work, recreation, mind-body or responsibilities.",
        ));
    };
    name_is_free(tx.conn(), &name, None).await?;
    let now = Timestamp::now().as_millisecond();
    let sql = format!(
        "INSERT INTO activities ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {COLUMNS}"
    );
    let row: Row = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(Uuid::now_v7().to_string())
        .bind(area.key())
        .bind(&name)
        .bind(tiny.unwrap_or_default())
        .bind(input.minutes.flatten().map(i64::from))
        .bind(i64::from(input.hidden.unwrap_or(false)))
        .bind(now)
        .bind(now)
        .fetch_one(tx.conn())
        .await?;
    Ok(row.into_activity())
}

/// Chooses one of `candidates` at random, each weighted by how it went
/// before: `None` (never noted) weighs 1, so new things keep a fair chance;
/// a past score of 0–10 weighs 0.5–3.5, so what went well comes up more often
/// and what went badly less, never not at all.
pub fn pick_weighted<T>(candidates: &[(T, Option<f64>)], seed: u64) -> Option<&T> {
    let weight = |score: Option<f64>| score.map_or(1.0, |s| 0.5 + 0.3 * s.clamp(0.0, 10.0));
    let total: f64 = candidates.iter().map(|(_, s)| weight(*s)).sum();
    let mut x = SplitMix(seed).unit() * total;
    for (item, score) in candidates {
        x -= weight(*score);
        if x < 0.0 {
            return Some(item);
        }
    }
    candidates.last().map(|(item, _)| item)
}

/// A handle on the activities and life-area values of an unlocked vault.
pub struct Activities<'v> {
    pool: &'v SqlitePool,
}

impl crate::vault::Vault {
    /// The activity library and the life areas.
    pub fn activities(&self) -> Activities<'_> {
        Activities::new(self.pool())
    }
}

impl<'v> Activities<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    /// The library by life area, in the order each was added; hidden ones only when asked.
    pub async fn list(&self, include_hidden: bool) -> Result<Vec<Activity>> {
        let sql = format!("SELECT {COLUMNS} FROM activities WHERE hidden = 0 OR ? ORDER BY seq");
        let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(include_hidden)
            .fetch_all(self.pool)
            .await?;
        let mut all: Vec<Activity> = rows.into_iter().map(Row::into_activity).collect();
        all.sort_by_key(|a| a.area);
        Ok(all)
    }

    pub async fn get(&self, id: Uuid) -> Result<Activity> {
        get_in(&mut *self.pool.acquire().await?, id).await
    }

    /// An activity by its id or its name (any case), as typed.
    /// By id, by name (any case), or by a part of one name: "walk" finds
    /// "Take a short walk" when no other activity has "walk" in its name.
    pub async fn find(&self, text: &str) -> Result<Activity> {
        let text = text.trim();
        if let Ok(id) = Uuid::parse_str(text) {
            return self.get(id).await;
        }
        let wanted = text.to_lowercase();
        let all = self.list(true).await?;
        if let Some(a) = all.iter().find(|a| a.name.to_lowercase() == wanted) {
            return Ok(a.clone());
        }
        let mut fits = all
            .into_iter()
            .filter(|a| !a.hidden && a.name.to_lowercase().contains(&wanted));
        match (fits.next(), fits.next()) {
            (Some(one), None) if !wanted.is_empty() => Ok(one),
            (Some(a), Some(b)) => Err(Error::invalid(
                "activity",
                format!(
                    "“{text}” fits more than one activity (“{}”, “{}”…); type more of the name, or its id.",
                    a.name, b.name
                ),
            )),
            _ => Err(no_activity(text)),
        }
    }

    pub async fn add(&self, input: &ActivityInput) -> Result<Activity> {
        let mut tx = Tx::begin(self.pool).await?;
        let a = insert(&mut tx, input).await?;
        tx.commit().await?;
        Ok(a)
    }

    /// Changes what `input` sets and keeps the rest.
    pub async fn update(&self, id: Uuid, input: &ActivityInput) -> Result<Activity> {
        let (name, tiny) = checked(input)?;
        let mut tx = Tx::begin(self.pool).await?;
        let old = get_in(tx.conn(), id).await?;
        if let Some(n) = &name {
            name_is_free(tx.conn(), n, Some(id)).await?;
        }
        let sql = format!(
            "UPDATE activities SET area = ?, name = ?, tiny = ?, minutes = ?, hidden = ?, updated_at = ? \
             WHERE id = ? RETURNING {COLUMNS}"
        );
        let row: Row = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(input.area.unwrap_or(old.area).key())
            .bind(name.unwrap_or(old.name))
            .bind(tiny.unwrap_or(old.tiny))
            .bind(input.minutes.unwrap_or(old.minutes).map(i64::from))
            .bind(i64::from(input.hidden.unwrap_or(old.hidden)))
            .bind(Timestamp::now().as_millisecond())
            .bind(id.to_string())
            .fetch_one(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(row.into_activity())
    }

    /// Hides an activity from the library (or shows it again); its plans and history stay.
    pub async fn set_hidden(&self, id: Uuid, hidden: bool) -> Result<Activity> {
        let input = ActivityInput {
            hidden: Some(hidden),
            ..ActivityInput::default()
        };
        self.update(id, &input).await
    }

    /// The five life areas with the person's value sentence for each.
    pub async fn areas(&self) -> Result<Vec<AreaValue>> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT area, value FROM life_areas")
            .fetch_all(self.pool)
            .await?;
        Ok(LifeArea::ALL
            .iter()
            .map(|&area| AreaValue {
                area,
                label: area.label().into(),
                value: rows
                    .iter()
                    .find(|(k, _)| k == area.key())
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
            })
            .collect())
    }

    /// Writes what matters to the person in `area`; empty clears it.
    pub async fn set_value(&self, area: LifeArea, value: &str) -> Result<AreaValue> {
        let value = value.trim();
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(Error::invalid(
                "value",
                format!(
                    "A value has room for {MAX_VALUE_CHARS} characters; one sentence is enough."
                ),
            ));
        }
        sqlx::query("UPDATE life_areas SET value = ?, updated_at = ? WHERE area = ?")
            .bind(value)
            .bind(Timestamp::now().as_millisecond())
            .bind(area.key())
            .execute(self.pool)
            .await?;
        Ok(AreaValue {
            area,
            label: area.label().into(),
            value: value.into(),
        })
    }

    /// "Pick one for me": one visible activity with a tiny version, weighted
    /// towards what went well before (see [`pick_weighted`]). The same seed
    /// and the same history give the same pick.
    pub async fn pick_one(&self, seed: u64) -> Result<Option<Activity>> {
        // How each activity went: the mean of enjoyment and mastery, over the
        // occurrences done or partly done that noted either.
        let scores: Vec<(String, f64)> = sqlx::query_as(
            "SELECT p.activity_id, avg((coalesce(o.enjoyment, o.mastery) + coalesce(o.mastery, o.enjoyment)) / 2.0) \
             FROM occurrences o JOIN plans p ON p.id = o.plan_id \
             WHERE o.status IN ('done', 'partly') AND coalesce(o.enjoyment, o.mastery) IS NOT NULL \
             GROUP BY p.activity_id",
        )
        .fetch_all(self.pool)
        .await?;
        let candidates: Vec<(Activity, Option<f64>)> = self
            .list(false)
            .await?
            .into_iter()
            .filter(|a| !a.tiny.is_empty())
            .map(|a| {
                let id = a.id.to_string();
                let score = scores.iter().find(|(k, _)| *k == id).map(|(_, s)| *s);
                (a, score)
            })
            .collect();
        Ok(pick_weighted(&candidates, seed).cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_null_clears_the_minutes_and_a_missing_field_keeps_them() {
        let null: ActivityInput = serde_json::from_str(r#"{"minutes": null}"#).unwrap();
        assert_eq!(null.minutes, Some(None));
        let missing: ActivityInput = serde_json::from_str("{}").unwrap();
        assert_eq!(missing.minutes, None);
        let set: ActivityInput = serde_json::from_str(r#"{"minutes": 5}"#).unwrap();
        assert_eq!(set.minutes, Some(Some(5)));
    }

    #[test]
    fn picks_are_reproducible_and_lean_towards_what_went_well() {
        let items = [
            ("went well", Some(9.0)),
            ("went badly", Some(0.0)),
            ("new", None),
        ];
        assert_eq!(pick_weighted(&items, 42), pick_weighted(&items, 42));
        let mut counts = [0u32; 3];
        for seed in 0..3000 {
            let pick = pick_weighted(&items, seed).unwrap();
            counts[items.iter().position(|(n, _)| n == pick).unwrap()] += 1;
        }
        // Weights 3.2 : 0.5 : 1 of 4.7.
        assert!(counts[0] > 1800 && counts[0] < 2300, "{counts:?}");
        assert!(counts[1] > 200 && counts[1] < 450, "{counts:?}");
        assert!(counts[2] > 450 && counts[2] < 850, "{counts:?}");
        let none: [(u8, Option<f64>); 0] = [];
        assert_eq!(pick_weighted(&none, 1), None);
    }
}
