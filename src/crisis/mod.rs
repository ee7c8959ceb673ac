//! The crisis line and emergency number, kept in a small file beside the vault
//! (`crisis.json`) so that "Need help now" works on the lock screen, from the
//! command line and when a passphrase is forgotten. It holds no personal data:
//! a country and public phone numbers. When nothing was chosen, the built-in
//! line of the system's country is used. When that country is unknown or not
//! in the table, or the file cannot be read, no line is known: every front end
//! then shows the neutral card ([`NO_LINE`]), never another country's line.

mod lines;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use lines::{COUNTRY_LINES, CountryLine, OtherLine};

use crate::error::{Error, Result};
use crate::storage::{check_name, read_small_file};

const FILE: &str = "crisis.json";
/// A crisis line is a few hundred bytes; anything much larger is not ours.
const MAX_FILE_BYTES: u64 = 64 * 1024;
const MAX_NAME_CHARS: usize = 100;
const MAX_NUMBER_CHARS: usize = 30;

/// The neutral card's words, for when no line is known. The UI's CrisisCard
/// says the same.
pub const NO_LINE: &str = "Call your local emergency number.";
/// Said beside [`NO_LINE`]: true wherever the person is in the EU, and in the
/// words of the HSE page cited for the ES row of the table. Wider claims
/// ("much of the world") are left out: no source in the table says so.
pub const NO_LINE_EU: &str = "112 works in any EU country.";

/// A crisis line as shown to the person. `Default` is empty, not any
/// country's line: a missing line is [`CrisisInfo::line`] `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct CrisisLine {
    /// ISO 3166-1 alpha-2 code of a built-in row; empty for a line the person typed.
    pub code: String,
    pub country: String,
    pub name: String,
    pub call: String,
    /// Number to text; empty when the line takes no texts.
    pub text: String,
    pub emergency: String,
    /// Month (`YYYY-MM`) Glimmer last checked these numbers against the
    /// service's or a government page. Only a built-in row, unchanged, has
    /// one; a line the person typed or changed has none, and neither has a
    /// row no such page could be found for. Filled from the table, never
    /// taken from the front end or the file.
    pub checked: String,
    /// Further lines of a built-in row (a second language, a second number).
    /// From the table, like `checked`.
    pub more: Vec<MoreLine>,
}

/// A further line beside the main one, as shown to the person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct MoreLine {
    /// Who or what it is for, in a few words that can start a sentence: "In French".
    pub about: String,
    pub name: String,
    pub call: String,
    /// Number to text; empty when the line takes no texts.
    pub text: String,
}

impl From<&OtherLine> for MoreLine {
    fn from(l: &OtherLine) -> Self {
        Self {
            about: l.about.into(),
            name: l.name.into(),
            call: l.call.into(),
            text: l.text.into(),
        }
    }
}

impl From<&CountryLine> for CrisisLine {
    fn from(r: &CountryLine) -> Self {
        Self {
            code: r.code.into(),
            country: r.country.into(),
            name: r.name.into(),
            call: r.call.into(),
            text: r.text.into(),
            emergency: r.emergency.into(),
            checked: r.checked.into(),
            more: r.more.iter().map(MoreLine::from).collect(),
        }
    }
}

/// "call 116 123 or text 85258", or `None` when there is neither.
fn ways(call: &str, text: &str) -> Option<String> {
    let ways: Vec<String> = [("call", call), ("text", text)]
        .into_iter()
        .filter(|(_, n)| !n.is_empty())
        .map(|(how, n)| format!("{how} {n}"))
        .collect();
    (!ways.is_empty()).then(|| ways.join(" or "))
}

impl CrisisLine {
    /// A few sentences for plain text: "Samaritans: call 116 123. Emergency:
    /// 999.", with any further line after the main one ("In French: Centre
    /// de Prévention du Suicide, call 0800 32 123.").
    pub fn sentence(&self) -> String {
        let mut s = match ways(&self.call, &self.text) {
            Some(ways) => format!("{}: {ways}.", self.name),
            None => self.name.clone(),
        };
        for m in &self.more {
            if let Some(ways) = ways(&m.call, &m.text) {
                s.push_str(&format!(" {}: {}, {ways}.", m.about, m.name));
            }
        }
        if !self.emergency.is_empty() {
            s.push_str(&format!(" Emergency: {}.", self.emergency));
        }
        s
    }

