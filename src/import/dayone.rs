//! Day One's JSON export: a `.zip` (or the folder it unpacks to) with one
//! `<journal name>.json` per journal at its top and the pictures in
//! `photos/<md5>.<ext>`. A journal file is `{"metadata": …, "entries": […]}`
//! (Day One has written it both as `"key" : value` with `\/` and
//! tab-indented); an entry has a `uuid`, a `creationDate` in UTC, the IANA
//! `timeZone` it was written in, markdown `text` with most punctuation
//! escaped, `tags`, `starred`, and `photos` that the text shows as
//! `![](dayone-moment://ID)`. Videos, audio and PDFs
//! (`dayone-moment:/video/ID` and the like) are counted and named in words
//! where they were: Glimmer keeps pictures only.
//!
//! The journal files are read into memory, all together at most
//! [`MAX_JSON_BYTES`]; pictures stay in the export until the import writes
//! them one at a time, so an export of many gigabytes is never in memory.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Cursor;
use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;
use serde_json::value::RawValue;
use uuid::Uuid;

use super::attached::{
    Export, Folder, Pending, Pictures, Source, Unkept, ZIP_MAGIC, join_words, keepable, not_a_zip,
};
use super::{Context, Count, MAX_FILE_BYTES, Place, stable_id};
use crate::error::{Error, Result};
use crate::export::count;
use crate::journal::{self, MAX_TAG_CHARS, NewEntry};
use crate::markdown;

/// The journal files of one export together, read into memory: as much as
/// any one file Glimmer reads, far more text than any journal holds.
pub(super) const MAX_JSON_BYTES: u64 = MAX_FILE_BYTES;

/// The app, as messages name it.
const APP: &str = "Day One";

/// A zip with a journal file at its top, or one journal's JSON with
/// Day One's `metadata` or entries.
pub(super) fn sniff(bytes: &[u8]) -> bool {
    if bytes.starts_with(ZIP_MAGIC) {
        let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
            return false;
        };
        let names = zip.names();
        return Layout::of(&names).is_some_and(|l| {
            l.journals.iter().any(|j| {
                zip.head(j, SNIFF_BYTES)
                    .is_ok_and(|(_, head)| journal_head(&head))
            })
        });
    }
    let head = JsonHead::of(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    head.has("entries") && (head.has("metadata") || head.has("creationDate"))
}

/// How much of a file is read to recognise it.
const SNIFF_BYTES: usize = 4096;

/// The start of a JSON file, to recognise it by its first members.
struct JsonHead(Option<String>);

impl JsonHead {
    fn of(bytes: &[u8]) -> Self {
        let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
        Self(
            text.trim_start()
                .starts_with('{')
                .then(|| text.into_owned()),
        )
    }

    fn has(&self, member: &str) -> bool {
        self.0
            .as_deref()
            .is_some_and(|t| t.contains(&format!("\"{member}\"")))
    }
}

/// A JSON file at the top of an export is a journal when it starts with
/// Day One's members (another JSON file there is not read).
fn journal_head(head: &[u8]) -> bool {
    let head = JsonHead::of(head);
    head.has("entries") || head.has("metadata")
}

/// Reads Day One's bytes: a whole zip, or one journal's JSON (named by the
/// file it came from, when it came from one).
pub(super) fn read(bytes: &[u8], cx: &mut Context) -> Result<()> {
    if bytes.starts_with(ZIP_MAGIC) {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_a_zip(APP))?;
        let pictures = read_export(&mut zip, cx, MAX_JSON_BYTES)?;
        // The pictures are read again as they are written: keep the zip.
        let source = if pictures.is_empty() {
            Source::Nowhere
        } else {
            Source::ZipBytes(bytes.to_vec())
        };
        cx.pictures = Some(Pictures::new(APP, source, pictures));
        return Ok(());
    }
    let name = cx.file_name.clone();
    let mut reading = Reading::new(HashMap::new());
    reading.journal(bytes, name.as_deref(), None, cx)?;
    reading.finish(cx);
    Ok(())
}

/// Reads an extracted export: the folder the zip unpacks to.
pub(super) fn read_folder(path: &Path, cx: &mut Context) -> Result<()> {
    let mut folder = Folder {
        root: path.to_path_buf(),
    };
    let pictures = read_export(&mut folder, cx, MAX_JSON_BYTES)?;
    cx.pictures = Some(Pictures::new(
        APP,
        Source::Folder(path.to_path_buf()),
        pictures,
    ));
    Ok(())
}

