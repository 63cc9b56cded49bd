//! An office to tell the stories in: the organisation, one user per role of the onboarding,
//! and a corporate customer ready to buy (billing account of cycle 15, a legal
//! representative, the Master Solutions Contract). Every change goes through `Desk::accept`,
//! so setting up the office already checks the audit trail and the outbox.

use serde_json::Value;

use crate::support::{Desk, current_step, days_ago, text};

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

/// The customer every story sells to.
pub const CUSTOMER_RUC: &str = "80028061-0";
pub const CUSTOMER_NAME: &str = "Banco Continental S.A.E.C.A.";
/// Its postal address, printed on its documents.
pub const CUSTOMER_ADDRESS: &str = "Av. Mariscal López 3794, Asunción";
pub const BILLING_ACCOUNT: &str = "100234567";

/// The ids the standard steps record.
pub const SUBSCRIBER_ID: &str = "1-7ABCD12";
pub const AWS_ACCOUNTS: [&str; 2] = ["123456789012", "210987654321"];

/// An office in a temporary database.
pub struct Office {
    pub desk: Desk,
}

impl Office {
    /// An office with its team and a customer ready to buy.
    pub fn ready() -> Office {
        let office = Office::without_customer();
        office.sign_up_customer();
        office.record_master_contract();
        office
    }

    /// The organisation and its team, no customer yet.
    pub fn without_customer() -> Office {
        let office = Office {
            desk: Desk::empty(),
        };
        office.init();
        office.hire_team();
        office
    }

    /// An office whose customer has not signed the Master Solutions Contract yet.
    pub fn customer_without_contract() -> Office {
        let office = Office::without_customer();
        office.sign_up_customer();
        office
    }

    /// `nimbo init`: the organisation and its administrator.
    pub fn init(&self) -> Value {
        self.desk.accept_without_actor(&[
            "init",
            "--org-name",
            "Telecom Paraguay B2B Cloud",
            "--org-ruc",
            "80000190-7",
            "--admin",
            ADMIN,
            "--admin-name",
            "Ana Benítez",
            "--admin-email",
            "ana.benitez@example.com.py",
        ])
    }

    /// The administrator creates one user per role of the onboarding.
    pub fn hire_team(&self) {
        for (username, name, role) in TEAM {
            let user = self.desk.accept(
                ADMIN,
                &["user", "add", username, "--name", name, "--role", role],
            );
            assert_eq!(text(&user, "username"), username);
        }
    }

    /// The KAM registers the customer with its billing account and legal representative.
    pub fn sign_up_customer(&self) -> Value {
        self.desk.accept(
            KAM,
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
        self.desk.accept(
            KAM,
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
        )
    }

    /// The KAM records the signed Master Solutions Contract.
    pub fn record_master_contract(&self) -> Value {
        let signed_on = days_ago(60);
        self.desk.accept(
            KAM,
            &[
                "customer",
                "contract",
                CUSTOMER_RUC,
                "--signed-on",
                &signed_on,
                "--reference",
                "CMS-2025-0042",
            ],
        )
    }

    /// The KAM opens an order; returns its number.
    pub fn open_order(&self, title: &str) -> String {
        let order = self.desk.accept(
            KAM,
            &[
                "order",
                "create",
                "--customer",
                CUSTOMER_RUC,
                "--title",
                title,
            ],
        );
        assert_eq!(
            current_step(&order),
            Some(1),
            "a new order starts at step 1"
        );
        text(&order, "number").to_string()
    }

    /// Who does `step` of a simple order (no complex solution, no price exception) and with
    /// which flags.
    pub fn standard_step(&self, step: u8) -> (&'static str, Vec<String>) {
        let set = |k: &str, v: &str| vec!["--set".to_string(), format!("{k}={v}")];
        let file = |k: &str, name: &str| {
            vec!["--file".to_string(), format!("{k}={}", self.desk.pdf(name))]
        };
        let (user, flags): (&str, Vec<Vec<String>>) = match step {
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
            6 => (REGIONAL, vec![file("hld_document", "hld.pdf")]),
            7 => (
                PRESALES,
                vec![
                    set("offer_id", "0065f00000AbCdEFGH"),
                    set("plans", "aws,aws-vip"),
                    set("price_exception", "no"),
                ],
            ),
            8 => (OFFERS, vec![set("approval_note", "Aprobado")]),
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
            20 => (
                ORDER_MANAGER,
                vec![
                    file("signed_acceptance_act", "acta-aceptacion.pdf"),
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
        };
        (user, flags.concat())
    }

    /// The right user completes `step` of `order` with the standard values; returns the order.
    pub fn complete(&self, order: &str, step: u8) -> Value {
        let (user, flags) = self.standard_step(step);
        let mut args = vec!["order", "step", order];
        args.extend(flags.iter().map(String::as_str));
        let entries = self.desk.entries_completing(order);
        self.desk.accept_writing(user, &args, entries)
    }

    /// Completes steps of a simple order until it waits at `target`.
    pub fn take_to(&self, order: &str, target: u8) {
        let shown = self.desk.read(&["order", "show", order]);
        let mut at = current_step(&shown["order"]);
        while let Some(step) = at {
            if step == target {
                return;
            }
            assert!(step < target, "order {order} is already past step {target}");
            at = current_step(&self.complete(order, step));
        }
        panic!("order {order} finished before reaching step {target}");
    }
}

impl Desk {
    /// A change that needs no actor (`init`), checked like `accept`.
    pub fn accept_without_actor(&self, args: &[&str]) -> Value {
        let before = self.trail();
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        run.assert_done();
        let after = self.trail();
        assert_eq!(
            (after.audit - before.audit, after.outbox - before.outbox),
            (1, 1),
            "an accepted action must add exactly one audit event and one outbox entry:\n{}",
            run.describe()
        );
        run.json()
    }
}
