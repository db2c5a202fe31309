use chrono::Duration;
use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("test time")
}

/// A Friday.
const TODAY: &str = "2026-11-20";

#[test]
fn dates_in_every_form() {
    use Weekday::*;
    // (input, today, date, named weekday)
    let table: &[(&str, &str, &str, Option<Weekday>)] = &[
        ("2025-01-20", TODAY, "2025-01-20", None),
        ("2025-1-2", TODAY, "2025-01-02", None),
        ("  2025-01-20  ", TODAY, "2025-01-20", None),
        ("20/1", "2025-01-10", "2025-01-20", None),
        ("20/1/2025", TODAY, "2025-01-20", None),
        ("20/1/25", TODAY, "2025-01-20", None),
        ("20/1-2025", TODAY, "2025-01-20", None),
        ("20.01.2025", TODAY, "2025-01-20", None),
        ("20.1.", "2025-01-10", "2025-01-20", None),
        ("20.1", "2025-01-10", "2025-01-20", None),
        ("20-01-2025", TODAY, "2025-01-20", None),
        ("29/2/2028", TODAY, "2028-02-29", None),
        ("i dag", TODAY, "2026-11-20", None),
        ("I  Dag", TODAY, "2026-11-20", None),
        ("idag", TODAY, "2026-11-20", None),
        ("today", TODAY, "2026-11-20", None),
        ("i morgen", TODAY, "2026-11-21", None),
        ("imorgen", TODAY, "2026-11-21", None),
        ("Tomorrow", TODAY, "2026-11-21", None),
        ("i overmorgen", TODAY, "2026-11-22", None),
        ("overmorgen", TODAY, "2026-11-22", None),
        ("+0", TODAY, "2026-11-20", None),
        ("+3", TODAY, "2026-11-23", None),
        ("+ 14", TODAY, "2026-12-04", None),
        ("i morgen", "2026-12-31", "2027-01-01", None),
        // A weekday alone: the next one, today included (today is a Friday).
        ("fredag", TODAY, "2026-11-20", Some(Fri)),
        ("fre", TODAY, "2026-11-20", Some(Fri)),
        ("friday", TODAY, "2026-11-20", Some(Fri)),
        ("fri.", TODAY, "2026-11-20", Some(Fri)),
        ("lørdag", TODAY, "2026-11-21", Some(Sat)),
        ("Lør", TODAY, "2026-11-21", Some(Sat)),
        ("LØRDAG", TODAY, "2026-11-21", Some(Sat)),
        ("lordag", TODAY, "2026-11-21", Some(Sat)),
        ("lor", TODAY, "2026-11-21", Some(Sat)),
        ("saturday", TODAY, "2026-11-21", Some(Sat)),
        ("sat", TODAY, "2026-11-21", Some(Sat)),
        ("søndag", TODAY, "2026-11-22", Some(Sun)),
        ("søn.", TODAY, "2026-11-22", Some(Sun)),
        ("sondag", TODAY, "2026-11-22", Some(Sun)),
        ("son", TODAY, "2026-11-22", Some(Sun)),
        ("sunday", TODAY, "2026-11-22", Some(Sun)),
        ("sun", TODAY, "2026-11-22", Some(Sun)),
        ("mandag", TODAY, "2026-11-23", Some(Mon)),
        ("man", TODAY, "2026-11-23", Some(Mon)),
        ("man.", TODAY, "2026-11-23", Some(Mon)),
        ("Monday", TODAY, "2026-11-23", Some(Mon)),
        ("mon", TODAY, "2026-11-23", Some(Mon)),
        ("tirsdag", TODAY, "2026-11-24", Some(Tue)),
        ("tir", TODAY, "2026-11-24", Some(Tue)),
        ("tirs.", TODAY, "2026-11-24", Some(Tue)),
        ("tuesday", TODAY, "2026-11-24", Some(Tue)),
        ("tue", TODAY, "2026-11-24", Some(Tue)),
        ("tues", TODAY, "2026-11-24", Some(Tue)),
        ("onsdag", TODAY, "2026-11-25", Some(Wed)),
        ("ons", TODAY, "2026-11-25", Some(Wed)),
        ("wednesday", TODAY, "2026-11-25", Some(Wed)),
        ("wed.", TODAY, "2026-11-25", Some(Wed)),
        ("torsdag", TODAY, "2026-11-26", Some(Thu)),
        ("tor", TODAY, "2026-11-26", Some(Thu)),
        ("tors", TODAY, "2026-11-26", Some(Thu)),
        ("thursday", TODAY, "2026-11-26", Some(Thu)),
        ("thu", TODAY, "2026-11-26", Some(Thu)),
        ("thur", TODAY, "2026-11-26", Some(Thu)),
        ("thurs.", TODAY, "2026-11-26", Some(Thu)),
        // A weekday with a date, in either order, with filler and commas.
        ("mandag 20/1/2025", TODAY, "2025-01-20", Some(Mon)),
        ("man. 20/1/2025", TODAY, "2025-01-20", Some(Mon)),
        ("mandag den 20/1/2025", TODAY, "2025-01-20", Some(Mon)),
        ("mandag d. 20/1/2025", TODAY, "2025-01-20", Some(Mon)),
        ("Mandag, den 20.01.2025", TODAY, "2025-01-20", Some(Mon)),
        ("monday 2025-01-20", TODAY, "2025-01-20", Some(Mon)),
        ("monday, the 20/1/2025", TODAY, "2025-01-20", Some(Mon)),
        ("20/1/2025 mandag", TODAY, "2025-01-20", Some(Mon)),
        ("20/1/2025, man", TODAY, "2025-01-20", Some(Mon)),
        ("tirsdag 20/1/2025", TODAY, "2025-01-20", Some(Tue)),
        ("mandag 20/1", TODAY, "2027-01-20", Some(Mon)),
        ("lør 21/11", TODAY, "2026-11-21", Some(Sat)),
        // Without a year: this year unless more than 60 days ago.
        ("20/1", TODAY, "2027-01-20", None),
        ("13/11", TODAY, "2026-11-13", None),
        ("24/12", TODAY, "2026-12-24", None),
        ("21/9", TODAY, "2026-09-21", None),
        ("20/9", TODAY, "2027-09-20", None),
        ("15/3", "2026-01-05", "2026-03-15", None),
        ("1/12", "2026-01-05", "2026-12-01", None),
    ];
    for (input, today, want, named) in table {
        let got = parse_date(input, d(today)).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(got.date, d(want), "{input:?} on {today}");
        assert_eq!(got.weekday, *named, "{input:?} weekday");
    }
}