/// Reads a zip file from disk, whatever its size: only its journal files
/// are read now.
pub(super) fn read_zip_file(path: &Path, cx: &mut Context) -> Result<()> {
    let file = std::fs::File::open(path).map_err(Error::io(path))?;
    let mut zip = zip::ZipArchive::new(file).map_err(not_a_zip(APP))?;
    let pictures = read_export(&mut zip, cx, MAX_JSON_BYTES)?;
    cx.pictures = Some(Pictures::new(
        APP,
        Source::ZipFile(path.to_path_buf()),
        pictures,
    ));
    Ok(())
}

/// Reads every journal of an export, refusing them when together they
/// hold more than `cap` bytes, and returns the pictures to write.
fn read_export(export: &mut dyn Export, cx: &mut Context, cap: u64) -> Result<Vec<Pending>> {
    let names = export.names();
    let mut layout = Layout::of(&names).unwrap_or_default();
    let mut journals = Vec::new();
    for name in layout.journals.drain(..) {
        if journal_head(&export.head(&name, SNIFF_BYTES)?.1) {
            journals.push(name);
        }
    }
    if journals.is_empty() {
        return Err(Error::invalid(
            "file",
            "This is not a Day One export: there is no journal file (.json) at its top. Choose the zip file Day One made, or the folder it unpacks to; for other apps, choose the export file itself.",
        ));
    }
    let mut reading = Reading::new(layout.media);
    let mut left = cap;
    for name in &journals {
        let bytes = export.read(name, left)?.ok_or_else(|| {
            Error::invalid(
                "file",
                format!(
                    "The journal files of this export hold more than {} MB of text together, far more than any journal Glimmer knows, so they were not read. Check that it is a Day One export.",
                    cap >> 20
                ),
            )
        })?;
        left -= bytes.len() as u64;
        let file = name.rsplit('/').next().unwrap_or(name);
        reading.journal(&bytes, Some(file), Some(&mut *export), cx)?;
    }
    Ok(reading.finish(cx))
}

/// Where an export's journals and pictures are.
#[derive(Default)]
struct Layout {
    /// The journal files, by name.
    journals: Vec<String>,
    /// Each picture's file by its MD5 (lower-case), as entries name them.
    media: HashMap<String, String>,
}

impl Layout {
    /// The journals at the top of the export, or, when a zip was made of a
    /// folder, at the top of that one folder; `None` when there are none.
    fn of(names: &[String]) -> Option<Layout> {
        // macOS adds `__MACOSX/` and `._name` copies of resource forks.
        let shown = |n: &&String| {
            !n.starts_with("__MACOSX/") && !n.rsplit('/').next().unwrap_or("").starts_with('.')
        };
        let journal_in = |root: &str, n: &str| {
            n.strip_prefix(root).is_some_and(|rest| {
                !rest.contains('/') && rest.to_ascii_lowercase().ends_with(".json")
            })
        };
        let root = if names.iter().filter(shown).any(|n| journal_in("", n)) {
            String::new()
        } else {
            let folders: BTreeSet<&str> = names
                .iter()
                .filter(shown)
                .filter_map(|n| n.split_once('/'))
                .filter(|(_, rest)| journal_in("", rest))
                .map(|(folder, _)| folder)
                .collect();
            match folders.into_iter().collect::<Vec<_>>()[..] {
                [one] => format!("{one}/"),
                _ => return None,
            }
        };
        let mut journals: Vec<String> = names
            .iter()
            .filter(shown)
            .filter(|n| journal_in(&root, n))
            .cloned()
            .collect();
        journals.sort();
        let photos = format!("{root}photos/");
        let media = names
            .iter()
            .filter(shown)
            .filter_map(|n| {
                let file = n.strip_prefix(&photos)?;
                let md5 = file.split('.').next()?;
                (!file.contains('/')).then(|| (md5.to_ascii_lowercase(), n.clone()))
            })
            .collect();
        Some(Layout { journals, media })
    }
}

/// An entry as Day One writes it; every member may be missing.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DayOneEntry {
    uuid: Option<String>,
    creation_date: Option<String>,
    time_zone: Option<String>,
    text: Option<String>,
    tags: Option<Vec<String>>,
    starred: Option<bool>,
    photos: Option<Vec<Media>>,
    videos: Option<Vec<Media>>,
    audios: Option<Vec<Media>>,
    pdf_attachments: Option<Vec<Media>>,
}

#[derive(Deserialize)]
struct Media {
    identifier: Option<String>,
    md5: Option<String>,
}

