//! The `nimbo` command line, run as a process the way the B2B cloud team runs it: each
//! story sets up its own office in a temporary SQLite file and tells what happens, in the
//! domain's words (DOMAIN.md §1, §2, §4).
//!
//! - `onboarding`: a complex order with a price exception through all 22 steps.
//! - `organisation`: the profile and logo documents print; only administrators change it.
//! - `refusals`: what is refused, how it is said (es / en / JSON code), and that a refusal
//!   writes nothing.
//! - `representatives`: a customer's legal representatives corrected and removed.
//! - `ruc`: the RUC check digit.
//! - `audit`: `audit verify` catches a trail edited by hand.
//! - `demo_and_lists`: a busy office, finding orders, each user's tasks.
//! - `documents`: documents generated, read back with pdftotext, verified by their bytes,
//!   signed in person or by a signed copy, and made for a whole month at once.
//! - `robustness`: odd input never makes `nimbo` panic.
//!
//! `support` runs the binary (through `nimbo_testkit::cli`) and reads the SQLite file;
//! `office` sets up the people and the customer every story needs (the office of
//! `nimbo_testkit::office`, which the window's stories set up too).

mod audit;
mod billing;
mod demo_and_lists;
mod documents;
mod lifecycle;
mod office;
mod onboarding;
mod organisation;
mod process_documents;
mod refusals;
mod representatives;
mod robustness;
mod ruc;
mod statements;
mod support;
mod sync;
