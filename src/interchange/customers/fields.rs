//! The fields of a customer as files name them, and the checks of their
//! values, shared by the CSV and the JSON reader.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::{CustomerRecord, Fault, Problem};
use crate::domain::contact::{check_email, normalize_phone, parse_money_ore, parse_tags};
use crate::domain::{BookingStatus, BusinessTz};

/// A customer field a file can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Name,
    Email,
    Phone,
    Address,
    Company,
    Notes,
    Tags,
    Leads,
    Bookings,
    Revenue,
    LastContact,
}

impl Field {
    pub(super) const COUNT: usize = 11;

    /// The field a heading (or JSON key) names, by its [`header_key`].
    pub(super) fn from_key(key: &str) -> Option<Field> {
        Some(match key {
            "name" | "navn" | "kundenavn" | "fuldenavn" | "fullname" | "customername" | "kunde"
            | "customer" => Field::Name,
            "email" | "mail" | "emailadresse" | "emailaddress" | "epost" | "mailadresse" => {
                Field::Email
            }
            "phone" | "telefon" | "tlf" | "tlfnr" | "mobil" | "telefonnummer" | "mobilnummer"
            | "phonenumber" | "mobile" | "tel" | "telephone" | "mobilnr" => Field::Phone,
            "address" | "adresse" => Field::Address,
            "company" | "firma" | "virksomhed" | "companyname" | "firmanavn" => Field::Company,
            "notes" | "note" | "noter" | "bemaerkninger" | "bemaerkning" | "kommentar"
            | "comment" | "comments" => Field::Notes,
            "tags" | "tag" | "maerker" => Field::Tags,
            "totalleads" | "leads" | "henvendelser" | "antalhenvendelser" => Field::Leads,
            "totalbookings" | "bookings" | "bookinger" | "antalbookinger" => Field::Bookings,
            "totalrevenue" | "revenue" | "omsaetning" | "totalomsaetning" => Field::Revenue,
            "lastcontactat" | "lastcontact" | "sidstekontakt" => Field::LastContact,
            _ => return None,
        })
    }

    /// What the field holds, for messages.
    pub(super) fn what(self) -> &'static str {
        match self {
            Field::Name => "the name",
            Field::Email => "the e-mail address",
            Field::Phone => "the phone number",
            Field::Address => "the address",
            Field::Company => "the company",
            Field::Notes => "the notes",
            Field::Tags => "the tags",
            Field::Leads => "the number of leads",
            Field::Bookings => "the number of bookings",
            Field::Revenue => "the revenue",
            Field::LastContact => "the last contact",
        }
    }
}

/// A heading or key reduced for matching: lowercase letters and digits only,
/// Danish letters spelled out (`Tlf.nr` → `tlfnr`, `Bemærkninger` →
/// `bemaerkninger`, `companyName` → `companyname`).
pub(super) fn header_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => key.push_str("ae"),
            'ø' => key.push_str("oe"),
            'å' => key.push_str("aa"),
            c if c.is_alphanumeric() => key.push(c),
            _ => {}
        }
    }
    key
}

/// Records a problem with one field of the record.
pub(super) fn problem(rec: &mut CustomerRecord, column: &str, fault: impl Into<Fault>) {
    rec.problems.push(Problem {
        line: rec.line,
        column: column.to_string(),
        fault: fault.into(),
    });
}

/// Checks one text value (already trimmed) and stores it in the record, or
/// records what is wrong with it under `column`.
pub(super) fn set_text(
    rec: &mut CustomerRecord,
    field: Field,
    value: &str,
    column: &str,
    tz: BusinessTz,
) {
    let text = |slot: &mut String| {
        value.clone_into(slot);
        Ok(())
    };
    let result = match field {
        Field::Name if value.is_empty() => Err(Fault::NoName),
        Field::Name => text(&mut rec.name),
        Field::Email => check_email(value)
            .map(|v| rec.email = v)
            .map_err(Fault::Email),
        Field::Phone => normalize_phone(value)
            .map(|v| rec.phone = v)
            .map_err(Fault::Phone),
        Field::Address => text(&mut rec.address),
        Field::Company => text(&mut rec.company),
        Field::Notes => text(&mut rec.notes),
        Field::Tags => {
            rec.tags = parse_tags(value);
            Ok(())
        }
        Field::Leads => parse_count(value).map(|v| rec.history.leads = v),
        Field::Bookings => parse_count(value).map(|v| rec.history.bookings = v),
        Field::Revenue => parse_money_ore(value)
            .map(|v| rec.history.revenue_ore = v)
            .map_err(Fault::Money),
        Field::LastContact => parse_timestamp(value, tz).map(|v| rec.history.last_contact = v),
    };
    if let Err(fault) = result {
        problem(rec, column, fault);
    }
}

