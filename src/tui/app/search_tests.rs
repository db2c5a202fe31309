//! The search (`/`) and go-to (`g`) through the console, key by key, with
//! the store worker's own service answering (synchronously) on a real
//! database.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::edit_tests::Harness;
use super::*;
use crate::domain::BookingStatus;
use crate::store::NewBooking;

fn find(h: &Harness) -> &FindState {
    match &h.app.mode {
        Mode::Find(fs) => fs,
        _ => panic!("the search is not open"),
    }
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("d")
}

/// Søren Østergaard's customer id.
fn soren(h: &Harness) -> i64 {
    h.service
        .store()
        .customers()
        .expect("customers")
        .into_iter()
        .find(|c| c.name == "Søren Østergaard")
        .expect("Søren")
        .id
}

/// A booking of `customer` on `d` November at 10:00 local (09:00 UTC).
fn book(h: &mut Harness, customer: i64, d: u32, notes: &str) -> i64 {
    let start = Utc
        .with_ymd_and_hms(2026, 11, d, 9, 0, 0)
        .single()
        .expect("t");
    let staff = h.app.plan.as_ref().map(|p| p.staff[1].id);
    h.service
        .store_mut()
        .add_booking(NewBooking {
            customer_id: customer,
            staff_id: staff,
            service: "Fast rengøring".into(),
            start,
            end: start + Duration::hours(2),
            estimate_min: 120,
            status: BookingStatus::Scheduled,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: notes.into(),
        })
        .expect("booking")
        .id
}

#[test]
fn ostergaard_and_enter_goes_to_his_next_booking_selected() {
    let mut h = Harness::new();
    let s = soren(&h);
    let past = book(&mut h, s, 13, "");
    let next = book(&mut h, s, 27, "");
    let later = book(&mut h, s, 30, "");
    h.press(KeyCode::Char('/'));
    h.typ("ostergaard");
    let fs = find(&h);
    let rows = fs.rows();
    let Some(FindRow::Customer { id, jobs: Some(j) }) = rows.first() else {
        panic!("{rows:?}");
    };
    assert_eq!(*id, s);
    assert_eq!(j.next.as_ref().map(|b| b.id), Some(next));
    assert_eq!(j.last.as_ref().map(|b| b.id), Some(past));
    assert_eq!(
        j.next.as_ref().map(|b| b.staff.as_deref()),
        Some(Some("Bo Madsen"))
    );
    assert_ne!(later, next);
    h.press(KeyCode::Enter);
    assert!(h.app.mode.is_normal());
    assert_eq!(h.app.date, day(27));
    assert_eq!(h.app.plan.as_ref().map(|p| p.date), Some(day(27)));
    assert_eq!(h.app.selected, Some(next));
    assert_eq!(h.app.selected_booking().map(|b| b.id), Some(next));
    assert_eq!(
        h.app.lanes()[h.app.lane],
        h.app.plan.as_ref().map(|p| p.staff[1].id)
    );
}

#[test]
fn a_customer_with_nothing_ahead_goes_to_the_last_and_with_nothing_says_so() {
    let mut h = Harness::new();
    let s = soren(&h);
    h.press(KeyCode::Char('/'));
    h.typ("soren");
    h.press(KeyCode::Enter);
    assert_eq!(find(&h).notice, Some(FindNotice::NoBookings(s)));
    h.press(KeyCode::Esc);
    let past = book(&mut h, s, 13, "");
    h.press(KeyCode::Char('/'));
    h.typ("søren øst");
    h.press(KeyCode::Enter);
    assert_eq!((h.app.date, h.app.selected), (day(13), Some(past)));
}

#[test]
fn a_booking_number_and_words_of_the_notes_find_bookings() {
    let mut h = Harness::new();
    let s = soren(&h);
    let noted = book(&mut h, s, 24, "Nøglen ligger under MÅTTEN\nRing på");
    let first = h.ids[0];
    h.press(KeyCode::Char('/'));
    h.typ(&format!("#{first}"));
    let rows = find(&h).rows();
    assert!(
        matches!(rows.first(), Some(FindRow::Number(b)) if b.id == first && b.customer == "Hansen"),
        "{rows:?}"
    );
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("maatten nogle");
    let rows = find(&h).rows();
    assert!(
        matches!(rows.as_slice(), [FindRow::Note(b)] if b.id == noted),
        "{rows:?}"
    );
    h.press(KeyCode::Enter);
    assert_eq!((h.app.date, h.app.selected), (day(24), Some(noted)));
}

