//! `glimmer safety`: the safety plan as a card to print and carry, and the
//! choice to show its coping steps and people on "Need help now" while locked.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use glimmer::safety::{self, CardSize, OUTSIDE_NOTICE};

use super::{vault_dir, with_vault};
use crate::{CliError, Global, msg, secrets};

#[derive(Subcommand)]
pub enum Safety {
    /// Write your safety plan as a page to print: wallet size (cut out and fold) or a full page
    Print(Print),
    /// Show your coping steps and people on `help-now` while locked: on or off
    ShowWhileLocked(ShowWhileLocked),
}

#[derive(Clone, Copy, ValueEnum)]
enum Size {
    /// Panels the size of a bank card, to cut out and fold
    Wallet,
    /// One A4 or Letter page
    Page,
}

#[derive(Args)]
pub struct Print {
    /// The HTML file to write (open it in a browser and print); `-` for standard output
    #[arg(long)]
    out: PathBuf,
    #[arg(long, value_enum, default_value = "wallet")]
    size: Size,
}

#[derive(Clone, Copy, ValueEnum)]
enum OnOff {
    On,
    Off,
}

#[derive(Args)]
pub struct ShowWhileLocked {
    #[arg(value_enum)]
    choice: OnOff,
    /// Turn it on without asking (for scripts)
    #[arg(long)]
    yes: bool,
}

impl Safety {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        match self {
            Safety::Print(p) => p.run(g).await,
            Safety::ShowWhileLocked(s) => s.run(g).await,
        }
    }
}

impl Print {
    async fn run(self, g: &Global) -> Result<(), CliError> {
        let line = glimmer::crisis::info(&vault_dir(g)?).line;
        let plan = with_vault(g, async |v| Ok(v.safety().plan().await?)).await?;
        let size = match self.size {
            Size::Wallet => CardSize::Wallet,
            Size::Page => CardSize::Page,
        };
        let html = safety::card_document(&plan, line.as_ref(), size);
        if self.out.as_os_str() == "-" {
            std::io::stdout()
                .write_all(html.as_bytes())
                .map_err(|e| msg(format!("The card could not be written out: {e}")))?;
            return Ok(());
        }
        write_private(&self.out, html.as_bytes()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                msg(format!(
                    "{} is already there, and the card could not be written over it. Choose another file name; nothing was changed.",
                    self.out.display()
                ))
            } else {
                msg(format!(
                    "The card could not be written to {}: {e}. Nothing else was changed.",
                    self.out.display()
                ))
            }
        })?;
        eprintln!(
            "Your safety plan is in {} (readable only by you). Open it in a browser to print it; it is not encrypted, so delete it once printed.",
            self.out.display()
        );
        Ok(())
    }
}

/// The card holds the plan in plain words: readable by its owner only, and
/// never written over a file that is already there.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

impl ShowWhileLocked {
    async fn run(self, g: &Global) -> Result<(), CliError> {
        let on = matches!(self.choice, OnOff::On);
        if on && !self.yes {
            if secrets::stdin_is_terminal() {
                println!("{OUTSIDE_NOTICE}\n");
            }
            let sure = secrets::ask_yes(
                "Keep these lines outside the encryption?",
                "This keeps part of your safety plan unencrypted, so Glimmer asks first, and there is no terminal to ask on. Add --yes to turn it on anyway; nothing was changed.",
            )?;
            if !sure {
                println!("Nothing was changed.");
                return Ok(());
            }
        }
        with_vault(g, async |v| Ok(v.safety().show_while_locked(on).await?)).await?;
        println!(
            "{}",
            if on {
                "Need help now will show your coping steps and people while Glimmer is locked."
            } else {
                "Your plan's lines are no longer kept outside the vault; the file was removed."
            }
        );
        Ok(())
    }
}
