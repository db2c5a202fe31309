use chrono::{NaiveDate, NaiveTime, TimeZone};

use super::*;
use crate::domain::staff::{TimeOff, WorkingHours};

fn tz() -> BusinessTz {
    BusinessTz::default()
}

fn at(date: &str, hm: &str) -> DateTime<Utc> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let t = NaiveTime::parse_from_str(hm, "%H:%M").expect("time");
    tz().instant(d, t)
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Anna's working day of 07:00–16:00 left by a job.
fn outside(from: &str, to: &str, weekday: Weekday, past_midnight: bool) -> Doubt {
    Doubt::OutsideHours {
        staff: "Anna".into(),
        from: hm(from),
        to: hm(to),
        hours: (hm("07:00"), hm("16:00")),
        weekday,
        past_midnight,
    }
}

/// A start `apart` minutes from the usual 09:00.
fn off_usual(at: &str, apart: u32) -> Doubt {
    Doubt::OffUsualStart {
        at: hm(at),
        apart_min: apart,
        usual: hm("09:00"),
    }
}

/// Monday to Friday 07:00–16:00, off on Friday 27/11 for a holiday.
fn anna() -> Staff {
    Staff {
        id: 1,
        name: "Anna".into(),
        phone: String::new(),
        colour: "blue".into(),
        hours: WorkingHours::default(),
        time_off: vec![TimeOff::parse("2026-11-27: ferie").expect("time off")],
        version: 1,
    }
}

/// Five visits, always on a Tuesday at 09:00.
fn regular() -> CustomerMemory {
    CustomerMemory {
        visits: 5,
        usual_weekday: Some(Weekday::Tue),
        weekdays: vec![Weekday::Tue],
        usual_start: Some(hm("09:00")),
        ..CustomerMemory::default()
    }
}

/// A Friday morning.
fn now() -> DateTime<Utc> {
    at("2026-11-20", "08:00")
}

/// A booking for a `regular()` customer with Anna: Tuesday 24/11 at `hm`
/// for three hours, which is beyond doubt at 09:00.
fn input<'a>(
    staff: &'a Staff,
    memory: &'a CustomerMemory,
    start: DateTime<Utc>,
) -> ReviewInput<'a> {
    ReviewInput {
        start,
        end: start + Duration::hours(3),
        staff: Some(staff),
        confirmed_weekday_mismatch: None,
        memory: Some(memory),
        now: now(),
        tz: tz(),
    }
}

/// Confidence in hundredths, to compare without float noise.
fn pct(a: &Assessment) -> u32 {
    (a.confidence * 100.0).round() as u32
}

#[test]
fn a_booking_that_fits_everything_is_certain() {
    let (s, m) = (anna(), regular());
    let a = assess(&input(&s, &m, at("2026-11-24", "09:00")));
    assert_eq!(a.confidence, 1.0);
    assert!(a.reasons.is_empty());
    assert!(!a.needs_review());
}

