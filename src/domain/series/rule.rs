//! How a series repeats, and the words a dispatcher types for it: `weekly`,
//! `every 2 weeks`, `hver 2. uge`, `monthly`, `månedlig`, or an RRULE.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::{RepeatError, SeriesEnd};
use crate::domain::recurrence::{ByDay, Freq, RRule, RRuleError, Until};
use crate::domain::when::weekday_word;

/// Words that may stand before the day of a monthly repeat: `monthly on
/// the 2nd Tuesday`, `månedlig den 2. tirsdag`.
const MONTHLY_FILLER: [&str; 4] = ["on", "the", "den", "på"];

/// How a series repeats. COUNT and UNTIL are not part of it: they are the
/// series' end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Stored", into = "Stored")]
pub enum Rule {
    /// Every `every` weeks on the given weekdays.
    Weekly { every: u32, days: Vec<Weekday> },
    /// Every `every` months on the `nth` weekday (1 to 4, or -1 for the last).
    MonthlyNth {
        every: u32,
        nth: i8,
        weekday: Weekday,
    },
    /// Any other RRULE (as RRULE text without COUNT and UNTIL).
    Custom(String),
}

/// A rule as the journal keeps it: tagged by its kind, an RRULE of its own
/// under `rrule` (a tagged form cannot hold a bare string).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
enum Stored {
    Weekly {
        every: u32,
        days: Vec<Weekday>,
    },
    MonthlyNth {
        every: u32,
        nth: i8,
        weekday: Weekday,
    },
    Custom {
        rrule: String,
    },
}

impl From<Stored> for Rule {
    fn from(s: Stored) -> Rule {
        match s {
            Stored::Weekly { every, days } => Rule::Weekly { every, days },
            Stored::MonthlyNth {
                every,
                nth,
                weekday,
            } => Rule::MonthlyNth {
                every,
                nth,
                weekday,
            },
            Stored::Custom { rrule } => Rule::Custom(rrule),
        }
    }
}

impl From<Rule> for Stored {
    fn from(r: Rule) -> Stored {
        match r {
            Rule::Weekly { every, days } => Stored::Weekly { every, days },
            Rule::MonthlyNth {
                every,
                nth,
                weekday,
            } => Stored::MonthlyNth {
                every,
                nth,
                weekday,
            },
            Rule::Custom(rrule) => Stored::Custom { rrule },
        }
    }
}

/// A typed repeat: the rule, and the end an RRULE named (COUNT or UNTIL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub rule: Rule,
    pub end: Option<SeriesEnd>,
}

/// Which of its month's weekdays `date` is: 1 to 4, or -1 for a fifth
/// (a fifth does not happen every month; the last does).
pub fn nth_of_month(date: NaiveDate) -> i8 {
    match (date.day() - 1) / 7 + 1 {
        n @ 1..=4 => n as i8,
        _ => -1,
    }
}

/// Whether `date` is the `nth` `weekday` of its month (-1: the last).
fn is_nth(date: NaiveDate, nth: i8, weekday: Weekday) -> bool {
    let last = date
        .checked_add_days(chrono::Days::new(7))
        .is_none_or(|d| d.month() != date.month());
    date.weekday() == weekday && (nth == nth_of_month(date) || (nth == -1 && last))
}

impl Rule {
    /// The rule as our expander runs it (without COUNT and UNTIL).
    pub fn to_rrule(&self) -> Result<RRule, String> {
        let mut r = RRule {
            freq: Freq::Weekly,
            interval: 1,
            count: None,
            until: None,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            wkst: Weekday::Mon,
        };
        match self {
            Rule::Weekly { every, days } => {
                r.interval = (*every).max(1);
                r.by_day = days
                    .iter()
                    .map(|&weekday| ByDay { nth: None, weekday })
                    .collect();
            }
            Rule::MonthlyNth {
                every,
                nth,
                weekday,
            } => {
                r.freq = Freq::Monthly;
                r.interval = (*every).max(1);
                r.by_day = vec![ByDay {
                    nth: Some(i16::from(*nth)),
                    weekday: *weekday,
                }];
            }
            Rule::Custom(text) => {
                r = RRule::parse(text)?;
                r.count = None;
                r.until = None;
            }
        }
        Ok(r)
    }

    /// The rule as RRULE text (what the store keeps and calendars read).
    pub fn rrule_text(&self) -> String {
        match self {
            Rule::Custom(text) => text.clone(),
            other => other
                .to_rrule()
                .map(|r| r.to_text())
                .unwrap_or_else(|_| String::new()),
        }
    }

    /// The rule an RRULE describes, as plainly as it can be named (weekly
    /// and monthly rules get their own kind), with the end it names.
    /// `first` is the series' first date (an RRULE without BYDAY repeats on
    /// its weekday).
    pub fn from_rrule(text: &str, first: NaiveDate) -> Result<Spec, RRuleError> {
        let parsed = RRule::parse(text)?;
        let end = match (parsed.count, parsed.until) {
            (Some(n), _) => Some(SeriesEnd::Count(n)),
            (None, Some(Until::Date(d))) => Some(SeriesEnd::Until(d)),
            (None, Some(Until::Floating(t) | Until::Utc(t))) => Some(SeriesEnd::Until(t.date())),
            (None, None) => None,
        };
        let mut bare = parsed.clone();
        bare.count = None;
        bare.until = None;
        let plain =
            bare.by_month_day.is_empty() && bare.by_month.is_empty() && bare.by_set_pos.is_empty();
        let rule = match bare.freq {
            Freq::Weekly
                if plain
                    && bare.by_day.iter().all(|b| b.nth.is_none())
                    && (bare.wkst == Weekday::Mon || bare.by_day.len() <= 1) =>
            {
                let mut days: Vec<Weekday> = bare.by_day.iter().map(|b| b.weekday).collect();
                if days.is_empty() {
                    days.push(first.weekday());
                }
                Rule::Weekly {
                    every: bare.interval,
                    days,
                }
            }
            Freq::Monthly
                if plain
                    && bare.by_day.len() == 1
                    && bare
                        .by_day
                        .first()
                        .and_then(|b| b.nth)
                        .is_some_and(|n| (1..=4).contains(&n) || n == -1) =>
            {
                let b = bare.by_day[0];
                Rule::MonthlyNth {
                    every: bare.interval,
                    nth: b.nth.unwrap_or(1) as i8,
                    weekday: b.weekday,
                }
            }
            _ => Rule::Custom(bare.to_text()),
        };
        Ok(Spec { rule, end })
    }

