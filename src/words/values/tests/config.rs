//! A settings file's faults in both languages: English is byte for byte
//! the text the checks have always written (logs and scripts grep it);
//! Danish names the file, the line of the key and the field, and says what
//! to do.

use std::path::Path;

use super::*;
use crate::config::{ConfigError, Settings};
use crate::tomlfile::TomlError;

/// The error `text` makes as `config.toml`.
fn refused(text: &str) -> anyhow::Error {
    match Settings::parse(text, Path::new("config.toml")) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e,
    }
}

/// English and Danish of a refused config file (a value or its TOML).
fn both(text: &str) -> (String, String, String) {
    let e = refused(text);
    let shown = e.to_string();
    let (en, da) = if let Some(c) = e.downcast_ref::<ConfigError>() {
        (config_error(en(), c), config_error(da(), c))
    } else if let Some(t) = e.downcast_ref::<TomlError>() {
        (toml_error(en(), t), toml_error(da(), t))
    } else {
        panic!("untyped: {shown}")
    };
    (shown, en, da)
}

/// Danish that is not the English and not a missing key, with no English
/// word before the reader's own (which come last, as they are).
fn danish(text: &str, english: &str) {
    assert_ne!(text, english);
    let ours = text.split("(læseren siger:").next().unwrap_or(text);
    for not in [
        "config-",
        "toml-",
        " is ",
        "out of range",
        " line ",
        " use ",
    ] {
        assert!(!ours.contains(not), "{not:?} in {text}");
    }
}

