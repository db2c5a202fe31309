//! Work that runs off the UI task: loading a day with its conflicts, the
//! background services (the store worker that owns the console's database
//! connection and notices other processes' changes, the Google Calendar
//! sync, the back office for invoices, calls and payments), all on one
//! runner (`service`), the back office without a console (`headless`, for
//! `renos serve`), seeding the demo business, imports and exports,
//! setting up a team's shared folder (`shared`), and the slot finder and
//! the sick call over the store (`slots`), and a week of the plan for the
//! week board (`week`); what remote callers (the API, the MCP server) may
//! ask, with the one check of their role (`remote`).
//!
//! The engine tells its owner typed values (`SyncStatus`, `worker::Outcome`,
//! `office::OfficeEvent`, …); the console chooses the words
//! (`tui::view::news`).

pub mod alerts;
pub mod billing;
pub mod day;
pub mod delivery;
pub mod demo;
pub mod export;
pub mod headless;
pub mod health;
pub mod history;
pub mod import;
pub mod not_set_up;
pub mod office;
pub mod remote;
pub mod service;
pub mod shared;
pub mod slots;
pub mod sync;
pub mod week;
pub mod worker;

pub use day::{DayPlan, SeriesVisit};
