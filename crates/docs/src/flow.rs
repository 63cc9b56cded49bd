//! The flowing body: a cursor moving down the page, turning to a new page whenever the
//! next thing would reach the footer.

use crate::fonts::Fonts;
use crate::images::{Image, Images};
use crate::marks::{ImageKey, Mark, Page, TextMark};
use crate::measure::text_width;
use crate::style::{Colour, Geometry, HAIRLINE, HEADING, TextStyle};
use crate::wrap::{Line, wrap};

/// Horizontal placement of a line inside its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Centre,
    /// Flush right (amounts).
    Right,
}

/// The layout under way: finished pages, the current page and the cursor on it.
#[derive(Debug)]
pub struct Flow<'f> {
    /// The fonts used to measure.
    pub fonts: &'f Fonts,
    /// The page geometry.
    pub geo: Geometry,
    pages: Vec<Page>,
    images: Images,
    y: f32,
}

impl<'f> Flow<'f> {
    /// A flow on one empty page.
    pub fn new(fonts: &'f Fonts, geo: Geometry) -> Flow<'f> {
        Flow {
            fonts,
            geo,
            pages: vec![Page::default()],
            images: Images::default(),
            y: geo.body_top,
        }
    }

    /// The cursor: the top of the free space on the current page.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves the cursor down to `y` (never up past the body's top).
    pub fn set_y(&mut self, y: f32) {
        self.y = y.max(self.geo.body_top);
    }

    /// Free height left on the current page.
    pub fn remaining(&self) -> f32 {
        self.geo.body_bottom - self.y
    }

    /// Whether nothing has been placed on the current page yet.
    pub fn at_top(&self) -> bool {
        self.y <= self.geo.body_top + 0.01
    }

    /// The number of the current page, from 1.
    pub fn page(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.body_top;
    }

    /// Makes sure `height` fits below the cursor, turning the page if it does not (unless
    /// the page is still empty: then nothing would be gained).
    pub fn ensure(&mut self, height: f32) {
        if height > self.remaining() && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space; swallowed at the top of a page, and turns the page when it runs
    /// past the bottom.
    pub fn gap(&mut self, height: f32) {
        if self.at_top() {
            return;
        }
        if height >= self.remaining() {
            self.new_page();
        } else {
            self.y += height;
        }
    }

    /// Moves the cursor down by `height` (the caller has checked it fits).
    pub fn advance(&mut self, height: f32) {
        self.y += height;
    }

    /// Adds a mark to the current page's body.
    pub fn push(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.body.push(mark);
        }
    }

    /// Registers an image for later placement.
    pub fn add_image(&mut self, image: Image) -> ImageKey {
        self.images.add(image)
    }

    /// A registered image.
    pub fn image(&self, key: ImageKey) -> Option<&Image> {
        self.images.get(key)
    }

    /// Places one line of text whose line box starts at `top`, inside `x..x + width`.
    pub fn line_at(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        style: TextStyle,
        line: &Line,
        align: Align,
    ) {
        let mark = text_mark(self.fonts, x, top, width, style, line, align);
        self.push(Mark::Text(mark));
    }

    /// Places one line of text, measuring it, without wrapping.
    pub fn text_at(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        style: TextStyle,
        text: &str,
        align: Align,
    ) {
        let line = Line {
            text: text.to_string(),
            width: text_width(self.fonts, style.weight, style.size, text),
        };
        self.line_at(x, top, width, style, &line, align);
    }

    /// Wraps `text` to the body's width and places it, turning pages between lines.
    pub fn paragraph(&mut self, style: TextStyle, text: &str) {
        let (x, w) = (self.geo.left, self.geo.body_width());
        self.paragraph_in(x, w, style, text, Align::Left);
    }

    /// Wraps `text` into the column `x..x + width` and places it.
    pub fn paragraph_in(&mut self, x: f32, width: f32, style: TextStyle, text: &str, align: Align) {
        let lines = wrap(self.fonts, style.weight, style.size, text, width);
        let fit = (self.remaining() / style.leading).floor().max(0.0) as usize;
        // No lonely first line at the foot of a page, and no lonely last line at the top
        // of the next: such a break moves one more line over, or the whole paragraph.
        let mut first_break = None;
        if lines.len() > fit && !self.at_top() {
            if fit < 2 || lines.len() < 4 {
                self.new_page();
            } else if lines.len() - fit < 2 {
                first_break = Some(fit - 1);
            }
        }
        for (i, line) in lines.iter().enumerate() {
            if first_break == Some(i) {
                self.new_page();
            }
            self.ensure(style.leading);
            let top = self.y;
            self.line_at(x, top, width, style, line, align);
            self.y += style.leading;
        }
    }

    /// The height `block` takes when laid out at the top of an empty page, down to its
    /// lowest mark (trailing space does not count), or `None` when it needs more than a
    /// page.
    pub fn measure<E>(
        &self,
        block: impl Fn(&mut Flow<'f>) -> Result<(), E>,
    ) -> Result<Option<f32>, E> {
        let mut scratch = Flow::new(self.fonts, self.geo);
        block(&mut scratch)?;
        if scratch.pages.len() > 1 {
            return Ok(None);
        }
        let bottom = scratch
            .pages
            .last()
            .map(|p| {
                p.body
                    .iter()
                    .map(|m| m.bounds().3)
                    .fold(self.geo.body_top, f32::max)
            })
            .unwrap_or(self.geo.body_top);
        Ok(Some(bottom - self.geo.body_top))
    }

    /// Lays out `block` on the next page when it would fit on a page of its own but not
    /// in what is left of this one. `block` runs twice: once to measure, once for real.
    pub fn keep_together<E>(
        &mut self,
        block: impl Fn(&mut Flow<'f>) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Some(height) = self.measure(&block)?
            && height > self.remaining()
            && !self.at_top()
        {
            self.new_page();
        }
        block(self)
    }

    /// A section heading with a hairline under it, kept on the page of what follows it.
    pub fn heading(&mut self, text: &str) {
        let lines = wrap(
            self.fonts,
            HEADING.weight,
            HEADING.size,
            text,
            self.geo.body_width(),
        );
        let height = lines.len() as f32 * HEADING.leading + 8.0;
        // Keep the heading with at least three lines of what follows it.
        self.ensure(height + 3.0 * 14.5);
        for line in &lines {
            let top = self.y;
            let (x, w) = (self.geo.left, self.geo.body_width());
            self.line_at(x, top, w, HEADING, line, Align::Left);
            self.y += HEADING.leading;
        }
        self.y += 2.0;
        self.rule(self.geo.left, self.geo.right, self.y, 0.6, HAIRLINE);
        self.y += 6.0;
    }

    /// A horizontal rule at `y` from `x1` to `x2`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, colour: Colour) {
        self.push(Mark::rule(x1, x2, y, thickness, colour));
    }

    /// The laid-out pages and their images.
    pub fn finish(self) -> (Vec<Page>, Images) {
        (self.pages, self.images)
    }
}

/// A text mark for `line` in a line box of `style.leading` starting at `top`, its glyph
/// box centred in the line box.
pub fn text_mark(
    fonts: &Fonts,
    x: f32,
    top: f32,
    width: f32,
    style: TextStyle,
    line: &Line,
    align: Align,
) -> TextMark {
    let face = fonts.face(style.weight);
    let ascent = face.ascent * style.size;
    let descent = face.descent * style.size;
    let baseline = top + (style.leading - ascent - descent) / 2.0 + ascent;
    let x = match align {
        Align::Left => x,
        Align::Centre => x + (width - line.width) / 2.0,
        Align::Right => x + width - line.width,
    };
    TextMark {
        x,
        baseline,
        top: baseline - ascent,
        bottom: baseline + descent,
        width: line.width,
        style,
        text: line.text.clone(),
    }
}
