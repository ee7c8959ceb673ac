//! `glimmer write` and `edit` in $EDITOR: where the file for the editor may
//! live, and that nothing of what it held survives. The editor is a small
//! shell script, run on a terminal as a person's would be.

use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::cli::{glimmer, ok_json, on_a_terminal};

const PASS: &str = "a long pass phrase";
const REFUSAL: &str = "There is no private memory-backed folder (XDG_RUNTIME_DIR) for the editor's file here, so Glimmer won't write your words to disk";

/// A vault with one entry in a fresh folder; returns the folder and the entry's id.
fn vault_with_an_entry() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    ok_json(glimmer(&v, PASS, &["init", "--json"], None));
    let e = ok_json(glimmer(
        &v,
        PASS,
        &["write", "--json", "By the pond."],
        None,
    ));
    let id = e["id"].as_str().unwrap().to_string();
    (dir, v, id)
}

/// `$VISUAL` for the tests: `sh SCRIPT`, so the script itself is never
/// executed while another test thread may still hold it open for writing.
fn editor(dir: &Path, script: &str) -> String {
    let path = dir.join("editor.sh");
    fs::write(&path, format!("set -e\n{script}\n")).unwrap();
    format!("sh {}", path.display())
}

/// A private runtime folder, as the login manager makes it.
fn runtime_dir(dir: &Path) -> PathBuf {
    let run = dir.join("run");
    fs::create_dir(&run).unwrap();
    fs::set_permissions(&run, fs::Permissions::from_mode(0o700)).unwrap();
    run
}

fn edit_in(v: &Path, args: &str, visual: &str, setup: impl FnOnce(&mut Command)) -> (String, bool) {
    on_a_terminal(v, PASS, args, "", |c| {
        c.env("VISUAL", visual).env_remove("EDITOR");
        setup(c);
    })
}

fn is_zeroed(path: &Path) -> bool {
    let bytes = fs::read(path).unwrap();
    !bytes.is_empty() && bytes.iter().all(|&b| b == 0)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn entry(v: &Path, id: &str) -> Value {
    ok_json(glimmer(v, PASS, &["show", "--json", id], None))
}

/// Without XDG_RUNTIME_DIR the only other place would be the disk-backed
/// temporary folder: refused before anything runs, and nothing changes.
#[test]
fn without_a_private_folder_the_editor_is_refused_and_nothing_changes() {
    let (dir, v, id) = vault_with_an_entry();
    let disk_tmp = dir.path().join("tmp");
    fs::create_dir(&disk_tmp).unwrap();
    let ran = dir.path().join("editor-ran");
    let visual = editor(
        dir.path(),
        &format!("touch {}\necho 'More words.' >> \"$1\"", ran.display()),
    );

    for args in ["write --title Morning".to_string(), format!("edit {id}")] {
        let (shown, ok) = edit_in(&v, &args, &visual, |c| {
            c.env_remove("XDG_RUNTIME_DIR").env("TMPDIR", &disk_tmp);
        });
        assert!(!ok && shown.contains(REFUSAL), "{args}: {shown}");
        assert!(
            shown.contains("give the text as an argument or with `-`"),
            "{shown}"
        );
    }
    // A relative path is no private folder either.
    let (shown, ok) = edit_in(&v, "write", &visual, |c| {
        c.env("XDG_RUNTIME_DIR", "run").env("TMPDIR", &disk_tmp);
    });
    assert!(!ok && shown.contains(REFUSAL), "{shown}");

    assert!(!ran.exists(), "the editor never ran");
    assert_eq!(names_in(&disk_tmp), Vec::<String>::new());
    let listed = ok_json(glimmer(&v, PASS, &["list", "--json"], None));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(entry(&v, &id)["body"], "By the pond.");
}

/// A Glimmer killed while its editor was open leaves its file behind; the
/// next edit wipes and removes it, and nothing that is not a left-over.
#[test]
fn a_file_left_by_a_killed_glimmer_is_wiped_at_the_next_edit() {
    let (dir, v, _) = vault_with_an_entry();
    let run = runtime_dir(dir.path());
    let keep = dir.path().join("kept");
    fs::create_dir(&keep).unwrap();

    // The editor notes its own and Glimmer's process ids, keeps hard links to
    // what it holds, and waits; then both are killed.
    let visual = editor(
        dir.path(),
        r#"printf 'swapped words' > "$(dirname "$1")/.entry.md.swp"
ln "$1" "$KEEP/text"
ln "$(dirname "$1")/.entry.md.swp" "$KEEP/swap"
echo "$PPID $$" > "$KEEP/pids.new"
mv "$KEEP/pids.new" "$KEEP/pids"
exec sleep 120"#,
    );
    let pids = keep.join("pids");
    let killer = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !pids.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let ids = fs::read_to_string(&pids).expect("the editor started");
        for id in ids.split_whitespace() {
            Command::new("kill").args(["-KILL", id]).status().unwrap();
        }
    });
    let (_, ok) = edit_in(&v, "write", &visual, |c| {
        c.env("XDG_RUNTIME_DIR", &run).env("KEEP", &keep);
    });
    killer.join().unwrap();
    assert!(!ok);
    let left: Vec<String> = names_in(&run)
        .into_iter()
        .filter(|n| n.starts_with("glimmer-"))
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    let left_over = run.join(&left[0]);
    assert_eq!(
        fs::read_to_string(keep.join("swap")).unwrap(),
        "swapped words",
        "a killed Glimmer wipes nothing"
    );

    // Another Glimmer, still editing: it holds its lock.
    let live = run.join("glimmer-edit-Ef34Gh");
    fs::create_dir(&live).unwrap();
    let held = File::create(live.join(".lock")).unwrap();
    held.lock_shared().unwrap();
    fs::write(live.join("entry.md"), "still being written").unwrap();
    // One just starting: its lock is there, its text not yet.
    let starting = run.join("glimmer-edit-Ij56Kl");
    fs::create_dir(&starting).unwrap();
    File::create(starting.join(".lock")).unwrap();
    // Not Glimmer's.
    fs::write(run.join("glimmer-notes.md"), "someone else's").unwrap();
    // Another user's (only root can make one; elsewhere this part is skipped).
    let theirs = run.join("glimmer-edit-Mn78Op");
    fs::create_dir(&theirs).unwrap();
    File::create(theirs.join(".lock")).unwrap();
    fs::write(theirs.join("entry.md"), "their words").unwrap();
    let made_theirs = std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).is_ok();
    if !made_theirs {
        fs::remove_dir_all(&theirs).unwrap();
    }

    let visual = editor(
        dir.path(),
        "printf 'Title: Heron\\n---\\nA heron.' > \"$1\"",
    );
    let (shown, ok) = edit_in(&v, "write", &visual, |c| {
        c.env("XDG_RUNTIME_DIR", &run);
    });
    assert!(ok, "{shown}");

    assert!(!left_over.exists());
    assert!(is_zeroed(&keep.join("text")));
    assert!(is_zeroed(&keep.join("swap")));
    assert_eq!(
        fs::read_to_string(live.join("entry.md")).unwrap(),
        "still being written"
    );
    let mut expected = vec![
        "glimmer-edit-Ef34Gh",
        "glimmer-edit-Ij56Kl",
        "glimmer-notes.md",
    ];
    if made_theirs {
        expected.insert(2, "glimmer-edit-Mn78Op");
    }
    assert_eq!(
        names_in(&run),
        expected,
        "this edit's own folder is gone too"
    );
    drop(held);
}

