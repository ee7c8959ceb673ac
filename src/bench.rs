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
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub entries: usize,
    pub words: usize,
    pub vault_bytes: u64,
    pub import_entries_per_s: f64,
    pub rows: Vec<Row>,
}

impl Report {
    pub fn to_markdown(&self) -> String {
        let mut s = format!(
            "Vault: {} entries, {} words, {:.1} MB on disk; import {:.0} entries/s (target ≥ 2,000/s)\n\n",
            self.entries,
            self.words,
            self.vault_bytes as f64 / 1e6,
            self.import_entries_per_s
        );
        s.push_str("| what | runs | p50 | tail | target | note |\n|---|---|---|---|---|---|\n");
        for r in &self.rows {
            s.push_str(&format!(
                "| {} | {} | {:.2} ms | {} {:.2} ms | {} | {} |\n",
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
    }
}

const PASSPHRASE: &str = "benchmark passphrase, not a secret";

/// Builds a vault of `entries` entries (in `dir`, or a temporary directory) and
/// measures it. `progress` hears about each step.
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
    let pass = Secret::new(PASSPHRASE);
    let mut g = Generator::new(0x61_6c_69_6d_6d_65_72);
    let end = Timestamp::now();
    // A vault left by an earlier run (`--dir`) is measured again as it is.
    let (vault, words, import_rate) = if dir.join("vault.json").exists() {
        progress("reusing the vault already in that directory");
        let vault = Vault::unlock(&dir, &Credential::Passphrase(Secret::new(PASSPHRASE))).await?;
        (vault, 0, f64::NAN)
    } else {
        let (vault, _) = Vault::create(&dir, &pass).await?;
        let (words, rate) = fill(&vault, &mut g, entries, end, progress).await?;
        (vault, words, rate)
    };

    let entries: usize = sqlx::query_scalar::<_, i64>("SELECT count(*) FROM entries")
        .fetch_one(vault.pool())
        .await
        .map_err(Error::from)?
        .try_into()
        .unwrap_or(entries);
    let mut rows = Vec::new();
    progress("durable saves");
    let mut saves = Vec::new();
    for _ in 0..200 {
        let e = NewEntry {
            created_at: None,
            ..g.entry(end)
        };
        let t = Instant::now();
        vault.journal().create(&e).await?;
        saves.push(t.elapsed());
    }
    rows.push(row(
        "save an entry (durable commit)",
        &mut saves,
        0.99,
        "p99 ≤ 10 ms",
        "synchronous=FULL, WAL".into(),
    ));

    progress("searches");
    let terms = pick_terms(&vault, entries).await?;
    for (label, text, target) in terms {
        let q = SearchQuery {
            text: text.clone(),
            limit: 20,
            ..SearchQuery::default()
        };
        let first = vault.journal().search(&q).await?;
        let matches = count_matches(&vault, &text).await?;
        let mut times = Vec::new();
        for _ in 0..40 {
            let t = Instant::now();
            vault.journal().search(&q).await?;
            times.push(t.elapsed());
        }
        rows.push(row(
            &format!("search, {label} (`{text}`), top 20 with snippets"),
            &mut times,
            0.95,
            target,
            format!("{matches} matching entries; {} returned", first.hits.len()),
        ));
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
        let v = Vault::unlock(&dir, &Credential::Passphrase(Secret::new(PASSPHRASE))).await?;
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
        rows,
    })
}

/// Generates `entries` entries spread over ten years and imports them in
/// batches; returns the word count and the import rate (entries per second).
async fn fill(
    vault: &Vault,
    g: &mut Generator,
    entries: usize,
    end: Timestamp,
    progress: &mut dyn FnMut(&str),
) -> Result<(usize, f64)> {
    let span = SignedDuration::from_hours(24 * 3652);
    let step = span / i32::try_from(entries.max(1)).unwrap_or(i32::MAX);
    progress(&format!("generating and importing {entries} entries"));
    let mut import_time = Duration::ZERO;
    let mut words = 0;
    let mut done = 0;
    while done < entries {
        let n = (entries - done).min(10_000);
        let batch: Vec<NewEntry> = (done..done + n)
            .map(|i| g.entry(end - span + step * i32::try_from(i).unwrap_or(i32::MAX)))
            .collect();
        words += batch
            .iter()
            .map(|e| e.body.split_whitespace().count())
            .sum::<usize>();
        let t = Instant::now();
        vault.journal().import(&batch).await?;
        import_time += t.elapsed();
        done += n;
    }
    Ok((words, entries as f64 / import_time.as_secs_f64().max(1e-9)))
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
    use crate::activation::recurrence::{Rule, Schedule};
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

/// Chooses real terms by document frequency from the index's own vocabulary.
async fn pick_terms(vault: &Vault, entries: usize) -> Result<Vec<(String, String, &'static str)>> {
    // A temp table lives on one connection, so both statements use the same one.
    let mut conn = vault.pool().acquire().await?;
    sqlx::query("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, entries_fts, 'row')")
        .execute(&mut *conn)
        .await
        ?;
    let n = entries as i64;
    let mut near = Vec::new();
    for target in [(n / 10_000).max(3), (n / 50).max(10)] {
        let term: String = sqlx::query_scalar(
            "SELECT term FROM temp.bench_vocab WHERE length(term) > 3 ORDER BY abs(doc - ?) LIMIT 1",
        )
        .bind(target)
        .fetch_one(&mut *conn)
        .await
        ?;
        near.push(term);
    }
    let mid = near.pop().unwrap_or_default();
    let rare = near.pop().unwrap_or_default();
    Ok(vec![
        ("rare term".into(), rare, "p95 ≤ 25 ms"),
        ("mid-frequency term".into(), mid, "p95 ≤ 25 ms"),
        ("term in every entry".into(), "today".into(), "p95 ≤ 150 ms"),
        // Both match a quarter to a third of all entries: common-term queries.
        ("prefix".into(), "numb*".into(), "p95 ≤ 150 ms"),
        ("phrase".into(), "\"small thing\"".into(), "p95 ≤ 150 ms"),
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

#[cfg(test)]
mod tests {
    use super::*;

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
