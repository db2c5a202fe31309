//! RenOS Dispatch: the day of a cleaning company on one keyboard-driven screen.
//!
//! Module map (arrows point down only):
//!
//! ```text
//! tui/       the console: state, update(Action), pure views, keymap, theme, event loop
//! cli/       non-interactive subcommands (agenda, staff, demo)
//! engine/    long-running work off the UI task: the store worker and change watcher
//! store/     SQLite: schema + migrations, queries, journal, demo seeding
//! config     config.toml and the XDG paths
//! domain/    pure rules and types: bookings, staff, customers, time zones, conflicts, overtime
//! ```

pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod engine;
pub mod logging;
pub mod store;
pub mod tui;
