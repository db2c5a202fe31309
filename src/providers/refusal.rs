//! A provider's refusal of access as the rest of RenOS sees it: what to
//! fix (a kind, for the words) and the English text the error shows and
//! the logs keep. It reads as its text, and two are equal when their texts
//! are: the kind only chooses the words.

use std::fmt;

/// A refusal of kind `K` (each provider has its own kinds), with its text.
#[derive(Debug, Clone)]
pub struct Refusal<K> {
    /// Boxed: a refusal is rare, the errors that carry it are passed often.
    kind: Box<K>,
    text: String,
}

impl<K> Refusal<K> {
    pub fn new(kind: K, text: impl Into<String>) -> Refusal<K> {
        Refusal {
            kind: Box::new(kind),
            text: text.into(),
        }
    }

    /// What to fix.
    pub fn kind(&self) -> &K {
        &self.kind
    }
}

impl<K> std::ops::Deref for Refusal<K> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl<K> fmt::Display for Refusal<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<K> PartialEq for Refusal<K> {
    fn eq(&self, other: &Refusal<K>) -> bool {
        self.text == other.text
    }
}

impl<K> Eq for Refusal<K> {}

/// A refusal known only by its text (read back from a log, say): the
/// kind's default, which words it as written.
impl<K: Default> From<&str> for Refusal<K> {
    fn from(text: &str) -> Refusal<K> {
        Refusal::new(K::default(), text)
    }
}

impl<K: Default> From<String> for Refusal<K> {
    fn from(text: String) -> Refusal<K> {
        Refusal::new(K::default(), text)
    }
}
