//! Criterion benchmarks for the customer search of the booking form: at most
//! 5 ms per keystroke over 100,000 customers.
//!
//! - `search/keystroke_sequence`: "sor ost" typed one character at a time (7 keystrokes)
//! - `search/keystroke/<n>_<query>`: the single keystroke that makes `<query>`,
//!   with the search state of the query before it
//! - `search/cold_query_sor_ost`: one full search of "sor ost"
//! - `search/build_index_100k`: folding 100,000 customers into the index

// A benchmark whose setup fails stops with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use renos::domain::{Customer, CustomerIndex, CustomerSearch};

const FIRST: &[&str] = &[
    "Anna",
    "Anne",
    "Annette",
    "Birgitte",
    "Bjørn",
    "Bo",
    "Camilla",
    "Carsten",
    "Dorthe",
    "Erik",
    "Emil",
    "Frederik",
    "Gitte",
    "Hanne",
    "Henrik",
    "Ida",
    "Jens",
    "Jesper",
    "Johanne",
    "Jørgen",
    "Karen",
    "Kirsten",
    "Lars",
    "Lene",
    "Line",
    "Mads",
    "Maja",
    "Mette",
    "Michael",
    "Niels",
    "Nanna",
    "Ole",
    "Pia",
    "Peter",
    "Rasmus",
    "Rikke",
    "Sofie",
    "Susanne",
    "Søren",
    "Thomas",
    "Tove",
    "Ulla",
    "Vibeke",
    "Åse",
    "Ærenfried",
    "Øjvind",
    "Poul",
    "Kasper",
    "Louise",
    "Malene",
];

const LAST: &[&str] = &[
    "Andersen",
    "Bach",
    "Bæk",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Frandsen",
    "Gregersen",
    "Hansen",
    "Holm",
    "Iversen",
    "Jensen",
    "Jakobsen",
    "Kristensen",
    "Knudsen",
    "Larsen",
    "Lauridsen",
    "Madsen",
    "Mikkelsen",
    "Møller",
    "Mølgaard",
    "Nielsen",
    "Nørgaard",
    "Olsen",
    "Pedersen",
    "Poulsen",
    "Rasmussen",
    "Schmidt",
    "Sørensen",
    "Thomsen",
    "Vestergaard",
    "Østerby",
    "Østergren",
    "Ågaard",
    "Skov",
    "Lund",
    "Berg",
    "Kjær",
    "Damgaard",
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
    "Egevej",
    "Ærøvej",
    "Jernbanegade",
    "Havnegade",
    "Frederiksberg Allé",
    "Langelandsgade",
    "Rosenvængets Allé",
    "Randersvej",
    "Silkeborgvej",
    "Grenåvej",
    "Viborgvej",
    "Annasvej",
    "Tværgade",
    "Bredgade",
];

const CITIES: &[&str] = &[
    "1000 København K",
    "2100 København Ø",
    "2200 København N",
    "2900 Hellerup",
    "3000 Helsingør",
    "4000 Roskilde",
    "5000 Odense C",
    "6000 Kolding",
    "7100 Vejle",
    "8000 Aarhus C",
    "8000 Århus C",
    "8200 Aarhus N",
    "8210 Aarhus V",
    "8260 Viby J",
    "8600 Silkeborg",
    "8900 Randers C",
    "9000 Aalborg",
    "9000 Ålborg",
    "7400 Herning",
    "6700 Esbjerg",
];

const DOMAINS: &[&str] = &[
    "gmail.com",
    "hotmail.com",
    "outlook.dk",
    "mail.dk",
    "live.dk",
    "yahoo.dk",
    "jubii.dk",
    "firma.dk",
];

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn email_part(s: &str) -> String {
    s.to_lowercase()
        .replace('æ', "ae")
        .replace('ø', "oe")
        .replace('å', "aa")
}

