//! Drafts: what the user is still writing, saved on every pause so a crash,
//! a lock or a closed window loses nothing. Publishing turns a draft into an
//! entry (or an edit of one) and removes it in the same transaction.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;
use uuid::Uuid;

use super::{
    Entry, EntryPatch, Journal, Kind, NewEntry, apply_patch, check_intensity, check_sizes,
    no_entry, normalize_tags,
};
use crate::error::{Error, Result};
use crate::storage::{Tx, json, ts};

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: Uuid,
    /// The entry this draft edits; `None` for a new entry.
    pub entry_id: Option<Uuid>,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub intensity: Option<u8>,
    pub updated_at: Timestamp,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DraftInput {
    /// `None` starts a new draft; otherwise the draft to overwrite.
    pub id: Option<Uuid>,
    pub entry_id: Option<Uuid>,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub intensity: Option<u8>,
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: String,
    entry_id: Option<String>,
    kind: String,
    title: String,
    body: String,
    tags: String,
    intensity: Option<i64>,
    updated_at: i64,
}

impl DraftRow {
    fn into_draft(self) -> Draft {
        Draft {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            entry_id: self.entry_id.and_then(|e| Uuid::parse_str(&e).ok()),
            kind: Kind::parse(&self.kind),
            title: self.title,
            body: self.body,
            tags: serde_json::from_str(&self.tags).unwrap_or_default(),
            intensity: self.intensity.and_then(|i| u8::try_from(i).ok()),
            updated_at: ts(self.updated_at),
        }
    }
}

const DRAFT_COLUMNS: &str = "id, entry_id, kind, title, body, tags, intensity, updated_at";

impl Journal<'_> {
    /// Saves (or overwrites) a draft. Drafts may be empty or half-formed, but
    /// no bigger than an entry, and their tags follow the entries' rules.
    pub async fn save_draft(&self, input: &DraftInput) -> Result<Draft> {
        check_sizes(&input.title, &input.body)?;
        check_intensity(input.intensity)?;
        let tags = normalize_tags(&input.tags)?;
        let id = input.id.unwrap_or_else(Uuid::now_v7);
        let sql = format!(
            "INSERT INTO drafts ({DRAFT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (id) DO UPDATE SET entry_id = excluded.entry_id, kind = excluded.kind, \
             title = excluded.title, body = excluded.body, tags = excluded.tags, \
             intensity = excluded.intensity, updated_at = excluded.updated_at RETURNING {DRAFT_COLUMNS}"
        );
        let row: DraftRow = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(id.to_string())
            .bind(input.entry_id.map(|e| e.to_string()))
            .bind(input.kind.as_str())
            .bind(&input.title)
            .bind(&input.body)
            .bind(json(&tags))
            .bind(input.intensity.map(i64::from))
            .bind(Timestamp::now().as_millisecond())
            .fetch_one(self.pool)
            .await?;
        Ok(row.into_draft())
    }

    /// Every unpublished draft, newest first.
    pub async fn drafts(&self) -> Result<Vec<Draft>> {
        let sql = format!("SELECT {DRAFT_COLUMNS} FROM drafts ORDER BY updated_at DESC");
        let rows: Vec<DraftRow> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .fetch_all(self.pool)
            .await?;
        Ok(rows.into_iter().map(DraftRow::into_draft).collect())
    }

    pub async fn discard_draft(&self, id: Uuid) -> Result<()> {
        sqlx::query("DELETE FROM drafts WHERE id = ?")
            .bind(id.to_string())
            .execute(self.pool)
            .await?;
        Ok(())
    }

    /// Saves the draft as an entry (or as the edit of its entry) and removes
    /// the draft, atomically: either both happen or neither.
    pub async fn publish_draft(&self, id: Uuid) -> Result<Entry> {
        let mut tx = Tx::begin(self.pool).await?;
        let sql = format!("SELECT {DRAFT_COLUMNS} FROM drafts WHERE id = ?");
        let draft = sqlx::query_as::<_, DraftRow>(AssertSqlSafe(sql.as_str()))
            .bind(id.to_string())
            .fetch_optional(tx.conn())
            .await?
            .ok_or_else(|| {
                Error::NotFound(
                    "That draft is no longer here; it may have been saved or discarded already."
                        .into(),
                )
            })?
            .into_draft();
        let entry = match draft.entry_id {
            Some(entry_id) => {
                let seq: i64 = sqlx::query_scalar("SELECT seq FROM entries WHERE id = ?")
                    .bind(entry_id.to_string())
                    .fetch_optional(tx.conn())
                    .await?
                    .ok_or_else(|| no_entry(&entry_id.to_string()))?;
                let patch = EntryPatch {
                    title: Some(draft.title),
                    body: Some(draft.body),
                    tags: Some(draft.tags),
                    intensity: Some(draft.intensity),
                };
                apply_patch(&mut tx, seq, &patch).await?
            }
            None => {
                let new = NewEntry {
                    kind: draft.kind,
                    title: draft.title,
                    body: draft.body,
                    tags: draft.tags,
                    intensity: draft.intensity,
                    ..NewEntry::default()
                };
                super::insert(&mut tx, &new)
                    .await?
                    .expect("a fresh UUIDv7 is never already present")
            }
        };
        super::pictures::move_to_entry(&mut tx, id, entry.id).await?;
        sqlx::query("DELETE FROM drafts WHERE id = ?")
            .bind(id.to_string())
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(entry)
    }
}
