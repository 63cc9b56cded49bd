//! The use cases, one module per area: what a person may do, each taking the one path
//! (`docs/one-path.md`) when it changes anything. An area reads and acts through the
//! context and the journal; it does not call another area's actions.

pub mod audit;
pub mod billing;
pub mod catalogue;
pub mod customers;
pub mod documents;
pub mod orders;
pub mod organisation;
pub mod processes;
pub mod subscription_page;
pub mod users;
