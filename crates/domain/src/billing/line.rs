//! A charge line: one amount a subscription is charged for a period, priced once by the
//! rounding rule of DOMAIN §3 (net to cents, IVA on the rounded net, total = net + IVA),
//! carrying the explanation a customer can recompute it from.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::money::{IVA_RATE, cents};
use super::period::Period;

/// What kind of cost an imported charge is, kept apart (DOMAIN §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChargeCategory {
    /// Metered use of a service.
    Usage,
    /// A purchase or fee (reservations, support, marketplace).
    Purchase,
    /// A credit AWS granted (negative).
    Credit,
    /// A refund (negative).
    Refund,
    /// Taxes AWS charged.
    Tax,
}

impl ChargeCategory {
    /// The id used in storage and exports.
    pub fn id(self) -> &'static str {
        match self {
            ChargeCategory::Usage => "usage",
            ChargeCategory::Purchase => "purchase",
            ChargeCategory::Credit => "credit",
            ChargeCategory::Refund => "refund",
            ChargeCategory::Tax => "tax",
        }
    }
}

/// What a charge line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// The period's AWS consumption, passed through.
    Consumption,
    /// The VIP managed-services fee.
    VipFee,
    /// Professional services in business hours.
    BusinessHours,
    /// Professional services outside business hours.
    AfterHours,
    /// A correction of a locked period, landing in a later one.
    Adjustment,
    /// A partial termination's unpaid invoices, carried into the run of the services that
    /// remain; IVA is already in those invoices (`carried_debt`).
    TerminationDebt,
}

/// One line of a period's charges for a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeLine {
    /// Stable id, the same for the same inputs (the export's line id).
    pub id: Uuid,
    /// The subscription charged.
    pub subscription_id: Uuid,
    /// The period it is charged in.
    pub period: Period,
    /// What it charges for.
    pub kind: LineKind,
    /// The catalogue plan it is billed under (an adjustment: the plan it corrects).
    pub plan_code: String,
    /// That plan's name when the period was priced.
    pub plan_name: String,
    /// Net of IVA, rounded to cents.
    pub net: Decimal,
    /// IVA on the rounded net, rounded to cents.
    pub iva: Decimal,
    /// Net + IVA.
    pub total: Decimal,
    /// How the net was reached, with its numbers, in Spanish.
    pub explanation_es: String,
    /// The same in English.
    pub explanation_en: String,
}

/// A line's net, IVA and total from its unrounded net, by DOMAIN §3's rule.
pub fn priced(unrounded_net: Decimal) -> (Decimal, Decimal, Decimal) {
    let net = cents(unrounded_net);
    let iva = cents(net * IVA_RATE);
    (net, iva, net + iva)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn iva_is_taken_on_the_rounded_net_and_the_total_adds_them() {
        // 185.1855 → net 185.19, IVA 18.519 → 18.52, total 203.71.
        assert_eq!(
            priced(d("185.1855")),
            (d("185.19"), d("18.52"), d("203.71"))
        );
        // Half a cent of IVA rounds away from zero: 0.05 × 0.10 = 0.005 → 0.01.
        assert_eq!(priced(d("0.05")), (d("0.05"), d("0.01"), d("0.06")));
        assert_eq!(priced(d("-65.425")), (d("-65.43"), d("-6.54"), d("-71.97")));
    }
}
