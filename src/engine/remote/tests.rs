use super::*;

fn caller(role: TokenRole, staff: Option<i64>) -> Caller {
    Caller {
        name: "maja".into(),
        role,
        staff,
        via: Via::App,
        token: None,
    }
}

#[test]
fn each_role_may_what_it_should_and_no_more() {
    let cleaner = caller(TokenRole::Cleaner, Some(3));
    assert!(check(&cleaner, Need::Read).is_ok());
    assert!(check(&cleaner, Need::SeeJob(Some(3))).is_ok());
    assert!(check(&cleaner, Need::WorkJob(Some(3))).is_ok());
    assert!(check(&cleaner, Need::SeeJob(Some(4))).is_err());
    assert!(check(&cleaner, Need::WorkJob(None)).is_err());
    assert!(check(&cleaner, Need::Overview).is_err());
    assert!(check(&cleaner, Need::Book).is_err());
    let viewer = caller(TokenRole::Viewer, None);
    assert!(check(&viewer, Need::Overview).is_ok());
    assert!(check(&viewer, Need::SeeJob(Some(4))).is_ok());
    assert!(check(&viewer, Need::Book).is_err());
    assert!(check(&viewer, Need::WorkJob(Some(4))).is_err());
    let dispatcher = caller(TokenRole::Dispatcher, None);
    assert!(check(&dispatcher, Need::Book).is_ok());
    assert!(check(&dispatcher, Need::WorkJob(Some(4))).is_ok());
    assert!(check(&dispatcher, Need::Invoice).is_err());
    assert!(check(&caller(TokenRole::Admin, None), Need::Invoice).is_ok());
}

#[test]
fn a_refusal_says_what_the_role_may() {
    let e = check(&caller(TokenRole::Cleaner, Some(3)), Need::SeeJob(Some(4))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "maja is a cleaner token, which sees and changes only their own jobs (start, finish, \
         a note): this job is not allowed"
    );
    assert_eq!(
        caller(TokenRole::Cleaner, Some(3)).actor(),
        "maja (via app)"
    );
}

#[test]
fn a_login_has_its_config_role_and_is_named_as_such() {
    let me = Caller::login("bo", Role::Viewer, Via::Assistant);
    assert_eq!(me.role, TokenRole::Viewer);
    assert_eq!(me.staff, None);
    assert_eq!(me.actor(), "bo (via assistant)");
    let e = check(&me, Need::Book).unwrap_err();
    assert_eq!(
        e.to_string(),
        "bo is a viewer here, which reads only: changing bookings is not allowed"
    );
    let boss = Caller::login("eva", Role::Admin, Via::Assistant);
    assert!(check(&boss, Need::Invoice).is_ok());
    let office = Caller::login("jens", Role::Dispatcher, Via::Assistant);
    assert!(check(&office, Need::Book).is_ok());
    assert!(check(&office, Need::Invoice).is_err());
}

/// The one rule for how the journal names a remote caller: the person
/// (a token's name, or the login running the tools itself) and how they
/// came, for the API, `/mcp` and `renos mcp` alike.
#[test]
fn the_journal_names_every_remote_caller_by_one_rule() {
    use chrono::TimeZone;

    use crate::clock::Clock;
    use crate::config::Settings;
    use crate::store::{NewCustomer, NewStaff, Store};

    let now = chrono::Utc
        .with_ymd_and_hms(2026, 12, 4, 8, 0, 0)
        .single()
        .expect("time");
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("d.db");
    let mut store = Store::open(&db, "mette", Clock::Fixed(now)).expect("open");
    let (customer, staff) = store
        .batch(|w| {
            let s = w.add_staff(NewStaff {
                name: "Bo".into(),
                ..Default::default()
            })?;
            let c = w.add_customer(NewCustomer {
                name: "Hansen".into(),
                ..Default::default()
            })?;
            Ok((c.id, s.id))
        })
        .expect("seed");
    drop(store);
    let remote = Remote::new(Settings::default(), db.clone(), Clock::Fixed(now));
    let token = |name: &str, via: Via| Caller {
        name: name.into(),
        role: TokenRole::Dispatcher,
        staff: None,
        via,
        token: Some(1),
    };
    let callers = [
        (token("office", Via::App), "office (via app)"),
        (token("office", Via::Assistant), "office (via assistant)"),
        (
            Caller::login("bo", Role::Dispatcher, Via::Assistant),
            "bo (via assistant)",
        ),
    ];
    for (hour, (caller, named)) in (10..).zip(callers) {
        let job = JobAsk {
            customer_id: customer,
            staff_id: Some(staff),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"),
            start: chrono::NaiveTime::from_hms_opt(hour, 0, 0).expect("time"),
            minutes: 60,
            service: None,
            notes: String::new(),
            expected: None,
        };
        let made = remote
            .with_desk(&caller, |d| {
                let plan = d.plan(&job)?;
                d.book(plan, None)
            })
            .expect("booked");
        let store = remote.store(&caller).expect("store");
        assert_eq!(store.actor(), named);
        let entries = store
            .journal(Some(("booking", made.id)), 10)
            .expect("journal");
        assert!(
            !entries.is_empty() && entries.iter().all(|e| e.actor == named),
            "{entries:?}"
        );
    }
}

/// The engine, the API and the assistants' tools word through
/// `crate::words`, never through the console: no file of theirs names
/// `crate::tui`.
#[test]
fn the_engine_the_api_and_the_tools_do_not_reach_up_into_the_console() {
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["engine", "http", "mcp"] {
        sources(&src.join(dir), &mut files);
    }
    assert!(files.len() > 20, "{files:?}");
    // Made here, so that this file does not name what it looks for.
    let console = ["crate", "tui"].join("::");
    let segment = |l: &str| {
        l.split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| w == "tui")
    };
    let upward: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("source");
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim_start().starts_with("//"))
                .filter(|(_, l)| {
                    let t = l.trim_start();
                    // `use crate::{a, tui::b}`, or a line of such a group.
                    let grouped = t.starts_with("use crate::{");
                    let in_group = t
                        .split("::")
                        .next()
                        .is_some_and(|w| w.trim_end_matches(',') == "tui");
                    l.contains(&console) || (grouped && segment(l)) || in_group
                })
                .map(|(n, l)| format!("{}:{}: {}", f.display(), n + 1, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(upward.is_empty(), "{upward:#?}");
}
