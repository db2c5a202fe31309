//! Why an option's value was refused while parsing, typed, so the error is
//! worded in the language ([`super::errors`]); the English `Display` is
//! clap's own sentence.

use std::num::{IntErrorKind, ParseIntError};

/// A value an option's parser refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not a whole number, or one no count can hold.
    NotANumber(ParseIntError),
    /// A whole number outside the option's range (`high` none: no top).
    OutOfRange {
        value: i64,
        low: i64,
        high: Option<i64>,
    },
    /// Not a language the console speaks.
    Language,
    /// Not a month as `2026-12`.
    Month(String),
    /// Not one of a token's roles.
    Role,
}

impl Refused {
    /// The range as clap writes it: `1..`, `1..=100000`.
    pub fn range(low: i64, high: Option<i64>) -> String {
        match high {
            Some(high) => format!("{low}..={high}"),
            None => format!("{low}.."),
        }
    }

    /// A whole number from `text`, within `low..=high`.
    pub fn whole(text: &str, low: i64, high: Option<i64>) -> Result<i64, Refused> {
        let value: i64 = text.parse().map_err(Refused::NotANumber)?;
        if value < low || high.is_some_and(|h| value > h) {
            return Err(Refused::OutOfRange { value, low, high });
        }
        Ok(value)
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::NotANumber(e) => e.fmt(f),
            Refused::OutOfRange { value, low, high } => {
                write!(f, "{value} is not in {}", Refused::range(*low, *high))
            }
            Refused::Language => f.write_str("use da or en"),
            Refused::Month(text) => write!(f, "{text:?} is not a month: write it as 2026-12"),
            Refused::Role => f.write_str("use admin, dispatcher, viewer or cleaner"),
        }
    }
}

impl std::error::Error for Refused {}

/// The catalogue key that says why `e` is not a whole number.
pub fn number_key(e: &ParseIntError) -> &'static str {
    match e.kind() {
        IntErrorKind::Empty => "cli-error-number-empty",
        IntErrorKind::PosOverflow => "cli-error-number-too-large",
        IntErrorKind::NegOverflow => "cli-error-number-too-small",
        _ => "cli-error-number-digit",
    }
}
