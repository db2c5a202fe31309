//! Sequences the sync's state machine test (`sync_props`) found, replayed
//! with their order pinned, so each stays fixed whatever the random seed.

use crate::sync_props::{Op, run};

/// A recurring event made by hand in Google, taken in by a forced partial
/// listing; a note edited here and undone; then a place typed into the
/// recurring event in Google. The place reaches every visit, and Google
/// keeps it: it is never wiped by the series written back from here.
#[test]
fn a_place_typed_into_a_series_after_a_partial_listing_stays_in_google() {
    run(vec![
        Op::SeriesThere(11),
        Op::Partial(105),
        Op::EditHere(102),
        Op::Undo,
        Op::EditThere(184),
    ])
    .expect("both sides equal");
}
