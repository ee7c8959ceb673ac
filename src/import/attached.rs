//! What an export brings beside its text: Day One's and Daylio's pictures.
//! The export's files are read by name, in a zip (from disk or in memory)
//! or the folder it unpacks to; while the export is read each picture is
//! only checked, by its size and first bytes, and the import reads it again
//! as it writes it, one at a time, so an export of many gigabytes is never
//! in memory.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::io::{Cursor, Read, Seek};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::journal::{self, MAX_PICTURE_BYTES, picture_media_type};
use crate::storage::Tx;

pub(super) const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// How many bytes of a picture the preview reads to know its kind.
const HEAD_BYTES: usize = 16;

/// Whether `path` is a zip file, by its first bytes.
pub(super) fn is_zip(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| magic == ZIP_MAGIC)
}

/// The words for a zip that does not open, naming the app that made it.
pub(super) fn not_a_zip(app: &'static str) -> impl Fn(zip::result::ZipError) -> Error {
    move |e| {
        Error::invalid(
            "file",
            format!(
                "This zip file could not be opened ({e}). It may be damaged or only partly downloaded; export it from {app} again. Nothing was imported."
            ),
        )
    }
}

/// An export's files, in a zip or a folder, by their names inside it.
pub(super) trait Export: Send {
    /// Every file's name, folders joined by `/`.
    fn names(&self) -> Vec<String>;
    /// A file's bytes; `None` when it holds more than `cap` (what a zip
    /// claims of a size is not trusted).
    fn read(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>>;
    /// A file's size (as a zip claims it) and its first `n` bytes.
    fn head(&mut self, name: &str, n: usize) -> Result<(u64, Vec<u8>)>;
}

/// At most `cap` bytes and one more from `r`. `claimed` (what a zip or the
/// file system says the size is) only sizes the first buffer, up to 1 MB:
/// a few bytes claiming gigabytes make it no larger.
fn read_capped(r: impl Read, cap: u64, claimed: u64) -> std::io::Result<Option<Vec<u8>>> {
    let first = claimed.min(cap).min(1 << 20) + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(first).unwrap_or(0));
    r.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

fn unreadable(name: &str, e: impl fmt::Display) -> Error {
    Error::invalid(
        "file",
        format!(
            "“{name}” in this export could not be read ({e}). The export may be damaged; export it again. Nothing was imported."
        ),
    )
}

impl<R: Read + Seek + Send> Export for zip::ZipArchive<R> {
    fn names(&self) -> Vec<String> {
        self.file_names()
            .filter_map(|n| n.ok().map(Cow::into_owned))
            .filter(|n| !n.ends_with('/'))
            .collect()
    }

    fn read(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>> {
        let file = self.by_name(name).map_err(|e| unreadable(name, e))?;
        let claimed = file.size();
        read_capped(file, cap, claimed).map_err(|e| unreadable(name, e))
    }

    fn head(&mut self, name: &str, n: usize) -> Result<(u64, Vec<u8>)> {
        let file = self.by_name(name).map_err(|e| unreadable(name, e))?;
        let size = file.size();
        let mut head = Vec::with_capacity(n);
        file.take(n as u64)
            .read_to_end(&mut head)
            .map_err(|e| unreadable(name, e))?;
        Ok((size, head))
    }
}

/// The folder an export's zip unpacks to.
pub(super) struct Folder {
    pub(super) root: PathBuf,
}

impl Folder {
    fn path(&self, name: &str) -> PathBuf {
        name.split('/')
            .fold(self.root.clone(), |p, part| p.join(part))
    }
}

/// How deep the names of an export go: `Wrapper/photos/x.jpeg` at most.
const FOLDER_DEPTH: usize = 3;

impl Export for Folder {
    fn names(&self) -> Vec<String> {
        let mut names = Vec::new();
        let mut todo = vec![(self.root.clone(), String::new(), 1)];
        while let Some((dir, prefix, depth)) = todo.pop() {
            let Ok(read) = std::fs::read_dir(&dir) else {
                continue;
            };
            for item in read.flatten() {
                let Some(name) = item.file_name().to_str().map(str::to_string) else {
                    continue;
                };
                // Links are not followed: the export is what is in the folder.
                match item.file_type() {
                    Ok(t) if t.is_file() => names.push(format!("{prefix}{name}")),
                    Ok(t) if t.is_dir() && depth < FOLDER_DEPTH => {
                        todo.push((item.path(), format!("{prefix}{name}/"), depth + 1));
                    }
                    _ => {}
                }
            }
        }
        names
    }

    fn read(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>> {
        let path = self.path(name);
        let file = std::fs::File::open(&path).map_err(Error::io(&path))?;
        let claimed = file.metadata().map_err(Error::io(&path))?.len();
        read_capped(file, cap, claimed).map_err(Error::io(&path))
    }

    fn head(&mut self, name: &str, n: usize) -> Result<(u64, Vec<u8>)> {
        let path = self.path(name);
        let file = std::fs::File::open(&path).map_err(Error::io(&path))?;
        let size = file.metadata().map_err(Error::io(&path))?.len();
        let mut head = Vec::with_capacity(n);
        file.take(n as u64)
            .read_to_end(&mut head)
            .map_err(Error::io(&path))?;
        Ok((size, head))
    }
}

/// A picture to write with its entry.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    pub(super) entry: Uuid,
    pub(super) id: Uuid,
    /// Its file in the export.
    pub(super) file: String,
}

/// Where the pictures are read from as they are written.
pub(super) enum Source {
    ZipFile(PathBuf),
    Folder(PathBuf),
    /// A zip given as bytes.
    ZipBytes(Vec<u8>),
    /// One journal file alone, or nothing to write.
    Nowhere,
}

/// An export's pictures, written after their entries.
pub(crate) struct Pictures {
    /// The app that made the export, to name in a message.
    app: &'static str,
    source: Source,
    list: Vec<Pending>,
}

impl fmt::Debug for Pictures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pictures({})", self.list.len())
    }
}

