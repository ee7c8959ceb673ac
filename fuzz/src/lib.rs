//! What the import targets check beyond "no panic": a file that reads gives
//! a preview that holds together, and reads the same way twice.

use std::collections::BTreeMap;

use glimmer::import::{self, Format, MoodSource, Options, Parsed, Place};

/// A zone with DST changes, so gaps and folds are met; one custom mood
/// mapped, so a person's own mapping is met too.
fn options(from: Option<Format>) -> Options {
    Options {
        from,
        mood_map: BTreeMap::from([("sleepy".to_string(), -1)]),
        tz: Some("Europe/Berlin".into()),
    }
}

/// Reads `data` as `format`, checks what it says, and reads it again the
/// same way; then lets Glimmer recognise it, which must not panic either.
pub fn import(data: &[u8], format: Format) {
    let opts = options(Some(format));
    if let Ok(parsed) = import::parse(data, &opts) {
        check(&parsed, format);
        // Ids are made from content and nothing else is kept between reads,
        // so the same bytes give the same preview.
        let again = import::parse(data, &opts).expect("bytes that read once read again");
        assert_eq!(parsed.preview, again.preview);
    }
    let _ = import::parse(data, &options(None));
}

fn check(parsed: &Parsed, format: Format) {
    let p = &parsed.preview;
    assert_eq!(p.format, format);
    assert_eq!(p.first_day.is_some(), p.last_day.is_some());
    assert!(
        p.first_day <= p.last_day,
        "{:?} after {:?}",
        p.first_day,
        p.last_day
    );
    if format != Format::Glimmer {
        // Every record read has a day; a Glimmer export's check-ins may not.
        assert_eq!(p.first_day.is_some(), p.entries + p.checkins > 0);
    }
    for pair in p.moods.windows(2) {
        assert!(
            pair[0].name < pair[1].name,
            "moods listed once each, in order"
        );
    }
    for m in &p.moods {
        assert!(m.count > 0 && !m.name.is_empty() && m.name.trim() == m.name);
        assert!(m.level.is_none_or(|l| (-3..=3).contains(&l)));
        assert_eq!(m.level.is_none(), m.source == MoodSource::Missing);
    }
    let unmapped = p.moods.iter().filter(|m| m.source == MoodSource::Missing);
    assert_eq!(p.unmapped().len(), unmapped.count());
    for problem in &p.problems {
        assert!(!problem.message.is_empty());
        assert!(!matches!(problem.place, Place::Line(0) | Place::Entry(0)));
    }
    assert_eq!(parsed.ready(true).is_ok(), p.unmapped().is_empty());
    assert_eq!(
        parsed.ready(false).is_ok(),
        p.unmapped().is_empty() && p.problems.is_empty()
    );
    assert!(p.more.iter().all(|c| c.count > 0));
    if format == Format::Daylio {
        // A row's entry comes with its check-in.
        assert!(p.entries <= p.checkins && p.more.is_empty());
    }
    if format == Format::Jrnl {
        assert!(p.checkins == 0 && p.moods.is_empty() && p.more.is_empty());
    }
    if format == Format::Glimmer {
        assert!(p.moods.is_empty());
    }
    // What the app is sent.
    serde_json::to_string(p).expect("a preview serialises");
}

/// Whether `data` is text opening with `{` (after a byte-order mark and
/// blanks): what sends a jrnl file to its JSON reader.
pub fn opens_an_object(data: &[u8]) -> bool {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    data.trim_ascii_start().starts_with(b"{")
}
