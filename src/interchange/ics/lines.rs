//! Content lines: unfolding while reading, folding while writing, parameters
//! (quoted values, RFC 6868 `^` escapes) and TEXT escaping.

use std::borrow::Cow;
use std::io::{self, BufRead, ErrorKind};

/// The longest logical line accepted (after unfolding), in bytes.
pub(crate) const MAX_LINE: usize = 4 << 20;

/// Octets per physical line when writing, CRLF not counted.
pub(crate) const FOLD_AT: usize = 75;

pub(crate) enum LineError {
    Io(io::Error),
    /// A logical line longer than [`MAX_LINE`].
    TooLong,
}

impl From<io::Error> for LineError {
    fn from(e: io::Error) -> Self {
        LineError::Io(e)
    }
}

/// Logical lines of a file: folds joined as bytes (so a fold may split a
/// UTF-8 character), line ends and a leading BOM removed, blank lines skipped.
/// One buffer is reused for every line.
pub(crate) struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    /// Number of the next physical line.
    next_line: u64,
    bytes: u64,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(inner: R) -> Self {
        LineReader {
            inner,
            buf: Vec::with_capacity(256),
            next_line: 1,
            bytes: 0,
        }
    }

    pub(crate) fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The number of the last physical line read.
    pub(crate) fn last_line(&self) -> u64 {
        self.next_line.saturating_sub(1)
    }

    /// Reads the next logical line and returns the number of its first
    /// physical line, or `None` at the end of the file.
    pub(crate) fn advance(&mut self) -> Result<Option<u64>, LineError> {
        loop {
            self.buf.clear();
            if self.read_physical()? == 0 {
                return Ok(None);
            }
            let line = self.next_line;
            self.next_line += 1;
            if line == 1 && self.buf.starts_with(b"\xEF\xBB\xBF") {
                self.buf.drain(..3);
            }
            while self.continues()? {
                self.inner.consume(1);
                self.bytes += 1;
                self.read_physical()?;
                self.next_line += 1;
            }
            if !self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                return Ok(Some(line));
            }
        }
    }

    /// The current logical line, decoded (invalid UTF-8 becomes U+FFFD).
    /// Valid text, nearly every line, is checked by the standard library's
    /// faster check and borrowed as it is.
    pub(crate) fn line(&self) -> Cow<'_, str> {
        match std::str::from_utf8(&self.buf) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&self.buf),
        }
    }

    /// Whether the next physical line is a continuation (starts with a space or tab).
    fn continues(&mut self) -> io::Result<bool> {
        loop {
            match self.inner.fill_buf() {
                Ok(b) => return Ok(matches!(b.first(), Some(b' ' | b'\t'))),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Appends one physical line without its line end; returns the bytes read.
    fn read_physical(&mut self) -> Result<usize, LineError> {
        let before = self.buf.len();
        let room = (MAX_LINE + 2).saturating_sub(before);
        // As `read_until` on at most `room` bytes, straight from the reader's
        // buffer: a line is nearly always found whole in it.
        let mut n = 0;
        while n < room {
            let available = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            if available.is_empty() {
                break;
            }
            let window = &available[..available.len().min(room - n)];
            let (take, found) = match memchr::memchr(b'\n', window) {
                Some(at) => (at + 1, true),
                None => (window.len(), false),
            };
            self.buf.extend_from_slice(&window[..take]);
            self.inner.consume(take);
            n += take;
            if found {
                break;
            }
        }
        let room = room as u64;
        self.bytes += n as u64;
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        } else if n as u64 == room {
            return Err(LineError::TooLong);
        }
        if self.buf.len() > MAX_LINE {
            return Err(LineError::TooLong);
        }
        Ok(n)
    }
}

/// `NAME;PARAM=value;...:value`, borrowed from the line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ContentLine<'a> {
    pub name: &'a str,
    /// `;A=b;C="d:e"` (may be empty).
    params: &'a str,
    pub value: &'a str,
}

