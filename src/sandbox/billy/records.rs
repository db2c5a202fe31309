//! Contacts, contact persons, the seeded products and sales-tax rulesets of
//! the Billy fake, and the field checks every body goes through.

use chrono::Utc;
use serde_json::{Map, Value, json};

use super::money::decimal;
use super::{ApiError, BILLY_ORGANIZATION_ID, BillyState};

/// A sales-tax ruleset: the VAT a product's lines carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ruleset {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) abbreviation: &'static str,
    pub(crate) rate_pct: i64,
}

pub(crate) const RULESETS: &[Ruleset] = &[
    Ruleset {
        id: "ruleset-dk-sales-25",
        name: "Salgsmoms 25 %",
        abbreviation: "U25",
        rate_pct: 25,
    },
    Ruleset {
        id: "ruleset-dk-exempt",
        name: "Momsfritaget salg",
        abbreviation: "UMF",
        rate_pct: 0,
    },
];

pub(crate) fn ruleset(id: &str) -> Option<&'static Ruleset> {
    RULESETS.iter().find(|r| r.id == id)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Product {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) ruleset_id: &'static str,
    /// The list price, excl. VAT.
    pub(crate) unit_price_ore: i64,
}

/// The products every sandbox starts with (and keeps through a reset).
pub(crate) const PRODUCTS: &[Product] = &[
    Product {
        id: "prod-cleaning",
        name: "Rengøring",
        ruleset_id: "ruleset-dk-sales-25",
        unit_price_ore: 34_900,
    },
    Product {
        id: "prod-moving-cleaning",
        name: "Flytterengøring",
        ruleset_id: "ruleset-dk-sales-25",
        unit_price_ore: 44_900,
    },
    Product {
        id: "prod-driving",
        name: "Kørsel",
        ruleset_id: "ruleset-dk-exempt",
        unit_price_ore: 379,
    },
];

impl Product {
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id,
            "organizationId": BILLY_ORGANIZATION_ID,
            "name": self.name,
            "description": null,
            "accountId": "account-sales",
            "salesTaxRulesetId": self.ruleset_id,
            "isArchived": false,
            "prices": [{"currencyId": "DKK", "unitPrice": decimal(self.unit_price_ore)}],
        })
    }
}

impl Ruleset {
    pub(crate) fn json(&self) -> Value {
        json!({
            "id": self.id,
            "organizationId": BILLY_ORGANIZATION_ID,
            "name": self.name,
            "abbreviation": self.abbreviation,
            "rate": self.rate_pct as f64 / 100.0,
            "isPredefined": true,
        })
    }
}

/// A fresh record id: the prefix and 16 random base32 characters.
pub(crate) fn new_id(prefix: &str) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let tail: String = crate::sandbox::random::random_bytes::<16>()
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect();
    format!("{prefix}-{tail}")
}

/// `organizationId` must be there and be the sandbox's (else 403: the
/// token has no access to another organization).
pub(crate) fn check_organization(rec: &Map<String, Value>, field: &str) -> Result<(), ApiError> {
    match rec.get("organizationId") {
        None | Some(Value::Null) => Err(ApiError::invalid(field, "is required")),
        Some(Value::String(s)) if s == BILLY_ORGANIZATION_ID => Ok(()),
        Some(other) => Err(ApiError::forbidden_organization(
            other.as_str().unwrap_or("?"),
        )),
    }
}

/// A non-empty string field.
pub(crate) fn required_str(
    rec: &Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<String, ApiError> {
    match rec.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        None | Some(Value::Null) => Err(ApiError::invalid(field, "is required")),
        Some(Value::String(_)) => Err(ApiError::invalid(field, "must not be empty")),
        Some(_) => Err(ApiError::invalid(field, "must be text")),
    }
}

fn optional_str(rec: &Map<String, Value>, key: &str, field: &str) -> Result<Value, ApiError> {
    match rec.get(key) {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::String(s)) => Ok(json!(s)),
        Some(_) => Err(ApiError::invalid(field, "must be text")),
    }
}

