//! Google Calendar v3 through google-calendar3 and a yup-oauth2 service
//! account with domain-wide delegation.

mod types;

pub use types::*;
mod stub; pub use stub::*;
