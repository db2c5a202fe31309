//! HTTP clients of the services the console talks to. Each turns the
//! service's answers into plain values and a small error type; none of them
//! touches the database. `calendar` is the seam every calendar provider
//! (Google, CalDAV, …) is seen through by the sync engine.

pub mod billy;
pub mod body;
pub mod caldav;
pub mod calendar;
pub mod google;
pub mod network;
pub mod outlook;
pub mod refusal;
pub mod retry;
pub mod twilio;

/// Installs ring as the process's rustls provider (once; a provider
/// installed earlier is kept). Every HTTP client of ours needs one.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
