//! The service's life as stories, decided by `apply` on records in memory: what a laptop
//! and the server decide alike.

#![allow(clippy::unwrap_used)]

mod carried_debt;
mod documents;
mod instalments;
mod reconnection;
mod suspension;
mod tables;
mod termination;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::ErrorCode;
use crate::billing::{Invoice, Payment};
use crate::hlc::Hlc;
use crate::operation::{
    Command, EntityKind, MemoryRecords, Operation, OperationBody, Outcome, Record, Records,
    Refusal, apply,
};
use crate::role::Role;
use crate::service::{ServiceProcess, ServiceStep};
use crate::subscription::{Subscription, SubscriptionStatus};
use crate::user::{User, UserDraft};
use crate::workflow::{AttachmentRef, StepInput};

pub(super) const SUBSCRIPTION: Uuid = Uuid::from_u128(0x51);
pub(super) const CUSTOMER: Uuid = Uuid::from_u128(0xC1);
pub(super) const ACCOUNT: &str = "100234567";

pub(super) fn person(name: &str, roles: &[Role]) -> User {
    UserDraft {
        username: name.into(),
        full_name: format!("{name} de prueba"),
        email: None,
        roles: roles.to_vec(),
    }
    .validate(
        Uuid::now_v7(),
        Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0).unwrap(),
    )
    .unwrap()
}

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 12:00 in Asunción (UTC−3) on the day.
pub(super) fn noon(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 15, 0, 0).unwrap()
}

/// Everyone the stories need, each with one role, and a subscription with two plans and
/// two AWS accounts, active since March 2026.
pub(super) struct Office {
    pub records: MemoryRecords,
    pub kam: User,
    pub executive: User,
    pub support: User,
    pub presales: User,
    pub order_manager: User,
    pub credit: User,
    pub sales_manager: User,
    pub offers: User,
    pub regional: User,
    pub billing: User,
}

impl Office {
    pub fn new() -> Office {
        let mut records = MemoryRecords::default();
        records.put(Record::Subscription(Subscription {
            id: SUBSCRIPTION,
            order_id: Uuid::from_u128(0x01),
            customer_id: CUSTOMER,
            subscriber_id: "1-7ABCD12".into(),
            billing_account: ACCOUNT.into(),
            activation_date: day(2026, 3, 2),
            plans: vec!["aws".into(), "aws-vip".into()],
            aws_accounts: vec!["123456789012".into(), "210987654321".into()],
            status: SubscriptionStatus::Active,
            created_at: noon(2026, 3, 2),
            termination_date: None,
            ended: Vec::new(),
            terms: None,
        }));
        let office = Office {
            kam: person("karina", &[Role::Kam]),
            executive: person("ernesto", &[Role::ServiceExecutive]),
            support: person("sofia", &[Role::CorporateSupport]),
            presales: person("pablo", &[Role::Presales]),
            order_manager: person("oscar", &[Role::OrderManager]),
            credit: person("carmen", &[Role::CreditManager]),
            sales_manager: person("gustavo", &[Role::SalesManager]),
            offers: person("olga", &[Role::Offers]),
            regional: person("ramon", &[Role::Regional]),
            billing: person("beatriz", &[Role::BillingSpecialist]),
            records,
        };
        let mut office = office;
        for u in office.everyone() {
            office.records.put(Record::User(u));
        }
        office
    }

    pub fn everyone(&self) -> Vec<User> {
        [
            &self.kam,
            &self.executive,
            &self.support,
            &self.presales,
            &self.order_manager,
            &self.credit,
            &self.sales_manager,
            &self.offers,
            &self.regional,
            &self.billing,
        ]
        .into_iter()
        .cloned()
        .collect()
    }

    /// An invoice of the subscription's account, unpaid unless `paid`.
    pub fn invoice(&mut self, number: &str, due: NaiveDate, amount: i64, paid: bool) -> Uuid {
        let id = Uuid::now_v7();
        let payments = if paid {
            vec![Payment {
                id: Uuid::now_v7(),
                paid_on: due,
                amount: Decimal::from(amount),
                reference: format!("pago {number}"),
                by: "beatriz".into(),
                at: noon(2026, 1, 1),
            }]
        } else {
            Vec::new()
        };
        self.records.put(Record::Invoice(Invoice {
            id,
            number: number.into(),
            billing_account: ACCOUNT.into(),
            customer_id: CUSTOMER,
            issued_on: due - Duration::days(10),
            due_on: due,
            amount: Decimal::from(amount),
            payments,
            by: "beatriz".into(),
            at: noon(2026, 1, 1),
        }));
        id
    }

    /// Pays an invoice in full through the billing specialist.
    pub fn pay(&mut self, invoice: Uuid, on: NaiveDate) {
        let balance = self.records.invoice(invoice).unwrap().balance();
        let payment = Payment {
            id: Uuid::now_v7(),
            paid_on: on,
            amount: balance,
            reference: format!("transferencia {on}"),
            by: self.billing.username.clone(),
            at: noon(2026, 1, 1),
        };
        let billing = self.billing.clone();
        self.run(
            &billing,
            at_noon(on),
            Command::RecordPayment {
                invoice_id: invoice,
                payment,
            },
        )
        .unwrap();
    }

    /// Applies a command as `who` at `at`, keeping what it wrote.
    pub fn run(
        &mut self,
        who: &User,
        at: DateTime<Utc>,
        command: Command,
    ) -> Result<Outcome, Refusal> {
        let op = Operation {
            id: Uuid::now_v7(),
            hlc: Hlc {
                wall_ms: at.timestamp_millis(),
                counter: 0,
                node: who.username.clone(),
            },
            device: Uuid::nil(),
            actor: who.username.clone(),
            entity: EntityKind::Process,
            entity_id: Uuid::nil(),
            body: OperationBody::Command { command },
        };
        let outcome = apply(&op, who, &self.records)?;
        self.records.absorb(&outcome);
        Ok(outcome)
    }

    /// Completes a step of a process with typed values.
    pub fn step<const N: usize>(
        &mut self,
        who: &User,
        at: DateTime<Utc>,
        process: Uuid,
        step: ServiceStep,
        values: [(&str, &str); N],
    ) -> Result<Outcome, Refusal> {
        self.run(
            who,
            at,
            Command::CompleteProcessStep {
                process_id: process,
                step,
                input: StepInput::with(values),
            },
        )
    }

    pub fn process(&self, id: Uuid) -> ServiceProcess {
        self.records.process(id).unwrap()
    }

    pub fn subscription(&self) -> Subscription {
        self.records.subscription(SUBSCRIPTION).unwrap()
    }
}

/// 12:00 in Asunción on the day.
pub(super) fn at_noon(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(15, 0, 0).unwrap())
}

/// A stored signed letter.
pub(super) fn letter() -> AttachmentRef {
    AttachmentRef {
        sha256: "ab".repeat(32),
        name: "carta-baja.pdf".into(),
        size: 48_213,
        media_type: "application/pdf".into(),
    }
}

/// The refusal's code.
pub(super) fn code(refusal: Refusal) -> ErrorCode {
    refusal.code()
}
