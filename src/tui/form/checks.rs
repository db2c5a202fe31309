//! The booking form's field checks: each field read from what was typed,
//! with the words for what was understood or why it does not hold. The
//! form's state and keys are in `form.rs`; the repeat's checks in `repeat.rs`.

use chrono::NaiveTime;

use super::{BookingForm, FIELDS, Field, FormContext, WeekdayChoice};
use crate::domain::Staff;
use crate::domain::when::{DateInput, dmy, parse_date, parse_duration, parse_time};
use crate::i18n::Words;
use crate::tui::action::{Action, KeyMode};
use crate::tui::input::LineInput;
use crate::words::text::{date_mismatch, weekday_long};
use crate::words::values::{date_error, duration_error, time_error};

/// A field's verdict: `Ok(words for what was understood)` or `Err(why not)`.
pub type Check = Result<String, String>;

impl BookingForm {
    /// Which cleaner the cleaner field names: exact name, else the one whose
    /// name starts with (or, failing that, contains) the text.
    pub fn cleaner_of<'a>(
        &self,
        staff: &'a [Staff],
        w: Words,
    ) -> Result<Option<&'a Staff>, String> {
        let q = self.cleaner.text().trim().to_lowercase();
        if q.is_empty() || q == "-" || q == "unassigned" || q == "ingen" {
            return Ok(None);
        }
        let by = |pred: &dyn Fn(&str) -> bool| -> Vec<&'a Staff> {
            staff
                .iter()
                .filter(|s| pred(&s.name.to_lowercase()))
                .collect()
        };
        for found in [
            by(&|n| n == q),
            by(&|n| n.starts_with(&q) || n.split(' ').any(|w| w.starts_with(&q))),
            by(&|n| n.contains(&q)),
        ] {
            match found.as_slice() {
                [] => continue,
                [one] => return Ok(Some(one)),
                many => {
                    let names: Vec<&str> = many.iter().take(3).map(|s| s.name.as_str()).collect();
                    return Err(w.with("form-which-cleaner", &[("names", names.join(", ").into())]));
                }
            }
        }
        Err(w.with(
            "form-no-cleaner-called",
            &[("name", self.cleaner.text().trim().into())],
        ))
    }

    /// The date field read against today; a refusal in the console's words.
    pub fn parsed_date(&self, ctx: &FormContext) -> Result<DateInput, String> {
        parse_date(self.date.text(), ctx.today).map_err(|e| date_error(ctx.words, &e))
    }

    /// A time field read; a refusal in the console's words.
    pub(super) fn time(&self, field: &LineInput, w: Words) -> Result<NaiveTime, String> {
        parse_time(field.text()).map_err(|e| time_error(w, &e))
    }

    /// A duration field read as minutes; a refusal in the console's words.
    pub(super) fn minutes(&self, field: &LineInput, w: Words) -> Result<u32, String> {
        parse_duration(field.text()).map_err(|e| duration_error(w, &e))
    }

    /// Each field's verdict, for the hints beside the fields.
    pub fn check(&self, field: Field, ctx: &FormContext) -> Check {
        let w = ctx.words;
        match field {
            Field::Customer => match (self.customer_id, ctx.customers) {
                (Some(id), Some(cs)) => Ok(cs
                    .by_id
                    .get(&id)
                    .map_or_else(String::new, |c| c.address.clone())),
                (Some(_), None) => Ok(String::new()),
                (None, None) => Err(w.get("form-loading-customers")),
                (None, Some(_)) if self.customer.text().trim().is_empty() => {
                    Err(w.get("form-type-customer"))
                }
                (None, Some(_)) if self.hits.is_empty() => {
                    let key = ctx
                        .keys
                        .first(KeyMode::Form, Action::NewCustomer)
                        .unwrap_or_default();
                    Err(w.with(
                        "form-no-customer",
                        &[
                            ("name", self.customer.text().trim().to_string().into()),
                            ("key", key.into()),
                        ],
                    ))
                }
                (None, Some(_)) => {
                    let key = |a| ctx.keys.first(KeyMode::Search, a).unwrap_or_default();
                    Err(w.with(
                        "form-pick-customer",
                        &[
                            (
                                "pick",
                                format!("{}{}", key(Action::Up), key(Action::Down)).into(),
                            ),
                            ("take", key(Action::Take).into()),
                        ],
                    ))
                }
            },
            Field::Cleaner => self.cleaner_of(ctx.staff, ctx.words).map(|s| match s {
                Some(s) if s.name != self.cleaner.text() => format!("→ {}", s.name),
                Some(_) => String::new(),
                None => w.get("saved-unassigned"),
            }),
            Field::Service => {
                if self.service.text().trim().is_empty() {
                    Err(w.get("form-no-service"))
                } else {
                    Ok(String::new())
                }
            }
            Field::Date => self.parsed_date(ctx).map(|d| match date_mismatch(w, &d) {
                Some(m) if self.weekday == WeekdayChoice::Confirmed => {
                    w.with("form-date-kept", &[("mismatch", m.into())])
                }
                Some(m) => format!("! {m}"),
                None => w.with(
                    "form-date-words",
                    &[
                        (
                            "weekday",
                            weekday_long(w, chrono::Datelike::weekday(&d.date)).into(),
                        ),
                        ("date", dmy(d.date).into()),
                    ],
                ),
            }),
            Field::Start => self.time(&self.start, w).map(|_| String::new()),
            Field::Duration => self.minutes(&self.duration, w).map(|_| String::new()),
            Field::End => {
                if self.end.text().contains("(+1)") {
                    return Ok(w.get("form-next-day"));
                }
                let e = self.time(&self.end, w)?;
                match parse_time(self.start.text()) {
                    Ok(s) if e <= s => Err(w.get("form-ends-before-start")),
                    _ => Ok(String::new()),
                }
            }
            Field::Estimate => self.minutes(&self.estimate, w).map(|_| {
                match self.memory.as_ref().filter(|m| m.visits > 0) {
                    Some(m) => w.with("form-estimate-from", &[("n", m.visits.into())]),
                    None => String::new(),
                }
            }),
            Field::Repeats => self.check_repeats(ctx),
            Field::Ends => self.check_ends(ctx),
            Field::Address => Ok(String::new()),
            Field::Notes => Ok(String::new()),
        }
    }

    /// The first field that does not hold, with why.
    pub fn first_error(&self, ctx: &FormContext) -> Option<(Field, String)> {
        FIELDS.iter().find_map(|f| match self.check(*f, ctx) {
            Err(e) => Some((*f, e)),
            Ok(_) => None,
        })
    }
}
