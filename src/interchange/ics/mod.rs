//! iCalendar (RFC 5545): streaming reader and writer.
