//! The journal as Markdown, as Obsidian and any editor open it: one file per
//! entry named by its local date and title, YAML front matter, the body as
//! written, and its pictures in `attachments/` with relative links.

use std::collections::HashSet;
use std::future::Future;
use std::path::Path;

use uuid::Uuid;

use super::{ExportReport, Sink, count, local_time, zone};
use crate::error::Result;
use crate::journal::{Entry, Kind};
use crate::markdown::plain_excerpt;
use crate::storage::MAX_LIST;
use crate::vault::Vault;

/// One picture of an entry, as the export writes it into `attachments/`.
pub struct Picture {
    /// The file's extension without the dot ("jpg").
    pub extension: String,
    pub bytes: Vec<u8>,
}

/// Where the Markdown export finds each entry's pictures, in the order they
/// are shown. An entry without pictures gets none written and no links.
pub trait Pictures {
    fn of(&self, entry: Uuid) -> impl Future<Output = Result<Vec<Picture>>> + Send;
}

/// A journal whose entries hold no pictures.
pub struct NoPictures;

impl Pictures for NoPictures {
    async fn of(&self, _entry: Uuid) -> Result<Vec<Picture>> {
        Ok(Vec::new())
    }
}

/// Writes every entry outside the trash, oldest first, with its pictures
/// from `pictures`, to `dest` (a new folder, or a new file ending in `.zip`).
pub async fn write_markdown_with(
    vault: &Vault,
    dest: &Path,
    pictures: &impl Pictures,
) -> Result<ExportReport> {
    let mut sink = Sink::create(dest)?;
    let mut taken = HashSet::new();
    let (mut entries, mut pictured) = (0, 0);
    let mut after: Option<String> = None;
    loop {
        let page = vault
            .journal()
            .full_page(None, None, MAX_LIST, after.as_deref())
            .await?;
        for entry in &page.items {
            let stem = unique(file_stem(entry), &mut taken);
            let mut links = Vec::new();
            for (i, picture) in pictures.of(entry.id).await?.into_iter().enumerate() {
                let name = format!(
                    "attachments/{stem} {}.{}",
                    i + 1,
                    safe_extension(&picture.extension)
                );
                sink.add(&name, &picture.bytes)?;
                links.push(name);
                pictured += 1;
            }
            sink.add(&format!("{stem}.md"), document(entry, &links).as_bytes())?;
            entries += 1;
        }
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    sink.finish(format!(
        "{} and {}",
        count(entries, "entry", "entries"),
        count(pictured, "picture", "pictures")
    ))
}

/// The file's text: front matter, the body as written, then a link to each picture.
fn document(entry: &Entry, links: &[String]) -> String {
    let tz = zone(&entry.tz);
    let mut doc = String::from("---\n");
    doc.push_str(&format!("title: {}\n", yaml_string(&entry.title)));
    doc.push_str(&format!("date: {}\n", local_time(entry.created_at, &tz)));
    doc.push_str(&format!("updated: {}\n", local_time(entry.updated_at, &tz)));
    doc.push_str(&format!("time_zone: {}\n", yaml_string(&entry.tz)));
    doc.push_str(&format!("kind: {}\n", kind_word(entry.kind)));
    if let Some(i) = entry.intensity {
        doc.push_str(&format!("intensity: {i}\n"));
    }
    let tags: Vec<String> = entry.tags.iter().map(|t| yaml_string(t)).collect();
    doc.push_str(&format!("tags: [{}]\n", tags.join(", ")));
    doc.push_str(&format!("id: {}\n", entry.id));
    doc.push_str("---\n");
    doc.push_str(&entry.body);
    if !links.is_empty() {
        doc.push_str("\n\n");
        for link in links {
            doc.push_str(&format!("![]({})\n", url_path(link)));
        }
    }
    doc
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Entry => "entry",
        Kind::Glimmer => "glimmer",
    }
}

/// "2024-03-01 Walk by the river": the local date and the title, or the
/// first words when there is none.
fn file_stem(entry: &Entry) -> String {
    let date = entry.created_at.to_zoned(zone(&entry.tz)).date();
    let words = if entry.title.trim().is_empty() {
        plain_excerpt(&entry.body, 40)
            .trim_end_matches('…')
            .to_string()
    } else {
        entry.title.clone()
    };
    let words = if words.trim().is_empty() {
        kind_word(entry.kind).to_string()
    } else {
        words
    };
    safe_name(&format!("{date} {words}"))
}

