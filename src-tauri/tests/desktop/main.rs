//! The desktop shell's contract with the UI: the committed TypeScript bindings are what
//! the commands generate, and the commands are the ones the UI relies on.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bindings;