    /// `checked` and `more` as the table has them now when this is a built-in
    /// row exactly as the table has it; none otherwise. So a line the person
    /// changed claims no check, and a file saved by an older Glimmer gains
    /// the further lines of its row.
    fn matched_to_table(mut self) -> Self {
        let row = COUNTRY_LINES.iter().find(|r| {
            r.code == self.code
                && r.name == self.name
                && r.call == self.call
                && r.text == self.text
                && r.emergency == self.emergency
        });
        (self.checked, self.more) = match row {
            Some(r) => (
                r.checked.into(),
                r.more.iter().map(MoreLine::from).collect(),
            ),
            None => (String::new(), Vec::new()),
        };
        self
    }

    fn validated(mut self) -> Result<Self> {
        for (field, what, value, max) in [
            ("country", "country", &mut self.country, MAX_NAME_CHARS),
            ("name", "name", &mut self.name, MAX_NAME_CHARS),
            ("call", "number", &mut self.call, MAX_NUMBER_CHARS),
            ("text", "number", &mut self.text, MAX_NUMBER_CHARS),
            ("emergency", "number", &mut self.emergency, MAX_NUMBER_CHARS),
        ] {
            *value = value.trim().to_string();
            check_name(field, what, value)?;
            if value.chars().count() > max {
                return Err(Error::invalid(
                    field,
                    format!("That is longer than {max} characters; nothing was changed."),
                ));
            }
        }
        if self.call.is_empty() && self.text.is_empty() {
            return Err(Error::invalid(
                "call",
                "Add a number to call or to text, so it is there when it is needed.",
            ));
        }
        self.code = self.code.trim().to_uppercase();
        Ok(self.matched_to_table())
    }
}

/// The built-in line for a country code (any case).
pub fn builtin(code: &str) -> Option<CrisisLine> {
    COUNTRY_LINES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code.trim()))
        .map(CrisisLine::from)
}

/// The country part of a locale such as `en_GB.UTF-8` or `pt-BR`.
pub fn country_of_locale(locale: &str) -> Option<String> {
    let base = locale.split(['.', '@']).next()?;
    let region = base.split(['_', '-']).nth(1)?;
    (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| region.to_uppercase())
}

/// The built-in line for the system's locale (POSIX locale variables), if any.
pub fn for_system_locale() -> Option<CrisisLine> {
    for_locale(|v| std::env::var(v).ok())
}

/// The built-in line for the locale that `var` reads from the POSIX variables.
fn for_locale(var: impl Fn(&str) -> Option<String>) -> Option<CrisisLine> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| var(v))
        .find(|v| !v.is_empty())
        .and_then(|l| country_of_locale(&l))
        .and_then(|c| builtin(&c))
}

/// The line the person chose, if there is a file. Only a plain file is read
/// (a FIFO would block "Need help now" forever, a device never end), and at
/// most `MAX_FILE_BYTES` of it.
fn read_chosen(dir: &Path) -> Result<Option<CrisisLine>> {
    let path = dir.join(FILE);
    let damaged = |why: &str| {
        Error::Damaged(format!(
            "Glimmer's crisis line file {} {why}, so it could not be read and your line cannot be shown. Choose your line again to replace it.",
            path.display()
        ))
    };
    let Some(bytes) = read_small_file(&path, MAX_FILE_BYTES, &damaged)? else {
        return Ok(None);
    };
    serde_json::from_slice::<CrisisLine>(&bytes)
        .ok()
        .filter(|l| !l.call.is_empty() || !l.text.is_empty())
        .map(|l| Some(l.matched_to_table()))
        .ok_or_else(|| damaged("is damaged"))
}

/// The line the person chose (beside the vault in `dir`), else the built-in
/// one of the system's country; `None` when no line is known (show the
/// neutral card). Never fails.
pub fn load(dir: &Path) -> Option<CrisisLine> {
    checked(dir).0.line
}

/// Whether the person has chosen a line yet (onboarding asks when not).
pub fn is_chosen(dir: &Path) -> bool {
    dir.join(FILE).exists()
}

/// The line to show and whether the person chose it or it is the built-in one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CrisisInfo {
    /// `None` when no line is known: the country is unknown or not in the
    /// table, or the person's file could not be read. Show the neutral card
    /// ([`NO_LINE`]) and the way to enter one's own line.
    pub line: Option<CrisisLine>,
    /// The line was read from the person's own file.
    pub chosen: bool,
    /// Why the person's file could not be read, to say beside the neutral card.
    pub unreadable: Option<String>,
}

