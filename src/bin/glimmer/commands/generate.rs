//! `glimmer generate`: the man pages and shell completions, made from the same
//! clap definition that parses the command line, so they never describe
//! options Glimmer no longer has. The Linux packages install them
//! (`scripts/package.sh`); `cargo install` users can make their own.

use std::path::PathBuf;

use clap::{CommandFactory, Subcommand};
use clap_complete::aot::Shell;

use crate::{Cli, CliError, msg};

#[derive(Subcommand)]
pub enum Generate {
    /// Write glimmer.1 and one page per subcommand (glimmer-write.1, …) into DIR
    Man {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Print the completion script for SHELL
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

impl Generate {
    pub fn run(self) -> Result<(), CliError> {
        match self {
            Generate::Man { dir } => std::fs::create_dir_all(&dir)
                .and_then(|()| clap_mangen::generate_to(Cli::command(), &dir))
                .map_err(|e| {
                    msg(format!(
                        "Glimmer could not write the man pages to {}: {e}",
                        dir.display()
                    ))
                }),
            Generate::Completions { shell } => {
                clap_complete::aot::generate(
                    shell,
                    &mut Cli::command(),
                    "glimmer",
                    &mut std::io::stdout(),
                );
                Ok(())
            }
        }
    }
}
