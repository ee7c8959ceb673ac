//! `glimmer export`: everything the vault holds, written to a file only you can read.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::with_vault;
use crate::output::Out;
use crate::{CliError, Global};

#[derive(Args)]
pub struct Export {
    /// What to write
    #[arg(long, value_enum, default_value = "json")]
    format: ExportFormat,
    /// The file to write (it must not exist yet)
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
}

/// The formats `glimmer export` writes; each is one arm below.
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// Glimmer JSON: everything, to import into Glimmer again (docs/glimmer-json.md)
    Json,
}

#[derive(Serialize)]
struct Written<'a> {
    path: &'a std::path::Path,
    bytes: usize,
}

impl Export {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        eprintln!(
            "An export is not encrypted: anyone who can open {} can read what is in it. Glimmer makes it readable by you only; keep it somewhere safe, and delete it when you are done.",
            self.out.display()
        );
        let bytes = match self.format {
            ExportFormat::Json => with_vault(g, async |v| Ok(v.export_json().await?)).await?,
        };
        glimmer::import::write_export(&self.out, &bytes)?;
        g.out().written(&Written {
            path: &self.out,
            bytes: bytes.len(),
        });
        Ok(())
    }
}

impl Out {
    fn written(&self, w: &Written) {
        if self.json {
            return self.json(w);
        }
        self.message(&format!("Wrote {} ({} bytes).", w.path.display(), w.bytes));
    }
}
