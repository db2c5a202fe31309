//! The form filled from a slot the finder offered: the cleaner, the date,
//! the start, the duration, and the service and customer when given. What
//! the slot chose counts as typed, so the customer's history does not
//! overwrite it.

use chrono::{NaiveDate, NaiveTime};

use super::{BookingForm, Field};
use crate::domain::when::format_duration;
use crate::domain::{Customer, Staff};

impl BookingForm {
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
        f.duration.set(format_duration(duration_min));
        f.estimate.set(format_duration(duration_min));
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