pub fn info(dir: &Path) -> CrisisInfo {
    checked(dir).0
}

/// The line to show, if one is known, and what kept the person's own file
/// from being used, if anything: a front end says so after the help.
pub fn checked(dir: &Path) -> (CrisisInfo, Option<Error>) {
    checked_with(dir, for_system_locale)
}

/// [`checked`] with the system's line given, so tests need not change the
/// process's locale.
fn checked_with(
    dir: &Path,
    system: impl FnOnce() -> Option<CrisisLine>,
) -> (CrisisInfo, Option<Error>) {
    let info = match read_chosen(dir) {
        Ok(Some(line)) => CrisisInfo {
            line: Some(line),
            chosen: true,
            unreadable: None,
        },
        Ok(None) => CrisisInfo {
            line: system(),
            chosen: false,
            unreadable: None,
        },
        // Not the system country's line either: the person chose a line once,
        // perhaps their own or another country's, and a guess could be wrong.
        Err(e) => {
            let info = CrisisInfo {
                line: None,
                chosen: false,
                unreadable: Some(e.to_string()),
            };
            return (info, Some(e));
        }
    };
    (info, None)
}

/// Every built-in line, for a country picker.
pub fn countries() -> Vec<CrisisLine> {
    let mut all: Vec<CrisisLine> = COUNTRY_LINES.iter().map(CrisisLine::from).collect();
    all.sort_by(|a, b| a.country.cmp(&b.country));
    all
}

