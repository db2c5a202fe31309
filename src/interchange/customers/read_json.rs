//! The JSON reader, streaming: the list of customers is walked by hand, a
//! chunk of input at a time, and each customer's bytes are cut out and
//! parsed by `serde_json` on their own. So at most one chunk and one
//! customer are held, whatever the size of the file.
//!
//! The walk follows strings and nesting of every customer it cuts out, which
//! gives the line each customer (and each of its bookings) starts on, and
//! the position of any syntax error `serde_json` finds within it.

use std::collections::HashSet;
use std::io::{self, Read};

use serde::de::IgnoredAny;

use super::json_record::convert;
use super::limits::{MAX_FIELD, MAX_JSON_CUSTOMER, size};
use super::lite::Lite;
use super::{CustomerRecord, FileError, Shape, Warning};
use crate::domain::BusinessTz;
use crate::interchange::text::{Encoding, decode_windows1252};

const CHUNK: usize = 64 * 1024;

/// A customer cut out into `JsonSource::value`.
struct Element {
    line: u64,
    column: u64,
    /// Per list directly inside the customer: the lines of its objects.
    groups: Vec<Vec<u64>>,
}

/// Where the walk is in the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// Just inside the customer list.
    First,
    /// After a customer.
    Next,
    /// After the customer list inside `{"customers": [...]`.
    WrapperRest,
    /// After the document: only blanks may follow.
    End,
    Done,
}

pub(super) struct JsonSource {
    input: Box<dyn Read>,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    encoding: Encoding,
    /// Line and column (in bytes, from 1) of `buf[pos]`.
    line: u64,
    column: u64,
    bytes: u64,
    state: State,
    wrapped: bool,
    /// The bytes of the value being cut out.
    value: Vec<u8>,
    stack: Vec<u8>,
    tz: BusinessTz,
    /// Unknown field names already warned about.
    unknown: HashSet<String>,
    fallback_warned: bool,
}

impl JsonSource {
    pub(super) fn new(
        mut head: Vec<u8>,
        input: Box<dyn Read>,
        encoding: Encoding,
        tz: BusinessTz,
    ) -> Result<JsonSource, FileError> {
        let bytes = head.len() as u64;
        head.drain(..encoding.bom_len());
        Ok(JsonSource {
            input,
            buf: transcode(head, encoding),
            pos: 0,
            eof: false,
            encoding,
            line: 1,
            column: 1,
            bytes,
            state: State::Start,
            wrapped: false,
            value: Vec::new(),
            stack: Vec::new(),
            tz,
            unknown: HashSet::new(),
            fallback_warned: false,
        })
    }

    pub(super) fn next_record(
        &mut self,
        warnings: &mut Vec<Warning>,
    ) -> Option<Result<CustomerRecord, FileError>> {
        let result = match self.step() {
            Ok(Some(el)) => self.customer(&el, warnings),
            Ok(None) => return None,
            Err(e) => Err(e),
        };
        if result.is_err() {
            self.state = State::Done;
        }
        Some(result)
    }

