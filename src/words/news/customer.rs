//! The words for the store worker's answers about customers.

use crate::domain::Customer;
use crate::engine::import::MatchedBy;
use crate::engine::worker::Lookalike;
use crate::i18n::Words;

/// A phone number as a Danish reader groups it: `+45 12 34 56 78`.
pub fn phone_words(phone: &str) -> String {
    match phone.strip_prefix("+45") {
        Some(local) if local.len() == 8 && local.bytes().all(|b| b.is_ascii_digit()) => {
            format!(
                "+45 {} {} {} {}",
                &local[0..2],
                &local[2..4],
                &local[4..6],
                &local[6..8]
            )
        }
        _ => phone.to_string(),
    }
}

/// A new customer made from the form.
pub fn customer_added(w: Words, c: &Customer) -> String {
    w.with(
        "customer-added",
        &[("name", c.name.as_str().into()), ("id", c.id.into())],
    )
}

/// `e` on the customer screen before the customer arrived.
pub fn customer_loading(w: Words) -> String {
    w.get("customer-still-loading")
}

/// A customer's details saved on the customer screen.
pub fn customer_saved(w: Words, c: &Customer) -> String {
    w.with("customer-saved", &[("name", c.name.as_str().into())])
}

/// The question when the form's new customer looks like a known one:
/// "Looks like Søren Østergaard (+45 12 34 56 78), same phone: use them?".
pub fn lookalike_question(w: Words, l: &Lookalike) -> String {
    let c = &l.customer;
    let contact = [phone_words(&c.phone), c.email.clone(), c.address.clone()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    let key = match l.by {
        MatchedBy::Email => "customer-lookalike-email",
        MatchedBy::Phone => "customer-lookalike-phone",
        MatchedBy::NameAndAddress => "customer-lookalike-name-address",
    };
    w.with(
        key,
        &[
            ("name", c.name.as_str().into()),
            ("contact", contact.into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookalike_is_named_with_the_contact_that_tells_who() {
        let l = Lookalike {
            customer: Customer {
                id: 7,
                name: "Søren Østergaard".into(),
                phone: "+4512345678".into(),
                ..Customer::default()
            },
            by: MatchedBy::Phone,
        };
        assert_eq!(
            lookalike_question(crate::i18n::Language::En.words(), &l),
            "Looks like Søren Østergaard (+45 12 34 56 78), same phone: use them?"
        );
        assert_eq!(phone_words("+46701234567"), "+46701234567");
    }
}
