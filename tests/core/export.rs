//! Taking everything out: the journal as Markdown files (front matter that
//! parses as YAML, names safe on every OS), the numbers as CSV tables that a
//! CSV reader reads back, all readable by their owner only; and the command
//! line, which says the files are plaintext before it writes them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use glimmer::activation::{NewPlan, OccurrenceId, Outcome};
use glimmer::checkin::CheckinInput;
use glimmer::export::{self, FileFormat, Picture, Pictures};
use glimmer::mindful::NewSession;
use glimmer::{Kind, NewEntry, Vault};
use jiff::Timestamp;
use jiff::civil::{date, time};
use uuid::Uuid;
use yaml_rust2::{Yaml, YamlLoader};

use crate::cli::{failed_with, glimmer, ok_json};
use crate::util::TempVault;

/// A title with everything YAML and file systems trip on.
pub const HOSTILE_TITLE: &str = "Walk: by the \"river\"? - {a} [b] 'c' #d \\e | ☕ \u{fffe}";
/// Words only the journal holds: a summary must not show them unless asked.
pub const SECRET: &str = "SECRET-JOURNAL-WORDS";

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Entries, check-ins, a PHQ-9, a planned activity done and a timer session,
/// in early March 2024 (the PHQ-9 now: it cannot be backdated). Returns the
/// ids of the entries by what they are.
pub async fn fill(v: &Vault) -> BTreeMap<&'static str, Uuid> {
    let entry = |title: &str, body: &str, at_utc: &str, tz: &str| NewEntry {
        title: title.into(),
        body: body.into(),
        created_at: Some(at(at_utc)),
        tz: Some(tz.into()),
        ..NewEntry::default()
    };
    let mut ids = BTreeMap::new();
    let j = v.journal();
    let walk = NewEntry {
        tags: vec!["walk".into(), "self-care".into()],
        intensity: Some(4),
        ..entry(
            HOSTILE_TITLE,
            "Cold air.\n\n- a heron\n- tea",
            "2024-03-01T08:15:00Z",
            "Europe/Berlin",
        )
    };
    ids.insert("walk", j.create(&walk).await.unwrap().id);
    let again = entry(
        HOSTILE_TITLE,
        "The same walk, later.",
        "2024-03-01T17:00:00Z",
        "Europe/Berlin",
    );
    ids.insert("again", j.create(&again).await.unwrap().id);
    // 01:30 on the 2nd in Tokyo, still the 1st in UTC.
    let glimmer = NewEntry {
        kind: Kind::Glimmer,
        ..entry(
            "",
            "Small good thing, nothing more",
            "2024-03-01T16:30:00Z",
            "Asia/Tokyo",
        )
    };
    ids.insert("glimmer", j.create(&glimmer).await.unwrap().id);
    let secret = entry(
        "<script>alert(1)</script> & co",
        &format!("{SECRET} <b>bold</b> & more"),
        "2024-03-05T12:00:00Z",
        "Europe/Berlin",
    );
    ids.insert("secret", j.create(&secret).await.unwrap().id);
    let gone = entry("Gone", "In the trash", "2024-03-03T12:00:00Z", "UTC");
    let gone = j.create(&gone).await.unwrap().id;
    j.trash(&gone.to_string()).await.unwrap();

    v.checkins()
        .create(&CheckinInput {
            mood: Some(-2),
            intensity: Some(3),
            emotions: vec!["calm".into(), "grateful".into()],
            note: "=1+1, \"quoted\"\nsecond line".into(),
            created_at: Some(at("2024-03-01T07:00:00Z")),
            ..CheckinInput::default()
        })
        .await
        .unwrap();
    v.checkins()
        .create(&CheckinInput {
            mood: Some(1),
            created_at: Some(at("2024-03-04T18:00:00Z")),
            ..CheckinInput::default()
        })
        .await
        .unwrap();
    v.assessments().record_phq9(&[1; 9], Some(1)).await.unwrap();

    let walk = v.activities().find("Go for a short walk").await.unwrap();
    let plan = v
        .plans()
        .create(&NewPlan {
            activity_id: walk.id,
            day: date(2024, 3, 4),
            time: Some(time(9, 0, 0, 0)),
            tz: Some("Europe/Berlin".into()),
            repeat: None,
            predicted: Some(3),
            remind_minutes: None,
        })
        .await
        .unwrap();
    let occurrence = OccurrenceId {
        plan: plan.id,
        day: date(2024, 3, 4),
    };
    v.plans()
        .done(
            &occurrence,
            &Outcome {
                enjoyment: Some(7),
                mastery: Some(5),
                note: Some("felt lighter, \"really\"".into()),
                ..Outcome::default()
            },
        )
        .await
        .unwrap();
    v.mindful()
        .log(&NewSession {
            preset_id: None,
            name: "Evening sit, \"quiet\"".into(),
            started_at: Some(at("2024-03-02T10:00:00Z")),
            planned_seconds: Some(600),
            actual_seconds: 600,
            completed: true,
            manual: true,
            intensity_before: Some(2),
            intensity_after: Some(5),
        })
        .await
        .unwrap();
    ids
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file under `dir`, by its path relative to it.
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            #[cfg(unix)]
            assert_eq!(
                mode(&p),
                if p.is_dir() { 0o700 } else { 0o600 },
                "{}",
                p.display()
            );
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn names_of(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    files.keys().map(String::as_str).collect()
}

