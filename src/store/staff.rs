//! Cleaners in the store.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::availability::{AvailabilityPatch, patch_in};
use super::{
    ChangeRefusal, EntryRefusal, Result, Store, StoreError, Writer, check_version, journal, to_secs,
};
use crate::domain::Permission;
use crate::domain::contact::normalize_phone;
use crate::domain::{Staff, TimeOff, WorkingHours};

#[derive(Debug, Clone, Default)]
pub struct NewStaff {
    pub name: String,
    pub phone: String,
    pub colour: String,
    pub hours: WorkingHours,
    pub time_off: Vec<TimeOff>,
}

/// Fields to change; `None` keeps the stored value.
#[derive(Debug, Clone, Default)]
pub struct StaffPatch {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub colour: Option<String>,
    pub hours: Option<WorkingHours>,
    pub add_time_off: Vec<TimeOff>,
    pub clear_time_off: bool,
    /// Breaks, overrides, skills, area, contract, daily maximum, priority
    /// (journaled as `staff.availability` in the same transaction).
    pub availability: AvailabilityPatch,
}

const COLUMNS: &str = "id, name, phone, colour, hours, time_off, version";

fn from_row(r: &Row) -> rusqlite::Result<Staff> {
    let bad = |i, e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    };
    let hours: String = r.get(4)?;
    let time_off: String = r.get(5)?;
    Ok(Staff {
        id: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        colour: r.get(3)?,
        hours: WorkingHours::parse(&hours).map_err(|e| bad(4, e.to_string()))?,
        time_off: serde_json::from_str(&time_off).map_err(|e| bad(5, e.to_string()))?,
        version: r.get(6)?,
    })
}

fn validate_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(EntryRefusal::CleanerNameMissing.into());
    }
    if name.chars().count() > 40 {
        return Err(EntryRefusal::CleanerNameTooLong {
            name: name.to_string(),
        }
        .into());
    }
    Ok(name.to_string())
}

fn name_taken(tx: &Transaction, name: &str, except: i64) -> Result<bool> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM staff WHERE active = 1 AND name = ?1 COLLATE NOCASE AND id <> ?2",
            params![name, except],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

fn get_in(tx: &Transaction, id: i64) -> Result<Staff> {
    tx.query_row(
        &format!("SELECT {COLUMNS} FROM staff WHERE id = ?1 AND active = 1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        entity: "cleaner",
        id,
    })
}

impl Store {
    /// Active cleaners in name order.
    pub fn staff(&self) -> Result<Vec<Staff>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM staff WHERE active = 1 ORDER BY name COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every cleaner's name by id, removed ones too (for the journal).
    pub fn staff_names(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self.conn().prepare_cached("SELECT id, name FROM staff")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Finds an active cleaner by id or by (case-insensitive) name.
    pub fn find_staff(&self, key: &str) -> Result<Staff> {
        let key = key.trim();
        let by_id = key.trim_start_matches('#').parse::<i64>().ok();
        let found = self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM staff WHERE active = 1 AND (id = ?1 OR name = ?2 COLLATE NOCASE)"),
                params![by_id, key],
                from_row,
            )
            .optional()?;
        found.ok_or_else(|| StoreError::NoSuchCleaner { name: key.into() })
    }

    pub fn add_staff(&mut self, new: NewStaff) -> Result<Staff> {
        self.batch(|w| w.add_staff(new))
    }

