//! Stories of Nimbo's documents: what a customer reads in each PDF, that every page
//! renders, that layout never runs into margins or the footer, and that the same
//! snapshot always gives the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod determinism;
mod editions;
mod layout;
mod pages;
mod refusals;
mod service_status;
mod statement;
mod support;
mod text;
