//! `glimmer phq9`: the PHQ-9 self-check, asked one question at a time in the
//! terminal or given whole with --answers.

use std::io::{BufRead, Write};

use clap::Args;
use glimmer::assess::{
    self, Assessment, PHQ9_ANSWERS, PHQ9_DIFFICULTY_ANSWERS, PHQ9_DIFFICULTY_QUESTION, PHQ9_ITEMS,
    PHQ9_STEM, Phq9Change,
};
use glimmer::crisis::CrisisInfo;
use glimmer::safety::{self, SafetyPlan};
use serde::Serialize;

use super::{vault_dir, with_vault};
use crate::output::{CrisisJson, Out, crisis_sentence, say};
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

/// What goes with a PHQ-9 result when item 9 is above 0.
struct Phq9Safety<'a> {
    crisis: &'a CrisisInfo,
    plan: Option<SafetyPlan>,
    plan_unreadable: Option<String>,
}

#[derive(Serialize)]
struct Phq9Json<'a> {
    assessment: &'a Assessment,
    band_label: &'a str,
    /// Beside the last self-check: the comparison, the band's note, any prompts.
    change: &'a Phq9Change,
    safety_plan: Option<&'a SafetyPlan>,
    /// Why the plan could not be read, when item 9 was above 0 and it could not.
    safety_plan_unreadable: Option<&'a str>,
    crisis_line: Option<CrisisJson<'a>>,
    offline_notice: Option<&'a str>,
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
        let crisis = glimmer::crisis::info(&vault_dir(g)?);
        let out = g.out();
        // The line comes first, before the vault is opened or the plan read:
        // whatever fails after it, it has been shown.
        let flagged = |answers: &[u8]| answers.get(8).is_some_and(|a| *a > 0);
        if given.as_deref().is_some_and(flagged) {
            out.crisis_first(&crisis);
        }
        let (result, change, plan) = with_vault(g, async |v| {
            let answers = match given {
                Some(a) => a,
                None => {
                    if let Some(note) = v.assessments().retake_note().await? {
                        println!("{note}\n");
                    }
                    let a = ask()?;
                    if flagged(&a) {
                        out.crisis_first(&crisis);
                    }
                    a
                }
            };
            // Saved at once, so an answer above 0 on item 9 is kept even if
            // the person stops here.
            let mut result = v
                .assessments()
                .record_phq9(&answers, self.difficulty)
                .await?;
            let plan = match result.score.safety_flag {
                // A plan that cannot be read is said, not fatal: the line
                // above and the score still stand.
                true => Some(v.safety().plan().await.map_err(|e| e.to_string())),
                false => None,
            };
            if !out.json {
                match &plan {
                    Some(Ok(plan)) => out.safety_plan(plan),
                    Some(Err(e)) => eprintln!("Your safety plan could not be read just now. {e}\n"),
                    None => {}
                }
            }
            // The published form asks this only "if you checked off any problems".
            if asking && self.difficulty.is_none() && answers.iter().any(|a| *a > 0) {
                let d = ask_difficulty()?;
                v.assessments().set_phq9_difficulty(result.id, d).await?;
                result.difficulty = Some(d);
            }
            let change = v.assessments().phq9_result(result.id).await?.change;
            Ok((result, change, plan))
        })
        .await?;
        let safety = plan.map(|p| {
            let (plan, plan_unreadable) = match p {
                Ok(plan) => (Some(plan), None),
                Err(e) => (None, Some(e)),
            };
            Phq9Safety {
                crisis: &crisis,
                plan,
                plan_unreadable,
            }
        });
        out.phq9(&result, &change, safety.as_ref());
        Ok(())
    }
}

impl Out {
    /// The crisis line (or the neutral card) and the offline notice: the first
    /// thing shown after item 9 above 0, before anything that could fail.
    /// With `--json` it goes to stderr, so stdout stays one JSON document.
    fn crisis_first(&self, info: &CrisisInfo) {
        let lines = [
            "You're not alone, and you deserve support right now.".to_string(),
            String::new(),
            format!("  {}", crisis_sentence(info)),
            format!("  {}", safety::OFFLINE_NOTICE),
        ];
        for l in lines {
            if self.json {
                eprintln!("{l}");
            } else {
                say!("{l}");
            }
        }
    }

    /// The person's safety plan, after the crisis line.
    fn safety_plan(&self, plan: &SafetyPlan) {
        for section in &safety::SECTIONS {
            let lines = plan.section(section.key);
            if !lines.is_empty() {
                say!("\n  {}:", section.title);
                for l in lines {
                    say!("    - {l}");
                }
            }
        }
        say!();
    }

    /// The score. After item 9 above 0 the crisis line and plan were shown
    /// already (see `crisis_first`); `--json` carries them with the score.
    fn phq9(&self, a: &Assessment, change: &Phq9Change, safety: Option<&Phq9Safety>) {
        if self.json {
            return self.json(&Phq9Json {
                assessment: a,
                band_label: a.score.band.label(),
                change,
                safety_plan: safety.and_then(|s| s.plan.as_ref()),
                safety_plan_unreadable: safety.and_then(|s| s.plan_unreadable.as_deref()),
                crisis_line: safety.map(|s| CrisisJson::from(s.crisis)),
                offline_notice: safety.map(|_| safety::OFFLINE_NOTICE),
            });
        }
        say!(
            "Your PHQ-9 total is {} of 27: {}.",
            a.score.total,
            a.score.band.label()
        );
        if let Some(compared) = &change.compared {
            say!("That is {compared}.");
        }
        say!("{}", change.band_note);
        say!("{}", assess::CLINICIAN_NOTE);
        if !change.prompts.is_empty() {
            say!();
            for p in &change.prompts {
                say!("{}", p.text);
            }
            say!("{}", assess::PROMPT_CLOSING);
            say!(
                "A summary to bring to a doctor: `glimmer report --from DATE --to DATE --out summary.html`."
            );
            say!("If things feel urgent, `glimmer help-now` shows a crisis line.");
        }
        say!();
        say!("PHQ-9: {}", assess::PHQ9_ATTRIBUTION);
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
