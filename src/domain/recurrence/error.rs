//! Why an RRULE was refused: the facts, typed. `renos book --repeat` and the
//! console's Repeats field word them (`words::values::rrule_error`); the
//! English `Display` is for callers with no words at hand (a calendar file's
//! problems, the sync, the store's own check).

use std::fmt;

/// The parts the reader takes, for the English text.
const SUPPORTED: &str =
    "supported: FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST";

/// Why an RRULE was refused; the values as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RRuleError {
    /// A part without `=`.
    NoValue { part: String },
    /// A part named twice.
    Twice { name: String },
    /// `FREQ=HOURLY` and finer.
    FreqNotSupported { freq: String },
    /// A `FREQ` that is no frequency.
    NotAFreq { value: String },
    /// `INTERVAL` not a positive whole number.
    Interval { value: String },
    /// `COUNT` not a whole number.
    Count { value: String },
    /// `UNTIL` not a date.
    Until { value: String },
    /// A `BYDAY` value that is no weekday.
    ByDay { item: String },
    /// A `BYDAY` ordinal outside 1 to 53 (or -53 to -1).
    ByDayOrdinal { item: String },
    /// A `BYMONTHDAY`, `BYMONTH` or `BYSETPOS` value out of its range.
    OutOfRange { part: ListPart, item: String },
    /// A `WKST` that is no weekday.
    Wkst { value: String },
    /// A part this reader does not take (`BYHOUR`, ...).
    PartNotSupported { name: String },
    /// A part no RRULE has.
    PartUnknown { name: String },
    /// No `FREQ` (the rule as written).
    NoFreq { text: String },
    /// `BYDAY` with an ordinal on a daily or weekly rule.
    OrdinalNeedsMonthly,
    /// `BYMONTHDAY` on a weekly rule.
    MonthDayWeekly,
}

/// The list parts with a range of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListPart {
    ByMonthDay,
    ByMonth,
    BySetPos,
}

impl ListPart {
    /// Its name in the rule: `BYMONTHDAY`.
    pub fn name(self) -> &'static str {
        match self {
            ListPart::ByMonthDay => "BYMONTHDAY",
            ListPart::ByMonth => "BYMONTH",
            ListPart::BySetPos => "BYSETPOS",
        }
    }

    /// Its smallest and largest value (negatives too, but for `BYMONTH`).
    pub fn range(self) -> (i32, i32, bool) {
        match self {
            ListPart::ByMonthDay => (1, 31, true),
            ListPart::ByMonth => (1, 12, false),
            ListPart::BySetPos => (1, 366, true),
        }
    }
}

impl fmt::Display for RRuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RRuleError::NoValue { part } => write!(
                f,
                "RRULE part {part:?} has no value (expected NAME=VALUE, e.g. FREQ=WEEKLY)"
            ),
            RRuleError::Twice { name } => write!(f, "RRULE has {name} twice (expected it once)"),
            RRuleError::FreqNotSupported { freq } => write!(
                f,
                "RRULE FREQ={freq} is not supported (supported: DAILY, WEEKLY, MONTHLY, YEARLY)"
            ),
            RRuleError::NotAFreq { value } => write!(
                f,
                "RRULE FREQ={value} is not a frequency (expected DAILY, WEEKLY, MONTHLY or YEARLY)"
            ),
            RRuleError::Interval { value } => {
                write!(f, "RRULE INTERVAL={value} is not a positive whole number")
            }
            RRuleError::Count { value } => {
                write!(f, "RRULE COUNT={value} is not a whole number")
            }
            RRuleError::Until { value } => write!(
                f,
                "RRULE UNTIL={value} is not a date (expected 20261231 or 20261231T230000Z)"
            ),
            RRuleError::ByDay { item } => write!(
                f,
                "BYDAY value {item:?} is not a weekday (expected e.g. MO, 1MO or -1FR)"
            ),
            RRuleError::ByDayOrdinal { item } => write!(
                f,
                "BYDAY value {item:?}: the ordinal must be 1 to 53 or -53 to -1"
            ),
            RRuleError::OutOfRange { part, item } => {
                let (low, high, negative) = part.range();
                write!(
                    f,
                    "{} value {item:?} is out of range (expected {low} to {high}",
                    part.name()
                )?;
                if negative {
                    write!(f, " or -{high} to -{low}")?;
                }
                f.write_str(")")
            }
            RRuleError::Wkst { value } => write!(
                f,
                "RRULE WKST={value} is not a weekday (expected MO, TU, ..., SU)"
            ),
            RRuleError::PartNotSupported { name } => {
                write!(f, "RRULE part {name} is not supported ({SUPPORTED})")
            }
            RRuleError::PartUnknown { name } => {
                write!(f, "RRULE part {name} is unknown ({SUPPORTED})")
            }
            RRuleError::NoFreq { text } => write!(
                f,
                "RRULE {text:?} has no FREQ (expected e.g. FREQ=WEEKLY;BYDAY=MO)"
            ),
            RRuleError::OrdinalNeedsMonthly => write!(
                f,
                "RRULE BYDAY with an ordinal (like 1MO) needs FREQ=MONTHLY or FREQ=YEARLY"
            ),
            RRuleError::MonthDayWeekly => {
                write!(f, "RRULE BYMONTHDAY cannot be used with FREQ=WEEKLY")
            }
        }
    }
}

impl std::error::Error for RRuleError {}

/// For the callers that say why in English text.
impl From<RRuleError> for String {
    fn from(e: RRuleError) -> String {
        e.to_string()
    }
}
