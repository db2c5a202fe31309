//! The integration tests that run inside this process or run the built
//! binary once and read what it printed: the command line, imports and
//! exports, the provider clients and the sandbox, sync, billing and alerts
//! against in-process sandboxes, the console rendered to a test backend,
//! the racing writers and the sync property test.
//!
//! One binary, so the crate and its dependencies are linked once; the tests
//! run in parallel threads. None of them sets process-wide state (no
//! environment variables, no current directory, no fixed ports, no global
//! subscriber): every test has its own temporary directory, database and
//! sandbox on a port of its own. Tests that drive the console in a real
//! terminal or kill runs mid-way are in `tests/live/`.

// A test stops at the first failed step, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// Of the live tests' helpers only the command-line ones (`NOW`, `renos`)
// are used here; the terminal and sandbox-process ones are not.
#[allow(dead_code)]
#[path = "../live/common/mod.rs"]
mod common;
mod office_env;
mod sync_env;

mod alerts;
mod api;
mod app;
mod billing;
mod billy_client;
mod bounds;
mod caldav;
mod cli;
mod cli_da_a;
mod cli_da_b;
mod cli_da_c;
mod cli_da_config;
mod cli_da_help;
mod cli_da_ics;
mod cli_da_keymap;
mod cli_da_network;
mod cli_da_providers;
mod cli_da_refusals;
mod doctor;
mod feed;
mod google_client;
mod google_provider;
mod graph;
mod hostile_output;
mod ics;
mod ics_clashes;
mod ics_hostile;
mod ics_series;
mod ics_tools;
mod import;
mod invoice_words;
mod mcp;
mod mcp_http;
mod monthly;
mod perms;
mod provider;
mod race;
mod sandbox;
mod series;
mod shared;
mod slots;
mod snapshots;
mod sync;
mod sync_props;
mod sync_seam_props;
mod twilio_client;
// The terminal line of a user's console is for the live tests.
#[allow(dead_code)]
mod users;
