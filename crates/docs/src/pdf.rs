//! Turning laid-out pages into PDF bytes, the same bytes for the same pages in any
//! process: resource names are fixed, dates come from the snapshot, and the trailer
//! `/ID` is derived from the snapshot's SHA-256 instead of printpdf's counter.

use chrono::{DateTime, Datelike, Timelike, Utc};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Object, StringFormat};
use printpdf::{
    Color, Date, DictItem, ExternalStream, ExternalXObject, FontId, LinePoint, Offset, Op,
    PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb,
    TextItem, TextMatrix, Time, XObject, XObjectId, XObjectTransform,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;

use crate::error::DocsError;
use crate::fonts::{Fonts, Weight};
use crate::images::Images;
use crate::marks::{ImageKey, Mark, Page};
use crate::qr::Qr;
use crate::style::{Colour, Geometry};

/// What the PDF says about itself in its information dictionary.
#[derive(Debug, Clone)]
pub struct PdfInfo {
    /// The title viewers show.
    pub title: String,
    /// Who issued it (the organisation).
    pub author: String,
    /// What it is about (the customer and order).
    pub subject: String,
    /// The document's id.
    pub identifier: String,
    /// When it was issued; also its creation and modification dates.
    pub issued_at: DateTime<Utc>,
    /// The snapshot's SHA-256: the seed of the trailer `/ID`.
    pub snapshot_sha256: String,
    /// The verification text the QR code carries, also written as the `/Keywords` of
    /// the information dictionary so that a program can read it back ([`crate::qr::find_payload`]).
    pub payload: String,
}

/// Fixed resource names. printpdf uses the first six characters as the subset tag of
/// the embedded font's name, which PDF wants as six capital letters.
fn font_id(weight: Weight) -> FontId {
    FontId(
        match weight {
            Weight::Regular => "NIMBOR",
            Weight::Bold => "NIMBOB",
        }
        .to_string(),
    )
}

/// A coordinate rounded to a hundredth of a point: invisible, and it keeps the numbers in
/// the page streams short (less to format, less to compress).
fn r(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

fn qr_id() -> XObjectId {
    XObjectId("Qr".to_string())
}

/// The QR code as a form XObject in module units, drawn by every page's footer.
fn qr_form(qr: &Qr) -> XObject {
    let side = qr.side() as f32;
    let dict = BTreeMap::from([
        ("Type".to_string(), DictItem::Name(b"XObject".to_vec())),
        ("Subtype".to_string(), DictItem::Name(b"Form".to_vec())),
        (
            "BBox".to_string(),
            DictItem::Array(vec![
                DictItem::Real(0.0),
                DictItem::Real(-0.1),
                DictItem::Real(side),
                DictItem::Real(side + 0.1),
            ]),
        ),
    ]);
    XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: qr.content(),
            compress: true,
        },
        width: None,
        height: None,
        dpi: None,
    })
}

fn image_id(key: ImageKey) -> XObjectId {
    XObjectId(format!("Im{}", key.0))
}

fn colour(c: Colour) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

