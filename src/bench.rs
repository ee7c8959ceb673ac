//! `glimmer bench`: builds a realistic vault (Zipf-distributed words, entries of
//! 20–2,000 words, tags, ten years of dates), then measures what users feel:
//! saving, searching, listing, unlocking and importing. Numbers, never asserts.

use std::path::Path;
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::journal::{Kind, NewEntry, SearchQuery};
use crate::keys::Secret;
use crate::rng::SplitMix;
use crate::storage::{Checkpoint, wal_checkpoint};
use crate::vault::{Credential, Vault};

/// Common words in rough frequency order, some of them the words of this app's
/// users; the long tail is made of invented but pronounceable words.
const COMMON: &str = "the i and to a of it was my in that me but so just today felt not with for is on \
    had be at like have this all about out what day when up could feel some little then there more time \
    bit no one did after even again back still how tired walk home work sleep morning night tea coffee \
    friend mum dad sister brother dog cat rain sun light window music song book kitchen bed outside \
    quiet numb flat empty heavy slow grey fog foggy distant nothing much anything okay fine better worse \
    noticed moment small glimmer warm cold soft smell taste texture breath breathing body chest shoulders \
    laughed smiled cried talked called message texted late early lunch dinner breakfast bread soup \
    shower washing dishes laundry tidy bus train park tree trees bird birds river garden flowers \
    numbness numbed feeling feelings anxious calm restless lonely grateful proud hopeful sad angry \
    therapist appointment medication walked stretched cooked read listened watched wrote drew painted";

const TAGS: [&str; 15] = [
    "work",
    "family",
    "walk",
    "sleep",
    "therapy",
    "friends",
    "music",
    "cooking",
    "nature",
    "reading",
    "self-care",
    "anxiety",
    "numbness",
    "gratitude",
    "movement",
];

const OPENERS: [&str; 4] = [
    "Today",
    "Not much to say today",
    "Writing this today because",
    "A small thing today",
];

