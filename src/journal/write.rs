//! Writing entries: one, many at once (an import), a change, and the tags
//! and search index that follow them, each inside the caller's write.

use sqlx::AssertSqlSafe;
use std::collections::HashMap;

use uuid::Uuid;

use super::*;

/// Inserts one entry with its tags inside the caller's write; `None` when its
/// id is already present, so importing twice adds nothing.
pub async fn insert(tx: &mut Tx<'_>, new: &NewEntry) -> Result<Option<Entry>> {
    match insert_entry(tx, new).await? {
        Some(seq) => Ok(Some(fetch_by_seq(tx.conn(), seq).await?)),
        None => Ok(None),
    }
}

pub(super) async fn insert_entry(tx: &mut Tx<'_>, new: &NewEntry) -> Result<Option<i64>> {
    check_new(new)?;
    let tags = normalize_tags(&new.tags)?;
    let now = Timestamp::now();
    let created = new.created_at.unwrap_or(now).as_millisecond();
    let id = new.id.unwrap_or_else(Uuid::now_v7);
    let seq: Option<i64> = sqlx::query_scalar(
        "INSERT INTO entries (id, kind, title, body, tags, intensity, created_at, updated_at, tz) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING seq",
    )
    .bind(id.to_string())
    .bind(new.kind.as_str())
    .bind(&new.title)
    .bind(&new.body)
    .bind(tags.join(" "))
    .bind(new.intensity.map(i64::from))
    .bind(created)
    .bind(created)
    .bind(new.tz.clone().unwrap_or_else(local_tz))
    .fetch_optional(tx.conn())
    .await?;
    if let Some(seq) = seq {
        set_tags(tx, seq, &tags).await?;
    }
    Ok(seq)
}

/// At most this many entries, or this much text, go into one statement of an
/// import; 2,000 rows of 10 values stay under SQLite's 32,766 parameters.
const IMPORT_CHUNK_ENTRIES: usize = 2_000;
const IMPORT_CHUNK_BYTES: usize = 8 << 20;

/// Puts the entries that [`insert_all`] and [`restore`] added in this write
/// into the search index; call it once, after the last of them and before
/// the commit: until then those entries cannot be found.
///
/// In one statement, as a plain FTS5 table takes the same text: FTS5 writes
/// the terms it holds in memory as a new segment at the start of every
/// statement that may need undoing, so fed by the insert trigger each
/// statement of an import left a small segment of its own, and every search
/// reads every segment (right after importing 10,000 entries Glimmer's index
/// had 9 segments to the plain table's 5, and a search for a rare word took
/// 1.3–1.4× as long; docs/benchmarks.md, issue 12). Now it has the plain
/// table's segments, and the merging FTS5 leaves to later writes, as there.
pub async fn settle_index(tx: &mut Tx<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO entries_fts (rowid, title, body, tags) \
         SELECT seq, title, body, tags FROM entries \
         WHERE seq > (SELECT after_seq FROM index_waiting) AND deleted_at IS NULL",
    )
    .execute(tx.conn())
    .await?;
    sqlx::query("DELETE FROM index_waiting")
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Holds the entries added from now on in this write back from the search
/// index, for [`settle_index`]. New rows take sequence numbers after the
/// last, so the first call's last number marks them all; they are only
/// added until then, never changed (the index's delete would look for them).
async fn hold_index(tx: &mut Tx<'_>) -> Result<()> {
    sqlx::query(
        "INSERT OR IGNORE INTO index_waiting (id, after_seq) \
         SELECT 1, coalesce(max(seq), 0) FROM entries",
    )
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// An entry on its way in, checked: a new one, or one carried whole from a
/// Glimmer export with its own times and its place in the trash.
pub(super) struct Incoming<'a> {
    id: String,
    kind: Kind,
    title: &'a str,
    body: &'a str,
    tags: Vec<String>,
    intensity: Option<u8>,
    created: i64,
    updated: i64,
    tz: String,
    deleted: Option<i64>,
}

