//! Each mode reads its own table of the keymap: the built-in keys do what
//! they did, and a rebound key works where it was bound.

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::engine::office::OfficeCommand;

fn app(keymap: Keymap) -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
        .single()
        .expect("t");
    let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("d");
    let settings = Settings {
        language: crate::i18n::Language::En,
        ..Settings::default()
    };
    let mut app = App::new(settings, Theme::dark(), keymap, now, date);
    app.on_reply(Reply::Day(Box::new(DayPlan {
        date,
        ..DayPlan::default()
    })));
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
}

fn ask(app: &mut App) {
    app.mode = Mode::Confirm(Confirm {
        question: "Send?".into(),
        yes: OfficeCommand::Remind,
    });
}

fn rebound(text: &str) -> Keymap {
    Keymap::parse(text, Path::new("keys.toml"), Some(Keymap::default())).expect("keymap")
}

fn review(n: i64) -> Vec<ReviewItem> {
    (1..=n)
        .map(|id| ReviewItem {
            id,
            version: 1,
            date: NaiveDate::from_ymd_opt(2026, 11, 20).expect("d"),
            start: Utc
                .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
                .single()
                .expect("t"),
            customer: format!("c{id}"),
            staff: String::new(),
            reason: String::new(),
        })
        .collect()
}

#[test]
fn a_question_answers_to_y_j_enter_and_n_esc() {
    let mut a = app(Keymap::default());
    for yes in [KeyCode::Char('y'), KeyCode::Char('j'), KeyCode::Enter] {
        ask(&mut a);
        assert_eq!(
            press(&mut a, yes),
            vec![Effect::Office(OfficeCommand::Remind)]
        );
        assert!(a.mode.is_normal());
    }
    for no in [KeyCode::Char('n'), KeyCode::Esc] {
        ask(&mut a);
        assert!(press(&mut a, no).is_empty());
        assert!(a.mode.is_normal());
    }
    // Any other key leaves the question open, `q` too.
    ask(&mut a);
    assert!(press(&mut a, KeyCode::Char('q')).is_empty());
    assert!(matches!(a.mode, Mode::Confirm(_)));
}

#[test]
fn a_rebound_yes_works_and_the_old_key_does_not() {
    let mut a = app(rebound("[confirm]\n\"o\" = \"yes\"\n\"y\" = \"none\"\n"));
    ask(&mut a);
    assert!(press(&mut a, KeyCode::Char('y')).is_empty());
    assert!(matches!(a.mode, Mode::Confirm(_)));
    assert_eq!(
        press(&mut a, KeyCode::Char('o')),
        vec![Effect::Office(OfficeCommand::Remind)]
    );
    // On the schedule `o` is still nothing.
    assert!(press(&mut a, KeyCode::Char('o')).is_empty());
    assert!(a.mode.is_normal());
}

#[test]
fn a_rebound_list_key_moves_the_review_queue() {
    let mut a = app(rebound("[list]\n\"J\" = \"down\"\n\"j\" = \"none\"\n"));
    a.review = review(3);
    press(&mut a, KeyCode::Char('r'));
    assert!(matches!(a.mode, Mode::Review { cursor: 0 }));
    press(&mut a, KeyCode::Char('j'));
    assert!(matches!(a.mode, Mode::Review { cursor: 0 }));
    a.handle_key(&KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT));
    assert!(matches!(a.mode, Mode::Review { cursor: 1 }));
    press(&mut a, KeyCode::Down);
    assert!(matches!(a.mode, Mode::Review { cursor: 2 }));
    press(&mut a, KeyCode::Up);
    assert!(matches!(a.mode, Mode::Review { cursor: 1 }));
    // `r` closes the queue it opened.
    press(&mut a, KeyCode::Char('r'));
    assert!(a.mode.is_normal());
}

