//! Daylio's backup (`.daylio`, from its Backup & restore): a zip holding
//! `backup.daylio`, the whole diary as JSON written in base64 (over several
//! lines, sometimes), and its pictures in
//! `assets/photos/<year>/<month>/<checksum>`. Daylio publishes no
//! description; this follows public ones (daylio-scribe's guide and types,
//! dayligo's structures) and reads only what those agree on:
//!
//! - `customMoods`: `id`, `custom_name` ("" for Daylio's own name),
//!   `mood_group_id` (1 the best, "rad", … 5 the worst, "awful") and
//!   `predefined_name_id` (the same five names);
//! - `tags`: `id`, `name` (the activities);
//! - `dayEntries`: `id`, `datetime` (milliseconds since 1970, UTC), the local
//!   `year`, `month` (from 0), `day`, `hour`, `minute`, `mood` (a custom
//!   mood's id), `note` and `note_title` (HTML, as in the CSV), `tags` and
//!   `assets` (ids), `isFavorite`;
//! - `assets`: `id`, `checksum` (the picture's file name).
//!
//! Its `timeZoneOffset` is not read: public descriptions disagree on its
//! unit, so the local fields are read in the person's zone, as the CSV's
//! times are, and an entry comes in at the same time from either file.
//! Each day entry becomes what a CSV row does ([`daylio::Day`]); its mood's
//! place on the scale is its group's, so the person's own mood names need
//! no mapping.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Cursor;
use std::path::Path;

use jiff::civil::{Date, Time};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::attached::{Export, Pending, Pictures, Source, Unkept, ZIP_MAGIC, keepable, not_a_zip};
use super::daylio::{Day, default_mood};
use super::{Context, Count, MAX_FILE_BYTES, MoodSource, Place, stable_id};
use crate::error::{Error, Result};
use crate::markdown;

/// The app, as messages name it.
const APP: &str = "Daylio";

/// The diary's file inside the zip.
const DIARY: &str = "backup.daylio";

/// Daylio's five moods by group, the best first.
const GROUPS: [&str; 5] = ["rad", "good", "meh", "bad", "awful"];

/// A zip holding Daylio's diary file.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP_MAGIC)
        && zip::ZipArchive::new(Cursor::new(bytes)).is_ok_and(|z| z.index_for_name(DIARY).is_some())
}

/// Whether the file at `path` is a zip holding Daylio's diary file; only the
/// zip's list of files is read.
pub(super) fn is_backup_file(path: &Path) -> bool {
    std::fs::File::open(path)
        .ok()
        .and_then(|f| zip::ZipArchive::new(f).ok())
        .is_some_and(|z| z.index_for_name(DIARY).is_some())
}

/// Reads a backup's bytes; its pictures are read from them again as they
/// are written.
pub(super) fn read(bytes: &[u8], cx: &mut Context) -> Result<()> {
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(not_a_backup());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_a_zip(APP))?;
    let pictures = read_backup(&mut zip, cx)?;
    let source = if pictures.is_empty() {
        Source::Nowhere
    } else {
        Source::ZipBytes(bytes.to_vec())
    };
    cx.pictures = Some(Pictures::new(APP, source, pictures));
    Ok(())
}

/// Reads a backup from disk, whatever its size: only the diary now.
pub(super) fn read_zip_file(path: &Path, cx: &mut Context) -> Result<()> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    let mut zip = zip::ZipArchive::new(file).map_err(not_a_zip(APP))?;
    let pictures = read_backup(&mut zip, cx)?;
    cx.pictures = Some(Pictures::new(
        APP,
        Source::ZipFile(path.to_path_buf()),
        pictures,
    ));
    Ok(())
}

fn not_a_backup() -> Error {
    Error::invalid(
        "file",
        format!(
            "This is not a Daylio backup: there is no {DIARY} inside. Choose the .daylio file Daylio made (Settings → Backup & restore), or its CSV export."
        ),
    )
}

fn damaged(what: impl fmt::Display) -> Error {
    Error::invalid(
        "file",
        format!(
            "The diary inside this Daylio backup could not be read ({what}). The backup may be damaged; make a new one in Daylio. Nothing was imported."
        ),
    )
}

