//! Glimmer JSON: everything a vault holds, versioned and documented in
//! `docs/glimmer-json.md`. Rows cross as they are stored, so exporting,
//! importing into a new vault and exporting again gives the same bytes.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Context, Count, Place};
use crate::error::{Error, Result};
use crate::journal::{self, Record};
use crate::storage::{Table, Tx, local_date, ts};
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
    pub settings: Vec<Value>,
    #[serde(default)]
    pub safety_plan: Vec<Value>,
    #[serde(default)]
    pub life_areas: Vec<Value>,
    #[serde(default)]
    pub activities: Vec<Value>,
    #[serde(default)]
    pub plans: Vec<Value>,
    #[serde(default)]
    pub occurrences: Vec<Value>,
    #[serde(default)]
    pub entries: Vec<Record>,
    #[serde(default)]
    pub checkins: Vec<Value>,
    #[serde(default)]
    pub assessments: Vec<Value>,
    #[serde(default)]
    pub timer_presets: Vec<Value>,
    #[serde(default)]
    pub timer_sessions: Vec<Value>,
    /// Pictures in entries: a place kept for them; none are carried yet.
    #[serde(default)]
    pub pictures: Vec<Value>,
}

/// What writing a document added.
pub(super) struct Written {
    pub entries: usize,
    pub checkins: usize,
    pub more: u64,
    pub safety_plan: bool,
}

/// The tables besides the journal, in the order they are written: each
/// refers only to those before it.
const TABLES: [&Table; 10] = [
    &settings::EXCHANGE,
    &safety::EXCHANGE,
    &activation::EXCHANGE[0],
    &activation::EXCHANGE[1],
    &activation::EXCHANGE[2],
    &activation::EXCHANGE[3],
    &checkin::EXCHANGE,
    &assess::EXCHANGE,
    &mindful::EXCHANGE[0],
    &mindful::EXCHANGE[1],
];

impl Document {
    /// The rows of each of [`TABLES`], in its order.
    fn rows(&self) -> [&[Value]; 10] {
        [
            &self.settings,
            &self.safety_plan,
            &self.life_areas,
            &self.activities,
            &self.plans,
            &self.occurrences,
            &self.checkins,
            &self.assessments,
            &self.timer_presets,
            &self.timer_sessions,
        ]
    }

    pub(super) async fn export(tx: &mut Tx<'_>) -> Result<Document> {
        let entries = journal::records(tx).await?;
        let mut rows = Vec::with_capacity(TABLES.len());
        for table in TABLES {
            rows.push(table.export(tx).await?);
        }
        let [
            settings,
            safety_plan,
            life_areas,
            activities,
            plans,
            occurrences,
            checkins,
            assessments,
            timer_presets,
            timer_sessions,
        ] = <[Vec<Value>; 10]>::try_from(rows)
            .map_err(|_| Error::Internal("export: a table's rows went missing".into()))?;
        Ok(Document {
            format: FORMAT.into(),
            version: VERSION,
            settings,
            safety_plan,
            life_areas,
            activities,
            plans,
            occurrences,
            entries,
            checkins,
            assessments,
            timer_presets,
            timer_sessions,
            pictures: vec![],
        })
    }

    pub(super) fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut bytes =
            serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(format!("export: {e}")))?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Adds what the vault does not hold yet, inside the caller's write.
    pub(super) async fn restore(&self, tx: &mut Tx<'_>) -> Result<Written> {
        let entries = journal::restore(tx, &self.entries).await?;
        let mut more = 0;
        let mut checkins = 0;
        let mut safety_plan = false;
        for (table, rows) in TABLES.into_iter().zip(self.rows()) {
            let n = table.import(tx, rows).await?;
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
            .chain(self.checkins.iter().filter_map(checkin_day))
            .collect()
    }

    /// What it holds besides entries and check-ins, for the preview.
    pub(super) fn counts(&self) -> Vec<Count> {
        [
            ("self-checks", self.assessments.len()),
            ("activities", self.activities.len()),
            ("plans", self.plans.len()),
            ("notes on planned activities", self.occurrences.len()),
            ("timers", self.timer_presets.len()),
            ("timer sessions", self.timer_sessions.len()),
            ("safety plan", self.safety_plan.len()),
            ("settings", self.settings.len()),
            ("life-area values", self.life_areas.len()),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, count)| Count { what, count })
        .collect()
    }
}

/// A Glimmer export starts with its format, as [`Document`] writes it.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    let head: String = head.split_whitespace().collect();
    head.starts_with(&format!("{{\"format\":\"{FORMAT}\""))
}

pub(super) fn read(bytes: &[u8], cx: &mut Context) -> Result<()> {
    let text = super::text(bytes)?;
    let mut doc: Document = serde_json::from_str(text).map_err(|e| {
        Error::invalid(
            "file",
            format!(
                "This Glimmer export could not be read at line {}, column {} ({e}). Nothing was imported.",
                e.line(),
                e.column()
            ),
        )
    })?;
    if doc.format != FORMAT {
        return Err(Error::invalid(
            "file",
            "This JSON file is not a Glimmer export (its “format” is not “glimmer”).",
        ));
    }
    if doc.version > VERSION {
        return Err(Error::invalid(
            "file",
            format!(
                "This export was written by a newer Glimmer (format version {}; this one reads up to {VERSION}). Update Glimmer to import it; nothing was imported.",
                doc.version
            ),
        ));
    }
    // Entries are checked one by one so a bad one is named; the other rows
    // are checked by the vault's own rules as they are written.
    let mut kept = Vec::with_capacity(doc.entries.len());
    for (i, e) in doc.entries.drain(..).enumerate() {
        match journal::check_record(&e) {
            Ok(()) => kept.push(e),
            Err(err) => cx.problem(Place::Entry(i + 1), err.to_string()),
        }
    }
    doc.entries = kept;
    if !doc.pictures.is_empty() {
        cx.note("This Glimmer can't bring in pictures yet; the entries come without them.");
    }
    cx.document = Some(Box::new(doc));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a Glimmer export leaves out on purpose, and why (say it in
    /// docs/glimmer-json.md too).
    const LEFT_OUT: [(&str, &str); 4] = [
        ("entry_tags", "made again from each entry's tags"),
        (
            "drafts",
            "unsaved work in progress, not yet part of the journal",
        ),
        (
            "reminders_fired",
            "which reminders were shown, so none is shown twice",
        ),
        ("_sqlx_migrations", "the schema's own history"),
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
        let entry_fields: Vec<String> = match serde_json::to_value(&sample).unwrap() {
            Value::Object(m) => m.keys().cloned().collect(),
            _ => unreachable!(),
        };
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
            let mut carried: Vec<String> = if table == "entries" {
                entry_fields.clone()
            } else if let Some(t) = TABLES.iter().find(|t| t.name == table) {
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
