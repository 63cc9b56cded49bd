//! The statement's charges table: each line's plan by name, what it charges for and the
//! explanation it can be recomputed from on the left, net, IVA and total on the right; a
//! row runs on to the next page whole, under the table's header again; the period's
//! totals close it.

use nimbo_domain::billing::{ChargeLine, LineKind};
use rust_decimal::Decimal;

use super::Totals;
use crate::flow::{Align, Flow};
use crate::fonts::Weight;
use crate::marks::Mark;
use crate::measure::text_width;
use crate::money::usd;
use crate::style::{ACCENT, CELL, CELL_HEAD, HAIRLINE, MUTED, SMALL, TINT, TextStyle};
use crate::wrap::{Line, wrap};

const PAD_X: f32 = 6.0;
const PAD_Y: f32 = 5.0;
/// The name of a subscription over its lines.
const GROUP: TextStyle = TextStyle {
    size: 8.0,
    weight: Weight::Bold,
    colour: ACCENT,
    leading: 11.5,
};
/// The height of a subscription's name, with room above it.
const GROUP_H: f32 = 8.0 + PAD_Y + GROUP.leading;
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
        LineKind::TerminationDebt => "Deuda de una baja parcial",
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
/// `labels` names each line's subscription when the lines belong to more than one: the
/// name is printed over the first line of each run of lines of the same subscription.
pub(super) fn draw(
    flow: &mut Flow,
    lines: &[ChargeLine],
    labels: &dyn Fn(&ChargeLine) -> Option<String>,
    totals: Totals,
) {
    let cols = columns(flow);
    let (cx, cw) = cols[0];
    let head_h = 2.0 * PAD_Y + CELL_HEAD.leading;
    let mut previous = None;
    let rows: Vec<_> = lines
        .iter()
        .map(|l| {
            let label = (previous != Some(l.subscription_id))
                .then(|| labels(l))
                .flatten();
            previous = Some(l.subscription_id);
            (l, label, concept(flow, l, cw - 2.0 * PAD_X))
        })
        .collect();
    let label_h = |label: &Option<String>| if label.is_some() { GROUP_H } else { 0.0 };
    let first_h = rows
        .first()
        .map(|(_, label, t)| label_h(label) + row_height(t))
        .unwrap_or(2.0 * PAD_Y + CELL.leading);
    flow.ensure(head_h + first_h);
    header(flow);
    let total_h = 2.0 * PAD_Y + CELL.leading;
    let count = rows.len();
    let mut current: Option<String> = None;
    for (i, (line, label, texts)) in rows.iter().enumerate() {
        let height = row_height(texts);
        // The last line keeps the totals on its page; a subscription's name keeps its
        // first line.
        let keep = if i + 1 == count { total_h } else { 0.0 };
        if label.is_some() {
            current = label.clone();
        }
        let page = flow.page();
        flow.ensure(label_h(label) + height + keep);
        let turned = flow.page() != page;
        if turned {
            header(flow);
        }
        // A subscription's lines that run on to the next page are named again there.
        let label = if label.is_some() || turned {
            current.as_ref()
        } else {
            None
        };
        if let Some(label) = label {
            let top = flow.y();
            flow.text_at(
                cx + PAD_X,
                top + GROUP_H - PAD_Y - GROUP.leading,
                flow.geo.body_width() - 2.0 * PAD_X,
                GROUP,
                label,
                Align::Left,
            );
            flow.advance(GROUP_H);
            flow.rule(flow.geo.left, flow.geo.right, flow.y(), 0.5, HAIRLINE);
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
