//! `S`, `C` and the sync's news, key by key.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::sync::ConflictKind;
use crate::engine::sync::{
    Choice, Run, RunOutcome, SyncEvent, SyncFailure, SyncReport, SyncStatus,
};
use crate::engine::worker::ConflictSide;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
        .single()
        .expect("t")
}

fn app() -> App {
    let settings = Settings {
        language: crate::i18n::Language::En,
        ..Settings::default()
    };
    let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("d");
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now(), date);
    app.on_reply(Reply::Day(Box::new(DayPlan {
        date,
        ..DayPlan::default()
    })));
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
}

fn shift(app: &mut App, c: char) -> Vec<Effect> {
    app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT))
}

fn side(h: u32, staff: &str) -> ConflictSide {
    let start = Utc
        .with_ymd_and_hms(2026, 11, 23, h, 0, 0)
        .single()
        .expect("t");
    ConflictSide {
        start,
        end: start + chrono::Duration::hours(3),
        staff: Some(staff.into()),
        location: "Vestergade 1".into(),
        notes: String::new(),
        repeats: None,
    }
}

fn conflicts() -> Vec<ConflictItem> {
    vec![
        ConflictItem {
            booking_id: 12,
            customer: "Hansen".into(),
            kind: ConflictKind::Fields(vec![crate::domain::sync::Field::Start]),
            mine: Some(side(7, "Anna Jensen")),
            theirs: Some(side(8, "Anna Jensen")),
            at: now(),
            of_series: false,
            calendar: crate::domain::remark::Calendar::Google,
        },
        ConflictItem {
            booking_id: 15,
            customer: "Jensen".into(),
            kind: ConflictKind::DeletedThere,
            mine: Some(side(12, "Bo Madsen")),
            theirs: None,
            at: now(),
            of_series: false,
            calendar: crate::domain::remark::Calendar::Google,
        },
    ]
}

fn resolve(booking_id: i64, choice: Choice) -> Vec<Effect> {
    vec![Effect::Request(Request::Resolve {
        booking_id,
        of_series: false,
        choice,
    })]
}

#[test]
fn s_asks_for_a_sync_and_says_so() {
    let mut app = app();
    assert_eq!(shift(&mut app, 'S'), vec![Effect::SyncNow]);
    let m = app.message.as_ref().expect("a message");
    assert!(m.text.contains("Syncing the calendars"), "{m:?}");
}

#[test]
fn c_without_conflicts_says_there_are_none() {
    let mut app = app();
    assert!(shift(&mut app, 'C').is_empty());
    assert!(app.mode.is_normal());
    let m = app.message.as_ref().expect("a message");
    assert!(m.text.contains("No sync conflicts"), "{m:?}");
}

#[test]
fn c_opens_the_queue_and_m_t_b_settle_the_selected_conflict() {
    let mut app = app();
    app.on_reply(Reply::SyncConflicts(conflicts()));
    assert_eq!(
        shift(&mut app, 'C'),
        vec![Effect::Request(Request::SyncConflicts)]
    );
    assert!(matches!(app.mode, Mode::SyncConflicts { cursor: 0 }));
    assert_eq!(
        press(&mut app, KeyCode::Char('m')),
        resolve(12, Choice::Mine)
    );
    assert!(matches!(app.mode, Mode::SyncConflicts { .. }), "stays open");
    press(&mut app, KeyCode::Down);
    assert!(matches!(app.mode, Mode::SyncConflicts { cursor: 1 }));
    assert_eq!(
        press(&mut app, KeyCode::Char('t')),
        resolve(15, Choice::Theirs)
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('b')),
        resolve(15, Choice::Both)
    );
    press(&mut app, KeyCode::Down);
    assert!(
        matches!(app.mode, Mode::SyncConflicts { cursor: 1 }),
        "stays on the last"
    );
    press(&mut app, KeyCode::Up);
    assert!(matches!(app.mode, Mode::SyncConflicts { cursor: 0 }));
}

#[test]
fn esc_closes_the_queue_without_a_decision() {
    let mut app = app();
    app.on_reply(Reply::SyncConflicts(conflicts()));
    shift(&mut app, 'C');
    assert!(press(&mut app, KeyCode::Esc).is_empty());
    assert!(app.mode.is_normal());
}

#[test]
fn the_queue_follows_the_list_and_closes_when_it_empties() {
    let mut app = app();
    app.on_reply(Reply::SyncConflicts(conflicts()));
    shift(&mut app, 'C');
    press(&mut app, KeyCode::Down);
    let mut fewer = conflicts();
    fewer.pop();
    app.on_reply(Reply::SyncConflicts(fewer));
    assert!(matches!(app.mode, Mode::SyncConflicts { cursor: 0 }));
    app.on_reply(Reply::SyncConflicts(Vec::new()));
    assert!(app.mode.is_normal());
}

#[test]
fn enter_goes_to_the_booking_on_its_day() {
    let mut app = app();
    app.on_reply(Reply::SyncConflicts(conflicts()));
    shift(&mut app, 'C');
    let effects = press(&mut app, KeyCode::Enter);
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("d");
    assert_eq!(effects, vec![Effect::Request(Request::Load(day))]);
    assert!(app.mode.is_normal());
    assert_eq!(app.selected, Some(12));
}

