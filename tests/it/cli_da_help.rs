//! `--help` and the command line's own errors, run as a person runs them:
//! every command's help in Danish has no English word in it and the
//! English none of the Danish; clap's errors are worded in the language,
//! with exit code 2.

use std::path::Path;
use std::process::{Command, Output};

use renos::i18n::Language;

use crate::common::bin;

/// `renos ARGS` with a private environment, in `lang`.
fn run(home: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("RENOS_LANGUAGE", lang)
        .output()
        .expect("run renos")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every command's words, as typed after `renos`.
fn every_command() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut sub = path.clone();
            sub.push(s.get_name().to_string());
            walk(s, sub, out);
        }
    }
    let mut out = Vec::new();
    walk(
        &renos::cli::help::command(Language::En.words()),
        Vec::new(),
        &mut out,
    );
    out
}

/// What clap or the doc comments would leave in a Danish help.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "[default:",
    "possible values",
    "Possible values",
    "[env:",
    "[OPTIONS]",
    "<COMMAND>",
    "[COMMAND]",
    "Print help",
    "<DATE>",
    "<TIME>",
    "<PATH>",
    "<NAME>",
    "<FILE>",
    "The ",
    " the ",
    " of ",
    " and ",
    " or ",
    "Machine-readable",
    "The booking's number",
    "The summary as JSON",
    "Report what would happen",
    "(default:",
];

/// What would show a Danish word in an English help.
const DANISH: &[&str] = &[
    "Brug:",
    "Tilvalg",
    "Kommandoer",
    "Argumenter",
    "[standard:",
    "mulige værdier",
    "Mulige værdier",
    "[miljøvariabel:",
    "[TILVALG]",
    "KOMMANDO",
    "Vis hjælp",
    "<DATO>",
    "<TID>",
    "<NAVN>",
    " og ",
    " eller ",
    "Bookingens nummer",
    "Maskinlæsbart",
];

#[test]
fn every_commands_help_speaks_one_language() {
    let home = tempfile::tempdir().expect("tmp");
    let commands = every_command();
    assert!(commands.len() > 40, "{}", commands.len());
    for (lang, foreign) in [("da", ENGLISH), ("en", DANISH)] {
        for path in &commands {
            for flag in ["--help", "-h"] {
                let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
                args.push(flag);
                let o = run(home.path(), lang, &args);
                let help = text(&o.stdout);
                assert_eq!(
                    o.status.code(),
                    Some(0),
                    "{lang} {args:?}: {}",
                    text(&o.stderr)
                );
                assert!(!help.is_empty(), "{lang} {args:?}");
                for word in foreign {
                    assert!(!help.contains(word), "{lang} {args:?}: {word:?} in\n{help}");
                }
            }
        }
    }
}

#[test]
fn the_danish_help_names_options_and_values_as_typed() {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), "da", &["sync", "--help"]);
    let help = text(&o.stdout);
    for said in [
        "Brug: renos sync [TILVALG]",
        "--direction <RETNING>",
        "Mulige værdier:",
        "- pull: Tag kun kalenderens ændringer",
        "[standard: both]",
        "--max-events <N>",
        "--json\n          Maskinlæsbart svar (JSON)",
    ] {
        assert!(help.contains(said), "{said:?} in\n{help}");
    }
    let o = run(home.path(), "da", &["book", "-h"]);
    let help = text(&o.stdout);
    assert!(
        help.contains("[standard: skip] [mulige værdier: skip, move]"),
        "{help}"
    );
    assert!(help.contains("--start <TID>"), "{help}");
    // `--language` before the command chooses the help's language.
    let o = run(home.path(), "da", &["--language", "en", "sync", "--help"]);
    let help = text(&o.stdout);
    assert!(
        help.contains("Usage: renos sync [OPTIONS]") && help.contains("[default: both]"),
        "{help}"
    );
}

/// A mistake: exit code 2, nothing on standard output, the words on
/// standard error.
fn mistake(lang: &str, args: &[&str]) -> String {
    let home = tempfile::tempdir().expect("tmp");
    let o = run(home.path(), lang, args);
    assert_eq!(o.status.code(), Some(2), "{lang} {args:?}");
    assert!(o.stdout.is_empty(), "{lang} {args:?}");
    text(&o.stderr)
}

#[test]
fn clap_errors_in_danish() {
    let said = mistake("da", &["agenda", "--jsn"]);
    assert_eq!(
        said,
        "fejl: ukendt argument '--jsn'\n\n  forslag: et lignende argument findes: '--json'\n\n\
         Brug: renos agenda [TILVALG] [DATO]\n\nSe mere med '--help'.\n"
    );
    let said = mistake("da", &["resolve"]);
    assert!(
        said.starts_with("fejl: disse argumenter mangler:\n  <BOOKING>\n  <VALG>\n"),
        "{said}"
    );
    assert!(said.contains("Brug: renos resolve"), "{said}");
    let said = mistake("da", &["sync", "--direction", "op"]);
    assert!(
        said.starts_with(
            "fejl: ugyldig værdi 'op' til '--direction <RETNING>'\n  [mulige værdier: both, pull, push]\n"
        ),
        "{said}"
    );
    let said = mistake("da", &["bok"]);
    assert!(
        said.contains("fejl: ukendt underkommando 'bok'")
            && said.contains("forslag: en lignende underkommando findes: 'book'"),
        "{said}"
    );
    let said = mistake("da", &["journal", "--limit", "0"]);
    assert!(said.contains("0 er ikke mellem 1 og 100000"), "{said}");
    for said in [
        mistake("da", &["agenda", "--jsn"]),
        mistake("da", &["resolve"]),
        mistake("da", &["journal", "--limit", "x"]),
    ] {
        for word in [
            "error", "Usage", "tip:", "found", "required", "try", "invalid",
        ] {
            assert!(!said.contains(word), "{word:?} in {said}");
        }
    }
}

#[test]
fn clap_errors_in_english_as_clap_words_them() {
    let said = mistake("en", &["agenda", "--jsn"]);
    assert_eq!(
        said,
        "error: unexpected argument '--jsn' found\n\n  tip: a similar argument exists: '--json'\n\n\
         Usage: renos agenda --json [DATE]\n\nFor more information, try '--help'.\n"
    );
    let said = mistake("en", &["resolve"]);
    assert_eq!(
        said,
        "error: the following required arguments were not provided:\n  <BOOKING>\n  <CHOICE>\n\n\
         Usage: renos resolve <BOOKING> <CHOICE>\n\nFor more information, try '--help'.\n"
    );
    let said = mistake("en", &["sync", "--direction", "up"]);
    assert_eq!(
        said,
        "error: invalid value 'up' for '--direction <DIRECTION>'\n  [possible values: both, pull, push]\n\n\
         For more information, try '--help'.\n"
    );
    let said = mistake("en", &["journal", "--limit", "0"]);
    assert!(said.contains("0 is not in 1..=100000"), "{said}");
    for said in [mistake("en", &["bok"]), mistake("en", &["resolve"])] {
        for word in ["fejl", "Brug", "forslag", "mangler", "ukendt"] {
            assert!(!said.contains(word), "{word:?} in {said}");
        }
    }
}
