//! The slot finder and the sick call over the store: what the dispatcher
//! asks (a [`SlotRequest`], a sick cleaner and a period) made into the
//! domain's questions, with the cleaners, their jobs and the customer's
//! history loaded in a few indexed queries. The console's finder and sick
//! call and the commands `renos slots` and `renos reassign` all come here.
//!
//! Closed days (public holidays) come in as `closed`, a function of the
//! local date, so the business's holiday calendar decides them; the grid,
//! the notice limits and the travel gap come in as [`SlotRules`], from the
//! settings.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::domain::availability::{TravelGap, postcode};
use crate::domain::sickcall::{Replacement, plan_sick_call};
use crate::domain::slots::{Calendar, Finding, SlotQuery, SlotRules, Strategy, find_slots};
use crate::domain::{Booking, BusinessTz};
use crate::store::{Handover, Result, Store};

/// A finder question as the dispatcher puts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRequest {
    pub duration_min: u32,
    pub first_day: NaiveDate,
    pub days: u32,
    pub service: String,
    /// The customer: their place, and their usual cleaner for `Strategy::Usual`.
    pub customer_id: Option<i64>,
    pub strategy: Strategy,
    pub earliest: Option<NaiveTime>,
    pub latest: Option<NaiveTime>,
    /// Minutes between slot starts; `None`: the rules' grid (`[slots] grid_min`).
    pub grid_min: Option<u32>,
}

impl SlotRequest {
    /// A job of `duration_min` minutes, from `first_day` for `days` days,
    /// usual cleaner first, on the grid of the rules.
    pub fn new(duration_min: u32, first_day: NaiveDate, days: u32) -> Self {
        SlotRequest {
            duration_min,
            first_day,
            days,
            service: String::new(),
            customer_id: None,
            strategy: Strategy::Usual,
            earliest: None,
            latest: None,
            grid_min: None,
        }
    }
}

/// Finds and ranks the free slots for `req` at `now` under `rules`.
pub fn find(
    store: &Store,
    req: &SlotRequest,
    rules: &SlotRules,
    now: DateTime<Utc>,
    closed: &dyn Fn(NaiveDate) -> bool,
) -> Result<Finding> {
    let cleaners = store.finder_cleaners(req.first_day, req.days)?;
    let (usual, place) = match req.customer_id {
        Some(id) => (
            store.known_cleaners(id)?.first().copied(),
            postcode(&store.customer(id)?.address),
        ),
        None => (None, None),
    };
    let query = SlotQuery {
        duration_min: req.duration_min,
        first_day: req.first_day,
        days: req.days,
        earliest: req.earliest,
        latest: req.latest,
        service: req.service.clone(),
        postcode: place,
        usual,
        strategy: req.strategy,
        grid_min: req.grid_min.unwrap_or(rules.grid_min),
        notice: rules.notice,
        gap: rules.gap,
        now,
    };
    let cal = calendar(store.tz(), rules.gap, closed);
    let mut finding = find_slots(&cleaners, &cal, &query);
    finding.no_history =
        req.strategy == Strategy::Usual && req.customer_id.is_some() && usual.is_none();
    Ok(finding)
}

fn calendar(tz: BusinessTz, gap: TravelGap, closed: &dyn Fn(NaiveDate) -> bool) -> Calendar<'_> {
    Calendar { tz, closed, gap }
}

/// Plans the sick call: each job of `staff_id` not yet started on the
/// local dates `from..=to`, with its best replacement (clear of the
/// replacement's other jobs by the travel gap of `rules`).
pub fn sick_call(
    store: &Store,
    staff_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    rules: &SlotRules,
    closed: &dyn Fn(NaiveDate) -> bool,
) -> Result<Vec<Replacement>> {
    let jobs = store.sick_call_jobs(staff_id, from, to)?;
    let days = u32::try_from((to - from).num_days() + 1)
        .unwrap_or(1)
        .max(1);
    let cleaners = store.finder_cleaners(from, days)?;
    Ok(plan_sick_call(
        staff_id,
        &jobs,
        &cleaners,
        &calendar(store.tz(), rules.gap, closed),
    ))
}

/// Applies the jobs of `plan` that have a replacement as one change (one
/// undo takes it back), journaled with `reason`.
pub fn apply_sick_call(
    store: &mut Store,
    plan: &[Replacement],
    reason: &str,
) -> Result<Vec<Booking>> {
    let handovers: Vec<Handover> = plan
        .iter()
        .filter_map(|r| {
            r.to.as_ref().map(|(to, _)| Handover {
                booking_id: r.booking_id,
                version: r.version,
                to: *to,
            })
        })
        .collect();
    store.reassign_jobs(&handovers, reason)
}
