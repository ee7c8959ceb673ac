//! Daylio's CSV export, in every layout it has written, read by column name:
//!
//! - 2018: `year,date,weekday,time,mood,activities,note` (`date` as `18 May`)
//! - 2019–20: `full_date,date,weekday,time,mood,activities,note`
//! - 2021 on: `…,activities,note_title,note`
//! - newest: `…,activities,scales,note_title,note`
//!
//! Newest row first, an optional byte-order mark, times as `21:15`, `9:15 pm`
//! or `10:04 AM`, no time zone. Each row becomes a check-in with its mood
//! and, when it has a note or a title, a journal entry at the same instant.

use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

use super::{Context, Place, html, parse_time, stable_id};
use crate::checkin::{CheckinInput, Imported};
use crate::error::{Error, Result};
use crate::journal::NewEntry;

/// Daylio's five default moods on Glimmer's scale, word for word where the
/// words meet: rad = very good (+3), good = good (+2), meh = okay (0),
/// bad = low (−2), awful = very low (−3). Files from 2018 call the fourth
/// "fugly". Any other name is the person's own and needs their mapping.
pub(super) fn default_mood(name: &str) -> Option<i8> {
    match name {
        "rad" => Some(3),
        "good" => Some(2),
        "meh" => Some(0),
        "bad" | "fugly" => Some(-2),
        "awful" => Some(-3),
        _ => None,
    }
}

/// The header names a Daylio export: a mood, activities, and a date column.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    let Some(text) = super::head(bytes) else {
        return false;
    };
    let header = text.lines().next().unwrap_or("").to_lowercase();
    let names: Vec<&str> = header
        .split(',')
        .map(|n| n.trim().trim_matches('"'))
        .collect();
    names.contains(&"mood")
        && names.contains(&"activities")
        && (names.contains(&"full_date") || names.contains(&"year"))
}

/// Where each column is, by name.
struct Columns {
    width: usize,
    full_date: Option<usize>,
    year: Option<usize>,
    date: Option<usize>,
    time: usize,
    mood: usize,
    activities: Option<usize>,
    scales: Option<usize>,
    note_title: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    fn of(header: &csv::StringRecord) -> Result<Self> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let need = |name: &str| {
            find(name).ok_or_else(|| {
                Error::invalid(
                    "file",
                    format!("This Daylio file has no “{name}” column, so Glimmer cannot read it."),
                )
            })
        };
        let cols = Self {
            width: header.len(),
            full_date: find("full_date"),
            year: find("year"),
            date: find("date"),
            time: need("time")?,
            mood: need("mood")?,
            activities: find("activities"),
            scales: find("scales"),
            note_title: find("note_title"),
            note: find("note"),
        };
        if cols.full_date.is_none() && (cols.year.is_none() || cols.date.is_none()) {
            need("full_date")?;
        }
        Ok(cols)
    }
}

/// The row's day: `full_date`, or 2018's `year` and `date` ("18 May" or
/// "May 18", month names in English).
fn day(row: &csv::StringRecord, cols: &Columns) -> Option<Date> {
    let field = |i: Option<usize>| row.get(i?).map(str::trim);
    if let Some(full) = field(cols.full_date) {
        return Date::strptime("%Y-%m-%d", full).ok();
    }
    let year: i16 = field(cols.year)?.parse().ok()?;
    let mut day = None;
    let mut month = None;
    for word in field(cols.date)?
        .split([' ', '.', ','])
        .filter(|w| !w.is_empty())
    {
        match word.parse::<i8>() {
            Ok(d) => day = Some(d),
            Err(_) => month = month_number(word),
        }
    }
    Date::new(year, month?, day?).ok()
}

fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_lowercase();
    let at = MONTHS.iter().position(|m| w.starts_with(m))?;
    i8::try_from(at + 1).ok()
}

/// An activity as a tag: its words joined by dashes, a lone `/` or `&`
/// between them left out ("movies / tv" → "movies-tv").
fn tag(activity: &str) -> String {
    activity
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect::<Vec<_>>()
        .join("-")
}

pub(super) fn read(bytes: &[u8], cx: &mut Context) -> Result<()> {
    let text = super::text(bytes)?;
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = csv.headers().map_err(|e| {
        Error::invalid(
            "file",
            format!("The first line of this Daylio file could not be read ({e})."),
        )
    })?;
    let cols = Columns::of(header)?;
    cx.zone_is_the_persons();
    cx.note(
        "Each row becomes a check-in with its mood; a row with a note or a title also becomes a journal entry at the same time. Glimmer does not link the two, so they share their time.",
    );
    cx.note(
        "Check-ins have no tags, so a row's activities become the entry's tags and a line in the check-in's note.",
    );
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_record(&mut record) {
            Ok(true) => row(&record, &cols, Place::Line(line), cx),
            Ok(false) => break,
            Err(e) => {
                let at = e.position().map_or(line, |p| p.line());
                cx.problem(
                    Place::Line(at),
                    format!("This row could not be read ({e})."),
                );
                if e.is_io_error() {
                    break;
                }
            }
        }
    }
    Ok(())
}

