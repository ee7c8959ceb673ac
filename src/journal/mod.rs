//! The journal: entries and glimmers, tags, the trash, drafts and search.

mod drafts;
mod pictures;
mod search;
mod write;

pub use drafts::{Draft, DraftInput};
pub use pictures::{
    MAX_PICTURE_BYTES, NewPicture, Picture, PictureData, PictureOwner, PictureRecord, Pictures,
    check_picture_record, insert_imported_picture, insert_picture,
    media_type_of as picture_media_type, picture_bytes, picture_records, restore_pictures,
};
pub use search::{SearchHit, SearchQuery, SearchResults, to_fts_query as fts_query};
use write::{apply_patch, insert_entry};
pub use write::{check_new, check_record, insert, insert_all, restore, settle_index};

use sqlx::AssertSqlSafe;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::markdown;
use crate::storage::{
    self, Checkpoint, HeldReader, MAX_LIST, Tx, check_instant, check_name, local_tz, since_ms, ts,
    until_ms,
};

/// Longest body we accept; far beyond any diary entry, short of a pasted book.
const MAX_BODY_BYTES: usize = 1 << 20;
const MAX_TITLE_CHARS: usize = 300;
/// Longest tag kept; importers fit the names they make into tags with it.
pub const MAX_TAG_CHARS: usize = 40;
const EXCERPT_CHARS: usize = 160;

fn no_entry(id: &str) -> Error {
    Error::NotFound(format!("No entry matches “{id}”."))
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Entry,
    /// A tiny noticed moment of interest or shift, for the mood map.
    Glimmer,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Entry => "entry",
            Kind::Glimmer => "glimmer",
        }
    }
    fn parse(s: &str) -> Kind {
        if s == "glimmer" {
            Kind::Glimmer
        } else {
            Kind::Entry
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Uuid,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub intensity: Option<u8>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// IANA time zone the entry was written in.
    pub tz: String,
    pub deleted_at: Option<Timestamp>,
}

impl Entry {
    /// The body as sanitised HTML.
    pub fn html(&self) -> String {
        markdown::to_safe_html(&self.body)
    }
}

/// What a list shows of an entry.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntrySummary {
    pub id: Uuid,
    pub kind: Kind,
    pub title: String,
    pub excerpt: String,
    pub tags: Vec<String>,
    pub intensity: Option<u8>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub deleted_at: Option<Timestamp>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NewEntry {
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub intensity: Option<u8>,
    /// Set when importing, so re-importing the same entries adds nothing.
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    #[serde(default)]
    pub tz: Option<String>,
}

/// Fields to change; `None` leaves a field as it is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryPatch {
    pub title: Option<String>,
    pub body: Option<String>,
    pub tags: Option<Vec<String>>,
    pub intensity: Option<Option<u8>>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page {
    pub items: Vec<EntrySummary>,
    /// Pass back as `before` to get the next, older page.
    pub next: Option<String>,
}

/// Whole entries, oldest first (see [`Journal::full_page`]).
#[derive(Debug, Clone)]
pub struct FullPage {
    pub items: Vec<Entry>,
    /// Pass back as `after` to get the next, newer page.
    pub next: Option<String>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: i64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub already_present: usize,
}

/// An entry as Glimmer JSON carries it (docs/glimmer-json.md): every
/// column as stored, instants in Unix milliseconds, the trash included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: Uuid,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub intensity: Option<u8>,
    pub created_at: i64,
    pub updated_at: i64,
    pub tz: String,
    pub deleted_at: Option<i64>,
}

/// Every entry, the trash included, by id: what a Glimmer export carries.
pub async fn records(tx: &mut Tx<'_>) -> Result<Vec<Record>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries ORDER BY id");
    let rows: Vec<EntryRow> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .fetch_all(tx.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Record {
            id: r.uuid(),
            kind: Kind::parse(&r.kind),
            tags: split_tags(&r.tags),
            intensity: r.intensity.and_then(|i| u8::try_from(i).ok()),
            created_at: r.created_at,
            updated_at: r.updated_at,
            deleted_at: r.deleted_at,
            title: r.title,
            body: r.body,
            tz: r.tz,
        })
        .collect())
}