/// The diary's JSON from its base64, which may be broken over lines.
fn decode(text: &[u8]) -> Result<Vec<u8>> {
    let mut clean: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    // With or without the padding.
    while clean.last() == Some(&b'=') {
        clean.pop();
    }
    data_encoding::BASE64_NOPAD
        .decode(&clean)
        .map_err(|_| damaged("it is not the base64 text Daylio writes"))
}

/// A Daylio id: a number, or text in some versions.
#[derive(Deserialize, Clone, PartialEq, Eq, Hash)]
#[serde(untagged)]
enum Id {
    Number(i64),
    Text(String),
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Number(n) => write!(f, "{n}"),
            Id::Text(t) => f.write_str(t),
        }
    }
}

/// The diary; every member may be missing.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Diary<'a> {
    #[serde(rename = "customMoods")]
    custom_moods: Vec<CustomMood>,
    tags: Vec<Tag>,
    #[serde(rename = "dayEntries", borrow)]
    day_entries: Vec<&'a RawValue>,
    assets: Vec<Asset>,
    goals: Vec<IgnoredAny>,
}

#[derive(Deserialize)]
struct CustomMood {
    id: Option<Id>,
    custom_name: Option<String>,
    mood_group_id: Option<i64>,
    predefined_name_id: Option<i64>,
}

#[derive(Deserialize)]
struct Tag {
    id: Option<Id>,
    name: Option<String>,
}

#[derive(Deserialize)]
struct Asset {
    id: Option<Id>,
    checksum: Option<String>,
}

#[derive(Deserialize)]
struct DayEntry {
    id: Option<Id>,
    datetime: Option<i64>,
    year: Option<i16>,
    month: Option<i8>,
    day: Option<i8>,
    hour: Option<i8>,
    minute: Option<i8>,
    mood: Option<Id>,
    note: Option<String>,
    note_title: Option<String>,
    tags: Option<Vec<Id>>,
    assets: Option<Vec<Id>>,
    #[serde(rename = "isFavorite")]
    is_favorite: Option<bool>,
}

/// A mood as it comes in: its name and its place on Glimmer's scale.
struct Mood {
    name: String,
    level: i8,
    source: MoodSource,
}

/// The name and place of a custom mood: its group's place, under the
/// person's name for it, or Daylio's own when it has none.
fn mood_of(m: &CustomMood) -> Option<Mood> {
    let group = GROUPS.get(usize::try_from(m.mood_group_id? - 1).ok()?)?;
    let level = default_mood(group)?;
    let custom = m.custom_name.as_deref().map(str::trim).unwrap_or("");
    if !custom.is_empty() {
        return Some(Mood {
            name: custom.to_string(),
            level,
            source: MoodSource::Group,
        });
    }
    let predefined = m
        .predefined_name_id
        .and_then(|n| GROUPS.get(usize::try_from(n - 1).ok()?))
        .unwrap_or(group);
    Some(Mood {
        name: predefined.to_string(),
        level,
        source: MoodSource::Default,
    })
}

