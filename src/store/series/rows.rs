//! Series rows: how a series and its pauses are read and written, and how
//! a visit's place in its series is read and journaled.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::super::{Result, StoreError, WriteCtx, journal, to_secs};
use crate::domain::Booking;
use crate::domain::series::{HolidayPolicy, Pause, Rule, Series, SeriesEnd};

const COLUMNS: &str = "id, customer_id, staff_id, service, start_time, duration_min, first_date, \
    rule, until_date, count, holidays, address, notes, version";

fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("series date {s:?} cannot be read")))
}

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The raw row; the rule and dates are checked by [`from_raw`].
struct Raw {
    id: i64,
    customer_id: i64,
    staff_id: Option<i64>,
    service: String,
    start_time: String,
    duration_min: u32,
    first_date: String,
    rule: String,
    until_date: Option<String>,
    count: Option<u32>,
    holidays: String,
    address: String,
    notes: String,
    version: i64,
}

fn raw(r: &Row) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        staff_id: r.get(2)?,
        service: r.get(3)?,
        start_time: r.get(4)?,
        duration_min: r.get(5)?,
        first_date: r.get(6)?,
        rule: r.get(7)?,
        until_date: r.get(8)?,
        count: r.get(9)?,
        holidays: r.get(10)?,
        address: r.get(11)?,
        notes: r.get(12)?,
        version: r.get(13)?,
    })
}

fn from_raw(r: Raw, pauses: Vec<Pause>) -> Result<Series> {
    let first_date = date(&r.first_date)?;
    let corrupt = |what: &str, e: String| {
        StoreError::Corrupt(format!("series #{} has a bad {what}: {e}", r.id))
    };
    let rule = Rule::from_rrule(&r.rule, first_date)
        .map_err(|e| corrupt("rule", e.to_string()))?
        .rule;
    let end = match (r.until_date, r.count) {
        (_, Some(n)) => SeriesEnd::Count(n),
        (Some(u), None) => SeriesEnd::Until(date(&u)?),
        (None, None) => SeriesEnd::Open,
    };
    Ok(Series {
        id: r.id,
        customer_id: r.customer_id,
        staff_id: r.staff_id,
        service: r.service,
        start_time: NaiveTime::parse_from_str(&r.start_time, "%H:%M")
            .map_err(|_| corrupt("start time", r.start_time.clone()))?,
        duration_min: r.duration_min,
        first_date,
        rule,
        end,
        holidays: r
            .holidays
            .parse::<HolidayPolicy>()
            .map_err(|_| corrupt("holiday policy", r.holidays.clone()))?,
        pauses,
        address: r.address,
        notes: r.notes,
        version: r.version,
    })
}

fn pauses(conn: &Connection, id: i64) -> Result<Vec<Pause>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_date, to_date FROM series_pauses WHERE series_id = ?1 ORDER BY from_date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (from, to) = row?;
        out.push(Pause {
            from: date(&from)?,
            to: date(&to)?,
        });
    }
    Ok(out)
}

/// Series `id`, with its pauses.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<Series> {
    let r = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM series WHERE id = ?1"))?
        .query_row([id], raw)
        .optional()?
        .ok_or(StoreError::NotFound {
            entity: "series",
            id,
        })?;
    from_raw(r, pauses(conn, id)?)
}

/// Every series, by id.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Series>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM series ORDER BY id"))?;
    let rows: Vec<Raw> = stmt.query_map([], raw)?.collect::<rusqlite::Result<_>>()?;
    let mut all_pauses: std::collections::HashMap<i64, Vec<Pause>> = Default::default();
    {
        let mut p = conn.prepare_cached(
            "SELECT series_id, from_date, to_date FROM series_pauses ORDER BY from_date, id",
        )?;
        let mut q = p.query([])?;
        while let Some(r) = q.next()? {
            let (id, from, to): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            all_pauses.entry(id).or_default().push(Pause {
                from: date(&from)?,
                to: date(&to)?,
            });
        }
    }
    rows.into_iter()
        .map(|r| {
            let p = all_pauses.remove(&r.id).unwrap_or_default();
            from_raw(r, p)
        })
        .collect()
}

