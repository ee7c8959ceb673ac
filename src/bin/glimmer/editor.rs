//! Writing in `$EDITOR`. The text has to pass through a file for the editor.
//! It lives only in a private, memory-backed folder, in a folder of its own
//! that only the user can open. When the editor closes, every file in that
//! folder (the editor's swap and backup files too) is overwritten with zeros
//! and removed; one left behind by a killed Glimmer goes at the next edit.
//! Editors Glimmer knows are started with their own history, swap, backup
//! and undo files off, since those would keep the words elsewhere; and while
//! the editor runs, Ctrl+C, SIGTERM or a closed terminal cannot end Glimmer
//! before it has read the file back and wiped it.

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::signals::Caught;
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
        let given: Vec<&str> = parts.collect();
        // Caught from before the editor starts until its file is wiped: the
        // editor itself still gets Ctrl+C from the terminal.
        let caught = Caught::catch()
            .map_err(|e| msg(format!("Glimmer could not prepare for your editor: {e}")))?;
        let status = Command::new(program)
            .args(&given)
            .args(private_args(program, &given))
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
        drop(caught);
        if !status.success() {
            return Err(msg(
                "The editor closed with an error, so nothing was saved.",
            ));
        }
        Ok(parse(&text))
    }
}

/// Vim's and Neovim's: no viminfo/ShaDa (`-i NONE`: registers, yanks and
/// search history), no swap file (`-n`), and no undo or backup file, which a
/// vimrc may turn on and put in the home folder.
const VIM: &[&str] = &[
    "-i",
    "NONE",
    "-n",
    "-c",
    "set noundofile nobackup nowritebackup",
];

/// The arguments that keep `program` (with the user's own arguments `given`)
/// from writing what it holds anywhere but its file. Known by the file name
/// of the executable it runs (links followed, so a `vi` that is vim counts
/// as vim and one that is nvi does not), else by the name as typed (a snap's
/// `code` runs `snap`).
fn private_args(program: &str, given: &[&str]) -> Vec<&'static str> {
    let typed = Path::new(program);
    let found = if typed.components().count() > 1 {
        Some(typed.to_path_buf())
    } else {
        std::env::var_os("PATH").and_then(|dirs| {
            std::env::split_paths(&dirs)
                .map(|d| d.join(program))
                .find(|p| p.is_file())
        })
    };
    let real = found.and_then(|p| fs::canonicalize(p).ok());
    let kind = [real.as_deref(), Some(typed)]
        .into_iter()
        .flatten()
        .find_map(|p| known(editor_name(p)?.as_str()));
    match kind {
        Some(Known::Args(args)) => args.to_vec(),
        // -f: in the foreground, else gvim returns before anything is written.
        Some(Known::Vim { gui }) => gui
            .then_some("-f")
            .into_iter()
            .chain(VIM.iter().copied())
            .collect(),
        // Without --wait it returns at once, before anything is written.
        Some(Known::VsCode) if !given.iter().any(|a| *a == "--wait" || *a == "-w") => {
            vec!["--wait"]
        }
        Some(Known::VsCode) | None => Vec::new(),
    }
}

/// `/usr/bin/vim.basic` → `vim`, `nvim.appimage` → `nvim`, `hx.exe` → `hx`.
fn editor_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    Some(name.split('.').next()?.to_ascii_lowercase())
}

enum Known {
    Args(&'static [&'static str]),
    Vim { gui: bool },
    VsCode,
}

fn known(name: &str) -> Option<Known> {
    Some(match name {
        "vim" | "vi" | "nvim" => Known::Vim { gui: false },
        "gvim" => Known::Vim { gui: true },
        // nano has no option to turn history, position log, backups or lock
        // files off once a nanorc turns them on; ignoring nanorc does.
        "nano" => Known::Args(&["--ignorercfiles"]),
        // After the init file, before the file is visited: no backup~, no
        // #autosave#, no .#lock, no saved minibuffer history, no desktop.
        "emacs" => Known::Args(&[
            "--no-desktop",
            "--eval",
            "(progn (setq make-backup-files nil auto-save-default nil create-lockfiles nil) (when (bound-and-true-p savehist-mode) (savehist-mode -1)))",
        ]),
        // micro keeps backups of open buffers and its history in ~/.config/micro.
        "micro" => Known::Args(&[
            "-backup",
            "false",
            "-savehistory",
            "false",
            "-saveundo",
            "false",
        ]),
        // Known, with nothing to turn off: Helix keeps no history, swap or
        // undo files; nvi and BusyBox vi have no such options (and take no `-i`).
        "hx" | "helix" | "nvi" | "busybox" => Known::Args(&[]),
        "code" | "codium" | "code-insiders" => Known::VsCode,
        _ => return None,
    })
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

    #[cfg(unix)]
    #[test]
    fn known_editors_start_without_history_swap_or_backups() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
        for name in ["vim.basic", "nvi", "nano"] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        // A `vi` that is vim, and one that is nvi.
        std::os::unix::fs::symlink(dir.path().join("vim.basic"), dir.path().join("vi")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("nvi"), dir.path().join("old-vi")).unwrap();

        let vim = VIM.to_vec();
        assert_eq!(private_args(&path("vi"), &[]), vim);
        assert_eq!(private_args(&path("vim.basic"), &[]), vim);
        assert_eq!(private_args("/nowhere/nvim", &[]), vim);
        assert_eq!(private_args(&path("old-vi"), &[]), Vec::<&str>::new());
        assert_eq!(private_args("/nowhere/gvim", &[])[0], "-f");
        assert_eq!(private_args(&path("nano"), &[]), ["--ignorercfiles"]);
        assert!(private_args("/nowhere/emacs", &["-nw"]).contains(&"--no-desktop"));
        assert_eq!(
            private_args("/nowhere/micro", &[])[..2],
            ["-backup", "false"]
        );
        assert_eq!(private_args("/nowhere/hx", &[]), Vec::<&str>::new());
        assert_eq!(
            private_args("/nowhere/code", &["--wait"]),
            Vec::<&str>::new()
        );
        assert_eq!(private_args("/nowhere/code", &[]), ["--wait"]);
        assert_eq!(private_args("/nowhere/kate", &[]), Vec::<&str>::new());
    }

    #[test]
    fn text_without_header_is_all_body() {
        let w = parse("just words\n");
        assert_eq!(w.body, "just words");
        assert!(w.title.is_empty() && w.tags.is_empty());
    }
}
