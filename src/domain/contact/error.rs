//! Why a phone number, an e-mail address or an amount of money was refused:
//! the facts, typed.
//! The console and the commands word them (`tui::view::values::contact`);
//! the English `Display` is for callers with no words at hand (the config
//! file's checks, imports, the store's own guard and the alerts' log).

use std::fmt;

/// Why a phone number was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneError {
    /// What was typed, trimmed.
    pub text: String,
    /// It started with `+` or `00` and a country other than Denmark.
    pub abroad: bool,
}

/// Why an e-mail address was refused: what was typed, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailError {
    /// What was typed, trimmed.
    pub text: String,
    pub fault: EmailFault,
}

/// What is wrong with an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailFault {
    NoAt,
    TwoAts,
    NoLocalPart,
    /// A space (`true`) or another blank in the part before @.
    LocalBlank {
        space: bool,
    },
    /// A character the part before @ may not hold.
    LocalChar(char),
    LocalDotAtEdge,
    LocalTwoDots,
    TooLong,
    NoDomain,
    /// A character the domain may not hold; `None` for a blank.
    DomainChar(Option<char>),
    /// The domain has no dot.
    DomainNoDot {
        domain: String,
    },
    DomainTwoDots,
    DomainDotAtEdge,
    DomainHyphenAtEdge,
    /// The last part of the domain is no top-level domain.
    NoTopLevel {
        top: String,
    },
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hint = if self.abroad {
            "numbers from abroad start with + and the country code and have 8 to 15 digits, \
             e.g. +46 70 123 45 67"
        } else {
            "Danish numbers have 8 digits, e.g. +45 12 34 56 78"
        };
        write!(f, "{:?} is not a phone number: {hint}", self.text)
    }
}

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not an e-mail address: ", self.text)?;
        match &self.fault {
            EmailFault::NoAt => write!(f, "it has no @"),
            EmailFault::TwoAts => write!(f, "it has more than one @"),
            EmailFault::NoLocalPart => write!(f, "the part before @ is missing"),
            EmailFault::LocalBlank { space: true } => {
                write!(f, "the part before @ contains a space")
            }
            EmailFault::LocalBlank { space: false } => {
                write!(f, "the part before @ contains a blank")
            }
            EmailFault::LocalChar(c) => write!(f, "the part before @ contains {c:?}"),
            EmailFault::LocalDotAtEdge => {
                write!(f, "the part before @ starts or ends with a dot")
            }
            EmailFault::LocalTwoDots => write!(f, "the part before @ has two dots in a row"),
            EmailFault::TooLong => write!(f, "it is too long"),
            EmailFault::NoDomain => write!(f, "the part after @ is missing"),
            EmailFault::DomainChar(None) => write!(f, "the part after @ contains a space"),
            EmailFault::DomainChar(Some(c)) => write!(f, "the part after @ contains {c:?}"),
            EmailFault::DomainNoDot { domain } => write!(
                f,
                "the part after @ ({domain:?}) needs a dot, e.g. example.dk"
            ),
            EmailFault::DomainTwoDots => write!(f, "the part after @ has two dots in a row"),
            EmailFault::DomainDotAtEdge => {
                write!(f, "the part after @ starts or ends with a dot")
            }
            EmailFault::DomainHyphenAtEdge => {
                write!(f, "a part of the domain starts or ends with a hyphen")
            }
            EmailFault::NoTopLevel { top } => write!(
                f,
                "the domain ends in {top:?}, which is no top-level domain, e.g. .dk or .com"
            ),
        }
    }
}

/// Why an amount of money was refused: what was typed (trimmed), and
/// whether it was an amount at all or only too large.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyError {
    pub text: String,
    pub too_large: bool,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.too_large {
            write!(f, "{:?} is too large an amount", self.text)
        } else {
            write!(
                f,
                "{:?} is not an amount of money: write kroner and øre, e.g. 1047.50 or 1.047,50 kr",
                self.text
            )
        }
    }
}

impl std::error::Error for MoneyError {}
impl std::error::Error for PhoneError {}
impl std::error::Error for EmailError {}
