//! `glimmer backup list|now|restore` and `glimmer check`.

use clap::{Args, Subcommand};
use glimmer::vault::{BackupInfo, BackupReport, CheckReport};

use super::with_vault;
use crate::output::{Out, local, say};
use crate::{CliError, Global, msg, secrets};

#[derive(Subcommand)]
pub enum Backup {
    /// The backups kept in the vault's folder, newest first, with what each holds
    List,
    /// Take a checked backup now (and copy it to your second folder, if set)
    Now,
    /// Put the vault back as a backup holds it; the current state is kept as a backup first
    Restore(Restore),
}

#[derive(Args)]
pub struct Restore {
    /// The backup's name, from `glimmer backup list`
    name: String,
    /// Restore without asking (for scripts; there is no undo but the backup it keeps first)
    #[arg(long)]
    yes: bool,
}

impl Backup {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let out = g.out();
        match self {
            Backup::List => {
                // Without opening the journal, which may be what is damaged.
                let (dir, credential) = super::vault_and_passphrase(g)?;
                let list = glimmer::Vault::backups_in_dir(&dir, &credential).await?;
                out.backups(&list);
            }
            Backup::Now => {
                let report = with_vault(g, async |v| Ok(v.backup_now("manual").await?)).await?;
                out.backup_taken(&report);
            }
            Backup::Restore(r) => {
                let (dir, credential) = super::vault_and_passphrase(g)?;
                let preview =
                    glimmer::Vault::backup_preview_in_dir(&dir, &credential, &r.name).await?;
                if !r.yes && !confirm(&out, &preview)? {
                    out.message("Nothing was changed.");
                    return Ok(());
                }
                let (vault, _) = glimmer::Vault::restore_in_dir(&dir, &credential, &r.name).await?;
                vault.lock().await;
                out.message(&format!(
                    "Restored the backup of {}. What was there before is kept: as a backup when it could be read (`glimmer backup list` shows it), or set aside beside the vault when it was damaged.",
                    local(preview.taken_at)
                ));
            }
        }
        Ok(())
    }
}

/// Shows what the backup holds and asks; without a terminal, `--yes` is needed.
fn confirm(out: &Out, preview: &BackupInfo) -> Result<bool, CliError> {
    if secrets::stdin_is_terminal() {
        out.backups(std::slice::from_ref(preview));
    }
    secrets::ask_yes(
        "Restore this backup? What is there now is kept as a backup first.",
        "Restoring replaces what is in the vault now, so Glimmer asks first, and there is no terminal to ask on. Add --yes to restore anyway; nothing was changed.",
    )
}

#[derive(Args)]
pub struct Check;

impl Check {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let report = with_vault(g, async |v| {
            // The day's backup first, so a vault checked on its first day has one.
            v.daily_backup().await?;
            Ok(v.check().await?)
        })
        .await?;
        g.out().check(&report);
        if report.ok {
            Ok(())
        } else {
            Err(msg(
                "The check found something that needs attention (see above).",
            ))
        }
    }
}

impl Out {
    fn backups(&self, list: &[BackupInfo]) {
        let empty = "No backups yet. Glimmer takes one each day you open it; `glimmer backup now` takes one now.";
        let count = |n: Option<i64>, one: &str, many: &str| match n {
            Some(1) => format!("1 {one}"),
            Some(n) => format!("{n} {many}"),
            None => format!("? {many}"),
        };
        self.rows(list, empty, |b| {
            say!(
                "{}  {:>8}  {}, {}  ({})  {}",
                local(b.taken_at),
                size(b.bytes),
                count(b.entries, "entry", "entries"),
                count(b.checkins, "check-in", "check-ins"),
                b.reason,
                b.name
            );
        });
    }

    fn backup_taken(&self, r: &BackupReport) {
        if self.json {
            return self.json(r);
        }
        say!("Backed up and checked: {}", r.backup.name);
        if let Some(p) = &r.second_copy_problem {
            eprintln!("{p}");
        }
    }

    fn check(&self, r: &CheckReport) {
        if self.json {
            return self.json(r);
        }
        say!("Database: {}", r.database);
        for s in &r.key_slots {
            say!("Key slot, {s}");
        }
        match (&r.newest_backup, &r.newest_backup_check) {
            (Some(b), Some(c)) => say!(
                "Backups: {}; the newest, {}, checks {}",
                r.backups,
                local(b.taken_at),
                c
            ),
            _ => say!("Backups: none yet (`glimmer backup now` takes one)"),
        }
        for name in &r.from_the_future {
            say!(
                "Backup {name} is dated in the future (a clock that was wrong); it is not counted as the newest"
            );
        }
        say!(
            "Engine: SQLite {}, SQLCipher {}",
            r.engine.sqlite,
            r.engine.sqlcipher
        );
        say!(
            "{}",
            if r.ok {
                "All is well."
            } else {
                "Something needs attention."
            }
        );
    }
}

/// Bytes as people read them.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} B"),
    }
}
