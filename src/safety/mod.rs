//! The safety plan, after the Stanley–Brown structure, kept in the encrypted
//! vault, and the crisis line shown with it. Glimmer is offline: it cannot
//! call or alert anyone, and it says so plainly.

mod card;
mod outside;

use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::error::{Error, Result};
use crate::storage::{Tx, json};

pub use card::{CARD_CSS, CardSize, card_document, card_html};
pub use outside::{OUTSIDE_FILE, OUTSIDE_NOTICE, OutsidePlan};

pub const OFFLINE_NOTICE: &str = "Glimmer works offline and cannot alert anyone. If you might act on these thoughts, call a crisis line or emergency services now.";

/// The six steps of the Stanley–Brown safety plan, in their order, and the
/// reasons for living it closes with.
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
    pub updated_at: Option<Timestamp>,
}

/// Lines a section may hold, and characters a line may hold: far more than a
/// plan needs to be read in a hard moment, short of an unbounded paste.
pub const MAX_PLAN_LINES: usize = 100;
pub const MAX_PLAN_LINE_CHARS: usize = 1000;

pub const CREDIT: &str = "The steps follow the Safety Planning Intervention by Barbara Stanley, PhD, and Gregory K. Brown, PhD (Stanley & Brown, 2008).";

/// One part of the plan as the front ends show it: the field, its title and a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PlanSection {
    pub key: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
}

/// The plan's parts in their order; the wording lives here so every front end says the same.
pub const SECTIONS: [PlanSection; 7] = [
    PlanSection {
        key: "warning_signs",
        title: "Step 1: Warning signs",
        hint: "Thoughts, images, moods, situations or behaviours that tell me a crisis may be starting.",
    },
    PlanSection {
        key: "coping_strategies",
        title: "Step 2: Things I can do on my own",
        hint: "Ways to take my mind off my problems without contacting anyone.",
    },
    PlanSection {
        key: "distractions",
        title: "Step 3: People and places that take my mind off things",
        hint: "Who I can be with, and where I can go, for distraction.",
    },
    PlanSection {
        key: "people_to_ask",
        title: "Step 4: People I can ask for help",
        hint: "Names and phone numbers of people I can tell that I am struggling.",
    },
    PlanSection {
        key: "professionals",
        title: "Step 5: Professionals and crisis lines",
        hint: "My clinician, an urgent-care or emergency service, a crisis line.",
    },
    PlanSection {
        key: "safer_environment",
        title: "Step 6: Making my surroundings safer",
        hint: "How I keep away from anything I could use to hurt myself: putting it out of reach, asking someone to hold on to it, or being somewhere else.",
    },
    PlanSection {
        key: "reasons_for_living",
        title: "The things most important to me, worth living for",
        hint: "People, hopes, plans, anything that matters to me.",
    },
];

/// What a front end needs to show the plan's form, worded here once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SafetyPlanForm {
    pub sections: Vec<PlanSection>,
    pub credit: &'static str,
    pub offline_notice: &'static str,
    /// Said before the coping steps and people are kept outside the vault.
    pub outside_notice: &'static str,
}

pub fn form() -> SafetyPlanForm {
    SafetyPlanForm {
        sections: SECTIONS.to_vec(),
        credit: CREDIT,
        offline_notice: OFFLINE_NOTICE,
        outside_notice: OUTSIDE_NOTICE,
    }
}

impl SafetyPlan {
    /// A section's lines by its key in [`SECTIONS`].
    pub fn section(&self, key: &str) -> &[String] {
        match key {
            "warning_signs" => &self.warning_signs,
            "coping_strategies" => &self.coping_strategies,
            "distractions" => &self.distractions,
            "people_to_ask" => &self.people_to_ask,
            "professionals" => &self.professionals,
            "safer_environment" => &self.safer_environment,
            "reasons_for_living" => &self.reasons_for_living,
            _ => &[],
        }
    }
}

/// A handle on the safety plan of an unlocked vault.
pub struct Safety<'v> {
    pool: &'v SqlitePool,
    /// The vault's folder, where the lines shown while locked live if chosen.
    dir: &'v Path,
}

impl crate::vault::Vault {
    /// The safety plan, and its lines shown while locked if chosen.
    pub fn safety(&self) -> Safety<'_> {
        Safety::new(self.pool(), self.dir())
    }
}

impl<'v> Safety<'v> {
    pub(crate) fn new(pool: &'v SqlitePool, dir: &'v Path) -> Self {
        Self { pool, dir }
    }

    /// Keeps the plan's coping steps and people outside the vault, for "Need
    /// help now" while locked ([`OUTSIDE_NOTICE`]), or stops and removes them.
    pub async fn show_while_locked(&self, on: bool) -> Result<()> {
        if on {
            OutsidePlan::of(&self.plan().await?).write(self.dir)
        } else {
            OutsidePlan::remove(self.dir)
        }
    }

    pub fn shown_while_locked(&self) -> bool {
        OutsidePlan::is_on(self.dir)
    }

    pub async fn plan(&self) -> Result<SafetyPlan> {
        Ok(self
            .raw()
            .await?
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or_default())
    }

    async fn raw(&self) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT plan FROM safety_plan WHERE id = 1")
                .fetch_optional(self.pool)
                .await?,
        )
    }

    /// A crisis line that an earlier Glimmer kept inside the plan, before it
    /// moved beside the vault where it can be read while locked.
    pub(crate) async fn legacy_crisis_line(&self) -> Result<Option<crate::crisis::CrisisLine>> {
        #[derive(Deserialize)]
        struct Legacy {
            crisis_line: Option<crate::crisis::CrisisLine>,
        }
        // A vault opened with an older schema (tests build those) has no plan table yet.
        let has_plans: Option<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'safety_plan'",
        )
        .fetch_optional(self.pool)
        .await?;
        if has_plans.is_none() {
            return Ok(None);
        }
        Ok(self
            .raw()
            .await?
            .and_then(|r| serde_json::from_str::<Legacy>(&r).ok())
            .and_then(|l| l.crisis_line)
            .filter(|l| !l.call.is_empty() && l.call != "988"))
    }

    /// Saves the plan (trimming empty lines) and returns it as stored. The
    /// lines shown while locked, if chosen, follow it.
    pub async fn save(&self, plan: &SafetyPlan) -> Result<SafetyPlan> {
        let mut tx = Tx::begin(self.pool).await?;
        let plan = save(&mut tx, plan).await?;
        tx.commit().await?;
        if self.shown_while_locked() {
            OutsidePlan::of(&plan).write(self.dir)?;
        }
        Ok(plan)
    }
}

/// Refuses a section with too many lines or a line too long, naming the section.
fn check(plan: &SafetyPlan) -> Result<()> {
    for s in &SECTIONS {
        let lines = plan.section(s.key);
        if lines.len() > MAX_PLAN_LINES {
            return Err(Error::invalid(
                s.key,
                format!(
                    "“{}” has more than {MAX_PLAN_LINES} lines; keep the ones that help most.",
                    s.title
                ),
            ));
        }
        if lines
            .iter()
            .any(|l| l.chars().count() > MAX_PLAN_LINE_CHARS)
        {
            return Err(Error::invalid(
                s.key,
                format!(
                    "A line in “{}” is longer than {MAX_PLAN_LINE_CHARS} characters; split it into a few shorter lines.",
                    s.title
                ),
            ));
        }
    }
    Ok(())
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
    check(&plan)?;
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
