//! Editing through the console, key by key, with the store worker's own
//! service answering (synchronously) on a real database.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::clock::Clock;
use crate::domain::WorkingHours;
use crate::engine::worker::StoreService;
use crate::store::{NewBooking, NewCustomer, NewStaff, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 7, 0, 0)
        .single()
        .expect("t")
}

/// 09:00 local (08:00 UTC) plus `min`.
fn at(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
        .single()
        .expect("t")
        + Duration::minutes(min)
}

pub(super) struct Harness {
    pub(super) app: App,
    pub(super) service: StoreService<Box<dyn Fn(Reply)>>,
    replies: Rc<RefCell<Vec<Reply>>>,
    _dir: tempfile::TempDir,
    pub(super) ids: Vec<i64>,
}

impl Harness {
    /// Anna with jobs 09–11 and 12–14, Bo free; customers Søren and Hansen.
    pub(super) fn new() -> Harness {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("d.db");
        let mut store = Store::open(&path, "mette", Clock::Fixed(now())).expect("open");
        let mut ids = Vec::new();
        store
            .batch(|w| {
                let anna = w.add_staff(NewStaff {
                    name: "Anna Jensen".into(),
                    hours: WorkingHours::parse("mon-fri 07:00-16:00")
                        .map_err(|e| StoreErr(e.to_string()))?,
                    ..Default::default()
                })?;
                w.add_staff(NewStaff {
                    name: "Bo Madsen".into(),
                    hours: WorkingHours::parse("mon-fri 07:00-16:00")
                        .map_err(|e| StoreErr(e.to_string()))?,
                    ..Default::default()
                })?;
                let soren = w.add_customer(NewCustomer {
                    name: "Søren Østergaard".into(),
                    address: "Fredensgade 14".into(),
                    ..Default::default()
                })?;
                let hansen = w.add_customer(NewCustomer {
                    name: "Hansen".into(),
                    ..Default::default()
                })?;
                for (c, start) in [(hansen.id, 0), (hansen.id, 180)] {
                    let b = w.add_booking(NewBooking {
                        customer_id: c,
                        staff_id: Some(anna.id),
                        service: "Fast rengøring".into(),
                        start: at(start),
                        end: at(start + 120),
                        estimate_min: 120,
                        status: crate::domain::BookingStatus::Scheduled,
                        started_at: None,
                        finished_at: None,
                        address: String::new(),
                        notes: String::new(),
                    })?;
                    ids.push(b.id);
                }
                let _ = soren;
                Ok(())
            })
            .expect("seed");
        let settings = Settings {
            language: crate::i18n::Language::En,
            ..Settings::default()
        };
        let replies = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&replies);
        let notify: Box<dyn Fn(Reply)> = Box::new(move |r| sink.borrow_mut().push(r));
        let service = StoreService::new(store, settings.clone(), notify);
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("d");
        let app = App::new(settings, Theme::dark(), Keymap::default(), now(), date);
        let mut h = Harness {
            app,
            service,
            replies,
            _dir: dir,
            ids,
        };
        h.run(vec![Effect::Request(Request::Load(date))]);
        h
    }

    /// Sends the effects' requests and applies every reply, until quiet.
    /// Returns every effect seen on the way.
    pub(super) fn run(&mut self, mut effects: Vec<Effect>) -> Vec<Effect> {
        let mut seen = Vec::new();
        while !effects.is_empty() {
            for e in std::mem::take(&mut effects) {
                seen.push(e.clone());
                if let Effect::Request(r) = e {
                    self.service.handle(r);
                }
            }
            let replies: Vec<Reply> = self.replies.borrow_mut().drain(..).collect();
            for r in replies {
                effects.extend(self.app.on_reply_effects(r).1);
            }
        }
        seen
    }

    /// The worker's replies not yet applied.
    pub(super) fn drain(&mut self) -> Vec<Reply> {
        self.replies.borrow_mut().drain(..).collect()
    }

    pub(super) fn press(&mut self, code: KeyCode) -> Vec<Effect> {
        self.press_mod(code, KeyModifiers::NONE)
    }

    pub(super) fn press_mod(&mut self, code: KeyCode, m: KeyModifiers) -> Vec<Effect> {
        let effects = self.app.handle_key(&KeyEvent::new(code, m));
        self.run(effects)
    }

    pub(super) fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
    }

    /// The screen drawn at `width`×`height`, one string per row.
    pub(super) fn screen(&self, width: u16, height: u16) -> Vec<String> {
        let backend = ratatui::backend::TestBackend::new(width, height);
        let mut t = ratatui::Terminal::new(backend).expect("terminal");
        t.draw(|f| crate::tui::view::draw(f, &self.app))
            .expect("draw");
        let buf = t.backend().buffer().clone();
        buf.content()
            .chunks(usize::from(width))
            .map(|row| row.iter().map(|c| c.symbol()).collect())
            .collect()
    }

    pub(super) fn booking(&self, id: i64) -> Option<Booking> {
        self.app.plan.as_ref().and_then(|p| p.booking(id)).cloned()
    }

    /// The database file, for a second dispatcher's connection.
    pub(super) fn db_path(&self) -> std::path::PathBuf {
        self._dir.path().join("d.db")
    }

    pub(super) fn select(&mut self, id: i64) {
        self.app.selected = Some(id);
        self.app.follow_selection();
    }
}

