//! Snapshot tests of the whole console: the demo day at a fixed clock,
//! rendered into a `TestBackend` at 80×24 and 160×48, compared with the
//! reviewed files in `tests/it/snapshots/`. `UPDATE_SNAPSHOTS=1 cargo test`
//! rewrites them (then review the diff like code).

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use renos::clock::Clock;
use renos::config::Settings;
use renos::domain::ConflictKind;
use renos::engine::DayPlan;
use renos::engine::demo;
use renos::engine::sync::{Run, RunOutcome, SyncEvent, SyncStatus};
use renos::engine::worker::Reply;
use renos::i18n::Language;
use renos::store::Store;
use renos::tui::app::App;
use renos::tui::keymap::Keymap;
use renos::tui::theme::Theme;
use renos::tui::view;

const NOW: &str = "2026-11-20T11:02:00+01:00";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .expect("now")
        .with_timezone(&Utc)
}

/// The sync's state as the sync task sends it: the last run `mins_ago`
/// before the demo's clock.
fn sync_status(mins_ago: i64, outcome: RunOutcome, pending: i64, conflicts: usize) -> SyncEvent {
    SyncEvent::Status(SyncStatus {
        last: Some(Run {
            at: now() - chrono::Duration::minutes(mins_ago),
            outcome,
        }),
        pending,
        failed: 0,
        conflicts,
    })
}

fn demo_app(theme: Theme) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tmp");
    let settings = Settings {
        dispatcher: "mette".into(),
        login: "mette".into(),
        language: Language::En,
        ..Settings::default()
    };
    let mut store =
        Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    demo::seed(&mut store, &settings, now()).expect("seed");
    let date = settings.tz.local_date(now());
    let plan = DayPlan::load(&store, date, &settings).expect("day");
    let mut app = App::new(settings, theme, Keymap::default(), now(), date);
    app.fixed_clock = true;
    app.on_reply(Reply::Day(Box::new(plan)));
    (app, dir)
}

fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn check(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run UPDATE_SNAPSHOTS=1 cargo test and review it",
            path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .map(|(i, (e, a))| format!("line {}:\n  want {e}\n  got  {a}", i + 1))
            .collect();
        panic!(
            "{name} differs from its snapshot:\n{}\n\nwhole screen:\n{actual}",
            diff.join("\n")
        );
    }
}

#[test]
fn demo_day_at_80x24() {
    let (app, _d) = demo_app(Theme::dark());
    check("demo_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn demo_day_at_160x48() {
    let (app, _d) = demo_app(Theme::dark());
    check("demo_160x48", &text(&render(&app, 160, 48)));
}

/// A viewer's console: the header's mark, the reason in the status line
/// and at the top of the help.
#[test]
fn read_only_at_80x24() {
    use renos::domain::{Access, Role, RoleSource};
    use renos::tui::app::ReadOnly;
    let (mut app, _d) = demo_app(Theme::dark());
    app.read_only = Some(ReadOnly::Viewer(Access {
        login: "mette".into(),
        role: Role::Viewer,
        source: RoleSource::Config("/srv/renos/config.toml".into()),
    }));
    app.handle_key(&crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Char('e'),
    ));
    check("read_only_80x24", &text(&render(&app, 80, 24)));
    app.update(renos::tui::action::Action::Help);
    check("read_only_help_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn help_overlay_at_80x24() {
    let (mut app, _d) = demo_app(Theme::dark());
    app.update(renos::tui::action::Action::Help);
    check("help_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn an_empty_database_says_what_to_do() {
    let settings = Settings {
        dispatcher: "mette".into(),
        login: "mette".into(),
        language: Language::En,
        ..Settings::default()
    };
    let date = settings.tz.local_date(now());
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now(), date);
    app.fixed_clock = true;
    app.db_label = "/home/mette/.local/share/renos/renos.db".into();
    app.on_reply(Reply::Day(Box::new(DayPlan {
        date,
        ..DayPlan::default()
    })));
    check("empty_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn both_bookings_of_a_double_booking_are_drawn_as_clashes() {
    let (app, _d) = demo_app(Theme::dark());
    let buf = render(&app, 160, 48);
    let plan = app.plan.as_ref().expect("plan");
    let clash = plan
        .conflicts
        .iter()
        .find(|c| c.kind == ConflictKind::DoubleBooking)
        .expect("double booking");
    for id in [clash.first, clash.second.expect("pair")] {
        let name = plan.customer_name(plan.booking(id).expect("booking"));
        let first_word = name.split_whitespace().next().expect("word");
        // Find the block's label and check its style is the clash style.
        let found = (0..buf.area.height).any(|y| {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            row.find(&format!("!{first_word}")).is_some_and(|_| {
                (0..buf.area.width).any(|x| {
                    buf[(x, y)].symbol() == "!" && buf[(x, y)].style().bg == app.theme.clash.bg
                })
            })
        });
        assert!(found, "{name} is not drawn as a clash");
    }
}

#[test]
fn the_alert_job_meter_uses_the_alert_style() {
    let (app, _d) = demo_app(Theme::dark());
    let buf = render(&app, 80, 24);
    let row = (0..buf.area.height)
        .find(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, *y)].symbol().to_string())
                .collect::<String>()
                .contains("+122")
        })
        .expect("a meter 122 minutes over");
    assert!((0..buf.area.width).any(|x| buf[(x, row)].style().bg == app.theme.meter_alert.bg));
}

