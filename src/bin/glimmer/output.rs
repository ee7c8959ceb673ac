//! How results are printed: plain, friendly text by default, JSON with `--json`.

use std::io::IsTerminal;
use std::path::Path;

use glimmer::activation::{
    ActivationInsights, Activity, AreaValue, GAP_EMPTY, LifeArea, Occurrence, Plan, Status,
};
use glimmer::assess::{self, Assessment, Phq9Change};
use glimmer::bench::Report;
use glimmer::checkin::Checkin;
use glimmer::crisis::{self, CrisisInfo, CrisisLine};
use glimmer::engine::EngineVersions;
use glimmer::journal::{SearchResults, TagCount};
use glimmer::mindful::{MindfulInsights, Preset, PresetKind, Session, clock};
use glimmer::safety::{self, SafetyPlan};
use glimmer::vault::{BackupInfo, BackupReport, CheckReport};
use glimmer::{Entry, EntrySummary, Kind};
use jiff::Timestamp;
use serde::Serialize;

/// Prints a line; a closed pipe (`glimmer list | head`) ends quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

pub struct Out {
    pub json: bool,
}

pub fn local(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn headline(title: &str, excerpt: &str) -> String {
    if title.is_empty() {
        excerpt.to_string()
    } else {
        title.to_string()
    }
}

fn tag_list(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn mark(kind: Kind) -> &'static str {
    match kind {
        Kind::Glimmer => "✦ ",
        Kind::Entry => "",
    }
}

/// Turns a highlighted snippet back into terminal text: bold matches on a
/// terminal, plain words in a pipe.
fn terminal_snippet(html: &str) -> String {
    let bold = std::io::stdout().is_terminal();
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[derive(Serialize)]
struct Created<'a> {
    vault: &'a Path,
    recovery_key: &'a str,
}

/// What goes with a PHQ-9 result when item 9 is above 0.
pub struct Phq9Safety<'a> {
    pub crisis: &'a CrisisInfo,
    pub plan: Option<SafetyPlan>,
    pub plan_unreadable: Option<String>,
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

/// The line's own fields as before, and what to say when no line is known.
#[derive(Serialize)]
struct CrisisJson<'a> {
    #[serde(flatten)]
    line: Option<&'a CrisisLine>,
    known: bool,
    chosen: bool,
    unreadable: Option<&'a str>,
    /// The neutral card's words, only when no line is known.
    no_line: Option<String>,
}

impl<'a> From<&'a CrisisInfo> for CrisisJson<'a> {
    fn from(info: &'a CrisisInfo) -> Self {
        Self {
            line: info.line.as_ref(),
            known: info.line.is_some(),
            chosen: info.chosen,
            unreadable: info.unreadable.as_deref(),
            no_line: info.line.is_none().then(no_line),
        }
    }
}

/// The neutral card in one sentence: never another country's line.
fn no_line() -> String {
    format!("{} {}", crisis::NO_LINE, crisis::NO_LINE_EU)
}

