//! An office set up with the real `nimbo` command line before the window opens — the
//! office of `nimbo_testkit::office`, which `crates/cli/tests/cli/office.rs` sets up too:
//! the organisation, one user per role of the onboarding, and a corporate customer with a
//! billing account of cycle 15, a legal representative and (unless a story wants it
//! missing) the Master Solutions Contract.

use nimbo_testkit::office::{
    ADD_CUSTOMER, ADD_REPRESENTATIVE, ADMIN_NAME, INIT, contract_signed_on, create_order, hire,
    record_contract, step_flags,
};
use nimbo_testkit::server::{Throwaway, add_admin, set_passwords};
use serde_json::Value;

use crate::harness::Desk;

pub use nimbo_testkit::PASSWORD;
pub use nimbo_testkit::office::{
    ADMIN, AWS_ACCOUNTS, BILLING_ACCOUNT, CUSTOMER_NAME, CUSTOMER_RUC, KAM, OFFERS, ORDER_MANAGER,
    PRESALES, REGIONAL, SUBSCRIBER_ID, SUPPORT, TEAM,
};

/// `nimbo init` and the administrator hires one user per role.
pub fn organisation_with_team() -> Desk {
    let desk = Desk::empty();
    desk.cli(None, &INIT);
    for (username, name, role) in TEAM {
        desk.cli(Some(ADMIN), &hire(username, name, role));
    }
    desk
}

/// The organisation, its team and the customer with its billing account (cycle 15) and
/// legal representative; with the Master Solutions Contract when `contract`.
pub fn office(contract: bool) -> Desk {
    let desk = organisation_with_team();
    ready_customer(&desk, contract);
    desk
}

/// The KAM records the customer, its legal representative and (when `contract`) its
/// Master Solutions Contract on this desk.
pub fn ready_customer(desk: &Desk, contract: bool) {
    desk.cli(Some(KAM), &ADD_CUSTOMER);
    desk.cli(Some(KAM), &ADD_REPRESENTATIVE);
    if contract {
        desk.cli(Some(KAM), &record_contract(&contract_signed_on()));
    }
}

/// The KAM opens an order for the customer; its number.
pub fn open_order(desk: &Desk, title: &str) -> String {
    let order = desk.cli(Some(KAM), &create_order(title));
    order["number"]
        .as_str()
        .unwrap_or_else(|| panic!("no order number in {order}"))
        .to_string()
}

/// `nimbo order step` by `user` with `--set key=value` pairs; the order.
pub fn step(desk: &Desk, user: &str, order: &str, sets: &[(&str, &str)]) -> Value {
    let sets: Vec<String> = sets.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut args = vec!["order", "step", order];
    for set in &sets {
        args.extend(["--set", set.as_str()]);
    }
    desk.cli(Some(user), &args)
}

/// The order's line in `nimbo order list` (number, status, current_step, current_role…).
pub fn order_line(desk: &Desk, order: &str) -> Value {
    let list = desk.cli(None, &["order", "list", "--limit", "500"]);
    list["orders"]
        .as_array()
        .and_then(|all| all.iter().find(|o| o["number"] == order))
        .cloned()
        .unwrap_or_else(|| panic!("order {order} not in {list}"))
}

/// The order's current step, as `nimbo order list` says.
pub fn current_step(desk: &Desk, order: &str) -> Option<u64> {
    order_line(desk, order)["current_step"].as_u64()
}

/// `nimbo order step` by the person `nimbo_testkit::office::standard_step` names, with
/// its flags (files as small real PDFs); the order.
fn standard_step(desk: &Desk, order: &str, at: u8) -> Value {
    let (user, flags) = step_flags(at, |name| desk.pdf(name));
    let mut args = vec!["order", "step", order];
    args.extend(flags.iter().map(String::as_str));
    desk.cli(Some(user), &args)
}

/// A simple order's steps 1, 2 and 7 (the offer, with or without a price exception): the
/// order then waits at step 8 (exception) or 9.
pub fn to_the_offer_decision(desk: &Desk, order: &str, price_exception: bool) {
    standard_step(desk, order, 1);
    standard_step(desk, order, 2);
    if price_exception {
        step(
            desk,
            PRESALES,
            order,
            &[
                ("offer_id", "0065f00000AbCdEFGH"),
                ("plans", "aws,aws-vip"),
                ("price_exception", "si"),
                ("exception_detail", "Descuento del 20% en el fee VIP"),
            ],
        );
    } else {
        standard_step(desk, order, 7);
    }
    let expected = if price_exception { 8 } else { 9 };
    assert_eq!(current_step(desk, order), Some(expected));
}

/// Takes a simple order waiting at step 9 (its offer decided, no price exception) on to
/// `target` (10 to 20) through the command line, each step by its role, files as small
/// real PDFs.
pub fn from_signature_to(desk: &Desk, order: &str, target: u64) {
    while let Some(at) = current_step(desk, order).filter(|at| *at < target) {
        let at = u8::try_from(at)
            .ok()
            .filter(|at| (9..=19).contains(at))
            .unwrap_or_else(|| panic!("order {order} waits at step {at}, not between 9 and 19"));
        standard_step(desk, order, at);
    }
    assert_eq!(current_step(desk, order), Some(target), "order {order}");
}

/// Takes a simple order waiting at step 9 through its last step: the order is complete
/// and its subscription billable from its activation day (three days ago).
pub fn to_completion(desk: &Desk, order: &str) {
    from_signature_to(desk, order, 20);
    for at in 20..=22 {
        standard_step(desk, order, at);
    }
    assert_eq!(current_step(desk, order), None, "order {order} is complete");
}

/// `nimbo sync login` on a desk, the password piped, then a first sync.
pub fn connect(desk: &Desk, base: &str, username: &str) {
    desk.cli_with_input(
        &["sync", "login", "--server", base, "--user", username],
        &format!("{PASSWORD}\n"),
    );
    desk.cli(None, &["sync", "now"]);
}

/// The office on a sync server: the administrator made there, the organisation and the
/// team set up on the office's desk and sent, then each person given a password.
pub async fn office_on(server: &Throwaway) -> Desk {
    add_admin(server, ADMIN, ADMIN_NAME).await;
    let office = organisation_with_team();
    connect(&office, &server.base, ADMIN);
    set_passwords(server, TEAM.iter().map(|(username, _, _)| *username)).await;
    office
}
