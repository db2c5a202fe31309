//! `renos mcp`: the business's tools for assistants, over the Model Context
//! Protocol (the business's "RenOS Calendar MCP", in its words).
//!
//! The tools are plain functions on a [`Session`] (the store, acting as
//! the caller, and the settings) taking typed arguments and returning typed
//! results ([`tools`]); the work is `engine::remote`'s, the same operations
//! the HTTP API asks; [`server`] is the protocol glue around them. Every
//! rule is the one the console and the command line use. A write is two calls: without `confirm` it is a dry run that writes
//! nothing and hands out a confirmation bound to the exact arguments; only
//! the confirmed call writes ([`confirm`]).

pub mod confirm;
pub mod server;
pub mod session;
pub mod tools;

pub use server::{Server, serve_stdio};
pub use session::{Session, ToolError};