#[test]
fn monochrome_has_no_colour_anywhere() {
    let (app, _d) = demo_app(Theme::built_in("monochrome").expect("mono"));
    let buf = render(&app, 80, 24);
    for cell in buf.content() {
        let s = cell.style();
        assert!(
            s.fg.is_none_or(|c| c == ratatui::style::Color::Reset),
            "{s:?}"
        );
        assert!(
            s.bg.is_none_or(|c| c == ratatui::style::Color::Reset),
            "{s:?}"
        );
    }
}

fn press(app: &mut App, code: crossterm::event::KeyCode) {
    app.handle_key(&crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ));
}

#[test]
fn booking_form_at_80x24() {
    use crossterm::event::KeyCode;
    use renos::domain::fuzzy::CustomerIndex;
    use renos::engine::worker::Customers;
    use std::sync::Arc;
    let (mut app, dir) = demo_app(Theme::dark());
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let list = store.customers().expect("customers");
    let customers = Customers {
        index: Arc::new(CustomerIndex::new(&list)),
        by_id: Arc::new(list.into_iter().map(|c| (c.id, c)).collect()),
    };
    press(&mut app, KeyCode::Char('n'));
    app.on_reply(Reply::Customers(customers));
    for c in "sor ost".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    check("form_search_80x24", &text(&render(&app, 80, 24)));
    press(&mut app, KeyCode::Enter);
    check("form_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn move_mode_at_80x24() {
    use crossterm::event::KeyCode;
    let (mut app, _dir) = demo_app(Theme::dark());
    // The unassigned job, moved 30 minutes later onto the first cleaner.
    let lanes = app.lanes();
    app.lane = lanes.len() - 1;
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    for _ in 0..lanes.len() {
        press(&mut app, KeyCode::Up);
    }
    check("move_80x24", &text(&render(&app, 80, 24)));
}

/// Two sync conflicts on the demo's bookings: one changed on both sides, one
/// deleted in the calendar.
fn sync_conflicts(app: &App) -> Vec<renos::engine::worker::ConflictItem> {
    use renos::domain::sync::{ConflictKind as SyncKind, Field};
    use renos::engine::worker::{ConflictItem, ConflictSide};
    let plan = app.plan.as_ref().expect("plan");
    // The selected job, and a later one of another cleaner.
    let a = app.selected_booking().expect("a selected booking");
    let b = plan
        .bookings
        .iter()
        .find(|b| b.staff_id.is_some() && b.staff_id != a.staff_id && b.start > a.end)
        .expect("a later booking");
    let side = |b: &renos::domain::Booking, shift: i64, staff: Option<i64>| ConflictSide {
        start: b.start + chrono::Duration::minutes(shift),
        end: b.end + chrono::Duration::minutes(shift),
        staff: staff
            .and_then(|id| plan.staff_by_id(id))
            .map(|s| s.name.clone()),
        location: plan.address(b).to_string(),
        notes: b.notes.clone(),
        repeats: None,
    };
    let other = plan
        .staff
        .iter()
        .map(|s| s.id)
        .find(|id| Some(*id) != a.staff_id);
    vec![
        ConflictItem {
            booking_id: a.id,
            customer: plan.customer_name(a).to_string(),
            kind: SyncKind::Fields(vec![Field::Start, Field::End, Field::Staff]),
            mine: Some(side(a, 60, a.staff_id)),
            theirs: Some(side(a, 120, other)),
            at: now(),
            of_series: false,
            calendar: renos::domain::remark::Calendar::CalDav,
        },
        ConflictItem {
            booking_id: b.id,
            customer: plan.customer_name(b).to_string(),
            kind: SyncKind::DeletedThere,
            mine: Some(side(b, 0, b.staff_id)),
            theirs: None,
            at: now(),
            of_series: false,
            calendar: renos::domain::remark::Calendar::Google,
        },
    ]
}

#[test]
fn sync_conflict_queue_at_80x24() {
    let (mut app, _d) = demo_app(Theme::dark());
    let items = sync_conflicts(&app);
    app.on_reply(Reply::SyncConflicts(items));
    app.on_sync(sync_status(1, RunOutcome::Synced, 0, 2));
    app.update(renos::tui::action::Action::SyncConflicts);
    check("sync_conflicts_80x24", &text(&render(&app, 80, 24)));
    // The second one selected: its details instead.
    press(&mut app, crossterm::event::KeyCode::Down);
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("Google: deleted"), "{screen}");
}

#[test]
fn sync_state_in_the_header_at_80x24() {
    let (mut app, _d) = demo_app(Theme::dark());
    app.on_sync(sync_status(2, RunOutcome::Synced, 3, 0));
    check("sync_synced_80x24", &text(&render(&app, 80, 24)));
    app.on_sync(sync_status(2, RunOutcome::Offline, 1, 0));
    let buf = render(&app, 80, 24);
    check("sync_offline_80x24", &text(&buf));
    // "offline" stands out in the warning style.
    let row: String = (0..buf.area.width)
        .map(|x| buf[(x, 0)].symbol().to_string())
        .collect();
    let at = row.find("offline").expect("offline in the header");
    let col = row[..at].chars().count() as u16;
    assert_eq!(buf[(col, 0)].style().bg, app.theme.warning.bg);
}

#[test]
fn sync_state_reads_without_colour() {
    let (mut app, _d) = demo_app(Theme::built_in("monochrome").expect("mono"));
    app.on_sync(sync_status(2, RunOutcome::Offline, 1, 2));
    let screen = text(&render(&app, 80, 24));
    let header = screen.lines().next().unwrap_or_default();
    assert!(
        header.contains("offline") && header.contains("2 sync conflicts"),
        "{header}"
    );
    assert!(
        header.contains("11:02") && header.contains("mette"),
        "{header}"
    );
    for cell in render(&app, 80, 24).content() {
        let s = cell.style();
        assert!(
            s.fg.is_none_or(|c| c == ratatui::style::Color::Reset),
            "{s:?}"
        );
        assert!(
            s.bg.is_none_or(|c| c == ratatui::style::Color::Reset),
            "{s:?}"
        );
    }
}

