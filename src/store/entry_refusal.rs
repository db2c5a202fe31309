//! A value the store refuses for what was typed: a name missing, taken or
//! too long, a cleaner's phone, a token's name or cleaner, hours of none.
//! Typed, so each is worded in the language
//! (`words::values::entry_refusal`). `Display` is the English text (the
//! log, the API).

use std::fmt;

use crate::domain::contact::PhoneError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryRefusal {
    /// A customer with no name.
    CustomerNameMissing,
    /// A cleaner with no name.
    CleanerNameMissing,
    /// A cleaner's name over 40 characters.
    CleanerNameTooLong { name: String },
    /// Another active cleaner has this name.
    CleanerNameTaken { name: String },
    /// A cleaner's phone that is not a phone number.
    CleanerPhone(PhoneError),
    /// A token with no name (or a control character in it).
    TokenNameMissing,
    /// A cleaner's token without its cleaner, or another role's with one.
    TokenStaff,
    /// A token (revoked or not) has this name already.
    TokenNameTaken { name: String },
    /// No token has this name.
    NoSuchToken { name: String },
    /// Revoking a token revoked already.
    TokenRevoked { name: String },
    /// A daily maximum of no time.
    DailyMaxNone,
    /// Contracted hours of no time.
    ContractNone,
}

impl fmt::Display for EntryRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use EntryRefusal::*;
        match self {
            CustomerNameMissing => write!(f, "a customer needs a name"),
            CleanerNameMissing => write!(f, "a cleaner needs a name"),
            CleanerNameTooLong { name } => {
                write!(f, "{name:?} is too long for a name (40 characters at most)")
            }
            CleanerNameTaken { name } => write!(f, "there is already a cleaner called {name:?}"),
            CleanerPhone(e) => write!(f, "phone: {e}"),
            TokenNameMissing => write!(
                f,
                "a token needs a name (letters, digits, spaces), e.g. \"maja-phone\""
            ),
            TokenStaff => write!(
                f,
                "a cleaner's token names the cleaner (--staff NAME), and only a cleaner's does"
            ),
            TokenNameTaken { name } => {
                write!(
                    f,
                    "there is already a token called {name:?}; pick another name"
                )
            }
            NoSuchToken { name } => write!(
                f,
                "there is no token called {name:?} (`renos token list` lists them)"
            ),
            TokenRevoked { name } => write!(f, "the token {name:?} is already revoked"),
            DailyMaxNone => write!(f, "daily maximum: must be more than 0 hours"),
            ContractNone => write!(f, "contracted hours: must be more than 0 hours"),
        }
    }
}