#[test]
fn each_rule_alone() {
    let (s, m) = (anna(), regular());
    let new_customer = CustomerMemory {
        visits: 2,
        weekdays: vec![Weekday::Tue],
        usual_start: Some(hm("09:00")),
        ..CustomerMemory::default()
    };
    type Case<'a> = (&'a str, ReviewInput<'a>, u32, Vec<Doubt>);
    let base = input(&s, &m, at("2026-11-24", "09:00"));
    let cases: Vec<Case> = vec![
        (
            "weekday mismatch kept",
            ReviewInput {
                confirmed_weekday_mismatch: Some(Weekday::Wed),
                ..base
            },
            50,
            vec![Doubt::WeekdayMismatch {
                date: day("2026-11-24"),
                written: Weekday::Wed,
            }],
        ),
        (
            "the written weekday agrees after all",
            ReviewInput {
                confirmed_weekday_mismatch: Some(Weekday::Tue),
                ..base
            },
            100,
            vec![],
        ),
        (
            "ends after the working day",
            ReviewInput {
                start: at("2026-11-24", "09:00"),
                end: at("2026-11-24", "16:30"),
                ..base
            },
            70,
            vec![outside("09:00", "16:30", Weekday::Tue, false)],
        ),
        (
            "starts before the working day",
            ReviewInput {
                start: at("2026-11-24", "06:45"),
                end: at("2026-11-24", "10:00"),
                memory: None,
                ..base
            },
            70,
            vec![outside("06:45", "10:00", Weekday::Tue, false)],
        ),
        (
            "exactly the working day",
            ReviewInput {
                start: at("2026-11-24", "07:00"),
                end: at("2026-11-24", "16:00"),
                memory: None,
                ..base
            },
            100,
            vec![],
        ),
        (
            "a weekday the cleaner does not work",
            ReviewInput {
                start: at("2026-11-28", "09:00"),
                end: at("2026-11-28", "12:00"),
                memory: None,
                ..base
            },
            70,
            vec![Doubt::StaffNotWorking {
                staff: "Anna".into(),
                weekday: Weekday::Sat,
            }],
        ),
        (
            "time off",
            ReviewInput {
                start: at("2026-11-27", "09:00"),
                end: at("2026-11-27", "12:00"),
                memory: None,
                ..base
            },
            70,
            vec![Doubt::StaffOff {
                staff: "Anna".into(),
                day: day("2026-11-27"),
                reason: "ferie".into(),
            }],
        ),
        (
            "in the past",
            ReviewInput {
                start: at("2026-11-20", "07:00"),
                end: at("2026-11-20", "10:00"),
                memory: None,
                ..base
            },
            70,
            vec![Doubt::InThePast {
                date: day("2026-11-20"),
                at: hm("07:00"),
            }],
        ),
        (
            "starting right now is not the past",
            ReviewInput {
                start: now(),
                end: now() + Duration::hours(2),
                memory: None,
                ..base
            },
            100,
            vec![],
        ),
        (
            "not one of the customer's days",
            input(&s, &m, at("2026-11-25", "09:00")),
            75,
            vec![Doubt::NotTheCustomersDay {
                weekday: Weekday::Wed,
                usual: vec![Weekday::Tue],
            }],
        ),
        (
            "three hours from the usual start",
            input(&s, &m, at("2026-11-24", "12:00")),
            75,
            vec![off_usual("12:00", 180)],
        ),
        (
            "just under three hours from the usual start",
            ReviewInput {
                start: at("2026-11-24", "11:59"),
                end: at("2026-11-24", "13:00"),
                ..base
            },
            90,
            vec![off_usual("11:59", 179)],
        ),
        (
            "an hour and a half from the usual start",
            input(&s, &m, at("2026-11-24", "10:30")),
            90,
            vec![off_usual("10:30", 90)],
        ),
        (
            "just under an hour and a half from the usual start",
            input(&s, &m, at("2026-11-24", "07:31")),
            100,
            vec![],
        ),
        (
            "a pattern needs three visits",
            input(&s, &new_customer, at("2026-11-25", "13:00")),
            100,
            vec![],
        ),
        (
            "unassigned is not a penalty",
            ReviewInput {
                start: at("2026-11-29", "03:00"),
                end: at("2026-11-29", "05:00"),
                staff: None,
                memory: None,
                ..base
            },
            100,
            vec![],
        ),
    ];
    for (name, case, want, reasons) in cases {
        let a = assess(&case);
        assert_eq!(pct(&a), want, "{name}: {a:?}");
        assert_eq!(a.reasons, reasons, "{name}");
        assert_eq!(a.needs_review(), want < 80, "{name}");
    }
}

