//! The page header: a thin accent band, the logo and the organisation on the left, the
//! kind of document and its number on the right.

use crate::flow::{Align, text_mark};
use crate::fonts::{Fonts, Weight};
use crate::frame::FrameInfo;
use crate::images::Images;
use crate::marks::Mark;
use crate::measure::{fitted, text_width};
use crate::style::{ACCENT, Geometry, HAIRLINE, INK, MUTED, TextStyle, mm};

const ORG: TextStyle = TextStyle {
    size: 10.0,
    weight: Weight::Bold,
    colour: INK,
    leading: 14.0,
};
const ORG_RUC: TextStyle = TextStyle {
    size: 8.0,
    weight: Weight::Regular,
    colour: MUTED,
    leading: 11.0,
};
const KIND: TextStyle = TextStyle {
    size: 7.5,
    weight: Weight::Bold,
    colour: ACCENT,
    leading: 11.0,
};
const NUMBER: TextStyle = TextStyle {
    size: 8.0,
    weight: Weight::Regular,
    colour: MUTED,
    leading: 11.0,
};

/// The tallest a logo may be.
const LOGO_MAX_H: f32 = mm(11.0);
/// The widest a logo may be.
const LOGO_MAX_W: f32 = mm(38.0);

/// Draws the header into `marks`.
pub fn draw(
    fonts: &Fonts,
    geo: &Geometry,
    info: &FrameInfo,
    images: &Images,
    marks: &mut Vec<Mark>,
) {
    marks.push(Mark::Rect {
        x: 0.0,
        y: 0.0,
        w: geo.width,
        h: 3.0,
        fill: ACCENT,
    });
    let top = geo.header_top;
    let mut text_x = geo.left;
    if let Some(key) = info.logo
        && let Some(image) = images.get(key)
    {
        let (w, h) = image.fit(LOGO_MAX_W, LOGO_MAX_H);
        marks.push(Mark::Image {
            x: geo.left,
            y: top + (LOGO_MAX_H - h) / 2.0,
            w,
            h,
            image: key,
        });
        text_x += w + mm(4.0);
    }

    // The right block is measured first: the organisation's name gets what is left.
    let number = format!("N.º {} · versión {}", info.number, info.version);
    let right_w = (geo.body_width() * 0.45).min(
        text_width(fonts, KIND.weight, KIND.size, &info.kind).max(text_width(
            fonts,
            NUMBER.weight,
            NUMBER.size,
            &number,
        )),
    );
    let kind = fitted(fonts, KIND, &info.kind, right_w);
    let number = fitted(fonts, NUMBER, &number, right_w);
    let right_x = geo.right - right_w;
    marks.push(Mark::Text(text_mark(
        fonts,
        right_x,
        top + 2.0,
        right_w,
        KIND,
        &kind,
        Align::Right,
    )));
    marks.push(Mark::Text(text_mark(
        fonts,
        right_x,
        top + 15.0,
        right_w,
        NUMBER,
        &number,
        Align::Right,
    )));

    let name_w = (right_x - mm(6.0) - text_x).max(mm(20.0));
    let name = fitted(fonts, ORG, &info.organisation, name_w);
    let ruc = fitted(fonts, ORG_RUC, &format!("RUC {}", info.ruc), name_w);
    marks.push(Mark::Text(text_mark(
        fonts,
        text_x,
        top + 1.0,
        name_w,
        ORG,
        &name,
        Align::Left,
    )));
    marks.push(Mark::Text(text_mark(
        fonts,
        text_x,
        top + 15.0,
        name_w,
        ORG_RUC,
        &ruc,
        Align::Left,
    )));

    marks.push(Mark::rule(
        geo.left,
        geo.right,
        geo.header_rule,
        0.6,
        HAIRLINE,
    ));
}
