//! `renos mcp`: the business's tools for assistants, over the Model Context
//! Protocol (the business's "RenOS Calendar MCP", in its words).
//!
//! The tools are plain functions on a [`Desk`] (the store, acting as the
//! login that runs the server, and the settings) taking typed arguments and
//! returning typed results ([`tools`]); [`server`] is the protocol glue
//! around them. Every rule is the one the console and the command line
//! use. A write is two calls: without `confirm` it is a dry run that writes
//! nothing and hands out a confirmation bound to the exact arguments; only
//! the confirmed call writes ([`confirm`]).

pub mod confirm;
pub mod desk;
pub mod server;
pub mod tools;

pub use desk::{Desk, ToolError};
pub use server::{Server, serve_stdio};

/// What the journal says after the login of a change made through the tools.
pub const VIA: &str = "via assistant";
