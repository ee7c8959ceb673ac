//! `glimmer export`: what the vault holds, written to files only you can read:
//! Glimmer JSON (everything, to import again), Markdown or CSV.

use std::path::PathBuf;

use clap::Args;
use glimmer::export::FileFormat;

use super::export_files::write_files;
use crate::{CliError, Global};

#[derive(Args)]
pub struct Export {
    /// What to write
    #[arg(long, value_enum, default_value = "json")]
    format: FileFormat,
    /// A new folder; or a new file ending in .json (json) or .zip (markdown, csv)
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Write without asking (for scripts); exports are not encrypted
    #[arg(long)]
    yes: bool,
}

impl Export {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        write_files(g, self.format, &self.out, self.yes).await
    }
}
