//! `glimmer import`: a preview of what a file holds, then (asked first) the import.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use glimmer::import::{self, Format, ImportReport, MoodSource, Options, Preview, Step};
use serde::Serialize;

use super::with_vault;
use crate::output::{Out, say};
use crate::{CliError, Global, secrets};

#[derive(Args)]
pub struct Import {
    /// The export: a Daylio CSV file or backup (.daylio), a jrnl export or journal file, a Day One export (its zip, the folder it unpacks to, or one journal's .json), or a Glimmer export
    path: PathBuf,
    /// Its format, when Glimmer should not recognise it by itself
    #[arg(long, value_enum)]
    from: Option<From>,
    /// Only show what would be imported; nothing is changed and no passphrase is asked
    #[arg(long)]
    dry_run: bool,
    /// Your own mood names on Glimmer's scale from -3 to 3, e.g. sleepy=-1,great=2
    #[arg(long, value_name = "NAME=N,…", allow_hyphen_values = true)]
    mood_map: Option<String>,
    /// Import the rest when some records cannot be imported (they are listed)
    #[arg(long)]
    skip_bad: bool,
    /// The time zone of times the file gives without one (default: this computer's)
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// Import without asking (needed when there is no terminal to ask on)
    #[arg(long)]
    yes: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum From {
    Daylio,
    DaylioBackup,
    Jrnl,
    #[value(name = "dayone")]
    DayOne,
    Glimmer,
}

impl From {
    fn format(self) -> Format {
        match self {
            From::Daylio => Format::Daylio,
            From::DaylioBackup => Format::DaylioBackup,
            From::Jrnl => Format::Jrnl,
            From::DayOne => Format::DayOne,
            From::Glimmer => Format::Glimmer,
        }
    }
}

#[derive(Serialize)]
struct Imported<'a> {
    preview: &'a Preview,
    imported: ImportReport,
}

impl Import {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let out = g.out();
        let opts = Options {
            from: self.from.map(From::format),
            mood_map: match &self.mood_map {
                Some(m) => import::parse_mood_map(m)?,
                None => Default::default(),
            },
            tz: self.tz.clone(),
        };
        let parsed = import::read(&self.path, &opts)?;
        let preview = &parsed.preview;
        if self.dry_run || !out.json {
            out.preview(preview);
        }
        if self.dry_run {
            return Ok(());
        }
        parsed.ready(self.skip_bad)?;
        if !self.yes
            && !secrets::ask_yes(
                "Import this into your vault? A backup is taken first.",
                "Importing adds to your vault, so Glimmer asks first, and there is no terminal to ask on. Add --yes to import, or --dry-run to only look; nothing was changed.",
            )?
        {
            out.message("Nothing was imported.");
            return Ok(());
        }
        // Progress only where someone watches it.
        let shown = std::io::stderr().is_terminal() && !out.json;
        let mut progress = |step: Step| {
            if !shown {
                return;
            }
            match step {
                Step::Backup => eprint!("Taking a backup first…"),
                Step::Writing { done, total } => eprint!("\r\x1b[KImporting… {done} of {total}"),
                Step::Finishing => eprintln!("\r\x1b[KFinishing…"),
            }
        };
        let report = with_vault(g, async |v| {
            Ok(v.import(&parsed, self.skip_bad, &mut progress).await?)
        })
        .await?;
        if out.json {
            out.json(&Imported {
                preview,
                imported: report,
            });
        } else {
            out.imported(&report);
        }
        Ok(())
    }
}

/// "1 entry", "3 entries".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Out {
    fn preview(&self, p: &Preview) {
        if self.json {
            return self.json(p);
        }
        let mut holds: Vec<String> = [
            (p.entries, "journal entry", "journal entries"),
            (p.checkins, "check-in", "check-ins"),
            (p.pictures, "picture", "pictures"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
        holds.extend(p.more.iter().map(|c| format!("{} {}", c.count, c.what)));
        if holds.is_empty() {
            holds.push("nothing Glimmer can import".into());
        }
        let range = match (p.first_day, p.last_day) {
            (Some(a), Some(b)) if a == b => format!(", on {a}"),
            (Some(a), Some(b)) => format!(", from {a} to {b}"),
            _ => String::new(),
        };
        // Day One's may be a folder.
        let file = if p.format == Format::DayOne {
            "export"
        } else {
            "file"
        };
        say!(
            "This {} {file} holds {}{range}.",
            p.format.label(),
            holds.join(", ")
        );
        say!("{}", p.time_zone);
        for note in &p.notes {
            say!("{note}");
        }
        if !p.moods.is_empty() {
            say!("Moods, and where each sits on Glimmer's scale (−3 very low … +3 very good):");
            let width = p
                .moods
                .iter()
                .map(|m| m.name.chars().count())
                .max()
                .unwrap_or(0);
            for m in &p.moods {
                let place = match (m.level, m.source) {
                    (Some(l), MoodSource::Yours) => format!("{l:+}, as you chose"),
                    (Some(l), MoodSource::Group) => format!("{l:+}, from its group in Daylio"),
                    (Some(l), _) => format!("{l:+}"),
                    (None, _) => format!(
                        "not placed yet: add --mood-map \"{}=N\" with N from -3 to 3",
                        m.name
                    ),
                };
                say!("  {:<width$}  {:>6}×  {place}", m.name, m.count);
            }
        }
        if !p.problems.is_empty() {
            say!(
                "{} that cannot be imported as they are (--skip-bad imports the rest):",
                count(p.problems.len(), "record", "records")
            );
            for problem in &p.problems {
                say!("  {}: {}", problem.place, problem.message);
            }
        }
    }

    fn imported(&self, r: &ImportReport) {
        let mut said = format!(
            "Imported {} and {}",
            count(r.entries_added, "journal entry", "journal entries"),
            count(r.checkins_added, "check-in", "check-ins"),
        );
        if r.pictures_added > 0 {
            said.push_str(&format!(
                ", with {}",
                count(r.pictures_added, "picture", "pictures")
            ));
        }
        if r.more_added > 0 {
            said.push_str(&format!(", and {} more", r.more_added));
        }
        said.push('.');
        if r.already_there > 0 {
            said.push_str(&format!(
                " {} already in your vault stayed as they were.",
                count(r.already_there, "record", "records")
            ));
        }
        if r.left_out > 0 {
            said.push_str(&format!(
                " {} left out, as you chose.",
                count(
                    r.left_out,
                    "record with a problem was",
                    "records with a problem were"
                )
            ));
        }
        say!("{said} The backup taken before is {}.", r.backup);
    }
}
