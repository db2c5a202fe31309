//! The sync conflict queue as the console shows it: each conflict with its
//! customer's name and both versions with the cleaners' names resolved.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::domain::remark::Calendar;
use crate::domain::sync::{ConflictKind, EventFields, Repeats};
use crate::engine::sync::calendars::remarked;
use crate::store::{Result, Store, StoreError};

/// One side of a sync conflict, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictSide {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The cleaner's name (`#id` for one no longer known); `None`:
    /// unassigned (the view says it in words).
    pub staff: Option<String>,
    pub location: String,
    pub notes: String,
    /// A series' conflict: how this side repeats (rule and end).
    pub repeats: Option<Repeats>,
}

/// A booking waiting for the dispatcher's choice between the console's
/// version and the calendar's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictItem {
    pub booking_id: i64,
    pub customer: String,
    pub kind: ConflictKind,
    /// The console's version; `None`: cancelled here.
    pub mine: Option<ConflictSide>,
    /// The calendar's version; `None`: deleted there.
    pub theirs: Option<ConflictSide>,
    pub at: DateTime<Utc>,
    /// The conflict of the visit's series (its recurring event), not of
    /// the booking's own event.
    pub of_series: bool,
    /// The calendar "theirs" comes from.
    pub calendar: Calendar,
}

fn side(f: &EventFields, repeats: Option<&Repeats>, staff: &HashMap<i64, String>) -> ConflictSide {
    ConflictSide {
        repeats: repeats.cloned(),
        start: f.start,
        end: f.end,
        staff: f
            .staff_id
            .map(|id| staff.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))),
        location: f.location.clone(),
        notes: f.notes.clone(),
    }
}

/// Every open sync conflict, oldest first.
pub(super) fn load(store: &Store) -> Result<Vec<ConflictItem>> {
    let conflicts = store.sync_conflicts()?;
    if conflicts.is_empty() {
        return Ok(Vec::new());
    }
    let mut customer_of = HashMap::new();
    for c in &conflicts {
        match store.booking(c.booking_id) {
            Ok(b) => {
                customer_of.insert(c.booking_id, b.customer_id);
            }
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let customers = store.customers_by_id(customer_of.values().copied())?;
    let staff = store.staff_names()?;
    Ok(conflicts
        .into_iter()
        .map(|c| ConflictItem {
            booking_id: c.booking_id,
            customer: customer_of
                .get(&c.booking_id)
                .and_then(|id| customers.get(id))
                .map_or_else(|| "(booking removed)".to_string(), |x| x.name.clone()),
            kind: c.kind,
            mine: c
                .mine
                .as_ref()
                .map(|f| side(f, c.repeats.as_ref().map(|r| &r.mine), &staff)),
            theirs: c.theirs.as_ref().map(|f| {
                side(
                    f,
                    c.repeats.as_ref().and_then(|r| r.theirs.as_ref()),
                    &staff,
                )
            }),
            at: c.at,
            of_series: c.of_series,
            calendar: remarked(&c.calendar_id),
        })
        .collect())
}
