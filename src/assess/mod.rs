//! The PHQ-9 self-check, scored exactly as published. Glimmer shows a score,
//! its band and "talk to a clinician"; it never diagnoses. Any answer above 0
//! on item 9 raises the safety flag, whatever the total.

mod change;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::storage::{Tx, json, local_tz, small, ts};

pub use change::{
    HIGH_TOTALS, PROMPT_CLOSING, Phq9Change, Phq9Previous, Phq9Prompt, Phq9PromptKind, RISE_POINTS,
    band_note, change, retake_note,
};

pub const PHQ9_STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

pub const PHQ9_ITEMS: [&str; 9] = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead, or of hurting yourself in some way",
];

pub const PHQ9_ANSWERS: [&str; 4] = [
    "Not at all",
    "Several days",
    "More than half the days",
    "Nearly every day",
];

pub const PHQ9_DIFFICULTY_QUESTION: &str = "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?";

pub const PHQ9_DIFFICULTY_ANSWERS: [&str; 4] = [
    "Not difficult at all",
    "Somewhat difficult",
    "Very difficult",
    "Extremely difficult",
];

pub const PHQ9_ATTRIBUTION: &str = "Developed by Drs. Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute. Copyright © 1999 Pfizer Inc. All rights reserved. Reproduced with permission. PRIME-MD® is a trademark of Pfizer Inc.";

pub const CLINICIAN_NOTE: &str = "This score is not a diagnosis. Whatever it is, talking it through with a doctor or therapist can help.";

/// Everything the UI needs to ask the PHQ-9, worded exactly as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Phq9Form {
    pub stem: &'static str,
    pub items: Vec<&'static str>,
    pub answers: Vec<&'static str>,
    pub difficulty_question: &'static str,
    pub difficulty_answers: Vec<&'static str>,
    pub attribution: &'static str,
    pub clinician_note: &'static str,
    /// Said after the prompts of a self-check that looks heavier.
    pub prompt_closing: &'static str,
}

pub fn phq9_form() -> Phq9Form {
    Phq9Form {
        stem: PHQ9_STEM,
        items: PHQ9_ITEMS.to_vec(),
        answers: PHQ9_ANSWERS.to_vec(),
        difficulty_question: PHQ9_DIFFICULTY_QUESTION,
        difficulty_answers: PHQ9_DIFFICULTY_ANSWERS.to_vec(),
        attribution: PHQ9_ATTRIBUTION,
        clinician_note: CLINICIAN_NOTE,
        prompt_closing: PROMPT_CLOSING,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
}

impl Band {
    /// PHQ-9 severity bands: 0–4, 5–9, 10–14, 15–19, 20–27.
    pub fn of(total: u8) -> Band {
        match total {
            0..=4 => Band::Minimal,
            5..=9 => Band::Mild,
            10..=14 => Band::Moderate,
            15..=19 => Band::ModeratelySevere,
            _ => Band::Severe,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Minimal => "minimal",
            Band::Mild => "mild",
            Band::Moderate => "moderate",
            Band::ModeratelySevere => "moderately severe",
            Band::Severe => "severe",
        }
    }

    pub fn range(self) -> (u8, u8) {
        match self {
            Band::Minimal => (0, 4),
            Band::Mild => (5, 9),
            Band::Moderate => (10, 14),
            Band::ModeratelySevere => (15, 19),
            Band::Severe => (20, 27),
        }
    }

    pub const ALL: [Band; 5] = [
        Band::Minimal,
        Band::Mild,
        Band::Moderate,
        Band::ModeratelySevere,
        Band::Severe,
    ];
}

fn wrong_count(n: usize) -> Error {
    Error::invalid(
        "answers",
        format!("The PHQ-9 has 9 questions; {n} answers were given."),
    )
}

fn out_of_range(item: usize, value: &str) -> Error {
    Error::invalid(
        "answers",
        format!("Answer {item} is {value}; each answer is 0 (not at all) to 3 (nearly every day)."),
    )
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Phq9Score {
    pub total: u8,
    pub band: Band,
    /// Item 9 was answered above 0: show the safety screen before the score.
    pub safety_flag: bool,
}

/// Scores nine answers (0–3 each).
pub fn score_phq9(answers: &[u8]) -> Result<Phq9Score> {
    if answers.len() != 9 {
        return Err(wrong_count(answers.len()));
    }
    if let Some((i, v)) = answers.iter().enumerate().find(|(_, v)| **v > 3) {
        return Err(out_of_range(i + 1, &v.to_string()));
    }
    let total = answers.iter().sum::<u8>();
    Ok(Phq9Score {
        total,
        band: Band::of(total),
        safety_flag: answers[8] > 0,
    })
}

/// Parses "0,1,2,…" as typed on the command line.
pub fn parse_answers(text: &str) -> Result<Vec<u8>> {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        match p.parse::<u8>() {
            Ok(v) if v <= 3 => out.push(v),
            _ => return Err(out_of_range(i + 1, &format!("“{p}”"))),
        }
    }
    if out.len() != 9 {
        return Err(wrong_count(out.len()));
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Assessment {
    pub id: Uuid,
    pub created_at: Timestamp,
    pub answers: Vec<u8>,
    pub difficulty: Option<u8>,
    #[serde(flatten)]
    pub score: Phq9Score,
}

/// A self-check with how it stands beside the one before.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Phq9Result {
    pub assessment: Assessment,
    pub change: Phq9Change,
}

/// A handle on the assessments of an unlocked vault.
pub struct Assessments<'v> {
    pool: &'v SqlitePool,
}

impl crate::vault::Vault {
    /// The PHQ-9 self-checks taken.
    pub fn assessments(&self) -> Assessments<'_> {
        Assessments::new(self.pool())
    }
}