/// Writes every field of `s` (its version bumped) as row `s.id`: a new row
/// under a fresh id when `s.id` is 0, the row itself when it is gone (an
/// undone removal). Returns the series as stored.
pub(crate) fn put(
    tx: &Connection,
    ctx: &WriteCtx,
    s: &Series,
    parent: Option<i64>,
) -> Result<Series> {
    let (until, count) = match s.end {
        SeriesEnd::Open => (None, None),
        SeriesEnd::Until(d) => (Some(date_text(d)), None),
        SeriesEnd::Count(n) => (None, Some(n)),
    };
    let values = params![
        s.customer_id,
        s.staff_id,
        s.service.trim(),
        s.start_time.format("%H:%M").to_string(),
        s.duration_min,
        date_text(s.first_date),
        s.rule.rrule_text(),
        until,
        count,
        s.holidays.as_str(),
        s.address.trim(),
        s.notes,
        to_secs(ctx.now),
        ctx.actor,
    ];
    let changed = if s.id == 0 {
        0
    } else {
        tx.prepare_cached(
            "UPDATE series SET customer_id = ?1, staff_id = ?2, service = ?3, start_time = ?4,
               duration_min = ?5, first_date = ?6, rule = ?7, until_date = ?8, count = ?9,
               holidays = ?10, address = ?11, notes = ?12, updated_at = ?13, updated_by = ?14,
               version = version + 1
             WHERE id = ?15",
        )?
        .execute(rusqlite::params_from_iter(
            values
                .iter()
                .copied()
                .chain([&s.id as &dyn rusqlite::ToSql]),
        ))?
    };
    let id = if changed > 0 {
        s.id
    } else {
        tx.prepare_cached(
            "INSERT INTO series (customer_id, staff_id, service, start_time, duration_min,
               first_date, rule, until_date, count, holidays, address, notes, updated_at,
               updated_by, id, parent_id, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?
        .execute(rusqlite::params_from_iter(values.iter().copied().chain([
            &(s.id != 0).then_some(s.id) as &dyn rusqlite::ToSql,
            &parent,
            &(s.version.max(0) + 1),
        ])))?;
        tx.last_insert_rowid()
    };
    tx.prepare_cached("DELETE FROM series_pauses WHERE series_id = ?1")?
        .execute([id])?;
    for p in &s.pauses {
        tx.prepare_cached(
            "INSERT INTO series_pauses (series_id, from_date, to_date) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, date_text(p.from), date_text(p.to)])?;
    }
    get(tx, id)
}

/// Removes series `id` and its pauses (an undone creation). Its visits
/// must be gone first.
pub(crate) fn delete(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM series_pauses WHERE series_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM series WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Notes that the visits up to `to` exist as bookings.
pub(crate) fn made_to(tx: &Connection, id: i64, to: NaiveDate) -> Result<()> {
    tx.prepare_cached(
        "UPDATE series SET materialised_to = ?2
         WHERE id = ?1 AND (materialised_to IS NULL OR materialised_to < ?2)",
    )?
    .execute(params![id, date_text(to)])?;
    Ok(())
}

/// The last date whose visits exist as bookings.
pub(crate) fn made_until(conn: &Connection, id: i64) -> Result<Option<NaiveDate>> {
    let v: Option<String> = conn
        .prepare_cached("SELECT materialised_to FROM series WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    v.map(|s| date(&s)).transpose()
}

/// A booking's place in a series, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visit {
    pub series_id: i64,
    /// The rule's local start (`2026-12-08T08:30`).
    pub original: String,
    /// '' while the visit follows its series; else `moved`, `reassigned`,
    /// `cancelled` or `edited`.
    pub exception: String,
}

/// The place of booking `id` in its series, if it has one.
pub(crate) fn visit_of(conn: &Connection, id: i64) -> Result<Option<Visit>> {
    Ok(conn
        .prepare_cached(
            "SELECT series_id, original_start, exception FROM bookings
             WHERE id = ?1 AND series_id IS NOT NULL",
        )?
        .query_row([id], |r| {
            Ok(Visit {
                series_id: r.get(0)?,
                original: r.get(1)?,
                exception: r.get(2)?,
            })
        })
        .optional()?)
}

/// A booking as a series change journals it: the booking with its place.
#[derive(Serialize)]
pub(crate) struct Member<'a> {
    #[serde(flatten)]
    pub booking: &'a Booking,
    pub series_id: Option<i64>,
    pub original_start: Option<&'a str>,
    pub exception: &'a str,
}

/// A visit's place, as [`Member`] writes it after the booking's fields.
#[derive(Serialize)]
struct Place<'a> {
    series_id: Option<i64>,
    original_start: Option<&'a str>,
    exception: &'a str,
}

impl<'a> Member<'a> {
    pub fn of(booking: &'a Booking, visit: Option<&'a Visit>) -> Member<'a> {
        Member {
            booking,
            series_id: visit.map(|v| v.series_id),
            original_start: visit.map(|v| v.original.as_str()),
            exception: visit.map_or("", |v| v.exception.as_str()),
        }
    }

    /// The same JSON as serialising `self`, written by hand (see
    /// `journal::json`) or, for what that does not write, without the
    /// buffering `#[serde(flatten)]` does: the booking's object, its closing
    /// brace replaced by the place's fields.
    pub fn encode(&self) -> Result<String> {
        if let Some(out) = journal::json::member(
            self.booking,
            self.series_id,
            self.original_start,
            self.exception,
        ) {
            return Ok(out);
        }
        let json = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
        let mut out = serde_json::to_string(self.booking).map_err(json)?;
        let place = serde_json::to_string(&Place {
            series_id: self.series_id,
            original_start: self.original_start,
            exception: self.exception,
        })
        .map_err(json)?;
        match (out.strip_suffix('}'), place.strip_prefix('{')) {
            (Some(head), Some(tail)) => {
                let sep = if head.ends_with('{') { "" } else { "," };
                out = format!("{head}{sep}{tail}");
                Ok(out)
            }
            // Not objects (never for a booking): serde's own way.
            _ => serde_json::to_string(self).map_err(json),
        }
    }
}

