//! The house style: A4 geometry, colours and text sizes. Points throughout, measured
//! from the page's top-left corner (the PDF writer flips to bottom-left at the end).

use crate::fonts::Weight;

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

/// Body text: a soft near-black.
pub const INK: Colour = Colour(0x1F, 0x29, 0x33);
/// Labels, captions and the footer.
pub const MUTED: Colour = Colour(0x5F, 0x6B, 0x7A);
/// The accent: a calm deep blue for titles and rules.
pub const ACCENT: Colour = Colour(0x1D, 0x4E, 0x89);
/// A pale tint of the accent for table headers and summary panels.
pub const TINT: Colour = Colour(0xEE, 0xF3, 0xF9);
/// Hairlines between table rows.
pub const HAIRLINE: Colour = Colour(0xD5, 0xDB, 0xE3);
/// The background of a signature box and the QR's quiet zone.
pub const WHITE: Colour = Colour(0xFF, 0xFF, 0xFF);
/// The QR code's dark modules.
pub const BLACK: Colour = Colour(0x00, 0x00, 0x00);

/// Where things go on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left edge of the text.
    pub left: f32,
    /// Right edge of the text.
    pub right: f32,
    /// Top of the header band.
    pub header_top: f32,
    /// The rule under the header.
    pub header_rule: f32,
    /// Top of the body.
    pub body_top: f32,
    /// Nothing of the body may reach below this line.
    pub body_bottom: f32,
    /// The rule over the footer.
    pub footer_rule: f32,
    /// Bottom of the footer band.
    pub footer_bottom: f32,
}

impl Geometry {
    /// A4 portrait with 22 mm side margins.
    pub const A4: Geometry = Geometry {
        width: mm(210.0),
        height: mm(297.0),
        left: mm(22.0),
        right: mm(210.0 - 22.0),
        header_top: mm(12.0),
        header_rule: mm(27.0),
        body_top: mm(36.0),
        body_bottom: mm(262.0),
        footer_rule: mm(268.0),
        footer_bottom: mm(287.0),
    };

    /// The width of the text column.
    pub fn body_width(&self) -> f32 {
        self.right - self.left
    }

    /// The height of the body area.
    pub fn body_height(&self) -> f32 {
        self.body_bottom - self.body_top
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Size in points.
    pub size: f32,
    /// Regular or bold.
    pub weight: Weight,
    /// Its colour.
    pub colour: Colour,
    /// Distance between baselines.
    pub leading: f32,
}

impl TextStyle {
    const fn new(size: f32, weight: Weight, colour: Colour, leading: f32) -> TextStyle {
        TextStyle {
            size,
            weight,
            colour,
            leading,
        }
    }

    /// The same style in another colour.
    pub const fn coloured(self, colour: Colour) -> TextStyle {
        TextStyle { colour, ..self }
    }

    /// The same style in bold.
    pub const fn bold(self) -> TextStyle {
        TextStyle {
            weight: Weight::Bold,
            ..self
        }
    }
}

/// Running text.
pub const BODY: TextStyle = TextStyle::new(9.5, Weight::Regular, INK, 14.5);
/// Small print: notes under tables, captions.
pub const SMALL: TextStyle = TextStyle::new(8.0, Weight::Regular, MUTED, 11.5);
/// Text inside table cells.
pub const CELL: TextStyle = TextStyle::new(9.0, Weight::Regular, INK, 12.5);
/// Table header cells.
pub const CELL_HEAD: TextStyle = TextStyle::new(7.5, Weight::Bold, ACCENT, 10.5);
/// Small capitals-like labels over values.
pub const LABEL: TextStyle = TextStyle::new(7.0, Weight::Bold, MUTED, 10.0);
/// Section headings.
pub const HEADING: TextStyle = TextStyle::new(12.5, Weight::Bold, ACCENT, 18.0);
/// The document's title.
pub const TITLE: TextStyle = TextStyle::new(21.0, Weight::Bold, INK, 29.0);
/// The line under the title.
pub const SUBTITLE: TextStyle = TextStyle::new(11.0, Weight::Regular, MUTED, 15.0);
/// The kind of document, over the title.
pub const KICKER: TextStyle = TextStyle::new(8.0, Weight::Bold, ACCENT, 11.0);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    #[test]
    fn every_line_box_holds_its_glyphs() {
        let f = fonts().unwrap();
        for style in [
            BODY, SMALL, CELL, CELL_HEAD, LABEL, HEADING, TITLE, SUBTITLE, KICKER,
        ] {
            let face = f.face(style.weight);
            let glyphs = (face.ascent + face.descent) * style.size;
            assert!(glyphs <= style.leading, "{style:?}: {glyphs}");
        }
    }

    #[test]
    fn the_body_lies_between_header_and_footer() {
        let g = Geometry::A4;
        assert!(g.header_top < g.header_rule && g.header_rule < g.body_top);
        assert!(g.body_top < g.body_bottom && g.body_bottom < g.footer_rule);
        assert!(g.footer_rule < g.footer_bottom && g.footer_bottom < g.height);
        assert!((g.body_width() - mm(166.0)).abs() < 0.01);
    }
}
