//! Images placed on pages: the organisation's logo and drawn signatures, PNG only,
//! recognised by their first bytes rather than trusted.

use std::sync::Mutex;

use printpdf::{RawImage, RawImageData, RawImageFormat};

use crate::marks::ImageKey;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A decoded image.
#[derive(Debug, Clone)]
pub struct Image {
    pub(crate) raw: RawImage,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
}

impl Image {
    /// The width over the height.
    pub fn aspect(&self) -> f32 {
        self.width as f32 / self.height.max(1) as f32
    }

    /// The largest box of this image's shape that fits `max_w` × `max_h`.
    pub fn fit(&self, max_w: f32, max_h: f32) -> (f32, f32) {
        let a = self.aspect();
        if max_w / max_h > a {
            (max_h * a, max_h)
        } else {
            (max_w, max_w / a)
        }
    }
}

/// Decodes PNG bytes and shrinks the image, by a whole factor, until it is at most
/// `max_w` × `max_h` pixels: a phone photo of a logo printed 11 mm tall needs no more
/// than 300 dpi, and every extra pixel is compressed again in every document.
pub fn decode_png_within(bytes: &[u8], max_w: usize, max_h: usize) -> Result<Image, String> {
    let image = decode_png(bytes)?;
    let factor = image
        .width
        .div_ceil(max_w.max(1))
        .max(image.height.div_ceil(max_h.max(1)));
    Ok(if factor > 1 {
        shrink(image, factor)
    } else {
        image
    })
}

/// The last logo decoded, with its bytes and size limit: every document of an
/// organisation carries the same logo, and decoding a large PNG costs more than
/// rendering the document.
type LogoCache = Option<(Vec<u8>, (usize, usize), Image)>;
static LAST_LOGO: Mutex<LogoCache> = Mutex::new(None);

/// [`decode_png_within`], reusing the previous result when the same bytes come again.
pub fn decode_logo(bytes: &[u8], max_w: usize, max_h: usize) -> Result<Image, String> {
    if let Ok(cache) = LAST_LOGO.lock()
        && let Some((cached, limits, image)) = cache.as_ref()
        && *limits == (max_w, max_h)
        && cached.as_slice() == bytes
    {
        return Ok(image.clone());
    }
    let image = decode_png_within(bytes, max_w, max_h)?;
    if let Ok(mut cache) = LAST_LOGO.lock() {
        *cache = Some((bytes.to_vec(), (max_w, max_h), image.clone()));
    }
    Ok(image)
}

/// Channels per pixel and the index of the alpha channel, for 8-bit formats.
fn layout_of(format: &RawImageFormat) -> Option<(usize, Option<usize>)> {
    match format {
        RawImageFormat::R8 => Some((1, None)),
        RawImageFormat::RG8 => Some((2, Some(1))),
        RawImageFormat::RGB8 | RawImageFormat::BGR8 => Some((3, None)),
        RawImageFormat::RGBA8 | RawImageFormat::BGRA8 => Some((4, Some(3))),
        _ => None,
    }
}

