//! Settings files people write: the config, keymaps, themes and the Google
//! key file. Whatever the text, a value or an error naming the file.

use std::path::Path;

use proptest::prelude::*;

use super::{Bytes, Edit, Recipe, check, recipes};
use crate::config::Settings;
use crate::providers::google::GoogleSettings;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// The config as the README shows it.
const CONFIG: &str = include_str!("seeds/config.toml");

const KEY: &str = r#"{"type": "service_account", "client_email": "sa@p.iam.gserviceaccount.com",
"private_key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
"token_uri": "https://oauth2.googleapis.com/token", "nested": [[[{"a": [1e999, -0, "\u0000"]}]]]}
"#;

const TOKENS: &[&[u8]] = &[
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"=",
    b"\"",
    b"'",
    b"\"\"\"",
    b"'''",
    b"\\u0000",
    b"\\",
    b"#",
    b".",
    b"\n[normal]\n",
    b"\n[styles]\n",
    b"\n[google.staff_calendars]\n",
    b"\"ctrl-alt-shift-f99\" = \"quit\"\n",
    b"\"q\" = \"none\"\n",
    b"\"esc\" = \"none\"\n",
    b"base = { fg = \"#zzzzzz\", bg = \"999\", modifiers = [\"blink\"] }\n",
    b"a = [[[[[[[[[[[[[[[[[[[[[[[[",
    b"a = {b = {c = {d = {",
    b"time_zone = \"Mars/Olympus\"\n",
    b"hourly_rate = \"349,5,5\"\n",
    b"interval_min = -1\n",
    b"1979-05-27T07:32:00Z",
    b"inf",
    b"nan",
    b"0x7fffffffffffffff",
];

fn seeds() -> Vec<Vec<u8>> {
    [
        CONFIG.as_bytes(),
        include_bytes!("../tui/keymap.toml"),
        include_bytes!("../../themes/dark.toml"),
        include_bytes!("../../themes/high-contrast.toml"),
        include_bytes!("../../themes/light.toml"),
        include_bytes!("../../themes/monochrome.toml"),
        KEY.as_bytes(),
    ]
    .iter()
    .map(|s| s.to_vec())
    .collect()
}

/// An error must name the file.
fn named(e: &anyhow::Error) -> Result<(), String> {
    let text = format!("{e:#}");
    match text.contains("fuzz.toml") {
        true => Ok(()),
        false => Err(format!("an error that does not name the file: {text}")),
    }
}

/// The kinds of settings file.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Config,
    Keymap,
    Theme,
    GoogleKey,
}

/// Reads `text` as a settings file of `kind`.
pub(crate) fn parse(text: &str, kind: Kind) -> Result<(), String> {
    let path = Path::new("fuzz.toml");
    match kind {
        Kind::Config => Settings::parse(text, path).map(drop).or_else(|e| named(&e)),
        Kind::Keymap => Keymap::parse(text, path, Some(Keymap::default()))
            .map(drop)
            .or_else(|e| named(&e)),
        Kind::Theme => Theme::parse(text, path, Theme::dark())
            .map(drop)
            .or_else(|e| named(&e)),
        Kind::GoogleKey => match GoogleSettings::from_key_json(text, None, None) {
            Err(e) if e.trim().is_empty() => Err("a key file error without words".into()),
            _ => Ok(()),
        },
    }
}

fn kind() -> impl Strategy<Value = Kind> {
    proptest::sample::select(&[Kind::Config, Kind::Keymap, Kind::Theme, Kind::GoogleKey][..])
}

#[test]
fn settings_files_read_or_name_the_file() {
    let seeds = seeds();
    check(
        "settings",
        256,
        (recipes(seeds.len(), TOKENS), kind()),
        |(r, k): &(Recipe, Kind)| parse(&r.text(&seeds), *k),
    );
}

/// Files of the full 1 MB a settings file may hold, made to cost: brackets
/// nested as deep as they fit, a key of a million parts, a million lines.
#[test]
fn a_full_megabyte_of_the_worst_is_read_or_refused_in_bounds() {
    let mb = crate::tomlfile::MAX_FILE_BYTES as usize;
    let texts = [
        format!("a = {}", "[".repeat(mb - 4)),
        format!("a = {}", "{b = ".repeat((mb - 4) / 5)),
        format!("{}b = 1", "a.".repeat((mb - 5) / 2)),
        "[normal]\n\"q\" = \"quit\"\n".repeat(mb / 24),
        "x = 1\n".repeat(mb / 6),
        format!("[styles]\nbase = {{ fg = \"{}\" }}\n", "9".repeat(mb - 40)),
        format!("{}\"}}", "{\"a\": [".repeat(mb / 8)),
    ];
    for (i, text) in texts.iter().enumerate() {
        let kinds = match i {
            6 => vec![Kind::GoogleKey],
            _ => vec![Kind::Config, [Kind::Keymap, Kind::Theme][i % 2]],
        };
        for k in kinds {
            let clock = super::cpu_time();
            let r = parse(text, k);
            assert!(r.is_ok(), "{k:?} {:?}: {r:?}", &text[..40]);
            let took = super::cpu_time().saturating_sub(clock);
            assert!(took < super::BOUND, "{k:?} {:?}: {took:?}", &text[..40]);
        }
    }
}

/// Inputs the long runs found, kept as recipes: each once crashed or was
/// the slowest of its run.
#[test]
fn inputs_found_by_the_long_runs_are_read_in_bounds() {
    let seeds = seeds();
    let found = [
        // An inline table left open on each of a thousand lines: the TOML
        // parser recursed once per line and overflowed the stack.
        (
            Recipe {
                seed: 4,
                edits: vec![
                    Edit::Repeat(3160179147, 77, 1103),
                    Edit::Insert(3119381374, Bytes(b"\x00".to_vec())),
                ],
            },
            Kind::Keymap,
        ),
        (
            Recipe {
                seed: 4,
                edits: vec![Edit::Repeat(3160179147, 77, 11030)],
            },
            Kind::Config,
        ),
        // The same with a `]` on each line, which closes no `{`.
        (
            Recipe {
                seed: 2,
                edits: vec![Edit::Repeat(694711300, 118, 1667)],
            },
            Kind::Theme,
        ),
        // Thousands of bindings (or styles): each error looked for its key's
        // line from the top of the file.
        (
            Recipe {
                seed: 1,
                edits: vec![Edit::Repeat(617413916, 13, 27694)],
            },
            Kind::Theme,
        ),
        (
            Recipe {
                seed: 1,
                edits: vec![Edit::Repeat(617413916, 13, 27694)],
            },
            Kind::Keymap,
        ),
        // A megabyte of comments: each binding looked for its line from the
        // top (1.35 s of CPU in the debug build, now 0.13 s).
        (
            Recipe {
                seed: 1,
                edits: vec![Edit::Repeat(2251905986, 29, 156051)],
            },
            Kind::Keymap,
        ),
    ];
    super::replay(&found, |(recipe, kind)| parse(&recipe.text(&seeds), *kind));
}
