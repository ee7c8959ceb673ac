//! Check-ins: mood, *feeling intensity* (the numbness axis), energy, precise
//! emotion words, where it is felt in the body, and a line of note.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;
use sqlx::query::QueryAs;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, SqlitePool};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::storage::{
    MAX_LIST, Tx, check_instant, json, local_date, local_tz, since_day_ms, since_ms, small, ts,
    until_ms,
};

/// Emotion words in four quadrants (pleasantness × energy), after the mood
/// meter used in emotional-granularity work, plus the words people use for
/// numbness. Precise words are the point: "flat" is not "sad".
pub const PLEASANT_HIGH: &[&str] = &[
    "excited",
    "joyful",
    "energised",
    "hopeful",
    "proud",
    "playful",
    "inspired",
    "curious",
    "amused",
    "eager",
    "delighted",
    "motivated",
    "surprised",
    "confident",
];
pub const PLEASANT_LOW: &[&str] = &[
    "calm",
    "content",
    "relaxed",
    "grateful",
    "peaceful",
    "relieved",
    "safe",
    "cosy",
    "tender",
    "settled",
    "satisfied",
    "loved",
    "at ease",
    "mellow",
];
pub const UNPLEASANT_HIGH: &[&str] = &[
    "anxious",
    "angry",
    "frustrated",
    "irritated",
    "overwhelmed",
    "stressed",
    "restless",
    "scared",
    "tense",
    "panicky",
    "jealous",
    "ashamed",
    "worried",
    "on edge",
];
pub const UNPLEASANT_LOW: &[&str] = &[
    "sad",
    "lonely",
    "tired",
    "hopeless",
    "disappointed",
    "bored",
    "drained",
    "discouraged",
    "guilty",
    "hurt",
    "low",
    "heavy",
    "withdrawn",
    "exhausted",
];
pub const NUMB: &[&str] = &["numb", "flat", "detached", "empty", "indifferent", "foggy"];

pub const BODY_AREAS: &[&str] = &[
    "head",
    "face",
    "throat",
    "chest",
    "shoulders",
    "arms",
    "hands",
    "stomach",
    "back",
    "legs",
    "whole body",
];

/// The words offered in a check-in, grouped as the UI shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Vocabulary {
    pub groups: Vec<WordGroup>,
    pub body_areas: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WordGroup {
    pub quadrant: Quadrant,
    pub label: &'static str,
    pub words: Vec<&'static str>,
}

