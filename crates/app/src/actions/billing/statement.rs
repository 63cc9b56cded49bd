//! A customer's statement of a locked period (issue 12): its charge lines with their
//! explanations, its AWS consumption per service and the last twelve periods, rendered
//! with the evidence of every Nimbo document (snapshot SHA-256 in the QR code, short code
//! in the footer, the same bytes for the same data).
//!
//! Only a locked period has a statement: its lines are the ones exported to Satélite and
//! invoiced, and no longer change. The statement is numbered by customer and period, and
//! dated by the lock, so issuing it again gives the same bytes.

use std::collections::BTreeSet;
use std::path::Path;

use nimbo_docs::{
    DocumentMeta, PeriodTotals, Png, ServiceConsumption, Statement, StatementCustomer,
    StatementSubscription, TemplateVersion, render_statement,
};
use nimbo_domain::billing::gather::current_sums;
use nimbo_domain::billing::{LineKind, Period};
use nimbo_store::{attachments, billing, subscriptions};
use rust_decimal::Decimal;
use serde::Serialize;
use specta::Type;
use uuid::Uuid;

use crate::context::{find_customer, require};
use crate::{AppError, Nimbo};

/// A statement written to a file.
#[derive(Debug, Clone, Serialize, Type)]
pub struct StatementFile {
    /// Its number, `EC-80028061-0-2026-11`.
    pub number: String,
    /// Where it was written.
    pub path: String,
    /// The PDF's SHA-256.
    pub pdf_sha256: String,
    /// The snapshot's SHA-256 (the QR code's).
    pub snapshot_sha256: String,
    /// How many charge lines it lists.
    pub lines: usize,
    /// Its total, IVA included.
    pub total: String,
}

/// The namespace statements' ids are derived in.
const STATEMENTS: Uuid = Uuid::from_u128(0x7a31_0c55_e2d4_4b8f_91c6_3f0a_5d28_e6b4);

/// Renders the statement of the customer with RUC `ruc` for `period` to `path`.
pub async fn statement(
    nimbo: &Nimbo,
    ruc: &str,
    period: Period,
    path: &Path,
) -> Result<StatementFile, AppError> {
    let mut conn = nimbo.store().read().await?;
    let organisation = require(&mut conn).await?;
    let customer = find_customer(&mut conn, ruc).await?;
    let lock =
        billing::locks::of_period(&mut conn, period)
            .await?
            .ok_or(AppError::PeriodNotLocked {
                period: period.to_string(),
            })?;
    let subs: Vec<_> = subscriptions::by_customer(&mut conn, customer.id).await?;
    let ids: BTreeSet<Uuid> = subs.iter().map(|s| s.id).collect();
    let lines: Vec<_> = lock
        .lines
        .iter()
        .filter(|l| ids.contains(&l.subscription_id))
        .cloned()
        .collect();
    let imports = billing::consumption::reaching(&mut conn, period).await?;
    let mut heads = billing::consumption::all_heads(&mut conn).await?;
    heads.retain(|h| !imports.iter().any(|i| i.id == h.id));
    heads.extend(imports);
    let sums: Vec<_> = current_sums(&heads, period)
        .into_iter()
        .filter(|a| ids.contains(&a.subscription_id))
        .collect();
    let mut history = Vec::new();
    let mut p = period;
    for _ in 0..11 {
        p = p.previous();
        if let Some(earlier) = billing::locks::of_period(&mut conn, p).await? {
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
    let logo = match &organisation.logo {
        Some(l) => attachments::content(&mut conn, &l.sha256).await?,
        None => None,
    };
    let number = format!("EC-{}-{period}", customer.ruc);
    let statement = Statement {
        document: DocumentMeta {
            id: Uuid::new_v5(&STATEMENTS, number.as_bytes()).to_string(),
            number: number.clone(),
            version: 1,
            issued_at: lock.at,
        },
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
    };
    let rendered = render_statement(&statement).map_err(AppError::Render)?;
    std::fs::write(path, &rendered.pdf).map_err(|e| AppError::FileNotSaved {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    Ok(StatementFile {
        number,
        path: path.display().to_string(),
        pdf_sha256: rendered.pdf_sha256.clone(),
        snapshot_sha256: rendered.snapshot_sha256.clone(),
        lines: statement.lines.len(),
        total: super::two_places(statement.totals().total),
    })
}
