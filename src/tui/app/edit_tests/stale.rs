//! A save over another dispatcher's change: the decision panel, and what
//! each of its keys leaves in the database.

use super::*;
use crate::domain::{BookingDraft, Changed, EditField};
use crate::tui::form::Field;

/// Sara changes booking `id` from another console.
fn sara_changes(h: &Harness, id: i64, change: impl FnOnce(&mut BookingDraft)) -> Booking {
    let mut sara =
        Store::open(&h._dir.path().join("d.db"), "sara", Clock::Fixed(now())).expect("sara");
    let b = sara.booking(id).expect("b");
    let mut d = BookingDraft::of(&b);
    change(&mut d);
    sara.save_booking(crate::store::Save {
        target: Some((b.id, b.version)),
        draft: d,
        accepted: vec![],
        reason: String::new(),
    })
    .expect("sara's change")
}

/// The booking as stored, read past the console.
fn stored(h: &Harness, id: i64) -> Booking {
    let s = Store::open(&h._dir.path().join("d.db"), "x", Clock::Fixed(now())).expect("open");
    s.booking(id).expect("b")
}

fn newest_entry(h: &Harness, id: i64) -> crate::store::JournalEntry {
    let s = Store::open(&h._dir.path().join("d.db"), "x", Clock::Fixed(now())).expect("open");
    s.journal(Some(("booking", id)), 1)
        .expect("journal")
        .remove(0)
}

fn set_field(h: &mut Harness, field: Field, text: &str) {
    if let Mode::Form(fs) = &mut h.app.mode {
        fs.form.focus = field;
    }
    if field != Field::Notes {
        h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    }
    h.typ(text);
}

fn ctrl_s(h: &mut Harness) -> Vec<Effect> {
    h.press_mod(KeyCode::Char('s'), KeyModifiers::CONTROL)
}

fn panel(h: &Harness) -> &StalePanel {
    match &h.app.mode {
        Mode::Stale(p) => p,
        _ => panic!("the decision panel is open"),
    }
}

fn who_changed(h: &Harness) -> Vec<(EditField, Changed)> {
    let edit = panel(h).news.edit.as_ref().expect("compared");
    edit.changes.iter().map(|c| (c.field, c.changed)).collect()
}

/// Sara moves #id half an hour later while we add a note in the form.
fn refused_note(h: &mut Harness, id: i64) -> Booking {
    h.select(id);
    h.press(KeyCode::Char('e'));
    let moved = sara_changes(h, id, |d| {
        d.start += Duration::minutes(30);
        d.end += Duration::minutes(30);
    });
    set_field(h, Field::Notes, "Ring på");
    ctrl_s(h);
    moved
}

#[test]
fn a_refused_save_shows_what_they_changed_and_saving_again_does_not_overwrite() {
    let mut h = Harness::new();
    let id = h.ids[1];
    let moved = refused_note(&mut h, id);
    let p = panel(&h);
    assert_eq!(p.news.by, "sara");
    assert_eq!(
        p.news.change,
        Some(crate::domain::BookingChange::Move),
        "named as a move"
    );
    assert_eq!(
        who_changed(&h),
        vec![
            (EditField::Start, Changed::Theirs),
            (EditField::End, Changed::Theirs),
            (EditField::Notes, Changed::Yours),
        ]
    );
    // Back to the form: the typed note is there, the base is still the old one.
    h.press(KeyCode::Esc);
    let Mode::Form(fs) = &h.app.mode else {
        panic!("back in the form");
    };
    assert_eq!(fs.form.notes.lines().join(""), "Ring på");
    assert!(
        fs.form
            .editing
            .as_ref()
            .is_some_and(|b| b.version < moved.version)
    );
    // A second ctrl-s without a decision: the panel again, nothing written.
    ctrl_s(&mut h);
    assert!(matches!(h.app.mode, Mode::Stale(_)), "asks again");
    assert_eq!(stored(&h, id), moved, "sara's move stands");
    // Even after the day reloads meanwhile.
    h.press(KeyCode::Esc);
    h.run(vec![Effect::Request(Request::Load(h.app.date))]);
    ctrl_s(&mut h);
    assert!(matches!(h.app.mode, Mode::Stale(_)));
    assert_eq!(stored(&h, id), moved);
}

#[test]
fn take_theirs_drops_the_form_and_leaves_their_booking() {
    let mut h = Harness::new();
    let id = h.ids[1];
    let moved = refused_note(&mut h, id);
    let effects = h.press(KeyCode::Char('t'));
    assert!(saves(&effects).is_empty(), "nothing is written");
    assert!(h.app.mode.is_normal());
    assert_eq!(stored(&h, id), moved);
    assert_eq!(newest_entry(&h, id).actor, "sara");
    assert!(
        h.app
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("sara")),
        "{:?}",
        h.app.message
    );
}

