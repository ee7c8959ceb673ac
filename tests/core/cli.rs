//! The `glimmer` binary end to end, as a script would drive it.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_glimmer");

pub(crate) fn glimmer(vault: &Path, pass: &str, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("GLIMMER_VAULT", vault)
        .env("GLIMMER_PASSWORD", pass)
        .env_remove("GLIMMER_PASSWORD_FILE")
        .env_remove("GLIMMER_NEW_PASSWORD")
        .env_remove("GLIMMER_RECOVERY_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        // A command that refuses without reading (no terminal) may have gone
        // already: a closed pipe is its answer, not a failure of the test.
        match input.write_all(s.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.unwrap(),
        }
    }
    drop(input);
    child.wait_with_output().unwrap()
}

pub(crate) fn ok_json(out: Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// A vault made by `glimmer init` in a temp folder's `vault`, with one entry
/// written, and its passphrase.
pub(crate) fn with_one_entry() -> (tempfile::TempDir, &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    ok_json(glimmer(&v, p, &["init", "--json"], None));
    ok_json(glimmer(
        &v,
        p,
        &["write", "--json", "a small good thing"],
        None,
    ));
    (dir, p)
}

/// `glimmer passwd` from `old` to `new`, as a script would run it.
pub fn passwd(vault: &Path, old: &str, new: &str) {
    let pw = Command::new(BIN)
        .args(["passwd"])
        .env("GLIMMER_VAULT", vault)
        .env("GLIMMER_PASSWORD", old)
        .env("GLIMMER_NEW_PASSWORD", new)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        pw.status.success(),
        "{}",
        String::from_utf8_lossy(&pw.stderr)
    );
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn init_write_search_show_edit_rm_restore() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";

    let init = ok_json(glimmer(&v, p, &["init", "--json"], None));
    let recovery = init["recovery_key"].as_str().unwrap().to_string();
    assert_eq!(recovery.split('-').count(), 8);

    let first = ok_json(glimmer(
        &v,
        p,
        &[
            "write",
            "--json",
            "--title",
            "Morning",
            "--tag",
            "Walk",
            "The numbness lifted by the pond.",
        ],
        None,
    ));
    let id = first["id"].as_str().unwrap().to_string();
    assert_eq!(first["tags"], serde_json::json!(["walk"]));

    let piped = ok_json(glimmer(
        &v,
        p,
        &["write", "--json", "--glimmer", "--intensity", "3", "-"],
        Some("A robin sang.\n"),
    ));
    assert_eq!(piped["kind"], "glimmer");
    assert_eq!(piped["intensity"], 3);

    let found = ok_json(glimmer(&v, p, &["search", "--json", "numb*"], None));
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["entry"]["id"], id.as_str());
    assert!(
        hits[0]["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>numbness</mark>")
    );
    let by_tag = ok_json(glimmer(
        &v,
        p,
        &["search", "--json", "--tag", "walk", "pond"],
        None,
    ));
    assert_eq!(by_tag["hits"].as_array().unwrap().len(), 1);
    let by_kind = ok_json(glimmer(
        &v,
        p,
        &["search", "--json", "--kind", "glimmer", "robin"],
        None,
    ));
    assert_eq!(by_kind["hits"].as_array().unwrap().len(), 1);
    let outside = ok_json(glimmer(
        &v,
        p,
        &["search", "--json", "--until", "2001-01-01", "pond"],
        None,
    ));
    assert!(outside["hits"].as_array().unwrap().is_empty());

    let shown = ok_json(glimmer(&v, p, &["show", "--json", &id[..13]], None));
    assert_eq!(shown["title"], "Morning");
    assert_eq!(shown["html"], "<p>The numbness lifted by the pond.</p>\n");

    let edited = ok_json(glimmer(
        &v,
        p,
        &["edit", "--json", &id, "A heron by the pond."],
        None,
    ));
    assert_eq!(edited["body"], "A heron by the pond.");
    assert_eq!(edited["title"], "Morning");
    let none = ok_json(glimmer(&v, p, &["search", "--json", "numbness"], None));
    assert!(none["hits"].as_array().unwrap().is_empty());

    let rm = glimmer(&v, p, &["rm", &id], None);
    assert!(rm.status.success());
    assert!(String::from_utf8_lossy(&rm.stdout).contains("glimmer restore"));
    let listed = ok_json(glimmer(&v, p, &["list", "--json"], None));
    assert!(!ids(&listed).contains(&id));
    let trash = ok_json(glimmer(&v, p, &["list", "--json", "--trash"], None));
    assert_eq!(ids(&trash), vec![id.clone()]);

    ok_json(glimmer(&v, p, &["restore", "--json", &id], None));
    let listed = ok_json(glimmer(&v, p, &["list", "--json"], None));
    assert_eq!(ids(&listed).len(), 2);
    assert_eq!(ids(&listed)[1], id, "newest first");

    let tags = ok_json(glimmer(&v, p, &["tags", "--json"], None));
    assert_eq!(tags, serde_json::json!([{"tag": "walk", "count": 1}]));

    // Plain text output for people.
    let text = glimmer(&v, p, &["show", &id], None);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Morning") && text.contains("#walk") && text.contains("A heron by the pond.")
    );

    // Passphrase change and recovery.
    let wrong = glimmer(&v, "not it", &["list"], None);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("passphrase doesn't open this vault"));
    let wrong_json = glimmer(&v, "not it", &["list", "--json"], None);
    let err: Value = serde_json::from_slice(&wrong_json.stderr).unwrap();
    assert_eq!(err["error"]["code"], "wrong_passphrase");

    passwd(&v, p, "a brand new phrase");
    assert!(!glimmer(&v, p, &["list"], None).status.success());
    assert_eq!(
        ids(&ok_json(glimmer(
            &v,
            "a brand new phrase",
            &["list", "--json"],
            None
        )))
        .len(),
        2
    );

    let key_file = dir.path().join("recovery.txt");
    std::fs::write(&key_file, format!("{recovery}\n")).unwrap();
    let rec = Command::new(BIN)
        .args(["recover", "--recovery-key-file"])
        .arg(&key_file)
        .env("GLIMMER_VAULT", &v)
        .env("GLIMMER_NEW_PASSWORD", "recovered at last")
        .output()
        .unwrap();
    assert!(
        rec.status.success(),
        "{}",
        String::from_utf8_lossy(&rec.stderr)
    );
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, "recovered at last\n").unwrap();
    let via_file = Command::new(BIN)
        .args(["list", "--json", "--password-file"])
        .arg(&pass_file)
        .env("GLIMMER_VAULT", &v)
        .output()
        .unwrap();
    assert_eq!(ids(&ok_json(via_file)).len(), 2);
}

