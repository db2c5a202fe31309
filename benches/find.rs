//! Criterion benchmarks for the console's search (`/`) over 100,000
//! customers and 300,000 bookings (a third with notes): at most 10 ms per
//! keystroke, typing "ostergaard" a letter at a time, for each side.
//!
//! - `find_ui/typing ostergaard (10 keystrokes)`: the console's side, keys
//!   into the app: the customer search in memory and the question built
//! - `find_ui/keystroke/<query>`: the keystroke that makes `<query>` alone
//! - `find_worker/typing ostergaard (10 questions)`: the store worker's
//!   side: the booking number, the notes index, and the next and last
//!   booking of each customer found (two indexed look-ups each)
//! - `find_worker/keystroke/<query>`: one of those questions alone
//! - `find_worker/notes index built`: the first search's build of the
//!   notes index (once per console, and again only after a large change)

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use renos::clock::Clock;
use renos::config::Settings;
use renos::domain::{BookingStatus, CustomerIndex, CustomerSearch};
use renos::engine::worker::{Customers, Reply, Request, StoreService};
use renos::store::{NewBooking, NewCustomer, NewStaff, Store};
use renos::tui::app::{App, Effect};
use renos::tui::keymap::Keymap;
use renos::tui::theme::Theme;

const CUSTOMERS: usize = 100_000;
const BOOKINGS: usize = 300_000;
const QUERY: &str = "ostergaard";

const FIRST: &[&str] = &[
    "Anna", "Anne", "Birgitte", "Bjørn", "Camilla", "Carsten", "Dorthe", "Erik", "Frederik",
    "Gitte", "Hanne", "Henrik", "Ida", "Jens", "Jørgen", "Karen", "Lars", "Lene", "Mads", "Mette",
    "Niels", "Ole", "Pia", "Peter", "Rasmus", "Sofie", "Søren", "Thomas", "Ulla", "Åse",
];
const LAST: &[&str] = &[
    "Andersen",
    "Bæk",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Hansen",
    "Holm",
    "Jensen",
    "Kristensen",
    "Larsen",
    "Madsen",
    "Møller",
    "Nielsen",
    "Nørgaard",
    "Olsen",
    "Pedersen",
    "Poulsen",
    "Rasmussen",
    "Sørensen",
    "Thomsen",
    "Vestergaard",
    "Østergaard",
    "Østerby",
    "Ågaard",
    "Damgaard",
    "Kjær",
    "Lund",
    "Skov",
    "Berg",
    "Bækgaard",
];
const STREETS: &[&str] = &[
    "Vestergade",
    "Østergade",
    "Nørregade",
    "Søndergade",
    "Åboulevarden",
    "Skovvej",
    "Strandvejen",
    "Kirkevej",
    "Møllevej",
    "Bøgevej",
    "Ærøvej",
    "Havnegade",
    "Randersvej",
];
const CITIES: &[&str] = &[
    "8000 Aarhus C",
    "8200 Aarhus N",
    "8210 Aarhus V",
    "8260 Viby J",
    "2100 København Ø",
    "5000 Odense C",
    "9000 Aalborg",
];
const NOTES: &[&str] = &[
    "Nøglen ligger under måtten",
    "Kode til porten: 2580",
    "Hund i huset, ring på først",
    "Ekstra grundigt i køkken og bad",
    "Ring til fru Østergaard før I kommer",
    "Vinduer pudses indvendigt",
    "Parkering i gården bag huset",
    "Husk støvsugerposer, de har ingen",
    "Kunden arbejder hjemme: stille, tak",
    "Nøgle hos naboen i nr. 12",
];

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

