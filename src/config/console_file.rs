//! Why the console refuses a keymap or theme file, typed: the file, the
//! line, and what is wrong there. `Display` is the English text (logs and
//! scripts read it as before); `words::values::console_file_error` says it
//! in the command's language, with what to write instead.

use std::fmt;
use std::path::PathBuf;

/// A keymap or theme file the console will not start with.
#[derive(Debug)]
pub enum ConsoleFileError {
    /// A line of the file is refused.
    At {
        file: PathBuf,
        line: usize,
        why: LineWhy,
    },
    /// The file cannot be read (missing, too large, not UTF-8).
    Unreadable {
        file: PathBuf,
        kind: ConsoleFile,
        error: std::io::Error,
    },
    /// `--theme` (or the config's `theme`) names no theme of ours.
    NoSuchTheme {
        name: String,
        built_in: Vec<&'static str>,
    },
}

/// Which of the console's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleFile {
    Keymap,
    Theme,
}

/// What is wrong with a line of a keymap or theme file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineWhy {
    /// Both `[keys]` (the old name) and `[normal]`.
    OldAndNewName,
    /// A table that names no mode; `tables` are the ones there are.
    NotAMode {
        table: String,
        tables: Vec<&'static str>,
    },
    /// A key the keymap cannot name; `names` are the named keys.
    NotAKey {
        key: String,
        names: Vec<&'static str>,
    },
    /// An action the mode's table does not take; `names` are the ones it does.
    NotAnAction {
        action: String,
        table: &'static str,
        names: String,
    },
    /// A printable key bound where the dispatcher types.
    TypedKey { key: String, table: &'static str },
    /// The file took away the mode's last key for `action`.
    DeadEnd {
        table: &'static str,
        action: &'static str,
        lost: DeadEnd,
    },
    /// A colour no terminal knows.
    NotAColour { text: String },
    /// A text modifier that is not one of the five.
    NotAModifier { text: String },
    /// A style the theme does not have; `names` are the ones it has.
    NotAStyle {
        name: String,
        names: Vec<&'static str>,
    },
}

/// What a mode without its way out could no longer do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadEnd {
    /// The schedule: the console could not be quit.
    Quit,
    /// A question could not be answered.
    Answer,
    /// Any other mode could not be left.
    Leave,
}

impl fmt::Display for ConsoleFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConsoleFileError::At { file, line, why } => {
                write!(f, "{}: line {line}: {why}", file.display())
            }
            ConsoleFileError::Unreadable { file, kind, error } => {
                let kind = match kind {
                    ConsoleFile::Keymap => "keymap",
                    ConsoleFile::Theme => "theme",
                };
                write!(f, "cannot read {kind} file {}: {error}", file.display())
            }
            ConsoleFileError::NoSuchTheme { name, built_in } => write!(
                f,
                "no theme called {name:?}; built in: {} (or give a path to a .toml file)",
                built_in.join(", ")
            ),
        }
    }
}

impl std::error::Error for ConsoleFileError {}

impl fmt::Display for LineWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineWhy::OldAndNewName => {
                f.write_str("[keys] is the old name of [normal]; write one of them")
            }
            LineWhy::NotAMode { table, tables } => write!(
                f,
                "[{table}] is not a mode; the tables are [{}]",
                tables.join("], [")
            ),
            LineWhy::NotAKey { key, names } => write!(
                f,
                "{key:?} is not a key; write a character (\"q\", \"?\"), a name ({}, f1…f12) \
                 or ctrl-/alt- before one",
                names.join(", ")
            ),
            LineWhy::NotAnAction {
                action,
                table,
                names,
            } => write!(
                f,
                "{action:?} is not an action of [{table}]; use one of: {names}"
            ),
            LineWhy::TypedKey { key, table } => write!(
                f,
                "{key:?} is typed into the field in [{table}]; bind a named key (enter, tab, \
                 f1…) or one with ctrl- or alt-"
            ),
            LineWhy::DeadEnd {
                table,
                action,
                lost,
            } => {
                let why = match lost {
                    DeadEnd::Quit => "the console could not be quit",
                    DeadEnd::Answer => "a question could not be answered",
                    DeadEnd::Leave => "the mode could not be left",
                };
                write!(f, "[{table}] leaves no key for {action:?}: {why}; bind one")
            }
            LineWhy::NotAColour { text } => write!(
                f,
                "{text:?} is not a colour; use a name (red), a 256-colour index (\"236\") or \
                 \"#rrggbb\""
            ),
            LineWhy::NotAModifier { text } => write!(
                f,
                "{text:?} is not a modifier; use bold, dim, italic, underlined or reversed"
            ),
            LineWhy::NotAStyle { name, names } => {
                write!(
                    f,
                    "{name:?} is not a style; use one of: {}",
                    names.join(", ")
                )
            }
        }
    }
}
