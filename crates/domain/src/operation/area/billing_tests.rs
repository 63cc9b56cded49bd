//! Billing's and the catalogue's commands as stories, decided by `apply` on records in
//! memory: what a laptop and the server decide alike.

#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::super::{
    Command, EntityKind, MemoryRecords, Operation, OperationBody, Record, Refusal, apply,
};
use crate::ErrorCode;
use crate::billing::{
    Adjustment, ChargeCategory, ConsumptionAggregate, ConsumptionImport, ExportFormat, HoursEntry,
    Invoice, Payment, Period, run_of,
};
use crate::catalogue::{Plan, PlanPrice, Pricing};
use crate::hlc::Hlc;
use crate::role::Role;
use crate::subscription::{Subscription, SubscriptionStatus};
use crate::user::{User, UserDraft};

fn person(name: &str, roles: &[Role]) -> User {
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

fn instant(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 15, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn p(text: &str) -> Period {
    text.parse().unwrap()
}

fn command(actor: &User, at: DateTime<Utc>, command: Command) -> Operation {
    Operation {
        id: Uuid::now_v7(),
        hlc: Hlc {
            wall_ms: at.timestamp_millis(),
            counter: 0,
            node: actor.username.clone(),
        },
        device: Uuid::nil(),
        actor: actor.username.clone(),
        entity: EntityKind::Subscription,
        entity_id: Uuid::nil(),
        body: OperationBody::Command { command },
    }
}

const SUBSCRIPTION: Uuid = Uuid::from_u128(0x51);
const CUSTOMER: Uuid = Uuid::from_u128(0xC1);

/// A customer with a VIP subscription active since 25 November 2026, a billing
/// specialist, an order manager and an administrator.
fn office() -> (MemoryRecords, User, User, User) {
    let mut records = MemoryRecords::default();
    records.put(Record::Subscription(Subscription {
        id: SUBSCRIPTION,
        order_id: Uuid::from_u128(0x01),
        customer_id: CUSTOMER,
        subscriber_id: "1-7ABCD12".into(),
        billing_account: "100234567".into(),
        activation_date: day(2026, 11, 25),
        plans: vec![
            "aws".into(),
            "aws-vip".into(),
            "ps-business".into(),
            "ps-after-hours".into(),
        ],
        aws_accounts: vec!["123456789012".into()],
        status: SubscriptionStatus::Active,
        created_at: instant(2026, 11, 25),
        termination_date: None,
        ended: Vec::new(),
        terms: None,
    }));
    let billing = person("beatriz", &[Role::BillingSpecialist]);
    let manager = person("oscar", &[Role::OrderManager]);
    let admin = person("admin", &[Role::Admin]);
    for u in [&billing, &manager, &admin] {
        records.put(Record::User(u.clone()));
    }
    (records, billing, manager, admin)
}

fn import(id: u128, cents: i64) -> ConsumptionImport {
    ConsumptionImport {
        id: Uuid::from_u128(id),
        sha256: format!("{id:064}"),
        file_name: "focus-2026-11.csv".into(),
        format: ExportFormat::Focus,
        months: vec!["2026-11".into()],
        rows: 10,
        rows_billed: 10,
        rows_with_problems: 0,
        aggregates: vec![ConsumptionAggregate {
            subscription_id: SUBSCRIPTION,
            aws_account: "123456789012".into(),
            period: p("2026-11"),
            month: "2026-11".into(),
            service: "Amazon Elastic Compute Cloud".into(),
            category: ChargeCategory::Usage,
            amount: Decimal::new(cents, 2),
            rows: 10,
        }],
        by: "beatriz".into(),
        at: instant(2026, 12, 15),
    }
}

/// Applies the operation and keeps what it wrote; the refusal otherwise.
fn decide(records: &mut MemoryRecords, actor: &User, op: Operation) -> Result<(), Refusal> {
    let outcome = apply(&op, actor, records)?;
    records.absorb(&outcome);
    Ok(())
}

fn code(result: Result<(), Refusal>) -> ErrorCode {
    result.err().map(|r| r.code()).unwrap_or(ErrorCode::Unknown)
}

#[test]
fn a_period_is_locked_with_the_run_the_specialist_looked_at() {
    let (mut records, billing, ..) = office();
    let dec15 = instant(2026, 12, 15);
    decide(
        &mut records,
        &billing,
        command(
            &billing,
            dec15,
            Command::RecordConsumptionImport {
                import: import(1, 123_457),
            },
        ),
    )
    .unwrap();
    let run = run_of(&records, p("2026-11"));
    assert_eq!(run.lines().count(), 2, "consumption and the VIP fee");
    let lock = Command::LockPeriod {
        period: p("2026-11"),
        run_hash: run.hash.clone(),
    };
    decide(
        &mut records,
        &billing,
        command(&billing, dec15, lock.clone()),
    )
    .unwrap();
    let locked = records.locks.get(&p("2026-11")).unwrap();
    assert_eq!(locked.run_hash, run.hash);
    assert_eq!(locked.lines.len(), 2);
    // The same lock again (a retry, or a second laptop that saw the same run) changes nothing.
    decide(&mut records, &billing, command(&billing, dec15, lock)).unwrap();
}

#[test]
fn a_laptop_that_did_not_receive_an_import_cannot_lock_its_version_of_the_period() {
    let (mut server, billing, ..) = office();
    let laptop = server.clone();
    let dec15 = instant(2026, 12, 15);
    // The server received an import the laptop has not pulled yet.
    decide(
        &mut server,
        &billing,
        command(
            &billing,
            dec15,
            Command::RecordConsumptionImport {
                import: import(1, 50_000),
            },
        ),
    )
    .unwrap();
    let seen_offline = run_of(&laptop, p("2026-11"));
    let refused = decide(
        &mut server,
        &billing,
        command(
            &billing,
            dec15,
            Command::LockPeriod {
                period: p("2026-11"),
                run_hash: seen_offline.hash,
            },
        ),
    );
    assert_eq!(code(refused), ErrorCode::RunChanged);
    assert!(server.locks.is_empty());
}

#[test]
fn two_laptops_cannot_lock_different_versions_of_the_same_period() {
    let (mut server, billing, ..) = office();
    let dec15 = instant(2026, 12, 15);
    let first = run_of(&server, p("2026-11"));
    decide(
        &mut server,
        &billing,
        command(
            &billing,
            dec15,
            Command::LockPeriod {
                period: p("2026-11"),
                run_hash: first.hash,
            },
        ),
    )
    .unwrap();
    let refused = decide(
        &mut server,
        &billing,
        command(
            &billing,
            dec15,
            Command::LockPeriod {
                period: p("2026-11"),
                run_hash: "another version".into(),
            },
        ),
    );
    assert_eq!(code(refused.clone()), ErrorCode::PeriodLockedOtherwise);
    let message = refused.err().unwrap().message(crate::Lang::Es);
    assert!(message.contains("beatriz"), "{message}");
}

#[test]
fn a_locked_period_takes_no_import_no_hours_no_adjustment_and_no_holiday() {
    let (mut records, billing, manager, admin) = office();
    let dec15 = instant(2026, 12, 15);
    let run = run_of(&records, p("2026-11"));
    decide(
        &mut records,
        &billing,
        command(
            &billing,
            dec15,
            Command::LockPeriod {
                period: p("2026-11"),
                run_hash: run.hash,
            },
        ),
    )
    .unwrap();

    let import = decide(
        &mut records,
        &billing,
        command(
            &billing,
            dec15,
            Command::RecordConsumptionImport {
                import: import(2, 100),
            },
        ),
    );
    assert_eq!(code(import), ErrorCode::PeriodLocked);

    let entry = HoursEntry {
        id: Uuid::from_u128(9),
        subscription_id: SUBSCRIPTION,
        person: "oscar".into(),
        start: day(2026, 11, 30).and_hms_opt(9, 0, 0).unwrap(),
        end: day(2026, 11, 30).and_hms_opt(11, 0, 0).unwrap(),
        what: "Migración".into(),
        logged_by: "oscar".into(),
        logged_at: dec15,
    };
    let hours = decide(
        &mut records,
        &manager,
        command(&manager, dec15, Command::LogHours { entry }),
    );
    assert_eq!(code(hours), ErrorCode::PeriodLocked);

    let adjustment = Adjustment {
        id: Uuid::from_u128(10),
        subscription_id: SUBSCRIPTION,
        period: p("2026-11"),
        plan_code: "aws".into(),
        amount: Decimal::new(-1000, 2),
        reason: "Crédito por corte".into(),
        by: "beatriz".into(),
        at: dec15,
    };
    let refused = decide(
        &mut records,
        &billing,
        command(
            &billing,
            dec15,
            Command::AddAdjustment {
                adjustment: adjustment.clone(),
            },
        ),
    );
    assert_eq!(code(refused), ErrorCode::PeriodLocked);
    // The correction lands in the next period instead.
    let next = Adjustment {
        period: p("2026-12"),
        ..adjustment
    };
    decide(
        &mut records,
        &billing,
        command(&billing, dec15, Command::AddAdjustment { adjustment: next }),
    )
    .unwrap();

    let holiday = crate::billing::Holiday {
        date: day(2026, 12, 8),
        name: "Virgen de Caacupé".into(),
        active: false,
    };
    let refused = decide(
        &mut records,
        &admin,
        command(&admin, dec15, Command::SetHoliday { holiday }),
    );
    assert_eq!(code(refused), ErrorCode::PeriodLocked);
}

#[test]
fn the_same_export_imported_again_is_refused_saying_when_and_by_whom() {
    let (mut records, billing, ..) = office();
    let dec15 = instant(2026, 12, 15);
    decide(
        &mut records,
        &billing,
        command(
            &billing,
            dec15,
            Command::RecordConsumptionImport {
                import: import(1, 100),
            },
        ),
    )
    .unwrap();
    let again = decide(
        &mut records,
        &billing,
        command(
            &billing,
            dec15,
            Command::RecordConsumptionImport {
                import: import(1, 100),
            },
        ),
    );
    let refusal = again.err().unwrap();
    assert_eq!(refusal.code(), ErrorCode::AlreadyImported);
    assert!(
        refusal
            .message(crate::Lang::Es)
            .contains("15/12/2026 por beatriz"),
        "{}",
        refusal.message(crate::Lang::Es)
    );
}

#[test]
fn an_order_manager_cannot_import_consumption_nor_lock_a_period() {
    let (mut records, _, manager, _) = office();
    let dec15 = instant(2026, 12, 15);
    let refused = decide(
        &mut records,
        &manager,
        command(
            &manager,
            dec15,
            Command::RecordConsumptionImport {
                import: import(1, 100),
            },
        ),
    );
    assert_eq!(code(refused), ErrorCode::NotAllowed);
    let refused = decide(
        &mut records,
        &manager,
        command(
            &manager,
            dec15,
            Command::LockPeriod {
                period: p("2026-11"),
                run_hash: String::new(),
            },
        ),
    );
    assert_eq!(code(refused), ErrorCode::NotAllowed);
}

#[test]
fn a_price_never_changes_the_past_and_two_prices_for_the_same_day_are_not_merged() {
    let (mut records, _, _, admin) = office();
    let today = instant(2026, 12, 3);
    let vip = |minimum: i64, from: NaiveDate| PlanPrice {
        plan: Plan {
            code: "aws-vip".into(),
            name: "Tigo Cloud AWS Serv. Adm. VIP".into(),
            pricing: Pricing::ShareOfConsumption {
                rate: Decimal::new(15, 2),
                minimum: Decimal::new(minimum, 0),
            },
        },
        valid_from: from,
    };
    let past = decide(
        &mut records,
        &admin,
        command(
            &admin,
            today,
            Command::SetPlanPrice {
                price: vip(80, day(2026, 12, 1)),
                seen: None,
            },
        ),
    );
    assert_eq!(code(past), ErrorCode::PriceInThePast);

    decide(
        &mut records,
        &admin,
        command(
            &admin,
            today,
            Command::SetPlanPrice {
                price: vip(80, day(2027, 1, 15)),
                seen: None,
            },
        ),
    )
    .unwrap();
    // Someone else, offline, set the same day's price without having seen this one.
    let conflict = decide(
        &mut records,
        &admin,
        command(
            &admin,
            today,
            Command::SetPlanPrice {
                price: vip(90, day(2027, 1, 15)),
                seen: None,
            },
        ),
    );
    assert_eq!(code(conflict), ErrorCode::MoneyConflict);
    // Period 2026-12 (from 15 December) keeps the old minimum; 2027-01 takes the new one.
    let prices: Vec<PlanPrice> = records
        .plans
        .values()
        .flat_map(|r| r.prices.clone())
        .collect();
    let minimum = |period: &str| {
        crate::catalogue::in_force(&prices, p(period).first_day())
            .into_iter()
            .find_map(|plan| match plan.pricing {
                Pricing::ShareOfConsumption { minimum, .. } => Some(minimum),
                _ => None,
            })
    };
    assert_eq!(minimum("2026-12"), Some(Decimal::new(75, 0)));
    assert_eq!(minimum("2027-01"), Some(Decimal::new(80, 0)));
}

fn invoice(amount: i64) -> Invoice {
    Invoice {
        id: Uuid::from_u128(0x1F),
        number: "001-001-0012345".into(),
        billing_account: "100234567".into(),
        customer_id: CUSTOMER,
        issued_on: day(2026, 12, 1),
        due_on: day(2026, 12, 20),
        amount: Decimal::new(amount, 2),
        payments: Vec::new(),
        by: "beatriz".into(),
        at: instant(2026, 12, 1),
    }
}

fn payment(reference: &str, cents: i64) -> Payment {
    Payment {
        id: Uuid::now_v7(),
        paid_on: day(2026, 12, 2),
        amount: Decimal::new(cents, 2),
        reference: reference.into(),
        by: "beatriz".into(),
        at: instant(2026, 12, 2),
    }
}

#[test]
fn payments_never_exceed_the_balance_and_the_same_payment_is_not_recorded_twice() {
    let (mut records, billing, ..) = office();
    records.put(Record::Customer(
        crate::customer::CustomerDraft {
            name: "Cooperativa Ñandutí Ltda.".into(),
            ruc: "80028061-0".into(),
            segment: "corporate".into(),
            ..Default::default()
        }
        .validate(CUSTOMER, instant(2026, 1, 5))
        .unwrap(),
    ));
    let now = instant(2026, 12, 3);
    decide(
        &mut records,
        &billing,
        command(
            &billing,
            now,
            Command::RecordInvoice {
                invoice: invoice(110_000),
            },
        ),
    )
    .unwrap();
    let again = decide(
        &mut records,
        &billing,
        command(
            &billing,
            now,
            Command::RecordInvoice {
                invoice: Invoice {
                    id: Uuid::from_u128(2),
                    ..invoice(5)
                },
            },
        ),
    );
    assert_eq!(code(again), ErrorCode::RecordExists, "the number is taken");

    let id = Uuid::from_u128(0x1F);
    decide(
        &mut records,
        &billing,
        command(
            &billing,
            now,
            Command::RecordPayment {
                invoice_id: id,
                payment: payment("TRX-1", 60_000),
            },
        ),
    )
    .unwrap();
    let twice = decide(
        &mut records,
        &billing,
        command(
            &billing,
            now,
            Command::RecordPayment {
                invoice_id: id,
                payment: payment("TRX-1", 10_000),
            },
        ),
    );
    assert_eq!(code(twice), ErrorCode::PaymentRecorded);
    let over = decide(
        &mut records,
        &billing,
        command(
            &billing,
            now,
            Command::RecordPayment {
                invoice_id: id,
                payment: payment("TRX-2", 60_000),
            },
        ),
    );
    assert_eq!(code(over), ErrorCode::PaymentExceedsBalance);
    decide(
        &mut records,
        &billing,
        command(
            &billing,
            now,
            Command::RecordPayment {
                invoice_id: id,
                payment: payment("TRX-2", 50_000),
            },
        ),
    )
    .unwrap();
    let held = records.invoices.get(&id).unwrap();
    assert_eq!(
        held.status(day(2026, 12, 3)),
        crate::billing::InvoiceStatus::Paid
    );
}
