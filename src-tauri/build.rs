//! tauri-build reads `tauri.conf.json` from this crate's directory and this
//! version has no option to point elsewhere, but the project keeps it at the
//! repository root, where its paths (`ui/dist`, `icons/`) resolve; so it is
//! copied here first. The copy is generated and ignored by git.
//!
//! `COMMANDS` must name the same commands as the handler list in `lib.rs`, the
//! capability file and the UI's `api.ts`; the shell's tests check that.

const COMMANDS: &[&str] = &[
    "vault_status",
    "create_vault",
    "unlock",
    "lock",
    "change_passphrase",
    "get_settings",
    "set_settings",
    "sync_warning",
    "sync_warning_shown",
    "touch",
    "list_entries",
    "get_entry",
    "create_entry",
    "update_entry",
    "trash_entry",
    "restore_entry",
    "trash_list",
    "empty_trash",
    "search",
    "tags",
    "render_markdown",
    "save_draft",
    "list_drafts",
    "discard_draft",
    "publish_draft",
    "checkin_vocabulary",
    "create_checkin",
    "update_checkin",
    "delete_checkin",
    "recent_checkins",
    "phq9_form",
    "record_phq9",
    "phq9_result",
    "phq9_unseen_prompts",
    "phq9_prompts_shown",
    "phq9_retake_note",
    "get_safety_plan",
    "save_safety_plan",
    "insights_data",
    "chart",
    "list_backups",
    "backup_now",
    "backup_preview",
    "restore_backup",
    "locked_backups",
    "locked_backup_preview",
    "restore_locked",
    "set_phq9_difficulty",
    "hold_idle_lock",
    "crisis_line",
    "crisis_countries",
    "set_crisis_line",
    "safety_plan_form",
    "safety_card",
    "plan_while_locked",
    "set_plan_while_locked",
    "locked_plan",
    "passphrase_strength",
    "list_activities",
    "add_activity",
    "update_activity",
    "life_areas",
    "set_area_value",
    "pick_activity",
    "list_plans",
    "create_plan",
    "replace_plan",
    "stop_plan",
    "list_occurrences",
    "get_occurrence",
    "waiting_occurrences",
    "record_occurrence",
    "move_occurrence",
    "link_occurrence_entry",
    "activation_insights",
    "activation_chart",
    "timer_presets",
    "add_timer_preset",
    "delete_timer_preset",
    "start_timer",
    "pause_timer",
    "resume_timer",
    "stop_timer",
    "timer_status",
    "mindful_sessions",
    "log_mindful_session",
    "delete_mindful_session",
    "set_session_intensity",
    "mindful_insights",
    "mindful_chart",
    "engine_versions",
    "rekey_vault",
    "export_files",
    "clinician_summary",
];

fn main() {
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    let root_config =
        std::fs::read("../tauri.conf.json").expect("tauri.conf.json at the repository root");
    let local = std::path::Path::new("tauri.conf.json");
    if std::fs::read(local).ok().as_deref() != Some(&root_config[..]) {
        std::fs::write(local, &root_config).expect("copy tauri.conf.json");
    }
    let attributes = tauri_build::Attributes::new()
        .windows_attributes(
            tauri_build::WindowsAttributes::new().window_icon_path("../icons/icon.ico"),
        )
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
