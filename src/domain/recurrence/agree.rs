//! Our expander against the `rrule` crate (a port of python-dateutil) on
//! random rules: both must give the same dates. We keep our own expander
//! (it works in wall-clock time, bounds its cost per rule and names what it
//! refuses, which the readers of untrusted calendars need); the crate is only
//! the reference these tests compare it with.
//!
//! Rules are expanded from a UTC start, so daylight saving plays no part:
//! turning wall-clock times into instants is the series' business, tested
//! there. The start is the crate's first occurrence of the rule, because
//! RFC 5545 counts the start as an occurrence even when it does not match.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::RRule;

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn by_day(freq: &str) -> impl Strategy<Value = Option<String>> {
    let ordinals = freq == "MONTHLY" || freq == "YEARLY";
    proptest::option::weighted(
        0.7,
        // One entry per weekday: the crate keeps only one of `WE,-1WE`.
        proptest::collection::btree_map(0..7usize, -5i32..=5, 1..4).prop_map(move |set| {
            set.into_iter()
                .map(|(d, n)| {
                    if ordinals && n != 0 {
                        format!("{n}{}", DAYS[d])
                    } else {
                        DAYS[d].to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        }),
    )
}

fn list(
    range: std::ops::RangeInclusive<i32>,
    zero_ok: bool,
    len: usize,
) -> impl Strategy<Value = String> {
    proptest::collection::btree_set(
        range.prop_filter("not zero", move |v| zero_ok || *v != 0),
        1..=len,
    )
    .prop_map(|s| {
        s.into_iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(",")
    })
}

prop_compose! {
    fn rule()(freq in prop_oneof![Just("DAILY"), Just("WEEKLY"), Just("MONTHLY"), Just("YEARLY")])
        (days in by_day(freq),
         freq in Just(freq),
         interval in 1u32..=4,
         month_days in proptest::option::weighted(0.25, list(-31..=31, false, 3)),
         months in proptest::option::weighted(0.25, list(1..=12, true, 3)),
         set_pos in proptest::option::weighted(0.3, list(-3..=3, false, 2)),
         count in proptest::option::weighted(0.3, 1u32..40),
         until_days in proptest::option::weighted(0.3, 1i64..2000))
        -> (String, Option<i64>)
    {
        let mut parts = vec![format!("FREQ={freq}")];
        if interval > 1 { parts.push(format!("INTERVAL={interval}")); }
        if let Some(d) = &days { parts.push(format!("BYDAY={d}")); }
        if let Some(m) = &month_days { parts.push(format!("BYMONTHDAY={m}")); }
        if let Some(m) = &months { parts.push(format!("BYMONTH={m}")); }
        // BYSETPOS means something only beside another BY part.
        if let Some(p) = set_pos.filter(|_| days.is_some() || month_days.is_some()) {
            parts.push(format!("BYSETPOS={p}"));
        }
        let until = if count.is_none() { until_days } else { None };
        // The crate leaves the start out of its own period under BYSETPOS
        // (RFC 5545 keeps it), so COUNT would be off by one there.
        if let Some(c) = count.filter(|_| !parts.iter().any(|p| p.starts_with("BYSETPOS"))) {
            parts.push(format!("COUNT={c}"));
        }
        (parts.join(";"), until)
    }
}

fn crate_dates(
    text: &str,
    start: NaiveDateTime,
    limit: NaiveDateTime,
    n: usize,
) -> Option<Vec<NaiveDateTime>> {
    let set: rrule::RRuleSet = format!("DTSTART:{}Z\nRRULE:{text}", start.format("%Y%m%dT%H%M%S"))
        .parse()
        .ok()?;
    Some(
        set.into_iter()
            .map(|d| d.naive_utc())
            .take_while(|d| *d < limit)
            .take(n)
            .collect(),
    )
}

/// The start of the period after the one holding `t`, as midnight.
fn next_period(text: &str, t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Datelike;
    let d = t.date();
    let next = if text.contains("FREQ=WEEKLY") {
        d + Duration::days(7 - i64::from(d.weekday().num_days_from_monday()))
    } else if text.contains("FREQ=MONTHLY") {
        let m = d.month() % 12 + 1;
        let y = if m == 1 { d.year() + 1 } else { d.year() };
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    } else if text.contains("FREQ=YEARLY") {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1).unwrap()
    } else {
        d + Duration::days(1)
    };
    next.and_hms_opt(0, 0, 0).unwrap() - Duration::seconds(1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn our_expansion_agrees_with_the_rrule_crate(
        (text, until_days) in rule(),
        start_day in 0i64..4000,
    ) {
        let day0 = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(start_day);
        let t0 = day0.and_hms_opt(8, 30, 0).unwrap();
        let limit = (day0 + Duration::days(5 * 366)).and_hms_opt(0, 0, 0).unwrap();
        // The rule's own first occurrence (without COUNT and UNTIL) is the start.
        let bare: Vec<&str> = text.split(';').filter(|p| !p.starts_with("COUNT")).collect();
        let Some(first) = crate_dates(&bare.join(";"), t0, limit, 1).and_then(|v| v.first().copied()) else {
            return Ok(());
        };
        let text = match until_days {
            Some(d) => format!("{text};UNTIL={}Z", (first + Duration::days(d)).format("%Y%m%dT%H%M%S")),
            None => text,
        };
        let Some(theirs) = crate_dates(&text, first, limit, 60) else {
            return Ok(());
        };
        // A rule RFC 5545 forbids (BYMONTHDAY with WEEKLY) we refuse by name.
        let Ok(ours) = RRule::parse(&text) else {
            return Ok(());
        };
        let ours: Vec<NaiveDateTime> = ours
            .expand(first)
            .horizon(limit.date() - Duration::days(1))
            .take(60)
            .collect();
        // The start is ours by RFC 5545. Under BYSETPOS the crate drops the
        // dates before the start from the start's period before it picks
        // (RFC 5545 picks from the whole period), so that period is left out.
        let from = if text.contains("BYSETPOS") { next_period(&text, first) } else { first };
        let later = |v: Vec<NaiveDateTime>| -> Vec<NaiveDateTime> {
            v.into_iter().filter(|d| *d > from).take(50).collect()
        };
        prop_assert_eq!(ours.first(), Some(&first));
        prop_assert_eq!(later(ours), later(theirs), "rule {} from {}", text, first);
    }
}
