//! One field of a cleaner changed at a time, as the console's staff screen
//! does it: which field, and its value read in the syntax `renos staff set`
//! takes (`08:00-12:00,12:30-16:00`, `2026-12-24 closed`, `37.5`, `none`).

use serde::{Deserialize, Serialize};

use super::{Area, DateOverride, HoursError, Interval, WeekHours, parse_skills};
use crate::domain::staff::TimeOff;

/// A field of a cleaner the staff screen edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffField {
    /// The hours of a weekday (0 = Monday), breaks between intervals.
    Day(usize),
    Skills,
    Area,
    /// Contracted hours per week.
    Contract,
    /// At most this many booked hours a day.
    DailyMax,
    Priority,
    /// One date override more.
    AddOverride,
    /// One period of time off more.
    AddTimeOff,
}

/// A change of one field, parsed and ready for the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffEdit {
    /// The intervals of one weekday (none: off); the other days are kept.
    Day(usize, Vec<Interval>),
    /// Services they do; empty: every service.
    Skills(Vec<String>),
    Area(Area),
    /// Contracted minutes a week; `None` removes the contract.
    Contract(Option<u32>),
    /// Booked minutes a day at most; `None` removes the maximum.
    DailyMax(Option<u32>),
    Priority(i32),
    /// The whole list of date overrides, after one was added or removed.
    Overrides(Vec<DateOverride>),
    /// The whole list of time off, after a period was added or removed.
    TimeOff(Vec<TimeOff>),
}

impl StaffEdit {
    /// The field the edit changes (overrides and time off as a whole).
    pub fn field(&self) -> StaffField {
        match self {
            StaffEdit::Day(d, _) => StaffField::Day(*d),
            StaffEdit::Skills(_) => StaffField::Skills,
            StaffEdit::Area(_) => StaffField::Area,
            StaffEdit::Contract(_) => StaffField::Contract,
            StaffEdit::DailyMax(_) => StaffField::DailyMax,
            StaffEdit::Priority(_) => StaffField::Priority,
            StaffEdit::Overrides(_) => StaffField::AddOverride,
            StaffEdit::TimeOff(_) => StaffField::AddTimeOff,
        }
    }

    /// `week` with this edit's weekday in it (other edits leave it).
    pub fn week_with(&self, week: &WeekHours) -> WeekHours {
        let mut w = week.clone();
        if let StaffEdit::Day(d, list) = self
            && let Some(slot) = w.0.get_mut(*d)
        {
            *slot = list.clone();
        }
        w
    }
}

/// Hours as minutes (`30`, `37.5`, `7,5`), more than 0 and at most `max`
/// hours; `none` (or nothing) removes the value.
pub fn parse_hours(value: &str, max: u32) -> Result<Option<u32>, HoursError> {
    let v = value.trim();
    if v.eq_ignore_ascii_case("none") || v.is_empty() {
        return Ok(None);
    }
    match v.replace(',', ".").parse::<f64>() {
        Ok(h) if h > 0.0 && h <= f64::from(max) => Ok(Some((h * 60.0).round() as u32)),
        _ => Err(HoursError::NotHoursCount {
            text: v.into(),
            max,
        }),
    }
}

/// The most hours of a contract (a whole week) and of a day.
pub const WEEK_HOURS_MAX: u32 = 7 * 24;
pub const DAY_HOURS_MAX: u32 = 24;