/// 100,000 customers with Danish names, streets and phones; 300,000
/// bookings of 30 cleaners over eight years, the last 60 days ahead of now,
/// a third with one of ten notes (a tenth of those naming Østergaard).
fn seed(db: &Path, settings: &Settings) {
    let now = settings
        .tz
        .instant(day(), NaiveTime::from_hms_opt(11, 0, 0).expect("t"));
    let mut store = Store::open(db, "bench", Clock::Fixed(now)).expect("open");
    store
        .batch(|w| {
            let staff: Vec<i64> = (0..30)
                .map(|i| {
                    w.add_staff(NewStaff {
                        name: format!("Cleaner {i:02}"),
                        ..Default::default()
                    })
                    .map(|s| s.id)
                })
                .collect::<Result<_, _>>()?;
            let mut customers = Vec::with_capacity(CUSTOMERS);
            for i in 0..CUSTOMERS {
                let c = w.add_customer(NewCustomer {
                    name: format!(
                        "{} {}",
                        FIRST[i % FIRST.len()],
                        LAST[(i / FIRST.len() + i * 7) % LAST.len()]
                    ),
                    address: format!(
                        "{} {}, {}",
                        STREETS[i % STREETS.len()],
                        1 + i % 97,
                        CITIES[i % CITIES.len()]
                    ),
                    phone: format!("+45{:08}", 20_000_000 + i * 37),
                    ..Default::default()
                })?;
                customers.push(c.id);
            }
            let per_day = BOOKINGS / 2_900 + 1;
            let first = day() - Days::days(2_840);
            for i in 0..BOOKINGS {
                let date = first + Days::days((i / per_day) as i64);
                let slot = (i % per_day) as u32;
                let start = settings.tz.instant(
                    date,
                    NaiveTime::from_hms_opt(7 + (slot % 9), (slot % 4) * 15, 0).expect("t"),
                );
                w.add_booking(NewBooking {
                    customer_id: customers[(i * 7_919) % CUSTOMERS],
                    staff_id: Some(staff[i % staff.len()]),
                    service: "Fast rengøring".into(),
                    start,
                    end: start + Days::minutes(90),
                    estimate_min: 90,
                    status: if date < day() {
                        BookingStatus::Completed
                    } else {
                        BookingStatus::Scheduled
                    },
                    started_at: None,
                    finished_at: None,
                    address: String::new(),
                    notes: if i % 3 == 0 {
                        NOTES[(i / 3) % NOTES.len()].to_string()
                    } else {
                        String::new()
                    },
                })?;
            }
            Ok(())
        })
        .expect("seed");
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn find(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("big.db");
    let settings = Settings::default();
    seed(&db, &settings);
    let now = settings
        .tz
        .instant(day(), NaiveTime::from_hms_opt(11, 0, 0).expect("t"));
    let store = Store::open(&db, "bench", Clock::Fixed(now)).expect("open");
    let stats = store.stats().expect("stats");
    assert!(stats.bookings.total >= BOOKINGS as i64, "{stats:?}");
    let list = store.customers().expect("customers");
    assert_eq!(list.len(), CUSTOMERS);
    let customers = Customers {
        index: Arc::new(CustomerIndex::new(&list)),
        by_id: Arc::new(
            list.into_iter()
                .map(|c| (c.id, c))
                .collect::<HashMap<_, _>>(),
        ),
    };

    // The console's side: "/" then the letters, each key through the app.
    let mut app = App::new(
        settings.clone(),
        Theme::dark(),
        Keymap::default(),
        now,
        day(),
    );
    app.customers = Some(customers.clone());
    let mut group = c.benchmark_group("find_ui");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("typing ostergaard (10 keystrokes)", |b| {
        b.iter(|| {
            app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            app.handle_key(&key('/'));
            let mut asked = 0;
            for ch in QUERY.chars() {
                let effects = app.handle_key(&key(ch));
                asked += effects
                    .iter()
                    .filter(|e| matches!(e, Effect::Request(Request::Find { .. })))
                    .count();
            }
            assert_eq!(asked, QUERY.len());
            black_box(asked)
        })
    });
    // One keystroke alone, with the search as the letters before left it.
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(1));
    for n in 1..=QUERY.len() {
        let (before, last) = QUERY[..n].split_at(n - 1);
        let last = last.chars().next().expect("a letter");
        group.bench_function(format!("keystroke/{}", &QUERY[..n]), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    app.handle_key(&KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                    app.handle_key(&key('/'));
                    for ch in before.chars() {
                        app.handle_key(&key(ch));
                    }
                    let at = Instant::now();
                    black_box(app.handle_key(&key(last)));
                    total += at.elapsed();
                }
                total
            })
        });
    }
    group.finish();

    // The questions the console sends while "ostergaard" is typed.
    let mut search = CustomerSearch::new(Arc::clone(&customers.index));
    let questions: Vec<(String, Vec<i64>)> = (1..=QUERY.len())
        .map(|n| {
            let q = QUERY[..n].to_string();
            let ids = search
                .set_query(&q, renos::tui::app::FIND_CUSTOMERS)
                .iter()
                .map(|h| h.id)
                .collect();
            (q, ids)
        })
        .collect();
    assert_eq!(questions[9].1.len(), renos::tui::app::FIND_CUSTOMERS);

    let answers = std::rc::Rc::new(std::cell::Cell::new(0usize));
    let seen = std::rc::Rc::clone(&answers);
    let mut service = StoreService::new(store, settings.clone(), move |r: Reply| {
        if let Reply::Found { found, .. } = r {
            let f = found.expect("found");
            seen.set(seen.get() + f.customers.len() + f.notes.len());
        }
    });
    let mut seq = 0;
    let mut ask = |service: &mut StoreService<_>, (q, ids): &(String, Vec<i64>)| {
        seq += 1;
        service.handle(Request::Find {
            seq,
            query: q.clone(),
            customers: ids.clone(),
        });
    };
    // The first search builds the notes index.
    ask(&mut service, &questions[9]);
    assert!(
        answers.get() > renos::tui::app::FIND_CUSTOMERS,
        "notes found"
    );

    let mut group = c.benchmark_group("find_worker");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("typing ostergaard (10 questions)", |b| {
        b.iter(|| {
            for q in &questions {
                ask(&mut service, q);
            }
        })
    });
    for q in &questions {
        group.bench_function(format!("keystroke/{}", q.0), |b| {
            b.iter(|| ask(&mut service, q))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("find_worker_build");
    group.sample_size(10);
    group.bench_function("notes index built (first search)", |b| {
        b.iter(|| {
            let store = Store::open(&db, "bench", Clock::Fixed(now)).expect("open");
            let mut fresh = StoreService::new(store, settings.clone(), |r: Reply| {
                black_box(r);
            });
            fresh.handle(Request::Find {
                seq: 1,
                query: QUERY.into(),
                customers: Vec::new(),
            });
        })
    });
    group.finish();
}

criterion_group!(benches, find);
criterion_main!(benches);
