//! Cleaners' availability in the store: breaks, date overrides, skills,
//! area, contracted hours, daily maximum and priority. A cleaner without a
//! row works the staff row's hours, every service, everywhere.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::staff::StaffPatch;
use super::{EntryRefusal, Result, Store, StoreError, WriteCtx, Writer, journal};
use crate::domain::availability::{Area, Availability, DateOverride, StaffEdit, WeekHours};
use crate::domain::{Staff, WorkingHours};

/// Availability fields to change; `None` keeps the stored value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AvailabilityPatch {
    /// Hours with breaks; the staff row's hours become its envelope.
    pub week: Option<WeekHours>,
    pub add_overrides: Vec<DateOverride>,
    /// Removes all overrides (before adding any in `add_overrides`).
    pub clear_overrides: bool,
    pub skills: Option<Vec<String>>,
    pub area: Option<Area>,
    /// `Some(None)` removes the contract.
    pub contract_min: Option<Option<u32>>,
    /// `Some(None)` removes the daily maximum.
    pub daily_max_min: Option<Option<u32>>,
    pub priority: Option<i32>,
}

impl AvailabilityPatch {
    pub fn is_empty(&self) -> bool {
        *self == AvailabilityPatch::default()
    }

    /// `current` with the patch applied.
    pub fn apply(&self, current: &Availability) -> Availability {
        let mut a = current.clone();
        if let Some(w) = &self.week {
            a.week = w.clone();
        }
        if self.clear_overrides {
            a.overrides.clear();
        }
        a.overrides.extend(self.add_overrides.iter().cloned());
        if let Some(s) = &self.skills {
            a.skills = s.clone();
        }
        if let Some(area) = &self.area {
            a.area = area.clone();
        }
        if let Some(c) = self.contract_min {
            a.contract_min = c;
        }
        if let Some(m) = self.daily_max_min {
            a.daily_max_min = m;
        }
        if let Some(p) = self.priority {
            a.priority = p;
        }
        a
    }
}

/// A week of hours as the store keeps it: without breaks, the cleaner's
/// plain working hours (the first); with breaks, the availability's week.
pub fn split_week(week: WeekHours) -> (Option<WorkingHours>, Option<WeekHours>) {
    if week.0.iter().all(|d| d.len() <= 1) {
        (Some(week.envelope()), None)
    } else {
        (None, Some(week))
    }
}

impl StaffPatch {
    /// The patch of one field changed in the console; `week` is the
    /// cleaner's week as the edit was made on it.
    pub fn of_edit(edit: &StaffEdit, week: &WeekHours) -> StaffPatch {
        let mut patch = StaffPatch::default();
        let a = &mut patch.availability;
        match edit {
            StaffEdit::Day(..) => {
                let (plain, breaks) = split_week(edit.week_with(week));
                patch.hours = plain;
                patch.availability.week = breaks;
            }
            StaffEdit::Skills(s) => a.skills = Some(s.clone()),
            StaffEdit::Area(area) => a.area = Some(area.clone()),
            StaffEdit::Contract(c) => a.contract_min = Some(*c),
            StaffEdit::DailyMax(m) => a.daily_max_min = Some(*m),
            StaffEdit::Priority(p) => a.priority = Some(*p),
            StaffEdit::Overrides(list) => {
                a.clear_overrides = true;
                a.add_overrides = list.clone();
            }
            StaffEdit::TimeOff(list) => {
                patch.clear_time_off = true;
                patch.add_time_off = list.clone();
            }
        }
        patch
    }
}

const COLUMNS: &str =
    "staff_id, week, overrides, skills, area, contract_min, daily_max_min, priority";

/// A stored row as the staff id and its availability; `week` empty means
/// the staff row's hours, filled in by the caller.
fn from_row(r: &Row) -> rusqlite::Result<(i64, Option<WeekHours>, Availability)> {
    let bad = |i, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    let week: String = r.get(1)?;
    let week = if week.trim().is_empty() {
        None
    } else {
        Some(WeekHours::parse(&week).map_err(|e| bad(1, e.to_string()))?)
    };
    let overrides: String = r.get(2)?;
    let skills: String = r.get(3)?;
    let area: String = r.get(4)?;
    let a = Availability {
        week: WeekHours::default(),
        overrides: serde_json::from_str(&overrides).map_err(|e| bad(2, e.to_string()))?,
        skills: serde_json::from_str(&skills).map_err(|e| bad(3, e.to_string()))?,
        area: Area::parse(&area).map_err(|e| bad(4, e.to_string()))?,
        contract_min: r.get(5)?,
        daily_max_min: r.get(6)?,
        priority: r.get(7)?,
    };
    Ok((r.get(0)?, week, a))
}