#[derive(Deserialize)]
struct Journal<'a> {
    #[serde(borrow)]
    entries: Vec<&'a RawValue>,
}

/// What the words in place of a thing Glimmer does not keep say, and what
/// the preview counts it as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Left {
    Video,
    Audio,
    Pdf,
    Other,
    Photo(Unkept),
    Empty,
}

impl Left {
    fn counted_as(self) -> &'static str {
        match self {
            Left::Video => "videos",
            Left::Audio => "audio recordings",
            Left::Pdf => "PDFs",
            Left::Other => "other attachments",
            Left::Photo(why) => why.counted_as(),
            Left::Empty => "entries with nothing written",
        }
    }

    /// One, in a sentence's words: "1 video", "2 videos".
    fn words(self, n: usize) -> String {
        let (one, many) = match self {
            Left::Video => ("video", "videos"),
            Left::Audio => ("audio recording", "audio recordings"),
            Left::Pdf => ("PDF", "PDFs"),
            _ => ("other attachment", "other attachments"),
        };
        count(n, one, many)
    }

    /// The words an entry keeps where it was.
    fn in_place(self) -> Cow<'static, str> {
        match self {
            Left::Video => "(A video was here in Day One; Glimmer brings in pictures only.)".into(),
            Left::Audio => {
                "(An audio recording was here in Day One; Glimmer brings in pictures only.)".into()
            }
            Left::Pdf => "(A PDF was here in Day One; Glimmer brings in pictures only.)".into(),
            Left::Other => {
                "(An attachment was here in Day One; Glimmer brings in pictures only.)".into()
            }
            Left::Photo(why) => why.in_place(APP).into(),
            Left::Empty => "".into(),
        }
    }
}