fn pdf_date(at: DateTime<Utc>) -> printpdf::DateTime {
    printpdf::DateTime::new_in_offset(
        Date {
            year: at.year(),
            month: at.month() as u8,
            day: at.day() as u8,
        },
        Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
            millisecond: 0,
        },
        Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

/// The page's drawing operations: shapes and images first, then all text in one text
/// object (positions are absolute, set with `Tm`).
fn page_ops(page: &Page, geo: &Geometry, images: &Images, qr_side: usize) -> Vec<Op> {
    let h = geo.height;
    let mut ops = Vec::new();
    let mut fill: Option<Colour> = None;
    let mut set_fill = |ops: &mut Vec<Op>, c: Colour| {
        if fill != Some(c) {
            ops.push(Op::SetFillColor { col: colour(c) });
            fill = Some(c);
        }
    };
    let marks = || page.body.iter().chain(&page.frame);
    for mark in marks() {
        match mark {
            Mark::Text(_) => {}
            Mark::Rect {
                x,
                y,
                w,
                h: rh,
                fill: c,
            } => {
                set_fill(&mut ops, *c);
                ops.push(Op::DrawRectangle {
                    rectangle: printpdf::Rect {
                        x: r(*x),
                        y: r(h - y - rh),
                        width: r(*w),
                        height: r(*rh),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Mark::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
                colour: c,
            } => {
                ops.push(Op::SetOutlineColor { col: colour(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: r(*x1),
                                    y: r(h - y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: r(*x2),
                                    y: r(h - y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Mark::Qr { x, y, size } => {
                let scale = size / qr_side.max(1) as f32;
                ops.push(Op::UseXobject {
                    id: qr_id(),
                    transform: XObjectTransform {
                        translate_x: Some(r(*x)),
                        translate_y: Some(r(h - y - size)),
                        scale_x: Some(scale),
                        scale_y: Some(scale),
                        ..XObjectTransform::default()
                    },
                });
            }
            Mark::Image {
                x,
                y,
                w,
                h: ih,
                image,
            } => {
                if let Some(im) = images.get(*image) {
                    ops.push(Op::UseXobject {
                        id: image_id(*image),
                        transform: XObjectTransform {
                            translate_x: Some(r(*x)),
                            translate_y: Some(r(h - y - ih)),
                            scale_x: Some(w / im.width as f32),
                            scale_y: Some(ih / im.height as f32),
                            dpi: Some(72.0),
                            ..XObjectTransform::default()
                        },
                    });
                }
            }
        }
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(Weight, u32)> = None;
    for mark in marks() {
        if let Mark::Text(t) = mark {
            let key = (t.style.weight, t.style.size.to_bits());
            if font != Some(key) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(t.style.weight)),
                    size: Pt(t.style.size),
                });
                font = Some(key);
            }
            set_fill(&mut ops, t.style.colour);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(r(t.x), r(h - t.baseline)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(t.text.clone())],
            });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Compresses every stream not compressed yet, at zlib level 3. lopdf's own `compress`
/// uses level 9, which took 40 % of a Welcome KIT's render time; level 3 makes the file
/// about 4 % larger and the render about a third faster.
fn compress(doc: &mut lopdf::Document) -> Result<(), DocsError> {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        // printpdf leaves raw images marked as not to be compressed; they are the ones
        // that gain the most.
        let image = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image");
        if (stream.allows_compression || image) && stream.dict.get(b"Filter").is_err() {
            let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(3));
            encoder
                .write_all(&stream.content)
                .map_err(|e| DocsError::Write(e.to_string()))?;
            let compressed = encoder
                .finish()
                .map_err(|e| DocsError::Write(e.to_string()))?;
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
    Ok(())
}

/// Writes the pages as a PDF; `qr` is the code the pages' [`Mark::Qr`] draw.
pub fn write(
    fonts: &Fonts,
    geo: &Geometry,
    pages: &[Page],
    images: &Images,
    qr: &Qr,
    info: &PdfInfo,
) -> Result<Vec<u8>, DocsError> {
    let mut doc = PdfDocument::new(&info.title);
    let meta = &mut doc.metadata.info;
    meta.creation_date = pdf_date(info.issued_at);
    meta.modification_date = pdf_date(info.issued_at);
    meta.metadata_date = pdf_date(info.issued_at);
    meta.author = info.author.clone();
    meta.subject = info.subject.clone();
    meta.identifier = info.identifier.clone();
    meta.keywords = vec![info.payload.clone()];
    meta.creator = "Nimbo".into();
    meta.producer = "Nimbo".into();
    for weight in [Weight::Regular, Weight::Bold] {
        doc.resources.fonts.map.insert(
            font_id(weight),
            PdfFont::new(fonts.face(weight).parsed().clone()),
        );
    }
    for (key, image) in images.iter() {
        doc.resources
            .xobjects
            .map
            .insert(image_id(key), XObject::Image(image.raw.clone()));
    }
    doc.resources.xobjects.map.insert(qr_id(), qr_form(qr));
    let media = printpdf::Rect::from_wh(Pt(geo.width), Pt(geo.height));
    doc.pages = pages
        .iter()
        .map(|page| PdfPage {
            media_box: media.clone(),
            trim_box: media.clone(),
            crop_box: media.clone(),
            ops: page_ops(page, geo, images, qr.side()),
        })
        .collect();

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        // Images are written raw and compressed losslessly with the rest below.
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    let seed = Sha256::digest(format!("nimbo-pdf-id:{}", info.snapshot_sha256).as_bytes());
    let id = seed.get(..16).map(<[u8]>::to_vec).unwrap_or_default();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    // printpdf always writes an (empty) PDF/X version key, which makes readers take the
    // file for PDF/X; it is not.
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(dict) = lo.get_dictionary_mut(info_id)
    {
        dict.remove(b"GTS_PDFXVersion");
    }
    compress(&mut lo)?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| DocsError::Write(e.to_string()))?;
    Ok(bytes)
}