fn with_hours(staff: &Staff, week: Option<WeekHours>, mut a: Availability) -> Availability {
    a.week = week.unwrap_or_else(|| WeekHours::from_working(&staff.hours));
    a
}

/// The availability of `staff`, read with `conn` (inside or outside a write).
pub(crate) fn load(conn: &Connection, staff: &Staff) -> Result<Availability> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM staff_availability WHERE staff_id = ?1"
        ))?
        .query_row([staff.id], from_row)
        .optional()?;
    Ok(match row {
        Some((_, week, a)) => with_hours(staff, week, a),
        None => Availability::from_hours(&staff.hours),
    })
}

/// The availability of each of `staff`, by id.
pub(crate) fn load_all(conn: &Connection, staff: &[Staff]) -> Result<HashMap<i64, Availability>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM staff_availability"))?;
    let mut rows: HashMap<i64, (Option<WeekHours>, Availability)> = HashMap::new();
    for r in stmt.query_map([], from_row)? {
        let (id, week, a) = r?;
        rows.insert(id, (week, a));
    }
    Ok(staff
        .iter()
        .map(|s| {
            let a = match rows.remove(&s.id) {
                Some((week, a)) => with_hours(s, week, a),
                None => Availability::from_hours(&s.hours),
            };
            (s.id, a)
        })
        .collect())
}

/// Writes `a` as the availability of `staff_id`.
fn store(conn: &Connection, staff_id: i64, a: &Availability) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO staff_availability (staff_id, week, overrides, skills, area, contract_min,
           daily_max_min, priority) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(staff_id) DO UPDATE SET week = ?2, overrides = ?3, skills = ?4, area = ?5,
           contract_min = ?6, daily_max_min = ?7, priority = ?8",
    )?
    .execute(params![
        staff_id,
        a.week.to_spec(),
        to_json(&a.overrides)?,
        to_json(&a.skills)?,
        a.area.to_spec(),
        a.contract_min,
        a.daily_max_min,
        a.priority
    ])?;
    Ok(())
}

/// Applies `patch` to the availability of `before` (the staff row as it
/// was) inside a write, journaled as `staff.availability`. Returns the new
/// availability; the caller writes the staff row's hours (the envelope of
/// the week).
pub(crate) fn patch_in(
    tx: &Connection,
    ctx: &WriteCtx,
    before: &Staff,
    patch: &AvailabilityPatch,
) -> Result<Availability> {
    let old = load(tx, before)?;
    let new = patch.apply(&old);
    check(&new)?;
    store(tx, before.id, &new)?;
    journal::record(
        tx,
        ctx,
        "staff.availability",
        "staff",
        before.id,
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}

/// Refuses what cannot be: a daily maximum or contract of no time.
fn check(a: &Availability) -> Result<()> {
    if a.daily_max_min == Some(0) {
        return Err(EntryRefusal::DailyMaxNone.into());
    }
    if a.contract_min == Some(0) {
        return Err(EntryRefusal::ContractNone.into());
    }
    Ok(())
}

impl Store {
    /// The availability of a cleaner.
    pub fn availability(&self, staff: &Staff) -> Result<Availability> {
        load(self.conn(), staff)
    }

    /// The availability of each of `staff`, by id.
    pub fn availabilities(&self, staff: &[Staff]) -> Result<HashMap<i64, Availability>> {
        load_all(self.conn(), staff)
    }
}

impl Writer<'_> {
    /// Sets the whole availability of a cleaner (seeding), journaled; the
    /// staff row's hours become the envelope of the week.
    pub fn set_availability(&self, staff: &Staff, a: &Availability) -> Result<()> {
        let (tx, ctx) = (self.tx, self.ctx);
        check(a)?;
        let old = load(tx, staff)?;
        store(tx, staff.id, a)?;
        tx.execute(
            "UPDATE staff SET hours = ?2 WHERE id = ?1",
            params![staff.id, a.week.envelope().to_spec()],
        )?;
        journal::record(
            tx,
            ctx,
            "staff.availability",
            "staff",
            staff.id,
            Some(&old),
            Some(a),
        )?;
        Ok(())
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}
