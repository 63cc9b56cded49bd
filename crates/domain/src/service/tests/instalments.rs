//! The installation instalments in the debt rule (DOMAIN §6): a total termination does not
//! become Inactive while an instalment due so far is unpaid — whether no invoice carries
//! it yet, or the invoice that carries it is not paid.

use super::termination::{TERMINATION, confirmed_and_debt_checked, request, step, verified};
use super::*;
use crate::contract::ContractTerms;
use crate::service::{Facts, TerminationStep as T, owing};

/// The office's subscription with an installation investment of 2.400,00 in 24
/// instalments of 100,00, the first due on the activation day (02/03/2026), and a
/// monthly invoice issued on the 20th, from March to November, all paid.
fn office_with_investment() -> Office {
    let mut office = Office::new();
    let mut subscription = office.subscription();
    subscription.terms = Some(ContractTerms::new(24, None, Decimal::from(2_400), 24).unwrap());
    office.records.put(Record::Subscription(subscription));
    for month in 3..=11 {
        office.invoice(
            &format!("001-001-00001{month:02}"),
            day(2026, month, 30),
            500,
            true,
        );
    }
    office
}

fn forward(office: &mut Office, on: NaiveDate) -> Result<Outcome, Refusal> {
    let kam = office.kam.clone();
    office.step(
        &kam,
        at_noon(on),
        TERMINATION,
        step(T::RequestForwarded),
        [],
    )
}

#[test]
fn a_total_termination_cannot_go_on_while_a_due_installation_instalment_is_unpaid() {
    let mut office = office_with_investment();
    // By 02/12/2026 ten instalments are due (02/03 … 02/12); the first nine were billed on
    // the invoices issued after them, all paid. The tenth, due today, is on no invoice yet.
    let subscription = office.subscription();
    let invoices = office.records.invoices_of(ACCOUNT);
    let owed = owing(&subscription, &invoices, day(2026, 12, 3), None);
    assert_eq!(owed.on_invoices, Decimal::ZERO);
    assert_eq!(owed.instalments.unpaid.len(), 1);
    assert_eq!(owed.instalments.unpaid[0].instalment.number, 10);
    assert_eq!(owed.instalments.unpaid[0].invoice, None);
    // 100,00 plus IVA: what the invoice will charge for it.
    assert_eq!(owed.total, Decimal::from(110));

    request(&mut office, day(2027, 1, 15), &[]).unwrap();
    verified(&mut office, false);
    confirmed_and_debt_checked(&mut office);
    let refused = forward(&mut office, day(2026, 12, 3)).unwrap_err();
    assert_eq!(code(refused.clone()), ErrorCode::DebtUnpaid);
    let message = refused.message(crate::Lang::Es);
    assert!(
        message
            .contains("USD 110,00 (0 factura(s) impaga(s) y 1 cuota(s) de instalación vencida(s))"),
        "{message}"
    );

    // The December invoice carries it; while it is unpaid, its balance is the debt.
    let december = office.invoice("001-001-0000112", day(2026, 12, 30), 500, false);
    let refused = forward(&mut office, day(2026, 12, 21)).unwrap_err();
    assert_eq!(code(refused), ErrorCode::DebtUnpaid);
    let invoices = office.records.invoices_of(ACCOUNT);
    let owed = owing(&office.subscription(), &invoices, day(2026, 12, 21), None);
    assert_eq!(
        owed.total,
        Decimal::from(500),
        "counted once, in the invoice"
    );
    assert_eq!(
        owed.instalments.unpaid[0].invoice.as_deref(),
        Some("001-001-0000112")
    );

    // Paid: the termination goes on.
    office.pay(december, day(2026, 12, 22));
    forward(&mut office, day(2026, 12, 22)).unwrap();
}

#[test]
fn instalments_due_after_the_last_day_of_service_are_not_owed_as_instalments() {
    let office = office_with_investment();
    let subscription = office.subscription();
    let invoices = office.records.invoices_of(ACCOUNT);
    // On 05/01/2027, with a last day of service of 01/12/2026: the ninth instalment
    // (02/11) is the last one due, and it is paid.
    let facts = Facts {
        today: day(2027, 1, 5),
        subscription: &subscription,
        invoices: &invoices,
        grace_days: 15,
        processes: &[],
        carry_into: crate::billing::Period::of_day(day(2027, 1, 5)),
    };
    assert!(facts.owing(Some(day(2026, 12, 1))).is_paid());
    // Without a last day, the tenth and eleventh are due and on no invoice.
    assert_eq!(facts.owing(None).instalments.unpaid.len(), 2);
}
