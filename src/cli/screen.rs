//! Where the commands print: every line a command shows a person goes
//! through a [`Screen`], which shows outside text (names, notes, summaries,
//! reasons, provider messages) as [`printable`] makes it, so a calendar event
//! or a customer file cannot drive the dispatcher's terminal.
//!
//! The commands print nothing of their own that a terminal acts on (no
//! colours, no cursor moves; the progress bars draw themselves), so a
//! [`Screen`] cleans everything written through it and cannot be bypassed by
//! forgetting to clean one field. The `print!` family and `std::io::stdout`
//! and `stderr` are refused by clippy in the command line (see clippy.toml):
//! this module is the only way out.
//!
//! `--json` is written by [`json`]: serde_json already escapes C0 controls as
//! `\u00XX`; DEL, C1 controls and bidirectional overrides are escaped the
//! same way, so the JSON holds the exact data and is still safe to show.
//!
//! Data written to standard output (`export customers -`, `ics export -`)
//! comes from [`data_stdout`]: exact bytes into a file or a pipe, cleaned
//! like the rest when standard output is a terminal.
//!
//! [`printable`]: crate::domain::text::printable

// The one place that may reach the process's standard streams.
#![allow(clippy::disallowed_methods)]

use std::io::{self, BufWriter, IsTerminal, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter, PrettyFormatter};

use crate::domain::text::{is_unsafe, shown};

/// A writer for people to read: what passes through shows as
/// [`crate::domain::text::printable`] makes it. Bytes that are not UTF-8
/// show as `�`; a character split across two writes is put back together.
pub struct Screen<W: Write> {
    inner: W,
    /// The start of a character whose last bytes have not come yet.
    partial: Vec<u8>,
}

impl<W: Write> Screen<W> {
    pub fn new(inner: W) -> Screen<W> {
        Screen {
            inner,
            partial: Vec::new(),
        }
    }

    fn clean_into(text: &str, out: &mut String) {
        out.extend(text.chars().map(shown));
    }
}

impl<W: Write> Write for Screen<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.partial);
        bytes.extend_from_slice(buf);
        let mut out = String::with_capacity(bytes.len());
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    Self::clean_into(text, &mut out);
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // `good` is valid UTF-8 by the error's word.
                    Self::clean_into(&String::from_utf8_lossy(good), &mut out);
                    match e.error_len() {
                        Some(n) => {
                            out.push(crate::domain::text::MARK);
                            rest = &bad[n..];
                        }
                        None => {
                            self.partial = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Standard output for people, buffered (flush at the end).
pub fn stdout() -> Screen<BufWriter<io::Stdout>> {
    Screen::new(BufWriter::new(io::stdout()))
}

/// Standard error for people: warnings, refusals, the last error.
pub fn stderr() -> Screen<io::Stderr> {
    Screen::new(io::stderr())
}

/// Whether standard output is a terminal (the console needs one).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Whether standard error is a terminal (progress is drawn only there).
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

/// Standard output for data (CSV, iCalendar): the exact bytes into a file or
/// a pipe; a [`Screen`] when it is a terminal, where the data is read, not
/// kept.
pub fn data_stdout() -> Box<dyn Write> {
    let out = BufWriter::new(io::stdout());
    if io::stdout().is_terminal() {
        Box::new(Screen::new(out))
    } else {
        Box::new(out)
    }
}

/// `value` as pretty JSON and a newline, with every character a terminal
/// could act on written as a `\uXXXX` escape: the same data, safe to show.
pub fn json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Escaping::default());
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// serde_json's pretty layout, escaping what [`is_unsafe`] names in strings
/// (serde_json already escapes C0 controls itself).
#[derive(Default)]
struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        self.0.write_char_escape(w, escape)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through_screen(pieces: &[&[u8]]) -> String {
        let mut s = Screen::new(Vec::new());
        for p in pieces {
            s.write_all(p).unwrap();
        }
        String::from_utf8(s.inner).unwrap()
    }

    #[test]
    fn a_screen_cleans_what_passes() {
        let mut s = Screen::new(Vec::new());
        let name = "Ren\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}hus";
        writeln!(s, "#{}  {name}", 47).unwrap();
        assert_eq!(
            String::from_utf8(s.inner).unwrap(),
            "#47  Ren�]0;pwned��[2J�hus\n"
        );
    }

    #[test]
    fn a_character_split_between_writes_comes_through_whole() {
        let csi = "\u{9b}".as_bytes();
        let oe = "ø".as_bytes();
        assert_eq!(
            through_screen(&[
                b"S",
                &oe[..1],
                &oe[1..],
                b"ren ",
                &csi[..1],
                &csi[1..],
                b"2J"
            ]),
            "Søren �2J"
        );
        assert_eq!(through_screen(&[b"a\xffb\xc3(c"]), "a�b�(c");
    }

    #[test]
    fn json_escapes_what_a_terminal_acts_on_and_keeps_the_data() {
        let value = serde_json::json!({
            "name": "a\u{1b}[2J\u{7}b\u{7f}\u{9b}c\u{202e}d\u{2069}æ",
            "list": [1, "x"],
        });
        let mut out = Vec::new();
        json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.chars().all(|c| !is_unsafe(c) || c == '\n'), "{text:?}");
        assert!(
            text.contains(r"a\u001b[2J\u0007b\u007f\u009bc\u202ed\u2069æ"),
            "{text}"
        );
        assert!(
            text.contains("\n  \"list\": [\n    1,"),
            "pretty layout: {text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
