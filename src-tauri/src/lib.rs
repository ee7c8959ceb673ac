//! Glimmer's desktop shell: windows, tray, idle locking and the IPC commands,
//! all thin over the `glimmer` core.

mod autolock;
mod commands;
mod events;
mod login;
mod notify;
mod pictures;
mod reminders;
mod screenlock;
mod state;
mod sync_loop;
mod timer;
mod timer_loop;
mod tray;
mod window;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use state::AppState;
use window::open_main_window;

/// The vault folder: `GLIMMER_VAULT`, else the platform data directory.
pub fn vault_dir() -> PathBuf {
    std::env::var_os("GLIMMER_VAULT")
        .map(PathBuf::from)
        .or_else(glimmer::VaultPaths::default_dir)
        .unwrap_or_else(|| PathBuf::from("glimmer-vault"))
}

/// Registers state and commands on any runtime, so tests can use the mock one.
pub fn run_app<R: Runtime>(builder: tauri::Builder<R>, dir: PathBuf) -> tauri::Builder<R> {
    pictures::register(builder)
        .manage(AppState::new(dir))
        .invoke_handler(tauri::generate_handler![
            commands::vault::vault_status,
            commands::vault::create_vault,
            commands::vault::unlock,
            commands::vault::lock,
            commands::vault::change_passphrase,
            commands::settings::get_settings,
            commands::settings::set_settings,
            commands::settings::sync_warning,
            commands::settings::sync_warning_shown,
            commands::settings::touch,
            commands::journal::list_entries,
            commands::journal::get_entry,
            commands::journal::create_entry,
            commands::journal::update_entry,
            commands::journal::trash_entry,
            commands::journal::restore_entry,
            commands::journal::trash_list,
            commands::journal::empty_trash,
            commands::journal::search,
            commands::journal::tags,
            commands::journal::render_markdown,
            commands::journal::add_picture,
            commands::journal::list_pictures,
            commands::journal::remove_picture,
            commands::journal::restore_picture,
            commands::drafts::save_draft,
            commands::drafts::list_drafts,
            commands::drafts::discard_draft,
            commands::drafts::publish_draft,
            commands::checkin::checkin_vocabulary,
            commands::checkin::create_checkin,
            commands::checkin::update_checkin,
            commands::checkin::delete_checkin,
            commands::checkin::recent_checkins,
            commands::assess::phq9_form,
            commands::assess::record_phq9,
            commands::assess::phq9_result,
            commands::assess::phq9_unseen_prompts,
            commands::assess::phq9_prompts_shown,
            commands::assess::phq9_retake_note,
            commands::safety::get_safety_plan,
            commands::safety::save_safety_plan,
            commands::insights::insights_data,
            commands::insights::chart,
            commands::backup::list_backups,
            commands::backup::backup_now,
            commands::backup::backup_preview,
            commands::backup::restore_backup,
            commands::backup::locked_backups,
            commands::backup::locked_backup_preview,
            commands::backup::restore_locked,
            commands::assess::set_phq9_difficulty,
            commands::settings::hold_idle_lock,
            commands::crisis::crisis_line,
            commands::crisis::crisis_countries,
            commands::crisis::set_crisis_line,
            commands::safety::safety_plan_form,
            commands::safety::safety_card,
            commands::safety::plan_while_locked,
            commands::safety::set_plan_while_locked,
            commands::safety::locked_plan,
            commands::vault::passphrase_strength,
            commands::activation::list_activities,
            commands::activation::add_activity,
            commands::activation::update_activity,
            commands::activation::life_areas,
            commands::activation::set_area_value,
            commands::activation::pick_activity,
            commands::activation::list_plans,
            commands::activation::create_plan,
            commands::activation::replace_plan,
            commands::activation::stop_plan,
            commands::activation::list_occurrences,
            commands::activation::get_occurrence,
            commands::activation::waiting_occurrences,
            commands::activation::record_occurrence,
            commands::activation::move_occurrence,
            commands::activation::link_occurrence_entry,
            commands::activation::activation_insights,
            commands::activation::activation_chart,
            commands::mindful::timer_presets,
            commands::mindful::add_timer_preset,
            commands::mindful::delete_timer_preset,
            commands::mindful::start_timer,
            commands::mindful::pause_timer,
            commands::mindful::resume_timer,
            commands::mindful::stop_timer,
            commands::mindful::timer_status,
            commands::mindful::mindful_sessions,
            commands::mindful::log_mindful_session,
            commands::mindful::delete_mindful_session,
            commands::mindful::set_session_intensity,
            commands::mindful::mindful_insights,
            commands::mindful::mindful_chart,
            commands::about::engine_versions,
            commands::export::export_files,
            commands::export::clinician_summary,
            commands::import::import_choose,
            commands::import::import_preview,
            commands::import::import_run,
            commands::import::import_forget,
            commands::sync::sync_status,
            commands::sync::sync_start,
            commands::sync::sync_now,
            commands::sync::sync_remove_device,
            commands::sync::sync_dismiss_copy,
            commands::sync::sync_keep_both,
            commands::sync::sync_merge,
            commands::sync::sync_join,
            commands::vault::rekey_vault,
        ])
}

/// A logout or `kill` ends Glimmer the way Quit does, so the window's size and
/// place are saved (the window-state plugin writes them on exit).
fn quit_on_terminate<R: Runtime>(app: tauri::AppHandle<R>) {
    #[cfg(unix)]
    tauri::async_runtime::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            term.recv().await;
            app.exit(0);
        }
    });
    #[cfg(not(unix))]
    let _ = app;
}

/// The app as tauri.conf.json describes it, read at compile time: its name,
/// window security, assets and version (the app crate's, as the bundler
/// takes it: the config carries none of its own).
fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!("../tauri.conf.json")
}

pub fn run() {
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            let _ = open_main_window(app);
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(login::plugin())
        .setup(|app| {
            // Started at login: into the tray only, until the person opens it.
            if !login::started_at_login() {
                open_main_window(app.handle())?;
            }
            // The tray is set up once the event loop runs, so the window paints first.
            let handle = app.handle().clone();
            app.handle().run_on_main_thread(move || {
                if let Err(e) = tray::install(&handle) {
                    eprintln!("Glimmer could not add its tray icon: {e}");
                }
            })?;
            autolock::spawn(app.handle().clone());
            screenlock::spawn(app.handle().clone());
            reminders::spawn(app.handle().clone());
            timer_loop::spawn(app.handle().clone());
            sync_loop::spawn(app.handle().clone());
            quit_on_terminate(app.handle().clone());
            Ok(())
        });
    run_app(builder, vault_dir())
        .build(context())
        .expect("Glimmer could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // The vault closes before the process exits: SQLCipher frees
                // its state in an exit handler, under any connection still closing.
                let state = app.state::<state::AppState>();
                tauri::async_runtime::block_on(state.lock());
            }
        });
}

#[cfg(test)]
mod tests;
