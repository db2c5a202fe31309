//! The words a person reads for the engine's typed values: dates, hours
//! and durations, review reasons, clashes, series, refusals and news. The
//! console, the command line, the HTTP API and the assistants' tools all
//! word through here, each in the language it was given; none of it draws.

pub mod news;
pub mod slots;
pub mod text;
pub mod values;
