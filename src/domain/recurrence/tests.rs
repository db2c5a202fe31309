use proptest::prelude::*;

use super::*;

fn dt(s: &str) -> NaiveDateTime {
    parse_basic_date_time(s).expect("test date-time").0
}

fn rule(s: &str) -> RRule {
    RRule::parse(s).expect("test rule")
}

/// The first `n` occurrences' dates as `YYYYMMDD`, checking the time stays the start's.
fn dates(r: &str, start: &str, n: usize) -> Vec<String> {
    dates_until(r, start, None, n)
}

fn dates_until(r: &str, start: &str, until: Option<&str>, n: usize) -> Vec<String> {
    let rule = rule(r);
    let start = dt(start);
    let mut exp = rule.expand(start);
    if let Some(u) = until {
        exp = exp.until(Some(dt(u)));
    }
    exp.take(n)
        .inspect(|t| assert_eq!(t.time(), start.time(), "{r}: time of day changed"))
        .map(|t| t.format("%Y%m%d").to_string())
        .collect()
}

fn list(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

// The examples of RFC 5545 section 3.8.5.3 that use only supported parts. They
// start in America/New_York; a UTC UNTIL is given here as the wall-clock time
// it is there (what the iCalendar layer computes).

#[test]
fn rfc_daily() {
    let start = "19970902T090000";
    assert_eq!(
        dates("FREQ=DAILY;COUNT=10", start, 100),
        list(
            "19970902 19970903 19970904 19970905 19970906 19970907 19970908 19970909 19970910 19970911"
        )
    );
    // UNTIL=19971224T000000Z is 23 December 19:00 in New York.
    let until = dates_until(
        "FREQ=DAILY;UNTIL=19971224T000000Z",
        start,
        Some("19971223T190000"),
        1000,
    );
    assert_eq!(until.len(), 113);
    assert_eq!(until.last().map(String::as_str), Some("19971223"));
    assert_eq!(
        dates("FREQ=DAILY;INTERVAL=2", start, 5),
        list("19970902 19970904 19970906 19970908 19970910")
    );
    assert_eq!(
        dates("FREQ=DAILY;INTERVAL=10;COUNT=5", start, 100),
        list("19970902 19970912 19970922 19971002 19971012")
    );
}

#[test]
fn rfc_every_day_in_january_for_three_years() {
    let start = "19980101T090000";
    let until = Some("20000131T090000"); // 20000131T140000Z
    let yearly = dates_until(
        "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
        start,
        until,
        1000,
    );
    let daily = dates_until(
        "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
        start,
        until,
        1000,
    );
    assert_eq!(yearly.len(), 93);
    assert_eq!(yearly, daily);
    assert!(yearly.iter().all(|d| &d[4..6] == "01"));
    assert_eq!(yearly.last().map(String::as_str), Some("20000131"));
}

#[test]
fn rfc_weekly() {
    let start = "19970902T090000";
    assert_eq!(
        dates("FREQ=WEEKLY;COUNT=10", start, 100),
        list(
            "19970902 19970909 19970916 19970923 19970930 19971007 19971014 19971021 19971028 19971104"
        )
    );
    assert_eq!(
        dates("FREQ=WEEKLY;INTERVAL=2;WKST=SU", start, 11),
        list(
            "19970902 19970916 19970930 19971014 19971028 19971111 19971125 19971209 19971223 19980106 19980120"
        )
    );
    let tu_th = list(
        "19970902 19970904 19970909 19970911 19970916 19970918 19970923 19970925 19970930 19971002",
    );
    assert_eq!(
        dates_until(
            "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
            start,
            Some("19971006T200000"),
            100
        ),
        tu_th
    );
    assert_eq!(
        dates("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", start, 100),
        tu_th
    );
    assert_eq!(
        dates(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
            start,
            100
        ),
        list("19970902 19970904 19970916 19970918 19970930 19971002 19971014 19971016")
    );
}

#[test]
fn rfc_every_other_week_on_monday_wednesday_friday() {
    let got = dates_until(
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
        "19970901T090000",
        Some("19971223T190000"),
        100,
    );
    let want = list(
        "19970901 19970903 19970905 19970915 19970917 19970919 19970929 19971001 19971003 \
         19971013 19971015 19971017 19971027 19971029 19971031 19971110 19971112 19971114 \
         19971124 19971126 19971128 19971208 19971210 19971212 19971222",
    );
    assert_eq!(got, want);
}

#[test]
fn rfc_week_start_matters() {
    let start = "19970805T090000";
    assert_eq!(
        dates(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
            start,
            100
        ),
        list("19970805 19970810 19970819 19970824")
    );
    assert_eq!(
        dates(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            start,
            100
        ),
        list("19970805 19970817 19970819 19970831")
    );
}

#[test]
fn rfc_monthly_by_weekday() {
    assert_eq!(
        dates("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "19970905T090000", 100),
        list(
            "19970905 19971003 19971107 19971205 19980102 19980206 19980306 19980403 19980501 19980605"
        )
    );
    assert_eq!(
        dates_until(
            "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
            "19970905T090000",
            Some("19971223T190000"),
            100
        ),
        list("19970905 19971003 19971107 19971205")
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
            "19970907T090000",
            100
        ),
        list(
            "19970907 19970928 19971102 19971130 19980104 19980125 19980301 19980329 19980503 19980531"
        )
    );
    assert_eq!(
        dates("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "19970922T090000", 100),
        list("19970922 19971020 19971117 19971222 19980119 19980216")
    );
    assert_eq!(
        dates("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "19970902T090000", 14),
        list(
            "19970902 19970909 19970916 19970923 19970930 19971104 19971111 19971118 19971125 \
             19980106 19980113 19980120 19980127 19980303"
        )
    );
}

#[test]
fn rfc_monthly_by_month_day() {
    assert_eq!(
        dates("FREQ=MONTHLY;BYMONTHDAY=-3", "19970928T090000", 6),
        list("19970928 19971029 19971128 19971229 19980129 19980226")
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
            "19970902T090000",
            100
        ),
        list(
            "19970902 19970915 19971002 19971015 19971102 19971115 19971202 19971215 19980102 19980115"
        )
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
            "19970930T090000",
            100
        ),
        list(
            "19970930 19971001 19971031 19971101 19971130 19971201 19971231 19980101 19980131 19980201"
        )
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
            "19970910T090000",
            100
        ),
        list(
            "19970910 19970911 19970912 19970913 19970914 19970915 19990310 19990311 19990312 19990313"
        )
    );
    // Invalid dates are skipped, not moved.
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
            "20070115T090000",
            100
        ),
        list("20070115 20070130 20070215 20070315 20070330")
    );
}

