//! `--help` in the command's language. clap's help comes from the doc
//! comments, in English; in another language the language is found before
//! the arguments are parsed (`--language`, else the config's choice, which
//! `RENOS_LANGUAGE` overrides, else Danish) and each text the catalogue has
//! (`cli-help-COMMAND`, `cli-help-COMMAND--ARG`, `cli-help--ARG` for the
//! options every command takes) is put in the doc comment's place.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::config::Settings;
use crate::i18n::{Language, Words};

/// Parses the process's arguments, with the help in the language; a help
/// request or a mistake ends the process as clap does.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut cmd = command(language_of(&args).words());
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => e.format(&mut cmd).exit(),
    }
}

/// The language named by `--language` among `args`, else the one the
/// config (`--config`, `RENOS_CONFIG` or the default file) and the
/// environment choose.
pub fn language_of(args: &[OsString]) -> Language {
    let mut given = None;
    let mut config = None;
    let mut rest = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = rest.next() {
        if a == "--" {
            break;
        } else if a == "--language" {
            given = rest.next().and_then(|v| Language::parse(&v));
        } else if let Some(v) = a.strip_prefix("--language=") {
            given = Language::parse(v);
        } else if a == "--config" {
            config = rest.next().map(|v| PathBuf::from(v.as_ref()));
        } else if let Some(v) = a.strip_prefix("--config=") {
            config = Some(PathBuf::from(v));
        }
    }
    let config = config.or_else(|| std::env::var_os("RENOS_CONFIG").map(PathBuf::from));
    given.unwrap_or_else(|| configured(config.as_deref()))
}

/// The config's language (with `RENOS_LANGUAGE` over it); a config that
/// does not load leaves the environment's, else Danish.
pub(super) fn configured(config: Option<&std::path::Path>) -> Language {
    match Settings::load(config) {
        Ok(s) => s.language,
        Err(_) => std::env::var(crate::config::LANGUAGE_ENV)
            .ok()
            .and_then(|l| Language::parse(&l))
            .unwrap_or_default(),
    }
}

/// The command line's definition, its help in `w`'s language. English is
/// the doc comments as they are (a test keeps the catalogue's English the
/// same).
pub fn command(w: Words) -> Command {
    let mut cmd = Cli::command();
    if w.language() == Language::En {
        return cmd;
    }
    // The help flags, `help` subcommands and global options are made by
    // the build: in place before their words are.
    cmd.build();
    let headings = Headings {
        // A heading lives as long as the command line: made once.
        options: Box::leak(w.get("cli-help-options").into_boxed_str()),
        arguments: Box::leak(w.get("cli-help-arguments").into_boxed_str()),
        commands: Box::leak(w.get("cli-help-commands").into_boxed_str()),
        usage: w.get("cli-help-usage"),
    };
    worded(cmd, w, &headings, "cli-help", false)
}

struct Headings {
    options: &'static str,
    arguments: &'static str,
    commands: &'static str,
    usage: String,
}

/// `cmd` and its subcommands with the catalogue's texts; `key` is the
/// command's (`cli-help-series-pause`); `help` is clap's `help` command.
fn worded(mut cmd: Command, w: Words, h: &Headings, key: &str, help: bool) -> Command {
    let about_key = if help { "cli-help-help-command" } else { key };
    if w.has(about_key) {
        cmd = cmd.about(w.get(about_key)).long_about(None::<&'static str>);
    }
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            h.usage
        ))
        .subcommand_help_heading(h.commands);
    let args: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in args {
        let own = format!("{key}--{id}");
        let global = format!("cli-help--{id}");
        let text = [own, global]
            .into_iter()
            .find(|k| w.has(k))
            .map(|k| w.get(&k));
        let heading = if positional { h.arguments } else { h.options };
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match text {
                Some(t) => a.help(t).long_help(None::<&'static str>),
                None => a,
            }
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let (sub_key, sub_help) = if name == "help" {
            (key.to_string(), true)
        } else {
            (format!("{key}-{name}"), false)
        };
        cmd = cmd.mut_subcommand(&name, |s| worded(s, w, h, &sub_key, sub_help));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every help text in the English catalogue is the doc comment's, so
    /// English help is the same with or without the catalogue.
    #[test]
    fn the_english_catalogue_says_what_the_doc_comments_say() {
        let en = Language::En.words();
        let mut cmd = Cli::command();
        cmd.build();
        let mut checked = 0;
        check(&cmd, en, "cli-help", &mut checked);
        assert!(checked > 50, "{checked}");
    }

    fn check(cmd: &Command, en: Words, key: &str, checked: &mut usize) {
        if en.has(key) {
            let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert_eq!(en.get(key), about, "{key}");
            *checked += 1;
        }
        for a in cmd.get_arguments() {
            let own = format!("{key}--{}", a.get_id());
            if en.has(&own) {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert_eq!(en.get(&own), help, "{own}");
                *checked += 1;
            }
        }
        for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            check(s, en, &format!("{key}-{}", s.get_name()), checked);
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
    }
}
