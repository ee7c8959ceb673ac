//! Helpers every area uses to store data: time and id conversions, open-ended
//! bounds, the transaction type that lets writes span areas, and checks.

use std::io::{Read, Write};
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use sqlx::pool::PoolConnection;
use sqlx::{Sqlite, SqliteConnection, SqliteExecutor, SqlitePool};
use tokio::sync::{MappedMutexGuard, Mutex, MutexGuard};
use uuid::Uuid;

use crate::error::{Error, Result};

/// A write in progress. Area functions that take one add their changes to it;
/// nothing is visible or kept until `commit`, and dropping it rolls back, so an
/// import or a restore that spans areas is all or nothing.
pub struct Tx<'v>(sqlx::Transaction<'v, Sqlite>);

impl<'v> Tx<'v> {
    /// Takes the write lock at once: a transaction that read first and wrote
    /// later would be refused on the spot (SQLite does not wait to upgrade a
    /// read) whenever another connection was writing; asking first lets the
    /// busy timeout wait for it instead.
    pub(crate) async fn begin(pool: &'v sqlx::SqlitePool) -> Result<Self> {
        Ok(Self(pool.begin_with("BEGIN IMMEDIATE").await?))
    }

    pub async fn commit(self) -> Result<()> {
        Ok(self.0.commit().await?)
    }

    pub(crate) fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.0
    }

    /// Lets this write keep [`IMPORT_CACHE_KIB`] of pages, for an import.
    /// The cache belongs to the pooled connection, not to the write: pass
    /// what the import did to [`Tx::usual_cache_after`] before committing.
    pub(crate) async fn import_cache(&mut self) -> Result<()> {
        set_cache(self.conn(), IMPORT_CACHE_KIB).await
    }

    /// Back to [`CACHE_KIB`] whether the import's `work` held or not, then
    /// its result; the pages over the size are let go as the commit or the
    /// rollback writes them out or drops them.
    pub(crate) async fn usual_cache_after<T>(&mut self, work: Result<T>) -> Result<T> {
        let usual = set_cache(self.conn(), CACHE_KIB).await;
        let done = work?;
        usual?;
        Ok(done)
    }
}

/// One connection kept out of the pool for searches, which a person runs
/// as they type: sqlx pings a pooled connection on its worker thread each
/// time it goes back, a sixth of a quick search (docs/benchmarks.md).
/// Taken from the pool on first use; [`HeldReader::release`] hands it back,
/// which the pool's closing waits for.
#[derive(Default)]
pub(crate) struct HeldReader(Mutex<Option<PoolConnection<Sqlite>>>);

impl HeldReader {
    /// The connection, one caller at a time.
    pub(crate) async fn get(
        &self,
        pool: &SqlitePool,
    ) -> Result<MappedMutexGuard<'_, SqliteConnection>> {
        let mut held = self.0.lock().await;
        if held.is_none() {
            *held = Some(pool.acquire().await?);
        }
        MutexGuard::try_map(held, |c| c.as_deref_mut())
            .map_err(|_| Error::Internal("the search connection was not kept".into()))
    }

    pub(crate) async fn release(&self) {
        self.0.lock().await.take();
    }

    /// The connection, for a caller that nothing else can be searching
    /// through (a vault being dropped) to hand back where it chooses.
    pub(crate) fn take_now(&mut self) -> Option<PoolConnection<Sqlite>> {
        self.0.get_mut().take()
    }
}

/// Decrypted pages each connection keeps, in KiB (16 MiB): at 100k entries a
/// search for a common word drops from ~1 s to ~70 ms (docs/benchmarks.md).
pub const CACHE_KIB: u32 = 16 << 10;

/// What an import's write keeps instead, in KiB (64 MiB): the pages it has
/// just written stay in memory while the search index reads the entries back
/// and FTS5 merges what it wrote, rather than being encrypted out to the WAL
/// early and read back and decrypted again (docs/benchmarks.md).
const IMPORT_CACHE_KIB: u32 = 64 << 10;

async fn set_cache(conn: &mut SqliteConnection, kib: u32) -> Result<()> {
    // A negative size is in KiB.
    sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = -{kib}")))
        .execute(conn)
        .await?;
    Ok(())
}

/// The most rows one list call returns: a front end asking for more gets this
/// many, so one call can never pull the whole vault into memory at once.
pub const MAX_LIST: u32 = 500;

/// Unix milliseconds as stored, back to an instant (the epoch if out of range,
/// which only a hand-edited database could hold).
pub(crate) fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Lower bound of an open-ended `[since, until)` range, in Unix milliseconds.
pub(crate) fn since_ms(since: Option<Timestamp>) -> i64 {
    since.map_or(i64::MIN, |t| t.as_millisecond())
}

/// Upper bound of an open-ended `[since, until)` range, in Unix milliseconds.
pub(crate) fn until_ms(until: Option<Timestamp>) -> i64 {
    until.map_or(i64::MAX, |t| t.as_millisecond())
}