#[test]
fn every_refused_value_in_both_languages_with_its_file_field_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "[day]\nscroll_min = 300\n",
            "config.toml: day.scroll_min: 300 is out of range; use 5 to 240 minutes",
            "config.toml: linje 2: day.scroll_min: 300 ligger uden for det tilladte; brug 5 til 240 \
             minutter",
        ),
        (
            "[day]\nmove_step_min = 0\n",
            "config.toml: day.move_step_min: 0 is out of range; use 1 to 120 minutes",
            "brug 1 til 120 minutter",
        ),
        (
            "[conflicts]\ntravel_gap_min = 300\n",
            "config.toml: conflicts.travel_gap_min: 300 is out of range; use 0 to 240 minutes",
            "brug 0 til 240 minutter",
        ),
        (
            "[overtime]\nwarning_pct = 0\n",
            "config.toml: overtime.warning_pct: 0 is out of range; use 1 to 100",
            "0 ligger uden for det tilladte; brug 1 til 100",
        ),
        (
            "[overtime]\nalert_pct = 2000\n",
            "config.toml: overtime.alert_pct: 2000 is out of range; use 0 to 1000",
            "brug 0 til 1000",
        ),
        (
            "[sync]\nrequests_per_minute = 70000\n",
            "config.toml: sync.requests_per_minute: 70000 is out of range; use 0 (unpaced) to 60000",
            "brug 0 (ingen grænse) til 60000",
        ),
        (
            "[sync]\ndebounce_sec = 601\n",
            "config.toml: sync.debounce_sec: 601 is out of range; use 0 to 600 seconds",
            "brug 0 til 600 sekunder",
        ),
        (
            "[sync]\npast_days = 4000\n",
            "config.toml: sync.past_days: 4000 is out of range; use 0 to 3650 days",
            "brug 0 til 3650 dage",
        ),
        (
            "[sync]\ninstance_weeks = 0\n",
            "config.toml: sync.instance_weeks: 0 is out of range; use 1 to 104 weeks",
            "brug 1 til 104 uger",
        ),
        (
            "[slots]\nmin_notice_min = 20000\n",
            "config.toml: line 2: slots.min_notice_min: 20000 is out of range; use 0 to 10080 \
             minutes (a week)",
            "config.toml: linje 2: slots.min_notice_min: 20000 ligger uden for det tilladte; brug \
             0 til 10080 minutter (en uge)",
        ),
        (
            "[slots]\n\ntravel_gap_between_areas_min = 5\n",
            "config.toml: line 3: slots.travel_gap_between_areas_min: 5 is out of range; use 15 \
             (the gap within an area, conflicts.travel_gap_min) to 240 minutes",
            "brug 15 (afstanden inden for et område, conflicts.travel_gap_min) til 240 minutter",
        ),
        (
            "[api]\nburst = 0\nbody_limit_kib = 1\n",
            "config.toml: line 2: api.burst: 0 is out of range; use 1 to 10000 requests",
            "brug 1 til 10000 forespørgsler",
        ),
        (
            "[api]\nbody_limit_kib = 0\n",
            "config.toml: line 2: api.body_limit_kib: 0 is out of range; use 1 to 10240 KiB",
            "brug 1 til 10240 KiB",
        ),
        (
            "[office]\ntick_ms = 5\n",
            "config.toml: office.tick_ms: 5 is out of range; use 10 to 60000 milliseconds",
            "brug 10 til 60000 millisekunder",
        ),
        (
            "[office]\nalert_every_sec = 0\n",
            "config.toml: office.alert_every_sec: 0 is out of range; use 1 to 3600 seconds",
            "brug 1 til 3600 sekunder",
        ),
        (
            "[billy]\npayment_terms_days = 400\n",
            "config.toml: billy.payment_terms_days: 400 is out of range; use 0 to 365 days",
            "brug 0 til 365 dage",
        ),
        (
            "[alerts]\ndouble_booking_hours = 0\n",
            "config.toml: alerts.double_booking_hours: 0 is out of range; use 1 to 168 hours",
            "brug 1 til 168 timer",
        ),
        (
            "[series]\nhorizon_weeks = 0\n",
            "config.toml: series.horizon_weeks: 0 is out of range; use 1 to 104 weeks",
            "brug 1 til 104 uger",
        ),
        (
            "[day]\nstart = \"7\"\n",
            "config.toml: day.start: \"7\" is not a time; write it as HH:MM, e.g. 07:30",
            "config.toml: linje 2: day.start: \"7\" er ikke et klokkeslæt; skriv det som TT:MM",
        ),
        (
            "[alerts]\nremind_at = \"kl 8\"\n",
            "config.toml: alerts.remind_at: \"kl 8\" is not a time; write it as HH:MM, e.g. 07:30",
            "\"kl 8\" er ikke et klokkeslæt",
        ),
        (
            "[day]\nstart = \"10:00\"\nend = \"09:00\"\n",
            "config.toml: day.end must be after day.start",
            "config.toml: day.end skal ligge efter day.start; ret en af dem",
        ),
        (
            "time_zone = \"Mars/Base\"\n",
            "config.toml: time_zone: unknown time zone \"Mars/Base\" (use an IANA name such as \
             Europe/Copenhagen)",
            "config.toml: linje 1: time_zone: \"Mars/Base\" er ikke en kendt tidszone; skriv et \
             IANA-navn",
        ),
        (
            "[ui]\nlanguage = \"sv\"\n",
            "config.toml: ui.language: \"sv\" is not a language the console speaks; use \"da\" \
             or \"en\"",
            "\"sv\" er ikke et sprog, konsollen taler; skriv \"da\" eller \"en\"",
        ),
        (
            "[slots]\ngrid_min = 7\n",
            "config.toml: line 2: slots.grid_min: 7 is not a grid; use 5 to 120 minutes that \
             divide an hour (5, 10, 15, 20, 30) or whole hours (60, 120)",
            "linje 2: slots.grid_min: 7 kan ikke bruges som tidsgitter",
        ),
        (
            "[slots]\nmin_notice_min = 1440\nmax_notice_days = 1\n",
            "config.toml: line 3: slots.max_notice_days: 1 days ahead leaves nothing after the \
             minimum notice of 1440 minutes",
            "linje 3: slots.max_notice_days: 1 dage frem efterlader intet",
        ),
        (
            "[billing]\nround_min = 20\n",
            "config.toml: billing.round_min: 20 is not a billing unit; use 15 (quarter hour), 30 \
             or 60 minutes",
            "20 er ikke en faktureringsenhed; brug 15 (et kvarter), 30 eller 60 minutter",
        ),
        (
            "[billing]\nhourly_rate = 0\n",
            "config.toml: billing.hourly_rate: a rate must be more than 0 kr",
            "taksten kan ikke bruges; skriv et beløb over 0 kr",
        ),
        (
            "[billing.rates]\n\"Vinduer\" = -5\n",
            "config.toml: billing.rates: \"Vinduer\": a rate must be more than 0 kr",
            "linje 2: billing.rates: \"Vinduer\": taksten kan ikke bruges",
        ),
        (
            "[holidays]\nclosed = [\"24/12\"]\n",
            "config.toml: holidays.closed: \"24/12\" is not a date; write it as 2026-12-24",
            "\"24/12\" er ikke en dato; skriv den som 2026-12-24",
        ),
        (
            "[holidays]\nextra = [\"påske\"]\n",
            "config.toml: holidays.extra: \"påske\" is not a day the company can choose to close; \
             use grundlovsdag, juleaftensdag or nytårsaftensdag (or give a date)",
            "\"påske\" er ikke en dag, firmaet kan vælge at holde lukket",
        ),
        (
            "[roles]\nadmin = [\"\"]\n",
            "config.toml: roles.admin: an empty name; write a login (\"anna\") or a group \
             (\"@renos\")",
            "linje 2: roles.admin: et tomt navn; skriv et login (\"anna\") eller en gruppe (\"@renos\")",
        ),
        (
            "[calendars.staff]\n\"Anna\" = \"google:a\"\n\"Bo Hansen\" = \"icloud:bo\"\n",
            "config.toml: line 3: calendars.staff.\"Bo Hansen\": \"icloud\" is not a calendar \
             provider; use google:, caldav: or outlook:",
            "linje 3: calendars.staff.\"Bo Hansen\": kalenderen kan ikke læses; skriv google:ID",
        ),
        (
            "[calendars.staff]\n\"Anna\" = \"google:a\"\n\"Anna \" = \"google:b\"\n",
            "config.toml: line 3: calendars.staff.\"Anna \": \"Anna\" is given two calendars",
            "linje 3: calendars.staff.\"Anna \": værdien kan ikke bruges; ret den",
        ),
    ];
    for (text, english, in_danish) in cases {
        let (shown, en, da) = both(text);
        assert_eq!(&shown, english, "{text}");
        assert_eq!(en, shown, "{text}");
        assert!(da.contains(in_danish), "{text}: {da}");
        // The line where the key is, even where the English never named it.
        if !english.ends_with("must be after day.start") {
            assert!(da.contains(": linje "), "{text}: {da}");
        }
        danish(&da, &en);
    }
}

