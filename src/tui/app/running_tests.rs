//! A running job through the console: moving it says what can be done
//! instead, and finishing it right after the start is refused with why.

use chrono::Duration;
use crossterm::event::KeyCode;

use super::edit_tests::Harness;
use super::*;

/// Anna's first job, started through the console.
fn started() -> (Harness, i64) {
    let mut h = Harness::new();
    let id = h.ids[0];
    h.select(id);
    h.press(KeyCode::Char('s'));
    assert_eq!(
        h.booking(id).map(|b| b.status),
        Some(BookingStatus::InProgress),
        "{:?}",
        h.app.message
    );
    (h, id)
}

#[test]
fn moving_a_running_job_in_time_says_why_and_leaves_no_stray_text() {
    let (mut h, id) = started();
    h.press(KeyCode::Char('m'));
    assert!(matches!(h.app.mode, Mode::Move(_)));
    h.press(KeyCode::Right);
    let shown = h.screen(80, 24);
    let row = shown
        .iter()
        .find(|l| l.contains("A running job keeps its times"))
        .unwrap_or_else(|| panic!("no reason shown: {shown:#?}"));
    // The sentence and nothing of the key list it was written over.
    assert!(row.trim_end().ends_with("another cleaner."), "{row:?}");
    assert!(!row.contains("put back"), "{row:?}");
    // Enter without a change: not moved, and why, with what to do instead.
    h.press(KeyCode::Enter);
    assert!(h.app.mode.is_normal());
    let said = h
        .app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains(&format!("#{id} not moved")), "{said}");
    assert!(said.contains("a running job keeps its times"), "{said}");
    assert!(
        said.contains("another cleaner") && said.contains("finishes it"),
        "{said}"
    );
    assert!(
        !h.screen(80, 24)
            .iter()
            .any(|l| l.contains("A running job keeps its times")),
        "the move mode's sentence stays behind"
    );
}

#[test]
fn finishing_a_job_right_after_its_start_is_refused_with_why() {
    let (mut h, id) = started();
    let effects = h.press(KeyCode::Char('f'));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Request(Request::Finish { .. }))),
        "{effects:?}"
    );
    assert_eq!(
        h.booking(id).map(|b| b.status),
        Some(BookingStatus::InProgress)
    );
    let m = h.app.message.clone().expect("a message");
    assert_eq!(m.kind, MessageKind::Error);
    assert!(
        m.text.starts_with("Not finished: it ran under a minute"),
        "{}",
        m.text
    );
    assert!(m.text.contains("0 minutes would be recorded"), "{}", m.text);
    assert!(m.text.contains("u takes back a start"), "{}", m.text);
    // A minute later it finishes as asked.
    let later = h.app.now + Duration::minutes(1);
    h.app.tick(later);
    let effects = h.press(KeyCode::Char('f'));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Request(Request::Finish { .. }))),
        "{effects:?}"
    );
}
