//! The synced tables, and a record of one of them read and written as a
//! JSON row. Each area's Glimmer JSON columns are used where it has them
//! (`EXCHANGE`); the journal's entries and pictures are listed here. Row
//! numbers (`seq`) are each computer's own and never travel.

use serde_json::{Map, Value};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};
use crate::{activation, assess, checkin, mindful, safety, settings};

pub(super) type Row = Map<String, Value>;

/// One synced table.
pub(super) struct Synced {
    pub name: &'static str,
    /// The SQL naming a record, as the capture triggers compute it.
    pub key: &'static str,
    /// The columns of its unique constraint, for an upsert.
    pub target: &'static str,
    pub columns: &'static [&'static str],
    /// Columns of bytes, carried as hex.
    pub blobs: &'static [&'static str],
    /// What a row must be to sync (a draft's picture waits for its entry).
    pub filter: &'static str,
    /// A JSON column and the members of it that stay on each computer.
    pub local_members: Option<(&'static str, &'static [&'static str])>,
    /// A `name` unique among the table's rows (activities, timers).
    pub unique_name: bool,
}

const fn plain(name: &'static str, key: &'static str, columns: &'static [&'static str]) -> Synced {
    Synced {
        name,
        key,
        target: key,
        columns,
        blobs: &[],
        filter: "true",
        local_members: None,
        unique_name: false,
    }
}

pub(super) const ENTRIES: &str = "entries";
pub(super) const COPIES: &str = "sync_copies";
pub(super) const REMOVED: &str = "sync_removed";

/// Every synced table. The capture triggers in `migrations/0010_sync.sql`
/// name the same tables with the same keys.
pub(super) const TABLES: [Synced; 14] = [
    plain(
        ENTRIES,
        "id",
        &[
            "id",
            "kind",
            "deleted_at",
            "created_at",
            "updated_at",
            "tz",
            "intensity",
            "tags",
            "title",
            "body",
        ],
    ),
    Synced {
        blobs: &["bytes"],
        filter: "entry_id IS NOT NULL",
        ..plain(
            "pictures",
            "id",
            &[
                "id",
                "entry_id",
                "media_type",
                "size",
                "sha256",
                "description",
                "created_at",
                "deleted_at",
                "bytes",
            ],
        )
    },
    plain("checkins", "id", checkin::EXCHANGE.columns),
    plain("assessments", "id", assess::EXCHANGE.columns),
    Synced {
        target: "id",
        ..plain("safety_plan", "CAST(id AS TEXT)", safety::EXCHANGE.columns)
    },
    Synced {
        filter: "key = 'app'",
        local_members: Some(("value", &settings::DEVICE_LOCAL)),
        ..plain("settings", "key", settings::EXCHANGE.columns)
    },
    plain("life_areas", "area", activation::EXCHANGE[0].columns),
    Synced {
        unique_name: true,
        ..plain("activities", "id", activation::EXCHANGE[1].columns)
    },
    plain("plans", "id", activation::EXCHANGE[2].columns),
    Synced {
        target: "plan_id, day",
        ..plain(
            "occurrences",
            "plan_id || '/' || day",
            activation::EXCHANGE[3].columns,
        )
    },
    Synced {
        unique_name: true,
        ..plain("mindful_presets", "id", mindful::EXCHANGE[0].columns)
    },
    plain("mindful_sessions", "id", mindful::EXCHANGE[1].columns),
    plain(COPIES, "id", &["id", "entry_id", "made_from"]),
    plain(REMOVED, "device", &["device", "after_seq"]),
];

pub(super) fn table(name: &str) -> Option<&'static Synced> {
    TABLES.iter().find(|t| t.name == name)
}