/// Lets a domain parse error travel through `Store::batch` in the seed.
#[allow(non_snake_case)]
fn StoreErr(e: String) -> crate::store::StoreError {
    crate::store::StoreError::Invalid(e)
}

fn saves(effects: &[Effect]) -> Vec<crate::store::Save> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Request(Request::Save { save, .. }) => Some((**save).clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn move_mode_shifts_and_reassigns_live_and_enter_saves() {
    let mut h = Harness::new();
    let (first, _) = (h.ids[0], h.ids[1]);
    let before = h.booking(first).expect("b");
    h.select(first);
    h.press(KeyCode::Char('m'));
    assert!(matches!(h.app.mode, Mode::Move(_)));
    h.press(KeyCode::Right);
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Down);
    // The screen shows the draft; the store is untouched until enter.
    let shown = h.app.selected_booking().cloned().expect("draft");
    assert_eq!(shown.start, before.start + Duration::minutes(30));
    assert_eq!(
        h.app
            .plan
            .as_ref()
            .and_then(|p| p.booking(first))
            .map(|b| b.start),
        Some(before.start)
    );
    let bo = h.app.plan.as_ref().map(|p| p.staff[1].id);
    assert_eq!(shown.staff_id, bo);
    assert_eq!(h.app.lane, 1, "the lane follows the booking");
    let effects = h.press(KeyCode::Enter);
    let s = &saves(&effects)[0];
    assert_eq!(s.target, Some((first, before.version)));
    assert!(s.accepted.is_empty());
    assert!(h.app.mode.is_normal());
    let after = h.booking(first).expect("saved");
    assert_eq!((after.start, after.staff_id), (shown.start, bo));
    assert_eq!(h.app.selected, Some(first));
}

#[test]
fn esc_puts_the_booking_back_and_saves_nothing() {
    let mut h = Harness::new();
    let id = h.ids[0];
    let before = h.booking(id).expect("b");
    h.select(id);
    h.press(KeyCode::Char('m'));
    h.press(KeyCode::Right);
    let effects = h.press(KeyCode::Esc);
    assert!(effects.is_empty());
    assert!(h.app.mode.is_normal());
    assert_eq!(h.app.selected_booking(), Some(&before));
}

