//! `glimmer`: the command-line front end to a Glimmer vault.

mod args;
mod commands;
mod editor;
mod output;
mod secrets;
mod signals;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use glimmer::{ErrorCode, ErrorReport};
use serde::Serialize;

use crate::commands::{
    about, activity, backup, bench, chart, checkin, crisis, export, generate, import, init,
    journal, passwd, phq9, plan, report, safety, search, sync, timer,
};
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
pub struct Global {
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

impl Global {
    pub fn out(&self) -> Out {
        Out { json: self.json }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Create a new encrypted vault
    Init,
    /// Write an entry (TEXT, `-` for standard input, or nothing to open $EDITOR)
    Write(journal::Write),
    /// List entries, newest first
    List(journal::List),
    /// Show one entry
    Show(journal::Show),
    /// Change an entry (opens $EDITOR unless text, a title or tags are given)
    Edit(journal::Edit),
    /// Move an entry to the trash (kept 30 days; `glimmer restore` undoes it)
    Rm(journal::Id),
    /// Bring an entry back from the trash
    Restore(journal::Id),
    /// Search entries: words, "a phrase", or a prefix like numb*
    Search(search::Search),
    /// List tags and how often each is used
    Tags,
    /// Change the passphrase (the recovery key stays the same)
    Passwd(passwd::Passwd),
    /// Set a new passphrase using your recovery key
    Recover(passwd::Recover),
    /// A new key for a passphrase that leaked: new passphrase, new recovery key, backups re-encrypted
    Rekey(passwd::Rekey),
    /// Record how you are: mood, feeling intensity, and optionally more
    Checkin(checkin::Checkin),
    /// List recent check-ins, newest first
    Checkins(checkin::Checkins),
    /// The PHQ-9 self-check (asks each question, or takes --answers)
    Phq9(phq9::Phq9),
    /// Draw a chart as SVG: mood, year, emotions, phq9 or scatter
    Chart(chart::Chart),
    /// Measure Glimmer on a generated vault and print a table
    Bench(bench::Bench),
    /// Bring in your history from Daylio, jrnl or a Glimmer export (a preview first)
    Import(import::Import),
    /// Write what your vault holds to files (not encrypted): Glimmer JSON, Markdown or CSV
    Export(export::Export),
    /// Encrypted backups: list them, take one now, or restore one
    #[command(subcommand)]
    Backup(backup::Backup),
    /// Check the database, the key slots and the backups
    Check(backup::Check),
    /// Your crisis line and emergency number, right now (no passphrase needed)
    HelpNow,
    /// Choose the crisis line Glimmer shows
    #[command(subcommand)]
    Crisis(crisis::Crisis),
    /// Your safety plan: print it as a card, or show part of it while locked
    #[command(subcommand)]
    Safety(safety::Safety),
    /// The activity library: small things to plan, by life area
    Activities(activity::List),
    /// Add, change, hide or pick an activity
    #[command(subcommand)]
    Activity(activity::Activity),
    /// The five life areas and what matters to you in each
    Areas(activity::Areas),
    /// Plan activities and note how they went
    #[command(subcommand)]
    Plan(plan::Plan),
    /// One journal on several computers, through a folder you already sync (encrypted)
    #[command(subcommand)]
    Sync(sync::Sync),
    /// Mindfulness timers: a minute of the senses, breathing, body scans, your own timers
    #[command(subcommand)]
    Timer(timer::TimerCommand),
    /// A summary for a clinician over chosen days, as a page to print (not encrypted)
    Report(report::Report),
    /// This Glimmer's version and the database engine it was built with
    About,
    /// Write the man pages, or print a shell's completions (the packages carry both)
    #[command(subcommand)]
    Generate(generate::Generate),
}

async fn run(cli: Cli) -> Result<(), CliError> {
    let g = &cli.global;
    match cli.command {
        Command::Init => init::run(g).await,
        Command::Write(c) => c.run(g).await,
        Command::List(c) => c.run(g).await,
        Command::Show(c) => c.run(g).await,
        Command::Edit(c) => c.run(g).await,
        Command::Rm(c) => c.trash(g).await,
        Command::Restore(c) => c.restore(g).await,
        Command::Search(c) => c.run(g).await,
        Command::Tags => journal::tags(g).await,
        Command::Passwd(c) => c.run(g).await,
        Command::Recover(c) => c.run(g).await,
        Command::Rekey(c) => c.run(g).await,
        Command::Checkin(c) => c.run(g).await,
        Command::Checkins(c) => c.run(g).await,
        Command::Phq9(c) => c.run(g).await,
        Command::Chart(c) => c.run(g).await,
        Command::Bench(c) => c.run(g).await,
        Command::Import(c) => c.run(g).await,
        Command::Export(c) => c.run(g).await,
        Command::Backup(c) => c.run(g).await,
        Command::Check(c) => c.run(g).await,
        Command::HelpNow => crisis::help_now(g),
        Command::Crisis(c) => c.run(g),
        Command::Safety(c) => c.run(g).await,
        Command::Activities(c) => c.run(g).await,
        Command::Activity(c) => c.run(g).await,
        Command::Areas(c) => c.run(g).await,
        Command::Plan(c) => c.run(g).await,
        Command::Sync(c) => c.run(g).await,
        Command::Timer(c) => c.run(g).await,
        Command::Report(c) => c.run(g).await,
        Command::About => about::run(g).await,
        Command::Generate(c) => c.run(),
    }
}

/// Errors are the core's report: one sentence for people, a code for `--json`.
pub type CliError = ErrorReport;

/// An error of the CLI's own, about what was typed.
pub fn msg(message: impl Into<String>) -> CliError {
    ErrorReport::new(ErrorCode::Invalid, message)
}

/// What to do next, in the CLI's own terms: the core's sentences name no commands.
/// `ids` says where the ids of what the command works on are listed.
fn hint(code: ErrorCode, ids: &'static str) -> Option<&'static str> {
    match code {
        ErrorCode::NotFound => Some(ids),
        ErrorCode::VaultMissing => Some("Create one with `glimmer init`."),
        ErrorCode::Damaged => Some(
            "`glimmer backup list` shows the backups, and `glimmer backup restore NAME` puts one back; both work while the journal will not open.",
        ),
        ErrorCode::WrongPassphrase => {
            Some("`glimmer recover` sets a new passphrase with the recovery key.")
        }
        _ => None,
    }
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    error: &'a ErrorReport,
}

/// Where the command's ids are listed, for the hint after "No … matches".
fn ids_hint(command: &Command) -> &'static str {
    match command {
        Command::Plan(_) => {
            "`glimmer plan list` shows the plans' ids; `glimmer activities` lists the activities."
        }
        Command::Activity(_) => "`glimmer activities --all` shows them.",
        Command::Backup(_) => "`glimmer backup list` shows the backups.",
        Command::Sync(_) => {
            "`glimmer sync status` lists the computers and the entries edited on two computers."
        }
        Command::Timer(_) => {
            "`glimmer timer presets` lists the timers; `glimmer timer log` the sessions."
        }
        _ => "`glimmer list` shows the ids.",
    }
}

fn print_error(e: &CliError, json: bool, ids: &'static str) {
    if json {
        let body = ErrorJson { error: e };
        eprintln!(
            "{}",
            serde_json::to_string(&body).expect("error serialises")
        );
        return;
    }
    match hint(e.code, ids) {
        Some(h) => eprintln!("{} {h}", e.message),
        None => eprintln!("{}", e.message),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Usage mistakes exit 1 like every other refusal; help and --version exit 0.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let json = cli.global.json;
    let ids = ids_hint(&cli.command);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("the async runtime starts");
    let result = runtime.block_on(run(cli));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&e, json, ids);
            ExitCode::FAILURE
        }
    }
}
