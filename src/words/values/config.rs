//! A settings file's faults in words: the config file's refused values,
//! and a config, keymap or theme file that is not TOML. The file, line and
//! field come first, then what is wrong and what to do; the TOML reader's
//! own words, and a rare check's English, come last.

use std::io::ErrorKind;

use crate::config::{
    ConfigError, ConfigUnreadable, ConsoleFile, ConsoleFileError, DeadEnd, FieldWhy, LineWhy,
    RangeNote, Unit,
};
use crate::i18n::{Language, Words};
use crate::tomlfile::{MAX_FILE_BYTES, MAX_NESTING, TomlError, TomlWhy};

/// A refused value: `config.toml: linje 4: day.scroll_min: 300 ligger …`
/// (the line wherever the key was found).
pub fn config_error(w: Words, e: &ConfigError) -> String {
    let file = e.file.display().to_string();
    if let FieldWhy::EndBeforeStart { start } = &e.why {
        return w.with(
            "config-end-before-start",
            &[
                ("file", file.into()),
                ("field", e.field.as_str().into()),
                ("start", (*start).into()),
            ],
        );
    }
    let why = field_why(w, &e.why);
    // English keeps the text the checks have always written.
    let line = e
        .line
        .filter(|_| e.english_line || w.language() != Language::En);
    match line {
        Some(line) => w.with(
            "config-field-at",
            &[
                ("file", file.into()),
                ("line", line.to_string().into()),
                ("field", e.field.as_str().into()),
                ("why", why.into()),
            ],
        ),
        None => w.with(
            "config-field",
            &[
                ("file", file.into()),
                ("field", e.field.as_str().into()),
                ("why", why.into()),
            ],
        ),
    }
}

/// What is wrong with a field's value, and what to write instead.
pub fn field_why(w: Words, why: &FieldWhy) -> String {
    let q = |t: &str| format!("{t:?}");
    match why {
        FieldWhy::OutOfRange {
            value,
            low,
            high,
            unit,
            note,
        } => {
            let mut low = low.to_string();
            let mut high = high.to_string();
            if let Some(key) = unit_key(*unit) {
                high = format!("{high} {}", w.get(key));
            }
            match note {
                RangeNote::None => {}
                RangeNote::Unpaced => low = format!("{low} ({})", w.get("config-note-unpaced")),
                RangeNote::AreaGap => low = format!("{low} ({})", w.get("config-note-area-gap")),
                RangeNote::AWeek => high = format!("{high} ({})", w.get("config-note-a-week")),
            }
            w.with(
                "config-out-of-range",
                &[
                    ("value", value.to_string().into()),
                    ("low", low.into()),
                    ("high", high.into()),
                ],
            )
        }
        FieldWhy::NotATime { text } => w.with("config-not-a-time", &[("text", q(text).into())]),
        FieldWhy::NotADate { text } => w.with("config-not-a-date", &[("text", q(text).into())]),
        FieldWhy::NotATimeZone { text } => {
            w.with("config-not-a-time-zone", &[("text", q(text).into())])
        }
        FieldWhy::NotALanguage { text } => {
            w.with("config-not-a-language", &[("text", q(text).into())])
        }
        FieldWhy::NotAGrid { minutes } => w.with(
            "config-not-a-grid",
            &[("minutes", minutes.to_string().into())],
        ),
        FieldWhy::NotABillingUnit { minutes } => w.with(
            "config-not-a-billing-unit",
            &[("minutes", minutes.to_string().into())],
        ),
        FieldWhy::NotAClosingDay { text } => {
            w.with("config-not-a-closing-day", &[("text", q(text).into())])
        }
        FieldWhy::EndBeforeStart { start } => {
            w.with("config-must-be-after", &[("start", (*start).into())])
        }
        FieldWhy::NoticeLeavesNothing {
            days,
            min_notice_min,
        } => w.with(
            "config-notice-leaves-nothing",
            &[
                ("days", days.to_string().into()),
                ("minutes", min_notice_min.to_string().into()),
            ],
        ),
        FieldWhy::Phone(e) => super::phone_error(w, e),
        FieldWhy::Rate {
            service: Some(service),
            detail,
        } => w.with(
            "config-rate-of",
            &[
                ("service", q(service).into()),
                ("detail", detail.as_str().into()),
            ],
        ),
        FieldWhy::Rate {
            service: None,
            detail,
        } => w.with("config-rate", &[("detail", detail.as_str().into())]),
        FieldWhy::EmptyRoleName => w.get("config-empty-role-name"),
        FieldWhy::Calendar { detail } => {
            w.with("config-calendar", &[("detail", detail.as_str().into())])
        }
        FieldWhy::Other(detail) => w.with("config-other", &[("detail", detail.as_str().into())]),
    }
}

/// The catalogue key of a range's unit; `None` for a bare number.
fn unit_key(unit: Unit) -> Option<&'static str> {
    Some(match unit {
        Unit::None => return None,
        Unit::Milliseconds => "config-unit-milliseconds",
        Unit::Seconds => "config-unit-seconds",
        Unit::Minutes => "config-unit-minutes",
        Unit::Hours => "config-unit-hours",
        Unit::Days => "config-unit-days",
        Unit::Weeks => "config-unit-weeks",
        Unit::Requests => "config-unit-requests",
        Unit::KiB => "config-unit-kib",
    })
}

