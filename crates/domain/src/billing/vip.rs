//! The VIP managed-services fee (DOMAIN §3): max(rate × consumption, prorated minimum),
//! where the consumption is the consumption line's ROUNDED net (so a customer recomputes
//! it from the statement) and the prorated minimum = minimum × active days ÷ days in the
//! period. Billed only to a subscription that contracted the plan.

use rust_decimal::Decimal;

use super::explain::{number, percent};
use super::money::{cents, es_py};
use crate::Lang;

/// A VIP fee, unrounded, with the two amounts it was chosen from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VipFee {
    /// The share, e.g. 0.15.
    pub rate: Decimal,
    /// The consumption line's rounded net.
    pub consumption: Decimal,
    /// The monthly minimum.
    pub minimum: Decimal,
    /// The days the service was active in the period.
    pub active_days: u32,
    /// The days in the period.
    pub days: u32,
}

impl VipFee {
    /// rate × consumption, unrounded.
    pub fn share(&self) -> Decimal {
        self.rate * self.consumption
    }

    /// minimum × active days ÷ days in the period, unrounded.
    pub fn prorated_minimum(&self) -> Decimal {
        if self.days == 0 {
            return Decimal::ZERO;
        }
        self.minimum * Decimal::from(self.active_days) / Decimal::from(self.days)
    }

    /// The fee before rounding: the larger of the two.
    pub fn amount(&self) -> Decimal {
        self.share().max(self.prorated_minimum())
    }

    /// «15 % de 1.234,57 = 185,19; mínimo prorrateado 75 × 20/30 = 50,00; se aplica 185,19».
    pub fn explanation(&self, lang: Lang) -> String {
        let rate = percent(self.rate, lang);
        let consumption = es_py(self.consumption, lang);
        let share = es_py(cents(self.share()), lang);
        let minimum = number(self.minimum, lang);
        let (active, days) = (self.active_days, self.days);
        let prorated = es_py(cents(self.prorated_minimum()), lang);
        let applied = es_py(cents(self.amount()), lang);
        match lang {
            Lang::Es => format!(
                "{rate} de {consumption} = {share}; mínimo prorrateado {minimum} × {active}/{days} = {prorated}; se aplica {applied}"
            ),
            Lang::En => format!(
                "{rate} of {consumption} = {share}; prorated minimum {minimum} × {active}/{days} = {prorated}; {applied} applies"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::line::priced;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn fee(consumption: &str, active_days: u32, days: u32) -> VipFee {
        VipFee {
            rate: d("0.15"),
            consumption: d(consumption),
            minimum: d("75"),
            active_days,
            days,
        }
    }

    #[test]
    fn the_share_applies_when_it_exceeds_the_prorated_minimum() {
        // 15 % × 1,234.57 = 185.1855 → 185.19; 75 × 20/30 = 50.
        let vip = fee("1234.57", 20, 30);
        assert_eq!(priced(vip.amount()).0, d("185.19"));
        assert_eq!(
            vip.explanation(Lang::Es),
            "15 % de 1.234,57 = 185,19; mínimo prorrateado 75 × 20/30 = 50,00; se aplica 185,19"
        );
        assert_eq!(
            vip.explanation(Lang::En),
            "15% of 1,234.57 = 185.19; prorated minimum 75 × 20/30 = 50.00; 185.19 applies"
        );
    }

    #[test]
    fn below_500_of_consumption_a_whole_period_pays_the_minimum_of_75() {
        let vip = fee("499.99", 30, 30);
        // 74.9985 < 75.
        assert_eq!(priced(vip.amount()), (d("75.00"), d("7.50"), d("82.50")));
        assert!(vip.explanation(Lang::Es).ends_with("se aplica 75,00"));
        // At exactly 500 both are 75.
        assert_eq!(priced(fee("500", 30, 30).amount()).0, d("75.00"));
    }

    #[test]
    fn the_minimum_is_prorated_by_active_days_over_the_days_of_the_period() {
        // Activated on 1 Feb 2026 in period 2026-01 (31 days): 14 active days.
        // 75 × 14 / 31 = 33.870967… → 33.87.
        assert_eq!(priced(fee("0", 14, 31).amount()).0, d("33.87"));
        // February 2026 (28 days), terminated on 24 Feb: 10 days → 26.785714… → 26.79.
        assert_eq!(priced(fee("100", 10, 28).amount()).0, d("26.79"));
        // February 2028 (29 days), 10 days → 25.862068… → 25.86.
        assert_eq!(priced(fee("100", 10, 29).amount()).0, d("25.86"));
    }

    #[test]
    fn credits_larger_than_use_leave_the_minimum() {
        let vip = fee("-40.00", 30, 30);
        assert_eq!(priced(vip.amount()).0, d("75.00"));
        assert!(
            vip.explanation(Lang::Es)
                .starts_with("15 % de -40,00 = -6,00")
        );
    }

    #[test]
    fn a_share_of_half_a_cent_rounds_away_from_zero() {
        // 15 % × 600.03 = 90.0045 → 90.00; 15 % × 600.10 = 90.015 → 90.02 (not 90.01).
        assert_eq!(priced(fee("600.03", 30, 30).amount()).0, d("90.00"));
        assert_eq!(priced(fee("600.10", 30, 30).amount()).0, d("90.02"));
    }
}