/// Journals a change of a series' visit, with its place before and after.
#[allow(clippy::too_many_arguments)]
pub(crate) fn journal_visit(
    tx: &Connection,
    ctx: &WriteCtx,
    action: &str,
    id: i64,
    before: Option<(&Booking, Option<&Visit>)>,
    after: Option<(&Booking, Option<&Visit>)>,
    reason: &str,
) -> Result<i64> {
    journal_visit_in(
        &mut journal::Entries::new(tx)?,
        tx,
        ctx,
        action,
        id,
        before,
        after,
        reason,
    )
}

/// [`journal_visit`] through a journal insert prepared for a run of them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn journal_visit_in(
    entries: &mut journal::Entries,
    tx: &Connection,
    ctx: &WriteCtx,
    action: &str,
    id: i64,
    before: Option<(&Booking, Option<&Visit>)>,
    after: Option<(&Booking, Option<&Visit>)>,
    reason: &str,
) -> Result<i64> {
    let encode = |side: Option<(&Booking, Option<&Visit>)>| {
        side.map(|(b, v)| Member::of(b, v).encode()).transpose()
    };
    entries.record(
        tx,
        ctx,
        action,
        "booking",
        id,
        (encode(before)?.as_deref(), encode(after)?.as_deref()),
        reason,
        None,
    )
}
