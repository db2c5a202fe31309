//! The domain's values in words: a customer's history, why a booking waits
//! for review, how a series repeats, a clash, the kind of an alert. The
//! domain hands over typed values; these functions say them in the
//! console's language (the commands use the same words).

mod alert;
mod config;
mod conflict;
mod contact;
mod hours;
mod ics;
mod import;
mod import_file;
mod invoice;
mod memory;
mod provider;
mod refusal;
mod remark;
mod review;
mod rrule;
mod series;
mod setup;
mod staff;
mod store;
mod when;

pub use alert::alert_kind;
pub use config::{
    config_error, config_unreadable, console_file_error, field_why, line_why, toml_error,
};
pub use conflict::conflict;
pub use contact::{contact_label, email_error, phone_error};
pub use hours::{Keywords, hours_error, hours_error_in};
pub use ics::{ics_clash, ics_fault, ics_problem, ics_warning, not_a_series};
pub use import::{booking_problem, fault, file_shape, import_problem, import_warning, money_error};
pub use import_file::{file_fault, import_error, import_stopped, io_error};
pub use invoice::{customer_pick, not_billable};
pub use memory::memory;
pub use provider::{
    billy_access, billy_error, logged_billy_error, logged_twilio_error, network_fault,
    provider_fault, twilio_access, twilio_error, url_fault,
};
pub use refusal::{access_refusal, entry_refusal, open_error, shape_error};
pub use remark::remarks;
pub use review::{doubt, doubts};
pub use rrule::rrule_error;
pub use series::{repeat_error, rule, series, series_error};
pub use setup::setup_error;
pub use staff::staff_field;
pub use store::{change_refusal, clash_refusal, not_set_up, store_error, transition_error};
pub use when::{date_error, duration_error, instant_error, time_error};

#[cfg(test)]
mod tests;