#[test]
fn rfc_yearly() {
    assert_eq!(
        dates("FREQ=YEARLY;COUNT=10;BYMONTH=6,7", "19970610T090000", 100),
        list(
            "19970610 19970710 19980610 19980710 19990610 19990710 20000610 20000710 20010610 20010710"
        )
    );
    assert_eq!(
        dates(
            "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
            "19970310T090000",
            100
        ),
        list(
            "19970310 19990110 19990210 19990310 20010110 20010210 20010310 20030110 20030210 20030310"
        )
    );
    assert_eq!(
        dates("FREQ=YEARLY;BYDAY=20MO", "19970519T090000", 3),
        list("19970519 19980518 19990517")
    );
    assert_eq!(
        dates("FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "19970313T090000", 11),
        list(
            "19970313 19970320 19970327 19980305 19980312 19980319 19980326 19990304 19990311 19990318 19990325"
        )
    );
    let summer = dates("FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", "19970605T090000", 17);
    assert_eq!(
        summer,
        list(
            "19970605 19970612 19970619 19970626 19970703 19970710 19970717 19970724 19970731 \
             19970807 19970814 19970821 19970828 19980604 19980611 19980618 19980625"
        )
    );
}

#[test]
fn rfc_combined_limits() {
    // Friday the 13th (the start itself is excluded by EXDATE in the RFC).
    let got = dates("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "19970902T090000", 6);
    assert_eq!(
        got[1..],
        list("19980213 19980313 19981113 19990813 20001013")[..]
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
            "19970913T090000",
            10
        ),
        list(
            "19970913 19971011 19971108 19971213 19980110 19980207 19980307 19980411 19980509 19980613"
        )
    );
    assert_eq!(
        dates(
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
            "19961105T090000",
            3
        ),
        list("19961105 20001107 20041102")
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
            "19970904T090000",
            100
        ),
        list("19970904 19971007 19971106")
    );
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
            "19970929T090000",
            7
        ),
        list("19970929 19971030 19971127 19971230 19980129 19980226 19980330")
    );
}

