//! Bringing a person's history in from elsewhere: Daylio (its CSV export or
//! its backup), jrnl, Day One, a Glimmer export. A file is read whole into
//! memory and checked (a *preview*: what it holds, the moods it uses and how
//! each maps to Glimmer's scale, every problem with its line or entry), then
//! written after a checked backup in one write across the journal and the
//! check-ins, all or nothing. Every record has an id of its own, the
//! source's or one made from its date, time and text, so importing the same
//! file again adds nothing. A Day One export may be a folder or a zip of
//! any size, and a Daylio backup a zip of any size: their text is read into
//! memory, their pictures only as they are written ([`attached`]).
//!
//! A format is one file here: a reader that recognises its bytes and turns
//! them into records through [`Context`], and a line in [`READERS`].

mod attached;
mod daylio;
mod daylio_backup;
mod dayone;
mod glimmer;
mod html;
mod jrnl;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::checkin::{self, Imported};
use crate::error::{Error, Result};
use crate::journal::{self, NewEntry};
use crate::storage::{self, Checkpoint, Tx, local_date, local_tz};
use crate::vault::Vault;

pub use glimmer::{Document, FORMAT, VERSION};

/// Far larger than any export people have: refused before it is read.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// The formats Glimmer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ImportFormat"))]
pub enum Format {
    /// Daylio's CSV export, every layout it has written.
    Daylio,
    /// Daylio's backup (`.daylio`): its moods' groups and its pictures too.
    DaylioBackup,
    /// jrnl's JSON export or its plain-text journal file.
    Jrnl,
    /// Glimmer's own export (docs/glimmer-json.md).
    Glimmer,
    /// Day One's JSON export: a zip, the folder it unpacks to, or one
    /// journal's JSON file.
    #[serde(rename = "dayone")]
    DayOne,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Daylio => "Daylio",
            Format::DaylioBackup => "Daylio backup",
            Format::Jrnl => "jrnl",
            Format::Glimmer => "Glimmer",
            Format::DayOne => "Day One",
        }
    }
}

/// One format: whether some bytes look like it, and how to read them.
struct Reader {
    format: Format,
    sniff: fn(&[u8]) -> bool,
    read: fn(&[u8], &mut Context) -> Result<()>,
}

/// Tried in this order; the first whose sniff says yes reads the file.
/// Day One before jrnl: both write JSON with `entries`.
const READERS: [Reader; 5] = [
    Reader {
        format: Format::Glimmer,
        sniff: glimmer::sniff,
        read: glimmer::read,
    },
    Reader {
        format: Format::Daylio,
        sniff: daylio::sniff,
        read: daylio::read,
    },
    Reader {
        format: Format::DaylioBackup,
        sniff: daylio_backup::sniff,
        read: daylio_backup::read,
    },
    Reader {
        format: Format::DayOne,
        sniff: dayone::sniff,
        read: dayone::read,
    },
    Reader {
        format: Format::Jrnl,
        sniff: jrnl::sniff,
        read: jrnl::read,
    },
];

/// What the person chose before reading.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ImportOptions")
)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// The format, when not left to be recognised.
    pub from: Option<Format>,
    /// The person's own mood names and their place on Glimmer's scale,
    /// lower-case ("sleepy" → −1).
    pub mood_map: BTreeMap<String, i8>,
    /// The zone times without one are local to; this computer's if `None`.
    pub tz: Option<String>,
}

/// Reads `sleepy=-1,great=2` as typed; names are matched in any case.
pub fn parse_mood_map(text: &str) -> Result<BTreeMap<String, i8>> {
    let mut map = BTreeMap::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || {
            Error::invalid(
                "mood_map",
                format!(
                    "“{part}” is not a mood and its place on the scale; write it like sleepy=-1 (from -3 to 3)."
                ),
            )
        };
        let (name, level) = part.rsplit_once('=').ok_or_else(bad)?;
        let level: i8 = level.trim().parse().map_err(|_| bad())?;
        if !(-3..=3).contains(&level) || name.trim().is_empty() {
            return Err(bad());
        }
        map.insert(name.trim().to_lowercase(), level);
    }
    Ok(map)
}

