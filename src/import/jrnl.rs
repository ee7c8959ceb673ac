//! jrnl: its JSON export (`jrnl --export json`: `entries` with `title`,
//! `body`, `date`, `time`, `tags`, `starred`) and its plain-text journal
//! file, where each entry starts `[2024-01-02 08:15] Title. Body…` (or
//! `[2024-01-02 08:15:00 AM]`, the default of newer versions), a trailing
//! ` *` on the first line stars it, and `@words` are its tags. jrnl keeps
//! no time zone. An encrypted journal is recognised and refused with what
//! to do.

use jiff::civil::{Date, Time};
use serde::Deserialize;
use serde_json::Value;

use super::{Context, Place, parse_time, stable_id};
use crate::error::{Error, Result};
use crate::journal::NewEntry;

/// jrnl 2 and later encrypt with Fernet, whose tokens, in base64, start so
/// (the version byte 0x80 and a timestamp's high zero bytes).
const FERNET: &[u8] = b"gAAAAA";

fn encrypted() -> Error {
    Error::invalid(
        "file",
        "This jrnl journal is encrypted. Run `jrnl --decrypt` on it first (jrnl asks for its password), then import the decrypted file; nothing was imported.",
    )
}

pub(super) fn sniff(bytes: &[u8]) -> bool {
    if bytes.starts_with(FERNET) {
        return true;
    }
    let Some(text) = super::head(bytes) else {
        return false;
    };
    let text = text.trim_start();
    (text.starts_with('{') && text.contains("\"entries\""))
        || text.lines().next().and_then(header).is_some()
}

pub(super) fn read(bytes: &[u8], cx: &mut Context) -> Result<()> {
    if bytes.starts_with(FERNET) {
        return Err(encrypted());
    }
    // jrnl 1 wrote encrypted journals as raw bytes.
    let text = super::text(bytes).map_err(|_| encrypted())?;
    cx.zone_is_the_persons();
    if text.trim_start().starts_with('{') {
        read_json(text, cx)
    } else {
        read_text(text, cx);
        Ok(())
    }
}

#[derive(Deserialize)]
struct Export {
    entries: Vec<Value>,
}

#[derive(Deserialize)]
struct JsonEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    /// Only journals that jrnl kept in Day One have one.
    #[serde(default)]
    uuid: Option<String>,
}

fn read_json(text: &str, cx: &mut Context) -> Result<()> {
    let export: Export = serde_json::from_str(text).map_err(|e| {
        Error::invalid(
            "file",
            format!(
                "This jrnl export could not be read at line {}, column {} ({e}). Nothing was imported.",
                e.line(),
                e.column()
            ),
        )
    })?;
    for (i, value) in export.entries.into_iter().enumerate() {
        let at = Place::Entry(i + 1);
        let e: JsonEntry = match serde_json::from_value(value) {
            Ok(e) => e,
            Err(err) => {
                cx.problem(at, format!("This entry could not be read ({err})."));
                continue;
            }
        };
        let (Ok(day), Some(time)) = (
            Date::strptime("%Y-%m-%d", e.date.trim()),
            parse_time(&e.time),
        ) else {
            cx.problem(
                at,
                format!(
                    "“{} {}” is not a date and time Glimmer can read.",
                    e.date, e.time
                ),
            );
            continue;
        };
        let found = Found {
            day,
            time,
            tags: e.tags.iter().map(|t| strip_symbol(t).to_string()).collect(),
            title: e.title,
            body: e.body,
            starred: e.starred,
            id: e
                .uuid
                .as_deref()
                .and_then(|u| uuid::Uuid::parse_str(u).ok()),
        };
        add(cx, at, found);
    }
    Ok(())
}

/// `[2024-01-02 08:15]` or `[2024-01-02 08:15:00 AM]` at the start of a
/// line: the day, the time and the rest of the line.
fn header(line: &str) -> Option<(Date, Time, &str)> {
    let inner = line.strip_prefix('[')?;
    let (stamp, rest) = inner.split_once(']')?;
    let (day, time) = stamp.trim().split_once(' ')?;
    let day = Date::strptime("%Y-%m-%d", day).ok()?;
    Some((day, parse_time(time)?, rest))
}

