//! Recurrence rules (RFC 5545 RRULE) and their expansion.
