//! The installation investment's instalments (DOMAIN §6: a subscription becomes Inactive
//! only when every invoice and installation instalment is paid).
//!
//! The schedule (docs/DECISIONS.md): instalment k (k = 1 … n) is due k − 1 months after the
//! activation date — the first on the activation date, then monthly on the same day of the
//! month, or on the month's last day when it is shorter, like the term's months
//! ([`super::months::month_begins`]). Each instalment is the investment divided by n,
//! truncated to the cent; the last one also carries the cents the division leaves, so the
//! instalments add up to the investment exactly and none is negative.
//!
//! At termination the customer owes the instalments due on or before the last day of
//! service and not paid. Instalments that would fall due later are not owed as instalments:
//! the part of the investment not yet amortised is what the penalty table's residual value
//! charges (the procedure's «cuotas pendientes de instalación» are the ones Siebel billed).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ContractTerms;
use super::months::month_begins;
use crate::billing::{Invoice, priced};

/// One instalment of the installation investment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instalment {
    /// Its number, from 1.
    pub number: u32,
    /// The day it falls due.
    pub due_on: NaiveDate,
    /// Its amount in USD, net of IVA.
    pub amount: Decimal,
}

impl ContractTerms {
    /// Every instalment of the investment for a service activated on `activation`, in
    /// order; none when the contract has no investment.
    pub fn instalments(&self, activation: NaiveDate) -> Vec<Instalment> {
        if !self.has_investment() || self.installation_instalments == 0 {
            return Vec::new();
        }
        let n = self.installation_instalments;
        let total_cents = (self.installation_investment * Decimal::ONE_HUNDRED).trunc();
        let each_cents = (total_cents / Decimal::from(n)).trunc();
        let last_cents = total_cents - each_cents * Decimal::from(n - 1);
        (1..=n)
            .map(|k| Instalment {
                number: k,
                due_on: month_begins(activation, k),
                amount: if k == n { last_cents } else { each_cents } / Decimal::ONE_HUNDRED,
            })
            .collect()
    }

    /// The instalments due on or before `day`.
    pub fn instalments_due_by(&self, activation: NaiveDate, day: NaiveDate) -> Vec<Instalment> {
        self.instalments(activation)
            .into_iter()
            .filter(|i| i.due_on <= day)
            .collect()
    }

    /// The instalments due on or before `day` whose number is not among `paid`: what a
    /// termination whose last day of service is `day` must see paid before the
    /// subscription may become Inactive.
    pub fn unpaid_instalments(
        &self,
        activation: NaiveDate,
        day: NaiveDate,
        paid: &[u32],
    ) -> Vec<Instalment> {
        self.instalments_due_by(activation, day)
            .into_iter()
            .filter(|i| !paid.contains(&i.number))
            .collect()
    }
}

/// A due instalment not yet paid, and the invoice that carries it, if one was issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnpaidInstalment {
    /// The instalment.
    pub instalment: Instalment,
    /// The number of the invoice that carries it; `None` while no invoice was issued on or
    /// after its due day (then it is owed on its own, IVA included).
    pub invoice: Option<String>,
}

/// The due instalments of a contract that are not paid, and what of them is owed beyond
/// the invoices' balances.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalmentsOwed {
    /// Every instalment due and not paid, by number.
    pub unpaid: Vec<UnpaidInstalment>,
    /// What those no invoice carries yet add up to, IVA included: the part of the debt the
    /// invoices' balances do not already count.
    pub not_invoiced: Decimal,
}

/// The installation instalments owed on `day` (DOMAIN §6: nothing becomes Inactive while
/// one is unpaid), read from the invoices of the billing account — the one rule.
///
/// CBS/Siebel bills instalment k on the first invoice it issues on or after k's due day
/// (docs/DECISIONS.md); Nimbo does not itemise invoices, so k is paid when that invoice is
/// paid in full. While the invoice owes, its balance already counts k; while no invoice
/// was issued since k fell due, k is owed on its own: its amount plus IVA. Instalments due
/// after `day` are not owed yet.
pub fn instalments_owed(
    terms: Option<&ContractTerms>,
    activation: NaiveDate,
    day: NaiveDate,
    invoices: &[Invoice],
) -> InstalmentsOwed {
    let Some(terms) = terms else {
        return InstalmentsOwed::default();
    };
    let mut owed = InstalmentsOwed::default();
    for instalment in terms.instalments_due_by(activation, day) {
        let carrier = invoices
            .iter()
            .filter(|i| i.issued_on >= instalment.due_on)
            .min_by(|a, b| (a.issued_on, &a.number).cmp(&(b.issued_on, &b.number)));
        match carrier {
            Some(invoice) if invoice.balance().is_zero() => {}
            Some(invoice) => owed.unpaid.push(UnpaidInstalment {
                instalment,
                invoice: Some(invoice.number.clone()),
            }),
            None => {
                owed.not_invoiced += priced(instalment.amount).2;
                owed.unpaid.push(UnpaidInstalment {
                    instalment,
                    invoice: None,
                });
            }
        }
    }
    owed
}

