//! Why an RRULE was refused, in words: the repeat typed in the form or
//! given to `renos book --repeat`. The rule's own names (FREQ, BYDAY, ...)
//! stay as the standard writes them.

use crate::domain::recurrence::RRuleError;
use crate::i18n::Words;

/// Why the RRULE was refused.
pub fn rrule_error(w: Words, e: &RRuleError) -> String {
    let q = |t: &str| format!("{t:?}");
    match e {
        RRuleError::NoValue { part } => w.with("rrule-no-value", &[("part", q(part).into())]),
        RRuleError::Twice { name } => w.with("rrule-twice", &[("name", name.as_str().into())]),
        RRuleError::FreqNotSupported { freq } => w.with(
            "rrule-freq-not-supported",
            &[("freq", freq.as_str().into())],
        ),
        RRuleError::NotAFreq { value } => {
            w.with("rrule-not-a-freq", &[("value", value.as_str().into())])
        }
        RRuleError::Interval { value } => {
            w.with("rrule-interval", &[("value", value.as_str().into())])
        }
        RRuleError::Count { value } => w.with("rrule-count", &[("value", value.as_str().into())]),
        RRuleError::Until { value } => w.with("rrule-until", &[("value", value.as_str().into())]),
        RRuleError::ByDay { item } => w.with("rrule-by-day", &[("item", q(item).into())]),
        RRuleError::ByDayOrdinal { item } => {
            w.with("rrule-by-day-ordinal", &[("item", q(item).into())])
        }
        RRuleError::OutOfRange { part, item } => {
            let (low, high, negative) = part.range();
            w.with(
                "rrule-out-of-range",
                &[
                    ("part", part.name().into()),
                    ("item", q(item).into()),
                    ("low", low.into()),
                    ("high", high.into()),
                    ("negative", if negative { "yes" } else { "no" }.into()),
                ],
            )
        }
        RRuleError::Wkst { value } => w.with("rrule-wkst", &[("value", value.as_str().into())]),
        RRuleError::PartNotSupported { name } => w.with(
            "rrule-part-not-supported",
            &[("name", name.as_str().into())],
        ),
        RRuleError::PartUnknown { name } => {
            w.with("rrule-part-unknown", &[("name", name.as_str().into())])
        }
        RRuleError::NoFreq { text } => w.with("rrule-no-freq", &[("text", q(text).into())]),
        RRuleError::OrdinalNeedsMonthly => w.get("rrule-ordinal-needs-monthly"),
        RRuleError::MonthDayWeekly => w.get("rrule-month-day-weekly"),
    }
}
