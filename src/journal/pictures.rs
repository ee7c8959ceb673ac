//! Pictures in entries: kept as blobs in the encrypted database, never as
//! files, so they are as private as the text and backups carry them. An
//! entry's text shows one with `![description](picture:<id>)`.

use std::borrow::Cow;
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{AssertSqlSafe, SqliteConnection, SqlitePool};
use uuid::Uuid;

use super::no_entry;
use crate::error::{Error, Result};
use crate::markdown;
use crate::storage::{Tx, check_instant, check_name, ts};

/// The most one picture may weigh: a phone photo is 2–8 MB; this leaves room
/// for a large one and keeps the vault (and every backup) from swelling.
pub const MAX_PICTURE_BYTES: usize = 20 << 20;
const MAX_DESCRIPTION_CHARS: usize = 300;

/// What a picture belongs to: an entry, or the draft of a new entry, whose
/// pictures move to the entry when it is saved.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum PictureOwner {
    Entry(Uuid),
    Draft(Uuid),
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    pub id: Uuid,
    pub owner: PictureOwner,
    /// `image/png`, `image/jpeg`, `image/gif`, `image/webp` or `image/heic`.
    pub media_type: String,
    /// In bytes.
    pub size: u32,
    /// Lower-case hex SHA-256 of the bytes, to recognise the same picture again.
    pub sha256: String,
    /// Alt text; empty when none was given.
    pub description: String,
    /// Where the entry's text points at it: `picture:<id>`.
    pub url: String,
    /// The line that shows it in an entry's text.
    pub markdown: String,
    pub created_at: Timestamp,
    /// Set while removed; restorable until purged with the trash.
    pub deleted_at: Option<Timestamp>,
}

/// A picture to store, from the editor or an importer.
#[derive(Debug, Clone)]
pub struct NewPicture<'a> {
    pub owner: PictureOwner,
    pub bytes: &'a [u8],
    pub description: &'a str,
    /// Set when importing, so importing the same picture twice adds nothing.
    pub id: Option<Uuid>,
}

/// A picture's bytes and their type, for showing it.
#[derive(Debug, Clone)]
pub struct PictureData {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The media type of an image Glimmer keeps, from its first bytes (never from
/// a file name or what the sender claims). SVG is not among them: it can carry scripts.
/// An importer checks a file's first bytes with it before choosing to bring it in.
pub fn media_type_of(bytes: &[u8]) -> Option<&'static str> {
    const HEIF_BRANDS: [&[u8]; 6] = [b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1"];
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some("image/png"),
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("image/gif"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("image/webp"),
        [_, _, _, _, b'f', b't', b'y', b'p', b0, b1, b2, b3, ..]
            if HEIF_BRANDS.contains(&&[*b0, *b1, *b2, *b3][..]) =>
        {
            Some("image/heic")
        }
        _ => None,
    }
}

/// The stored media type back as one of ours (a hand-edited row serves as nothing special).
fn known_media_type(stored: &str) -> &'static str {
    [
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "image/heic",
    ]
    .into_iter()
    .find(|t| *t == stored)
    .unwrap_or("application/octet-stream")
}

/// Rounded up, so a picture just over the cap never reads as "20.0 MB".
fn megabytes(bytes: usize) -> String {
    format!(
        "{:.1}",
        (bytes as f64 * 10.0 / (1 << 20) as f64).ceil() / 10.0
    )
}

/// Checks a picture before anything is written: a real image, within the cap.
fn check_picture(bytes: &[u8], description: &str) -> Result<&'static str> {
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(Error::invalid(
            "picture",
            format!(
                "This picture is {} MB, and a picture can be at most {} MB. A smaller copy of it will fit; most photo apps can save one.",
                megabytes(bytes.len()),
                MAX_PICTURE_BYTES >> 20
            ),
        ));
    }
    let media_type = media_type_of(bytes).ok_or_else(|| {
        Error::invalid(
            "picture",
            "This file doesn't look like a picture Glimmer can keep. It takes PNG, JPEG, GIF, WebP and HEIC pictures.",
        )
    })?;
    check_name("description", "description", description)?;
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(Error::invalid(
            "description",
            format!(
                "The description is longer than {MAX_DESCRIPTION_CHARS} characters; a sentence or two is plenty."
            ),
        ));
    }
    Ok(media_type)
}

fn no_picture(id: Uuid) -> Error {
    Error::NotFound(format!("No picture matches “{id}”."))
}

fn no_draft() -> Error {
    Error::NotFound(
        "That draft is no longer here; it may have been saved or discarded already.".into(),
    )
}

/// The columns of a listing: everything but the bytes.
const PICTURE_COLUMNS: &str =
    "id, entry_id, draft_id, media_type, size, sha256, description, created_at, deleted_at";

