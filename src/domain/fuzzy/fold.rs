//! Folding text the same way on both sides: lowercase, accents dropped,
//! Danish letters and their spellings without them made one.

use super::MAX_FIELD;

/// Appends one field with `fill`, keeping at most [`MAX_FIELD`] bytes of it.
pub(super) fn push_field(text: &mut Vec<u8>, fill: impl FnOnce(&mut Vec<u8>)) {
    let from = text.len();
    fill(text);
    text.truncate(from + MAX_FIELD);
}

/// Digits only, without a leading `+45`/`0045`, so `2345` finds "+45 12 34 56 78".
pub(super) fn push_phone(phone: &str, out: &mut Vec<u8>) {
    let phone = phone.trim_start();
    let local = phone
        .strip_prefix("+45")
        .or_else(|| phone.strip_prefix("0045"))
        .unwrap_or(phone);
    fold_into(local, out, true);
}

/// How one lowercase character folds.
enum Fold {
    Byte(u8),
    Ascii(&'static str),
    Keep(char),
    /// Combining accents: dropped, so a decomposed "å" folds like "å".
    Drop,
    Separator,
}

fn fold_char(c: char) -> Fold {
    Fold::Ascii(match c {
        'a'..='z' | '0'..='9' => return Fold::Byte(c as u8),
        'æ' | 'ä' => "ae",
        'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
        'œ' => "oe",
        'å' | 'á' | 'à' | 'â' | 'ã' | 'ą' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'ę' => "e",
        'í' | 'ì' | 'î' | 'ï' => "i",
        'ú' | 'ù' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ç' | 'č' | 'ć' => "c",
        'ñ' | 'ń' => "n",
        'š' | 'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ł' => "l",
        'ð' => "d",
        'þ' => "th",
        'ß' => "ss",
        '\u{300}'..='\u{36f}' => return Fold::Drop,
        c if c.is_alphanumeric() => return Fold::Keep(c),
        _ => return Fold::Separator,
    })
}

/// Appends the folded form of `text`: lowercase, accents and Danish letters
/// folded, `aa` → `a` and `oe` → `o`, every run of other characters one space,
/// none at either end. With `join_digits`, a separator between two digits is
/// dropped (`12-34` → `1234`).
///
/// Folding never takes back what it wrote, so the folded form of a text is a
/// prefix of the folded form of any longer text starting with it: typing
/// another letter can only narrow the matches.
pub(super) fn fold_into(text: &str, out: &mut Vec<u8>, join_digits: bool) {
    let mut f = Folder {
        out,
        join_digits,
        prev: 0,
        pending_sep: false,
        wrote: false,
    };
    for c in text.chars() {
        if c.is_ascii() {
            f.char(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(|c| f.char(c));
        }
    }
}

/// The folded form of `text` as a string (see [`fold_into`]), digits kept
/// apart: for keys that match people and places spelled in different ways.
pub(crate) fn fold_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    fold_into(text, &mut out, false);
    String::from_utf8_lossy(&out).into_owned()
}

/// State of [`fold_into`] between characters.
struct Folder<'a> {
    out: &'a mut Vec<u8>,
    join_digits: bool,
    /// Last folded byte, even when collapsed; 0 after a separator.
    prev: u8,
    /// A separator is owed before the next byte.
    pending_sep: bool,
    /// Anything written yet: no separator at the start.
    wrote: bool,
}

impl Folder<'_> {
    fn char(&mut self, c: char) {
        match fold_char(c) {
            Fold::Byte(b) => self.byte(b),
            Fold::Ascii(s) => s.bytes().for_each(|b| self.byte(b)),
            Fold::Keep(c) => {
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                if let Some((&lead, rest)) = bytes.split_first() {
                    self.byte(lead);
                    self.out.extend_from_slice(rest);
                }
                self.prev = 0;
            }
            Fold::Drop => {}
            Fold::Separator => {
                self.pending_sep = self.wrote;
                self.prev = 0;
            }
        }
    }

    fn byte(&mut self, b: u8) {
        if self.pending_sep {
            self.pending_sep = false;
            let digits = self.join_digits
                && b.is_ascii_digit()
                && self.out.last().is_some_and(u8::is_ascii_digit);
            if !digits {
                self.out.push(b' ');
            }
        }
        let collapse = (b == b'a' && self.prev == b'a') || (b == b'e' && self.prev == b'o');
        self.prev = b;
        self.wrote = true;
        if !collapse {
            self.out.push(b);
        }
    }
}