struct Generator {
    rng: SplitMix,
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let mut rng = SplitMix(seed);
        let mut words: Vec<String> = COMMON.split_whitespace().map(str::to_string).collect();
        let syllables = [
            "ka", "lo", "mi", "ren", "sa", "tu", "vel", "no", "ri", "ta", "mor", "lin", "da",
            "sen", "ful", "bri",
        ];
        while words.len() < 30_000 {
            let n = 2 + rng.below(3);
            let w: String = (0..n)
                .map(|_| syllables[rng.below(syllables.len())])
                .collect();
            words.push(w);
        }
        // Zipf's law with s ≈ 1.07, as measured for English text.
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(1.07);
                total
            })
            .collect();
        Self {
            rng,
            words,
            cumulative,
        }
    }

    fn word(&mut self) -> &str {
        let total = *self.cumulative.last().expect("vocabulary is not empty");
        let x = self.rng.unit() * total;
        let i = self
            .cumulative
            .partition_point(|c| *c < x)
            .min(self.words.len() - 1);
        &self.words[i]
    }

    /// A body of 20–2,000 words, log-normally distributed around ~150.
    fn body(&mut self) -> String {
        let n = (150.0 * (0.8 * self.rng.normal()).exp()).clamp(20.0, 2000.0) as usize;
        let mut s = String::with_capacity(n * 7);
        let opener = OPENERS[self.rng.below(OPENERS.len())];
        s.push_str(opener);
        let mut since_stop = 0;
        for _ in opener.split_whitespace().count()..n {
            s.push(' ');
            let w = self.word().to_string();
            s.push_str(&w);
            since_stop += 1;
            if since_stop > 6 && self.rng.below(10) == 0 {
                s.push('.');
                since_stop = 0;
                if self.rng.below(8) == 0 {
                    s.push_str("\n\n");
                }
            }
        }
        s.push('.');
        s
    }

    fn entry(&mut self, at: Timestamp) -> NewEntry {
        let glimmer = self.rng.below(100) < 15;
        let tags = (0..self.rng.below(4))
            .map(|_| TAGS[self.rng.below(4).min(self.rng.below(TAGS.len()))].to_string())
            .collect();
        let title = if glimmer || self.rng.below(3) == 0 {
            String::new()
        } else {
            (0..2 + self.rng.below(4))
                .map(|_| self.word().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        NewEntry {
            kind: if glimmer { Kind::Glimmer } else { Kind::Entry },
            title,
            body: self.body(),
            tags,
            intensity: glimmer.then(|| self.rng.below(11) as u8),
            id: None,
            created_at: Some(at),
            tz: Some("Europe/London".into()),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub what: String,
    pub runs: usize,
    pub p50_ms: f64,
    /// The tail percentile reported (p95 or p99), as its label and value.
    pub tail: (String, f64),
    pub target: String,
    pub note: String,
    /// The same work on the plain FTS5 floor, measured in the same run.
    pub floor: Option<Floor>,
}

/// What the floor took: its p50 and the same tail percentile as the row.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Floor {
    pub p50_ms: f64,
    pub tail_ms: f64,
}

impl Row {
    /// Glimmer's tail over the floor's: what the ≤ 1.2× target is about.
    pub fn tail_ratio(&self) -> Option<f64> {
        self.floor.map(|f| self.tail.1 / f.tail_ms)
    }

    /// The same at p50, which a loaded machine disturbs less.
    pub fn p50_ratio(&self) -> Option<f64> {
        self.floor.map(|f| self.p50_ms / f.p50_ms)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub entries: usize,
    pub words: usize,
    pub vault_bytes: u64,
    pub import_entries_per_s: f64,
    /// The same corpus inserted into the plain FTS5 table, in the same run.
    pub floor_import_entries_per_s: f64,
    /// The WAL file's size once the import returned, before anything else ran.
    pub wal_bytes_after_import: u64,
    pub rows: Vec<Row>,
}

impl Report {
    /// Glimmer's import time over the floor's.
    pub fn import_ratio(&self) -> f64 {
        self.floor_import_entries_per_s / self.import_entries_per_s
    }

    pub fn to_markdown(&self) -> String {
        let mut s = format!(
            "Vault: {} entries, {} words, {:.1} MB on disk; import {:.0} entries/s (target ≥ 2,000/s); \
             plain FTS5 floor {:.0} entries/s: {:.2}× the floor's time (target ≤ 1.5×); \
             WAL after the import {:.1} MB\n\n",
            self.entries,
            self.words,
            self.vault_bytes as f64 / 1e6,
            self.import_entries_per_s,
            self.floor_import_entries_per_s,
            self.import_ratio(),
            self.wal_bytes_after_import as f64 / 1e6,
        );
        s.push_str(
            "| what | runs | p50 | tail | floor p50 | floor tail | p50 / floor | tail / floor | target | note |\n\
             |---|---|---|---|---|---|---|---|---|---|\n",
        );
        for r in &self.rows {
            let (floor_p50, floor_tail) = match r.floor {
                Some(f) => (
                    format!("{:.2} ms", f.p50_ms),
                    format!("{:.2} ms", f.tail_ms),
                ),
                None => ("—".into(), "—".into()),
            };
            let ratio = |x: Option<f64>| x.map_or("—".into(), |x| format!("{x:.2}×"));
            let (p50_ratio, tail_ratio) = (ratio(r.p50_ratio()), ratio(r.tail_ratio()));
            s.push_str(&format!(
                "| {} | {} | {:.2} ms | {} {:.2} ms | {floor_p50} | {floor_tail} | {p50_ratio} | {tail_ratio} | {} | {} |\n",
                r.what, r.runs, r.p50_ms, r.tail.0, r.tail.1, r.target, r.note
            ));
        }
        s
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i].as_secs_f64() * 1000.0
}

fn row(what: &str, samples: &mut [Duration], tail: f64, target: &str, note: String) -> Row {
    Row {
        what: what.into(),
        runs: samples.len(),
        p50_ms: percentile(samples, 0.5),
        tail: (
            format!("p{}", (tail * 100.0) as u32),
            percentile(samples, tail),
        ),
        target: target.into(),
        note,
        floor: None,
    }
}

/// Attaches the floor's samples, at the row's own tail percentile.
fn with_floor(mut r: Row, floor: &mut [Duration], tail: f64) -> Row {
    r.floor = Some(Floor {
        p50_ms: percentile(floor, 0.5),
        tail_ms: percentile(floor, tail),
    });
    r
}

const PASSPHRASE: &str = "benchmark passphrase, not a secret";
const SEED: u64 = 0x61_6c_69_6d_6d_65_72;
/// Enough timed runs that a p95 rests on five samples or more: with 40, one
/// stray slow run (another process waking) moved a ratio by a fifth.
const SEARCH_RUNS: usize = 100;
/// The blocks a search's runs are taken in (see [`search_row`]).
const BLOCKS: usize = 5;

/// Builds a vault of `entries` entries (in `dir`, or a temporary directory) and
/// the same corpus in a plain FTS5 table beside it, then measures both, taking
/// turns so that a load on the machine weighs on both alike. `progress` hears
/// about each step.
pub async fn run(
    entries: usize,
    dir: Option<&Path>,
    progress: &mut dyn FnMut(&str),
) -> Result<Report> {
    let tmp;
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => {
            tmp = tempfile::tempdir().map_err(Error::io(&std::env::temp_dir()))?;
            tmp.path().join("vault")
        }
    };
    let credential = Credential::Passphrase(Secret::new(PASSPHRASE));
    let unlock = || Vault::unlock(&dir, &credential);
    let end = Timestamp::now();
    // A vault left by an earlier run (`--dir`) is measured again as it is.
    let reused = dir.join("vault.json").exists();
    // The vault first: its connections turn on SQLCipher's memory wiping,
    // which holds for the whole process, so the floor runs with it too.
    let vault = if reused {
        progress("reusing the vault already in that directory");
        unlock().await?
    } else {
        Vault::create(&dir, &Secret::new(PASSPHRASE)).await?.0
    };
    let entries = if reused {
        count_entries(&vault).await?
    } else {
        entries
    };

    progress(&format!(
        "the plain FTS5 floor: importing {entries} entries"
    ));
    let floor_dir = tempfile::Builder::new()
        .prefix(".floor-")
        .tempdir_in(dir.parent().unwrap_or(Path::new(".")))
        .map_err(Error::io(&dir))?;
    let mut floor = PlainFts::create(&floor_dir.path().join("floor.sqlite")).await?;
    let floor_time = import_corpus(&mut Generator::new(SEED), entries, end, async |batch| {
        floor.import(batch).await
    })
    .await?;
    let floor_rate = entries as f64 / floor_time.as_secs_f64().max(1e-9);

    let mut g = Generator::new(SEED);
    let mut words = 0;
    let import_rate = if reused {
        f64::NAN
    } else {
        progress(&format!(
            "importing the same {entries} entries into the vault"
        ));
        let time = import_corpus(&mut g, entries, end, async |batch| {
            words += batch
                .iter()
                .map(|e| e.body.split_whitespace().count())
                .sum::<usize>();
            vault.journal().import(batch).await.map(drop)
        })
        .await?;
        entries as f64 / time.as_secs_f64().max(1e-9)
    };
    let wal_bytes_after_import =
        std::fs::metadata(dir.join("vault.sqlite-wal")).map_or(0, |m| m.len());

    let entries = count_entries(&vault).await?;
    let terms = pick_terms(&vault, entries).await?;
    let mut counts = Vec::new();
    for t in &terms {
        counts.push(count_matches(&vault, &t.1).await?);
    }
    let when = if reused {
        "as opened"
    } else {
        "right after import"
    };
    progress(&format!("searches, {when}"));
    let after_import = search_times(&vault, &mut floor, &terms).await?;

    let mut rows = Vec::new();
    progress("durable saves");
    let mut saves = Vec::new();
    let mut floor_saves = Vec::new();
    for _ in 0..200 {
        let e = NewEntry {
            created_at: None,
            ..g.entry(end)
        };
        let t = Instant::now();
        vault.journal().create(&e).await?;
        saves.push(t.elapsed());
        let t = Instant::now();
        floor.insert(std::slice::from_ref(&e)).await?;
        floor_saves.push(t.elapsed());
    }
    rows.push(with_floor(
        row(
            "save an entry (durable commit)",
            &mut saves,
            0.99,
            "p99 ≤ 10 ms",
            "synchronous=FULL, WAL".into(),
        ),
        &mut floor_saves,
        0.99,
    ));

    progress("searches after lock + reopen");
    vault.lock().await;
    let vault = unlock().await?;
    let after_reopen = search_times(&vault, &mut floor, &terms).await?;
    floor.close().await?;
    drop(floor_dir);
    for (when, times) in [(when, after_import), ("after reopening", after_reopen)] {
        for (((label, text, target), count), mut blocks) in terms.iter().zip(&counts).zip(times) {
            rows.push(search_row(
                &format!("search, {label} (`{text}`), {when}"),
                &mut blocks,
                target,
                format!("{count} matching entries; p95 the median of {BLOCKS} blocks'"),
            ));
        }
    }

    progress("listing");
    let mut lists = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        vault.journal().list(50, None).await?;
        lists.push(t.elapsed());
    }
    rows.push(row("list newest 50", &mut lists, 0.95, "—", String::new()));

    progress("charts");
    rows.extend(chart_rows()?);

    progress("plans");
    rows.push(expansion_row()?);

    progress("unlocking");
    let vault_bytes = dir_size(&dir);
    vault.lock().await;
    let mut unlocks = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let v = unlock().await?;
        v.journal().list(50, None).await?;
        unlocks.push(t.elapsed());
        v.lock().await;
    }
    rows.push(row(
        "unlock (Argon2id + open + first page)",
        &mut unlocks,
        0.95,
        "≤ 1 s",
        "Argon2id m=64 MiB t=3 p=4".into(),
    ));

    Ok(Report {
        entries,
        words,
        vault_bytes,
        import_entries_per_s: import_rate,
        floor_import_entries_per_s: floor_rate,
        wal_bytes_after_import,
        rows,
    })
}

async fn count_entries(vault: &Vault) -> Result<usize> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM entries")
        .fetch_one(vault.pool())
        .await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// One search's timed runs, in [`BLOCKS`] blocks: (Glimmer's, the floor's) each.
type Blocks = Vec<(Vec<Duration>, Vec<Duration>)>;