/// Tags are kept lower-case without `#`, spaces becoming dashes, so "#Self care"
/// and "self-care" are one tag.
pub fn normalize_tags(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in raw {
        let t = t.trim().trim_start_matches('#').trim().to_lowercase();
        let t: String = t
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if t.is_empty() {
            continue;
        }
        check_name("tags", "tag", &t)?;
        if t.chars().count() > MAX_TAG_CHARS {
            return Err(Error::invalid(
                "tags",
                format!(
                    "The tag “{t}” is longer than {MAX_TAG_CHARS} characters; try a shorter one."
                ),
            ));
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

fn check_intensity(i: Option<u8>) -> Result<()> {
    match i {
        Some(v) if v > 10 => Err(Error::invalid(
            "intensity",
            format!("Intensity goes from 0 to 10; {v} is outside that."),
        )),
        _ => Ok(()),
    }
}

fn check_text(title: &str, body: &str) -> Result<()> {
    if title.trim().is_empty() && body.trim().is_empty() {
        return Err(Error::invalid(
            "body",
            "There is nothing written yet, so nothing was saved.",
        ));
    }
    check_sizes(title, body)
}

/// The size limits alone: a draft may be empty, but is never bigger than an entry may be.
fn check_sizes(title: &str, body: &str) -> Result<()> {
    check_name("title", "title", title)?;
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::invalid(
            "title",
            format!(
                "The title is longer than {MAX_TITLE_CHARS} characters; move some of it into the text."
            ),
        ));
    }
    check_body(body)
}

/// Refuses a body longer than an entry may hold; front ends check text they
/// render (the editor's preview) with it too.
pub fn check_body(body: &str) -> Result<()> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::invalid(
            "body",
            "The text is longer than one megabyte; split it into a few entries.",
        ));
    }
    Ok(())
}

fn split_tags(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    seq: i64,
    id: String,
    kind: String,
    title: String,
    /// Left out by searches, whose summaries take their excerpt from the snippet.
    #[sqlx(default)]
    body: String,
    tags: String,
    intensity: Option<i64>,
    created_at: i64,
    updated_at: i64,
    tz: String,
    deleted_at: Option<i64>,
}

const ENTRY_COLUMNS: &str =
    "seq, id, kind, title, body, tags, intensity, created_at, updated_at, tz, deleted_at";

impl EntryRow {
    fn uuid(&self) -> Uuid {
        Uuid::parse_str(&self.id).unwrap_or_default()
    }

    fn into_entry(self) -> Entry {
        Entry {
            id: self.uuid(),
            kind: Kind::parse(&self.kind),
            tags: split_tags(&self.tags),
            intensity: self.intensity.and_then(|i| u8::try_from(i).ok()),
            created_at: ts(self.created_at),
            updated_at: ts(self.updated_at),
            deleted_at: self.deleted_at.map(ts),
            title: self.title,
            body: self.body,
            tz: self.tz,
        }
    }

    fn into_summary(self) -> EntrySummary {
        let excerpt = markdown::plain_excerpt(&self.body, EXCERPT_CHARS);
        self.into_summary_with(excerpt)
    }

    fn into_summary_with(self, excerpt: String) -> EntrySummary {
        EntrySummary {
            id: self.uuid(),
            kind: Kind::parse(&self.kind),
            excerpt,
            tags: split_tags(&self.tags),
            intensity: self.intensity.and_then(|i| u8::try_from(i).ok()),
            created_at: ts(self.created_at),
            updated_at: ts(self.updated_at),
            deleted_at: self.deleted_at.map(ts),
            title: self.title,
        }
    }
}

/// Columns for summaries, without the body. Callers alias `entries` as `e`.
macro_rules! summary_columns_but_body {
    () => {
        "e.seq, e.id, e.kind, e.title, e.tags, e.intensity, e.created_at, e.updated_at, e.tz, e.deleted_at"
    };
}
use summary_columns_but_body;

