//! Text encodings of files people make: UTF-8 with or without BOM, Windows-1252.
//!
//! The encoding is guessed once from the first bytes of a file ([`SNIFF_LEN`]):
//! a UTF-8 BOM, else valid UTF-8, else Windows-1252 (what Excel on a Danish
//! Windows saves as "CSV"). Records are then decoded one at a time: in a file
//! that looked like UTF-8, a record that is not valid UTF-8 is read as
//! Windows-1252, because files pasted together from two sources happen.

use std::borrow::Cow;
use std::io::{self, Read};

/// How many bytes are looked at to guess the encoding (and the format).
pub const SNIFF_LEN: usize = 64 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

impl Encoding {
    /// Guesses the encoding from the first bytes of a file. UTF-16 (what Excel
    /// calls "Unicode text") is refused with a hint, and so is binary data
    /// (NUL bytes that are not UTF-16: an image, a database, `/dev/zero`).
    pub fn sniff(head: &[u8]) -> Result<Encoding, String> {
        if head.starts_with(UTF8_BOM) {
            return Ok(Encoding::Utf8Bom);
        }
        if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") || looks_utf16(head) {
            return Err(
                "the file is UTF-16 (\"Unicode text\"); save it as \"CSV UTF-8\" and try again"
                    .to_string(),
            );
        }
        if start(head).contains(&0) {
            return Err(
                "the file holds binary data (NUL bytes), not text: is it the right file? \
                 Customers are read from CSV or JSON text"
                    .to_string(),
            );
        }
        match std::str::from_utf8(head) {
            Ok(_) => Ok(Encoding::Utf8),
            // Cut off in the middle of a character at the end of the sniff.
            Err(e) if e.error_len().is_none() && head.len() - e.valid_up_to() < 4 => {
                Ok(Encoding::Utf8)
            }
            Err(_) => Ok(Encoding::Windows1252),
        }
    }

    /// The length of the byte-order mark the file starts with.
    pub fn bom_len(self) -> usize {
        match self {
            Encoding::Utf8Bom => UTF8_BOM.len(),
            _ => 0,
        }
    }

    /// As a person would name it: `UTF-8`, `UTF-8 with BOM`, `Windows-1252`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// Decodes one field. In a UTF-8 file, `None` when the bytes are not
    /// UTF-8 (the caller then decodes the whole record as Windows-1252).
    pub fn decode<'a>(self, bytes: &'a [u8]) -> Option<Cow<'a, str>> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => {
                std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
            }
            Encoding::Windows1252 => Some(decode_windows1252(bytes)),
        }
    }
}

/// The bytes the sniff looks at for UTF-16 and binary data.
fn start(head: &[u8]) -> &[u8] {
    &head[..head.len().min(256)]
}

/// No BOM, but every other byte of the start is zero (and the bytes between
/// mostly not): UTF-16 all the same.
fn looks_utf16(head: &[u8]) -> bool {
    let start = start(head);
    let pairs = start.len() / 2;
    let zeros = |parity: usize| {
        start
            .iter()
            .skip(parity)
            .step_by(2)
            .take(pairs)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    pairs >= 2 && (even.max(odd) * 3 >= pairs * 2 && even.min(odd) * 3 < pairs)
}

/// Windows-1252 bytes as text. The five bytes the code page leaves undefined
/// become the C1 control characters of the same number, as browsers do.
pub fn decode_windows1252(bytes: &[u8]) -> Cow<'_, str> {
    if bytes.is_ascii() {
        // ASCII is valid UTF-8.
        return match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => Cow::Owned(String::new()),
        };
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        out.push(windows1252_char(b));
    }
    Cow::Owned(out)
}

/// The character of one Windows-1252 byte.
pub fn windows1252_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Reads up to `limit` bytes (fewer only at the end of the input).
pub fn read_head(r: &mut impl Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(limit.min(SNIFF_LEN));
    r.by_ref().take(limit as u64).read_to_end(&mut head)?;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_bom_utf8_and_windows1252() {
        assert_eq!(Encoding::sniff(b"\xEF\xBB\xBFName"), Ok(Encoding::Utf8Bom));
        assert_eq!(Encoding::sniff("Navn;Søren".as_bytes()), Ok(Encoding::Utf8));
        assert_eq!(Encoding::sniff(b""), Ok(Encoding::Utf8));
        assert_eq!(Encoding::sniff(b"Navn;S\xF8ren"), Ok(Encoding::Windows1252));
        // A character cut off by the end of the sniff is still UTF-8.
        assert_eq!(Encoding::sniff(b"S\xC3\xB8ren \xC3"), Ok(Encoding::Utf8));
        assert_eq!(Encoding::sniff(b"S\xC3"), Ok(Encoding::Utf8));
    }

    #[test]
    fn utf16_is_refused_with_a_hint() {
        for head in [
            &b"\xFF\xFEN\0a\0m\0e\0"[..],
            b"\xFE\xFF\0N\0a",
            b"N\0a\0m\0e\0;\0",
        ] {
            let err = Encoding::sniff(head).unwrap_err();
            assert!(err.contains("CSV UTF-8"), "{err}");
        }
    }

    #[test]
    fn nul_bytes_that_are_not_utf16_are_binary_data() {
        for head in [
            &[0u8; 4096][..],
            b"\0\0\0\0",
            b"Name\n\0\x01\x02PK\x03\x04",
            b"SQLite format 3\0",
        ] {
            let err = Encoding::sniff(head).unwrap_err();
            assert!(
                err.contains("binary data (NUL bytes)") && !err.contains("UTF-16"),
                "{err}"
            );
        }
    }

    #[test]
    fn windows1252_table_covers_0x80_to_0x9f() {
        let bytes: Vec<u8> = (0x80..=0x9F).collect();
        assert_eq!(
            decode_windows1252(&bytes),
            "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ"
        );
        assert_eq!(decode_windows1252(b"\xC6r\xF8 \xE5 \xC5"), "Ærø å Å");
        assert_eq!(decode_windows1252(b"plain"), "plain");
        assert_eq!(windows1252_char(0xA0), '\u{a0}');
        assert_eq!(windows1252_char(0xFF), 'ÿ');
    }

    #[test]
    fn decode_falls_back_only_in_windows1252() {
        assert_eq!(Encoding::Utf8.decode("Ø".as_bytes()).as_deref(), Some("Ø"));
        assert_eq!(Encoding::Utf8.decode(b"\xD8"), None);
        assert_eq!(Encoding::Windows1252.decode(b"\xD8").as_deref(), Some("Ø"));
    }

    #[test]
    fn read_head_stops_at_the_limit() {
        let data = [b'x'; 100];
        let mut r = &data[..];
        assert_eq!(read_head(&mut r, 60).map(|h| h.len()).ok(), Some(60));
        assert_eq!(r.len(), 40);
    }
}