/// Averages `factor` × `factor` boxes of pixels, colour weighted by alpha so that
/// transparent pixels do not darken the edges. Formats other than 8-bit stay as they are.
fn shrink(image: Image, factor: usize) -> Image {
    let Some((channels, alpha)) = layout_of(&image.raw.data_format) else {
        return image;
    };
    let RawImageData::U8(pixels) = &image.raw.pixels else {
        return image;
    };
    let (w, h) = (image.width, image.height);
    let (nw, nh) = (w.div_ceil(factor), h.div_ceil(factor));
    let mut out = vec![0u8; nw * nh * channels];
    for ny in 0..nh {
        for nx in 0..nw {
            let mut sums = [0u64; 4];
            let mut weight = 0u64;
            let mut count = 0u64;
            for y in ny * factor..((ny + 1) * factor).min(h) {
                for x in nx * factor..((nx + 1) * factor).min(w) {
                    let at = (y * w + x) * channels;
                    let Some(px) = pixels.get(at..at + channels) else {
                        continue;
                    };
                    let a = alpha.map_or(255, |i| u64::from(px[i]));
                    for (c, v) in px.iter().enumerate() {
                        if Some(c) == alpha {
                            sums[c] += u64::from(*v);
                        } else {
                            sums[c] += u64::from(*v) * a;
                        }
                    }
                    weight += a;
                    count += 1;
                }
            }
            let at = (ny * nw + nx) * channels;
            for c in 0..channels {
                let v = if Some(c) == alpha {
                    sums[c] / count.max(1)
                } else {
                    sums[c] / weight.max(1)
                };
                out[at + c] = v.min(255) as u8;
            }
        }
    }
    Image {
        raw: RawImage {
            pixels: RawImageData::U8(out),
            width: nw,
            height: nh,
            data_format: image.raw.data_format,
            tag: image.raw.tag,
        },
        width: nw,
        height: nh,
    }
}

/// Decodes PNG bytes; the error says why they were refused.
pub fn decode_png(bytes: &[u8]) -> Result<Image, String> {
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err("the file does not start like a PNG".into());
    }
    let mut warnings = Vec::new();
    let raw = RawImage::decode_from_bytes(bytes, &mut warnings)?;
    if raw.width == 0 || raw.height == 0 {
        return Err("the image is empty".into());
    }
    Ok(Image {
        width: raw.width,
        height: raw.height,
        raw,
    })
}

/// The images of one document, in the order they were added.
#[derive(Debug, Clone, Default)]
pub struct Images {
    list: Vec<Image>,
}

impl Images {
    /// Adds an image and returns its key.
    pub fn add(&mut self, image: Image) -> ImageKey {
        self.list.push(image);
        ImageKey(self.list.len() - 1)
    }

    /// The image of a key.
    pub fn get(&self, key: ImageKey) -> Option<&Image> {
        self.list.get(key.0)
    }

    /// Every image with its key.
    pub fn iter(&self) -> impl Iterator<Item = (ImageKey, &Image)> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, im)| (ImageKey(i), im))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_logo_is_shrunk_keeping_its_shape_and_colour() {
        let logo = decode_png(crate::samples::LOGO_PNG).unwrap();
        assert_eq!((logo.width, logo.height), (240, 240));
        let small = decode_png_within(crate::samples::LOGO_PNG, 480, 100).unwrap();
        assert_eq!((small.width, small.height), (80, 80));
        let RawImageData::U8(px) = &small.raw.pixels else {
            panic!("8-bit")
        };
        // The centre of the mark is the white letter, the corner is transparent, the
        // edge is the accent blue.
        let at = |x: usize, y: usize| &px[(y * 80 + x) * 4..(y * 80 + x) * 4 + 4];
        assert_eq!(at(0, 0)[3], 0);
        let edge = at(4, 40);
        assert!(edge[2] > edge[0] && edge[3] == 255, "{edge:?}");
        let same = decode_png_within(crate::samples::LOGO_PNG, 480, 480).unwrap();
        assert_eq!((same.width, same.height), (240, 240));
    }

    #[test]
    fn a_logo_decoded_again_is_the_same_image() {
        let first = decode_logo(crate::samples::LOGO_PNG, 480, 160).unwrap();
        let again = decode_logo(crate::samples::LOGO_PNG, 480, 160).unwrap();
        assert_eq!(first.raw, again.raw);
        let other = decode_logo(crate::samples::SIGNATURE_CUSTOMER_PNG, 480, 160).unwrap();
        assert_eq!((other.width, other.height), (420, 150));
        assert!(decode_logo(b"not a png", 480, 160).is_err());
    }

    #[test]
    fn only_pngs_are_accepted() {
        assert!(decode_png(b"\xff\xd8\xff\xe0 a jpeg").is_err());
        assert!(decode_png(b"").is_err());
    }
}