/// Reads `text` as the new value of `field`, with what the cleaner has now
/// (`overrides`, `time_off`) for the fields that add to a list.
pub fn parse_edit(
    field: StaffField,
    text: &str,
    overrides: &[DateOverride],
    time_off: &[TimeOff],
) -> Result<StaffEdit, HoursError> {
    let text = text.trim();
    Ok(match field {
        StaffField::Day(d) => StaffEdit::Day(d, parse_day(d, text)?),
        StaffField::Skills => StaffEdit::Skills(parse_skills(text)),
        StaffField::Area => StaffEdit::Area(Area::parse(text)?),
        StaffField::Contract => StaffEdit::Contract(parse_hours(text, WEEK_HOURS_MAX)?),
        StaffField::DailyMax => StaffEdit::DailyMax(parse_hours(text, DAY_HOURS_MAX)?),
        StaffField::Priority => StaffEdit::Priority(
            text.parse::<i32>()
                .map_err(|_| HoursError::NotWholeNumber { text: text.into() })?,
        ),
        StaffField::AddOverride => {
            let mut list = overrides.to_vec();
            list.push(DateOverride::parse(text)?);
            StaffEdit::Overrides(list)
        }
        StaffField::AddTimeOff => {
            let mut list = time_off.to_vec();
            list.push(TimeOff::parse(text)?);
            StaffEdit::TimeOff(list)
        }
    })
}

/// One weekday's hours as `--hours` writes them after the day:
/// `08:00-12:00,12:30-16:00`, or `off`.
pub fn parse_day(day: usize, text: &str) -> Result<Vec<Interval>, HoursError> {
    let key = super::DAY_KEYS
        .get(day)
        .ok_or(HoursError::NoSuchDay { day })?;
    if text.is_empty() {
        return Err(HoursError::EmptyDay);
    }
    let week = WeekHours::parse(&format!("{key} {text}"))?;
    Ok(week.day(day).to_vec())
}

/// One weekday's hours as `parse_day` reads them back.
pub fn day_spec(list: &[Interval]) -> String {
    if list.is_empty() {
        "off".into()
    } else {
        super::list_spec(list)
    }
}

/// A period of time off as `TimeOff::parse` reads it back.
pub fn time_off_spec(t: &TimeOff) -> String {
    let range = if t.from == t.to {
        t.from.to_string()
    } else {
        format!("{}..{}", t.from, t.to)
    };
    if t.reason.is_empty() {
        range
    } else {
        format!("{range}:{}", t.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weekday_takes_the_hours_syntax_of_staff_set() {
        let tue = parse_day(1, "08:00-12:00,12:30-16:00").expect("tue");
        assert_eq!(day_spec(&tue), "08:00-12:00,12:30-16:00");
        assert_eq!(parse_day(1, "off").expect("off"), Vec::new());
        assert!(parse_day(1, "").is_err());
        assert!(parse_day(1, "08:00-12:00,11:00-13:00").is_err());
        let week = WeekHours::parse("mon-fri 07:00-15:00").expect("week");
        let edited = StaffEdit::Day(1, tue.clone()).week_with(&week);
        assert_eq!(edited.day(1), &tue[..]);
        assert_eq!(edited.day(0), week.day(0));
    }

    #[test]
    fn the_other_fields_read_as_the_command_line_does() {
        assert_eq!(
            parse_edit(StaffField::Contract, "37,5", &[], &[]),
            Ok(StaffEdit::Contract(Some(2250)))
        );
        assert_eq!(
            parse_edit(StaffField::DailyMax, "none", &[], &[]),
            Ok(StaffEdit::DailyMax(None))
        );
        assert!(parse_edit(StaffField::DailyMax, "25", &[], &[]).is_err());
        assert!(parse_edit(StaffField::Priority, "high", &[], &[]).is_err());
        assert_eq!(
            parse_edit(
                StaffField::Skills,
                "Vinduespudsning, Fast rengøring",
                &[],
                &[]
            ),
            Ok(StaffEdit::Skills(vec![
                "Vinduespudsning".into(),
                "Fast rengøring".into()
            ]))
        );
        let off = TimeOff::parse("2026-12-01").expect("off");
        let Ok(StaffEdit::TimeOff(list)) = parse_edit(
            StaffField::AddTimeOff,
            "2026-12-24..2026-12-26:jul",
            &[],
            std::slice::from_ref(&off),
        ) else {
            panic!("time off not read");
        };
        assert_eq!(list.len(), 2);
        assert_eq!(time_off_spec(&list[1]), "2026-12-24..2026-12-26:jul");
        assert!(parse_edit(StaffField::AddOverride, "24/12 closed", &[], &[]).is_err());
    }
}
