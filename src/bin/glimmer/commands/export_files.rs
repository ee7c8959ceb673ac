//! Everything as Glimmer JSON, the journal as Markdown files and the numbers
//! as CSV tables, for `glimmer export`. The files are plaintext: that is said
//! first, and without a terminal to ask on, `--yes` is needed.

use std::path::Path;

use glimmer::export::{self, ExportReport, FileFormat, PLAINTEXT_NOTICE};

use super::with_vault;
use crate::output::Out;
use crate::{CliError, Global, secrets};

/// Writes the export to `out` (a new folder, `.zip`, or `.json` file for
/// Glimmer JSON), after saying the files are not encrypted and, unless
/// `yes`, asking.
pub async fn write_files(
    g: &Global,
    format: FileFormat,
    out: &Path,
    yes: bool,
) -> Result<(), CliError> {
    export::check_free(out)?;
    let question = match format {
        FileFormat::Json => "Write this file?",
        FileFormat::Markdown | FileFormat::Csv => "Write these files?",
    };
    if !plaintext_agreed(yes, question)? {
        g.out().message("Nothing was written.");
        return Ok(());
    }
    let report = with_vault(g, async |v| Ok(export::write(v, format, out).await?)).await?;
    g.out().exported(&report);
    Ok(())
}

/// Says that what is about to be written is not encrypted, then asks
/// `question` on a terminal; `yes` answers it beforehand.
pub fn plaintext_agreed(yes: bool, question: &str) -> Result<bool, CliError> {
    eprintln!("{PLAINTEXT_NOTICE}");
    if yes {
        return Ok(true);
    }
    secrets::ask_yes(
        question,
        "These files are not encrypted, so Glimmer asks first, and there is no terminal to ask on. Add --yes to write them anyway; nothing was written.",
    )
}

impl Out {
    fn exported(&self, r: &ExportReport) {
        if self.json {
            return self.json(r);
        }
        let files = match r.files {
            1 => String::new(),
            n => format!(" ({n} files in all)"),
        };
        self.message(&format!(
            "Wrote {} to {}{files}, readable only by you.",
            r.summary, r.path
        ));
    }
}
