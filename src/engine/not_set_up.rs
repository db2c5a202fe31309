//! A provider the settings leave out: which one, and the settings it
//! lacks. The commands and the console word it (`words::values::not_set_up`);
//! the English `Display` is what the log says.

use std::fmt;

/// The providers the back office needs settings for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Invoices.
    Billy,
    /// Calls and SMS.
    Twilio,
}

impl Provider {
    /// Its name, as the company knows it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Billy => "Billy",
            Provider::Twilio => "Twilio",
        }
    }

    /// Its section of the config file.
    pub fn section(self) -> &'static str {
        match self {
            Provider::Billy => "billy",
            Provider::Twilio => "twilio",
        }
    }
}

/// A provider is not set up: the settings (environment variables) missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSetUp {
    pub provider: Provider,
    pub missing: Vec<&'static str>,
}

impl fmt::Display for NotSetUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let joiner = match self.provider {
            Provider::Billy => " and ",
            Provider::Twilio => ", ",
        };
        write!(
            f,
            "{} is not set up: set {} (or [{}] in the config)",
            self.provider.name(),
            self.missing.join(joiner),
            self.provider.section()
        )
    }
}

impl std::error::Error for NotSetUp {}
