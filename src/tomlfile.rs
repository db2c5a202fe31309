//! TOML files that people write (config, keymaps, themes, demo data): every
//! error names the file and the line, on one line.

use std::path::Path;

use anyhow::{Result, anyhow};
use serde::de::DeserializeOwned;

/// Parses `text`; an error reads `FILE: line N, column M: what is wrong`.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T> {
    toml::from_str(text).map_err(|e| anyhow!("{}: {}", path.display(), one_line(&e.to_string())))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_quoted_or_bare() {
        let text = "[keys]\n\"=\" = \"zoom_in\"\nbase = {}\n  'x' = \"quit\"\n";
        assert_eq!(line_of_key(text, "="), 2);
        assert_eq!(line_of_key(text, "base"), 3);
        assert_eq!(line_of_key(text, "x"), 4);
        assert_eq!(line_of_key(text, "nope"), 0);
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
