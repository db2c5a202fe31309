//! Pure rules and types of the business: no SQLite, no HTTP, no clock reads.
//!
//! Everything here takes the instant "now" and the business time zone as
//! arguments, so every rule can be tested with fixed values.

pub mod booking;
pub mod conflict;
pub mod customer;
pub mod overtime;
pub mod staff;
pub mod time;

pub use booking::{Booking, BookingStatus};
pub use conflict::{Conflict, ConflictKind, ConflictRules, detect_conflicts};
pub use customer::Customer;
pub use overtime::{Overtime, OvertimeLevel, OvertimeRules};
pub use staff::{Staff, TimeOff, WorkingHours};
pub use time::BusinessTz;