#[test]
fn the_selected_booking_says_when_it_waits_for_the_sync() {
    let (mut app, _d) = demo_app(Theme::dark());
    let id = app.selected.expect("selected");
    let mut plan = app.plan.clone().expect("plan");
    plan.sync_pending.insert(id);
    app.on_reply(Reply::Day(Box::new(plan.clone())));
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("pending\u{a0}sync"), "{screen}");
    assert!(
        screen.contains('↑'),
        "the block carries the mark:\n{screen}"
    );
    plan.sync_conflicted.insert(id);
    app.on_reply(Reply::Day(Box::new(plan)));
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("sync conflict — press C"), "{screen}");
    assert!(!screen.contains("pending\u{a0}sync"), "{screen}");
    assert!(screen.contains('⇄'), "{screen}");
}

/// The decision after a save refused for another dispatcher's change: the
/// form on the selected job, which anna moved and gave a note while the
/// form was open; ours moves it further and has another note.
#[test]
fn the_stale_save_panel_at_80x24() {
    use renos::domain::{BookingChange, BookingDraft, StaleEdit};
    use renos::engine::history::Names;
    use renos::engine::worker::{Attempt, Refusal, Stale};
    use renos::store::{Save, StoreError};
    use std::sync::Arc;
    let (mut app, _d) = demo_app(Theme::dark());
    let plan = app.plan.clone().expect("plan");
    let base = app.selected_booking().cloned().expect("selected");
    press(&mut app, crossterm::event::KeyCode::Char('e'));
    let hour = chrono::Duration::hours(1);
    let theirs = renos::domain::Booking {
        start: base.start + hour,
        end: base.end + hour,
        notes: "Nøglen ligger hos naboen i nr. 16".into(),
        version: base.version + 1,
        ..base.clone()
    };
    let mut yours = BookingDraft::of(&base);
    yours.start = base.start + hour * 2;
    yours.end = base.end + hour * 2;
    yours.notes = "Ring på hos Hansen først, hunden er venlig men høj".into();
    yours.service = "Vinduespudsning".into();
    let save = Save {
        target: Some((base.id, base.version)),
        draft: yours.clone(),
        accepted: vec![],
        reason: String::new(),
    };
    let stale = Stale {
        id: base.id,
        by: "anna".into(),
        at: Some(now() - chrono::Duration::minutes(3)),
        change: Some(BookingChange::Move),
        theirs: Some(theirs.clone()),
        edit: Some(StaleEdit::compare(&base, &theirs, &yours)),
        save: Some(save),
        names: Names {
            staff: plan.staff.iter().map(|s| (s.id, s.name.clone())).collect(),
            customers: Default::default(),
        },
    };
    app.on_reply(Reply::Refused(Refusal {
        attempt: Attempt::Save,
        error: Arc::new(StoreError::Stale {
            entity: "booking",
            id: base.id,
            by: "anna".into(),
            at: "10:59".into(),
        }),
        stale: Some(Box::new(stale)),
    }));
    let screen = text(&render(&app, 80, 24));
    check("stale_80x24", &screen);
    let id = base.id;
    for whole in [
        format!("anna moved #{id} at 10:59 since you opened it."),
        "t: take theirs · o: overwrite with yours · esc: back to edit".to_string(),
        "t take theirs  o overwrite  esc back".to_string(),
    ] {
        assert!(screen.contains(&whole), "{whole:?} not whole in:\n{screen}");
    }
}

#[test]
fn booking_form_with_a_repeat_at_80x24() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use renos::domain::fuzzy::CustomerIndex;
    use renos::engine::worker::Customers;
    use std::sync::Arc;
    let (mut app, dir) = demo_app(Theme::dark());
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let list = store.customers().expect("customers");
    let customers = Customers {
        index: Arc::new(CustomerIndex::new(&list)),
        by_id: Arc::new(list.into_iter().map(|c| (c.id, c)).collect()),
    };
    press(&mut app, KeyCode::Char('n'));
    app.on_reply(Reply::Customers(customers));
    for c in "sor ost".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    // From the cleaner down to Repeats, then Ends.
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    // Every 2 weeks, chosen with the keys; the footer names them.
    let ctrl_right = KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL);
    app.handle_key(&ctrl_right);
    app.handle_key(&ctrl_right);
    let screen = text(&render(&app, 80, 24));
    for whole in [
        "Repeats    every 2 weeks ",
        "ctrl-←/ctrl-→: choose, or type an RRULE · ctrl-s: save · esc: close",
    ] {
        assert!(screen.contains(whole), "{whole:?} not whole in:\n{screen}");
    }
    check("form_repeat_chosen_80x24", &screen);
    press(&mut app, KeyCode::Tab);
    for c in "6 times".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let screen = text(&render(&app, 80, 24));
    assert!(
        screen.contains("skipped: 1/1 nytårsdag"),
        "the preview names the holiday:\n{screen}"
    );
    check("form_repeat_80x24", &screen);
    // Saving asks for a series, not a booking.
    let effects = app.handle_key(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let effects = if effects.is_empty() {
        // The double booking asks why first.
        for c in "fast kunde".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        app.handle_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
    } else {
        effects
    };
    assert!(
        effects.iter().any(|e| matches!(
            e,
            renos::tui::app::Effect::Request(renos::engine::worker::Request::CreateSeries { .. })
        )),
        "{effects:?}"
    );
}