/// The line in one sentence, or the neutral card when none is known.
fn crisis_sentence(info: &CrisisInfo) -> String {
    match &info.line {
        Some(line) if line.country.is_empty() => line.sentence(),
        Some(line) => format!("{} ({})", line.sentence(), line.country),
        None => no_line(),
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

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    html: String,
}

impl Out {
    fn json<T: Serialize>(&self, v: &T) {
        say!(
            "{}",
            serde_json::to_string_pretty(v).expect("output serialises")
        );
    }

    pub fn message(&self, text: &str) {
        if self.json {
            self.json(&serde_json::json!({ "message": text }));
        } else {
            say!("{text}");
        }
    }

    pub fn created(&self, dir: &Path, recovery: &str) {
        if self.json {
            return self.json(&Created {
                vault: dir,
                recovery_key: recovery,
            });
        }
        say!("Your vault is ready at {}.", dir.display());
        say!();
        say!("Your recovery key (shown only now):");
        say!();
        say!("    {recovery}");
        say!();
        say!("Write it down or print it and keep it somewhere safe. If you forget your");
        say!("passphrase, it is the only way back in: `glimmer recover`.");
    }

    pub fn rekeyed(&self, recovery: &str) {
        if self.json {
            return self.json(&serde_json::json!({ "recovery_key": recovery }));
        }
        say!("Your journal and its backups are under a new key, opened by your new passphrase.");
        say!();
        say!("Your new recovery key (shown only now; the old one no longer works):");
        say!();
        say!("    {recovery}");
        say!();
        say!("Write it down or print it and keep it somewhere safe.");
    }

    pub fn saved(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        let what = if e.kind == Kind::Glimmer {
            "Glimmer noted"
        } else {
            "Saved"
        };
        say!("{what}. {}", e.id);
    }

    pub fn trashed(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        say!(
            "Moved to the trash for 30 days. Undo with: glimmer restore {}",
            e.id
        );
    }

    pub fn restored(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        say!("Restored. {}", e.id);
    }

    pub fn list(&self, items: &[EntrySummary]) {
        if self.json {
            return self.json(&items);
        }
        if items.is_empty() {
            say!("Nothing here yet. Write something with: glimmer write");
        }
        for e in items {
            say!(
                "{}  {}  {}{}  {}",
                e.id,
                local(e.created_at),
                mark(e.kind),
                headline(&e.title, &e.excerpt),
                tag_list(&e.tags)
            );
        }
    }

    pub fn show(&self, e: &Entry, html: bool) {
        if self.json {
            return self.json(&Shown {
                entry: e,
                html: e.html(),
            });
        }
        if html {
            say!("{}", e.html());
            return;
        }
        if !e.title.is_empty() {
            say!("{}", e.title);
        }
        let mut meta = vec![format!("{} ({})", local(e.created_at), e.tz)];
        if e.kind == Kind::Glimmer {
            meta.push("glimmer".into());
        }
        if let Some(i) = e.intensity {
            meta.push(format!("intensity {i}/10"));
        }
        if !e.tags.is_empty() {
            meta.push(tag_list(&e.tags));
        }
        if e.deleted_at.is_some() {
            meta.push("in the trash".into());
        }
        say!("{}", meta.join(" · "));
        say!("id {}", e.id);
        say!();
        say!("{}", e.body);
    }

    pub fn search(&self, r: &SearchResults) {
        if self.json {
            return self.json(r);
        }
        if r.hits.is_empty() {
            say!("Nothing matches that. Try fewer words, or a prefix like numb*.");
        }
        for h in &r.hits {
            let title = terminal_snippet(&h.title_html);
            say!(
                "{}  {}  {}{}  {}",
                h.entry.id,
                local(h.entry.created_at),
                mark(h.entry.kind),
                headline(&title, ""),
                tag_list(&h.entry.tags)
            );
            say!(
                "    {}",
                terminal_snippet(&h.snippet_html).replace('\n', " ")
            );
        }
        if r.has_more {
            say!("(more matches: use --limit to see them)");
        }
    }

    pub fn tags(&self, tags: &[TagCount]) {
        if self.json {
            return self.json(&tags);
        }
        if tags.is_empty() {
            say!("No tags yet. Add one with: glimmer write --tag NAME");
        }
        for t in tags {
            say!("#{}  {}", t.tag, t.count);
        }
    }

    pub fn checkin_saved(&self, c: &Checkin) {
        if self.json {
            return self.json(c);
        }
        say!("Checked in. Thank you for noticing. {}", c.id);
    }

    pub fn checkins(&self, all: &[Checkin]) {
        if self.json {
            return self.json(&all);
        }
        if all.is_empty() {
            say!("No check-ins yet. Try: glimmer checkin --mood 0 --intensity 3");
        }
        for c in all {
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
        }
    }

    pub fn backups(&self, list: &[BackupInfo]) {
        if self.json {
            return self.json(&list);
        }
        if list.is_empty() {
            say!(
                "No backups yet. Glimmer takes one each day you open it; `glimmer backup now` takes one now."
            );
        }
        let count = |n: Option<i64>, one: &str, many: &str| match n {
            Some(1) => format!("1 {one}"),
            Some(n) => format!("{n} {many}"),
            None => format!("? {many}"),
        };
        for b in list {
            say!(
                "{}  {:>8}  {}, {}  ({})  {}",
                local(b.taken_at),
                size(b.bytes),
                count(b.entries, "entry", "entries"),
                count(b.checkins, "check-in", "check-ins"),
                b.reason,
                b.name
            );
        }
    }

    pub fn backup_taken(&self, r: &BackupReport) {
        if self.json {
            return self.json(r);
        }
        say!("Backed up and checked: {}", r.backup.name);
        if let Some(p) = &r.second_copy_problem {
            eprintln!("{p}");
        }
    }

    pub fn check(&self, r: &CheckReport) {
        if self.json {
            return self.json(r);
        }
        say!("Database: {}", r.database);
        for s in &r.key_slots {
            say!("Key slot, {s}");
        }
        match (&r.newest_backup, &r.newest_backup_check) {
            (Some(b), Some(c)) => say!(
                "Backups: {}; the newest, {}, checks {}",
                r.backups,
                local(b.taken_at),
                c
            ),
            _ => say!("Backups: none yet (`glimmer backup now` takes one)"),
        }
        for name in &r.from_the_future {
            say!(
                "Backup {name} is dated in the future (a clock that was wrong); it is not counted as the newest"
            );
        }
        say!(
            "Engine: SQLite {}, SQLCipher {}",
            r.engine.sqlite,
            r.engine.sqlcipher
        );
        say!(
            "{}",
            if r.ok {
                "All is well."
            } else {
                "Something needs attention."
            }
        );
    }

    /// "Need help now": the crisis line and emergency number, nothing else.
    pub fn help_now(&self, info: &CrisisInfo) {
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
    pub fn outside_plan(&self, plan: &glimmer::safety::OutsidePlan) {
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

    /// The crisis line (or the neutral card) and the offline notice: the first
    /// thing shown after item 9 above 0, before anything that could fail.
    /// With `--json` it goes to stderr, so stdout stays one JSON document.
    pub fn crisis_first(&self, info: &CrisisInfo) {
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
    pub fn safety_plan(&self, plan: &SafetyPlan) {
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
    pub fn phq9(&self, a: &Assessment, change: &Phq9Change, safety: Option<&Phq9Safety>) {
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
            say!("If things feel urgent, `glimmer help-now` shows a crisis line.");
        }
        say!();
        say!("PHQ-9: {}", assess::PHQ9_ATTRIBUTION);
    }

    pub fn activities(&self, all: &[Activity]) {
        if self.json {
            return self.json(&all);
        }
        let mut area: Option<LifeArea> = None;
        for a in all {
            if area != Some(a.area) {
                if area.is_some() {
                    say!();
                }
                say!("{}", a.area.label());
                area = Some(a.area);
            }
            let minutes = a.minutes.map_or(String::new(), |m| format!(" · {m} min"));
            let hidden = if a.hidden { " · hidden" } else { "" };
            say!("  {}{minutes}{hidden}  {}", a.name, a.id);
            if !a.tiny.is_empty() {
                say!("      tiny: {}", a.tiny);
            }
        }
    }

    pub fn activity_saved(&self, what: &str, a: &Activity) {
        if self.json {
            return self.json(a);
        }
        say!("{what}: {} ({}). {}", a.name, a.area.label(), a.id);
    }

    pub fn picked(&self, a: Option<&Activity>) {
        if self.json {
            return self.json(&a);
        }
        match a {
            Some(a) if !a.tiny.is_empty() => say!("{}\n  The tiny version: {}", a.name, a.tiny),
            Some(a) => say!("{}", a.name),
            None => {
                say!("The library is empty. Add one with: glimmer activity add NAME --area AREA")
            }
        }
    }

    pub fn areas(&self, areas: &[AreaValue]) {
        if self.json {
            return self.json(&areas);
        }
        for a in areas {
            let value = if a.value.is_empty() { "—" } else { &a.value };
            say!("{} ({}): {value}", a.label, a.area.key());
        }
    }

    pub fn plan_saved(&self, p: &Plan, next: Option<&Occurrence>) {
        if self.json {
            return self.json(&serde_json::json!({ "plan": p, "next": next }));
        }
        let repeat = p.rule.as_deref().unwrap_or("once");
        say!(
            "Planned: {} ({repeat}, {}). Plan {}",
            p.activity.name,
            p.tz,
            p.id
        );
        if let Some(m) = p.remind_minutes {
            say!("A reminder comes {m} minutes before.");
        }
        if let Some(o) = next {
            say!("First: {}  {}", when(o), o.id);
        }
    }

    pub fn occurrences(&self, list: &[Occurrence], empty: &str) {
        if self.json {
            return self.json(&list);
        }
        if list.is_empty() {
            say!("{empty}");
        }
        for o in list {
            let moved = if o.moved { " (moved)" } else { "" };
            let status = match o.status {
                Status::Planned => String::new(),
                s => format!("  [{}]", s.label()),
            };
            say!("{}  {}{moved}{status}  {}", when(o), o.activity, o.id);
            if o.status == Status::Planned && !o.tiny.is_empty() {
                say!("      tiny: {}", o.tiny);
            }
        }
    }

    pub fn occurrence_saved(&self, what: &str, o: &Occurrence) {
        if self.json {
            return self.json(o);
        }
        say!("{what} {}, {}.", o.activity, when(o));
    }

    pub fn activation_insights(&self, i: &ActivationInsights) {
        if self.json {
            return self.json(i);
        }
        let num = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:.1}"));
        match &i.gap_sentence {
            Some(g) => say!(
                "{g} ({} times with both ratings.)",
                i.predicted_vs_actual.len()
            ),
            None => say!("{GAP_EMPTY}"),
        }
        say!();
        say!("{}", i.intensity.sentence());
        if let Some(today) = i.week.last().map(|d| d.day) {
            say!();
            say!("This week:");
            for d in &i.week {
                let mut parts = Vec::new();
                if !d.done.is_empty() {
                    parts.push(format!("done: {}", d.done.join(", ")));
                }
                if !d.partly.is_empty() {
                    parts.push(format!("partly: {}", d.partly.join(", ")));
                }
                // Only today's plans: earlier days show what happened, not what didn't.
                if d.day == today && d.planned > 0 {
                    parts.push(format!("{} planned", d.planned));
                }
                let what = if parts.is_empty() {
                    "—".to_string()
                } else {
                    parts.join("; ")
                };
                say!("  {}  {what}", d.day.strftime("%a %Y-%m-%d"));
            }
        }
        for (heading, rows) in [
            ("By area (times, enjoyment, mastery):", &i.by_area),
            ("By activity:", &i.by_activity),
        ] {
            if rows.is_empty() {
                continue;
            }
            say!();
            say!("{heading}");
            for a in rows {
                say!(
                    "  {}: {}, {}, {}",
                    a.label,
                    a.count,
                    num(a.enjoyment),
                    num(a.mastery)
                );
            }
        }
    }

    pub fn timer_presets(&self, all: &[Preset]) {
        if self.json {
            return self.json(&all);
        }
        let (guided, own): (Vec<&Preset>, Vec<&Preset>) =
            all.iter().partition(|p| p.kind != PresetKind::Timer);
        say!("Guided");
        for p in guided {
            say!("  {}  ({})  {}", p.name, p.describe(), p.id);
        }
        say!();
        say!("Your timers");
        if own.is_empty() {
            say!("  None yet. Any length works: glimmer timer run --minutes 10 --bell-every 2");
        }
        for p in own {
            say!("  {}  ({})  {}", p.name, p.describe(), p.id);
        }
    }

    /// After `timer run`: what was kept, kindly, whichever way it ended.
    pub fn timer_ended(&self, s: &Session) {
        if self.json {
            return self.json(s);
        }
        let sat = clock(u64::from(s.actual_seconds) * 1000);
        if s.completed {
            say!("Done: {sat} of “{}”. It's in your log.", s.name);
        } else {
            say!("Stopped at {sat}. That time counts, and it's in your log.");
        }
        if s.preset_id.as_deref() == Some("senses-minute") {
            say!(
                "If something you noticed felt even a little alive, you could note it: glimmer write --glimmer \"…\""
            );
        }
    }

    pub fn timer_added(&self, s: &Session) {
        if self.json {
            return self.json(s);
        }
        say!(
            "Added: {} on {}. {}",
            clock(u64::from(s.actual_seconds) * 1000),
            local(s.started_at),
            s.id
        );
    }

    pub fn timer_sessions(&self, all: &[Session]) {
        if self.json {
            return self.json(&all);
        }
        if all.is_empty() {
            say!(
                "No sessions yet. A minute is plenty: glimmer timer run \"a minute of the senses\""
            );
        }
        for s in all {
            let sat = clock(u64::from(s.actual_seconds) * 1000);
            let length = match (s.completed, s.planned_seconds) {
                (false, Some(p)) => format!("{sat} of {}", clock(u64::from(p) * 1000)),
                _ => sat,
            };
            let how = match (s.manual, s.completed) {
                (true, _) => "added by hand",
                (false, true) => "finished",
                (false, false) => "stopped early",
            };
            let feeling = match (s.intensity_before, s.intensity_after) {
                (None, None) => String::new(),
                (b, a) => {
                    let n = |v: Option<u8>| v.map_or("—".into(), |v| v.to_string());
                    format!("  feeling {} → {}", n(b), n(a))
                }
            };
            say!(
                "{}  {}  {length}, {how}{feeling}  {}",
                local(s.started_at),
                s.name,
                s.id
            );
        }
    }

    pub fn mindful_insights(&self, i: &MindfulInsights) {
        if self.json {
            return self.json(i);
        }
        if i.weeks.is_empty() {
            say!("No sessions in this time yet; minutes will add up here by week.");
        }
        for w in &i.weeks {
            say!(
                "  week of {}  {:>5.1} min  {} session{}",
                w.week_start.strftime("%a %Y-%m-%d"),
                w.minutes,
                w.sessions,
                if w.sessions == 1 { "" } else { "s" }
            );
        }
        say!();
        say!("{}", i.intensity_sentence());
    }

    pub fn bench(&self, r: &Report) {
        if self.json {
            return self.json(r);
        }
        say!("{}", r.to_markdown());
    }

    pub fn about(&self, v: &EngineVersions) {
        if self.json {
            return self.json(v);
        }
        say!("Glimmer {}", v.glimmer);
        say!(
            "Database engine: SQLite {} with SQLCipher {}",
            v.sqlite,
            v.sqlcipher
        );
    }
}

/// An occurrence's local day and time in its plan's zone.
fn when(o: &Occurrence) -> String {
    let time = o
        .time
        .map_or("sometime".into(), |t| t.strftime("%H:%M").to_string());
    format!("{} {time:>8}", o.date.strftime("%a %Y-%m-%d"))
}

/// Bytes as people read them.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{} KB", b >> 10),
        b => format!("{b} B"),
    }
}