impl<'v> Assessments<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn record_phq9(&self, answers: &[u8], difficulty: Option<u8>) -> Result<Assessment> {
        let mut tx = Tx::begin(self.pool).await?;
        let a = insert_phq9(&mut tx, answers, difficulty).await?;
        tx.commit().await?;
        Ok(a)
    }

    /// Adds the difficulty answer to a PHQ-9 already recorded: when item 9 is
    /// above 0 the answers are saved at once, before the safety screen, and the
    /// difficulty question comes after it.
    pub async fn set_phq9_difficulty(&self, id: Uuid, difficulty: u8) -> Result<()> {
        check_difficulty(Some(difficulty))?;
        let n = sqlx::query(
            "UPDATE assessments SET difficulty = ? WHERE id = ? AND instrument = 'phq9'",
        )
        .bind(i64::from(difficulty))
        .bind(id.to_string())
        .execute(self.pool)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(Error::NotFound(
                "That self-check is no longer in the vault.".into(),
            ));
        }
        Ok(())
    }

    /// The self-check `id` beside the ones taken before it.
    pub async fn phq9_result(&self, id: Uuid) -> Result<Phq9Result> {
        let history = self.phq9_history().await?;
        let at = history
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| Error::NotFound("That self-check is no longer in the vault.".into()))?;
        Ok(Phq9Result {
            change: change(&history[at], &history[..at], &TimeZone::system()),
            assessment: history[at].clone(),
        })
    }

    /// The latest self-check when it has prompts not yet shown on Today.
    pub async fn unseen_prompts(&self) -> Result<Option<Phq9Result>> {
        let latest: Option<(String, i64)> = sqlx::query_as(
            "SELECT id, prompts_shown FROM assessments WHERE instrument = 'phq9' ORDER BY created_at DESC, seq DESC LIMIT 1",
        )
        .fetch_optional(self.pool)
        .await?;
        let Some((id, 0)) = latest else {
            return Ok(None);
        };
        let Ok(id) = Uuid::parse_str(&id) else {
            return Ok(None);
        };
        let result = self.phq9_result(id).await?;
        Ok((!result.change.prompts.is_empty()).then_some(result))
    }

    /// Marks the prompts of self-check `id` as shown on Today, so they are shown once.
    pub async fn prompts_shown(&self, id: Uuid) -> Result<()> {
        sqlx::query("UPDATE assessments SET prompts_shown = 1 WHERE id = ?")
            .bind(id.to_string())
            .execute(self.pool)
            .await?;
        Ok(())
    }

    /// Said before a self-check taken again within two weeks of the last one.
    pub async fn retake_note(&self) -> Result<Option<String>> {
        let last = self.phq9_history().await?.last().map(|a| a.created_at);
        Ok(last.and_then(|at| retake_note(at, Timestamp::now(), &TimeZone::system())))
    }

    /// Every PHQ-9 taken, oldest first.
    pub async fn phq9_history(&self) -> Result<Vec<Assessment>> {
        let rows: Vec<(String, i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, created_at, answers, difficulty FROM assessments WHERE instrument = 'phq9' ORDER BY created_at, seq",
        )
        .fetch_all(self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, at, answers, difficulty)| {
                let answers: Vec<u8> = serde_json::from_str(&answers).ok()?;
                Some(Assessment {
                    id: Uuid::parse_str(&id).ok()?,
                    created_at: ts(at),
                    score: score_phq9(&answers).ok()?,
                    answers,
                    difficulty: small(difficulty),
                })
            })
            .collect())
    }
}

