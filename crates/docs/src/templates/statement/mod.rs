//! The statement (estado de cuenta, issue 12): one customer's charges of one billing
//! period — every line with the explanation it can be recomputed from, the AWS
//! consumption per service, and a bar chart of the last twelve periods — with the same
//! evidence as every other document (a versioned snapshot, its SHA-256 in the QR code,
//! deterministic bytes).
//!
//! A statement belongs to a customer and a period, not to an order: it is rendered with
//! [`render_statement`] whatever the caller stores it as, and it is not a variant of
//! [`crate::Document`].

mod charges;
mod chart;
mod compose;

use nimbo_domain::billing::{ChargeCategory, ChargeLine, ConsumptionAggregate, LineKind, Period};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Template;
use crate::document::{Layout, Rendered, lay_out};
use crate::error::DocsError;
use crate::flow::Flow;
use crate::fonts::{Fonts, fonts};
use crate::model::{DocumentMeta, Organisation, TemplateVersion};
use crate::snapshot::{canonical_json, sha256_hex};

pub use chart::{Axis, axis};

/// Whom the statement is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementCustomer {
    /// Its legal name.
    pub name: String,
    /// Its RUC.
    pub ruc: String,
    /// The Siebel billing account the period is invoiced to.
    pub billing_account: String,
}

/// A subscription whose lines the statement lists, as the customer knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementSubscription {
    /// The subscription (the lines' `subscription_id`).
    pub id: Uuid,
    /// Siebel's Subscriber ID, which the invoice shows.
    pub subscriber_id: String,
    /// Its AWS accounts (12 digits each).
    pub aws_accounts: Vec<String>,
}

impl StatementSubscription {
    /// `Suscripción 1-7K3F001 · cuenta AWS 123456789012`.
    pub fn label(&self) -> String {
        let accounts = match self.aws_accounts.as_slice() {
            [] => String::new(),
            [one] => format!(" · cuenta AWS {one}"),
            many => format!(" · cuentas AWS {}", many.join(", ")),
        };
        format!("Suscripción {}{accounts}", self.subscriber_id)
    }
}

/// One AWS service's consumption in the period, in cents, by kind of cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceConsumption {
    /// The service as AWS names it (`Amazon Elastic Compute Cloud`).
    pub service: String,
    /// Metered use and purchases.
    pub usage: Decimal,
    /// Credits and refunds AWS granted (zero or negative).
    pub credits: Decimal,
    /// Taxes AWS charged on the service: shown, not billed (Nimbo adds IVA instead).
    pub taxes: Decimal,
    /// What is billed: usage and credits, without AWS's taxes.
    pub total: Decimal,
}

impl ServiceConsumption {
    /// The per-service sums of a period's imported aggregates, each category rounded to
    /// cents once and the total the sum of the rounded usage and credits (so the table adds
    /// up as printed; AWS's taxes are shown apart, as the consumption line leaves them
    /// out), services in order of their total, largest first, then by name.
    pub fn from_aggregates(aggregates: &[ConsumptionAggregate]) -> Vec<ServiceConsumption> {
        use std::collections::BTreeMap;
        let mut by_service: BTreeMap<&str, [Decimal; 3]> = BTreeMap::new();
        for a in aggregates {
            let sums = by_service.entry(a.service.as_str()).or_default();
            let slot = match a.category {
                ChargeCategory::Usage | ChargeCategory::Purchase => 0,
                ChargeCategory::Credit | ChargeCategory::Refund => 1,
                ChargeCategory::Tax => 2,
            };
            if let Some(sum) = sums.get_mut(slot) {
                *sum += a.amount;
            }
        }
        let mut out: Vec<ServiceConsumption> = by_service
            .into_iter()
            .map(|(service, [usage, credits, taxes])| {
                let (usage, credits, taxes) = (
                    nimbo_domain::billing::cents(usage),
                    nimbo_domain::billing::cents(credits),
                    nimbo_domain::billing::cents(taxes),
                );
                ServiceConsumption {
                    service: service.to_string(),
                    usage,
                    credits,
                    taxes,
                    total: usage + credits,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| a.service.cmp(&b.service))
        });
        out
    }
}

/// An earlier period's totals, for the chart and the history table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodTotals {
    /// The period.
    pub period: Period,
    /// The AWS consumption billed in it, net of IVA.
    pub consumption: Decimal,
    /// Everything charged in it, IVA included.
    pub charges: Decimal,
}

/// The statement's snapshot: everything it prints, as the app gathers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Which version of which document.
    pub document: DocumentMeta,
    /// The edition of the layout it is drawn with (the house's second edition is the
    /// statement's first: short verification code in the footer).
    pub template: TemplateVersion,
    /// Who issues it.
    pub organisation: Organisation,
    /// Whom it is for.
    pub customer: StatementCustomer,
    /// The period it states.
    pub period: Period,
    /// The period's charge lines, as the billing run priced them, each subscription's
    /// together.
    pub lines: Vec<ChargeLine>,
    /// The subscriptions the lines belong to: named over their lines when there are
    /// more than one.
    #[serde(default)]
    pub subscriptions: Vec<StatementSubscription>,
    /// The period's AWS consumption per service.
    pub consumption: Vec<ServiceConsumption>,
    /// The totals of the periods before it (up to eleven are drawn); the statement's own
    /// period is always taken from its lines, so chart and table never disagree.
    pub history: Vec<PeriodTotals>,
    /// The SHA-256 of the billing run the lines come from.
    pub run_sha256: String,
}

