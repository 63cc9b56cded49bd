//! An office set up with the real `nimbo` command line before the window opens, as
//! `crates/cli/tests/cli/office.rs` does: the organisation, one user per role of the
//! onboarding, and a corporate customer with a billing account of cycle 15, a legal
//! representative and (unless a story wants it missing) the Master Solutions Contract.

use nimbo_testkit::server::{Throwaway, add_admin, set_passwords};
use serde_json::Value;

use crate::harness::{Desk, days_ago};

/// The organisation's first administrator.
pub const ADMIN: &str = "admin";
/// Ing. Preventa.
pub const PRESALES: &str = "pedro.gimenez";
/// Regional (architect and provisioning).
pub const REGIONAL: &str = "laura.acosta";
/// The offers desk.
pub const OFFERS: &str = "carlos.benitez";
/// The key account manager.
pub const KAM: &str = "karina.duarte";
/// Corporate support.
pub const SUPPORT: &str = "maria.gonzalez";
/// The order manager.
pub const ORDER_MANAGER: &str = "diego.rojas";

/// The team: username, full name, role.
pub const TEAM: [(&str, &str, &str); 6] = [
    (PRESALES, "Pedro Giménez", "presales"),
    (REGIONAL, "Laura Acosta", "regional"),
    (OFFERS, "Carlos Benítez", "offers"),
    (KAM, "Karina Duarte", "kam"),
    (SUPPORT, "María González", "corporate_support"),
    (ORDER_MANAGER, "Diego Rojas", "order_manager"),
];

/// The customer the stories sell to.
pub const CUSTOMER_RUC: &str = "80028061-0";
pub const CUSTOMER_NAME: &str = "Banco Continental S.A.E.C.A.";
/// Its postal address, printed on its documents.
pub const CUSTOMER_ADDRESS: &str = "Av. Mariscal López 3794, Asunción";
pub const BILLING_ACCOUNT: &str = "100234567";

/// What step 13 and step 17 record.
pub const SUBSCRIBER_ID: &str = "1-7ABCD12";
pub const AWS_ACCOUNTS: [&str; 2] = ["123456789012", "210987654321"];

/// `nimbo init` and the administrator hires one user per role.
pub fn organisation_with_team() -> Desk {
    let desk = Desk::empty();
    desk.cli(
        None,
        &[
            "init",
            "--org-name",
            "Telecom Paraguay B2B Cloud",
            "--org-ruc",
            "80000190-7",
            "--admin",
            ADMIN,
            "--admin-name",
            "Ana Benítez",
        ],
    );
    for (username, name, role) in TEAM {
        desk.cli(
            Some(ADMIN),
            &["user", "add", username, "--name", name, "--role", role],
        );
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
    desk.cli(
        Some(KAM),
        &[
            "customer",
            "add",
            "--name",
            CUSTOMER_NAME,
            "--ruc",
            CUSTOMER_RUC,
            "--address",
            CUSTOMER_ADDRESS,
            "--segment",
            "corporate",
            "--billing-account",
            BILLING_ACCOUNT,
            "--cycle",
            "15",
        ],
    );
    desk.cli(
        Some(KAM),
        &[
            "customer",
            "add-rep",
            CUSTOMER_RUC,
            "--name",
            "Juan Pérez Benítez",
            "--document",
            "1234567",
            "--email",
            "juan.perez@continental.com.py",
            "--phone",
            "+595 981 123456",
        ],
    );
    if contract {
        desk.cli(
            Some(KAM),
            &[
                "customer",
                "contract",
                CUSTOMER_RUC,
                "--signed-on",
                &days_ago(60),
                "--reference",
                "CMS-2025-0042",
            ],
        );
    }
}

/// The KAM opens an order for the customer; its number.
pub fn open_order(desk: &Desk, title: &str) -> String {
    let order = desk.cli(
        Some(KAM),
        &[
            "order",
            "create",
            "--customer",
            CUSTOMER_RUC,
            "--title",
            title,
        ],
    );
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

/// A simple order's steps 1, 2 and 7 (the offer, with or without a price exception): the
/// order then waits at step 8 (exception) or 9.
pub fn to_the_offer_decision(desk: &Desk, order: &str, price_exception: bool) {
    step(
        desk,
        PRESALES,
        order,
        &[
            ("needs", "Hosting del portal de clientes en AWS"),
            ("complex", "no"),
        ],
    );
    step(desk, PRESALES, order, &[("apn_opportunity_id", "O1234567")]);
    let mut offer = vec![
        ("offer_id", "0065f00000AbCdEFGH"),
        ("plans", "aws,aws-vip"),
        ("price_exception", if price_exception { "si" } else { "no" }),
    ];
    if price_exception {
        offer.push(("exception_detail", "Descuento del 20% en el fee VIP"));
    }
    step(desk, PRESALES, order, &offer);
    let expected = if price_exception { 8 } else { 9 };
    assert_eq!(current_step(desk, order), Some(expected));
}

/// Takes a simple order waiting at step 9 (its offer decided, no price exception) on to
/// `target` (10 to 20) through the command line, each step by its role, files as small
/// real PDFs.
pub fn from_signature_to(desk: &Desk, order: &str, target: u64) {
    let set = |k: &str, v: &str| vec!["--set".to_string(), format!("{k}={v}")];
    let file = |k: &str, name: &str| vec!["--file".to_string(), format!("{k}={}", desk.pdf(name))];
    while let Some(at) = current_step(desk, order).filter(|at| *at < target) {
        let (user, flags): (&str, Vec<Vec<String>>) = match at {
            9 => (KAM, vec![file("signed_offer", "oferta-firmada.pdf")]),
            10 => (KAM, vec![file("sow", "sow.pdf")]),
            11 => (KAM, vec![set("case_number", "00012345")]),
            12 => (SUPPORT, vec![set("validation_note", "Documentos en orden")]),
            13 => (
                SUPPORT,
                vec![
                    set("subscriber_id", SUBSCRIBER_ID),
                    set("activation_date", &days_ago(3)),
                ],
            ),
            14 => (SUPPORT, vec![set("case_number", "00012346")]),
            15 => (
                ORDER_MANAGER,
                vec![file("completed_sow", "sow-completo.pdf")],
            ),
            16 => (
                ORDER_MANAGER,
                vec![set("servicenow_request", "RITM0012345")],
            ),
            17 => (
                REGIONAL,
                vec![
                    set("aws_accounts", &AWS_ACCOUNTS.join(",")),
                    set("mco_reference", "MCO-PY-00123"),
                    set("mco_console_url", "https://mco.example.com.py/console"),
                    set("mco_username", "continental-admin"),
                ],
            ),
            18 => (REGIONAL, vec![file("delivery_kit", "delivery-kit.pdf")]),
            19 => (
                ORDER_MANAGER,
                vec![
                    set("delivered_to", "juan.perez@continental.com.py"),
                    set("delivered_on", &days_ago(2)),
                ],
            ),
            other => panic!("order {order} waits at step {other}, not between 9 and 19"),
        };
        let mut args = vec!["order".to_string(), "step".to_string(), order.to_string()];
        args.extend(flags.into_iter().flatten());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        desk.cli(Some(user), &args);
    }
    assert_eq!(current_step(desk, order), Some(target), "order {order}");
}

pub use nimbo_testkit::PASSWORD;

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
    add_admin(server, ADMIN, "Ana Benítez").await;
    let office = organisation_with_team();
    connect(&office, &server.base, ADMIN);
    set_passwords(server, TEAM.iter().map(|(username, _, _)| *username)).await;
    office
}
