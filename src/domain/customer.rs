//! Customers of the business.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub notes: String,
    /// Free-form labels, e.g. `erhverv`, `nøgle`.
    pub tags: Vec<String>,
    pub version: i64,
}