/// The snapshot as hashed: tagged with its kind, like [`crate::Document`]'s snapshots, so
/// that a stored JSON says what it is.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Tagged<'a> {
    Statement(&'a Statement),
}

/// Net, IVA and total of a set of lines: sums of the rounded lines (DOMAIN §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Sum of the nets.
    pub net: Decimal,
    /// Sum of the IVA.
    pub iva: Decimal,
    /// Sum of the totals.
    pub total: Decimal,
}

impl Statement {
    /// The name printed over `line`'s subscription, when the lines belong to more than
    /// one subscription and that one is known.
    pub fn subscription_label(&self, line: &ChargeLine) -> Option<String> {
        let first = self.lines.first()?.subscription_id;
        if self.lines.iter().all(|l| l.subscription_id == first) {
            return None;
        }
        self.subscriptions
            .iter()
            .find(|s| s.id == line.subscription_id)
            .map(StatementSubscription::label)
    }

    /// The period's totals.
    pub fn totals(&self) -> Totals {
        self.lines.iter().fold(Totals::default(), |t, l| Totals {
            net: t.net + l.net,
            iva: t.iva + l.iva,
            total: t.total + l.total,
        })
    }

    /// The AWS consumption billed in the period: the nets of its consumption lines.
    pub fn billed_consumption(&self) -> Decimal {
        self.lines
            .iter()
            .filter(|l| l.kind == LineKind::Consumption)
            .map(|l| l.net)
            .sum()
    }

    /// The twelve periods ending with the statement's, oldest first, each with its totals
    /// when known: the statement's own from its lines, the others from the history.
    pub fn last_twelve(&self) -> Vec<(Period, Option<PeriodTotals>)> {
        let mut periods = vec![self.period];
        while periods.len() < 12 {
            let Some(first) = periods.first().copied() else {
                break;
            };
            periods.insert(0, first.previous());
        }
        periods
            .into_iter()
            .map(|p| {
                let totals = if p == self.period {
                    Some(PeriodTotals {
                        period: p,
                        consumption: self.billed_consumption(),
                        charges: self.totals().total,
                    })
                } else {
                    self.history.iter().find(|h| h.period == p).cloned()
                };
                (p, totals)
            })
            .collect()
    }

    /// The snapshot's canonical JSON, tagged `"kind":"statement"`: what its SHA-256 covers
    /// and what a caller keeps to render the same bytes again.
    pub fn snapshot_json(&self) -> Result<String, DocsError> {
        canonical_json(&Tagged::Statement(self))
    }

    /// SHA-256 of the snapshot's canonical JSON, hex (what the QR code carries).
    pub fn snapshot_sha256(&self) -> Result<String, DocsError> {
        sha256_hex(&Tagged::Statement(self))
    }

    /// Lays the statement out on A4 pages.
    pub fn layout(&self, fonts: &Fonts) -> Result<Layout, DocsError> {
        lay_out(self, self.snapshot_sha256()?, fonts)
    }

    /// Renders the statement with fonts the caller keeps.
    pub fn render_with(&self, fonts: &Fonts) -> Result<Rendered, DocsError> {
        self.layout(fonts)?.write(fonts)
    }
}

/// Renders a statement with the process-wide fonts: the PDF, its SHA-256, the snapshot's
/// SHA-256 and the QR code's text.
pub fn render_statement(statement: &Statement) -> Result<Rendered, DocsError> {
    statement.render_with(fonts()?)
}

impl Template for Statement {
    fn meta(&self) -> &DocumentMeta {
        &self.document
    }

    fn organisation(&self) -> &Organisation {
        &self.organisation
    }

    fn kind(&self) -> &'static str {
        "Estado de cuenta"
    }

    fn title(&self) -> String {
        "Estado de cuenta".into()
    }

    fn subject(&self) -> String {
        format!(
            "{} — período {}",
            self.customer.name,
            crate::dates::period_span(self.period)
        )
    }

    fn template(&self) -> TemplateVersion {
        self.template
    }

    fn compose(&self, flow: &mut Flow) -> Result<(), DocsError> {
        compose::compose(self, flow);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn aggregate(service: &str, category: ChargeCategory, amount: &str) -> ConsumptionAggregate {
        ConsumptionAggregate {
            subscription_id: Uuid::nil(),
            aws_account: "123456789012".into(),
            period: Period::new(2026, 11).unwrap(),
            month: "2026-11".into(),
            service: service.into(),
            category,
            amount: d(amount),
            rows: 1,
        }
    }

    #[test]
    fn a_services_usage_credits_and_taxes_are_summed_apart_rounded_once_and_taxes_not_billed() {
        let services = ServiceConsumption::from_aggregates(&[
            aggregate("Amazon S3", ChargeCategory::Usage, "10.004"),
            aggregate("Amazon EC2", ChargeCategory::Usage, "800.125"),
            aggregate("Amazon EC2", ChargeCategory::Purchase, "100"),
            aggregate("Amazon EC2", ChargeCategory::Credit, "-50.005"),
            aggregate("Amazon EC2", ChargeCategory::Refund, "-0.5"),
            aggregate("Amazon S3", ChargeCategory::Tax, "1.005"),
        ]);
        assert_eq!(services.len(), 2);
        let ec2 = &services[0];
        assert_eq!(ec2.service, "Amazon EC2");
        assert_eq!(
            (ec2.usage, ec2.credits, ec2.taxes, ec2.total),
            (d("900.13"), d("-50.51"), d("0"), d("849.62"))
        );
        let s3 = &services[1];
        assert_eq!(
            (s3.usage, s3.taxes, s3.total),
            (d("10.00"), d("1.01"), d("10.00"))
        );
    }
}
