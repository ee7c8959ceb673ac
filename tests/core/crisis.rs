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

fn assert_neutral_with(out: &Output, problem: &str) {
    let shown = String::from_utf8_lossy(&out.stdout);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    // A file that cannot be read is not replaced by a guess: the neutral card.
    assert!(
        shown.contains("Call your local emergency number."),
        "{shown}"
    );
    assert!(!shown.contains("988"), "{shown}");
    assert!(shown.contains("To choose your line again"), "{shown}");
    assert!(
        !shown.contains("no crisis line for your country"),
        "{shown}"
    );
    assert!(said.contains(problem), "{said}");
    assert!(said.contains("could not be read"), "{said}");
    assert!(said.contains("Choose your line again"), "{said}");
}

/// `glimmer crisis set` with these arguments, which must succeed.
fn crisis_set(vault: &Path, args: &[&str]) {
    let set = glimmer(vault, "", &[&["crisis", "set"], args].concat(), None);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
}

#[test]
fn a_malformed_crisis_json_shows_the_neutral_card_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    std::fs::create_dir(&v).unwrap();
    std::fs::write(v.join("crisis.json"), b"{\"call\": 988,").unwrap();
    assert_neutral_with(&help_now_promptly(&v), "is damaged");
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
    assert_neutral_with(&help_now_promptly(&v), "is not a plain file");
}

#[test]
fn a_huge_crisis_json_is_refused_with_a_plain_message() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    std::fs::create_dir(&v).unwrap();
    let line = r#"{"name":"Line","call":"123","emergency":"112"}"#;
    let huge = format!("{line}{}", " ".repeat(10 * 1024 * 1024));
    std::fs::write(v.join("crisis.json"), huge).unwrap();
    assert_neutral_with(&help_now_promptly(&v), "is far too large to be Glimmer's");
}

#[test]
fn a_chosen_line_is_written_for_the_user_only() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    crisis_set(&v, &["--country", "GB"]);
    let meta = std::fs::metadata(v.join("crisis.json")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(!v.join("crisis.json.tmp").exists());
    let shown = String::from_utf8_lossy(&help_now_promptly(&v).stdout).into_owned();
    assert!(shown.contains("Samaritans: call 116 123"), "{shown}");
}

/// A vault whose safety plan cannot be read: its table is gone. Built with the
/// real migrations, the last one followed by a drop under its own checksum,
/// so the vault opens as current and only reading the plan fails.
async fn vault_without_a_readable_plan(v: &Path, pass: &str) {
    use std::borrow::Cow;

    use glimmer::vault::MIGRATOR;
    use sqlx::migrate::Migrator;
    use sqlx::{AssertSqlSafe, SqlSafeStr};

    let mut migrations = MIGRATOR.migrations.to_vec();
    let last = migrations.last_mut().unwrap();
    let sql = format!("{}\nDROP TABLE safety_plan;", last.sql.as_str());
    last.sql = AssertSqlSafe(sql).into_sql_str();
    let migrator = Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    };
    let (vault, _) = glimmer::Vault::create_with_migrator(
        v,
        &glimmer::Secret::new(pass),
        crate::util::light_kdf(),
        &migrator,
    )
    .await
    .unwrap();
    vault.lock().await;
}

#[tokio::test]
async fn phq9_prints_the_line_even_when_the_plan_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    vault_without_a_readable_plan(&v, p).await;
    let set = glimmer(&v, "", &["crisis", "set", "--country", "GB"], None);
    assert!(set.status.success());

    let out = glimmer(&v, p, &["phq9", "--answers", "0,0,0,0,0,0,0,0,1"], None);
    let (shown, said) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        shown.contains("Samaritans: call 116 123"),
        "{shown}\n{said}"
    );
    assert!(shown.contains("cannot alert anyone"), "{shown}");
    assert!(said.contains("safety plan could not be read"), "{said}");
    // The score still follows; the answers were kept before the plan was read.
    assert!(out.status.success(), "{said}");
    assert!(shown.contains("PHQ-9 total is 1"), "{shown}");

    // With --json the line goes to stderr first and the JSON says why the plan is missing.
    let out = glimmer(
        &v,
        p,
        &["phq9", "--json", "--answers", "0,0,0,0,0,0,0,0,2"],
        None,
    );
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(said.contains("Samaritans: call 116 123"), "{said}");
    let json = crate::cli::ok_json(out);
    assert_eq!(json["crisis_line"]["call"], "116 123");
    assert!(json["safety_plan"].is_null());
    assert!(json["safety_plan_unreadable"].is_string(), "{json}");

    // Even a wrong passphrase, which stops everything else, comes after the line.
    let out = glimmer(
        &v,
        "not it",
        &["phq9", "--answers", "0,0,0,0,0,0,0,0,1"],
        None,
    );
    assert!(!out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("Samaritans: call 116 123"), "{shown}");
}