/// Each search once on each side to warm up, then at least [`SEARCH_RUNS`]
/// timed runs taking turns, top 20 with snippets, in [`BLOCKS`] blocks one
/// after the other.
async fn search_times(vault: &Vault, floor: &mut PlainFts, terms: &[Term]) -> Result<Vec<Blocks>> {
    let mut all = Vec::new();
    for (_, text, _) in terms {
        let q = SearchQuery {
            text: text.clone(),
            limit: 20,
            ..SearchQuery::default()
        };
        let fts = crate::journal::fts_query(text).unwrap_or_default();
        vault.journal().search(&q).await?;
        floor.search(&fts).await?;
        let mut blocks = Blocks::new();
        let per_block = SEARCH_RUNS / BLOCKS;
        for _ in 0..BLOCKS {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            // Quick searches run more often, so that their p95 is not one stray sample.
            let started = Instant::now();
            while ours.len() < per_block
                || (ours.len() < 10 * per_block
                    && started.elapsed() < Duration::from_secs(2) / BLOCKS as u32)
            {
                let t = Instant::now();
                vault.journal().search(&q).await?;
                ours.push(t.elapsed());
                let t = Instant::now();
                floor.search(&fts).await?;
                theirs.push(t.elapsed());
            }
            blocks.push((ours, theirs));
        }
        all.push(blocks);
    }
    Ok(all)
}

/// A search's row: p50 over all its runs; p95 the median of its blocks'
/// p95s on each side. A burst of another process's work lands in one block,
/// so it no longer decides a ratio that every other block contradicts.
fn search_row(what: &str, blocks: &mut Blocks, target: &str, note: String) -> Row {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut ours: Vec<Duration> = blocks.iter().flat_map(|b| b.0.clone()).collect();
    let mut theirs: Vec<Duration> = blocks.iter().flat_map(|b| b.1.clone()).collect();
    let mut r = with_floor(row(what, &mut ours, 0.95, target, note), &mut theirs, 0.95);
    r.tail.1 = median(
        blocks
            .iter_mut()
            .map(|b| percentile(&mut b.0, 0.95))
            .collect(),
    );
    if let Some(f) = &mut r.floor {
        f.tail_ms = median(
            blocks
                .iter_mut()
                .map(|b| percentile(&mut b.1, 0.95))
                .collect(),
        );
    }
    r
}

/// Generates `entries` entries spread over ten years and hands them to
/// `import` in batches of 10,000; returns the time spent importing, generating
/// excluded. Glimmer and the floor get the same corpus from the same seed.
async fn import_corpus(
    g: &mut Generator,
    entries: usize,
    end: Timestamp,
    mut import: impl AsyncFnMut(&[NewEntry]) -> Result<()>,
) -> Result<Duration> {
    let span = SignedDuration::from_hours(24 * 3652);
    let step = span / i32::try_from(entries.max(1)).unwrap_or(i32::MAX);
    let mut import_time = Duration::ZERO;
    let mut done = 0;
    while done < entries {
        let n = (entries - done).min(10_000);
        let batch: Vec<NewEntry> = (done..done + n)
            .map(|i| g.entry(end - span + step * i32::try_from(i).unwrap_or(i32::MAX)))
            .collect();
        let t = Instant::now();
        import(&batch).await?;
        import_time += t.elapsed();
        done += n;
    }
    Ok(import_time)
}

/// The physical floor: the same corpus in a plain, unencrypted FTS5 table with
/// the tokenizer and prefix index of migrations/0002_search.sql, on the same
/// SQLite build (through sqlx, as Glimmer), the same 16 MiB cache and the same
/// durability (WAL, synchronous=FULL), queried the fastest way FTS5 offers.
struct PlainFts {
    conn: sqlx::SqliteConnection,
}

impl PlainFts {
    async fn create(path: &Path) -> Result<Self> {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
        use sqlx::{ConnectOptions, Executor};
        let mut conn = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .pragma("cache_size", "-16384")
            .disable_statement_logging()
            .connect()
            .await?;
        conn.execute(
            "CREATE VIRTUAL TABLE docs USING fts5 (title, body, tags, \
             tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
        )
        .await?;
        Ok(Self { conn })
    }

    /// One transaction, then the WAL emptied, as Glimmer's import: a floor
    /// left reading through a long WAL would be slower than it need be.
    async fn import(&mut self, batch: &[NewEntry]) -> Result<()> {
        self.insert(batch).await?;
        wal_checkpoint(&mut self.conn, Checkpoint::Truncate).await?;
        Ok(())
    }

    /// One transaction.
    async fn insert(&mut self, batch: &[NewEntry]) -> Result<()> {
        use sqlx::Connection;
        let mut tx = self.conn.begin().await?;
        insert_docs(&mut tx, batch).await?;
        Ok(tx.commit().await?)
    }