#[derive(sqlx::FromRow)]
struct PictureRow {
    id: String,
    entry_id: Option<String>,
    draft_id: Option<String>,
    media_type: String,
    size: i64,
    sha256: String,
    description: String,
    created_at: i64,
    deleted_at: Option<i64>,
}

impl PictureRow {
    fn into_picture(self) -> Picture {
        let uuid = |s: &str| Uuid::parse_str(s).unwrap_or_default();
        let id = uuid(&self.id);
        let owner = match (&self.entry_id, &self.draft_id) {
            (Some(e), _) => PictureOwner::Entry(uuid(e)),
            (None, d) => PictureOwner::Draft(uuid(d.as_deref().unwrap_or_default())),
        };
        Picture {
            id,
            owner,
            media_type: self.media_type,
            size: u32::try_from(self.size).unwrap_or(u32::MAX),
            sha256: self.sha256,
            url: markdown::picture_url(id),
            markdown: markdown::picture_markdown(id, &self.description),
            description: self.description,
            created_at: ts(self.created_at),
            deleted_at: self.deleted_at.map(ts),
        }
    }
}

async fn fetch(conn: &mut SqliteConnection, id: Uuid) -> Result<Picture> {
    let sql = format!("SELECT {PICTURE_COLUMNS} FROM pictures WHERE id = ?");
    let row: PictureRow = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| no_picture(id))?;
    Ok(row.into_picture())
}

/// Stores a picture inside the caller's write, after checking it and that its
/// entry or draft exists; `None` when its id is already present, so importing
/// twice adds nothing.
pub async fn insert_picture(tx: &mut Tx<'_>, new: &NewPicture<'_>) -> Result<Option<Picture>> {
    let id = new.id.unwrap_or_else(Uuid::now_v7);
    let row = Stored::new(id, new.owner, Cow::Borrowed(new.bytes), new.description);
    if !store(tx, row).await? {
        return Ok(None);
    }
    Ok(Some(fetch(tx.conn(), id).await?))
}

/// Stores a picture an importer read for an entry, inside the import's
/// write, as [`insert_picture`] does; false when its id is already present.
/// The bytes are handed over, so they are not copied again on their way to
/// the database, and nothing is read back: an export may hold thousands.
pub async fn insert_imported_picture(
    tx: &mut Tx<'_>,
    entry: Uuid,
    id: Uuid,
    bytes: Vec<u8>,
) -> Result<bool> {
    let row = Stored::new(id, PictureOwner::Entry(entry), Cow::Owned(bytes), "");
    store(tx, row).await
}

/// One picture row to write: a new one, or one carried by a Glimmer export.
struct Stored<'a> {
    id: Uuid,
    owner: PictureOwner,
    /// Owned when the caller is done with them: binding borrowed bytes copies them.
    bytes: Cow<'a, [u8]>,
    description: &'a str,
    created_at: i64,
    deleted_at: Option<i64>,
}

impl<'a> Stored<'a> {
    /// A picture added now.
    fn new(id: Uuid, owner: PictureOwner, bytes: Cow<'a, [u8]>, description: &'a str) -> Self {
        Self {
            id,
            owner,
            bytes,
            description,
            created_at: Timestamp::now().as_millisecond(),
            deleted_at: None,
        }
    }
}

/// Writes a picture row after checking it and that its entry or draft
/// exists; false when its id is already present.
async fn store(tx: &mut Tx<'_>, row: Stored<'_>) -> Result<bool> {
    let media_type = check_picture(&row.bytes, row.description)?;
    let (entry_id, draft_id) = match row.owner {
        PictureOwner::Entry(e) => {
            let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM entries WHERE id = ?")
                .bind(e.to_string())
                .fetch_optional(tx.conn())
                .await?;
            found.ok_or_else(|| no_entry(&e.to_string()))?;
            (Some(e.to_string()), None)
        }
        PictureOwner::Draft(d) => {
            let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM drafts WHERE id = ?")
                .bind(d.to_string())
                .fetch_optional(tx.conn())
                .await?;
            found.ok_or_else(no_draft)?;
            (None, Some(d.to_string()))
        }
    };
    let sha256 = data_encoding::HEXLOWER.encode(&Sha256::digest(&row.bytes));
    let size = i64::try_from(row.bytes.len()).unwrap_or(i64::MAX);
    let added = sqlx::query(
        "INSERT INTO pictures (id, entry_id, draft_id, media_type, size, sha256, description, created_at, deleted_at, bytes) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    )
    .bind(row.id.to_string())
    .bind(entry_id)
    .bind(draft_id)
    .bind(media_type)
    .bind(size)
    .bind(sha256)
    .bind(row.description.trim())
    .bind(row.created_at)
    .bind(row.deleted_at)
    .bind(row.bytes)
    .execute(tx.conn())
    .await?
    .rows_affected();
    Ok(added > 0)
}

/// A picture as Glimmer JSON carries it (docs/glimmer-json.md): the entry it
/// is in, its times as stored, and its bytes as standard base64, last so the
/// rest reads first. Size and digest are made again from the bytes, and so is
/// the media type: `media_type` is for other readers of the file.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct PictureRecord {
    pub id: Uuid,
    pub entry_id: Uuid,
    pub media_type: String,
    pub description: String,
    pub created_at: i64,
    pub deleted_at: Option<i64>,
    #[serde(with = "base64")]
    pub bytes: Vec<u8>,
}

