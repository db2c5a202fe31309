//! The message log: every message kept whole, newest first, bounded; its
//! keys; and the start-up notice that keeps the status line its full time.

use chrono::{NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::engine::office::{OfficeDone, OfficeEvent};

fn app() -> App {
    let now = Utc
        .with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
        .single()
        .expect("t");
    let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("d");
    let mut app = App::new(
        Settings::default(),
        Theme::dark(),
        Keymap::default(),
        now,
        date,
    );
    app.on_reply(Reply::Day(Box::new(DayPlan {
        date,
        ..DayPlan::default()
    })));
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fn texts(app: &App) -> Vec<String> {
    app.log.newest_first().map(|m| m.text.clone()).collect()
}

fn scroll(app: &App) -> usize {
    match &app.mode {
        Mode::Log(v) => v.scroll,
        _ => panic!("not in the log"),
    }
}

#[test]
fn every_message_is_kept_whole_newest_first_with_its_time_and_kind() {
    let mut app = app();
    let long = format!("Billy refused the invoice: {}", "a long reason ".repeat(20));
    app.say(MessageKind::Error, long.clone());
    let first_at = app.now;
    app.tick(app.now + Duration::seconds(30));
    app.say(MessageKind::Info, "Synced: 3 read");
    assert_eq!(texts(&app), ["Synced: 3 read".to_string(), long]);
    let kinds: Vec<_> = app.log.newest_first().map(|m| (m.kind, m.at)).collect();
    assert_eq!(
        kinds,
        [
            (MessageKind::Info, first_at + Duration::seconds(30)),
            (MessageKind::Error, first_at)
        ]
    );
    // Gone from the status line after its time, still in the log.
    app.tick(app.now + Duration::seconds(MESSAGE_SECONDS));
    assert!(app.message.is_none());
    assert_eq!(app.log.len(), 2);
}

#[test]
fn the_log_keeps_the_newest_thousand() {
    let mut app = app();
    for i in 0..LOG_LIMIT + 5 {
        app.say(MessageKind::Info, format!("message {i}"));
    }
    assert_eq!(app.log.len(), LOG_LIMIT);
    let all = texts(&app);
    assert_eq!(all[0], format!("message {}", LOG_LIMIT + 4));
    assert_eq!(all[LOG_LIMIT - 1], "message 5");
}

#[test]
fn bang_opens_the_log_which_scrolls_and_closes() {
    let mut app = app();
    for i in 0..12 {
        app.say(MessageKind::Info, format!("message {i}"));
    }
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(app.mode.key_mode(), KeyMode::Log);
    assert_eq!(scroll(&app), 0);
    press(&mut app, KeyCode::Up);
    assert_eq!(scroll(&app), 0, "the newest is the top");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(scroll(&app), 2);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(scroll(&app), 7);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(scroll(&app), 11, "stops at the oldest");
    press(&mut app, KeyCode::Home);
    assert_eq!(scroll(&app), 0);
    press(&mut app, KeyCode::End);
    assert_eq!(scroll(&app), 11);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(scroll(&app), 6);
    // Schedule keys do nothing here.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.mode.key_mode(), KeyMode::Log);
    press(&mut app, KeyCode::Esc);
    assert!(app.mode.is_normal());
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Char('!'));
    assert!(app.mode.is_normal(), "`!` closes it too");
}

#[test]
fn an_empty_log_opens_and_its_keys_stay_at_the_top() {
    let mut app = app();
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Down);
    assert_eq!(scroll(&app), 0);
}

#[test]
fn the_start_up_notice_keeps_its_time_and_news_waits_in_the_log() {
    let mut app = app();
    app.notice(MessageKind::Info, "Demo: 6 cleaners in /tmp/renos.db");
    let alert = OfficeEvent::Done(OfficeDone::PaymentsChecked { unpaid: 2 });
    app.tick(app.now + Duration::milliseconds(60));
    app.on_office(alert);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Demo: 6 cleaners in /tmp/renos.db"),
        "the path stays"
    );
    assert_eq!(app.log.len(), 2, "the news is in the log");
    app.tick(app.now + Duration::seconds(5));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.starts_with("Demo"))
    );
    // Its time is up: the news shows, for its own full time.
    app.tick(app.now + Duration::seconds(5));
    let m = app.message.clone().expect("the news");
    assert_ne!(m.text, "Demo: 6 cleaners in /tmp/renos.db");
    assert_eq!(m.at, app.now);
    app.tick(app.now + Duration::seconds(MESSAGE_SECONDS - 1));
    assert!(app.message.is_some());
}

#[test]
fn a_key_ends_the_notice_and_answers_at_once() {
    let mut app = app();
    app.notice(MessageKind::Info, "Demo: in /tmp/renos.db");
    app.say(MessageKind::Info, "news");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(
        app.message.as_ref().map(|m| m.kind),
        Some(MessageKind::Error),
        "start with nothing selected is answered"
    );
    app.say(MessageKind::Info, "more news");
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("more news")
    );
    assert_eq!(app.log.len(), 4);
}