#[test]
fn the_notes_follow_a_change_made_after_the_first_search() {
    let mut h = Harness::new();
    let s = soren(&h);
    h.press(KeyCode::Char('/'));
    h.typ("vinduer");
    assert!(find(&h).rows().is_empty());
    let later = book(&mut h, s, 25, "Vinduer pudses");
    h.press(KeyCode::Backspace);
    h.typ("r");
    let rows = find(&h).rows();
    assert!(
        matches!(rows.as_slice(), [FindRow::Note(b)] if b.id == later),
        "{rows:?}"
    );
}

#[test]
fn an_answer_to_an_older_query_is_dropped() {
    let mut h = Harness::new();
    let s = soren(&h);
    book(&mut h, s, 27, "");
    h.press(KeyCode::Char('/'));
    // Two keystrokes before the worker answers either.
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let old = h.app.handle_key(&key('o'));
    let new = h.app.handle_key(&key('s'));
    let seq = |e: &[Effect]| match e.first() {
        Some(Effect::Request(Request::Find { seq, .. })) => *seq,
        other => panic!("{other:?}"),
    };
    assert!(seq(&old) < seq(&new));
    // The newer answer first, then the late one: the late one is dropped.
    h.run(new);
    let answered = find(&h).found.clone();
    assert!(answered.is_some());
    let mut late = None;
    let Effect::Request(r) = old.into_iter().next().expect("asked") else {
        panic!("not a request");
    };
    // The same worker answers the old question, out of turn.
    h.service.handle(r);
    let replies = h.drain();
    for reply in replies {
        if let Reply::Found { .. } = &reply {
            late = Some(h.app.on_reply_effects(reply).0);
        }
    }
    assert_eq!(late, Some(false), "the late answer is not taken");
    assert_eq!(find(&h).found, answered);
    assert!(!find(&h).waiting);
}

#[test]
fn esc_leaves_the_schedule_as_it_was() {
    let mut h = Harness::new();
    let s = soren(&h);
    book(&mut h, s, 27, "");
    h.select(h.ids[1]);
    let before = (h.app.date, h.app.selected, h.app.lane, h.app.window_start);
    h.press(KeyCode::Char('/'));
    h.typ("ostergaard");
    h.press(KeyCode::Down);
    h.press(KeyCode::Esc);
    assert!(h.app.mode.is_normal());
    let after = (h.app.date, h.app.selected, h.app.lane, h.app.window_start);
    assert_eq!(before, after);
}

#[test]
fn g_plus_seven_goes_seven_days_on() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('g'));
    h.typ("+7");
    let Mode::GoTo(g) = &h.app.mode else {
        panic!("no go-to");
    };
    assert!(matches!(g.read(h.app.today()), GoToRead::Date(d) if d == day(27)));
    let effects = h.press(KeyCode::Enter);
    assert!(h.app.mode.is_normal());
    assert!(effects.contains(&Effect::Request(Request::Load(day(27)))));
    assert_eq!(h.app.plan.as_ref().map(|p| p.date), Some(day(27)));
}

#[test]
fn g_says_why_it_cannot_go_and_esc_stays_put() {
    let mut h = Harness::new();
    for (typed, why) in [
        ("blåbær", "unreadable"),
        ("mandag 24/11", "24/11 is a tuesday"),
    ] {
        h.press(KeyCode::Char('g'));
        h.typ(typed);
        h.press(KeyCode::Enter);
        let Mode::GoTo(g) = &h.app.mode else {
            panic!("{why}: the question closed");
        };
        assert!(g.refused, "{why}");
        match (g.read(h.app.today()), why) {
            (GoToRead::Unreadable(_), "unreadable") | (GoToRead::Mismatch(_), _) => {}
            _ => panic!("{why}"),
        }
        h.press(KeyCode::Esc);
        assert!(h.app.mode.is_normal());
        assert_eq!(h.app.date, day(20));
    }
    h.press(KeyCode::Char('g'));
    h.typ("i morgen");
    h.press(KeyCode::Enter);
    assert_eq!(h.app.date, day(21));
}
