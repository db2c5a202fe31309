//! RenOS Dispatch: the day of a cleaning company on one keyboard-driven screen.
//!
//! Module map (arrows point down only):
//!
//! ```text
//! tui/       the console: state, update(Action), pure views, keymap, theme, event loop
//! cli/       non-interactive subcommands (agenda, staff, demo, journal, import, export, ics, stats)
//! engine/    work off the UI task: the day plan; the store worker, sync and back office on one
//!            service runner, telling typed news; demo seeding, imports and exports
//! interchange/ streaming readers and writers of customer files (CSV, JSON) and iCalendar
//! sandbox/   loopback fakes of Google Calendar and its token endpoint, for tests and `renos demo`
//! store/     SQLite: schema + migrations, queries, journal, version checks
//! config     config.toml and the XDG paths
//! tomlfile   TOML files people write: errors naming the file and line
//! domain/    pure rules and types: bookings, staff, customers, time zones, conflicts, overtime
//! ```

pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod engine;
pub mod interchange;
pub mod logging;
pub mod providers;
pub mod sandbox;
pub mod store;
pub mod tomlfile;
pub mod tui;
