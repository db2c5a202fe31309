use chrono::{Duration, NaiveDate, TimeZone};

use super::*;

fn tz() -> BusinessTz {
    BusinessTz::default()
}

/// A local wall-clock instant in the business time zone.
fn at(date: &str, hm: &str) -> DateTime<Utc> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let t = NaiveTime::parse_from_str(hm, "%H:%M").expect("time");
    tz().instant(d, t)
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

/// A booking of customer 1 with a 3-hour plan; completed ones worked
/// `worked` minutes from the planned start.
fn visit(id: i64, staff: Option<i64>, start: DateTime<Utc>, worked: Option<i64>) -> Booking {
    Booking {
        id,
        customer_id: 1,
        staff_id: staff,
        service: "Rengøring".into(),
        start,
        end: start + Duration::hours(3),
        estimate_min: 180,
        status: BookingStatus::Completed,
        started_at: worked.map(|_| start),
        finished_at: worked.map(|m| start + Duration::minutes(m)),
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 1,
    }
}

fn with_status(mut b: Booking, status: BookingStatus) -> Booking {
    b.status = status;
    if status != BookingStatus::Completed {
        b.finished_at = None;
    }
    b
}

fn now() -> DateTime<Utc> {
    at("2026-11-20", "12:00")
}

fn names(id: i64) -> Option<String> {
    match id {
        1 => Some("Anna".into()),
        2 => Some("Bo".into()),
        _ => None,
    }
}

#[test]
fn empty_history_is_a_new_customer() {
    let m = customer_memory(&[], now(), tz());
    assert_eq!(m, CustomerMemory::default());
    assert_eq!(m.suggested_estimate(), None);
}

#[test]
fn statuses_are_counted_apart() {
    let bookings = vec![
        visit(1, Some(1), at("2026-11-02", "09:00"), Some(170)),
        visit(2, Some(1), at("2026-11-09", "09:00"), Some(190)),
        // Completed without a recorded start and finish: a visit, but no time.
        visit(3, Some(2), at("2026-11-16", "09:00"), None),
        with_status(
            visit(4, Some(1), at("2026-11-10", "09:00"), None),
            BookingStatus::Cancelled,
        ),
        with_status(
            visit(5, None, at("2026-11-25", "09:00"), None),
            BookingStatus::Cancelled,
        ),
        with_status(
            visit(6, Some(1), at("2026-11-23", "09:00"), None),
            BookingStatus::Scheduled,
        ),
        // Scheduled but already past: not upcoming.
        with_status(
            visit(7, Some(1), at("2026-11-20", "08:00"), None),
            BookingStatus::Scheduled,
        ),
        // Running now, started before now: not upcoming.
        with_status(
            visit(8, Some(1), at("2026-11-20", "11:00"), Some(30)),
            BookingStatus::InProgress,
        ),
        with_status(
            visit(9, Some(2), at("2026-11-20", "12:30"), None),
            BookingStatus::InProgress,
        ),
    ];
    let m = customer_memory(&bookings, now(), tz());
    assert_eq!(m.visits, 3);
    assert_eq!(m.cancellations, 2);
    assert_eq!(m.upcoming, 2);
    assert_eq!(m.avg_actual_min, Some(180));
    assert_eq!(m.avg_estimate_min, Some(180));
    assert_eq!(m.usual_weekday, Some(Weekday::Mon));
    assert_eq!(m.weekdays, vec![Weekday::Mon]);
    assert_eq!(m.usual_start, Some(hm("09:00")));
    assert_eq!(m.preferred_staff, Some(1));
    assert_eq!(m.last_visit, Some(at("2026-11-16", "09:00")));
}

#[test]
fn order_of_bookings_does_not_matter() {
    let mut bookings = vec![
        visit(1, Some(1), at("2026-10-06", "08:00"), Some(100)),
        visit(2, Some(2), at("2026-10-15", "10:00"), Some(120)),
        visit(3, Some(2), at("2026-10-20", "09:00"), Some(150)),
        visit(4, Some(1), at("2026-11-05", "13:00"), Some(200)),
    ];
    let forward = customer_memory(&bookings, now(), tz());
    bookings.reverse();
    assert_eq!(customer_memory(&bookings, now(), tz()), forward);
    bookings.swap(0, 2);
    assert_eq!(customer_memory(&bookings, now(), tz()), forward);
}

#[test]
fn weekday_ties_go_to_the_earliest_in_the_week() {
    let bookings = vec![
        visit(1, Some(1), at("2026-11-06", "09:00"), None), // fredag
        visit(2, Some(1), at("2026-11-04", "09:00"), None), // onsdag
        visit(3, Some(1), at("2026-11-13", "09:00"), None), // fredag
        visit(4, Some(1), at("2026-11-11", "09:00"), None), // onsdag
        visit(5, Some(1), at("2026-11-08", "09:00"), None), // søndag
    ];
    let m = customer_memory(&bookings, now(), tz());
    assert_eq!(m.usual_weekday, Some(Weekday::Wed));
    assert_eq!(m.weekdays, vec![Weekday::Wed, Weekday::Fri, Weekday::Sun]);
}

#[test]
fn staff_ties_go_to_who_went_last() {
    let bookings = vec![
        visit(1, Some(2), at("2026-11-02", "09:00"), None),
        visit(2, Some(1), at("2026-11-03", "09:00"), None),
        visit(3, Some(1), at("2026-11-09", "09:00"), None),
        visit(4, Some(2), at("2026-11-10", "09:00"), None),
        // Unassigned visits do not count for anyone.
        visit(5, None, at("2026-11-11", "09:00"), None),
        visit(6, None, at("2026-11-12", "09:00"), None),
    ];
    let m = customer_memory(&bookings, now(), tz());
    assert_eq!(m.preferred_staff, Some(2));
    let mut more = bookings.clone();
    more.push(visit(7, Some(1), at("2026-10-01", "09:00"), None));
    assert_eq!(
        customer_memory(&more, now(), tz()).preferred_staff,
        Some(1),
        "three visits beat two, however old"
    );
}

