//! The numbers as CSV tables any spreadsheet reads: check-ins, PHQ-9
//! results, planned activities and timer sessions, a file each with a header
//! row, quoted as RFC 4180 says (CRLF line ends), times local with their
//! offset. Each file starts with a UTF-8 byte-order mark: without one, Excel
//! on Windows reads the text in the computer's old code page and garbles
//! accents and emoji (LibreOffice, and Python's `utf-8-sig`, take it in stride).

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{ExportReport, Sink, count, local_time, zone};
use crate::error::{Error, Result};
use crate::vault::Vault;

const CHECKINS: &[&str] = &[
    "id",
    "time",
    "time_zone",
    "mood",
    "feeling_intensity",
    "energy",
    "emotions",
    "body_areas",
    "note",
];

const PHQ9: &[&str] = &[
    "id",
    "time",
    "total",
    "band",
    "item_1",
    "item_2",
    "item_3",
    "item_4",
    "item_5",
    "item_6",
    "item_7",
    "item_8",
    "item_9",
    "difficulty",
];

const ACTIVITIES: &[&str] = &[
    "id",
    "date",
    "time",
    "time_zone",
    "activity",
    "life_area",
    "status",
    "moved",
    "expected_enjoyment",
    "enjoyment",
    "mastery",
    "feeling_intensity",
    "note",
    "entry_id",
];

const SESSIONS: &[&str] = &[
    "id",
    "time",
    "time_zone",
    "name",
    "planned_seconds",
    "practice_seconds",
    "completed",
    "added_by_hand",
    "intensity_before",
    "intensity_after",
];

/// Writes the four tables to `dest`; PHQ-9 times, which keep no zone of
/// their own, are told in `tz`.
pub(super) async fn write(vault: &Vault, dest: &Path, tz: &TimeZone) -> Result<ExportReport> {
    let checkins = vault.checkins().between(None, None).await?;
    let phq9 = vault.assessments().phq9_history().await?;
    let occurrences = past_occurrences(vault).await?;
    let sessions = vault.mindful().all_sessions().await?;

    let mut sink = Sink::create(dest)?;
    sink.add(
        "checkins.csv",
        &table(
            CHECKINS,
            checkins.iter().map(|c| {
                vec![
                    c.id.to_string(),
                    local_time(c.created_at, &zone(&c.tz)),
                    c.tz.clone(),
                    number(c.mood),
                    number(c.intensity),
                    number(c.energy),
                    text(&c.emotions.join("; ")),
                    text(&c.body_areas.join("; ")),
                    text(&c.note),
                ]
            }),
        )?,
    )?;
    sink.add(
        "phq9.csv",
        &table(
            PHQ9,
            phq9.iter().map(|a| {
                let mut row = vec![
                    a.id.to_string(),
                    local_time(a.created_at, tz),
                    a.score.total.to_string(),
                    a.score.band.label().to_string(),
                ];
                row.extend(a.answers.iter().map(u8::to_string));
                row.push(number(a.difficulty));
                row
            }),
        )?,
    )?;
    sink.add(
        "activities.csv",
        &table(
            ACTIVITIES,
            occurrences.iter().map(|o| {
                vec![
                    o.id.to_string(),
                    o.date.to_string(),
                    o.start
                        .map(|s| local_time(s, &zone(&o.tz)))
                        .unwrap_or_default(),
                    o.tz.clone(),
                    text(&o.activity),
                    o.area.label().to_string(),
                    o.status.label().to_string(),
                    o.moved.to_string(),
                    number(o.predicted),
                    number(o.enjoyment),
                    number(o.mastery),
                    number(o.intensity),
                    text(&o.note),
                    o.entry_id.map(|e| e.to_string()).unwrap_or_default(),
                ]
            }),
        )?,
    )?;
    sink.add(
        "timer-sessions.csv",
        &table(
            SESSIONS,
            sessions.iter().map(|s| {
                vec![
                    s.id.to_string(),
                    local_time(s.started_at, &zone(&s.tz)),
                    s.tz.clone(),
                    text(&s.name),
                    number(s.planned_seconds),
                    s.actual_seconds.to_string(),
                    s.completed.to_string(),
                    s.manual.to_string(),
                    number(s.intensity_before),
                    number(s.intensity_after),
                ]
            }),
        )?,
    )?;
    sink.finish(format!(
        "{}, {}, {} and {}",
        count(checkins.len(), "check-in", "check-ins"),
        count(phq9.len(), "self-check", "self-checks"),
        count(occurrences.len(), "planned activity", "planned activities"),
        count(sessions.len(), "timer session", "timer sessions"),
    ))
}

/// Every occurrence of every plan from the first plan's first day up to
/// now: what happened, and what was planned and let be.
async fn past_occurrences(vault: &Vault) -> Result<Vec<crate::activation::Occurrence>> {
    let plans = vault.plans().list().await?;
    let Some(first) = plans.iter().map(|p| p.start_day).min() else {
        return Ok(Vec::new());
    };
    // A day of margin: plans keep their own zones.
    let from = first
        .saturating_sub(jiff::Span::new().days(1))
        .to_zoned(TimeZone::UTC)
        .map_err(|e| Error::Internal(e.to_string()))?
        .timestamp();
    vault.plans().occurrences(from, Timestamp::now()).await
}

/// Starts every table, so Excel knows it is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A table as CSV bytes: the byte-order mark, the header row, then the rows.
fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let failed = |e: ::csv::Error| Error::Internal(format!("writing a CSV table: {e}"));
    w.write_record(header).map_err(failed)?;
    for row in rows {
        w.write_record(&row).map_err(failed)?;
    }
    w.into_inner()
        .map_err(|e| Error::Internal(format!("writing a CSV table: {e}")))
}

fn number<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Words the person wrote. One that starts like a formula (`=`, `+`, `-`,
/// `@`) gets a `'` first, so a spreadsheet shows it rather than runs it.
fn text(words: &str) -> String {
    if words.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{words}")
    } else {
        words.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_shown_not_run() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("- tea\n- toast"), "'- tea\n- toast");
        assert_eq!(text("a walk"), "a walk");
        assert_eq!(number(Some(-2)), "-2", "numbers stay numbers");
    }
}