/// The selected job as a visit of a fortnightly series.
fn as_series_visit(app: &mut App) -> i64 {
    use chrono::{NaiveTime, Weekday};
    use renos::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
    use renos::engine::SeriesVisit;
    use renos::store::Visit;
    let b = app.selected_booking().cloned().expect("a selected job");
    let plan = app.plan.as_mut().expect("plan");
    let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 6).expect("d");
    plan.series.insert(
        b.id,
        SeriesVisit {
            visit: Visit {
                series_id: 3,
                original: "2026-11-20T09:00".into(),
                exception: String::new(),
            },
            series: Series {
                id: 3,
                customer_id: b.customer_id,
                staff_id: b.staff_id,
                service: b.service.clone(),
                start_time: NaiveTime::from_hms_opt(9, 0, 0).expect("t"),
                duration_min: 120,
                first_date: first,
                rule: Rule::Weekly {
                    every: 2,
                    days: vec![Weekday::Fri],
                },
                end: SeriesEnd::Open,
                holidays: HolidayPolicy::Skip,
                pauses: Vec::new(),
                address: String::new(),
                notes: String::new(),
                version: 1,
            },
        },
    );
    b.id
}

#[test]
fn the_scope_question_at_80x24() {
    use crossterm::event::KeyCode;
    let (mut app, _dir) = demo_app(Theme::dark());
    as_series_visit(&mut app);
    let day = text(&render(&app, 160, 48));
    assert!(
        day.contains("Series #3: every 2nd week, Fri 09:00, since 6/11"),
        "the details panel shows the series:\n{day}"
    );
    press(&mut app, KeyCode::Char('m'));
    check("scope_80x24", &text(&render(&app, 80, 24)));
    press(&mut app, KeyCode::Esc);
    assert!(app.mode.is_normal(), "esc backs out");
}

#[test]
fn the_help_names_the_scope_keys_where_there_is_room() {
    let (mut app, _d) = demo_app(Theme::dark());
    app.update(renos::tui::action::Action::Help);
    let screen = text(&render(&app, 100, 50));
    assert!(
        screen.contains("Series visit: t this visit · f this and following"),
        "{screen}"
    );
}

/// Answers the finder's questions among `effects` as the worker would.
fn answer_slots(app: &mut App, store: &Store, effects: Vec<renos::tui::app::Effect>) {
    use renos::engine::worker::Request;
    use renos::tui::app::Effect;
    for e in effects {
        if let Effect::Request(Request::Slots { seq, request }) = e {
            let found =
                renos::engine::slots::find(store, &request, &Default::default(), now(), &|_| false)
                    .map(Box::new)
                    .map_err(std::sync::Arc::new);
            app.on_reply(Reply::Slots { seq, found });
        }
    }
}

#[test]
fn slot_finder_at_80x24() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, dir) = demo_app(Theme::dark());
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    press(&mut app, KeyCode::Char('F'));
    check("finder_empty_80x24", &text(&render(&app, 80, 24)));
    let effects = app.handle_key(&KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    answer_slots(&mut app, &store, effects);
    press(&mut app, KeyCode::Down);
    check("finder_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn sick_call_at_80x24() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use renos::domain::fuzzy::CustomerIndex;
    use renos::engine::worker::{Customers, Request};
    use renos::tui::app::Effect;
    use std::sync::Arc;
    let (mut app, dir) = demo_app(Theme::dark());
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let list = store.customers().expect("customers");
    app.on_reply(Reply::Customers(Customers {
        index: Arc::new(CustomerIndex::new(&list)),
        by_id: Arc::new(list.into_iter().map(|c| (c.id, c)).collect()),
    }));
    app.lane = 0;
    let effects = app.handle_key(&KeyEvent::new(KeyCode::Char('X'), KeyModifiers::NONE));
    for e in effects {
        if let Effect::Request(Request::SickCall {
            seq,
            staff_id,
            from,
            to,
        }) = e
        {
            let plan = renos::engine::slots::sick_call(
                &store,
                staff_id,
                from,
                to,
                &Default::default(),
                &|_| false,
            )
            .map_err(std::sync::Arc::new);
            app.on_reply(Reply::SickCall { seq, plan });
        }
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' '));
    check("sick_call_80x24", &text(&render(&app, 80, 24)));
}

/// The staff screen on the demo business, Tuesday's hours chosen (`A`, ↓).
fn staff_screen() -> (App, tempfile::TempDir) {
    staff_screen_in(Language::En)
}

/// The staff screen on the demo's second cleaner, in `lang`.
fn staff_screen_in(lang: Language) -> (App, tempfile::TempDir) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use renos::engine::worker::{Request, staff_cards};
    use renos::tui::app::Effect;
    let (mut app, dir) = demo_app(Theme::dark());
    app.settings.language = lang;
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let effects = app.handle_key(&KeyEvent::new(KeyCode::Char('A'), KeyModifiers::NONE));
    for e in effects {
        if let Effect::Request(Request::Staff(Some(day))) = e {
            let week = renos::domain::slots::week_start(day);
            let cards = staff_cards(&store, week).map_err(std::sync::Arc::new);
            app.on_reply(Reply::Staff { week, cards });
        }
    }
    press(&mut app, KeyCode::Down);
    (app, dir)
}

#[test]
fn staff_screen_at_80x24_and_160x48() {
    let (app, _dir) = staff_screen();
    check("staff_80x24", &text(&render(&app, 80, 24)));
    check("staff_160x48", &text(&render(&app, 160, 48)));
}

