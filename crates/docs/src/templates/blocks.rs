//! Building blocks the templates share: the title block, label–value lists, the summary
//! panel, numbered lists, a contents list, notes, lines to write on and signature blocks.
//! A block an issued edition uses keeps drawing what it drew: a new look is a new block.

use crate::error::DocsError;
use crate::flow::{Align, Flow};
use crate::fonts::Weight;
use crate::images::decode_png_within;
use crate::marks::Mark;
use crate::measure::{ellipsize, text_width};
use crate::model::{Signer, id_card};
use crate::style::{
    ACCENT, BODY, CELL, HAIRLINE, INK, KICKER, LABEL, MUTED, SMALL, SUBTITLE, TINT, TITLE,
    TextStyle, mm,
};
use crate::table::{Column, Table, draw_table};
use crate::wrap::{Line, wrap};

/// Values inside the summary panel.
const PANEL_VALUE: TextStyle = TextStyle {
    size: 9.5,
    weight: Weight::Regular,
    colour: INK,
    leading: 13.5,
};
/// A sub-heading inside a section.
const SUBHEADING: TextStyle = TextStyle {
    size: 10.0,
    weight: Weight::Bold,
    colour: INK,
    leading: 14.0,
};

/// The kind of document, the title and a line under it.
pub fn title_block(flow: &mut Flow, kicker: &str, title: &str, subtitle: &str) {
    flow.paragraph(KICKER, &kicker.to_uppercase());
    flow.advance(3.0);
    flow.paragraph(TITLE, title);
    if !subtitle.is_empty() {
        flow.advance(2.0);
        flow.paragraph(SUBTITLE, subtitle);
    }
    flow.advance(14.0);
}

/// A paragraph of running text followed by space.
pub fn para(flow: &mut Flow, text: &str) {
    flow.paragraph(BODY, text);
    flow.gap(6.0);
}

/// Small print (a note under a table).
pub fn small(flow: &mut Flow, text: &str) {
    flow.gap(2.0);
    flow.paragraph(SMALL, text);
    flow.gap(6.0);
}

/// A bold line introducing part of a section.
pub fn subheading(flow: &mut Flow, text: &str) {
    flow.gap(6.0);
    flow.ensure(SUBHEADING.leading + 3.0 * CELL.leading + 10.0);
    flow.paragraph(SUBHEADING, text);
    flow.advance(4.0);
}

/// Space after a block.
pub fn space(flow: &mut Flow) {
    flow.gap(12.0);
}

/// Labels and their values, in two columns without a header.
pub fn key_values(flow: &mut Flow, rows: &[(&str, String)]) {
    let mut table = Table::new(vec![
        Column::new("", 0.34).styled(CELL.coloured(MUTED)),
        Column::new("", 0.66),
    ])
    .without_header();
    for (label, value) in rows {
        table = table.row([label.to_string(), value.clone()]);
    }
    draw_table(flow, &table);
    flow.gap(10.0);
}

/// A tinted panel of facts in `columns` columns, each a small label over its value;
/// values longer than three lines are cut with `…`.
pub fn panel(flow: &mut Flow, items: &[(&str, String)], columns: usize) {
    const PAD: f32 = 13.0;
    const GAP: f32 = 16.0;
    const MAX_LINES: usize = 3;
    let columns = columns.max(1);
    let inner = flow.geo.body_width() - 2.0 * PAD - 4.0;
    let col_w = (inner - GAP * (columns - 1) as f32) / columns as f32;
    let cells: Vec<(String, Vec<Line>)> = items
        .iter()
        .map(|(label, value)| {
            let lines = capped_wrap(flow, PANEL_VALUE, value, col_w, MAX_LINES);
            (label.to_uppercase(), lines)
        })
        .collect();
    let cell_h =
        |lines: &[Line]| LABEL.leading + 1.0 + lines.len().max(1) as f32 * PANEL_VALUE.leading;
    let row_heights: Vec<f32> = cells
        .chunks(columns)
        .map(|row| row.iter().map(|(_, l)| cell_h(l)).fold(0.0, f32::max))
        .collect();
    let row_gap = 9.0;
    let height = 2.0 * PAD
        + row_heights.iter().sum::<f32>()
        + row_gap * row_heights.len().saturating_sub(1) as f32;
    flow.ensure(height);
    let top = flow.y();
    let left = flow.geo.left;
    tinted_box(flow, top, height);
    let mut y = top + PAD;
    for (row, h) in cells.chunks(columns).zip(&row_heights) {
        for (i, (label, lines)) in row.iter().enumerate() {
            let x = left + 4.0 + PAD + i as f32 * (col_w + GAP);
            flow.text_at(
                x,
                y,
                col_w,
                LABEL,
                &ellipsize(flow.fonts, LABEL.weight, LABEL.size, label, col_w),
                Align::Left,
            );
            for (j, line) in lines.iter().enumerate() {
                let line_top = y + LABEL.leading + 1.0 + j as f32 * PANEL_VALUE.leading;
                flow.line_at(x, line_top, col_w, PANEL_VALUE, line, Align::Left);
            }
        }
        y += h + row_gap;
    }
    flow.set_y(top + height);
    flow.gap(16.0);
}