#[test]
fn moving_into_a_clash_asks_for_a_reason_and_journals_it() {
    let mut h = Harness::new();
    let (first, second) = (h.ids[0], h.ids[1]);
    h.select(first);
    h.press(KeyCode::Char('m'));
    for _ in 0..8 {
        h.press(KeyCode::Right); // 11:00–13:00 overlaps 12:00–14:00
    }
    let Mode::Move(m) = &h.app.mode else {
        panic!("in move mode");
    };
    assert_eq!(m.preview.hard, vec![second]);
    assert!(
        m.preview.clashes[0].kind == crate::domain::ConflictKind::DoubleBooking,
        "{:?}",
        m.preview.clashes
    );
    assert!(saves(&h.press(KeyCode::Enter)).is_empty(), "asks first");
    assert!(matches!(&h.app.mode, Mode::Move(m) if matches!(m.step, MoveStep::Reason(_))));
    assert!(
        saves(&h.press(KeyCode::Enter)).is_empty(),
        "an empty reason is not one"
    );
    h.typ("kunden vil have to");
    let effects = h.press(KeyCode::Enter);
    let s = &saves(&effects)[0];
    assert_eq!(
        (s.accepted.clone(), s.reason.as_str()),
        (vec![second], "kunden vil have to")
    );
    assert!(h.app.mode.is_normal());
    h.press(KeyCode::Char('L'));
    let Mode::Journal(j) = &h.app.mode else {
        panic!("journal open");
    };
    let top = &j.lines.as_ref().expect("lines")[0];
    assert_eq!(top.actor, "mette");
    assert!(top.reason.contains("kunden vil have to"), "{top:?}");
}

#[test]
fn the_form_creates_a_booking_and_undo_takes_it_back() {
    let mut h = Harness::new();
    h.app.lane = 1; // Bo
    h.app.selected = None;
    let effects = h.press(KeyCode::Char('n'));
    assert!(effects.contains(&Effect::Request(Request::Customers)));
    assert!(h.app.customers.is_some());
    h.typ("sor ost");
    h.press(KeyCode::Enter);
    let Mode::Form(fs) = &h.app.mode else {
        panic!("form open");
    };
    assert_eq!(fs.form.customer.text(), "Søren Østergaard");
    assert_eq!(fs.form.cleaner.text(), "Bo Madsen");
    let effects = h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let s = &saves(&effects)[0];
    assert_eq!(s.target, None);
    assert!(h.app.mode.is_normal(), "closed after the save went through");
    let id = h.app.selected.expect("the new booking is selected");
    let b = h.booking(id).expect("in the plan");
    assert_eq!(b.customer_id, s.draft.customer_id);
    assert!(h.app.undo_hint.is_none() || h.app.undo_hint.as_ref().is_some_and(|u| u.booking == id));

    h.press(KeyCode::Char('u'));
    assert!(h.booking(id).is_none(), "undo removed it");
    assert!(
        h.app
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("Undid creation"))
    );
    h.press_mod(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(h.booking(id).is_some(), "redo brought it back");
}

#[test]
fn a_refused_save_keeps_everything_typed() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('n'));
    h.typ("sor");
    h.press(KeyCode::Enter);
    h.press(KeyCode::Tab); // cleaner → service
    h.typ(" ekstra");
    let typed = match &h.app.mode {
        Mode::Form(fs) => fs.form.service.text().to_string(),
        _ => panic!("form open"),
    };
    h.app
        .on_reply(Reply::Refused(crate::engine::worker::Refusal {
            attempt: crate::engine::worker::Attempt::Save,
            error: std::sync::Arc::new(crate::store::StoreError::Invalid(
                "booking #1 was changed by sara".into(),
            )),
            stale: None,
        }));
    let Mode::Form(fs) = &h.app.mode else {
        panic!("still open");
    };
    assert_eq!(fs.form.service.text(), typed);
    assert!(fs.form.error.as_ref().is_some_and(|e| e.contains("sara")));
    assert_eq!(fs.step, FormStep::Editing);
}

#[test]
fn esc_closes_the_form_without_a_change() {
    let mut h = Harness::new();
    let before = h.app.plan.as_ref().map(|p| p.bookings.len());
    h.press(KeyCode::Char('n'));
    h.typ("sor");
    let effects = h.press(KeyCode::Esc);
    assert!(saves(&effects).is_empty());
    assert!(h.app.mode.is_normal());
    assert_eq!(h.app.plan.as_ref().map(|p| p.bookings.len()), before);
}