/// A count such as the number of bookings: a whole number, 0 or more,
/// perhaps with thousands separators (`1.234`). Empty is 0.
pub(super) fn parse_count(raw: &str) -> Result<u32, Fault> {
    let text = raw.trim();
    let fail = || Fault::NotACount {
        text: text.to_string(),
        number: false,
    };
    if text.is_empty() {
        return Ok(0);
    }
    if let Ok(n) = text.parse::<u32>() {
        return Ok(n);
    }
    if !text.starts_with(|c: char| c.is_ascii_digit())
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == ' ')
    {
        return Err(fail());
    }
    let ore = parse_money_ore(text).map_err(|_| fail())?;
    if ore % 100 != 0 {
        return Err(fail());
    }
    u32::try_from(ore / 100).map_err(|_| Fault::CountTooLarge(text.to_string()))
}

/// A moment given as RFC 3339, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DD` or the
/// Danish `D/M/YYYY`, `D-M-YYYY`, `D.M.YYYY` (with or without a time). Without
/// an offset it is local to `tz`; a date alone is local midnight. Empty is `None`.
pub(super) fn parse_timestamp(raw: &str, tz: BusinessTz) -> Result<Option<DateTime<Utc>>, Fault> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse_moment(text, tz, true)
        .map(Some)
        .ok_or_else(|| Fault::NotADate(text.to_string()))
}

/// Like [`parse_timestamp`], but a time of day is required.
pub(super) fn parse_instant(raw: &str, tz: BusinessTz) -> Result<DateTime<Utc>, Fault> {
    let text = raw.trim();
    parse_moment(text, tz, false).ok_or_else(|| Fault::NotADateTime(text.to_string()))
}

fn parse_moment(text: &str, tz: BusinessTz, date_alone: bool) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.to_utc());
    }
    let (date_text, time_text) = match text.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let date = parse_date(date_text)?;
    let time = match time_text {
        Some(t) => parse_time(t)?,
        None if date_alone => NaiveTime::MIN,
        None => return None,
    };
    Some(tz.instant(date, time))
}

/// `YYYY-MM-DD`, or day, month and four-digit year separated by `/`, `-` or `.`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let sep = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let mut parts = text.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || [a, b, c].iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    if a.len() == 4 && sep == '-' && b.len() <= 2 && c.len() <= 2 {
        NaiveDate::from_ymd_opt(i32::try_from(num(a)?).ok()?, num(b)?, num(c)?)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        NaiveDate::from_ymd_opt(i32::try_from(num(c)?).ok()?, num(b)?, num(a)?)
    } else {
        None
    }
}

/// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff` or `HH.MM`.
fn parse_time(text: &str) -> Option<NaiveTime> {
    ["%H:%M", "%H:%M:%S", "%H:%M:%S%.f", "%H.%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(text, f).ok())
}

/// The status of a booking as other systems name it; empty is scheduled.
pub(super) fn parse_status(raw: &str) -> Result<BookingStatus, Fault> {
    let key: String = raw
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    Ok(match key.as_str() {
        "" | "scheduled" | "confirmed" | "pending" | "booked" | "planned" => {
            BookingStatus::Scheduled
        }
        "inprogress" | "started" | "running" => BookingStatus::InProgress,
        "completed" | "done" | "finished" => BookingStatus::Completed,
        "cancelled" | "canceled" => BookingStatus::Cancelled,
        _ => {
            return Err(Fault::NotAStatus(raw.trim().to_string()));
        }
    })
}

/// Kroner written as a JSON number (`1047.5`, `1.0475e3`) in øre, rounded
/// half away from zero from its decimal digits, so `0.125` is 13 øre.
pub(super) fn kroner_to_ore(number: &str) -> Option<i64> {
    let (negative, text) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.strip_prefix('+').unwrap_or(e).parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    // The value is digits × 10^shift øre.
    let shift = exponent
        .checked_add(2)?
        .checked_sub(i64::try_from(frac.len()).ok()?)?;
    let ore: i128 = if digits.is_empty() {
        0
    } else if shift >= 0 {
        if i64::try_from(digits.len()).ok()? + shift > 19 {
            return None;
        }
        digits.parse::<i128>().ok()? * 10i128.pow(u32::try_from(shift).ok()?)
    } else {
        let cut = usize::try_from(-shift).ok()?;
        if cut > digits.len() {
            0
        } else {
            let (keep, dropped) = digits.split_at(digits.len() - cut);
            if keep.len() > 19 {
                return None;
            }
            let kept: i128 = if keep.is_empty() {
                0
            } else {
                keep.parse().ok()?
            };
            kept + i128::from(dropped.as_bytes().first().is_some_and(|&b| b >= b'5'))
        }
    };
    i64::try_from(if negative { -ore } else { ore }).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> BusinessTz {
        BusinessTz::default()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.to_utc())
            .unwrap_or_default()
    }

    #[test]
    fn headings_match_danish_and_english_names() {
        let cases = [
            ("Navn", Field::Name),
            ("Fulde navn", Field::Name),
            ("E-mail", Field::Email),
            ("E-mailadresse", Field::Email),
            ("Tlf.nr", Field::Phone),
            ("MOBIL", Field::Phone),
            ("company_name", Field::Company),
            ("companyName", Field::Company),
            ("Bemærkninger", Field::Notes),
            ("Mærker", Field::Tags),
            ("Antal bookinger", Field::Bookings),
            ("Omsætning", Field::Revenue),
            ("Sidste kontakt", Field::LastContact),
            ("last-contact", Field::LastContact),
            ("Total_Leads", Field::Leads),
        ];
        for (heading, want) in cases {
            assert_eq!(
                Field::from_key(&header_key(heading)),
                Some(want),
                "{heading}"
            );
        }
        assert_eq!(Field::from_key(&header_key("Kundenr")), None);
    }

    #[test]
    fn dates_in_every_written_form() {
        let cases = [
            ("2025-10-01T10:00:00Z", "2025-10-01T10:00:00Z"),
            ("2025-10-01T12:00:00+02:00", "2025-10-01T10:00:00Z"),
            ("2025-10-01 12:00", "2025-10-01T10:00:00Z"),
            ("2025-10-01T12:00:30", "2025-10-01T10:00:30Z"),
            ("2025-10-01", "2025-09-30T22:00:00Z"),
            ("1/10/2025", "2025-09-30T22:00:00Z"),
            ("01-10-2025", "2025-09-30T22:00:00Z"),
            ("1.10.2025", "2025-09-30T22:00:00Z"),
            ("1.12.2025 08.30", "2025-12-01T07:30:00Z"),
            ("15/1/2026", "2026-01-14T23:00:00Z"),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_timestamp(raw, tz()), Ok(Some(utc(want))), "{raw}");
        }
        assert_eq!(parse_timestamp(" ", tz()), Ok(None));
        for raw in [
            "32/1/2025",
            "1/13/2025",
            "2025-13-01",
            "1/1/25",
            "igår",
            "2025-10-01 25:00",
        ] {
            let err = parse_timestamp(raw, tz()).unwrap_err().to_string();
            assert!(
                err.contains("is not a date") && err.contains("2025-10-01"),
                "{err}"
            );
        }
    }

    #[test]
    fn an_instant_needs_a_time() {
        assert_eq!(
            parse_instant("2025-10-15T10:00:00", tz()),
            Ok(utc("2025-10-15T08:00:00Z"))
        );
        assert!(parse_instant("2025-10-15", tz()).is_err());
    }

    #[test]
    fn counts_are_whole_and_not_negative() {
        assert_eq!(parse_count("12"), Ok(12));
        assert_eq!(parse_count(""), Ok(0));
        assert_eq!(parse_count("1.234"), Ok(1234));
        for raw in ["-3", "2,5", "tre", "99999999999"] {
            assert!(parse_count(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn statuses_of_other_systems() {
        assert_eq!(parse_status("Confirmed"), Ok(BookingStatus::Scheduled));
        assert_eq!(parse_status("in_progress"), Ok(BookingStatus::InProgress));
        assert_eq!(parse_status("in progress"), Ok(BookingStatus::InProgress));
        assert_eq!(parse_status("done"), Ok(BookingStatus::Completed));
        assert_eq!(parse_status("canceled"), Ok(BookingStatus::Cancelled));
        assert_eq!(parse_status(""), Ok(BookingStatus::Scheduled));
        assert!(
            parse_status("lost")
                .unwrap_err()
                .to_string()
                .contains("\"lost\"")
        );
    }

    #[test]
    fn json_kroner_become_exact_ore() {
        let cases = [
            ("1047.5", Some(104750)),
            ("1047.505", Some(104751)),
            ("0.125", Some(13)),
            ("-0.125", Some(-13)),
            ("1.0475e3", Some(104750)),
            ("1e2", Some(10000)),
            ("1E-3", Some(0)),
            ("0.005", Some(1)),
            ("12", Some(1200)),
            ("0", Some(0)),
            ("1e30", None),
            ("abc", None),
        ];
        for (raw, want) in cases {
            assert_eq!(kroner_to_ore(raw), want, "{raw}");
        }
    }
}
