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

/// How a duplicate row changes the customer it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeMode {
    /// Fill what the customer lacks; keep what it has.
    Fill,
    /// The incoming values win where they are not empty.
    Overwrite,
}

impl Customer {
    /// `self` with what `incoming` adds: empty fields filled (or, with
    /// `Overwrite`, non-empty incoming fields taken), new tags added, notes
    /// not already there appended, history counters raised to the larger.
    /// Also returns the fields where both had different values and the
    /// customer's value was kept.
    pub fn merged(&self, incoming: &Customer, mode: MergeMode) -> (Customer, Vec<&'static str>) {
        let mut out = self.clone();
        let mut kept = Vec::new();
        type Field = fn(&mut Customer) -> &mut String;
        let fields: [(&'static str, Field); 4] = [
            ("e-mail", |c| &mut c.email),
            ("phone", |c| &mut c.phone),
            ("address", |c| &mut c.address),
            ("company", |c| &mut c.company),
        ];
        let mut src = incoming.clone();
        for (label, field) in fields {
            let new = field(&mut src).trim().to_string();
            let cur = field(&mut out);
            if new.is_empty() || *cur == new {
                continue;
            }
            if cur.trim().is_empty() || mode == MergeMode::Overwrite {
                *cur = new;
            } else if !(label == "e-mail" && cur.eq_ignore_ascii_case(&new)) {
                kept.push(label);
            }
        }
        if mode == MergeMode::Overwrite && !incoming.name.trim().is_empty() {
            out.name = incoming.name.trim().to_string();
        }
        let note = incoming.notes.trim();
        if !note.is_empty() && !out.notes.contains(note) {
            if mode == MergeMode::Overwrite || out.notes.trim().is_empty() {
                out.notes = note.to_string();
            } else {
                out.notes = format!("{}\n{note}", out.notes.trim_end());
            }
        }
        for t in &incoming.tags {
            if !out.tags.iter().any(|have| have.eq_ignore_ascii_case(t)) {
                out.tags.push(t.clone());
            }
        }
        let (h, i) = (&mut out.history, &incoming.history);
        h.leads = h.leads.max(i.leads);
        h.bookings = h.bookings.max(i.bookings);
        h.revenue_ore = h.revenue_ore.max(i.revenue_ore);
        h.last_contact = h.last_contact.max(i.last_contact);
        (out, kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(email: &str, phone: &str, notes: &str, tags: &[&str]) -> Customer {
        Customer {
            id: 7,
            name: "Søren Østergaard".into(),
            email: email.into(),
            phone: phone.into(),
            notes: notes.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Customer::default()
        }
    }

    #[test]
    fn fill_keeps_what_the_customer_has_and_adds_the_rest() {
        let have = c("s@x.dk", "", "nøgle under måtten", &["fast"]);
        let file = c("other@x.dk", "+4512345678", "hund", &["Fast", "erhverv"]);
        let (out, kept) = have.merged(&file, MergeMode::Fill);
        assert_eq!(out.email, "s@x.dk");
        assert_eq!(out.phone, "+4512345678");
        assert_eq!(out.notes, "nøgle under måtten\nhund");
        assert_eq!(out.tags, ["fast", "erhverv"]);
        assert_eq!(kept, ["e-mail"]);
        // Merging the same row again changes nothing.
        assert_eq!(out.merged(&file, MergeMode::Fill).0, out);
    }

    #[test]
    fn overwrite_takes_non_empty_incoming_values() {
        let have = c("s@x.dk", "+4511111111", "old", &[]);
        let file = c("new@x.dk", "", "new", &[]);
        let (out, kept) = have.merged(&file, MergeMode::Overwrite);
        assert_eq!(
            (out.email.as_str(), out.phone.as_str()),
            ("new@x.dk", "+4511111111")
        );
        assert_eq!(out.notes, "new");
        assert!(kept.is_empty());
    }

    #[test]
    fn history_counters_take_the_larger() {
        let mut have = c("", "", "", &[]);
        have.history.leads = 3;
        let mut file = have.clone();
        file.history.leads = 1;
        file.history.revenue_ore = 104_700;
        let (out, _) = have.merged(&file, MergeMode::Fill);
        assert_eq!((out.history.leads, out.history.revenue_ore), (3, 104_700));
    }
}
