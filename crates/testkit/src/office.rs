//! The office the command-line stories and the window's stories are told in: the
//! organisation, one user per role of the onboarding, a corporate customer ready to buy
//! (billing account of cycle 15, a legal representative, the Master Solutions Contract),
//! and what each step of a simple order is given — as the `nimbo` arguments that set it
//! up. Each suite runs them its own way (the command-line stories check the audit trail
//! and the outbox at every change; the window's stories only need the data).

use crate::dates::days_ago;

/// The organisation's first administrator.
pub const ADMIN: &str = "admin";
/// The administrator's full name.
pub const ADMIN_NAME: &str = "Ana Benítez";
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

/// The organisation's name.
pub const ORGANISATION_NAME: &str = "Telecom Paraguay B2B Cloud";
/// The RUC of the customer every story sells to.
pub const CUSTOMER_RUC: &str = "80028061-0";
/// The customer's name.
pub const CUSTOMER_NAME: &str = "Banco Continental S.A.E.C.A.";
/// Its postal address, printed on its documents.
pub const CUSTOMER_ADDRESS: &str = "Av. Mariscal López 3794, Asunción";
/// Its billing account, of cycle 15.
pub const BILLING_ACCOUNT: &str = "100234567";

/// What step 13 records.
pub const SUBSCRIBER_ID: &str = "1-7ABCD12";
/// What step 17 records.
pub const AWS_ACCOUNTS: [&str; 2] = ["123456789012", "210987654321"];

/// `nimbo init`: the organisation and its administrator.
pub const INIT: [&str; 11] = [
    "init",
    "--org-name",
    ORGANISATION_NAME,
    "--org-ruc",
    "80000190-7",
    "--admin",
    ADMIN,
    "--admin-name",
    ADMIN_NAME,
    "--admin-email",
    "ana.benitez@example.com.py",
];

/// `nimbo user add`: one of the [`TEAM`], by the administrator.
pub fn hire<'a>(username: &'a str, name: &'a str, role: &'a str) -> [&'a str; 7] {
    ["user", "add", username, "--name", name, "--role", role]
}

/// `nimbo customer add`: the customer with its billing account, by the KAM.
pub const ADD_CUSTOMER: [&str; 14] = [
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
];

/// `nimbo customer add-rep`: the customer's legal representative, by the KAM.
pub const ADD_REPRESENTATIVE: [&str; 11] = [
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
];

/// `nimbo customer contract`: the Master Solutions Contract, signed on `signed_on`
/// (YYYY-MM-DD), by the KAM.
pub fn record_contract(signed_on: &str) -> [&str; 7] {
    [
        "customer",
        "contract",
        CUSTOMER_RUC,
        "--signed-on",
        signed_on,
        "--reference",
        "CMS-2025-0042",
    ]
}

/// When the stories' customer signed its Master Solutions Contract: sixty days ago.
pub fn contract_signed_on() -> String {
    days_ago(60)
}

/// `nimbo order create`: an order for the customer, by the KAM.
pub fn create_order(title: &str) -> [&str; 6] {
    [
        "order",
        "create",
        "--customer",
        CUSTOMER_RUC,
        "--title",
        title,
    ]
}

/// A value a step's field is given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// `--set KEY=VALUE`.
    Set(&'static str, String),
    /// `--file KEY=PATH` of a small PDF of this name.
    File(&'static str, &'static str),
}

fn set(key: &'static str, value: &str) -> Entry {
    Entry::Set(key, value.to_string())
}

/// Who completes `step` (1 to 22) of a simple order (no complex solution, no price
/// exception) and what they give; steps 3 to 6 as a complex order takes them.
pub fn standard_step(step: u8) -> (&'static str, Vec<Entry>) {
    use Entry::File;
    match step {
        1 => (
            PRESALES,
            vec![
                set("needs", "Hosting del portal de clientes en AWS"),
                set("complex", "no"),
            ],
        ),
        2 => (PRESALES, vec![set("apn_opportunity_id", "O1234567")]),
        3 => (
            PRESALES,
            vec![set(
                "estimate_link",
                "https://calculator.aws/#/estimate?id=0a1b2c3d",
            )],
        ),
        4 => (
            PRESALES,
            vec![set("salesforce_request_id", "5003000000D8cuI")],
        ),
        5 => (PRESALES, vec![set("servicenow_ticket", "REQ0045678")]),
        6 => (REGIONAL, vec![File("hld_document", "hld.pdf")]),
        7 => (
            PRESALES,
            vec![
                set("offer_id", "0065f00000AbCdEFGH"),
                set("plans", "aws,aws-vip"),
                set("price_exception", "no"),
            ],
        ),
        8 => (OFFERS, vec![set("approval_note", "Aprobado")]),
        9 => (KAM, vec![File("signed_offer", "oferta-firmada.pdf")]),
        10 => (KAM, vec![File("sow", "sow.pdf")]),
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
            vec![File("completed_sow", "sow-completo.pdf")],
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
        18 => (REGIONAL, vec![File("delivery_kit", "delivery-kit.pdf")]),
        19 => (
            ORDER_MANAGER,
            vec![
                set("delivered_to", "juan.perez@continental.com.py"),
                set("delivered_on", &days_ago(2)),
            ],
        ),
        20 => (
            ORDER_MANAGER,
            vec![
                File("signed_acceptance_act", "acta-aceptacion.pdf"),
                set("accepted_on", &days_ago(1)),
            ],
        ),
        21 => (
            ORDER_MANAGER,
            vec![set("closing_note", "Caso de aprovisionamiento cerrado")],
        ),
        22 => (
            SUPPORT,
            vec![set("closing_note", "Validación back cerrada")],
        ),
        other => panic!("there is no step {other}"),
    }
}

/// [`standard_step`] as `nimbo order step` flags; `pdf` writes a small PDF of a name and
/// returns its path.
pub fn step_flags(step: u8, pdf: impl Fn(&str) -> String) -> (&'static str, Vec<String>) {
    let (user, entries) = standard_step(step);
    let flags = entries
        .into_iter()
        .flat_map(|entry| match entry {
            Entry::Set(key, value) => ["--set".to_string(), format!("{key}={value}")],
            Entry::File(key, name) => ["--file".to_string(), format!("{key}={}", pdf(name))],
        })
        .collect();
    (user, flags)
}