/// One `![…](dayone-moment:…)` in an entry's text.
enum Moment<'t> {
    Photo(&'t str),
    Other(Left, &'t str),
}

impl<'t> Moment<'t> {
    fn of(url: &'t str) -> Option<Moment<'t>> {
        let rest = url.strip_prefix("dayone-moment:")?;
        if let Some(id) = rest.strip_prefix("//") {
            return Some(Moment::Photo(id));
        }
        let (kind, id) = rest
            .trim_start_matches('/')
            .split_once('/')
            .unwrap_or(("", rest));
        let left = match kind {
            "video" => Left::Video,
            "audio" => Left::Audio,
            "pdfAttachment" => Left::Pdf,
            _ => Left::Other,
        };
        Some(Moment::Other(left, id))
    }
}

/// How far around `](dayone-moment:` its picture's `![` and closing `)`
/// are looked for: Day One writes `![](…)` with an id of 32 characters, and
/// a text full of near-links stays quick to read.
const MOMENT_REACH: usize = 256;

/// `text` with each `![…](dayone-moment:…)` replaced by what `replace`
/// makes of it; anything else is left as it is.
fn rewrite_moments(text: &str, mut replace: impl FnMut(Moment<'_>) -> String) -> String {
    const LINK: &str = "](dayone-moment:";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LINK) {
        let url_start = at + 2;
        let mut from = at.saturating_sub(MOMENT_REACH);
        while !rest.is_char_boundary(from) {
            from -= 1;
        }
        let start = rest[from..at]
            .rfind("![")
            .map(|s| from + s)
            .filter(|s| !rest[s + 2..at].contains(['\n', ']', '[']));
        let end = rest[url_start..]
            .char_indices()
            .take(MOMENT_REACH)
            .find(|(_, c)| matches!(c, ')' | '\n' | ' '))
            .map(|(e, _)| e)
            .filter(|e| rest[url_start + e..].starts_with(')'));
        let moment = end.and_then(|e| Moment::of(&rest[url_start..url_start + e]));
        match (start, end, moment) {
            (Some(s), Some(e), Some(m)) => {
                out.push_str(&rest[..s]);
                out.push_str(&replace(m));
                rest = &rest[url_start + e + 1..];
            }
            _ => {
                out.push_str(&rest[..url_start]);
                rest = &rest[url_start..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A tag made to fit, and whether it was cut: Day One's tags and journal
/// names may be longer than Glimmer's tags are.
fn fit_tag(name: &str) -> (String, bool) {
    let joined = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase();
    let fitted: String = joined.chars().take(MAX_TAG_CHARS).collect();
    let cut = fitted.len() < joined.len();
    (fitted.trim_end_matches('-').to_string(), cut)
}

/// What reading the journals of one export found, for the preview.
struct Reading {
    media: HashMap<String, String>,
    pictures: Vec<Pending>,
    left: BTreeMap<Left, usize>,
    /// Zones seen, and whether Glimmer knows each.
    zones: BTreeMap<String, bool>,
    /// Entries whose zone was missing or unknown.
    zoneless: usize,
    /// The journals read, and the tag each gives.
    journals: Vec<(String, String)>,
    unnamed: bool,
    cut_tags: bool,
    titled: bool,
}

impl Reading {
    fn new(media: HashMap<String, String>) -> Self {
        Self {
            media,
            pictures: Vec::new(),
            left: BTreeMap::new(),
            zones: BTreeMap::new(),
            zoneless: 0,
            journals: Vec::new(),
            unnamed: false,
            cut_tags: false,
            titled: false,
        }
    }

    /// One journal file: `file` is its name in the export (`Travel.json`),
    /// when known; `export` holds its pictures.
    fn journal(
        &mut self,
        bytes: &[u8],
        file: Option<&str>,
        mut export: Option<&mut (dyn Export + '_)>,
        cx: &mut Context,
    ) -> Result<()> {
        let text = super::text(bytes)?;
        let journal: Journal = serde_json::from_str(text).map_err(|e| {
            Error::invalid(
                "file",
                format!(
                    "{} could not be read at line {}, column {} ({e}). Nothing was imported.",
                    file.map_or("This Day One file".to_string(), |f| format!(
                        "The Day One journal “{f}”"
                    )),
                    e.line(),
                    e.column()
                ),
            )
        })?;
        let name = file.map(|f| {
            let stem = f.len().saturating_sub(".json".len());
            match f.get(stem..) {
                Some(ext) if ext.eq_ignore_ascii_case(".json") => f[..stem].to_string(),
                _ => f.to_string(),
            }
        });
        let tag = name
            .as_deref()
            .map(|n| fit_tag(n).0)
            .filter(|t| !t.is_empty());
        match (&name, &tag) {
            (Some(n), Some(t)) => self.journals.push((n.clone(), t.clone())),
            _ => self.unnamed = true,
        }
        for (i, raw) in journal.entries.iter().enumerate() {
            let at = match file {
                Some(f) => Place::JournalEntry {
                    journal: f.to_string(),
                    entry: i + 1,
                },
                None => Place::Entry(i + 1),
            };
            let e: DayOneEntry = match serde_json::from_str(raw.get()) {
                Ok(e) => e,
                Err(err) => {
                    cx.problem(at, format!("This entry could not be read ({err})."));
                    continue;
                }
            };
            self.entry(e, at, tag.as_deref(), export.as_deref_mut(), cx)?;
        }
        Ok(())
    }

    fn entry(
        &mut self,
        e: DayOneEntry,
        at: Place,
        journal_tag: Option<&str>,
        export: Option<&mut (dyn Export + '_)>,
        cx: &mut Context,
    ) -> Result<()> {
        let written = e.creation_date.as_deref().unwrap_or("").trim();
        let Ok(created) = written.parse::<Timestamp>() else {
            cx.problem(
                at,
                format!(
                    "“{written}” is not a date and time Glimmer can read; Day One writes them like 2024-03-10T03:30:00Z."
                ),
            );
            return Ok(());
        };
        let tz = match e.time_zone.as_deref().map(str::trim) {
            Some(zone) if !zone.is_empty() => {
                let known = *self
                    .zones
                    .entry(zone.to_string())
                    .or_insert_with(|| TimeZone::get(zone).is_ok());
                if known {
                    zone.to_string()
                } else {
                    self.zoneless += 1;
                    cx.tz_name.clone()
                }
            }
            _ => {
                self.zoneless += 1;
                cx.tz_name.clone()
            }
        };
        let key = e
            .uuid
            .as_deref()
            .map(|u| u.trim().to_ascii_uppercase())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| {
                // No id of its own: one made from what it is.
                stable_id(&[
                    journal_tag.unwrap_or(""),
                    written,
                    e.text.as_deref().unwrap_or(""),
                ])
                .to_string()
            });
        let id = stable_id(&["dayone", &key]);
        // Far past what an entry may hold: refused before it is worked on.
        if let Err(err) = journal::check_body(e.text.as_deref().unwrap_or("")) {
            cx.problem(at, err.to_string());
            return Ok(());
        }
        let (text, pictures) = self.media_in(&e, id, &key, export);
        let (title, body) = split_title(&text);
        if title.is_empty() && body.trim().is_empty() {
            *self.left.entry(Left::Empty).or_default() += 1;
            return Ok(());
        }
        self.titled |= !title.is_empty();
        let mut tags: Vec<String> = e
            .tags
            .unwrap_or_default()
            .iter()
            .map(|t| {
                let (fitted, cut) = fit_tag(t);
                self.cut_tags |= cut;
                fitted
            })
            .collect();
        tags.extend(journal_tag.map(str::to_string));
        if e.starred == Some(true) {
            cx.star(&mut tags);
        }
        let entry = NewEntry {
            id: Some(id),
            title,
            body,
            tags,
            created_at: Some(created),
            tz: Some(tz),
            ..NewEntry::default()
        };
        if cx.record(at, Some(entry), None) {
            self.pictures.extend(pictures);
        }
        Ok(())
    }

    /// The entry's text with its moments made Glimmer's: each picture that
    /// can be kept pointed at, everything else named in words. Pictures the
    /// text does not show come after it.
    fn media_in(
        &mut self,
        e: &DayOneEntry,
        entry: Uuid,
        key: &str,
        mut export: Option<&mut (dyn Export + '_)>,
    ) -> (String, Vec<Pending>) {
        let photos: HashMap<&str, Option<&str>> = e
            .photos
            .iter()
            .flatten()
            .filter_map(|p| Some((p.identifier.as_deref()?, p.md5.as_deref())))
            .collect();
        let mut pending: Vec<Pending> = Vec::new();
        let mut kept: HashSet<Uuid> = HashSet::new();
        let mut shown: HashSet<String> = HashSet::new();
        let mut others: BTreeMap<Left, BTreeSet<String>> = BTreeMap::new();
        let mut picture = |this: &mut Self, identifier: &str, pending: &mut Vec<Pending>| {
            let md5 = photos.get(identifier).copied().flatten();
            let file = md5.and_then(|m| this.media.get(&m.trim().to_ascii_lowercase()));
            match keepable(file.map(String::as_str), export.as_deref_mut()) {
                Ok(file) => {
                    let id = stable_id(&["dayone", "picture", key, identifier]);
                    if kept.insert(id) {
                        pending.push(Pending { entry, id, file });
                    }
                    markdown::picture_markdown(id, "")
                }
                Err(why) => {
                    let left = Left::Photo(why);
                    *this.left.entry(left).or_default() += 1;
                    left.in_place().into_owned()
                }
            }
        };
        let mut text = rewrite_moments(e.text.as_deref().unwrap_or(""), |m| match m {
            Moment::Photo(identifier) => {
                shown.insert(identifier.to_string());
                picture(self, identifier, &mut pending)
            }
            Moment::Other(left, identifier) => {
                others
                    .entry(left)
                    .or_default()
                    .insert(identifier.to_string());
                left.in_place().into_owned()
            }
        });
        for p in e.photos.iter().flatten() {
            match p.identifier.as_deref() {
                Some(identifier) if shown.contains(identifier) => {}
                identifier => {
                    let shown_here = picture(self, identifier.unwrap_or(""), &mut pending);
                    text.truncate(text.trim_end().len());
                    text.push_str("\n\n");
                    text.push_str(&shown_here);
                }
            }
        }
        for (left, list) in [
            (Left::Video, &e.videos),
            (Left::Audio, &e.audios),
            (Left::Pdf, &e.pdf_attachments),
        ] {
            for m in list.iter().flatten() {
                others
                    .entry(left)
                    .or_default()
                    .insert(m.identifier.clone().unwrap_or_default());
            }
        }
        for (left, ids) in others {
            *self.left.entry(left).or_default() += ids.len();
        }
        (text, pending)
    }

    /// What the preview says of it all; returns the pictures to write.
    fn finish(self, cx: &mut Context) -> Vec<Pending> {
        let known: Vec<&str> = self
            .zones
            .iter()
            .filter(|(_, known)| **known)
            .map(|(z, _)| z.as_str())
            .collect();
        cx.time_zone = Some(if known.is_empty() {
            format!(
                "These entries keep no time zone Glimmer knows, so their times are read as local to {}.",
                cx.tz_name
            )
        } else {
            format!(
                "Each entry keeps the time zone Day One saved with it ({}), so its date and time are those where it was written.",
                known.join(", ")
            )
        });
        if self.zoneless > 0 && !known.is_empty() {
            let zone = cx.persons_zone();
            cx.note(format!(
                "{} no time zone Glimmer knows, so {} read as local to {zone}.",
                count(self.zoneless, "entry has", "entries have"),
                if self.zoneless == 1 {
                    "its time is"
                } else {
                    "their times are"
                },
            ));
        }
        match &self.journals[..] {
            [] => {}
            [(name, tag)] => cx.note(format!(
                "The entries come from the journal “{name}” and get the tag “{tag}”."
            )),
            many => cx.note(format!(
                "The entries come from {} journals, and each gets its journal's name as a tag: {}.",
                many.len(),
                many.iter()
                    .map(|(n, t)| format!("“{n}” → {t}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        if self.unnamed {
            cx.note("A journal file read on its own does not say which journal it is, so its entries get no journal tag.");
        }
        if self.titled {
            cx.note("A first line written as a heading becomes the entry's title.");
        }
        cx.note("The text keeps its markdown, without the backslashes Day One puts before punctuation; places, weather and the like are not brought in.");
        if self.cut_tags {
            cx.note(format!(
                "Tags longer than {MAX_TAG_CHARS} characters are cut to fit."
            ));
        }
        let media: Vec<String> = [Left::Video, Left::Audio, Left::Pdf, Left::Other]
            .into_iter()
            .filter_map(|l| self.left.get(&l).map(|n| l.words(*n)))
            .collect();
        if !media.is_empty() {
            cx.note(format!(
                "Not brought in: {}. Glimmer keeps pictures only, so each entry says in words where one was.",
                join_words(&media)
            ));
        }
        let unkept = self.left.iter().filter_map(|(l, n)| match l {
            Left::Photo(why) => Some((*why, *n)),
            _ => None,
        });
        if let Some(sentence) = Unkept::note(unkept) {
            cx.note(sentence);
        }
        if let Some(n) = self.left.get(&Left::Empty) {
            cx.note(format!(
                "{} nothing written and no pictures, so {} left out.",
                count(*n, "entry has", "entries have"),
                if *n == 1 { "it is" } else { "they are" }
            ));
        }
        cx.left_behind = self
            .left
            .iter()
            .map(|(l, n)| Count {
                what: l.counted_as(),
                count: *n,
            })
            .collect();
        self.pictures
    }
}

/// The title and the body: a first line written as a heading (`# …`, as
/// Day One writes a title) is the title, in plain words; otherwise there is
/// none. The body's escapes are removed where that changes nothing.
fn split_title(text: &str) -> (String, String) {
    let text = text.trim_start_matches(['\n', '\r']);
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let heading = first
        .trim_start_matches('#')
        .strip_prefix([' ', '\t'])
        .filter(|_| (1..=6).contains(&(first.len() - first.trim_start_matches('#').len())))
        .map(|h| unescape_all(h.trim().trim_end_matches('#').trim()))
        .filter(|h| !h.is_empty() && h.chars().count() <= 300);
    match heading {
        Some(title) => (title, unescape(rest.trim_matches(['\n', '\r']))),
        None => (String::new(), unescape(text.trim_end())),
    }
}

/// Every escape removed: for a title, which is plain words.
fn unescape_all(text: &str) -> String {
    strip_escapes(text, false).0
}

/// Day One's markdown without the backslashes it puts before punctuation
/// (`\.` `\!` `\(` `\-` …), outside code. A backslash whose removal could
/// change how the text reads (`\*`, or `\-` at a line's start) goes only
/// when the markdown, rendered, reads the same without it.
fn unescape(text: &str) -> String {
    let (all, risky) = strip_escapes(text, false);
    if !risky || markdown::reads_the_same(text, &all) {
        return all;
    }
    strip_escapes(text, true).0
}

/// Characters whose escape keeps them from being markdown wherever they are.
const INLINE_MARKS: &str = "*_`[]\\<&|~";

/// Removes the escapes of ASCII punctuation outside code (keeping those
/// that could matter when `keep_risky`); also says whether any removed could.
fn strip_escapes(text: &str, keep_risky: bool) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut risky_seen = false;
    let mut fence: Option<(char, usize)> = None;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start_matches(' ');
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|c| *c == m).count());
        match (fence, marker) {
            (Some((m, n)), Some(c)) if c == m && run >= n && trimmed[run..].trim().is_empty() => {
                fence = None;
                out.push_str(line);
                continue;
            }
            (Some(_), _) => {
                out.push_str(line);
                continue;
            }
            (None, Some(c)) if run >= 3 && line.len() - trimmed.len() < 4 => {
                fence = Some((c, run));
                out.push_str(line);
                continue;
            }
            _ => {}
        }
        risky_seen |= strip_line(line, keep_risky, &mut out);
    }
    (out, risky_seen)
}

/// One line outside a fenced block, its code spans left alone. Linear in
/// the line, whatever it holds.
fn strip_line(line: &str, keep_risky: bool, out: &mut String) -> bool {
    let ticks = Ticks::of(line);
    let mut risky_seen = false;
    // Only blanks, quote marks or list markers so far: a block may start here.
    let mut at_start = true;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while let Some(c) = line[i..].chars().next() {
        let (written, len) = match (c, line[i + c.len_utf8()..].chars().next()) {
            ('`', _) => {
                let end = ticks.span_end(line, i);
                out.push_str(&line[i..end]);
                i = end;
                at_start = false;
                prev = Some('`');
                continue;
            }
            ('\\', Some(p)) if p.is_ascii_punctuation() => {
                let after = line[i + 2..].chars().next();
                let risky = could_matter(p, at_start, prev, after);
                risky_seen |= risky;
                if keep_risky && risky {
                    out.push('\\');
                }
                (p, 2)
            }
            _ => (c, c.len_utf8()),
        };
        out.push(written);
        at_start &=
            written.is_whitespace() || ">*+-.)".contains(written) || written.is_ascii_digit();
        prev = Some(written);
        i += len;
    }
    risky_seen
}

/// The runs of backticks on a line: where each starts, by its length.
struct Ticks(HashMap<usize, Vec<usize>>);

impl Ticks {
    fn of(line: &str) -> Self {
        let mut runs: HashMap<usize, Vec<usize>> = HashMap::new();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let n = bytes[i..].iter().take_while(|b| **b == b'`').count();
            if n > 0 {
                runs.entry(n).or_default().push(i);
            }
            i += n.max(1);
        }
        Self(runs)
    }

    /// Where the code span opened by the backticks at `at` ends (after the
    /// next run of as many), or the end of those backticks when none closes it.
    fn span_end(&self, line: &str, at: usize) -> usize {
        let n = line[at..].bytes().take_while(|b| *b == b'`').count();
        let close = self.0.get(&n).and_then(|starts| {
            let k = starts.partition_point(|s| *s < at + n);
            starts.get(k)
        });
        close.map_or(at + n, |s| s + n)
    }
}

/// Whether `p`, no longer escaped, could become markdown: where a block may
/// start (`at_start`), after `prev` and before `after`.
fn could_matter(p: char, at_start: bool, prev: Option<char>, after: Option<char>) -> bool {
    if INLINE_MARKS.contains(p) {
        return true;
    }
    match p {
        '#' | '>' | '-' | '+' | '=' | ':' => at_start,
        '.' | ')' => at_start && prev.is_some_and(|c| c.is_ascii_digit()),
        '!' => after == Some('['),
        '(' => prev == Some(']'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_go_where_they_change_nothing() {
        assert_eq!(
            unescape(r"I felt ok\. Really\! \(Mostly\) 3\-4 cups\."),
            "I felt ok. Really! (Mostly) 3-4 cups."
        );
        // Left where taking them out would make a list, a heading or a mark.
        assert_eq!(unescape(r"\- not a list"), r"\- not a list");
        assert_eq!(unescape(r"1\. not a list"), r"1\. not a list");
        assert_eq!(unescape(r"\# not a heading"), r"\# not a heading");
        assert_eq!(unescape(r"\*not emphasis\*"), r"\*not emphasis\*");
        assert_eq!(unescape(r"snake\_case and 5 \* 3"), "snake_case and 5 * 3");
        assert_eq!(unescape(r"a\\b"), r"a\b");
        // A risky one that changes nothing goes, and the safe ones beside a
        // kept one go too.
        assert_eq!(unescape(r"\*not emphasis\* ok\."), r"\*not emphasis\* ok.");
        // Code keeps its backslashes.
        assert_eq!(unescape(r"`a\.b` c\."), r"`a\.b` c.");
        assert_eq!(unescape("```\nx\\.y\n```\nz\\."), "```\nx\\.y\n```\nz.");
        // A backslash before anything else is not an escape.
        assert_eq!(unescape(r"C:\Users and \n"), r"C:\Users and \n");
    }

    #[test]
    fn a_heading_first_line_is_the_title() {
        assert_eq!(
            split_title("# A day\\. Out\n\nWalked\\."),
            ("A day. Out".into(), "Walked.".into())
        );
        assert_eq!(
            split_title("Just text\\.\nmore"),
            (String::new(), "Just text.\nmore".into())
        );
        assert_eq!(
            split_title("#hashtag first"),
            (String::new(), "#hashtag first".into())
        );
        assert_eq!(
            split_title("# Only a title"),
            ("Only a title".into(), String::new())
        );
    }

    #[test]
    fn moments_are_found_and_everything_else_is_left() {
        let text = "a ![](dayone-moment://P1) b ![](dayone-moment:/video/V1)\n[x](dayone-moment:x) ![](dayone-moment://unclosed";
        let out = rewrite_moments(text, |m| match m {
            Moment::Photo(id) => format!("<photo {id}>"),
            Moment::Other(left, id) => format!("<{left:?} {id}>"),
        });
        assert_eq!(
            out,
            "a <photo P1> b <Video V1>\n[x](dayone-moment:x) ![](dayone-moment://unclosed"
        );
    }

    /// A megabyte of what looks almost like markup is read in moments:
    /// nothing here goes back over the text it has read, as a fuzzer's
    /// input would otherwise make it do for hours.
    #[test]
    fn near_markup_is_read_in_linear_time() {
        let started = std::time::Instant::now();
        let ticks: String = (1..1_000).map(|n| format!("{} x", "`".repeat(n))).collect();
        let texts = [
            "](dayone-moment:".repeat(60_000),
            "\\.".repeat(500_000),
            ticks,
        ];
        for text in &texts {
            rewrite_moments(text, |_| String::new());
            unescape(text);
        }
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn journals_are_found_at_the_top_or_in_one_folder() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let l = Layout::of(&names(&[
            "Travel.json",
            "Journal.json",
            "photos/ABC123.jpeg",
            "__MACOSX/._Journal.json",
            "._Journal.json",
        ]))
        .unwrap();
        assert_eq!(l.journals, ["Journal.json", "Travel.json"]);
        assert_eq!(l.media["abc123"], "photos/ABC123.jpeg");
        let l = Layout::of(&names(&["Export/Journal.json", "Export/photos/x.png"])).unwrap();
        assert_eq!(l.journals, ["Export/Journal.json"]);
        assert_eq!(l.media["x"], "Export/photos/x.png");
        assert!(Layout::of(&names(&["a/Journal.json", "b/Journal.json"])).is_none());
        assert!(Layout::of(&names(&["photos/x.png", "notes.txt"])).is_none());
    }

    #[test]
    fn tags_fit() {
        assert_eq!(fit_tag("Travel Notes"), ("travel-notes".into(), false));
        let (long, cut) = fit_tag(&"word ".repeat(20));
        assert_eq!((long.chars().count(), cut), (39, true));
    }

    #[test]
    fn journals_past_the_cap_are_refused_unread() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for name in ["A.json", "B.json"] {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            let text = format!(
                r#"{{"metadata": {{}}, "entries": [], "pad": "{}"}}"#,
                "x".repeat(600 << 10)
            );
            std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let opts = super::super::Options::default();
        let mut cx = Context::new(super::super::Format::DayOne, &opts).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        // One fits, the two together do not.
        let e = read_export(&mut archive, &mut cx, 1 << 20).unwrap_err();
        assert!(e.to_string().contains("more than 1 MB"), "{e}");
        assert!(read_export(&mut archive, &mut cx, 2 << 20).is_ok());
    }

    /// Whatever bytes come, reading them never panics (the sizes a zip claims
    /// are not believed): a small zip, cut and changed byte by byte.
    #[test]
    fn broken_zips_are_refused_without_panicking() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("Journal.json", opts).unwrap();
        std::io::Write::write_all(
            &mut zip,
            br#"{"metadata":{},"entries":[{"uuid":"A","creationDate":"2024-01-01T00:00:00Z","text":"hi ![](dayone-moment://P)","photos":[{"identifier":"P","md5":"m"}]}]}"#,
        )
        .unwrap();
        zip.start_file("photos/m.png", opts).unwrap();
        std::io::Write::write_all(&mut zip, b"\x89PNG\r\n\x1a\n0000").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let opts = super::super::Options {
            from: Some(super::super::Format::DayOne),
            tz: Some("UTC".into()),
            ..Default::default()
        };
        let whole = super::super::parse(&bytes, &opts).unwrap();
        assert_eq!(whole.preview.entries, 1);
        assert!(sniff(&bytes));
        let mut rng = crate::rng::SplitMix(11);
        for n in 0..bytes.len() {
            let _ = super::super::parse(&bytes[..n], &opts);
            let mut changed = bytes.clone();
            for _ in 0..3 {
                let at = rng.below(changed.len());
                changed[at] = rng.below(256) as u8;
            }
            let _ = super::super::parse(&changed, &opts);
            let _ = sniff(&changed);
        }
    }
}