impl<'a> ContentLine<'a> {
    /// `None` when the line has no `:` after its name.
    pub(crate) fn parse(s: &'a str) -> Option<Self> {
        let b = s.as_bytes();
        let name_end = memchr::memchr2(b';', b':', b)?;
        // Most lines have no parameters: the name ends at the colon.
        let colon = if b[name_end] == b':' {
            name_end
        } else {
            let mut quoted = false;
            let mut colon = None;
            for (i, &c) in b.iter().enumerate().skip(name_end) {
                match c {
                    b'"' => quoted = !quoted,
                    b':' if !quoted => {
                        colon = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            colon?
        };
        let name = trim(&s[..name_end]);
        if name.is_empty() {
            return None;
        }
        Some(ContentLine {
            name,
            params: &s[name_end..colon],
            value: &s[colon + 1..],
        })
    }

    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// A parameter's value: quotes removed, RFC 6868 escapes decoded.
    pub(crate) fn param(&self, name: &str) -> Option<Cow<'a, str>> {
        Params(self.params)
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| decode_param(v))
    }
}

/// `(name, raw value)` pairs of a parameter string, split at unquoted `;`.
struct Params<'a>(&'a str);

impl<'a> Iterator for Params<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let s = self.0.strip_prefix(';').unwrap_or(self.0);
            if s.is_empty() {
                return None;
            }
            let mut quoted = false;
            let mut end = s.len();
            for (i, c) in s.bytes().enumerate() {
                match c {
                    b'"' => quoted = !quoted,
                    b';' if !quoted => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
            }
            let item = &s[..end];
            self.0 = &s[end..];
            if let Some(at) = memchr::memchr(b'=', item.as_bytes()) {
                return Some((item[..at].trim(), &item[at + 1..]));
            }
        }
    }
}

/// `s` without white space at either end, as `str::trim`; a name or value
/// that begins and ends with a visible ASCII character (nearly every one)
/// is returned as it is without the search.
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

fn decode_param(v: &str) -> Cow<'_, str> {
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(v);
    if memchr::memchr(b'^', v.as_bytes()).is_none() {
        return Cow::Borrowed(v);
    }
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '^' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some('\'') => out.push('"'),
            Some('^') => out.push('^'),
            Some(other) => {
                out.push('^');
                out.push(other);
            }
            None => out.push('^'),
        }
    }
    Cow::Owned(out)
}

/// A parameter value for writing: RFC 6868 escapes, quoted when it holds
/// `:;,` or begins or ends with white space.
pub(crate) fn encode_param(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    for c in v.chars() {
        match c {
            '^' => out.push_str("^^"),
            '\n' => out.push_str("^n"),
            '"' => out.push_str("^'"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    let edges = out.starts_with(char::is_whitespace) || out.ends_with(char::is_whitespace);
    if edges || out.contains([':', ';', ',']) {
        format!("\"{out}\"")
    } else {
        out
    }
}

/// TEXT value: `\n` and `\N` are newlines, `\,` `\;` `\\` the character;
/// unknown escapes are kept as written.
pub(crate) fn unescape(s: &str) -> String {
    // The text between escapes is copied a run at a time (found with the
    // byte search), not a character at a time: every event has several.
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = memchr::memchr(b'\\', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(c) = after.chars().next() else {
            out.push('\\');
            return out;
        };
        match c {
            'n' | 'N' => out.push('\n'),
            ',' | ';' | '\\' | ':' | '"' => out.push(c),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
        rest = &after[c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// A comma-separated TEXT list (CATEGORIES): split at unescaped commas, unescaped.
pub(crate) fn text_list(s: &str, out: &mut Vec<String>) {
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                push_item(&s[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    push_item(&s[start..], out);
}

fn push_item(item: &str, out: &mut Vec<String>) {
    let item = unescape(item);
    let trimmed = item.trim();
    if trimmed.is_empty() {
        return;
    }
    if trimmed.len() == item.len() {
        out.push(item);
    } else {
        out.push(trimmed.to_owned());
    }
}

/// Escapes TEXT for a property value: `\` `;` `,` and newlines (`\n`). CRLF
/// and lone CR become `\n`; other control characters but tab are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at [`FOLD_AT`] octets (continuations begin with a
/// space), never inside a UTF-8 character, each physical line ending in CRLF.
pub(crate) fn fold_into(line: &str, out: &mut Vec<u8>) {
    let mut rest = line;
    let mut limit = FOLD_AT;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.extend_from_slice(&rest.as_bytes()[..cut]);
        out.extend_from_slice(b"\r\n ");
        rest = &rest[cut..];
        limit = FOLD_AT - 1;
    }
    out.extend_from_slice(rest.as_bytes());
    out.extend_from_slice(b"\r\n");
}
