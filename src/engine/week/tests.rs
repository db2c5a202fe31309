use chrono::NaiveTime;

use super::*;
use crate::domain::staff::{TimeOff, WorkingHours};

fn settings() -> Settings {
    Settings::default()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn at(d: &str, hm: &str) -> DateTime<Utc> {
    let t = NaiveTime::parse_from_str(hm, "%H:%M").expect("time");
    settings().tz.instant(date(d), t)
}

fn staff(id: i64, name: &str) -> Staff {
    Staff {
        id,
        name: name.into(),
        phone: String::new(),
        colour: "blue".into(),
        hours: WorkingHours::parse("mon-fri 08:00-16:00").expect("hours"),
        time_off: vec![],
        version: 1,
    }
}

fn job(id: i64, staff_id: Option<i64>, d: &str, from: &str, to: &str) -> Booking {
    Booking {
        id,
        customer_id: 1,
        staff_id,
        service: "Rengøring".into(),
        start: at(d, from),
        end: at(d, to),
        estimate_min: 0,
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 1,
    }
}

fn customers() -> HashMap<i64, Customer> {
    HashMap::from([(
        1,
        Customer {
            id: 1,
            name: "Hansen".into(),
            address: "Vestergade 3, 8000 Aarhus C".into(),
            ..Customer::default()
        },
    )])
}

fn build(staff: &[Staff], bookings: &[Booking], avail: HashMap<i64, Availability>) -> WeekPlan {
    WeekPlan::build(
        date("2026-12-02"),
        staff,
        &avail,
        bookings,
        &customers(),
        &settings(),
        &|d| d == date("2026-12-04"),
    )
}

#[test]
fn the_week_runs_monday_to_sunday_of_the_iso_week() {
    assert_eq!(monday_of(date("2026-12-06")), date("2026-11-30"));
    assert_eq!(monday_of(date("2026-11-30")), date("2026-11-30"));
    let plan = build(&[staff(1, "Anna")], &[], HashMap::new());
    assert_eq!(plan.monday, date("2026-11-30"));
    assert_eq!(plan.dates()[6], date("2026-12-06"));
    assert_eq!(plan.number(), 49);
}

#[test]
fn jobs_land_on_their_cleaner_and_day_in_order_with_their_marks() {
    let mut review = job(3, Some(1), "2026-12-01", "13:00", "14:00");
    review.review = "weekday?".into();
    let mut cancelled = job(5, Some(1), "2026-12-01", "15:00", "16:00");
    cancelled.status = BookingStatus::Cancelled;
    let bookings = [
        job(2, Some(1), "2026-12-01", "10:00", "12:00"),
        job(1, Some(1), "2026-12-01", "09:00", "11:00"),
        review,
        cancelled,
        job(4, None, "2026-12-03", "09:00", "10:00"),
        job(6, Some(1), "2026-12-08", "09:00", "10:00"),
    ];
    let plan = build(&[staff(1, "Anna")], &bookings, HashMap::new());
    assert_eq!(plan.rows.len(), 2, "a row for the unassigned job");
    let tue = &plan.rows[0].days[1];
    let ids: Vec<i64> = tue.jobs.iter().map(|j| j.id).collect();
    assert_eq!(
        ids,
        vec![1, 2, 3],
        "by start, cancelled and next week left out"
    );
    assert!(tue.jobs[0].clash && tue.jobs[1].clash && !tue.jobs[2].clash);
    assert!(tue.jobs[2].review);
    assert_eq!(tue.jobs[0].customer, "Hansen");
    assert_eq!(tue.jobs[0].address, "Vestergade 3, 8000 Aarhus C");
    assert_eq!(tue.booked_min, 5 * 60);
    assert_eq!(plan.rows[0].booked_min, 5 * 60);
    assert_eq!(plan.rows[1].staff_id, None);
    assert_eq!(plan.rows[1].days[3].jobs.len(), 1);
}

#[test]
fn capacity_follows_hours_days_off_closed_days_and_the_daily_maximum() {
    let mut s = staff(1, "Anna");
    s.time_off = vec![TimeOff {
        from: date("2026-12-03"),
        to: date("2026-12-03"),
        reason: String::new(),
    }];
    let mut a = Availability::from_hours(&s.hours);
    a.daily_max_min = Some(7 * 60);
    a.contract_min = Some(30 * 60);
    let bookings = [job(1, Some(1), "2026-12-05", "09:00", "11:00")];
    let plan = build(&[s], &bookings, HashMap::from([(1, a)]));
    let caps: Vec<i64> = plan.rows[0].days.iter().map(|d| d.capacity_min).collect();
    assert_eq!(
        caps,
        vec![420, 420, 420, 0, 0, 0, 0],
        "max 7 h; off, closed, weekend"
    );
    assert!(
        plan.rows[0].days[5].over(),
        "a Saturday job is over their hours"
    );
    assert_eq!(plan.rows[0].contract_min, 30 * 60);
    assert!(plan.rows[0].contracted);
    assert!(!plan.rows[0].over());
}

#[test]
fn without_a_contract_their_week_of_hours_counts() {
    let plan = build(&[staff(1, "Anna")], &[], HashMap::new());
    assert_eq!(plan.rows[0].contract_min, 5 * 8 * 60);
    assert!(!plan.rows[0].contracted);
}

#[test]
fn a_contract_is_shared_over_the_days_they_work() {
    let s = staff(1, "Anna");
    let mut a = Availability::from_hours(&s.hours);
    a.contract_min = Some(30 * 60);
    let plan = build(&[s], &[], HashMap::from([(1, a)]));
    let caps: Vec<i64> = plan.rows[0].days.iter().map(|d| d.capacity_min).collect();
    assert_eq!(
        caps,
        vec![450, 450, 450, 450, 0, 0, 0],
        "30 h over the four days they work (Friday is closed)"
    );

    let mut s = staff(2, "Bo");
    s.hours = WorkingHours::parse("mon-sun 05:00-22:00").expect("hours");
    let mut a = Availability::from_hours(&s.hours);
    a.contract_min = Some(20 * 60 + 3);
    let plan = build(&[s], &[], HashMap::from([(2, a)]));
    let caps: Vec<i64> = plan.rows[0].days.iter().map(|d| d.capacity_min).collect();
    assert_eq!(
        caps,
        vec![201, 201, 201, 200, 0, 200, 200],
        "six working days; what the division leaves goes to the first"
    );
    assert_eq!(
        caps.iter().sum::<i64>(),
        20 * 60 + 3,
        "the week adds up to the contract"
    );
}