/// Reads the diary and returns the pictures to write.
fn read_backup(export: &mut dyn Export, cx: &mut Context) -> Result<Vec<Pending>> {
    let names = export.names();
    if !names.iter().any(|n| n == DIARY) {
        return Err(not_a_backup());
    }
    // The base64 of the largest file Glimmer reads: far more than any diary.
    let text = export.read(DIARY, MAX_FILE_BYTES)?.ok_or_else(|| {
        Error::invalid(
            "file",
            format!(
                "The diary inside this backup is larger than {} MB, far more than any diary Glimmer knows, so it was not read. Check that it is a Daylio backup.",
                MAX_FILE_BYTES >> 20
            ),
        )
    })?;
    let json = decode(&text)?;
    drop(text);
    let diary: Diary = serde_json::from_slice(&json).map_err(|e| {
        damaged(format_args!(
            "at line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    // Pictures by the checksum that names their file, wherever it is.
    let files: HashMap<String, String> = names
        .iter()
        .filter(|n| n.starts_with("assets/"))
        .filter_map(|n| Some((n.rsplit('/').next()?.to_ascii_lowercase(), n.clone())))
        .collect();
    let mut reading = Reading {
        moods: diary
            .custom_moods
            .iter()
            .filter_map(|m| Some((m.id.clone()?, mood_of(m)?)))
            .collect(),
        tags: diary
            .tags
            .iter()
            .filter_map(|t| Some((t.id.clone()?, t.name.clone()?)))
            .collect(),
        assets: diary
            .assets
            .iter()
            .filter_map(|a| Some((a.id.clone()?, a.checksum.clone()?)))
            .collect(),
        files,
        pictures: Vec::new(),
        unkept: BTreeMap::new(),
    };
    cx.time_zone = Some(format!(
        "Daylio keeps each entry's local date and time, so they are read as local to {}, as from its CSV export.",
        cx.persons_zone()
    ));
    cx.note(
        "Each entry becomes a check-in with its mood; one with a note, a title or pictures also becomes a journal entry at the same time. Glimmer does not link the two, so they share their time.",
    );
    cx.note(
        "Check-ins have no tags, so an entry's activities become the journal entry's tags and a line in the check-in's note.",
    );
    cx.note(
        "Each mood sits where its group does in Daylio (rad +3, good +2, meh 0, bad −2, awful −3), under the name you gave it.",
    );
    cx.note(
        "Daylio's CSV export keeps no ids, so importing both it and this backup brings the same days in twice: import one of them.",
    );
    for (i, raw) in diary.day_entries.iter().enumerate() {
        let at = Place::Entry(i + 1);
        match serde_json::from_str::<DayEntry>(raw.get()) {
            Ok(e) => reading.entry(&e, raw.get(), at, Some(&mut *export), cx),
            Err(err) => cx.problem(at, format!("This entry could not be read ({err}).")),
        }
    }
    let goals = diary.goals.len();
    if goals > 0 {
        cx.note(format!(
            "Daylio's goals ({goals}) are not imported: Glimmer keeps plans its own way."
        ));
        cx.left_behind.push(Count {
            what: "goals",
            count: goals,
        });
    }
    let unkept = reading.unkept;
    if let Some(sentence) = Unkept::note(unkept.iter().map(|(u, n)| (*u, *n))) {
        cx.note(sentence);
    }
    cx.left_behind.extend(unkept.iter().map(|(why, n)| Count {
        what: why.counted_as(),
        count: *n,
    }));
    Ok(reading.pictures)
}

/// What the diary's lists say, and what reading its entries found.
struct Reading {
    moods: HashMap<Id, Mood>,
    tags: HashMap<Id, String>,
    /// Each asset's checksum.
    assets: HashMap<Id, String>,
    /// Each picture's file in the zip, by its checksum (lower-case).
    files: HashMap<String, String>,
    pictures: Vec<Pending>,
    unkept: BTreeMap<Unkept, usize>,
}

impl Reading {
    fn entry(
        &mut self,
        e: &DayEntry,
        raw: &str,
        at: Place,
        mut export: Option<&mut (dyn Export + '_)>,
        cx: &mut Context,
    ) {
        // Daylio counts months from 0.
        let day = match (e.year, e.month, e.day) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m.saturating_add(1), d).ok(),
            _ => None,
        };
        let Some(day) = day else {
            return cx.problem(at, "The date of this entry could not be read.");
        };
        let Ok(time) = Time::new(e.hour.unwrap_or(-1), e.minute.unwrap_or(-1), 0, 0) else {
            return cx.problem(at, "The time of this entry could not be read.");
        };
        let Some(mood) = e.mood.as_ref().and_then(|m| self.moods.get(m)) else {
            return cx.problem(at, "This entry's mood is not among the backup's moods.");
        };
        let when = match cx.local(day, time) {
            Ok(t) => t,
            Err(err) => return cx.problem(at, err.to_string()),
        };
        let level = cx.mood_placed(&mood.name, Some((mood.level, mood.source)));
        let activities: Vec<String> = e
            .tags
            .iter()
            .flatten()
            .filter_map(|t| self.tags.get(t))
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        // The entry's own id, or, without one, what it is.
        let key = e.id.as_ref().map_or_else(|| raw.to_string(), Id::to_string);
        let written = e.datetime.map(|t| t.to_string()).unwrap_or_default();
        let entry_id = stable_id(&["daylio-backup", "entry", &key, &written]);
        let mut pending = Vec::new();
        let mut shown = Vec::new();
        for asset in e.assets.iter().flatten() {
            let file = self
                .assets
                .get(asset)
                .and_then(|c| self.files.get(&c.trim().to_ascii_lowercase()));
            match keepable(file.map(String::as_str), export.as_deref_mut()) {
                Ok(file) => {
                    let id = stable_id(&["daylio-backup", "picture", &key, &asset.to_string()]);
                    if !pending.iter().any(|p: &Pending| p.id == id) {
                        pending.push(Pending {
                            entry: entry_id,
                            id,
                            file,
                        });
                        shown.push(markdown::picture_markdown(id, ""));
                    }
                }
                Err(why) => {
                    *self.unkept.entry(why).or_default() += 1;
                    shown.push(why.in_place(APP));
                }
            }
        }
        let day = Day {
            when,
            mood: level,
            activities: &activities,
            scales: "",
            title: e.note_title.as_deref().unwrap_or(""),
            note: e.note.as_deref().unwrap_or(""),
            entry_id,
            checkin_id: stable_id(&["daylio-backup", "checkin", &key, &written]),
        };
        let (entry, checkin) = day.records(&shown.join("\n\n"), e.is_favorite == Some(true), cx);
        if cx.record(at, entry, Some(checkin)) {
            self.pictures.extend(pending);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Format, Options, parse};

    #[test]
    fn base64_over_lines_with_or_without_padding() {
        assert_eq!(decode(b"eyJh\nIjox\r\nfQ==\n").unwrap(), br#"{"a":1}"#);
        assert_eq!(decode(b"eyJhIjoxfQ").unwrap(), br#"{"a":1}"#);
        assert!(decode(b"not base64!").is_err());
    }

    #[test]
    fn moods_take_their_groups_place_and_name() {
        let m = |name: &str, group, predefined| CustomMood {
            id: None,
            custom_name: Some(name.into()),
            mood_group_id: Some(group),
            predefined_name_id: Some(predefined),
        };
        let glowing = mood_of(&m("Glowing", 1, 1)).unwrap();
        assert_eq!((glowing.name.as_str(), glowing.level), ("Glowing", 3));
        assert_eq!(glowing.source, MoodSource::Group);
        let meh = mood_of(&m("", 3, 3)).unwrap();
        assert_eq!(
            (meh.name.as_str(), meh.level, meh.source),
            ("meh", 0, MoodSource::Default)
        );
        assert!(mood_of(&m("x", 6, -1)).is_none());
        assert!(mood_of(&m("x", 0, -1)).is_none());
    }

    /// Whatever bytes come, reading them never panics: a small backup, cut
    /// and changed byte by byte.
    #[test]
    fn broken_backups_are_refused_without_panicking() {
        let json = br#"{"customMoods":[{"id":1,"custom_name":"","mood_group_id":1,"predefined_name_id":1}],"tags":[],"dayEntries":[{"id":1,"year":2024,"month":0,"day":2,"hour":9,"minute":5,"mood":1,"note":"hi","assets":[1]}],"assets":[{"id":1,"checksum":"c"}]}"#;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file(DIARY, opts).unwrap();
        let text = data_encoding::BASE64.encode(json);
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
        zip.start_file("assets/photos/2024/1/c", opts).unwrap();
        std::io::Write::write_all(&mut zip, b"\x89PNG\r\n\x1a\n0000").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let opts = Options {
            from: Some(Format::DaylioBackup),
            tz: Some("UTC".into()),
            ..Default::default()
        };
        let whole = parse(&bytes, &opts).unwrap();
        assert_eq!((whole.preview.entries, whole.preview.pictures), (1, 1));
        assert!(sniff(&bytes));
        let mut rng = crate::rng::SplitMix(21);
        for n in 0..bytes.len() {
            let _ = parse(&bytes[..n], &opts);
            let mut changed = bytes.clone();
            for _ in 0..3 {
                let at = rng.below(changed.len());
                changed[at] = rng.below(256) as u8;
            }
            let _ = parse(&changed, &opts);
            let _ = sniff(&changed);
        }
    }
}
