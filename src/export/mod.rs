//! Taking everything out again, for another app or a spreadsheet: the
//! journal as Markdown files (one per entry, with YAML front matter), the
//! numbers as CSV tables, into a new folder or a new `.zip` file; and
//! everything as Glimmer JSON, to import again, as a new `.json` file.
//!
//! What is written here is plaintext by nature, so front ends say so before
//! they call it, and every file is made readable by its owner only (0600, its
//! folders 0700). A folder, zip or file appears under its own name only once
//! it is complete: a failed export leaves nothing behind.

mod csv;
mod markdown;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::import::Document;
use crate::storage::write_private_file;
use crate::vault::Vault;

pub use markdown::{NoPictures, Picture, Pictures, VaultPictures, write_markdown_with};

/// Said before anything is written, in the app and the CLI alike.
pub const PLAINTEXT_NOTICE: &str = "Exported files are not encrypted: anyone who can open them can read them. Glimmer makes them readable only by your account on this computer; keep them somewhere private, and delete them when you no longer need them.";

/// Which files an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// One Markdown file per entry, with YAML front matter.
    Markdown,
    /// Check-ins, PHQ-9 results, activities and timer sessions, a table each.
    Csv,
    /// Glimmer JSON: everything, to import into Glimmer again (docs/glimmer-json.md).
    Json,
}

/// What an export wrote, to tell the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportReport {
    /// The folder, `.zip` or `.json` file the export is in.
    pub path: String,
    /// Files written, pictures included.
    pub files: u32,
    /// What is in them, in a few words ("12 entries and 2 pictures").
    pub summary: String,
}

/// Writes the vault's entries (as Markdown), numbers (as CSV) or everything
/// (as Glimmer JSON) to `dest`, which must not exist yet: a folder, or a file
/// ending in `.zip` (Markdown, CSV) or in `.json` (Glimmer JSON).
pub async fn write(vault: &Vault, format: FileFormat, dest: &Path) -> Result<ExportReport> {
    match format {
        FileFormat::Markdown => {
            let pictures = VaultPictures(vault.journal().pictures());
            write_markdown_with(vault, dest, &pictures).await
        }
        FileFormat::Csv => csv::write(vault, dest, &TimeZone::system()).await,
        FileFormat::Json => json(vault, dest).await,
    }
}

/// Glimmer JSON as the file `dest` when it ends in `.json`, or else as
/// `glimmer.json` in the new folder `dest`.
async fn json(vault: &Vault, dest: &Path) -> Result<ExportReport> {
    let mut sink = if has_extension(dest, "json") {
        Sink::file(dest)?
    } else {
        Sink::create(dest)?
    };
    let doc = Document::of(vault).await?;
    sink.add("glimmer.json", &doc.to_bytes()?)?;
    sink.finish(format!(
        "everything in your vault ({}, {} and {})",
        count(doc.entries.len(), "entry", "entries"),
        count(doc.checkins(), "check-in", "check-ins"),
        count(doc.pictures.len(), "picture", "pictures"),
    ))
}

/// Where an export goes: the folder or `.zip` typed (an absolute path, or
/// one starting with `~/`), or else a new folder in Documents (in the home
/// folder when there is none) named for `today`, numbered if taken.
pub fn destination(typed: Option<&str>, today: Date) -> Result<PathBuf> {
    let home = directories::UserDirs::new();
    let typed = typed.map(str::trim).filter(|t| !t.is_empty());
    let Some(typed) = typed else {
        let base = home
            .as_ref()
            .map(|h| h.document_dir().unwrap_or(h.home_dir()).to_path_buf())
            .ok_or_else(|| no_home("a folder to export to", "out"))?;
        let name = format!("Glimmer export {today}");
        let mut path = base.join(&name);
        let mut n = 2;
        while std::fs::symlink_metadata(&path).is_ok() {
            path = base.join(format!("{name} {n}"));
            n += 1;
        }
        return Ok(path);
    };
    full_path(typed, "out")
}

/// A path as a person types it: absolute, or starting with `~/` for their
/// home folder. A relative one is refused, since it would resolve against a
/// folder they cannot see; `field` names the input in the error.
pub fn full_path(typed: &str, field: &'static str) -> Result<PathBuf> {
    let typed = typed.trim();
    let path = match typed.strip_prefix("~/") {
        Some(rest) => directories::UserDirs::new()
            .map(|h| h.home_dir().join(rest))
            .ok_or_else(|| no_home(typed, field))?,
        None => PathBuf::from(typed),
    };
    if !path.is_absolute() {
        return Err(Error::invalid(
            field,
            format!(
                "“{typed}” is not a full path. Type one from the top, like ~/Documents/Glimmer, so Glimmer finds what you mean."
            ),
        ));
    }
    Ok(path)
}

fn no_home(what: &str, field: &'static str) -> Error {
    Error::invalid(
        field,
        format!("Glimmer could not find your home folder for {what}; type a full path instead."),
    )
}

