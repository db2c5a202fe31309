//! The command tree walked: every command, argument, placeholder and choice
//! has its words in both catalogues, the English ones are the doc
//! comments', and the help of every command is in one language.

use std::ffi::OsString;

use super::tree::{Keys, choice_key, described_choices, value_key, value_names};
use super::*;

/// A key the command line needs, with clap's English text for it.
#[derive(Debug)]
struct Need {
    key: String,
    english: String,
}

/// Every key the tree under `cmd` needs.
fn needs(cmd: &Command, keys: &Keys, out: &mut Vec<Need>) {
    out.push(Need {
        key: keys.about.clone(),
        english: cmd.get_about().map(|a| a.to_string()).unwrap_or_default(),
    });
    if let Some(long) = cmd.get_long_about() {
        out.push(Need {
            key: format!("{}-long", keys.about),
            english: long.to_string(),
        });
    }
    for a in cmd.get_arguments() {
        let key = keys.arg(Language::En.words(), a);
        out.push(Need {
            key: key.clone(),
            english: a.get_help().map(|h| h.to_string()).unwrap_or_default(),
        });
        for name in value_names(a) {
            out.push(Need {
                key: value_key(&name),
                english: name,
            });
        }
        for p in described_choices(a) {
            out.push(Need {
                key: choice_key(&key, p.get_name()),
                english: p.get_help().map(|h| h.to_string()).unwrap_or_default(),
            });
        }
    }
    for s in cmd.get_subcommands() {
        needs(s, &keys.sub(s.get_name()), out);
    }
}

fn built() -> Command {
    let mut cmd = Cli::command();
    cmd.build();
    cmd
}

