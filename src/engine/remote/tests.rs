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
        let job = NewJob {
            customer_id: customer,
            staff_id: Some(staff),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"),
            start: format!("{hour}:00"),
            duration_min: 60,
            service: "Fast rengøring".into(),
            notes: String::new(),
            accept_clash: None,
        };
        let made = remote.create(&caller, &job).expect("booked");
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