#[test]
fn the_help_closes_on_any_key_and_a_schedule_key_also_acts() {
    let mut a = app(Keymap::default());
    for close in [KeyCode::Char('?'), KeyCode::Esc, KeyCode::Char('z')] {
        a.mode = Mode::Help;
        assert!(press(&mut a, close).is_empty());
        assert!(a.mode.is_normal());
    }
    a.mode = Mode::Help;
    assert_eq!(press(&mut a, KeyCode::Char('q')), vec![Effect::Quit]);
    a.mode = Mode::Help;
    assert_eq!(
        a.handle_key(&KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)),
        vec![Effect::ClearScreen]
    );
    assert!(matches!(a.mode, Mode::Help), "redraw keeps the help open");
}

#[test]
fn an_old_keys_file_still_saves_the_form_with_its_key() {
    let mut a = app(rebound("[keys]\n\"f5\" = \"save\"\n"));
    a.mode = Mode::Form(editing::FormState::new(crate::tui::form::BookingForm::new(
        a.date,
        chrono::NaiveTime::MIN,
        None,
    )));
    press(&mut a, KeyCode::F(5));
    // Nothing to save yet (no customer): the form says which field.
    let Mode::Form(fs) = &a.mode else {
        panic!("the form stays open");
    };
    assert!(
        fs.form
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("Customer")),
        "{:?}",
        fs.form.error
    );
}

#[test]
fn a_prompt_types_printable_keys_and_edits_with_the_text_table() {
    let mut a = app(rebound(
        "[text]\n\"ctrl-k\" = \"clear_line\"\n\"ctrl-u\" = \"none\"\n",
    ));
    a.mode = Mode::Prompt(Box::new(Prompt {
        title: String::new(),
        question: String::new(),
        input: crate::tui::input::LineInput::default(),
        error: None,
        id: 1,
        version: 1,
        scope: None,
    }));
    let text = |a: &App| match &a.mode {
        Mode::Prompt(p) => p.input.text().to_string(),
        _ => panic!("the prompt stays open"),
    };
    // `q`, `j` and `y` are text here, not quit, down or yes.
    for c in ['q', 'j', 'y'] {
        press(&mut a, KeyCode::Char(c));
    }
    assert_eq!(text(&a), "qjy");
    press(&mut a, KeyCode::Backspace);
    assert_eq!(text(&a), "qj");
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    a.handle_key(&ctrl('u'));
    assert_eq!(text(&a), "qj");
    a.handle_key(&ctrl('k'));
    assert_eq!(text(&a), "");
    // Enter with nothing typed names the key that goes back.
    press(&mut a, KeyCode::Enter);
    let Mode::Prompt(p) = &a.mode else {
        panic!("still open");
    };
    assert!(
        p.error.as_deref().is_some_and(|e| e.contains("(esc keeps")),
        "{:?}",
        p.error
    );
    press(&mut a, KeyCode::Esc);
    assert!(a.mode.is_normal());
}

#[test]
fn read_only_edit_keys_answer_with_the_reason_and_reading_goes_on() {
    use crate::domain::{Access, Role, RoleSource};
    let mut a = app(Keymap::default());
    a.read_only = Some(ReadOnly::Viewer(Access {
        login: "bo".into(),
        role: Role::Viewer,
        source: RoleSource::Config("/srv/renos/config.toml".into()),
    }));
    for key in ['n', 'e', 'm', 'd', 's', 'f', 'u', 'S', 'I', 'V'] {
        a.message = None;
        assert!(press(&mut a, KeyCode::Char(key)).is_empty(), "{key}");
        assert!(a.mode.is_normal(), "{key}");
        let said = a
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(
            said.starts_with("bo is a viewer: read-only"),
            "{key}: {said}"
        );
    }
    // The journal opens as ever.
    assert!(!press(&mut a, KeyCode::Char('L')).is_empty());
    // A review is not approved; with write access it would be.
    a.mode = Mode::Review { cursor: 0 };
    a.review = review(1);
    assert!(press(&mut a, KeyCode::Char('a')).is_empty());
    a.read_only = None;
    assert!(!press(&mut a, KeyCode::Char('a')).is_empty());
}
