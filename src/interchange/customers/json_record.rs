//! One JSON customer (`CustomerImportData`) checked into a [`CustomerRecord`].
//! A value of the wrong type is a problem of that field, never a stop.

use std::collections::HashSet;

use std::borrow::Cow;

use super::fields::{
    Field, header_key, kroner_to_ore, parse_instant, parse_status, problem, set_text,
};
use super::lite::Lite;
use super::{BookingRecord, CustomerRecord, Fault, Warning};
use crate::domain::contact::parse_tags;
use crate::domain::{BookingStatus, BusinessTz};

/// Checks one element of the customer list, which starts on `line`;
/// `groups` are the lines of the objects of each list directly inside it.
pub(super) fn convert(
    line: u64,
    groups: &[Vec<u64>],
    value: Lite<'_>,
    tz: BusinessTz,
    unknown: &mut HashSet<String>,
    warnings: &mut Vec<Warning>,
) -> CustomerRecord {
    let mut rec = CustomerRecord {
        line,
        ..CustomerRecord::default()
    };
    let fields = match value {
        Lite::Object(fields) => fields,
        other => {
            let message = format!(
                "expected a customer ({{\"name\": ...}}), found {}",
                other.kind()
            );
            problem(&mut rec, "", message);
            return rec;
        }
    };
    let mut named = false;
    for (key, value) in fields {
        match customer_key(&key) {
            Key::Field(field) => {
                named |= field == Field::Name;
                set_value(&mut rec, field, &key, value, tz);
            }
            Key::Bookings => bookings(&mut rec, &key, value, groups, tz, unknown, warnings),
            Key::Unknown => warn_unknown(unknown, warnings, key.into_owned()),
        }
    }
    if !named {
        problem(&mut rec, "name", Fault::NoName);
    }
    rec
}

/// What a key of a customer names.
enum Key {
    Field(Field),
    Bookings,
    Unknown,
}

/// The `CustomerImportData` names first, then any name a CSV heading may have.
fn customer_key(key: &str) -> Key {
    Key::Field(match key {
        "name" => Field::Name,
        "email" => Field::Email,
        "phone" => Field::Phone,
        "address" => Field::Address,
        "companyName" => Field::Company,
        "notes" => Field::Notes,
        "tags" => Field::Tags,
        "totalLeads" => Field::Leads,
        "totalBookings" => Field::Bookings,
        "totalRevenue" => Field::Revenue,
        "lastContactAt" => Field::LastContact,
        "bookings" => return Key::Bookings,
        _ => {
            let key = header_key(key);
            if key == "bookings" {
                return Key::Bookings;
            }
            return Field::from_key(&key).map_or(Key::Unknown, Key::Field);
        }
    })
}

/// How many unknown field names are warned about one by one; past that, one
/// warning says there are more (a file of made-up names stays small).
const MAX_UNKNOWN_NAMED: usize = 100;

fn warn_unknown(unknown: &mut HashSet<String>, warnings: &mut Vec<Warning>, key: String) {
    if unknown.len() > MAX_UNKNOWN_NAMED || unknown.contains(&key) {
        return;
    }
    if unknown.len() == MAX_UNKNOWN_NAMED {
        warnings.push(Warning::ManyUnknown(MAX_UNKNOWN_NAMED));
    } else {
        warnings.push(Warning::UnknownField(key.clone()));
    }
    unknown.insert(key);
}

/// What a field should hold, for messages.
fn expected(field: Field) -> &'static str {
    match field {
        Field::Leads | Field::Bookings => "a whole number",
        Field::Revenue => "an amount in kroner",
        Field::Tags => "a list of tags",
        Field::LastContact => "a date",
        _ => "text",
    }
}