    /// What a Day One import does, done plainly: the text, then each
    /// picture read from the export's zip into a plain table, in one
    /// transaction, then the WAL emptied.
    async fn import_with_pictures(
        &mut self,
        batch: &[NewEntry],
        zip: &Path,
        pictures: &[String],
    ) -> Result<()> {
        use sqlx::Connection;
        use std::io::Read;
        let internal = |e: &dyn std::fmt::Display| Error::Internal(format!("bench: {e}"));
        let file = std::fs::File::open(zip).map_err(Error::io(zip))?;
        let mut archive = zip::ZipArchive::new(file).map_err(|e| internal(&e))?;
        let mut tx = self.conn.begin().await?;
        insert_docs(&mut tx, batch).await?;
        sqlx::query("CREATE TABLE IF NOT EXISTS blobs (bytes BLOB NOT NULL)")
            .execute(&mut *tx)
            .await?;
        for name in pictures {
            let mut bytes = Vec::new();
            archive
                .by_name(name)
                .map_err(|e| internal(&e))?
                .read_to_end(&mut bytes)
                .map_err(Error::io(zip))?;
            sqlx::query("INSERT INTO blobs (bytes) VALUES (?)")
                .bind(bytes)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        wal_checkpoint(&mut self.conn, Checkpoint::Truncate).await?;
        Ok(())
    }

    /// Top 20 (and one more, as Glimmer asks for) with the same weights,
    /// highlights and snippets, in the shape that measured fastest on plain
    /// FTS5 for every kind of query (see `SEARCH_SQL` in src/journal/search.rs).
    async fn search(&mut self, fts: &str) -> Result<usize> {
        let rows: Vec<(i64, f64, String, String, String)> = sqlx::query_as(
            "WITH top AS MATERIALIZED (SELECT rowid AS hit, bm25(docs, 4.0, 1.0, 2.0) AS score \
             FROM docs WHERE docs MATCH ?1 ORDER BY score LIMIT 21) \
             SELECT top.hit, top.score, highlight(docs, 0, ?2, ?3), \
             snippet(docs, 1, ?2, ?3, '…', 24), substr(body, 1, 1200) \
             FROM docs CROSS JOIN top ON top.hit = docs.rowid WHERE docs MATCH ?1 \
             AND docs.rowid BETWEEN (SELECT min(hit) FROM top) AND (SELECT max(hit) FROM top) \
             ORDER BY top.score",
        )
        .bind(fts)
        .bind("\u{1}")
        .bind("\u{2}")
        .fetch_all(&mut self.conn)
        .await?;
        Ok(rows.len())
    }

    async fn close(self) -> Result<()> {
        use sqlx::Connection;
        Ok(self.conn.close().await?)
    }
}

async fn insert_docs(conn: &mut sqlx::SqliteConnection, batch: &[NewEntry]) -> Result<()> {
    for e in batch {
        sqlx::query("INSERT INTO docs (title, body, tags) VALUES (?, ?, ?)")
            .bind(&e.title)
            .bind(&e.body)
            .bind(e.tags.join(" "))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Ten years of daily check-ins, drawn as each chart: time and SVG size.
fn chart_rows() -> Result<Vec<Row>> {
    use crate::charts::{self, DayPoint, Theme};
    let start = jiff::civil::Date::new(2016, 1, 1).map_err(|e| Error::Internal(e.to_string()))?;
    let mut rng = SplitMix(7);
    let days: Vec<DayPoint> = (0..3652)
        .map(|i| DayPoint {
            date: start + jiff::Span::new().days(i),
            mood: Some((rng.normal() * 1.2).clamp(-3.0, 3.0)),
            intensity: Some((4.0 + rng.normal() * 2.0).clamp(0.0, 10.0)),
            glimmers: (rng.below(4) == 0) as u32,
        })
        .collect();
    let scatter: Vec<(i8, u8)> = days
        .iter()
        .filter_map(|d| Some((d.mood?.round() as i8, d.intensity?.round() as u8)))
        .collect();
    let phq: Vec<(Timestamp, u8)> = (0..260)
        .map(|i| {
            (
                Timestamp::UNIX_EPOCH + SignedDuration::from_hours(24 * 14 * i),
                (i % 28) as u8,
            )
        })
        .collect();
    let words: Vec<(String, i64)> = crate::checkin::PLEASANT_LOW
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), 100 - i as i64))
        .collect();
    type Draw<'a> = Box<dyn Fn() -> Result<String> + 'a>;
    let kinds: Vec<(&str, Draw)> = vec![
        (
            "mood and intensity, 10 years daily",
            Box::new(|| charts::mood_and_intensity(&days, Theme::Light)),
        ),
        (
            "year in pixels",
            Box::new(|| charts::year_in_pixels(2020, &days, Theme::Light)),
        ),
        (
            "emotion words",
            Box::new(|| charts::emotion_frequencies(&words, Theme::Light)),
        ),
        (
            "PHQ-9 over 10 years",
            Box::new(|| charts::phq9_over_time(&phq, Theme::Light)),
        ),
        (
            "intensity vs mood, 10 years",
            Box::new(|| charts::intensity_vs_mood(&scatter, Theme::Light)),
        ),
    ];
    let mut rows = Vec::new();
    for (name, draw) in kinds {
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..20 {
            let t = Instant::now();
            bytes = draw().map_err(|e| Error::Internal(e.to_string()))?.len();
            times.push(t.elapsed());
        }
        rows.push(row(
            &format!("chart: {name}"),
            &mut times,
            0.95,
            "≤ 20 ms, ≤ 200 KB",
            format!("{:.0} KB SVG", bytes as f64 / 1000.0),
        ));
    }
    Ok(rows)
}

/// 200 plans of every kind (daily, weekdays, chosen days, every few days or
/// weeks, some without a time) in five zones, expanded over a year.
fn expansion_row() -> Result<Row> {
    use crate::activation::{Rule, Schedule};
    use jiff::civil::{Date, Time};
    let zones = [
        "America/New_York",
        "Europe/Berlin",
        "Europe/London",
        "Australia/Sydney",
        "Asia/Tokyo",
    ];
    let rules = [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY",
        "FREQ=DAILY;COUNT=200",
        "FREQ=WEEKLY;BYDAY=SU;UNTIL=20251231T000000Z",
    ];
    let internal = |e: jiff::Error| Error::Internal(e.to_string());
    let mut rng = SplitMix(5545);
    let first = Date::new(2024, 1, 1).map_err(internal)?;
    let mut plans = Vec::new();
    while plans.len() < 200 {
        let tz = jiff::tz::TimeZone::get(zones[rng.below(zones.len())]).map_err(internal)?;
        let start = first
            .checked_add(jiff::Span::new().days(rng.below(700) as i64))
            .map_err(internal)?;
        let time = (rng.below(10) > 0)
            .then(|| Time::new(rng.below(24) as i8, rng.below(60) as i8, 0, 0))
            .transpose()
            .map_err(internal)?;
        let rule = Rule::parse(rules[rng.below(rules.len())])?;
        // A rule that ends before it starts is refused, as it would be when planning.
        if let Ok(s) = Schedule::new(start, time, tz, Some(rule)) {
            plans.push(s);
        }
    }
    let from: Timestamp = "2025-01-01T00:00:00Z".parse().map_err(internal)?;
    let to = from + SignedDuration::from_hours(24 * 365);
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..30 {
        let t = Instant::now();
        n = plans
            .iter()
            .map(|p| p.between(from, to).count())
            .sum::<usize>();
        times.push(t.elapsed());
    }
    Ok(row(
        "expand 200 plans over a year",
        &mut times,
        0.95,
        "≤ 10 ms",
        format!("{n} occurrences"),
    ))
}

