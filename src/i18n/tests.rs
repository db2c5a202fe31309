//! The catalogue walked: both languages read, have the same keys and the
//! same variables, every key the code uses exists, and every variable a
//! message uses is given where it is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;
use crate::tui::action::ACTIONS;

/// Each message's variables, by key.
fn variables(lang: Language) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(lang.words().source()).expect("catalogue parses");
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A use of a message in the code: the key and the variables given.
#[derive(Debug)]
struct Use {
    file: String,
    key: String,
    /// `None` for `get` (no variables).
    given: BTreeSet<String>,
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The string literal at the start of `s` (after blanks), if any.
fn literal(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let rest = s.strip_prefix('"')?;
    rest.find('"').map(|end| &rest[..end])
}

/// `words.get("k")`, `w.with("k", &[("n", …)])`, `app.words().get("k")`,
/// and the catalogue keys of the keys' lines (`"keys-…"`).
fn uses() -> Vec<Use> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut out = Vec::new();
    // The catalogue's own module shows keys in its examples and tests.
    files.retain(|p| !p.components().any(|c| c.as_os_str() == "i18n"));
    let prefixes: BTreeSet<String> = variables(Language::En)
        .keys()
        .filter_map(|k| k.split_once('-').map(|(first, _)| first.to_string()))
        .collect();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        let file = path.display().to_string();
        for (call, has_args) in [("get(", false), ("with(", true)] {
            for (at, _) in text.match_indices(call) {
                let before = &text[..at];
                if !(before.ends_with("w.")
                    || before.ends_with("words.")
                    || before.ends_with("words()."))
                {
                    continue;
                }
                let after = &text[at + call.len()..];
                let Some(key) = literal(after).filter(|k| is_key(k)) else {
                    continue;
                };
                let mut given = BTreeSet::new();
                if has_args {
                    let args = after.find("])").map_or(after, |end| &after[..end]);
                    // `("name", value)`, on one line or spread over three.
                    for (i, _) in args.match_indices('(') {
                        let rest = &args[i + 1..];
                        if let Some(name) = literal(rest) {
                            let after = rest.trim_start()[name.len() + 2..].trim_start();
                            if after.starts_with(',') {
                                given.insert(name.to_string());
                            }
                        }
                    }
                }
                out.push(Use {
                    file: file.clone(),
                    key: key.to_string(),
                    given,
                });
            }
        }
        // Keys chosen in a `match` and asked for after it: any literal
        // shaped like a key whose first word starts a catalogue key.
        let view = path.components().any(|c| c.as_os_str() == "view");
        for (at, _) in text.match_indices('"') {
            let Some(key) = literal(&text[at..]) else {
                continue;
            };
            let known = key
                .split_once('-')
                .is_some_and(|(first, _)| prefixes.contains(first));
            if is_key(key) && known && (view || key.starts_with("keys-")) {
                out.push(Use {
                    file: file.clone(),
                    key: key.to_string(),
                    given: BTreeSet::from(["*".to_string()]),
                });
            }
        }
    }
    out
}

#[test]
fn both_catalogues_read_without_errors() {
    for lang in Language::ALL {
        assert_eq!(lang.words().errors(), &[] as &[String], "{lang}");
        assert_eq!(lang.words().language(), lang);
    }
}

#[test]
fn both_languages_have_the_same_keys_and_variables() {
    let (da, en) = (variables(Language::Da), variables(Language::En));
    let only_da: Vec<_> = da.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !da.contains_key(*k)).collect();
    assert!(only_da.is_empty(), "only in da.ftl: {only_da:?}");
    assert!(only_en.is_empty(), "only in en.ftl: {only_en:?}");
    for (key, vars) in &da {
        assert_eq!(Some(vars), en.get(key), "the variables of {key}");
    }
}

#[test]
fn every_key_the_code_uses_exists_and_gets_its_variables() {
    let vars = variables(Language::En);
    let uses = uses();
    assert!(uses.len() > 100, "the scan finds the uses: {}", uses.len());
    for u in &uses {
        let Some(needed) = vars.get(&u.key) else {
            panic!("{}: {} is in no catalogue", u.file, u.key);
        };
        // Keys found as bare literals are checked for existence only.
        if u.given.contains("*") {
            continue;
        }
        let given = u.given.clone();
        let missing: Vec<_> = needed.difference(&given).collect();
        assert!(
            missing.is_empty(),
            "{}: {} needs {missing:?}",
            u.file,
            u.key
        );
    }
    // The schedule's actions: words in the help, and in the footer for
    // those it shows.
    for (name, action, in_footer) in ACTIONS {
        let key = name.replace('_', "-");
        assert!(vars.contains_key(&format!("help-{key}")), "help-{key}");
        if *in_footer {
            assert!(vars.contains_key(&format!("footer-{key}")), "footer-{key}");
        }
        let _ = action;
    }
}

#[test]
fn a_missing_key_shows_as_itself_and_variables_fill_in() {
    let en = Language::En.words();
    assert_eq!(en.get("no-such-key"), "no-such-key");
    assert_eq!(en.with("status-bookings", &[("n", 1.into())]), "1 booking");
    assert_eq!(en.with("status-bookings", &[("n", 3.into())]), "3 bookings");
    let da = Language::Da.words();
    assert_eq!(
        da.with("status-clashes", &[("n", 2.into())]),
        "2 dobbeltbookinger"
    );
    assert_eq!(Language::parse(" EN "), Some(Language::En));
    assert_eq!(Language::parse("dansk"), Some(Language::Da));
    assert_eq!(Language::parse("sv"), None);
    assert_eq!(Language::default(), Language::Da);
}
