//! What a customer's statement of a locked period prints, read from this laptop's records:
//! its charge lines with their explanations, its AWS consumption per service and the last
//! twelve periods, with the organisation's and the customer's names. Only a locked period
//! has a statement: its lines are the ones exported to Satélite and invoiced, and no
//! longer change.

use std::collections::BTreeSet;

use nimbo_docs::{
    DocumentMeta, PeriodTotals, Png, ServiceConsumption, Statement, StatementCustomer,
    StatementSubscription, TemplateVersion,
};
use nimbo_domain::billing::gather::current_sums;
use nimbo_domain::billing::{LineKind, Period, PeriodLock};
use nimbo_domain::customer::Customer;
use nimbo_domain::organisation::Organisation;
use nimbo_store::{Connection, attachments, billing, subscriptions};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::AppError;

/// The statement of `customer` for the period `lock` froze, as identified by `document`.
pub(super) async fn statement(
    conn: &mut Connection,
    organisation: &Organisation,
    customer: &Customer,
    lock: &PeriodLock,
    document: DocumentMeta,
) -> Result<Statement, AppError> {
    let period = lock.period;
    let subs: Vec<_> = subscriptions::by_customer(&mut *conn, customer.id).await?;
    let ids: BTreeSet<Uuid> = subs.iter().map(|s| s.id).collect();
    let lines: Vec<_> = lock
        .lines
        .iter()
        .filter(|l| ids.contains(&l.subscription_id))
        .cloned()
        .collect();
    let imports = billing::consumption::reaching(&mut *conn, period).await?;
    let mut heads = billing::consumption::all_heads(&mut *conn).await?;
    heads.retain(|h| !imports.iter().any(|i| i.id == h.id));
    heads.extend(imports);
    let sums: Vec<_> = current_sums(&heads, period)
        .into_iter()
        .filter(|a| ids.contains(&a.subscription_id))
        .collect();
    let history = history(&mut *conn, period, &ids).await?;
    let logo = match &organisation.logo {
        Some(l) => attachments::content(&mut *conn, &l.sha256).await?,
        None => None,
    };
    Ok(Statement {
        document,
        template: TemplateVersion::SECOND,
        organisation: nimbo_docs::Organisation {
            name: organisation.name.clone(),
            ruc: organisation.ruc.to_string(),
            logo: logo.map(Png),
        },
        customer: StatementCustomer {
            name: customer.name.clone(),
            ruc: customer.ruc.to_string(),
            billing_account: customer
                .billing_account
                .as_ref()
                .map(|a| a.number.clone())
                .unwrap_or_default(),
        },
        period,
        subscriptions: subs
            .iter()
            .filter(|s| lines.iter().any(|l| l.subscription_id == s.id))
            .map(|s| StatementSubscription {
                id: s.id,
                subscriber_id: s.subscriber_id.clone(),
                aws_accounts: s.aws_accounts.clone(),
            })
            .collect(),
        consumption: ServiceConsumption::from_aggregates(&sums),
        history,
        run_sha256: lock.run_hash.clone(),
        lines,
    })
}

/// The customer's totals of the eleven periods before `period` that are locked.
async fn history(
    conn: &mut Connection,
    period: Period,
    ids: &BTreeSet<Uuid>,
) -> Result<Vec<PeriodTotals>, AppError> {
    let mut history = Vec::new();
    let mut p = period;
    for _ in 0..11 {
        p = p.previous();
        if let Some(earlier) = billing::locks::of_period(&mut *conn, p).await? {
            let mine = earlier
                .lines
                .iter()
                .filter(|l| ids.contains(&l.subscription_id));
            let (consumption, charges) = mine.fold((Decimal::ZERO, Decimal::ZERO), |(c, t), l| {
                (
                    if l.kind == LineKind::Consumption {
                        c + l.net
                    } else {
                        c
                    },
                    t + l.total,
                )
            });
            history.push(PeriodTotals {
                period: p,
                consumption,
                charges,
            });
        }
    }
    Ok(history)
}
