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
        let found = self.found(query, customers).map_err(|e| e.to_string());
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
