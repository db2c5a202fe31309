//! HTTP clients of the services the console talks to. Each turns the
//! service's answers into plain values and a small error type; none of them
//! touches the database.

pub mod google;