fn read_text(text: &str, cx: &mut Context) {
    struct Open<'a> {
        line: u64,
        day: Date,
        time: Time,
        text: Vec<&'a str>,
    }
    fn finish(open: Option<Open>, cx: &mut Context) {
        if let Some(o) = open {
            let (title, body, starred) = split(&o.text.join("\n"));
            let found = Found {
                day: o.day,
                time: o.time,
                tags: tags_in(&format!("{title}\n{body}")),
                title,
                body,
                starred,
                id: None,
            };
            add(cx, Place::Line(o.line), found);
        }
    }
    let mut open: Option<Open> = None;
    for (n, line) in (1u64..).zip(text.lines()) {
        match header(line) {
            Some((day, time, rest)) => {
                finish(open.take(), cx);
                open = Some(Open {
                    line: n,
                    day,
                    time,
                    text: vec![rest.trim_start()],
                });
            }
            None => match &mut open {
                Some(o) => o.text.push(line),
                None if line.trim().is_empty() => {}
                None => cx.problem(
                    Place::Line(n),
                    "This line comes before the first dated entry, so it belongs to none.",
                ),
            },
        }
    }
    finish(open, cx);
}

/// An entry's text as jrnl splits it: a trailing `*` on the first line
/// stars it; the title is the first line, or with one line only, its first
/// sentence; the rest is the body.
fn split(text: &str) -> (String, String, bool) {
    let text = text.trim();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let (first, starred) = match first.trim_end().strip_suffix('*') {
        Some(f) => (f.trim_end(), true),
        None => (first.trim_end(), false),
    };
    if !rest.trim().is_empty() {
        return (first.to_string(), rest.trim().to_string(), starred);
    }
    let sentence_end = first
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '…')
                && first[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8());
    match sentence_end {
        Some(end) => (
            first[..end].trim().to_string(),
            first[end..].trim().to_string(),
            starred,
        ),
        None => (first.to_string(), String::new(), starred),
    }
}

/// Words starting with `@` or `#` (jrnl's default tag symbols) after a space
/// or at a line's start, without the symbol, lower-case, each once.
fn tags_in(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let Some(rest) = word.strip_prefix(['@', '#']) else {
            continue;
        };
        let tag: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '*' | '#' | '/'))
            .collect();
        let tag = tag
            .trim_end_matches(['*', '#', '/', '+', '-'])
            .to_lowercase();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

fn strip_symbol(tag: &str) -> &str {
    tag.trim().trim_start_matches(['@', '#'])
}

/// An entry as read, either way.
struct Found {
    day: Date,
    time: Time,
    title: String,
    body: String,
    tags: Vec<String>,
    starred: bool,
    /// The source's own id, when it has one.
    id: Option<uuid::Uuid>,
}

fn add(cx: &mut Context, at: Place, f: Found) {
    let Found {
        day,
        time,
        title,
        body,
        mut tags,
        starred,
        id,
    } = f;
    let when = match cx.local(day, time) {
        Ok(t) => t,
        Err(e) => return cx.problem(at, e.to_string()),
    };
    if starred {
        cx.star(&mut tags);
    }
    let id = id.unwrap_or_else(|| {
        stable_id(&["jrnl", &day.to_string(), &time.to_string(), &title, &body])
    });
    let entry = NewEntry {
        id: Some(id),
        title,
        body,
        tags,
        created_at: Some(when),
        tz: Some(cx.tz_name.clone()),
        ..NewEntry::default()
    };
    cx.record(at, Some(entry), None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_styles() {
        let (d, t, rest) = header("[2024-01-02 08:15] Title. Body").unwrap();
        assert_eq!(
            (d, t, rest),
            (
                Date::constant(2024, 1, 2),
                Time::constant(8, 15, 0, 0),
                " Title. Body"
            )
        );
        let (_, t, _) = header("[2024-01-02 08:15:00 PM] x").unwrap();
        assert_eq!(t, Time::constant(20, 15, 0, 0));
        assert!(header("[not a date] x").is_none());
        assert!(header("plain line").is_none());
    }

    #[test]
    fn titles_stars_and_tags_as_jrnl_reads_them() {
        assert_eq!(
            split("Walked by the river. It was cold. *"),
            ("Walked by the river.".into(), "It was cold.".into(), true)
        );
        assert_eq!(
            split("Just a title\nand a body\n\nin two parts"),
            (
                "Just a title".into(),
                "and a body\n\nin two parts".into(),
                false
            )
        );
        assert_eq!(split("no end"), ("no end".into(), String::new(), false));
        assert_eq!(
            tags_in("met @Sam at #work, then e@mail #"),
            vec!["sam".to_string(), "work".into()]
        );
    }
}