/// The front matter of a Markdown file, parsed by a YAML reader, and the body after it.
fn front_matter(text: &str) -> (Yaml, String) {
    let rest = text.strip_prefix("---\n").expect("front matter first");
    let end = rest.find("\n---\n").expect("front matter closed");
    let docs = YamlLoader::load_from_str(&rest[..end]).expect("front matter is YAML");
    assert_eq!(docs.len(), 1);
    (docs[0].clone(), rest[end + 5..].to_string())
}

fn no_unsafe_characters(name: &str) {
    assert!(
        !name
            .chars()
            .any(|c| "/\\:*?\"<>|".contains(c) || c.is_control()),
        "{name}"
    );
    assert_eq!(name, name.trim(), "no space at either end: {name:?}");
    assert!(!name.ends_with('.'), "{name}");
}

#[tokio::test]
async fn markdown_files_are_named_safely_with_front_matter_that_parses_as_yaml() {
    let tv = TempVault::new().await;
    let ids = fill(&tv.vault).await;
    let dest = tv.dir.path().join("out").join("Journal export");
    let report = export::write(&tv.vault, FileFormat::Markdown, &dest)
        .await
        .unwrap();
    assert_eq!(report.summary, "4 entries and 0 pictures");
    assert_eq!(report.path, dest.display().to_string());
    #[cfg(unix)]
    assert_eq!(mode(&dest), 0o700);
    let files = files_in(&dest);
    let names = names_of(&files);
    assert_eq!(
        names,
        [
            "2024-03-01 Walk by the river - {a} b 'c' d e ☕ \u{fffe} 2.md",
            "2024-03-01 Walk by the river - {a} b 'c' d e ☕ \u{fffe}.md",
            "2024-03-02 Small good thing, nothing more.md",
            "2024-03-05 script alert(1) script & co.md",
        ],
        "local dates (Tokyo's is a day on), titles or first words, made unique; the trash left out"
    );
    assert_eq!(report.files, 4);
    for name in &names {
        no_unsafe_characters(name);
    }

    let text = |name: &str| String::from_utf8(files[name].clone()).unwrap();
    let (yaml, body) = front_matter(&text(names[1]));
    assert_eq!(yaml["title"].as_str(), Some(HOSTILE_TITLE));
    assert_eq!(yaml["date"].as_str(), Some("2024-03-01T09:15:00+01:00"));
    assert_eq!(yaml["time_zone"].as_str(), Some("Europe/Berlin"));
    assert_eq!(yaml["kind"].as_str(), Some("entry"));
    assert_eq!(yaml["intensity"].as_i64(), Some(4));
    let tags: Vec<&str> = yaml["tags"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(tags, ["walk", "self-care"]);
    assert_eq!(yaml["id"].as_str(), Some(ids["walk"].to_string().as_str()));
    assert_eq!(body, "Cold air.\n\n- a heron\n- tea", "the body as written");

    let (yaml, body) = front_matter(&text(names[2]));
    assert_eq!(yaml["title"].as_str(), Some(""));
    assert_eq!(yaml["date"].as_str(), Some("2024-03-02T01:30:00+09:00"));
    assert_eq!(yaml["kind"].as_str(), Some("glimmer"));
    assert!(yaml["intensity"].is_badvalue(), "no intensity, no line");
    assert_eq!(yaml["tags"].as_vec().map(Vec::len), Some(0));
    assert_eq!(body, "Small good thing, nothing more");
}

/// Two pictures for one entry, none for the others.
struct TwoPictures(Uuid);

impl Pictures for TwoPictures {
    async fn of(&self, entry: Uuid) -> glimmer::Result<Vec<Picture>> {
        Ok(if entry == self.0 {
            vec![
                Picture {
                    extension: "JPG".into(),
                    bytes: b"first".to_vec(),
                    reference: String::new(),
                },
                Picture {
                    extension: "png".into(),
                    bytes: b"second".to_vec(),
                    reference: String::new(),
                },
            ]
        } else {
            Vec::new()
        })
    }
}

fn unescape_url(link: &str) -> String {
    let bytes = link.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&link[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn pictures_go_to_attachments_with_relative_links_that_resolve() {
    let tv = TempVault::new().await;
    let ids = fill(&tv.vault).await;
    let dest = tv.dir.path().join("with pictures");
    let report = export::write_markdown_with(&tv.vault, &dest, &TwoPictures(ids["secret"]))
        .await
        .unwrap();
    assert_eq!(report.summary, "4 entries and 2 pictures");
    assert_eq!(report.files, 6);
    let files = files_in(&dest);
    let md = String::from_utf8(files["2024-03-05 script alert(1) script & co.md"].clone()).unwrap();
    let links: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("![](")?.strip_suffix(')'))
        .collect();
    assert_eq!(links.len(), 2, "{md}");
    let got: Vec<&[u8]> = links
        .iter()
        .map(|l| {
            let path = unescape_url(l);
            assert!(path.starts_with("attachments/"), "{path}");
            files[&path].as_slice()
        })
        .collect();
    assert_eq!(got, [b"first".as_slice(), b"second".as_slice()]);
    assert!(links[0].ends_with(".jpg") && links[1].ends_with(".png"));
    let others = files
        .keys()
        .filter(|k| k.starts_with("attachments/"))
        .count();
    assert_eq!(others, 2, "entries without pictures get none");
}

#[tokio::test]
async fn a_zip_holds_the_same_files_readable_by_the_owner_only() {
    let tv = TempVault::new().await;
    fill(&tv.vault).await;
    let folder = tv.dir.path().join("folder");
    export::write(&tv.vault, FileFormat::Markdown, &folder)
        .await
        .unwrap();
    let zipped = tv.dir.path().join("journal.ZIP");
    let report = export::write(&tv.vault, FileFormat::Markdown, &zipped)
        .await
        .unwrap();
    assert_eq!(report.files, 4);
    #[cfg(unix)]
    assert_eq!(mode(&zipped), 0o600);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zipped).unwrap()).unwrap();
    let mut inside = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        assert_eq!(f.unix_mode().map(|m| m & 0o777), Some(0o600));
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        inside.insert(f.name().unwrap().to_string(), bytes);
    }
    assert_eq!(inside, files_in(&folder));

    // CSV tables go into a zip the same way.
    let tables = tv.dir.path().join("tables.zip");
    export::write(&tv.vault, FileFormat::Csv, &tables)
        .await
        .unwrap();
    let archive = zip::ZipArchive::new(std::fs::File::open(&tables).unwrap()).unwrap();
    assert_eq!(archive.len(), 4);
}

