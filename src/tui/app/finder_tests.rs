//! The slot finder through the console, key by key, with the store
//! worker's own service answering (synchronously) on a real database.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::edit_tests::Harness;
use super::*;

fn finder(h: &Harness) -> &FinderState {
    match &h.app.mode {
        Mode::Finder(fs) => fs,
        _ => panic!("the finder is not open"),
    }
}

fn rows(h: &Harness) -> Vec<FinderRow> {
    match &finder(h).list {
        FinderList::Rows(r) => r.clone(),
        other => panic!("no slots: {other:?}"),
    }
}

#[test]
fn typing_a_duration_lists_free_slots_and_enter_books_the_chosen_one() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('F'));
    assert!(matches!(finder(&h).list, FinderList::Incomplete(_)));
    h.typ("3");
    let offered = rows(&h);
    assert!(offered.len() >= 2, "{offered:?}");
    let anna_jobs: Vec<Booking> = h
        .app
        .plan
        .as_ref()
        .map(|p| p.bookings.clone())
        .unwrap_or_default();
    for r in &offered {
        assert_eq!((r.slot.end - r.slot.start).num_minutes(), 180);
        for b in anna_jobs.iter().filter(|b| b.staff_id == Some(r.staff_id)) {
            assert!(
                r.slot.end <= b.start || r.slot.start >= b.end,
                "{r:?} overlaps {b:?}"
            );
        }
    }
    // Down picks the second slot; enter opens the form on it.
    h.press(KeyCode::Down);
    let second = offered[1].clone();
    h.press(KeyCode::Enter);
    let Mode::Form(fs) = &h.app.mode else {
        panic!("no form");
    };
    assert_eq!(fs.form.cleaner.text(), second.name);
    assert_eq!(
        fs.form.start.text(),
        h.app.settings.tz.hm(second.slot.start)
    );
    assert_eq!(fs.form.duration.text(), "3 h");
    h.typ("Hansen");
    h.press(KeyCode::Enter);
    h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    if let Mode::Form(fs) = &h.app.mode {
        panic!(
            "not saved: {:?} {:?} {:?}",
            fs.form.error,
            fs.step,
            fs.form.date.text()
        );
    }
    assert!(h.app.mode.is_normal(), "{:?}", h.app.message);
    let saved = h
        .service
        .store()
        .bookings_between(second.slot.start, second.slot.end)
        .expect("bookings")
        .into_iter()
        .find(|b| b.start == second.slot.start && b.staff_id == Some(second.staff_id));
    let saved = saved.expect("the booking is in the store");
    assert_eq!(saved.end, second.slot.end);
}

#[test]
fn a_customer_puts_their_usual_cleaner_first_and_fills_the_form() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('F'));
    h.typ("2");
    h.press(KeyCode::Tab);
    h.typ("Vinduespudsning");
    h.press(KeyCode::Tab);
    h.typ("Hansen");
    assert!(finder(&h).searching());
    h.press(KeyCode::Tab);
    let fs = finder(&h);
    assert!(fs.customer_id.is_some());
    assert_eq!(
        fs.asked
            .as_ref()
            .map(|(_, r)| (r.customer_id, r.service.as_str())),
        Some((fs.customer_id, "Vinduespudsning"))
    );
    assert!(!rows(&h).is_empty());
    h.press(KeyCode::Enter);
    let Mode::Form(fs) = &h.app.mode else {
        panic!("no form");
    };
    assert_eq!(fs.form.customer.text(), "Hansen");
    assert_eq!(fs.form.service.text(), "Vinduespudsning");
    assert_eq!(fs.form.duration.text(), "2 h");
}

#[test]
fn an_answer_to_an_older_question_is_dropped() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('F'));
    // Typed faster than the worker answers: only the last question counts.
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let first = h.app.handle_key(&key(KeyCode::Char('2')));
    assert!(h.app.handle_key(&key(KeyCode::Backspace)).is_empty());
    let second = h.app.handle_key(&key(KeyCode::Char('3')));
    assert_eq!(first.len(), 1);
    assert_eq!(second.len(), 1);
    h.run(second);
    let shown = rows(&h);
    assert!(!shown.is_empty());
    assert!(
        shown
            .iter()
            .all(|r| (r.slot.end - r.slot.start).num_minutes() == 180)
    );
    // The old answer arrives late and changes nothing.
    h.run(first);
    assert_eq!(rows(&h), shown);
    h.press(KeyCode::Esc);
    assert!(h.app.mode.is_normal());
}

#[test]
fn the_time_cursor_moves_by_quarter_hours_n_books_there_and_the_finder_starts_there() {
    let mut h = Harness::new();
    h.app.selected = None;
    h.press(KeyCode::Char('.'));
    let first = h.app.time_cursor.expect("shown");
    assert_eq!(first % 15, 0);
    h.press(KeyCode::Char('.'));
    h.press(KeyCode::Char('.'));
    h.press(KeyCode::Char(','));
    let at = h.app.time_cursor.expect("shown");
    assert_eq!(at, first + 15);
    let hm = format!("{:02}:{:02}", at / 60, at % 60);
    h.press(KeyCode::Char('n'));
    let Mode::Form(fs) = &h.app.mode else {
        panic!("no form");
    };
    assert_eq!(fs.form.start.text(), hm);
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('F'));
    h.typ("1");
    let fs = finder(&h);
    let from = fs.from.expect("from the cursor");
    assert_eq!(h.app.settings.tz.hm(from), hm);
    let offered = rows(&h);
    assert!(!offered.is_empty());
    assert!(offered.iter().all(|r| r.slot.start >= from));
    h.press(KeyCode::Esc);
    h.press(KeyCode::Esc);
    assert_eq!(h.app.time_cursor, None, "esc on the schedule hides it");
}

#[test]
fn a_change_to_the_day_asks_the_finder_again() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('F'));
    h.typ("3");
    let before = finder(&h).asked.as_ref().map(|(seq, _)| *seq);
    let date = h.app.date;
    let seen = h.run(vec![Effect::Request(Request::Load(date))]);
    assert!(
        seen.iter()
            .any(|e| matches!(e, Effect::Request(Request::Slots { .. })))
    );
    let after = finder(&h).asked.as_ref().map(|(seq, _)| *seq);
    assert_ne!(before, after);
    assert!(!rows(&h).is_empty());
}

#[test]
fn a_customer_with_no_visits_is_ranked_in_turn_and_the_header_says_so() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('F'));
    h.typ("2");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.typ("Søren");
    h.press(KeyCode::Tab);
    assert!(finder(&h).customer_id.is_some());
    assert!(!rows(&h).is_empty());
    assert!(finder(&h).no_history);
    let shown = h.screen(80, 24);
    let said: Vec<&String> = shown
        .iter()
        .filter(|l| l.contains("No visits of Søren Østergaard yet: in turn"))
        .collect();
    assert_eq!(said.len(), 1, "{shown:#?}");
    // Without a customer there is no usual cleaner to miss: nothing said.
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(finder(&h).customer_id, None);
    assert!(!finder(&h).no_history);
    assert!(!h.screen(80, 24).iter().any(|l| l.contains("No visits")));
}
