//! The PHQ-9 asked one question at a time in the terminal.

use std::io::{BufRead, Write};

use glimmer::assess::{
    PHQ9_ANSWERS, PHQ9_DIFFICULTY_ANSWERS, PHQ9_DIFFICULTY_QUESTION, PHQ9_ITEMS, PHQ9_STEM,
};

use crate::{CliError, msg};

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

pub fn ask() -> Result<Vec<u8>, CliError> {
    println!("{PHQ9_STEM}");
    PHQ9_ITEMS
        .iter()
        .enumerate()
        .map(|(i, item)| choose(&format!("{}. {item}", i + 1), &PHQ9_ANSWERS))
        .collect()
}

pub fn ask_difficulty() -> Result<Option<u8>, CliError> {
    choose(PHQ9_DIFFICULTY_QUESTION, &PHQ9_DIFFICULTY_ANSWERS).map(Some)
}
