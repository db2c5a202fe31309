//! The worker's side of the console's search (`/`): a booking by its
//! number, the bookings whose notes match, and the next and last booking
//! of each customer the console found (the customer search itself runs in
//! the console, on the list it already has).

use chrono::{DateTime, Utc};

use super::notes::NotesIndex;
use super::{Reply, StoreService};
use crate::domain::{Booking, BookingStatus};
use crate::store::{Result, to_secs};

/// Bookings whose notes match, at most.
pub const NOTE_HITS: usize = 8;
/// Folded letters a query needs before notes are searched.
const NOTES_MIN_LEN: usize = 3;
/// Changed bookings read one by one at most; past that the index is built again.
const REFRESH_MAX: usize = 5_000;

/// A booking as the search lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundBooking {
    pub id: i64,
    pub customer_id: i64,
    pub customer: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The cleaner's name; `None`: unassigned.
    pub staff: Option<String>,
    pub notes: String,
    pub cancelled: bool,
}

/// A customer's next booking (from now on) and last one (before now).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerJobs {
    pub customer_id: i64,
    pub next: Option<FoundBooking>,
    pub last: Option<FoundBooking>,
}

/// The worker's answer to a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The booking whose number was typed (`47`, `#47`).
    pub number: Option<FoundBooking>,
    /// In the order the console asked for them.
    pub customers: Vec<CustomerJobs>,
    /// Bookings whose notes match: upcoming first, then the latest past.
    pub notes: Vec<FoundBooking>,
}

/// The notes index and the journal entry it is up to date with.
pub(super) struct Notes {
    index: NotesIndex,
    mark: i64,
}

