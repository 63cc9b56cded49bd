//! The display list: what layout decided to put where, before any PDF exists. Tests
//! check these positions; the PDF writer only translates them.

use crate::style::{Colour, TextStyle};

/// A handle on an image registered with the layout (a logo, a drawn signature).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ImageKey(pub usize);

/// One line of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextMark {
    /// Left edge.
    pub x: f32,
    /// The baseline, from the page's top.
    pub baseline: f32,
    /// Top of the line's glyph box (the font's ascent).
    pub top: f32,
    /// Bottom of the line's glyph box (the font's descent).
    pub bottom: f32,
    /// Measured width.
    pub width: f32,
    /// Size, weight and colour.
    pub style: TextStyle,
    /// The text.
    pub text: String,
}

impl TextMark {
    /// The right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A line of text.
    Text(TextMark),
    /// A filled rectangle; `y` is its top edge.
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        fill: Colour,
    },
    /// A straight line.
    Rule {
        /// Start, x.
        x1: f32,
        /// Start, y.
        y1: f32,
        /// End, x.
        x2: f32,
        /// End, y.
        y2: f32,
        /// Thickness.
        thickness: f32,
        /// Colour.
        colour: Colour,
    },
    /// The document's verification QR code in a square; `y` is its top edge.
    Qr {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Side of the square.
        size: f32,
    },
    /// An image scaled into a box; `y` is its top edge.
    Image {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Which image.
        image: ImageKey,
    },
}

impl Mark {
    /// A horizontal rule at `y` from `x1` to `x2`.
    pub fn rule(x1: f32, x2: f32, y: f32, thickness: f32, colour: Colour) -> Mark {
        Mark::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            thickness,
            colour,
        }
    }

    /// The box the mark covers: left, top, right, bottom.
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Mark::Text(t) => (t.x, t.top, t.right(), t.bottom),
            Mark::Rect { x, y, w, h, .. } | Mark::Image { x, y, w, h, .. } => {
                (*x, *y, x + w, y + h)
            }
            Mark::Qr { x, y, size } => (*x, *y, x + size, y + size),
            Mark::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
                ..
            } => (
                x1.min(*x2),
                y1.min(*y2) - thickness / 2.0,
                x1.max(*x2),
                y1.max(*y2) + thickness / 2.0,
            ),
        }
    }
}

/// One page: the flowing body and the frame (header, footer, QR) drawn around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Marks of the body.
    pub body: Vec<Mark>,
    /// Marks of the header and footer.
    pub frame: Vec<Mark>,
}

impl Page {
    /// The text of the page, body then frame, one line per text mark.
    pub fn texts(&self) -> impl Iterator<Item = &TextMark> {
        self.body.iter().chain(&self.frame).filter_map(|m| match m {
            Mark::Text(t) => Some(t),
            _ => None,
        })
    }
}
