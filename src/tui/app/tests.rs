use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::clock::Clock;
use crate::engine::demo;
use crate::store::Store;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T11:02:00+01:00")
        .expect("now")
        .with_timezone(&Utc)
}

/// The demo day loaded into an app, as the worker would deliver it.
fn demo_app() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tmp");
    let settings = Settings {
        language: crate::i18n::Language::En,
        ..Settings::default()
    };
    let mut store =
        Store::open(&dir.path().join("d.db"), "test", Clock::Fixed(now())).expect("open");
    demo::seed(&mut store, &settings, now()).expect("seed");
    let date = settings.tz.local_date(now());
    let plan = DayPlan::load(&store, date, &settings).expect("day");
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now(), date);
    assert!(app.on_reply(Reply::Day(Box::new(plan))));
    (app, dir)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn first_load_selects_a_job_near_now_and_shows_now() {
    let (app, _d) = demo_app();
    let b = app.selected_booking().expect("a selection");
    assert!(b.start <= now() + Duration::hours(3), "{b:?}");
    let m = app.minute_of_day(now());
    assert!(m >= app.window_start && m < app.window_start + app.window_len);
}

#[test]
fn left_and_right_walk_the_lane_in_time_order() {
    let (mut app, _d) = demo_app();
    let first = app.selected.expect("selected");
    app.handle_key(&key('l'));
    let second = app.selected.expect("selected");
    assert_ne!(first, second);
    let (a, b) = (
        app.plan.as_ref().and_then(|p| p.booking(first)),
        app.selected_booking(),
    );
    assert!(a.expect("a").start < b.expect("b").start);
    app.handle_key(&key('h'));
    assert_eq!(app.selected, Some(first));
}

#[test]
fn up_and_down_change_cleaner_and_stay_in_range() {
    let (mut app, _d) = demo_app();
    for _ in 0..20 {
        app.handle_key(&key('j'));
    }
    assert_eq!(app.lane, app.lanes().len() - 1);
    for _ in 0..20 {
        app.handle_key(&key('k'));
    }
    assert_eq!(app.lane, 0);
    let lane_key = app.lanes()[0];
    let b = app.selected_booking().expect("selected");
    assert_eq!(app.plan.as_ref().and_then(|p| p.lane_of(b)), lane_key);
}

#[test]
fn day_keys_ask_for_the_next_day_and_ignore_stale_answers() {
    let (mut app, _d) = demo_app();
    let today = app.date;
    let effects = app.handle_key(&key(']'));
    assert_eq!(
        effects,
        vec![Effect::Request(Request::Load(today + Duration::days(1)))]
    );
    assert_eq!(app.selected, None);
    // A late answer for the old day changes nothing.
    let stale = app.plan.clone().expect("plan");
    assert!(!app.on_reply(Reply::Day(Box::new(stale))));
    let effects = app.handle_key(&key('t'));
    assert_eq!(effects, vec![Effect::Request(Request::Load(today))]);
}

#[test]
fn start_and_finish_are_checked_before_they_are_sent() {
    let (mut app, _d) = demo_app();
    // Find a running job and a scheduled one.
    let plan = app.plan.clone().expect("plan");
    let running = plan
        .bookings
        .iter()
        .find(|b| b.status == BookingStatus::InProgress)
        .expect("running");
    let scheduled = plan
        .bookings
        .iter()
        .find(|b| b.status == BookingStatus::Scheduled && b.staff_id.is_some())
        .expect("scheduled");
    app.selected = Some(running.id);
    assert!(app.handle_key(&key('s')).is_empty());
    assert_eq!(
        app.message.as_ref().map(|m| m.kind),
        Some(MessageKind::Error)
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("already running"))
    );
    // In Danish, the job's state in Danish.
    app.settings.language = crate::i18n::Language::Da;
    assert!(app.handle_key(&key('s')).is_empty());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.ends_with(": opgaven er allerede i gang.")),
        "{:?}",
        app.message
    );
    app.settings.language = crate::i18n::Language::En;
    assert_eq!(
        app.handle_key(&key('f')),
        vec![Effect::Request(Request::Finish {
            id: running.id,
            version: running.version
        })]
    );
    app.selected = Some(scheduled.id);
    assert_eq!(
        app.handle_key(&key('s')),
        vec![Effect::Request(Request::Start {
            id: scheduled.id,
            version: scheduled.version
        })]
    );
    assert!(app.handle_key(&key('f')).is_empty());
}

#[test]
fn the_clock_redraws_only_when_the_minute_changes() {
    let (mut app, _d) = demo_app();
    assert!(!app.tick(now() + Duration::seconds(30)));
    assert!(app.tick(now() + Duration::seconds(61)));
    assert!(!app.tick(now() + Duration::seconds(62)));
}