fn optional_bool(
    rec: &Map<String, Value>,
    key: &str,
    field: &str,
    default: bool,
) -> Result<bool, ApiError> {
    match rec.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(ApiError::invalid(field, "must be true or false")),
    }
}

fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// A contact person from its fields (`contactId` given by the caller).
pub(crate) fn parse_person(
    rec: &Map<String, Value>,
    contact_id: &str,
    at: &str,
) -> Result<Map<String, Value>, ApiError> {
    let name = required_str(rec, "name", &format!("{at}.name"))?;
    let email = optional_str(rec, "email", &format!("{at}.email"))?;
    if let Some(e) = email.as_str()
        && !e.is_empty()
        && !plausible_email(e)
    {
        return Err(ApiError::invalid(
            &format!("{at}.email"),
            &format!("'{e}' is not an e-mail address"),
        ));
    }
    let is_primary = optional_bool(rec, "isPrimary", &format!("{at}.isPrimary"), false)?;
    let person = json!({
        "id": new_id("person"),
        "organizationId": BILLY_ORGANIZATION_ID,
        "contactId": contact_id,
        "name": name,
        "email": email,
        "isPrimary": is_primary,
        "createdTime": Utc::now().to_rfc3339(),
    });
    Ok(person.as_object().cloned().unwrap_or_default())
}

/// A stored record: a contact or a contact person, as the API shows it.
pub(crate) type Record = Map<String, Value>;

/// A new contact and its inline contact persons from a `POST /contacts`
/// body, checked as Billy would; nothing is stored.
pub(crate) fn parse_contact(body: &Value) -> Result<(Record, Vec<Record>), ApiError> {
    let c = body
        .get("contact")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::bad_request("The body must hold a `contact` object."))?;
    check_organization(c, "contact.organizationId")?;
    let name = required_str(c, "name", "contact.name")?;
    let country = required_str(c, "countryId", "contact.countryId")?;
    if country.len() != 2 || !country.chars().all(|ch| ch.is_ascii_uppercase()) {
        return Err(ApiError::invalid(
            "contact.countryId",
            &format!("'{country}' is not a country code such as DK"),
        ));
    }
    let kind = required_str(c, "type", "contact.type")?;
    if kind != "company" && kind != "person" {
        return Err(ApiError::invalid(
            "contact.type",
            "must be company or person",
        ));
    }
    let id = new_id("contact");
    let mut contact = json!({
        "id": id,
        "organizationId": BILLY_ORGANIZATION_ID,
        "type": kind,
        "name": name,
        "countryId": country,
        "isCustomer": optional_bool(c, "isCustomer", "contact.isCustomer", true)?,
        "isSupplier": optional_bool(c, "isSupplier", "contact.isSupplier", false)?,
        "createdTime": Utc::now().to_rfc3339(),
    });
    for key in ["street", "zipcodeText", "cityText", "phone"] {
        contact[key] = optional_str(c, key, &format!("contact.{key}"))?;
    }
    let persons = match c.get("contactPersons") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let at = format!("contact.contactPersons[{i}]");
                let p = p
                    .as_object()
                    .ok_or_else(|| ApiError::invalid(&at, "must be an object"))?;
                parse_person(p, &id, &at)
            })
            .collect::<Result<Vec<_>, ApiError>>()?,
        Some(_) => {
            return Err(ApiError::invalid(
                "contact.contactPersons",
                "must be a list",
            ));
        }
    };
    if persons.iter().filter(|p| p["isPrimary"] == true).count() > 1 {
        return Err(ApiError::invalid(
            "contact.contactPersons",
            "only one contact person can be primary",
        ));
    }
    Ok((contact.as_object().cloned().unwrap_or_default(), persons))
}

