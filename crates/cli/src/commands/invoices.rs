//! `nimbo invoice …` and `nimbo payment …`.

use nimbo_app::actions::billing::invoices::{self, InvoiceDraft, InvoiceLine};

use crate::billing_args::{InvoiceCommand, PaymentCommand};
use crate::output::{fields, json, table};
use crate::{CliError, Ctx};

fn status_label(ctx: &Ctx, status: &str) -> String {
    match status {
        "open" => ctx.t("abierta", "open"),
        "partly_paid" => ctx.t("pagada en parte", "partly paid"),
        "paid" => ctx.t("pagada", "paid"),
        _ => ctx.t("vencida", "overdue"),
    }
    .into()
}

fn rows(ctx: &Ctx, list: &[InvoiceLine]) -> Vec<Vec<String>> {
    list.iter()
        .map(|i| {
            vec![
                i.number.clone(),
                i.customer.clone(),
                day(&i.due_on),
                i.amount.clone(),
                i.balance.clone(),
                status_label(ctx, &i.status),
            ]
        })
        .collect()
}

/// `2026-12-10` as people read it, `10/12/2026`.
fn day(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

fn headers(ctx: &Ctx) -> Vec<&'static str> {
    vec![
        ctx.t("Número", "Number"),
        ctx.t("Cliente", "Customer"),
        ctx.t("Vence", "Due"),
        ctx.t("Importe", "Amount"),
        ctx.t("Saldo", "Balance"),
        ctx.t("Estado", "Status"),
    ]
}

/// Runs an invoice command.
pub async fn invoice(ctx: &Ctx, command: InvoiceCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        InvoiceCommand::Add {
            number,
            account,
            issued,
            due,
            amount,
        } => {
            let by = ctx.actor()?;
            let draft = InvoiceDraft {
                number,
                billing_account: account,
                issued_on: issued,
                due_on: due,
                amount,
            };
            let i = invoices::record(&nimbo, by, &draft)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&i);
            } else {
                say!(
                    "{} {} (USD {})",
                    ctx.t("Factura registrada:", "Invoice recorded:"),
                    i.number,
                    invoices_amount(&i)
                );
            }
        }
        InvoiceCommand::Import { file } => {
            let by = ctx.actor()?;
            let list = invoices::import(&nimbo, by, &file)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                say!(
                    "{} {}",
                    list.len(),
                    ctx.t("facturas registradas.", "invoices recorded.")
                );
            }
        }
        InvoiceCommand::List => {
            let list = invoices::list(&nimbo).await.map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&list);
            } else {
                table(&headers(ctx), &rows(ctx, &list));
            }
        }
        InvoiceCommand::Debt { customer } => {
            let debt = invoices::debt_of(&nimbo, &customer)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&debt);
            } else {
                fields(&[
                    (
                        ctx.t("Cliente", "Customer"),
                        format!("{} (RUC {})", debt.customer, debt.ruc),
                    ),
                    (ctx.t("Deuda", "Owed"), debt.owed.clone()),
                    (ctx.t("Vencida", "Overdue"), debt.overdue.clone()),
                    (
                        ctx.t("Factura vencida más antigua", "Oldest overdue invoice"),
                        match (&debt.oldest_overdue, &debt.oldest_overdue_due_on) {
                            (Some(n), Some(d)) => {
                                format!("{n} ({} {d})", ctx.t("venció el", "due"))
                            }
                            _ => ctx.t("ninguna", "none").into(),
                        },
                    ),
                ]);
                table(&headers(ctx), &rows(ctx, &debt.invoices));
            }
        }
    }
    Ok(0)
}

fn invoices_amount(i: &nimbo_domain::billing::Invoice) -> String {
    nimbo_app::actions::billing::two_places(i.amount)
}

/// Runs a payment command.
pub async fn payment(ctx: &Ctx, command: PaymentCommand) -> Result<u8, CliError> {
    let nimbo = ctx.open().await?;
    match command {
        PaymentCommand::Add {
            invoice,
            date,
            amount,
            reference,
        } => {
            let by = ctx.actor()?;
            let i = invoices::pay(&nimbo, by, &invoice, &date, &amount, &reference)
                .await
                .map_err(|e| ctx.fail(e))?;
            if ctx.json {
                json(&i);
            } else {
                say!(
                    "{} {}: {} USD {}",
                    ctx.t(
                        "Pago registrado en la factura",
                        "Payment recorded on invoice"
                    ),
                    i.number,
                    ctx.t("saldo", "balance"),
                    nimbo_app::actions::billing::two_places(i.balance())
                );
            }
        }
    }
    Ok(0)
}
