//! A partial termination's debt carried into a later run (DOMAIN §6: terminating some
//! services requires no advance payment, "the debt is added to the next month's invoice
//! with the other services").
//!
//! When a partial termination is confirmed while the billing account owes, the invoices
//! that owe are named on the services it ended, with the period whose run carries them
//! ([`CarriedDebt`]). That run bills one line per termination: what those invoices still
//! owe when the run is computed — so a payment recorded before the lock shrinks or removes
//! the line — with no IVA, as the invoices already include it (docs/DECISIONS.md).
//!
//! Pure: the caller hands the invoices as its records hold them.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::invoice::Invoice;
use super::line::{ChargeLine, LineKind};
use super::money::es_py;
use super::period::Period;
use super::run_hash::line_id;
use crate::Lang;

/// The code a carried debt's line is exported under to Satélite: it is no plan of the
/// catalogue, but the export names a charge code on every row.
pub const DEBT_CODE: &str = "deuda-baja";

/// The name shown and exported beside [`DEBT_CODE`].
pub const DEBT_NAME: &str = "Deuda de baja parcial";

/// An invoice named by a carried debt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedInvoice {
    /// The invoice's id.
    pub id: Uuid,
    /// Its number as printed.
    pub number: String,
}

/// The debt a partial termination leaves to the services that remain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedDebt {
    /// The termination's id.
    pub termination_id: Uuid,
    /// The termination's number (`BAJ-…`).
    pub termination_number: String,
    /// The invoices that owed when it was confirmed, by number.
    pub invoices: Vec<CarriedInvoice>,
    /// The period whose run carries it: the first not locked from the period of the
    /// termination's last day of service.
    pub period: Period,
}

impl CarriedDebt {
    /// The debt a termination confirmed now carries into `period`: the invoices of
    /// `invoices` with a balance, less those an earlier carried debt of the same
    /// subscription named (`already`) — they are billed once. `None` when nothing owes.
    pub fn at_confirmation(
        termination: (Uuid, &str),
        invoices: &[Invoice],
        already: &[&CarriedDebt],
        period: Period,
    ) -> Option<CarriedDebt> {
        let named: HashSet<Uuid> = already
            .iter()
            .flat_map(|d| d.invoices.iter().map(|i| i.id))
            .collect();
        let mut owing: Vec<CarriedInvoice> = invoices
            .iter()
            .filter(|i| i.balance() > Decimal::ZERO && !named.contains(&i.id))
            .map(|i| CarriedInvoice {
                id: i.id,
                number: i.number.clone(),
            })
            .collect();
        if owing.is_empty() {
            return None;
        }
        owing.sort_by(|a, b| (&a.number, a.id).cmp(&(&b.number, b.id)));
        Some(CarriedDebt {
            termination_id: termination.0,
            termination_number: termination.1.to_string(),
            invoices: owing,
            period,
        })
    }
}

/// The lines of `debts` carried into `period`'s run of `subscription`, one per
/// termination in the order of their numbers: what their invoices owe in `invoices` now.
/// An invoice paid in full, or named twice, is billed no more; a debt left with nothing
/// owed has no line. An invoice the records do not hold cannot be billed and is left out.
pub(crate) fn debt_lines(
    subscription: Uuid,
    period: Period,
    debts: &[&CarriedDebt],
    invoices: &dyn Fn(Uuid) -> Option<Decimal>,
) -> Vec<ChargeLine> {
    let mut debts: Vec<&&CarriedDebt> = debts.iter().filter(|d| d.period == period).collect();
    debts.sort_by(|a, b| {
        (&a.termination_number, a.termination_id).cmp(&(&b.termination_number, b.termination_id))
    });
    let mut billed = HashSet::new();
    let mut lines = Vec::new();
    for debt in debts {
        let owing: Vec<(&CarriedInvoice, Decimal)> = debt
            .invoices
            .iter()
            .filter(|i| billed.insert(i.id))
            .filter_map(|i| invoices(i.id).map(|balance| (i, balance)))
            .filter(|(_, balance)| *balance > Decimal::ZERO)
            .collect();
        if owing.is_empty() {
            continue;
        }
        let mut owed: Decimal = owing.iter().map(|(_, b)| *b).sum();
        owed.rescale(2);
        let numbers: Vec<&str> = owing.iter().map(|(i, _)| i.number.as_str()).collect();
        let explanation = |lang: Lang| {
            let list = numbers.join(", ");
            let amount = es_py(owed, lang);
            let number = &debt.termination_number;
            match (lang, numbers.len()) {
                (Lang::Es, 1) => format!(
                    "Deuda de la baja parcial {number}: factura {list}; saldo {amount} (IVA incluido en la factura)"
                ),
                (Lang::Es, _) => format!(
                    "Deuda de la baja parcial {number}: facturas {list}; saldo {amount} (IVA incluido en las facturas)"
                ),
                (Lang::En, 1) => format!(
                    "Debt of the partial termination {number}: invoice {list}; balance {amount} (IVA included in the invoice)"
                ),
                (Lang::En, _) => format!(
                    "Debt of the partial termination {number}: invoices {list}; balance {amount} (IVA included in the invoices)"
                ),
            }
        };
        let zero = Decimal::new(0, 2);
        lines.push(ChargeLine {
            id: line_id(
                subscription,
                period,
                LineKind::TerminationDebt,
                &debt.termination_number,
                0,
            ),
            subscription_id: subscription,
            period,
            kind: LineKind::TerminationDebt,
            plan_code: DEBT_CODE.to_string(),
            plan_name: DEBT_NAME.to_string(),
            net: owed,
            iva: zero,
            total: owed,
            explanation_es: explanation(Lang::Es),
            explanation_en: explanation(Lang::En),
        });
    }
    lines
}