impl<'a> Incoming<'a> {
    pub(super) fn new(new: &'a NewEntry, now: Timestamp) -> Result<Self> {
        check_new(new)?;
        let created = new.created_at.unwrap_or(now).as_millisecond();
        Ok(Self {
            id: new.id.unwrap_or_else(Uuid::now_v7).to_string(),
            kind: new.kind,
            title: &new.title,
            body: &new.body,
            tags: normalize_tags(&new.tags)?,
            intensity: new.intensity,
            created,
            updated: created,
            tz: new.tz.clone().unwrap_or_else(local_tz),
            deleted: None,
        })
    }

    fn carried(r: &'a Record) -> Result<Self> {
        check_text(&r.title, &r.body)?;
        check_intensity(r.intensity)?;
        for (field, ms) in [("created_at", r.created_at), ("updated_at", r.updated_at)] {
            let t = Timestamp::from_millisecond(ms).map_err(|_| {
                Error::invalid(field, format!("{ms} is not an instant Glimmer can keep."))
            })?;
            check_instant(field, t)?;
        }
        check_name("tz", "time zone", &r.tz)?;
        Ok(Self {
            id: r.id.to_string(),
            kind: r.kind,
            title: &r.title,
            body: &r.body,
            tags: normalize_tags(&r.tags)?,
            intensity: r.intensity,
            created: r.created_at,
            updated: r.updated_at,
            tz: r.tz.clone(),
            deleted: r.deleted_at,
        })
    }
}

/// Refuses a new entry that could not be saved, with the sentence saying
/// why: an importer checks every record with this before writing any.
pub fn check_new(new: &NewEntry) -> Result<()> {
    check_text(&new.title, &new.body)?;
    check_intensity(new.intensity)?;
    new.created_at
        .map(|t| check_instant("created_at", t))
        .transpose()?;
    normalize_tags(&new.tags).map(|_| ())
}

/// Refuses an entry of a Glimmer export that could not be kept as it is.
pub fn check_record(record: &Record) -> Result<()> {
    Incoming::carried(record).map(|_| ())
}

/// Adds new entries inside the caller's write, a few thousand to a
/// statement; returns the ids of those that were new (an id already present
/// is left alone, so importing twice adds nothing, and an importer adds
/// pictures only to the entries it added). Call [`settle_index`] once after
/// the last, in the same write: it puts them in the search index.
pub async fn insert_all(tx: &mut Tx<'_>, entries: &[NewEntry]) -> Result<Vec<Uuid>> {
    let now = Timestamp::now();
    let rows = entries
        .iter()
        .map(|e| Incoming::new(e, now))
        .collect::<Result<Vec<_>>>()?;
    Ok(insert_chunked(tx, &rows)
        .await?
        .iter()
        .filter_map(|id| Uuid::parse_str(id).ok())
        .collect())
}

/// Adds the entries of a Glimmer export that are not in the vault yet, as
/// they were: times, zone, tags and trash. Call [`settle_index`] after, in
/// the same write.
pub async fn restore(tx: &mut Tx<'_>, records: &[Record]) -> Result<usize> {
    let rows = records
        .iter()
        .map(Incoming::carried)
        .collect::<Result<Vec<_>>>()?;
    Ok(insert_chunked(tx, &rows).await?.len())
}