#[test]
fn weekday_and_start_are_local_across_dst() {
    // 09:00 local is 07:00 UTC in summer and 08:00 UTC in winter.
    let summer = visit(1, Some(1), at("2026-06-15", "09:00"), Some(180));
    let winter = visit(2, Some(1), at("2026-11-16", "09:00"), Some(180));
    // The day after the autumn change: still 09:00 local.
    let after_change = visit(3, Some(1), at("2026-10-26", "09:00"), Some(180));
    assert_eq!(
        summer.start,
        Utc.with_ymd_and_hms(2026, 6, 15, 7, 0, 0)
            .single()
            .expect("time")
    );
    assert_eq!(
        winter.start,
        Utc.with_ymd_and_hms(2026, 11, 16, 8, 0, 0)
            .single()
            .expect("time")
    );
    let m = customer_memory(&[summer, winter, after_change], now(), tz());
    assert_eq!(m.usual_start, Some(hm("09:00")));
    assert_eq!(m.weekdays, vec![Weekday::Mon]);

    // Sunday 23:30 UTC in summer is Monday 01:30 in Copenhagen.
    let late = Utc
        .with_ymd_and_hms(2026, 6, 14, 23, 30, 0)
        .single()
        .expect("time");
    let m = customer_memory(&[visit(4, Some(1), late, None)], now(), tz());
    assert_eq!(m.usual_weekday, Some(Weekday::Mon));
    assert_eq!(m.usual_start, Some(hm("01:30")));
}

#[test]
fn averages_and_usual_start_round() {
    // (worked minutes, planned local starts, avg actual, usual start, suggested estimate)
    type Row<'a> = (&'a [i64], &'a [&'a str], u32, &'a str, u32);
    let table: &[Row] = &[
        (&[180], &["09:00"], 180, "09:00", 180),
        (&[170], &["09:07"], 170, "09:00", 180),
        (&[181], &["09:08"], 181, "09:15", 195),
        (&[100, 101], &["09:00", "09:15"], 101, "09:15", 105),
        (
            &[100, 100, 101],
            &["08:00", "12:00", "09:52"],
            100,
            "09:45",
            105,
        ),
        (&[10], &["23:55"], 10, "00:00", 15),
        (&[0], &["10:00"], 0, "10:00", 15),
        (&[120, 240], &["07:00", "11:00"], 180, "09:00", 180),
    ];
    for (worked, starts, avg, usual, suggested) in table {
        let bookings: Vec<Booking> = worked
            .iter()
            .zip(starts.iter())
            .enumerate()
            .map(|(i, (w, s))| visit(i as i64, Some(1), at("2026-11-02", s), Some(*w)))
            .collect();
        let m = customer_memory(&bookings, now(), tz());
        assert_eq!(m.avg_actual_min, Some(*avg), "{worked:?}");
        assert_eq!(m.usual_start, Some(hm(usual)), "{starts:?}");
        assert_eq!(m.suggested_estimate(), Some(*suggested), "{worked:?}");
    }
}

#[test]
fn suggested_estimate_falls_back_to_the_average_estimate() {
    let m = CustomerMemory {
        avg_estimate_min: Some(150),
        ..CustomerMemory::default()
    };
    assert_eq!(m.suggested_estimate(), Some(150));
}

#[test]
fn memory_holds_what_a_dispatcher_needs() {
    let bookings = vec![
        visit(1, Some(1), at("2026-10-27", "09:00"), Some(170)),
        visit(2, Some(1), at("2026-11-03", "09:00"), Some(170)),
        visit(3, Some(2), at("2026-11-10", "09:15"), Some(170)),
        with_status(
            visit(4, Some(1), at("2026-11-17", "09:00"), None),
            BookingStatus::Cancelled,
        ),
        with_status(
            visit(5, Some(1), at("2026-11-24", "09:00"), None),
            BookingStatus::Scheduled,
        ),
    ];
    let m = customer_memory(&bookings, now(), tz());
    assert_eq!(
        m,
        CustomerMemory {
            visits: 3,
            cancellations: 1,
            upcoming: 1,
            avg_actual_min: Some(170),
            avg_estimate_min: Some(180),
            usual_weekday: Some(Weekday::Tue),
            weekdays: vec![Weekday::Tue],
            usual_start: NaiveTime::from_hms_opt(9, 0, 0),
            preferred_staff: Some(1),
            last_visit: Some(at("2026-11-10", "09:15")),
        }
    );
    assert_eq!(names(1).as_deref(), Some("Anna"));

    let cancelled_only = customer_memory(&bookings[3..4], now(), tz());
    assert_eq!(
        (cancelled_only.visits, cancelled_only.cancellations),
        (0, 1)
    );
}

#[test]
fn memory_serialises_for_the_json_output() {
    let m = customer_memory(
        &[visit(1, Some(1), at("2026-11-02", "09:00"), Some(180))],
        now(),
        tz(),
    );
    let json = serde_json::to_value(&m).expect("json");
    assert_eq!(json["visits"], 1);
    assert_eq!(json["usual_weekday"], "Mon");
    assert_eq!(json["usual_start"], "09:00:00");
}
