//! RenOS Dispatch: the day of a cleaning company on one keyboard-driven screen.
//!
//! Module map (arrows point down only: a module uses those below it):
//!
//! ```text
//! cli/       the commands (agenda, staff, demo, serve, sync, invoice, alert, import, export,
//!            ics, doctor, …); `renos` with none opens the console; all they print
//!            goes through screen.rs, which keeps outside text from driving the terminal
//! tui/       the console: state, update(Action) returning the next mode, pure views, a keymap
//!            per mode, themes, event loop
//! engine/    work off the UI task: the day plan; the store worker, the sync and the back
//!            office (invoices, calls, payments) as services of one runner (service.rs),
//!            telling typed news; the back office without a console (headless.rs, for
//!            `renos serve`); health checks, demo seeding, imports and exports, a
//!            team's shared folder (`renos init --shared`); what remote callers
//!            (the HTTP API, an assistant) may ask, with the one check of their
//!            role, and the live feed of changes (remote/)
//! http/      the HTTP server of `renos serve --http`: the router, the token
//!            check, the rate limit, the JSON routes and the live feed's
//!            WebSocket; every answer asked of engine::remote
//! mcp/       the assistants' tools (`renos mcp`): functions on the store and the
//!            engine, the MCP glue apart; writes in two steps (dry run, confirmation)
//! words/     the words for the engine's typed news and the domain's typed values
//!            (dates, hours, reasons, refusals), in the language asked: the console,
//!            the commands, the HTTP API and the assistants' tools word through it
//! i18n/      the catalogue: one Fluent file per language (locales/*.ftl)
//! logging    the log file
//! config     config.toml, the environment and the XDG paths; the acting login, its
//!            groups and its role (`[roles]`)
//! tomlfile   TOML files people write: errors naming the file and line
//! providers/ the clients of Google Calendar, CalDAV, Microsoft 365 (Graph), Billy and Twilio
//!            (typed errors, retry rules); calendar.rs, the seam every calendar provider is
//!            seen through (Google's own items behind it in google/provider.rs)
//! interchange/ streaming readers and writers of customer files (CSV, JSON) and iCalendar
//! sandbox/   loopback fakes of Google Calendar (and its token endpoint), Microsoft Graph,
//!            Billy and Twilio, written from the services' documentation, for tests and
//!            `renos demo`
//! store/     SQLite: schema + migrations, booking rows written in one place, the write
//!            transactions (journal and outbox with each change; the role checked
//!            before each, a refusal journaled), queries, version checks
//! fsperm     the modes of the files and folders renos creates (private, or the group's)
//! clock      the system clock or a fixed one (`--now`, RENOS_NOW)
//! domain/    pure rules and types: who may change what (access.rs: roles and the
//!            one permission check), bookings and their drafts, the one double-booking rule
//!            (clash.rs), a save over another dispatcher's change field by field
//!            (stale.rs), conflicts, staff and their availability, the slot finder
//!            and the sick call (slots.rs, sickcall.rs), customers, time zones, dates people type,
//!            overtime, invoices and money, alerts, fuzzy search, review confidence, text
//!            made safe to print on a terminal
//! fuzz/      (tests only) property-based fuzzing of every reader and parser
//! ```

pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod engine;
pub mod fsperm;
#[cfg(test)]
mod fuzz;
pub mod http;
pub mod i18n;
pub mod interchange;
pub mod logging;
pub mod mcp;
pub mod providers;
pub mod sandbox;
pub mod store;
pub mod tomlfile;
pub mod tui;
pub mod words;
