//! `glimmer export`: what the vault holds, written to files only you can read:
//! Glimmer JSON (everything, to import again), Markdown or CSV.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use glimmer::export::{FileFormat, check_free};
use serde::Serialize;

use super::export_files::{plaintext_agreed, run_markdown_or_csv};
use super::with_vault;
use crate::output::Out;
use crate::{CliError, Global};

#[derive(Args)]
pub struct Export {
    /// What to write
    #[arg(long, value_enum, default_value = "json")]
    format: ExportFormat,
    /// A new file (json), or a new folder or a new file ending in .zip (markdown, csv)
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Write without asking (for scripts); exports are not encrypted
    #[arg(long)]
    yes: bool,
}

/// The formats `glimmer export` writes; each is one arm of `run`.
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// Glimmer JSON: everything, to import into Glimmer again (docs/glimmer-json.md)
    Json,
    /// One Markdown file per entry, with YAML front matter
    Markdown,
    /// Check-ins, PHQ-9 results, activities and timer sessions, a table each
    Csv,
}

#[derive(Serialize)]
struct Written<'a> {
    path: &'a Path,
    bytes: usize,
}

impl Export {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        match self.format {
            ExportFormat::Json => json(g, &self.out, self.yes).await,
            ExportFormat::Markdown => {
                run_markdown_or_csv(g, FileFormat::Markdown, &self.out, self.yes).await
            }
            ExportFormat::Csv => run_markdown_or_csv(g, FileFormat::Csv, &self.out, self.yes).await,
        }
    }
}

async fn json(g: &Global, out: &Path, yes: bool) -> Result<(), CliError> {
    check_free(out)?;
    if !plaintext_agreed(yes, "Write this file?")? {
        g.out().message("Nothing was written.");
        return Ok(());
    }
    let bytes = with_vault(g, async |v| Ok(v.export_json().await?)).await?;
    glimmer::import::write_export(out, &bytes)?;
    g.out().written(&Written {
        path: out,
        bytes: bytes.len(),
    });
    Ok(())
}

impl Out {
    fn written(&self, w: &Written) {
        if self.json {
            return self.json(w);
        }
        self.message(&format!(
            "Wrote everything in your vault to {} ({} bytes), readable only by you.",
            w.path.display(),
            w.bytes
        ));
    }
}