fn demo_customers(dir: &tempfile::TempDir) -> renos::engine::worker::Customers {
    use renos::domain::fuzzy::CustomerIndex;
    use std::sync::Arc;
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let list = store.customers().expect("customers");
    renos::engine::worker::Customers {
        index: Arc::new(CustomerIndex::new(&list)),
        by_id: Arc::new(list.into_iter().map(|c| (c.id, c)).collect()),
    }
}

#[test]
fn the_form_covers_the_schedule_and_its_customer_list_covers_the_fields() {
    use crossterm::event::KeyCode;
    let (mut app, dir) = demo_app(Theme::dark());
    press(&mut app, KeyCode::Char('n'));
    app.on_reply(Reply::Customers(demo_customers(&dir)));
    for c in "sor ost".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    let screen = text(&render(&app, 80, 24));
    let rows: Vec<&str> = screen.lines().collect();
    for row in &rows[1..23] {
        let first = row.chars().next().unwrap_or(' ');
        let last = row.chars().nth(79).unwrap_or(' ');
        assert!(
            first == ' ' && last == ' ',
            "nothing of the schedule beside the form:\n{screen}"
        );
    }
    assert!(
        !rows[3].contains("Cleaner"),
        "the list hides the Cleaner row whole:\n{screen}"
    );
}

