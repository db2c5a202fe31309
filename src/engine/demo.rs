//! The built-in demo business: `data/` (embedded in the binary) seeded into a
//! fresh database, with today's jobs placed around "now" so the demo always
//! shows a live day.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc};
use serde::Deserialize;

use crate::config::Settings;
use crate::domain::availability::{Area, Availability, WeekHours};
use crate::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use crate::domain::time::parse_hm;
use crate::domain::{BookingStatus, TimeOff};
use crate::store::{NewBooking, NewCustomer, NewStaff, Store};

mod tokens;
pub use tokens::{ASSISTANT_TOKEN, DemoTokens, PHONE_CLEANER, PHONE_TOKEN, make_tokens};

const STAFF: &str = include_str!("../../data/staff.toml");
const CUSTOMERS: &str = include_str!("../../data/customers.toml");
const PLAN: &str = include_str!("../../data/plan.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaffFile {
    staff: Vec<StaffRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaffRow {
    name: String,
    phone: String,
    colour: String,
    hours: String,
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    area: String,
    contract_hours: Option<u32>,
    daily_max_hours: Option<u32>,
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    time_off: Vec<TimeOffRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimeOffRow {
    from: i64,
    to: i64,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomerFile {
    customer: Vec<CustomerRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomerRow {
    name: String,
    address: String,
    phone: String,
    email: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    job: Vec<JobRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JobRow {
    day: i64,
    at: String,
    minutes: i64,
    estimate: Option<u32>,
    staff: Option<String>,
    customer: String,
    service: String,
    #[serde(default)]
    state: Option<String>,
    actual: Option<i64>,
    #[serde(default)]
    notes: String,
}

/// What was seeded.
/// The service of regular customers, who get a visit history in the demo.
const REGULAR: &str = "Fast rengøring";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedSummary {
    pub staff: usize,
    pub customers: usize,
    pub bookings: usize,
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T> {
    crate::tomlfile::parse(text, std::path::Path::new(&format!("data/{name}")))
}

/// `now`, `now-4h`, `now+1h30m`, `now-45m` → minutes from now.
fn relative_minutes(at: &str) -> Option<i64> {
    let rest = at.trim().strip_prefix("now")?;
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, mut rest) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let mut total = 0;
    if let Some((h, r)) = rest.split_once('h') {
        total += h.parse::<i64>().ok()? * 60;
        rest = r;
    }
    if let Some(m) = rest.strip_suffix('m') {
        total += m.parse::<i64>().ok()?;
    } else if !rest.is_empty() {
        return None;
    }
    Some(sign * total)
}

/// Seeds the demo business into `store` (one transaction: all or nothing),
/// placing today's jobs around `now`.
pub fn seed(store: &mut Store, settings: &Settings, now: DateTime<Utc>) -> Result<SeedSummary> {
    let staff: StaffFile = parse("staff.toml", STAFF)?;
    let customers: CustomerFile = parse("customers.toml", CUSTOMERS)?;
    let plan: PlanFile = parse("plan.toml", PLAN)?;
    let tz = settings.tz;
    let today = tz.local_date(now);
    // Today's jobs sit on a 5-minute grid around now.
    let anchor = now
        - Duration::minutes(i64::from(tz.local(now).minute() % 5))
        - Duration::seconds(i64::from(now.second()));
    let mut summary = SeedSummary {
        staff: staff.staff.len(),
        customers: customers.customer.len(),
        bookings: plan.job.len(),
    };

    let calendar = settings.calendar();
    let (history, visits) = store
        .batch(|w| {
            let mut history = 0;
            let mut staff_ids = HashMap::new();
            for s in staff.staff {
                // The demo's data is built in (`include_str!`): a fault in
                // it is a broken build, never a dispatcher's doing, so it
                // is told in English, as the log would.
                let invalid = |e: String| {
                    crate::store::StoreError::Invalid(format!("data/staff.toml: {}: {e}", s.name))
                };
                let week = WeekHours::parse(&s.hours).map_err(|e| invalid(e.to_string()))?;
                let availability = Availability {
                    week: week.clone(),
                    overrides: Vec::new(),
                    skills: s.skills.clone(),
                    area: Area::parse(&s.area).map_err(|e| invalid(e.to_string()))?,
                    contract_min: s.contract_hours.map(|h| h * 60),
                    daily_max_min: s.daily_max_hours.map(|h| h * 60),
                    priority: s.priority,
                };
                let hours = week.envelope();
                let time_off = s
                    .time_off
                    .iter()
                    .map(|t| TimeOff {
                        from: today + Duration::days(t.from),
                        to: today + Duration::days(t.to),
                        reason: t.reason.clone(),
                    })
                    .collect();
                let row = w.add_staff(NewStaff {
                    name: s.name.clone(),
                    phone: s.phone,
                    colour: s.colour,
                    hours,
                    time_off,
                })?;
                w.set_availability(&row, &availability)?;
                staff_ids.insert(s.name, row.id);
            }
            let mut customer_ids = HashMap::new();
            for c in customers.customer {
                let row = w.add_customer(NewCustomer {
                    name: c.name.clone(),
                    address: c.address,
                    phone: c.phone,
                    email: c.email,
                    notes: c.notes,
                    tags: c.tags,
                    ..NewCustomer::default()
                })?;
                customer_ids.insert(c.name, row.id);
            }
            for (i, j) in plan.job.into_iter().enumerate() {
                let invalid = |what: String| {
                    crate::store::StoreError::Invalid(format!(
                        "data/plan.toml: job {}: {what}",
                        i + 1
                    ))
                };
                let start = if j.day == 0 {
                    let m = relative_minutes(&j.at).ok_or_else(|| {
                        invalid(format!("{:?} is not like now-4h or now+1h30m", j.at))
                    })?;
                    anchor + Duration::minutes(m)
                } else {
                    let t = parse_hm(&j.at).map_err(invalid)?;
                    tz.instant(today + Duration::days(j.day), t)
                };
                let end = start + Duration::minutes(j.minutes);
                let customer_id = *customer_ids
                    .get(&j.customer)
                    .ok_or_else(|| invalid(format!("no customer {:?}", j.customer)))?;
                let staff_id = match &j.staff {
                    Some(name) => Some(
                        *staff_ids
                            .get(name)
                            .ok_or_else(|| invalid(format!("no cleaner {name:?}")))?,
                    ),
                    None => None,
                };
                let state = j.state.as_deref().unwrap_or("auto");
                if !matches!(state, "auto" | "cancelled" | "late") {
                    return Err(invalid(format!(
                        "state {state:?}: use auto, cancelled or late"
                    )));
                }
                let (status, started_at, finished_at) = if state == "cancelled" {
                    (BookingStatus::Cancelled, None, None)
                } else if state == "late" {
                    (BookingStatus::Scheduled, None, None)
                } else if end <= now && staff_id.is_some() {
                    let worked = j.actual.unwrap_or(j.minutes);
                    (
                        BookingStatus::Completed,
                        Some(start),
                        Some(start + Duration::minutes(worked)),
                    )
                } else if start <= now && staff_id.is_some() {
                    (BookingStatus::InProgress, Some(start), None)
                } else {
                    (BookingStatus::Scheduled, None, None)
                };
                let estimate_min = j.estimate.unwrap_or(j.minutes.max(0) as u32);
                // Regular customers have been here before: the same weekday,
                // time and cleaner in the four weeks before, so the customer
                // memory has something to tell.
                if j.service == REGULAR && staff_id.is_some() && state == "auto" {
                    for week in 1..=4_i64 {
                        let day = tz.local_date(start) - Duration::weeks(week);
                        let at = tz.instant(day, tz.local(start).time());
                        let spread = ((i as i64 * 7 + week * 13) % 41) - 15;
                        let cancelled = (i + week as usize).is_multiple_of(9);
                        let worked = Duration::minutes((j.minutes + spread).max(30));
                        w.add_booking(NewBooking {
                            customer_id,
                            staff_id,
                            service: j.service.clone(),
                            start: at,
                            end: at + Duration::minutes(j.minutes),
                            estimate_min,
                            status: if cancelled {
                                BookingStatus::Cancelled
                            } else {
                                BookingStatus::Completed
                            },
                            started_at: (!cancelled).then_some(at),
                            finished_at: (!cancelled).then_some(at + worked),
                            address: String::new(),
                            notes: String::new(),
                        })?;
                        history += 1;
                    }
                }
                w.add_booking(NewBooking {
                    customer_id,
                    staff_id,
                    service: j.service,
                    start,
                    end,
                    estimate_min,
                    status,
                    started_at,
                    finished_at,
                    address: String::new(),
                    notes: j.notes,
                })?;
            }
            // Two regular customers on a series each, from the week after
            // the plan on: one weekly, one every other week (after the
            // plan, whose bookings keep their numbers).
            let mut visits = 0;
            for (i, (customer, cleaner)) in [
                ("Søren Østergaard", "Anna Jensen"),
                ("Café Lindholm", "Jonas Kristensen"),
            ]
            .into_iter()
            .enumerate()
            {
                let (Some(&customer_id), Some(&staff_id)) =
                    (customer_ids.get(customer), staff_ids.get(cleaner))
                else {
                    continue;
                };
                let first = today + Duration::days(5 + i as i64);
                let series = Series {
                    id: 0,
                    customer_id,
                    staff_id: Some(staff_id),
                    service: REGULAR.into(),
                    start_time: NaiveTime::from_hms_opt(if i == 0 { 8 } else { 13 }, 0, 0)
                        .unwrap_or(NaiveTime::MIN),
                    duration_min: 150,
                    first_date: first,
                    rule: Rule::Weekly {
                        every: i as u32 + 1,
                        days: vec![first.weekday()],
                    },
                    end: SeriesEnd::Open,
                    holidays: HolidayPolicy::Move,
                    pauses: Vec::new(),
                    address: String::new(),
                    notes: String::new(),
                    version: 0,
                };
                visits += w
                    .create_series(series, Some("the demo's regular customer"), &calendar)?
                    .visits
                    .len();
            }
            Ok((history, visits))
        })
        .context("could not seed the demo")?;
    summary.bookings += history + visits;
    if summary.staff == 0 {
        bail!("the demo data has no cleaners");
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::domain::ConflictKind;
    use crate::domain::overtime::{OvertimeLevel, overtime};
    use crate::engine::DayPlan;

    #[test]
    fn relative_times_parse() {
        assert_eq!(relative_minutes("now"), Some(0));
        assert_eq!(relative_minutes("now-4h"), Some(-240));
        assert_eq!(relative_minutes("now+1h30m"), Some(90));
        assert_eq!(relative_minutes("now-45m"), Some(-45));
        assert_eq!(relative_minutes("09:00"), None);
        assert_eq!(relative_minutes("now+x"), None);
    }

    #[test]
    fn the_demo_day_is_live_with_the_promised_problems() {
        let dir = tempfile::tempdir().expect("tmp");
        let now = DateTime::parse_from_rfc3339("2026-11-20T11:02:00+01:00")
            .expect("now")
            .with_timezone(&Utc);
        let settings = Settings::default();
        let mut store =
            Store::open(&dir.path().join("demo.db"), "demo", Clock::Fixed(now)).expect("open");
        let s = seed(&mut store, &settings, now).expect("seed");
        assert_eq!(s.staff, 8);
        assert!(s.customers >= 55, "{s:?}");
        let day = DayPlan::load(&store, settings.tz.local_date(now), &settings).expect("day");
        let kinds: Vec<ConflictKind> = day.conflicts.iter().map(|c| c.kind).collect();
        assert!(kinds.contains(&ConflictKind::DoubleBooking), "{kinds:?}");
        assert!(kinds.contains(&ConflictKind::TightGap), "{kinds:?}");
        let levels: Vec<OvertimeLevel> = day
            .bookings
            .iter()
            .filter_map(|b| overtime(b, now, &settings.overtime))
            .map(|o| o.level)
            .collect();
        assert!(levels.contains(&OvertimeLevel::Alert), "{levels:?}");
        assert!(levels.contains(&OvertimeLevel::Overtime), "{levels:?}");
        assert!(
            day.bookings
                .iter()
                .any(|b| b.status == BookingStatus::Completed)
        );
        assert!(
            day.bookings
                .iter()
                .any(|b| b.status == BookingStatus::Scheduled)
        );
        assert!(day.has_unassigned());
        // A weekly and a fortnightly series, their visits made ahead.
        let series = store.series_list().expect("series");
        let rules: Vec<&Rule> = series.iter().map(|s| &s.rule).collect();
        assert_eq!(rules.len(), 2, "{rules:?}");
        assert!(matches!(rules[0], Rule::Weekly { every: 1, .. }));
        assert!(matches!(rules[1], Rule::Weekly { every: 2, .. }));
        for s in &series {
            assert!(store.series_visits(s.id).expect("visits").len() >= 6);
        }
        assert!(
            day.bookings
                .iter()
                .any(|b| crate::domain::overtime::late_start(b, now).is_some()),
            "a late start"
        );
        let tomorrow_plus_one = DayPlan::load(
            &store,
            settings.tz.local_date(now) + Duration::days(2),
            &settings,
        )
        .expect("day");
        assert!(
            tomorrow_plus_one
                .conflicts
                .iter()
                .any(|c| c.kind == ConflictKind::TimeOff)
        );
    }
}