#[test]
fn errors_are_one_plain_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("nothing-here");
    let out = glimmer(&v, "x", &["list"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("There is no Glimmer vault") && err.contains("glimmer init"));

    ok_json(glimmer(&v, "pass phrase", &["init", "--json"], None));
    let again = glimmer(&v, "pass phrase", &["init"], None);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let empty = glimmer(&v, "pass phrase", &["write", "-"], Some("   \n"));
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("nothing was saved"));
    let missing = glimmer(&v, "pass phrase", &["show", "0000aaaa"], None);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("No entry matches"));
    let bad_date = glimmer(
        &v,
        "pass phrase",
        &["search", "--since", "yesterday", "x"],
        None,
    );
    assert!(!bad_date.status.success());
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("not a date"));
}

#[test]
fn checkin_phq9_and_chart_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "a long pass phrase";
    ok_json(glimmer(&v, p, &["init", "--json"], None));
    let c = ok_json(glimmer(
        &v,
        p,
        &[
            "checkin",
            "--json",
            "--mood",
            "-2",
            "--intensity",
            "3",
            "--emotion",
            "Flat",
            "--body",
            "chest",
        ],
        None,
    ));
    assert_eq!(
        (c["mood"].as_i64(), c["intensity"].as_u64()),
        (Some(-2), Some(3))
    );
    assert_eq!(c["emotions"], serde_json::json!(["flat"]));
    let bad = glimmer(
        &v,
        p,
        &[
            "checkin",
            "--mood",
            "-1",
            "--intensity",
            "2",
            "--emotion",
            "meh",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not one of Glimmer's emotion words"));
    assert_eq!(
        ok_json(glimmer(&v, p, &["checkins", "--json"], None))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Item 9 above zero: the safety text comes before the score. The line is
    // chosen first, so the test does not depend on the machine's locale.
    let us = glimmer(&v, "", &["crisis", "set", "--country", "US"], None);
    assert!(us.status.success());
    let out = glimmer(&v, p, &["phq9", "--answers", "0,0,0,0,0,0,0,0,1"], None);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let (safety, score) = (
        text.find("988").unwrap(),
        text.find("PHQ-9 total is 1").unwrap(),
    );
    assert!(safety < score, "{text}");
    assert!(text.contains("cannot alert anyone") && text.contains("not a diagnosis"));
    let json = ok_json(glimmer(
        &v,
        p,
        &["phq9", "--json", "--answers", "3,3,3,3,3,3,2,0,0"],
        None,
    ));
    assert_eq!(
        (
            json["assessment"]["total"].as_u64(),
            json["band_label"].as_str()
        ),
        (Some(20), Some("severe"))
    );
    assert!(json["safety_plan"].is_null());
    // Beside the one before (1): a rise of 19, and a total of 15 or more.
    assert!(
        json["change"]["compared"]
            .as_str()
            .unwrap()
            .starts_with("19 points higher than on "),
        "{json}"
    );
    let kinds: Vec<_> = json["change"]["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["rise", "high"]);
    let again = glimmer(&v, p, &["phq9", "--answers", "3,3,3,3,3,3,2,0,1"], None);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("That is 1 point higher than on "), "{text}");
    assert!(
        text.contains("talk with a doctor or therapist soon"),
        "{text}"
    );
    assert!(
        text.contains("Thoughts of being better off dead or of hurting yourself have come back"),
        "{text}"
    );
    assert!(text.contains("glimmer help-now"), "{text}");
    assert!(
        text.contains("glimmer report --from"),
        "the summary for a doctor: {text}"
    );
    let wrong = glimmer(&v, p, &["phq9", "--answers", "0,1"], None);
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("9 questions"));

    let svg = dir.path().join("emotions.svg");
    let out = glimmer(
        &v,
        p,
        &[
            "chart",
            "emotions",
            "--range",
            "all",
            "--out",
            svg.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("desc") && n.text().is_some_and(|t| t.contains("flat: 1")))
    );
}

/// An easily guessed new passphrase is accepted, with a kind hint on stderr.
#[test]
fn a_weak_new_passphrase_gets_a_hint_not_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let hint = "close to a password many people use";
    let stderr = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();

    let init = glimmer(&v, "Summer2024!", &["init", "--json"], None);
    let recovery = ok_json(init.clone())["recovery_key"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(stderr(&init).contains(hint), "{}", stderr(&init));

    let new_passphrase = |args: &[&str], new: &str| {
        let out = Command::new(BIN)
            .args(args)
            .env("GLIMMER_VAULT", &v)
            .env("GLIMMER_PASSWORD", "Summer2024!")
            .env("GLIMMER_NEW_PASSWORD", new)
            .env("GLIMMER_RECOVERY_KEY", &recovery)
            .env_remove("GLIMMER_PASSWORD_FILE")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    let strong = new_passphrase(&["passwd"], "maple orbit tundra quill saffron");
    assert_eq!(strong, "", "no hint for a strong one");
    let weak = new_passphrase(&["recover"], "Dragon2025#");
    assert!(
        weak.contains(hint) && weak.contains("`glimmer passwd`"),
        "{weak}"
    );

    let other = dir.path().join("other");
    let quiet = glimmer(&other, "correct horse battery staple", &["init"], None);
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "");
}

pub(crate) fn failed_with(out: &Output, words: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains(words),
        "exit {:?}, stderr: {err}",
        out.status
    );
}

