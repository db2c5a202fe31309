//! Contact details: e-mail syntax, Danish phone numbers, money.
//!
//! Each check takes what a person typed (or a spreadsheet holds) and gives
//! back the one stored form, or a message that says what a valid value looks
//! like. An empty value is valid everywhere: the field is simply not given.

use super::fuzzy::fold_text;

mod error;

pub use error::{EmailError, EmailFault, MoneyError, PhoneError};

/// A phone number in E.164 form: `+4512345678`.
///
/// Danish numbers may be written with or without `+45`/`0045`/`45` and with
/// spaces, hyphens, dots, slashes or parentheses between the digits; other
/// countries need `+` or `00` and their country code (8 to 15 digits in all).
pub fn normalize_phone(raw: &str) -> Result<String, PhoneError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '/' | '(' | ')' | '\t' | '\u{a0}' | '\u{202f}' => {}
            _ => return Err(phone_error(text, false)),
        }
    }
    let international = if plus {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    match international {
        Some(rest) => match rest.strip_prefix("45") {
            Some(local) if local.len() == 8 => Ok(format!("+{rest}")),
            Some(_) => Err(phone_error(text, false)),
            None if (8..=15).contains(&rest.len()) && !rest.starts_with('0') => {
                Ok(format!("+{rest}"))
            }
            None => Err(phone_error(text, true)),
        },
        None if digits.len() == 8 => Ok(format!("+45{digits}")),
        None if digits.len() == 10 && digits.starts_with("45") => Ok(format!("+{digits}")),
        None => Err(phone_error(text, false)),
    }
}

fn phone_error(text: &str, abroad: bool) -> PhoneError {
    PhoneError {
        text: text.into(),
        abroad,
    }
}

/// An e-mail address, trimmed, with its domain lower-cased.
pub fn check_email(raw: &str) -> Result<String, EmailError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let fail = |fault: EmailFault| {
        Err(EmailError {
            text: text.into(),
            fault,
        })
    };
    let Some((local, domain)) = text.split_once('@') else {
        return fail(EmailFault::NoAt);
    };
    if domain.contains('@') {
        return fail(EmailFault::TwoAts);
    }
    if local.is_empty() {
        return fail(EmailFault::NoLocalPart);
    }
    if let Some(c) = local.chars().find(|c| c.is_whitespace()) {
        return fail(EmailFault::LocalBlank { space: c == ' ' });
    }
    if let Some(c) = local
        .chars()
        .find(|c| c.is_control() || "\"(),:;<>[\\]".contains(*c))
    {
        return fail(EmailFault::LocalChar(c));
    }
    if local.starts_with('.') || local.ends_with('.') {
        return fail(EmailFault::LocalDotAtEdge);
    }
    if local.contains("..") {
        return fail(EmailFault::LocalTwoDots);
    }
    if local.len() > 64 || text.len() > 254 {
        return fail(EmailFault::TooLong);
    }
    if domain.is_empty() {
        return fail(EmailFault::NoDomain);
    }
    if let Some(c) = domain
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '.'))
    {
        return fail(EmailFault::DomainChar((!c.is_whitespace()).then_some(c)));
    }
    if !domain.contains('.') {
        return fail(EmailFault::DomainNoDot {
            domain: domain.into(),
        });
    }
    if domain.contains("..") {
        return fail(EmailFault::DomainTwoDots);
    }
    if domain.starts_with('.') || domain.ends_with('.') {
        return fail(EmailFault::DomainDotAtEdge);
    }
    if domain
        .split('.')
        .any(|label| label.starts_with('-') || label.ends_with('-'))
    {
        return fail(EmailFault::DomainHyphenAtEdge);
    }
    let top = domain.rsplit('.').next().unwrap_or_default();
    if top.chars().count() < 2 || top.chars().all(|c| c.is_ascii_digit()) {
        return fail(EmailFault::NoTopLevel { top: top.into() });
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// Two customers with the same e-mail key are the same customer. `""` for none.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Name and address folded (case, accents, Danish letters, punctuation and
/// spacing), so the same person typed twice gives the same key. `""` when
/// both are empty.
pub fn name_address_key(name: &str, address: &str) -> String {
    let name = fold_text(name);
    let address = fold_text(address);
    if name.is_empty() && address.is_empty() {
        return String::new();
    }
    format!("{name}|{address}")
}

/// An address as street, postcode and city:
/// "Østergade 12, 8000 Aarhus C" → ("Østergade 12", "8000", "Aarhus C").
pub fn split_address(address: &str) -> (String, String, String) {
    let address = address.trim();
    let Some((street, rest)) = address.rsplit_once(',') else {
        return (address.to_string(), String::new(), String::new());
    };
    let rest = rest.trim();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        let city = rest[digits.len()..].trim().to_string();
        (street.trim().to_string(), digits, city)
    } else {
        (street.trim().to_string(), String::new(), rest.to_string())
    }
}

