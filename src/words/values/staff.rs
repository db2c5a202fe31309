//! A cleaner's card's fields, named.

use crate::domain::availability::StaffField;
use crate::i18n::Words;

/// A field's name, as a refusal or a change names it.
pub fn staff_field(w: Words, f: StaffField) -> String {
    match f {
        StaffField::Day(d) => w.with("staff-field-day", &[("day", day_name(w, d).into())]),
        StaffField::Skills => w.get("staff-field-skills"),
        StaffField::Area => w.get("staff-field-area"),
        StaffField::Contract => w.get("staff-field-contract"),
        StaffField::DailyMax => w.get("staff-field-daily-max"),
        StaffField::Priority => w.get("staff-field-priority"),
        StaffField::AddOverride => w.get("staff-field-overrides"),
        StaffField::AddTimeOff => w.get("staff-field-time-off"),
    }
}

/// A weekday in full, counted from Monday at 0.
fn day_name(w: Words, d: usize) -> String {
    w.with("weekday-long", &[("day", (d + 1).into())])
}