/// A settings file the TOML reader refused: `keys.toml: linje 4, kolonne
/// 1: filen kan ikke læses; ret filen (læseren siger: …)`.
pub fn toml_error(w: Words, e: &TomlError) -> String {
    let file = e.file.display().to_string();
    match (&e.why, e.line, e.column) {
        (TomlWhy::TooDeep, line, _) => w.with(
            "toml-too-deep",
            &[
                ("file", file.into()),
                ("line", line.unwrap_or(0).to_string().into()),
                ("max", MAX_NESTING.to_string().into()),
            ],
        ),
        (TomlWhy::Parser { said, .. }, Some(line), Some(column)) => w.with(
            "toml-unreadable-at",
            &[
                ("file", file.into()),
                ("line", line.to_string().into()),
                ("column", column.to_string().into()),
                ("detail", said.as_str().into()),
            ],
        ),
        // Without a place the English is the reader's whole text.
        (TomlWhy::Parser { english, .. }, _, _) => w.with(
            "toml-unreadable",
            &[("file", file.into()), ("detail", english.as_str().into())],
        ),
    }
}

/// A config file that cannot be read: `kan ikke læse konfigurationsfilen
/// X: …`, the system's words last.
pub fn config_unreadable(w: Words, e: &ConfigUnreadable) -> String {
    let why = match e.error.kind() {
        ErrorKind::FileTooLarge => w.with(
            "settings-too-large",
            &[("mb", (MAX_FILE_BYTES / (1024 * 1024)).to_string().into())],
        ),
        ErrorKind::InvalidData => w.get("settings-not-utf8"),
        _ => super::io_error(w, &e.error),
    };
    w.with(
        "config-unreadable",
        &[
            ("file", e.file.display().to_string().into()),
            ("why", why.into()),
        ],
    )
}

/// A keymap or theme file the console refuses: `keys.toml: linje 3: [x] er
/// ikke en tilstand; …`, the file and line first, then what to write.
pub fn console_file_error(w: Words, e: &ConsoleFileError) -> String {
    match e {
        ConsoleFileError::At { file, line, why } => w.with(
            "console-file-at",
            &[
                ("file", file.display().to_string().into()),
                ("line", line.to_string().into()),
                ("why", line_why(w, why).into()),
            ],
        ),
        ConsoleFileError::Unreadable { file, kind, error } => {
            let why = match error.kind() {
                ErrorKind::FileTooLarge => w.with(
                    "settings-too-large",
                    &[("mb", (MAX_FILE_BYTES / (1024 * 1024)).to_string().into())],
                ),
                ErrorKind::InvalidData => w.get("settings-not-utf8"),
                _ => super::io_error(w, error),
            };
            let kind = match kind {
                ConsoleFile::Keymap => "keymap",
                ConsoleFile::Theme => "theme",
            };
            w.with(
                "console-file-unreadable",
                &[
                    ("kind", kind.into()),
                    ("file", file.display().to_string().into()),
                    ("why", why.into()),
                ],
            )
        }
        ConsoleFileError::NoSuchTheme { name, built_in } => w.with(
            "theme-no-such",
            &[
                ("name", format!("{name:?}").into()),
                ("names", built_in.join(", ").into()),
            ],
        ),
    }
}

/// What is wrong with a line of a keymap or theme file, and what to write.
pub fn line_why(w: Words, why: &LineWhy) -> String {
    let q = |t: &str| format!("{t:?}");
    match why {
        LineWhy::OldAndNewName => w.get("keymap-old-and-new-name"),
        LineWhy::NotAMode { table, tables } => w.with(
            "keymap-not-a-mode",
            &[
                ("table", table.as_str().into()),
                ("tables", tables.join("], [").into()),
            ],
        ),
        LineWhy::NotAKey { key, names } => w.with(
            "keymap-not-a-key",
            &[("key", q(key).into()), ("names", names.join(", ").into())],
        ),
        LineWhy::NotAnAction {
            action,
            table,
            names,
        } => w.with(
            "keymap-not-an-action",
            &[
                ("action", q(action).into()),
                ("table", (*table).into()),
                ("names", names.as_str().into()),
            ],
        ),
        LineWhy::TypedKey { key, table } => w.with(
            "keymap-typed-key",
            &[("key", q(key).into()), ("table", (*table).into())],
        ),
        LineWhy::DeadEnd {
            table,
            action,
            lost,
        } => {
            let lost = match lost {
                DeadEnd::Quit => w.get("keymap-dead-end-quit"),
                DeadEnd::Answer => w.get("keymap-dead-end-answer"),
                DeadEnd::Leave => w.get("keymap-dead-end-leave"),
            };
            w.with(
                "keymap-dead-end",
                &[
                    ("table", (*table).into()),
                    ("action", q(action).into()),
                    ("why", lost.into()),
                ],
            )
        }
        LineWhy::NotAColour { text } => w.with("theme-not-a-colour", &[("text", q(text).into())]),
        LineWhy::NotAModifier { text } => {
            w.with("theme-not-a-modifier", &[("text", q(text).into())])
        }
        LineWhy::NotAStyle { name, names } => w.with(
            "theme-not-a-style",
            &[("name", q(name).into()), ("names", names.join(", ").into())],
        ),
    }
}
