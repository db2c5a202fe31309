//! The lines of one kind in an import's report (problems, duplicates,
//! warnings): the first [`LISTED`] are kept and the rest only counted, so a
//! file of ten million bad rows costs no more memory than one of a hundred.

use serde::ser::{Serialize, SerializeSeq, Serializer};

/// How many lines of one kind a report keeps.
pub const LISTED: usize = 100;

/// The first [`LISTED`] items pushed, and how many more there were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    items: Vec<T>,
    more: u64,
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Listed {
            items: Vec::new(),
            more: 0,
        }
    }
}

impl<T> Listed<T> {
    pub fn push(&mut self, item: T) {
        if self.items.len() < LISTED {
            self.items.push(item);
        } else {
            self.more += 1;
        }
    }

    pub fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        for item in items {
            self.push(item);
        }
    }

    /// Adds another list's items and its count of the rest.
    pub fn append(&mut self, other: Listed<T>) {
        self.extend(other.items);
        self.more += other.more;
    }

    /// The items kept.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// How many were pushed but not kept.
    pub fn more(&self) -> u64 {
        self.more
    }

    /// How many were pushed in all.
    pub fn total(&self) -> u64 {
        self.items.len() as u64 + self.more
    }
}

/// The items kept, as a slice.
impl<T> std::ops::Deref for Listed<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.items
    }
}

/// The sentence that ends a list that was cut.
pub fn and_more(more: u64) -> String {
    format!("… and {more} more of the same kinds")
}

/// As a JSON array of the items kept; a text list that was cut ends with
/// [`and_more`].
/// An item as its English text (a typed problem as `--json` has always
/// had it).
struct AsText<'a, T>(&'a T);

impl<T: std::fmt::Display> Serialize for AsText<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

impl<T: std::fmt::Display> Serialize for Listed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.items.len() + usize::from(self.more > 0)))?;
        for item in &self.items {
            seq.serialize_element(&AsText(item))?;
        }
        if self.more > 0 {
            seq.serialize_element(&and_more(self.more))?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_are_kept_and_the_rest_counted() {
        let mut a: Listed<String> = Listed::default();
        a.extend((0..150).map(|i| format!("line {i}: bad")));
        assert_eq!((a.items().len(), a.more(), a.total()), (100, 50, 150));
        let mut b = Listed::default();
        b.push("x".to_string());
        b.append(a);
        assert_eq!((b.items().len(), b.more(), b.total()), (100, 51, 151));
        let json = serde_json::to_value(&b).unwrap_or_default();
        assert_eq!(json.as_array().map(Vec::len), Some(101));
        assert_eq!(json[100], "… and 51 more of the same kinds");
        let few: Listed<String> = Listed::default();
        assert_eq!(serde_json::to_string(&few).ok().as_deref(), Some("[]"));
    }
}
