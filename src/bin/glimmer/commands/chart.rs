//! `glimmer chart`.

use std::path::PathBuf;

use clap::Args;
use glimmer::charts::Theme;
use glimmer::insights::{ChartKind, Range};

use super::{with_vault, write_chart};
use crate::{CliError, Global};

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
        write_chart(g, &self.out, svg)
    }
}
