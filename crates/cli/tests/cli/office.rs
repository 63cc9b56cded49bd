//! An office to tell the stories in: the organisation, one user per role of the onboarding,
//! and a corporate customer ready to buy (billing account of cycle 15, a legal
//! representative, the Master Solutions Contract) — the office of `nimbo_testkit::office`,
//! which the window's stories set up too. Every change goes through `Desk::accept`, so
//! setting up the office already checks the audit trail and the outbox.

use nimbo_testkit::office::{self, INIT, contract_signed_on, create_order, hire, step_flags};
use serde_json::Value;

use crate::support::{Desk, current_step, text};

pub use nimbo_testkit::office::{
    ADMIN, AWS_ACCOUNTS, BILLING_ACCOUNT, CUSTOMER_ADDRESS, CUSTOMER_NAME, CUSTOMER_RUC, KAM,
    OFFERS, ORDER_MANAGER, PRESALES, REGIONAL, SUBSCRIBER_ID, SUPPORT, TEAM,
};

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
        self.desk.accept_without_actor(&INIT)
    }

    /// The administrator creates one user per role of the onboarding.
    pub fn hire_team(&self) {
        for (username, name, role) in TEAM {
            let user = self.desk.accept(ADMIN, &hire(username, name, role));
            assert_eq!(text(&user, "username"), username);
        }
    }

    /// The KAM registers the customer with its billing account and legal representative.
    pub fn sign_up_customer(&self) -> Value {
        self.desk.accept(KAM, &office::ADD_CUSTOMER);
        self.desk.accept(KAM, &office::ADD_REPRESENTATIVE)
    }

    /// The KAM records the signed Master Solutions Contract.
    pub fn record_master_contract(&self) -> Value {
        let signed_on = contract_signed_on();
        self.desk.accept(KAM, &office::record_contract(&signed_on))
    }

    /// The KAM opens an order; returns its number.
    pub fn open_order(&self, title: &str) -> String {
        let order = self.desk.accept(KAM, &create_order(title));
        assert_eq!(
            current_step(&order),
            Some(1),
            "a new order starts at step 1"
        );
        text(&order, "number").to_string()
    }

    /// Who does `step` of a simple order (no complex solution, no price exception) and with
    /// which flags (`nimbo_testkit::office::standard_step`), its files written here.
    pub fn standard_step(&self, step: u8) -> (&'static str, Vec<String>) {
        step_flags(step, |name| self.desk.pdf(name))
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