/// The tinted background with an accent bar on the left that panels and notes sit on.
fn tinted_box(flow: &mut Flow, top: f32, height: f32) {
    let left = flow.geo.left;
    flow.push(Mark::Rect {
        x: left,
        y: top,
        w: flow.geo.body_width(),
        h: height,
        fill: TINT,
    });
    flow.push(Mark::Rect {
        x: left,
        y: top,
        w: 3.0,
        h: height,
        fill: ACCENT,
    });
}

/// A numbered list, numbers in the accent colour and text wrapped beside them.
pub fn numbered(flow: &mut Flow, items: &[String]) {
    let indent = 20.0;
    let (left, width) = (flow.geo.left, flow.geo.body_width());
    for (i, item) in items.iter().enumerate() {
        flow.ensure(BODY.leading);
        let top = flow.y();
        flow.text_at(
            left,
            top,
            indent,
            BODY.bold().coloured(ACCENT),
            &format!("{}.", i + 1),
            Align::Left,
        );
        flow.paragraph_in(left + indent, width - indent, BODY, item, Align::Left);
        flow.advance(2.0);
    }
    flow.gap(8.0);
}

/// A short notice in a tinted box with an accent bar. Kept on one page.
pub fn note(flow: &mut Flow, text: &str) {
    const PAD: f32 = 10.0;
    let left = flow.geo.left;
    let inner = flow.geo.body_width() - 2.0 * PAD - 3.0;
    let lines = wrap(flow.fonts, BODY.weight, BODY.size, text, inner);
    let height = 2.0 * PAD + lines.len() as f32 * BODY.leading;
    if height > flow.geo.body_height() {
        // Too long for a box: plain text that may run across pages.
        para(flow, text);
        return;
    }
    flow.ensure(height);
    let top = flow.y();
    tinted_box(flow, top, height);
    for (i, line) in lines.iter().enumerate() {
        flow.line_at(
            left + 3.0 + PAD,
            top + PAD + i as f32 * BODY.leading,
            inner,
            BODY,
            line,
            Align::Left,
        );
    }
    flow.set_y(top + height);
    flow.gap(12.0);
}

/// Signature blocks, two to a row: space to sign (or the drawn signature), a line, the
/// signer's name, position, identity card, for whom they sign and when.
pub fn signatures(
    flow: &mut Flow,
    signers: &[Signer],
    customer: &str,
    organisation: &str,
) -> Result<(), DocsError> {
    signature_rows(
        flow,
        signers,
        |flow, signer, width| {
            ellipsize(
                flow.fonts,
                LABEL.weight,
                LABEL.size,
                &signer.role.label().to_uppercase(),
                width,
            )
        },
        |flow, signer, width| signer_lines(flow, signer, customer, organisation, width),
    )
}