#[test]
fn a_phone_number_is_worded_as_the_forms_word_it() {
    let (shown, en, da) = both("[twilio]\nphone_number = \"12\"\n");
    let phone = crate::domain::contact::normalize_phone("12").expect_err("not a number");
    assert_eq!(shown, format!("config.toml: twilio.phone_number: {phone}"));
    assert_eq!(en, shown);
    assert!(
        da.starts_with(
            "config.toml: linje 2: twilio.phone_number: \"12\" er ikke et telefonnummer"
        ),
        "{da}"
    );
}

#[test]
fn a_file_that_is_not_toml_names_its_line_and_column_in_both_languages() {
    let (shown, en, da) = both("dispatcher = \"a\"\nbogus = 3\n");
    assert!(
        shown.starts_with("config.toml: line 2, column 1: unknown field `bogus`"),
        "{shown}"
    );
    assert_eq!(en, shown);
    assert!(
        da.starts_with(
            "config.toml: linje 2, kolonne 1: filen kan ikke læses; ret filen (læseren siger: \
             unknown field `bogus`"
        ),
        "{da}"
    );
    let (shown, en, da) = both("[day]\nstart = \n");
    assert!(shown.starts_with("config.toml: line 2, column "), "{shown}");
    assert_eq!(en, shown);
    assert!(da.starts_with("config.toml: linje 2, kolonne "), "{da}");
    assert!(da.contains("ret filen (læseren siger: "), "{da}");

    let deep = "x = 1\n".to_string() + &"k = { a = \"1\", b\n".repeat(40);
    let (shown, en, da) = both(&deep);
    assert_eq!(
        shown,
        "config.toml: line 34: brackets are nested more than 32 deep (is a `]` or `}` missing?)"
    );
    assert_eq!(en, shown);
    assert_eq!(
        da,
        "config.toml: linje 34: klammerne er sat inden i hinanden mere end 32 niveauer dybt; \
         mangler der en ] eller }? Ret filen"
    );
}

#[test]
fn a_toml_error_without_a_place_keeps_the_readers_whole_text() {
    let e = TomlError {
        file: "keys.toml".into(),
        line: None,
        column: None,
        why: crate::tomlfile::TomlWhy::Parser {
            said: "invalid table header".into(),
            english: "invalid table header".into(),
        },
    };
    assert_eq!(toml_error(en(), &e), "keys.toml: invalid table header");
    assert_eq!(e.to_string(), "keys.toml: invalid table header");
    assert_eq!(
        toml_error(da(), &e),
        "keys.toml: filen kan ikke læses; ret filen (læseren siger: invalid table header)"
    );
}
