//! Nimbo in its real desktop window: the built `nimbo-desktop` binary under `tauri-driver`
//! and WebKitWebDriver, driven with fantoccini, each story on its own temporary database.
//!
//! Run (after `cd ui && npm run build` and `cargo build -p nimbo-desktop -p nimbo-cli`):
//! `xvfb-run -a cargo test -p nimbo-e2e -- --test-threads=1`; `./scripts/test` does it all.
//! Screenshots of the main screens land in `artifacts/screenshots/`, the drivers' logs in
//! `artifacts/logs/`; a failed story leaves `artifacts/screenshots/failed-NAME.png`.
//!
//! - `first_run`: the organisation is created only with a valid RUC.
//! - `demo`: on `nimbo demo --orders 300`, a KAM's "Mis tareas" lists only steps 9–11;
//!   an order opens on its form; the main screens are photographed.
//! - `onboarding`: a complex order with a price exception through all 22 steps in the
//!   window, each step by its role, files picked through the file inputs.
//! - `rejection`: the offers desk rejects at step 8 with a reason; back at step 7.
//! - `refusals`: not your turn (names the role); step 9 without a Master Contract.
//! - `customers`: a customer with a wrong RUC is not saved; a customer and its legal
//!   representatives are corrected.
//! - `keyboard`: a step completed and a representative corrected without the mouse.
//! - `organisation`: the profile and logo, by the administrator only.
//! - `documents`: the acceptance act generated, viewed and signed in person (step 20
//!   then needs no file); a signed scan of the risk act attached (step 9 then takes the
//!   offer alone); «Firmas pendientes».
//! - `billing`: the billing specialist imports a month's FOCUS export (a problem shown by
//!   its line and saved as a CSV), opens a line's calculation, adjusts, closes and exports
//!   for Satélite, records an invoice and a payment; the KAM sees the customer's charges,
//!   debt and consumption chart. The native dialogs answer from `Desk::answer_dialog`.
//! - `join`: an empty laptop joins the organisation from the first screen; the first
//!   sync of a few thousand operations shows its progress; wrong address, unreachable
//!   server and wrong password are each said, and nothing is kept.
//! - `sync`: two laptops with their own data folders and one sync server (the test
//!   PostgreSQL): an order advanced offline in one window reaches the other laptop.
//!
//! `harness` starts and stops the driver and the window and waits for what they show;
//! `office` prepares a database with the real `nimbo` command line (the office of
//! `nimbo_testkit::office`, which the command line's stories set up too).

mod billing;
mod catalogue;
mod customers;
mod demo;
mod documents;
mod first_run;
mod harness;
mod join;
mod keyboard;
mod lifecycle;
mod office;
mod onboarding;
mod organisation;
mod refusals;
mod rejection;
mod sync;
