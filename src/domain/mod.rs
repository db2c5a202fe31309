//! Pure rules and types of the business: no SQLite, no HTTP, no clock reads.
//!
//! Everything here takes the instant "now" and the business time zone as
//! arguments, so every rule can be tested with fixed values.

pub mod access;
pub mod alert;
pub mod availability;
pub mod booking;
pub mod change;
pub mod clash;
pub mod conflict;
pub mod contact;
pub mod customer;
pub mod draft;
pub mod fuzzy;
pub mod holidays;
pub mod invoice;
pub mod memory;
pub mod money;
pub mod month;
pub mod overtime;
pub mod recurrence;
pub mod remark;
pub mod review;
pub mod series;
pub mod sickcall;
pub mod slots;
pub mod staff;
pub mod stale;
pub mod sync;
pub mod text;
pub mod time;
pub mod title;
pub mod when;

pub use access::{Access, Permission, Refusal, Role, RoleSource, TokenRole};
pub use booking::{Booking, BookingStatus};
pub use change::BookingChange;
pub use clash::{Clash, clashes};
pub use conflict::{Conflict, ConflictKind, ConflictRules, detect_conflicts};
pub use customer::{Customer, CustomerHistory, MergeMode};
pub use draft::{BookingDraft, MAX_BOOKING_HOURS, ShapeError};
pub use fuzzy::{CustomerIndex, CustomerSearch, Hit};
pub use memory::{CustomerMemory, customer_memory};
pub use overtime::{Overtime, OvertimeLevel, OvertimeRules};
pub use review::{Assessment, Doubt, REVIEW_THRESHOLD, ReviewInput, assess};
pub use staff::{Staff, TimeOff, WorkingHours};
pub use stale::{Changed, EditField, FieldChange, FieldValue, StaleEdit};
pub use time::BusinessTz;
pub use when::DateInput;
