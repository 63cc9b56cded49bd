//! # nimbo-desktop
//!
//! The desktop shell: a Tauri window on the web UI (`ui/`, built into `ui/dist`), and the
//! commands the UI invokes. Each command is a door of one to three lines onto a view
//! builder of `nimbo_app::views`, which calls the use cases; errors cross as
//! `{ code, message, fields }` and the UI branches on `code`, typed in the bindings as
//! the union of the domain's `ErrorCode`. The TypeScript bindings
//! (`ui/src/lib/bindings.ts`) are generated from these commands by tauri-specta and
//! committed; a test fails when they are stale.
//!
//! May depend on: `nimbo-app`, `nimbo-domain` (the language, and the error codes the
//! bindings describe), tauri, tauri-specta with specta and specta-typescript (the
//! bindings), serde, tokio (timers), tauri-plugin-dialog (the open and save dialogs).
//! Must not: decide what is allowed, open SQL, or hold state beyond who is signed in
//! and the language.

#![warn(missing_docs)]

pub mod background;
pub mod commands;
pub mod dialogs;
pub mod startup;
pub mod state;

use std::path::Path;

use nimbo_app::Nimbo;
use nimbo_domain::Lang;
use specta_typescript::{BigIntExportBehavior, Typescript};
use tauri_specta::{Builder, collect_commands};

use crate::startup::Startup;
use crate::state::AppState;

/// Where the generated bindings live, committed with the UI.
pub const BINDINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/bindings.ts");

/// Every command the UI may invoke, with the types they exchange.
pub fn specta_builder() -> Builder<tauri::Wry> {
    use commands::*;
    Builder::<tauri::Wry>::new().commands(collect_commands![
        session::app_status,
        setup::init_organisation,
        setup::load_demo,
        users::list_users,
        session::sign_in,
        session::sign_out,
        session::session,
        session::set_language,
        session::first_screen_shown,
        reference::check_ruc,
        reference::step_forms,
        reference::catalogue,
        reference::roles,
        orders::my_tasks,
        orders::list_orders,
        orders::order_page,
        orders::order_history,
        orders::create_order,
        steps::validate_step,
        steps::complete_step,
        orders::reject_step,
        orders::skip_step,
        orders::cancel_order,
        customers::search_customers,
        customers::customer_page,
        customers::create_customer,
        customers::edit_customer,
        customers::add_representative,
        customers::correct_representative,
        customers::remove_representative,
        customers::record_master_contract,
        users::add_user,
        users::set_role,
        users::set_user_active,
        organisation::organisation_profile,
        organisation::edit_organisation,
        organisation::set_organisation_logo,
        documents::order_documents,
        documents::process_documents,
        documents::document_file,
        documents::save_order_file,
        documents::print_window,
        documents::pending_signatures,
        documents::generate_document,
        documents::send_document,
        documents::sign_document_in_person,
        documents::attach_signed_copy,
        documents::decline_document,
        documents::void_document,
        sync::sync_status,
        sync::sync_login,
        sync::sync_now,
        sync::sync_refused,
        sync::sync_conflicts,
        sync::sync_restore_mine,
        sync::sync_logout,
        catalogue::catalogue_plans,
        catalogue::set_plan_price,
        catalogue::catalogue_risks,
        catalogue::set_catalogue_risk,
        catalogue::catalogue_holidays,
        catalogue::set_catalogue_holiday,
        billing::billing_periods,
        billing::billing_run,
        billing::import_consumption,
        billing::save_import_problems,
        billing::lock_period,
        billing::export_period,
        billing::billing_subscriptions,
        billing::add_adjustment,
        billing::list_invoices,
        billing::record_invoice,
        billing::import_invoices,
        billing::record_payment,
        billing::customer_debt,
        billing::customer_charges,
        billing::subscription_hours,
        billing::log_hours,
        billing::save_statement,
        processes::process_page,
        processes::subscription_processes,
        subscriptions::subscription_page,
        processes::process_tasks,
        processes::process_start_fields,
        processes::choose_termination_letter,
        processes::request_termination,
        processes::suspend_subscription,
        processes::confirm_reconnection,
        processes::complete_process_step,
        processes::decide_process_step,
        processes::reject_process_step,
        processes::cancel_process,
    ])
}

/// The TypeScript exporter: numbers as `number` (every integer Nimbo sends fits), and
/// no type-checking of the generated file's own helpers.
fn typescript() -> Typescript {
    Typescript::default()
        .header("// @ts-nocheck\n/* eslint-disable */")
        .bigint(BigIntExportBehavior::Number)
}

/// The bindings' text, as [`export_bindings`] writes it.
pub fn bindings() -> Result<String, String> {
    specta_builder()
        .export_str(typescript())
        .map_err(|e| e.to_string())
}

/// Writes the bindings to a file.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    let text = bindings()?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// How many orders `--demo` loads into an empty database.
pub const DEMO_ORDERS: usize = 2_000;

/// Opens the database (`NIMBO_DB`, else the per-user file) and runs the window; with
/// `demo`, an empty database is first filled with demonstration data.
pub fn run(
    context: tauri::Context<tauri::Wry>,
    demo: bool,
    startup: Startup,
) -> Result<(), String> {
    let database = nimbo_app::database_path();
    let lang = std::env::var("NIMBO_LANG")
        .map(|l| Lang::from_code(&l))
        .unwrap_or_default();
    let nimbo = tauri::async_runtime::block_on(Nimbo::open(&database))
        .map_err(|e| format!("{}: {}", database.display(), e.message(lang)))?;
    if demo {
        tauri::async_runtime::block_on(async {
            if !nimbo_app::organisation::is_initialised(&nimbo).await? {
                nimbo_app::demo::fill(&nimbo, DEMO_ORDERS, 2026).await?;
            }
            Ok::<(), nimbo_app::AppError>(())
        })
        .map_err(|e| format!("{}: {}", database.display(), e.message(lang)))?;
    }
    let builder = specta_builder();
    background::start(nimbo.clone());
    tauri::Builder::default()
        .manage(AppState::new(nimbo, database, lang))
        .manage(startup)
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .run(context)
        .map_err(|e| e.to_string())
}
