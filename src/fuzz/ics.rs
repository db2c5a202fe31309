//! Calendars, checked as `renos validate` checks them (every event read,
//! its zone resolved, its series expanded and mapped to bookings), and
//! RRULEs on their own: parsed, then walked as the calendar reader walks
//! them.

use std::io::Cursor;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use proptest::prelude::*;

use super::{Bytes, Edit, Recipe, check, recipes, replay};
use crate::domain::BusinessTz;
use crate::domain::recurrence::RRule;
use crate::engine::import::ImportError;
use crate::engine::import::ics::validate_ics_input;

/// Zones and series written to cost time, beside files as tools write them.
const HOSTILE: &str = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//y//EN\n\
BEGIN:VTIMEZONE\nTZID:Hostile\n\
BEGIN:STANDARD\nDTSTART:00011025T030000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=1000000\n\
TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n\
BEGIN:DAYLIGHT\nDTSTART:00010101T000000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\n\
TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n\
BEGIN:VEVENT\nUID:a@x\nSUMMARY:Rengøring hos Hansen\nDTSTART;TZID=Hostile:20261123T090000\n\
DTEND;TZID=Hostile:20261123T110000\nRRULE:FREQ=DAILY;COUNT=5000000\nEXDATE;TZID=Hostile:20261124T090000\n\
ATTENDEE;CN=\"Hansen, Maria\":mailto:m@x.dk\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:a@x\nRECURRENCE-ID;TZID=Hostile:20261125T090000\nSUMMARY:Flyttet\n\
DTSTART;TZID=Hostile:20261125T130000\nDURATION:PT2H\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:b@x\nSUMMARY:Aldrig\nDTSTART:20261123T090000Z\nDTEND:20261123T100000Z\n\
RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nRDATE;VALUE=DATE:20261201,20261202\nEND:VEVENT\n\
END:VCALENDAR\n";

const SEEDS: &[&[u8]] = &[
    include_bytes!("../../tests/data/ics/calcurse-export.ics"),
    include_bytes!("../../tests/data/ics/calcurse-input.ics"),
    include_bytes!("../../tests/data/ics/khal-allday.ics"),
    include_bytes!("../../tests/data/ics/khal-details.ics"),
    include_bytes!("../../tests/data/ics/khal-timed.ics"),
    include_bytes!("../../tests/data/ics/khal-weekly.ics"),
    include_bytes!("../../tests/data/ics/outlook-style.ics"),
    HOSTILE.as_bytes(),
];

const TOKENS: &[&[u8]] = &[
    b"BEGIN:VEVENT\n",
    b"END:VEVENT\n",
    b"BEGIN:VTIMEZONE\n",
    b"END:VTIMEZONE\n",
    b"BEGIN:STANDARD\n",
    b"BEGIN:DAYLIGHT\n",
    b"BEGIN:VALARM\n",
    b"END:VCALENDAR\n",
    b"BEGIN:VCALENDAR\n",
    b" ",
    b"\n ",
    b";",
    b":",
    b"\\",
    b"\\n",
    b"RRULE:FREQ=DAILY;COUNT=5000000\n",
    b"RRULE:FREQ=SECONDLY\n",
    b"RRULE:FREQ=YEARLY;INTERVAL=4294967295\n",
    b"RRULE:FREQ=MONTHLY;BYDAY=-5FR;BYSETPOS=-366\n",
    b"RRULE:FREQ=WEEKLY;UNTIL=00010101T000000Z\n",
    b"RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=100000\n",
    b"EXDATE:20261124T090000Z,20261125T090000Z\n",
    b"RDATE;VALUE=PERIOD:20261124T090000Z/PT1H\n",
    b"DTSTART:00010101T000000\n",
    b"DTSTART;VALUE=DATE:99991231\n",
    b"DTSTART;TZID=Nowhere/Else:20261123T090000\n",
    b"DTEND:19000101T000000Z\n",
    b"DURATION:P9999999W\n",
    b"DURATION:-PT1S\n",
    b"TZOFFSETFROM:+9999\n",
    b"TZOFFSETTO:-2400\n",
    b"TZID:Hostile\n",
    b"RECURRENCE-ID:20261123T090000Z\n",
    b"ATTENDEE;CN=\"\":mailto:\n",
    b"SUMMARY:\x1b]0;x\x07\n",
    b";TZID=",
    b"=\"",
];

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T12:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default()
}

/// Checks `bytes` as `renos validate` does: a report, or a file error that
/// says what is wrong.
pub(crate) fn validate(bytes: Vec<u8>) -> Result<(), String> {
    match validate_ics_input(Cursor::new(bytes), "fuzz.ics", BusinessTz::default(), now()) {
        Ok(report) => match report
            .problems
            .iter()
            .find(|p| p.to_string().trim().is_empty())
        {
            Some(_) => Err("a problem without words".into()),
            None => Ok(()),
        },
        Err(ImportError::File { fault, .. }) if fault.to_string().trim().is_empty() => {
            Err("an empty file error".into())
        }
        Err(_) => Ok(()),
    }
}

