//! The consumption line (plan `aws`, [`Pricing::Consumption`](crate::catalogue::Pricing)):
//! the period's AWS consumption passed through, net = usage + purchases + credits + refunds
//! (credits and refunds come negative from AWS). Taxes AWS charged are kept apart and not
//! billed: Nimbo adds IVA on the line like on every other (docs/DECISIONS.md). Consumption is
//! never prorated (DOMAIN §3): it is what was used.

use rust_decimal::Decimal;

use super::consumption::ConsumptionAggregate;
use super::line::ChargeCategory;
use super::money::{cents, es_py};
use crate::Lang;

/// A subscription's consumption of one period, summed by category, unrounded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsumptionParts {
    /// Metered use.
    pub usage: Decimal,
    /// Purchases and fees.
    pub purchase: Decimal,
    /// Credits (negative).
    pub credit: Decimal,
    /// Refunds (negative).
    pub refund: Decimal,
    /// Taxes AWS charged: shown, not billed.
    pub tax: Decimal,
    /// Which categories the aggregates carried, in [`ChargeCategory`] order.
    seen: [bool; 5],
}

fn slot(category: ChargeCategory) -> usize {
    match category {
        ChargeCategory::Usage => 0,
        ChargeCategory::Purchase => 1,
        ChargeCategory::Credit => 2,
        ChargeCategory::Refund => 3,
        ChargeCategory::Tax => 4,
    }
}

impl ConsumptionParts {
    /// The sums of `aggregates` (one subscription's, one period's).
    pub fn of<'a>(aggregates: impl IntoIterator<Item = &'a ConsumptionAggregate>) -> Self {
        let mut parts = ConsumptionParts::default();
        for a in aggregates {
            parts.seen[slot(a.category)] = true;
            let sum = match a.category {
                ChargeCategory::Usage => &mut parts.usage,
                ChargeCategory::Purchase => &mut parts.purchase,
                ChargeCategory::Credit => &mut parts.credit,
                ChargeCategory::Refund => &mut parts.refund,
                ChargeCategory::Tax => &mut parts.tax,
            };
            *sum += a.amount;
        }
        parts
    }

    /// The line's net before rounding: everything but AWS's taxes.
    pub fn net(&self) -> Decimal {
        self.usage + self.purchase + self.credit + self.refund
    }

    /// Whether any aggregate was summed.
    pub fn is_empty(&self) -> bool {
        !self.seen.iter().any(|&s| s)
    }

    /// «Uso 1.300,00; créditos -65,43; total 1.234,57», with AWS's taxes said apart when
    /// there are any. Each part is shown rounded; the total is the rounded sum of the
    /// unrounded parts, so it may differ from the shown parts' sum by a cent.
    pub fn explanation(&self, lang: Lang) -> String {
        let names: [(&str, &str); 4] = [
            ("uso", "usage"),
            ("compras", "purchases"),
            ("créditos", "credits"),
            ("reembolsos", "refunds"),
        ];
        let amounts = [self.usage, self.purchase, self.credit, self.refund];
        let mut parts: Vec<String> = (0..4)
            .filter(|&i| self.seen[i])
            .map(|i| {
                format!(
                    "{} {}",
                    lang.pick(names[i].0, names[i].1),
                    es_py(amounts[i], lang)
                )
            })
            .collect();
        parts.push(format!(
            "{} {}",
            lang.pick("total", "total"),
            es_py(cents(self.net()), lang)
        ));
        if self.seen[slot(ChargeCategory::Tax)] {
            let tax = es_py(self.tax, lang);
            parts.push(match lang {
                Lang::Es => format!("impuestos de AWS {tax} no facturados (se factura IVA)"),
                Lang::En => format!("AWS taxes {tax} not billed (IVA is billed instead)"),
            });
        }
        capitalised(&parts.join("; "))
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::period::Period;
    use std::str::FromStr;
    use uuid::Uuid;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn aggregate(service: &str, category: ChargeCategory, amount: &str) -> ConsumptionAggregate {
        ConsumptionAggregate {
            subscription_id: Uuid::nil(),
            aws_account: "123456789012".into(),
            period: "2026-11"
                .parse()
                .unwrap_or(Period::of_day(Default::default())),
            month: "2026-11".into(),
            service: service.into(),
            category,
            amount: d(amount),
            rows: 1,
        }
    }

    #[test]
    fn usage_less_credits_is_the_net_and_aws_taxes_are_shown_but_not_billed() {
        let aggregates = [
            aggregate("Amazon EC2", ChargeCategory::Usage, "1000.004"),
            aggregate("Amazon S3", ChargeCategory::Usage, "299.996"),
            aggregate("Amazon EC2", ChargeCategory::Credit, "-65.43"),
            aggregate("Tax", ChargeCategory::Tax, "12.00"),
        ];
        let parts = ConsumptionParts::of(&aggregates);
        assert_eq!(parts.net(), d("1234.57"));
        assert_eq!(
            parts.explanation(Lang::Es),
            "Uso 1.300,00; créditos -65,43; total 1.234,57; impuestos de AWS 12,00 no facturados (se factura IVA)"
        );
        assert_eq!(
            parts.explanation(Lang::En),
            "Usage 1,300.00; credits -65.43; total 1,234.57; AWS taxes 12.00 not billed (IVA is billed instead)"
        );
    }

    #[test]
    fn a_refund_and_a_purchase_enter_the_net() {
        let aggregates = [
            aggregate("Support", ChargeCategory::Purchase, "100"),
            aggregate("Amazon EC2", ChargeCategory::Refund, "-20.5"),
        ];
        let parts = ConsumptionParts::of(&aggregates);
        assert_eq!(parts.net(), d("79.5"));
        assert_eq!(
            parts.explanation(Lang::Es),
            "Compras 100,00; reembolsos -20,50; total 79,50"
        );
        assert!(ConsumptionParts::of(&[]).is_empty());
    }
}