/// A new option, command or placeholder without words in both languages
/// fails here, naming the key and clap's English for it.
#[test]
fn every_command_argument_and_placeholder_has_words_in_both_languages() {
    let mut all = Vec::new();
    needs(&built(), &Keys::top(), &mut all);
    assert!(all.len() > 200, "the walk finds the tree: {}", all.len());
    for lang in Language::ALL {
        let w = lang.words();
        let missing: Vec<String> = all
            .iter()
            .filter(|n| !w.has(&n.key))
            .map(|n| format!("{} = {}", n.key, n.english))
            .collect();
        assert!(
            missing.is_empty(),
            "{lang}: {} missing:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }
}

/// Where a doc comment says something, the English catalogue says the
/// same, so the source and the help do not drift apart.
#[test]
fn the_english_catalogue_says_what_the_doc_comments_say() {
    let mut all = Vec::new();
    needs(&built(), &Keys::top(), &mut all);
    let en = Language::En.words();
    let mut checked = 0;
    for n in all.iter().filter(|n| !n.english.is_empty()) {
        if n.key.ends_with("--help") || n.key.ends_with("--version") {
            continue; // clap's own, in the catalogue as it says them
        }
        assert_eq!(en.get(&n.key), n.english, "{}", n.key);
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

/// The help of every command, short and long.
fn every_help(w: Words) -> Vec<(String, String)> {
    fn walk(cmd: &mut Command, path: String, out: &mut Vec<(String, String)>) {
        out.push((path.clone(), cmd.render_help().to_string()));
        out.push((path.clone(), cmd.render_long_help().to_string()));
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in names {
            if let Some(sub) = cmd.find_subcommand_mut(&name) {
                walk(sub, format!("{path} {name}"), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&mut command(w), "renos".into(), &mut out);
    out
}

/// English words clap or the doc comments would leave in a help.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "default:",
    "possible values",
    "Possible values",
    "env:",
    "[OPTIONS]",
    "COMMAND>",
    "COMMAND]",
    "Print",
    "<DATE>",
    "<TIME>",
    "<PATH>",
    "<NAME>",
    "<FILE>",
    "<TEXT>",
    "<REASON>",
    "<BOOKING> <CHOICE>",
    "The ",
    " the ",
    " of ",
    " and ",
    " or ",
    "Machine-readable",
    "JSON instead",
];

/// Danish words that would show the catalogue mixed up.
const DANISH: &[&str] = &[
    "Brug:",
    "Tilvalg",
    "Kommandoer",
    "Argumenter",
    "standard:",
    "mulige værdier",
    "Mulige værdier",
    "miljø",
    "TILVALG",
    "KOMMANDO",
    "Vis ",
    "<DATO>",
    "<TID>",
    "<NAVN>",
    " og ",
    " eller ",
    "Kunden",
    "Rengøreren",
    "Filen",
    "Hvor ",
];

#[test]
fn every_help_speaks_one_language() {
    for (lang, foreign) in [(Language::Da, ENGLISH), (Language::En, DANISH)] {
        let helps = every_help(lang.words());
        assert!(helps.len() > 60, "{}", helps.len());
        for (path, help) in helps {
            for word in foreign {
                assert!(!help.contains(word), "{lang} {path}: {word:?} in\n{help}");
            }
        }
    }
}

#[test]
fn the_language_is_known_before_parsing() {
    let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
    assert_eq!(
        language_of(&args(&["renos", "--language", "en", "book", "--help"])),
        Language::En
    );
    assert_eq!(
        language_of(&args(&["renos", "--language=da", "--help"])),
        Language::Da
    );
}

#[test]
fn danish_help_is_danish() {
    let mut cmd = command(Language::Da.words());
    let top = cmd.render_help().to_string();
    assert!(top.contains("Tilvalg:"), "{top}");
    assert!(top.contains("Book en opgave"), "{top}");
    let book = cmd
        .find_subcommand_mut("book")
        .map(|b| b.render_help().to_string())
        .unwrap_or_default();
    assert!(book.contains("Kunden: #id"), "{book}");
    assert!(book.contains("[standard: skip]"), "{book}");
}

/// The errors a mistake gets, from the command line as parsed.
fn error(lang: Language, args: &[&str]) -> (String, i32) {
    let mut cmd = command(lang.words());
    let args: Vec<OsString> = std::iter::once("renos")
        .chain(args.iter().copied())
        .map(OsString::from)
        .collect();
    match cmd.try_get_matches_from_mut(&args) {
        Ok(_) => (String::new(), 0),
        Err(e) => {
            let e = e.format(&mut cmd);
            (
                errors::render(&e, lang.words()).unwrap_or_default(),
                e.exit_code(),
            )
        }
    }
}

#[test]
fn english_errors_read_as_clap_writes_them() {
    let (said, code) = error(Language::En, &["agenda", "--jsn"]);
    assert_eq!(code, 2);
    assert_eq!(
        said,
        "error: unexpected argument '--jsn' found\n\n  tip: a similar argument exists: '--json'\n\n\
         Usage: renos agenda --json [DATE]\n\nFor more information, try '--help'.\n"
    );
    let (said, _) = error(Language::En, &["sync", "--direction", "up"]);
    assert!(
        said.starts_with(
            "error: invalid value 'up' for '--direction <DIRECTION>'\n  [possible values: both, pull, push]\n"
        ),
        "{said}"
    );
    let (said, _) = error(Language::En, &["journal", "--limit", "0"]);
    assert!(
        said.starts_with(
            "error: invalid value '0' for '--limit <LIMIT>': 0 is not in 1..=100000\n"
        ),
        "{said}"
    );
}

#[test]
fn danish_errors_are_danish() {
    let (said, code) = error(Language::Da, &["agenda", "--jsn"]);
    assert_eq!(code, 2);
    assert!(said.starts_with("fejl: "), "{said}");
    assert!(
        said.contains("'--jsn'") && said.contains("'--json'"),
        "{said}"
    );
    assert!(said.contains("Brug: renos agenda"), "{said}");
    let (said, _) = error(Language::Da, &["journal", "--limit", "x"]);
    assert!(said.contains("'x'") && said.contains("--limit"), "{said}");
    let (said, _) = error(Language::Da, &["resolve"]);
    assert!(said.contains("<BOOKING>"), "{said}");
    for said in [said] {
        for word in ENGLISH
            .iter()
            .chain(&["error", "required", "found", "tip:", "try"])
        {
            assert!(!said.contains(word), "{word:?} in {said}");
        }
    }
}

/// Why a value was refused, worded in the language for every parser of
/// the command line's own.
#[test]
fn refused_values_say_why_in_the_language() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["journal", "--limit", "0"],
            "0 er ikke mellem 1 og 100000",
            "0 is not in 1..=100000",
        ),
        (
            &["resolve", "--", "0", "mine"],
            "0 er mindre end 1",
            "0 is not in 1..",
        ),
        (
            &["alerts", "--limit", ""],
            "intet tal",
            "cannot parse integer from empty string",
        ),
        (
            &["alert", "99999999999999999999"],
            "tallet er for stort",
            "number too large to fit in target type",
        ),
        (&["--language", "sv"], "skriv da eller en", "use da or en"),
        (
            &["invoice", "--customer", "x", "--month", "2026-13"],
            "\"2026-13\" er ikke en måned: skriv den som 2026-12",
            "\"2026-13\" is not a month: write it as 2026-12",
        ),
        (
            &["token", "add", "x", "--role", "boss"],
            "skriv admin, dispatcher, viewer eller cleaner",
            "use admin, dispatcher, viewer or cleaner",
        ),
        (
            &["staff", "set", "x", "--priority", "99999999999"],
            "99999999999 er ikke mellem -2147483648 og 2147483647",
            "99999999999 is not in -2147483648..=2147483647",
        ),
        (
            &["sandbox", "--addr", "x"],
            "ikke en adresse som 127.0.0.1:8787",
            "invalid socket address syntax",
        ),
    ];
    for (args, da, en) in cases {
        let (said, code) = error(Language::Da, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(said.starts_with("fejl: ugyldig værdi"), "{args:?}: {said}");
        assert!(said.contains(da), "{args:?}: {said}");
        let (said, _) = error(Language::En, args);
        assert!(said.starts_with("error: invalid value"), "{args:?}: {said}");
        assert!(said.contains(en), "{args:?}: {said}");
    }
}

/// clap's tips, which it hands over only as English sentences, in Danish.
#[test]
fn clap_tips_are_worded() {
    let (said, _) = error(Language::Da, &["agenda", "--zzz"]);
    assert!(
        said.contains("forslag: for at give '--zzz' som en værdi, skriv '-- --zzz'"),
        "{said}"
    );
    let (said, _) = error(Language::Da, &["--", "book"]);
    assert!(
        said.contains("forslag: underkommandoen 'book' findes; fjern '--' foran den"),
        "{said}"
    );
    let (said, _) = error(Language::En, &["agenda", "--zzz"]);
    assert!(
        said.contains("tip: to pass '--zzz' as a value, use '-- --zzz'"),
        "{said}"
    );
}
