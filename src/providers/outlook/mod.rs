//! Microsoft 365 calendars through Microsoft Graph v1.0, behind the
//! provider seam: an organisation's app signs in with client credentials
//! and reads and writes the default calendar of one mailbox.
//!
//! ```text
//! auth.rs       the app's credentials from the environment, the access token cache
//! transport.rs  one request: the token, a timeout, a bounded answer, retries
//! event.rs      Graph's events to and from the seam's items
//! client.rs     `OutlookCalendar`: calendarView delta rounds, conditional writes
//! ```

mod auth;
mod client;
mod event;
mod transport;

pub use auth::{ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_TENANT_ID, OutlookCredentials};
pub use client::{DEFAULT_BASE_URL, DEFAULT_LOGIN_URL, OutlookCalendar, OutlookSettings, Window};
pub use event::BOOKING_PROPERTY;
