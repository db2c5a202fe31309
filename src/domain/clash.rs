//! The double-booking rule, in one place: when two bookings double-book a
//! cleaner, and which of a cleaner's bookings a new or moved booking would
//! double-book. The write path (after loading the cleaner's bookings around
//! the new times), the console's preview, the plan's conflict sweep and
//! anything that looks for a free slot all ask these functions; none of
//! them needs a database.

use super::booking::Booking;

/// One of a cleaner's bookings that a booking would overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clash {
    /// The booking already there.
    pub other: i64,
    /// How long the two overlap, in minutes.
    pub minutes: i64,
}

/// Do `a` and `b` double-book a cleaner? Two different bookings, both in the
/// plan (not cancelled), both taking time, of the same cleaner, whose times
/// overlap. Touching ends (one ends when the other starts) do not.
pub fn double_books(a: &Booking, b: &Booking) -> bool {
    a.id != b.id
        && a.is_active()
        && b.is_active()
        && a.staff_id.is_some()
        && a.staff_id == b.staff_id
        && a.end > a.start
        && b.end > b.start
        && a.start < b.end
        && b.start < a.end
}

/// How long `a` and `b` overlap, in whole minutes (0 when they do not).
pub fn overlap_minutes(a: &Booking, b: &Booking) -> i64 {
    (a.end.min(b.end) - a.start.max(b.start))
        .num_minutes()
        .max(0)
}

/// Every booking of `others` that `candidate` would double-book, in the
/// order of the plan (by start, then id). `others` may hold anything (other
/// cleaners, cancelled bookings, the candidate's own earlier version): the
/// rule picks. Linear in `others`.
pub fn clashes(candidate: &Booking, others: &[Booking]) -> Vec<Clash> {
    let mut found: Vec<&Booking> = others
        .iter()
        .filter(|o| double_books(candidate, o))
        .collect();
    found.sort_by_key(|o| (o.start, o.id));
    found
        .into_iter()
        .map(|o| Clash {
            other: o.id,
            minutes: overlap_minutes(candidate, o),
        })
        .collect()
}

/// The rule a save obeys: `candidate` may double-book only bookings the
/// dispatcher accepted. Returns the accepted ones it does double-book (for
/// the journal), or the first clash that was not accepted.
pub fn check_clashes(
    candidate: &Booking,
    others: &[Booking],
    accepted: &[i64],
) -> Result<Vec<i64>, Clash> {
    let found = clashes(candidate, others);
    match found.iter().find(|c| !accepted.contains(&c.other)) {
        Some(c) => Err(*c),
        None => Ok(found.into_iter().map(|c| c.other).collect()),
    }
}

#[cfg(test)]
mod tests;
