//! The statement's charges table: each line's plan by name, what it charges for and the
//! explanation it can be recomputed from on the left, net, IVA and total on the right; a
//! row runs on to the next page whole, under the table's header again; the period's
//! totals close it.

use nimbo_domain::billing::{ChargeLine, LineKind};
use rust_decimal::Decimal;

use super::Totals;
use crate::flow::{Align, Flow};
use crate::marks::Mark;
use crate::measure::text_width;
use crate::money::usd;
use crate::style::{CELL, CELL_HEAD, HAIRLINE, MUTED, SMALL, TINT, TextStyle};
use crate::wrap::{Line, wrap};

const PAD_X: f32 = 6.0;
const PAD_Y: f32 = 5.0;
/// Each amount column's share of the body's width.
const AMOUNT_SHARE: f32 = 0.18;

/// What a line charges for, in the customer's words.
pub fn kind_label(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Consumption => "Consumo de AWS del período",
        LineKind::VipFee => "Servicios administrados",
        LineKind::BusinessHours => "Servicios profesionales en horario hábil",
        LineKind::AfterHours => "Servicios profesionales fuera del horario hábil",
        LineKind::Adjustment => "Ajuste de un período anterior",
    }
}

/// The left edge and width of the concept column and of the three amount columns.
fn columns(flow: &Flow) -> [(f32, f32); 4] {
    let (left, width) = (flow.geo.left, flow.geo.body_width());
    let amount = width * AMOUNT_SHARE;
    let concept = width - 3.0 * amount;
    [
        (left, concept),
        (left + concept, amount),
        (left + concept + amount, amount),
        (left + concept + 2.0 * amount, amount),
    ]
}

fn header(flow: &mut Flow) {
    let cols = columns(flow);
    let height = 2.0 * PAD_Y + CELL_HEAD.leading;
    let top = flow.y();
    flow.push(Mark::Rect {
        x: flow.geo.left,
        y: top,
        w: flow.geo.body_width(),
        h: height,
        fill: TINT,
    });
    for ((x, w), (title, align)) in cols.into_iter().zip([
        ("CONCEPTO Y CÁLCULO", Align::Left),
        ("NETO", Align::Right),
        ("IVA 10 %", Align::Right),
        ("TOTAL", Align::Right),
    ]) {
        flow.text_at(
            x + PAD_X,
            top + PAD_Y,
            w - 2.0 * PAD_X,
            CELL_HEAD,
            title,
            align,
        );
    }
    flow.advance(height);
}

/// The wrapped text of a line's concept cell, each with its style.
fn concept(flow: &Flow, line: &ChargeLine, width: f32) -> Vec<(TextStyle, Line)> {
    let mut out = Vec::new();
    for (style, text) in [
        (CELL.bold(), line.plan_name.as_str()),
        (CELL.coloured(MUTED), kind_label(line.kind)),
        (SMALL, line.explanation_es.as_str()),
    ] {
        for l in wrap(flow.fonts, style.weight, style.size, text, width) {
            out.push((style, l));
        }
    }
    out
}

/// Draws the lines and the totals at the cursor.
pub(super) fn draw(flow: &mut Flow, lines: &[ChargeLine], totals: Totals) {
    let cols = columns(flow);
    let (cx, cw) = cols[0];
    let head_h = 2.0 * PAD_Y + CELL_HEAD.leading;
    let rows: Vec<_> = lines
        .iter()
        .map(|l| (l, concept(flow, l, cw - 2.0 * PAD_X)))
        .collect();
    let first_h = rows
        .first()
        .map(|(_, t)| row_height(t))
        .unwrap_or(2.0 * PAD_Y + CELL.leading);
    flow.ensure(head_h + first_h);
    header(flow);
    let total_h = 2.0 * PAD_Y + CELL.leading;
    let count = rows.len();
    for (i, (line, texts)) in rows.iter().enumerate() {
        let height = row_height(texts);
        // The last line keeps the totals on its page.
        let keep = if i + 1 == count { total_h } else { 0.0 };
        let page = flow.page();
        flow.ensure(height + keep);
        if flow.page() != page {
            header(flow);
        }
        let top = flow.y();
        let mut y = top + PAD_Y;
        for (style, l) in texts {
            flow.line_at(cx + PAD_X, y, cw - 2.0 * PAD_X, *style, l, Align::Left);
            y += style.leading;
        }
        for ((x, w), amount) in cols[1..].iter().zip([line.net, line.iva, line.total]) {
            amount_at(flow, *x, *w, top, CELL, amount);
        }
        flow.advance(height);
        flow.rule(flow.geo.left, flow.geo.right, flow.y(), 0.5, HAIRLINE);
    }

    flow.ensure(total_h);
    let top = flow.y();
    flow.push(Mark::Rect {
        x: flow.geo.left,
        y: top,
        w: flow.geo.body_width(),
        h: total_h,
        fill: TINT,
    });
    let bold = CELL.bold();
    flow.text_at(
        cx + PAD_X,
        top + PAD_Y,
        cw - 2.0 * PAD_X,
        bold,
        "Total del período",
        Align::Left,
    );
    for ((x, w), amount) in cols[1..].iter().zip([totals.net, totals.iva, totals.total]) {
        amount_at(flow, *x, *w, top, bold, amount);
    }
    flow.advance(total_h);
    flow.gap(8.0);
}

/// An amount right-aligned in its column, set smaller when it would not fit (a six-digit
/// amount in a column made for five).
fn amount_at(flow: &mut Flow, x: f32, w: f32, top: f32, style: TextStyle, amount: Decimal) {
    let text = usd(amount);
    let room = w - 2.0 * PAD_X;
    let natural = text_width(flow.fonts, style.weight, style.size, &text);
    let style = if natural > room {
        TextStyle {
            size: style.size * room / natural,
            ..style
        }
    } else {
        style
    };
    flow.text_at(x + PAD_X, top + PAD_Y, room, style, &text, Align::Right);
}

fn row_height(texts: &[(TextStyle, Line)]) -> f32 {
    2.0 * PAD_Y + texts.iter().map(|(s, _)| s.leading).sum::<f32>()
}