    /// Parses and checks the customer cut out.
    fn customer(
        &mut self,
        el: &Element,
        warnings: &mut Vec<Warning>,
    ) -> Result<CustomerRecord, FileError> {
        let e = match serde_json::from_slice::<Lite<'_>>(&self.value) {
            Ok(value) => {
                let (tz, unknown) = (self.tz, &mut self.unknown);
                return Ok(convert(el.line, &el.groups, value, tz, unknown, warnings));
            }
            Err(e) => e,
        };
        if std::str::from_utf8(&self.value).is_ok() {
            return Err(located(&e, el.line, el.column));
        }
        // JSON is UTF-8; a customer that is not was saved by another program.
        self.value = decode_windows1252(&self.value).into_owned().into_bytes();
        if !self.fallback_warned {
            self.fallback_warned = true;
            warnings.push(Warning::NotUtf8 {
                line: el.line,
                csv: false,
            });
        }
        let value: Lite<'_> = parse(&self.value, el.line, el.column)?;
        Ok(convert(
            el.line,
            &el.groups,
            value,
            self.tz,
            &mut self.unknown,
            warnings,
        ))
    }

    /// Walks to the next customer.
    fn step(&mut self) -> Result<Option<Element>, FileError> {
        loop {
            match self.state {
                State::Start => match self.peek()? {
                    Some(b'[') => {
                        self.bump();
                        self.state = State::First;
                    }
                    Some(b'{') => {
                        self.bump();
                        self.wrapped = true;
                        self.keys(true)?;
                    }
                    _ => {
                        return Err(self.broken(
                            "expected a list of customers ([{\"name\": ...}, ...]) or an object \
                             with a \"customers\" list",
                        ));
                    }
                },
                State::First | State::Next => {
                    let first = self.state == State::First;
                    match self.peek()? {
                        None => return Err(self.too_early()),
                        Some(b']') => {
                            self.bump();
                            self.state = if self.wrapped {
                                State::WrapperRest
                            } else {
                                State::End
                            };
                        }
                        Some(b',') if !first => {
                            self.bump();
                            match self.peek()? {
                                None => return Err(self.too_early()),
                                Some(b']' | b',') => {
                                    return Err(self.broken("expected a customer after `,`"));
                                }
                                Some(_) => return self.element().map(Some),
                            }
                        }
                        Some(_) if first => return self.element().map(Some),
                        Some(_) => return Err(self.broken("expected `,` or `]`")),
                    }
                }
                State::WrapperRest => match self.peek()? {
                    Some(b',') => {
                        self.bump();
                        self.keys(false)?;
                    }
                    Some(b'}') => {
                        self.bump();
                        self.state = State::End;
                    }
                    None => return Err(self.too_early()),
                    Some(_) => return Err(self.broken("expected `,` or `}`")),
                },
                State::End => match self.peek()? {
                    None => {
                        self.state = State::Done;
                        return Ok(None);
                    }
                    Some(_) => return Err(self.broken("trailing characters")),
                },
                State::Done => return Ok(None),
            }
        }
    }

    /// The fields of `{"customers": [...], ...}` up to the list, or to the
    /// end of the object (an error if the list was not there).
    fn keys(&mut self, mut first: bool) -> Result<(), FileError> {
        loop {
            match self.peek()? {
                Some(b'}') if first => return Err(self.no_list()),
                Some(b'"') => {}
                None => return Err(self.too_early()),
                Some(_) => return Err(self.broken("expected a field name in quotes")),
            }
            let (line, column) = (self.line, self.column);
            self.cut()?;
            let key: String = parse(&self.value, line, column)?;
            if self.peek()? != Some(b':') {
                return Err(self.broken("expected `:`"));
            }
            self.bump();
            if self.state != State::WrapperRest && key.eq_ignore_ascii_case("customers") {
                if self.peek()? != Some(b'[') {
                    return Err(self.broken("\"customers\" must be a list: [{\"name\": ...}, ...]"));
                }
                self.bump();
                self.state = State::First;
                return Ok(());
            }
            if self.peek()?.is_none() {
                return Err(self.too_early());
            }
            let (line, column) = (self.line, self.column);
            self.cut()?;
            let IgnoredAny = parse(&self.value, line, column)?;
            match self.peek()? {
                Some(b',') => {
                    self.bump();
                    first = false;
                }
                Some(b'}') if self.state == State::WrapperRest => {
                    self.bump();
                    self.state = State::End;
                    return Ok(());
                }
                Some(b'}') => return Err(self.no_list()),
                None => return Err(self.too_early()),
                Some(_) => return Err(self.broken("expected `,` or `}`")),
            }
        }
    }

    /// Cuts out one customer.
    fn element(&mut self) -> Result<Element, FileError> {
        let (line, column) = (self.line, self.column);
        let groups = self.cut()?;
        self.state = State::Next;
        Ok(Element {
            line,
            column,
            groups,
        })
    }

    /// Copies one value (from its first byte) into `self.value`, following
    /// strings and nesting. Returns, per list directly inside it, the lines
    /// of the objects in that list.
    fn cut(&mut self) -> Result<Vec<Vec<u64>>, FileError> {
        self.value.clear();
        self.stack.clear();
        let mut groups: Vec<Vec<u64>> = Vec::new();
        if !matches!(self.buf.get(self.pos), Some(b'{' | b'[' | b'"')) {
            self.cut_scalar()?;
            return Ok(groups);
        }
        let (mut in_string, mut escaped, mut in_list) = (false, false, false);
        let first_line = self.line;
        // Where the string being walked starts in `value`, and its line.
        let (mut string_start, mut string_line) = (0, self.line);
        loop {
            if !self.fill()? {
                return Err(self.too_early());
            }
            let buf = &self.buf;
            let start = self.pos;
            let mut line = self.line;
            // Just after the last line break of this chunk, if any.
            let mut line_begin = None;
            let mut done = false;
            let mut i = start;
            while i < buf.len() {
                if in_string {
                    if escaped {
                        escaped = false;
                        i += 1;
                        continue;
                    }
                    let found = buf[i..]
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b == b'\n');
                    i = found.map_or(buf.len(), |k| i + k + 1);
                    if (self.value.len() + i - start - string_start) as u64 > MAX_FIELD + 2 {
                        return Err(Self::string_too_long(string_line));
                    }
                    if found.is_none() {
                        break;
                    }
                    match buf[i - 1] {
                        b'"' => {
                            in_string = false;
                            if self.stack.is_empty() {
                                done = true;
                                break;
                            }
                        }
                        b'\\' => escaped = true,
                        _ => {
                            line += 1;
                            line_begin = Some(i);
                        }
                    }
                    continue;
                }
                let c = buf[i];
                i += 1;
                match c {
                    b'\n' => {
                        line += 1;
                        line_begin = Some(i);
                    }
                    b'"' => {
                        in_string = true;
                        string_start = self.value.len() + i - 1 - start;
                        string_line = line;
                    }
                    b'{' | b'[' => {
                        if self.stack.len() == 1 {
                            in_list = c == b'[';
                            if in_list {
                                groups.push(Vec::new());
                            }
                        } else if self.stack.len() == 2
                            && c == b'{'
                            && in_list
                            && let Some(group) = groups.last_mut()
                        {
                            group.push(line);
                        }
                        self.stack.push(c);
                    }
                    b'}' | b']' => {
                        let open = if c == b'}' { b'{' } else { b'[' };
                        // A mismatch ends the value; serde_json says what is wrong.
                        if self.stack.pop() != Some(open) || self.stack.is_empty() {
                            done = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.value.extend_from_slice(&buf[start..i]);
            self.column = match line_begin {
                Some(b) => (i - b) as u64 + 1,
                None => self.column + (i - start) as u64,
            };
            self.line = line;
            self.pos = i;
            if self.value.len() as u64 > MAX_JSON_CUSTOMER {
                return Err(Self::too_long(first_line));
            }
            if done {
                return Ok(groups);
            }
        }
    }

    /// Copies a number or `true`/`false`/`null` (or whatever stands there).
    fn cut_scalar(&mut self) -> Result<(), FileError> {
        let first_line = self.line;
        while self.fill()? {
            let rest = &self.buf[self.pos..];
            let n = rest
                .iter()
                .position(|b| b",]} \t\r\n".contains(b))
                .unwrap_or(rest.len());
            self.value.extend_from_slice(&rest[..n]);
            self.pos += n;
            self.column += n as u64;
            if self.value.len() as u64 > MAX_FIELD {
                return Err(Self::string_too_long(first_line));
            }
            if self.pos < self.buf.len() {
                break;
            }
        }
        Ok(())
    }

    /// The next byte that is not a blank, without taking it.
    fn peek(&mut self) -> Result<Option<u8>, FileError> {
        loop {
            if !self.fill()? {
                return Ok(None);
            }
            match self.buf[self.pos] {
                b' ' | b'\t' | b'\r' => self.bump(),
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.column = 1;
                }
                b => return Ok(Some(b)),
            }
        }
    }

    /// Takes one byte that is not a line break.
    fn bump(&mut self) {
        self.pos += 1;
        self.column += 1;
    }

    /// Makes sure `buf[pos]` exists; `false` at the end of the input.
    fn fill(&mut self) -> Result<bool, FileError> {
        while self.pos >= self.buf.len() {
            if self.eof {
                return Ok(false);
            }
            let mut chunk = std::mem::take(&mut self.buf);
            chunk.resize(CHUNK, 0);
            let n = loop {
                match self.input.read(&mut chunk) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(FileError::io(&e)),
                }
            };
            chunk.truncate(n);
            self.eof = n == 0;
            self.bytes += n as u64;
            self.buf = transcode(chunk, self.encoding);
            self.pos = 0;
        }
        Ok(true)
    }

    fn broken(&self, what: &str) -> FileError {
        FileError::new(
            Some(self.line),
            format!("the JSON is broken at column {}: {what}", self.column),
        )
    }

    fn no_list(&self) -> FileError {
        FileError::new(
            Some(self.line),
            "the JSON object has no \"customers\" list; give the customers as \
             [{\"name\": ...}, ...] or {\"customers\": [...]}",
        )
    }

    /// A customer (or other value) that started on `line` runs on too long.
    fn too_long(line: u64) -> FileError {
        FileError::new(
            Some(line),
            format!(
                "the customer on this line runs on for more than {}, the most one customer \
                 may hold; is a quote or a bracket missing?",
                size(MAX_JSON_CUSTOMER)
            ),
        )
    }

    /// A string (or number) that started on `line` is too long.
    fn string_too_long(line: u64) -> FileError {
        FileError::new(
            Some(line),
            format!(
                "a value on this line is longer than {}, the most one value may hold; is a \
                 quote missing?",
                size(MAX_FIELD)
            ),
        )
    }

    fn too_early(&self) -> FileError {
        FileError::new(
            Some(self.line),
            "the JSON ends too early, in the middle of a value",
        )
    }

    pub(super) fn bytes_read(&self) -> u64 {
        self.bytes
    }

    pub(super) fn shape(&self) -> Shape {
        Shape::Json {
            windows1252: self.encoding == Encoding::Windows1252,
        }
    }
}

/// Parses a value cut out, which started at `line`, `column`.
fn parse<'a, T: serde::Deserialize<'a>>(
    bytes: &'a [u8],
    line: u64,
    column: u64,
) -> Result<T, FileError> {
    serde_json::from_slice(bytes).map_err(|e| located(&e, line, column))
}

/// A `serde_json` error in a value that started at `line`, `column`.
fn located(e: &serde_json::Error, line: u64, column: u64) -> FileError {
    let (l, c) = (e.line() as u64, e.column() as u64);
    let at_line = line + l.saturating_sub(1);
    let at_column = if l <= 1 {
        column + c.saturating_sub(1)
    } else {
        c
    };
    let full = e.to_string();
    let message = full
        .strip_suffix(&format!(" at line {l} column {c}"))
        .unwrap_or(&full);
    FileError::new(
        Some(at_line),
        format!("the JSON is broken at column {at_column}: {message}"),
    )
}

/// JSON is UTF-8; a Windows-1252 file is made so on the way in.
fn transcode(chunk: Vec<u8>, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Windows1252 if !chunk.is_ascii() => {
            decode_windows1252(&chunk).into_owned().into_bytes()
        }
        _ => chunk,
    }
}
