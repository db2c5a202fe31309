//! The words for undo and redo: what `u` would take back ("move of #12"),
//! and why an undo or a redo was refused.

use crate::i18n::Words;
use crate::store::{Revert, UNDO_WINDOW_MINUTES, UndoRefusal, UndoWhat};

/// What `u` would undo, for the status line: "move of #12", "change of
/// series #3", "series change".
pub fn undo_what(w: Words, what: UndoWhat) -> String {
    match what {
        UndoWhat::Booking { change, id } => w.with(
            "undo-what-change",
            &[
                ("change", super::change_noun(w, change).into()),
                ("id", id.into()),
            ],
        ),
        UndoWhat::Series { id } => w.with("undo-what-series", &[("id", id.into())]),
        UndoWhat::SeriesChange => w.get("undo-what-series-change"),
        UndoWhat::SeveralJobs => w.get("undo-what-several-jobs"),
    }
}

/// `undo` or `redo`, as the messages choose their verb.
fn revert(r: Revert) -> &'static str {
    match r {
        Revert::Undo => "undo",
        Revert::Redo => "redo",
    }
}

/// Why an undo or a redo cannot be done, in a sentence.
pub fn undo_refusal(w: Words, r: &UndoRefusal) -> String {
    match r {
        UndoRefusal::NothingToUndo => w.get("undo-nothing"),
        UndoRefusal::UndoTooOld { what, at } => w.with(
            "undo-too-old",
            &[
                ("what", undo_what(w, *what).into()),
                ("at", at.as_str().into()),
                ("minutes", UNDO_WINDOW_MINUTES.into()),
            ],
        ),
        UndoRefusal::NothingToRedo => w.get("redo-nothing"),
        UndoRefusal::RedoTooOld { at } => w.with(
            "redo-too-old",
            &[
                ("at", at.as_str().into()),
                ("minutes", UNDO_WINDOW_MINUTES.into()),
            ],
        ),
        UndoRefusal::ChangedBy {
            revert: r,
            what,
            booking,
            by: Some(by),
            at,
        } => w.with(
            "undo-changed-by",
            &[
                ("revert", revert(*r).into()),
                ("what", undo_what(w, *what).into()),
                ("id", (*booking).into()),
                ("who", by.as_str().into()),
                ("at", at.as_str().into()),
            ],
        ),
        UndoRefusal::ChangedBy {
            revert: r,
            what,
            booking,
            by: None,
            at,
        } => w.with(
            "undo-changed-by-you",
            &[
                ("revert", revert(*r).into()),
                ("what", undo_what(w, *what).into()),
                ("id", (*booking).into()),
                ("at", at.as_str().into()),
            ],
        ),
        UndoRefusal::Changed {
            revert: r,
            what,
            booking,
        } => w.with(
            "undo-changed",
            &[
                ("revert", revert(*r).into()),
                ("what", undo_what(w, *what).into()),
                ("id", (*booking).into()),
            ],
        ),
        UndoRefusal::Gone {
            revert: r,
            what,
            booking,
        } => w.with(
            "undo-gone",
            &[
                ("revert", revert(*r).into()),
                ("what", undo_what(w, *what).into()),
                ("id", (*booking).into()),
            ],
        ),
        UndoRefusal::WouldClash {
            revert: r,
            what,
            clash,
        } => w.with(
            "undo-would-clash",
            &[
                ("revert", revert(*r).into()),
                ("what", undo_what(w, *what).into()),
                (
                    "clash",
                    crate::words::values::clash_refusal(w, clash).into(),
                ),
            ],
        ),
        UndoRefusal::SeriesChanged {
            revert: r,
            what,
            series,
        } => w.with(
            "undo-series-changed",
            &[
                ("revert", revert(*r).into()),
                ("what", undo_what(w, *what).into()),
                ("id", (*series).into()),
            ],
        ),
        UndoRefusal::SeriesHasVisits {
            revert: r,
            what,
            series,
        } => w.with(
            "undo-series-has-visits",
            &[
                ("revert", revert(*r).into()),
                ("what", undo_what(w, *what).into()),
                ("id", (*series).into()),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::BookingChange;
    use crate::i18n::Language;

    #[test]
    fn the_refusals_read_in_both_languages() {
        let (en, da) = (Language::En.words(), Language::Da.words());
        let moved = UndoWhat::Booking {
            change: Some(BookingChange::Move),
            id: 12,
        };
        let r = UndoRefusal::ChangedBy {
            revert: Revert::Undo,
            what: moved,
            booking: 12,
            by: Some("sara".into()),
            at: "10:02".into(),
        };
        // The English is the store's own, word for word.
        assert_eq!(undo_refusal(en, &r), r.to_string());
        assert_eq!(
            undo_refusal(da, &r),
            "Kan ikke fortryde flytning af #12: booking #12 er ændret af sara kl. 10:02 \
             siden. Se den i journalen (L), og ret den i hånden."
        );
        let old = UndoRefusal::UndoTooOld {
            what: moved,
            at: "9:40".into(),
        };
        assert_eq!(undo_refusal(en, &old), old.to_string());
        assert_eq!(
            undo_refusal(da, &old),
            "Intet at fortryde: din seneste ændring (flytning af #12 kl. 9:40) er mere end \
             5 minutter gammel."
        );
        for r in [
            UndoRefusal::NothingToUndo,
            UndoRefusal::NothingToRedo,
            UndoRefusal::RedoTooOld { at: "9:40".into() },
            UndoRefusal::ChangedBy {
                revert: Revert::Redo,
                what: moved,
                booking: 12,
                by: None,
                at: "10:02".into(),
            },
            UndoRefusal::Changed {
                revert: Revert::Undo,
                what: UndoWhat::SeriesChange,
                booking: 12,
            },
            UndoRefusal::Gone {
                revert: Revert::Undo,
                what: moved,
                booking: 12,
            },
            UndoRefusal::SeriesChanged {
                revert: Revert::Redo,
                what: UndoWhat::SeveralJobs,
                series: 3,
            },
            UndoRefusal::SeriesHasVisits {
                revert: Revert::Undo,
                what: UndoWhat::SeriesChange,
                series: 3,
            },
        ] {
            assert_eq!(undo_refusal(en, &r), r.to_string());
            assert!(!undo_refusal(da, &r).contains("Cannot"), "{r:?}");
        }
        assert_eq!(
            undo_what(da, UndoWhat::Series { id: 3 }),
            "ændring af serie #3"
        );
    }
}
