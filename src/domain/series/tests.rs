use chrono::{Datelike, Weekday};

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn hm(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

fn series(first: &str, time: &str, repeat: &str) -> Series {
    let first = d(first);
    let spec = Rule::parse_spec(repeat, first).expect("spec");
    Series {
        id: 1,
        customer_id: 1,
        staff_id: Some(1),
        service: "Fast rengøring".into(),
        start_time: hm(time),
        duration_min: 120,
        first_date: first,
        rule: spec.rule,
        end: spec.end.unwrap_or(SeriesEnd::Open),
        holidays: HolidayPolicy::Skip,
        pauses: Vec::new(),
        address: String::new(),
        notes: String::new(),
        version: 1,
    }
}

fn dates(s: &Series, from: &str, to: &str, h: &Holidays) -> Vec<String> {
    s.occurrences(d(from), d(to), BusinessTz::default(), h)
        .expect("expand")
        .into_iter()
        .map(|o| o.date.to_string())
        .collect()
}

#[test]
fn weekly_0830_stays_0830_across_both_daylight_saving_changes() {
    let tz = BusinessTz::default();
    let s = series("2026-03-17", "08:30", "weekly");
    let occ = s
        .occurrences(d("2026-03-01"), d("2026-11-30"), tz, &Holidays::default())
        .expect("expand");
    assert_eq!(occ.len(), 37);
    for o in &occ {
        assert_eq!(tz.hm(o.start), "08:30", "{}", o.date);
        assert_eq!(tz.hm(o.end), "10:30", "{}", o.date);
        assert_eq!(o.date.weekday(), Weekday::Tue);
        assert_eq!(o.original.date(), o.date);
    }
    let utc = |date: &str| {
        occ.iter()
            .find(|o| o.date == d(date))
            .map(|o| o.start.format("%H:%M").to_string())
    };
    // Winter time (UTC+1), summer time from 29/3 (UTC+2), winter again from 25/10.
    assert_eq!(utc("2026-03-24").as_deref(), Some("07:30"));
    assert_eq!(utc("2026-03-31").as_deref(), Some("06:30"));
    assert_eq!(utc("2026-10-20").as_deref(), Some("06:30"));
    assert_eq!(utc("2026-10-27").as_deref(), Some("07:30"));
}

#[test]
fn every_two_weeks_keeps_its_rhythm_across_iso_week_53() {
    // 2026 has an ISO week 53 (28/12 to 3/1): the rhythm is 14 days, not
    // "odd weeks".
    let s = series("2026-12-01", "09:00", "every 2 weeks");
    assert_eq!(d("2026-12-29").iso_week().week(), 53);
    let got = dates(&s, "2026-11-01", "2027-02-28", &Holidays::default());
    assert_eq!(
        got,
        [
            "2026-12-01",
            "2026-12-15",
            "2026-12-29",
            "2027-01-12",
            "2027-01-26",
            "2027-02-09",
            "2027-02-23"
        ]
    );
    let days: Vec<i64> = got
        .windows(2)
        .map(|w| (d(&w[1]) - d(&w[0])).num_days())
        .collect();
    assert!(days.iter().all(|&n| n == 14), "{days:?}");
}

#[test]
fn a_holiday_is_skipped_or_moved_to_the_next_working_day() {
    let h = Holidays::default();
    // Fridays: 25/12 is juledag.
    let mut s = series("2026-12-11", "10:00", "weekly");
    assert_eq!(
        dates(&s, "2026-12-11", "2027-01-08", &h),
        ["2026-12-11", "2026-12-18", "2027-01-08"]
    );
    let plan = s
        .plan(d("2026-12-25"), d("2026-12-25"), BusinessTz::default(), &h)
        .expect("plan");
    assert_eq!(
        plan,
        [Planned::Holiday {
            original: d("2026-12-25").and_time(hm("10:00")),
            why: "juledag"
        }]
    );
    // Moved: juledag (Fri) → 2. juledag (Sat), weekend → Monday 28/12;
    // nytårsdag (Fri 1/1) → Monday 4/1.
    s.holidays = HolidayPolicy::Move;
    let occ = s
        .occurrences(d("2026-12-11"), d("2027-01-08"), BusinessTz::default(), &h)
        .expect("expand");
    let got: Vec<(String, String, Option<&str>)> = occ
        .iter()
        .map(|o| {
            (
                o.original.date().to_string(),
                o.date.to_string(),
                o.moved_for,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2026-12-11".into(), "2026-12-11".into(), None),
            ("2026-12-18".into(), "2026-12-18".into(), None),
            ("2026-12-25".into(), "2026-12-28".into(), Some("juledag")),
            ("2027-01-01".into(), "2027-01-04".into(), Some("nytårsdag")),
            ("2027-01-08".into(), "2027-01-08".into(), None),
        ]
    );
    assert_eq!(BusinessTz::default().hm(occ[2].start), "10:00");
}

#[test]
fn a_pause_rests_the_series_and_count_and_until_end_it() {
    let mut s = series("2026-01-06", "08:00", "weekly");
    s.pauses.push(Pause {
        from: d("2026-01-12"),
        to: d("2026-01-25"),
    });
    assert_eq!(
        dates(&s, "2026-01-01", "2026-02-05", &Holidays::default()),
        ["2026-01-06", "2026-01-27", "2026-02-03"]
    );
    s.end = SeriesEnd::Count(3);
    // The paused dates count: three dates of the rule, one visit.
    assert_eq!(
        dates(&s, "2026-01-01", "2026-12-31", &Holidays::default()),
        ["2026-01-06"]
    );
    s.pauses.clear();
    s.end = SeriesEnd::Until(d("2026-01-20"));
    assert_eq!(
        dates(&s, "2026-01-01", "2026-12-31", &Holidays::default()),
        ["2026-01-06", "2026-01-13", "2026-01-20"]
    );
    assert_eq!(s.used_before(d("2026-01-20")), Ok(2));
    assert_eq!(
        dates(&s, "2026-01-14", "2026-12-31", &Holidays::default()),
        ["2026-01-20"]
    );
}

#[test]
fn what_a_dispatcher_types_for_a_repeat() {
    let tue = d("2026-12-08"); // the 2nd Tuesday of December
    let weekly = |every| Rule::Weekly {
        every,
        days: vec![Weekday::Tue],
    };
    for (text, rule) in [
        ("weekly", weekly(1)),
        ("hver uge", weekly(1)),
        ("Ugentlig", weekly(1)),
        ("every 2 weeks", weekly(2)),
        ("every 2nd week", weekly(2)),
        ("hver 2. uge", weekly(2)),
        ("hver anden uge", weekly(2)),
        ("every 3 weeks", weekly(3)),
        ("fortnightly", weekly(2)),
        (
            "monthly",
            Rule::MonthlyNth {
                every: 1,
                nth: 2,
                weekday: Weekday::Tue,
            },
        ),
        (
            "månedlig",
            Rule::MonthlyNth {
                every: 1,
                nth: 2,
                weekday: Weekday::Tue,
            },
        ),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", weekly(2)),
        (
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
            Rule::MonthlyNth {
                every: 1,
                nth: -1,
                weekday: Weekday::Fri,
            },
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=15",
            Rule::Custom("FREQ=MONTHLY;BYMONTHDAY=15".into()),
        ),
    ] {
        let spec = Rule::parse_spec(text, tue).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(spec.rule, rule, "{text}");
        assert_eq!(spec.end, None, "{text}");
        // What the store keeps reads back as the same rule.
        assert_eq!(
            Rule::from_rrule(&rule.rrule_text(), tue).map(|s| s.rule),
            Ok(rule.clone()),
            "{text}"
        );
    }
    assert_eq!(
        Rule::parse_spec("FREQ=WEEKLY;COUNT=5", tue).map(|s| s.end),
        Ok(Some(SeriesEnd::Count(5)))
    );
    assert_eq!(
        Rule::parse_spec("FREQ=WEEKLY;UNTIL=20270101T000000Z", tue).map(|s| s.end),
        Ok(Some(SeriesEnd::Until(d("2027-01-01"))))
    );
    // The fifth Tuesday is the last.
    assert_eq!(nth_of_month(d("2026-12-29")), -1);
    for (bad, says) in [
        ("sometimes", "not a repeat"),
        ("every 0 weeks", "1 to 52"),
        ("FREQ=HOURLY", "not supported"),
        ("", "no repeat"),
    ] {
        let e = Rule::parse_spec(bad, tue).expect_err(bad).to_string();
        assert!(e.contains(says), "{bad}: {e}");
    }
}

#[test]
fn a_series_in_words_and_its_own_rules() {
    let mut s = series("2026-02-03", "09:00", "every 2 weeks");
    assert_eq!(
        s.rule,
        Rule::Weekly {
            every: 2,
            days: vec![Weekday::Tue]
        }
    );
    s.end = SeriesEnd::Until(d("2026-01-01"));
    assert_eq!(
        s.check().map_err(|e| e.to_string()),
        Err("until: the series would end (1/1) before it starts (3/2)".into())
    );
    s.end = SeriesEnd::Open;
    s.duration_min = 0;
    assert!(s.check().is_err());
    s.duration_min = 60;
    assert_eq!(s.check(), Ok(()));
    assert_eq!(
        s.rule.shifted(1),
        Ok(Rule::Weekly {
            every: 2,
            days: vec![Weekday::Wed]
        })
    );
    assert!(Rule::Custom("FREQ=DAILY".into()).shifted(1).is_err());
    let key = original_key(s.first_start());
    assert_eq!(key, "2026-02-03T09:00");
    assert_eq!(parse_original_key(&key), Some(s.first_start()));
}

#[test]
fn a_monthly_repeat_may_name_its_day() {
    let monthly = |nth, weekday| Rule::MonthlyNth {
        every: 1,
        nth,
        weekday,
    };
    // 8/12/2026 is the 2nd Tuesday of December; 29/12 the 5th, so the last.
    let tue = d("2026-12-08");
    for text in [
        "monthly, 2nd Tuesday",
        "Monthly on the 2nd tuesday",
        "månedlig, 2. tirsdag",
        "månedlig den anden tir.",
    ] {
        assert_eq!(
            Rule::parse_spec(text, tue).map(|s| s.rule),
            Ok(monthly(2, Weekday::Tue)),
            "{text}"
        );
    }
    assert_eq!(
        Rule::parse_spec("monthly, last Tuesday", d("2026-12-29")).map(|s| s.rule),
        Ok(monthly(-1, Weekday::Tue))
    );
    // The 4th Tuesday of a month with four is also its last.
    assert_eq!(
        Rule::parse_spec("monthly, last Tuesday", d("2026-02-24")).map(|s| s.rule),
        Ok(monthly(-1, Weekday::Tue))
    );
    for (bad, says) in [
        ("monthly, 3rd Tuesday", "is not the 3rd Tuesday"),
        ("monthly, 2nd Friday", "is not the 2nd Friday"),
        ("monthly, 5th Tuesday", "1st to 4th, or last"),
        ("monthly, soon", "1st to 4th, or last"),
    ] {
        let e = Rule::parse_spec(bad, tue).expect_err(bad).to_string();
        assert!(e.contains(says), "{bad}: {e}");
    }
}

#[test]
fn an_original_key_is_the_format_s_text() {
    for (date, time) in [
        ("0001-01-01", "00:00"),
        ("0999-09-09", "09:05"),
        ("2026-03-29", "02:30"),
        ("2026-12-31", "23:59"),
        ("9999-12-31", "23:59"),
    ] {
        let t = d(date).and_time(hm(time));
        assert_eq!(original_key(t), t.format("%Y-%m-%dT%H:%M").to_string());
    }
    let mut t = d("2025-12-28").and_time(hm("07:45"));
    for _ in 0..500 {
        assert_eq!(original_key(t), t.format("%Y-%m-%dT%H:%M").to_string());
        t += chrono::Duration::minutes(1_117);
    }
}

#[test]
fn every_kind_of_rule_is_kept_in_the_journal_and_read_back() {
    let first = d("2026-11-30");
    for text in [
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "FREQ=MONTHLY;BYDAY=1MO",
        "FREQ=DAILY;INTERVAL=7",
    ] {
        let rule = Rule::from_rrule(text, first).expect(text).rule;
        let json = serde_json::to_string(&rule).expect("kept");
        let back: Rule = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, rule, "{json}");
    }
    // Rows written before keep reading as they were written.
    let old: Rule =
        serde_json::from_str(r#"{"kind":"weekly","every":2,"days":["Mon"]}"#).expect("old");
    assert_eq!(
        old,
        Rule::Weekly {
            every: 2,
            days: vec![Weekday::Mon]
        }
    );
}
