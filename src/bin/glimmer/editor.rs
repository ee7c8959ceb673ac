//! Writing in `$EDITOR`. The text has to pass through a file for the editor.
//! It lives only in a private, memory-backed folder, in a folder of its own
//! that only the user can open. When the editor closes, every file in that
//! folder (the editor's swap and backup files too) is overwritten with zeros
//! and removed; one left behind by a killed Glimmer goes at the next edit.

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{CliError, msg};

/// Names this edit's folder, so that only Glimmer's are ever cleaned up.
const PREFIX: &str = "glimmer-edit-";
/// Held (shared) while a Glimmer edits. A killed Glimmer's lock went with it,
/// so a folder whose lock can be taken is left over.
const LOCK: &str = ".lock";
/// The file the editor opens.
const TEXT: &str = "entry.md";

/// What the user wrote: an optional title and tags above a `---` line, then the text.
#[derive(Debug, Default, PartialEq)]
pub struct Written {
    pub title: String,
    pub tags: Vec<String>,
    pub body: String,
}

pub fn template(w: &Written) -> String {
    format!(
        "Title: {}\nTags: {}\n---\n{}",
        w.title,
        w.tags.join(", "),
        w.body
    )
}

pub fn parse(text: &str) -> Written {
    let Some((head, body)) = text
        .split_once("\n---\n")
        .or_else(|| text.strip_suffix("\n---").map(|h| (h, "")))
    else {
        return Written {
            body: text.trim().to_string(),
            ..Written::default()
        };
    };
    let mut w = Written {
        body: body.trim().to_string(),
        ..Written::default()
    };
    for line in head.lines() {
        if let Some(t) = line.strip_prefix("Title:") {
            w.title = t.trim().to_string();
        } else if let Some(t) = line.strip_prefix("Tags:") {
            w.tags = t
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        }
    }
    w
}

/// The private folder the editor's file may live in. Found before the vault
/// opens, so a refusal changes nothing.
pub struct PrivateDir(PathBuf);

impl PrivateDir {
    pub fn find() -> Result<Self, CliError> {
        let runtime = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute() && p.is_dir());
        // macOS and Windows have no XDG_RUNTIME_DIR; there each user's own
        // temporary folder (under /var/folders, or in the profile's AppData)
        // is the platform's private place.
        #[cfg(any(target_os = "macos", target_os = "windows"))]
        let runtime = runtime.or_else(|| Some(std::env::temp_dir()));
        runtime.map(Self).ok_or_else(|| {
            msg(
                "There is no private memory-backed folder (XDG_RUNTIME_DIR) for the editor's file here, so Glimmer won't write your words to disk; give the text as an argument or with `-`.",
            )
        })
    }

    pub fn edit(&self, initial: &Written) -> Result<Written, CliError> {
        let editor = std::env::var("VISUAL")
            .or_else(|_| std::env::var("EDITOR"))
            .unwrap_or_else(|_| "nano".into());
        let scratch = Scratch::create(&self.0, &template(initial)).map_err(|e| {
            msg(format!(
                "Glimmer could not prepare a file for your editor: {e}"
            ))
        })?;
        remove_stale(&self.0, &scratch);
        // The editor may be "code --wait" or similar: split off its arguments.
        let mut parts = editor.split_whitespace();
        let program = parts.next().unwrap_or("nano");
        let status = Command::new(program)
            .args(parts)
            .arg(&scratch.text)
            .status()
            .map_err(|e| {
                msg(format!(
                    "Glimmer could not start your editor “{editor}”: {e}. Set $EDITOR."
                ))
            })?;
        let text = fs::read_to_string(&scratch.text)
            .map_err(|e| msg(format!("Glimmer could not read back what you wrote: {e}")))?;
        drop(scratch);
        if !status.success() {
            return Err(msg(
                "The editor closed with an error, so nothing was saved.",
            ));
        }
        Ok(parse(&text))
    }
}

/// This edit's own folder. Dropping it, on success, error or panic alike,
/// wipes every file in it and removes it.
struct Scratch {
    // Closed before the folder is removed (fields drop in this order): Windows
    // removes no folder while a file in it is open.
    _lock: File,
    /// The text as first written. The editor may save by renaming a new file
    /// over it, so this one is wiped through its handle.
    original: File,
    dir: tempfile::TempDir,
    text: PathBuf,
}

impl Scratch {
    fn create(private: &Path, text: &str) -> io::Result<Self> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(PREFIX);
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let dir = builder.tempdir_in(private)?;
        let lock = File::create_new(dir.path().join(LOCK))?;
        lock.lock_shared()?;
        // Written only once the lock is held: see `remove_stale`.
        let path = dir.path().join(TEXT);
        let mut original = File::create_new(&path)?;
        original.write_all(text.as_bytes())?;
        Ok(Self {
            _lock: lock,
            original,
            dir,
            text: path,
        })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = zero_fill(&self.original);
        wipe_files(self.dir.path());
    }
}

/// Wipes and removes what a killed Glimmer left behind. Only folders with our
/// prefix, owned by the same user as ours, not links, whose lock nobody holds
/// and that have a text file: a Glimmer writes it only once it holds its lock,
/// so one that is just starting is never taken for a left-over.
fn remove_stale(private: &Path, ours: &Scratch) {
    let (Ok(entries), Ok(us)) = (fs::read_dir(private), fs::metadata(ours.dir.path())) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path == ours.dir.path() || !entry.file_name().to_string_lossy().starts_with(PREFIX) {
            continue;
        }
        // symlink_metadata: a link is never followed out of the private folder.
        let a_folder_of_ours =
            fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir() && same_owner(&m, &us));
        let lock = a_folder_of_ours.then(|| File::open(path.join(LOCK)));
        let Some(Ok(lock)) = lock else {
            continue;
        };
        if lock.try_lock().is_ok() && path.join(TEXT).exists() {
            wipe_files(&path);
            let _ = fs::remove_dir_all(&path);
        }
    }
}

#[cfg(unix)]
fn same_owner(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.uid() == b.uid()
}

/// The per-user temporary folder is inside the user's own profile.
#[cfg(not(unix))]
fn same_owner(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// Overwrites every plain file directly in `dir`; links are not followed.
fn wipe_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_file())
            && let Ok(file) = fs::OpenOptions::new().write(true).open(entry.path())
        {
            let _ = zero_fill(&file);
        }
    }
}

/// Zeros over the whole file, in place, then a sync. Truncating first would
/// free the blocks with the words still in them and put the zeros elsewhere.
fn zero_fill(mut file: &File) -> io::Result<()> {
    let len = file.metadata()?.len();
    file.seek(io::SeekFrom::Start(0))?;
    io::copy(&mut io::repeat(0).take(len), &mut file)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_round_trips() {
        let w = Written {
            title: "A walk".into(),
            tags: vec!["walk".into(), "outside".into()],
            body: "The light on the river.\n\n---\nstill body".into(),
        };
        assert_eq!(parse(&template(&w)), w);
    }

    #[test]
    fn text_without_header_is_all_body() {
        let w = parse("just words\n");
        assert_eq!(w.body, "just words");
        assert!(w.title.is_empty() && w.tags.is_empty());
    }
}
