//! tauri-build reads `tauri.conf.json` from this crate's directory and this
//! version has no option to point elsewhere, but the project keeps it at the
//! repository root, where its paths (`ui/dist`, `icons/`) resolve; so it is
//! copied here first, with those paths made relative to this folder. The
//! Tauri CLI that bundles the app (`scripts/package.sh`, the release
//! workflow) reads the copy too, as the config of the crate it builds. The
//! copy is generated and ignored by git.
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
    "add_picture",
    "list_pictures",
    "remove_picture",
    "restore_picture",
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
    "import_choose",
    "import_preview",
    "import_run",
    "import_forget",
    "sync_status",
    "sync_start",
    "sync_now",
    "sync_remove_device",
    "sync_dismiss_copy",
    "sync_keep_both",
    "sync_merge",
    "sync_join",
];

fn main() {
    println!("cargo:rerun-if-changed=../tauri.conf.json");
    let root_config =
        std::fs::read("../tauri.conf.json").expect("tauri.conf.json at the repository root");
    let copy = rebased(&root_config);
    let local = std::path::Path::new("tauri.conf.json");
    if std::fs::read(local).ok().as_deref() != Some(&copy[..]) {
        std::fs::write(local, &copy).expect("copy tauri.conf.json");
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

/// The root config with its file paths (the web assets, the icons) made
/// relative to this crate's folder instead of the root.
fn rebased(root_config: &[u8]) -> Vec<u8> {
    let mut config: serde_json::Value =
        serde_json::from_slice(root_config).expect("tauri.conf.json is JSON");
    let rebase = |path: &mut serde_json::Value| {
        if let Some(p) = path.as_str() {
            *path = format!("../{p}").into();
        }
    };
    if let Some(dist) = config.pointer_mut("/build/frontendDist") {
        rebase(dist);
    }
    if let Some(icons) = config
        .pointer_mut("/bundle/icon")
        .and_then(|v| v.as_array_mut())
    {
        icons.iter_mut().for_each(rebase);
    }
    serde_json::to_vec_pretty(&config).expect("JSON serialises")
}
