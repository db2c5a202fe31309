//! The customers an event made by hand may name, by e-mail or by name,
//! case-insensitively, and the services its title may name. Read once per sync run, when the first such event
//! comes, and kept up to date with the customers the run makes: a full
//! sync of thousands of hand-made events then asks SQLite nothing per event
//! (an index on the customers' names would slow every import instead).

use std::collections::HashMap;

use crate::store::{Result, SyncWriter};

/// Customer ids by folded e-mail and by folded name; the services booked,
/// as written, by folded name.
#[derive(Default)]
pub struct CustomerKeys {
    by_email: HashMap<String, Vec<i64>>,
    by_name: HashMap<String, Vec<i64>>,
    services: crate::domain::title::Services,
}

impl std::fmt::Debug for CustomerKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CustomerKeys({} names)", self.by_name.len())
    }
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

impl CustomerKeys {
    pub fn load(w: &SyncWriter) -> Result<CustomerKeys> {
        let mut keys = CustomerKeys::default();
        for (id, name, email) in w.customer_keys()? {
            keys.add(id, &name, &email);
        }
        keys.services = crate::domain::title::Services::new(w.known_services()?);
        Ok(keys)
    }

    pub fn add(&mut self, id: i64, name: &str, email: &str) {
        if !email.trim().is_empty() {
            self.by_email.entry(fold(email)).or_default().push(id);
        }
        if !name.trim().is_empty() {
            self.by_name.entry(fold(name)).or_default().push(id);
        }
    }

    /// The one customer with this e-mail; none when there are several.
    pub fn by_email(&self, email: &str) -> Option<i64> {
        only(self.by_email.get(&fold(email)))
    }

    /// The one customer with this name; none when there are several.
    pub fn by_name(&self, name: &str) -> Option<i64> {
        only(self.by_name.get(&fold(name)))
    }
}

impl CustomerKeys {
    /// What the title of an event made by hand says (see
    /// [`crate::domain::title`]).
    pub fn title(&self, summary: &str) -> crate::domain::title::Title {
        self.services.read(summary)
    }
}

fn only(ids: Option<&Vec<i64>>) -> Option<i64> {
    match ids.map(Vec::as_slice) {
        Some([id]) => Some(*id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_folded_match() {
        let mut k = CustomerKeys::default();
        k.add(1, "Hansen", "hansen@example.dk");
        k.add(2, "Ærø Rengøring", "");
        k.add(3, "Jensen", "");
        k.add(4, "jensen ", "");
        assert_eq!(k.by_email(" HANSEN@example.dk"), Some(1));
        assert_eq!(k.by_name("hansen"), Some(1));
        assert_eq!(k.by_name("ærø rengøring"), Some(2));
        assert_eq!(k.by_name("Jensen"), None, "two of them");
        assert_eq!(k.by_name(""), None);
        assert_eq!(k.by_email("nobody@example.dk"), None);
    }
}