/// A search row: its label, what is typed, and its target.
type Term = (String, String, &'static str);

/// Chooses real terms by document frequency from the index's own vocabulary.
async fn pick_terms(vault: &Vault, entries: usize) -> Result<Vec<Term>> {
    // A temp table lives on one connection, so both statements use the same one.
    let mut conn = vault.pool().acquire().await?;
    sqlx::query("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, entries_fts, 'row')")
        .execute(&mut *conn)
        .await
        ?;
    let n = entries as i64;
    let mut near = Vec::new();
    // The two terms nearest each frequency: the nearest alone, both together.
    for target in [(n / 10_000).max(3), (n / 50).max(10)] {
        let terms: Vec<String> = sqlx::query_scalar(
            "SELECT term FROM temp.bench_vocab WHERE length(term) > 3 ORDER BY abs(doc - ?) LIMIT 2",
        )
        .bind(target)
        .fetch_all(&mut *conn)
        .await
        ?;
        near.push(terms);
    }
    let mids = near.pop().unwrap_or_default();
    let mid = mids.first().cloned().unwrap_or_default();
    let rare = near
        .pop()
        .and_then(|t| t.into_iter().next())
        .unwrap_or_default();
    Ok(vec![
        ("rare term".into(), rare, "p95 ≤ 25 ms"),
        ("mid-frequency term".into(), mid, "p95 ≤ 25 ms"),
        ("term in every entry".into(), "today".into(), "p95 ≤ 150 ms"),
        // Both match a quarter to a third of all entries: common-term queries.
        ("prefix".into(), "numb*".into(), "p95 ≤ 150 ms"),
        ("phrase".into(), "\"small thing\"".into(), "p95 ≤ 150 ms"),
        (
            "two common words".into(),
            "tired walk".into(),
            "p95 ≤ 150 ms",
        ),
        // Each in about 2 % of entries; a hit needs both.
        (
            "two mid-frequency words".into(),
            mids.join(" "),
            "p95 ≤ 25 ms",
        ),
        // The 3rd and 1st most common words: half of all entries have the pair.
        (
            "phrase of two very common words".into(),
            "\"and the\"".into(),
            "p95 ≤ 150 ms",
        ),
    ])
}

async fn count_matches(vault: &Vault, text: &str) -> Result<i64> {
    let fts = crate::journal::fts_query(text).unwrap_or_default();
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?")
            .bind(fts)
            .fetch_one(vault.pool())
            .await?,
    )
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// What importing a generated Daylio file took, beside the plain FTS5 floor.
#[derive(Debug, Clone, Serialize)]
pub struct DaylioReport {
    pub rows: usize,
    pub entries: usize,
    pub file_bytes: usize,
    /// Reading and checking the whole file for the preview (p50 of 5).
    pub preview_ms: f64,
    /// The import as a person waits for it: the backup, then the one write
    /// (p50 of 3, as the two below).
    pub import_ms: f64,
    /// Of which the checked backup taken first.
    pub backup_ms: f64,
    /// The entries' text into the plain FTS5 table, in the same run.
    pub floor_ms: f64,
}

impl DaylioReport {
    /// The import's writes (without the backup) over the floor's time.
    pub fn ratio(&self) -> f64 {
        (self.import_ms - self.backup_ms) / self.floor_ms
    }

    pub fn to_markdown(&self) -> String {
        format!(
            "Daylio CSV, {} rows ({} with a note), {:.1} MB\n\n\
             | what | time | target |\n|---|---|---|\n\
             | preview (read + check the whole file), p50 of 5 | {:.0} ms | ≤ 1 s |\n\
             | import: backup + one write, p50 of 3 | {:.0} ms | — |\n\
             | of which the backup | {:.0} ms | — |\n\
             | plain FTS5 insert of the same text | {:.0} ms | — |\n\
             | import's write / floor | {:.2}× | ≤ 1.5× |\n",
            self.rows,
            self.entries,
            self.file_bytes as f64 / 1e6,
            self.preview_ms,
            self.import_ms,
            self.backup_ms,
            self.floor_ms,
            self.ratio()
        )
    }
}

/// Ten years of Daylio at `per_day` rows a day, newest first, as its newest
/// layout writes it: 12-hour times, activities, notes in HTML, some titled.
/// Also the entries the import should make of it, for the floor.
fn daylio_file(per_day: usize) -> Result<(Vec<u8>, Vec<NewEntry>)> {
    const MOODS: [&str; 5] = ["rad", "good", "meh", "bad", "awful"];
    let mut g = Generator::new(SEED);
    let start = jiff::civil::Date::constant(2015, 1, 1);
    let internal = |e: csv::Error| Error::Internal(format!("bench: {e}"));
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "full_date",
        "date",
        "weekday",
        "time",
        "mood",
        "activities",
        "scales",
        "note_title",
        "note",
    ])
    .map_err(internal)?;
    let mut entries = Vec::new();
    for day in (0..3650).rev().map(|i| start + jiff::Span::new().days(i)) {
        for k in (0..per_day).rev() {
            let hour = 8 + 12 * k as i8 / per_day.max(1) as i8 + g.rng.below(3) as i8;
            let time = format!(
                "{}:{:02} {}",
                (hour + 11) % 12 + 1,
                g.rng.below(60),
                if hour < 12 { "am" } else { "pm" }
            );
            let activities: Vec<&str> = (0..g.rng.below(4))
                .map(|_| TAGS[g.rng.below(TAGS.len())])
                .collect();
            let title = if g.rng.below(4) == 0 {
                g.word().to_string()
            } else {
                String::new()
            };
            let body = g.body();
            out.write_record([
                day.to_string().as_str(),
                &day.strftime("%B %-d").to_string(),
                &day.strftime("%A").to_string(),
                &time,
                MOODS[g.rng.below(MOODS.len())],
                &activities.join(" | "),
                "",
                &title,
                &body.replace("\n\n", "<br><br>"),
            ])
            .map_err(internal)?;
            entries.push(NewEntry {
                title,
                body,
                tags: activities.iter().map(|a| a.to_string()).collect(),
                ..NewEntry::default()
            });
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok((bytes, entries))
}

/// Imports a generated ten-year Daylio file (two rows a day, each with a
/// note) into new vaults, and the same text into the plain FTS5 table.
pub async fn daylio(progress: &mut dyn FnMut(&str)) -> Result<DaylioReport> {
    use crate::import::{self, Options};
    let (bytes, floor_entries) = daylio_file(2)?;
    progress("previews of the generated file");
    let opts = Options {
        tz: Some("Europe/Berlin".into()),
        ..Options::default()
    };
    let mut previews = Vec::new();
    let mut parsed = None;
    for _ in 0..5 {
        let t = Instant::now();
        parsed = Some(import::parse(&bytes, &opts)?);
        previews.push(t.elapsed());
    }
    let parsed = parsed.ok_or_else(|| Error::Internal("no preview".into()))?;
    // Turns, each on a new vault and a new floor, so a load on the machine
    // weighs on both alike; the medians are reported.
    let (mut floors, mut imports, mut backups) = (Vec::new(), Vec::new(), Vec::new());
    let mut entries = 0;
    for round in 1..=3 {
        let tmp = tempfile::tempdir().map_err(Error::io(&std::env::temp_dir()))?;
        let vault = Vault::create(&tmp.path().join("vault"), &Secret::new(PASSPHRASE))
            .await?
            .0;
        progress(&format!("round {round} of 3: the plain FTS5 floor"));
        let mut floor = PlainFts::create(&tmp.path().join("floor.sqlite")).await?;
        let t = Instant::now();
        floor.import(&floor_entries).await?;
        floors.push(t.elapsed());
        floor.close().await?;

        progress(&format!("round {round} of 3: importing into a new vault"));
        let (timed, report) = timed_import(&vault, &parsed).await?;
        imports.push(timed.total);
        backups.push(timed.backup);
        entries = report.entries_added;
        vault.lock().await;
    }
    Ok(DaylioReport {
        rows: parsed.preview.checkins,
        entries,
        file_bytes: bytes.len(),
        preview_ms: percentile(&mut previews, 0.5),
        import_ms: percentile(&mut imports, 0.5),
        backup_ms: percentile(&mut backups, 0.5),
        floor_ms: percentile(&mut floors, 0.5),
    })
}

/// Sync through a folder (docs/sync.md): a vault of `entries` generated
/// entries set up in a folder, a second computer joining from it, one change
/// from save to visible on the other (the file write and read only), then
/// rounds of edits with compaction, and the folder's size against the vault's.
#[derive(Debug, Clone, Serialize)]
pub struct SyncReport {
    pub entries: usize,
    /// Writing the whole journal into the folder (`init`).
    pub init_ms: f64,
    /// Building a new vault from the folder, the passphrase's key derivation included.
    pub join_ms: f64,
    /// Save on one, `now()` there, `now()` on the other, visible: p50 and p95 of 20.
    pub change_p50_ms: f64,
    pub change_p95_ms: f64,
    /// The folder just after `init`: every record once.
    pub init_folder_bytes: u64,
    /// Entries rewritten after that, a sync on both after each round.
    pub edits: usize,
    pub edit_rounds: usize,
    /// The folder after the edits, compacted as it goes.
    pub folder_bytes: u64,
    pub folder_files: usize,
    pub vault_bytes: u64,
}

impl SyncReport {
    pub fn to_markdown(&self) -> String {
        format!(
            "Sync through a folder, {} entries\n\n\
             | what | value |\n|---|---|\n\
             | init: the whole journal into the folder | {:.0} ms, {:.1} MB |\n\
             | join: a new vault from the folder | {:.0} ms |\n\
             | one change, save to visible on the other, p50 of 20 | {:.1} ms |\n\
             | the same, p95 | {:.1} ms |\n\
             | then entries rewritten, a sync on both after each of {} rounds | {} |\n\
             | folder after that, compacted as it goes | {:.1} MB in {} files |\n\
             | vault (vault.sqlite) | {:.1} MB |\n\
             | folder / vault | {:.2}× |\n",
            self.entries,
            self.init_ms,
            self.init_folder_bytes as f64 / 1e6,
            self.join_ms,
            self.change_p50_ms,
            self.change_p95_ms,
            self.edit_rounds,
            self.edits,
            self.folder_bytes as f64 / 1e6,
            self.folder_files,
            self.vault_bytes as f64 / 1e6,
            self.folder_bytes as f64 / self.vault_bytes.max(1) as f64
        )
    }
}

/// The bytes and the number of files under `dir`.
fn under(dir: &Path) -> (u64, usize) {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => under(&e.path()),
            Ok(m) => (m.len(), 1),
            Err(_) => (0, 0),
        })
        .fold((0, 0), |(b, n), (b2, n2)| (b + b2, n + n2))
}

