//! `ui/src/lib/bindings.ts` is generated from the commands and committed: regenerated
//! here into a temporary file, it must be identical.

use std::path::Path;

use nimbo_domain::ErrorCode;

const FIX: &str = "cargo run -p nimbo-desktop -- --export-bindings";

fn committed() -> String {
    std::fs::read_to_string(nimbo_desktop::BINDINGS)
        .unwrap_or_else(|e| panic!("{}: {e}; generate it with `{FIX}`", nimbo_desktop::BINDINGS))
}

#[test]
fn the_committed_bindings_are_what_the_commands_generate() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("bindings.ts");
    nimbo_desktop::export_bindings(&fresh).unwrap();
    let fresh = std::fs::read_to_string(&fresh).unwrap();
    let committed = committed();
    if fresh != committed {
        let line = fresh
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .map_or(fresh.lines().count().min(committed.lines().count()), |i| i)
            + 1;
        panic!(
            "ui/src/lib/bindings.ts is stale (first difference at line {line}): \
             regenerate it with `{FIX}` and commit it"
        );
    }
}

#[test]
fn exporting_twice_gives_the_same_text() {
    assert_eq!(
        nimbo_desktop::bindings().unwrap(),
        nimbo_desktop::bindings().unwrap()
    );
}

#[test]
fn the_ui_can_invoke_exactly_the_commands_it_relies_on() {
    let text = committed();
    let mut invoked: Vec<&str> = text
        .split("TAURI_INVOKE(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    invoked.sort_unstable();
    let mut expected = vec![
        "app_status",
        "init_organisation",
        "load_demo",
        "list_users",
        "sign_in",
        "sign_out",
        "session",
        "set_language",
        "first_screen_shown",
        "check_ruc",
        "step_forms",
        "catalogue",
        "roles",
        "my_tasks",
        "list_orders",
        "order_page",
        "order_history",
        "create_order",
        "validate_step",
        "complete_step",
        "reject_step",
        "skip_step",
        "cancel_order",
        "search_customers",
        "customer_page",
        "create_customer",
        "edit_customer",
        "add_representative",
        "correct_representative",
        "remove_representative",
        "record_master_contract",
        "add_user",
        "set_role",
        "set_user_active",
        "organisation_profile",
        "edit_organisation",
        "set_organisation_logo",
        "order_documents",
        "process_documents",
        "document_file",
        "save_order_file",
        "print_window",
        "pending_signatures",
        "generate_document",
        "send_document",
        "sign_document_in_person",
        "attach_signed_copy",
        "decline_document",
        "void_document",
        "sync_status",
        "sync_login",
        "sync_now",
        "sync_refused",
        "sync_conflicts",
        "sync_restore_mine",
        "sync_logout",
        "catalogue_plans",
        "set_plan_price",
        "catalogue_risks",
        "set_catalogue_risk",
        "catalogue_holidays",
        "set_catalogue_holiday",
        "billing_periods",
        "billing_run",
        "import_consumption",
        "save_import_problems",
        "lock_period",
        "export_period",
        "billing_subscriptions",
        "add_adjustment",
        "list_invoices",
        "record_invoice",
        "import_invoices",
        "record_payment",
        "customer_debt",
        "customer_charges",
        "subscription_hours",
        "log_hours",
        "save_statement",
        "process_page",
        "subscription_processes",
        "subscription_page",
        "process_tasks",
        "process_start_fields",
        "choose_termination_letter",
        "request_termination",
        "suspend_subscription",
        "confirm_reconnection",
        "complete_process_step",
        "decide_process_step",
        "reject_process_step",
        "cancel_process",
    ];
    expected.sort_unstable();
    assert_eq!(invoked, expected);
    assert!(Path::new(nimbo_desktop::BINDINGS).is_file());
}

#[test]
fn the_ui_knows_every_error_code_as_the_core_spells_it() {
    let text = committed();
    let union = text
        .split("export type ErrorCode = ")
        .nth(1)
        .expect("the bindings export ErrorCode");
    let mut listed = Vec::new();
    for line in union.lines().map(str::trim_end) {
        if let Some((code, rest)) = line.strip_prefix('"').and_then(|l| l.split_once('"')) {
            listed.push(code.to_string());
            if rest.trim() != "|" {
                break;
            }
        }
    }
    let expected: Vec<String> = ErrorCode::ALL
        .iter()
        .chain([&ErrorCode::Unknown])
        .map(|code| code.as_str().to_string())
        .collect();
    assert_eq!(listed, expected);
    assert!(
        text.contains("code: ErrorCode; "),
        "ErrorPayload's code is typed"
    );
}