/// The booking number in a query: `47` or `#47`.
pub fn booking_number(query: &str) -> Option<i64> {
    let q = query.trim();
    let digits = q.strip_prefix('#').unwrap_or(q).trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl<F: Fn(Reply)> StoreService<F> {
    /// The answer to search `seq`: `query` as typed, `customers` the ids
    /// the console's customer search found.
    pub(super) fn search(&mut self, seq: u64, query: &str, customers: &[i64]) -> Reply {
        let found = self.found(query, customers).map_err(std::sync::Arc::new);
        Reply::Found {
            seq,
            found: found.map(Box::new),
        }
    }

    fn found(&mut self, query: &str, customers: &[i64]) -> Result<Found> {
        let now = self.store.now();
        let mut bookings: Vec<Booking> = Vec::new();
        let number = match booking_number(query) {
            Some(id) => self.store.booking(id).ok(),
            None => None,
        };
        let mut pairs = Vec::with_capacity(customers.len());
        for &c in customers {
            pairs.push((c, self.store.next_and_last(c, now)?));
        }
        self.refresh_notes()?;
        let note_ids = self.notes.as_ref().map_or_else(Vec::new, |n| {
            n.index
                .search(query, to_secs(now), NOTE_HITS, NOTES_MIN_LEN)
        });
        let mut noted = Vec::with_capacity(note_ids.len());
        for id in note_ids {
            if let Ok(b) = self.store.booking(id) {
                noted.push(b);
            }
        }
        bookings.extend(number.iter().cloned());
        bookings.extend(noted.iter().cloned());
        for (_, (next, last)) in &pairs {
            bookings.extend(next.iter().cloned());
            bookings.extend(last.iter().cloned());
        }
        let names = self
            .store
            .customers_by_id(bookings.iter().map(|b| b.customer_id))?;
        let staff = self.store.staff_names()?;
        let show = |b: Booking| FoundBooking {
            id: b.id,
            customer_id: b.customer_id,
            customer: names
                .get(&b.customer_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            start: b.start,
            end: b.end,
            staff: b.staff_id.and_then(|s| staff.get(&s).cloned()),
            cancelled: b.status == BookingStatus::Cancelled,
            notes: b.notes,
        };
        Ok(Found {
            number: number.map(show),
            customers: pairs
                .into_iter()
                .map(|(customer_id, (next, last))| CustomerJobs {
                    customer_id,
                    next: next.map(show),
                    last: last.map(show),
                })
                .collect(),
            notes: noted.into_iter().map(show).collect(),
        })
    }

    /// Builds the notes index on the first search, and brings it up to
    /// date with the journal on each one after (see `notes`).
    fn refresh_notes(&mut self) -> Result<()> {
        let mark = self.store.journal_mark()?;
        let changed = match &self.notes {
            Some(n) if n.mark == mark => return Ok(()),
            Some(n) if mark > n.mark => self.store.bookings_changed_since(n.mark, REFRESH_MAX)?,
            _ => None,
        };
        match (changed, &mut self.notes) {
            (Some(ids), Some(notes)) => {
                for id in ids {
                    notes.index.update(id, self.store.booking_note(id)?);
                }
                notes.mark = mark;
            }
            _ => {
                let mut rows = Vec::new();
                self.store.booking_notes(|r| rows.push(r))?;
                self.notes = Some(Notes {
                    index: NotesIndex::build(rows),
                    mark,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;

    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::clock::Clock;
    use crate::config::Settings;
    use crate::engine::worker::Request;
    use crate::store::{NewBooking, NewCustomer, Store};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 7, 0, 0)
            .single()
            .expect("t")
    }

    fn add(store: &mut Store, customer: i64, days: i64, notes: &str) -> i64 {
        let start = now() + Duration::days(days);
        store
            .add_booking(NewBooking {
                customer_id: customer,
                staff_id: None,
                service: "Fast rengøring".into(),
                start,
                end: start + Duration::hours(2),
                estimate_min: 120,
                status: BookingStatus::Scheduled,
                started_at: None,
                finished_at: None,
                address: String::new(),
                notes: notes.into(),
            })
            .expect("booking")
            .id
    }

    #[test]
    fn another_connections_changes_reach_the_notes_and_late_ones_come_later() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("d.db");
        let mut store = Store::open(&path, "mette", Clock::Fixed(now())).expect("open");
        let c = store
            .add_customer(NewCustomer {
                name: "Hansen".into(),
                ..Default::default()
            })
            .expect("customer")
            .id;
        let past = add(&mut store, c, -3, "Vinduer indvendigt");
        let soon = add(&mut store, c, 2, "Vinduer udvendigt");
        let replies = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&replies);
        let mut service = StoreService::new(store, Settings::default(), move |r| {
            sink.borrow_mut().push(r)
        });
        let mut ask = |query: &str, seq: u64| -> Found {
            service.handle(Request::Find {
                seq,
                query: query.into(),
                customers: vec![c],
            });
            match replies.borrow_mut().pop() {
                Some(Reply::Found { seq: s, found }) if s == seq => *found.expect("found"),
                other => panic!("{other:?}"),
            }
        };
        let ids = |f: &Found| f.notes.iter().map(|b| b.id).collect::<Vec<_>>();
        let f = ask("vinduer", 1);
        assert_eq!(ids(&f), vec![soon, past], "upcoming first");
        assert_eq!(f.customers[0].next.as_ref().map(|b| b.id), Some(soon));
        assert_eq!(f.customers[0].last.as_ref().map(|b| b.id), Some(past));
        assert_eq!(ask(&format!("#{past}"), 2).number.map(|b| b.id), Some(past));

        // Another console: a new booking, and the upcoming one cancelled.
        let mut other = Store::open(&path, "lars", Clock::Fixed(now())).expect("open");
        let later = add(&mut other, c, 9, "Vinduer og karme");
        other.cancel_booking(soon, 1, "flyttet").expect("cancel");
        let f = ask("vinduer", 3);
        assert_eq!(ids(&f), vec![later, past]);
        assert_eq!(f.customers[0].next.as_ref().map(|b| b.id), Some(later));
        assert_eq!(ids(&ask("karme vinduer", 4)), vec![later]);
        assert!(ask("vi", 5).notes.is_empty(), "two letters search no notes");
    }
}
