//! Completing the current step of an order, and checking a form before.

use nimbo_app::FieldMessage;
use nimbo_app::views::order_page::OrderPageView;
use nimbo_app::views::steps::{self, StepInput};
use tauri::State;

use crate::state::{AppState, Reply};

/// Checks a step's form as completing it would, without saving: the fields' problems
/// (empty when it would pass), or the refusal that is not about a field.
#[tauri::command]
#[specta::specta]
pub async fn validate_step(
    state: State<'_, AppState>,
    number: String,
    input: StepInput,
) -> Reply<Vec<FieldMessage>> {
    let by = state.actor()?;
    state.reply(steps::validate(&state.nimbo, &by, &number, &input, state.lang()).await)
}

/// Completes the order's current step.
#[tauri::command]
#[specta::specta]
pub async fn complete_step(
    state: State<'_, AppState>,
    number: String,
    input: StepInput,
) -> Reply<OrderPageView> {
    let by = state.actor()?;
    state.reply(steps::complete(&state.nimbo, &by, &number, &input, state.lang()).await)
}
