//! How a kept calendar feed (and a kept page) is sent: compressed once when it is made
//! (brotli and gzip), in the coding the phone asks for, with a strong ETag per coding and
//! `If-None-Match` answered for the coding about to be sent.

use app::calendar::types::MadeFeed;

/// A feed as it is kept: its text, compressed once with brotli and gzip (a phone polls a
/// feed often; compressing 157 KB on every request cost more than making it), and the
/// SHA-256 of the text.
pub fn made_feed(text: String) -> MadeFeed {
    use sha2::{Digest, Sha256};
    use std::io::Write;
    let hash = hex::encode(Sha256::digest(text.as_bytes()));
    let mut brotli = Vec::new();
    // Quality 9 of 11: within a few per cent of the best, in milliseconds.
    brotli::BrotliCompress(
        &mut text.as_bytes(),
        &mut brotli,
        &brotli::enc::BrotliEncoderParams {
            quality: 9,
            ..Default::default()
        },
    )
    .expect("brotli into memory cannot fail");
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(text.as_bytes())
        .expect("gzip into memory cannot fail");
    MadeFeed {
        hash: hash.into(),
        brotli: brotli.into(),
        gzip: gzip.finish().expect("gzip into memory cannot fail").into(),
        text: text.into_bytes().into(),
    }
}

/// How much a client's `Accept-Encoding` weighs `coding` (its `q`, 1 when unweighed, the
/// weight of `*` when not named, 0 when refused or unreadable). `x-gzip` is `gzip`, as
/// RFC 9110 §8.4.1.3 asks of a recipient (older HTTP clients still send it).
pub fn weight(accept_encoding: Option<&str>, coding: &str) -> f32 {
    let mut any = 0.0;
    for item in accept_encoding.unwrap_or("").split(',') {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let q = parts
            .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
            .map_or(Some(1.0), |q| q.parse::<f32>().ok())
            .unwrap_or(0.0);
        let alias = (coding == "gzip").then_some("x-gzip");
        if name.eq_ignore_ascii_case(coding) || alias.is_some_and(|a| name.eq_ignore_ascii_case(a))
        {
            return q;
        }
        if name == "*" {
            any = q;
        }
    }
    any
}

/// The content coding a feed is sent in, from the phone's `Accept-Encoding` (RFC 9110
/// §12.5.3): brotli or gzip, whichever it weighs higher (brotli on a tie), or the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    pub fn asked(accept_encoding: Option<&str>) -> Coding {
        let weight_of = |coding| weight(accept_encoding, coding);
        let (br, gzip) = (weight_of("br"), weight_of("gzip"));
        if br > 0.0 && br >= gzip {
            Coding::Brotli
        } else if gzip > 0.0 {
            Coding::Gzip
        } else {
            Coding::Identity
        }
    }

    /// A strong ETag per coding, as RFC 9110 §8.8.3 asks of different representations.
    pub fn etag(self, hash: &str) -> String {
        match self {
            Coding::Brotli => format!("\"{hash}-br\""),
            Coding::Gzip => format!("\"{hash}-gz\""),
            Coding::Identity => format!("\"{hash}\""),
        }
    }
}

/// Whether `If-None-Match` (a list of tags, or `*`) names `etag`, the representation about
/// to be sent (RFC 9110 §13.1.2: the weak comparison, so a `W/` prefix is ignored).
pub fn none_match_hits(if_none_match: &str, etag: &str) -> bool {
    if_none_match.trim() == "*"
        || if_none_match
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == etag)
}

#[cfg(test)]
mod tests {
    use super::Coding;

    #[test]
    fn if_none_match_names_the_etag_in_a_list_weakly_or_by_star() {
        let made = super::made_feed("BEGIN:VCALENDAR".into());
        let etag = Coding::Identity.etag(&made.hash);
        assert_eq!(etag.len(), 66, "a quoted SHA-256 in hex: {etag}");
        assert_eq!(made.hash, super::made_feed("BEGIN:VCALENDAR".into()).hash);
        assert_ne!(made.hash, super::made_feed("BEGIN:VCALENDAR ".into()).hash);
        let hits = |tags: &str| super::none_match_hits(tags, &etag);
        assert!(hits(&etag));
        assert!(hits(&format!("\"x\", W/{etag}")));
        assert!(hits("*"));
        assert!(
            !hits(&Coding::Brotli.etag(&made.hash)),
            "another representation"
        );
        assert!(!hits("\"x\""));
        assert!(!hits(etag.trim_matches('"')));
    }

    #[test]
    fn a_feed_is_sent_in_the_coding_the_phone_weighs_highest() {
        assert_eq!(Coding::asked(Some("gzip, deflate, br")), Coding::Brotli);
        assert_eq!(Coding::asked(Some("gzip")), Coding::Gzip);
        assert_eq!(
            Coding::asked(Some("x-gzip")),
            Coding::Gzip,
            "RFC 9110 §8.4.1.3"
        );
        assert_eq!(Coding::asked(Some("X-GZIP;q=0.5, br;q=0.4")), Coding::Gzip);
        assert_eq!(Coding::asked(Some("x-gzip;q=0")), Coding::Identity);
        assert_eq!(Coding::asked(Some("br;q=0.5, gzip;q=0.8")), Coding::Gzip);
        assert_eq!(Coding::asked(Some("br;q=0, gzip;q=0")), Coding::Identity);
        assert_eq!(Coding::asked(Some("*")), Coding::Brotli);
        assert_eq!(Coding::asked(Some("*;q=0.1, br;q=0")), Coding::Gzip);
        assert_eq!(Coding::asked(Some("identity")), Coding::Identity);
        assert_eq!(
            Coding::asked(Some("br;q=x")),
            Coding::Identity,
            "an unreadable weight"
        );
        assert_eq!(Coding::asked(None), Coding::Identity);
    }

    #[test]
    fn a_kept_feed_unpacks_to_its_text() {
        use std::io::Read;
        let text = "BEGIN:VCALENDAR\r\n".repeat(1000);
        let made = super::made_feed(text.clone());
        assert!(made.brotli.len() < text.len() / 10 && made.gzip.len() < text.len() / 10);
        let mut unpacked = String::new();
        brotli::Decompressor::new(&made.brotli[..], 4096)
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, text);
        unpacked.clear();
        flate2::read::GzDecoder::new(&made.gzip[..])
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, text);
    }
}