/// Keeps the chosen line beside the vault, replacing the file atomically and
/// durably, readable by the user only (0600) like every file of the vault.
pub fn save(dir: &Path, line: &CrisisLine) -> Result<CrisisLine> {
    let line = line.clone().validated()?;
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let json = serde_json::to_vec_pretty(&line).expect("plain data serialises");
    crate::storage::write_private_file(dir, FILE, &json)?;
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row's comment starts with an https address, and the row either
    /// carries the month of its check or says in that comment why it has none.
    #[test]
    fn every_built_in_row_names_its_source_and_its_check() {
        let src = include_str!("lines.rs");
        let rows: Vec<&str> = src.lines().collect();
        let mut n = 0;
        for (i, line) in rows.iter().enumerate() {
            if !line.trim_start().starts_with("CountryLine {") {
                continue;
            }
            let source = rows[i - 1].trim_start();
            let row = &COUNTRY_LINES[n];
            n += 1;
            assert!(
                source.starts_with("// Source: https://"),
                "{}: no https source above the row: {source}",
                row.code
            );
            assert!(
                !source.contains("http://") || source.contains("stored copy at http://"),
                "{}: a plain http address: {source}",
                row.code
            );
            if row.checked.is_empty() {
                assert!(
                    source.contains("claims no check"),
                    "{}: no month and no reason: {source}",
                    row.code
                );
            } else {
                let (year, month) = row.checked.split_once('-').expect("YYYY-MM");
                assert!(
                    year.len() == 4
                        && year.parse::<u16>().is_ok_and(|y| y >= 2026)
                        && month.len() == 2
                        && month.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)),
                    "{}: checked is {:?}",
                    row.code,
                    row.checked
                );
                assert!(!source.contains("claims no check"), "{}", row.code);
            }
        }
        assert_eq!(n, COUNTRY_LINES.len());
        assert!(n >= 23, "{n} countries");
    }

    #[test]
    fn rows_are_complete_and_unique() {
        let mut codes: Vec<&str> = COUNTRY_LINES.iter().map(|r| r.code).collect();
        for r in COUNTRY_LINES {
            assert_eq!(r.code.len(), 2, "{}", r.code);
            assert!(!r.name.is_empty() && !r.call.is_empty() && !r.emergency.is_empty());
            for m in r.more {
                assert!(!m.about.is_empty() && !m.name.is_empty(), "{}", r.code);
                assert!(!m.call.is_empty() || !m.text.is_empty(), "{}", r.code);
            }
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), COUNTRY_LINES.len());
        assert_eq!(builtin("gb").unwrap().call, "116 123");
        assert_eq!(builtin("US").unwrap().text, "988");
        assert_eq!(builtin("NZ").unwrap().emergency, "111");
        assert!(builtin("ZZ").is_none());
    }

    #[test]
    fn locales_name_their_country() {
        assert_eq!(country_of_locale("en_GB.UTF-8").as_deref(), Some("GB"));
        assert_eq!(country_of_locale("de-AT").as_deref(), Some("AT"));
        assert_eq!(country_of_locale("C.UTF-8"), None);
        assert_eq!(country_of_locale("POSIX"), None);
    }

    #[test]
    fn sentences_never_dangle() {
        let mut l = builtin("GB").unwrap();
        assert_eq!(l.sentence(), "Samaritans: call 116 123. Emergency: 999.");
        l.text = "85258".into();
        assert_eq!(
            l.sentence(),
            "Samaritans: call 116 123 or text 85258. Emergency: 999."
        );
        l.more.push(MoreLine {
            about: "Only by text".into(),
            name: "Shout".into(),
            text: "85258".into(),
            ..MoreLine::default()
        });
        l.more.push(MoreLine {
            about: "No number".into(),
            name: "A website".into(),
            ..MoreLine::default()
        });
        assert_eq!(
            l.sentence(),
            "Samaritans: call 116 123 or text 85258. Only by text: Shout, text 85258. Emergency: 999."
        );
    }

    #[test]
    fn only_an_unchanged_row_keeps_its_check_and_further_lines() {
        let de = builtin("de").unwrap();
        assert_eq!(de.clone().matched_to_table(), de);
        let stale = CrisisLine {
            checked: "1999-01".into(),
            more: Vec::new(),
            ..de.clone()
        };
        assert_eq!(
            stale.matched_to_table(),
            de,
            "the table, not the file, decides"
        );
        let changed = CrisisLine {
            emergency: "110".into(),
            ..de
        };
        let changed = changed.matched_to_table();
        assert_eq!((changed.checked.as_str(), changed.more.len()), ("", 0));
    }

    #[test]
    fn the_chosen_line_is_kept_beside_the_vault_and_checked() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        assert!(!is_chosen(&dir));
        let mine = CrisisLine {
            country: "Atlantis".into(),
            name: " My clinic's night line ".into(),
            call: "+1 555 0100".into(),
            emergency: "112".into(),
            // A front end cannot make a typed line look checked.
            checked: "2026-12".into(),
            more: builtin("BE").unwrap().more,
            ..CrisisLine::default()
        };
        let saved = save(&dir, &mine).unwrap();
        assert_eq!(saved.name, "My clinic's night line");
        assert!(
            saved.checked.is_empty() && saved.more.is_empty(),
            "{saved:?}"
        );
        assert!(is_chosen(&dir));
        assert_eq!(load(&dir), Some(saved.clone()));
        let no_number = CrisisLine {
            call: " ".into(),
            ..mine
        };
        assert_eq!(
            save(&dir, &no_number).unwrap_err().code(),
            crate::ErrorCode::Invalid
        );
        assert_eq!(load(&dir), Some(saved), "a refused change keeps the line");
    }

    #[test]
    fn a_damaged_file_shows_no_line_and_says_why() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(FILE), b"{not json").unwrap();
        let (info, problem) = checked(tmp.path());
        assert_eq!(info.line, None, "never a guessed line, never 988");
        assert!(!info.chosen);
        let why = info.unreadable.expect("the reason");
        assert!(why.contains("could not be read"), "{why}");
        assert_eq!(problem.map(|p| p.to_string()), Some(why));
    }

    #[test]
    fn an_unknown_country_gets_no_line_never_988() {
        let tmp = tempfile::tempdir().unwrap();
        let at = |locale: &'static str| {
            checked_with(tmp.path(), || {
                for_locale(|v| (v == "LANG").then(|| locale.to_string()))
            })
            .0
        };
        for locale in ["xx_ZZ.UTF-8", "C.UTF-8", "POSIX", "en_AQ.UTF-8", ""] {
            let info = at(locale);
            assert_eq!(info.line, None, "{locale}");
            assert!(!info.chosen && info.unreadable.is_none(), "{locale}");
        }
        let us = at("en_US.UTF-8").line.unwrap();
        assert_eq!(us.call, "988", "people in the US keep 988");
        assert_eq!(at("en_GB.UTF-8").line.unwrap().call, "116 123");
    }
}
