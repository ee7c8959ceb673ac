//! `glimmer chart`.

use std::path::PathBuf;

use clap::Args;
use glimmer::charts::Theme;
use glimmer::insights::{ChartKind, Range};

use super::with_vault;
use crate::{CliError, Global, msg};

#[derive(Args)]
pub struct Chart {
    #[arg(value_enum)]
    kind: ChartKind,
    #[arg(long, value_enum, default_value = "30d")]
    range: Range,
    #[arg(long, value_enum, default_value = "light")]
    theme: Theme,
    #[arg(long, value_name = "FILE.svg")]
    out: PathBuf,
}

impl Chart {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let svg = with_vault(g, async |v| {
            Ok(v.insights()
                .chart(self.kind, self.range, self.theme)
                .await?)
        })
        .await?;
        let file = &self.out;
        std::fs::write(file, svg)
            .map_err(|e| msg(format!("Glimmer could not write {}: {e}", file.display())))?;
        g.out()
            .message(&format!("Chart written to {}.", file.display()));
        Ok(())
    }
}
