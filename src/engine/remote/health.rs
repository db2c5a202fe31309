//! The API's `/health`: can the database be read, and is each provider set
//! up. Only states and words, never a setting's value (no key, no token,
//! no account).

use chrono::Utc;
use serde::Serialize;

use super::Remote;

/// The state of one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Ok,
    /// Set up and switched off by the config.
    Off,
    NotSetUp,
    /// Some of its settings are missing.
    HalfSetUp,
    Fail,
}

/// One part's state; `detail` is a sentence without secrets.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub state: State,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

fn part(state: State, detail: &str) -> Part {
    Part {
        state,
        detail: detail.to_string(),
    }
}

/// The answer of `/health`.
#[derive(Debug, Clone, Serialize)]
pub struct Health {
    /// "ok" when the database can be read, else "fail".
    pub status: &'static str,
    pub timestamp: String,
    pub version: &'static str,
    pub database: Part,
    pub google: Part,
    pub billy: Part,
    pub twilio: Part,
}

impl Remote {
    /// The state of the database and of each provider's setup.
    pub fn health(&self) -> Health {
        let database = match self.own_store().and_then(|s| Ok(s.data_version()?)) {
            Ok(_) => part(State::Ok, ""),
            Err(e) => {
                tracing::warn!(target: "renos::remote", error = %e, "health: database");
                part(
                    State::Fail,
                    "the database cannot be read; see the serve log",
                )
            }
        };
        let s = &self.settings;
        let google = match (s.google.credentials.is_some(), s.sync.enabled) {
            (false, _) => part(State::NotSetUp, "Google Calendar is not set up"),
            (true, false) => part(State::Off, "sync.enabled = false"),
            (true, true) => part(State::Ok, ""),
        };
        let billy = if s.billy.is_set_up() {
            part(State::Ok, "")
        } else if s.billy.api_key.is_none() && s.billy.organization_id.is_none() {
            part(State::NotSetUp, "invoicing is off")
        } else {
            part(State::HalfSetUp, "a Billy setting is missing")
        };
        let twilio = if s.twilio.is_set_up() {
            part(State::Ok, "")
        } else {
            part(State::NotSetUp, "calls and SMS are off")
        };
        Health {
            status: if database.state == State::Ok {
                "ok"
            } else {
                "fail"
            },
            timestamp: Utc::now().to_rfc3339(),
            version: env!("CARGO_PKG_VERSION"),
            database,
            google,
            billy,
            twilio,
        }
    }
}
