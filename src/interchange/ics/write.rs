//! The writer: one VCALENDAR with a VTIMEZONE of the business zone, then one
//! VEVENT per booking. CRLF line ends, lines folded at 75 octets.

use std::io::{self, Write};

use chrono::{DateTime, Datelike, LocalResult, TimeZone, Utc};
use chrono_tz::Tz;

use super::Attendee;
use super::lines::{encode_param, escape_text, fold_into};
use super::vtimezone::vtimezone_lines;

/// What the writer writes for one event.
#[derive(Debug, Clone, Default)]
pub struct EventOut {
    pub uid: String,
    /// When this version was made (DTSTAMP, written in UTC).
    pub stamp: DateTime<Utc>,
    /// Written as local time with the TZID of the writer's zone.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub status: Option<String>,
    pub categories: Vec<String>,
    pub attendees: Vec<Attendee>,
    /// X- properties: (name, unescaped value).
    pub extra: Vec<(String, String)>,
    /// A recurring event's rule (RRULE value, without `RRULE:`).
    pub rrule: Option<String>,
    /// Occurrences added to the rule (RDATE) and left out of it (EXDATE).
    pub rdates: Vec<DateTime<Utc>>,
    pub exdates: Vec<DateTime<Utc>>,
    /// The occurrence this event is the version of (RECURRENCE-ID).
    pub recurrence_id: Option<DateTime<Utc>>,
}

pub struct IcsWriter<W: Write> {
    w: W,
    tz: Tz,
    buf: Vec<u8>,
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

impl<W: Write> IcsWriter<W> {
    /// Writes the calendar's header and a VTIMEZONE for `tz` with this year's rules.
    pub fn new(w: W, tz: Tz, prodid: &str) -> io::Result<Self> {
        Self::with_rules_of_year(w, tz, prodid, Utc::now().year())
    }

    /// Like [`IcsWriter::new`], with the zone's rules as they are in `year`.
    pub fn with_rules_of_year(w: W, tz: Tz, prodid: &str, year: i32) -> io::Result<Self> {
        let mut writer = IcsWriter {
            w,
            tz,
            buf: Vec::with_capacity(1024),
        };
        writer.line("BEGIN:VCALENDAR");
        writer.line("VERSION:2.0");
        writer.line(&format!("PRODID:{}", escape_text(prodid)));
        writer.line("CALSCALE:GREGORIAN");
        for l in vtimezone_lines(tz, year) {
            writer.line(&l);
        }
        writer.flush_buf()?;
        Ok(writer)
    }

    fn line(&mut self, l: &str) {
        fold_into(l, &mut self.buf);
    }

    fn flush_buf(&mut self) -> io::Result<()> {
        self.w.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// `NAME;TZID=zone:local`, or `NAME:...Z` for the second pass of an
    /// autumn hour, which the local time alone would not tell apart.
    fn time_line(&mut self, name: &str, t: DateTime<Utc>) {
        let local = t.with_timezone(&self.tz).naive_local();
        let same = match self.tz.from_local_datetime(&local) {
            LocalResult::Single(x) | LocalResult::Ambiguous(x, _) => x.with_timezone(&Utc) == t,
            LocalResult::None => false,
        };
        let l = if same {
            format!(
                "{name};TZID={}:{}",
                self.tz.name(),
                local.format("%Y%m%dT%H%M%S")
            )
        } else {
            format!("{name}:{}", t.format("%Y%m%dT%H%M%SZ"))
        };
        self.line(&l);
    }

    pub fn event(&mut self, e: &EventOut) -> io::Result<()> {
        for (name, _) in &e.extra {
            let ok = name.len() > 2
                && name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("X-"))
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !ok {
                return Err(invalid(format!(
                    "{name:?} is not an X- property name (expected e.g. X-RENOS-BOOKING)"
                )));
            }
        }
        self.line("BEGIN:VEVENT");
        self.line(&format!("UID:{}", escape_text(&e.uid)));
        self.line(&format!("DTSTAMP:{}", e.stamp.format("%Y%m%dT%H%M%SZ")));
        if let Some(r) = e.recurrence_id {
            self.time_line("RECURRENCE-ID", r);
        }
        self.time_line("DTSTART", e.start);
        self.time_line("DTEND", e.end);
        if let Some(rule) = &e.rrule {
            let rule: String = rule.chars().filter(|c| !c.is_control()).collect();
            self.line(&format!("RRULE:{}", rule.trim_start_matches("RRULE:")));
        }
        for &t in &e.rdates {
            self.time_line("RDATE", t);
        }
        for &t in &e.exdates {
            self.time_line("EXDATE", t);
        }
        self.line(&format!("SUMMARY:{}", escape_text(&e.summary)));
        for (name, value) in [("DESCRIPTION", &e.description), ("LOCATION", &e.location)] {
            if !value.is_empty() {
                self.line(&format!("{name}:{}", escape_text(value)));
            }
        }
        if let Some(status) = &e.status {
            self.line(&format!(
                "STATUS:{}",
                escape_text(&status.to_ascii_uppercase())
            ));
        }
        let categories: Vec<String> = e
            .categories
            .iter()
            .map(|c| escape_text(c.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        if !categories.is_empty() {
            self.line(&format!("CATEGORIES:{}", categories.join(",")));
        }
        for a in &e.attendees {
            let cn =
                a.cn.as_deref()
                    .map(|cn| format!(";CN={}", encode_param(cn)))
                    .unwrap_or_default();
            let address: String = a.address.chars().filter(|c| !c.is_control()).collect();
            self.line(&format!("ATTENDEE{cn}:{address}"));
        }
        for (name, value) in &e.extra {
            self.line(&format!(
                "{}:{}",
                name.to_ascii_uppercase(),
                escape_text(value)
            ));
        }
        self.line("END:VEVENT");
        self.flush_buf()
    }

    /// Writes END:VCALENDAR, flushes, and hands back the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.line("END:VCALENDAR");
        self.flush_buf()?;
        self.w.flush()?;
        Ok(self.w)
    }
}