/// The lines under a signature line.
fn signer_lines(
    flow: &Flow,
    signer: &Signer,
    customer: &str,
    organisation: &str,
    width: f32,
) -> Vec<(TextStyle, Line)> {
    let mut out = Vec::new();
    let mut push = |style: TextStyle, text: &str| {
        for line in capped_wrap(flow, style, text, width, 3) {
            out.push((style, line));
        }
    };
    push(CELL.bold(), &signer.name);
    if let Some(position) = signer.position.as_deref().filter(|p| !p.trim().is_empty()) {
        push(CELL.coloured(MUTED), position);
    }
    if let Some(id) = signer.id_number.as_deref().filter(|p| !p.trim().is_empty()) {
        push(CELL.coloured(MUTED), &format!("C.I. N.º {id}"));
    }
    let entity = if signer.role.for_customer() {
        customer
    } else {
        organisation
    };
    push(SMALL, &format!("Por {entity}"));
    match &signer.signature {
        Some(sig) => push(
            SMALL,
            &format!(
                "Firmado el {} (hora de Asunción)",
                crate::dates::instant(sig.signed_at)
            ),
        ),
        None => push(SMALL, "Fecha: ____ / ____ / ________"),
    }
    out
}

/// `text` wrapped to `width`, at most `max_lines` lines, the last one ending in `…` when
/// some text had to be left out.
pub fn capped_wrap(
    flow: &Flow,
    style: TextStyle,
    text: &str,
    width: f32,
    max_lines: usize,
) -> Vec<Line> {
    let mut lines = wrap(flow.fonts, style.weight, style.size, text, width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let cut = ellipsize(
                flow.fonts,
                style.weight,
                style.size,
                &format!("{} …", last.text),
                width,
            );
            last.width = text_width(flow.fonts, style.weight, style.size, &cut);
            last.text = cut;
        }
    }
    lines
}

/// A contents list: each entry's number, title, a dotted leader and its page. The page
/// is `None` while the document is being measured (the list's height does not depend on
/// it). The leader is drawn, not typed, so that the text a reader copies is the title and
/// the page alone.
pub fn contents(flow: &mut Flow, entries: &[(&str, Option<usize>)]) {
    const DOT: f32 = 0.9;
    const PITCH: f32 = 3.6;
    let indent = 20.0;
    let (left, right) = (flow.geo.left, flow.geo.right);
    let page_w = text_width(flow.fonts, BODY.weight, BODY.size, "000");
    for (i, (title, page)) in entries.iter().enumerate() {
        flow.ensure(BODY.leading);
        let top = flow.y();
        flow.text_at(
            left,
            top,
            indent,
            BODY.bold().coloured(ACCENT),
            &format!("{}.", i + 1),
            Align::Left,
        );
        flow.text_at(
            left + indent,
            top,
            right - left - indent,
            BODY,
            title,
            Align::Left,
        );
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        flow.text_at(right - page_w, top, page_w, BODY, &page, Align::Right);
        let title_w = text_width(flow.fonts, BODY.weight, BODY.size, title);
        let (from, to) = (left + indent + title_w + 6.0, right - page_w - 6.0);
        // Dots sit on the text's baseline, about a fifth of the leading above the bottom.
        let y = top + BODY.leading * 0.72;
        let mut x = to - DOT;
        while x >= from {
            flow.push(Mark::Rect {
                x,
                y,
                w: DOT,
                h: DOT,
                fill: MUTED,
            });
            x -= PITCH;
        }
        flow.advance(BODY.leading + 2.0);
    }
    flow.gap(8.0);
}

/// `count` ruled lines across the body to write on by hand, kept on one page.
pub fn writing_lines(flow: &mut Flow, count: usize) {
    const PITCH: f32 = 22.0;
    let height = count as f32 * PITCH;
    flow.ensure(height);
    let top = flow.y();
    for i in 1..=count {
        let y = top + i as f32 * PITCH;
        flow.rule(flow.geo.left, flow.geo.right, y, 0.6, HAIRLINE);
    }
    flow.set_y(top + height);
    flow.gap(12.0);
}

