//! The JSON reader, streaming: `serde_json` parses on a thread of its own,
//! one customer (a `Value`) at a time, and hands each over a bounded channel.
//!
//! The input itself stays on the reader's thread: the parser asks for each
//! next chunk ([`Msg::Need`]) and waits for it, so any `Read` will do and at
//! most a chunk and a few customers are held at once. A [`Tracker`] watches
//! every byte the parser takes and notes the line each customer (and each of
//! its bookings) starts on.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::io::{self, Read};
use std::rc::Rc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde::de::{
    self, DeserializeSeed, Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;

use super::json_record::convert;
use super::{CustomerRecord, FileError};
use crate::domain::BusinessTz;
use crate::interchange::text::{Encoding, decode_windows1252};

const CHUNK: usize = 64 * 1024;
/// Customers parsed ahead of the reader.
const AHEAD: usize = 64;

/// From the parser thread to the reader.
enum Msg {
    /// The parser needs the next chunk of input.
    Need,
    /// One element of the customer list.
    Element(Element),
    /// The parse is over: `None` when it went well.
    End(Option<FileError>),
}

pub(super) struct Element {
    pub(super) line: u64,
    /// Per array directly inside the element: the lines of its objects.
    pub(super) groups: Vec<Vec<u64>>,
    pub(super) value: Value,
}

pub(super) struct JsonSource {
    input: Box<dyn Read>,
    /// The sniffed start of the input, not yet handed over.
    head: Option<Vec<u8>>,
    encoding: Encoding,
    msgs: Receiver<Msg>,
    chunks: Option<SyncSender<Vec<u8>>>,
    eof: bool,
    bytes: u64,
    tz: BusinessTz,
    /// Unknown field names already warned about.
    unknown: HashSet<String>,
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
        let head = transcode(head, encoding);
        let (msg_tx, msgs) = sync_channel(AHEAD);
        let (chunks, chunk_rx) = sync_channel(1);
        std::thread::Builder::new()
            .name("json-customers".into())
            .spawn(move || parse(msg_tx, chunk_rx))
            .map_err(|e| FileError::new(None, format!("cannot start reading: {e}")))?;
        Ok(JsonSource {
            input,
            head: Some(head),
            encoding,
            msgs,
            chunks: Some(chunks),
            eof: false,
            bytes,
            tz,
            unknown: HashSet::new(),
        })
    }

    pub(super) fn next_record(
        &mut self,
        warnings: &mut Vec<String>,
    ) -> Option<Result<CustomerRecord, FileError>> {
        loop {
            let Ok(msg) = self.msgs.recv() else {
                return Some(Err(FileError::new(
                    None,
                    "reading the JSON stopped unexpectedly",
                )));
            };
            match msg {
                Msg::Need => {
                    if let Err(e) = self.feed() {
                        self.chunks = None;
                        return Some(Err(FileError::io(&e)));
                    }
                }
                Msg::Element(el) => {
                    return Some(Ok(convert(el, self.tz, &mut self.unknown, warnings)));
                }
                Msg::End(None) => return None,
                Msg::End(Some(e)) => return Some(Err(e)),
            }
        }
    }

    /// Hands the parser its next chunk (empty at the end of the input).
    fn feed(&mut self) -> io::Result<()> {
        let chunk = match self.head.take() {
            Some(head) => head,
            None if self.eof => Vec::new(),
            None => {
                let mut chunk = vec![0; CHUNK];
                let n = loop {
                    match self.input.read(&mut chunk) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                };
                chunk.truncate(n);
                self.eof = n == 0;
                self.bytes += n as u64;
                transcode(chunk, self.encoding)
            }
        };
        if let Some(tx) = &self.chunks {
            // A parser that has gone says why with its `End`.
            let _ = tx.send(chunk);
        }
        Ok(())
    }

    pub(super) fn bytes_read(&self) -> u64 {
        self.bytes
    }

    pub(super) fn describe(&self) -> String {
        match self.encoding {
            Encoding::Windows1252 => "JSON, Windows-1252".to_string(),
            _ => "JSON".to_string(),
        }
    }
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

/// The parser thread.
fn parse(tx: SyncSender<Msg>, chunks: Receiver<Vec<u8>>) {
    let track = Rc::new(RefCell::new(Tracker::new()));
    let input = Pump {
        tx: tx.clone(),
        chunks,
        buf: Vec::new(),
        pos: 0,
        track: Rc::clone(&track),
    };
    let mut de = serde_json::Deserializer::from_reader(input);
    let result = (&mut de)
        .deserialize_any(Top {
            tx: &tx,
            track: &track,
        })
        .and_then(|()| de.end());
    // When the reader has gone, nobody hears this.
    let _ = tx.send(Msg::End(result.err().map(|e| json_error(&e))));
}

fn json_error(e: &serde_json::Error) -> FileError {
    let (line, column) = (e.line() as u64, e.column());
    let full = e.to_string();
    let message = full
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&full);
    let line = (line > 0).then_some(line);
    FileError::new(
        line,
        match e.classify() {
            serde_json::error::Category::Syntax => {
                format!("the JSON is broken at column {column}: {message}")
            }
            serde_json::error::Category::Eof => {
                format!("the JSON ends too early, in the middle of a value: {message}")
            }
            serde_json::error::Category::Io => format!("cannot read the file: {message}"),
            serde_json::error::Category::Data => message.to_string(),
        },
    )
}

