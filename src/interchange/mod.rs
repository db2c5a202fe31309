//! Files exchanged with other tools: customer lists (CSV, JSON) and calendars
//! (iCalendar). Readers stream: they hold one record at a time, never the
//! whole file. Nothing here touches the database; `engine::import` does.

pub mod customers;
pub mod ics;
pub mod text;