#[test]
fn calendars_validate_to_an_end() {
    let seeds: Vec<Vec<u8>> = SEEDS.iter().map(|s| s.to_vec()).collect();
    check("ics", 96, recipes(seeds.len(), TOKENS), |r: &Recipe| {
        validate(r.build(&seeds))
    });
}

/// RRULE text made of parts, right and wrong.
fn rule_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        proptest::sample::select(&[
            "FREQ=DAILY",
            "FREQ=WEEKLY",
            "FREQ=MONTHLY",
            "FREQ=YEARLY",
            "FREQ=HOURLY",
            "FREQ=SECONDLY",
            "FREQ=",
            "WKST=SU",
            "WKST=XX",
            "UNTIL=20261231",
            "UNTIL=20261231T230000Z",
            "UNTIL=00010101T000000",
            "UNTIL=99991231T235959Z",
            "UNTIL=2026",
            "BYDAY=MO,WE,FR",
            "BYDAY=-1SU",
            "BYDAY=53MO",
            "BYDAY=+5FR",
            "BYDAY=0MO",
            "BYDAY=-99999999999TU",
            "BYMONTHDAY=31",
            "BYMONTHDAY=-31",
            "BYMONTHDAY=0",
            "BYMONTHDAY=29,30,31",
            "BYMONTH=2",
            "BYMONTH=13",
            "BYMONTH=0",
            "BYSETPOS=-1",
            "BYSETPOS=366",
            "BYSETPOS=0",
            "BYYEARDAY=366",
            "BYWEEKNO=53",
            "BYHOUR=25",
            "X-NAME=1",
            "COUNT=",
            "INTERVAL=",
        ])
        .prop_map(str::to_string),
        (
            proptest::sample::select(&["COUNT=", "INTERVAL=", "BYMONTHDAY=", "BYSETPOS="]),
            proptest::sample::select(super::NUMBERS)
        )
            .prop_map(|(k, n)| format!("{k}{n}")),
        "[A-Z=;,+-0-9]{0,12}",
    ];
    proptest::collection::vec(part, 0..7).prop_map(|p| p.join(";"))
}

fn start() -> impl Strategy<Value = NaiveDateTime> {
    prop_oneof![
        Just("0001-01-01T00:00:00"),
        Just("1600-02-29T12:00:00"),
        Just("2026-01-31T09:00:00"),
        Just("2026-11-23T09:00:00"),
        Just("9999-12-31T23:59:59"),
    ]
    .prop_map(|s| s.parse().unwrap_or_default())
}

/// A rule, walked as the calendar reader walks it (at most 20,000 periods,
/// up to a horizon), gives its occurrences in order, from its start on.
pub(crate) fn walk(text: &str, start: NaiveDateTime) -> Result<(), String> {
    let Ok(rule) = RRule::parse(text) else {
        return Ok(());
    };
    let horizon = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or(NaiveDate::MAX);
    let mut last: Option<NaiveDateTime> = None;
    for t in rule
        .expand(start)
        .horizon(horizon)
        .max_periods(20_000)
        .take(5_001)
    {
        if t < start {
            return Err(format!("{t} before the start {start}"));
        }
        if last.is_some_and(|l| t <= l) {
            return Err(format!("{t} after {last:?}: out of order"));
        }
        last = Some(t);
    }
    Ok(())
}

#[test]
fn rrules_parse_and_walk_in_bounds() {
    check("rrule", 256, (rule_text(), start()), |(text, start)| {
        walk(text, *start)
    });
}

/// The slowest inputs of the long runs, kept as recipes.
#[test]
fn inputs_found_by_the_long_runs_are_read_in_bounds() {
    let seeds: Vec<Vec<u8>> = SEEDS.iter().map(|s| s.to_vec()).collect();
    let calendars = [
        Recipe {
            seed: 1,
            edits: vec![Edit::Repeat(3619988553, 22, 287730)],
        },
        Recipe {
            seed: 5,
            edits: vec![
                Edit::Insert(667044395, Bytes(b"BEGIN:VALARM\n".to_vec())),
                Edit::Repeat(1167312042, 14, 26),
                Edit::Repeat(1680254111, 38, 248898),
                Edit::Repeat(2953615859, 114, 37),
                Edit::Insert(3201973432, Bytes(b";TZID=".to_vec())),
            ],
        },
    ];
    replay(&calendars, |r| validate(r.build(&seeds)));
    let start = |s: &str| s.parse::<NaiveDateTime>().unwrap_or_default();
    let rules = [(
        "COUNT=2147483647;UNTIL=20261231;BYMONTHDAY=-31;X-NAME=1;FREQ=DAILY",
        start("0001-01-01T00:00:00"),
    )];
    replay(&rules, |(text, at)| walk(text, *at));
}
