//! The integration tests that run the built binary live, in real time: the
//! console in a real terminal (tmux at 80×24, a private tmux server per
//! test), against a `renos sandbox` process, and runs killed with SIGKILL
//! at random moments.
//!
//! A binary apart from `tests/it/`: these are slow and timing-sensitive on
//! two cores. The kill tests time a run first and then aim their kills inside
//! runs of that length, so each runs alone ([`common::alone`]); the
//! consoles run beside each other, as many as the test harness has threads.

// A test stops at the first failed step, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
// The in-process tests' helpers, of which the kill tests use only the
// seeding ones.
#[allow(dead_code)]
#[path = "../it/office_env.rs"]
mod office_env;
#[allow(dead_code)]
#[path = "../it/sync_env.rs"]
mod sync_env;
// Real Unix users for the shared-server console (of which the console
// uses only the terminal line).
#[allow(dead_code)]
#[path = "../it/users.rs"]
mod users;
// A real Radicale, for the CalDAV kill test.
#[allow(dead_code)]
#[path = "../it/caldav/radicale.rs"]
mod radicale;
// Anna's calendar on that Radicale, as the CalDAV kill tests set it up.
mod annas_caldav;

mod caldav_crash;
mod customer_tmux;
mod danish_walk;
mod demo_calendars;
mod demo_phone;
mod demo_radicale;
mod editing;
mod finder_tmux;
mod language;
mod log_tmux;
mod office_crash;
mod office_tmux;
mod search_tmux;
mod series_crash;
mod series_move_crash;
mod series_tmux;
mod serve;
mod shared;
mod staff_tmux;
mod stale;
mod sync_crash;
mod sync_tmux;
mod tape;
mod tmux;
mod week_tmux;