#[tokio::test]
async fn nothing_is_overwritten_and_nothing_is_left_half_written() {
    let tv = TempVault::new().await;
    fill(&tv.vault).await;
    let taken = tv.dir.path().join("taken");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("mine.txt"), "keep me").unwrap();
    let file = tv.dir.path().join("taken.zip");
    std::fs::write(&file, "not a zip").unwrap();
    for (dest, format) in [(&taken, FileFormat::Markdown), (&file, FileFormat::Csv)] {
        let e = export::write(&tv.vault, format, dest).await.unwrap_err();
        assert!(
            e.to_string().contains("nothing there is overwritten"),
            "{e}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(taken.join("mine.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a zip");
    // Only what was there before: no part-written export beside it.
    let mut names: Vec<String> = std::fs::read_dir(tv.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["taken", "taken.zip", "v"]);

    // Typed paths: full ones or from home; a default is new each time.
    assert!(export::destination(Some("relative/path"), date(2024, 3, 1)).is_err());
    assert_eq!(
        export::destination(Some(" /tmp/x.zip "), date(2024, 3, 1)).unwrap(),
        PathBuf::from("/tmp/x.zip")
    );
    let home = std::env::var("HOME").unwrap();
    assert_eq!(
        export::destination(Some("~/Glimmer"), date(2024, 3, 1)).unwrap(),
        Path::new(&home).join("Glimmer")
    );
    let default = export::destination(None, date(2024, 3, 1)).unwrap();
    assert!(
        default
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("Glimmer export 2024-03-01"),
        "{}",
        default.display()
    );
    assert!(!default.exists());
}

/// Rows of a CSV file as a CSV reader reads them, by column name, after the
/// UTF-8 byte-order mark every table starts with (for Excel), which a reader
/// takes off as Python's `utf-8-sig` does.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a UTF-8 byte-order mark first");
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

#[tokio::test]
async fn the_csv_tables_read_back_with_a_csv_reader() {
    let tv = TempVault::new().await;
    fill(&tv.vault).await;
    let dest = tv.dir.path().join("tables");
    let report = export::write(&tv.vault, FileFormat::Csv, &dest)
        .await
        .unwrap();
    assert_eq!(
        report.summary,
        "2 check-ins, 1 self-check, 1 planned activity and 1 timer session"
    );
    let files = files_in(&dest);
    let names = names_of(&files);
    assert_eq!(
        names,
        [
            "activities.csv",
            "checkins.csv",
            "phq9.csv",
            "timer-sessions.csv"
        ]
    );
    for bytes in files.values() {
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(
            text.starts_with("\u{feff}id,"),
            "a byte-order mark, then the header"
        );
        assert_eq!(text.matches('\u{feff}').count(), 1);
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains("\r"));
    }

    let (header, rows) = read_csv(&files["checkins.csv"]);
    assert_eq!(header[..4], ["id", "time", "time_zone", "mood"]);
    assert_eq!(rows.len(), 2);
    let first = &rows[0];
    let when: Timestamp = first["time"].parse().unwrap();
    assert_eq!(
        when,
        at("2024-03-01T07:00:00Z"),
        "a local time with its offset"
    );
    assert!(
        first["time"].contains('T') && first["time"].len() == 25,
        "{}",
        first["time"]
    );
    assert_eq!(first["mood"], "-2");
    assert_eq!(first["feeling_intensity"], "3");
    assert_eq!(first["energy"], "");
    assert_eq!(first["emotions"], "calm; grateful");
    assert_eq!(
        first["note"], "'=1+1, \"quoted\"\nsecond line",
        "commas, quotes and line breaks survive; a formula is shown, not run"
    );

    let (_, rows) = read_csv(&files["phq9.csv"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["total"], "9");
    assert_eq!(rows[0]["band"], "mild");
    assert_eq!(rows[0]["item_9"], "1");
    assert_eq!(rows[0]["difficulty"], "1");

    let (_, rows) = read_csv(&files["activities.csv"]);
    assert_eq!(rows.len(), 1);
    let walk = &rows[0];
    assert_eq!(walk["date"], "2024-03-04");
    assert_eq!(walk["time"], "2024-03-04T09:00:00+01:00");
    assert_eq!(walk["activity"], "Go for a short walk");
    assert_eq!(walk["status"], "done");
    assert_eq!(walk["expected_enjoyment"], "3");
    assert_eq!(walk["enjoyment"], "7");
    assert_eq!(walk["note"], "felt lighter, \"really\"");

    let (_, rows) = read_csv(&files["timer-sessions.csv"]);
    let when: Timestamp = rows[0]["time"].parse().unwrap();
    assert_eq!(when, at("2024-03-02T10:00:00Z"));
    assert_eq!(rows[0]["name"], "Evening sit, \"quiet\"");
    assert_eq!(rows[0]["practice_seconds"], "600");
    assert_eq!(rows[0]["added_by_hand"], "true");
    assert_eq!(rows[0]["intensity_after"], "5");
}

fn cli_vault() -> (tempfile::TempDir, PathBuf, &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    ok_json(glimmer(&v, p, &["init", "--json"], None));
    ok_json(glimmer(
        &v,
        p,
        &[
            "write",
            "--json",
            "--title",
            "River",
            &format!("{SECRET} by the water"),
        ],
        None,
    ));
    ok_json(glimmer(
        &v,
        p,
        &["checkin", "--json", "--mood", "1", "--intensity", "4"],
        None,
    ));
    (dir, v, p)
}

#[test]
fn the_command_line_says_exports_are_plaintext_and_asks_first() {
    let (dir, v, p) = cli_vault();
    let out = dir.path().join("md");
    let out_s = out.to_str().unwrap();
    let refused = glimmer(
        &v,
        p,
        &["export", "--format", "markdown", "--out", out_s],
        None,
    );
    failed_with(&refused, "--yes");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not encrypted"));
    assert!(!out.exists(), "nothing written unasked");

    let done = glimmer(
        &v,
        p,
        &[
            "export", "--format", "markdown", "--out", out_s, "--yes", "--json",
        ],
        None,
    );
    let err = String::from_utf8_lossy(&done.stderr).into_owned();
    let report = ok_json(done);
    assert!(err.contains("not encrypted"), "said even with --yes: {err}");
    assert_eq!(report["files"], 1);
    assert_eq!(report["path"], out_s);
    let files = files_in(&out);
    assert_eq!(files.len(), 1);
    assert!(files.keys().next().unwrap().ends_with(" River.md"));

    let again = glimmer(
        &v,
        p,
        &["export", "--format", "csv", "--out", out_s, "--yes"],
        None,
    );
    failed_with(&again, "already something");

    let csv_out = dir.path().join("tables.zip");
    let plain = glimmer(
        &v,
        p,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            csv_out.to_str().unwrap(),
            "--yes",
        ],
        None,
    );
    assert!(plain.status.success());
    let said = String::from_utf8_lossy(&plain.stdout);
    assert!(
        said.contains("1 check-in") && said.contains("tables.zip"),
        "{said}"
    );
}

