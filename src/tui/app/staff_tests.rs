//! The staff screen through the console, key by key, with the store
//! worker's own service answering (synchronously) on a real database.

use crossterm::event::{KeyCode, KeyModifiers};

use super::edit_tests::Harness;
use super::*;
use crate::domain::availability::{Interval, StaffField};

fn screen(h: &Harness) -> &StaffScreen {
    match &h.app.mode {
        Mode::Staff(s) => s,
        _ => panic!("the staff screen is not open"),
    }
}

fn card<'a>(h: &'a Harness, name: &str) -> &'a crate::engine::worker::StaffCard {
    screen(h)
        .cards()
        .iter()
        .find(|c| c.staff.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Opens the screen and goes to `row` of the first cleaner (Anna).
fn open_at(h: &mut Harness, row: StaffRow) {
    h.press(KeyCode::Char('A'));
    let at = screen(h)
        .rows()
        .iter()
        .position(|r| *r == row)
        .expect("row");
    for _ in 0..at {
        h.press(KeyCode::Down);
    }
    assert_eq!(screen(h).current_row(), Some(row));
}

fn hm(s: &str) -> chrono::NaiveTime {
    chrono::NaiveTime::parse_from_str(s, "%H:%M").expect("time")
}

#[test]
fn a_lists_the_cleaners_with_their_fields_and_the_week_booked() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('A'));
    let s = screen(&h);
    let names: Vec<&str> = s.cards().iter().map(|c| c.staff.name.as_str()).collect();
    assert_eq!(names, ["Anna Jensen", "Bo Madsen"]);
    assert_eq!(s.chosen, Some(s.cards()[0].staff.id));
    // Anna's two jobs of two hours are in the week shown.
    assert_eq!(card(&h, "Anna Jensen").booked_week_min, 240);
    assert_eq!(s.rows().len(), 7 + 5 + 2);
    let shown = h.screen(80, 24).join("\n");
    for words in [
        "Anna Jensen",
        "Bo Madsen",
        "Tuesday",
        "07:00-16:00",
        "every service",
        "everywhere",
        "+ add a date override",
        "+ add time off",
        "4 h booked",
    ] {
        assert!(shown.contains(words), "{words:?} not in\n{shown}");
    }
    // Right goes to the next cleaner; esc closes and stops the updates.
    h.press(KeyCode::Right);
    assert_eq!(
        screen(&h).card().map(|c| c.staff.name.as_str()),
        Some("Bo Madsen")
    );
    let effects = h.app.handle_key(&crossterm::event::KeyEvent::new(
        KeyCode::Esc,
        KeyModifiers::NONE,
    ));
    assert!(h.app.mode.is_normal());
    assert_eq!(effects, vec![Effect::Request(Request::Staff(None))]);
}

#[test]
fn tuesday_hours_with_a_break_are_saved_as_one_journaled_change() {
    let mut h = Harness::new();
    open_at(&mut h, StaffRow::Day(1));
    h.press(KeyCode::Enter);
    assert!(screen(&h).editing.is_some());
    // The first key typed replaces the value shown.
    h.typ("08:00-11:00,12:00-15:00");
    h.press(KeyCode::Enter);
    assert!(screen(&h).editing.is_none(), "{:?}", screen(&h).note);
    let anna = card(&h, "Anna Jensen");
    assert_eq!(
        anna.availability.week.day(1),
        &[
            Interval {
                start: hm("08:00"),
                end: hm("11:00")
            },
            Interval {
                start: hm("12:00"),
                end: hm("15:00")
            }
        ]
    );
    assert_eq!(anna.availability.week.day(0).len(), 1, "Monday kept");
    let said = h.app.message.as_ref().map(|m| m.text.clone());
    assert_eq!(said.as_deref(), Some("Changed Anna Jensen's Tuesday hours"));
    let store = h.service.store();
    let staff = store.find_staff("Anna Jensen").expect("anna");
    assert_eq!(store.availability(&staff).expect("a").week.day(1).len(), 2);
    let journal = store
        .journal(Some(("staff", staff.id)), 50)
        .expect("journal");
    assert!(
        journal.iter().any(|e| e.action == "staff.set"),
        "{journal:?}"
    );
    // Plain hours again: the week is kept without breaks.
    h.press(KeyCode::Enter);
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("09:00-13:00");
    h.press(KeyCode::Enter);
    assert_eq!(card(&h, "Anna Jensen").availability.week.day(1).len(), 1);
}

#[test]
fn a_value_that_does_not_read_is_refused_naming_the_field() {
    let mut h = Harness::new();
    open_at(&mut h, StaffRow::Contract);
    h.press(KeyCode::Enter);
    h.typ("lots");
    let effects = h.press(KeyCode::Enter);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Request(Request::SetStaff { .. }))),
        "{effects:?}"
    );
    let s = screen(&h);
    assert!(s.editing.is_some(), "the field stays open to fix");
    assert!(matches!(
        &s.note,
        Some(StaffNote::Invalid(StaffField::Contract, why)) if why.to_string().contains("\"lots\"")
    ));
    let shown = h.screen(80, 24).join("\n");
    assert!(shown.contains("✗ Contracted hours: \"lots\""), "{shown}");
    // Fixed, it saves.
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("30");
    h.press(KeyCode::Enter);
    assert_eq!(
        card(&h, "Anna Jensen").availability.contract_min,
        Some(30 * 60)
    );
    assert!(h.screen(80, 24).join("\n").contains("4 of 30 h booked"));
}