fn set_value(rec: &mut CustomerRecord, field: Field, key: &str, value: Lite<'_>, tz: BusinessTz) {
    let wrong = |rec: &mut CustomerRecord, value: &Lite<'_>| {
        let message = format!("expected {}, found {}", expected(field), value.kind());
        problem(rec, key, message);
    };
    match value {
        Lite::Null => set_text(rec, field, "", key, tz),
        Lite::Str(s) => set_text(rec, field, s.trim(), key, tz),
        Lite::Number(n) => match field {
            Field::Leads | Field::Bookings => {
                let count = n
                    .as_u64()
                    .or_else(|| {
                        n.as_f64()
                            .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                            .map(|f| f as u64)
                    })
                    .and_then(|c| u32::try_from(c).ok());
                match count {
                    Some(c) if field == Field::Leads => rec.history.leads = c,
                    Some(c) => rec.history.bookings = c,
                    None => problem(
                        rec,
                        key,
                        Fault::NotACount {
                            text: n.to_string(),
                            number: true,
                        },
                    ),
                }
            }
            Field::Revenue => match kroner_to_ore(&n.to_string()) {
                Some(ore) => rec.history.revenue_ore = ore,
                None => problem(rec, key, format!("{n} is too large an amount")),
            },
            // Phone numbers saved as numbers by a spreadsheet.
            Field::Phone if n.is_u64() => set_text(rec, field, &n.to_string(), key, tz),
            _ => wrong(rec, &Lite::Number(n)),
        },
        Lite::List(items) if field == Field::Tags => {
            let mut tags: Vec<String> = Vec::new();
            for item in items {
                match item {
                    Lite::Str(s) => {
                        for tag in parse_tags(&s) {
                            if !tags.contains(&tag) {
                                tags.push(tag);
                            }
                        }
                    }
                    other => {
                        let message = format!("expected tags as text, found {}", other.kind());
                        problem(rec, key, message);
                        return;
                    }
                }
            }
            rec.tags = tags;
        }
        other => wrong(rec, &other),
    }
}

/// A booking field as files name it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BookingField {
    Start,
    End,
    Service,
    Status,
    Notes,
    Staff,
    Address,
}

fn booking_field(key: &str) -> Option<BookingField> {
    Some(match key {
        "startTime" => BookingField::Start,
        "endTime" => BookingField::End,
        "serviceType" => BookingField::Service,
        "status" => BookingField::Status,
        "notes" => BookingField::Notes,
        "staff" => BookingField::Staff,
        "address" => BookingField::Address,
        _ => return booking_alias(&header_key(key)),
    })
}

fn booking_alias(key: &str) -> Option<BookingField> {
    Some(match key {
        "starttime" | "start" | "startsat" | "from" => BookingField::Start,
        "endtime" | "end" | "endsat" | "to" => BookingField::End,
        "servicetype" | "service" | "type" => BookingField::Service,
        "status" => BookingField::Status,
        "notes" | "note" | "noter" => BookingField::Notes,
        "staff" | "cleaner" | "staffname" | "medarbejder" => BookingField::Staff,
        "address" | "adresse" => BookingField::Address,
        _ => return None,
    })
}

fn bookings(
    rec: &mut CustomerRecord,
    key: &str,
    value: Lite<'_>,
    groups: &[Vec<u64>],
    tz: BusinessTz,
    unknown: &mut HashSet<String>,
    warnings: &mut Vec<Warning>,
) {
    let items = match value {
        Lite::Null => return,
        Lite::List(items) => items,
        other => {
            let message = format!("expected a list of bookings, found {}", other.kind());
            problem(rec, key, message);
            return;
        }
    };
    let lines = object_lines(groups, &items, rec.line);
    for (i, item) in items.into_iter().enumerate() {
        let at = format!("{key}[{i}]");
        match item {
            Lite::Object(fields) => {
                let line = lines.get(i).copied().unwrap_or(rec.line);
                if let Some(b) = booking(rec, &at, line, fields, tz, unknown, warnings) {
                    rec.bookings.push(b);
                }
            }
            other => {
                let message = format!(
                    "expected a booking ({{\"startTime\": ...}}), found {}",
                    other.kind()
                );
                problem(rec, &at, message);
            }
        }
    }
}

