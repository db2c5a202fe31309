//! Recurring bookings through the console, key by key: the form's repeat
//! makes a series, and each answer to the scope question sends its own
//! request, which the store worker (answering synchronously on a real
//! database) carries out.

use chrono::{Datelike, NaiveTime, Timelike};
use crossterm::event::{KeyCode, KeyModifiers};

use super::edit_tests::Harness;
use super::*;
use crate::store::{Scope, VisitChange};

fn requests(effects: &[Effect]) -> Vec<Request> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

fn ctrl(h: &mut Harness, c: char) -> Vec<Effect> {
    h.press_mod(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Types `text` into the focused field, over what it held.
fn set(h: &mut Harness, text: &str) {
    ctrl(h, 'u');
    h.typ(text);
}

fn tab(h: &mut Harness, n: usize) {
    for _ in 0..n {
        h.press(KeyCode::Tab);
    }
}

/// Books Søren with Bo at 07:00 every 2 weeks from Friday 20/11, 4 times,
/// through the form; returns the series' visits as the store has them.
fn fortnightly(h: &mut Harness) -> (Vec<Effect>, Vec<Booking>) {
    h.press(KeyCode::Char('n'));
    h.typ("Søren");
    h.press(KeyCode::Enter); // takes the customer; on to the cleaner
    set(h, "Bo");
    tab(h, 3);
    set(h, "07:00");
    tab(h, 4);
    let Mode::Form(fs) = &h.app.mode else {
        panic!("the form is open");
    };
    assert_eq!(fs.form.focus, crate::tui::form::Field::Repeats);
    h.typ("every 2 weeks");
    tab(h, 1);
    h.typ("4 times");
    let Mode::Form(fs) = &h.app.mode else {
        panic!("the form is open");
    };
    // The preview lists the next dates and the holiday one of them hits.
    let words = crate::words::news::next_dates(crate::i18n::Language::En.words(), &fs.preview.next);
    assert_eq!(words, "20/11, 4/12, 18/12, skipped: 1/1 nytårsdag");
    let effects = ctrl(h, 's');
    let visits = h
        .service
        .store()
        .series_visits(1)
        .expect("visits")
        .into_iter()
        .map(|(b, _)| b)
        .collect();
    (effects, visits)
}

#[test]
fn saving_a_new_booking_with_a_repeat_creates_the_series() {
    let mut h = Harness::new();
    let (effects, visits) = fortnightly(&mut h);
    let asked = requests(&effects);
    let Some(Request::CreateSeries { series, accept }) = asked
        .iter()
        .find(|r| matches!(r, Request::CreateSeries { .. }))
    else {
        panic!("a series was asked for: {asked:?}");
    };
    assert_eq!(accept, &None);
    assert_eq!(
        series.start_time,
        NaiveTime::from_hms_opt(7, 0, 0).expect("t")
    );
    assert!(
        !asked.iter().any(|r| matches!(r, Request::Save { .. })),
        "no single booking besides"
    );
    let tz = h.app.settings.tz;
    let dates: Vec<(u32, u32)> = visits
        .iter()
        .map(|b| {
            let d = tz.local_date(b.start);
            (d.day(), d.month())
        })
        .collect();
    assert_eq!(dates, [(20, 11), (4, 12), (18, 12)], "1/1 is a holiday");
    assert!(h.app.mode.is_normal());
    assert_eq!(h.app.selected, Some(visits[0].id));
    let said = h
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.starts_with("Created series #1: 3 visits from 20/11 07:00"),
        "{said}"
    );
    // The details panel's words for the visit.
    let plan = h.app.plan.as_ref().expect("plan");
    let sv = plan
        .series
        .get(&visits[0].id)
        .expect("a visit of the series");
    assert_eq!(
        crate::words::news::series_line(crate::i18n::Language::En.words(), sv),
        "Series #1: every 2nd week, Fri 07:00, since 20/11, 4 times"
    );
}

/// Opens `key` (m, e or d) on visit `n` and answers the scope question.
fn with_scope_on(h: &mut Harness, n: usize, key: char, answer: char) -> Booking {
    let (_, visits) = fortnightly(h);
    let first = visits[n].clone();
    let date = h.app.settings.tz.local_date(first.start);
    let effects = h.app.go_to(date);
    h.run(effects);
    h.select(first.id);
    h.press(KeyCode::Char(key));
    assert!(
        matches!(h.app.mode, Mode::Scope(_)),
        "the scope is asked first"
    );
    h.press(KeyCode::Char(answer));
    first
}

/// [`with_scope_on`] the first visit.
fn with_scope(h: &mut Harness, key: char, answer: char) -> Booking {
    with_scope_on(h, 0, key, answer)
}

#[test]
fn esc_at_the_scope_question_changes_nothing() {
    let mut h = Harness::new();
    let (_, visits) = fortnightly(&mut h);
    h.select(visits[0].id);
    h.press(KeyCode::Char('m'));
    assert!(matches!(h.app.mode, Mode::Scope(_)));
    let effects = h.press(KeyCode::Esc);
    assert!(effects.is_empty());
    assert!(h.app.mode.is_normal());
}

#[test]
fn moving_this_visit_saves_it_alone() {
    let mut h = Harness::new();
    let first = with_scope(&mut h, 'm', 't');
    assert!(matches!(&h.app.mode, Mode::Move(m) if m.scope == Some(Scope::This)));
    h.press(KeyCode::Right);
    h.press(KeyCode::Right);
    let effects = h.press(KeyCode::Enter);
    let asked = requests(&effects);
    assert!(
        matches!(asked.first(), Some(Request::Save { save, .. }) if save.target == Some((first.id, first.version))),
        "{asked:?}"
    );
    let store = h.service.store();
    let visits = store.series_visits(1).expect("visits");
    assert_eq!(visits[0].1.exception, "moved");
    assert_eq!(visits[1].0.start, first.start + chrono::Duration::days(14));
}

#[test]
fn moving_this_and_following_moves_the_rest_with_it() {
    let mut h = Harness::new();
    let first = with_scope(&mut h, 'm', 'f');
    for _ in 0..4 {
        h.press(KeyCode::Right);
    }
    let effects = h.press(KeyCode::Enter);
    let asked = requests(&effects);
    let eight = NaiveTime::from_hms_opt(8, 0, 0).expect("t");
    assert_eq!(
        asked.first(),
        Some(&Request::MoveVisit {
            id: first.id,
            version: first.version,
            change: VisitChange {
                start: Some(eight),
                ..VisitChange::default()
            },
            scope: Scope::Following,
            accept: None,
        })
    );
    let tz = h.app.settings.tz;
    let store = h.service.store();
    let series = store.series_list().expect("list");
    let starts: Vec<NaiveTime> = series
        .iter()
        .flat_map(|s| store.series_visits(s.id).expect("visits"))
        .filter(|(b, _)| b.status == crate::domain::BookingStatus::Scheduled)
        .map(|(b, _)| tz.local(b.start).time())
        .collect();
    assert_eq!(starts, [eight, eight, eight]);
    assert!(h.app.mode.is_normal());
    let said = h
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.starts_with("Moved 3 visits of series #"), "{said}");
    // `u` takes the whole change back as one step.
    h.press(KeyCode::Char('u'));
    let said = h
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert_eq!(said, "Undid move of 3 visits of series #1");
    let back: Vec<u32> = h
        .service
        .store()
        .series_visits(1)
        .expect("visits")
        .iter()
        .map(|(b, _)| tz.local(b.start).hour())
        .collect();
    assert_eq!(back, [7, 7, 7]);
}