#[test]
fn rfc_unsupported_parts_are_named() {
    for (r, part) in [
        (
            "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
            "BYYEARDAY",
        ),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "BYWEEKNO"),
        ("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", "HOURLY"),
        ("FREQ=MINUTELY;INTERVAL=15;COUNT=6", "MINUTELY"),
        ("FREQ=SECONDLY", "SECONDLY"),
        (
            "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
            "BYHOUR",
        ),
        ("FREQ=DAILY;BYMINUTE=0,20,40", "BYMINUTE"),
        ("FREQ=DAILY;BYSECOND=0", "BYSECOND"),
    ] {
        let err = RRule::parse(r).expect_err(r).to_string();
        assert!(err.contains(part), "{r}: {err}");
        assert!(err.contains("not supported"), "{r}: {err}");
    }
}

#[test]
fn bad_rules_say_what_is_expected() {
    for (r, needle) in [
        ("", "no FREQ"),
        ("INTERVAL=2", "no FREQ"),
        ("FREQ=FORTNIGHTLY", "DAILY, WEEKLY"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=1MO", "MONTHLY"),
        ("FREQ=MONTHLY;BYDAY=0MO", "ordinal"),
        ("FREQ=MONTHLY;BYDAY=Mø", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=ø", "BYDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "1 to 31"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "1 to 31"),
        ("FREQ=YEARLY;BYMONTH=13", "1 to 12"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
        ("FREQ=DAILY;COUNT=-1", "COUNT"),
        ("FREQ=DAILY;UNTIL=2026-12-31", "UNTIL"),
        ("FREQ=DAILY;FREQ=WEEKLY", "twice"),
        ("FREQ=DAILY;WKST=XX", "WKST"),
        ("FREQ=DAILY;BYSETPOS=0", "BYSETPOS"),
        ("FREQ=DAILY;FOO=1", "FOO"),
        ("FREQ=DAILY;COUNT", "NAME=VALUE"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "WEEKLY"),
    ] {
        let err = RRule::parse(r).expect_err(r).to_string();
        assert!(err.contains(needle), "{r:?}: {err}");
    }
}

#[test]
fn parsing_is_lenient_about_case_spaces_and_prefix() {
    let r = rule("RRULE:freq=weekly; byday=mo,we ;until=20261231;X-NAME=1;");
    assert_eq!(r.freq, Freq::Weekly);
    assert_eq!(r.by_day.len(), 2);
    assert_eq!(
        r.until,
        NaiveDate::from_ymd_opt(2026, 12, 31).map(Until::Date)
    );
    let r = rule("FREQ=MONTHLY;BYDAY=+2TU,-1FR;UNTIL=20261231T230000Z");
    assert_eq!(
        r.by_day[0],
        ByDay {
            nth: Some(2),
            weekday: Weekday::Tue
        }
    );
    assert_eq!(
        r.by_day[1],
        ByDay {
            nth: Some(-1),
            weekday: Weekday::Fri
        }
    );
    assert_eq!(r.until, Some(Until::Utc(dt("20261231T230000"))));
}

#[test]
fn date_until_includes_the_whole_day() {
    assert_eq!(
        dates("FREQ=DAILY;UNTIL=20261125", "20261123T230000", 100),
        list("20261123 20261124 20261125")
    );
}

#[test]
fn month_end_and_leap_years() {
    assert_eq!(
        dates("FREQ=MONTHLY;BYMONTHDAY=31", "20260131T100000", 7),
        list("20260131 20260331 20260531 20260731 20260831 20261031 20261231")
    );
    // The start's own day 31 is skipped the same way without BYMONTHDAY.
    assert_eq!(
        dates("FREQ=MONTHLY;COUNT=4", "20260131T100000", 10),
        list("20260131 20260331 20260531 20260731")
    );
    assert_eq!(
        dates("FREQ=YEARLY;COUNT=3", "20240229T080000", 10),
        list("20240229 20280229 20320229")
    );
    assert_eq!(
        dates("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "20230228T080000", 4),
        list("20230228 20240229 20250228 20260228")
    );
    assert_eq!(
        dates("FREQ=MONTHLY;BYDAY=-1FR", "20261127T090000", 4),
        list("20261127 20261225 20270129 20270226")
    );
}

#[test]
fn a_rule_that_never_matches_ends_at_the_horizon() {
    let r = rule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30");
    let start = dt("20260101T090000");
    let horizon = NaiveDate::from_ymd_opt(2036, 1, 1).expect("date");
    let got: Vec<_> = r.expand(start).horizon(horizon).collect();
    assert_eq!(got, vec![start]);
    // Without a horizon it still ends (at the year 9999).
    let r = rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2");
    assert_eq!(r.expand(start).count(), 1);
}

#[test]
fn huge_values_do_not_overflow() {
    let r = rule("FREQ=YEARLY;INTERVAL=4294967295");
    let got: Vec<_> = r.expand(dt("20260101T090000")).take(3).collect();
    assert_eq!(got.len(), 1);
    let r = rule("FREQ=DAILY;INTERVAL=4294967295;COUNT=4294967295");
    assert_eq!(r.expand(dt("20260101T090000")).take(3).count(), 1);
    let r = rule("FREQ=MONTHLY;INTERVAL=4294967295");
    assert_eq!(r.expand(dt("20260101T090000")).take(3).count(), 1);
    let r = rule("FREQ=WEEKLY;UNTIL=99991231");
    let far = NaiveDate::MAX.and_time(NaiveTime::MIN);
    // Beyond the default horizon (the year 9999): nothing.
    assert_eq!(r.expand(far).take(3).count(), 0);
    let r = rule("FREQ=DAILY;UNTIL=20261231");
    let last = r
        .expand(NaiveDate::MIN.and_time(NaiveTime::MIN))
        .skip_to(NaiveDate::MAX)
        .take(3)
        .count();
    assert!(last <= 3);
}

#[test]
fn basic_dates_and_times() {
    assert_eq!(
        parse_basic_date("20261123"),
        NaiveDate::from_ymd_opt(2026, 11, 23)
    );
    assert_eq!(parse_basic_date("20261323"), None);
    assert_eq!(parse_basic_date("2026-11-2"), None);
    assert_eq!(parse_basic_date("2026112ø"), None);
    assert_eq!(
        parse_basic_date_time("20261123T090000Z"),
        Some((dt("20261123T090000"), true))
    );
    assert_eq!(
        parse_basic_date_time("20261123T090000").map(|t| t.1),
        Some(false)
    );
    assert_eq!(parse_basic_date_time("20261123T0900"), None);
    assert_eq!(parse_basic_date_time("20261123T250000"), None);
    assert_eq!(parse_basic_date_time("20261123X090000"), None);
    assert_eq!(parse_basic_date_time("2026112øT0900"), None);
    assert_eq!(
        parse_basic_date_time("20261231T235960Z").map(|t| t.0),
        Some(dt("20261231T235959"))
    );
}

proptest! {
    /// Skipping ahead gives the same occurrences from the skip date on.
    #[test]
    fn skip_to_changes_nothing_after_the_date(
        freq in prop::sample::select(vec!["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
        interval in 1u32..5,
        extra in prop::sample::select(vec![
            "", ";BYDAY=MO,FR", ";BYMONTHDAY=1,-1", ";BYMONTH=3,10", ";BYDAY=TU;BYSETPOS=-1",
            ";BYDAY=1MO,-1SU", ";WKST=SU;BYDAY=SA,SU",
        ]),
        start_day in 0u64..800,
        skip_days in 0u64..3000,
    ) {
        let text = format!("FREQ={freq};INTERVAL={interval}{extra}");
        let Ok(r) = RRule::parse(&text) else { return Ok(()); };
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
        let start = (base + Days::new(start_day)).and_hms_opt(9, 0, 0).expect("time");
        let skip = base + Days::new(start_day + skip_days);
        let horizon = skip + Days::new(800);
        let all: Vec<_> = r.expand(start).horizon(horizon).filter(|t| t.date() >= skip).collect();
        let skipped: Vec<_> = r.expand(start).horizon(horizon).skip_to(skip).filter(|t| t.date() >= skip).collect();
        prop_assert_eq!(all, skipped, "{}", text);
    }

    #[test]
    fn parse_never_panics(s in "\\PC{0,60}") {
        let _ = RRule::parse(&s);
        let _ = parse_basic_date(&s);
        let _ = parse_basic_date_time(&s);
    }

    /// Occurrences are strictly increasing and COUNT is honoured.
    #[test]
    fn increasing_and_counted(
        freq in prop::sample::select(vec!["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
        extra in prop::sample::select(vec!["", ";BYDAY=MO,WE", ";BYMONTHDAY=31", ";BYMONTH=2;BYMONTHDAY=29", ";BYDAY=-1FR"]),
        count in 1u32..40,
    ) {
        let text = format!("FREQ={freq};COUNT={count}{extra}");
        let Ok(r) = RRule::parse(&text) else { return Ok(()); };
        let got: Vec<_> = r.expand(dt("20240131T083000")).collect();
        prop_assert!(got.len() <= count as usize);
        prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
    }
}
