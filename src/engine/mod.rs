//! Work that runs off the UI task: loading a day with its conflicts, the
//! store worker that owns the console's database connection and notices
//! other processes' changes, and seeding the demo business.

pub mod alerts;
pub mod billing;
pub mod day;
pub mod delivery;
pub mod demo;
pub mod export;
pub mod health;
pub mod history;
pub mod import;
pub mod office;
pub mod service;
pub mod sync;
pub mod worker;

pub use day::DayPlan;