#[test]
fn editing_all_visits_changes_the_series() {
    let mut h = Harness::new();
    let first = with_scope(&mut h, 'e', 'a');
    let Mode::Form(fs) = &h.app.mode else {
        panic!("the form is open");
    };
    assert_eq!(fs.scope, Some(Scope::All));
    // From the cleaner field to the start: every visit an hour earlier.
    tab(&mut h, 3);
    set(&mut h, "06:00");
    let effects = ctrl(&mut h, 's');
    if let Mode::Form(fs) = &h.app.mode {
        panic!("the form stays open: {:?}", fs.form.error);
    }
    let six = NaiveTime::from_hms_opt(6, 0, 0).expect("t");
    let asked = requests(&effects);
    assert_eq!(
        asked.first(),
        Some(&Request::MoveVisit {
            id: first.id,
            version: first.version,
            change: VisitChange {
                start: Some(six),
                ..VisitChange::default()
            },
            scope: Scope::All,
            accept: None,
        })
    );
    let store = h.service.store();
    assert!(
        store
            .series_visits(1)
            .expect("visits")
            .iter()
            .all(|(b, _)| h.app.settings.tz.local(b.start).time() == six)
    );
}

#[test]
fn cancelling_this_and_following_asks_why_and_ends_the_series() {
    let mut h = Harness::new();
    let first = with_scope_on(&mut h, 1, 'd', 'f');
    assert!(matches!(&h.app.mode, Mode::Prompt(p) if p.scope == Some(Scope::Following)));
    h.typ("kunden flytter");
    let effects = h.press(KeyCode::Enter);
    assert_eq!(
        requests(&effects).first(),
        Some(&Request::CancelVisit {
            id: first.id,
            version: first.version,
            reason: "kunden flytter".into(),
            scope: Scope::Following,
        })
    );
    let store = h.service.store();
    let statuses: Vec<_> = store
        .series_visits(1)
        .expect("visits")
        .iter()
        .map(|(b, _)| b.status)
        .collect();
    use crate::domain::BookingStatus::{Cancelled, Scheduled};
    assert_eq!(statuses, [Scheduled, Cancelled, Cancelled]);
}