/// A script, cron or ssh has no terminal: standard input is closed, empty or
/// holds something else. `edit` must never take that for the new text.
#[test]
fn edit_without_a_terminal_never_wipes_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "a long pass phrase";
    ok_json(glimmer(&v, p, &["init", "--json"], None));
    let e = ok_json(glimmer(
        &v,
        p,
        &["write", "--json", "--title", "Morning", "By the pond."],
        None,
    ));
    let id = e["id"].as_str().unwrap();

    let tagged = ok_json(glimmer(
        &v,
        p,
        &["edit", "--json", id, "--tag", "heron"],
        None,
    ));
    assert_eq!(tagged["body"], "By the pond.");
    assert_eq!(tagged["tags"], serde_json::json!(["heron"]));
    let titled = ok_json(glimmer(
        &v,
        p,
        &["edit", "--json", id, "--title", "Evening"],
        Some("stray input\n"),
    ));
    assert_eq!(titled["body"], "By the pond.");

    // Nothing to change and no terminal for an editor: refused, whatever is on stdin.
    for stdin in [None, Some(""), Some("stray input\n")] {
        failed_with(&glimmer(&v, p, &["edit", id], stdin), "nothing was changed");
    }
    // Asked for, but empty: a failed command at the head of a pipe.
    failed_with(
        &glimmer(&v, p, &["edit", id, "-"], Some("  \n")),
        "nothing was changed",
    );
    failed_with(
        &glimmer(&v, p, &["edit", id, ""], None),
        "nothing was changed",
    );

    let shown = ok_json(glimmer(&v, p, &["show", "--json", id], None));
    assert_eq!(
        (&shown["title"], &shown["body"], &shown["tags"]),
        (
            &serde_json::json!("Evening"),
            &serde_json::json!("By the pond."),
            &serde_json::json!(["heron"])
        )
    );
    let piped = ok_json(glimmer(
        &v,
        p,
        &["edit", "--json", id, "-"],
        Some("A heron.\n"),
    ));
    assert_eq!(piped["body"], "A heron.\n");
}

