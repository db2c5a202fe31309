use super::*;
use proptest::prelude::*;

fn customer(id: i64, name: &str, address: &str, phone: &str, email: &str) -> Customer {
    Customer {
        id,
        name: name.into(),
        address: address.into(),
        phone: phone.into(),
        email: email.into(),
        ..Default::default()
    }
}

fn folded(text: &str) -> String {
    let mut out = Vec::new();
    fold_into(text, &mut out, false);
    String::from_utf8(out).expect("folding keeps UTF-8")
}

fn book() -> Vec<Customer> {
    vec![
        customer(
            1,
            "Søren Østergaard",
            "Skovvej 3, 8000 Århus C",
            "+45 12 34 56 78",
            "soren.ostergaard@example.dk",
        ),
        customer(
            2,
            "Anna Jensen",
            "Vestergade 12, 2. tv, 8000 Aarhus C",
            "20 30 40 50",
            "",
        ),
        customer(
            3,
            "Johanne Nielsen",
            "Nørregade 7, 5000 Odense C",
            "",
            "jn@example.dk",
        ),
        customer(4, "Mads Holm", "Annasvej 9, 7100 Vejle", "61 61 61 61", ""),
        customer(5, "Søren Madsen", "Østergade 4, 9000 Aalborg", "", ""),
        customer(
            6,
            "Bjørn Bæk",
            "Åboulevarden 2, 8000 Aarhus C",
            "+45 87 65 43 21",
            "",
        ),
        customer(7, "Anna Jensen", "Torvet 1, 6000 Kolding", "", ""),
        customer(
            8,
            "Annette Østergård",
            "Strandvejen 100, 2900 Hellerup",
            "",
            "",
        ),
    ]
}

fn ids(hits: &[Hit]) -> Vec<i64> {
    hits.iter().map(|h| h.id).collect()
}

fn index() -> CustomerIndex {
    CustomerIndex::new(&book())
}

#[test]
fn folding_makes_both_danish_spellings_one() {
    assert_eq!(folded("Søren Østergaard"), "soren ostergard");
    assert_eq!(folded("SOEREN OESTERGAARD"), "soren ostergard");
    assert_eq!(folded("Århus"), "arhus");
    assert_eq!(folded("Aarhus"), "arhus");
    assert_eq!(folded("Bæk"), "baek");
    assert_eq!(folded("René Müller"), "rene muller");
    // A decomposed "å" (a + combining ring) folds like the composed one.
    assert_eq!(folded("A\u{30a}rhus"), "arhus");
    assert_eq!(folded("  Jens-Peter,  Hansen! "), "jens peter hansen");
}

#[test]
fn phones_are_matched_on_their_digits_without_the_country_code() {
    let mut out = Vec::new();
    push_phone("+45 12 34 56 78", &mut out);
    assert_eq!(out, b"12345678");
    out.clear();
    push_phone("0045 12-34-56-78", &mut out);
    assert_eq!(out, b"12345678");
}

#[test]
fn an_entry_is_one_cache_line() {
    assert_eq!(std::mem::size_of::<Entry>(), 64);
}

#[test]
fn sor_ost_finds_soren_ostergaard_first() {
    let hits = index().search("sor ost", 10);
    assert_eq!(hits.first().map(|h| h.id), Some(1));
    // Søren Madsen on Østergade matches too, below.
    assert_eq!(ids(&hits), vec![1, 5]);
}

#[test]
fn with_or_without_danish_letters() {
    let idx = index();
    for q in [
        "østerg",
        "osterg",
        "oesterg",
        "ØSTERGAARD",
        "soeren",
        "søren øst",
    ] {
        assert!(
            ids(&idx.search(q, 10)).contains(&1),
            "{q} should find Søren Østergaard"
        );
    }
    // "Østergård" and "Østergaard" are one name to the search.
    let hits = ids(&idx.search("østergaard", 10));
    assert!(hits.contains(&1) && hits.contains(&8), "{hits:?}");
}

#[test]
fn aarhus_and_arhus_find_both_spellings() {
    let idx = index();
    for q in ["aarhus", "århus", "arhus", "Aarhus C"] {
        let mut hits = ids(&idx.search(q, 10));
        hits.sort_unstable();
        assert_eq!(hits, vec![1, 2, 6], "{q}");
    }
}