#[test]
fn cancel_asks_why_and_needs_an_answer() {
    let mut h = Harness::new();
    let id = h.ids[1];
    h.select(id);
    h.press(KeyCode::Char('d'));
    assert!(matches!(h.app.mode, Mode::Prompt(_)));
    let effects = h.press(KeyCode::Enter);
    assert!(effects.is_empty());
    assert!(matches!(&h.app.mode, Mode::Prompt(p) if p.error.is_some()));
    h.typ("kunden er syg");
    let effects = h.press(KeyCode::Enter);
    assert!(matches!(
        &effects[..],
        [Effect::Request(Request::Cancel { reason, .. })] if reason == "kunden er syg"
    ));
    assert_eq!(
        h.booking(id).map(|b| b.status),
        Some(crate::domain::BookingStatus::Cancelled)
    );
    h.press(KeyCode::Char('u'));
    assert_eq!(
        h.booking(id).map(|b| b.status),
        Some(crate::domain::BookingStatus::Scheduled)
    );
}

#[test]
fn a_booking_outside_working_hours_goes_to_the_review_queue() {
    let mut h = Harness::new();
    h.app.lane = 1;
    h.app.selected = None;
    h.press(KeyCode::Char('n'));
    h.typ("sor");
    h.press(KeyCode::Enter);
    // Start field: 17:00, after Bo's 16:00.
    if let Mode::Form(fs) = &mut h.app.mode {
        fs.form.focus = crate::tui::form::Field::Start;
    }
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("17");
    let effects = h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let s = &saves(&effects)[0];
    assert!(!s.draft.review.is_empty(), "flagged: {s:?}");
    assert_eq!(h.app.review.len(), 1);
    h.press(KeyCode::Char('r'));
    assert!(matches!(h.app.mode, Mode::Review { .. }));
    h.press(KeyCode::Char('a'));
    assert!(h.app.review.is_empty());
    assert!(h.app.mode.is_normal(), "an empty queue closes");
}

#[test]
fn a_weekday_mismatch_must_be_resolved_and_keeping_both_sends_it_to_review() {
    let mut h = Harness::new();
    h.app.lane = 1;
    h.app.selected = None;
    h.press(KeyCode::Char('n'));
    h.typ("sor");
    h.press(KeyCode::Enter);
    let set_date = |h: &mut Harness, text: &str| {
        if let Mode::Form(fs) = &mut h.app.mode {
            fs.form.focus = crate::tui::form::Field::Date;
        }
        h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
        h.typ(text);
    };
    // 25/11/2026 is a Wednesday.
    set_date(&mut h, "tirsdag 25/11");
    let effects = h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(saves(&effects).is_empty(), "not saved while it disagrees");
    assert!(matches!(&h.app.mode, Mode::Form(fs) if fs.step == FormStep::Weekday));
    // w: use the weekday → Tuesday 24/11, no review.
    let effects = h.press(KeyCode::Char('w'));
    let s = &saves(&effects)[0];
    assert_eq!(
        h.app.settings.tz.local_date(s.draft.start).to_string(),
        "2026-11-24"
    );
    assert!(s.draft.review.is_empty(), "{s:?}");
    // Again, keeping both: goes to review with the reason.
    h.press(KeyCode::Char('n'));
    h.typ("sor");
    h.press(KeyCode::Enter);
    set_date(&mut h, "tirsdag 25/11");
    h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let effects = h.press(KeyCode::Char('c'));
    let s = &saves(&effects)[0];
    assert_eq!(
        h.app.settings.tz.local_date(s.draft.start).to_string(),
        "2026-11-25"
    );
    assert!(s.draft.review.contains("Tuesday"), "{}", s.draft.review);
    assert!(h.app.review.iter().any(|r| r.reason.contains("Tuesday")));
}

/// Saving over another dispatcher's change.
mod stale;
