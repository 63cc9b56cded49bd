//! Tables: cells wrap, rows grow to their tallest cell, and a table runs on across pages
//! with its header repeated; a row too tall for a whole page is split between lines.

use crate::flow::{Align, Flow};
use crate::marks::Mark;
use crate::style::{CELL, CELL_HEAD, HAIRLINE, TINT, TextStyle};
use crate::wrap::{Line, wrap};

/// Space between a cell's text and its edges, left and right.
const PAD_X: f32 = 6.0;
/// Space between a cell's text and its edges, top and bottom.
const PAD_Y: f32 = 5.0;
/// The hairline under a row, kept clear of the footer too.
const RULE: f32 = 0.5;

/// A column: its heading, its share of the table's width, how its cells look.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The heading (shown when the table has a header).
    pub title: String,
    /// The share of the width, relative to the other columns.
    pub share: f32,
    /// Alignment of its cells.
    pub align: Align,
    /// The style of its cells.
    pub style: TextStyle,
}

impl Column {
    /// A left-aligned column of body cells.
    pub fn new(title: &str, share: f32) -> Column {
        Column {
            title: title.to_string(),
            share,
            align: Align::Left,
            style: CELL,
        }
    }

    /// The same column, right-aligned (amounts).
    pub fn right(self) -> Column {
        Column {
            align: Align::Right,
            ..self
        }
    }

    /// The same column with another cell style.
    pub fn styled(self, style: TextStyle) -> Column {
        Column { style, ..self }
    }
}

/// A table to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one text per column (missing cells are empty).
    pub rows: Vec<Vec<String>>,
    /// Whether to draw (and repeat) the header row.
    pub header: bool,
}

impl Table {
    /// A table with a header row.
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            header: true,
        }
    }

    /// The same table without a header row (label–value lists).
    pub fn without_header(self) -> Table {
        Table {
            header: false,
            ..self
        }
    }

    /// Adds a row.
    pub fn row<S: Into<String>>(mut self, cells: impl IntoIterator<Item = S>) -> Table {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }
}

/// The left edge and width of each column across `x..x + width`.
fn column_boxes(columns: &[Column], x: f32, width: f32) -> Vec<(f32, f32)> {
    let total: f32 = columns
        .iter()
        .map(|c| c.share.max(0.0))
        .sum::<f32>()
        .max(f32::EPSILON);
    let mut left = x;
    columns
        .iter()
        .map(|c| {
            let w = width * c.share.max(0.0) / total;
            let b = (left, w);
            left += w;
            b
        })
        .collect()
}

/// The wrapped lines of every cell of a row.
fn wrap_row(
    flow: &Flow,
    columns: &[Column],
    boxes: &[(f32, f32)],
    cells: &[String],
    head: bool,
) -> Vec<Vec<Line>> {
    columns
        .iter()
        .zip(boxes)
        .enumerate()
        .map(|(i, (col, (_, w)))| {
            let style = if head { CELL_HEAD } else { col.style };
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            wrap(
                flow.fonts,
                style.weight,
                style.size,
                text,
                (w - 2.0 * PAD_X).max(1.0),
            )
        })
        .collect()
}

/// Draws lines `from..to` of each cell in a row band starting at the cursor, and moves
/// the cursor under it.
fn draw_band(
    flow: &mut Flow,
    columns: &[Column],
    boxes: &[(f32, f32)],
    cells: &[Vec<Line>],
    from: usize,
    to: usize,
    head: bool,
) {
    let leading = if head {
        CELL_HEAD.leading
    } else {
        row_leading(columns)
    };
    let height = 2.0 * PAD_Y + (to - from).max(1) as f32 * leading;
    let top = flow.y();
    let (left, right) = (flow.geo.left, flow.geo.right);
    if head {
        flow.push(Mark::Rect {
            x: left,
            y: top,
            w: right - left,
            h: height,
            fill: TINT,
        });
    }
    for ((col, (x, w)), lines) in columns.iter().zip(boxes).zip(cells) {
        let style = if head { CELL_HEAD } else { col.style };
        let align = col.align;
        for (i, line) in lines.iter().enumerate().take(to).skip(from) {
            let line_top = top + PAD_Y + (i - from) as f32 * leading;
            flow.line_at(x + PAD_X, line_top, w - 2.0 * PAD_X, style, line, align);
        }
    }
    flow.advance(height);
    if !head {
        flow.rule(left, right, flow.y(), RULE, HAIRLINE);
    }
}

/// The leading of a body row: the largest of its columns'.
fn row_leading(columns: &[Column]) -> f32 {
    columns
        .iter()
        .map(|c| c.style.leading)
        .fold(CELL.leading, f32::max)
}

/// Lays out a table at the cursor, full body width.
pub fn draw_table(flow: &mut Flow, table: &Table) {
    let boxes = column_boxes(&table.columns, flow.geo.left, flow.geo.body_width());
    let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
    let head_lines = wrap_row(flow, &table.columns, &boxes, &titles, true);
    let head_count = head_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let head_height = if table.header {
        2.0 * PAD_Y + head_count as f32 * CELL_HEAD.leading
    } else {
        0.0
    };
    let leading = row_leading(&table.columns);
    let min_row = 2.0 * PAD_Y + leading + RULE;
    let header = |flow: &mut Flow| {
        if table.header {
            draw_band(
                flow,
                &table.columns,
                &boxes,
                &head_lines,
                0,
                head_count,
                true,
            );
        }
    };

    // Never leave a header alone at the bottom of a page.
    flow.ensure(head_height + min_row);
    header(flow);
    let fresh_y = flow.geo.body_top + head_height;
    for cells in &table.rows {
        let lines = wrap_row(flow, &table.columns, &boxes, cells, false);
        let count = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut from = 0;
        loop {
            let left = count - from;
            let fit = ((flow.remaining() - 2.0 * PAD_Y - RULE) / leading)
                .floor()
                .max(0.0) as usize;
            if left <= fit {
                draw_band(flow, &table.columns, &boxes, &lines, from, count, false);
                break;
            }
            // A row that fits on a page of its own moves there whole. A taller one, or
            // one already at the top of a page, is split between lines, with at least two
            // lines before the break when it can be helped.
            let fresh = flow.y() <= fresh_y + 0.01;
            let whole_fits_fresh =
                2.0 * PAD_Y + left as f32 * leading + RULE <= flow.geo.body_height() - head_height;
            let take = if fresh {
                // Place at least one line so that layout always ends, even on a page too
                // short for one (the geometry makes that unreachable in practice).
                fit.max(1)
            } else if !whole_fits_fresh && fit >= 2 {
                fit
            } else {
                0
            };
            if take > 0 {
                draw_band(
                    flow,
                    &table.columns,
                    &boxes,
                    &lines,
                    from,
                    from + take,
                    false,
                );
                from += take;
                if from >= count {
                    break;
                }
            }
            flow.new_page();
            header(flow);
        }
    }
}
