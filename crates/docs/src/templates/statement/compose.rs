//! The statement's body, top to bottom: whom and which period it is for with its total,
//! how the amounts are reckoned, the charges, the consumption per AWS service, the last
//! twelve periods as a chart and a table, and the billing run the lines come from.

use rust_decimal::Decimal;

use super::{ServiceConsumption, Statement, charges, chart};
use crate::dates::{period_name, period_span};
use crate::flow::Flow;
use crate::money::usd;
use crate::qr::short_code;
use crate::style::{CELL, HEADING};
use crate::table::{Column, Table, draw_table};
use crate::templates::blocks::{note, panel, para, small, space, title_block};

/// Lays out the whole body.
pub(super) fn compose(s: &Statement, flow: &mut Flow) {
    let totals = s.totals();
    title_block(
        flow,
        &format!("Servicio de nube AWS · {}", period_name(s.period)),
        "Estado de cuenta",
        &s.customer.name,
    );
    panel(
        flow,
        &[
            ("Cliente", s.customer.name.clone()),
            ("RUC", s.customer.ruc.clone()),
            ("Cuenta de facturación", s.customer.billing_account.clone()),
            (
                "Período",
                format!(
                    "{} ({} días)",
                    capitalised(&period_span(s.period)),
                    s.period.days()
                ),
            ),
            ("Consumo de AWS", usd(s.billed_consumption())),
            ("Total del período, IVA incluido", usd(totals.total)),
        ],
        3,
    );
    para(
        flow,
        &format!(
            "Este estado de cuenta detalla los cargos de su servicio de nube de Amazon Web Services (AWS) del período de {}, {}. Los precios no incluyen el IVA (impuesto al valor agregado): el 10 % se suma en cada línea sobre su importe neto redondeado al centavo, y cada total es la suma de sus líneas.",
            period_name(s.period),
            period_span(s.period),
        ),
    );
    space(flow);

    flow.heading("Cargos del período");
    if s.lines.is_empty() {
        note(flow, "No hay cargos en este período.");
    } else {
        charges::draw(flow, &s.lines, &|l| s.subscription_label(l), totals);
    }
    space(flow);

    flow.heading("Consumo de AWS por servicio");
    consumption(flow, &s.consumption);
    space(flow);

    // The heading stays on the page of the chart it introduces.
    flow.ensure(HEADING.leading + 8.0 + chart::HEIGHT);
    flow.heading("Últimos doce períodos");
    let slots = s.last_twelve();
    chart::draw(flow, &slots, s.period);
    history(flow, &slots);

    small(
        flow,
        &format!(
            "Los cargos de este estado de cuenta son los del cálculo de facturación del período con código {}; el mismo cálculo da siempre los mismos cargos.",
            short_code(&s.run_sha256)
        ),
    );
}

/// `del 15/11/2026…` → `Del 15/11/2026…`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The consumption per service with its total, or a note that there was none. The taxes
/// column appears only when AWS charged any.
fn consumption(flow: &mut Flow, services: &[ServiceConsumption]) {
    if services.is_empty() {
        note(flow, "No se registró consumo de AWS en este período.");
        return;
    }
    let with_taxes = services.iter().any(|s| !s.taxes.is_zero());
    let amounts = if with_taxes { 4.0 } else { 3.0 };
    let share = 0.64 / amounts;
    let mut titles = vec!["Uso", "Créditos y reembolsos"];
    if with_taxes {
        titles.push("Impuestos de AWS, no facturados");
    }
    titles.push("Total");
    let columns = |style| {
        let mut cols = vec![Column::new("Servicio de AWS", 0.36).styled(style)];
        cols.extend(
            titles
                .iter()
                .map(|t| Column::new(t, share).right().styled(style)),
        );
        cols
    };
    let cells = |name: &str, usage: Decimal, credits: Decimal, taxes: Decimal, total| {
        let mut row = vec![name.to_string(), usd(usage), usd(credits)];
        if with_taxes {
            row.push(usd(taxes));
        }
        row.push(usd(total));
        row
    };
    let mut table = Table::new(columns(CELL));
    let mut sum = [Decimal::ZERO; 4];
    for s in services {
        table = table.row(cells(&s.service, s.usage, s.credits, s.taxes, s.total));
        for (acc, v) in sum.iter_mut().zip([s.usage, s.credits, s.taxes, s.total]) {
            *acc += v;
        }
    }
    draw_table(flow, &table);
    let [usage, credits, taxes, total] = sum;
    let footer = Table::new(columns(CELL.bold())).without_header().row(cells(
        "Total del consumo",
        usage,
        credits,
        taxes,
        total,
    ));
    draw_table(flow, &footer);
    small(
        flow,
        if with_taxes {
            "Uso incluye las compras y cargos fijos de AWS; créditos y reembolsos restan. Los impuestos que cobra AWS no se facturan: en su lugar se suma el IVA. Cada importe está redondeado al centavo."
        } else {
            "Uso incluye las compras y cargos fijos de AWS; créditos y reembolsos restan. Cada importe está redondeado al centavo."
        },
    );
}

/// The twelve periods' figures as a table, the periods without data left out.
fn history(
    flow: &mut Flow,
    slots: &[(nimbo_domain::billing::Period, Option<super::PeriodTotals>)],
) {
    let mut table = Table::new(vec![
        Column::new("Período", 0.22),
        Column::new("Fechas", 0.34),
        Column::new("Consumo de AWS", 0.21).right(),
        Column::new("Total, IVA incluido", 0.23).right(),
    ]);
    for (period, totals) in slots.iter().rev() {
        if let Some(t) = totals {
            table = table.row([
                capitalised(&period_name(*period)),
                capitalised(&period_span(*period)),
                usd(t.consumption),
                usd(t.charges),
            ]);
        }
    }
    draw_table(flow, &table);
}