#[test]
fn status_changes_redraw_and_repeats_do_not() {
    let mut app = app();
    let status = SyncStatus {
        last: Some(Run {
            at: app.now - chrono::Duration::minutes(2),
            outcome: RunOutcome::Synced,
        }),
        pending: 3,
        ..SyncStatus::default()
    };
    let s = SyncEvent::Status(status.clone());
    assert!(app.on_sync(s.clone()));
    assert!(!app.on_sync(s));
    assert_eq!(app.sync.status, Some(Ok(status)));
}

#[test]
fn a_manual_run_reports_its_summary_and_an_automatic_one_stays_quiet() {
    let mut app = app();
    app.on_sync(SyncEvent::Started);
    assert!(app.sync.running);
    app.on_sync(SyncEvent::Finished {
        report: Box::default(),
        manual: false,
    });
    assert!(!app.sync.running);
    assert!(app.message.is_none());
    let mut report = SyncReport::default();
    report.counts.pulled = 3;
    app.on_sync(SyncEvent::Finished {
        report: Box::new(report),
        manual: true,
    });
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Synced: 3 read")
    );
}

#[test]
fn an_automatic_run_still_says_a_recurring_event_it_did_not_take_in() {
    use crate::engine::sync::calendars::{NotTaken, Provider};
    let mut app = app();
    let report = SyncReport {
        not_taken: vec![NotTaken {
            key: "caldav:http://127.0.0.1:5232/mikkel/".into(),
            provider: Provider::CalDav,
            cleaner: "Mikkel Sørensen".into(),
            summary: "Madsen hver uge".into(),
        }],
        ..SyncReport::default()
    };
    app.on_sync(SyncEvent::Finished {
        report: Box::new(report),
        manual: false,
    });
    let m = app.message.as_ref().expect("said");
    assert_eq!(m.kind, MessageKind::Warning);
    assert!(
        m.text.starts_with(
            "\"Madsen hver uge\" repeats in Mikkel Sørensen's calendar, made by hand: it is not taken in"
        ),
        "{m:?}"
    );
}

#[test]
fn an_automatic_failure_shows_once_and_a_manual_one_always() {
    let mut app = app();
    let failed = |manual| SyncEvent::Failed {
        failure: SyncFailure::Offline {
            pending: 0,
            calendars: Vec::new(),
        },
        manual,
    };
    app.on_sync(failed(false));
    assert_eq!(
        app.message.as_ref().map(|m| m.kind),
        Some(MessageKind::Error)
    );
    app.message = None;
    app.on_sync(failed(false));
    assert!(app.message.is_none(), "a repeat is not shown again");
    app.on_sync(failed(true));
    assert!(app.message.is_some(), "asked for: always answered");
}

#[test]
fn not_set_up_is_remembered_for_the_header() {
    let mut app = app();
    app.on_sync(SyncEvent::NotSetUp);
    assert!(app.sync.not_set_up);
}

#[test]
fn a_sync_that_stopped_is_said_and_a_logged_error_is_not() {
    use crate::engine::service::ServiceNews;
    let mut app = app();
    app.on_sync(SyncEvent::Started);
    assert!(app.on_sync(SyncEvent::Service(ServiceNews::Panicked {
        service: "renos-sync"
    })));
    assert!(!app.sync.running);
    let m = app.message.clone().expect("said");
    assert_eq!(m.kind, MessageKind::Error);
    assert!(
        m.text.starts_with("The background sync stopped"),
        "{}",
        m.text
    );
    app.message = None;
    assert!(!app.on_sync(SyncEvent::Service(ServiceNews::Failed {
        service: "renos-sync",
        error: "database is locked".into()
    })));
    assert!(app.message.is_none(), "for the log only");
}

#[test]
fn with_google_offline_the_other_calendars_tell_their_own_state() {
    use crate::engine::sync::calendars::{CalendarOutcome, CalendarRun, Provider};
    use crate::engine::sync::{Connection, ConnectionState};
    let mut app = app();
    let caldav = "caldav:http://127.0.0.1:5232/renos/mikkel/";
    let connection = |key: &str, provider| Connection {
        key: key.to_string(),
        provider,
        cleaner: (provider != Provider::Google).then(|| "Mikkel Sørensen".to_string()),
        waiting: 0,
        not_set_up: false,
    };
    app.on_sync(SyncEvent::Calendars(vec![
        connection("shared@firma.dk", Provider::Google),
        connection(caldav, Provider::CalDav),
    ]));
    // An earlier run could not reach the CalDAV calendar.
    let report = SyncReport {
        calendars: vec![CalendarRun {
            key: caldav.to_string(),
            provider: Provider::CalDav,
            outcome: CalendarOutcome::Unreachable,
        }],
        ..SyncReport::default()
    };
    app.on_sync(SyncEvent::Failed {
        failure: SyncFailure::Incomplete(Box::new(report)),
        manual: false,
    });
    // Now Google is offline and the CalDAV calendar synced on its own.
    app.on_sync(SyncEvent::Status(SyncStatus {
        last: Some(Run {
            at: now(),
            outcome: RunOutcome::Offline,
        }),
        ..SyncStatus::default()
    }));
    app.on_sync(SyncEvent::Failed {
        failure: SyncFailure::Offline {
            pending: 1,
            calendars: vec![CalendarRun {
                key: caldav.to_string(),
                provider: Provider::CalDav,
                outcome: CalendarOutcome::Synced,
            }],
        },
        manual: false,
    });
    let states: Vec<ConnectionState> = app
        .sync
        .connection_states()
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(
        states,
        vec![ConnectionState::CannotReach, ConnectionState::UpToDate]
    );
}