/// `write` and `phq9` read standard input only when asked to, so a script's
/// stray input never becomes an entry or a recorded self-check.
#[tokio::test]
async fn write_and_phq9_without_a_terminal_take_nothing_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "a long pass phrase";
    ok_json(glimmer(&v, p, &["init", "--json"], None));

    for stdin in [None, Some(""), Some("stray input\n")] {
        failed_with(&glimmer(&v, p, &["write"], stdin), "nothing was saved");
        failed_with(
            &glimmer(&v, p, &["write", "--title", "Morning"], stdin),
            "nothing was saved",
        );
    }
    failed_with(
        &glimmer(&v, p, &["write", "--title", "Morning", "-"], Some("")),
        "nothing was saved",
    );
    let listed = ok_json(glimmer(&v, p, &["list", "--json"], None));
    assert!(ids(&listed).is_empty(), "{listed}");

    let answers = "0\n".repeat(9);
    let phq9 = glimmer(&v, p, &["phq9"], Some(&answers));
    failed_with(&phq9, "--answers");
    assert!(phq9.stdout.is_empty());
    let vault = glimmer::Vault::unlock(
        &v,
        &glimmer::Credential::Passphrase(glimmer::Secret::new(p)),
    )
    .await
    .unwrap();
    assert!(vault.assessments().phq9_history().await.unwrap().is_empty());
    vault.lock().await;
}

/// Plain errors end with what to type next; `--json` keeps the core's sentence alone.
#[test]
fn plain_errors_end_with_a_hint_json_errors_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "a long pass phrase";
    let stderr = |out: Output| String::from_utf8(out.stderr).unwrap();

    let missing = stderr(glimmer(&v, p, &["list"], None));
    assert_eq!(missing.matches("`glimmer init`").count(), 1, "{missing}");

    ok_json(glimmer(&v, p, &["init", "--json"], None));
    let not_found = stderr(glimmer(&v, p, &["show", "0000aaaa"], None));
    assert_eq!(
        not_found.matches("`glimmer list`").count(),
        1,
        "{not_found}"
    );

    let wrong = stderr(glimmer(&v, "not it", &["list"], None));
    assert_eq!(wrong.trim().lines().count(), 1, "{wrong}");
    assert!(wrong.contains("`glimmer recover`"), "{wrong}");
    let wrong_json: Value =
        serde_json::from_str(&stderr(glimmer(&v, "not it", &["list", "--json"], None))).unwrap();
    assert_eq!(wrong_json["error"]["code"], "wrong_passphrase");
    assert!(
        !wrong_json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("glimmer recover")
    );
}