#[test]
fn phone_digits_match_regardless_of_spaces_and_country_code() {
    let idx = index();
    for q in [
        "2345",
        "12 34",
        "12345678",
        "+4512345678",
        "+45 12 34 56 78",
        "12-34-56",
    ] {
        assert_eq!(ids(&idx.search(q, 10)), vec![1], "{q}");
    }
    assert_eq!(ids(&idx.search("+45 87 65 43 21", 10)), vec![6]);
    assert_eq!(ids(&idx.search("0045 87654321", 10)), vec![6]);
}

#[test]
fn other_alphabets_are_matched_as_written() {
    let idx = CustomerIndex::new(&[
        customer(1, "Ольга Петрова", "Østergade 1", "", ""),
        customer(2, "Olga Petersen", "", "", ""),
    ]);
    assert_eq!(ids(&idx.search("ольга", 10)), vec![1]);
    assert_eq!(ids(&idx.search("ПЕТР", 10)), vec![1]);
    assert_eq!(ids(&idx.search("петр øster", 10)), vec![1]);
    assert_eq!(ids(&idx.search("olga", 10)), vec![2]);
}

#[test]
fn every_term_must_match() {
    let idx = index();
    let mut annas = ids(&idx.search("anna", 10));
    annas.sort_unstable();
    assert_eq!(annas, vec![2, 4, 7]);
    assert_eq!(ids(&idx.search("anna vestergade", 10)), vec![2]);
    assert_eq!(ids(&idx.search("anna kolding", 10)), vec![7]);
    assert!(idx.search("anna odense", 10).is_empty());
    // Terms may come in any order.
    assert_eq!(ids(&idx.search("kolding anna", 10)), vec![7]);
    // Punctuation splits terms too.
    assert_eq!(ids(&idx.search("anna-kolding", 10)), vec![7]);
    assert_eq!(ids(&idx.search("jensen,torvet", 10)), vec![7]);
}

