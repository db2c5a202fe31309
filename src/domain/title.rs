//! What the title of a job made by hand says. People write the service
//! and the customer in one line, in either order: "Vinduespudsning - Lars
//! Bach", "Hansen – Fast rengøring", "Ny kunde: Trappevask Vesterbro". The
//! title is split into its parts; a part that names a service the business
//! does is the service, the rest is the customer. A leading "new customer"
//! says only that the customer is new, and is not a part of their name.

use std::collections::HashMap;

/// The services a business books, as it writes them, found by a part of
/// a title whatever its case.
#[derive(Debug, Clone, Default)]
pub struct Services(HashMap<String, String>);

impl Services {
    /// The services named (blank ones left out).
    pub fn new(names: impl IntoIterator<Item = String>) -> Services {
        let mut map = HashMap::new();
        for name in names {
            if !name.trim().is_empty() {
                map.entry(name.trim().to_lowercase()).or_insert(name);
            }
        }
        Services(map)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The service `part` names, as the business writes it.
    pub fn named(&self, part: &str) -> Option<String> {
        self.0.get(&part.trim().to_lowercase()).cloned()
    }

    /// What `summary` says, by these services (see [`read`]).
    pub fn read(&self, summary: &str) -> Title {
        read(summary, |p| self.named(p))
    }
}

/// The separators between a title's parts: ` - ` (only where spaced, as a
/// name may hold a hyphen), dashes, `:`, `,`, `|`, `/`.
const SEPARATORS: [char; 6] = [':', ',', '|', '/', '–', '—'];

/// Words that say the customer is new (Danish, English, Dutch), folded.
const NEW_CUSTOMER: [&str; 3] = ["ny kunde", "new customer", "nieuwe klant"];

/// A title's parts, trimmed, in order; one part when it has no separator.
pub fn parts(summary: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    for part in summary.split(SEPARATORS) {
        // Split at " - " only where there is a hyphen at all.
        if part.as_bytes().contains(&b'-') {
            parts.extend(part.split(" - ").map(str::trim).filter(|p| !p.is_empty()));
        } else if !part.trim().is_empty() {
            parts.push(part.trim());
        }
    }
    parts
}

/// What a title made by hand says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The service it names, as the business writes it; `None` when no
    /// part names one.
    pub service: Option<String>,
    /// The customer's name: the title as written, or, when a service or a
    /// "new customer" mark was taken out of it, the other parts joined
    /// with ` - `.
    pub customer: String,
}

/// Reads `summary`; `service` answers whether a part names one of the
/// business's services (and how the business writes it). A title of one
/// part is all customer, even when it names a service: "Vinduespudsning"
/// alone may be a company's name, and is left for the dispatcher to check.
pub fn read(summary: &str, service: impl Fn(&str) -> Option<String>) -> Title {
    let mut parts = parts(summary);
    let all = parts.len();
    if parts.len() > 1
        && parts
            .first()
            .is_some_and(|p| NEW_CUSTOMER.contains(&p.to_lowercase().as_str()))
    {
        parts.remove(0);
    }
    let found = if parts.len() > 1 {
        parts
            .iter()
            .enumerate()
            .find_map(|(i, p)| service(p).map(|s| (i, s)))
    } else {
        None
    };
    if let Some((i, _)) = found {
        parts.remove(i);
    }
    Title {
        service: found.map(|(_, s)| s),
        // As written when nothing was taken out of it.
        customer: if parts.len() == all {
            summary.trim().to_string()
        } else {
            parts.join(" - ")
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services(p: &str) -> Option<String> {
        ["Vinduespudsning", "Fast rengøring", "Trappevask"]
            .into_iter()
            .find(|s| s.to_lowercase() == p.to_lowercase())
            .map(str::to_string)
    }

    fn title(service: Option<&str>, customer: &str) -> Title {
        Title {
            service: service.map(str::to_string),
            customer: customer.to_string(),
        }
    }

    #[test]
    fn the_service_is_told_from_the_customer_in_either_order() {
        assert_eq!(
            read("Vinduespudsning - Lars Bach", services),
            title(Some("Vinduespudsning"), "Lars Bach")
        );
        assert_eq!(
            read("Hansen – fast rengøring", services),
            title(Some("Fast rengøring"), "Hansen")
        );
        assert_eq!(
            read("Kjær-Olsen: Trappevask", services),
            title(Some("Trappevask"), "Kjær-Olsen"),
            "a hyphen inside a name is not a separator"
        );
    }

    #[test]
    fn a_new_customer_mark_is_not_a_name() {
        assert_eq!(
            read("Ny kunde: Trappevask Vesterbro", services),
            title(None, "Trappevask Vesterbro")
        );
        assert_eq!(
            read("New customer - Vinduespudsning - Lars Bach", services),
            title(Some("Vinduespudsning"), "Lars Bach")
        );
        assert_eq!(
            read("Ny kunde", services),
            title(None, "Ny kunde"),
            "alone, it is all there is"
        );
    }

    #[test]
    fn a_title_of_one_part_is_all_customer() {
        assert_eq!(
            read("Vinduespudsning", services),
            title(None, "Vinduespudsning")
        );
        assert_eq!(read("Hansen", services), title(None, "Hansen"));
        assert_eq!(read("  ", services), title(None, ""));
    }

    #[test]
    fn without_a_known_service_every_part_stays_the_customers() {
        assert_eq!(
            read("Jens Hansen - Vinduer / Trappe", services),
            title(None, "Jens Hansen - Vinduer / Trappe")
        );
    }

    #[test]
    fn services_are_found_whatever_the_case_and_kept_as_written() {
        let known = Services::new(["Fast rengøring".to_string(), " ".to_string()]);
        assert_eq!(
            known.named(" FAST RENGØRING "),
            Some("Fast rengøring".into())
        );
        assert_eq!(known.named(""), None, "a blank service is none");
        assert_eq!(
            known.read("Hansen - fast rengøring"),
            title(Some("Fast rengøring"), "Hansen")
        );
    }

    #[test]
    fn parts_are_split_where_people_split_them() {
        assert_eq!(
            parts("Jens Hansen - Vinduer / Trappe: ugentlig,  | Kjær-Olsen"),
            ["Jens Hansen", "Vinduer", "Trappe", "ugentlig", "Kjær-Olsen"]
        );
        assert_eq!(parts("Hovedrengøring"), ["Hovedrengøring"]);
        assert!(parts("").is_empty());
    }
}
