//! Terminations, suspensions and reconnections: a process's page, a subscription's
//! processes, the process waits of «Mis tareas», starting each kind (the termination's
//! signed letter chosen in the system's file dialog and read where it lies), and the
//! steps, decisions, rejections and cancellations on an open one.

use nimbo_app::AppError;
use nimbo_app::actions::processes;
use nimbo_app::attachments::FileUpload;
use nimbo_app::views::processes::{self as views, ProcessLine, ProcessTaskList, ProcessView};
use nimbo_app::views::steps::StepInput;
use nimbo_domain::service::ServiceProcess;
use tauri::State;

use crate::dialogs;
use crate::state::{AppState, Reply};

/// The page of the process a use case left, as the signed-in user reads it.
async fn page(
    state: &AppState,
    result: Result<ServiceProcess, AppError>,
) -> Result<ProcessView, AppError> {
    processes::show(&state.nimbo, result?.number(), state.lang()).await
}

/// A process's page: what started it, its steps, the open step's form and deadline.
#[tauri::command]
#[specta::specta]
pub async fn process_page(state: State<'_, AppState>, number: String) -> Reply<ProcessView> {
    state.reply(processes::show(&state.nimbo, &number, state.lang()).await)
}

/// A subscription's processes, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn subscription_processes(
    state: State<'_, AppState>,
    subscription: String,
) -> Reply<Vec<ProcessLine>> {
    state.reply(processes::of_subscription(&state.nimbo, &subscription, state.lang()).await)
}

/// The processes waiting for the signed-in user's roles, oldest wait first.
#[tauri::command]
#[specta::specta]
pub async fn process_tasks(
    state: State<'_, AppState>,
    limit: u32,
    offset: u32,
) -> Reply<ProcessTaskList> {
    let by = state.actor()?;
    state.reply(views::tasks(&state.nimbo, &by, (limit, offset), state.lang()).await)
}

/// What the person who starts a process of `kind` records (the reconnection's payment).
#[tauri::command]
#[specta::specta]
pub async fn process_start_fields(
    state: State<'_, AppState>,
    kind: String,
) -> Reply<Vec<nimbo_app::views::steps::FieldView>> {
    Ok(views::start_fields(&kind, state.lang()))
}

/// Asks for the customer's signed letter in the system's file dialog: its path, or
/// `None` when the person closed the dialog.
#[tauri::command]
#[specta::specta]
pub async fn choose_termination_letter(app: tauri::AppHandle) -> Reply<Option<String>> {
    Ok(dialogs::pick_file(&app, "PDF", &["pdf"]).map(|p| p.display().to_string()))
}

/// The KAM enters a termination request with the letter chosen before; no plan and no
/// account named is the whole contract.
#[tauri::command]
#[specta::specta]
pub async fn request_termination(
    state: State<'_, AppState>,
    subscription: String,
    termination_date: String,
    plans: Vec<String>,
    aws_accounts: Vec<String>,
    letter: String,
) -> Reply<ProcessView> {
    let (by, nimbo) = (state.actor()?, &state.nimbo);
    let read = |date| Ok((date, FileUpload::from_path(std::path::Path::new(&letter))?));
    let started = match views::termination_date(&termination_date).and_then(read) {
        Ok((date, letter)) => {
            processes::request_termination(
                nimbo,
                &by,
                &subscription,
                date,
                &plans,
                &aws_accounts,
                &letter,
            )
            .await
        }
        Err(e) => Err(e),
    };
    state.reply(page(&state, started).await)
}

/// The credit manager decides to suspend a subscription for its overdue invoices.
#[tauri::command]
#[specta::specta]
pub async fn suspend_subscription(
    state: State<'_, AppState>,
    subscription: String,
) -> Reply<ProcessView> {
    let by = state.actor()?;
    let started = processes::decide_suspension(&state.nimbo, &by, &subscription).await;
    state.reply(page(&state, started).await)
}

/// The service executive confirms a suspended subscription's payment, which starts its
/// reconnection.
#[tauri::command]
#[specta::specta]
pub async fn confirm_reconnection(
    state: State<'_, AppState>,
    subscription: String,
    input: StepInput,
) -> Reply<ProcessView> {
    let by = state.actor()?;
    let started = match views::submission(&input) {
        Ok(s) => processes::confirm_reconnection(&state.nimbo, &by, &subscription, &s).await,
        Err(e) => Err(e),
    };
    state.reply(page(&state, started).await)
}

/// Completes the step the process waits for with what the form recorded.
#[tauri::command]
#[specta::specta]
pub async fn complete_process_step(
    state: State<'_, AppState>,
    number: String,
    input: StepInput,
) -> Reply<ProcessView> {
    let by = state.actor()?;
    let done = match views::submission(&input) {
        Ok(s) => processes::complete_step(&state.nimbo, &by, &number, &s).await,
        Err(e) => Err(e),
    };
    state.reply(page(&state, done).await)
}

/// Records one role's decision (authorise or refuse, with a reason) on the step the
/// process waits for.
#[tauri::command]
#[specta::specta]
pub async fn decide_process_step(
    state: State<'_, AppState>,
    number: String,
    role: String,
    approved: bool,
    reason: String,
) -> Reply<ProcessView> {
    let by = state.actor()?;
    let decided = processes::decide(&state.nimbo, &by, &number, &role, approved, &reason).await;
    state.reply(page(&state, decided).await)
}

/// Rejects the work of the step the process waits for, sending it back.
#[tauri::command]
#[specta::specta]
pub async fn reject_process_step(
    state: State<'_, AppState>,
    number: String,
    reason: String,
) -> Reply<ProcessView> {
    let by = state.actor()?;
    let rejected = processes::reject(&state.nimbo, &by, &number, &reason).await;
    state.reply(page(&state, rejected).await)
}

/// Cancels a process with a reason.
#[tauri::command]
#[specta::specta]
pub async fn cancel_process(
    state: State<'_, AppState>,
    number: String,
    reason: String,
) -> Reply<ProcessView> {
    let by = state.actor()?;
    let cancelled = processes::cancel(&state.nimbo, &by, &number, &reason).await;
    state.reply(page(&state, cancelled).await)
}
