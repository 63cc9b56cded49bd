//! The embedded typeface (Noto Sans, SIL OFL 1.1, see `fonts/OFL.txt`), parsed once per
//! process: parsing costs far more than rendering a page.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::DocsError;

const REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// Code points below this have their advance looked up once, at parse time: Latin,
/// Greek, Cyrillic, general punctuation (– — “ ” • …) and the currency signs (€ ₲).
const TABLE_END: u32 = 0x2200;

/// The weight of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
}

/// One parsed face with the metrics layout needs.
#[derive(Debug)]
pub struct Face {
    parsed: ParsedFont,
    /// Advance per code point below [`TABLE_END`], in ems.
    advances: Vec<f32>,
    /// Advance of the `.notdef` glyph, drawn for characters the font lacks, in ems.
    notdef: f32,
    units_per_em: f32,
    /// Height above the baseline, in ems.
    pub ascent: f32,
    /// Depth below the baseline, in ems (positive).
    pub descent: f32,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Face, DocsError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(DocsError::Font { name })?;
        let metrics = parsed.font_metrics;
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let notdef = f32::from(parsed.get_horizontal_advance(0)) / units_per_em;
        let advances = (0..TABLE_END)
            .map(|cp| match parsed.lookup_glyph_index(cp) {
                Some(gid) => f32::from(parsed.get_horizontal_advance(gid)) / units_per_em,
                None => notdef,
            })
            .collect();
        Ok(Face {
            advances,
            notdef,
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
            parsed,
        })
    }

    /// The advance of one character, in ems.
    pub fn advance(&self, ch: char) -> f32 {
        let cp = u32::from(ch);
        if cp < TABLE_END {
            return self
                .advances
                .get(cp as usize)
                .copied()
                .unwrap_or(self.notdef);
        }
        match self.parsed.lookup_glyph_index(cp) {
            Some(gid) => f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em,
            None => self.notdef,
        }
    }

    /// The parsed font, to embed in a PDF.
    pub(crate) fn parsed(&self) -> &ParsedFont {
        &self.parsed
    }
}

/// The regular and bold faces.
#[derive(Debug)]
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    /// Parses the embedded faces (tens of milliseconds: keep the result, or use [`fonts`]).
    pub fn load() -> Result<Fonts, DocsError> {
        Ok(Fonts {
            regular: Face::parse(REGULAR, "NotoSans-Regular.ttf")?,
            bold: Face::parse(BOLD, "NotoSans-Bold.ttf")?,
        })
    }

    /// The face of a weight.
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// The process-wide parsed fonts, parsed on first use.
pub fn fonts() -> Result<&'static Fonts, DocsError> {
    static FONTS: OnceLock<Result<Fonts, DocsError>> = OnceLock::new();
    FONTS
        .get_or_init(Fonts::load)
        .as_ref()
        .map_err(Clone::clone)
}
