//! `glimmer phq9`: the PHQ-9 self-check, asked one question at a time in the
//! terminal or given whole with --answers.

use std::io::{BufRead, Write};

use clap::Args;
use glimmer::assess::{
    PHQ9_ANSWERS, PHQ9_DIFFICULTY_ANSWERS, PHQ9_DIFFICULTY_QUESTION, PHQ9_ITEMS, PHQ9_STEM,
};

use super::{vault_dir, with_vault};
use crate::{CliError, Global, msg, secrets};

#[derive(Args)]
pub struct Phq9 {
    /// Nine answers, 0-3 each, e.g. 0,1,2,0,0,1,0,0,0
    #[arg(long)]
    answers: Option<String>,
    /// How difficult the problems made things, 0-3
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=3))]
    difficulty: Option<u8>,
}

impl Phq9 {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let given = match self.answers {
            Some(a) => Some(glimmer::assess::parse_answers(&a)?),
            // Without a terminal, stdin is a script's and its lines are not answers.
            None if !secrets::stdin_is_terminal() => {
                return Err(msg(
                    "The self-check asks its questions in a terminal and there is none here, so nothing was saved. Give the nine answers with --answers.",
                ));
            }
            None => None,
        };
        let asking = given.is_none();
        let line = glimmer::crisis::load(&vault_dir(g)?);
        let out = g.out();
        let (result, plan) = with_vault(g, async |v| {
            let answers = match given {
                Some(a) => a,
                None => ask()?,
            };
            // Saved at once, so an answer above 0 on item 9 is kept even if
            // the person stops here.
            let mut result = v
                .assessments()
                .record_phq9(&answers, self.difficulty)
                .await?;
            let plan = match result.score.safety_flag {
                true => Some(v.safety().plan().await?),
                false => None,
            };
            if asking {
                if let Some(plan) = &plan {
                    out.safety(plan, &line);
                }
                // The published form asks this only "if you checked off any problems".
                if self.difficulty.is_none() && answers.iter().any(|a| *a > 0) {
                    let d = ask_difficulty()?;
                    v.assessments().set_phq9_difficulty(result.id, d).await?;
                    result.difficulty = Some(d);
                }
            }
            Ok((result, plan))
        })
        .await?;
        // What was already shown while asking is not repeated before the score.
        let shown = asking && !out.json;
        out.phq9(
            &result,
            plan.as_ref().filter(|_| !shown).map(|p| (p, &line)),
        );
        Ok(())
    }
}

fn choose(prompt: &str, options: &[&str]) -> Result<u8, CliError> {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    loop {
        writeln!(out, "\n{prompt}").ok();
        for (i, o) in options.iter().enumerate() {
            writeln!(out, "  {i}  {o}").ok();
        }
        write!(out, "Your answer (0-{}): ", options.len() - 1).ok();
        out.flush().ok();
        let mut line = String::new();
        if stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| msg(e.to_string()))?
            == 0
        {
            return Err(msg(
                "The self-check was not finished, so nothing was saved.",
            ));
        }
        match line.trim().parse::<u8>() {
            Ok(v) if usize::from(v) < options.len() => return Ok(v),
            _ => writeln!(out, "Please type a number from 0 to {}.", options.len() - 1).ok(),
        };
    }
}

fn ask() -> Result<Vec<u8>, CliError> {
    println!("{PHQ9_STEM}");
    PHQ9_ITEMS
        .iter()
        .enumerate()
        .map(|(i, item)| choose(&format!("{}. {item}", i + 1), &PHQ9_ANSWERS))
        .collect()
}

fn ask_difficulty() -> Result<u8, CliError> {
    choose(PHQ9_DIFFICULTY_QUESTION, &PHQ9_DIFFICULTY_ANSWERS)
}
