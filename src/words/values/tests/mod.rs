use chrono::{NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::*;
use crate::domain::alert::AlertKind;
use crate::domain::conflict::{ConflictFacts, Job, StaffDay};
use crate::domain::memory::CustomerMemory;
use crate::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use crate::domain::{BusinessTz, ConflictKind, Doubt};
use crate::i18n::{Language, Words};
use crate::words::news::alert_state;

fn en() -> Words {
    Language::En.words()
}

fn da() -> Words {
    Language::Da.words()
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn names(id: i64) -> Option<String> {
    (id == 1).then(|| "Anna".to_string())
}

fn regular() -> CustomerMemory {
    CustomerMemory {
        visits: 3,
        cancellations: 1,
        upcoming: 1,
        avg_actual_min: Some(170),
        avg_estimate_min: Some(180),
        usual_weekday: Some(Weekday::Wed),
        weekdays: vec![Weekday::Wed],
        usual_start: Some(hm("07:30")),
        preferred_staff: Some(1),
        last_visit: Utc.with_ymd_and_hms(2026, 11, 13, 8, 0, 0).single(),
    }
}

#[test]
fn the_history_line_in_each_language() {
    let tz = BusinessTz::default();
    let m = regular();
    assert_eq!(
        memory(en(), &m, &names, tz),
        "3 visits · avg 2 h 50 min (est. 3 h) · usually Wed 07:30 · prefers Anna · \
         last 13/11/2026 · 1 upcoming · 1 cancelled"
    );
    assert_eq!(
        memory(da(), &m, &names, tz),
        "3 besøg · gns. 2 t 50 min (anslået 3 t) · normalt ons 07:30 · foretrækker Anna · \
         sidst 13/11/2026 · 1 kommende · 1 aflyst"
    );
    let one = CustomerMemory {
        visits: 1,
        preferred_staff: Some(7),
        ..CustomerMemory::default()
    };
    assert_eq!(
        memory(en(), &one, &names, tz),
        "1 visit · prefers cleaner #7"
    );
    assert_eq!(
        memory(da(), &one, &names, tz),
        "1 besøg · foretrækker rengører #7"
    );
    let fresh = CustomerMemory {
        cancellations: 1,
        ..CustomerMemory::default()
    };
    assert_eq!(
        memory(en(), &fresh, &names, tz),
        "new customer: no visits yet · 1 cancelled"
    );
    assert_eq!(
        memory(da(), &fresh, &names, tz),
        "ny kunde: ingen besøg endnu · 1 aflyst"
    );
}

#[test]
fn review_reasons_in_each_language() {
    let not_usual = Doubt::NotTheCustomersDay {
        weekday: Weekday::Sat,
        usual: vec![Weekday::Tue, Weekday::Thu],
    };
    assert_eq!(
        doubt(en(), &not_usual),
        "Saturday is not one of the customer's days (Tue, Thu)"
    );
    assert_eq!(
        doubt(da(), &not_usual),
        "lørdag er ikke en af kundens dage (tir, tor)"
    );
    let mismatch = Doubt::WeekdayMismatch {
        date: day("2026-11-24"),
        written: Weekday::Wed,
    };
    assert_eq!(
        doubt(en(), &mismatch),
        "date 24/11 is Tuesday but Wednesday was written"
    );
    assert_eq!(
        doubt(da(), &mismatch),
        "datoen 24/11 er en tirsdag, men der står onsdag"
    );
    let late = Doubt::OutsideHours {
        staff: "Anna".into(),
        from: hm("09:00"),
        to: hm("16:30"),
        hours: (hm("07:00"), hm("16:00")),
        weekday: Weekday::Tue,
        past_midnight: false,
    };
    assert_eq!(
        doubt(en(), &late),
        "09:00–16:30 is outside Anna's hours 07:00–16:00 on Tuesday"
    );
    assert_eq!(
        doubt(da(), &late),
        "09:00–16:30 ligger uden for arbejdstiden 07:00–16:00 (Anna, tirsdag)"
    );
    let off = Doubt::StaffOff {
        staff: "Anna".into(),
        day: day("2026-11-27"),
        reason: "ferie".into(),
    };
    let early = Doubt::OffUsualStart {
        at: hm("12:00"),
        apart_min: 150,
        usual: hm("09:30"),
    };
    let past = Doubt::InThePast {
        date: day("2026-11-20"),
        at: hm("07:00"),
    };
    assert_eq!(
        doubts(en(), &[off.clone(), early.clone(), past.clone()]),
        "Anna is off on 27/11 (ferie); starts 12:00, 2 h 30 min from the customer's usual \
         09:30; starts in the past (20/11 07:00)"
    );
    assert_eq!(
        doubts(da(), &[off, early, past]),
        "Anna har fri 27/11 (ferie); starter 12:00, 2 t 30 min fra kundens sædvanlige 09:30; \
         starttidspunktet er passeret (20/11 07:00)"
    );
    let sat = Doubt::StaffNotWorking {
        staff: "Anna".into(),
        weekday: Weekday::Sat,
    };
    assert_eq!(doubt(da(), &sat), "Anna arbejder ikke lørdag");
    assert_eq!(doubts(en(), &[]), "");
}

fn fortnightly() -> Series {
    Series {
        id: 3,
        customer_id: 1,
        staff_id: Some(1),
        service: "Fast rengøring".into(),
        start_time: hm("09:00"),
        duration_min: 120,
        first_date: day("2026-11-06"),
        rule: Rule::Weekly {
            every: 2,
            days: vec![Weekday::Fri],
        },
        end: SeriesEnd::Open,
        holidays: HolidayPolicy::Skip,
        pauses: Vec::new(),
        address: String::new(),
        notes: String::new(),
        version: 1,
    }
}

#[test]
fn series_in_each_language() {
    let mut s = fortnightly();
    assert_eq!(series(en(), &s), "every 2nd week, Fri 09:00, since 6/11");
    assert_eq!(series(da(), &s), "hver 2. uge, fre kl. 09:00, fra 6/11");
    s.end = SeriesEnd::Count(4);
    assert_eq!(
        series(en(), &s),
        "every 2nd week, Fri 09:00, since 6/11, 4 times"
    );
    assert_eq!(
        series(da(), &s),
        "hver 2. uge, fre kl. 09:00, fra 6/11, 4 gange"
    );
    s.end = SeriesEnd::Until(day("2027-03-01"));
    assert_eq!(
        series(da(), &s),
        "hver 2. uge, fre kl. 09:00, fra 6/11 til 1/3"
    );

    let weekly = Rule::Weekly {
        every: 1,
        days: vec![Weekday::Tue, Weekday::Fri],
    };
    assert_eq!(rule(en(), &weekly), "weekly, Tue+Fri");
    assert_eq!(rule(da(), &weekly), "hver uge, tir+fre");
    let monthly = Rule::MonthlyNth {
        every: 1,
        nth: 2,
        weekday: Weekday::Tue,
    };
    assert_eq!(rule(en(), &monthly), "monthly, 2nd Tue");
    assert_eq!(rule(da(), &monthly), "hver måned, 2. tir");
    let last = Rule::MonthlyNth {
        every: 3,
        nth: -1,
        weekday: Weekday::Mon,
    };
    assert_eq!(rule(en(), &last), "every 3rd month, last Mon");
    assert_eq!(rule(da(), &last), "hver 3. måned, sidste man");
    let odd = Rule::Weekly {
        every: 22,
        days: vec![Weekday::Mon],
    };
    assert_eq!(rule(en(), &odd), "every 22nd week, Mon");
}

#[test]
fn clashes_in_each_language() {
    let job = |label: &str, from: &str, to: &str| Job::Known {
        label: label.into(),
        from: hm(from),
        to: hm(to),
    };
    let double = ConflictFacts {
        kind: ConflictKind::DoubleBooking,
        staff: Some("Anna".into()),
        first: job("Hansen", "09:00", "12:00"),
        second: Some(job("Berg", "11:00", "13:00")),
        minutes: 60,
        travel_gap_min: 15,
        day: StaffDay::Unknown,
    };
    assert_eq!(
        conflict(en(), &double),
        "Double booking: Anna has Hansen 09:00–12:00 and Berg 11:00–13:00, overlapping by 1 h."
    );
    assert_eq!(
        conflict(da(), &double),
        "Dobbeltbooking: Anna har Hansen 09:00–12:00 og Berg 11:00–13:00, der overlapper med 1 t."
    );
    let off = ConflictFacts {
        kind: ConflictKind::TimeOff,
        staff: None,
        second: None,
        minutes: 0,
        day: StaffDay::Off("ferie".into()),
        ..double.clone()
    };
    assert_eq!(
        conflict(en(), &off),
        "Time off: the cleaner is off that day (ferie) but has Hansen 09:00–12:00."
    );
    let saturday = ConflictFacts {
        kind: ConflictKind::OutsideHours,
        first: Job::Unknown(12),
        day: StaffDay::NotWorking(Weekday::Sat),
        ..off.clone()
    };
    assert_eq!(
        conflict(en(), &saturday),
        "Outside working hours: booking #12; the cleaner does not work on Saturdays."
    );
    assert_eq!(
        conflict(da(), &saturday),
        "Uden for arbejdstid: booking #12; rengøreren arbejder ikke lørdag."
    );
}

#[test]
fn alert_kinds_in_each_language() {
    assert_eq!(alert_kind(en(), AlertKind::Overtime), "overtime call");
    assert_eq!(alert_kind(da(), AlertKind::Reminder), "sms-påmindelse");
    assert_eq!(
        alert_kind(en(), AlertKind::DoubleBooking),
        "double-booking call"
    );
    assert_eq!(alert_kind(da(), AlertKind::Manual), "opkald");
}

#[test]
fn where_a_call_stands_in_each_language() {
    use crate::domain::alert::Priority;
    use crate::store::{AlertRecord, AlertState, Channel};
    let t = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).single();
    let mut a = AlertRecord {
        id: 1,
        booking_id: 66,
        kind: AlertKind::DoubleBooking,
        threshold: "with-67".into(),
        channel: Channel::Voice,
        to: "+4512345678".into(),
        message: String::new(),
        priority: Priority::Critical,
        state: AlertState::Sent,
        sid: Some("CA1".into()),
        status: "queued".into(),
        error: String::new(),
        attempts: 1,
        created_at: t.expect("t"),
        created_by: "mette".into(),
        sent_at: t,
        tried_at: t,
    };
    assert_eq!(alert_state(en(), &a), "call to +4512345678: queued (CA1)");
    assert_eq!(alert_state(da(), &a), "opkald til +4512345678: i kø (CA1)");
    a.channel = Channel::Sms;
    a.status = "undelivered".into();
    a.error = "30005".into();
    assert_eq!(
        alert_state(en(), &a),
        "SMS to +4512345678 NOT DELIVERED: undelivered, 30005 (CA1)"
    );
    assert_eq!(
        alert_state(da(), &a),
        "sms til +4512345678 IKKE LEVERET: ikke leveret, 30005 (CA1)"
    );
}

#[test]
fn date_refusals_keep_their_english_and_have_danish() {
    use crate::domain::when::parse_date;
    let today = day("2025-01-15");
    let refused = |s: &str| parse_date(s, today).expect_err("refused");
    for input in [
        "", "-3", "man tir", "1/2 3/4", "20/1x", "blah", "+x", "32/1", "1/13",
    ] {
        let e = refused(input);
        assert_eq!(date_error(en(), &e), e.to_string(), "{input:?}");
    }
    assert_eq!(
        date_error(da(), &refused("30/2/2025")),
        "\"30/2/2025\" er ikke en dato: februar 2025 har dagene 1 til 28"
    );
    assert_eq!(
        date_error(en(), &refused("30/2/2025")),
        "\"30/2/2025\" is not a date: February 2025 has days 1 to 28"
    );
    assert_eq!(
        date_error(da(), &refused("blah")),
        "ukendt dag \"blah\": skriv en dato som 20/1 eller en ugedag som mandag"
    );
    assert_eq!(
        date_error(da(), &refused("1/13")),
        "\"1/13\" er ikke en dato: der er ingen måned 13 (månederne går fra 1 til 12)"
    );
}

#[test]
fn time_refusals_keep_their_english_and_have_danish() {
    use crate::domain::when::parse_time;
    for input in ["", "abc", "9:30:00", "9:5", "25", "9:75"] {
        let e = parse_time(input).expect_err("refused");
        assert_eq!(time_error(en(), &e), e.to_string(), "{input:?}");
    }
    let e = parse_time("25").expect_err("refused");
    assert_eq!(
        time_error(da(), &e),
        "\"25\": timerne går fra 0 til 23 (midnat er 0:00); skriv det som 9, 9:30, 09.30 eller 0930"
    );
    let e = parse_time("9:5").expect_err("refused");
    assert_eq!(
        time_error(da(), &e),
        "\"9:5\": skriv minutterne med to cifre, f.eks. 9:05 eller 9:30"
    );
}

#[test]
fn duration_refusals_keep_their_english_and_have_danish() {
    use crate::domain::when::parse_duration;
    for input in [
        "", "x", "-2", "0", "30", "25 t", "2:75", "2 t 75", "2 parsec", "2,5 t 30", "1,5 min",
        "1234567",
    ] {
        let e = parse_duration(input).expect_err("refused");
        assert_eq!(duration_error(en(), &e), e.to_string(), "{input:?}");
    }
    let e = parse_duration("90").expect_err("refused");
    assert_eq!(
        duration_error(en(), &e),
        "\"90\" is longer than a day: a job can last at most 24 h; for minutes write 90 min"
    );
    assert_eq!(
        duration_error(da(), &e),
        "\"90\" er længere end et døgn: en opgave kan højst vare 24 t; skriv 90 min for minutter"
    );
    let e = parse_duration("2 parsec").expect_err("refused");
    assert_eq!(
        duration_error(da(), &e),
        "\"2 parsec\": ukendt enhed \"parsec\" (brug t eller h for timer, min for minutter)"
    );
}

#[test]
fn phone_and_email_refusals_keep_their_english_and_have_danish() {
    use crate::domain::contact::{check_email, normalize_phone};
    for raw in ["123", "12345678 ext 3", "+1 234"] {
        let e = normalize_phone(raw).expect_err("refused");
        assert_eq!(phone_error(en(), &e), e.to_string(), "{raw:?}");
    }
    let e = normalize_phone("123").expect_err("refused");
    assert_eq!(
        phone_error(da(), &e),
        "\"123\" er ikke et telefonnummer: danske numre har 8 cifre, f.eks. +45 12 34 56 78"
    );
    for raw in [
        "ab",
        "a@b@c.dk",
        "@b.dk",
        "a b@c.dk",
        "a\tb@c.dk",
        "<a>@c.dk",
        ".a@c.dk",
        "a..b@c.dk",
        "a@",
        "a@b c.dk",
        "a@b!.dk",
        "a@localhost",
        "a@b..dk",
        "a@.b.dk",
        "a@-b.dk",
        "a@b.1",
    ] {
        let e = check_email(raw).expect_err("refused");
        assert_eq!(email_error(en(), &e), e.to_string(), "{raw:?}");
    }
    let e = check_email("a@localhost").expect_err("refused");
    assert_eq!(
        email_error(da(), &e),
        "\"a@localhost\" er ikke en e-mailadresse: delen efter @ (\"localhost\") skal have et punktum, f.eks. eksempel.dk"
    );
}

#[test]
fn staff_value_refusals_keep_their_english_and_have_danish() {
    use crate::domain::availability::{
        Area, DateOverride, StaffField, WeekHours, parse_day, parse_edit,
    };
    use crate::domain::staff::{TimeOff, WorkingHours};
    let refusals = [
        WeekHours::parse("mon 08:00-12:00,11:00-14:00").expect_err("overlap"),
        WeekHours::parse("08:00-12:00").expect_err("days first"),
        WeekHours::parse("mon 12:00-08:00").expect_err("backwards"),
        WeekHours::parse("funday 08:00-12:00").expect_err("weekday"),
        WeekHours::parse("fri-mon 08:00-12:00").expect_err("days backwards"),
        WeekHours::parse("mon 8-12").expect_err("time"),
        WorkingHours::parse("mon").expect_err("no hours"),
        WorkingHours::parse("mon 16:00-07:00").expect_err("day backwards"),
        DateOverride::parse("24/12 closed").expect_err("date"),
        DateOverride::parse("2026-12-24").expect_err("form"),
        DateOverride::parse("2026-12-24..2026-12-20 closed").expect_err("range"),
        TimeOff::parse("2026-12-24..2026-12-20").expect_err("time off"),
        Area::parse("21").expect_err("postcode"),
        Area::parse("2450-2100").expect_err("up"),
        parse_edit(StaffField::Contract, "lots", &[], &[]).expect_err("hours"),
        parse_edit(StaffField::Priority, "high", &[], &[]).expect_err("whole"),
        parse_day(1, "").expect_err("empty"),
        parse_day(9, "off").expect_err("no day"),
    ];
    for e in &refusals {
        assert_eq!(hours_error(en(), e), e.to_string());
        assert!(!hours_error(da(), e).is_empty());
    }
    let e = parse_edit(StaffField::DailyMax, "25", &[], &[]).expect_err("too many");
    assert_eq!(
        hours_error(da(), &e),
        "\"25\" er ikke et antal timer mellem 0 og 24 (f.eks. 30 eller 37,5) eller none"
    );
    let e = Area::parse("21").expect_err("postcode");
    assert_eq!(
        hours_error(da(), &e),
        "\"21\" er ikke et postnummer (fire cifre, f.eks. 2100)"
    );
}

#[test]
fn repeat_refusals_keep_their_english_and_have_danish() {
    let tue = day("2026-12-01");
    for bad in [
        "",
        "sometimes",
        "every 0 weeks",
        "monthly, soon",
        "monthly, 2nd friday",
        "FREQ=HOURLY",
    ] {
        let e = Rule::parse_spec(bad, tue).expect_err(bad);
        assert_eq!(repeat_error(en(), &e), e.to_string(), "{bad:?}");
    }
    let e = Rule::parse_spec("monthly, 2nd friday", tue).expect_err("not that day");
    assert_eq!(
        repeat_error(da(), &e),
        "\"monthly, 2nd friday\": det første besøg, 1/12/2026, er ikke den 2. fredag i måneden; ret datoen, eller skriv månedlig"
    );
    let e = Rule::parse_spec("every 0 weeks", tue).expect_err("weeks");
    assert_eq!(
        repeat_error(da(), &e),
        "\"every 0 weeks\": antallet af uger er 1 til 52"
    );
}

/// The engine's remarks, an import's findings, RRULE refusals.
mod config;
mod console_file;
mod ics;
mod import;
mod provider;
mod refusal;