/// A contact person from a `POST /contactPersons` body.
pub(crate) fn parse_new_person(
    st: &BillyState,
    body: &Value,
) -> Result<Map<String, Value>, ApiError> {
    let p = body
        .get("contactPerson")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::bad_request("The body must hold a `contactPerson` object."))?;
    if p.contains_key("organizationId") {
        check_organization(p, "contactPerson.organizationId")?;
    }
    let contact_id = required_str(p, "contactId", "contactPerson.contactId")?;
    if !st.contacts.iter().any(|c| c["id"] == contact_id) {
        return Err(ApiError::invalid(
            "contactPerson.contactId",
            &format!("no contact with id '{contact_id}'"),
        ));
    }
    let person = parse_person(p, &contact_id, "contactPerson")?;
    if person["isPrimary"] == true
        && st
            .persons
            .iter()
            .any(|q| q["contactId"] == contact_id && q["isPrimary"] == true)
    {
        return Err(ApiError::invalid(
            "contactPerson.isPrimary",
            "the contact already has a primary contact person",
        ));
    }
    Ok(person)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_and_rulesets_fit() {
        for p in PRODUCTS {
            assert!(ruleset(p.ruleset_id).is_some(), "{}", p.id);
        }
        let cleaning = PRODUCTS
            .iter()
            .find(|p| p.name == "Rengøring")
            .expect("seeded");
        assert_eq!(ruleset(cleaning.ruleset_id).map(|r| r.rate_pct), Some(25));
        let driving = PRODUCTS
            .iter()
            .find(|p| p.name == "Kørsel")
            .expect("seeded");
        assert_eq!(ruleset(driving.ruleset_id).map(|r| r.rate_pct), Some(0));
        assert_eq!(cleaning.json()["prices"][0]["unitPrice"], json!(349.0));
    }

    #[test]
    fn ids_are_fresh() {
        let a = new_id("inv");
        assert!(a.starts_with("inv-") && a.len() == 20, "{a}");
        assert_ne!(a, new_id("inv"));
    }

    #[test]
    fn contacts_are_checked() {
        let ok = json!({"contact": {
            "organizationId": BILLY_ORGANIZATION_ID, "name": "Hansen", "countryId": "DK",
            "type": "person", "contactPersons": [{"name": "Bo", "email": "bo@hansen.dk", "isPrimary": true}]
        }});
        let (c, persons) = parse_contact(&ok).expect("valid");
        assert_eq!(c["name"], "Hansen");
        assert_eq!(c["isCustomer"], true);
        assert_eq!(persons.len(), 1);
        assert_eq!(persons[0]["contactId"], c["id"]);

        let refuse = |patch: Value, field: &str, status: u16| {
            let mut body = ok.clone();
            for (k, v) in patch.as_object().expect("obj") {
                body["contact"][k] = v.clone();
            }
            let e = parse_contact(&body).expect_err("refused");
            assert_eq!(e.status, status, "{field}: {e:?}");
            assert!(e.message.contains(field), "{field}: {}", e.message);
        };
        refuse(json!({"name": ""}), "contact.name", 422);
        refuse(json!({"countryId": null}), "contact.countryId", 422);
        refuse(json!({"countryId": "Denmark"}), "contact.countryId", 422);
        refuse(json!({"type": "firm"}), "contact.type", 422);
        refuse(
            json!({"organizationId": null}),
            "contact.organizationId",
            422,
        );
        refuse(json!({"organizationId": "other-org"}), "other-org", 403);
        refuse(
            json!({"contactPersons": [{"name": "Bo", "email": "not an address"}]}),
            "contactPersons[0].email",
            422,
        );
        refuse(
            json!({"contactPersons": [{"email": "bo@hansen.dk"}]}),
            "contactPersons[0].name",
            422,
        );
    }

    #[test]
    fn emails() {
        assert!(plausible_email("bo@hansen.dk"));
        for bad in ["bo", "@x.dk", "bo@x", "bo@.dk", "b o@x.dk", "bo@x.dk."] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}
