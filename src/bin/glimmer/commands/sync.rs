//! `glimmer sync init|join|status|now|remove|merge|keep-both|dismiss`: one journal on several
//! computers, through a folder another program keeps in step.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use glimmer::Credential;
use glimmer::sync::{Report, Status};

use super::{vault_dir, with_vault};
use crate::output::{Out, local, say};
use crate::{CliError, Global, secrets};

#[derive(Subcommand)]
pub enum Sync {
    /// Start syncing this journal through FOLDER (inside Syncthing, Dropbox, a USB stick…)
    Init(Folder),
    /// Make this computer's journal from FOLDER, set up on another computer
    Join(Join),
    /// The computers in the folder, when each last wrote, and what needs your eye
    Status,
    /// Write what changed here and read what the others wrote
    Now,
    /// Stop reading a computer that is gone (what it wrote stays)
    Remove(Remove),
    /// An entry edited on two computers: both versions into one entry, to tidy with `glimmer edit`
    Merge(Copy),
    /// An entry edited on two computers: keep both versions, as two entries
    KeepBoth(Copy),
    /// An entry edited on two computers: keep the version in place; the copy goes to the trash
    Dismiss(Copy),
}

#[derive(Args)]
pub struct Copy {
    /// The copy's id, from `glimmer sync status`
    copy: String,
}

#[derive(Args)]
pub struct Folder {
    /// The shared folder
    folder: PathBuf,
}

#[derive(Args)]
pub struct Join {
    /// The shared folder, as chosen on the other computer
    folder: PathBuf,
    /// Join with the recovery key instead of the passphrase (or set GLIMMER_RECOVERY_KEY)
    #[arg(long)]
    recovery_key: bool,
    /// Read the recovery key from this file
    #[arg(long, value_name = "FILE")]
    recovery_key_file: Option<PathBuf>,
}

#[derive(Args)]
pub struct Remove {
    /// The computer's id (or its first letters), from `glimmer sync status`
    device: String,
}

impl Sync {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let out = g.out();
        match self {
            Sync::Init(f) => {
                let report = with_vault(g, async |v| Ok(v.sync().init(&f.folder).await?)).await?;
                out.synced(&report, Some(&format!(
                    "This journal now syncs through {}. On your other computer: `glimmer sync join {}`.",
                    f.folder.display(),
                    f.folder.display()
                )));
            }
            Sync::Join(j) => j.run(g).await?,
            Sync::Status => {
                let status = with_vault(g, async |v| Ok(v.sync().status().await?)).await?;
                out.sync_status(&status);
            }
            Sync::Now => {
                let report = with_vault(g, async |v| Ok(v.sync().now().await?)).await?;
                out.synced(&report, None);
            }
            Sync::Remove(r) => {
                let d =
                    with_vault(g, async |v| Ok(v.sync().remove_device(&r.device).await?)).await?;
                out.message(&format!(
                    "{} ({}) is removed: no computer reads what it writes from now on. What it wrote stays.",
                    d.name, d.device
                ));
            }
            Sync::Merge(c) => {
                let kept = with_vault(g, async |v| Ok(v.sync().merge(&c.copy).await?)).await?;
                if g.json {
                    out.json(&kept);
                } else {
                    out.message(&format!(
                        "Both versions are now in one entry ({}); the copy is in the trash for 30 days. `glimmer edit {}` to tidy it.",
                        kept.id, kept.id
                    ));
                }
            }
            Sync::KeepBoth(c) => {
                with_vault(g, async |v| Ok(v.sync().keep_both(&c.copy).await?)).await?;
                out.message("Both versions stay, as two entries.");
            }
            Sync::Dismiss(c) => {
                with_vault(g, async |v| Ok(v.sync().dismiss(&c.copy).await?)).await?;
                out.message(&format!(
                    "The version in place stays; the copy is in the trash for 30 days (`glimmer restore {}` brings it back).",
                    c.copy.trim()
                ));
            }
        }
        Ok(())
    }
}