/// An amount in øre. Accepts kroner with Danish or English separators
/// (`1.047,50`, `1,047.50`, `1 047,50`), with or without `kr`/`DKK`, and a
/// `,-` for whole kroner. A single separator followed by three digits groups
/// thousands (`1.047` is 1047 kr); followed by one or two it marks the øre.
pub fn parse_money_ore(raw: &str) -> Result<i64, MoneyError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(0);
    }
    let refused = |too_large| MoneyError {
        text: text.to_string(),
        too_large,
    };
    let fail = || refused(false);
    let lower = text.to_lowercase();
    let mut s = strip_currency(&lower);
    let mut negative = false;
    if let Some(rest) = s.strip_prefix(['-', '−']) {
        negative = true;
        s = strip_currency(rest);
    } else if let Some(rest) = s.strip_prefix('+') {
        s = strip_currency(rest);
    }
    let number: String = s
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '\''))
        .collect();
    if !number.starts_with(|c: char| c.is_ascii_digit())
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(fail());
    }
    let too_large = || refused(true);
    if number.bytes().filter(u8::is_ascii_digit).count() > 30 {
        return Err(too_large());
    }
    let (whole, cents) = split_amount(&number).ok_or_else(fail)?;
    let ore = whole * 100 + cents;
    i64::try_from(if negative { -ore } else { ore }).map_err(|_| too_large())
}