#[test]
fn rules_add_up_and_confidence_stays_in_range() {
    let (s, m) = (anna(), regular());
    // Saturday 21/11 05:00 written as a Tuesday: outside Anna's week, not
    // the customer's day and 4 h early.
    let sat = input(&s, &m, at("2026-11-21", "05:00"));
    let a = assess(&ReviewInput {
        confirmed_weekday_mismatch: Some(Weekday::Tue),
        ..sat
    });
    assert_eq!(pct(&a), 0, "0.5 + 0.3 + 0.25 is more than everything");
    assert_eq!(
        a.reasons,
        vec![
            Doubt::WeekdayMismatch {
                date: day("2026-11-21"),
                written: Weekday::Tue,
            },
            Doubt::StaffNotWorking {
                staff: "Anna".into(),
                weekday: Weekday::Sat,
            },
            Doubt::NotTheCustomersDay {
                weekday: Weekday::Sat,
                usual: vec![Weekday::Tue],
            },
            off_usual("05:00", 240),
        ]
    );
    assert!(a.needs_review());

    // Past and off the customer's day: 1 - 0.3 - 0.25.
    let past_thursday = input(&s, &m, at("2026-11-19", "09:00"));
    assert_eq!(pct(&assess(&past_thursday)), 45);

    // Time off and outside hours on the same day cost once.
    let off_and_late = ReviewInput {
        start: at("2026-11-27", "15:00"),
        end: at("2026-11-27", "18:00"),
        memory: None,
        ..input(&s, &m, now())
    };
    let a = assess(&off_and_late);
    assert_eq!(pct(&a), 70);
    assert_eq!(a.reasons.len(), 2, "{a:?}");

    // A far weekday and a mild start cost the far penalty only.
    let a = assess(&input(&s, &m, at("2026-11-26", "11:00")));
    assert_eq!(pct(&a), 75);
    assert_eq!(a.reasons.len(), 2, "{a:?}");

    // The mild deviation alone never triggers review, with one more it does.
    let mild = input(&s, &m, at("2026-11-24", "11:00"));
    assert!(!assess(&mild).needs_review());
    let mild_and_mismatch = ReviewInput {
        confirmed_weekday_mismatch: Some(Weekday::Mon),
        ..mild
    };
    assert_eq!(pct(&assess(&mild_and_mismatch)), 40);
}

#[test]
fn exactly_the_threshold_is_fine_and_below_is_review() {
    assert_eq!(REVIEW_THRESHOLD, 0.8);
    let at = |confidence: f32| Assessment {
        confidence,
        reasons: vec![],
    };
    assert!(!at(1.0).needs_review());
    assert!(!at(0.8).needs_review());
    assert!(!at(80.0 / 100.0).needs_review());
    assert!(at(0.799).needs_review());
    assert!(at(0.75).needs_review());
    assert!(at(0.0).needs_review());
    // A computed 0.8 is exactly the threshold.
    assert_eq!(100u32.saturating_sub(20) as f32 / 100.0, REVIEW_THRESHOLD);
}

#[test]
fn a_job_across_local_midnight() {
    let always = Staff {
        hours: WorkingHours::parse("mon-sun 00:00-23:59").expect("hours"),
        time_off: vec![TimeOff::parse("2026-11-25").expect("time off")],
        ..anna()
    };
    // Tuesday 22:00 to Wednesday 01:00: past midnight, and into the day off.
    let late = ReviewInput {
        start: at("2026-11-24", "22:00"),
        end: at("2026-11-25", "01:00"),
        staff: Some(&always),
        confirmed_weekday_mismatch: None,
        memory: None,
        now: now(),
        tz: tz(),
    };
    let a = assess(&late);
    assert_eq!(pct(&a), 70);
    assert_eq!(
        a.reasons,
        vec![
            Doubt::StaffOff {
                staff: "Anna".into(),
                day: day("2026-11-25"),
                reason: String::new(),
            },
            Doubt::OutsideHours {
                staff: "Anna".into(),
                from: hm("22:00"),
                to: hm("01:00"),
                hours: (hm("00:00"), hm("23:59")),
                weekday: Weekday::Tue,
                past_midnight: true,
            },
        ]
    );

    // Ending at midnight does not touch the next day's time off.
    let to_midnight = ReviewInput {
        start: at("2026-11-24", "21:00"),
        end: at("2026-11-25", "00:00"),
        ..late
    };
    let a = assess(&to_midnight);
    assert!(
        a.reasons
            .iter()
            .all(|r| !matches!(r, Doubt::StaffOff { .. })),
        "{a:?}"
    );

    // 23:30–01:30 UTC on a winter Monday is 00:30–02:30 on Tuesday in
    // Copenhagen: within one local day, and judged as a Tuesday.
    let tuesdays = Staff {
        hours: WorkingHours::parse("tue 00:00-23:59").expect("hours"),
        time_off: vec![],
        ..anna()
    };
    let utc_midnight = ReviewInput {
        start: Utc
            .with_ymd_and_hms(2026, 11, 23, 23, 30, 0)
            .single()
            .expect("time"),
        end: Utc
            .with_ymd_and_hms(2026, 11, 24, 1, 30, 0)
            .single()
            .expect("time"),
        staff: Some(&tuesdays),
        ..late
    };
    let a = assess(&utc_midnight);
    assert_eq!(pct(&a), 100, "{a:?}");
}
