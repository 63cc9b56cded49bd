//! The commands the UI invokes, one module per area. Each is one to three lines: it
//! calls a view builder of `nimbo_app::views` (which calls the use cases) and returns
//! its view, or the error as `{ code, message, fields }`. No rule lives here.

pub mod billing;
pub mod catalogue;
pub mod customers;
pub mod documents;
pub mod orders;
pub mod organisation;
pub mod processes;
pub mod reference;
pub mod session;
pub mod setup;
pub mod steps;
pub mod subscriptions;
pub mod sync;
pub mod users;
