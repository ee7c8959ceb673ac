//! `glimmer chart`, and the `--chart`/`--out` of the `insights` commands:
//! charts drawn as SVG files.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use glimmer::Vault;
use glimmer::charts::Theme;
use glimmer::insights::{ChartKind, Range};

use super::with_vault;
use crate::output::Out;
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
        write_chart(g, &self.out, svg)
    }
}

/// Writes a chart's SVG to `file` and says where it went.
fn write_chart(g: &Global, file: &Path, svg: String) -> Result<(), CliError> {
    std::fs::write(file, svg)
        .map_err(|e| msg(format!("Glimmer could not write {}: {e}", file.display())))?;
    g.out()
        .message(&format!("Chart written to {}.", file.display()));
    Ok(())
}

/// An `insights` command's choice between its numbers, printed, and one of
/// them drawn as a chart of kind `K`.
#[derive(Args)]
pub struct NumbersOrChart<K: ValueEnum + Clone + Send + Sync + 'static> {
    /// Draw this chart as SVG instead of printing the numbers
    #[arg(long, value_enum, requires = "out")]
    chart: Option<K>,
    /// The SVG file the chart goes to
    #[arg(long, value_name = "FILE.svg", requires = "chart")]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "light")]
    theme: Theme,
}

impl<K: ValueEnum + Clone + Send + Sync + 'static> NumbersOrChart<K> {
    /// Writes the chart asked for with `--chart` and `--out`, or else prints the numbers.
    pub async fn run<D>(
        self,
        g: &Global,
        chart: impl AsyncFnOnce(&Vault, K, Theme) -> glimmer::Result<String>,
        numbers: impl AsyncFnOnce(&Vault) -> glimmer::Result<D>,
        print: impl FnOnce(&Out, &D),
    ) -> Result<(), CliError> {
        match (self.chart, &self.out) {
            (Some(kind), Some(file)) => {
                let svg = with_vault(g, async |v| Ok(chart(v, kind, self.theme).await?)).await?;
                write_chart(g, file, svg)
            }
            _ => {
                let data = with_vault(g, async |v| Ok(numbers(v).await?)).await?;
                print(&g.out(), &data);
                Ok(())
            }
        }
    }
}