/// The earliest instant, in Unix milliseconds, of anything noted on local
/// day `since` or later in any time zone: a day of margin before its UTC
/// midnight. Callers then keep what is local to `since` or later.
pub(crate) fn since_day_ms(since: Option<Date>) -> i64 {
    since
        .and_then(|d| {
            d.saturating_sub(jiff::Span::new().days(1))
                .to_zoned(TimeZone::UTC)
                .ok()
        })
        .map_or(i64::MIN, |z| z.timestamp().as_millisecond())
}

/// The years a date given by a person (or an import) may fall in. A typo
/// such as year 1 or 9999 would otherwise draw a chart of tens of megabytes,
/// or be moved silently to the nearest date that time zones can express.
pub const FIRST_YEAR: i16 = 1900;
pub const LAST_YEAR: i16 = 2200;

/// `day`, when its year is from [`FIRST_YEAR`] to [`LAST_YEAR`]; `field`
/// names what to fix. Every area checks the dates it is given through this.
pub fn check_day(field: &'static str, day: Date) -> Result<Date> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        Ok(day)
    } else {
        Err(Error::invalid(
            field,
            format!(
                "Glimmer keeps dates from the year {FIRST_YEAR} to {LAST_YEAR}, and {day} is outside that. Check the year and try again."
            ),
        ))
    }
}

/// [`check_day`] for an instant, by its day in UTC.
pub fn check_instant(field: &'static str, t: Timestamp) -> Result<Timestamp> {
    check_day(field, t.to_zoned(TimeZone::UTC).date()).map(|_| t)
}

/// Refuses a name, title, tag or other one-line label (`what`, for people)
/// with a control character in it: C0 (a bell, an escape, a line break), DEL
/// or C1. Printed, an escape starts a terminal command; written to a file
/// such as the `.ics` export, they break it. Every area checks names with this.
pub fn check_name(field: &'static str, what: &str, text: &str) -> Result<()> {
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!(
                "That {what} has a control character in it (like a bell or an escape); take it out and try again. Nothing was saved."
            ),
        ));
    }
    Ok(())
}

/// Today, local to this computer.
pub(crate) fn local_today() -> Date {
    Timestamp::now().to_zoned(TimeZone::system()).date()
}

/// An id typed or passed by a front end; `what` names the thing ("check-in").
pub fn parse_id(text: &str, what: &str) -> Result<Uuid> {
    Uuid::parse_str(text.trim()).map_err(|_| {
        Error::invalid(
            "id",
            format!("“{}” is not the id of a {what}.", text.trim()),
        )
    })
}

/// The local day of `t` in the zone it was noted in.
pub(crate) fn local_date(t: Timestamp, tz: &str) -> Date {
    let zone = TimeZone::get(tz).unwrap_or(TimeZone::UTC);
    t.to_zoned(zone).date()
}

/// A small number read back from a row (a 0–10 rating, a count): `None` when
/// absent, or when it cannot be what was stored (a row written by hand).
pub(crate) fn small<T: TryFrom<i64>>(v: Option<i64>) -> Option<T> {
    v.and_then(|v| T::try_from(v).ok())
}

/// A 0–10 rating (enjoyment, mastery, feeling intensity), checked with the
/// question's own words in the sentence.
pub(crate) fn check_rating(field: &'static str, what: &str, value: Option<u8>) -> Result<()> {
    match value {
        Some(v) if v > 10 => Err(Error::invalid(
            field,
            format!("{what} goes from 0 to 10; {v} is outside that."),
        )),
        _ => Ok(()),
    }
}

/// The system's IANA time zone, stored beside each instant it wrote.
pub(crate) fn local_tz() -> String {
    TimeZone::system().iana_name().unwrap_or("UTC").to_string()
}

/// Serialises plain data (strings, numbers) that cannot fail to serialise.
pub(crate) fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("plain data serialises")
}

/// Replaces `dir/name` with `bytes`, readable by the user only (0600): written
/// to a temporary file, synced, renamed over the old one and the folder synced,
/// so a crash or power loss leaves either the old file or the new one, whole.
pub(crate) fn write_private_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    let tmp = dir.join(format!("{name}.tmp"));
    // A left-over temporary file may have other permissions; `mode` only
    // applies to a file being created.
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&tmp)(e)),
        _ => {}
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&tmp).map_err(Error::io(&tmp))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(Error::io(&tmp))?;
    drop(f);
    std::fs::rename(&tmp, &path).map_err(Error::io(&path))?;
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io(dir))?;
    Ok(())
}

/// Reads a small file beside the vault, if it is there. Only a plain file is
/// read (a FIFO would block "Need help now" forever, a device never end), and
/// at most `max` bytes of it; `damaged(why)` says what is wrong in the caller's words.
pub(crate) fn read_small_file(
    path: &Path,
    max: u64,
    damaged: &dyn Fn(&str) -> Error,
) -> Result<Option<Vec<u8>>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path)(e)),
    };
    if !meta.is_file() {
        return Err(damaged("is not a plain file"));
    }
    let too_large = || damaged("is far too large to be Glimmer's");
    if meta.len() > max {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(Error::io(path))?;
    // It may have grown since it was looked at.
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(Some(bytes))
}