#[test]
fn the_command_line_writes_a_private_summary_of_the_parts_ticked() {
    let (dir, v, p) = cli_vault();
    let today = jiff::Zoned::now().date().to_string();
    let file = dir.path().join("summary.html");
    let f = file.to_str().unwrap();
    let refused = glimmer(
        &v,
        p,
        &["report", "--from", &today, "--to", &today, "--out", f],
        None,
    );
    failed_with(&refused, "--yes");
    assert!(!file.exists());

    let args = [
        "report",
        "--from",
        &today,
        "--to",
        &today,
        "--include",
        "mood",
        "--out",
        f,
        "--yes",
    ];
    let done = glimmer(&v, p, &args, None);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("data-section=\"mood\""));
    assert!(html.contains("1 check-in on 1 day"), "{html}");
    assert!(!html.contains("data-section=\"phq9\""));
    assert!(!html.contains(SECRET), "no journal text unless ticked");

    let args = [
        "report",
        "--from",
        &today,
        "--to",
        &today,
        "--include",
        "mood,journal",
        "--out",
        f,
        "--yes",
    ];
    assert!(glimmer(&v, p, &args, None).status.success());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains(SECRET), "ticked, the entries are there");

    let backwards = [
        "report",
        "--from",
        &today,
        "--to",
        "2000-01-01",
        "--out",
        f,
        "--yes",
    ];
    failed_with(&glimmer(&v, p, &backwards, None), "before it starts");
}