/// Where in the file a problem is: a line (of a CSV or text file, where the
/// row starts), the n-th entry of a JSON file (from 1), the n-th entry of
/// one journal file of an export that has several, or the file itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "at", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ImportPlace"))]
pub enum Place {
    Line(#[cfg_attr(feature = "ts", ts(type = "number"))] u64),
    Entry(usize),
    JournalEntry { journal: String, entry: usize },
    File,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Entry(n) => write!(f, "entry {n}"),
            Place::JournalEntry { journal, entry } => write!(f, "entry {entry} of {journal}"),
            Place::File => f.write_str("the file"),
        }
    }
}

/// A record that cannot be imported as it is, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ImportProblem")
)]
pub struct Problem {
    pub place: Place,
    pub message: String,
}

/// Where a mood's place on Glimmer's scale comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ImportMoodSource")
)]
pub enum MoodSource {
    /// One of the source's own default names (see [`daylio`]).
    Default,
    /// The group the person put it in, in the source: a Daylio backup says
    /// which of Daylio's five moods each of the person's own belongs with.
    Group,
    /// The person mapped it.
    Yours,
    /// Not mapped yet: the import waits for it.
    Missing,
}

/// A mood name found in the file, how often, and its place on the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ImportMood"))]
pub struct MoodFound {
    pub name: String,
    pub count: usize,
    /// −3 … +3; `None` until the person maps it.
    pub level: Option<i8>,
    pub source: MoodSource,
}

/// How many of one kind of thing a file holds beyond entries and check-ins
/// (a Glimmer export's other tables), or leaves behind (Day One's videos).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ImportCount"))]
pub struct Count {
    pub what: &'static str,
    pub count: usize,
}

/// What a file holds, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ImportPreview")
)]
pub struct Preview {
    pub format: Format,
    pub entries: usize,
    pub checkins: usize,
    /// Pictures in the entries (Day One's).
    pub pictures: usize,
    pub more: Vec<Count>,
    /// The first and last local day of what it holds.
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    pub moods: Vec<MoodFound>,
    /// What it holds that does not come in (Day One's videos, say); each
    /// is also said in `notes`.
    pub left_behind: Vec<Count>,
    /// The time zone its times are read in, in a sentence.
    pub time_zone: String,
    /// How its records become Glimmer's, in sentences.
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
}

impl Preview {
    /// The mood names still waiting for a place on the scale.
    pub fn unmapped(&self) -> Vec<&str> {
        self.moods
            .iter()
            .filter(|m| m.level.is_none())
            .map(|m| m.name.as_str())
            .collect()
    }
}

/// What a file holds, read and checked, ready to show and to write.
#[derive(Debug)]
pub struct Parsed {
    pub preview: Preview,
    entries: Vec<NewEntry>,
    checkins: Vec<Imported>,
    document: Option<Box<Document>>,
    pictures: Option<Box<attached::Pictures>>,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "ImportWritten")
)]
pub struct ImportReport {
    /// The backup taken just before, as named in the backups list.
    pub backup: String,
    pub entries_added: usize,
    pub checkins_added: usize,
    /// Pictures in the entries added (Day One's).
    pub pictures_added: usize,
    /// Of a Glimmer export: everything else added (or, for the starter
    /// activities, the life areas and the safety plan, changed).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub more_added: u64,
    /// Records already in the vault, left as they are.
    pub already_there: usize,
    /// Records with a problem, left out because the person chose to.
    pub left_out: usize,
}

/// How far an import has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "ImportStep"))]
pub enum Step {
    Backup,
    /// `done` of `total` records written.
    Writing {
        done: usize,
        total: usize,
    },
    Finishing,
}

/// Records are written this many at a time between progress reports: as
/// many as the journal puts in one statement, so steps cost no extra
/// statements.
const STEP_RECORDS: usize = 2_000;

/// Pictures written between progress reports: each is read from the
/// export, so a few at a time keep the bar moving.
const PICTURE_STEP: usize = 20;

/// Starred entries carry this tag: Glimmer has no star of its own.
const STARRED: &str = "starred";

