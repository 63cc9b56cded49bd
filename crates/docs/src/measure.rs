//! Text measuring: the sum of glyph advances, in points. printpdf draws one glyph per
//! character with no kerning, so this is exactly the width a viewer draws.

use crate::fonts::{Fonts, Weight};
use crate::style::TextStyle;
use crate::wrap::Line;

/// The width of `text` at `size` points.
pub fn text_width(fonts: &Fonts, weight: Weight, size: f32, text: &str) -> f32 {
    let face = fonts.face(weight);
    text.chars().map(|c| face.advance(c)).sum::<f32>() * size
}

/// The width of one character at `size` points.
pub fn char_width(fonts: &Fonts, weight: Weight, size: f32, ch: char) -> f32 {
    fonts.face(weight).advance(ch) * size
}

/// `text` cut to fit `max_width`, ending in `…` when it had to be cut.
pub fn ellipsize(fonts: &Fonts, weight: Weight, size: f32, text: &str, max_width: f32) -> String {
    if text_width(fonts, weight, size, text) <= max_width {
        return text.to_string();
    }
    let budget = max_width - char_width(fonts, weight, size, '…');
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = char_width(fonts, weight, size, c);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// `text` as one line in `style`, cut to fit `width` as [`ellipsize`] cuts it.
pub fn fitted(fonts: &Fonts, style: TextStyle, text: &str, width: f32) -> Line {
    let text = ellipsize(fonts, style.weight, style.size, text, width);
    Line {
        width: text_width(fonts, style.weight, style.size, &text),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    #[test]
    fn widths_add_up_and_bold_is_wider() {
        let f = fonts().unwrap();
        let a = text_width(f, Weight::Regular, 10.0, "Asunción");
        let b = text_width(f, Weight::Regular, 10.0, "Asun")
            + text_width(f, Weight::Regular, 10.0, "ción");
        assert!((a - b).abs() < 1e-3);
        assert!(a > 30.0 && a < 50.0, "{a}");
        assert!(text_width(f, Weight::Bold, 10.0, "Asunción") > a);
        assert_eq!(text_width(f, Weight::Regular, 10.0, ""), 0.0);
    }

    #[test]
    fn ellipsize_fits_and_marks_the_cut() {
        let f = fonts().unwrap();
        let long = "Cooperativa Multiactiva de Ahorro y Crédito San Lorenzo Limitada";
        let cut = ellipsize(f, Weight::Bold, 10.0, long, 100.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(f, Weight::Bold, 10.0, &cut) <= 100.0);
        assert_eq!(ellipsize(f, Weight::Bold, 10.0, "Banco", 100.0), "Banco");
    }
}
