//! `glimmer checkin` and `glimmer checkins`.

use clap::Args;
use glimmer::checkin::{self, CheckinInput};

use super::with_vault;
use crate::output::{Out, local, say};
use crate::{CliError, Global};

#[derive(Args)]
pub struct Checkin {
    /// Mood from -3 (very low) to 3 (very good); leave out for "I can't tell"
    #[arg(long, allow_hyphen_values = true, value_parser = clap::value_parser!(i8).range(-3..=3))]
    mood: Option<i8>,
    /// How vividly you feel anything, 0 (numb) to 10 (vivid); leave out for "I can't tell"
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    intensity: Option<u8>,
    /// Energy, 0 to 10
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=10))]
    energy: Option<u8>,
    /// An emotion word, e.g. calm, flat, anxious (repeatable)
    #[arg(long = "emotion", value_name = "WORD")]
    emotions: Vec<String>,
    /// Where you feel it, e.g. chest (repeatable)
    #[arg(long = "body", value_name = "AREA")]
    body_areas: Vec<String>,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args)]
pub struct Checkins {
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

impl Checkin {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let input = CheckinInput {
            mood: self.mood,
            intensity: self.intensity,
            energy: self.energy,
            emotions: self.emotions,
            body_areas: self.body_areas,
            note: self.note,
            created_at: None,
        };
        let c = with_vault(g, async |v| Ok(v.checkins().create(&input).await?)).await?;
        g.out().checkin_saved(&c);
        Ok(())
    }
}

impl Checkins {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let recent = with_vault(g, async |v| Ok(v.checkins().recent(self.limit).await?)).await?;
        g.out().checkins(&recent);
        Ok(())
    }
}

impl Out {
    fn checkin_saved(&self, c: &checkin::Checkin) {
        if self.json {
            return self.json(c);
        }
        say!("Checked in. Thank you for noticing. {}", c.id);
    }

    fn checkins(&self, all: &[checkin::Checkin]) {
        let empty = "No check-ins yet. Try: glimmer checkin --mood 0 --intensity 3";
        self.rows(all, empty, |c| {
            let mood = c.mood.map_or("—".into(), |m| format!("{m:+}"));
            let intensity = c.intensity.map_or("—".into(), |i| format!("{i}/10"));
            let mut line = format!(
                "{}  mood {mood}  intensity {intensity}",
                local(c.created_at)
            );
            if let Some(e) = c.energy {
                line.push_str(&format!("  energy {e}/10"));
            }
            if !c.emotions.is_empty() {
                line.push_str(&format!("  {}", c.emotions.join(", ")));
            }
            say!("{line}");
        });
    }
}
