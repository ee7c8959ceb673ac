//! `glimmer help-now` and `glimmer crisis set`: the crisis line and emergency
//! number, read from beside the vault without a passphrase.

use clap::{Args, Subcommand};
use glimmer::crisis::{self, CrisisInfo, CrisisLine};
use glimmer::safety::{self, OutsidePlan};

use super::vault_dir;
use crate::output::{CrisisJson, Out, crisis_sentence, say};
use crate::{CliError, Global, msg};

/// Prints the crisis line; works with no vault, a locked one, or a forgotten passphrase.
pub fn help_now(g: &Global) -> Result<(), CliError> {
    let dir = vault_dir(g)?;
    let (info, problem) = crisis::checked(&dir);
    let out = g.out();
    out.help_now(&info);
    // Only when the person chose to keep these lines outside the vault.
    let plan = OutsidePlan::load(&dir);
    if let Ok(Some(plan)) = &plan {
        out.outside_plan(plan);
    }
    // After the line, on stderr: the help comes first, whatever went wrong.
    for p in problem.into_iter().chain(plan.err()) {
        eprintln!("\n{p}");
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum Crisis {
    /// Choose your country's line, or type your own
    Set(Set),
}

#[derive(Args)]
pub struct Set {
    /// Two-letter country code of a built-in line, e.g. GB, AU, DE
    #[arg(long)]
    country: Option<String>,
    /// Name of the line (for a line of your own, or to rename one)
    #[arg(long)]
    name: Option<String>,
    /// Number to call
    #[arg(long)]
    call: Option<String>,
    /// Number to text
    #[arg(long)]
    text: Option<String>,
    /// Emergency number
    #[arg(long)]
    emergency: Option<String>,
}

impl Crisis {
    pub fn run(self, g: &Global) -> Result<(), CliError> {
        let Crisis::Set(set) = self;
        let typed = set.name.is_some() || set.call.is_some() || set.text.is_some();
        if set.country.is_none() && !typed && set.emergency.is_none() {
            return Err(msg(
                "Say which line to keep: --country CC for a built-in one, or --name, --call, --text and --emergency for your own. Nothing was changed.",
            ));
        }
        let dir = vault_dir(g)?;
        let mut line = match &set.country {
            Some(code) => crisis::builtin(code).ok_or_else(|| {
                msg(format!(
                    "Glimmer has no built-in line for “{code}”. Type your own with --name, --call and --emergency; nothing was changed."
                ))
            })?,
            // With no line known, what is typed starts from nothing.
            None => crisis::load(&dir).unwrap_or_default(),
        };
        if typed {
            // A line typed by the person is theirs, not a built-in row.
            line.code.clear();
        }
        let CrisisLine {
            name,
            call,
            text,
            emergency,
            ..
        } = &mut line;
        for (field, value) in [
            (name, set.name),
            (call, set.call),
            (text, set.text),
            (emergency, set.emergency),
        ] {
            if let Some(v) = value {
                *field = v;
            }
        }
        let saved = crisis::save(&dir, &line)?;
        g.out().help_now(&CrisisInfo {
            line: Some(saved),
            chosen: true,
            unreadable: None,
        });
        Ok(())
    }
}

impl Out {
    /// "Need help now": the crisis line and emergency number, nothing else.
    fn help_now(&self, info: &CrisisInfo) {
        if self.json {
            return self.json(&CrisisJson::from(info));
        }
        say!("If you are in danger or might act on thoughts of hurting yourself, reach out now.");
        say!();
        say!("  {}", crisis_sentence(info));
        say!();
        say!("{}", safety::OFFLINE_NOTICE);
        if let Some(hint) = choose_hint(info) {
            say!("{hint}");
        }
    }

    /// The plan's lines the person keeps outside the vault, after the line.
    fn outside_plan(&self, plan: &OutsidePlan) {
        if self.json {
            return;
        }
        for (key, lines) in [
            ("coping_strategies", &plan.coping_strategies),
            ("people_to_ask", &plan.people_to_ask),
        ] {
            let title = safety::SECTIONS
                .iter()
                .find(|s| s.key == key)
                .map(|s| s.title);
            if let (Some(title), false) = (title, lines.is_empty()) {
                say!();
                say!("{title}");
                for l in lines {
                    say!("  - {l}");
                }
            }
        }
    }
}

/// How to choose or type a line, when the one shown is not the person's own.
fn choose_hint(info: &CrisisInfo) -> Option<String> {
    match &info.line {
        Some(_) if info.chosen => None,
        Some(line) => Some(format!(
            "This is Glimmer's built-in line for {}. To choose yours: glimmer crisis set --country CC",
            line.country
        )),
        // The file's problem is said after this, on stderr.
        None if info.unreadable.is_some() => Some(
            "To choose your line again: glimmer crisis set --country CC, or type your own with --name, --call and --emergency.".into(),
        ),
        None => Some(
            "Glimmer has no crisis line for your country. To choose one: glimmer crisis set --country CC, or type your own with --name, --call and --emergency.".into(),
        ),
    }
}