#[test]
fn help_now_needs_no_vault_and_no_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let help_now_in = |locale: &str| {
        Command::new(BIN)
            .arg("help-now")
            .env("GLIMMER_VAULT", &v)
            .env("LANG", locale)
            .env("LC_ALL", locale)
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    // No vault at all, and a locale naming no country or one not in the
    // table: the neutral card, never another country's line.
    for locale in ["C.UTF-8", "xx_ZZ.UTF-8"] {
        let out = help_now_in(locale);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Call your local emergency number."), "{text}");
        assert!(!text.contains("988") && !text.contains("911"), "{text}");
        assert!(text.contains("cannot alert anyone"), "{text}");
        assert!(text.contains("glimmer crisis set"), "{text}");
    }
    // In the US, the US line.
    let text = String::from_utf8_lossy(&help_now_in("en_US.UTF-8").stdout).into_owned();
    assert!(text.contains("call 988 or text 988"), "{text}");
    assert!(text.contains("Emergency: 911."), "{text}");
    let json = ok_json(
        Command::new(BIN)
            .args(["help-now", "--json"])
            .env("GLIMMER_VAULT", &v)
            .env("LC_ALL", "xx_ZZ.UTF-8")
            .stdin(Stdio::null())
            .output()
            .unwrap(),
    );
    assert_eq!(
        (json["known"].as_bool(), json.get("call")),
        (Some(false), None)
    );
    assert!(
        json["no_line"]
            .as_str()
            .unwrap()
            .contains("local emergency number")
    );

    // The person chooses a country; a wrong code changes nothing.
    let bad = glimmer(&v, "", &["crisis", "set", "--country", "ZZ"], None);
    assert_eq!(bad.status.code(), Some(1));
    let set = glimmer(&v, "", &["crisis", "set", "--country", "GB"], None);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );

    // With a vault that is locked and a passphrase that is wrong, help is still there.
    let p = "correct horse battery";
    assert!(glimmer(&v, p, &["init", "--json"], None).status.success());
    let out = glimmer(&v, "not the passphrase", &["help-now"], None);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Samaritans: call 116 123. Emergency: 999."),
        "no dangling \"text\" when a line takes no texts: {text}"
    );
    let json = ok_json(glimmer(&v, "", &["help-now", "--json"], None));
    assert_eq!(json["call"], "116 123");

    // A line of one's own.
    let own = glimmer(
        &v,
        "",
        &[
            "crisis",
            "set",
            "--name",
            "My clinic",
            "--call",
            "0123 456",
            "--json",
        ],
        None,
    );
    let own = ok_json(own);
    assert_eq!(
        (own["name"].as_str(), own["code"].as_str()),
        (Some("My clinic"), Some(""))
    );
    assert_eq!(own["emergency"], "999", "what was not typed is kept");
}

/// Runs `glimmer ARGS` on a terminal (util-linux `script` gives it a pty),
/// typing `keys`; `setup` adds to its environment. Returns what the terminal
/// showed and whether glimmer succeeded.
pub fn on_a_terminal(
    vault: &Path,
    pass: &str,
    args: &str,
    keys: &str,
    setup: impl FnOnce(&mut Command),
) -> (String, bool) {
    let mut script = Command::new("script");
    script
        .args(["-qec", &format!("{BIN} {args}"), "/dev/null"])
        .env("GLIMMER_VAULT", vault)
        .env("GLIMMER_PASSWORD", pass)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    setup(&mut script);
    let mut child = script.spawn().expect("util-linux script");
    let mut input = child.stdin.take().unwrap();
    input.write_all(keys.as_bytes()).unwrap();
    // Keep the terminal open until glimmer is done (closing it early ends the
    // session), but not for ever if it waits for more than was typed.
    let mut output = child.stdout.take().unwrap();
    let (done, shown) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = output.read_to_end(&mut bytes);
        let _ = done.send(bytes);
    });
    let Ok(bytes) = shown.recv_timeout(std::time::Duration::from_secs(120)) else {
        let _ = child.kill();
        panic!("glimmer {args} on a terminal did not finish");
    };
    drop(input);
    let status = child.wait().unwrap();
    (
        String::from_utf8_lossy(&bytes).into_owned(),
        status.success(),
    )
}