/// Without the bytes: a failed test or a log line never holds megabytes of a picture.
impl fmt::Debug for PictureRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PictureRecord")
            .field("id", &self.id)
            .field("entry_id", &self.entry_id)
            .field("media_type", &self.media_type)
            .field("created_at", &self.created_at)
            .field("deleted_at", &self.deleted_at)
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .finish_non_exhaustive()
    }
}

/// Bytes as standard base64 text (RFC 4648, with padding), as JSON carries them.
mod base64 {
    use std::fmt;

    use data_encoding::BASE64;
    use serde::{Deserializer, Serializer, de};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&BASE64.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct Base64;
        impl de::Visitor<'_> for Base64 {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a picture's bytes as base64 text")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<u8>, E> {
                BASE64
                    .decode(text.as_bytes())
                    .map_err(|e| E::custom(format!("a picture's bytes are not base64 ({e})")))
            }
        }
        d.deserialize_str(Base64)
    }
}

/// What the pictures in entries weigh, without reading them: a Glimmer
/// export checks it fits before reading them all into memory.
pub async fn picture_bytes(tx: &mut Tx<'_>) -> Result<u64> {
    let sum: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(size), 0) FROM pictures WHERE entry_id IS NOT NULL",
    )
    .fetch_one(tx.conn())
    .await?;
    Ok(u64::try_from(sum).unwrap_or(0))
}

/// Every picture in an entry, removed ones included (as the trash is), by
/// id: what a Glimmer export carries. Pictures of drafts stay, as drafts do.
pub async fn picture_records(tx: &mut Tx<'_>) -> Result<Vec<PictureRecord>> {
    type Row = (String, String, String, String, i64, Option<i64>, Vec<u8>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, entry_id, media_type, description, created_at, deleted_at, bytes \
         FROM pictures WHERE entry_id IS NOT NULL ORDER BY id",
    )
    .fetch_all(tx.conn())
    .await?;
    let uuid = |s: &str| Uuid::parse_str(s).unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(
            |(id, entry_id, media_type, description, created_at, deleted_at, bytes)| {
                PictureRecord {
                    id: uuid(&id),
                    entry_id: uuid(&entry_id),
                    media_type,
                    description,
                    created_at,
                    deleted_at,
                    bytes,
                }
            },
        )
        .collect())
}

/// Refuses a picture of a Glimmer export that could not be kept as it is.
pub fn check_picture_record(record: &PictureRecord) -> Result<()> {
    check_picture(&record.bytes, &record.description)?;
    check_instant("created_at", ts(record.created_at))?;
    if let Some(at) = record.deleted_at {
        check_instant("deleted_at", ts(at))?;
    }
    Ok(())
}

/// Adds the pictures of a Glimmer export that are not in the vault yet, as
/// they were: id (so `picture:<id>` in an entry's text still shows it),
/// entry, description and times. Call it after their entries are written.
pub async fn restore_pictures(tx: &mut Tx<'_>, records: &[PictureRecord]) -> Result<usize> {
    let mut added = 0;
    for r in records {
        check_picture_record(r)?;
        let row = Stored {
            id: r.id,
            owner: PictureOwner::Entry(r.entry_id),
            bytes: Cow::Borrowed(&r.bytes),
            description: &r.description,
            created_at: r.created_at,
            deleted_at: r.deleted_at,
        };
        let stored = store(tx, row).await.map_err(|e| match e {
            Error::NotFound(_) => Error::invalid(
                "pictures",
                format!(
                    "A picture in this file ({}) belongs to an entry that is neither in the file nor in this vault. Nothing was imported.",
                    r.id
                ),
            ),
            e => e,
        })?;
        added += usize::from(stored);
    }
    Ok(added)
}

/// Gives a draft's pictures to the entry it became, inside the publishing write.
pub(super) async fn move_to_entry(tx: &mut Tx<'_>, draft: Uuid, entry: Uuid) -> Result<()> {
    sqlx::query("UPDATE pictures SET entry_id = ?, draft_id = NULL WHERE draft_id = ?")
        .bind(entry.to_string())
        .bind(draft.to_string())
        .execute(tx.conn())
        .await?;
    Ok(())
}