/// The plan as a card to carry, and (by choice, off by default) its coping
/// steps and people on `help-now` while locked: they follow each save, and
/// turning it off removes the file.
#[tokio::test]
async fn the_plan_prints_as_a_card_and_shows_while_locked_only_when_chosen() {
    use glimmer::safety::{OUTSIDE_FILE, SafetyPlan};
    let tv = crate::util::TempVault::new().await;
    let plan = SafetyPlan {
        coping_strategies: vec!["Cold water on my face".into()],
        people_to_ask: vec!["Sam 555 0101".into()],
        reasons_for_living: vec!["Pip the cat".into()],
        ..SafetyPlan::default()
    };
    tv.vault.safety().save(&plan).await.unwrap();
    let v = tv.path();
    let p = crate::util::PASS;
    assert!(!v.join(OUTSIDE_FILE).exists(), "off by default");
    let shown = String::from_utf8_lossy(&help_now_promptly(&v).stdout).into_owned();
    assert!(!shown.contains("Sam 555 0101"), "{shown}");

    // Without a terminal, turning it on needs --yes; nothing changes otherwise.
    let refused = glimmer(&v, p, &["safety", "show-while-locked", "on"], None);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    assert!(!v.join(OUTSIDE_FILE).exists());
    let on = glimmer(&v, p, &["safety", "show-while-locked", "on", "--yes"], None);
    assert!(
        on.status.success(),
        "{}",
        String::from_utf8_lossy(&on.stderr)
    );
    let file = v.join(OUTSIDE_FILE);
    assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("Sam 555 0101") && !text.contains("Pip the cat"),
        "only two steps: {text}"
    );
    let shown = String::from_utf8_lossy(&help_now_promptly(&v).stdout).into_owned();
    assert!(
        shown.contains("Step 4: People I can ask for help") && shown.contains("Sam 555 0101"),
        "{shown}"
    );

    // A save updates the file; off removes it.
    let changed = SafetyPlan {
        people_to_ask: vec!["Robin 555 0199".into()],
        ..plan.clone()
    };
    tv.vault.safety().save(&changed).await.unwrap();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Robin 555 0199")
    );
    assert!(
        glimmer(&v, p, &["safety", "show-while-locked", "off"], None)
            .status
            .success()
    );
    assert!(!file.exists());
    tv.vault.safety().save(&plan).await.unwrap();
    assert!(!file.exists(), "a save does not turn it back on");

    // A damaged file: the line still comes first, and the problem is named.
    std::fs::create_dir(&file).unwrap();
    let out = help_now_promptly(&v);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a plain file"));
    std::fs::remove_dir(&file).unwrap();

    // The card, at both sizes, readable by its owner only.
    let card = tv.dir.path().join("card.html");
    let out = glimmer(
        &v,
        p,
        &[
            "safety",
            "print",
            "--out",
            card.to_str().unwrap(),
            "--size",
            "page",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&card).unwrap();
    assert!(
        html.starts_with("<!doctype html>")
            && html.contains("Pip the cat")
            && html.contains("safety-card page")
    );
    assert_eq!(card.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    // A file already there is never written over.
    let again = glimmer(
        &v,
        p,
        &["safety", "print", "--out", card.to_str().unwrap()],
        None,
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is already there"));
    assert!(
        std::fs::read_to_string(&card)
            .unwrap()
            .contains("safety-card page"),
        "unchanged"
    );
    let out = glimmer(&v, p, &["safety", "print", "--out", "-"], None);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("safety-card card"),
        "wallet by default"
    );
    let nowhere = glimmer(
        &v,
        p,
        &["safety", "print", "--out", "/nonexistent/dir/card.html"],
        None,
    );
    assert!(!nowhere.status.success());
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("could not be written"));
}

