//! Paragraph wrapping: greedy, breaking on spaces; a word longer than a line (an URL, an
//! id, a name typed without spaces) is cut after `/ - . _ @` when it can be, else anywhere.

use crate::fonts::{Fonts, Weight};
use crate::measure::{char_width, text_width};

/// One wrapped line and its width in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text of the line, without leading or trailing spaces.
    pub text: String,
    /// Its width in points.
    pub width: f32,
}

/// Wraps `text` to lines no wider than `max_width` points. Newlines start new lines; an
/// empty input gives no line. A single glyph wider than `max_width` still gets a line.
pub fn wrap(fonts: &Fonts, weight: Weight, size: f32, text: &str, max_width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let space = char_width(fonts, weight, size, ' ');
    let text = text.trim_end_matches(['\n', '\r', ' ', '\t']);
    for paragraph in text.split('\n') {
        let mut current = Line {
            text: String::new(),
            width: 0.0,
        };
        let words = paragraph.split([' ', '\t', '\r']).filter(|w| !w.is_empty());
        for word in words {
            let w = text_width(fonts, weight, size, word);
            if !current.text.is_empty() {
                if current.width + space + w <= max_width {
                    current.text.push(' ');
                    current.text.push_str(word);
                    current.width += space + w;
                    continue;
                }
                lines.push(std::mem::replace(
                    &mut current,
                    Line {
                        text: String::new(),
                        width: 0.0,
                    },
                ));
            }
            if w <= max_width {
                current = Line {
                    text: word.to_string(),
                    width: w,
                };
            } else {
                let mut pieces = break_word(fonts, weight, size, word, max_width);
                current = pieces.pop().unwrap_or(Line {
                    text: String::new(),
                    width: 0.0,
                });
                lines.extend(pieces);
            }
        }
        if !current.text.is_empty() || text.contains('\n') {
            lines.push(current);
        }
    }
    lines
}

/// Cuts one word into pieces that each fit `max_width`.
fn break_word(fonts: &Fonts, weight: Weight, size: f32, word: &str, max_width: f32) -> Vec<Line> {
    let mut pieces = Vec::new();
    let mut chars: Vec<(char, f32)> = word
        .chars()
        .map(|c| (c, char_width(fonts, weight, size, c)))
        .collect();
    while !chars.is_empty() {
        let mut used = 0.0;
        let mut fit = 0;
        // The index just after the last friendly break character within the fitting run.
        let mut friendly = 0;
        for (i, (c, w)) in chars.iter().enumerate() {
            if used + w > max_width && fit > 0 {
                break;
            }
            used += w;
            fit = i + 1;
            if matches!(c, '/' | '-' | '.' | '_' | '@' | ',' | ';' | ':') && i + 1 < chars.len() {
                friendly = i + 1;
            }
        }
        // A friendly break is only worth it when it keeps most of the line in use.
        let cut = if fit < chars.len() && friendly * 3 >= fit * 2 {
            friendly
        } else {
            fit
        };
        let piece: Vec<(char, f32)> = chars.drain(..cut).collect();
        pieces.push(Line {
            text: piece.iter().map(|(c, _)| c).collect(),
            width: piece.iter().map(|(_, w)| w).sum(),
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn breaks_on_spaces_and_keeps_words_whole() {
        let f = fonts().unwrap();
        let text = "El Cliente declara haber recibido el servicio descrito en este documento";
        let lines = wrap(f, Weight::Regular, 10.0, text, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(texts(&lines).join(" "), text);
        for l in &lines {
            assert!(l.width <= 150.0);
            assert!((l.width - text_width(f, Weight::Regular, 10.0, &l.text)).abs() < 0.01);
        }
    }

    #[test]
    fn cuts_a_long_url_after_a_slash() {
        let f = fonts().unwrap();
        let url = "https://mco.example.com.py/console/organizaciones/cooperativa-san-lorenzo";
        let lines = wrap(f, Weight::Regular, 9.0, url, 120.0);
        assert!(lines.len() > 1);
        assert_eq!(texts(&lines).concat(), url);
        assert!(lines.iter().all(|l| l.width <= 120.0));
    }

    #[test]
    fn newlines_and_empty_text() {
        let f = fonts().unwrap();
        assert!(wrap(f, Weight::Regular, 10.0, "", 100.0).is_empty());
        let lines = wrap(f, Weight::Regular, 10.0, "uno\n\ndos", 100.0);
        assert_eq!(texts(&lines), ["uno", "", "dos"]);
    }
}
