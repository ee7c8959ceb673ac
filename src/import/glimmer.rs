//! Glimmer JSON: everything a vault holds, versioned and documented in
//! `docs/glimmer-json.md`. Rows cross as they are stored, so exporting,
//! importing into a new vault and exporting again gives the same bytes.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::{Context, Count, MAX_FILE_BYTES, Place};
use crate::error::{Error, Result};
use crate::journal::{self, PictureRecord, Record};
use crate::storage::{Table, Tx, local_date, ts};
use crate::vault::Vault;
use crate::{activation, assess, checkin, mindful, safety, settings};

/// What the `format` member says.
pub const FORMAT: &str = "glimmer";
/// Raised when a change would make an older Glimmer misread a file.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub entries: Vec<Record>,
    /// The rows of every other table, by member name (see [`TABLES`]);
    /// a member this Glimmer does not know is kept and not written.
    #[serde(flatten)]
    pub tables: BTreeMap<String, Value>,
    /// Pictures in entries, their bytes as base64; last, so the rest of the
    /// file reads first.
    #[serde(default)]
    pub pictures: Vec<PictureRecord>,
}

/// What writing a document added.
pub(super) struct Written {
    pub entries: usize,
    pub checkins: usize,
    pub more: u64,
    pub safety_plan: bool,
}

/// The tables besides the journal, in the order they are written (each
/// refers only to those before it): the file's member, the table, and what
/// a preview calls its rows.
const TABLES: [(&str, &Table, &str); 10] = [
    ("settings", &settings::EXCHANGE, "settings"),
    ("safety_plan", &safety::EXCHANGE, "safety plan"),
    ("life_areas", &activation::EXCHANGE[0], "life-area values"),
    ("activities", &activation::EXCHANGE[1], "activities"),
    ("plans", &activation::EXCHANGE[2], "plans"),
    (
        "occurrences",
        &activation::EXCHANGE[3],
        "notes on planned activities",
    ),
    ("checkins", &checkin::EXCHANGE, "check-ins"),
    ("assessments", &assess::EXCHANGE, "self-checks"),
    ("timer_presets", &mindful::EXCHANGE[0], "timers"),
    ("timer_sessions", &mindful::EXCHANGE[1], "timer sessions"),
];

impl Document {
    /// The rows of one member; none when it is missing or not a list.
    fn rows(&self, member: &str) -> &[Value] {
        self.tables
            .get(member)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    /// Everything `vault` holds, read at one moment so the parts agree.
    pub(crate) async fn of(vault: &Vault) -> Result<Document> {
        let mut tx = vault.begin().await?;
        let doc = Document::export(&mut tx).await;
        drop(tx);
        doc
    }

    async fn export(tx: &mut Tx<'_>) -> Result<Document> {
        // Checked before the pictures are read, so a vault of many
        // gigabytes of them is refused without loading them all.
        let weight = journal::picture_bytes(tx).await?;
        fits(weight.div_ceil(3) * 4)?;
        let entries = journal::records(tx).await?;
        let mut tables = BTreeMap::new();
        for (member, table, _) in TABLES {
            tables.insert(member.to_string(), Value::Array(table.export(tx).await?));
        }
        Ok(Document {
            format: FORMAT.into(),
            version: VERSION,
            entries,
            tables,
            pictures: journal::picture_records(tx).await?,
        })
    }

    /// The file's bytes; refused when Glimmer could not import them again.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut bytes =
            serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(format!("export: {e}")))?;
        bytes.push(b'\n');
        fits(bytes.len() as u64)?;
        Ok(bytes)
    }

    /// Adds what the vault does not hold yet, inside the caller's write.
    pub(super) async fn restore(&self, tx: &mut Tx<'_>) -> Result<Written> {
        let entries = journal::restore(tx, &self.entries).await?;
        let mut more = journal::restore_pictures(tx, &self.pictures).await? as u64;
        let mut checkins = 0;
        let mut safety_plan = false;
        for (member, table, _) in TABLES {
            let n = table.import(tx, self.rows(member)).await?;
            match table.name {
                "checkins" => checkins = n as usize,
                "safety_plan" => {
                    safety_plan = n > 0;
                    more += n;
                }
                _ => more += n,
            }
        }
        Ok(Written {
            entries,
            checkins,
            more,
            safety_plan,
        })
    }

    /// The local day of every entry and check-in, for the preview's range.
    pub(super) fn days(&self) -> Vec<Date> {
        let checkin_day = |c: &Value| {
            Some(local_date(
                ts(c.get("created_at")?.as_i64()?),
                c.get("tz")?.as_str()?,
            ))
        };
        self.entries
            .iter()
            .map(|e| local_date(ts(e.created_at), &e.tz))
            .chain(self.rows("checkins").iter().filter_map(checkin_day))
            .collect()
    }

    pub(crate) fn checkins(&self) -> usize {
        self.rows("checkins").len()
    }

    /// What it holds besides entries and check-ins, for the preview.
    pub(super) fn counts(&self) -> Vec<Count> {
        TABLES
            .iter()
            .filter(|(member, ..)| *member != "checkins")
            .map(|(member, _, what)| Count {
                what,
                count: self.rows(member).len(),
            })
            .chain([Count {
                what: "pictures",
                count: self.pictures.len(),
            }])
            .filter(|c| c.count > 0)
            .collect()
    }
}