/// The numbers of the table as checked in December 2026 (see the source
/// comments in `src/crisis/lines.rs`): a changed digit here or there fails.
#[test]
fn the_table_has_the_checked_numbers_and_the_further_lines() {
    use glimmer::crisis::builtin;
    let row = |code: &str| builtin(code).unwrap_or_else(|| panic!("no row for {code}"));

    let be = row("BE");
    assert_eq!((be.call.as_str(), be.emergency.as_str()), ("1813", "112"));
    let fr: Vec<_> = be
        .more
        .iter()
        .map(|m| (&*m.about, &*m.name, &*m.call))
        .collect();
    assert_eq!(
        fr,
        [(
            "In French",
            "Centre de Prévention du Suicide",
            "0800 32 123"
        )]
    );

    let de = row("DE");
    assert_eq!(de.call, "0800 111 0 111");
    assert_eq!(de.more.len(), 1);
    assert_eq!(de.more[0].call, "0800 111 0 222");
    assert_eq!(de.more[0].name, "TelefonSeelsorge");

    // Added in December 2026, each from an official page.
    for (code, call, emergency) in [
        ("PT", "808 24 24 24", "112"),
        ("SG", "1771", "995"),
        ("ZA", "0800 567 567", "10111"),
    ] {
        let l = row(code);
        assert_eq!(
            (l.call.as_str(), l.emergency.as_str()),
            (call, emergency),
            "{code}"
        );
        assert_eq!(l.checked, "2026-12", "{code}");
    }

    // Only news or a town newsletter names these lines: kept, claiming no check.
    for code in ["ES", "JP"] {
        assert_eq!(row(code).checked, "", "{code}");
    }
    // Not addable yet: no official page states their numbers.
    for code in ["IN", "BR", "MX", "IT", "DK"] {
        assert!(builtin(code).is_none(), "{code}");
    }
}

#[test]
fn help_now_names_the_further_lines_and_a_changed_row_claims_no_check() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    crisis_set(&v, &["--country", "BE"]);
    let shown = String::from_utf8_lossy(&help_now_promptly(&v).stdout).into_owned();
    assert!(
        shown.contains(
            "Zelfmoordlijn 1813: call 1813. In French: Centre de Prévention du Suicide, call 0800 32 123. Emergency: 112."
        ),
        "{shown}"
    );
    let kept = glimmer::crisis::load(&v).unwrap();
    assert_eq!(kept.checked, "2026-12");

    // Another emergency number makes it the person's line: no check, no further lines.
    crisis_set(&v, &["--country", "BE", "--emergency", "101"]);
    let changed = glimmer::crisis::load(&v).unwrap();
    assert_eq!((changed.checked.as_str(), changed.more.len()), ("", 0));
    let shown = String::from_utf8_lossy(&help_now_promptly(&v).stdout).into_owned();
    assert!(!shown.contains("0800 32 123"), "{shown}");
}

/// A `crisis.json` written before rows had a check month and further lines
/// still loads, and gains both when it is a row as the table has it.
#[test]
fn an_older_crisis_json_loads_and_gains_the_further_lines() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    std::fs::create_dir(&v).unwrap();
    let old = r#"{"code":"DE","country":"Germany","name":"TelefonSeelsorge","call":"0800 111 0 111","text":"","emergency":"112"}"#;
    std::fs::write(v.join("crisis.json"), old).unwrap();
    let line = glimmer::crisis::load(&v).expect("still readable");
    assert_eq!(line.checked, "2026-12");
    assert_eq!(line.more[0].call, "0800 111 0 222");
    let shown = String::from_utf8_lossy(&help_now_promptly(&v).stdout).into_owned();
    assert!(
        shown.contains("Second number: TelefonSeelsorge, call 0800 111 0 222."),
        "{shown}"
    );
}