#[test]
fn overwrite_saves_yours_on_top_of_theirs_and_journals_it() {
    let mut h = Harness::new();
    let id = h.ids[1];
    h.select(id);
    h.press(KeyCode::Char('e'));
    // Sara moves it to 12:30 and writes an address; we move it to 13:00
    // and add a note.
    let theirs = sara_changes(&h, id, |d| {
        d.start += Duration::minutes(30);
        d.end += Duration::minutes(30);
        d.address = "Bagdøren".into();
    });
    set_field(&mut h, Field::Start, "13:00");
    set_field(&mut h, Field::Notes, "Ring på");
    ctrl_s(&mut h);
    assert_eq!(
        who_changed(&h),
        vec![
            (EditField::Start, Changed::Both),
            (EditField::End, Changed::Both),
            (EditField::Address, Changed::Theirs),
            (EditField::Notes, Changed::Yours),
        ]
    );
    let effects = h.press(KeyCode::Char('o'));
    let s = &saves(&effects)[0];
    assert_eq!(s.target, Some((id, theirs.version)), "on top of theirs");
    assert!(h.app.mode.is_normal(), "{:?}", h.app.message);
    let now = stored(&h, id);
    assert_eq!(now.start, at(240), "13:00, yours");
    assert_eq!(now.address, "Bagdøren", "theirs kept");
    assert_eq!(now.notes, "Ring på");
    let e = newest_entry(&h, id);
    assert_eq!(e.actor, "mette");
    assert_eq!(
        e.before
            .as_ref()
            .and_then(|b| b.get("version"))
            .and_then(|v| v.as_i64()),
        Some(theirs.version),
        "journaled as a change of their version"
    );
}

#[test]
fn overwrite_refused_again_asks_again_on_the_newest_version() {
    let mut h = Harness::new();
    let id = h.ids[1];
    refused_note(&mut h, id);
    // Sara changes it once more before we decide.
    let again = sara_changes(&h, id, |d| d.service = "Hovedrengøring".into());
    h.press(KeyCode::Char('o'));
    assert!(matches!(h.app.mode, Mode::Stale(_)), "asks again");
    assert_eq!(stored(&h, id), again);
    assert!(
        who_changed(&h).contains(&(EditField::Service, Changed::Theirs)),
        "{:?}",
        who_changed(&h)
    );
    h.press(KeyCode::Char('o'));
    let now = stored(&h, id);
    assert_eq!(now.service, "Hovedrengøring");
    assert_eq!(now.start, again.start);
    assert_eq!(now.notes, "Ring på");
}

#[test]
fn a_move_over_their_change_opens_the_same_decision() {
    let mut h = Harness::new();
    let id = h.ids[1];
    h.select(id);
    h.press(KeyCode::Char('m'));
    let theirs = sara_changes(&h, id, |d| d.notes = "Nøgle hos naboen".into());
    h.press(KeyCode::Right);
    h.press(KeyCode::Enter);
    assert_eq!(
        who_changed(&h),
        vec![
            (EditField::Start, Changed::Yours),
            (EditField::End, Changed::Yours),
            (EditField::Notes, Changed::Theirs),
        ]
    );
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.mode, Mode::Move(_)), "back to moving");
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.mode, Mode::Stale(_)), "asks again");
    assert_eq!(stored(&h, id), theirs);
    h.press(KeyCode::Char('o'));
    let now = stored(&h, id);
    assert_eq!(now.notes, "Nøgle hos naboen", "their note kept");
    assert!(now.start > theirs.start, "moved");
}

#[test]
fn cancelling_a_booking_changed_meanwhile_asks_again_on_it_as_it_is_now() {
    let mut h = Harness::new();
    let id = h.ids[1];
    h.select(id);
    h.press(KeyCode::Char('d'));
    let moved = sara_changes(&h, id, |d| {
        d.start += Duration::minutes(30);
        d.end += Duration::minutes(30);
    });
    h.typ("kunden er syg");
    h.press(KeyCode::Enter);
    let Mode::Prompt(p) = &h.app.mode else {
        panic!("asked again: {:?}", h.app.message);
    };
    assert_eq!(p.version, moved.version);
    assert!(p.question.contains("12:30"), "{}", p.question);
    let e = p.error.clone().expect("says why");
    assert!(e.contains("sara moved #"), "{e}");
    assert_eq!(stored(&h, id), moved, "not cancelled");
    h.typ("kunden er syg");
    h.press(KeyCode::Enter);
    assert_eq!(
        stored(&h, id).status,
        crate::domain::BookingStatus::Cancelled
    );
}

#[test]
fn overwrite_refused_for_another_reason_leaves_the_form_on_theirs_showing_what_was_sent() {
    let mut h = Harness::new();
    let id = h.ids[1];
    refused_note(&mut h, id);
    // Sara cancels it before we decide: overwriting is refused by the rule
    // that a cancelled booking is not edited.
    let mut sara =
        Store::open(&h._dir.path().join("d.db"), "sara", Clock::Fixed(now())).expect("sara");
    let b = sara.booking(id).expect("b");
    let cancelled = sara
        .cancel_booking(id, b.version, "kunden aflyste")
        .expect("cancel");
    h.press(KeyCode::Char('o'));
    assert!(
        who_changed(&h).contains(&(EditField::Status, Changed::Theirs)),
        "{:?}",
        who_changed(&h)
    );
    h.press(KeyCode::Char('o'));
    let Mode::Form(fs) = &h.app.mode else {
        panic!("back in the form");
    };
    let err = fs.form.error.clone().unwrap_or_default();
    assert!(err.contains("cancelled"), "{err}");
    assert_eq!(
        fs.form.editing.as_ref().map(|b| b.version),
        Some(cancelled.version)
    );
    assert_eq!(
        fs.form.start.text(),
        "12:30",
        "sara's time, not the one loaded"
    );
    assert_eq!(fs.form.notes.lines().join(""), "Ring på");
    assert_eq!(stored(&h, id), cancelled, "nothing written");
}
