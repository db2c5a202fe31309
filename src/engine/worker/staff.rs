//! The worker's side of the console's staff screen: every cleaner with
//! their availability and the minutes booked in a week, and one field of a
//! cleaner changed as one journaled write (the role checked, a stale
//! version refused).

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate};

use super::outcome::{Attempt, Outcome, Refusal};
use super::{Reply, StoreService};
use crate::domain::Staff;
use crate::domain::availability::{Availability, StaffEdit};
use crate::domain::slots::week_start;
use crate::store::{Result, StaffPatch, Store};

/// A cleaner as the staff screen shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffCard {
    /// Name, phone, time off and the version an edit is made on.
    pub staff: Staff,
    pub availability: Availability,
    /// Minutes of the live jobs starting in the week shown.
    pub booked_week_min: i64,
    /// The same per local day of that week, Monday first.
    pub booked_day_min: [i64; 7],
}

/// Every active cleaner, in name order, with the minutes booked in the week
/// from Monday `week`.
pub fn staff_cards(store: &Store, week: NaiveDate) -> Result<Vec<StaffCard>> {
    let tz = store.tz();
    let from = tz.day_bounds(week).0;
    let to = tz.day_bounds(week + Duration::days(7)).0;
    let mut booked: HashMap<i64, [i64; 7]> = HashMap::new();
    for b in store.bookings_between(from, to)? {
        if let Some(id) = b.staff_id.filter(|_| b.is_active() && b.start >= from) {
            let day = tz.local_date(b.start).weekday().num_days_from_monday() as usize;
            if let Some(m) = booked.entry(id).or_default().get_mut(day) {
                *m += b.planned_minutes();
            }
        }
    }
    let staff = store.staff()?;
    let mut availability = store.availabilities(&staff)?;
    Ok(staff
        .into_iter()
        .map(|s| {
            let days = booked.get(&s.id).copied().unwrap_or_default();
            StaffCard {
                availability: availability.remove(&s.id).unwrap_or_default(),
                booked_week_min: days.iter().sum(),
                booked_day_min: days,
                staff: s,
            }
        })
        .collect())
}

impl<F: Fn(Reply)> StoreService<F> {
    /// The staff screen's cards for the week of `day`.
    pub(super) fn staff(&self, day: NaiveDate) -> Reply {
        let week = week_start(day);
        Reply::Staff {
            week,
            cards: staff_cards(&self.store, week).map_err(std::sync::Arc::new),
        }
    }

    /// Changes one field of cleaner `id`, as they were at `version`.
    pub(super) fn set_staff(&mut self, id: i64, version: i64, edit: &StaffEdit) -> Reply {
        let changed = self.store.staff().and_then(|all| {
            let Some(before) = all.into_iter().find(|s| s.id == id) else {
                return Err(crate::store::StoreError::NotFound {
                    entity: "cleaner",
                    id,
                });
            };
            let week = self.store.availability(&before)?.week;
            self.store
                .update_staff(id, Some(version), StaffPatch::of_edit(edit, &week))
        });
        match changed {
            Ok(s) => Reply::Done(Outcome::StaffChanged {
                id: s.id,
                name: s.name,
                field: edit.field(),
            }),
            Err(e) => Reply::Refused(Refusal {
                attempt: Attempt::Staff,
                error: Arc::new(e),
                stale: None,
            }),
        }
    }
}
