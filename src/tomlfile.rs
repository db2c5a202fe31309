//! TOML files that people write (config, keymaps, themes, demo data): every
//! error names the file and the line, on one line. [`read`] reads them (and
//! the Google key file) with a size limit; [`parse`] refuses brackets nested
//! deeper than [`MAX_NESTING`] before the TOML parser sees them (some broken
//! files make it recurse once per unclosed bracket, deep enough to overflow
//! the stack).

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::de::DeserializeOwned;

/// The most a settings file may hold (config, keymap, theme, Google key
/// file): 1 MB. A bigger file, or one that never ends, is refused.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a settings file whole, up to [`MAX_FILE_BYTES`]: past that it stops
/// and refuses the file, so `/dev/zero` costs no more than 1 MB. Errors keep
/// their kind (a missing file is `NotFound`); callers name the file.
pub fn read(path: &Path) -> io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MB, the most a settings file may hold",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not UTF-8 text"))
}

/// The deepest brackets (`[` and `{`, strings and comments aside) may nest
/// in a settings file; real ones need three or four levels.
pub const MAX_NESTING: usize = 32;

/// Parses `text`; an error is a [`TomlError`], read as `FILE: line N,
/// column M: what is wrong`.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T> {
    if let Some(line) = too_deep(text) {
        return Err(TomlError {
            file: path.to_path_buf(),
            line: Some(line),
            column: None,
            why: TomlWhy::TooDeep,
        }
        .into());
    }
    toml::from_str(text).map_err(|e| {
        let english = one_line(&e.to_string());
        // A place without words after it stays whole in the English.
        let (line, column, said) = match place(&english).filter(|(_, _, said)| !said.is_empty()) {
            Some((line, column, said)) => (Some(line), Some(column), said.to_string()),
            None => (None, None, english.clone()),
        };
        anyhow::Error::new(TomlError {
            file: path.to_path_buf(),
            line,
            column,
            why: TomlWhy::Parser { said, english },
        })
    })
}

/// `line N, column M: what` (as [`one_line`] leaves the reader's text) read
/// as its place and its words.
fn place(english: &str) -> Option<(usize, usize, &str)> {
    let rest = english.strip_prefix("line ")?;
    let (line, rest) = rest.split_once(", column ")?;
    let (column, said) = rest.split_once(": ").unwrap_or((rest, ""));
    Some((line.parse().ok()?, column.parse().ok()?, said))
}

/// A settings file that is not TOML, or not the TOML it should be: the
/// file, where, and the reader's own words. `Display` is the English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlError {
    pub file: PathBuf,
    /// 1-based, when known.
    pub line: Option<usize>,
    /// 1-based (in characters), when known.
    pub column: Option<usize>,
    pub why: TomlWhy,
}

/// What is wrong with a settings file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TomlWhy {
    /// Brackets nested deeper than [`MAX_NESTING`].
    TooDeep,
    /// The TOML reader's refusal: its own words (after the place), and the
    /// whole English text as [`one_line`] makes it.
    Parser { said: String, english: String },
}

impl std::fmt::Display for TomlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.why {
            TomlWhy::TooDeep => write!(
                f,
                "{}: line {}: brackets are nested more than {MAX_NESTING} deep (is a `]` or `}}` \
                 missing?)",
                self.file.display(),
                self.line.unwrap_or(0)
            ),
            TomlWhy::Parser { english, .. } => write!(f, "{}: {english}", self.file.display()),
        }
    }
}

impl std::error::Error for TomlError {}

/// The 1-based line where `[` and `{` outside strings and comments first
/// nest deeper than [`MAX_NESTING`], if they do. Strings are read as TOML
/// reads them: `"…"` and `'…'` end at the line's end, `"""…"""` and `'''…'''`
/// may span lines. A `]` or `}` closes only its own kind of bracket (a `]`
/// closes no `{`, as the parser reads it).
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut line) = (0, 1);
    let mut open: Vec<u8> = Vec::new();
    let mut in_str: Option<(&[u8], bool)> = None; // (closing quote, multi-line)
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
        }
        match in_str {
            Some((close, multi)) => {
                // An escape in a basic string: the next byte is not a quote.
                if c == b'\\' && close.starts_with(b"\"") {
                    if b.get(i + 1) == Some(&b'\n') {
                        line += 1;
                    }
                    i += 2;
                    continue;
                }
                if c == b'\n' && !multi {
                    in_str = None;
                } else if b[i..].starts_with(close) {
                    in_str = None;
                    i += close.len();
                    continue;
                }
            }
            None => match c {
                b'#' => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'"' | b'\'' => {
                    let triple: &[u8] = if c == b'"' { b"\"\"\"" } else { b"'''" };
                    if b[i..].starts_with(triple) {
                        in_str = Some((triple, true));
                        i += 3;
                        continue;
                    }
                    in_str = Some((if c == b'"' { b"\"" } else { b"'" }, false));
                }
                b'[' | b'{' => {
                    open.push(c);
                    if open.len() > MAX_NESTING {
                        return Some(line);
                    }
                }
                b']' | b'}' => {
                    let opener = if c == b']' { b'[' } else { b'{' };
                    if open.last() == Some(&opener) {
                        open.pop();
                    }
                }
                _ => {}
            },
        }
        i += 1;
    }
    None
}