/// What a list of instalments adds up to.
pub fn total(instalments: &[Instalment]) -> Decimal {
    instalments.iter().map(|i| i.amount).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::EarlyTerminationClause;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn terms(investment: &str, instalments: u32) -> ContractTerms {
        ContractTerms::new(
            24,
            Some(EarlyTerminationClause::MonthlyFees(3)),
            d(investment),
            instalments,
        )
        .unwrap()
    }

    #[test]
    fn an_investment_of_12000_in_24_instalments_is_500_a_month_from_the_activation_date() {
        let all = terms("12000", 24).instalments(day("2026-01-15"));
        assert_eq!(all.len(), 24);
        assert!(all.iter().all(|i| i.amount == d("500")));
        assert_eq!(all[0].due_on, day("2026-01-15"));
        assert_eq!(all[1].due_on, day("2026-02-15"));
        assert_eq!(all[23].due_on, day("2027-12-15"));
        assert_eq!(total(&all), d("12000"));
    }

    #[test]
    fn the_last_instalment_carries_the_cents_the_division_leaves() {
        // 1,000.00 ÷ 3 = 333.333… → 333.33, 333.33 and 1,000.00 − 666.66 = 333.34.
        let all = terms("1000", 3).instalments(day("2026-01-15"));
        let amounts: Vec<Decimal> = all.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, vec![d("333.33"), d("333.33"), d("333.34")]);
        // 1.00 ÷ 24 = 0.0416… → 0.04 × 23 = 0.92, the last 0.08: never negative.
        let all = terms("1", 24).instalments(day("2026-01-15"));
        assert_eq!(all[0].amount, d("0.04"));
        assert_eq!(all[23].amount, d("0.08"));
        assert_eq!(total(&all), d("1"));
    }

    #[test]
    fn a_termination_ending_on_20_november_owes_the_unpaid_instalments_due_by_then() {
        // Activated 15/01/2026, 6 instalments of 2,000.00 due 15/01 … 15/06/2026.
        let t = terms("12000", 6);
        let a = day("2026-01-15");
        assert_eq!(t.instalments_due_by(a, day("2026-03-14")).len(), 2);
        // Due on the day itself counts as due.
        assert_eq!(t.instalments_due_by(a, day("2026-03-15")).len(), 3);
        // By 20/11/2026 all six are due; numbers 1, 2 and 4 were paid: 3, 5, 6 are owed.
        let owed = t.unpaid_instalments(a, day("2026-11-20"), &[1, 2, 4]);
        let numbers: Vec<u32> = owed.iter().map(|i| i.number).collect();
        assert_eq!(numbers, vec![3, 5, 6]);
        assert_eq!(total(&owed), d("6000"));
    }

    #[test]
    fn instalments_not_yet_due_at_the_last_day_of_service_are_not_owed_as_instalments() {
        // 24 × 500.00; last day 20/11/2026: instalments 1..11 (15/01 … 15/11) are due.
        let t = terms("12000", 24);
        let owed = t.unpaid_instalments(day("2026-01-15"), day("2026-11-20"), &[1, 2, 3]);
        assert_eq!(owed.len(), 8);
        assert_eq!(total(&owed), d("4000"));
    }

    #[test]
    fn a_contract_without_investment_has_no_instalments() {
        let t = ContractTerms::term_only(12).unwrap();
        assert!(t.instalments(day("2026-01-15")).is_empty());
        assert!(
            t.unpaid_instalments(day("2026-01-15"), day("2030-01-01"), &[])
                .is_empty()
        );
    }
}