impl Synced {
    /// A row as a JSON object in SQL: blobs as hex, this computer's own
    /// members left out.
    fn object(&self) -> String {
        let members: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                if self.blobs.contains(c) {
                    format!("'{c}', hex({c})")
                } else if let Some((col, local)) = self.local_members.filter(|(col, _)| col == c) {
                    let paths: Vec<String> = local.iter().map(|m| format!("'$.{m}'")).collect();
                    format!("'{col}', json_remove({col}, {})", paths.join(", "))
                } else {
                    format!("'{c}', {c}")
                }
            })
            .collect();
        format!("json_object({})", members.join(", "))
    }

    /// The record's row, or `None` when it is gone (or does not sync).
    pub async fn read(&self, conn: &mut SqliteConnection, key: &str) -> Result<Option<Row>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} = ? AND {}",
            self.object(),
            self.name,
            self.key,
            self.filter
        );
        let text: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        text.map(|t| parse_row(&t)).transpose()
    }

    /// Every synced row in key order, as one JSON array: to compare vaults.
    pub async fn dump(&self, conn: &mut SqliteConnection) -> Result<String> {
        let sql = format!(
            "SELECT json_group_array(json(r)) FROM (SELECT {} AS r FROM {} WHERE {} ORDER BY {})",
            self.object(),
            self.name,
            self.filter,
            self.key
        );
        Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut *conn)
            .await?)
    }

    /// Puts `row` in place of the record (inserted or replaced), keeping
    /// this computer's own members of it.
    pub async fn write(&self, conn: &mut SqliteConnection, key: &str, mut row: Row) -> Result<()> {
        if let Some((col, local)) = self.local_members {
            self.keep_local(conn, key, &mut row, col, local).await?;
        }
        if self.unique_name {
            self.make_name_unique(conn, &mut row).await?;
        }
        let values: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                if self.blobs.contains(c) {
                    format!("unhex(v ->> '$.{c}')")
                } else {
                    format!("v ->> '$.{c}'")
                }
            })
            .collect();
        let sets: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let sql = format!(
            "INSERT INTO {} ({}) SELECT {} FROM (SELECT json(?) AS v) WHERE true \
             ON CONFLICT ({}) DO UPDATE SET {}",
            self.name,
            self.columns.join(", "),
            values.join(", "),
            self.target,
            sets.join(", ")
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Value::Object(row).to_string())
            .execute(&mut *conn)
            .await
            .map_err(|e| unfit(self.name, &e))?;
        if self.name == ENTRIES {
            retag(conn, key).await?;
        }
        Ok(())
    }

    pub async fn delete(&self, conn: &mut SqliteConnection, key: &str) -> Result<()> {
        if self.name == ENTRIES {
            // Foreign keys are off while applying: the tags go by hand.
            sqlx::query(
                "DELETE FROM entry_tags WHERE entry_seq = (SELECT seq FROM entries WHERE id = ?)",
            )
            .bind(key)
            .execute(&mut *conn)
            .await?;
        }
        let sql = format!("DELETE FROM {} WHERE {} = ?", self.name, self.key);
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(key)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    async fn keep_local(
        &self,
        conn: &mut SqliteConnection,
        key: &str,
        row: &mut Row,
        col: &str,
        local: &[&str],
    ) -> Result<()> {
        let sql = format!("SELECT {col} FROM {} WHERE {} = ?", self.name, self.key);
        let ours: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        let ours: Row = ours
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        // The member travels as JSON (json_remove's result), or as text.
        let mut theirs: Row = match row.get(col) {
            Some(Value::Object(m)) => m.clone(),
            Some(Value::String(t)) => serde_json::from_str(t).unwrap_or_default(),
            _ => Row::new(),
        };
        for m in local {
            match ours.get(*m) {
                Some(v) => theirs.insert((*m).to_string(), v.clone()),
                None => theirs.remove(*m),
            };
        }
        row.insert(col.into(), Value::Object(theirs));
        Ok(())
    }

    /// Two computers gave two records one name: the record with the larger
    /// id takes the end of its id after the name, on every computer alike.
    async fn make_name_unique(&self, conn: &mut SqliteConnection, row: &mut Row) -> Result<()> {
        let (Some(Value::String(name)), Some(Value::String(id))) =
            (row.get("name").cloned(), row.get("id").cloned())
        else {
            return Ok(());
        };
        let sql = format!("SELECT id FROM {} WHERE name = ? AND id <> ?", self.name);
        let other: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(&name)
            .bind(&id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(other) = other else {
            return Ok(());
        };
        if other > id {
            let sql = format!(
                "UPDATE {} SET name = name || ' (' || substr(id, -4) || ')' WHERE id = ?",
                self.name
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&other)
                .execute(&mut *conn)
                .await?;
        } else {
            let end = &id[id.len().saturating_sub(4)..];
            row.insert("name".into(), Value::String(format!("{name} ({end})")));
        }
        Ok(())
    }
}

/// `entry_tags` from the entry's `tags` (its space-joined copy).
async fn retag(conn: &mut SqliteConnection, id: &str) -> Result<()> {
    let tags: Option<String> = sqlx::query_scalar("SELECT tags FROM entries WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let tags: Vec<&str> = tags
        .as_deref()
        .unwrap_or("")
        .split(' ')
        .filter(|t| !t.is_empty())
        .collect();
    sqlx::query("DELETE FROM entry_tags WHERE entry_seq = (SELECT seq FROM entries WHERE id = ?)")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT OR IGNORE INTO entry_tags (tag, entry_seq) \
         SELECT j.value, e.seq FROM entries e, json_each(?) j WHERE e.id = ?",
    )
    .bind(serde_json::to_string(&tags).expect("tags serialise"))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) fn parse_row(text: &str) -> Result<Row> {
    serde_json::from_str(text).map_err(|e| Error::Internal(format!("a synced row: {e}")))
}

/// A row from another computer that this vault refuses (a newer Glimmer's
/// value, damage): named, and nothing of the sync is kept.
fn unfit(table: &str, e: &sqlx::Error) -> Error {
    match e.as_database_error() {
        Some(d) => Error::Damaged(format!(
            "A change to “{table}” from another computer does not fit this journal ({}). Nothing of this sync was kept; a newer Glimmer on the other computer may need this one updated.",
            d.message()
        )),
        None => Error::from_sqlx_ref(e),
    }
}
