//! The words for the store worker's answers about customers.

use crate::domain::Customer;
use crate::engine::import::MatchedBy;
use crate::engine::worker::Lookalike;

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
pub fn customer_added(c: &Customer) -> String {
    format!("Created customer {} (#{}).", c.name, c.id)
}

/// `e` on the customer screen before the customer arrived.
pub fn customer_loading() -> &'static str {
    "The customer is still loading."
}

/// A customer's details saved on the customer screen.
pub fn customer_saved(c: &Customer) -> String {
    format!("Saved the details of {}.", c.name)
}

/// The question when the form's new customer looks like a known one:
/// "Looks like Søren Østergaard (+45 12 34 56 78), same phone: use them?".
pub fn lookalike_question(l: &Lookalike) -> String {
    let c = &l.customer;
    let contact = [phone_words(&c.phone), c.email.clone(), c.address.clone()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    let by = match l.by {
        MatchedBy::Email => "same e-mail",
        MatchedBy::Phone => "same phone",
        MatchedBy::NameAndAddress => "same name and address",
    };
    format!("Looks like {}{contact}, {by}: use them?", c.name)
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
            lookalike_question(&l),
            "Looks like Søren Østergaard (+45 12 34 56 78), same phone: use them?"
        );
        assert_eq!(phone_words("+46701234567"), "+46701234567");
    }
}