/// The vault's own pictures: the one the text shows links where it stands,
/// a removed one is left out.
#[tokio::test]
async fn the_vaults_pictures_are_exported_where_the_text_shows_them() {
    use glimmer::journal::{NewPicture, PictureOwner};
    let tv = TempVault::new().await;
    let entry = tv
        .vault
        .journal()
        .create(&crate::util::text("Before"))
        .await
        .unwrap();
    let pictures = tv.vault.journal().pictures();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(b"the river at dusk");
    let shown = pictures
        .add(&NewPicture {
            owner: PictureOwner::Entry(entry.id),
            bytes: &png,
            description: "The river",
            id: None,
        })
        .await
        .unwrap();
    let gone = pictures
        .add(&NewPicture {
            owner: PictureOwner::Entry(entry.id),
            bytes: &png,
            description: "Removed",
            id: None,
        })
        .await
        .unwrap();
    pictures.remove(gone.id).await.unwrap();
    let patch = glimmer::journal::EntryPatch {
        body: Some(format!("Before\n\n{}\nAfter", shown.markdown)),
        ..Default::default()
    };
    tv.vault
        .journal()
        .update(&entry.id.to_string(), &patch)
        .await
        .unwrap();

    let dest = tv.dir.path().join("md");
    let report = export::write(&tv.vault, export::FileFormat::Markdown, &dest)
        .await
        .unwrap();
    assert_eq!(report.summary, "1 entry and 1 picture");
    let files = files_in(&dest);
    let (md_name, md) = files.iter().find(|(k, _)| k.ends_with(".md")).unwrap();
    let md = String::from_utf8(md.clone()).unwrap();
    assert!(
        !md.contains("picture:"),
        "the in-vault reference is rewritten: {md}"
    );
    let link = md
        .lines()
        .find_map(|l| l.strip_prefix("![The river](")?.strip_suffix(')'))
        .unwrap_or_else(|| panic!("no link where the text showed it in {md_name}: {md}"));
    assert_eq!(files[&unescape_url(link)], png);
    assert!(
        md.trim_end().ends_with("After"),
        "nothing appended after the text: {md}"
    );
}