pub fn vocabulary() -> Vocabulary {
    let group = |quadrant, label, words: &[&'static str]| WordGroup {
        quadrant,
        label,
        words: words.to_vec(),
    };
    Vocabulary {
        groups: vec![
            group(Quadrant::Numb, "Numb or far away", NUMB),
            group(Quadrant::UnpleasantLow, "Low and heavy", UNPLEASANT_LOW),
            group(
                Quadrant::UnpleasantHigh,
                "Tense and stirred up",
                UNPLEASANT_HIGH,
            ),
            group(Quadrant::PleasantLow, "Calm and warm", PLEASANT_LOW),
            group(Quadrant::PleasantHigh, "Bright and lively", PLEASANT_HIGH),
        ],
        body_areas: BODY_AREAS.to_vec(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    PleasantHigh,
    PleasantLow,
    UnpleasantHigh,
    UnpleasantLow,
    Numb,
}

/// Which group a vocabulary word belongs to; `None` for words outside it.
pub fn quadrant_of(word: &str) -> Option<Quadrant> {
    let groups = [
        (PLEASANT_HIGH, Quadrant::PleasantHigh),
        (PLEASANT_LOW, Quadrant::PleasantLow),
        (UNPLEASANT_HIGH, Quadrant::UnpleasantHigh),
        (UNPLEASANT_LOW, Quadrant::UnpleasantLow),
        (NUMB, Quadrant::Numb),
    ];
    groups
        .iter()
        .find(|(words, _)| words.contains(&word))
        .map(|(_, q)| *q)
}

fn no_checkin(id: Uuid) -> Error {
    Error::NotFound(format!(
        "No check-in matches “{id}”; it may have been deleted."
    ))
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct CheckinInput {
    /// −3 (very low) … +3 (very good); `None` is "I can't tell".
    pub mood: Option<i8>,
    /// 0 (can't feel anything) … 10 (feelings vivid); `None` is "I can't tell".
    pub intensity: Option<u8>,
    pub energy: Option<u8>,
    pub emotions: Vec<String>,
    pub body_areas: Vec<String>,
    pub note: String,
    /// Set when importing or back-filling; otherwise now.
    pub created_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Checkin {
    pub id: Uuid,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub tz: String,
    pub mood: Option<i8>,
    pub intensity: Option<u8>,
    pub energy: Option<u8>,
    pub emotions: Vec<String>,
    pub body_areas: Vec<String>,
    pub note: String,
}

fn normalise(
    words: &[String],
    allowed: impl Fn(&str) -> bool,
    field: &'static str,
    what: &str,
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        let w = w.trim().to_lowercase();
        if w.is_empty() || out.contains(&w) {
            continue;
        }
        if !allowed(&w) {
            return Err(Error::invalid(
                field,
                format!("“{w}” is not one of Glimmer's {what}."),
            ));
        }
        out.push(w);
    }
    Ok(out)
}

impl CheckinInput {
    fn validated(&self) -> Result<(Vec<String>, Vec<String>)> {
        if let Some(m) = self.mood.filter(|m| !(-3..=3).contains(m)) {
            return Err(Error::invalid(
                "mood",
                format!("Mood goes from −3 to +3; {m} is outside that."),
            ));
        }
        if let Some(i) = self.intensity.filter(|i| *i > 10) {
            return Err(Error::invalid(
                "intensity",
                format!("Feeling intensity goes from 0 to 10; {i} is outside that."),
            ));
        }
        if let Some(e) = self.energy.filter(|e| *e > 10) {
            return Err(Error::invalid(
                "energy",
                format!("Energy goes from 0 to 10; {e} is outside that."),
            ));
        }
        if self.note.chars().count() > 2000 {
            return Err(Error::invalid(
                "note",
                "The note is longer than 2,000 characters; a journal entry has room for more.",
            ));
        }
        let emotions = normalise(
            &self.emotions,
            |w| quadrant_of(w).is_some(),
            "emotions",
            "emotion words",
        )?;
        let body = normalise(
            &self.body_areas,
            |w| BODY_AREAS.contains(&w),
            "body_areas",
            "body areas",
        )?;
        let nothing = self.mood.is_none()
            && self.intensity.is_none()
            && self.energy.is_none()
            && emotions.is_empty()
            && body.is_empty()
            && self.note.trim().is_empty();
        if nothing {
            return Err(Error::invalid(
                "mood",
                "Nothing is chosen yet. Any one thing is enough: a word, a note, or “I can't tell” with a few words about it.",
            ));
        }
        Ok((emotions, body))
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    created_at: i64,
    updated_at: i64,
    tz: String,
    mood: Option<i64>,
    intensity: Option<i64>,
    energy: Option<i64>,
    emotions: String,
    body_areas: String,
    note: String,
}

impl Row {
    fn into_checkin(self) -> Checkin {
        Checkin {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            created_at: ts(self.created_at),
            updated_at: ts(self.updated_at),
            tz: self.tz,
            mood: self.mood.and_then(|m| i8::try_from(m).ok()),
            intensity: small(self.intensity),
            energy: small(self.energy),
            emotions: serde_json::from_str(&self.emotions).unwrap_or_default(),
            body_areas: serde_json::from_str(&self.body_areas).unwrap_or_default(),
            note: self.note,
        }
    }
}

const COLUMNS: &str =
    "id, created_at, updated_at, tz, mood, intensity, energy, emotions, body_areas, note";

/// A handle on the check-ins of an unlocked vault.
pub struct Checkins<'v> {
    pool: &'v SqlitePool,
}

impl crate::vault::Vault {
    /// Check-ins: mood, feeling intensity, energy, words.
    pub fn checkins(&self) -> Checkins<'_> {
        Checkins::new(self.pool())
    }
}

impl<'v> Checkins<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    /// Each check-in on `since` or later as (local day, feeling intensity),
    /// `None` for "I can't tell".
    pub async fn intensities_since(&self, since: Option<Date>) -> Result<Vec<(Date, Option<u8>)>> {
        // Check-ins are local to their own zones.
        let from = since_day_ms(since);
        let rows: Vec<(i64, String, Option<i64>)> =
            sqlx::query_as("SELECT created_at, tz, intensity FROM checkins WHERE created_at >= ?")
                .bind(from)
                .fetch_all(self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(at, tz, intensity)| (local_date(ts(at), &tz), small(intensity)))
            .filter(|(day, _)| since.is_none_or(|s| *day >= s))
            .collect())
    }

    pub async fn create(&self, input: &CheckinInput) -> Result<Checkin> {
        let mut tx = Tx::begin(self.pool).await?;
        let c = insert(&mut tx, input).await?;
        tx.commit().await?;
        Ok(c)
    }

    pub async fn update(&self, id: Uuid, input: &CheckinInput) -> Result<Checkin> {
        let (emotions, body) = input.validated()?;
        let sql = format!(
            "UPDATE checkins SET mood = ?, intensity = ?, energy = ?, emotions = ?, body_areas = ?, note = ?, \
             updated_at = ? WHERE id = ? RETURNING {COLUMNS}"
        );
        let row: Option<Row> = bind_answers(
            sqlx::query_as(AssertSqlSafe(sql.as_str())),
            input,
            &emotions,
            &body,
        )
        .bind(Timestamp::now().as_millisecond())
        .bind(id.to_string())
        .fetch_optional(self.pool)
        .await?;
        row.map(Row::into_checkin).ok_or_else(|| no_checkin(id))
    }

    pub async fn delete(&self, id: Uuid) -> Result<()> {
        let n = sqlx::query("DELETE FROM checkins WHERE id = ?")
            .bind(id.to_string())
            .execute(self.pool)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(no_checkin(id));
        }
        Ok(())
    }

    /// The most recent check-ins, newest first, at most [`MAX_LIST`].
    pub async fn recent(&self, limit: u32) -> Result<Vec<Checkin>> {
        let sql =
            format!("SELECT {COLUMNS} FROM checkins ORDER BY created_at DESC, seq DESC LIMIT ?");
        let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(i64::from(limit.min(MAX_LIST)))
            .fetch_all(self.pool)
            .await?;
        Ok(rows.into_iter().map(Row::into_checkin).collect())
    }

    /// Check-ins written in `[since, until)`, oldest first.
    pub async fn between(
        &self,
        since: Option<Timestamp>,
        until: Option<Timestamp>,
    ) -> Result<Vec<Checkin>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM checkins WHERE created_at >= ? AND created_at < ? ORDER BY created_at, seq"
        );
        let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(since_ms(since))
            .bind(until_ms(until))
            .fetch_all(self.pool)
            .await?;
        Ok(rows.into_iter().map(Row::into_checkin).collect())
    }

    /// How often each emotion word was chosen in `[since, until)`, most first.
    pub async fn emotion_counts(
        &self,
        since: Option<Timestamp>,
        until: Option<Timestamp>,
    ) -> Result<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT w.value AS word, count(*) AS n FROM checkins c, json_each(c.emotions) w \
             WHERE c.created_at >= ? AND c.created_at < ? GROUP BY w.value ORDER BY n DESC, word",
        )
        .bind(since_ms(since))
        .bind(until_ms(until))
        .fetch_all(self.pool)
        .await?)
    }
}