/// Refuses a destination that is already there: an export never
/// overwrites or mixes into what a person keeps.
pub fn check_free(dest: &Path) -> Result<()> {
    if std::fs::symlink_metadata(dest).is_ok() {
        return Err(Error::invalid(
            "out",
            format!(
                "There is already something at {}; choose a new name, so nothing there is overwritten. Nothing was written.",
                dest.display()
            ),
        ));
    }
    Ok(())
}

/// Writes one plaintext file (a printable summary) readable only by its
/// owner, replacing whatever was at `path` in one step.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::invalid("out", "That path does not end in a file name."))?;
    write_private_file(parent_of(path), name, bytes)
}

/// The folder `path` is in ("." for a bare name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A local time with its offset, as exports write it: `2024-03-01T09:15:00+01:00`.
pub(crate) fn local_time(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The zone an instant was noted in, by its stored name (UTC if unknown).
pub(crate) fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// "1 entry", "3 entries".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// Where an export's files go while it is written: a folder, a zip or a
/// single file under a temporary name beside `dest`, given `dest`'s name by
/// [`Sink::finish`]. Dropped unfinished, it removes what it wrote.
pub(crate) struct Sink {
    dest: PathBuf,
    part: PathBuf,
    zip: Option<zip::ZipWriter<File>>,
    /// `dest` is the one file written, not a folder of them.
    single: bool,
    files: u32,
    done: bool,
}

impl Sink {
    /// A new folder, or a zip when `dest` ends in `.zip`.
    pub(crate) fn create(dest: &Path) -> Result<Sink> {
        Sink::open(dest, false)
    }

    /// `dest` itself, as the one file of the export: its first `add` writes
    /// it, and a second fails.
    pub(crate) fn file(dest: &Path) -> Result<Sink> {
        Sink::open(dest, true)
    }

    fn open(dest: &Path, single: bool) -> Result<Sink> {
        check_free(dest)?;
        let name = dest
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| Error::invalid("out", "That path does not end in a name."))?;
        let parent = parent_of(dest);
        private_dirs(parent)?;
        let part = parent.join(format!(".{name}.part"));
        // Left by an export that was cut short: it is ours, by its name.
        match std::fs::symlink_metadata(&part) {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(&part).map_err(Error::io(&part))?,
            Ok(_) => std::fs::remove_file(&part).map_err(Error::io(&part))?,
            Err(_) => {}
        }
        let zip = if single {
            None
        } else if has_extension(dest, "zip") {
            Some(zip::ZipWriter::new(private_file(&part)?))
        } else {
            private_dir(&part)?;
            None
        };
        Ok(Sink {
            dest: dest.to_path_buf(),
            part,
            zip,
            single,
            files: 0,
            done: false,
        })
    }

    /// Adds a file; `name` is relative, with `/` between folders.
    pub(crate) fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.files += 1;
        match &mut self.zip {
            Some(zip) => {
                let options = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .unix_permissions(0o600);
                zip.start_file(name, options).map_err(zip_error)?;
                zip.write_all(bytes).map_err(Error::io(&self.part))
            }
            None if self.single => {
                let mut f = private_file(&self.part)?;
                f.write_all(bytes)
                    .and_then(|()| f.sync_all())
                    .map_err(Error::io(&self.part))
            }
            None => {
                let path = self.part.join(name);
                if let Some(dir) = path.parent() {
                    private_dirs(dir)?;
                }
                let mut f = private_file(&path)?;
                f.write_all(bytes).map_err(Error::io(&path))
            }
        }
    }

    /// Completes the export under its own name; `summary` says what is in it.
    pub(crate) fn finish(mut self, summary: String) -> Result<ExportReport> {
        if let Some(zip) = self.zip.take() {
            let file = zip.finish().map_err(zip_error)?;
            file.sync_all().map_err(Error::io(&self.part))?;
        }
        std::fs::rename(&self.part, &self.dest).map_err(Error::io(&self.dest))?;
        self.done = true;
        Ok(ExportReport {
            path: self.dest.display().to_string(),
            files: self.files,
            summary,
        })
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if !self.done {
            self.zip = None;
            let _ =
                std::fs::remove_dir_all(&self.part).or_else(|_| std::fs::remove_file(&self.part));
        }
    }
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

fn zip_error(e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(e) if e.kind() == std::io::ErrorKind::StorageFull => {
            Error::DiskFull
        }
        e => Error::Internal(format!("writing the zip file: {e}")),
    }
}

/// A new file only its owner can read.
fn private_file(path: &Path) -> Result<File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path).map_err(Error::io(path))
}

/// A new folder only its owner can open.
fn private_dir(path: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path).map_err(Error::io(path))
}

/// `path` and any folders above it that are missing; those made are 0700.
fn private_dirs(path: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path).map_err(Error::io(path))
}