#[test]
fn a_new_customer_inside_the_form_at_80x24() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, dir) = demo_app(Theme::dark());
    press(&mut app, KeyCode::Char('n'));
    app.on_reply(Reply::Customers(demo_customers(&dir)));
    for c in "Karen Blixen".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    check("form_no_match_80x24", &text(&render(&app, 80, 24)));
    app.handle_key(&KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    for c in "2030".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    check("form_new_customer_80x24", &text(&render(&app, 80, 24)));
    // The store answers that the new customer looks like Søren.
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let soren = store.customer(1).expect("Søren");
    app.on_reply(Reply::CustomerDuplicate(Box::new(
        renos::engine::worker::Lookalike {
            customer: soren,
            by: renos::engine::import::MatchedBy::Phone,
        },
    )));
    check("form_lookalike_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn staff_screen_in_danish_at_80x24() {
    let (app, _dir) = staff_screen_in(Language::Da);
    check("staff_da_80x24", &text(&render(&app, 80, 24)));
}

/// The customer screen on Søren, in `lang`.
fn customer_screen_in(lang: Language) -> (App, tempfile::TempDir) {
    use crossterm::event::KeyCode;
    let (mut app, dir) = demo_app(Theme::dark());
    app.settings.language = lang;
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let soren = app
        .plan
        .as_ref()
        .and_then(|p| p.bookings.iter().find(|b| b.customer_id == 1))
        .map(|b| b.id);
    app.selected = soren;
    press(&mut app, KeyCode::Char('K'));
    let card = renos::engine::worker::customer_card(&store, 1, now()).expect("card");
    app.on_reply(Reply::CustomerCard(Box::new(card)));
    (app, dir)
}

#[test]
fn customer_screen_in_danish_at_80x24() {
    let (app, _dir) = customer_screen_in(Language::Da);
    check("customer_da_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn customer_screen_at_80x24() {
    use crossterm::event::KeyCode;
    let (mut app, dir) = demo_app(Theme::dark());
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    // Søren: a series and a long history, more than 80×24 holds.
    let soren = app
        .plan
        .as_ref()
        .and_then(|p| p.bookings.iter().find(|b| b.customer_id == 1))
        .map(|b| b.id);
    app.selected = soren;
    press(&mut app, KeyCode::Char('K'));
    let card = renos::engine::worker::customer_card(&store, 1, now()).expect("card");
    assert!(!card.series.is_empty() && card.past.len() > 5, "{card:?}");
    app.on_reply(Reply::CustomerCard(Box::new(card)));
    check("customer_80x24", &text(&render(&app, 80, 24)));
    for _ in 0..30 {
        press(&mut app, KeyCode::Down);
    }
    check("customer_scrolled_80x24", &text(&render(&app, 80, 24)));
    press(&mut app, KeyCode::Char('e'));
    check("customer_edit_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn notes_of_several_lines_keep_their_breaks_in_the_details() {
    let (mut app, _dir) = demo_app(Theme::dark());
    let id = app.selected.expect("a selection");
    if let Some(plan) = app.plan.as_mut()
        && let Some(b) = plan.bookings.iter_mut().find(|b| b.id == id)
    {
        b.notes = "Mikkel Løkke\nKunde: ring først".into();
    }
    let screen = text(&render(&app, 160, 48));
    assert!(
        screen.contains("Mikkel Løkke · Kunde: ring først"),
        "{screen}"
    );
}

/// The demo day with messages said a minute apart: a long refusal, a
/// multi-line one and a short one.
fn app_with_messages() -> (App, tempfile::TempDir) {
    use renos::tui::app::MessageKind;
    let (mut app, d) = demo_app(Theme::dark());
    let start = app.now;
    let said = [
        (MessageKind::Info, "Synced: 3 read, 1 written".to_string()),
        (
            MessageKind::Error,
            "Billy refused the invoice for #47 Hansen: the customer has no e-mail address \
             and no postal address in Billy, so the invoice cannot be sent; add one in Billy \
             or on the customer, then press I again."
                .to_string(),
        ),
        (
            MessageKind::Warning,
            "Booked, but:\nAnna Jensen works until 15:00\nthe customer usually has Tuesdays"
                .to_string(),
        ),
        (MessageKind::Info, "Moved #12 to 10:30.".to_string()),
    ];
    for (i, (kind, text)) in said.into_iter().enumerate() {
        app.tick(start + chrono::Duration::seconds(61 * i as i64));
        app.say(kind, text);
    }
    (app, d)
}

#[test]
fn message_log_at_80x24() {
    let (mut app, _d) = app_with_messages();
    app.update(renos::tui::action::Action::MessageLog);
    check("log_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn a_cut_message_says_the_log_has_the_rest_and_lines_read_apart() {
    use renos::tui::app::MessageKind;
    let (mut app, _d) = app_with_messages();
    let status = |app: &App| {
        text(&render(app, 80, 24))
            .lines()
            .nth(22)
            .unwrap_or("")
            .to_string()
    };
    app.say(
        MessageKind::Error,
        "Billy refused the invoice for #47 Hansen: the customer has no e-mail address",
    );
    let line = status(&app);
    assert!(line.ends_with("…!"), "{line}");
    app.say(MessageKind::Info, "Noted:\nring first");
    let line = status(&app);
    assert!(line.ends_with("Noted: · ring first"), "{line}");
}

#[test]
fn details_longer_than_their_panel_are_marked_and_go_on_with_j() {
    use crossterm::event::KeyCode;
    let (mut app, _dir) = demo_app(Theme::dark());
    // The unassigned job, with a note that does not fit the panel at 80×24.
    app.lane = app.lanes().len() - 1;
    press(&mut app, KeyCode::Right);
    let id = app.selected.expect("selected");
    if let Some(b) = app
        .plan
        .as_mut()
        .and_then(|p| p.bookings.iter_mut().find(|b| b.id == id))
    {
        b.notes = "Nøglen ligger hos naboen i nr. 10. ".repeat(6);
    }
    let border = |app: &App| {
        let screen = text(&render(app, 80, 24));
        let line = screen
            .lines()
            .find(|l| l.starts_with('└'))
            .unwrap_or_default()
            .to_string();
        (screen, line)
    };
    let (first, line) = border(&app);
    assert!(line.contains("J more ↓ 1/2"), "{first}");
    press(&mut app, KeyCode::Char('J'));
    let (second, line) = border(&app);
    assert!(line.contains("J top ↑ 2/2"), "{second}");
    assert_ne!(first, second, "the rest shows");
    press(&mut app, KeyCode::Char('J'));
    assert_eq!(border(&app).0, first, "back at the top");
    // Another booking's details start at the top.
    press(&mut app, KeyCode::Char('J'));
    press(&mut app, KeyCode::Up);
    let other = app.selected.expect("selected");
    assert_ne!(other, id);
    assert_eq!(app.details_page(other), 0);
}

#[test]
fn a_review_queue_longer_than_the_screen_counts_what_is_out_of_sight() {
    use crossterm::event::KeyCode;
    use renos::engine::worker::ReviewItem;
    let (mut app, _dir) = demo_app(Theme::dark());
    app.review = (1..=15)
        .map(|id| ReviewItem {
            id,
            version: 1,
            date: app.date,
            start: now(),
            customer: format!("Kunde {id}"),
            staff: "Anna Jensen".into(),
            reason: "imported without a cleaner".into(),
        })
        .collect();
    press(&mut app, KeyCode::Char('r'));
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("6 more below ┘"), "{screen}");
    for _ in 0..14 {
        press(&mut app, KeyCode::Down);
    }
    let screen = text(&render(&app, 80, 24));
    assert!(screen.contains("more above ┘"), "{screen}");
    assert!(screen.contains("#15 "), "the last shows: {screen}");
}

#[test]
fn the_journal_in_sentences_at_80x24() {
    use renos::tui::app::{JournalView, Mode};
    let (mut app, dir) = demo_app(Theme::dark());
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let lines = renos::engine::history::load(&store, None, 40, app.settings.tz).expect("journal");
    app.mode = Mode::Journal(JournalView {
        filter: None,
        lines: Some(lines),
        scroll: 0,
    });
    let screen = text(&render(&app, 80, 24));
    assert!(
        !screen.contains("_id") && !screen.contains(" → "),
        "{screen}"
    );
    check("journal_80x24", &screen);
}

/// Sends the effects' requests to a store worker's service on `db` and
/// applies its replies, until quiet.
fn run_worker(app: &mut App, db: &std::path::Path, effects: Vec<renos::tui::app::Effect>) {
    use renos::engine::worker::StoreService;
    use renos::tui::app::Effect;
    use std::cell::RefCell;
    use std::rc::Rc;
    let store = Store::open(db, "mette", Clock::Fixed(now())).expect("open");
    let replies = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&replies);
    let mut service = StoreService::new(store, app.settings.clone(), move |r| {
        sink.borrow_mut().push(r)
    });
    let mut effects = effects;
    while !effects.is_empty() {
        for e in std::mem::take(&mut effects) {
            if let Effect::Request(r) = e {
                service.handle(r);
            }
        }
        let got: Vec<Reply> = replies.borrow_mut().drain(..).collect();
        for r in got {
            effects.extend(app.on_reply_effects(r).1);
        }
    }
}

#[test]
fn search_and_go_to_at_80x24() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (mut app, dir) = demo_app(Theme::dark());
    let db = dir.path().join("d.db");
    let type_in = |app: &mut App, text: &str| {
        for c in text.chars() {
            let effects = app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            run_worker(app, &db, effects);
        }
    };
    type_in(&mut app, "/");
    type_in(&mut app, "ostergaard");
    check("search_80x24", &text(&render(&app, 80, 24)));
    press(&mut app, KeyCode::Esc);
    type_in(&mut app, "g");
    type_in(&mut app, "+7");
    check("goto_80x24", &text(&render(&app, 80, 24)));
}

/// The demo app in Danish.
fn demo_app_da() -> (App, tempfile::TempDir) {
    let (mut app, d) = demo_app(Theme::dark());
    app.settings.language = Language::Da;
    (app, d)
}

#[test]
fn demo_day_in_danish_at_80x24() {
    let (app, _d) = demo_app_da();
    check("demo_da_80x24", &text(&render(&app, 80, 24)));
}

#[test]
fn help_overlay_in_danish_at_80x24() {
    let (mut app, _d) = demo_app_da();
    app.update(renos::tui::action::Action::Help);
    check("help_da_80x24", &text(&render(&app, 80, 24)));
}

/// The words of a catalogue's messages (not its keys, comments or
/// variables), lower case.
fn catalogue_words(lang: Language) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for line in lang.words().source().lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let text = if let Some((_, v)) = line.split_once(" = ") {
            v
        } else if let Some((_, v)) = line.split_once(']') {
            v
        } else {
            continue;
        };
        // Variables and selectors out: `{ $n }`, `{ $n ->`.
        let mut plain = String::new();
        let mut depth = 0;
        for c in text.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                c if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        out.extend(words(&plain));
    }
    out
}