/// Reads the export at `path` and checks what it holds: a file, refused
/// unread when far larger than any export, or Day One's zip (of any size:
/// only its journal files are read now) or the folder it unpacks to, or a
/// Daylio backup (of any size too: its pictures are read as written).
pub fn read(path: &Path, opts: &Options) -> Result<Parsed> {
    let meta = std::fs::metadata(path).map_err(Error::io(path))?;
    let day_one = matches!(opts.from, None | Some(Format::DayOne));
    if meta.is_dir() {
        if !day_one {
            return Err(Error::invalid(
                "path",
                format!(
                    "{} is a folder; choose the export file itself.",
                    path.display()
                ),
            ));
        }
        return read_with(Format::DayOne, opts, None, |cx| {
            dayone::read_folder(path, cx)
        });
    }
    if attached::is_zip(path) {
        let backup = match opts.from {
            Some(f) => f == Format::DaylioBackup,
            None => daylio_backup::is_backup_file(path),
        };
        if backup {
            return read_with(Format::DaylioBackup, opts, None, |cx| {
                daylio_backup::read_zip_file(path, cx)
            });
        }
        if day_one {
            return read_with(Format::DayOne, opts, None, |cx| {
                dayone::read_zip_file(path, cx)
            });
        }
    }
    let too_big = |bytes: u64| {
        Error::invalid(
            "path",
            format!(
                "This file is {} MB, far larger than any export Glimmer knows (up to {} MB), so it was not read. Check that it is the right file.",
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(Error::io(path))?;
    // It may have grown since it was looked at.
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let name = path.file_name().and_then(|n| n.to_str());
    parse_named(&bytes, opts, name)
}

/// Recognises (or takes the chosen) format of `bytes` and reads them.
pub fn parse(bytes: &[u8], opts: &Options) -> Result<Parsed> {
    parse_named(bytes, opts, None)
}

/// [`parse`] of the bytes of the file named `file_name` (a Day One journal
/// file is named for its journal).
fn parse_named(bytes: &[u8], opts: &Options, file_name: Option<&str>) -> Result<Parsed> {
    let reader = match opts.from {
        Some(f) => READERS.iter().find(|r| r.format == f),
        None => READERS.iter().find(|r| (r.sniff)(bytes)),
    }
    .ok_or_else(|| {
        Error::invalid(
            "from",
            "Glimmer does not recognise this file. It reads Daylio's CSV export or backup (.daylio), jrnl's JSON export or journal file, Day One's JSON export (the zip, or the folder it unpacks to) and Glimmer's own export; if it is one of those, name its format.",
        )
    })?;
    read_with(reader.format, opts, file_name, |cx| {
        (reader.read)(bytes, cx)
    })
}

fn read_with(
    format: Format,
    opts: &Options,
    file_name: Option<&str>,
    read: impl FnOnce(&mut Context) -> Result<()>,
) -> Result<Parsed> {
    let mut cx = Context::new(format, opts)?;
    cx.file_name = file_name.map(str::to_string);
    read(&mut cx)?;
    Ok(cx.finish())
}

/// What a reader fills in as it goes.
pub(crate) struct Context<'o> {
    format: Format,
    opts: &'o Options,
    tz: TimeZone,
    tz_name: String,
    entries: Vec<NewEntry>,
    checkins: Vec<Imported>,
    document: Option<Box<Document>>,
    pictures: Option<attached::Pictures>,
    ids: HashSet<Uuid>,
    moods: BTreeMap<String, MoodFound>,
    problems: Vec<Problem>,
    notes: Vec<String>,
    time_zone: Option<String>,
    left_behind: Vec<Count>,
    /// The name of the file read, when known.
    file_name: Option<String>,
}

impl<'o> Context<'o> {
    fn new(format: Format, opts: &'o Options) -> Result<Self> {
        let tz_name = opts.tz.clone().unwrap_or_else(local_tz);
        let tz = TimeZone::get(&tz_name).map_err(|_| {
            Error::invalid(
                "tz",
                format!(
                    "“{tz_name}” is not a time zone Glimmer knows; use a name like Europe/Berlin or America/New_York."
                ),
            )
        })?;
        Ok(Self {
            format,
            opts,
            tz,
            tz_name,
            entries: Vec::new(),
            checkins: Vec::new(),
            document: None,
            pictures: None,
            ids: HashSet::new(),
            moods: BTreeMap::new(),
            problems: Vec::new(),
            notes: Vec::new(),
            time_zone: None,
            left_behind: Vec::new(),
            file_name: None,
        })
    }

    fn problem(&mut self, place: Place, message: impl Into<String>) {
        self.problems.push(Problem {
            place,
            message: message.into(),
        });
    }

    fn note(&mut self, sentence: impl Into<String>) {
        self.notes.push(sentence.into());
    }

    /// Stars as a tag, said once in the preview: Glimmer has no star of its own.
    fn star(&mut self, tags: &mut Vec<String>) {
        tags.push(STARRED.into());
        if !self.notes.iter().any(|n| n.contains(STARRED)) {
            self.note(format!(
                "Glimmer has no stars or favourites, so starred and favourite entries get the tag “{STARRED}”."
            ));
        }
    }

    /// A local day and wall time with no zone in the file, in the person's
    /// zone. A time a DST change skipped moves forward by the gap and one it
    /// repeats takes its first instance, as plans' times do (jiff's
    /// "compatible" choice is the same rule as `activation`'s `resolve`).
    fn local(&self, day: Date, time: Time) -> Result<Timestamp> {
        let at = day
            .to_datetime(time)
            .to_zoned(self.tz.clone())
            .map_err(|e| Error::invalid("time", e.to_string()))?;
        Ok(at.timestamp())
    }

    /// Says once, for the preview, that times are local to the person's zone.
    fn zone_is_the_persons(&mut self) {
        self.time_zone = Some(format!(
            "{} keeps no time zone, so its times are read as local to {}.",
            self.format.label(),
            self.persons_zone()
        ));
    }

    /// The zone times without one are read in, and whose it is, in words.
    fn persons_zone(&self) -> String {
        let whose = if self.opts.tz.is_some() {
            "the zone you chose"
        } else {
            "this computer's zone"
        };
        format!("{}, {whose}", self.tz_name)
    }

    /// A mood name's place on the scale: the person's mapping first, then
    /// the source's defaults; `None` until mapped. Counted for the preview.
    fn mood(&mut self, name: &str, default: fn(&str) -> Option<i8>) -> Option<i8> {
        let placed = default(&name.trim().to_lowercase()).map(|l| (l, MoodSource::Default));
        self.mood_placed(name, placed)
    }

    /// A mood name whose place the source itself may give: the person's
    /// mapping first, then that place; `None` until mapped.
    fn mood_placed(&mut self, name: &str, placed: Option<(i8, MoodSource)>) -> Option<i8> {
        let key = name.trim().to_lowercase();
        let (level, source) = match (self.opts.mood_map.get(&key), placed) {
            (Some(l), _) => (Some(*l), MoodSource::Yours),
            (None, Some((l, source))) => (Some(l), source),
            (None, None) => (None, MoodSource::Missing),
        };
        self.moods
            .entry(key.clone())
            .or_insert(MoodFound {
                name: key,
                count: 0,
                level,
                source,
            })
            .count += 1;
        level
    }

    /// One record of the source: an entry, a check-in, or both at the same
    /// time. Both are checked as the vault will check them; a problem leaves
    /// out the whole record and is named with its place. A record met twice
    /// (the same id) is kept once. Says whether the entry is kept (for what
    /// comes with it, like pictures).
    fn record(&mut self, place: Place, entry: Option<NewEntry>, checkin: Option<Imported>) -> bool {
        let checked = entry
            .as_ref()
            .map(journal::check_new)
            .transpose()
            .and_then(|_| checkin.as_ref().map(|c| c.input.check()).transpose());
        if let Err(e) = checked {
            self.problem(place, e.to_string());
            return false;
        }
        let mut kept = false;
        if let Some(e) = entry
            && e.id.is_some_and(|id| self.ids.insert(id))
        {
            self.entries.push(e);
            kept = true;
        }
        if let Some(c) = checkin
            && self.ids.insert(c.id)
        {
            self.checkins.push(c);
        }
        kept
    }

    fn finish(self) -> Parsed {
        let mut days: Vec<Date> = self
            .entries
            .iter()
            .filter_map(|e| Some(local_date(e.created_at?, e.tz.as_deref()?)))
            .chain(
                self.checkins
                    .iter()
                    .filter_map(|c| Some(local_date(c.input.created_at?, &c.tz))),
            )
            .collect();
        let (mut entries, mut checkins, mut more) =
            (self.entries.len(), self.checkins.len(), vec![]);
        if let Some(doc) = &self.document {
            days.extend(doc.days());
            entries += doc.entries.len();
            checkins += doc.checkins();
            more = doc.counts();
        }
        let time_zone = self.time_zone.unwrap_or_else(|| {
            "Each entry and check-in keeps the time zone it was written in.".into()
        });
        Parsed {
            preview: Preview {
                format: self.format,
                entries,
                checkins,
                pictures: self.pictures.as_ref().map_or(0, |p| p.len()),
                more,
                first_day: days.iter().min().copied(),
                last_day: days.iter().max().copied(),
                moods: self.moods.into_values().collect(),
                left_behind: self.left_behind,
                time_zone,
                notes: self.notes,
                problems: self.problems,
            },
            entries: self.entries,
            checkins: self.checkins,
            document: self.document,
            pictures: self.pictures.map(Box::new),
        }
    }
}

/// An id made from what a record is, for sources that give none: the same
/// record always gets the same id (SHA-256 of its parts as a version-8 UUID,
/// RFC 9562's place for name-based ids with a modern hash).
pub(crate) fn stable_id(parts: &[&str]) -> Uuid {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        // A separator no text holds, so ("ab", "c") and ("a", "bc") differ.
        h.update([0x1f]);
    }
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The start of a file as text, for recognising it: its first 4 KiB
/// without a byte-order mark, a character that goes on past them left out.
/// `None` when it is not UTF-8.
pub(crate) fn head(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &bytes[..bytes.len().min(4096)];
    match std::str::from_utf8(start) {
        Ok(text) => Some(text),
        // Cut by the limit, not broken: the rest of the character follows.
        Err(e) if e.error_len().is_none() && start.len() < bytes.len() => {
            std::str::from_utf8(&start[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    }
}

/// Text from bytes: UTF-8, with or without a byte-order mark, lines ending
/// in `\n` or `\r\n`.
pub(crate) fn text(bytes: &[u8]) -> Result<&str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        Error::invalid(
            "path",
            format!(
                "This file is not UTF-8 text (at byte {}), so Glimmer cannot read it. Export it again as text.",
                e.valid_up_to()
            ),
        )
    })
}

/// A time of day as exports write it: `14:03`, `9:15 pm`, `10:04 AM`,
/// `08:15:00 AM`, `9:15 p.m.`.
pub(crate) fn parse_time(text: &str) -> Option<Time> {
    let t = text.trim().to_lowercase();
    let (clock, half) = if let Some(c) = t.strip_suffix("am").or_else(|| t.strip_suffix("a.m.")) {
        (c.trim_end(), Some(false))
    } else if let Some(c) = t.strip_suffix("pm").or_else(|| t.strip_suffix("p.m.")) {
        (c.trim_end(), Some(true))
    } else {
        (t.as_str(), None)
    };
    let mut parts = clock.split(':');
    let num = |p: Option<&str>| -> Option<i8> {
        let p = p?;
        ((1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let mut hour = num(parts.next())?;
    let minute = num(parts.next())?;
    let second = match parts.next() {
        Some(s) => num(Some(s))?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    match half {
        Some(pm) if (1..=12).contains(&hour) => hour = hour % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => {}
    }
    Time::new(hour, minute, second, 0).ok()
}

impl Parsed {
    /// Refuses to write while a mood has no place on the scale, or (unless
    /// the person chose to leave them out) while a record has a problem.
    pub fn ready(&self, skip_bad: bool) -> Result<()> {
        let unmapped = self.preview.unmapped();
        if !unmapped.is_empty() {
            return Err(Error::invalid(
                "mood_map",
                format!(
                    "Glimmer needs to know where these moods sit on its scale from −3 to +3 before importing: {}. Nothing was imported.",
                    unmapped.join(", ")
                ),
            ));
        }
        match self.preview.problems.as_slice() {
            [] => Ok(()),
            _ if skip_bad => Ok(()),
            [one] => Err(Error::invalid(
                "file",
                format!(
                    "One record cannot be imported ({}: {}). Nothing was imported; fix it, or import the rest without it.",
                    one.place, one.message
                ),
            )),
            [first, rest @ ..] => Err(Error::invalid(
                "file",
                format!(
                    "{} records cannot be imported, the first at {} ({}). Nothing was imported; fix them, or import the rest without them.",
                    rest.len() + 1,
                    first.place,
                    first.message
                ),
            )),
        }
    }

    fn total(&self) -> usize {
        self.preview.entries + self.preview.checkins
    }
}

impl Vault {
    /// Writes what `parsed` holds: a checked backup first ("before-import" in
    /// the backups list), then everything in one write, so a failure leaves
    /// the vault as it was. Records already there are left alone.
    pub async fn import(
        &self,
        parsed: &Parsed,
        skip_bad: bool,
        progress: &mut (dyn FnMut(Step) + Send),
    ) -> Result<ImportReport> {
        parsed.ready(skip_bad)?;
        progress(Step::Backup);
        let backup = self.backup_now("before-import").await?.backup.name;
        let mut tx = self.begin().await?;
        tx.import_cache().await?;
        let written = write(&mut tx, parsed, progress).await;
        let written = tx.usual_cache_after(written).await?;
        progress(Step::Finishing);
        tx.commit().await?;
        // As after any large write: fold the WAL in so searches read the
        // database; a reader in the way only delays it.
        if let Err(e) = storage::wal_checkpoint(self.pool(), Checkpoint::Truncate).await {
            log::warn!("checkpoint after an import: {e}");
        }
        // The lines kept outside the vault, if chosen, follow the plan.
        let safety = self.safety();
        if written.plan_changed && safety.shown_while_locked() {
            safety.show_while_locked(true).await?;
        }
        Ok(ImportReport {
            backup,
            entries_added: written.entries,
            checkins_added: written.checkins,
            pictures_added: written.pictures,
            more_added: written.more,
            already_there: parsed.total() - written.entries - written.checkins,
            left_out: parsed.preview.problems.len(),
        })
    }

    /// Everything the vault holds as Glimmer JSON (docs/glimmer-json.md).
    /// Plaintext: front ends say so before writing it anywhere.
    /// Writing it to a file is `export::write` with `FileFormat::Json`.
    pub async fn export_json(&self) -> Result<Vec<u8>> {
        Document::of(self).await?.to_bytes()
    }
}

/// What an import added, before its commit.
struct Written {
    entries: usize,
    checkins: usize,
    pictures: usize,
    more: u64,
    plan_changed: bool,
}

/// Everything `parsed` holds, inside the import's write.
async fn write(
    tx: &mut Tx<'_>,
    parsed: &Parsed,
    progress: &mut (dyn FnMut(Step) + Send),
) -> Result<Written> {
    let records = parsed.total();
    let picture_count = parsed.pictures.as_ref().map_or(0, |p| p.len());
    let total = records + picture_count;
    progress(Step::Writing { done: 0, total });
    let mut done = 0;
    let mut added = HashSet::new();
    for chunk in parsed.entries.chunks(STEP_RECORDS) {
        added.extend(journal::insert_all(tx, chunk).await?);
        done += chunk.len();
        progress(Step::Writing { done, total });
    }
    let mut entries = added.len();
    let mut checkins = 0;
    for chunk in parsed.checkins.chunks(STEP_RECORDS) {
        checkins += checkin::insert_imported(tx, chunk).await?;
        done += chunk.len();
        progress(Step::Writing { done, total });
    }
    let mut more = 0;
    let mut plan_changed = false;
    if let Some(doc) = &parsed.document {
        let written = doc.restore(tx).await?;
        entries += written.entries;
        checkins += written.checkins;
        more = written.more;
        plan_changed = written.safety_plan;
        progress(Step::Writing {
            done: records,
            total: records,
        });
    }
    // The index reads the entries back while their pages are fresh, before
    // the pictures pass through the cache.
    journal::settle_index(tx).await?;
    progress(Step::Writing { done, total });
    // Only the new entries' pictures: the others came with their entries before.
    let pictures = match &parsed.pictures {
        Some(p) => {
            p.write(tx, &added, &mut |n| {
                if n % PICTURE_STEP == 0 || n == picture_count {
                    progress(Step::Writing {
                        done: done + n,
                        total,
                    });
                }
            })
            .await?
        }
        None => 0,
    };
    Ok(Written {
        entries,
        checkins,
        pictures,
        more,
        plan_changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_exports_write_them() {
        let t = |h, m| Some(Time::constant(h, m, 0, 0));
        assert_eq!(parse_time("14:03"), t(14, 3));
        assert_eq!(parse_time("9:15 pm"), t(21, 15));
        assert_eq!(parse_time("10:04 AM"), t(10, 4));
        assert_eq!(parse_time("12:30 am"), t(0, 30));
        assert_eq!(parse_time("12:30 PM"), t(12, 30));
        assert_eq!(parse_time("9:15 p.m."), t(21, 15));
        assert_eq!(parse_time("08:15:00 AM"), t(8, 15));
        for bad in [
            "", "25:00", "13:00 pm", "9", "9:5:1:2", "noon", "0:00 am", "9:x5",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_time_skipped_by_dst_moves_forward_like_a_plan() {
        let opts = Options {
            tz: Some("America/New_York".into()),
            ..Options::default()
        };
        let cx = Context::new(Format::Daylio, &opts).unwrap();
        let skipped = cx
            .local(Date::constant(2024, 3, 10), Time::constant(2, 30, 0, 0))
            .unwrap();
        let shown = skipped.to_zoned(TimeZone::get("America/New_York").unwrap());
        assert_eq!(shown.time(), Time::constant(3, 30, 0, 0));
        // A repeated time is its first instance (daylight time, −4).
        let repeated = cx
            .local(Date::constant(2024, 11, 3), Time::constant(1, 30, 0, 0))
            .unwrap();
        assert_eq!(repeated.to_string(), "2024-11-03T05:30:00Z");
    }

    #[test]
    fn mood_maps_are_read_as_typed() {
        let m = parse_mood_map(" Sleepy=-1, great = 2 ,").unwrap();
        assert_eq!(m.get("sleepy"), Some(&-1));
        assert_eq!(m.get("great"), Some(&2));
        for bad in ["sleepy", "sleepy=4", "=1", "x=one"] {
            assert!(parse_mood_map(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn stable_ids_follow_the_content() {
        let a = stable_id(&["daylio", "2024-01-02", "ab", "c"]);
        assert_eq!(a, stable_id(&["daylio", "2024-01-02", "ab", "c"]));
        assert_ne!(a, stable_id(&["daylio", "2024-01-02", "a", "bc"]));
        assert_eq!(a.get_version_num(), 8);
    }

    /// The larger page cache of an import's write goes back to the pool
    /// with its connection, whether the write holds or fails.
    #[tokio::test]
    async fn an_import_gives_its_page_cache_back() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::create_for_test(dir.path()).await;
        let opts = Options {
            tz: Some("UTC".into()),
            ..Options::default()
        };
        let parsed = parse(
            include_bytes!("../../tests/fixtures/import/daylio-2021.csv"),
            &opts,
        )
        .unwrap();
        let report = vault.import(&parsed, false, &mut |_| {}).await.unwrap();
        assert!(report.entries_added > 0);
        let cannot_be_kept = NewEntry {
            intensity: Some(11),
            ..NewEntry::default()
        };
        assert!(vault.journal().import(&[cannot_be_kept]).await.is_err());
        // Every connection the pool has opened, the imports' among them,
        // once each is back (sqlx hands a connection back on a task of its own).
        let pool = vault.pool();
        while pool.num_idle() < pool.size() as usize {
            tokio::task::yield_now().await;
        }
        let mut all = Vec::new();
        for _ in 0..pool.size() {
            all.push(pool.acquire().await.unwrap());
        }
        for conn in &mut all {
            let size: i64 = sqlx::query_scalar("PRAGMA cache_size")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(size, -i64::from(storage::CACHE_KIB));
        }
        drop(all);
        vault.lock().await;
    }

    #[test]
    fn unknown_bytes_are_refused_with_the_formats_named() {
        let e = parse(b"hello, world\n", &Options::default()).unwrap_err();
        assert!(e.to_string().contains("Daylio"), "{e}");
    }
}
