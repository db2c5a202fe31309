//! The sick call through the console, key by key, with the store worker's
//! own service answering (synchronously) on a real database.

use crossterm::event::KeyCode;

use super::edit_tests::Harness;
use super::*;

fn sick(h: &Harness) -> &SickCallState {
    match &h.app.mode {
        Mode::SickCall(s) => s,
        _ => panic!("the sick call is not open"),
    }
}

fn staff_of(h: &Harness, id: i64) -> Option<i64> {
    h.service.store().booking(id).expect("booking").staff_id
}

#[test]
fn x_plans_replacements_takes_them_as_one_change_and_one_undo_takes_it_back() {
    let mut h = Harness::new();
    let ids = h.ids.clone();
    let (anna, bo) = {
        let p = h.app.plan.as_ref().expect("plan");
        (p.staff[0].id, p.staff[1].id)
    };
    h.app.lane = 0;
    h.press(KeyCode::Char('X'));
    let s = sick(&h);
    assert_eq!(
        (s.staff_id, s.to - s.from),
        (anna, chrono::Duration::days(2))
    );
    assert_eq!(s.jobs().len(), 2);
    assert!(
        s.jobs()
            .iter()
            .all(|r| r.to.as_ref().map(|t| t.0) == Some(bo))
    );
    assert_eq!(s.taken().len(), 2, "every replacement is taken at first");
    // a: none; a: all; space leaves the first, space takes it again.
    h.press(KeyCode::Char('a'));
    assert!(sick(&h).taken().is_empty());
    h.press(KeyCode::Char('a'));
    assert_eq!(sick(&h).taken().len(), 2);
    h.press(KeyCode::Char(' '));
    assert_eq!(sick(&h).taken().len(), 1);
    h.press(KeyCode::Char(' '));
    // The end of the period moves, and the plan is asked again.
    h.press(KeyCode::Char('+'));
    assert_eq!(sick(&h).to - sick(&h).from, chrono::Duration::days(3));
    assert_eq!(sick(&h).taken().len(), 2);
    h.press(KeyCode::Enter);
    assert_eq!(staff_of(&h, ids[0]), Some(bo));
    assert_eq!(staff_of(&h, ids[1]), Some(bo));
    // Then the offer to tell the customers by SMS.
    let Mode::Confirm(c) = &h.app.mode else {
        panic!("no offer to tell the customers");
    };
    let mut told = match &c.yes {
        crate::engine::office::OfficeCommand::TellNewCleaner(v) => v.clone(),
        other => panic!("{other:?}"),
    };
    told.sort();
    assert_eq!(told, ids);
    let effects = h.press(KeyCode::Char('y'));
    assert!(effects.iter().any(|e| matches!(
        e,
        Effect::Office(crate::engine::office::OfficeCommand::TellNewCleaner(_))
    )));
    assert!(h.app.mode.is_normal());
    h.press(KeyCode::Char('u'));
    assert_eq!(staff_of(&h, ids[0]), Some(anna));
    assert_eq!(staff_of(&h, ids[1]), Some(anna), "one undo takes both back");
}

#[test]
fn nothing_taken_changes_nothing() {
    let mut h = Harness::new();
    let ids = h.ids.clone();
    h.app.lane = 0;
    h.press(KeyCode::Char('X'));
    h.press(KeyCode::Char('a'));
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.mode, Mode::SickCall(_)));
    h.press(KeyCode::Esc);
    assert!(h.app.mode.is_normal());
    let anna = h.app.plan.as_ref().map(|p| p.staff[0].id);
    assert_eq!(staff_of(&h, ids[0]), anna);
}