impl Join {
    async fn run(self, g: &Global) -> Result<(), CliError> {
        let dir = vault_dir(g)?;
        let credential = if self.recovery_key || self.recovery_key_file.is_some() {
            Credential::RecoveryKey(secrets::obtain(
                self.recovery_key_file.as_deref(),
                "GLIMMER_RECOVERY_KEY",
                "Recovery key: ",
            )?)
        } else {
            Credential::Passphrase(secrets::obtain(
                g.password_file.as_deref(),
                "GLIMMER_PASSWORD",
                "Passphrase (the one you use on your other computer): ",
            )?)
        };
        let show = !g.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
        let vault = glimmer::sync::join(&self.folder, &dir, &credential, &mut |p| {
            if show {
                eprint!("\rReading the folder: {} of {} …", p.done, p.of);
            }
        })
        .await;
        if show {
            eprintln!();
        }
        let vault = vault?;
        let status = vault.sync().status().await;
        vault.lock().await;
        let status = status?;
        if g.json {
            g.out().json(&status);
        } else {
            say!("Your journal is here now, at {}.", dir.display());
            say!("It syncs through {}.", self.folder.display());
        }
        Ok(())
    }
}

impl Out {
    fn synced(&self, r: &Report, first: Option<&str>) {
        if self.json {
            return self.json(r);
        }
        if let Some(line) = first {
            say!("{line}");
        }
        say!(
            "Wrote {} change{} here; read {} batch{} from other computers ({} change{}).",
            r.written,
            plural(r.written),
            r.batches_read,
            if r.batches_read == 1 { "" } else { "es" },
            r.applied,
            plural(r.applied)
        );
        if let Some(computer) = &r.passphrase_from {
            say!("{}", glimmer::sync::passphrase_taken(computer));
        }
        if r.edited_twice > 0 {
            say!(
                "{} entr{} changed on two computers at once: both versions are kept. `glimmer sync status` lists them.",
                r.edited_twice,
                if r.edited_twice == 1 {
                    "y was"
                } else {
                    "ies were"
                }
            );
        }
        if r.waiting > 0 {
            say!(
                "{} batch{} still being copied into the folder; the next sync reads {}.",
                r.waiting,
                if r.waiting == 1 { " is" } else { "es are" },
                if r.waiting == 1 { "it" } else { "them" }
            );
        }
    }

    fn sync_status(&self, s: &Status) {
        if self.json {
            return self.json(s);
        }
        let Some(folder) = &s.folder else {
            say!("This journal does not sync yet. `glimmer sync init FOLDER` starts.");
            return;
        };
        say!("Syncing through {}.", folder.display());
        if s.folder_missing {
            say!(
                "The folder is not there just now; your journal works here and catches up once it is back."
            );
        }
        for d in &s.devices {
            let when = d.last_wrote.map_or("not yet".to_string(), local);
            let who = if d.this_computer {
                " (this computer)"
            } else {
                ""
            };
            let gone = if d.removed { ", removed" } else { "" };
            say!("  {}  {}{who}: last wrote {when}{gone}", d.device, d.name);
        }
        if s.pending > 0 {
            say!(
                "{} change{} here not written yet.",
                s.pending,
                plural(s.pending)
            );
        }
        if s.unread > 0 {
            say!(
                "{} batch{} in the folder not read yet.",
                s.unread,
                if s.unread == 1 { "" } else { "es" }
            );
        }
        for c in &s.edited_twice {
            say!(
                "Edited on two computers: “{}” — the copy is {} (the entry is {}).",
                c.title,
                c.copy,
                c.entry
            );
        }
        if !s.edited_twice.is_empty() {
            say!(
                "`glimmer sync merge COPY` puts both versions in one entry, `keep-both COPY` keeps two, `dismiss COPY` keeps the one in place."
            );
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
