//! The tools, in the business's words, as functions on a [`Desk`](super::Desk):
//! typed arguments in, typed results out, no protocol. Read-only tools in
//! `time`, `check`, `customer`, `overtime` and `slots`; the two-step writes
//! in `booking`, `undo` and `invoice`.

pub mod booking;
pub mod check;
pub mod customer;
pub mod invoice;
pub mod overtime;
pub mod slots;
pub mod time;
pub mod undo;
