//! Bookings: a job for one customer, usually assigned to one cleaner.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// `scheduled → in_progress → completed`, or `cancelled`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum BookingStatus {
    Scheduled,
    InProgress,
    Completed,
    Cancelled,
}

impl BookingStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: i64,
    pub customer_id: i64,
    /// `None` while unassigned.
    pub staff_id: Option<i64>,
    pub service: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub estimate_min: u32,
    pub status: BookingStatus,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Where the job is; empty means the customer's address.
    pub address: String,
    pub notes: String,
    /// Why the booking waits in the review queue; empty when it does not.
    #[serde(default)]
    pub review: String,
    /// Why it was cancelled, when it was.
    #[serde(default)]
    pub cancel_reason: String,
    pub version: i64,
}

/// Why a state change is not allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the job is already running")]
    AlreadyRunning,
    #[error("the job is already finished")]
    AlreadyFinished,
    #[error("the job is cancelled")]
    Cancelled,
    #[error("the job has not been started yet: start it first")]
    NotStarted,
    #[error("the job has no cleaner: assign one first")]
    Unassigned,
}

impl Booking {
    pub fn planned_minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// Is it waiting in the review queue?
    pub fn needs_review(&self) -> bool {
        !self.review.is_empty()
    }

    /// Is this booking part of the plan (not cancelled)?
    pub fn is_active(&self) -> bool {
        self.status != BookingStatus::Cancelled
    }

    /// Start the job at `now`.
    pub fn start_job(&mut self, now: DateTime<Utc>) -> Result<(), TransitionError> {
        match self.status {
            BookingStatus::Scheduled if self.staff_id.is_none() => Err(TransitionError::Unassigned),
            BookingStatus::Scheduled => {
                self.status = BookingStatus::InProgress;
                self.started_at = Some(now);
                Ok(())
            }
            BookingStatus::InProgress => Err(TransitionError::AlreadyRunning),
            BookingStatus::Completed => Err(TransitionError::AlreadyFinished),
            BookingStatus::Cancelled => Err(TransitionError::Cancelled),
        }
    }

    /// Finish the running job at `now`.
    pub fn finish_job(&mut self, now: DateTime<Utc>) -> Result<(), TransitionError> {
        match self.status {
            BookingStatus::InProgress => {
                self.status = BookingStatus::Completed;
                self.finished_at = Some(now.max(self.started_at.unwrap_or(now)));
                Ok(())
            }
            BookingStatus::Scheduled => Err(TransitionError::NotStarted),
            BookingStatus::Completed => Err(TransitionError::AlreadyFinished),
            BookingStatus::Cancelled => Err(TransitionError::Cancelled),
        }
    }

    /// Worked minutes of a finished job.
    pub fn actual_minutes(&self) -> Option<i64> {
        Some((self.finished_at? - self.started_at?).num_minutes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn job() -> Booking {
        let t = Utc
            .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
            .single()
            .expect("time");
        Booking {
            id: 1,
            customer_id: 1,
            staff_id: Some(1),
            service: "Fast rengøring".into(),
            start: t,
            end: t + chrono::Duration::hours(3),
            estimate_min: 180,
            status: BookingStatus::Scheduled,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
            cancel_reason: String::new(),
            version: 1,
        }
    }

    #[test]
    fn start_then_finish() {
        let mut b = job();
        let t = b.start;
        assert_eq!(b.finish_job(t), Err(TransitionError::NotStarted));
        b.start_job(t).expect("start");
        assert_eq!(b.start_job(t), Err(TransitionError::AlreadyRunning));
        b.finish_job(t + chrono::Duration::minutes(200))
            .expect("finish");
        assert_eq!(b.actual_minutes(), Some(200));
        assert_eq!(b.status, BookingStatus::Completed);
    }

    #[test]
    fn unassigned_cannot_start() {
        let mut b = job();
        b.staff_id = None;
        assert_eq!(b.start_job(b.start), Err(TransitionError::Unassigned));
    }
}
