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
    check_text(&new.title, &new.body)?;
    check_intensity(new.intensity)?;
    new.created_at
        .map(|t| check_instant("created_at", t))
        .transpose()?;
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
/// import; 2,000 rows of 9 values stay under SQLite's 32,766 parameters.
const IMPORT_CHUNK_ENTRIES: usize = 2_000;
const IMPORT_CHUNK_BYTES: usize = 8 << 20;

/// Finishes, inside the import's transaction, the merging FTS5 would
/// otherwise spread over later writes. Each import statement leaves segments
/// of its own and every search reads every segment: right after importing
/// 10,000 entries a search for a rare word took 1.3–1.4× as long as in a
/// plain FTS5 table (docs/benchmarks.md, issue 12).
pub(super) async fn settle_index(tx: &mut Tx<'_>) -> Result<()> {
    while merge_step(tx.conn()).await? {}
    Ok(())
}

/// One step of FTS5's `merge`; false when it found nothing left to do
/// (FTS5's sign of that: fewer than two rows changed).
pub(super) async fn merge_step(conn: &mut sqlx::SqliteConnection) -> Result<bool> {
    let changes = "SELECT total_changes()";
    let before: i64 = sqlx::query_scalar(changes).fetch_one(&mut *conn).await?;
    sqlx::query("INSERT INTO entries_fts (entries_fts, rank) VALUES ('merge', 2000)")
        .execute(&mut *conn)
        .await?;
    let after: i64 = sqlx::query_scalar(changes).fetch_one(&mut *conn).await?;
    Ok(after - before >= 2)
}

/// How many of `entries` the next statement of an import takes (at least one).
pub(super) fn import_chunk_len(entries: &[NewEntry]) -> usize {
    let mut bytes = 0;
    entries
        .iter()
        .take(IMPORT_CHUNK_ENTRIES)
        .take_while(|e| {
            bytes += e.title.len() + e.body.len();
            bytes <= IMPORT_CHUNK_BYTES
        })
        .count()
        .max(1)
}

/// Inserts entries and their tags with two statements, whatever their number;
/// returns how many were new. FTS5 writes the terms it holds in memory as a
/// new segment at the start of every statement that may need undoing, so a
/// statement (or three) per entry left a tiny segment per entry to merge:
/// that, not the text, was most of an import's time. In one statement the
/// trigger's terms gather in memory as they do in a plain FTS5 insert.
pub(super) async fn insert_many(tx: &mut Tx<'_>, entries: &[NewEntry]) -> Result<usize> {
    struct Row<'a> {
        new: &'a NewEntry,
        id: String,
        tags: String,
        created: i64,
        tz: String,
    }
    let now = Timestamp::now();
    let mut rows = Vec::with_capacity(entries.len());
    let mut tags_of: HashMap<String, Vec<String>> = HashMap::new();
    for new in entries {
        check_text(&new.title, &new.body)?;
        check_intensity(new.intensity)?;
        let tags = normalize_tags(&new.tags)?;
        let id = new.id.unwrap_or_else(Uuid::now_v7).to_string();
        rows.push(Row {
            new,
            id: id.clone(),
            tags: tags.join(" "),
            created: new.created_at.unwrap_or(now).as_millisecond(),
            tz: new.tz.clone().unwrap_or_else(local_tz),
        });
        // The first of two entries with one id is the one kept, as below.
        tags_of.entry(id).or_insert(tags);
    }
    // Bound values rather than one JSON text: each copy of a body SQLite
    // makes is wiped when freed (cipher_memory_security), and JSON made three.
    let sql = format!(
        "INSERT INTO entries (id, kind, title, body, tags, intensity, created_at, updated_at, tz) \
         VALUES {} ON CONFLICT (id) DO NOTHING RETURNING seq, id",
        vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?)"; rows.len()].join(", ")
    );
    let mut insert = sqlx::query_as(AssertSqlSafe(sql.as_str())).persistent(false);
    for r in &rows {
        insert = insert
            .bind(r.id.as_str())
            .bind(r.new.kind.as_str())
            .bind(r.new.title.as_str())
            .bind(r.new.body.as_str())
            .bind(r.tags.as_str())
            .bind(r.new.intensity.map(i64::from))
            .bind(r.created)
            .bind(r.created)
            .bind(r.tz.as_str());
    }
    let added: Vec<(i64, String)> = insert.fetch_all(tx.conn()).await?;
    let tag_rows: Vec<(&str, i64)> = added
        .iter()
        .flat_map(|(seq, id)| {
            tags_of
                .get(id)
                .into_iter()
                .flatten()
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
    Ok(added.len())
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
