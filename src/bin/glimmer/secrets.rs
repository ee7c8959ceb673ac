//! Where passphrases and recovery keys come from: a file, an environment
//! variable (for scripts, as restic does), or a no-echo prompt on the terminal.

use std::io::IsTerminal;
use std::path::Path;

use glimmer::Secret;
use glimmer::passphrase::{APP_WORDS, strength};

use crate::CliError;

fn from_file(path: &Path) -> Result<Secret, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        crate::msg(format!(
            "Glimmer could not read the passphrase file {}: {e}",
            path.display()
        ))
    })?;
    let first = text.lines().next().unwrap_or("");
    Ok(Secret::new(first))
}

/// Asks on the terminal for what `env_var` would otherwise give.
fn prompt(label: &str, env_var: &str) -> Result<Secret, CliError> {
    if !std::io::stderr().is_terminal() && !Path::new("/dev/tty").exists() {
        return Err(no_terminal(env_var));
    }
    rpassword::prompt_password(label)
        .map(Secret::new)
        .map_err(|_| no_terminal(env_var))
}

/// Names the variable and the file option that give this secret without a
/// terminal: GLIMMER_NEW_PASSWORD and --new-password-file, and so on.
fn no_terminal(env_var: &str) -> CliError {
    let option = env_var
        .trim_start_matches("GLIMMER_")
        .to_lowercase()
        .replace('_', "-");
    crate::msg(format!(
        "Glimmer needs this secret and there is no terminal to ask for it. Set {env_var} or use --{option}-file."
    ))
}

/// Picks the first source that is set: a file, then an environment variable, then a prompt.
pub fn obtain(file: Option<&Path>, env_var: &str, label: &str) -> Result<Secret, CliError> {
    if let Some(f) = file {
        return from_file(f);
    }
    if let Ok(v) = std::env::var(env_var) {
        return Ok(Secret::new(v));
    }
    prompt(label, env_var)
}

/// A new passphrase: from a file or variable as is, or typed twice at the
/// prompt; an easily guessed one is accepted with a hint on stderr.
pub fn obtain_new(file: Option<&Path>, env_var: &str) -> Result<Secret, CliError> {
    let new = if file.is_some() || std::env::var_os(env_var).is_some() {
        // The core refuses an empty one with a plain sentence.
        obtain(file, env_var, "")?
    } else {
        typed_twice(env_var)?
    };
    hint_if_weak(&new);
    Ok(new)
}

fn typed_twice(env_var: &str) -> Result<Secret, CliError> {
    loop {
        let first = prompt("New passphrase: ", env_var)?;
        if first.expose().chars().count() < 8 {
            eprintln!(
                "A passphrase of at least 8 characters, or a few words, keeps this vault safe. Try a longer one."
            );
            continue;
        }
        let again = prompt("Type it again: ", env_var)?;
        if first.expose() == again.expose() {
            return Ok(first);
        }
        eprintln!("Those two didn't match; let's try again.");
    }
}

/// Said, never enforced: which passphrase to keep is the person's choice.
fn hint_if_weak(new: &Secret) {
    if new.expose().is_empty() {
        return;
    }
    let s = strength(new.expose(), APP_WORDS);
    if s.is_low() {
        eprintln!(
            "{}. {} It's only a hint: `glimmer passwd` changes the passphrase any time.",
            s.label, s.hint
        );
    }
}

pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// Asks a yes-or-no question on the terminal, after saying what it is about.
/// Without a terminal it refuses with `no_terminal` (which names the flag
/// that answers yes), so a script never changes anything unasked.
pub fn ask_yes(question: &str, no_terminal: &str) -> Result<bool, CliError> {
    if !stdin_is_terminal() {
        return Err(crate::msg(no_terminal));
    }
    eprint!("{question} [y/N] ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| crate::msg(format!("Glimmer could not read your answer: {e}")))?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "Yes"))
}