pub async fn sync(entries: usize, progress: &mut dyn FnMut(&str)) -> Result<SyncReport> {
    let tmp = tempfile::tempdir().map_err(Error::io(&std::env::temp_dir()))?;
    let (a_dir, b_dir, folder) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("folder"),
    );
    let credential = Credential::Passphrase(Secret::new(PASSPHRASE));
    let a = Vault::create(&a_dir, &Secret::new(PASSPHRASE)).await?.0;
    progress(&format!("writing {entries} entries"));
    import_corpus(
        &mut Generator::new(SEED),
        entries,
        Timestamp::now(),
        async |batch| a.journal().import(batch).await.map(|_| ()),
    )
    .await?;
    progress("setting up the folder");
    let t = Instant::now();
    a.sync().init(&folder).await?;
    let init_ms = t.elapsed().as_secs_f64() * 1000.0;
    let init_folder_bytes = under(&folder).0;
    progress("joining from the folder");
    let t = Instant::now();
    let b = crate::sync::join(&folder, &b_dir, &credential, &mut |_| {}).await?;
    let join_ms = t.elapsed().as_secs_f64() * 1000.0;
    progress("one change at a time, 20 times");
    let mut g = Generator::new(SEED + 1);
    let mut changes = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let e = a.journal().create(&g.entry(Timestamp::now())).await?;
        a.sync().now().await?;
        b.sync().now().await?;
        b.journal().get(&e.id.to_string()).await?;
        changes.push(t.elapsed());
    }
    let rounds = 30;
    let ids: Vec<String> = a
        .journal()
        .list(
            u32::try_from(entries.div_ceil(10).clamp(1, 1000)).unwrap_or(1000),
            None,
        )
        .await?
        .items
        .into_iter()
        .map(|e| e.id.to_string())
        .collect();
    progress(&format!(
        "rewriting {} entries, {rounds} times, syncing both each time",
        ids.len()
    ));
    for _ in 0..rounds {
        for id in &ids {
            let patch = crate::EntryPatch {
                body: Some(g.body()),
                ..Default::default()
            };
            a.journal().update(id, &patch).await?;
        }
        a.sync().now().await?;
        b.sync().now().await?;
    }
    a.sync().now().await?;
    b.lock().await;
    a.lock().await;
    let (folder_bytes, folder_files) = under(&folder);
    Ok(SyncReport {
        entries,
        init_ms,
        join_ms,
        change_p50_ms: percentile(&mut changes, 0.5),
        change_p95_ms: percentile(&mut changes, 0.95),
        init_folder_bytes,
        edits: ids.len() * rounds,
        edit_rounds: rounds,
        folder_bytes,
        folder_files,
        vault_bytes: std::fs::metadata(a_dir.join("vault.sqlite"))
            .map_err(Error::io(&a_dir))?
            .len(),
    })
}

/// How long an import took as a person waits for it, and its parts.
#[derive(Debug, Clone, Copy, Default)]
struct Timed {
    total: Duration,
    /// The checked backup taken first.
    backup: Duration,
    /// The entries and check-ins written, and the index merged.
    records: Duration,
    /// The pictures read and written.
    pictures: Duration,
}

/// Imports `parsed`, timing each step by the progress it reports.
async fn timed_import(
    vault: &Vault,
    parsed: &crate::import::Parsed,
) -> Result<(Timed, crate::import::ImportReport)> {
    use crate::import::Step;
    let records = parsed.preview.entries + parsed.preview.checkins;
    let started = Instant::now();
    let mut marks = [None; 3];
    let report = vault
        .import(parsed, false, &mut |step| {
            let at = started.elapsed();
            match step {
                Step::Backup => {}
                Step::Writing { done, .. } if done <= records => {
                    marks[0].get_or_insert(at);
                    marks[1] = Some(at);
                }
                Step::Writing { .. } => marks[2] = Some(at),
                Step::Finishing => {
                    marks[2].get_or_insert(at);
                }
            }
        })
        .await?;
    let total = started.elapsed();
    // The import reports nothing written yet once the backup is taken;
    // the records end at the last report of one.
    let backup = marks[0].unwrap_or_default();
    let records_end = marks[1].unwrap_or(backup);
    let pictures_end = marks[2].unwrap_or(records_end);
    Ok((
        Timed {
            total,
            backup,
            records: records_end.saturating_sub(backup),
            pictures: pictures_end.saturating_sub(records_end),
        },
        report,
    ))
}

/// What importing a generated Day One export took, beside the plain floor,
/// and the memory it took.
#[derive(Debug, Clone, Serialize)]
pub struct DayOneReport {
    pub entries: usize,
    pub pictures: usize,
    pub zip_bytes: u64,
    /// Its journal files together, as JSON.
    pub json_bytes: u64,
    /// Reading the zip's journals and checking every entry and picture for
    /// the preview (p50 of 3).
    pub preview_ms: f64,
    /// The import as a person waits for it: the backup, then the one write
    /// with the pictures read from the zip one by one (p50 of 3, as below).
    pub import_ms: f64,
    /// Of which the checked backup taken first, the entries written and
    /// their index merged, and the pictures read from the zip and written
    /// (the rest: the commit and the WAL's checkpoint).
    pub backup_ms: f64,
    pub records_ms: f64,
    pub pictures_ms: f64,
    /// The same text into the plain FTS5 table, in one transaction.
    pub floor_text_ms: f64,
    /// The same text and the same pictures, read from the zip into a plain
    /// table, in one transaction.
    pub floor_ms: f64,
    /// Resident memory (MB) before the first preview, and its peak during
    /// it; then before the first import (the preview's entries held) and
    /// its peak during it. Linux's VmRSS and VmHWM, the peak started afresh
    /// before each; `None` where the system does not say.
    pub memory_mb: Option<[f64; 4]>,
}

