//! One customer from what someone typed on a command line, found as the
//! form's search finds it: the customer whose name is the text, else the
//! only one whose name holds it, else the only match; otherwise the
//! candidates, best first, for the person to choose between.

use super::{CustomerIndex, fold_text};
use crate::domain::customer::Customer;

/// How many candidates an ambiguous pick lists.
pub const CANDIDATES: usize = 8;

/// What a pick found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick<'a> {
    One(&'a Customer),
    /// Nobody matches.
    None,
    /// Several match as well: the best few, best first.
    Several(Vec<&'a Customer>),
}

/// The customer `text` names among `customers` (see the module notes).
pub fn pick_customer<'a>(customers: &'a [Customer], text: &str) -> Pick<'a> {
    let index = CustomerIndex::new(customers);
    let by_id = |id: i64| customers.iter().find(|c| c.id == id);
    let hits: Vec<&Customer> = index
        .search(text, 50)
        .into_iter()
        .filter_map(|h| by_id(h.id))
        .collect();
    let want = fold_text(text);
    let want = want.trim();
    if want.is_empty() || hits.is_empty() {
        return Pick::None;
    }
    let named: Vec<&Customer> = hits
        .iter()
        .copied()
        .filter(|c| fold_text(&c.name).trim() == want)
        .collect();
    if let [one] = named.as_slice() {
        return Pick::One(one);
    }
    let holding: Vec<&Customer> = hits
        .iter()
        .copied()
        .filter(|c| fold_text(&c.name).contains(want))
        .collect();
    match (holding.as_slice(), hits.as_slice()) {
        ([one], _) if named.is_empty() => Pick::One(one),
        (_, [one]) => Pick::One(one),
        _ => {
            let mut list = if named.len() > 1 {
                named
            } else if holding.len() > 1 {
                holding
            } else {
                hits
            };
            list.truncate(CANDIDATES);
            Pick::Several(list)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, name: &str, address: &str) -> Customer {
        Customer {
            id,
            name: name.into(),
            address: address.into(),
            ..Customer::default()
        }
    }

    #[test]
    fn a_name_picks_its_customer_and_a_shared_one_lists_the_candidates() {
        let list = vec![
            c(1, "Hansen", "Østergade 12"),
            c(2, "Hansen & Søn", "Vestergade 3"),
            c(3, "Birthe Jensen", "Nørregade 7"),
            c(4, "Jensen ApS", "Søndergade 1"),
        ];
        let one = |t: &str| match pick_customer(&list, t) {
            Pick::One(c) => Some(c.id),
            _ => None,
        };
        assert_eq!(one("Hansen"), Some(1), "the exact name wins");
        assert_eq!(one("hansen & søn"), Some(2));
        assert_eq!(one("Birthe"), Some(3));
        assert_eq!(
            one("Nørregade"),
            Some(3),
            "as the form finds it: the address"
        );
        match pick_customer(&list, "Jensen") {
            Pick::Several(cs) => {
                let mut ids: Vec<i64> = cs.iter().map(|c| c.id).collect();
                ids.sort();
                assert_eq!(ids, vec![3, 4]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(pick_customer(&list, "Zyxw"), Pick::None);
        assert_eq!(pick_customer(&list, "  "), Pick::None);
    }
}
