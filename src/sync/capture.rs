//! What this computer changed since it last wrote: the records the triggers
//! put in `sync_pending`, each read as it is now (or as deleted), stamped
//! with the clock and the version it was edited from.

use sqlx::SqliteConnection;

use super::batch::Change;
use super::clock::Clock;
use super::records;
use crate::error::Result;

/// The version of a record this computer holds, if any.
pub(super) async fn version(
    conn: &mut SqliteConnection,
    t: &str,
    k: &str,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT hlc FROM sync_versions WHERE tbl = ? AND key = ?")
            .bind(t)
            .bind(k)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub(super) async fn set_version(
    conn: &mut SqliteConnection,
    t: &str,
    k: &str,
    h: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sync_versions (tbl, key, hlc) VALUES (?, ?, ?) \
         ON CONFLICT (tbl, key) DO UPDATE SET hlc = excluded.hlc",
    )
    .bind(t)
    .bind(k)
    .bind(h)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks a record as changed here, to be written at the next sync; `hlc`
/// when its version was already given (a copy made while applying).
pub(super) async fn mark(
    conn: &mut SqliteConnection,
    t: &str,
    k: &str,
    hlc: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sync_pending (tbl, key, hlc) VALUES (?, ?, ?) \
         ON CONFLICT (tbl, key) DO UPDATE SET hlc = excluded.hlc",
    )
    .bind(t)
    .bind(k)
    .bind(hlc)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks every synced record as changed: a folder set up for the first time.
pub(super) async fn mark_all(conn: &mut SqliteConnection) -> Result<()> {
    for t in &records::TABLES {
        let sql = format!(
            "INSERT OR IGNORE INTO sync_pending (tbl, key) SELECT '{}', {} FROM {} WHERE {}",
            t.name, t.key, t.name, t.filter
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The pending records as changes, their versions recorded and the pending
/// list emptied, inside the caller's write.
pub(super) async fn take(conn: &mut SqliteConnection, clock: &mut Clock) -> Result<Vec<Change>> {
    let pending: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT tbl, key, hlc FROM sync_pending ORDER BY tbl, key")
            .fetch_all(&mut *conn)
            .await?;
    let mut changes = Vec::with_capacity(pending.len());
    for (t, k, fixed) in pending {
        let Some(table) = records::table(&t) else {
            continue;
        };
        let row = table.read(conn, &k).await?;
        let prev = version(conn, &t, &k).await?;
        if row.is_none() && prev.is_none() {
            // Made and deleted between two syncs, or never synced: nothing to say.
            continue;
        }
        let change = match fixed {
            // A copy made while applying, written as made; unless a later
            // version came since, which is in the folder already.
            Some(h) if prev.as_ref() == Some(&h) => Change {
                t,
                k,
                h,
                p: None,
                r: row,
            },
            Some(_) => continue,
            None => {
                let h = clock.tick();
                set_version(conn, &t, &k, &h).await?;
                Change {
                    t,
                    k,
                    h,
                    p: prev,
                    r: row,
                }
            }
        };
        changes.push(change);
    }
    sqlx::query("DELETE FROM sync_pending")
        .execute(&mut *conn)
        .await?;
    Ok(changes)
}
