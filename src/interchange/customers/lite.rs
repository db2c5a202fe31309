//! A light JSON value for one customer: strings borrowed from the input
//! where they have no escapes, objects as their fields in file order (so
//! problems are listed in the order a person reads the file).

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lite<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Str(Cow<'a, str>),
    List(Vec<Lite<'a>>),
    Object(Vec<(Cow<'a, str>, Lite<'a>)>),
}

impl Lite<'_> {
    /// How the value is named in a message.
    pub(super) fn kind(&self) -> String {
        match self {
            Lite::Null => "null".to_string(),
            Lite::Bool(b) => b.to_string(),
            Lite::Number(n) => format!("the number {n}"),
            Lite::Str(s) => format!("the text {s:?}"),
            Lite::List(_) => "a list".to_string(),
            Lite::Object(_) => "an object".to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for Lite<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LiteVisitor)
    }
}

struct LiteVisitor;

impl<'de> Visitor<'de> for LiteVisitor {
    type Value = Lite<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Lite<'de>, E> {
        Ok(Lite::Null)
    }

    fn visit_none<E>(self) -> Result<Lite<'de>, E> {
        Ok(Lite::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Lite<'de>, E> {
        Ok(Lite::Bool(b))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Lite<'de>, E> {
        Ok(Lite::Number(n.into()))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Lite<'de>, E> {
        Ok(Lite::Number(n.into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Lite<'de>, E> {
        Ok(Number::from_f64(f).map_or(Lite::Null, Lite::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Lite<'de>, E> {
        Ok(Lite::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Lite<'de>, E> {
        Ok(Lite::Str(Cow::Owned(s.to_string())))
    }

    fn visit_string<E>(self, s: String) -> Result<Lite<'de>, E> {
        Ok(Lite::Str(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lite<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Lite::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lite<'de>, A::Error> {
        let mut fields = Vec::with_capacity(16);
        while let Some(key) = map.next_key::<Lite<'de>>()? {
            let key = match key {
                Lite::Str(s) => s,
                other => Cow::Owned(other.kind()),
            };
            fields.push((key, map.next_value()?));
        }
        Ok(Lite::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_borrowed_and_fields_keep_their_order() {
        let text = br#"{"z": "plain", "a": "esc\"aped", "n": [1, -2, 2.5, null, true]}"#;
        let value: Result<Lite, _> = serde_json::from_slice(text);
        let Ok(Lite::Object(fields)) = value else {
            panic!("{value:?}")
        };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["z", "a", "n"]);
        assert!(matches!(&fields[0].1, Lite::Str(Cow::Borrowed("plain"))));
        assert!(matches!(&fields[1].1, Lite::Str(Cow::Owned(s)) if s == "esc\"aped"));
        let Lite::List(items) = &fields[2].1 else {
            panic!("list")
        };
        let kinds: Vec<String> = items.iter().map(Lite::kind).collect();
        assert_eq!(
            kinds,
            [
                "the number 1",
                "the number -2",
                "the number 2.5",
                "null",
                "true"
            ]
        );
    }
}
