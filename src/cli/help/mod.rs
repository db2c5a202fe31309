//! The command line in the command's language, `--help` and clap's own
//! errors too. The language is found before the arguments are parsed
//! (`--language`, else the config's choice, which `RENOS_LANGUAGE`
//! overrides, else Danish); every text of the help comes from the
//! catalogue ([`tree`]: `cli-help-COMMAND`, `cli-help-COMMAND--ARG`,
//! `cli-help--ARG` for the options every command takes, `cli-value-NAME`
//! for the placeholders), and a mistake is worded there too ([`errors`]).

mod errors;
mod refused;
mod tree;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Command, CommandFactory, FromArgMatches};

pub use refused::Refused;

use super::Cli;
use crate::config::Settings;
use crate::i18n::{Language, Words};

/// Parses the process's arguments, with the help in the language; a help
/// request or a mistake ends the process as clap does.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    let words = language_of(&args).words();
    let mut cmd = command(words);
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => exit(e.format(&mut cmd), words),
    }
}

/// Ends the process as clap does (help and version on standard output
/// with 0, a mistake on standard error with 2), a mistake in the language.
fn exit(e: clap::Error, w: Words) -> ! {
    if e.use_stderr()
        && let Some(said) = errors::render(&e, w)
    {
        let _ = super::screen::stderr().write_all(said.as_bytes());
        std::process::exit(e.exit_code());
    }
    e.exit()
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

/// The command line's definition, every text of its help from `w`'s
/// catalogue (the English catalogue says what the doc comments say; a test
/// keeps them the same).
pub fn command(w: Words) -> Command {
    let mut cmd = Cli::command();
    // The help flags, `help` subcommands and global options are made by
    // the build: in place before their words are.
    cmd.build();
    tree::worded(cmd, w)
}

#[cfg(test)]
mod tests;
