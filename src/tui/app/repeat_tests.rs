//! The form's Repeats field, key by key: the keys step through the usual
//! repeats and write their words, which the repeat parser reads back as the
//! intended rule; typing still works, and the preview follows.

use chrono::{NaiveDate, Weekday};
use crossterm::event::{KeyCode, KeyModifiers};

use super::edit_tests::Harness;
use super::*;
use crate::domain::series::{HolidayPolicy, Rule};
use crate::tui::form::Field;

/// Friday 20/11/2026, the form's day: the 3rd Friday of November.
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("d")
}

fn weekly(every: u32, weekday: Weekday) -> Rule {
    Rule::Weekly {
        every,
        days: vec![weekday],
    }
}

fn monthly(nth: i8, weekday: Weekday) -> Rule {
    Rule::MonthlyNth {
        every: 1,
        nth,
        weekday,
    }
}

fn form(h: &Harness) -> &FormState {
    let Mode::Form(fs) = &h.app.mode else {
        panic!("the form is open");
    };
    fs
}

/// The Repeats field's text.
fn text(h: &Harness) -> String {
    form(h).form.repeats.text().to_string()
}

/// The rule the form would save, from its date.
fn rule(h: &Harness) -> Option<Rule> {
    let f = &form(h).form;
    f.repeat(day(), day(), crate::i18n::Language::En.words())
        .unwrap_or_else(|e| panic!("{}: {e}", f.repeats.text()))
        .map(|r| r.rule)
}

fn next(h: &mut Harness) {
    h.press_mod(KeyCode::Right, KeyModifiers::CONTROL);
}

fn prev(h: &mut Harness) {
    h.press_mod(KeyCode::Left, KeyModifiers::CONTROL);
}

/// A new booking for Søren with Bo at 07:00, on the Repeats field.
fn open_on_repeats(h: &mut Harness) {
    h.press(KeyCode::Char('n'));
    h.typ("Søren");
    h.press(KeyCode::Enter); // takes the customer; on to the cleaner
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("Bo");
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("07:00");
    for _ in 0..4 {
        h.press(KeyCode::Tab);
    }
    assert_eq!(form(h).form.focus, Field::Repeats);
}

#[test]
fn the_keys_step_through_the_repeats_and_round_again() {
    let mut h = Harness::new();
    open_on_repeats(&mut h);
    assert_eq!(text(&h), "");
    let steps = [
        ("weekly", Some(weekly(1, Weekday::Fri))),
        ("every 2 weeks", Some(weekly(2, Weekday::Fri))),
        ("every 3 weeks", Some(weekly(3, Weekday::Fri))),
        ("every 4 weeks", Some(weekly(4, Weekday::Fri))),
        ("monthly, 3rd Friday", Some(monthly(3, Weekday::Fri))),
        ("none", None),
        ("weekly", Some(weekly(1, Weekday::Fri))),
    ];
    for (words, want) in &steps {
        next(&mut h);
        assert_eq!(text(&h), *words);
        assert_eq!(rule(&h), *want, "{words}");
        // The words alone are what the parser reads as the rule.
        if let Some(want) = want {
            assert_eq!(
                Rule::parse_spec(words, day()).map(|s| s.rule),
                Ok(want.clone())
            );
        }
    }
    // And back the other way, round past none.
    for words in ["none", "monthly, 3rd Friday", "every 4 weeks"] {
        prev(&mut h);
        assert_eq!(text(&h), words);
    }
    // The focus stays, and the words are not selected: typing goes on
    // after them.
    let f = &form(&h).form;
    assert_eq!(f.focus, Field::Repeats);
    assert!(!f.repeats.selected());
}

#[test]
fn the_preview_follows_the_repeat_chosen() {
    let mut h = Harness::new();
    open_on_repeats(&mut h);
    assert!(form(&h).preview.next.is_empty(), "no repeat, no dates");
    next(&mut h);
    next(&mut h);
    let words = crate::words::news::next_dates(h.app.words(), &form(&h).preview.next);
    assert!(
        words.starts_with("20/11, 4/12, 18/12, skipped: 1/1 nytårsdag"),
        "{words}"
    );
    prev(&mut h);
    prev(&mut h);
    prev(&mut h);
    assert_eq!(text(&h), "monthly, 3rd Friday");
    let words = crate::words::news::next_dates(h.app.words(), &form(&h).preview.next);
    assert!(words.starts_with("20/11, 18/12, 15/1"), "{words}");
    prev(&mut h);
    assert_eq!(text(&h), "every 4 weeks");
    let words = crate::words::news::next_dates(h.app.words(), &form(&h).preview.next);
    assert!(words.starts_with("20/11, 18/12, 15/1"), "{words}");
}

