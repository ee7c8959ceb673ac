//! What the fuzzers (`fuzz/`, run by `scripts/fuzz.sh`) found, each kept as
//! a small input that once broke a parser.

use std::path::Path;

use glimmer::import::{self, Document, Format, Options};
use glimmer::vault::KeyFile;

use crate::util::TempVault;

fn berlin(from: Option<Format>) -> Options {
    Options {
        from,
        tz: Some("Europe/Berlin".into()),
        ..Options::default()
    }
}

/// An `&` that starts no entity, with a character of several bytes where an
/// entity's name would end: the note's HTML reader cut that character in two
/// and panicked.
#[tokio::test]
async fn an_ampersand_before_a_wide_character_is_kept_as_text() {
    let csv = "full_date,date,weekday,time,mood,activities,note\n\
               2024-05-02,2 May,Thursday,20:15,good,\"\",\"Watched Tom&Jerry and ça va, &nbsp;mieux\"\n";
    let parsed = import::parse(csv.as_bytes(), &berlin(Some(Format::Daylio))).unwrap();
    assert_eq!((parsed.preview.entries, parsed.preview.checkins), (1, 1));
    assert!(parsed.preview.problems.is_empty());

    let tv = TempVault::new().await;
    tv.vault.import(&parsed, false, &mut |_| {}).await.unwrap();
    let page = tv.vault.journal().list(10, None).await.unwrap();
    let entry = tv
        .vault
        .journal()
        .get(&page.items[0].id.to_string())
        .await
        .unwrap();
    assert_eq!(entry.body, "Watched Tom&Jerry and ça va,  mieux");
}

/// A member a newer Glimmer added to `vault.json` survives this one
/// rewriting the key slots (`to_bytes` is what a passphrase change writes),
/// to the last digit: numbers used to be read approximately, and written
/// back changed.
#[test]
fn a_number_a_newer_glimmer_kept_in_the_key_file_is_written_back_as_it_was() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-0.2.0/vault");
    let file = dir.join("vault.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let newer = text.replacen('{', "{\n  \"from_the_future\": 2.2222222e78,", 1);

    let mut kf = KeyFile::parse(newer.as_bytes(), &file, &dir).unwrap();
    let written = String::from_utf8(kf.to_bytes()).unwrap();
    assert!(
        written.contains("\"from_the_future\": 2.2222222e+78"),
        "{written}"
    );
    // What Glimmer writes, it reads back as it was.
    let mut again = KeyFile::parse(written.as_bytes(), &file, &dir).unwrap();
    assert_eq!(again, kf);
    assert_eq!(again.to_bytes(), written.as_bytes());
}

/// A Glimmer export's rows are read and written again as they were, big
/// numbers too (the fuzzer's had 55 digits).
#[test]
fn a_glimmer_export_keeps_its_numbers_through_a_read_and_a_write() {
    let text = r#"{"format":"glimmer","version":1,"checkins":[{"created_at":7777777777777777777777777777777777777777777777777977771}]}"#;
    let doc: Document = serde_json::from_str(text).unwrap();
    let again: Document = serde_json::from_slice(&serde_json::to_vec(&doc).unwrap()).unwrap();
    assert_eq!(doc, again);
}

/// A character of several bytes right after the one being looked at in a Day
/// One entry's text (here "ľ" after a "0"): reading the escapes cut it in two
/// and panicked.
#[test]
fn a_wide_character_in_a_day_one_text_is_read_whole() {
    let json = r##"{"metadata":{"version":"1.0"},"entries":[{"uuid":"0F6A1E2B3C4D5E6F708192A3B4C5D6E7",
        "creationDate":"2024-01-02T07:15:00Z","timeZone":"Europe/Berlin",
        "text":"# Walked\n\nThe water was high\\. 0ľ and \\(then\\) ľ\\!"}]}"##;
    let parsed = import::parse(json.as_bytes(), &berlin(Some(Format::DayOne))).unwrap();
    assert_eq!(parsed.preview.entries, 1);
    assert!(
        parsed.preview.problems.is_empty(),
        "{:?}",
        parsed.preview.problems
    );
}