/// Columns for summaries: only the start of the body, enough for an excerpt.
const SUMMARY_COLUMNS: &str = concat!(
    summary_columns_but_body!(),
    ", substr(e.body, 1, 1200) AS body"
);

/// A handle on the journal of an unlocked vault.
pub struct Journal<'v> {
    pool: &'v SqlitePool,
    /// The vault's search connection; other areas' handles, which only
    /// read an entry, have none and search through the pool.
    reader: Option<&'v HeldReader>,
}

impl crate::vault::Vault {
    /// The journal: entries, tags, the trash and search.
    pub fn journal(&self) -> Journal<'_> {
        Journal {
            pool: self.pool(),
            reader: Some(self.reader()),
        }
    }

    /// Deletes the trash for good, after a backup.
    pub async fn empty_trash(&self) -> Result<u64> {
        self.backup_now("before-emptying-trash").await?;
        self.journal().empty_trash().await
    }
}

impl<'v> Journal<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool, reader: None }
    }

    pub async fn create(&self, new: &NewEntry) -> Result<Entry> {
        let mut tx = Tx::begin(self.pool).await?;
        let seq = insert_entry(&mut tx, new).await?.ok_or_else(|| {
            Error::invalid(
                "id",
                "An entry with this id already exists; nothing was saved.",
            )
        })?;
        let entry = fetch_by_seq(tx.conn(), seq).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Adds many entries in one transaction: all or nothing. Entries whose id is
    /// already in the vault are left alone, so importing twice adds nothing.
    pub async fn import(&self, entries: &[NewEntry]) -> Result<ImportReport> {
        let mut tx = Tx::begin(self.pool).await?;
        tx.import_cache().await?;
        let added = async {
            let added = insert_all(&mut tx, entries).await?.len();
            settle_index(&mut tx).await?;
            Ok(added)
        }
        .await;
        let added = tx.usual_cache_after(added).await?;
        tx.commit().await?;
        // The import's pages are in the WAL; fold them in now and empty the
        // file, so that searches read the database, not a long log. A reader
        // in the way only delays this until the next checkpoint.
        if let Err(e) = storage::wal_checkpoint(self.pool, Checkpoint::Truncate).await {
            log::warn!("checkpoint after an import: {e}");
        }
        Ok(ImportReport {
            added,
            already_present: entries.len() - added,
        })
    }

    /// Finds an entry by its full id or a unique prefix of it (at least 4 characters).
    pub async fn get(&self, id: &str) -> Result<Entry> {
        let seq = self.resolve(id).await?;
        let mut conn = self.pool.acquire().await?;
        fetch_by_seq(&mut conn, seq).await
    }

    async fn resolve(&self, id: &str) -> Result<i64> {
        let id = id.trim().to_lowercase();
        if let Ok(u) = Uuid::parse_str(&id) {
            return sqlx::query_scalar("SELECT seq FROM entries WHERE id = ?")
                .bind(u.to_string())
                .fetch_optional(self.pool)
                .await?
                .ok_or_else(|| no_entry(&id));
        }
        if id.len() < 4 || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(no_entry(&id));
        }
        // ids are lower-case hex, so a range scan on the unique index finds the prefix.
        let upper = format!("{id}\u{7f}");
        let seqs: Vec<i64> =
            sqlx::query_scalar("SELECT seq FROM entries WHERE id >= ? AND id < ? LIMIT 2")
                .bind(&id)
                .bind(&upper)
                .fetch_all(self.pool)
                .await?;
        match seqs.as_slice() {
            [one] => Ok(*one),
            [] => Err(no_entry(&id)),
            _ => Err(Error::invalid(
                "id",
                format!(
                    "More than one entry starts with “{id}”; type a few more characters of the id."
                ),
            )),
        }
    }

    pub async fn update(&self, id: &str, patch: &EntryPatch) -> Result<Entry> {
        let seq = self.resolve(id).await?;
        let mut tx = Tx::begin(self.pool).await?;
        let entry = apply_patch(&mut tx, seq, patch).await?;
        tx.commit().await?;
        Ok(entry)
    }

    /// Moves an entry to the trash; `restore` brings it back. Purged after 30 days.
    pub async fn trash(&self, id: &str) -> Result<Entry> {
        self.set_deleted(id, Some(Timestamp::now().as_millisecond()))
            .await
    }

    pub async fn restore(&self, id: &str) -> Result<Entry> {
        self.set_deleted(id, None).await
    }

    async fn set_deleted(&self, id: &str, at: Option<i64>) -> Result<Entry> {
        let seq = self.resolve(id).await?;
        sqlx::query("UPDATE entries SET deleted_at = ? WHERE seq = ?")
            .bind(at)
            .bind(seq)
            .execute(self.pool)
            .await?;
        let mut conn = self.pool.acquire().await?;
        fetch_by_seq(&mut conn, seq).await
    }

    /// Deletes for good what went to the trash before `cutoff`, with the
    /// pictures removed before then; returns how many entries went.
    pub async fn purge_trash_before(&self, cutoff: Timestamp) -> Result<u64> {
        self.purge(Some(cutoff)).await
    }

    /// Deletes every entry in the trash, and every removed picture, for good.
    pub async fn empty_trash(&self) -> Result<u64> {
        self.purge(None).await
    }

    /// An entry's pictures go with it (the table cascades).
    async fn purge(&self, cutoff: Option<Timestamp>) -> Result<u64> {
        let entries =
            sqlx::query("DELETE FROM entries WHERE deleted_at IS NOT NULL AND deleted_at < ?")
                .bind(cutoff.map_or(i64::MAX, |c| c.as_millisecond()))
                .execute(self.pool)
                .await?
                .rows_affected();
        pictures::purge_removed(self.pool, cutoff).await?;
        Ok(entries)
    }

    /// Newest first, at most [`MAX_LIST`] a page. `before` is the `next` of the previous page.
    pub async fn list(&self, limit: u32, before: Option<&str>) -> Result<Page> {
        let limit = limit.min(MAX_LIST);
        let (before_at, before_seq) = match before {
            Some(c) => parse_cursor(c)?,
            None => (i64::MAX, i64::MAX),
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM entries e WHERE e.deleted_at IS NULL AND (e.created_at, e.seq) < (?, ?) \
             ORDER BY e.created_at DESC, e.seq DESC LIMIT ?"
        );
        let rows: Vec<EntryRow> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(before_at)
            .bind(before_seq)
            .bind(i64::from(limit) + 1)
            .fetch_all(self.pool)
            .await?;
        Ok(page_of(rows, limit))
    }

    /// Whole entries outside the trash written in `[since, until)`, oldest
    /// first, at most [`MAX_LIST`] a page; `after` is the `next` of the page
    /// before. For exports and summaries, which read every word.
    pub async fn full_page(
        &self,
        since: Option<Timestamp>,
        until: Option<Timestamp>,
        limit: u32,
        after: Option<&str>,
    ) -> Result<FullPage> {
        let limit = limit.clamp(1, MAX_LIST);
        let (after_at, after_seq) = match after {
            Some(c) => parse_cursor(c)?,
            None => (i64::MIN, i64::MIN),
        };
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ? \
             AND (created_at, seq) > (?, ?) ORDER BY created_at, seq LIMIT ?"
        );
        let rows: Vec<EntryRow> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(since_ms(since))
            .bind(until_ms(until))
            .bind(after_at)
            .bind(after_seq)
            .bind(i64::from(limit) + 1)
            .fetch_all(self.pool)
            .await?;
        let (rows, next) = cut_page(rows, limit);
        Ok(FullPage {
            items: rows.into_iter().map(EntryRow::into_entry).collect(),
            next,
        })
    }

    /// What is in the trash, most recently deleted first.
    pub async fn trash_list(&self) -> Result<Vec<EntrySummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM entries e WHERE e.deleted_at IS NOT NULL ORDER BY e.deleted_at DESC"
        );
        let rows: Vec<EntryRow> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .fetch_all(self.pool)
            .await?;
        Ok(rows.into_iter().map(EntryRow::into_summary).collect())
    }

    /// When each glimmer outside the trash was noted (and in which time zone), for the mood map.
    pub async fn glimmer_times(
        &self,
        since: Option<Timestamp>,
    ) -> Result<Vec<(Timestamp, String)>> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT created_at, tz FROM entries WHERE kind = 'glimmer' AND deleted_at IS NULL AND created_at >= ?",
        )
        .bind(since_ms(since))
        .fetch_all(self.pool)
        .await?;
        Ok(rows.into_iter().map(|(at, tz)| (ts(at), tz)).collect())
    }

    /// Every tag in use (outside the trash), most used first.
    pub async fn tags(&self) -> Result<Vec<TagCount>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT t.tag, count(*) AS n FROM entry_tags t JOIN entries e ON e.seq = t.entry_seq \
             WHERE e.deleted_at IS NULL GROUP BY t.tag ORDER BY n DESC, t.tag",
        )
        .fetch_all(self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(tag, count)| TagCount { tag, count })
            .collect())
    }
}