/// The line of each object of the bookings list, found among the lists the
/// tracker saw in the customer: the one list with as many objects. When
/// that is not clear (another list of as many objects), the customer's line.
fn object_lines(groups: &[Vec<u64>], items: &[Lite<'_>], fallback: u64) -> Vec<u64> {
    let is_object = |v: &Lite<'_>| matches!(v, Lite::Object(_));
    let objects = items.iter().filter(|v| is_object(v)).count();
    let mut candidates = groups.iter().filter(|g| g.len() == objects);
    let lines = match (candidates.next(), candidates.next()) {
        (Some(g), None) => g.as_slice(),
        _ => &[],
    };
    let mut next = lines.iter();
    items
        .iter()
        .map(|v| match is_object(v) {
            true => next.next().copied().unwrap_or(fallback),
            false => fallback,
        })
        .collect()
}

/// One booking, or `None` (with its problems recorded) when it is not valid.
fn booking(
    rec: &mut CustomerRecord,
    at: &str,
    line: u64,
    fields: Vec<(Cow<'_, str>, Lite<'_>)>,
    tz: BusinessTz,
    unknown: &mut HashSet<String>,
    warnings: &mut Vec<Warning>,
) -> Option<BookingRecord> {
    let before = rec.problems.len();
    let (mut start, mut end) = (None, None);
    let (mut start_key, mut end_key) = ("startTime".to_string(), "endTime".to_string());
    let mut b = BookingRecord {
        line,
        start: Default::default(),
        end: Default::default(),
        service: String::new(),
        status: BookingStatus::Scheduled,
        notes: String::new(),
        staff: None,
        address: String::new(),
    };
    for (key, value) in fields {
        let Some(field) = booking_field(&key) else {
            let base = at.split('[').next().unwrap_or(at);
            warn_unknown(unknown, warnings, format!("{base}[].{key}"));
            continue;
        };
        let column = || format!("{at}.{key}");
        let text = match value {
            Lite::Null => String::new(),
            Lite::Str(s) => s.trim().to_string(),
            other => {
                let what = if matches!(field, BookingField::Start | BookingField::End) {
                    "a date and time"
                } else {
                    "text"
                };
                problem(
                    rec,
                    &column(),
                    format!("expected {what}, found {}", other.kind()),
                );
                continue;
            }
        };
        match field {
            BookingField::Start | BookingField::End => {
                let (slot, slot_key) = if field == BookingField::Start {
                    (&mut start, &mut start_key)
                } else {
                    (&mut end, &mut end_key)
                };
                *slot_key = key.to_string();
                if text.is_empty() {
                    continue;
                }
                match parse_instant(&text, tz) {
                    Ok(t) => *slot = Some((t, text)),
                    Err(m) => {
                        problem(rec, &column(), m);
                        *slot = None;
                        // Already reported; no "missing" on top.
                        slot_key.clear();
                    }
                }
            }
            BookingField::Service => b.service = text,
            BookingField::Status => match parse_status(&text) {
                Ok(s) => b.status = s,
                Err(m) => problem(rec, &column(), m),
            },
            BookingField::Notes => b.notes = text,
            BookingField::Staff => b.staff = (!text.is_empty()).then_some(text),
            BookingField::Address => b.address = text,
        }
    }
    for (slot, slot_key, start) in [(&start, &start_key, true), (&end, &end_key, false)] {
        if slot.is_none() && !slot_key.is_empty() {
            problem(rec, &format!("{at}.{slot_key}"), Fault::NoTime { start });
        }
    }
    if let (Some((s, s_text)), Some((e, e_text))) = (&start, &end) {
        if e <= s {
            problem(
                rec,
                &format!("{at}.{end_key}"),
                Fault::EndNotAfterStart {
                    start: s_text.clone(),
                    end: e_text.clone(),
                },
            );
        }
        b.start = *s;
        b.end = *e;
    }
    (rec.problems.len() == before).then_some(b)
}
