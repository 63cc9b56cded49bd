//! What a billing run asks the specialist to look at before exporting (issue 12): a
//! consumption more than twice the average of the subscription's last three periods, and
//! charges the run could not bill (consumption or logged work on a subscription inactive
//! the whole period, or without a plan to bill it under, or of a subscription the run was
//! not given). A flag stops nothing by itself;
//! it is said beside the run.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::money::es_py;
use super::period::Period;
use crate::Lang;

/// A subscription's consumption line of an earlier period (its rounded net), what the
/// spike flag compares with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastConsumption {
    /// The subscription.
    pub subscription_id: Uuid,
    /// The earlier period.
    pub period: Period,
    /// Its consumption line's net.
    pub net: Decimal,
}

/// Why a subscription is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Consumption more than twice the average of the last three periods.
    ConsumptionSpike,
    /// Consumption or logged work in a period the service was inactive all of: not billed.
    ChargesWhileInactive,
    /// Consumption on a subscription without a consumption plan in force: not billed.
    ConsumptionWithoutPlan,
    /// Logged work with no hourly plan of its kind in force: not billed.
    HoursWithoutPlan,
    /// Consumption, work or adjustments of a subscription the run was not asked to bill.
    UnlistedSubscription,
}

/// One thing to look at in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// The subscription.
    pub subscription_id: Uuid,
    /// Why.
    pub kind: FlagKind,
    /// What to look at, in Spanish.
    pub explanation_es: String,
    /// The same in English.
    pub explanation_en: String,
}

/// How many earlier periods the spike flag averages; with fewer it says nothing.
pub const SPIKE_PERIODS: usize = 3;

/// The spike flag of a consumption line's net `net` in `period`: flagged when it is more
/// than twice the average of the subscription's three latest earlier periods in `history`.
/// A subscription with fewer than three earlier periods is never flagged: there is no
/// average to compare with yet.
pub fn spike(
    subscription_id: Uuid,
    period: Period,
    net: Decimal,
    history: &[&PastConsumption],
) -> Option<Flag> {
    let mut earlier: Vec<(Period, Decimal)> = history
        .iter()
        .filter(|p| p.period < period)
        .map(|p| (p.period, p.net))
        .collect();
    // Latest first; one value per period (the largest, should the history repeat one).
    earlier.sort_by(|a, b| b.cmp(a));
    earlier.dedup_by_key(|p| p.0);
    if earlier.len() < SPIKE_PERIODS {
        return None;
    }
    let last: Vec<(Period, Decimal)> = earlier.into_iter().take(SPIKE_PERIODS).rev().collect();
    let average = last.iter().map(|p| p.1).sum::<Decimal>() / Decimal::from(SPIKE_PERIODS);
    if net <= Decimal::TWO * average {
        return None;
    }
    let words = |lang: Lang| {
        let listed: Vec<String> = last
            .iter()
            .map(|(p, n)| format!("{}: {}", p.name(lang), es_py(*n, lang)))
            .collect();
        let (net, average) = (es_py(net, lang), es_py(average, lang));
        let listed = listed.join("; ");
        match lang {
            Lang::Es => format!(
                "Consumo {net}, más del doble del promedio de los tres períodos anteriores ({listed}; promedio {average}): revíselo antes de exportar"
            ),
            Lang::En => format!(
                "Consumption {net}, more than twice the average of the three earlier periods ({listed}; average {average}): review it before exporting"
            ),
        }
    };
    Some(Flag {
        subscription_id,
        kind: FlagKind::ConsumptionSpike,
        explanation_es: words(Lang::Es),
        explanation_en: words(Lang::En),
    })
}

/// A flag of charges the run did not bill, with the words said in both languages.
pub(crate) fn unbilled(subscription_id: Uuid, kind: FlagKind, es: String, en: String) -> Flag {
    Flag {
        subscription_id,
        kind,
        explanation_es: es,
        explanation_en: en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn p(text: &str) -> Period {
        text.parse().unwrap_or(Period::of_day(Default::default()))
    }

    fn past(period: &str, net: &str) -> PastConsumption {
        PastConsumption {
            subscription_id: Uuid::nil(),
            period: p(period),
            net: d(net),
        }
    }

    #[test]
    fn more_than_twice_the_average_of_the_last_three_periods_is_flagged() {
        let history = [
            past("2026-07", "5000.00"), // older than the last three: ignored
            past("2026-08", "300.00"),
            past("2026-09", "310.00"),
            past("2026-10", "290.00"),
        ];
        let refs: Vec<&PastConsumption> = history.iter().collect();
        // Average 300: 600 is exactly twice, not more.
        assert_eq!(spike(Uuid::nil(), p("2026-11"), d("600.00"), &refs), None);
        let flag = spike(Uuid::nil(), p("2026-11"), d("600.01"), &refs);
        assert_eq!(
            flag.as_ref().map(|f| f.kind),
            Some(FlagKind::ConsumptionSpike)
        );
        assert_eq!(
            flag.map(|f| f.explanation_es).unwrap_or_default(),
            "Consumo 600,01, más del doble del promedio de los tres períodos anteriores (ago. 2026: 300,00; sept. 2026: 310,00; oct. 2026: 290,00; promedio 300,00): revíselo antes de exportar"
        );
    }

    #[test]
    fn a_subscription_with_two_earlier_periods_is_never_flagged() {
        let history = [past("2026-09", "1.00"), past("2026-10", "1.00")];
        let refs: Vec<&PastConsumption> = history.iter().collect();
        assert_eq!(spike(Uuid::nil(), p("2026-11"), d("10000"), &refs), None);
        // Periods after the run's do not count as earlier ones.
        let later = [
            past("2026-12", "1.00"),
            past("2027-01", "1.00"),
            past("2026-10", "1.00"),
        ];
        let refs: Vec<&PastConsumption> = later.iter().collect();
        assert_eq!(spike(Uuid::nil(), p("2026-11"), d("10000"), &refs), None);
    }
}
