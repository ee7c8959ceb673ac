//! `glimmer`: the command-line front end to a Glimmer vault.

mod editor;
mod output;
mod phq9;
mod secrets;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use glimmer::journal::{EntryPatch, SearchQuery};
use glimmer::{Credential, ErrorCode, ErrorReport, Kind, NewEntry, Vault, VaultPaths};
use jiff::Timestamp;
use serde::Serialize;

use crate::output::Out;

#[derive(Parser)]
#[command(
    name = "glimmer",
    version,
    about = "A private, offline journal for noticing small moments of feeling.",
    long_about = "Glimmer keeps an encrypted journal on this machine only. Nothing is sent anywhere.",
    arg_required_else_help = true
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Global {
    /// The vault directory (default: the platform data directory)
    #[arg(long, global = true, env = "GLIMMER_VAULT", value_name = "DIR")]
    vault: Option<PathBuf>,
    /// Read the passphrase from the first line of this file
    #[arg(
        long,
        global = true,
        env = "GLIMMER_PASSWORD_FILE",
        value_name = "FILE"
    )]
    password_file: Option<PathBuf>,
    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new encrypted vault
    Init,
    /// Write an entry (TEXT, `-` for standard input, or nothing to open $EDITOR)
    Write {
        #[arg(long)]
        title: Option<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Note a glimmer: a small moment of interest or feeling
        #[arg(long)]
        glimmer: bool,
        /// How vivid the glimmer felt, 0–10
        #[arg(long, requires = "glimmer", value_parser = clap::value_parser!(u8).range(0..=10))]
        intensity: Option<u8>,
        text: Vec<String>,
    },
    /// List entries, newest first
    List {
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Show what is in the trash instead
        #[arg(long)]
        trash: bool,
    },
    /// Show one entry
    Show {
        id: String,
        /// Print the entry as sanitised HTML
        #[arg(long)]
        html: bool,
    },
    /// Change an entry (opens $EDITOR unless text, a title or tags are given)
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        text: Vec<String>,
    },
    /// Move an entry to the trash (kept 30 days; `glimmer restore` undoes it)
    Rm { id: String },
    /// Bring an entry back from the trash
    Restore { id: String },
    /// Search entries: words, "a phrase", or a prefix like numb*
    Search {
        query: Vec<String>,
        #[arg(long)]
        tag: Option<String>,
        /// Only glimmers or only entries
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        /// On or after this day (YYYY-MM-DD)
        #[arg(long, value_parser = parse_day_start)]
        since: Option<Timestamp>,
        /// On or before this day (YYYY-MM-DD)
        #[arg(long, value_parser = parse_day_end)]
        until: Option<Timestamp>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// List tags and how often each is used
    Tags,
    /// Change the passphrase (the recovery key stays the same)
    Passwd {
        /// Read the new passphrase from this file (or set GLIMMER_NEW_PASSWORD)
        #[arg(long, value_name = "FILE")]
        new_password_file: Option<PathBuf>,
    },
    /// Set a new passphrase using your recovery key
    Recover {
        /// Read the recovery key from this file (or set GLIMMER_RECOVERY_KEY)
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
        /// Read the new passphrase from this file (or set GLIMMER_NEW_PASSWORD)
        #[arg(long, value_name = "FILE")]
        new_password_file: Option<PathBuf>,
    },
    /// Record how you are: mood, feeling intensity, and optionally more
    Checkin {
        /// Mood from -3 (very low) to 3 (very good); leave out for "I can't tell"
        #[arg(long, allow_hyphen_values = true, value_parser = clap::value_parser!(i8).range(-3..=3))]
        mood: Option<i8>,
        /// How vividly you feel anything, 0 (numb) to 10 (vivid); leave out for "I can't tell"
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
        intensity: Option<u8>,
        /// Energy, 0 to 10
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
        energy: Option<u8>,
        /// An emotion word, e.g. calm, flat, anxious (repeatable)
        #[arg(long = "emotion", value_name = "WORD")]
        emotions: Vec<String>,
        /// Where you feel it, e.g. chest (repeatable)
        #[arg(long = "body", value_name = "AREA")]
        body_areas: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List recent check-ins, newest first
    Checkins {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// The PHQ-9 self-check (asks each question, or takes --answers)
    Phq9 {
        /// Nine answers, 0-3 each, e.g. 0,1,2,0,0,1,0,0,0
        #[arg(long)]
        answers: Option<String>,
        /// How difficult the problems made things, 0-3
        #[arg(long, value_parser = clap::value_parser!(u8).range(0..=3))]
        difficulty: Option<u8>,
    },
    /// Draw a chart as SVG: mood, year, emotions, phq9 or scatter
    Chart {
        #[arg(value_enum)]
        kind: glimmer::insights::ChartKind,
        #[arg(long, value_enum, default_value = "30d")]
        range: glimmer::insights::Range,
        #[arg(long, value_enum, default_value = "light")]
        theme: glimmer::charts::Theme,
        #[arg(long, value_name = "FILE.svg")]
        out: PathBuf,
    },
    /// Measure Glimmer on a generated vault and print a table
    Bench {
        /// How many entries to generate
        #[arg(long, default_value_t = 10_000)]
        entries: usize,
        /// Where to build the vault (default: a temporary directory, removed after)
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    match s {
        "entry" | "entries" => Ok(Kind::Entry),
        "glimmer" | "glimmers" => Ok(Kind::Glimmer),
        _ => Err("use `entry` or `glimmer`".into()),
    }
}

fn parse_day(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|_| format!("“{s}” is not a date like 2026-03-14"))
}

fn local_midnight(d: jiff::civil::Date) -> Result<Timestamp, String> {
    d.to_zoned(jiff::tz::TimeZone::system())
        .map(|z| z.timestamp())
        .map_err(|e| e.to_string())
}

fn parse_day_start(s: &str) -> Result<Timestamp, String> {
    local_midnight(parse_day(s)?)
}

/// The end of the given day: the search bound is exclusive, so the day after's midnight.
fn parse_day_end(s: &str) -> Result<Timestamp, String> {
    let d = parse_day(s)?;
    local_midnight(d.tomorrow().map_err(|e| e.to_string())?)
}

/// Errors are the core's report: one sentence for people, a code for `--json`.
pub type CliError = ErrorReport;

/// An error of the CLI's own, about what was typed.
pub fn msg(message: impl Into<String>) -> CliError {
    ErrorReport::new(ErrorCode::Invalid, message)
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: &'a ErrorReport,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.global.json;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("the async runtime starts");
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                let body = ErrorJson { error: &e };
                eprintln!(
                    "{}",
                    serde_json::to_string(&body).expect("error serialises")
                );
            } else {
                eprintln!("{}", e.message);
            }
            ExitCode::FAILURE
        }
    }
}

