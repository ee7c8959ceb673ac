//! How results are printed: plain, friendly text by default, JSON with `--json`.
//! Each command prints its own results beside it (`commands/*.rs`); here is
//! what they share: `Out`, the JSON, `say!`, and the formatting several use.

use glimmer::Kind;
use glimmer::crisis::{self, CrisisInfo, CrisisLine};
use jiff::Timestamp;
use serde::Serialize;

/// Prints a line; a closed pipe (`glimmer list | head`) ends quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}
pub(crate) use say;

pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn json<T: Serialize>(&self, v: &T) {
        say!(
            "{}",
            serde_json::to_string_pretty(v).expect("output serialises")
        );
    }

    pub fn message(&self, text: &str) {
        if self.json {
            self.json(&serde_json::json!({ "message": text }));
        } else {
            say!("{text}");
        }
    }

    /// A list: as JSON, or each row as `line` says it, or `empty` when there are none.
    pub fn rows<T: Serialize>(&self, rows: &[T], empty: &str, line: impl FnMut(&T)) {
        if self.json {
            return self.json(&rows);
        }
        say_each(rows, empty, line);
    }
}

/// Each row as `line` says it, or `empty` when there are none.
pub fn say_each<T>(rows: &[T], empty: &str, line: impl FnMut(&T)) {
    if rows.is_empty() {
        say!("{empty}");
    }
    rows.iter().for_each(line);
}

pub fn local(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// An entry's title, or its first words when it has none.
pub fn headline(title: &str, excerpt: &str) -> String {
    if title.is_empty() {
        excerpt.to_string()
    } else {
        title.to_string()
    }
}

pub fn tag_list(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn mark(kind: Kind) -> &'static str {
    match kind {
        Kind::Glimmer => "✦ ",
        Kind::Entry => "",
    }
}

/// The line's own fields as before, and what to say when no line is known.
#[derive(Serialize)]
pub struct CrisisJson<'a> {
    #[serde(flatten)]
    line: Option<&'a CrisisLine>,
    known: bool,
    chosen: bool,
    unreadable: Option<&'a str>,
    /// The neutral card's words, only when no line is known.
    no_line: Option<String>,
}

impl<'a> From<&'a CrisisInfo> for CrisisJson<'a> {
    fn from(info: &'a CrisisInfo) -> Self {
        Self {
            line: info.line.as_ref(),
            known: info.line.is_some(),
            chosen: info.chosen,
            unreadable: info.unreadable.as_deref(),
            no_line: info.line.is_none().then(no_line),
        }
    }
}

/// The neutral card in one sentence: never another country's line.
fn no_line() -> String {
    format!("{} {}", crisis::NO_LINE, crisis::NO_LINE_EU)
}

/// The line in one sentence, or the neutral card when none is known.
pub fn crisis_sentence(info: &CrisisInfo) -> String {
    match &info.line {
        Some(line) if line.country.is_empty() => line.sentence(),
        Some(line) => format!("{} ({})", line.sentence(), line.country),
        None => no_line(),
    }
}
