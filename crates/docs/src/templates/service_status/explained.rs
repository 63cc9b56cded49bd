//! A table whose rows explain themselves: on the left what the row is (bold), a line
//! under it (muted) and the explanations its figures can be recomputed from (small), on
//! the right its figures; a closing row of totals on a tint. A row runs on to the next
//! page whole, under the table's header again, and the last row keeps the totals on its
//! page. The statement's charges table drew the way; this one takes any number of
//! figure columns.

use crate::flow::{Align, Flow};
use crate::marks::Mark;
use crate::measure::text_width;
use crate::style::{CELL, CELL_HEAD, HAIRLINE, MUTED, SMALL, TINT, TextStyle};
use crate::wrap::{Line, wrap};

const PAD_X: f32 = 6.0;
const PAD_Y: f32 = 5.0;

/// One row: what it is, a line under it, its explanations and its figures.
pub(super) struct Row {
    /// What the row is (a plan's name).
    pub title: String,
    /// A line under it, muted.
    pub subtitle: Option<String>,
    /// How its figures were reckoned, one sentence each.
    pub explanations: Vec<String>,
    /// Its figures, one per figure column, already formatted.
    pub figures: Vec<String>,
}

/// The table: the heading of the left column, the figure columns' headings and shares
/// of the width, the rows and the totals row.
pub(super) struct Explained<'a> {
    /// The heading of the left column.
    pub concept: &'a str,
    /// Each figure column's heading and share of the body's width.
    pub columns: &'a [(&'a str, f32)],
    /// The rows.
    pub rows: Vec<Row>,
    /// The totals row's label and figures (an empty text leaves its cell blank).
    pub totals: Option<(&'a str, Vec<String>)>,
}

/// The left edge and width of the concept column, then of each figure column.
fn edges(flow: &Flow, columns: &[(&str, f32)]) -> Vec<(f32, f32)> {
    let (left, width) = (flow.geo.left, flow.geo.body_width());
    let figures: f32 = columns.iter().map(|(_, s)| width * s).sum();
    let mut out = vec![(left, width - figures)];
    let mut x = left + width - figures;
    for (_, share) in columns {
        out.push((x, width * share));
        x += width * share;
    }
    out
}

/// The header's height: the tallest wrapped heading.
fn header_lines(flow: &Flow, table: &Explained, edges: &[(f32, f32)]) -> Vec<Vec<Line>> {
    std::iter::once(table.concept)
        .chain(table.columns.iter().map(|(t, _)| *t))
        .zip(edges)
        .map(|(title, (_, w))| {
            wrap(
                flow.fonts,
                CELL_HEAD.weight,
                CELL_HEAD.size,
                &title.to_uppercase(),
                w - 2.0 * PAD_X,
            )
        })
        .collect()
}

fn header(flow: &mut Flow, lines: &[Vec<Line>], edges: &[(f32, f32)]) {
    let rows = lines.iter().map(Vec::len).max().unwrap_or(1);
    let height = 2.0 * PAD_Y + rows as f32 * CELL_HEAD.leading;
    let top = flow.y();
    flow.push(Mark::Rect {
        x: flow.geo.left,
        y: top,
        w: flow.geo.body_width(),
        h: height,
        fill: TINT,
    });
    for (i, (cell, (x, w))) in lines.iter().zip(edges).enumerate() {
        let align = if i == 0 { Align::Left } else { Align::Right };
        for (j, line) in cell.iter().enumerate() {
            let y = top + PAD_Y + j as f32 * CELL_HEAD.leading;
            flow.line_at(x + PAD_X, y, w - 2.0 * PAD_X, CELL_HEAD, line, align);
        }
    }
    flow.advance(height);
}

/// The wrapped lines of a row's left cell, each with its style.
fn concept(flow: &Flow, row: &Row, width: f32) -> Vec<(TextStyle, Line)> {
    let mut out = Vec::new();
    let mut push = |style: TextStyle, text: &str| {
        for l in wrap(flow.fonts, style.weight, style.size, text, width) {
            out.push((style, l));
        }
    };
    push(CELL.bold(), &row.title);
    if let Some(sub) = &row.subtitle {
        push(CELL.coloured(MUTED), sub);
    }
    for e in &row.explanations {
        push(SMALL, e);
    }
    out
}

fn height_of(texts: &[(TextStyle, Line)]) -> f32 {
    2.0 * PAD_Y + texts.iter().map(|(s, _)| s.leading).sum::<f32>()
}

/// Draws the table at the cursor.
pub(super) fn draw(flow: &mut Flow, table: &Explained) {
    let edges = edges(flow, table.columns);
    let heads = header_lines(flow, table, &edges);
    let head_h =
        2.0 * PAD_Y + heads.iter().map(Vec::len).max().unwrap_or(1) as f32 * CELL_HEAD.leading;
    let (cx, cw) = edges[0];
    let rows: Vec<_> = table
        .rows
        .iter()
        .map(|r| (r, concept(flow, r, cw - 2.0 * PAD_X)))
        .collect();
    let total_h = 2.0 * PAD_Y + CELL.leading;
    let first_h = rows.first().map(|(_, t)| height_of(t)).unwrap_or(0.0);
    flow.ensure(head_h + first_h);
    header(flow, &heads, &edges);
    let count = rows.len();
    for (i, (row, texts)) in rows.iter().enumerate() {
        let height = height_of(texts);
        let keep = if i + 1 == count && table.totals.is_some() {
            total_h
        } else {
            0.0
        };
        let page = flow.page();
        flow.ensure(height + keep);
        if flow.page() != page {
            header(flow, &heads, &edges);
        }
        let top = flow.y();
        let mut y = top + PAD_Y;
        for (style, l) in texts {
            flow.line_at(cx + PAD_X, y, cw - 2.0 * PAD_X, *style, l, Align::Left);
            y += style.leading;
        }
        for ((x, w), figure) in edges[1..].iter().zip(&row.figures) {
            figure_at(flow, *x, *w, top, CELL, figure);
        }
        flow.advance(height);
        flow.rule(flow.geo.left, flow.geo.right, flow.y(), 0.5, HAIRLINE);
    }
    if let Some((label, figures)) = &table.totals {
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
            label,
            Align::Left,
        );
        for ((x, w), figure) in edges[1..].iter().zip(figures) {
            figure_at(flow, *x, *w, top, bold, figure);
        }
        flow.advance(total_h);
    }
    flow.gap(8.0);
}

/// A figure right-aligned in its column, set smaller when it would not fit (a six-digit
/// amount in a column made for five).
fn figure_at(flow: &mut Flow, x: f32, w: f32, top: f32, style: TextStyle, text: &str) {
    let room = w - 2.0 * PAD_X;
    let natural = text_width(flow.fonts, style.weight, style.size, text);
    let style = if natural > room {
        TextStyle {
            size: style.size * room / natural,
            ..style
        }
    } else {
        style
    };
    flow.text_at(x + PAD_X, top + PAD_Y, room, style, text, Align::Right);
}