#[test]
fn typing_still_works_and_the_keys_go_on_from_what_was_typed() {
    let mut h = Harness::new();
    open_on_repeats(&mut h);
    h.typ("hver 2. uge");
    assert_eq!(rule(&h), Some(weekly(2, Weekday::Fri)));
    next(&mut h);
    assert_eq!(text(&h), "every 3 weeks");
    // Plain arrows move in the text.
    for _ in 0.." weeks".len() {
        h.press(KeyCode::Left);
    }
    h.press(KeyCode::Backspace);
    h.typ("2");
    assert_eq!(text(&h), "every 2 weeks");
    // The holiday word stays through the keys.
    h.press(KeyCode::End);
    h.typ(", move");
    next(&mut h);
    assert_eq!(text(&h), "every 3 weeks, move");
    let f = &form(&h).form;
    let r = f
        .repeat(day(), day(), crate::i18n::Language::En.words())
        .expect("holds")
        .expect("a repeat");
    assert_eq!(r.holidays, HolidayPolicy::Move);
    assert_eq!(r.rule, weekly(3, Weekday::Fri));
    // An RRULE typed over it; from words that name none of the repeats the
    // keys start again from none.
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("FREQ=MONTHLY;BYMONTHDAY=20");
    assert_eq!(
        rule(&h),
        Some(Rule::Custom("FREQ=MONTHLY;BYMONTHDAY=20".into()))
    );
    next(&mut h);
    assert_eq!(text(&h), "weekly");
}

#[test]
fn a_monthly_repeat_chosen_follows_the_date() {
    let mut h = Harness::new();
    open_on_repeats(&mut h);
    prev(&mut h);
    assert_eq!(text(&h), "monthly, 3rd Friday");
    // Up to the date, and a Tuesday typed over it: the 2nd of December.
    for _ in 0..5 {
        h.press(KeyCode::Up);
    }
    assert_eq!(form(&h).form.focus, Field::Date);
    h.typ("8/12/2026");
    assert_eq!(text(&h), "monthly, 2nd Tuesday");
    // Typed words stay as typed.
    for _ in 0..5 {
        h.press(KeyCode::Down);
    }
    h.typ("monthly");
    for _ in 0..5 {
        h.press(KeyCode::Up);
    }
    h.typ("9/12/2026");
    assert_eq!(text(&h), "monthly");
}

#[test]
fn a_monthly_repeat_follows_the_weekday_the_question_takes() {
    let mut h = Harness::new();
    open_on_repeats(&mut h);
    prev(&mut h);
    for _ in 0..5 {
        h.press(KeyCode::Up);
    }
    // 20/11 is a Friday: saving asks, and "use the weekday" takes Monday
    // 23/11, the 4th Monday of November.
    h.typ("mandag 20/11/2026");
    assert_eq!(text(&h), "monthly, 3rd Friday");
    h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(form(&h).step, FormStep::Weekday);
    let effects = h.press(KeyCode::Char('w'));
    let series = effects
        .iter()
        .find_map(|e| match e {
            Effect::Request(Request::CreateSeries { series, .. }) => Some(series.clone()),
            _ => None,
        })
        .expect("a series was asked for");
    assert_eq!(series.rule, monthly(4, Weekday::Mon));
    assert_eq!(
        series.first_date,
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("d")
    );
}

#[test]
fn saving_a_chosen_repeat_makes_its_series() {
    let mut h = Harness::new();
    open_on_repeats(&mut h);
    prev(&mut h);
    h.press(KeyCode::Tab);
    h.typ("after 2 visits");
    let effects = h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let series = effects
        .iter()
        .find_map(|e| match e {
            Effect::Request(Request::CreateSeries { series, .. }) => Some(series.clone()),
            _ => None,
        })
        .expect("a series was asked for");
    assert_eq!(series.rule, monthly(3, Weekday::Fri));
    assert_eq!(series.end, crate::domain::series::SeriesEnd::Count(2));
    assert!(h.app.mode.is_normal());
}

#[test]
fn a_booking_edited_keeps_its_repeat_fields_as_they_are() {
    let mut h = Harness::new();
    let id = h.ids[0];
    h.select(id);
    h.press(KeyCode::Char('e'));
    for _ in 0..7 {
        h.press(KeyCode::Tab);
    }
    assert_eq!(form(&h).form.focus, Field::Repeats);
    next(&mut h);
    assert_eq!(text(&h), "");
}
