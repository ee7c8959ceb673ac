//! `crisis.json` beside the vault: read only when it is a plain, small file,
//! and written durably for the user's eyes only.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::cli::glimmer;

/// `glimmer help-now` with no passphrase, killed (and failed) if it takes
/// more than a few seconds: "Need help now" must never hang.
fn help_now_promptly(vault: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_glimmer"))
        .arg("help-now")
        .env("GLIMMER_VAULT", vault)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("glimmer help-now hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn assert_built_in_line_with(out: &Output, problem: &str) {
    let shown = String::from_utf8_lossy(&out.stdout);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(shown.contains("call 988 or text 988"), "{shown}");
    assert!(shown.contains("This is Glimmer's built-in line"), "{shown}");
    assert!(said.contains(problem), "{said}");
    assert!(said.contains("Choose your line again"), "{said}");
}

#[test]
fn a_fifo_at_crisis_json_never_hangs_help_now() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    std::fs::create_dir(&v).unwrap();
    let made = Command::new("mkfifo")
        .arg(v.join("crisis.json"))
        .status()
        .unwrap();
    assert!(made.success());
    assert_built_in_line_with(&help_now_promptly(&v), "is not a plain file");
}

#[test]
fn a_huge_crisis_json_is_refused_with_a_plain_message() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    std::fs::create_dir(&v).unwrap();
    let line = r#"{"name":"Line","call":"123","emergency":"112"}"#;
    let huge = format!("{line}{}", " ".repeat(10 * 1024 * 1024));
    std::fs::write(v.join("crisis.json"), huge).unwrap();
    assert_built_in_line_with(
        &help_now_promptly(&v),
        "is far too large to be a crisis line",
    );
}

#[test]
fn a_chosen_line_is_written_for_the_user_only() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let set = glimmer(&v, "", &["crisis", "set", "--country", "GB"], None);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let meta = std::fs::metadata(v.join("crisis.json")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(!v.join("crisis.json.tmp").exists());
    let shown = String::from_utf8_lossy(&help_now_promptly(&v).stdout).into_owned();
    assert!(shown.contains("Samaritans: call 116 123"), "{shown}");
}
