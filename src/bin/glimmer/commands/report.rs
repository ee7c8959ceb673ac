//! `glimmer report`: a summary for a clinician, as a page to print.

use std::path::PathBuf;

use clap::Args;
use glimmer::export;
use glimmer::report::{self, Section, SummaryOptions};
use jiff::civil::Date;

use super::export_files::plaintext_agreed;
use super::with_vault;
use crate::args::parse_day;
use crate::{CliError, Global};

#[derive(Args)]
pub struct Report {
    /// The first day, like 2026-01-01
    #[arg(long, value_parser = parse_day)]
    from: Date,
    /// The last day
    #[arg(long, value_parser = parse_day)]
    to: Date,
    /// The parts to show, comma-separated; the journal's text only when named
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_values = ["phq9", "mood", "activities", "practice"]
    )]
    include: Vec<Section>,
    /// The HTML file to write
    #[arg(long, value_name = "FILE.html")]
    out: PathBuf,
    /// Write without asking (for scripts); the file is not encrypted
    #[arg(long)]
    yes: bool,
}

impl Report {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let options = SummaryOptions {
            from: self.from,
            to: self.to,
            include: self.include,
        };
        options.check()?;
        if !plaintext_agreed(self.yes, "Write the summary?")? {
            g.out().message("Nothing was written.");
            return Ok(());
        }
        let html = with_vault(g, async |v| Ok(report::summary_html(v, &options).await?)).await?;
        export::write_private(&self.out, html.as_bytes())?;
        g.out().message(&format!(
            "The summary is in {} (readable only by you). Open it in a browser to print it or save it as a PDF; it is not encrypted, so delete it once it is shared.",
            self.out.display()
        ));
        Ok(())
    }
}