#[test]
fn messages_expire() {
    let (mut app, _d) = demo_app();
    app.on_reply(Reply::NotLoaded {
        what: crate::engine::worker::Unloaded::Customers,
        error: std::sync::Arc::new(crate::store::StoreError::Invalid("boom".into())),
    });
    assert!(app.message.is_some());
    assert!(app.tick(now() + Duration::seconds(11)));
    assert!(app.message.is_none());
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let (mut app, _d) = demo_app();
    app.handle_key(&key('?'));
    assert!(matches!(app.mode, Mode::Help));
    app.handle_key(&key('z'));
    assert!(app.mode.is_normal());
    app.handle_key(&key('?'));
    assert_eq!(app.handle_key(&key('q')), vec![Effect::Quit]);
}

#[test]
fn zoom_and_scroll_stay_within_the_day() {
    let (mut app, _d) = demo_app();
    for _ in 0..10 {
        app.handle_key(&key('-'));
    }
    assert_eq!((app.window_start, app.window_len), (0, 24 * 60));
    for _ in 0..10 {
        app.handle_key(&key('+'));
    }
    assert_eq!(app.window_len, 120);
    for _ in 0..40 {
        app.handle_key(&key('>'));
    }
    assert_eq!(app.window_start + app.window_len, 24 * 60);
}

#[test]
fn a_reload_keeps_the_selected_booking() {
    let (mut app, _d) = demo_app();
    app.handle_key(&key('j'));
    app.handle_key(&key('l'));
    let (sel, lane) = (app.selected, app.lane);
    let plan = app.plan.clone().expect("plan");
    app.on_reply(Reply::Day(Box::new(plan)));
    assert_eq!((app.selected, app.lane), (sel, lane));
}

#[test]
fn a_worker_that_cannot_start_is_said_instead_of_loading_forever() {
    use crate::engine::service::ServiceNews;
    let settings = Settings {
        language: crate::i18n::Language::En,
        ..Settings::default()
    };
    let date = settings.tz.local_date(now());
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now(), date);
    let screen = |app: &App| {
        let mut t =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
        t.draw(|f| crate::tui::view::draw(f, app)).expect("draw");
        let buf = t.backend().buffer().clone();
        buf.content().iter().map(|c| c.symbol()).collect::<String>()
    };
    assert!(screen(&app).contains("Loading…"));
    app.on_reply(Reply::Service(ServiceNews::CouldNotStart {
        service: "renos-store",
        error: "no more threads".into(),
    }));
    let shown = screen(&app);
    assert!(!shown.contains("Loading…"), "{shown}");
    assert!(
        shown.contains("could not start: no more threads"),
        "{shown}"
    );
    assert_eq!(
        app.message.as_ref().map(|m| m.kind),
        Some(MessageKind::Error)
    );
}

#[test]
fn b_counts_the_customers_month_then_asks_with_the_count_and_the_sum() {
    use crate::domain::month::Month;
    use crate::engine::office::{MonthSummary, OfficeCommand, OfficeEvent};
    let (mut app, _d) = demo_app();
    let b = app.selected_booking().cloned().expect("selected");
    let november: Month = "2026-11".parse().expect("month");
    assert_eq!(
        app.handle_key(&key('B')),
        vec![Effect::Office(OfficeCommand::QuoteMonth {
            customer: b.customer_id,
            month: november,
        })]
    );
    assert!(app.mode.is_normal(), "no question before the count");
    let summary = MonthSummary {
        customer_id: b.customer_id,
        customer: "Hansen".into(),
        month: november,
        visits: 4,
        gross_ore: 312_000,
        bookings: vec![1, 2, 3, 4],
        invoiced: 0,
    };
    assert!(app.on_office(OfficeEvent::MonthQuoted(summary.clone())));
    match &app.mode {
        Mode::Confirm(c) => {
            assert_eq!(
                c.question,
                "Invoice Hansen for November: 4 visits, 3.120,00 kr?"
            );
        }
        _ => panic!("no question"),
    }
    assert_eq!(
        app.handle_key(&key('y')),
        vec![Effect::Office(OfficeCommand::InvoiceMonth {
            customer: b.customer_id,
            month: november,
            bookings: vec![1, 2, 3, 4],
        })]
    );
    // The draft made: approve it through one of its visits.
    assert!(app.on_office(OfficeEvent::MonthDraftReady {
        booking: 1,
        customer: "Hansen".into(),
        month: november,
        gross_ore: 312_000,
    }));
    match &app.mode {
        Mode::Confirm(c) => assert_eq!(
            c.question,
            "Approve the draft invoice for Hansen's November (3.120,00 kr incl. moms)?"
        ),
        _ => panic!("no question"),
    }
    assert_eq!(
        app.handle_key(&key('y')),
        vec![Effect::Office(OfficeCommand::Approve(1))]
    );
    // Nothing left to invoice: said, not asked.
    assert!(app.on_office(OfficeEvent::MonthQuoted(MonthSummary {
        visits: 0,
        gross_ore: 0,
        bookings: Vec::new(),
        invoiced: 4,
        ..summary
    })));
    assert!(app.mode.is_normal());
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Nothing to invoice for Hansen in November 2026: 4 visits already invoiced.")
    );
}