impl Pictures {
    pub(super) fn new(app: &'static str, source: Source, list: Vec<Pending>) -> Self {
        Self { app, source, list }
    }

    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    /// Stores the pictures of the entries this import `added`, reading each
    /// from the export as it is written, inside the import's write; `done`
    /// hears how many so far. Returns how many were stored.
    pub(super) async fn write(
        &self,
        tx: &mut Tx<'_>,
        added: &HashSet<Uuid>,
        done: &mut (dyn FnMut(usize) + Send),
    ) -> Result<usize> {
        // Collected first: an iterator over borrowed pictures held across the
        // writes would keep the import's future from being Send (the app
        // runs it on its async threads).
        let todo: Vec<_> = self
            .list
            .iter()
            .filter(|p| added.contains(&p.entry))
            .collect();
        if todo.is_empty() {
            return Ok(0);
        }
        let mut export: Box<dyn Export + Send + '_> = match &self.source {
            Source::ZipFile(path) => {
                let file = std::fs::File::open(path).map_err(Error::io(path))?;
                Box::new(zip::ZipArchive::new(file).map_err(not_a_zip(self.app))?)
            }
            Source::Folder(path) => Box::new(Folder { root: path.clone() }),
            Source::ZipBytes(bytes) => Box::new(
                zip::ZipArchive::new(Cursor::new(bytes.as_slice())).map_err(not_a_zip(self.app))?,
            ),
            Source::Nowhere => return Ok(0),
        };
        let mut stored = 0;
        for (n, p) in todo.into_iter().enumerate() {
            let bytes = export
                .read(&p.file, MAX_PICTURE_BYTES as u64)?
                .ok_or_else(|| {
                    Error::invalid(
                        "file",
                        format!(
                            "The picture “{}” has grown past {} MB since the preview, so it was not imported, and neither was anything else. Check the export and try again.",
                            p.file,
                            MAX_PICTURE_BYTES >> 20
                        ),
                    )
                })?;
            if journal::insert_imported_picture(tx, p.entry, p.id, bytes).await? {
                stored += 1;
            }
            done(n + 1);
        }
        Ok(stored)
    }
}

/// Why a picture cannot come in: counted in the preview, and said in words
/// where it was in its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unkept {
    Missing,
    TooLarge,
    UnknownKind,
    Unreadable,
}

impl Unkept {
    pub(super) fn counted_as(self) -> &'static str {
        match self {
            Unkept::Missing => "pictures not in the export",
            Unkept::TooLarge => "pictures too large to keep",
            Unkept::UnknownKind => "pictures of a kind Glimmer cannot keep",
            Unkept::Unreadable => "pictures that could not be read",
        }
    }

    /// The words an entry keeps where the picture was in `app`.
    pub(super) fn in_place(self, app: &str) -> String {
        match self {
            Unkept::Missing => {
                format!("(A picture was here in {app}, but it was not in the export.)")
            }
            Unkept::TooLarge => {
                format!("(A picture was here in {app}; it is larger than Glimmer keeps, 20 MB.)")
            }
            Unkept::UnknownKind => {
                format!("(A picture was here in {app}, in a kind of file Glimmer cannot keep.)")
            }
            Unkept::Unreadable => format!(
                "(A picture was here in {app}, but its file in the export could not be read.)"
            ),
        }
    }

    fn why(self) -> &'static str {
        match self {
            Unkept::Missing => "not in the export",
            Unkept::TooLarge => "larger than 20 MB",
            Unkept::UnknownKind => "of a kind Glimmer cannot keep",
            Unkept::Unreadable => "whose file could not be read",
        }
    }

    /// The preview's sentence on the pictures that cannot come in, by why.
    pub(super) fn note(counts: impl IntoIterator<Item = (Unkept, usize)>) -> Option<String> {
        let parts: Vec<String> = counts
            .into_iter()
            .map(|(u, n)| format!("{n} {}", u.why()))
            .collect();
        (!parts.is_empty()).then(|| {
            format!(
                "Pictures that cannot come in: {}. Each entry says in words where one was.",
                join_words(&parts)
            )
        })
    }
}

/// Whether the picture in the export's `file` can be kept: there, no larger
/// than Glimmer keeps, and of a kind it knows by its first bytes.
pub(super) fn keepable(
    file: Option<&str>,
    export: Option<&mut (dyn Export + '_)>,
) -> std::result::Result<String, Unkept> {
    let (Some(file), Some(export)) = (file, export) else {
        return Err(Unkept::Missing);
    };
    let (size, head) = export
        .head(file, HEAD_BYTES)
        .map_err(|_| Unkept::Unreadable)?;
    if size > MAX_PICTURE_BYTES as u64 {
        Err(Unkept::TooLarge)
    } else if picture_media_type(&head).is_none() {
        Err(Unkept::UnknownKind)
    } else {
        Ok(file.to_string())
    }
}

/// "a, b and c".
pub(super) fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