/// Runs of letters of two or more, lower case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect()
}

/// The header, the status line and the footer of the day, and the help
/// overlay, as words.
fn chrome_words(app: &mut App) -> Vec<String> {
    let screen = text(&render(app, 80, 24));
    let lines: Vec<&str> = screen.lines().collect();
    let mut out: Vec<String> = [lines[0], lines[22], lines[23]]
        .iter()
        .flat_map(|l| words(l))
        .collect();
    app.update(renos::tui::action::Action::Help);
    out.extend(words(&text(&render(app, 80, 24))));
    app.update(renos::tui::action::Action::Help);
    out
}

#[test]
fn the_danish_console_has_no_english_word_in_header_footer_and_help() {
    let (da, en) = (catalogue_words(Language::Da), catalogue_words(Language::En));
    let english_only: Vec<&String> = en.difference(&da).collect();
    let danish_only: Vec<&String> = da.difference(&en).collect();
    assert!(english_only.len() > 100 && danish_only.len() > 100);
    let (mut app, _d) = demo_app_da();
    let shown = chrome_words(&mut app);
    // Key names ("space", "enter") are the keys' own labels in both
    // languages, not words of one.
    let keys = [
        "space",
        "enter",
        "tab",
        "esc",
        "backspace",
        "delete",
        "home",
        "end",
        "pgup",
        "pgdn",
        "left",
        "right",
        "up",
        "down",
        "ctrl",
        "alt",
        "shift",
    ];
    let english: Vec<&String> = shown
        .iter()
        .filter(|w| en.contains(*w) && !da.contains(*w) && !keys.contains(&w.as_str()))
        .collect();
    assert!(english.is_empty(), "English words in Danish: {english:?}");
    // And the reverse: no Danish in the English console.
    let (mut app, _d) = demo_app(Theme::dark());
    let shown = chrome_words(&mut app);
    let danish: Vec<&String> = shown
        .iter()
        .filter(|w| da.contains(*w) && !en.contains(*w))
        .collect();
    assert!(danish.is_empty(), "Danish words in English: {danish:?}");
}

/// The words on a screen that only the other language's catalogue has.
fn foreign_words(screen: &str, lang: Language) -> Vec<String> {
    let (da, en) = (catalogue_words(Language::Da), catalogue_words(Language::En));
    let (mine, theirs) = match lang {
        Language::Da => (da, en),
        Language::En => (en, da),
    };
    words(screen)
        .into_iter()
        .filter(|w| theirs.contains(w) && !mine.contains(w))
        .collect()
}

#[test]
fn the_staff_and_customer_screens_speak_one_language() {
    for lang in Language::ALL {
        let (app, _d) = staff_screen_in(lang);
        let screen = text(&render(&app, 80, 24));
        let foreign = foreign_words(&screen, lang);
        assert!(
            foreign.is_empty(),
            "{lang}: staff screen: {foreign:?}\n{screen}"
        );
        let (app, _d) = customer_screen_in(lang);
        // The demo's service and notes are in Danish in either language.
        let screen = text(&render(&app, 80, 24))
            .replace("Fast rengøring", "")
            .replace("Nøgle i postkassen", "");
        let foreign = foreign_words(&screen, lang);
        assert!(
            foreign.is_empty(),
            "{lang}: customer screen: {foreign:?}\n{screen}"
        );
    }
}

mod week;

/// The domain's values in Danish: a series in the details panel, and the
/// customer's history with the form's checks.
#[test]
fn the_domain_values_read_in_danish() {
    use crossterm::event::KeyCode;
    use renos::domain::fuzzy::CustomerIndex;
    use renos::engine::worker::Customers;
    use std::sync::Arc;
    let (mut app, dir) = demo_app_da();
    as_series_visit(&mut app);
    let day = text(&render(&app, 160, 48));
    assert!(
        day.contains("Serie #3: hver 2. uge, fre kl. 09:00, fra 6/11"),
        "the details panel shows the series in Danish:\n{day}"
    );
    let store = Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now())).expect("open");
    let list = store.customers().expect("customers");
    let customers = Customers {
        index: Arc::new(CustomerIndex::new(&list)),
        by_id: Arc::new(list.into_iter().map(|c| (c.id, c)).collect()),
    };
    press(&mut app, KeyCode::Char('n'));
    app.on_reply(Reply::Customers(customers));
    for c in "sor ost".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let form = text(&render(&app, 80, 24));
    check("form_da_80x24", &form);
    let tall = text(&render(&app, 100, 48));
    println!("{tall}");
}

