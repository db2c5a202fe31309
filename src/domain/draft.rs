//! What the dispatcher sets on a booking, and the rules a booking obeys on
//! its own (times in order, not too long, a service). Every way a booking is
//! written (the console, imports, the sync, seeding) asks these same rules.

use chrono::{DateTime, Duration, Utc};

use super::booking::{Booking, BookingStatus};

/// The longest a single booking may run; also bounds the window a day or a
/// clash check looks back over.
pub const MAX_BOOKING_HOURS: i64 = 24;

/// What the dispatcher can set on a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingDraft {
    pub customer_id: i64,
    pub staff_id: Option<i64>,
    pub service: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub estimate_min: u32,
    pub address: String,
    pub notes: String,
    /// Non-empty sends the booking to the review queue, with this reason.
    pub review: String,
}

/// Why a booking cannot exist as drafted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    #[error("a booking must end after it starts")]
    EndsBeforeStart,
    #[error("a booking can last at most {MAX_BOOKING_HOURS} hours")]
    TooLong,
    #[error("a booking needs a service type")]
    NoService,
}

impl BookingDraft {
    /// The booking a draft describes: on top of `base` (its status, times
    /// worked, version) when editing, else a new scheduled one.
    pub fn apply(&self, base: Option<&Booking>) -> Booking {
        let d = self;
        let base = base.cloned();
        Booking {
            id: base.as_ref().map_or(0, |b| b.id),
            customer_id: d.customer_id,
            staff_id: d.staff_id,
            service: d.service.clone(),
            start: d.start,
            end: d.end,
            estimate_min: d.estimate_min,
            status: base.as_ref().map_or(BookingStatus::Scheduled, |b| b.status),
            started_at: base.as_ref().and_then(|b| b.started_at),
            finished_at: base.as_ref().and_then(|b| b.finished_at),
            address: d.address.clone(),
            notes: d.notes.clone(),
            review: d.review.clone(),
            cancel_reason: base
                .as_ref()
                .map_or_else(String::new, |b| b.cancel_reason.clone()),
            version: base.as_ref().map_or(0, |b| b.version),
        }
    }

    /// The draft of an existing booking: what the form opens with.
    pub fn of(b: &Booking) -> BookingDraft {
        BookingDraft {
            customer_id: b.customer_id,
            staff_id: b.staff_id,
            service: b.service.clone(),
            start: b.start,
            end: b.end,
            estimate_min: b.estimate_min,
            address: b.address.clone(),
            notes: b.notes.clone(),
            review: b.review.clone(),
        }
    }

    /// The rules a booking obeys on its own: times in order, not too long,
    /// a service.
    pub fn check_shape(&self) -> Result<(), ShapeError> {
        if self.end <= self.start {
            return Err(ShapeError::EndsBeforeStart);
        }
        if self.end - self.start > Duration::hours(MAX_BOOKING_HOURS) {
            return Err(ShapeError::TooLong);
        }
        if self.service.trim().is_empty() {
            return Err(ShapeError::NoService);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn draft(len_min: i64, service: &str) -> BookingDraft {
        let start = Utc
            .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
            .single()
            .expect("time");
        BookingDraft {
            customer_id: 1,
            staff_id: Some(1),
            service: service.into(),
            start,
            end: start + Duration::minutes(len_min),
            estimate_min: 0,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
        }
    }

    #[test]
    fn the_shape_rules_in_the_words_the_dispatcher_reads() {
        assert_eq!(draft(120, "Fast rengøring").check_shape(), Ok(()));
        assert_eq!(draft(24 * 60, "Fast").check_shape(), Ok(()));
        let refused = |d: BookingDraft| d.check_shape().map_err(|e| e.to_string());
        assert_eq!(
            refused(draft(0, "Fast")),
            Err("a booking must end after it starts".into())
        );
        assert_eq!(
            refused(draft(-30, "Fast")),
            Err("a booking must end after it starts".into())
        );
        assert_eq!(
            refused(draft(24 * 60 + 1, "Fast")),
            Err("a booking can last at most 24 hours".into())
        );
        assert_eq!(
            refused(draft(60, "  ")),
            Err("a booking needs a service type".into())
        );
    }

    #[test]
    fn a_draft_of_a_booking_applies_back_onto_it() {
        let mut b = draft(90, "Fast").apply(None);
        assert_eq!(
            (b.id, b.version, b.status),
            (0, 0, BookingStatus::Scheduled)
        );
        b.id = 7;
        b.version = 3;
        b.status = BookingStatus::InProgress;
        b.cancel_reason = "x".into();
        assert_eq!(BookingDraft::of(&b).apply(Some(&b)), b);
    }
}