    /// Changes a cleaner; `version` is what the caller saw (a stale one is refused).
    pub fn update_staff(
        &mut self,
        id: i64,
        version: Option<i64>,
        patch: StaffPatch,
    ) -> Result<Staff> {
        self.write(Permission::Staff, |tx, ctx| {
            let before = get_in(tx, id)?;
            check_version(
                tx,
                ctx,
                "cleaner",
                "staff",
                id,
                version.unwrap_or(before.version),
            )?;
            let mut after = before.clone();
            if let Some(n) = &patch.name {
                after.name = validate_name(n)?;
                if name_taken(tx, &after.name, id)? {
                    return Err(EntryRefusal::CleanerNameTaken { name: after.name }.into());
                }
            }
            if let Some(p) = patch.phone {
                after.phone = staff_phone(&p)?;
            }
            if let Some(c) = patch.colour {
                after.colour = c;
            }
            if let Some(h) = patch.hours {
                after.hours = h;
                // Plain hours replace any hours with breaks.
                tx.execute(
                    "UPDATE staff_availability SET week = '' WHERE staff_id = ?1",
                    [id],
                )?;
            }
            if !patch.availability.is_empty() {
                let a = patch_in(tx, ctx, &after, &patch.availability)?;
                if patch.availability.week.is_some() {
                    after.hours = a.week.envelope();
                }
            }
            if patch.clear_time_off {
                after.time_off.clear();
            }
            after.time_off.extend(patch.add_time_off);
            let time_off = serde_json::to_string(&after.time_off)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            tx.execute(
                "UPDATE staff SET name = ?2, phone = ?3, colour = ?4, hours = ?5, time_off = ?6,
                 version = version + 1, updated_at = ?7, updated_by = ?8 WHERE id = ?1",
                params![
                    id,
                    after.name,
                    after.phone,
                    after.colour,
                    after.hours.to_spec(),
                    time_off,
                    to_secs(ctx.now),
                    ctx.actor
                ],
            )?;
            let after = get_in(tx, id)?;
            journal::record(
                tx,
                ctx,
                "staff.set",
                "staff",
                id,
                Some(&before),
                Some(&after),
            )?;
            Ok(after)
        })
    }

    /// Removes a cleaner from the plan. Refused while they have jobs to come.
    pub fn remove_staff(&mut self, id: i64) -> Result<Staff> {
        self.write(Permission::Staff, |tx, ctx| {
            let before = get_in(tx, id)?;
            let upcoming: i64 = tx.query_row(
                "SELECT count(*) FROM bookings WHERE staff_id = ?1 AND status IN ('scheduled','in_progress') AND end_at > ?2",
                params![id, to_secs(ctx.now)],
                |r| r.get(0),
            )?;
            if upcoming > 0 {
                return Err(ChangeRefusal::StaffStillBooked {
                    name: before.name,
                    jobs: upcoming,
                }
                .into());
            }
            tx.execute(
                "UPDATE staff SET active = 0, version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                params![id, to_secs(ctx.now), ctx.actor],
            )?;
            journal::record::<_, ()>(tx, ctx, "staff.remove", "staff", id, Some(&before), None)?;
            Ok(before)
        })
    }
}

/// A cleaner's phone as customers' are kept: E.164 (`+4512345678`), or
/// empty; anything else is refused, naming it.
fn staff_phone(raw: &str) -> Result<String> {
    normalize_phone(raw).map_err(|e| EntryRefusal::CleanerPhone(e).into())
}

impl Writer<'_> {
    pub fn add_staff(&self, new: NewStaff) -> Result<Staff> {
        let (tx, ctx) = (self.tx, self.ctx);
        ctx.allow(Permission::Staff)?;
        let name = validate_name(&new.name)?;
        let phone = staff_phone(&new.phone)?;
        if name_taken(tx, &name, 0)? {
            return Err(EntryRefusal::CleanerNameTaken { name }.into());
        }
        let time_off =
            serde_json::to_string(&new.time_off).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        tx.execute(
            "INSERT INTO staff (name, phone, colour, hours, time_off, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                name,
                phone,
                new.colour,
                new.hours.to_spec(),
                time_off,
                to_secs(ctx.now),
                ctx.actor
            ],
        )?;
        let staff = get_in(tx, tx.last_insert_rowid())?;
        journal::record::<(), _>(tx, ctx, "staff.add", "staff", staff.id, None, Some(&staff))?;
        Ok(staff)
    }
}