/// What the editor's files held is overwritten with zeros before they are
/// removed: on success and on failure, through a save that replaces the file,
/// and the editor's own swap file.
#[test]
fn what_the_editor_held_is_zeroed_before_removal() {
    let (dir, v, id) = vault_with_an_entry();
    let run = runtime_dir(dir.path());
    let keep = dir.path().join("kept");
    fs::create_dir(&keep).unwrap();
    let kept = |name: &str| keep.join(name);

    // Saved the way many editors do: a new file renamed over the old one,
    // with a swap file beside it. Hard links keep every version readable.
    let visual = editor(
        dir.path(),
        r#"ln "$1" "$KEEP/original"
stat -c %a "$(dirname "$1")" > "$KEEP/mode"
printf 'Title: Evening\n---\nA heron, standing still.' > "$1.new"
mv "$1.new" "$1"
ln "$1" "$KEEP/saved"
printf 'swap of A heron' > "$(dirname "$1")/.entry.md.swp"
ln "$(dirname "$1")/.entry.md.swp" "$KEEP/swap""#,
    );
    let (shown, ok) = edit_in(&v, &format!("edit {id}"), &visual, |c| {
        c.env("XDG_RUNTIME_DIR", &run).env("KEEP", &keep);
    });
    assert!(ok, "{shown}");
    let e = entry(&v, &id);
    assert_eq!(
        (&e["title"], &e["body"]),
        (&"Evening".into(), &"A heron, standing still.".into())
    );
    assert_eq!(fs::read_to_string(kept("mode")).unwrap().trim(), "700");
    for name in ["original", "saved", "swap"] {
        assert!(is_zeroed(&kept(name)), "{name}: {:?}", fs::read(kept(name)));
    }
    assert_eq!(
        fs::metadata(kept("saved")).unwrap().len(),
        "Title: Evening\n---\nA heron, standing still.".len() as u64,
        "zeros of the file's own length"
    );
    assert_eq!(names_in(&run), Vec::<String>::new());

    // Bytes that are not text, and an editor that fails: nothing is saved, and nothing kept.
    let visual = editor(
        dir.path(),
        r#"printf 'caf\351 au lait' > "$1"
ln "$1" "$KEEP/broken"
exit 1"#,
    );
    let (shown, ok) = edit_in(&v, &format!("edit {id}"), &visual, |c| {
        c.env("XDG_RUNTIME_DIR", &run).env("KEEP", &keep);
    });
    assert!(!ok, "{shown}");
    assert!(is_zeroed(&kept("broken")));
    assert_eq!(names_in(&run), Vec::<String>::new());
    assert_eq!(entry(&v, &id)["body"], "A heron, standing still.");
}