#[test]
fn rejected_dates_say_why_and_what_to_type() {
    // (input, a part of the reason)
    let table: &[(&str, &str)] = &[
        ("", "no date"),
        ("   ", "no date"),
        (
            "mandagg",
            "unknown day \"mandagg\": write a date like 20/1 or a weekday like mandag",
        ),
        ("manda", "unknown day \"manda\""),
        ("31/2", "February 2027 has days 1 to 28"),
        ("29/2/2027", "February 2027 has days 1 to 28"),
        ("31/4/2026", "April 2026 has days 1 to 30"),
        ("0/1", "January"),
        ("1/0", "no month 0"),
        ("2025-13-01", "no month 13"),
        ("20/13", "no month 13"),
        ("mandag tirsdag", "two weekdays (mandag and tirsdag)"),
        ("man 20/1 fre", "two weekdays"),
        ("20/1 21/1", "two dates (20/1 and 21/1)"),
        ("20/1 xyz", "unknown day \"xyz\""),
        ("mandag 20/1 please", "unknown day \"please\""),
        ("20/1 5", "\"5\" is not a date"),
        ("20", "\"20\" is not a date: write it like 20/1"),
        ("20jan", "\"20jan\" is not a date"),
        ("20/1/202", "not a date"),
        ("2025-01", "not a date"),
        ("20//1", "not a date"),
        ("-1", "count days ahead only"),
        ("- 3", "count days ahead only"),
        ("+", "write + and a number of days"),
        ("+x", "write + and a number of days"),
        ("+99999999999999999999999", "too far ahead"),
        ("den", "no date"),
        ("i går", "unknown day \"i\""),
    ];
    for (input, reason) in table {
        match parse_date(input, d(TODAY)) {
            Ok(got) => panic!("{input:?} parsed as {got:?}"),
            Err(e) => assert!(
                e.to_string().contains(reason),
                "{input:?}: {e:?} lacks {reason:?}"
            ),
        }
    }
}

