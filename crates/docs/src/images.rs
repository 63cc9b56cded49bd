//! Images placed on pages: the organisation's logo and drawn signatures, PNG only,
//! recognised by their first bytes rather than trusted.

use printpdf::RawImage;

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