#[test]
fn name_prefix_beats_other_prefix_beats_substring() {
    let idx = CustomerIndex::new(&[
        customer(1, "Johanne Nielsen", "", "", ""),
        customer(2, "Mads Holm", "Annasvej 9", "", ""),
        customer(3, "Anna Jensen", "", "", ""),
    ]);
    let hits = idx.search("ann", 10);
    assert_eq!(ids(&hits), vec![3, 2, 1]);
    assert!(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
}

#[test]
fn the_name_starting_with_the_first_term_ranks_higher() {
    let idx = CustomerIndex::new(&[
        customer(1, "Karen Holm", "", "", ""),
        customer(2, "Holm Karensen", "", "", ""),
    ]);
    assert_eq!(ids(&idx.search("holm", 10)), vec![2, 1]);
    assert_eq!(ids(&idx.search("kar", 10)), vec![1, 2]);
}

#[test]
fn a_whole_word_beats_a_longer_word_with_that_start() {
    let idx = CustomerIndex::new(&[
        customer(1, "Jensine Bo", "", "", ""),
        customer(2, "Jens Holmgaard", "", "", ""),
    ]);
    assert_eq!(ids(&idx.search("jens", 10)), vec![2, 1]);
}

#[test]
fn letters_in_order_within_a_word_match_last() {
    let idx = index();
    assert_eq!(ids(&idx.search("ostgrd", 10)), vec![1, 8]);
    let hits = idx.search("sgrd", 10);
    assert!(
        hits.is_empty(),
        "it has to start where the word starts: {hits:?}"
    );
}

#[test]
fn ties_go_to_the_shorter_name_then_the_lower_id() {
    let idx = index();
    let hits = idx.search("anna", 10);
    // Both "Anna Jensen" score the same and have the same length: lower id first.
    assert_eq!(ids(&hits[..2]), vec![2, 7]);
    assert_eq!(hits[0].score, hits[1].score);
    // The order does not depend on the order the customers came in.
    let mut reversed = book();
    reversed.reverse();
    let other = CustomerIndex::new(&reversed);
    for q in ["anna", "s", "a", "8000", "ø"] {
        assert_eq!(idx.search(q, 10), other.search(q, 10), "{q}");
    }
}

#[test]
fn empty_queries_find_nothing_and_limit_is_kept() {
    let idx = index();
    assert_eq!(idx.len(), 8);
    assert!(!idx.is_empty());
    assert!(CustomerIndex::new(&[]).is_empty());
    assert!(idx.search("", 10).is_empty());
    assert!(idx.search("   ", 10).is_empty());
    assert!(idx.search("-", 10).is_empty());
    assert_eq!(idx.search("e", 3).len(), 3);
    assert!(idx.search("e", 0).is_empty());
    let all = idx.search("e", 100);
    assert_eq!(idx.search("e", 3), all[..3]);
}

#[test]
fn typing_narrows_the_candidates_and_gives_the_full_search_results() {
    let idx = Arc::new(index());
    let mut search = CustomerSearch::new(Arc::clone(&idx));
    let mut sizes = Vec::new();
    let mut typed = String::new();
    for c in "sor ost".chars() {
        typed.push(c);
        assert_eq!(
            search.set_query(&typed, 5),
            idx.search(&typed, 5),
            "{typed}"
        );
        sizes.push(search.last.as_ref().map_or(0, |l| l.kept.len()));
    }
    assert!(sizes.windows(2).all(|w| w[1] <= w[0]), "{sizes:?}");
    assert_eq!(sizes.last(), Some(&2));
}

#[test]
fn a_customer_left_unchecked_is_kept_for_the_next_keystroke() {
    let idx = Arc::new(CustomerIndex::new(&[
        customer(1, "Sofie Hansen", "", "", ""),
        customer(2, "Anna Sørensen", "", "", ""),
    ]));
    let mut search = CustomerSearch::new(Arc::clone(&idx));
    assert_eq!(ids(&search.set_query("s", 1)), vec![1]);
    assert_eq!(ids(&search.set_query("sor", 1)), vec![2]);
    assert_eq!(search.set_query("sor", 1), idx.search("sor", 1));
}

#[test]
fn backspace_and_a_new_query_search_everything_again() {
    let idx = Arc::new(index());
    let mut search = CustomerSearch::new(Arc::clone(&idx));
    for q in [
        "anna", "anna k", "anna", "ann", "søren", "", "s", "st", "s", "mads",
    ] {
        assert_eq!(search.set_query(q, 10), idx.search(q, 10), "{q}");
    }
}

/// A few hundred customers from combinations, so short queries have many matches.
fn crowd() -> Vec<Customer> {
    let first = [
        "Søren",
        "Anna",
        "Åse",
        "Bjørn",
        "Jens",
        "Mette",
        "Ærtebølle",
        "Ole",
    ];
    let last = [
        "Østergaard",
        "Jensen",
        "Aagaard",
        "Sørensen",
        "Bæk",
        "Olesen",
    ];
    let streets = [
        "Østergade",
        "Aaboulevarden",
        "Skovvej",
        "Søndergade",
        "Annasvej",
    ];
    let cities = [
        "8000 Århus C",
        "8000 Aarhus C",
        "5000 Odense C",
        "9000 Ålborg",
    ];
    let mut out = Vec::new();
    let mut id = 1;
    for (i, f) in first.iter().enumerate() {
        for (j, l) in last.iter().enumerate() {
            for k in 0..4 {
                let n = i * 31 + j * 7 + k * 3;
                out.push(customer(
                    id,
                    &format!("{f} {l}"),
                    &format!(
                        "{} {}, {}",
                        streets[n % streets.len()],
                        n % 40 + 1,
                        cities[(n / 5) % cities.len()]
                    ),
                    &format!(
                        "+45 {:02} {:02} {:02} {:02}",
                        n % 90 + 10,
                        n % 77,
                        k * 11,
                        j * 9
                    ),
                    "",
                ));
                id += 1;
            }
        }
    }
    out
}

/// The scan of [`term_score`] done the slow way: every position of the haystack.
fn term_score_slowly(hay: &[u8], name_len: usize, t: &Term) -> (u32, bool) {
    let needle = t.text.as_slice();
    let (mut best, mut at_start) = (0, false);
    for p in 0..hay.len() {
        let word_start = p == 0 || is_sep(hay[p - 1]);
        let in_name = p < name_len;
        let score = if hay[p..].starts_with(needle) {
            at_start |= p == 0;
            let whole = hay.get(p + needle.len()).is_none_or(|&b| is_sep(b));
            let base = match (in_name, word_start) {
                (true, true) => NAME_PREFIX,
                (false, true) => OTHER_PREFIX,
                (true, false) => NAME_SUBSTRING,
                (false, false) => OTHER_SUBSTRING,
            };
            base + if word_start && whole && needle.len() >= 2 {
                WHOLE_WORD
            } else {
                0
            }
        } else if word_start && t.subsequence && hay[p..].starts_with(&needle[..2]) {
            let word: Vec<u8> = hay[p + 2..]
                .iter()
                .copied()
                .take_while(|&b| !is_sep(b))
                .collect();
            let mut letters = word.iter();
            let in_order = needle[2..].iter().all(|n| letters.any(|w| w == n));
            match (in_order, in_name) {
                (false, _) => 0,
                (true, true) => NAME_SUBSEQUENCE,
                (true, false) => OTHER_SUBSEQUENCE,
            }
        } else {
            0
        };
        best = best.max(score);
    }
    (best, at_start)
}

#[derive(Debug, Clone)]
enum Edit {
    Type(char),
    Backspace,
    Clear,
}

fn edit() -> impl Strategy<Value = Edit> {
    let letters: Vec<char> = "aeiorsntlgdbkøæåØS 12-".chars().collect();
    prop_oneof![
        8 => proptest::sample::select(letters).prop_map(Edit::Type),
        2 => Just(Edit::Backspace),
        1 => Just(Edit::Clear),
    ]
}

proptest! {
    // Cheap, and the edges of the eight-byte blocks need many tries.
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_scan_eight_bytes_at_a_time_misses_nothing(
        fields in proptest::collection::vec("[aoes12 -]{0,19}", 4),
        query in "[aoes12-]{1,5}",
    ) {
        let c = customer(1, &fields[0], &fields[1], &fields[2], &fields[3]);
        // Another haystack right after it: nothing may match across the two.
        let next = customer(2, "aoes aoes sea", "seas", "12", "");
        let idx = CustomerIndex::new([&c, &next]);
        let e = &idx.entries[0];
        let hay = &idx.text[e.start as usize..e.end()];
        for t in parse_query(&query) {
            let fast = term_score(&idx.text, e, &t);
            let slow = term_score_slowly(hay, usize::from(e.name_len), &t);
            prop_assert_eq!(fast.0, slow.0, "{:?} in {:?}", String::from_utf8_lossy(&t.text), String::from_utf8_lossy(hay));
            prop_assert_eq!(fast.1, slow.1);
            let bound = upper_bound(e, std::slice::from_ref(&t));
            let start_bonus = if slow.1 { NAME_START } else { 0 };
            prop_assert!(slow.0 + start_bonus <= bound, "bound {} below {}", bound, slow.0 + start_bonus);
        }
    }
}

proptest! {
    #[test]
    fn folding_only_ever_appends(a in "[a-zæøåÆØÅeo0-9 .+-]{0,12}", b in "[a-zæøåÆØÅeo0-9 .+-]{0,12}") {
        for join in [false, true] {
            let (mut short, mut long) = (Vec::new(), Vec::new());
            fold_into(&a, &mut short, join);
            fold_into(&format!("{a}{b}"), &mut long, join);
            prop_assert!(long.starts_with(&short), "{:?} / {:?}", a, b);
        }
    }

    #[test]
    fn no_customer_left_unchecked_belonged_in_the_list(query in "[a-zøæå 0-9ØS-]{1,12}", limit in 1usize..20) {
        let idx = CustomerIndex::new(&crowd());
        let terms = parse_query(&query);
        // Every customer scored, no bounds, no early stops between customers.
        let mut all: Vec<(u128, Hit)> = idx
            .entries
            .iter()
            .zip(&idx.ids)
            .enumerate()
            .filter(|_| !terms.is_empty())
            .filter_map(|(i, (e, &id))| {
                let score = idx.score(e, &terms)?;
                Some((rank_key(score, u32::from(e.name_len), i as u32), Hit { id, score }))
            })
            .collect();
        all.sort_by_key(|h| Reverse(h.0));
        let expected: Vec<Hit> = all.into_iter().take(limit).map(|(_, h)| h).collect();
        prop_assert_eq!(idx.search(&query, limit), expected);
    }

    #[test]
    fn typing_char_by_char_gives_the_fresh_search(query in "[a-zøæå 0-9ØS-]{0,12}", limit in 1usize..20) {
        let idx = Arc::new(CustomerIndex::new(&crowd()));
        let mut search = CustomerSearch::new(Arc::clone(&idx));
        let mut typed = String::new();
        let mut last = Vec::new();
        for c in query.chars() {
            typed.push(c);
            last = search.set_query(&typed, limit);
        }
        prop_assert_eq!(last, idx.search(&query, limit));
    }

    #[test]
    fn every_keystroke_gives_the_fresh_search(edits in proptest::collection::vec(edit(), 1..30), limit in 1usize..20) {
        let idx = Arc::new(CustomerIndex::new(&crowd()));
        let mut search = CustomerSearch::new(Arc::clone(&idx));
        let mut typed = String::new();
        for e in edits {
            match e {
                Edit::Type(c) => typed.push(c),
                Edit::Backspace => {
                    typed.pop();
                }
                Edit::Clear => typed.clear(),
            }
            prop_assert_eq!(search.set_query(&typed, limit), idx.search(&typed, limit), "{:?}", typed);
        }
    }
}
