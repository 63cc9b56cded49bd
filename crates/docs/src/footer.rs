//! The page footer: what the document is, when it was issued, the snapshot's hash (the
//! first edition) or a short verification code (later ones), "Página X de Y" and the
//! verification QR code.

use crate::flow::{Align, text_mark};
use crate::fonts::{Fonts, Weight};
use crate::frame::FrameInfo;
use crate::marks::Mark;
use crate::measure::{fitted, text_width};
use crate::qr::short_code;
use crate::style::{Geometry, HAIRLINE, INK, MUTED, TextStyle, mm};
use crate::wrap::Line;

const STRONG: TextStyle = TextStyle {
    size: 7.5,
    weight: Weight::Bold,
    colour: INK,
    leading: 10.5,
};
const FINE: TextStyle = TextStyle {
    size: 7.0,
    weight: Weight::Regular,
    colour: MUTED,
    leading: 9.5,
};
const HASH: TextStyle = TextStyle {
    size: 6.5,
    weight: Weight::Regular,
    colour: MUTED,
    leading: 9.0,
};
const PAGE: TextStyle = TextStyle {
    size: 8.0,
    weight: Weight::Regular,
    colour: INK,
    leading: 10.5,
};

/// The side of the QR code.
pub const QR_SIDE: f32 = mm(16.0);

/// Draws the footer of page `page` of `total` into `marks`.
pub fn draw(
    fonts: &Fonts,
    geo: &Geometry,
    info: &FrameInfo,
    page: usize,
    total: usize,
    marks: &mut Vec<Mark>,
) {
    marks.push(Mark::rule(
        geo.left,
        geo.right,
        geo.footer_rule,
        0.6,
        HAIRLINE,
    ));
    let qr_x = geo.right - QR_SIDE;
    let qr_y = geo.footer_rule + mm(2.0);
    marks.push(Mark::Qr {
        x: qr_x,
        y: qr_y,
        size: QR_SIDE,
    });

    let page_text = format!("Página {page} de {total}");
    let page_w = text_width(fonts, PAGE.weight, PAGE.size, &page_text);
    let page_right = qr_x - mm(4.0);
    let top = geo.footer_rule + mm(2.5);
    let page_line = Line {
        text: page_text,
        width: page_w,
    };
    marks.push(Mark::Text(text_mark(
        fonts,
        page_right - page_w,
        top,
        page_w,
        PAGE,
        &page_line,
        Align::Left,
    )));

    let x = geo.left;
    let first_w = page_right - page_w - mm(6.0) - x;
    let text_w = page_right - x;
    let lines = [
        (
            STRONG,
            fitted(
                fonts,
                STRONG,
                &format!(
                    "{} · N.º {} · Versión {}",
                    info.title, info.number, info.version
                ),
                first_w,
            ),
        ),
        (
            FINE,
            fitted(
                fonts,
                FINE,
                &format!("Emitido el {} (hora de Asunción)", info.issued),
                text_w,
            ),
        ),
        (
            FINE,
            fitted(
                fonts,
                FINE,
                "Verifique este documento con el código QR. Huella SHA-256 de sus datos:",
                text_w,
            ),
        ),
        (HASH, fitted(fonts, HASH, &info.snapshot_sha256, text_w)),
    ];
    let second;
    let lines: &[(TextStyle, Line)] = if info.template.is_first() {
        &lines
    } else {
        second = [
            lines[0].clone(),
            lines[1].clone(),
            (
                FINE,
                fitted(
                    fonts,
                    FINE,
                    "Verifique este documento con el código QR o en Nimbo.",
                    text_w,
                ),
            ),
            (
                STRONG,
                fitted(
                    fonts,
                    STRONG,
                    &format!(
                        "Código de verificación {}",
                        short_code(&info.snapshot_sha256)
                    ),
                    text_w,
                ),
            ),
        ];
        &second
    };
    let mut y = top;
    for (style, line) in lines {
        marks.push(Mark::Text(text_mark(
            fonts,
            x,
            y,
            text_w,
            *style,
            line,
            Align::Left,
        )));
        y += style.leading;
    }
}