/// Longest name kept, in characters: well within every file system's limit
/// of 255 bytes, with room for " 12.jpeg".
const NAME_CHARS: usize = 100;

/// A name every OS accepts and Obsidian links to: no `/\:*?"<>|` (nor
/// `#^[]`, which break wiki links), no control characters, no runs of
/// spaces, and no space or dot at either end (Windows drops them).
pub(crate) fn safe_name(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|#^[]".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let joined = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = joined.chars().take(NAME_CHARS).collect();
    cut.trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string()
}

/// `stem`, or `stem 2`, `stem 3`… when taken: compared without case, as
/// Windows and macOS compare names.
fn unique(stem: String, taken: &mut HashSet<String>) -> String {
    let mut name = stem.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{stem} {n}");
        n += 1;
    }
    name
}

/// A picture's extension, lower case letters and digits only.
fn safe_extension(ext: &str) -> String {
    let ext: String = ext
        .trim_start_matches('.')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(5)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() { "bin".into() } else { ext }
}

/// A relative path as a link target: every byte but unreserved ones and
/// `/` percent-encoded, so spaces and brackets in names keep the link whole.
fn url_path(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `text` as a YAML double-quoted scalar: quotes, backslashes and anything
/// YAML does not print as itself (controls, line and paragraph separators,
/// U+FFFE…) escaped, so any title or tag reads back exactly.
pub(crate) fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ' '..='~'
            | '\u{a0}'..='\u{2027}'
            | '\u{202a}'..='\u{d7ff}'
            | '\u{e000}'..='\u{fefe}'
            | '\u{ff00}'..='\u{fffd}'
            | '\u{10000}'.. => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_everywhere() {
        assert_eq!(
            safe_name("2024-03-01 Walk: by the river?"),
            "2024-03-01 Walk by the river"
        );
        assert_eq!(
            safe_name("2024-03-01 a/b\\c*d\"e<f>g|h #i ^j [k]"),
            "2024-03-01 a b c d e f g h i j k"
        );
        assert_eq!(safe_name("2024-03-01 tea...  "), "2024-03-01 tea");
        assert_eq!(
            safe_name("2024-03-01 \u{7}bell\ttab"),
            "2024-03-01 bell tab"
        );
        assert_eq!(
            safe_name(&format!("2024-03-01 {}", "x".repeat(500)))
                .chars()
                .count(),
            NAME_CHARS
        );
    }

    #[test]
    fn names_are_unique_without_case() {
        let mut taken = HashSet::new();
        let names: Vec<String> = [
            "2024-03-01 Walk",
            "2024-03-01 walk",
            "2024-03-01 Walk 2",
            "2024-03-01 Walk",
        ]
        .into_iter()
        .map(|s| unique(s.to_string(), &mut taken))
        .collect();
        assert_eq!(
            names,
            [
                "2024-03-01 Walk",
                "2024-03-01 walk 2",
                "2024-03-01 Walk 2 2",
                "2024-03-01 Walk 3"
            ]
        );
    }

    #[test]
    fn any_text_reads_back_exactly_through_a_yaml_reader() {
        for text in [
            "plain",
            "",
            "null",
            "yes",
            "1.5",
            "~",
            "- item: {a} [b] 'c' #d",
            "& anchor *alias !tag %directive @at `tick`",
            "\"quoted\" and \\ back",
            "\u{a0}nbsp \u{2028} line \u{2029} para \u{feff} bom \u{85} nel \u{fffe} \u{7}",
            "tab\tand\nnewline",
            "emoji 🌊 and CJK 川",
        ] {
            let doc = format!("title: {}\n", yaml_string(text));
            let parsed = yaml_rust2::YamlLoader::load_from_str(&doc).expect(&doc);
            assert_eq!(parsed[0]["title"].as_str(), Some(text), "{doc}");
        }
    }

    #[test]
    fn links_and_extensions_stay_whole() {
        assert_eq!(
            url_path("attachments/2024-03-01 Tea (hot) 1.jpg"),
            "attachments/2024-03-01%20Tea%20%28hot%29%201.jpg"
        );
        assert_eq!(safe_extension(".JPG"), "jpg");
        assert_eq!(safe_extension("../x"), "x");
        assert_eq!(safe_extension(""), "bin");
    }
}
