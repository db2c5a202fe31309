//! The form filled from a slot the finder offered: the cleaner, the date,
//! the start, the duration, and the service and customer when given. What
//! the slot chose counts as typed, so the customer's history does not
//! overwrite it.

use chrono::{NaiveDate, NaiveTime};

use super::{BookingForm, Field};
use crate::domain::when::parse_duration;
use crate::domain::{Customer, Staff};
use crate::i18n::Words;
use crate::words::text::duration;

impl BookingForm {
    /// The form in `w`'s language, as it is made (before any key): lengths
    /// of time written its way from now on, the duration and estimate
    /// shown rewritten (the same minutes).
    pub fn speaking(mut self, w: Words) -> BookingForm {
        self.words = w;
        for input in [&mut self.duration, &mut self.estimate] {
            if let Ok(m) = parse_duration(input.text()) {
                input.set(duration(w, i64::from(m)));
            }
        }
        self
    }

    /// Minutes as the form writes them: `2 h 30 min` (Danish `2 t 30 min`).
    pub(super) fn minutes_text(&self, minutes: u32) -> String {
        duration(self.words, i64::from(minutes))
    }

    /// A new booking on a finder's slot: `duration_min` from `start` on
    /// `date`, for the cleaner `name` (`staff` when the day knows them).
    pub fn for_slot(
        date: NaiveDate,
        start: NaiveTime,
        duration_min: u32,
        staff: Option<&Staff>,
        name: &str,
        service: &str,
        customer: Option<&Customer>,
    ) -> BookingForm {
        let mut f = BookingForm::new(date, start, staff);
        f.cleaner.set(name);
        f.duration.set(f.minutes_text(duration_min));
        f.estimate.set(f.minutes_text(duration_min));
        f.sync_end();
        f.touched
            .extend([Field::Cleaner, Field::Date, Field::Start, Field::Duration]);
        if !service.is_empty() {
            f.service.set(service);
            f.touched.insert(Field::Service);
        }
        if let Some(c) = customer {
            f.customer.set(&c.name);
            f.customer_id = Some(c.id);
            f.address.set(&c.address);
            f.focus = Field::Notes;
        }
        f
    }
}