/// The demo's calendars as the sync says them: the shared Google one,
/// Mikkel's on CalDAV (`waiting` changes for it), Louise's on Microsoft 365;
/// the last run reached Louise's and, unless `caldav_down`, Mikkel's.
fn demo_calendars(app: &mut App, caldav_down: bool, waiting: i64) {
    use renos::engine::sync::calendars::{CalendarOutcome, CalendarRun, Provider};
    use renos::engine::sync::{Connection, SyncReport};
    let caldav = "caldav:http://127.0.0.1:5232/mikkel/arbejde/";
    let outlook = "outlook:louise@renos.example";
    app.on_sync(sync_status(2, RunOutcome::Synced, waiting, 0));
    app.on_sync(SyncEvent::Calendars(vec![
        Connection {
            key: "primary".into(),
            provider: Provider::Google,
            cleaner: None,
            waiting: 0,
            not_set_up: false,
        },
        Connection {
            key: caldav.into(),
            provider: Provider::CalDav,
            cleaner: Some("Mikkel Sørensen".into()),
            waiting,
            not_set_up: false,
        },
        Connection {
            key: outlook.into(),
            provider: Provider::Outlook,
            cleaner: Some("Louise Nielsen".into()),
            waiting: 0,
            not_set_up: false,
        },
    ]));
    let run = |key: &str, provider, outcome| CalendarRun {
        key: key.into(),
        provider,
        outcome,
    };
    let report = SyncReport {
        calendars: vec![
            run(
                caldav,
                Provider::CalDav,
                if caldav_down {
                    CalendarOutcome::Unreachable
                } else {
                    CalendarOutcome::Synced
                },
            ),
            run(outlook, Provider::Outlook, CalendarOutcome::Synced),
        ],
        ..SyncReport::default()
    };
    app.on_sync(SyncEvent::Finished {
        report: Box::new(report),
        manual: false,
    });
}

/// The staff screen says where each cleaner's jobs go: Anna's to the
/// shared Google calendar, Mikkel's to his own on CalDAV (two changes
/// waiting for it), Louise's to hers on Microsoft 365.
#[test]
fn the_staff_screen_says_each_cleaners_calendar() {
    use crossterm::event::KeyCode;
    let (mut app, _dir) = staff_screen();
    demo_calendars(&mut app, false, 2);
    let anna = text(&render(&app, 80, 24));
    check("staff_calendar_80x24", &anna);
    let line = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("Calendar:"))
            .map(|l| l.split('│').nth(2).unwrap_or_default().trim().to_string())
    };
    assert_eq!(
        line(&anna).as_deref(),
        Some("Calendar: the shared Google calendar ✓")
    );
    for (steps, want) in [
        (3, "Calendar: Microsoft 365 ✓"),
        (2, "Calendar: CalDAV: 2 to send"),
    ] {
        for _ in 0..steps {
            press(&mut app, KeyCode::Right);
        }
        let screen = text(&render(&app, 80, 24));
        assert_eq!(line(&screen).as_deref(), Some(want), "{screen}");
    }
}

#[test]
fn with_google_offline_the_header_says_each_calendar_as_its_own_run_went() {
    use renos::engine::sync::SyncFailure;
    use renos::engine::sync::calendars::{CalendarOutcome, CalendarRun, Provider};
    let (mut app, _d) = demo_app(Theme::dark());
    // Mikkel's calendar was out of reach the run before.
    demo_calendars(&mut app, true, 0);
    // Now Google is, and both cleaners' calendars went through.
    app.on_sync(sync_status(1, RunOutcome::Offline, 1, 0));
    let run = |key: &str, provider| CalendarRun {
        key: key.into(),
        provider,
        outcome: CalendarOutcome::Synced,
    };
    app.on_sync(SyncEvent::Failed {
        failure: SyncFailure::Offline {
            pending: 1,
            calendars: vec![
                run(
                    "caldav:http://127.0.0.1:5232/mikkel/arbejde/",
                    Provider::CalDav,
                ),
                run("outlook:louise@renos.example", Provider::Outlook),
            ],
        },
        manual: false,
    });
    let wide = text(&render(&app, 160, 48));
    let header = wide.lines().next().unwrap_or_default().to_string();
    check(
        "calendars_google_offline_header_160",
        &format!("{header}\n"),
    );
    assert!(header.contains("CalDAV (Mikkel S.) ✓"), "{header}");
}

#[test]
fn each_calendar_connection_in_the_header_at_80x24_in_both_languages() {
    for (lang, name) in [(Language::En, "calendars"), (Language::Da, "calendars_da")] {
        let (mut app, _d) = demo_app(Theme::dark());
        app.settings.language = lang;
        demo_calendars(&mut app, false, 0);
        check(&format!("{name}_80x24"), &text(&render(&app, 80, 24)));
        // Wide: each one named.
        let wide = text(&render(&app, 160, 48));
        let header = wide.lines().next().unwrap_or_default().to_string();
        check(&format!("{name}_header_160"), &format!("{header}\n"));
        // Mikkel's out of reach, two changes waiting for it.
        demo_calendars(&mut app, true, 2);
        check(
            &format!("{name}_trouble_80x24"),
            &text(&render(&app, 80, 24)),
        );
        let wide = text(&render(&app, 160, 48));
        let header = wide.lines().next().unwrap_or_default().to_string();
        check(
            &format!("{name}_trouble_header_160"),
            &format!("{header}\n"),
        );
    }
}