impl DayOneReport {
    /// The import's writes (without the backup) over the floor with pictures.
    pub fn ratio(&self) -> f64 {
        (self.import_ms - self.backup_ms) / self.floor_ms
    }

    /// The same over the text alone.
    pub fn text_ratio(&self) -> f64 {
        (self.import_ms - self.backup_ms) / self.floor_text_ms
    }

    pub fn to_markdown(&self) -> String {
        let memory = match self.memory_mb {
            Some([before, preview, held, import]) => format!(
                "| resident memory before the preview → peak during it | {before:.0} → {preview:.0} MB | — |\n\
                 | before the import (preview held) → peak during it | {held:.0} → {import:.0} MB | — |\n"
            ),
            None => "| memory | not measured here (no /proc) | — |\n".into(),
        };
        format!(
            "Day One zip, {} entries in 2 journals with {} pictures, {:.0} MB ({:.1} MB of journal JSON)\n\n\
             | what | time | target |\n|---|---|---|\n\
             | preview (read the journals, check every entry and picture), p50 of 3 | {:.0} ms | — |\n\
             | import: backup + one write, p50 of 3 | {:.0} ms | — |\n\
             | of which the backup | {:.0} ms | — |\n\
             | of which the entries, their index merged | {:.0} ms | — |\n\
             | of which the pictures, read from the zip one by one | {:.0} ms | — |\n\
             | of which the rest: the commit and the checkpoint | {:.0} ms | — |\n\
             | plain FTS5 insert of the same text | {:.0} ms | — |\n\
             | … and the same pictures into a plain table | {:.0} ms | — |\n\
             | import's write / floor with pictures | {:.2}× | ≤ 1.5× |\n\
             | import's write / text-only floor | {:.2}× | — |\n\
             {memory}",
            self.entries,
            self.pictures,
            self.zip_bytes as f64 / 1e6,
            self.json_bytes as f64 / 1e6,
            self.preview_ms,
            self.import_ms,
            self.backup_ms,
            self.records_ms,
            self.pictures_ms,
            self.import_ms - self.backup_ms - self.records_ms - self.pictures_ms,
            self.floor_text_ms,
            self.floor_ms,
            self.ratio(),
            self.text_ratio(),
        )
    }
}

/// VmRSS and VmHWM (the peak) of this process, in MB.
fn memory() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: f64 = line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Starts the peak afresh (Linux, since 4.0): what it reads next is the
/// peak of what runs in between.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The resident memory now, and the peak of what `run` does.
async fn peak_of<T>(run: impl AsyncFnOnce() -> Result<T>) -> Result<(T, Option<(f64, f64)>)> {
    let before = memory().map(|m| m.0);
    let fresh = reset_peak();
    let out = run().await?;
    let peak = memory().map(|m| m.1);
    Ok((out, before.zip(peak).filter(|_| fresh)))
}