/// Strips `kr`, `kr.`, `dkk` and a `,-` at either end, repeatedly.
fn strip_currency(mut s: &str) -> &str {
    loop {
        let before = s.len();
        s = s.trim();
        for mark in ["dkk", "kr.", "kr"] {
            s = s.strip_prefix(mark).unwrap_or(s).trim_start();
        }
        for mark in [",-", ".-", "dkk", "kr.", "kr"] {
            s = s.strip_suffix(mark).unwrap_or(s).trim_end();
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Kroner and øre of digits with `.`/`,` separators, checked for grouping.
/// At most 30 digits, so nothing overflows.
fn split_amount(number: &str) -> Option<(i128, i128)> {
    let dots = number.matches('.').count();
    let commas = number.matches(',').count();
    let (decimal, thousands) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) => single_separator(number, '.', dots),
        (0, _) => single_separator(number, ',', commas),
        _ => {
            let (dec, sep) = if number.rfind('.') > number.rfind(',') {
                ('.', ',')
            } else {
                (',', '.')
            };
            if number.matches(dec).count() != 1 {
                return None;
            }
            (Some(dec), Some(sep))
        }
    };
    let (int_text, frac_text) = match decimal {
        Some(dec) => number.split_once(dec)?,
        None => (number, ""),
    };
    if decimal.is_some() && !(1..=2).contains(&frac_text.len()) {
        return None;
    }
    if frac_text.contains(|c: char| !c.is_ascii_digit()) {
        return None;
    }
    let mut whole: i128 = 0;
    match thousands {
        Some(sep) => {
            let mut groups = int_text.split(sep);
            let first = groups.next()?;
            if first.is_empty() || first.len() > 3 || (first == "0") {
                return None;
            }
            whole = first.parse().ok()?;
            for group in groups {
                if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let n: i128 = group.parse().ok()?;
                whole = whole * 1000 + n;
            }
        }
        None => {
            if !int_text.is_empty() {
                whole = int_text.parse().ok()?;
            }
        }
    }
    let cents = match frac_text.len() {
        0 => 0,
        1 => frac_text.parse::<i128>().ok()? * 10,
        _ => frac_text.parse::<i128>().ok()?,
    };
    Some((whole, cents))
}

/// The role of a separator that is the only kind in the number.
fn single_separator(number: &str, sep: char, count: usize) -> (Option<char>, Option<char>) {
    let after = number.rsplit(sep).next().map_or(0, str::len);
    if count == 1 && after != 3 {
        (Some(sep), None)
    } else {
        (None, Some(sep))
    }
}

/// Kroner with two decimals and a `.`: `104750` → `1047.50`, `-5` → `-0.05`.
pub fn format_money_ore(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let abs = ore.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Tags separated by `,`, `;` or `|`: trimmed, empty ones dropped, each kept
/// once in the order first given.
pub fn parse_tags(raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for part in raw.split([',', ';', '|']) {
        let tag = part.trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised() {
        let cases = [
            ("+45 12 34 56 78", "+4512345678"),
            ("12345678", "+4512345678"),
            ("0045 12345678", "+4512345678"),
            ("45 12345678", "+4512345678"),
            ("(+45) 1234-5678", "+4512345678"),
            ("12 34 56 78", "+4512345678"),
            ("  12.34.56.78 ", "+4512345678"),
            ("+4512345678", "+4512345678"),
            ("+46 70 123 45 67", "+46701234567"),
            ("0046 70 123 45 67", "+46701234567"),
            ("+49 30 1234567", "+49301234567"),
            ("", ""),
            ("   ", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_phone(raw).as_deref(), Ok(want), "{raw:?}");
        }
    }

    #[test]
    fn bad_phones_say_what_a_number_looks_like() {
        let danish = [
            ("1234", "\"1234\""),
            ("+45 1234 567", "\"+45 1234 567\""),
            ("abc", "\"abc\""),
            ("123456789", "\"123456789\""),
            ("12345678 ext 3", "\"12345678 ext 3\""),
            ("+45 12+34 56 78", "\"+45 12+34 56 78\""),
        ];
        for (raw, quoted) in danish {
            assert_eq!(
                normalize_phone(raw).map_err(|e| e.to_string()),
                Err(format!(
                    "{quoted} is not a phone number: Danish numbers have 8 digits, e.g. +45 12 34 56 78"
                )),
                "{raw:?}"
            );
        }
        for raw in ["+1 234", "0046 12", "+1234567890123456"] {
            let err = normalize_phone(raw).unwrap_err().to_string();
            assert!(err.contains("from abroad") && err.contains("+46"), "{err}");
        }
    }

    #[test]
    fn emails_are_checked_and_domains_lowercased() {
        let ok = [
            ("hans@example.dk", "hans@example.dk"),
            ("  Hans.Hansen@Example.DK ", "Hans.Hansen@example.dk"),
            ("a+b@sub.domain.co.uk", "a+b@sub.domain.co.uk"),
            ("søren@bøf.dk", "søren@bøf.dk"),
            ("x@xn--bf-lka.dk", "x@xn--bf-lka.dk"),
            ("", ""),
        ];
        for (raw, want) in ok {
            assert_eq!(check_email(raw).as_deref(), Ok(want), "{raw:?}");
        }
    }

    #[test]
    fn bad_emails_say_what_is_wrong() {
        let bad = [
            ("hans@", "the part after @ is missing"),
            ("hans", "it has no @"),
            ("@example.dk", "the part before @ is missing"),
            ("a b@c.dk", "the part before @ contains a space"),
            (
                "x@y",
                "the part after @ (\"y\") needs a dot, e.g. example.dk",
            ),
            ("a@b@c.dk", "it has more than one @"),
            ("a@c..dk", "the part after @ has two dots in a row"),
            ("a..b@c.dk", "the part before @ has two dots in a row"),
            ("a@.c.dk", "the part after @ starts or ends with a dot"),
            ("a@c d.dk", "the part after @ contains a space"),
            ("a@c_d.dk", "the part after @ contains '_'"),
            (
                "a@-c.dk",
                "a part of the domain starts or ends with a hyphen",
            ),
            ("<a>@c.dk", "the part before @ contains '<'"),
        ];
        for (raw, why) in bad {
            assert_eq!(
                check_email(raw).map_err(|e| e.to_string()),
                Err(format!("{raw:?} is not an e-mail address: {why}")),
                "{raw:?}"
            );
        }
        assert!(check_email("a@b.1").is_err());
        assert!(check_email("a@b.c").is_err());
    }

    #[test]
    fn keys_match_spellings_of_the_same_customer() {
        assert_eq!(email_key(" Hans@Example.DK "), "hans@example.dk");
        assert_eq!(email_key(""), "");
        assert_eq!(
            name_address_key("Søren  Østergaard", "Østergade 12, 8000 Aarhus C"),
            name_address_key("soren ostergaard", "Ostergade 12 8000 Aarhus C")
        );
        assert_ne!(
            name_address_key("Søren Østergaard", "Østergade 12"),
            name_address_key("Søren Østergaard", "Østergade 14")
        );
        assert_ne!(
            name_address_key("Ib", "Vej 1 2"),
            name_address_key("Ib", "Vej 12")
        );
        assert_eq!(name_address_key("", ""), "");
    }

    #[test]
    fn money_is_read_in_danish_and_english() {
        let cases = [
            ("1047.50", 104750),
            ("1.047,50", 104750),
            ("1 047,50 kr", 104750),
            ("1047", 104700),
            ("DKK 1,047.50", 104750),
            ("1.047", 104700),
            ("1,047", 104700),
            ("1,5", 150),
            ("1047,-", 104700),
            ("kr. 250", 25000),
            ("1.234.567,89", 123456789),
            ("1,234,567", 123456700),
            ("-0.05", -5),
            ("- 12,50 kr", -1250),
            ("0,99", 99),
            ("", 0),
            ("  ", 0),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_money_ore(raw), Ok(want), "{raw:?}");
        }
    }

    #[test]
    fn bad_money_is_rejected() {
        for raw in [
            "abc",
            "12.34.5",
            "1.047.50",
            "1047.505",
            "10.47,50",
            "1,2,3.4,5",
            "kr",
            "12 eur",
            "1.2.3,45,6",
            ".50",
            "1047.",
        ] {
            assert_eq!(
                parse_money_ore(raw).map_err(|e| e.to_string()),
                Err(format!(
                    "{:?} is not an amount of money: write kroner and øre, e.g. 1047.50 or 1.047,50 kr",
                    raw.trim()
                )),
                "{raw:?}"
            );
        }
        assert!(
            parse_money_ore("99999999999999999999")
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
    }

    #[test]
    fn money_is_formatted_with_two_decimals() {
        assert_eq!(format_money_ore(104750), "1047.50");
        assert_eq!(format_money_ore(-5), "-0.05");
        assert_eq!(format_money_ore(0), "0.00");
        assert_eq!(format_money_ore(7), "0.07");
        assert_eq!(format_money_ore(i64::MIN), "-92233720368547758.08");
        for ore in [0, 1, -1, 99, 100, 104750, -104750, i64::MAX, i64::MIN + 1] {
            assert_eq!(parse_money_ore(&format_money_ore(ore)), Ok(ore), "{ore}");
        }
    }

    #[test]
    fn tags_are_split_trimmed_and_deduplicated() {
        assert_eq!(
            parse_tags(" vip, erhverv;nøgle | vip ,, ;"),
            ["vip", "erhverv", "nøgle"]
        );
        assert!(parse_tags("").is_empty());
        assert_eq!(parse_tags("VIP, vip"), ["VIP", "vip"]);
    }

    #[test]
    fn addresses() {
        let s = |a: &str| split_address(a);
        assert_eq!(
            s("Østergade 12, 8000 Aarhus C"),
            ("Østergade 12".into(), "8000".into(), "Aarhus C".into())
        );
        assert_eq!(s("Vej 1"), ("Vej 1".into(), String::new(), String::new()));
        assert_eq!(
            s("Vej 1, st. th., Aarhus"),
            ("Vej 1, st. th.".into(), String::new(), "Aarhus".into())
        );
    }
}

/// A customer's contact details, field by field (as a form asks them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactField {
    Name,
    Phone,
    Email,
    Address,
    Notes,
}

/// The contact fields in the order they are asked.
pub const CONTACT_FIELDS: [ContactField; 5] = [
    ContactField::Name,
    ContactField::Phone,
    ContactField::Email,
    ContactField::Address,
    ContactField::Notes,
];