/// Refuses an export of `bytes` that [`super::read`] would refuse to import
/// again (its [`MAX_FILE_BYTES`]): only pictures weigh that much.
fn fits(bytes: u64) -> Result<()> {
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    let mb = |b: u64| b.div_ceil(1 << 20);
    Err(Error::invalid(
        "pictures",
        format!(
            "With its pictures this export would be about {} MB, more than Glimmer can import again (up to {} MB), so nothing was written. A backup carries everything, pictures included; the Markdown export writes your entries with their pictures as files.",
            mb(bytes),
            mb(MAX_FILE_BYTES)
        ),
    ))
}

/// A Glimmer export starts with its format, as [`Document`] writes it.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let head: String = head.split_whitespace().collect();
    head.starts_with(&format!("{{\"format\":\"{FORMAT}\""))
}

/// The members that say what the rest is, read first so a file from a
/// newer Glimmer is named as such whatever its shape.
#[derive(Deserialize)]
struct Head {
    format: String,
    version: u32,
}

pub(super) fn read(bytes: &[u8], cx: &mut Context) -> Result<()> {
    let text = super::text(bytes)?;
    let unreadable = |e: serde_json::Error| {
        Error::invalid(
            "file",
            format!(
                "This Glimmer export could not be read at line {}, column {} ({e}). Nothing was imported.",
                e.line(),
                e.column()
            ),
        )
    };
    let head: Head = serde_json::from_str(text).map_err(unreadable)?;
    if head.format != FORMAT {
        return Err(Error::invalid(
            "file",
            "This JSON file is not a Glimmer export (its “format” is not “glimmer”).",
        ));
    }
    if head.version > VERSION {
        return Err(Error::invalid(
            "file",
            format!(
                "This export was written by a newer Glimmer (format version {}; this one reads up to {VERSION}). Update Glimmer to import it; nothing was imported.",
                head.version
            ),
        ));
    }
    let mut doc: Document = serde_json::from_str(text).map_err(unreadable)?;
    // Entries are checked one by one so a bad one is named; the other rows
    // are checked by the vault's own rules as they are written. A picture
    // goes with its entry: a bad one is a problem of the entry, and an entry
    // left out takes its pictures along.
    let mut bad_pictures: HashMap<Uuid, Error> = HashMap::new();
    doc.pictures
        .retain(|p| match journal::check_picture_record(p) {
            Ok(()) => true,
            Err(err) => {
                bad_pictures.entry(p.entry_id).or_insert(err);
                false
            }
        });
    let mut left_out = HashSet::new();
    let mut kept = Vec::with_capacity(doc.entries.len());
    for (i, e) in doc.entries.drain(..).enumerate() {
        let picture = bad_pictures.remove(&e.id);
        let checked = journal::check_record(&e)
            .map_err(|err| err.to_string())
            .and_then(|()| {
                picture.map_or(Ok(()), |err| {
                    Err(format!("One of its pictures can't be brought in. {err}"))
                })
            });
        match checked {
            Ok(()) => kept.push(e),
            Err(why) => {
                left_out.insert(e.id);
                cx.problem(Place::Entry(i + 1), why);
            }
        }
    }
    // Those left belong to no entry in the file.
    for err in bad_pictures.into_values() {
        cx.problem(Place::File, format!("A picture can't be brought in. {err}"));
    }
    doc.pictures.retain(|p| !left_out.contains(&p.entry_id));
    doc.entries = kept;
    cx.document = Some(Box::new(doc));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a Glimmer export leaves out on purpose, and why (say it in
    /// docs/glimmer-json.md too).
    const LEFT_OUT: [(&str, &str); 11] = [
        ("entry_tags", "made again from each entry's tags"),
        (
            "index_waiting",
            "empty but while an import writes: which entries wait for the index",
        ),
        (
            "drafts",
            "unsaved work in progress, not yet part of the journal",
        ),
        (
            "reminders_fired",
            "which reminders were shown, so none is shown twice",
        ),
        ("_sqlx_migrations", "the schema's own history"),
        ("sync_state", "this computer's place in a sync folder"),
        (
            "sync_pending",
            "changes this computer has not written to the sync folder",
        ),
        ("sync_versions", "the sync version of each record"),
        ("sync_devices", "what this computer has read of the others"),
        ("sync_removed", "computers removed from a sync folder"),
        (
            "sync_copies",
            "which entries a sync kept twice; the entries are carried",
        ),
    ];

    /// Columns of a carried table that are not in its rows, and why.
    const COLUMNS_LEFT_OUT: [(&str, &str, &str); 3] = [
        ("pictures", "size", "made again from the bytes"),
        ("pictures", "sha256", "made again from the bytes"),
        (
            "pictures",
            "draft_id",
            "drafts are left out, their pictures too",
        ),
    ];

    /// Every table and column the vault holds is carried or named as left
    /// out, so a new one cannot slip out of exports unnoticed.
    #[tokio::test]
    async fn everything_the_vault_holds_is_carried_or_left_out_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let vault = crate::Vault::create_for_test(dir.path()).await;
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE 'entries_fts%' ORDER BY name",
        )
        .fetch_all(vault.pool())
        .await
        .unwrap();
        let sample = Record {
            id: uuid::Uuid::nil(),
            kind: journal::Kind::Entry,
            title: String::new(),
            body: String::new(),
            tags: vec![],
            intensity: None,
            created_at: 0,
            updated_at: 0,
            tz: String::new(),
            deleted_at: None,
        };
        let picture = PictureRecord {
            id: uuid::Uuid::nil(),
            entry_id: uuid::Uuid::nil(),
            media_type: String::new(),
            description: String::new(),
            created_at: 0,
            deleted_at: None,
            bytes: vec![],
        };
        let fields = |row: Value| -> Vec<String> {
            match row {
                Value::Object(m) => m.keys().cloned().collect(),
                _ => unreachable!(),
            }
        };
        let entry_fields = fields(serde_json::to_value(&sample).unwrap());
        let picture_fields = fields(serde_json::to_value(&picture).unwrap());
        for table in &tables {
            let mut columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
                    .bind(table)
                    .fetch_all(vault.pool())
                    .await
                    .unwrap();
            // Row numbers are the vault's own; ids name rows across vaults.
            columns.retain(|c| c != "seq");
            columns.sort();
            columns.retain(|c| {
                !COLUMNS_LEFT_OUT
                    .iter()
                    .any(|(t, column, _)| t == table && column == c)
            });
            let mut carried: Vec<String> = if table == "entries" {
                entry_fields.clone()
            } else if table == "pictures" {
                picture_fields.clone()
            } else if let Some((_, t, _)) = TABLES.iter().find(|(_, t, _)| t.name == table) {
                t.columns.iter().map(|c| c.to_string()).collect()
            } else {
                assert!(
                    LEFT_OUT.iter().any(|(name, _)| name == table),
                    "the table {table} is neither carried by Glimmer JSON nor left out by name"
                );
                continue;
            };
            carried.sort();
            assert_eq!(carried, columns, "the columns of {table}");
        }
        assert!(tables.len() > 10, "{tables:?}");
        vault.lock().await;
    }
}