fn vault_dir(g: &Global) -> Result<PathBuf, CliError> {
    g.vault
        .clone()
        .or_else(VaultPaths::default_dir)
        .ok_or_else(|| msg("Glimmer could not find a data directory here; pass --vault DIR."))
}

async fn open(g: &Global) -> Result<Vault, CliError> {
    let dir = vault_dir(g)?;
    // Fail on a missing or newer vault before asking for a passphrase.
    if !VaultPaths::new(&dir).key_file().exists() {
        return Err(glimmer::Error::VaultMissing(dir).into());
    }
    let pass = secrets::obtain(
        g.password_file.as_deref(),
        "GLIMMER_PASSWORD",
        "Passphrase: ",
    )?;
    Ok(Vault::unlock(dir, &Credential::Passphrase(pass)).await?)
}

fn read_text(words: &[String]) -> Result<Option<String>, CliError> {
    match words {
        [] if secrets::stdin_is_terminal() => Ok(None),
        [] => read_stdin().map(Some),
        [dash] if dash == "-" => read_stdin().map(Some),
        words => Ok(Some(words.join(" "))),
    }
}

fn read_stdin() -> Result<String, CliError> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| msg(format!("Glimmer could not read standard input: {e}")))?;
    Ok(s)
}

async fn run(cli: Cli) -> Result<(), CliError> {
    let g = &cli.global;
    let out = Out { json: g.json };
    match cli.command {
        Command::Init => {
            let dir = vault_dir(g)?;
            let pass = secrets::obtain_new(g.password_file.as_deref(), "GLIMMER_PASSWORD")?;
            let (vault, recovery) = Vault::create(&dir, &pass).await?;
            out.created(&dir, &recovery.display());
            vault.lock().await;
        }
        Command::Write {
            title,
            tags,
            glimmer,
            intensity,
            text,
        } => {
            let text = read_text(&text)?;
            let vault = open(g).await?;
            let written = match text {
                Some(body) => editor::Written {
                    title: title.unwrap_or_default(),
                    tags,
                    body,
                },
                None => editor::edit(&editor::Written {
                    title: title.unwrap_or_default(),
                    tags,
                    body: String::new(),
                })?,
            };
            let entry = vault
                .journal()
                .create(&NewEntry {
                    kind: if glimmer { Kind::Glimmer } else { Kind::Entry },
                    title: written.title,
                    body: written.body,
                    tags: written.tags,
                    intensity,
                    ..NewEntry::default()
                })
                .await?;
            out.saved(&entry);
            vault.lock().await;
        }
        Command::List { limit, trash } => {
            let vault = open(g).await?;
            let items = if trash {
                vault.journal().trash_list().await?
            } else {
                vault.journal().list(limit, None).await?.items
            };
            out.list(&items);
            vault.lock().await;
        }
        Command::Show { id, html } => {
            let vault = open(g).await?;
            let entry = vault.journal().get(&id).await?;
            out.show(&entry, html);
            vault.lock().await;
        }
        Command::Edit {
            id,
            title,
            tags,
            text,
        } => {
            let text = read_text(&text)?;
            let vault = open(g).await?;
            let journal = vault.journal();
            let patch = if text.is_some() || title.is_some() || !tags.is_empty() {
                EntryPatch {
                    title,
                    body: text,
                    tags: (!tags.is_empty()).then_some(tags),
                    intensity: None,
                }
            } else {
                let current = journal.get(&id).await?;
                let w = editor::edit(&editor::Written {
                    title: current.title,
                    tags: current.tags,
                    body: current.body,
                })?;
                EntryPatch {
                    title: Some(w.title),
                    body: Some(w.body),
                    tags: Some(w.tags),
                    intensity: None,
                }
            };
            let entry = journal.update(&id, &patch).await?;
            out.saved(&entry);
            vault.lock().await;
        }
        Command::Rm { id } => {
            let vault = open(g).await?;
            let entry = vault.journal().trash(&id).await?;
            out.trashed(&entry);
            vault.lock().await;
        }
        Command::Restore { id } => {
            let vault = open(g).await?;
            let entry = vault.journal().restore(&id).await?;
            out.restored(&entry);
            vault.lock().await;
        }
        Command::Search {
            query,
            tag,
            kind,
            since,
            until,
            limit,
        } => {
            let vault = open(g).await?;
            let results = vault
                .journal()
                .search(&SearchQuery {
                    text: query.join(" "),
                    tag,
                    kind,
                    since,
                    until,
                    limit,
                    offset: 0,
                })
                .await?;
            out.search(&results);
            vault.lock().await;
        }
        Command::Tags => {
            let vault = open(g).await?;
            out.tags(&vault.journal().tags().await?);
            vault.lock().await;
        }
        Command::Passwd { new_password_file } => {
            let vault = open(g).await?;
            let new = secrets::obtain_new(new_password_file.as_deref(), "GLIMMER_NEW_PASSWORD")?;
            vault.change_passphrase(&new).await?;
            out.message("Your passphrase is changed. The recovery key stays the same.");
            vault.lock().await;
        }
        Command::Recover {
            recovery_key_file,
            new_password_file,
        } => {
            let dir = vault_dir(g)?;
            let key = secrets::obtain(
                recovery_key_file.as_deref(),
                "GLIMMER_RECOVERY_KEY",
                "Recovery key: ",
            )?;
            let vault = Vault::unlock(dir, &Credential::RecoveryKey(key)).await?;
            let new = secrets::obtain_new(new_password_file.as_deref(), "GLIMMER_NEW_PASSWORD")?;
            vault.change_passphrase(&new).await?;
            out.message("Your vault is open again with the new passphrase. The recovery key stays the same.");
            vault.lock().await;
        }
        Command::Checkin {
            mood,
            intensity,
            energy,
            emotions,
            body_areas,
            note,
        } => {
            let vault = open(g).await?;
            let c = vault
                .checkins()
                .create(&glimmer::checkin::CheckinInput {
                    mood,
                    intensity,
                    energy,
                    emotions,
                    body_areas,
                    note,
                    created_at: None,
                })
                .await?;
            out.checkin_saved(&c);
            vault.lock().await;
        }
        Command::Checkins { limit } => {
            let vault = open(g).await?;
            let recent = vault.checkins().recent(limit).await?;
            out.checkins(&recent);
            vault.lock().await;
        }
        Command::Phq9 {
            answers,
            difficulty,
        } => {
            let answers = match answers {
                Some(a) => glimmer::assess::parse_answers(&a).map_err(|e| msg(e.to_string()))?,
                None => phq9::ask()?,
            };
            let difficulty = match difficulty {
                Some(d) => Some(d),
                None if answers.iter().any(|a| *a > 0) && secrets::stdin_is_terminal() => {
                    phq9::ask_difficulty()?
                }
                None => None,
            };
            let vault = open(g).await?;
            let result = vault
                .assessments()
                .record_phq9(&answers, difficulty)
                .await?;
            let plan = if result.score.safety_flag {
                Some(vault.safety().plan().await?)
            } else {
                None
            };
            let line = glimmer::crisis::load(&vault_dir(g)?);
            out.phq9(&result, plan.as_ref().map(|p| (p, &line)));
            vault.lock().await;
        }
        Command::Chart {
            kind,
            range,
            theme,
            out: file,
        } => {
            let vault = open(g).await?;
            let svg = vault.insights().chart(kind, range, theme).await?;
            std::fs::write(&file, svg)
                .map_err(|e| msg(format!("Glimmer could not write {}: {e}", file.display())))?;
            out.message(&format!("Chart written to {}.", file.display()));
            vault.lock().await;
        }
        Command::Bench { entries, dir } => {
            let report = glimmer::bench::run(entries, dir.as_deref(), &mut |step| {
                if !g.json {
                    eprintln!("… {step}");
                }
            })
            .await
            .map_err(|e| msg(e.to_string()))?;
            out.bench(&report);
        }
    }
    Ok(())
}