/// Signature blocks of the second edition, two to a row: for which party (`EL CLIENTE`,
/// `EL PROVEEDOR`), space to sign (or the drawn signature), a line, and under it the
/// signer's name, title, identity card (a blank to fill in when Nimbo does not know it),
/// the party's name and the date (a blank until signed).
pub fn signature_blocks(
    flow: &mut Flow,
    signers: &[Signer],
    customer: &str,
    organisation: &str,
) -> Result<(), DocsError> {
    signature_rows(
        flow,
        signers,
        |_, signer, _| {
            if signer.role.for_customer() {
                "EL CLIENTE".to_string()
            } else {
                "EL PROVEEDOR".to_string()
            }
        },
        |flow, signer, width| signer_block_lines(flow, signer, customer, organisation, width),
    )
}

/// Lays signers out two to a row, each under its label: space to sign (or the drawn
/// signature), a line and the lines `lines_of` gives. Both editions draw through it, so
/// their marks come in the same order as they always did.
fn signature_rows(
    flow: &mut Flow,
    signers: &[Signer],
    label_of: impl Fn(&Flow, &Signer, f32) -> String,
    lines_of: impl Fn(&Flow, &Signer, f32) -> Vec<(TextStyle, Line)>,
) -> Result<(), DocsError> {
    const GAP: f32 = 28.0;
    const SIGN_H: f32 = mm(22.0);
    let col_w = (flow.geo.body_width() - GAP) / 2.0;
    for pair in signers.chunks(2) {
        let blocks: Vec<Vec<(TextStyle, Line)>> =
            pair.iter().map(|s| lines_of(flow, s, col_w)).collect();
        let text_h = blocks
            .iter()
            .map(|b| b.iter().map(|(st, _)| st.leading).sum::<f32>())
            .fold(0.0, f32::max);
        let label_h = LABEL.leading + 4.0;
        let height = label_h + SIGN_H + 6.0 + text_h;
        flow.ensure(height);
        let top = flow.y();
        for (i, (signer, lines)) in pair.iter().zip(&blocks).enumerate() {
            let x = flow.geo.left + i as f32 * (col_w + GAP);
            let label = label_of(flow, signer, col_w);
            flow.text_at(x, top, col_w, LABEL, &label, Align::Left);
            let sign_top = top + label_h;
            if let Some(sig) = &signer.signature {
                let image = decode_png_within(&sig.png.0, 800, 260).map_err(|reason| {
                    DocsError::Signature {
                        signer: signer.name.clone(),
                        reason,
                    }
                })?;
                let (w, h) = image.fit(col_w * 0.8, SIGN_H - 4.0);
                let key = flow.add_image(image);
                flow.push(Mark::Image {
                    x: x + 4.0,
                    y: sign_top + SIGN_H - h - 2.0,
                    w,
                    h,
                    image: key,
                });
            }
            flow.rule(x, x + col_w, sign_top + SIGN_H, 0.7, INK);
            let mut y = sign_top + SIGN_H + 6.0;
            for (style, line) in lines {
                flow.line_at(x, y, col_w, *style, line, Align::Left);
                y += style.leading;
            }
        }
        flow.set_y(top + height);
        flow.gap(22.0);
    }
    Ok(())
}

/// The lines under a second-edition signature line.
fn signer_block_lines(
    flow: &Flow,
    signer: &Signer,
    customer: &str,
    organisation: &str,
    width: f32,
) -> Vec<(TextStyle, Line)> {
    let mut out = Vec::new();
    let mut push = |style: TextStyle, text: &str| {
        for line in capped_wrap(flow, style, text, width, 3) {
            out.push((style, line));
        }
    };
    push(CELL.bold(), &signer.name);
    push(CELL, signer.title());
    match signer.id_number.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(id) => push(CELL, &format!("C.I. N.º {}", id_card(id))),
        None => push(CELL, "C.I. N.º ____________________"),
    }
    let entity = if signer.role.for_customer() {
        customer
    } else {
        organisation
    };
    push(SMALL, &format!("Por {entity}"));
    match &signer.signature {
        Some(sig) => push(
            SMALL,
            &format!(
                "Firmado el {} (hora de Asunción)",
                crate::dates::instant(sig.signed_at)
            ),
        ),
        None => push(SMALL, "Fecha: ____ / ____ / ________"),
    }
    out
}