/// The first `limit` of `rows` (fetched with one more, to tell whether
/// there are more) and the cursor to the rest, if any.
fn cut_page(mut rows: Vec<EntryRow>, limit: u32) -> (Vec<EntryRow>, Option<String>) {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next = if more {
        rows.last().map(|r| format!("{}.{}", r.created_at, r.seq))
    } else {
        None
    };
    (rows, next)
}

fn page_of(rows: Vec<EntryRow>, limit: u32) -> Page {
    let (rows, next) = cut_page(rows, limit);
    Page {
        items: rows.into_iter().map(EntryRow::into_summary).collect(),
        next,
    }
}

fn parse_cursor(c: &str) -> Result<(i64, i64)> {
    c.split_once('.')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .ok_or_else(|| Error::invalid("before", "That page marker is not one Glimmer made."))
}

async fn fetch_by_seq(conn: &mut SqliteConnection, seq: i64) -> Result<Entry> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE seq = ?");
    let row: EntryRow = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(seq)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| no_entry(&seq.to_string()))?;
    Ok(row.into_entry())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised_and_deduplicated() {
        let t = normalize_tags(&[
            "#Self care".into(),
            "self-care".into(),
            "  ".into(),
            "Walk".into(),
        ])
        .unwrap();
        assert_eq!(t, vec!["self-care", "walk"]);
        assert!(normalize_tags(&["x".repeat(41)]).is_err());
    }

    #[test]
    fn empty_text_and_bad_intensity_are_refused() {
        assert!(check_text(" ", "\n").is_err());
        assert!(check_text("", "a").is_ok());
        assert!(check_intensity(Some(11)).is_err());
        assert!(check_intensity(Some(10)).is_ok());
    }

    /// What an import leaves of the index: no more segments than a plain
    /// FTS5 table given the same text (every search reads every segment),
    /// in leaves that each fit a page.
    #[tokio::test]
    async fn an_import_leaves_the_index_as_a_plain_table_would() {
        let dir = tempfile::tempdir().unwrap();
        let vault = crate::Vault::create_for_test(dir.path()).await;
        let j = vault.journal();
        // Ten statements' worth; the trigger made a segment of each.
        let n = 20_000;
        let batch: Vec<NewEntry> = (0..n)
            .map(|i| NewEntry {
                // Many distinct words, so the index outgrows FTS5's memory
                // buffer several times over.
                body: (0..150)
                    .map(|k| format!("w{}", (i * 31 + k * 7) % 20_000))
                    .chain([format!("rare{}", i % 97)])
                    .collect::<Vec<_>>()
                    .join(" "),
                ..NewEntry::default()
            })
            .collect();
        j.import(&batch).await.unwrap();
        let mut conn = j.pool.acquire().await.unwrap();
        sqlx::query(
            "CREATE VIRTUAL TABLE temp.plain USING fts5 (title, body, tags, \
             tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO temp.plain (title, body, tags) SELECT title, body, tags FROM entries",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        // A segment's pages are rows numbered from its id shifted left 37
        // bits (FTS5_SEGMENT_ROWID in SQLite's fts5_index.c).
        let segments = async |conn: &mut sqlx::SqliteConnection, table: &str| -> i64 {
            sqlx::query_scalar(AssertSqlSafe(format!(
                "SELECT count(DISTINCT id >> 37) FROM {table} WHERE id >> 37 > 0"
            )))
            .fetch_one(conn)
            .await
            .unwrap()
        };
        let ours = segments(&mut conn, "entries_fts_data").await;
        let plain = segments(&mut conn, "temp.plain_data").await;
        assert!(
            ours > 1,
            "{ours} segments: the index never outgrew its buffer"
        );
        assert!(
            ours <= plain,
            "{ours} segments against a plain table's {plain}"
        );
        // Each leaf fits one page (migration 0014): 4,096 bytes less
        // SQLCipher's IV and HMAC (80) and SQLite's cell (35) and record
        // headers (4); a longer one spills onto a second page.
        let longest: i64 = sqlx::query_scalar("SELECT max(length(block)) FROM entries_fts_data")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert!(longest <= 4096 - 80 - 35 - 4, "a leaf of {longest} bytes");
        drop(conn);
        let q = SearchQuery {
            text: "rare12".into(),
            limit: 500,
            ..SearchQuery::default()
        };
        let expected = (0..n).filter(|i| i % 97 == 12).count();
        assert_eq!(j.search(&q).await.unwrap().hits.len(), expected);
        vault.lock().await;
    }

    /// An import's entries wait for the index until `settle_index` and no
    /// longer: a write given up holds nothing back, trashed entries stay out,
    /// and an entry saved after an import is found at once.
    #[tokio::test]
    async fn an_import_indexes_its_entries_at_its_end_and_holds_nothing_back() {
        let dir = tempfile::tempdir().unwrap();
        let vault = crate::Vault::create_for_test(dir.path()).await;
        let j = vault.journal();
        let body = |text: &str| NewEntry {
            body: text.into(),
            ..NewEntry::default()
        };
        let mut tx = Tx::begin(j.pool).await.unwrap();
        insert_all(&mut tx, &[body("abandoned walk")])
            .await
            .unwrap();
        drop(tx);
        j.import(&[body("imported walk"), body("another imported walk")])
            .await
            .unwrap();
        let kept = |text: &str, deleted_at: Option<i64>| Record {
            id: Uuid::now_v7(),
            kind: Kind::Entry,
            title: String::new(),
            body: text.into(),
            tags: vec![],
            intensity: None,
            created_at: 1_700_000_000_000,
            updated_at: 1_700_000_000_000,
            tz: "UTC".into(),
            deleted_at,
        };
        let mut tx = Tx::begin(j.pool).await.unwrap();
        let restored = [
            kept("restored walk", None),
            kept("trashed walk", Some(1_700_000_000_000)),
        ];
        assert_eq!(restore(&mut tx, &restored).await.unwrap(), 2);
        settle_index(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
        j.create(&body("saved walk")).await.unwrap();

        async fn found(j: &Journal<'_>, text: &str) -> Vec<String> {
            let q = SearchQuery {
                text: text.into(),
                limit: 50,
                ..SearchQuery::default()
            };
            let mut excerpts: Vec<String> = j
                .search(&q)
                .await
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.entry.excerpt)
                .collect();
            excerpts.sort();
            excerpts
        }
        assert_eq!(
            found(&j, "walk").await,
            [
                "another imported walk",
                "imported walk",
                "restored walk",
                "saved walk"
            ]
        );
        assert!(found(&j, "abandoned").await.is_empty());
        assert!(found(&j, "trashed").await.is_empty());
        let waiting: i64 = sqlx::query_scalar("SELECT count(*) FROM index_waiting")
            .fetch_one(j.pool)
            .await
            .unwrap();
        assert_eq!(waiting, 0);
        assert_eq!(vault.integrity_check().await.unwrap(), "ok");
        vault.lock().await;
    }

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        assert_eq!(parse_cursor("1700.42").unwrap(), (1700, 42));
        assert!(parse_cursor("nope").is_err());
    }
}
