//! A period's billing run as the records hold it: the inputs [`super::run`] is computed
//! from, gathered from any view of the records — the laptop's store for a preview, the
//! server's for the lock it decides — so both compute the same run from the same records.
//!
//! Which consumption counts: an export is imported per calendar month (AWS's billing
//! period), and a corrected export of a month replaces the earlier one. So for each
//! month, the latest import of that month (by when it was imported, then by id) gives
//! that month's sums; the sums of earlier imports of the month are left out. An export
//! that spans several months is keyed by all of them (`2026-10+2026-11`) and is replaced
//! only by a later export of the same months.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::carried_debt::CarriedDebt;
use super::consumption::{ConsumptionAggregate, ConsumptionImport};
use super::period::Period;
use super::run::{BillableSubscription, BillingRun, RunInputs, run};
use crate::catalogue::PlanPrice;
use crate::operation::{RecordKey, Records};

/// The inputs of `period`'s run from the records `view` holds (see
/// [`crate::operation::RecordKey::BillingInputs`] for what a store loads). The spike flag's
/// history is the caller's to add: it does not change the lines.
pub fn inputs_of(view: &dyn Records, period: Period) -> RunInputs {
    let prices: Vec<PlanPrice> = view
        .plan_records()
        .into_iter()
        .flat_map(|p| p.prices)
        .collect();
    let mut inputs = RunInputs::new(period, &prices, &view.holidays());
    inputs.subscriptions = view
        .subscriptions()
        .iter()
        .map(|s| BillableSubscription::of(s, s.termination_date))
        .collect();
    inputs.consumption = current_sums(&view.consumption_imports(), period);
    inputs.hours = view.hours_in(period);
    inputs.adjustments = view.adjustments_in(period);
    for s in view.subscriptions() {
        let debts: Vec<CarriedDebt> = s
            .ended
            .iter()
            .filter_map(|e| e.debt.clone())
            .filter(|d| d.period == period)
            .collect();
        if debts.is_empty() {
            continue;
        }
        let named: BTreeSet<Uuid> = debts
            .iter()
            .flat_map(|d| d.invoices.iter().map(|i| i.id))
            .collect();
        inputs.invoices.extend(
            view.invoices_of(&s.billing_account)
                .into_iter()
                .filter(|i| named.contains(&i.id)),
        );
        inputs.debts.extend(debts.into_iter().map(|d| (s.id, d)));
    }
    inputs.invoices.sort_by_key(|i| i.id);
    inputs.invoices.dedup_by_key(|i| i.id);
    inputs
}

/// What a store loads for `period`'s run from `view` as loaded so far: the run's inputs,
/// then (once the subscriptions are known) the invoices of the billing accounts whose
/// partial terminations carry a debt into the period. Ask again until nothing new comes.
pub fn wanted(view: &dyn Records, period: Period) -> Vec<RecordKey> {
    let mut keys = vec![RecordKey::BillingInputs(period)];
    let accounts: BTreeSet<String> = view
        .subscriptions()
        .into_iter()
        .filter(|s| {
            s.ended
                .iter()
                .any(|e| e.debt.as_ref().is_some_and(|d| d.period == period))
        })
        .map(|s| s.billing_account)
        .collect();
    keys.extend(accounts.into_iter().map(RecordKey::InvoicesOf));
    keys
}

/// The run of `period` from the records `view` holds.
pub fn run_of(view: &dyn Records, period: Period) -> BillingRun {
    run(&inputs_of(view, period))
}

/// The key an import's sums are replaced by: its months, `+`-joined in order.
pub fn month_key(months: &[String]) -> String {
    let mut sorted = months.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.join("+")
}

/// The sums of `period` that count: each month's from the latest import of that month.
pub fn current_sums(imports: &[ConsumptionImport], period: Period) -> Vec<ConsumptionAggregate> {
    let mut latest: BTreeMap<String, &ConsumptionImport> = BTreeMap::new();
    for import in imports {
        let month = month_key(&import.months);
        let newer = latest
            .get(&month)
            .is_none_or(|held| (import.at, import.id) > (held.at, held.id));
        if newer {
            latest.insert(month, import);
        }
    }
    let mut sums = Vec::new();
    for (month, import) in latest {
        sums.extend(
            import
                .aggregates
                .iter()
                .filter(|a| a.period == period && a.month == month)
                .cloned(),
        );
    }
    sums
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use rust_decimal::Decimal;
    use uuid::Uuid;

    use super::*;
    use crate::billing::ChargeCategory;
    use crate::billing::consumption::ExportFormat;

    fn p(text: &str) -> Period {
        text.parse()
            .unwrap_or_else(|_| Period::of_day(chrono::NaiveDate::MIN))
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, day, 12, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn import(
        id: u128,
        day: u32,
        months: &[&str],
        sums: &[(&str, &str, i64)],
    ) -> ConsumptionImport {
        ConsumptionImport {
            id: Uuid::from_u128(id),
            sha256: format!("{id}"),
            file_name: format!("{id}.csv"),
            format: ExportFormat::Focus,
            months: months.iter().map(|m| m.to_string()).collect(),
            rows: 1,
            rows_billed: 1,
            rows_with_problems: 0,
            aggregates: sums
                .iter()
                .map(|(month, period, cents)| ConsumptionAggregate {
                    subscription_id: Uuid::from_u128(7),
                    aws_account: "123456789012".into(),
                    period: p(period),
                    month: month.to_string(),
                    service: "Amazon EC2".into(),
                    category: ChargeCategory::Usage,
                    amount: Decimal::new(*cents, 2),
                    rows: 1,
                })
                .collect(),
            by: "ana".into(),
            at: at(day),
        }
    }

    #[test]
    fn one_months_export_feeds_two_periods_and_each_takes_its_part() {
        let nov = import(
            1,
            1,
            &["2026-11"],
            &[("2026-11", "2026-10", 100), ("2026-11", "2026-11", 200)],
        );
        let sums = current_sums(std::slice::from_ref(&nov), p("2026-11"));
        assert_eq!(sums.len(), 1);
        assert_eq!(sums[0].amount, Decimal::new(200, 2));
    }

    #[test]
    fn a_corrected_export_of_a_month_replaces_the_earlier_one_and_leaves_other_months() {
        let nov = import(1, 1, &["2026-11"], &[("2026-11", "2026-11", 200)]);
        let dec = import(2, 2, &["2026-12"], &[("2026-12", "2026-11", 50)]);
        let nov_fixed = import(3, 3, &["2026-11"], &[("2026-11", "2026-11", 260)]);
        let sums = current_sums(&[nov.clone(), dec.clone(), nov_fixed], p("2026-11"));
        let total: Decimal = sums.iter().map(|a| a.amount).sum();
        assert_eq!(
            total,
            Decimal::new(310, 2),
            "2.60 from the fix and 0.50 from December"
        );
        let before_fix: Decimal = current_sums(&[nov, dec], p("2026-11"))
            .iter()
            .map(|a| a.amount)
            .sum();
        assert_eq!(before_fix, Decimal::new(250, 2));
    }
}