#[tokio::test]
async fn phq9_on_a_terminal_shows_safety_first_and_asks_difficulty_only_when_it_applies() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    assert!(glimmer(&v, p, &["init", "--json"], None).status.success());
    // Chosen, so the line shown does not depend on the machine's locale.
    let us = glimmer(&v, "", &["crisis", "set", "--country", "US"], None);
    assert!(us.status.success());

    let zeros = on_a_terminal(&v, p, "phq9", &"0\n".repeat(9), |_| {}).0;
    assert!(zeros.contains("total is 0 of 27"), "{zeros}");
    assert!(
        !zeros.contains("how difficult"),
        "no difficulty question when nothing was checked off: {zeros}"
    );

    let flagged = on_a_terminal(&v, p, "phq9", "0\n1\n0\n0\n0\n0\n0\n0\n1\n2\n", |_| {}).0;
    let safety = flagged
        .find("You're not alone")
        .expect("the safety message");
    let difficulty = flagged
        .find("how difficult")
        .expect("the difficulty question");
    assert!(
        safety < difficulty,
        "the crisis line comes before any further question: {flagged}"
    );
    assert!(flagged.contains("call 988"), "{flagged}");

    let vault = glimmer::Vault::unlock(
        &v,
        &glimmer::Credential::Passphrase(glimmer::Secret::new(p)),
    )
    .await
    .unwrap();
    let history = vault.assessments().phq9_history().await.unwrap();
    vault.lock().await;
    assert_eq!(
        history
            .iter()
            .map(|a| (a.score.total, a.difficulty))
            .collect::<Vec<_>>(),
        vec![(0, None), (2, Some(2))]
    );
}

#[test]
fn backups_and_check_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    assert!(glimmer(&v, p, &["init", "--json"], None).status.success());
    // Any command that opens the vault takes the day's backup.
    assert!(
        glimmer(&v, p, &["write", "kept in the backup"], None)
            .status
            .success()
    );
    let list = ok_json(glimmer(&v, p, &["backup", "list", "--json"], None));
    let daily = list.as_array().unwrap();
    assert_eq!(daily.len(), 1, "{list}");
    assert_eq!(daily[0]["reason"], "daily");
    let taken = ok_json(glimmer(&v, p, &["backup", "now", "--json"], None));
    let name = taken["backup"]["name"].as_str().unwrap().to_string();
    assert_eq!(taken["backup"]["entries"], 1);
    assert!(
        glimmer(&v, p, &["write", "written after"], None)
            .status
            .success()
    );

    // A script with no terminal is not asked, and nothing changes without --yes.
    let refused = glimmer(&v, p, &["backup", "restore", &name], None);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    assert_eq!(
        ok_json(glimmer(&v, p, &["list", "--json"], None))
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let restored = glimmer(&v, p, &["backup", "restore", &name, "--yes"], None);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let items = ok_json(glimmer(&v, p, &["list", "--json"], None));
    assert_eq!(items.as_array().unwrap().len(), 1, "{items}");

    let check = ok_json(glimmer(&v, p, &["check", "--json"], None));
    assert_eq!(
        (check["database"].as_str(), check["ok"].as_bool()),
        (Some("ok"), Some(true))
    );
    // Both engine versions, so a security notice can be checked against them.
    let sqlite = check["engine"]["sqlite"].as_str().unwrap();
    let parts: Vec<u32> = sqlite.split('.').map(|n| n.parse().unwrap()).collect();
    assert!(parts >= vec![3, 50, 2], "{sqlite}");
    assert!(
        check["engine"]["sqlcipher"]
            .as_str()
            .unwrap()
            .starts_with('4')
    );
}

#[test]
fn crisis_set_with_nothing_to_set_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    failed_with(
        &glimmer(&v, "", &["crisis", "set"], None),
        "Nothing was changed",
    );
    assert!(
        !v.join("crisis.json").exists(),
        "no line was chosen for the person"
    );
    let p = "correct horse battery";
    assert!(glimmer(&v, p, &["init", "--json"], None).status.success());
    failed_with(
        &glimmer(&v, p, &["backup", "restore", "nope"], None),
        "`glimmer backup list`",
    );
}

#[test]
fn man_pages_and_completions_come_from_the_real_commands() {
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man");
    let out = Command::new(BIN)
        .args(["generate", "man"])
        .arg(&man)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(man.join("glimmer.1")).unwrap();
    assert!(page.contains(".TH glimmer 1"), "{page}");
    assert!(page.contains("\\-\\-password\\-file"), "{page}");
    // A page for each command, nested ones too.
    for name in [
        "glimmer-write.1",
        "glimmer-plan-add.1",
        "glimmer-backup-restore.1",
    ] {
        assert!(man.join(name).is_file(), "{name}");
    }

    for (shell, start) in [
        ("bash", "_glimmer() {"),
        ("zsh", "#compdef glimmer"),
        ("fish", "# Print an optspec for argparse"),
    ] {
        let out = Command::new(BIN)
            .args(["generate", "completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.starts_with(start), "{shell}: {script}");
        assert!(
            script.contains("checkin") && script.contains("password-file"),
            "{shell}"
        );
    }
}
