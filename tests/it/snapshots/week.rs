//! The week board and a cleaner's week on the demo's data, at 80×24 and
//! 160×48, in each language the console speaks.

use renos::clock::Clock;
use renos::config::Settings;
use renos::engine::week::WeekPlan;
use renos::engine::worker::{Reply, Request};
use renos::store::Store;
use renos::tui::app::{App, Effect, Mode};
use renos::tui::theme::Theme;

use super::{check, demo_app, now, press, render, text};

/// What a language sets in the settings.
type SetLanguage = fn(&mut Settings);

/// The languages the snapshots are taken in: a name for the files, and
/// what it sets.
const LANGUAGES: &[(&str, SetLanguage)] = &[
    ("en", |_| {}),
    ("da", |s| s.language = renos::i18n::Language::Da),
];

/// Answers the week requests among `effects` as the worker would.
fn answer_week(app: &mut App, store: &Store, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Request(Request::Week(Some(date))) = e {
            let plan = WeekPlan::load(store, date, &app.settings).expect("week");
            app.on_reply(Reply::Week(Box::new(plan)));
        }
    }
}

fn key(app: &mut App, store: &Store, code: crossterm::event::KeyCode) {
    let effects = app.handle_key(&crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ));
    answer_week(app, store, effects);
}

#[test]
fn week_board_and_cleaners_week_at_80x24_and_160x48() {
    use crossterm::event::KeyCode;
    for (lang, set) in LANGUAGES {
        for (w, h) in [(80, 24), (160, 48)] {
            let (mut app, dir) = demo_app(Theme::dark());
            set(&mut app.settings);
            let store =
                Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
            key(&mut app, &store, KeyCode::Char('w'));
            assert!(matches!(app.mode, Mode::Week(_)), "w opens the board");
            check(
                &format!("week_board_{lang}_{w}x{h}"),
                &text(&render(&app, w, h)),
            );
            key(&mut app, &store, KeyCode::Char('W'));
            check(
                &format!("cleaner_week_{lang}_{w}x{h}"),
                &text(&render(&app, w, h)),
            );
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Esc);
            assert!(app.mode.is_normal(), "esc twice: back to the schedule");
        }
    }
}

#[test]
fn the_week_board_and_cleaners_week_speak_one_language() {
    use crossterm::event::KeyCode;
    use renos::i18n::Language;
    for lang in Language::ALL {
        let (mut app, dir) = demo_app(Theme::dark());
        app.settings.language = lang;
        let store =
            Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
        key(&mut app, &store, KeyCode::Char('w'));
        let board = text(&render(&app, 80, 24));
        let foreign = super::foreign_words(&board, lang);
        assert!(
            foreign.is_empty(),
            "{lang}: week board: {foreign:?}\n{board}"
        );
        key(&mut app, &store, KeyCode::Char('W'));
        let week = text(&render(&app, 80, 24));
        let foreign = super::foreign_words(&week, lang);
        assert!(
            foreign.is_empty(),
            "{lang}: cleaner's week: {foreign:?}\n{week}"
        );
    }
}
