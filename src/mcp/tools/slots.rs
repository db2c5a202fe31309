//! `find_slots`: who can take a job, and when (the slot finder of the
//! console and `renos slots`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::slots::{LeftOut, Reason, Strategy, check_grid};
use crate::domain::time::parse_hm;
use crate::domain::when::parse_duration;
use crate::engine::remote::Need;
use crate::engine::slots::SlotRequest;
use crate::mcp::session::{Outcome, Session, ToolError};

/// The arguments of `find_slots`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct SlotArgs {
    /// How long the job takes: 3, 2:30, 2h30, 150 min.
    pub duration: String,
    /// The first day to look at (default today).
    #[serde(default)]
    pub date: Option<String>,
    /// How many days from the first, 1 to 60 (default 7).
    #[serde(default)]
    pub days: Option<u32>,
    /// The service; cleaners who do not do it are left out.
    #[serde(default)]
    pub service: Option<String>,
    /// The customer (#id, name, address or phone): their place and usual cleaner.
    #[serde(default)]
    pub customer: Option<String>,
    /// Only this cleaner (name or #id).
    #[serde(default)]
    pub staff: Option<String>,
    /// usual (default), round-robin, least-busy or priority.
    #[serde(default)]
    pub strategy: Option<String>,
    /// Earliest start, HH:MM.
    #[serde(default)]
    pub earliest: Option<String>,
    /// Latest end, HH:MM.
    #[serde(default)]
    pub latest: Option<String>,
    /// Minutes between slot starts (5, 10, 15, 20, 30, 60 or 120).
    #[serde(default)]
    pub grid: Option<u32>,
    /// Slots listed per cleaner, 1 to 100 (default 4).
    #[serde(default)]
    pub per_cleaner: Option<usize>,
}

/// A free slot, local to the business.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FreeSlot {
    pub date: chrono::NaiveDate,
    pub weekday: String,
    /// HH:MM, local.
    pub start: String,
    pub end: String,
}

/// One cleaner's offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotOffer {
    /// 1 for the best.
    pub rank: usize,
    pub staff_id: i64,
    pub name: String,
    /// Why they rank where they do.
    pub reason: Reason,
    pub slots: Vec<FreeSlot>,
}

/// A cleaner left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotOffered {
    pub staff_id: i64,
    pub name: String,
    pub why: LeftOut,
}

/// What `find_slots` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slots {
    pub duration_min: u32,
    pub first_day: chrono::NaiveDate,
    pub days: u32,
    /// The customer has no visits yet: ranked in turn, not by a usual cleaner.
    pub no_history: bool,
    pub offers: Vec<SlotOffer>,
    pub left_out: Vec<NotOffered>,
}

/// Free slots per cleaner, ranked, as `renos slots` finds them (the
/// remote layer's finder, as the API's).
pub fn find_slots(desk: &mut Session, a: &SlotArgs) -> Outcome<Slots> {
    desk.desk().need(Need::Overview)?;
    let duration = parse_duration(&a.duration).map_err(|e| ToolError(format!("duration: {e}")))?;
    let days = a.days.unwrap_or(7);
    let per_cleaner = a.per_cleaner.unwrap_or(4);
    if !(1..=100).contains(&per_cleaner) {
        return Err(ToolError(format!(
            "per_cleaner: {per_cleaner} is not between 1 and 100"
        )));
    }
    let first = match &a.date {
        Some(d) => desk.date(d)?.date,
        None => desk.today(),
    };
    let time = |field: &str, v: &Option<String>| {
        v.as_deref()
            .map(|s| parse_hm(s).map_err(|e| ToolError(format!("{field}: {e}"))))
            .transpose()
    };
    let mut req = SlotRequest::new(duration, first, days);
    req.grid_min = a
        .grid
        .map(|g| check_grid(g).map_err(|e| ToolError(format!("grid: {e}"))))
        .transpose()?;
    req.earliest = time("earliest", &a.earliest)?;
    req.latest = time("latest", &a.latest)?;
    req.service = a.service.clone().unwrap_or_default();
    req.strategy = match &a.staff {
        Some(name) => Strategy::Only(desk.staff(name)?.id),
        None => Strategy::parse(a.strategy.as_deref().unwrap_or("usual"))
            .map_err(|e| ToolError(format!("strategy: {e}")))?,
    };
    req.customer_id = a
        .customer
        .as_deref()
        .map(|c| desk.customer(c).map(|c| c.id))
        .transpose()?;
    let finding = desk.desk().slots(&req)?;
    let tz = desk.settings.tz;
    let offers = finding
        .offers
        .into_iter()
        .map(|o| SlotOffer {
            rank: o.rank,
            staff_id: o.staff_id,
            name: o.name,
            reason: o.reason,
            slots: o
                .slots
                .iter()
                .take(per_cleaner)
                .map(|s| FreeSlot {
                    date: tz.local_date(s.start),
                    weekday: crate::domain::time::weekday_da_long(tz.weekday(s.start)).into(),
                    start: tz.hm(s.start),
                    end: tz.hm(s.end),
                })
                .collect(),
        })
        .collect();
    Ok(Slots {
        duration_min: duration,
        first_day: first,
        days,
        no_history: finding.no_history,
        offers,
        left_out: finding
            .left_out
            .into_iter()
            .map(|(staff_id, name, why)| NotOffered {
                staff_id,
                name,
                why,
            })
            .collect(),
    })
}
