//! A text gzipped once with holes left in it, filled anew for every answer: a kept page
//! (`kept_pages`) is the same 100 KB each time but for its CSP nonce, and compressing the
//! whole page per answer would cost more than the page itself.
//!
//! Each piece between two holes is compressed on its own as raw DEFLATE (RFC 1951) with a
//! fresh dictionary, so nothing in it points back across a hole, and ends with a sync
//! flush: byte-aligned, and not the final block. An answer is the gzip header (RFC 1952),
//! the pieces with each hole's text between them as a stored block, a final empty stored
//! block, and the trailer: the CRC-32 of the whole text (combined from the pieces' own,
//! worked out once) and its length.

use std::io::Write;

use crc32fast::Hasher;
use flate2::write::DeflateEncoder;
use flate2::Compression;

/// A gzip member's header: deflate, no flags, no time, no extra field, unknown system.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// A stored block of no bytes marked final: the end of the DEFLATE stream.
const LAST_BLOCK: [u8; 5] = [1, 0, 0, 0xff, 0xff];

/// The compressed pieces of a text split at its holes.
#[derive(Debug)]
pub struct Stitched {
    /// Each piece: its DEFLATE bytes, its CRC-32 state and its length.
    pieces: Vec<(Vec<u8>, Hasher, usize)>,
}

impl Stitched {
    /// `text` compressed in pieces, split at every occurrence of `hole`.
    pub fn new(text: &str, hole: &str) -> std::io::Result<Stitched> {
        let pieces = text
            .split(hole)
            .map(|piece| {
                let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
                encoder.write_all(piece.as_bytes())?;
                // A sync flush: what was written is out, byte-aligned, and not final.
                encoder.flush()?;
                let deflated = std::mem::take(encoder.get_mut());
                // A sync flush ends with an empty stored block; without it the piece is not
                // byte-aligned and the page is not kept. (Nothing at all is a piece too.)
                if !(deflated.is_empty() || deflated.ends_with(&[0, 0, 0xff, 0xff])) {
                    return Err(std::io::Error::other("a piece did not end on a sync flush"));
                }
                let mut crc = Hasher::new();
                crc.update(piece.as_bytes());
                Ok((deflated, crc, piece.len()))
            })
            .collect::<std::io::Result<_>>()?;
        Ok(Stitched { pieces })
    }

    /// The gzip bytes of the text with every hole holding `fill` (at most 65,535 bytes).
    pub fn fill(&self, fill: &str) -> Vec<u8> {
        let fill = fill.as_bytes();
        let length = u16::try_from(fill.len()).expect("a hole's text fits a stored block");
        let compressed: usize = self.pieces.iter().map(|(bytes, _, _)| bytes.len()).sum();
        let mut out = Vec::with_capacity(compressed + self.pieces.len() * (fill.len() + 5) + 32);
        out.extend_from_slice(&HEADER);
        let mut crc = Hasher::new();
        let mut total = 0usize;
        for (i, (deflated, piece_crc, piece_length)) in self.pieces.iter().enumerate() {
            if i > 0 {
                // Stored block, not final: the three header bits are zero, then padding.
                out.push(0);
                out.extend_from_slice(&length.to_le_bytes());
                out.extend_from_slice(&(!length).to_le_bytes());
                out.extend_from_slice(fill);
                crc.update(fill);
                total += fill.len();
            }
            out.extend_from_slice(deflated);
            crc.combine(piece_crc);
            total += piece_length;
        }
        out.extend_from_slice(&LAST_BLOCK);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        // RFC 1952: the length modulo 2^32.
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .expect("a valid gzip stream");
        text
    }

    #[test]
    fn every_fill_unpacks_to_the_text_with_its_holes_filled() {
        let nonce = "zCl9OAR2OeHmN-ddL8GYtQ";
        let page = format!(
            "<!DOCTYPE html><script nonce=\"{nonce}\">a()</script>{}<script nonce=\"{nonce}\">b()</script>",
            "<td>王小雨 · 生日</td>".repeat(2000)
        );
        let stitched = Stitched::new(&page, nonce).unwrap();
        for fill in ["AAAAAAAAAAAAAAAAAAAAAA", "-FH4qgFHICakbrPu1T1VPg", ""] {
            let bytes = stitched.fill(fill);
            assert_eq!(gunzip(&bytes), page.replace(nonce, fill), "{fill}");
            assert!(bytes.len() < page.len() / 10, "compressed: {}", bytes.len());
        }
    }

    #[test]
    fn holes_at_the_ends_and_side_by_side_and_none_at_all() {
        for text in ["HOLEabcHOLE", "HOLEHOLE", "no hole here", "", "HOLE"] {
            let stitched = Stitched::new(text, "HOLE").unwrap();
            assert_eq!(
                gunzip(&stitched.fill("新")),
                text.replace("HOLE", "新"),
                "{text}"
            );
        }
    }
}