/// The ids of the entries that were new, held back from the index until
/// [`settle_index`].
pub(super) async fn insert_chunked(
    tx: &mut Tx<'_>,
    mut rest: &[Incoming<'_>],
) -> Result<Vec<String>> {
    hold_index(tx).await?;
    let mut added = Vec::new();
    while !rest.is_empty() {
        let mut bytes = 0;
        let n = rest
            .iter()
            .take(IMPORT_CHUNK_ENTRIES)
            .take_while(|e| {
                bytes += e.title.len() + e.body.len();
                bytes <= IMPORT_CHUNK_BYTES
            })
            .count()
            .max(1);
        added.extend(insert_many(tx, &rest[..n]).await?);
        rest = &rest[n..];
    }
    Ok(added)
}

/// Inserts entries and their tags with two statements, whatever their
/// number; returns the ids of those that were new. A statement (or three)
/// per entry cost an import most of its time in round trips and, when the
/// trigger still fed the index, in a tiny segment of the index per entry.
async fn insert_many(tx: &mut Tx<'_>, rows: &[Incoming<'_>]) -> Result<Vec<String>> {
    let mut tags_of: HashMap<&str, &[String]> = HashMap::new();
    for r in rows {
        // The first of two entries with one id is the one kept, as below.
        tags_of.entry(r.id.as_str()).or_insert(&r.tags);
    }
    // Bound values rather than one JSON text: each copy of a body SQLite
    // makes is wiped when freed (cipher_memory_security), and JSON made three.
    let sql = format!(
        "INSERT INTO entries (id, kind, title, body, tags, intensity, created_at, updated_at, tz, deleted_at) \
         VALUES {} ON CONFLICT (id) DO NOTHING RETURNING seq, id",
        vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; rows.len()].join(", ")
    );
    let mut insert = sqlx::query_as(AssertSqlSafe(sql.as_str())).persistent(false);
    for r in rows {
        insert = insert
            .bind(r.id.as_str())
            .bind(r.kind.as_str())
            .bind(r.title)
            .bind(r.body)
            .bind(r.tags.join(" "))
            .bind(r.intensity.map(i64::from))
            .bind(r.created)
            .bind(r.updated)
            .bind(r.tz.as_str())
            .bind(r.deleted);
    }
    let added: Vec<(i64, String)> = insert.fetch_all(tx.conn()).await?;
    let tag_rows: Vec<(&str, i64)> = added
        .iter()
        .flat_map(|(seq, id)| {
            tags_of
                .get(id.as_str())
                .into_iter()
                .flat_map(|t| t.iter())
                .map(move |t| (t.as_str(), *seq))
        })
        .collect();
    if !tag_rows.is_empty() {
        sqlx::query(
            "INSERT INTO entry_tags (tag, entry_seq) SELECT value ->> 0, value ->> 1 FROM json_each(?)",
        )
        .bind(storage::json(&tag_rows))
        .execute(tx.conn())
        .await?;
    }
    Ok(added.into_iter().map(|(_, id)| id).collect())
}

/// Changes an entry inside the caller's transaction; `updated_at` becomes now.
pub(super) async fn apply_patch(tx: &mut Tx<'_>, seq: i64, patch: &EntryPatch) -> Result<Entry> {
    let current = fetch_by_seq(tx.conn(), seq).await?;
    let title = patch.title.clone().unwrap_or(current.title);
    let body = patch.body.clone().unwrap_or(current.body);
    let intensity = patch.intensity.unwrap_or(current.intensity);
    check_text(&title, &body)?;
    check_intensity(intensity)?;
    let tags = match &patch.tags {
        Some(t) => normalize_tags(t)?,
        None => current.tags,
    };
    sqlx::query("UPDATE entries SET title = ?, body = ?, intensity = ?, tags = ?, updated_at = ? WHERE seq = ?")
        .bind(&title)
        .bind(&body)
        .bind(intensity.map(i64::from))
        .bind(tags.join(" "))
        .bind(Timestamp::now().as_millisecond())
        .bind(seq)
        .execute(tx.conn())
        .await?;
    set_tags(tx, seq, &tags).await?;
    fetch_by_seq(tx.conn(), seq).await
}

pub(super) async fn set_tags(tx: &mut Tx<'_>, seq: i64, tags: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM entry_tags WHERE entry_seq = ?")
        .bind(seq)
        .execute(tx.conn())
        .await?;
    for t in tags {
        sqlx::query("INSERT INTO entry_tags (tag, entry_seq) VALUES (?, ?)")
            .bind(t)
            .bind(seq)
            .execute(tx.conn())
            .await?;
    }
    Ok(())
}