fn check_difficulty(difficulty: Option<u8>) -> Result<()> {
    match difficulty {
        Some(d) if d > 3 => Err(Error::invalid(
            "difficulty",
            format!(
                "The difficulty answer is {d}; it goes from 0 (not difficult at all) to 3 (extremely difficult)."
            ),
        )),
        _ => Ok(()),
    }
}

/// Records a PHQ-9 inside the caller's write.
pub async fn insert_phq9(
    tx: &mut Tx<'_>,
    answers: &[u8],
    difficulty: Option<u8>,
) -> Result<Assessment> {
    let score = score_phq9(answers)?;
    if let Some(d) = difficulty.filter(|d| *d > 3) {
        return Err(Error::invalid(
            "difficulty",
            format!(
                "The difficulty answer is {d}; it goes from 0 (not difficult at all) to 3 (extremely difficult)."
            ),
        ));
    }
    let a = Assessment {
        id: Uuid::now_v7(),
        created_at: Timestamp::now(),
        answers: answers.to_vec(),
        difficulty,
        score,
    };
    sqlx::query(
        "INSERT INTO assessments (id, instrument, created_at, tz, answers, difficulty, total, band) \
         VALUES (?, 'phq9', ?, ?, ?, ?, ?, ?)",
    )
    .bind(a.id.to_string())
    .bind(a.created_at.as_millisecond())
    .bind(local_tz())
    .bind(json(&a.answers))
    .bind(difficulty.map(i64::from))
    .bind(i64::from(a.score.total))
    .bind(a.score.band.label())
    .execute(tx.conn())
    .await?;
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_total(total: u8, item9: u8) -> Vec<u8> {
        let mut a = vec![0u8; 9];
        a[8] = item9;
        let mut left = total - item9;
        for v in a.iter_mut().take(8) {
            let take = left.min(3);
            *v = take;
            left -= take;
        }
        assert_eq!(left, 0);
        a
    }

    #[test]
    fn every_band_boundary() {
        for (total, band) in [
            (0, Band::Minimal),
            (4, Band::Minimal),
            (5, Band::Mild),
            (9, Band::Mild),
            (10, Band::Moderate),
            (14, Band::Moderate),
            (15, Band::ModeratelySevere),
            (19, Band::ModeratelySevere),
            (20, Band::Severe),
            (27, Band::Severe),
        ] {
            let s = score_phq9(&with_total(total, if total == 27 { 3 } else { 0 })).unwrap();
            assert_eq!((s.total, s.band), (total, band), "total {total}");
        }
        for b in Band::ALL {
            let (lo, hi) = b.range();
            assert_eq!(Band::of(lo), b);
            assert_eq!(Band::of(hi), b);
        }
    }

    #[test]
    fn item_nine_above_zero_always_raises_the_safety_flag() {
        let s = score_phq9(&with_total(1, 1)).unwrap();
        assert_eq!((s.total, s.band, s.safety_flag), (1, Band::Minimal, true));
        for v in 1..=3 {
            assert!(score_phq9(&with_total(v + 8, v)).unwrap().safety_flag);
        }
        assert!(!score_phq9(&with_total(24, 0)).unwrap().safety_flag);
    }

    #[test]
    fn invalid_answers_are_refused_with_a_reason() {
        let message = |r: Result<_>| match r {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "answers");
                message
            }
            other => panic!("not refused as invalid: {other:?}"),
        };
        assert!(message(score_phq9(&[0; 8]).map(|_| ())).contains("9 questions; 8 answers"));
        assert!(
            message(score_phq9(&[0, 0, 4, 0, 0, 0, 0, 0, 0]).map(|_| ()))
                .starts_with("Answer 3 is 4;")
        );
        assert!(parse_answers("0,1,2,3,0,1,2,3,0").is_ok());
        assert!(message(parse_answers("0,1,2").map(|_| ())).contains("3 answers"));
        assert!(
            message(parse_answers("0,x,0,0,0,0,0,0,0").map(|_| ())).starts_with("Answer 2 is “x”;")
        );
    }

    #[test]
    fn the_wording_is_the_published_one() {
        assert_eq!(PHQ9_ITEMS.len(), 9);
        assert_eq!(
            PHQ9_ANSWERS,
            [
                "Not at all",
                "Several days",
                "More than half the days",
                "Nearly every day"
            ]
        );
        assert!(PHQ9_ITEMS[8].starts_with("Thoughts that you would be better off dead"));
        assert!(PHQ9_ATTRIBUTION.contains("Spitzer") && PHQ9_ATTRIBUTION.contains("Pfizer"));
        assert!(PHQ9_ATTRIBUTION.contains("Copyright © 1999 Pfizer Inc. All rights reserved."));
    }
}