/// Deletes for good the pictures removed before `cutoff` (all removed ones
/// when `None`); they go with the trash.
pub(super) async fn purge_removed(pool: &SqlitePool, cutoff: Option<Timestamp>) -> Result<u64> {
    // A vault opened with an older schema (tests build those) has no pictures yet.
    let has_pictures: Option<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'pictures'",
    )
    .fetch_optional(pool)
    .await?;
    if has_pictures.is_none() {
        return Ok(0);
    }
    Ok(
        sqlx::query("DELETE FROM pictures WHERE deleted_at IS NOT NULL AND deleted_at < ?")
            .bind(cutoff.map_or(i64::MAX, |c| c.as_millisecond()))
            .execute(pool)
            .await?
            .rows_affected(),
    )
}

/// The pictures of an unlocked vault's journal.
pub struct Pictures<'v> {
    pool: &'v SqlitePool,
}

impl<'v> super::Journal<'v> {
    /// Pictures in entries (and in drafts of new ones).
    pub fn pictures(&self) -> Pictures<'v> {
        Pictures { pool: self.pool }
    }
}

impl Pictures<'_> {
    pub async fn add(&self, new: &NewPicture<'_>) -> Result<Picture> {
        let mut tx = Tx::begin(self.pool).await?;
        let picture = insert_picture(&mut tx, new).await?.ok_or_else(|| {
            Error::invalid(
                "id",
                "A picture with this id already exists; nothing was saved.",
            )
        })?;
        tx.commit().await?;
        Ok(picture)
    }

    /// An entry's or a draft's pictures, oldest first, without those removed.
    pub async fn list(&self, owner: PictureOwner) -> Result<Vec<Picture>> {
        let (column, id) = match owner {
            PictureOwner::Entry(e) => ("entry_id", e),
            PictureOwner::Draft(d) => ("draft_id", d),
        };
        let sql = format!(
            "SELECT {PICTURE_COLUMNS} FROM pictures WHERE {column} = ? AND deleted_at IS NULL \
             ORDER BY created_at, id"
        );
        let rows: Vec<PictureRow> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(id.to_string())
            .fetch_all(self.pool)
            .await?;
        Ok(rows.into_iter().map(PictureRow::into_picture).collect())
    }

    /// A picture's bytes, for showing it; a removed picture is not shown.
    pub async fn data(&self, id: Uuid) -> Result<PictureData> {
        let row: (String, Vec<u8>) = sqlx::query_as(
            "SELECT media_type, bytes FROM pictures WHERE id = ? AND deleted_at IS NULL",
        )
        .bind(id.to_string())
        .fetch_optional(self.pool)
        .await?
        .ok_or_else(|| no_picture(id))?;
        Ok(PictureData {
            media_type: known_media_type(&row.0),
            bytes: row.1,
        })
    }

    /// Removes a picture; `restore` brings it back until the trash is emptied
    /// or 30 days pass.
    pub async fn remove(&self, id: Uuid) -> Result<Picture> {
        self.set_removed(id, Some(Timestamp::now().as_millisecond()))
            .await
    }

    pub async fn restore(&self, id: Uuid) -> Result<Picture> {
        self.set_removed(id, None).await
    }

    async fn set_removed(&self, id: Uuid, at: Option<i64>) -> Result<Picture> {
        let mut conn = self.pool.acquire().await?;
        let changed = sqlx::query("UPDATE pictures SET deleted_at = ? WHERE id = ?")
            .bind(at)
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(no_picture(id));
        }
        fetch(&mut conn, id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_first_bytes() {
        let cases: [(&[u8], Option<&str>); 9] = [
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("image/png")),
            (b"\xff\xd8\xff\xe0\0\x10JFIF", Some("image/jpeg")),
            (b"GIF89a\x01\0\x01\0", Some("image/gif")),
            (b"GIF87a\x01\0\x01\0", Some("image/gif")),
            (b"RIFF\x24\0\0\0WEBPVP8 ", Some("image/webp")),
            (b"\0\0\0\x18ftypheic\0\0\0\0", Some("image/heic")),
            (b"\0\0\0\x18ftypmp42\0\0\0\0", None),
            (b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", None),
            (b"\x89PNG", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(media_type_of(bytes), expected, "{bytes:?}");
        }
    }

    #[test]
    fn the_cap_and_the_description_are_checked() {
        let png = b"\x89PNG\r\n\x1a\n";
        let mut big = png.to_vec();
        big.resize(MAX_PICTURE_BYTES + 1, 0);
        let err = check_picture(&big, "").unwrap_err().to_string();
        assert!(
            err.contains("20.1 MB") && err.contains("at most 20 MB"),
            "{err}"
        );
        big.truncate(MAX_PICTURE_BYTES);
        assert_eq!(check_picture(&big, "").unwrap(), "image/png");
        assert!(check_picture(png, "a\u{7}bell").is_err());
        assert!(check_picture(png, &"a".repeat(301)).is_err());
    }
}