#[test]
fn an_override_and_time_off_are_added_and_removed() {
    let mut h = Harness::new();
    open_at(&mut h, StaffRow::AddOverride);
    h.press(KeyCode::Enter);
    h.typ("2026-12-24 closed");
    h.press(KeyCode::Enter);
    assert_eq!(card(&h, "Anna Jensen").availability.overrides.len(), 1);
    // The new override's row is where the add row was.
    assert_eq!(screen(&h).current_row(), Some(StaffRow::Override(0)));
    let rows = screen(&h).rows();
    let add = rows
        .iter()
        .position(|r| *r == StaffRow::AddTimeOff)
        .expect("row");
    for _ in screen(&h).row..add {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    h.typ("2026-12-28..2026-12-30:ferie");
    h.press(KeyCode::Enter);
    let anna = card(&h, "Anna Jensen");
    assert_eq!(anna.staff.time_off.len(), 1);
    assert_eq!(anna.staff.time_off[0].reason, "ferie");
    // The cursor is on the new entry: Enter says it is removed, not
    // edited; d removes it.
    assert_eq!(screen(&h).current_row(), Some(StaffRow::TimeOff(0)));
    h.press(KeyCode::Enter);
    assert_eq!(screen(&h).note, Some(StaffNote::RemoveOnly));
    h.press(KeyCode::Char('d'));
    assert!(card(&h, "Anna Jensen").staff.time_off.is_empty());
    h.press(KeyCode::Home);
    let at = screen(&h)
        .rows()
        .iter()
        .position(|r| *r == StaffRow::Override(0))
        .expect("override row");
    for _ in 0..at {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Delete);
    assert!(card(&h, "Anna Jensen").availability.overrides.is_empty());
}

#[test]
fn u_puts_back_the_last_change_made_in_the_screen() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('A'));
    h.press(KeyCode::Char('u'));
    assert_eq!(screen(&h).note, Some(StaffNote::NothingToPutBack));
    let at = screen(&h)
        .rows()
        .iter()
        .position(|r| *r == StaffRow::Priority)
        .expect("row");
    for _ in 0..at {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    h.typ("5");
    h.press(KeyCode::Enter);
    assert_eq!(card(&h, "Anna Jensen").availability.priority, 5);
    h.press(KeyCode::Char('u'));
    assert_eq!(card(&h, "Anna Jensen").availability.priority, 0);
    assert_eq!(
        h.app.message.as_ref().map(|m| m.text.as_str()),
        Some("Changed Anna Jensen's priority")
    );
}

#[test]
fn another_change_to_the_cleaner_first_is_refused_not_overwritten() {
    let mut h = Harness::new();
    open_at(&mut h, StaffRow::Area);
    // Someone else changes Anna meanwhile (the screen has not heard yet).
    let id = card(&h, "Anna Jensen").staff.id;
    let stale = card(&h, "Anna Jensen").staff.version;
    h.app.handle_key(&crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    ));
    h.typ("2100");
    let effects = h.app.handle_key(&crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    ));
    assert_eq!(
        effects,
        vec![Effect::Request(Request::SetStaff {
            id,
            version: stale,
            edit: crate::domain::availability::StaffEdit::Area(
                crate::domain::availability::Area::parse("2100").expect("area")
            ),
        })]
    );
    h.service.handle(Request::SetStaff {
        id,
        version: stale,
        edit: crate::domain::availability::StaffEdit::Priority(3),
    });
    h.run(effects);
    let anna = card(&h, "Anna Jensen");
    assert_eq!(anna.availability.priority, 3);
    assert!(anna.availability.area.0.is_empty(), "not overwritten");
    let said = h.app.message.clone().expect("message");
    assert_eq!(said.kind, MessageKind::Error);
    assert!(
        said.text.starts_with("The cleaner was not changed"),
        "{}",
        said.text
    );
}

#[test]
fn dates_are_taken_as_the_form_takes_them() {
    let mut h = Harness::new();
    open_at(&mut h, StaffRow::AddOverride);
    h.press(KeyCode::Enter);
    h.typ("24/12..26/12 closed");
    h.press(KeyCode::Enter);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let o = &card(&h, "Anna Jensen").availability.overrides;
    assert_eq!(
        o.iter().map(|o| (o.from, o.to)).collect::<Vec<_>>(),
        vec![(day("2026-12-24"), day("2026-12-26"))]
    );
    let rows = screen(&h).rows();
    let add = rows
        .iter()
        .position(|r| *r == StaffRow::AddTimeOff)
        .expect("row");
    for _ in screen(&h).row..add {
        h.press(KeyCode::Down);
    }
    h.press(KeyCode::Enter);
    h.typ("28/12/2026:ferie");
    h.press(KeyCode::Enter);
    let anna = card(&h, "Anna Jensen");
    assert_eq!(anna.staff.time_off.len(), 1);
    assert_eq!(
        (
            anna.staff.time_off[0].from,
            anna.staff.time_off[0].reason.as_str()
        ),
        (day("2026-12-28"), "ferie")
    );
}
