//! A partial termination's debt as stories: it goes on with the services that remain, as
//! a line of the next run, once, and no more than the invoices still owe.

use super::termination::{TERMINATION, confirmed_and_debt_checked, request, step, verified};
use super::*;
use crate::billing::gather::run_of;
use crate::billing::{BillingRun, ChargeLine, LineKind, Period};
use crate::service::TerminationStep as T;

/// A step's typed values.
type Values<'a> = &'a [(&'a str, &'a str)];

fn p(text: &str) -> Period {
    text.parse().unwrap()
}

/// The KAM's partial termination of the VIP plan, last day 20/01/2027, taken through its
/// steps to the confirmation on 4 December 2026.
fn partial_termination_confirmed(office: &mut Office) {
    request(office, day(2027, 1, 20), &["aws-vip"]).unwrap();
    verified(office, false);
    confirmed_and_debt_checked(office);
    let (kam, executive, presales) = (
        office.kam.clone(),
        office.executive.clone(),
        office.presales.clone(),
    );
    let steps: [(&User, T, Values); 4] = [
        (&kam, T::RequestForwarded, &[]),
        (
            &executive,
            T::StatusChange,
            &[("status_changed_on", "2026-12-03")],
        ),
        (&presales, T::WorkOrder, &[("work_order", "WO0012345")]),
        (&presales, T::Confirmed, &[]),
    ];
    for (who, s, values) in steps {
        office
            .run(
                who,
                noon(2026, 12, 4),
                Command::CompleteProcessStep {
                    process_id: TERMINATION,
                    step: step(s),
                    input: StepInput {
                        values: values
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.to_string()))
                            .collect(),
                        files: Default::default(),
                    },
                },
            )
            .unwrap();
    }
}

fn debt_lines(run: &BillingRun) -> Vec<&ChargeLine> {
    run.lines()
        .filter(|l| l.kind == LineKind::TerminationDebt)
        .collect()
}

fn lock(office: &mut Office, period: Period) -> Result<Outcome, Refusal> {
    let hash = run_of(&office.records, period).hash;
    let billing = office.billing.clone();
    office.run(
        &billing,
        noon(2027, 2, 15),
        Command::LockPeriod {
            period,
            run_hash: hash,
        },
    )
}

#[test]
fn a_partial_termination_s_debt_appears_in_the_next_run() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    office.invoice("001-001-0000124", day(2026, 12, 30), 300, false);
    office.invoice("001-001-0000100", day(2026, 10, 30), 90, true);
    partial_termination_confirmed(&mut office);

    // The services that remain carry the two unpaid invoices into the run of the period
    // of the last day of service, 20/01/2027: 2027-01 (15/01 – 14/02).
    let debt = office.subscription().ended[0].debt.clone().unwrap();
    assert_eq!(debt.period, p("2027-01"));
    assert_eq!(debt.termination_number, "BAJ-7K3F-000001");
    assert_eq!(debt.invoices.len(), 2);

    let run = run_of(&office.records, p("2027-01"));
    let lines = debt_lines(&run);
    assert_eq!(lines.len(), 1);
    let line = lines[0];
    assert_eq!(
        line.explanation_es,
        "Deuda de la baja parcial BAJ-7K3F-000001: facturas 001-001-0000123, 001-001-0000124; saldo 1.550,00 (IVA incluido en las facturas)"
    );
    // The invoices include IVA already: it is not taxed twice.
    assert_eq!(
        (
            line.net.to_string(),
            line.iva.to_string(),
            line.total.to_string()
        ),
        ("1550.00".into(), "0.00".into(), "1550.00".into())
    );
    assert_eq!(line.plan_code, "deuda-baja");
    // Deterministic: the same records give the same run and hash; a preview changes nothing.
    assert_eq!(run_of(&office.records, p("2027-01")), run);
    // Not in the period before, nor in the one after.
    assert!(debt_lines(&run_of(&office.records, p("2026-12"))).is_empty());
    assert!(debt_lines(&run_of(&office.records, p("2027-02"))).is_empty());

    // The lock is decided by the same run the server computes, and freezes the line.
    lock(&mut office, p("2027-01")).unwrap();
    let locked = office.records.period_lock(p("2027-01")).unwrap();
    assert_eq!(locked.run_hash, run.hash);
    assert!(
        locked
            .lines
            .iter()
            .any(|l| l.kind == LineKind::TerminationDebt && l.total == line.total)
    );
}

#[test]
fn an_invoice_paid_before_the_lock_is_not_charged_again() {
    let mut office = Office::new();
    let first = office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    let second = office.invoice("001-001-0000124", day(2026, 12, 30), 300, false);
    partial_termination_confirmed(&mut office);
    let before = run_of(&office.records, p("2027-01"));

    // The customer pays the larger invoice: the line keeps what the other still owes.
    office.pay(first, day(2027, 1, 5));
    let after = run_of(&office.records, p("2027-01"));
    assert_ne!(after.hash, before.hash, "a payment changes the run");
    let lines = debt_lines(&after);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].total.to_string(), "300.00");
    assert!(
        lines[0]
            .explanation_es
            .ends_with("factura 001-001-0000124; saldo 300,00 (IVA incluido en la factura)")
    );
    // A lock from the run before the payment is refused: the server's run changed.
    let billing = office.billing.clone();
    let stale = office.run(
        &billing,
        noon(2027, 2, 15),
        Command::LockPeriod {
            period: p("2027-01"),
            run_hash: before.hash,
        },
    );
    assert_eq!(code(stale.unwrap_err()), crate::ErrorCode::RunChanged);

    // Everything paid: no line at all.
    office.pay(second, day(2027, 1, 6));
    assert!(debt_lines(&run_of(&office.records, p("2027-01"))).is_empty());
}

#[test]
fn a_debt_confirmed_after_its_period_was_locked_goes_into_the_next_open_one() {
    let mut office = Office::new();
    office.invoice("001-001-0000123", day(2026, 11, 30), 1_250, false);
    lock(&mut office, p("2027-01")).unwrap();
    partial_termination_confirmed(&mut office);
    let debt = office.subscription().ended[0].debt.clone().unwrap();
    assert_eq!(debt.period, p("2027-02"));
    assert_eq!(debt_lines(&run_of(&office.records, p("2027-02"))).len(), 1);
}

#[test]
fn nothing_owed_nothing_carried() {
    let mut office = Office::new();
    office.invoice("001-001-0000100", day(2026, 10, 30), 90, true);
    partial_termination_confirmed(&mut office);
    assert_eq!(office.subscription().ended[0].debt, None);
}
