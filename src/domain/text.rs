//! Text from outside made safe to show on a terminal.
//!
//! Names, addresses, notes, event summaries, reasons and provider messages
//! come from customer files, calendars, Google, Billy and Twilio. A terminal
//! acts on some characters instead of showing them: `ESC ]0;…BEL` retitles
//! the window, `ESC [2J` clears the screen, a C1 `CSI` (U+009B) does the same
//! on terminals that take 8-bit controls, a carriage return lets later text
//! overwrite what was printed before it, and the bidirectional overrides turn
//! the rest of a line around so it reads differently from what it holds.
//! [`printable`] keeps the text's meaning and takes those powers away.
//!
//! What each character becomes:
//! - newline and tab stay: they are the structure of notes and reports;
//! - carriage return, vertical tab and form feed become a space: they are
//!   white space in the text (a Windows line end, a page break), and a space
//!   keeps the words apart without moving the cursor;
//! - every other C0 control (U+0000–U+001F), DEL (U+007F), every C1 control
//!   (U+0080–U+009F) and the bidirectional embeddings, overrides and
//!   isolates (U+202A–U+202E, U+2066–U+2069) become [`MARK`], `�`: visible,
//!   so whoever reads sees that the text held something odd (and can look at
//!   the exact data with `--json`) instead of having it vanish without trace.
//!
//! The stored data is never changed; only what is shown.

use std::borrow::Cow;

/// What an unsafe character is shown as: the Unicode replacement character.
pub const MARK: char = '\u{FFFD}';

/// What `c` is shown as on a terminal (see the module's list).
pub fn shown(c: char) -> char {
    match c {
        '\n' | '\t' => c,
        '\r' | '\u{0B}' | '\u{0C}' => ' ',
        c if is_unsafe(c) => MARK,
        c => c,
    }
}

/// Whether a terminal may act on `c` instead of showing it: a C0 or C1
/// control, DEL, or a bidirectional embedding, override or isolate.
/// Newline and tab count as unsafe too; [`shown`] keeps them as structure.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` as it may be shown on a terminal: borrowed when nothing needed
/// changing (the usual case).
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(shown).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(
            printable("Ren\u{1b}]0;pwned\u{7}\u{1b}[2J hus"),
            "Ren�]0;pwned��[2J hus"
        );
        assert_eq!(printable("a\u{9b}2Jb\u{7f}c\u{0}"), "a�2Jb�c�");
    }

    #[test]
    fn structure_stays_and_line_moves_become_spaces() {
        assert_eq!(printable("to\nlinjer\tTab"), "to\nlinjer\tTab");
        assert!(matches!(printable("Søren Østergaard"), Cow::Borrowed(_)));
        assert_eq!(printable("OK\r\nsnyd\u{b}\u{c}"), "OK \nsnyd  ");
    }

    #[test]
    fn bidi_overrides_and_isolates_are_marked() {
        assert_eq!(
            printable("a\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}b"),
            "a�����b"
        );
        assert_eq!(printable("\u{2066}\u{2067}\u{2068}\u{2069}"), "����");
        // Marks that only steer neutral characters, and other letters, stay.
        assert_eq!(printable("\u{200e}שלום æøå"), "\u{200e}שלום æøå");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let out = printable(&all);
        assert!(out.chars().all(|c| !is_unsafe(c) || c == '\n' || c == '\t'));
        // One character in, one out: columns and positions stay.
        assert_eq!(out.chars().count(), all.chars().count());
    }
}