/// How hard `wal_checkpoint` tries.
#[derive(Debug, Clone, Copy)]
pub enum Checkpoint {
    /// Copies what no reader still needs; never waits.
    Passive,
    /// Waits for readers (up to the busy timeout), copies everything and
    /// empties the WAL file.
    Truncate,
}

/// What a checkpoint did: SQLite's (busy, frames in the WAL, frames copied
/// into the database). It completed when `busy` is 0 and `log == checkpointed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct CheckpointResult {
    pub busy: i64,
    pub log: i64,
    pub checkpointed: i64,
}

/// `PRAGMA wal_checkpoint`: folds the WAL into the database file.
pub async fn wal_checkpoint<'e>(
    db: impl SqliteExecutor<'e>,
    mode: Checkpoint,
) -> Result<CheckpointResult> {
    let sql = match mode {
        Checkpoint::Passive => "PRAGMA wal_checkpoint(PASSIVE)",
        Checkpoint::Truncate => "PRAGMA wal_checkpoint(TRUNCATE)",
    };
    Ok(sqlx::query_as(sql).fetch_one(db).await?)
}

/// A table as Glimmer JSON carries it (docs/glimmer-json.md): each row one
/// JSON object with a member per column, values as stored (instants in Unix
/// milliseconds), columns holding JSON text carried as JSON. Rows cross as
/// they are, so an export imported into a new vault exports the same again.
pub struct Table {
    pub name: &'static str,
    /// Every column that says something; internal row numbers are left out.
    pub columns: &'static [&'static str],
    /// Those of `columns` whose text is JSON.
    pub json: &'static [&'static str],
    /// The columns that name a row, as in its unique constraint.
    pub key: &'static str,
    /// What a row already in the vault does when the same key comes in.
    pub on_conflict: OnConflict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnConflict {
    /// It stays as it is: an import adds only what is missing.
    Keep,
    /// The one changed last (`updated_at`) wins: for rows every vault starts
    /// with (the starter activities, the life areas), which a person changes
    /// rather than adds.
    Newer,
}

impl Table {
    /// Each column as SQL: `json` says it for a column of JSON text, `plain` for the rest.
    fn each(&self, json: impl Fn(&str) -> String, plain: impl Fn(&str) -> String) -> String {
        self.columns
            .iter()
            .map(|c| {
                if self.json.contains(c) {
                    json(c)
                } else {
                    plain(c)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every row, in key order, as JSON objects.
    pub async fn export(&self, tx: &mut Tx<'_>) -> Result<Vec<serde_json::Value>> {
        let members = self.each(|c| format!("'{c}', json({c})"), |c| format!("'{c}', {c}"));
        let sql = format!(
            "SELECT json_object({members}) FROM {} ORDER BY {}",
            self.name, self.key
        );
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_all(tx.conn())
            .await?;
        rows.iter()
            .map(|r| serde_json::from_str(r).map_err(|e| Error::Internal(format!("export: {e}"))))
            .collect()
    }

    /// Writes `rows` inside the caller's write; how many were added or,
    /// with [`OnConflict::Newer`], changed. A row missing a column the table
    /// requires, or with a value outside what the table allows, refuses the
    /// whole write with the table's name.
    pub async fn import(&self, tx: &mut Tx<'_>, rows: &[serde_json::Value]) -> Result<u64> {
        if rows.is_empty() {
            return Ok(0);
        }
        let values = self.each(
            |c| format!("json(value -> '$.{c}')"),
            |c| format!("value ->> '$.{c}'"),
        );
        let conflict = match self.on_conflict {
            OnConflict::Keep => "DO NOTHING".to_string(),
            OnConflict::Newer => format!(
                "DO UPDATE SET {} WHERE excluded.updated_at > {}.updated_at",
                self.columns
                    .iter()
                    .map(|c| format!("{c} = excluded.{c}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                self.name
            ),
        };
        let sql = format!(
            "INSERT INTO {} ({}) SELECT {values} FROM json_each(?) WHERE true ON CONFLICT ({}) {conflict}",
            self.name,
            self.columns.join(", "),
            self.key
        );
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(json(rows))
            .execute(tx.conn())
            .await
            .map_err(|e| match e.as_database_error() {
                // A missing column, a value out of range, a name already taken
                // by another row, a plan whose activity is not there.
                Some(d) if !matches!(d.kind(), sqlx::error::ErrorKind::Other) || d.message().contains("NOT NULL") => {
                    Error::invalid(
                        "rows",
                        format!(
                            "A row of “{}” in the file does not fit the vault ({}); nothing was imported.",
                            self.name,
                            d.message()
                        ),
                    )
                }
                _ => Error::from(e),
            })?;
        Ok(done.rows_affected())
    }
}