#[test]
fn weekday_mismatch_is_reported_in_danish() {
    let today = d(TODAY);
    let tue = parse_date("tirsdag 20/1/2025", today).expect("parse");
    assert_eq!(tue.mismatch(), Some(Weekday::Tue));
    assert_eq!(
        tue.mismatch_text().as_deref(),
        Some("20/1/2025 is mandag, not tirsdag")
    );
    let mon = parse_date("mandag 20/1/2025", today).expect("parse");
    assert_eq!(mon.mismatch(), None);
    assert_eq!(mon.mismatch_text(), None);
    let sun = parse_date("20/1/2025 sunday", today).expect("parse");
    assert_eq!(
        sun.mismatch_text().as_deref(),
        Some("20/1/2025 is mandag, not søndag")
    );
    let plain = parse_date("20/1/2025", today).expect("parse");
    assert_eq!(plain.mismatch(), None);
}

#[test]
fn times_in_every_form() {
    let table: &[(&str, &str)] = &[
        ("9", "09:00"),
        ("09", "09:00"),
        ("0", "00:00"),
        ("14", "14:00"),
        ("23", "23:00"),
        ("930", "09:30"),
        ("0930", "09:30"),
        ("1415", "14:15"),
        ("9:30", "09:30"),
        ("09:30", "09:30"),
        ("9.30", "09:30"),
        ("09.30", "09:30"),
        ("23:59", "23:59"),
        ("0:00", "00:00"),
        ("kl 9", "09:00"),
        ("kl. 9.30", "09:30"),
        ("Kl.14", "14:00"),
        ("KL 7:45", "07:45"),
        (" 9:30 ", "09:30"),
    ];
    for (input, want) in table {
        let got = parse_time(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(got, t(want), "{input:?}");
    }
}

#[test]
fn rejected_times_say_what_to_type() {
    let table: &[(&str, &str)] = &[
        ("", "no time: write it like 9"),
        ("24:00", "hours go from 0 to 23"),
        ("24", "hours go from 0 to 23"),
        ("25", "hours go from 0 to 23"),
        ("2400", "hours go from 0 to 23"),
        ("9:60", "minutes go from 00 to 59"),
        ("960", "minutes go from 00 to 59"),
        ("9:30:00", "without seconds"),
        ("9:5", "two digits"),
        ("9:300", "two digits"),
        ("abc", "\"abc\" is not a time: write it like 9, 9:30"),
        ("9am", "is not a time"),
        ("ni", "is not a time"),
        ("12345", "is not a time"),
        ("9 30", "is not a time"),
        ("-9", "is not a time"),
        ("kl", "is not a time"),
        ("123:00", "is not a time"),
    ];
    for (input, reason) in table {
        match parse_time(input) {
            Ok(got) => panic!("{input:?} parsed as {got}"),
            Err(e) => assert!(
                e.to_string().contains(reason),
                "{input:?}: {e:?} lacks {reason:?}"
            ),
        }
    }
}

#[test]
fn durations_in_every_form() {
    let table: &[(&str, u32)] = &[
        ("3", 180),
        ("1", 60),
        ("24", 1440),
        ("2,5", 150),
        ("2.5", 150),
        ("0,25", 15),
        (",5", 30),
        ("1,1", 66),
        ("2:30", 150),
        ("0:45", 45),
        ("2t", 120),
        ("2 t", 120),
        ("2 timer", 120),
        ("1 time", 60),
        ("2h", 120),
        ("2 hours", 120),
        ("2,5 t", 150),
        ("2.5h", 150),
        ("2h30", 150),
        ("2t30", 150),
        ("2 h 30", 150),
        ("3 h 05", 185),
        ("2h30m", 150),
        ("2 t 30 min", 150),
        ("2 hours 30 minutes", 150),
        ("150m", 150),
        ("150 min", 150),
        ("90min", 90),
        ("45 minutter", 45),
        ("1440 min", 1440),
        ("  2T30MIN ", 150),
    ];
    for (input, want) in table {
        let got = parse_duration(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(got, *want, "{input:?}");
    }
}

#[test]
fn rejected_durations_say_what_to_type() {
    let table: &[(&str, &str)] = &[
        ("", "no duration"),
        ("0", "longer than 0"),
        ("0 min", "longer than 0"),
        ("0:00", "longer than 0"),
        ("-2", "cannot be negative"),
        ("-30 min", "cannot be negative"),
        ("25", "longer than a day"),
        ("90", "for minutes write 90 min"),
        ("1441 min", "longer than a day"),
        ("24:01", "longer than a day"),
        ("99999999999", "longer than a day"),
        ("2:60", "minutes go from 00 to 59"),
        ("2:5", "is not a duration"),
        ("2h75", "minutes go from 0 to 59"),
        ("2 days", "unknown unit \"days\""),
        ("2x", "unknown unit \"x\""),
        ("min", "is not a duration"),
        ("30 min 2 t", "is not a duration"),
        ("2 3", "is not a duration"),
        ("1,5 min", "whole number"),
        ("2,5 t 30 min", "whole hours"),
        ("2,,5", "is not a duration"),
        ("2.", "is not a duration"),
        ("abc", "is not a duration"),
    ];
    for (input, reason) in table {
        match parse_duration(input) {
            Ok(got) => panic!("{input:?} parsed as {got}"),
            Err(e) => assert!(
                e.to_string().contains(reason),
                "{input:?}: {e:?} lacks {reason:?}"
            ),
        }
    }
}

#[test]
fn durations_are_shown_in_one_form() {
    let table: &[(u32, &str)] = &[
        (0, "0 min"),
        (5, "5 min"),
        (45, "45 min"),
        (60, "1 h"),
        (150, "2 h 30"),
        (185, "3 h 05"),
        (1440, "24 h"),
    ];
    for (min, want) in table {
        assert_eq!(format_duration(*min), *want);
    }
}

proptest! {
    #[test]
    fn written_dates_parse_back(offset in 0i64..36_525, today_offset in 0i64..36_525) {
        let base = d("2000-01-01");
        let date = base + Duration::days(offset);
        let today = base + Duration::days(today_offset);
        let forms = [
            format!("{}/{}/{}", date.day(), date.month(), date.year()),
            date.format("%d.%m.%Y").to_string(),
            date.format("%Y-%m-%d").to_string(),
        ];
        for form in forms {
            let got = parse_date(&form, today).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(got.date, date, "{}", form);
            prop_assert_eq!(got.weekday, None);
        }
    }

    #[test]
    fn a_named_weekday_mismatches_exactly_when_it_differs(
        offset in 0i64..36_525,
        word in 0usize..37,
        dot in any::<bool>(),
        after in any::<bool>(),
        filler in 0usize..4,
    ) {
        let date = d("2000-01-01") + Duration::days(offset);
        let words: Vec<(&str, Weekday)> = WEEKDAY_WORDS
            .iter()
            .flat_map(|(w, names)| names.iter().map(|n| (*n, *w)))
            .collect();
        prop_assert_eq!(words.len(), 37);
        let (name, named) = words[word];
        let name = if dot { format!("{name}.") } else { name.to_string() };
        let written = dmy(date);
        let filler = ["", " den", ", d.", " the"][filler];
        let input = if after {
            format!("{written} {name}")
        } else {
            format!("{name}{filler} {written}")
        };
        let got = parse_date(&input, d(TODAY)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(got.date, date, "{}", input);
        prop_assert_eq!(got.weekday, Some(named));
        prop_assert_eq!(got.mismatch().is_some(), named != date.weekday(), "{}", input);
        prop_assert_eq!(got.mismatch_text().is_some(), named != date.weekday());
    }

    #[test]
    fn shown_durations_parse_back(min in 1u32..=1440) {
        prop_assert_eq!(parse_duration(&format_duration(min)), Ok(min));
    }

    #[test]
    fn times_written_as_hh_mm_parse_back(h in 0u32..24, m in 0u32..60) {
        let want = NaiveTime::from_hms_opt(h, m, 0).expect("time");
        for form in [format!("{h}:{m:02}"), format!("{h:02}.{m:02}"), format!("{h}{m:02}")] {
            prop_assert_eq!(parse_time(&form), Ok(want), "{}", form);
        }
    }
}

#[test]
fn a_jobs_length_comes_from_its_duration_or_its_end() {
    let nine = NaiveTime::from_hms_opt(9, 0, 0).expect("time");
    assert_eq!(
        job_length(nine, Some("2:30"), Some("10")),
        Ok(150),
        "the duration wins"
    );
    assert_eq!(job_length(nine, None, Some("11:15")), Ok(135));
    assert_eq!(
        job_length(nine, None, Some("8")),
        Err(LengthError::EndNotAfter("8".into()))
    );
    assert!(matches!(
        job_length(nine, None, Some("25")),
        Err(LengthError::End(_))
    ));
    assert!(matches!(
        job_length(nine, Some("x"), None),
        Err(LengthError::Duration(_))
    ));
    assert_eq!(job_length(nine, None, None), Err(LengthError::Missing));
}