fn row(row: &csv::StringRecord, cols: &Columns, at: Place, cx: &mut Context) {
    if row.len() == 1 && row.get(0).is_some_and(|f| f.trim().is_empty()) {
        return;
    }
    if row.len() != cols.width {
        return cx.problem(
            at,
            format!(
                "This row has {} fields where the header has {}; a quote may be missing.",
                row.len(),
                cols.width
            ),
        );
    }
    let field = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("");
    let Some(day) = day(row, cols) else {
        return cx.problem(at, "The date of this row could not be read.");
    };
    let time_text = field(Some(cols.time));
    let Some(time) = parse_time(time_text) else {
        return cx.problem(
            at,
            format!("“{}” is not a time Glimmer can read.", time_text.trim()),
        );
    };
    let mood_name = field(Some(cols.mood)).trim();
    if mood_name.is_empty() {
        return cx.problem(at, "This row has no mood.");
    }
    let when = match cx.local(day, time) {
        Ok(t) => t,
        Err(e) => return cx.problem(at, e.to_string()),
    };
    let mood = cx.mood(mood_name, default_mood);
    let activities: Vec<String> = field(cols.activities)
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    let key = [
        day.to_string(),
        time.to_string(),
        mood_name.to_lowercase(),
        field(cols.activities).trim().to_string(),
        field(cols.note_title).to_string(),
        field(cols.note).to_string(),
    ];
    let key: Vec<&str> = key.iter().map(String::as_str).collect();
    let day = Day {
        when,
        mood,
        activities: &activities,
        scales: field(cols.scales).trim(),
        title: field(cols.note_title),
        note: field(cols.note),
        entry_id: stable_id(&[&["daylio", "entry"], key.as_slice()].concat()),
        checkin_id: stable_id(&[&["daylio", "checkin"], key.as_slice()].concat()),
    };
    let (entry, checkin) = day.records("", false, cx);
    cx.record(at, entry, Some(checkin));
}

/// One of Daylio's records, from its CSV or its backup alike.
pub(super) struct Day<'a> {
    pub(super) when: Timestamp,
    /// `None` while the mood waits for the person's mapping.
    pub(super) mood: Option<i8>,
    pub(super) activities: &'a [String],
    pub(super) scales: &'a str,
    /// The title and the note as Daylio writes them, in HTML.
    pub(super) title: &'a str,
    pub(super) note: &'a str,
    pub(super) entry_id: Uuid,
    pub(super) checkin_id: Uuid,
}

impl Day<'_> {
    /// A check-in with the mood and the activities in words, and, when
    /// there is a title, a note or `more` (markdown after the note: a
    /// backup's pictures), a journal entry at the same time with the
    /// activities as tags, and the star's tag when `starred`.
    pub(super) fn records(
        &self,
        more: &str,
        starred: bool,
        cx: &mut Context,
    ) -> (Option<NewEntry>, Imported) {
        let title = html::to_line(self.title);
        let note = html::to_markdown(self.note);
        let body = match (note.is_empty(), more.is_empty()) {
            (_, true) => note,
            (true, false) => more.to_string(),
            (false, false) => format!("{note}\n\n{more}"),
        };
        let mut lines = Vec::new();
        if !self.activities.is_empty() {
            lines.push(format!("Activities: {}", self.activities.join(", ")));
        }
        if !self.scales.is_empty() {
            lines.push(format!("Scales: {}", self.scales));
        }
        let entry = (!title.is_empty() || !body.is_empty()).then(|| {
            let mut tags: Vec<String> = self.activities.iter().map(|a| tag(a)).collect();
            if starred {
                cx.star(&mut tags);
            }
            NewEntry {
                id: Some(self.entry_id),
                title,
                body,
                tags,
                created_at: Some(self.when),
                tz: Some(cx.tz_name.clone()),
                ..NewEntry::default()
            }
        });
        let checkin = Imported {
            id: self.checkin_id,
            tz: cx.tz_name.clone(),
            input: CheckinInput {
                // Kept out of the check while unmapped: the import waits for the mapping.
                mood: self.mood.or(Some(0)),
                note: lines.join("\n"),
                created_at: Some(self.when),
                ..CheckinInput::default()
            },
        };
        (entry, checkin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> csv::StringRecord {
        csv::StringRecord::from(fields.to_vec())
    }

    #[test]
    fn days_of_every_layout() {
        let new = Columns::of(&record(&["full_date", "date", "weekday", "time", "mood"])).unwrap();
        assert_eq!(
            day(
                &record(&["2021-09-28", "28 September", "Tuesday", "", ""]),
                &new
            ),
            Some(Date::constant(2021, 9, 28))
        );
        let old = Columns::of(&record(&["year", "date", "weekday", "time", "mood"])).unwrap();
        for written in ["18 May", "May 18", "18. may"] {
            assert_eq!(
                day(&record(&["2018", written, "Friday", "", ""]), &old),
                Some(Date::constant(2018, 5, 18)),
                "{written}"
            );
        }
        assert_eq!(
            day(&record(&["2018", "31 February", "", "", ""]), &old),
            None
        );
        assert!(Columns::of(&record(&["date", "time", "mood"])).is_err());
    }

    #[test]
    fn the_default_moods_sit_on_glimmers_scale() {
        let levels: Vec<_> = ["rad", "good", "meh", "bad", "fugly", "awful", "sleepy"]
            .map(default_mood)
            .to_vec();
        assert_eq!(
            levels,
            [
                Some(3),
                Some(2),
                Some(0),
                Some(-2),
                Some(-2),
                Some(-3),
                None
            ]
        );
    }
}
