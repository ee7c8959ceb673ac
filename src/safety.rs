//! The safety plan, after the Stanley–Brown structure, kept in the encrypted
//! vault, and the crisis line shown with it. Glimmer is offline: it cannot
//! call or alert anyone, and it says so plainly.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::error::Result;
use crate::storage::{Tx, json};

pub const OFFLINE_NOTICE: &str = "Glimmer works offline and cannot alert anyone. If you might act on these thoughts, call a crisis line or emergency services now.";

/// A crisis line. The default is the US 988 Suicide & Crisis Lifeline; the
/// person sets their own country's line in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct CrisisLine {
    pub country: String,
    pub name: String,
    pub call: String,
    pub text: String,
}

impl Default for CrisisLine {
    fn default() -> Self {
        Self {
            country: "United States".into(),
            name: "988 Suicide & Crisis Lifeline".into(),
            call: "988".into(),
            text: "988".into(),
        }
    }
}

/// The seven sections of the Stanley–Brown safety plan, in their order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct SafetyPlan {
    /// 1. Warning signs that a crisis may be developing.
    pub warning_signs: Vec<String>,
    /// 2. Things I can do on my own to take my mind off my problems.
    pub coping_strategies: Vec<String>,
    /// 3. People and social settings that provide distraction.
    pub distractions: Vec<String>,
    /// 4. People I can ask for help.
    pub people_to_ask: Vec<String>,
    /// 5. Professionals or agencies I can contact during a crisis.
    pub professionals: Vec<String>,
    /// 6. Making the environment safer.
    pub safer_environment: Vec<String>,
    /// 7. The things most important to me and worth living for.
    pub reasons_for_living: Vec<String>,
    pub crisis_line: CrisisLine,
    pub updated_at: Option<Timestamp>,
}

pub const SECTION_TITLES: [&str; 7] = [
    "Warning signs",
    "Things I can do on my own",
    "People and places that take my mind off things",
    "People I can ask for help",
    "Professionals and crisis lines",
    "Making my surroundings safer",
    "Reasons for living",
];

/// A handle on the safety plan of an unlocked vault.
pub struct Safety<'v> {
    pool: &'v SqlitePool,
}

impl<'v> Safety<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn plan(&self) -> Result<SafetyPlan> {
        let raw: Option<String> = sqlx::query_scalar("SELECT plan FROM safety_plan WHERE id = 1")
            .fetch_optional(self.pool)
            .await?;
        Ok(raw
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or_default())
    }

    /// Saves the plan (trimming empty lines) and returns it as stored.
    pub async fn save(&self, plan: &SafetyPlan) -> Result<SafetyPlan> {
        let mut tx = Tx::begin(self.pool).await?;
        let plan = save(&mut tx, plan).await?;
        tx.commit().await?;
        Ok(plan)
    }
}

/// Saves the plan inside the caller's write; returns it as stored.
pub async fn save(tx: &mut Tx<'_>, plan: &SafetyPlan) -> Result<SafetyPlan> {
    let mut plan = plan.clone();
    for section in [
        &mut plan.warning_signs,
        &mut plan.coping_strategies,
        &mut plan.distractions,
        &mut plan.people_to_ask,
        &mut plan.professionals,
        &mut plan.safer_environment,
        &mut plan.reasons_for_living,
    ] {
        section.iter_mut().for_each(|l| *l = l.trim().to_string());
        section.retain(|l| !l.is_empty());
    }
    let now = Timestamp::now();
    plan.updated_at = Some(now);
    sqlx::query(
        "INSERT INTO safety_plan (id, plan, updated_at) VALUES (1, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at",
    )
    .bind(json(&plan))
    .bind(now.as_millisecond())
    .execute(tx.conn())
    .await?;
    Ok(plan)
}
