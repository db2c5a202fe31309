//! Dates, times and durations as dispatchers type them: whatever the text
//! and whatever day it is, an answer or a sentence, and a duration that
//! reads back as itself.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::check;
use crate::domain::when::{format_duration, parse_date, parse_duration, parse_time};

/// Text made of the pieces people type, right and wrong.
fn typed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(&[
            "20",
            "1",
            "2025",
            "25",
            "0",
            "00",
            "31",
            "32",
            "13",
            "29",
            "2",
            "9",
            "930",
            "0930",
            "24",
            "60",
            "/",
            "-",
            ".",
            ":",
            ",",
            " ",
            "  ",
            "+",
            "kl",
            "kl.",
            "t",
            "h",
            "m",
            "min",
            "time",
            "timer",
            "i dag",
            "i morgen",
            "overmorgen",
            "mandag",
            "man.",
            "søndag",
            "monday",
            "den",
            "d.",
            "the",
            "2,5",
            "\u{a0}",
            "\t",
            "\0",
            "\u{1b}[2J",
            "ø",
            "İ",
            "ß",
        ])
        .prop_map(str::to_string),
        proptest::sample::select(super::NUMBERS).prop_map(str::to_string),
        "\\PC{0,4}",
    ];
    prop_oneof![
        9 => proptest::collection::vec(piece, 0..8).prop_map(|p| p.concat()),
        1 => ("[0-9]{1,3}", 1usize..20_000).prop_map(|(s, n)| s.repeat(n)),
    ]
}

/// Any day a clock may say, the ends of the calendar included.
fn today() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        (-1000i32..12000, 1u32..=366)
            .prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d).unwrap_or(NaiveDate::MAX)),
    ]
}

/// Every parser, on one text: no panic, and what it gives makes sense.
pub(crate) fn parse_all(text: &str, today: NaiveDate) -> Result<(), String> {
    let said = |e: String| match e.trim().is_empty() {
        true => Err(format!("an error without words for {text:?}")),
        false => Ok(()),
    };
    match parse_date(text, today) {
        Ok(d) => {
            let _ = (d.mismatch_text(), d.date.weekday());
        }
        Err(e) => said(e.to_string())?,
    }
    if let Err(e) = parse_time(text) {
        said(e.to_string())?;
    }
    match parse_duration(text) {
        Ok(min) => {
            if !(1..=24 * 60).contains(&min) {
                return Err(format!("{text:?} gave {min} minutes"));
            }
            let again = parse_duration(&format_duration(min));
            if again != Ok(min) {
                return Err(format!("{min} min written and read again is {again:?}"));
            }
        }
        Err(e) => said(e.to_string())?,
    }
    Ok(())
}

#[test]
fn typed_dates_times_and_durations_read_or_say_why() {
    check("when", 512, (typed(), today()), |(text, today)| {
        parse_all(text, *today)
    });
}