#[test]
fn a_later_visit_that_double_books_asks_why_and_saving_again_accepts() {
    let mut h = Harness::new();
    fortnightly(&mut h);
    // Weekly from 27/11: the first visit is free, the one of 4/12 is not.
    h.press(KeyCode::Char('n'));
    h.typ("Søren");
    h.press(KeyCode::Enter);
    set(&mut h, "Bo");
    tab(&mut h, 2);
    set(&mut h, "27/11/2026");
    tab(&mut h, 1);
    set(&mut h, "07:00");
    tab(&mut h, 4);
    h.typ("weekly");
    ctrl(&mut h, 's');
    let Mode::Form(fs) = &h.app.mode else {
        panic!("the form stays open");
    };
    assert!(
        matches!(fs.step, FormStep::Reason(_)),
        "{:?}",
        fs.form.error
    );
    h.typ("to hold denne dag");
    let effects = h.press(KeyCode::Enter);
    assert!(
        requests(&effects).iter().any(|r| matches!(
            r,
            Request::CreateSeries { accept: Some(a), .. } if a == "to hold denne dag"
        )),
        "{effects:?}"
    );
    assert_eq!(h.service.store().series_list().expect("list").len(), 2);
    assert!(h.app.mode.is_normal());
}

#[test]
fn cancelling_this_visit_cancels_it_alone() {
    let mut h = Harness::new();
    let first = with_scope(&mut h, 'd', 't');
    assert!(matches!(&h.app.mode, Mode::Prompt(p) if p.scope == Some(Scope::This)));
    h.typ("syg");
    let effects = h.press(KeyCode::Enter);
    assert_eq!(
        requests(&effects).first(),
        Some(&Request::Cancel {
            id: first.id,
            version: first.version,
            reason: "syg".into(),
        })
    );
    use crate::domain::BookingStatus::{Cancelled, Scheduled};
    let statuses: Vec<_> = h
        .service
        .store()
        .series_visits(1)
        .expect("visits")
        .iter()
        .map(|(b, _)| b.status)
        .collect();
    assert_eq!(statuses, [Cancelled, Scheduled, Scheduled]);
}

#[test]
fn reassigning_all_visits_in_move_mode_unassigns_every_one() {
    let mut h = Harness::new();
    let first = with_scope(&mut h, 'm', 'a');
    // Bo is the last cleaner: below him is nobody.
    h.press(KeyCode::Down);
    let effects = h.press(KeyCode::Enter);
    assert_eq!(
        requests(&effects).first(),
        Some(&Request::MoveVisit {
            id: first.id,
            version: first.version,
            change: VisitChange {
                staff: Some(None),
                ..VisitChange::default()
            },
            scope: Scope::All,
            accept: None,
        })
    );
    assert!(
        h.service
            .store()
            .series_visits(1)
            .expect("visits")
            .iter()
            .all(|(b, _)| b.staff_id.is_none())
    );
    let said = h
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert_eq!(said, "Reassigned 3 visits of series #1 (all visits)");
}

#[test]
fn cancelling_all_visits_of_a_counted_series_from_its_first_cancels_every_one() {
    let mut h = Harness::new();
    let first = with_scope(&mut h, 'd', 'a');
    assert!(matches!(&h.app.mode, Mode::Prompt(p) if p.scope == Some(Scope::All)));
    h.typ("kunden flytter");
    let effects = h.press(KeyCode::Enter);
    assert_eq!(
        requests(&effects).first(),
        Some(&Request::CancelVisit {
            id: first.id,
            version: first.version,
            reason: "kunden flytter".into(),
            scope: Scope::All,
        })
    );
    let statuses: Vec<_> = h
        .service
        .store()
        .series_visits(1)
        .expect("visits")
        .iter()
        .map(|(b, _)| b.status)
        .collect();
    assert_eq!(statuses, [crate::domain::BookingStatus::Cancelled; 3]);
    let said = h
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert_eq!(said, "Cancelled 3 visits of series #1 (all visits)");
}