/// The input of the parser: chunks from the reader's thread, served a byte
/// or so at a time through the [`Tracker`].
struct Pump {
    tx: SyncSender<Msg>,
    chunks: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
    track: Rc<RefCell<Tracker>>,
}

impl Read for Pump {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.buf.len() {
            let gone = || io::Error::other("the reader has gone");
            self.tx.send(Msg::Need).map_err(|_| gone())?;
            self.buf = self.chunks.recv().map_err(|_| gone())?;
            self.pos = 0;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        let bytes = &self.buf[self.pos..self.pos + n];
        out[..n].copy_from_slice(bytes);
        let mut track = self.track.borrow_mut();
        for &b in bytes {
            track.byte(b);
        }
        self.pos += n;
        Ok(n)
    }
}

/// Follows the bytes the parser takes: the line, the nesting, strings.
struct Tracker {
    line: u64,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// The depth of the customers: 1 inside a top-level list, 2 inside `{"customers": [`.
    record_depth: u32,
    /// The next value at `record_depth` starts a customer.
    expect: bool,
    /// The line the current customer starts on.
    record_line: u64,
    /// The current container directly inside the customer is a list.
    in_list: bool,
    groups: Vec<Vec<u64>>,
}

impl Tracker {
    fn new() -> Self {
        Tracker {
            line: 1,
            depth: 0,
            in_string: false,
            escaped: false,
            record_depth: 1,
            expect: false,
            record_line: 1,
            in_list: false,
            groups: Vec::new(),
        }
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
        } else {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b':' => {}
                b',' => self.expect |= self.depth == self.record_depth,
                b'{' | b'[' => {
                    self.value_starts();
                    let inner = self.record_depth + 1;
                    if self.depth == inner {
                        self.in_list = b == b'[';
                        if self.in_list {
                            self.groups.push(Vec::new());
                        }
                    } else if self.depth == inner + 1
                        && b == b'{'
                        && self.in_list
                        && let Some(group) = self.groups.last_mut()
                    {
                        group.push(self.line);
                    }
                    self.depth += 1;
                    if self.depth == self.record_depth {
                        self.expect = true;
                    }
                }
                b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                b'"' => {
                    self.value_starts();
                    self.in_string = true;
                }
                _ => self.value_starts(),
            }
        }
        if b == b'\n' {
            self.line += 1;
        }
    }

    fn value_starts(&mut self) {
        if self.expect && self.depth == self.record_depth {
            self.expect = false;
            self.record_line = self.line;
            self.groups.clear();
        }
    }

    fn take_element(&mut self, value: Value) -> Element {
        Element {
            line: self.record_line,
            groups: std::mem::take(&mut self.groups),
            value,
        }
    }
}

/// The whole document: a list of customers, or an object with one.
struct Top<'a> {
    tx: &'a SyncSender<Msg>,
    track: &'a Rc<RefCell<Tracker>>,
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a list of customers ([{\"name\": ...}, ...]) or an object with a \"customers\" list",
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        Customers {
            tx: self.tx,
            track: self.track,
        }
        .visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if !found && key.eq_ignore_ascii_case("customers") {
                found = true;
                self.track.borrow_mut().record_depth = 2;
                map.next_value_seed(Customers {
                    tx: self.tx,
                    track: self.track,
                })?;
                self.track.borrow_mut().record_depth = 0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if found {
            Ok(())
        } else {
            Err(de::Error::custom(
                "the JSON object has no \"customers\" list; give the customers as [{\"name\": ...}, ...] or {\"customers\": [...]}",
            ))
        }
    }
}

/// The list of customers: each element is sent on as soon as it is parsed.
struct Customers<'a> {
    tx: &'a SyncSender<Msg>,
    track: &'a Rc<RefCell<Tracker>>,
}

impl<'de> DeserializeSeed<'de> for Customers<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Customers<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of customers ([{\"name\": ...}, ...])")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            let element = self.track.borrow_mut().take_element(value);
            self.tx
                .send(Msg::Element(element))
                .map_err(|_| de::Error::custom("the reader has gone"))?;
        }
        Ok(())
    }
}