/// toml errors span several lines (a source excerpt); keep the message on one
/// line while keeping the "line N, column M" part.
pub fn one_line(msg: &str) -> String {
    let mut lines = msg.lines().map(str::trim).filter(|l| !l.is_empty());
    let head = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches("TOML parse error at ")
        .to_string();
    let tail = lines.rfind(|l: &&str| {
        !l.starts_with('|') && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
    });
    match tail {
        Some(t) if t != head => format!("{head}: {t}"),
        _ => head,
    }
}

/// The 1-based line where a table key is written (`"key" =`, `'key' =` or
/// `key =`), for errors found after parsing; 0 when not found.
pub fn line_of_key(text: &str, key: &str) -> usize {
    let quoted = format!("\"{key}\"");
    let single = format!("'{key}'");
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with(&quoted)
                || t.starts_with(&single)
                || t.split('=').next().is_some_and(|k| k.trim() == key)
        })
        .map_or(0, |i| i + 1)
}

/// The 1-based line of a `[table]` header; 0 when not found.
pub fn line_of_table(text: &str, table: &str) -> usize {
    text.lines()
        .position(|l| {
            let t = l.trim();
            !t.starts_with("[[")
                && t.strip_prefix('[')
                    .and_then(|t| t.split(']').next())
                    .is_some_and(|name| name.trim().trim_matches('"') == table)
        })
        .map_or(0, |i| i + 1)
}

/// The 1-based line of `key` inside `[table]` (see `line_of_key`); 0 when
/// not found.
pub fn line_of_key_in(text: &str, table: &str, key: &str) -> usize {
    let header = line_of_table(text, table);
    if header == 0 {
        return line_of_key(text, key);
    }
    let section: Vec<&str> = text
        .lines()
        .skip(header)
        .take_while(|l| !l.trim_start().starts_with('['))
        .collect();
    match line_of_key(&section.join("\n"), key) {
        0 => 0,
        n => header + n,
    }
}

/// The lines of every key of a text, by table, found in one pass: the same
/// answers as [`line_of_key_in`], at a lookup's cost, for a file with many
/// keys (each search from the top would cost the whole file again).
#[derive(Debug, Default)]
pub struct KeyLines {
    /// (table, key) → line, the first of each in its table's section.
    in_table: std::collections::HashMap<(String, String), usize>,
    /// key → line, the first in the whole text.
    anywhere: std::collections::HashMap<String, usize>,
    /// The tables that have a header.
    tables: std::collections::HashSet<String>,
}

impl KeyLines {
    pub fn new(text: &str) -> KeyLines {
        let mut k = KeyLines::default();
        // The table whose section the line is in: after its first header,
        // up to the next line starting with `[`.
        let mut section: Option<String> = None;
        for (i, l) in text.lines().enumerate() {
            let t = l.trim_start();
            if t.starts_with('[') {
                section = None;
                if !t.starts_with("[[")
                    && let Some(name) = t
                        .strip_prefix('[')
                        .and_then(|t| t.split(']').next())
                        .map(|n| n.trim().trim_matches('"').to_string())
                    && k.tables.insert(name.clone())
                {
                    section = Some(name);
                }
            }
            for key in keys_on(t) {
                k.anywhere.entry(key.to_string()).or_insert(i + 1);
                if let Some(s) = &section {
                    k.in_table
                        .entry((s.clone(), key.to_string()))
                        .or_insert(i + 1);
                }
            }
        }
        k
    }

    /// As [`line_of_key_in`]: the line of `key` inside `[table]`, or
    /// anywhere when the table has no header; 0 when not found.
    pub fn of(&self, table: &str, key: &str) -> usize {
        if self.tables.contains(table) {
            let at = (table.to_string(), key.to_string());
            self.in_table.get(&at).copied().unwrap_or(0)
        } else {
            self.anywhere.get(key).copied().unwrap_or(0)
        }
    }
}