/// 100,000 customers: first × last names, street, number and city, an 8-digit
/// phone (some with `+45`), an e-mail for most. Exactly one is "Søren Østergaard".
fn customers() -> Vec<Customer> {
    let mut rng = Lcg(20_261_120);
    let mut out = Vec::with_capacity(100_000);
    for id in 1..=100_000i64 {
        let (first, last) = (FIRST[rng.next(FIRST.len())], LAST[rng.next(LAST.len())]);
        let street = STREETS[rng.next(STREETS.len())];
        let number = rng.next(150) + 1;
        let floor = match rng.next(4) {
            0 => format!(", {}. tv", rng.next(5) + 1),
            1 => format!(", {}. th", rng.next(5) + 1),
            _ => String::new(),
        };
        let city = CITIES[rng.next(CITIES.len())];
        let digits = 20_000_000 + rng.next(79_999_999);
        let d = format!("{digits:08}");
        let phone = if rng.next(3) == 0 {
            format!("+45 {} {} {} {}", &d[0..2], &d[2..4], &d[4..6], &d[6..8])
        } else {
            format!("{} {} {} {}", &d[0..2], &d[2..4], &d[4..6], &d[6..8])
        };
        let email = if rng.next(5) == 0 {
            String::new()
        } else {
            format!(
                "{}.{}{}@{}",
                email_part(first),
                email_part(last),
                id % 100,
                DOMAINS[rng.next(DOMAINS.len())]
            )
        };
        out.push(Customer {
            id,
            name: format!("{first} {last}"),
            address: format!("{street} {number}{floor}, {city}"),
            phone,
            email,
            notes: String::new(),
            tags: vec![],
            version: 1,
            ..Customer::default()
        });
    }
    out[54_321] = Customer {
        id: 54_322,
        name: "Søren Østergaard".into(),
        address: "Østergade 12, 2. tv, 8000 Aarhus C".into(),
        phone: "+45 12 34 56 78".into(),
        email: "soeren.oestergaard@mail.dk".into(),
        notes: String::new(),
        tags: vec![],
        version: 1,
        ..Customer::default()
    };
    out
}

const QUERY: &str = "sor ost";

fn search(c: &mut Criterion) {
    let customers = customers();
    let index = Arc::new(CustomerIndex::new(&customers));
    assert_eq!(index.len(), 100_000);
    // "sor ost" also finds every "Søren Østerby"; typing on picks the one.
    assert_eq!(index.search(QUERY, 20).len(), 20);
    let top = index.search("sor ostergaard", 20);
    assert_eq!(
        top.first().map(|h| h.id),
        Some(54_322),
        "Søren Østergaard first"
    );
    let mut all = CustomerSearch::new(Arc::clone(&index));
    let counts: Vec<usize> = (1..=QUERY.len())
        .map(|n| all.set_query(&QUERY[..n], usize::MAX).len())
        .collect();
    eprintln!("matches per keystroke of {QUERY:?}: {counts:?}");

    let mut group = c.benchmark_group("search");
    group.bench_function("keystroke_sequence", |b| {
        b.iter(|| {
            let mut search = CustomerSearch::new(Arc::clone(&index));
            let mut typed = String::new();
            let mut n = 0;
            for ch in QUERY.chars() {
                typed.push(ch);
                n += search.set_query(black_box(&typed), 20).len();
            }
            n
        })
    });

    // Each keystroke alone, from the state the previous one left.
    let prefixes: Vec<&str> = QUERY
        .char_indices()
        .map(|(i, ch)| &QUERY[..i + ch.len_utf8()])
        .collect();
    let mut primed = CustomerSearch::new(Arc::clone(&index));
    for (i, prefix) in prefixes.iter().enumerate() {
        let before = primed.clone();
        group.bench_function(
            format!("keystroke/{}_{}", i + 1, prefix.replace(' ', "_")),
            |b| {
                b.iter_batched(
                    || before.clone(),
                    // The state is handed back so that freeing it is not timed.
                    |mut s| {
                        let hits = s.set_query(black_box(prefix), 20);
                        (s, hits)
                    },
                    BatchSize::SmallInput,
                )
            },
        );
        primed.set_query(prefix, 20);
    }

    group.bench_function("cold_query_sor_ost", |b| {
        b.iter(|| index.search(black_box(QUERY), 20))
    });

    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("build_index_100k", |b| {
        b.iter(|| CustomerIndex::new(black_box(&customers)))
    });
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