/// A real PNG of noise (which a zip cannot shrink, as it cannot a photo),
/// `side` pixels square, its pixels in stored deflate blocks.
fn noise_png(rng: &mut SplitMix, side: u32) -> Vec<u8> {
    fn crc32(parts: &[&[u8]]) -> u32 {
        let mut crc = !0u32;
        for b in parts.iter().flat_map(|p| p.iter()) {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
            }
        }
        !crc
    }
    fn chunk(png: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        png.extend_from_slice(&crc32(&[kind, data]).to_be_bytes());
    }
    let row = 1 + 3 * side as usize;
    // Each row: filter 0 (none), then its pixels.
    let mut raw = vec![0u8; row * side as usize];
    for line in raw.chunks_mut(row) {
        for bytes in line[1..].chunks_mut(8) {
            bytes.copy_from_slice(&rng.next().to_le_bytes()[..bytes.len()]);
        }
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A generated Day One export, as its zip is.
struct DayOneExport {
    zip: std::path::PathBuf,
    json_bytes: u64,
    /// The entries Glimmer should make of it, for the floor.
    entries: Vec<NewEntry>,
    /// The pictures' names in the zip.
    pictures: Vec<String>,
}

/// Day One's escapes: a backslash before most punctuation.
fn day_one_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for c in text.chars() {
        if matches!(c, '.' | '!' | '-' | '(' | ')') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Ten years of Day One in two journals, "Journal" and "Travel": `entries`
/// entries in five time zones, a third with a heading title, one in ten
/// with a picture (a noise PNG of 128–256 pixels square, stored) and one in
/// a hundred with a video, a tenth with a line starting with an escaped
/// dash (kept, so the rendered check runs). Written as a zip in `dir`, its
/// journals deflated and streamed entry by entry.
fn dayone_export(dir: &Path, entries: usize) -> Result<DayOneExport> {
    use std::io::Write;
    const ZONES: [&str; 5] = [
        "Europe/Berlin",
        "Europe/Berlin",
        "America/New_York",
        "Asia/Tokyo",
        "Australia/Sydney",
    ];
    let internal = |e: &dyn std::fmt::Display| Error::Internal(format!("bench: {e}"));
    let path = dir.join("Day One export.zip");
    let file = std::fs::File::create(&path).map_err(Error::io(&path))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut g = Generator::new(SEED);
    let start: Timestamp = "2015-01-01T06:00:00Z".parse().map_err(|e| internal(&e))?;
    let step = SignedDuration::from_secs(10 * 365 * 86_400 / entries.max(1) as i64);
    let mut floor = Vec::with_capacity(entries);
    let mut photos: Vec<(String, u32)> = Vec::new();
    let mut json_bytes = 0;
    for (journal, share) in [("Journal", 4), ("Travel", 1)] {
        zip.start_file(format!("{journal}.json"), deflated)
            .map_err(|e| internal(&e))?;
        let mut counted = CountingWriter(&mut zip, 0);
        counted
            .write_all(
                b"{\n  \"metadata\" : {\n    \"version\" : \"1.0\"\n  },\n  \"entries\" : [\n",
            )
            .map_err(|e| internal(&e))?;
        let mine = entries * share / 5;
        for i in 0..mine {
            let at = start + step * (floor.len() as i32);
            let uuid = uuid::Uuid::from_u64_pair(g.rng.next(), g.rng.next())
                .simple()
                .to_string()
                .to_uppercase();
            let title = (g.rng.below(3) == 0).then(|| {
                (0..2 + g.rng.below(3))
                    .map(|_| g.word().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let mut body = g.body();
            let mut text = match &title {
                Some(t) => format!("# {t}\n\n{}", day_one_escaped(&body)),
                None => day_one_escaped(&body),
            };
            if g.rng.below(10) == 0 {
                let first = g.word().to_string();
                let words = format!("{first} {}", g.word());
                text.push_str(&format!("\n\n\\- {words}\\."));
                body.push_str(&format!("\n\n\\- {words}."));
            }
            let mut value = serde_json::json!({
                "uuid": uuid,
                "creationDate": at.to_string(),
                "modifiedDate": at.to_string(),
                "timeZone": ZONES[g.rng.below(ZONES.len())],
                "starred": g.rng.below(20) == 0,
                "tags": (0..g.rng.below(3)).map(|_| TAGS[g.rng.below(TAGS.len())]).collect::<Vec<_>>(),
            });
            if (floor.len() + 1) % 10 == 0 {
                let identifier = uuid::Uuid::from_u64_pair(g.rng.next(), g.rng.next())
                    .simple()
                    .to_string()
                    .to_uppercase();
                let md5 = format!("{:016x}{:016x}", g.rng.next(), g.rng.next());
                text.push_str(&format!("\n\n![](dayone-moment://{identifier})"));
                body.push_str(&format!("\n\n![Picture](picture:{})", uuid::Uuid::nil()));
                value["photos"] =
                    serde_json::json!([{"identifier": identifier, "md5": md5, "type": "png"}]);
                photos.push((format!("photos/{md5}.png"), 128 + g.rng.below(129) as u32));
            }
            if g.rng.below(100) == 0 {
                text.push_str("\n\n![](dayone-moment:/video/0A1B2C3D4E5F60718293A4B5C6D7E8F9)");
                body.push_str(
                    "\n\n(A video was here in Day One; Glimmer brings in pictures only.)",
                );
                value["videos"] = serde_json::json!([{"identifier": "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "type": "mov"}]);
            }
            value["text"] = serde_json::Value::String(text);
            let mut tags: Vec<String> = value["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect();
            tags.push(journal.to_lowercase());
            floor.push(NewEntry {
                title: title.unwrap_or_default(),
                body,
                tags,
                ..NewEntry::default()
            });
            serde_json::to_writer_pretty(&mut counted, &value).map_err(|e| internal(&e))?;
            counted
                .write_all(if i + 1 < mine { b",\n" } else { b"\n" })
                .map_err(|e| internal(&e))?;
        }
        counted.write_all(b"  ]\n}\n").map_err(|e| internal(&e))?;
        json_bytes += counted.1;
    }
    let mut names = Vec::with_capacity(photos.len());
    for (name, side) in photos {
        zip.start_file(name.as_str(), stored)
            .map_err(|e| internal(&e))?;
        zip.write_all(&noise_png(&mut g.rng, side))
            .map_err(Error::io(&path))?;
        names.push(name);
    }
    zip.finish()
        .and_then(|w| w.into_inner().map_err(|e| e.into_error().into()))
        .map_err(|e| internal(&e))?;
    Ok(DayOneExport {
        zip: path,
        json_bytes,
        entries: floor,
        pictures: names,
    })
}

/// Counts what passes through it.
struct CountingWriter<W>(W, u64);

impl<W: std::io::Write> std::io::Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf)?;
        self.1 += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Imports a generated Day One export (20,000 entries, 2,000 pictures) into
/// new vaults from its zip on disk, beside the same work done plainly, and
/// the memory each step took.
pub async fn dayone(progress: &mut dyn FnMut(&str)) -> Result<DayOneReport> {
    use crate::import::{self, Options};
    const ENTRIES: usize = 20_000;
    let tmp = tempfile::tempdir().map_err(Error::io(&std::env::temp_dir()))?;
    progress("generating the Day One export");
    let export = dayone_export(tmp.path(), ENTRIES)?;
    let zip_bytes = std::fs::metadata(&export.zip)
        .map_err(Error::io(&export.zip))?
        .len();
    let opts = Options {
        tz: Some("Europe/Berlin".into()),
        ..Options::default()
    };
    progress("previews of the generated export");
    let (parsed, preview_memory) = peak_of(async || import::read(&export.zip, &opts)).await?;
    let mut previews = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        import::read(&export.zip, &opts)?;
        previews.push(t.elapsed());
    }
    let (mut floors, mut text_floors, mut imports, mut backups) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut records, mut pictures) = (Vec::new(), Vec::new());
    let mut import_memory = None;
    let mut written = None;
    for round in 1..=3 {
        let dir = tempfile::tempdir_in(tmp.path()).map_err(Error::io(tmp.path()))?;
        let vault = Vault::create(&dir.path().join("vault"), &Secret::new(PASSPHRASE))
            .await?
            .0;
        progress(&format!("round {round} of 3: the plain floors"));
        let mut floor = PlainFts::create(&dir.path().join("text.sqlite")).await?;
        let t = Instant::now();
        floor.import(&export.entries).await?;
        text_floors.push(t.elapsed());
        floor.close().await?;
        let mut floor = PlainFts::create(&dir.path().join("floor.sqlite")).await?;
        let t = Instant::now();
        floor
            .import_with_pictures(&export.entries, &export.zip, &export.pictures)
            .await?;
        floors.push(t.elapsed());
        floor.close().await?;

        progress(&format!("round {round} of 3: importing into a new vault"));
        let ((timed, report), memory) =
            peak_of(async || timed_import(&vault, &parsed).await).await?;
        imports.push(timed.total);
        backups.push(timed.backup);
        records.push(timed.records);
        pictures.push(timed.pictures);
        import_memory = import_memory.or(memory);
        written = Some(report);
        vault.lock().await;
    }
    let written = written.ok_or_else(|| Error::Internal("no import".into()))?;
    Ok(DayOneReport {
        entries: written.entries_added,
        pictures: written.pictures_added,
        zip_bytes,
        json_bytes: export.json_bytes,
        preview_ms: percentile(&mut previews, 0.5),
        import_ms: percentile(&mut imports, 0.5),
        backup_ms: percentile(&mut backups, 0.5),
        records_ms: percentile(&mut records, 0.5),
        pictures_ms: percentile(&mut pictures, 0.5),
        floor_text_ms: percentile(&mut text_floors, 0.5),
        floor_ms: percentile(&mut floors, 0.5),
        memory_mb: preview_memory
            .zip(import_memory)
            .map(|((a, b), (c, d))| [a, b, c, d]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_pictures_are_pngs_of_their_size() {
        let png = noise_png(&mut SplitMix(1), 200);
        assert_eq!(crate::journal::picture_media_type(&png), Some("image/png"));
        let pixels = 200 * (1 + 3 * 200);
        // Signature, IHDR, IDAT (zlib header, a 5-byte header per stored
        // block, Adler-32), IEND.
        assert_eq!(png.len(), 8 + 25 + 12 + 2 + pixels + 5 * 2 + 4 + 12);
        assert_eq!(&png[12..16], b"IHDR");
    }

    #[test]
    fn generator_is_deterministic_and_realistic() {
        let mut a = Generator::new(7);
        let mut b = Generator::new(7);
        let at = Timestamp::UNIX_EPOCH;
        let (ea, eb) = (a.entry(at), b.entry(at));
        assert_eq!(ea.body, eb.body);
        let lens: Vec<usize> = (0..300)
            .map(|_| a.body().split_whitespace().count())
            .collect();
        assert!(lens.iter().all(|&n| (20..=2000).contains(&n)), "{lens:?}");
        // Zipf: "the" is far more common than a tail word.
        let text: String = (0..50).map(|_| a.body()).collect::<Vec<_>>().join(" ");
        let the = text.split_whitespace().filter(|w| *w == "the").count();
        assert!(the > 100, "the appeared {the} times");
        assert!(text.contains("today") || text.contains("Today"));
    }
}
