//! The journal's JSON of a booking written by hand: the horizon moving on
//! journals thousands of new visits in one go, and an import a booking per
//! event, and serde's generic way (a formatter call per date, a map entry
//! per field) was a tenth of their time. The text is serde's own, byte for
//! byte (property tests hold them together); what this writer does not
//! know how to write (a time with fractions of a second, a year past 9999)
//! is left to serde.

use chrono::{DateTime, Datelike, Timelike, Utc};

use crate::domain::Booking;

/// The JSON object of `b`, as serde writes it; `None` when a time is
/// outside what this writer knows.
pub(crate) fn booking(b: &Booking) -> Option<String> {
    let mut out = String::with_capacity(300 + text_len(b));
    fields(&mut out, b)?;
    out.push('}');
    Some(out)
}

/// The JSON object of `b` followed by a visit's place (`series_id`,
/// `original_start`, `exception`), as `#[serde(flatten)]` writes it; `None`
/// when a time is outside what this writer knows.
pub(crate) fn member(
    b: &Booking,
    series_id: Option<i64>,
    original_start: Option<&str>,
    exception: &str,
) -> Option<String> {
    let place_len = original_start.map_or(0, str::len) + exception.len();
    let mut out = String::with_capacity(360 + text_len(b) + place_len);
    fields(&mut out, b)?;
    out.push_str(",\"series_id\":");
    opt_int(&mut out, series_id);
    out.push_str(",\"original_start\":");
    match original_start {
        Some(s) => text(&mut out, s)?,
        None => out.push_str("null"),
    }
    out.push_str(",\"exception\":");
    text(&mut out, exception)?;
    out.push('}');
    Some(out)
}

fn text_len(b: &Booking) -> usize {
    b.service.len() + b.address.len() + b.notes.len() + b.review.len() + b.cancel_reason.len()
}

/// The booking's fields, from the opening brace to its last field (no
/// closing brace).
fn fields(out: &mut String, b: &Booking) -> Option<()> {
    out.push_str("{\"id\":");
    int(out, b.id);
    out.push_str(",\"customer_id\":");
    int(out, b.customer_id);
    out.push_str(",\"staff_id\":");
    opt_int(out, b.staff_id);
    out.push_str(",\"service\":");
    text(out, &b.service)?;
    out.push_str(",\"start\":");
    time(out, b.start)?;
    out.push_str(",\"end\":");
    time(out, b.end)?;
    out.push_str(",\"estimate_min\":");
    int(out, i64::from(b.estimate_min));
    out.push_str(",\"status\":\"");
    out.push_str(b.status.as_str());
    out.push_str("\",\"started_at\":");
    opt_time(out, b.started_at)?;
    out.push_str(",\"finished_at\":");
    opt_time(out, b.finished_at)?;
    out.push_str(",\"address\":");
    text(out, &b.address)?;
    out.push_str(",\"notes\":");
    text(out, &b.notes)?;
    out.push_str(",\"review\":");
    text(out, &b.review)?;
    out.push_str(",\"cancel_reason\":");
    text(out, &b.cancel_reason)?;
    out.push_str(",\"version\":");
    int(out, b.version);
    Some(())
}

fn int(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

fn opt_int(out: &mut String, n: Option<i64>) {
    match n {
        Some(n) => int(out, n),
        None => out.push_str("null"),
    }
}

/// A JSON string: as serde_json escapes (quote, backslash and control
/// characters only); a string that needs escaping goes through serde_json.
fn text(out: &mut String, s: &str) -> Option<()> {
    if s.bytes().all(|c| c >= 0x20 && c != b'"' && c != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).ok()?);
    }
    Some(())
}

/// `n`'s last two decimal digits.
fn two(n: u32) -> [u8; 2] {
    [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]
}

/// `2026-12-08T07:30:00Z`, as chrono's serde writes a whole second.
fn time(out: &mut String, t: DateTime<Utc>) -> Option<()> {
    let (date, clock) = (t.date_naive(), t.time());
    let year = date.year();
    if !(0..=9999).contains(&year) || clock.nanosecond() != 0 {
        return None;
    }
    let year = year.unsigned_abs();
    let [y1, y2] = two(year / 100);
    let [y3, y4] = two(year);
    let [mo1, mo2] = two(date.month());
    let [d1, d2] = two(date.day());
    let [h1, h2] = two(clock.hour());
    let [mi1, mi2] = two(clock.minute());
    let [s1, s2] = two(clock.second());
    let text = [
        b'"', y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2, b'T', h1, h2, b':', mi1, mi2, b':', s1,
        s2, b'Z', b'"',
    ];
    out.push_str(std::str::from_utf8(&text).ok()?);
    Some(())
}

fn opt_time(out: &mut String, t: Option<DateTime<Utc>>) -> Option<()> {
    match t {
        Some(t) => time(out, t),
        None => {
            out.push_str("null");
            Some(())
        }
    }
}
