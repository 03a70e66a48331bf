//! A child's drawing or photo for the growth diary, made safe to keep: read within limits
//! (a crafted file asking for a huge canvas is refused before any pixel is decoded), turned
//! upright as the camera said, made at most [`MAX_SIDE`] pixels a side and written again as
//! a plain JPEG. Nothing of the original file is kept, so neither is its metadata: the
//! place a photo was taken, the phone, the time.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbImage};

use crate::error::ValidationError;

/// The longest side of a kept picture.
pub const MAX_SIDE: u32 = 1280;
/// The most a kept picture may weigh.
pub const MAX_BYTES: usize = 1024 * 1024;
/// The largest picture read at all (a phone photo is about 4,000 × 3,000).
const MAX_READ_SIDE: u32 = 8000;

/// A picture ready to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Reads an uploaded JPEG or PNG and writes it again small and bare; anything else (or a
/// picture too large to read) is refused as unreadable.
pub fn clean(bytes: &[u8]) -> Result<Picture, ValidationError> {
    fn unreadable<E>(_: E) -> ValidationError {
        ValidationError::PictureUnreadable
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(unreadable)?;
    if !matches!(
        reader.format(),
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png)
    ) {
        return Err(ValidationError::PictureUnreadable);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_READ_SIDE);
    limits.max_image_height = Some(MAX_READ_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    picture.apply_orientation(orientation);
    if picture.width() > MAX_SIDE || picture.height() > MAX_SIDE {
        picture = picture.thumbnail(MAX_SIDE, MAX_SIDE);
    }
    let flat = on_white(&picture);
    for quality in [82, 70, 55] {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, quality)
            .encode_image(&flat)
            .map_err(unreadable)?;
        if jpeg.len() <= MAX_BYTES {
            return Ok(Picture {
                jpeg,
                width: flat.width(),
                height: flat.height(),
            });
        }
    }
    Err(ValidationError::PictureTooLarge)
}

/// A drawing's transparent parts on white paper (a JPEG has no transparency).
fn on_white(picture: &DynamicImage) -> RgbImage {
    let rgba = picture.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG of `w` × `h` with an Exif segment that names a place (GPS).
    fn photo_with_location(w: u32, h: u32) -> Vec<u8> {
        let mut jpeg = Vec::new();
        let pixels = RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&pixels)
            .unwrap();
        // After SOI (FF D8): an APP1 segment "Exif\0\0" … carrying a GPS tag's bytes.
        let payload = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 21.61N 110.28E";
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(payload);
        jpeg.splice(2..2, segment);
        jpeg
    }

    #[test]
    fn a_photo_is_made_smaller_and_keeps_no_metadata() {
        let original = photo_with_location(2000, 1500);
        assert!(original.windows(4).any(|w| w == b"Exif"));
        let kept = clean(&original).unwrap();
        assert_eq!((kept.width, kept.height), (1280, 960));
        assert!(kept.jpeg.len() <= MAX_BYTES);
        for marker in [&b"Exif"[..], b"GPS", b"110.28E"] {
            assert!(
                !kept.jpeg.windows(marker.len()).any(|w| w == marker),
                "{marker:?} survived"
            );
        }
        // What is kept is a picture a browser reads.
        let again = image::load_from_memory(&kept.jpeg).unwrap();
        assert_eq!((again.width(), again.height()), (1280, 960));
    }

    #[test]
    fn a_transparent_drawing_is_kept_on_white() {
        let drawing = image::RgbaImage::from_fn(40, 30, |x, _| {
            if x < 20 {
                image::Rgba([0, 0, 0, 0])
            } else {
                image::Rgba([200, 0, 0, 255])
            }
        });
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(drawing)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let kept = clean(&png).unwrap();
        assert_eq!((kept.width, kept.height), (40, 30));
        let back = image::load_from_memory(&kept.jpeg).unwrap().to_rgb8();
        let [r, g, b] = back.get_pixel(5, 15).0;
        assert!(
            r > 240 && g > 240 && b > 240,
            "transparent became {r},{g},{b}"
        );
        assert!(back.get_pixel(35, 15).0[0] > 150);
    }

    #[test]
    fn a_crafted_or_foreign_file_is_refused_without_decoding_it() {
        // A PNG header claiming a canvas of 100,000 × 100,000 pixels (a decompression bomb).
        let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        bomb.extend_from_slice(&100_000u32.to_be_bytes());
        bomb.extend_from_slice(&100_000u32.to_be_bytes());
        bomb.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        for file in [
            bomb,
            b"GIF89a not a picture we keep".to_vec(),
            b"<svg onload=alert(1)>".to_vec(),
            Vec::new(),
            photo_with_location(64, 64)[..200].to_vec(),
        ] {
            assert_eq!(clean(&file), Err(ValidationError::PictureUnreadable));
        }
    }
}