/// The keys a line may be read as by [`line_of_key`]: quoted at its
/// start, or bare before `=`.
fn keys_on(t: &str) -> impl Iterator<Item = &str> {
    let quoted = ['"', '\''].into_iter().filter_map(move |q| {
        let rest = t.strip_prefix(q)?;
        rest.find(q).map(|end| &rest[..end])
    });
    let bare = t.split('=').next().map(str::trim);
    quoted.chain(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_agree_with_the_searches() {
        let text = "[normal]\n\"esc\" = \"cancel\"\nq = \"quit\"\n\n[ form ]\n\"esc\" = \"close\"\n\
                    'x' = \"none\"\n[[arr]]\nesc = 1\n";
        let k = KeyLines::new(text);
        for (table, key) in [
            ("normal", "esc"),
            ("normal", "q"),
            ("form", "esc"),
            ("form", "x"),
            ("form", "q"),
            ("list", "esc"),
            ("list", "x"),
            ("arr", "esc"),
            ("nope", "nope"),
        ] {
            assert_eq!(
                k.of(table, key),
                line_of_key_in(text, table, key),
                "{table} {key}"
            );
        }
    }

    #[test]
    fn keys_are_found_quoted_or_bare() {
        let text = "[keys]\n\"=\" = \"zoom_in\"\nbase = {}\n  'x' = \"quit\"\n";
        assert_eq!(line_of_key(text, "="), 2);
        assert_eq!(line_of_key(text, "base"), 3);
        assert_eq!(line_of_key(text, "x"), 4);
        assert_eq!(line_of_key(text, "nope"), 0);
    }

    #[test]
    fn keys_are_found_in_their_table() {
        let text = "[normal]\n\"esc\" = \"cancel\"\n\n[ form ]\n\"esc\" = \"close\"\n";
        assert_eq!(line_of_table(text, "form"), 4);
        assert_eq!(line_of_key_in(text, "normal", "esc"), 2);
        assert_eq!(line_of_key_in(text, "form", "esc"), 5);
        assert_eq!(line_of_key_in(text, "form", "q"), 0);
    }

    #[test]
    fn settings_files_are_read_up_to_a_limit() {
        let dir = tempfile::tempdir().expect("tmp");
        let ok = dir.path().join("ok.toml");
        std::fs::write(&ok, "a = 1\n").expect("write");
        assert_eq!(read(&ok).ok().as_deref(), Some("a = 1\n"));
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; MAX_FILE_BYTES as usize + 1]).expect("write");
        let e = read(&big).expect_err("too big");
        assert!(e.to_string().contains("larger than 1 MB"), "{e}");
        let missing = read(&dir.path().join("none.toml")).expect_err("missing");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        std::fs::write(&ok, b"a = \"\xff\"\n").expect("write");
        assert!(read(&ok).is_err());
        #[cfg(unix)]
        {
            let started = std::time::Instant::now();
            let e = read(Path::new("/dev/zero")).expect_err("endless");
            assert!(e.to_string().contains("1 MB"), "{e}");
            assert!(started.elapsed() < std::time::Duration::from_secs(2));
        }
    }

    #[test]
    fn deep_brackets_are_refused_before_parsing() {
        let ok = "a = [[1, 2], [3]]\nb = { c = { d = 1 } }\ns = \"[[[[{{{{\" # [[[[{{{{\n\
                  t = '''\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n'''\n";
        assert_eq!(too_deep(ok), None);
        assert!(parse::<toml::Table>(ok, Path::new("f.toml")).is_ok());
        // Unclosed inline tables, one a line: the parser would recurse once each.
        let broken = "x = 1\n".to_string() + &"k = { a = \"1\", b\n".repeat(40);
        assert_eq!(too_deep(&broken), Some(2 + MAX_NESTING));
        let e = parse::<toml::Table>(&broken, Path::new("f.toml")).expect_err("deep");
        assert_eq!(
            e.to_string(),
            "f.toml: line 34: brackets are nested more than 32 deep (is a `]` or `}` missing?)"
        );
        // A string that ends at the line's end leaves the brackets after it counted.
        assert!(too_deep(&format!("s = \"open\n{}", "[".repeat(33))).is_some());
        assert!(too_deep(&format!("s = \"a\\\"{}\"", "[".repeat(40))).is_none());
        // A `]` does not close a `{`.
        assert!(too_deep(&"[t]\nk = { a = \"1\"\n".repeat(40)).is_some());
        assert!(too_deep(&"[t]\nk = { a = \"1\" }\n".repeat(40)).is_none());
    }

    #[test]
    fn parse_errors_name_file_and_line_on_one_line() {
        let e = parse::<toml::Table>("a = 1\nb = \n", Path::new("f.toml")).expect_err("bad");
        let msg = e.to_string();
        assert!(
            msg.starts_with("f.toml: ") && msg.contains("line 2") && !msg.contains('\n'),
            "{msg}"
        );
    }
}
