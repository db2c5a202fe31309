//! Customers of the business.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub address: String,
    /// E.164 (`+4512345678`) for numbers that came through an import.
    pub phone: String,
    pub email: String,
    /// The company, for business customers.
    #[serde(default)]
    pub company: String,
    pub notes: String,
    /// Free-form labels, e.g. `erhverv`, `nøgle`.
    pub tags: Vec<String>,
    /// Counters carried over from the system the customer was imported from.
    #[serde(default)]
    pub history: CustomerHistory,
    pub version: i64,
}

/// What an earlier system knew of a customer (the import's history counters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CustomerHistory {
    pub leads: u32,
    pub bookings: u32,
    /// Revenue in øre (1 kr = 100 øre).
    pub revenue_ore: i64,
    pub last_contact: Option<DateTime<Utc>>,
}