/// Every file under `dir`, with its contents as text.
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.clone(),
                    String::from_utf8_lossy(&fs::read(&p).unwrap()).into(),
                ));
            }
        }
    }
    out
}

/// The real vim, driven by a script: it writes, yanks into registers and
/// searches, as a person would. Nothing of it reaches ~/.viminfo (or any
/// swap, undo or backup file in the home folder). CI installs vim.
#[test]
fn vim_keeps_no_trace_of_the_words_in_the_home_folder() {
    if Command::new("vim").arg("--version").output().is_err() {
        eprintln!("vim is not installed here; skipped");
        return;
    }
    let (dir, v, _) = vault_with_an_entry();
    let run = runtime_dir(dir.path());
    let home = dir.path().join("home");
    fs::create_dir(&home).unwrap();
    // As a person's vimrc might: undo and backup files kept in the home folder.
    fs::write(
        home.join(".vimrc"),
        "set undofile undodir=~ backup backupdir=~ directory=~\n",
    )
    .unwrap();
    let script = dir.path().join("session.vim");
    fs::write(
        &script,
        r#"call setline(4, 'A heron, standing in the reeds.')
normal! 4Gyy
let @a = 'a heron in register a'
call histadd('/', 'heron searched for')
call writefile([string(&updatecount), &viminfofile], $HOME . '/../vim-state')
wq
"#,
    )
    .unwrap();
    let visual = format!("vim -S {}", script.display());
    let (shown, ok) = edit_in(&v, "write", &visual, |c| {
        c.env("XDG_RUNTIME_DIR", &run)
            .env("HOME", &home)
            .env("TERM", "xterm");
    });
    assert!(ok, "{shown}");
    let listed = ok_json(glimmer(&v, PASS, &["list", "--json"], None));
    let newest = listed[0]["id"].as_str().unwrap();
    assert_eq!(entry(&v, newest)["body"], "A heron, standing in the reeds.");
    assert_eq!(
        fs::read_to_string(dir.path().join("vim-state")).unwrap(),
        "0\nNONE\n",
        "no swap file, no viminfo"
    );
    for (path, text) in files_under(&home) {
        assert!(!text.contains("heron"), "{}: {text}", path.display());
    }
    assert!(!home.join(".viminfo").exists());
    assert_eq!(names_in(&run), Vec::<String>::new());
}

/// Ctrl+C, SIGTERM and SIGHUP sent to Glimmer while the editor is open do not
/// end it: what the editor saves afterwards is kept, and its file wiped.
#[test]
fn signals_while_the_editor_is_open_lose_nothing() {
    let (dir, v, _) = vault_with_an_entry();
    let run = runtime_dir(dir.path());
    let keep = dir.path().join("kept");
    fs::create_dir(&keep).unwrap();
    // Notes Glimmer's process id, waits until the test has signalled it,
    // then saves.
    let visual = editor(
        dir.path(),
        r#"ln "$1" "$KEEP/text"
echo "$PPID" > "$KEEP/pid.new"
mv "$KEEP/pid.new" "$KEEP/pid"
while [ ! -e "$KEEP/go" ]; do sleep 0.05; done
printf 'Title: Through it all\n---\nStill here.' > "$1""#,
    );
    let pid = keep.join("pid");
    let go = keep.join("go");
    let signaller = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !pid.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let id = fs::read_to_string(&pid).expect("the editor started");
        for signal in ["-INT", "-TERM", "-HUP"] {
            let sent = Command::new("kill")
                .args([signal, id.trim()])
                .status()
                .unwrap();
            assert!(sent.success());
            std::thread::sleep(Duration::from_millis(200));
        }
        File::create(&go).unwrap();
    });
    let (shown, ok) = edit_in(&v, "write", &visual, |c| {
        c.env("XDG_RUNTIME_DIR", &run).env("KEEP", &keep);
    });
    signaller.join().unwrap();
    assert!(ok, "{shown}");
    let listed = ok_json(glimmer(&v, PASS, &["list", "--json"], None));
    let newest = listed[0]["id"].as_str().unwrap();
    let e = entry(&v, newest);
    assert_eq!(
        (&e["title"], &e["body"]),
        (&"Through it all".into(), &"Still here.".into())
    );
    assert!(is_zeroed(&keep.join("text")));
    assert_eq!(names_in(&run), Vec::<String>::new());
}