    /// Parses what a dispatcher types for a repeat. `first` is the series'
    /// first date: its weekday (and, monthly, which of the month's it is)
    /// is the rule's.
    pub fn parse_spec(text: &str, first: NaiveDate) -> Result<Spec, RepeatError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(RepeatError::Empty);
        }
        let upper = t.to_ascii_uppercase();
        if upper.starts_with("FREQ=") || upper.starts_with("RRULE:") {
            return Rule::from_rrule(t, first).map_err(RepeatError::Rrule);
        }
        let lower = t.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let weekly = |every: u32| Spec {
            rule: Rule::Weekly {
                every,
                days: vec![first.weekday()],
            },
            end: None,
        };
        let monthly = Spec {
            rule: Rule::MonthlyNth {
                every: 1,
                nth: nth_of_month(first),
                weekday: first.weekday(),
            },
            end: None,
        };
        let number = |w: &str| -> Option<u32> {
            match w {
                "anden" | "other" | "second" => Some(2),
                "tredje" | "third" => Some(3),
                "fjerde" | "fourth" => Some(4),
                _ => w
                    .trim_end_matches(['.', ':'])
                    .trim_end_matches("nd")
                    .trim_end_matches("rd")
                    .trim_end_matches("th")
                    .trim_end_matches("st")
                    .parse()
                    .ok(),
            }
        };
        let every = match words.as_slice() {
            [m, day @ ..]
                if !day.is_empty() && matches!(*m, "monthly" | "månedlig" | "månedligt") =>
            {
                return monthly_on(t, day, first);
            }
            ["weekly"] | ["ugentlig"] | ["ugentligt"] | ["hver", "uge"] | ["every", "week"] => {
                Some(1)
            }
            ["fortnightly"]
            | ["biweekly"]
            | ["hver", "14", "dag"]
            | ["hver", "fjortende", "dag"] => Some(2),
            ["monthly"] | ["månedlig"] | ["månedligt"] | ["hver", "måned"] | ["every", "month"] =>
            {
                return Ok(monthly);
            }
            ["hver", n, "uge"] | ["every", n, "week" | "weeks"] => Some(
                number(n)
                    .filter(|n| (1..=52).contains(n))
                    .ok_or_else(|| RepeatError::Weeks { text: t.into() })?,
            ),
            _ => None,
        };
        every
            .map(weekly)
            .ok_or_else(|| RepeatError::NotARepeat { text: t.into() })
    }

    /// The same rule on days moved by `days` (a series moved to another
    /// weekday). A custom RRULE moves only by whole weeks.
    pub fn shifted(&self, days: i64) -> Result<Rule, String> {
        let turn = |w: Weekday| {
            let mut w = w;
            for _ in 0..days.rem_euclid(7) {
                w = w.succ();
            }
            w
        };
        match self {
            Rule::Weekly { every, days: wd } => Ok(Rule::Weekly {
                every: *every,
                days: wd.iter().map(|&w| turn(w)).collect(),
            }),
            Rule::MonthlyNth {
                every,
                nth,
                weekday,
            } => Ok(Rule::MonthlyNth {
                every: *every,
                nth: *nth,
                weekday: turn(*weekday),
            }),
            Rule::Custom(_) if days.rem_euclid(7) == 0 => Ok(self.clone()),
            Rule::Custom(_) => Err(
                "a series with its own RRULE cannot move to another weekday: end it and book a \
                 new one"
                    .into(),
            ),
        }
    }
}

/// A monthly repeat on a named day (`day`: "2nd tuesday", "the last
/// friday", "2. tirsdag"), which must be `first`'s.
fn monthly_on(text: &str, day: &[&str], first: NaiveDate) -> Result<Spec, RepeatError> {
    let words: Vec<&str> = day
        .iter()
        .copied()
        .filter(|w| !MONTHLY_FILLER.contains(w))
        .collect();
    let nth = |w: &str| -> Option<i8> {
        match w {
            "last" | "sidste" => Some(-1),
            "first" | "første" => Some(1),
            "second" | "anden" => Some(2),
            "third" | "tredje" => Some(3),
            "fourth" | "fjerde" => Some(4),
            _ => w
                .trim_end_matches(['.', ':'])
                .trim_end_matches("nd")
                .trim_end_matches("rd")
                .trim_end_matches("th")
                .trim_end_matches("st")
                .parse::<i8>()
                .ok()
                .filter(|n| (1..=4).contains(n)),
        }
    };
    let named = match words.as_slice() {
        [n, w] => nth(n).zip(weekday_word(w)),
        _ => None,
    };
    let Some((nth, weekday)) = named else {
        return Err(RepeatError::MonthlyDay { text: text.into() });
    };
    if !is_nth(first, nth, weekday) {
        return Err(RepeatError::NotThatDay {
            text: text.into(),
            first,
            nth,
            weekday,
        });
    }
    Ok(Spec {
        rule: Rule::MonthlyNth {
            every: 1,
            nth,
            weekday,
        },
        end: None,
    })
}