type RowQuery<'q> = QueryAs<'q, Sqlite, Row, SqliteArguments>;

/// Binds the person's answers, in the column order of `COLUMNS` after `tz`.
fn bind_answers<'q>(
    query: RowQuery<'q>,
    input: &'q CheckinInput,
    emotions: &[String],
    body: &[String],
) -> RowQuery<'q> {
    query
        .bind(input.mood.map(i64::from))
        .bind(input.intensity.map(i64::from))
        .bind(input.energy.map(i64::from))
        .bind(json(emotions))
        .bind(json(body))
        .bind(&input.note)
}

/// Adds a check-in inside the caller's write.
pub async fn insert(tx: &mut Tx<'_>, input: &CheckinInput) -> Result<Checkin> {
    let (emotions, body) = input.validated()?;
    input
        .created_at
        .map(|t| check_instant("created_at", t))
        .transpose()?;
    let now = Timestamp::now();
    let created = input.created_at.unwrap_or(now).as_millisecond();
    let sql = format!(
        "INSERT INTO checkins ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {COLUMNS}"
    );
    let query = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(Uuid::now_v7().to_string())
        .bind(created)
        .bind(now.as_millisecond())
        .bind(local_tz());
    let row: Row = bind_answers(query, input, &emotions, &body)
        .fetch_one(tx.conn())
        .await?;
    Ok(row.into_checkin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_has_about_sixty_words_in_four_quadrants_plus_numbness() {
        let quadrants = [PLEASANT_HIGH, PLEASANT_LOW, UNPLEASANT_HIGH, UNPLEASANT_LOW];
        let n: usize = quadrants.iter().map(|q| q.len()).sum();
        assert!((54..=66).contains(&n), "{n} words");
        let mut all: Vec<&str> = quadrants
            .iter()
            .flat_map(|q| q.iter().copied())
            .chain(NUMB.iter().copied())
            .collect();
        let before = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), before, "no word sits in two groups");
        assert_eq!(quadrant_of("flat"), Some(Quadrant::Numb));
        assert_eq!(quadrant_of("calm"), Some(Quadrant::PleasantLow));
        assert_eq!(quadrant_of("meh"), None);
    }

    #[test]
    fn input_is_checked_with_clear_words() {
        let ok = CheckinInput {
            mood: Some(-1),
            intensity: Some(2),
            emotions: vec!["Numb".into(), "numb".into(), " tired ".into()],
            body_areas: vec!["Chest".into()],
            ..Default::default()
        };
        let (e, b) = ok.validated().unwrap();
        let cant_tell_with_a_word = CheckinInput {
            emotions: vec!["foggy".into()],
            ..Default::default()
        };
        assert!(cant_tell_with_a_word.validated().is_ok());
        assert_eq!(e, vec!["numb", "tired"]);
        assert_eq!(b, vec!["chest"]);
        for bad in [
            CheckinInput {
                mood: Some(4),
                ..Default::default()
            },
            CheckinInput {
                intensity: Some(11),
                ..Default::default()
            },
            // Nothing at all chosen or written.
            CheckinInput::default(),
            CheckinInput {
                energy: Some(12),
                ..Default::default()
            },
            CheckinInput {
                emotions: vec!["meh".into()],
                ..Default::default()
            },
            CheckinInput {
                body_areas: vec!["tail".into()],
                ..Default::default()
            },
        ] {
            assert!(
                matches!(bad.validated(), Err(Error::Invalid { .. })),
                "{bad:?}"
            );
        }
    }
}
