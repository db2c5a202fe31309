//! The keys footers and hints show, read from the keymap: each mode lists
//! its actions with words, and the keys are whatever the keymap binds them
//! to now, so a rebound key shows where it works.

use crate::i18n::{Arg, Words};
use crate::tui::action::{Action, KeyMode};
use crate::tui::keymap::Keymap;

/// Which keys an item shows.
#[derive(Debug, Clone, Copy)]
pub enum Keys {
    /// The action's first key: `y`.
    One(KeyMode, Action),
    /// The action's first two keys: `n/esc`.
    Two(KeyMode, Action),
    /// Two actions' first keys run together: `↑↓`.
    Pair(KeyMode, Action, Action),
    /// Two actions' first keys with a slash: `tab/shift-tab`.
    Either(KeyMode, Action, Action),
}

/// A line of keys: which keys, and what they do (a catalogue key).
pub type Items = [(Keys, &'static str)];

impl Keys {
    /// The keys as shown, and whether they read as a pair (no colon after
    /// them in a hint); `None` when nothing is bound.
    fn text(self, km: &Keymap) -> Option<(String, bool)> {
        let join = |a: Option<String>, b: Option<String>, sep: &str| match (a, b) {
            (Some(a), Some(b)) => Some(format!("{a}{sep}{b}")),
            (a, b) => a.or(b),
        };
        match self {
            Keys::One(m, a) => km.first(m, a).map(|k| (k, false)),
            Keys::Two(m, a) => {
                let keys: Vec<String> =
                    km.keys_in(m, a).iter().take(2).map(|k| k.label()).collect();
                (!keys.is_empty()).then(|| (keys.join("/"), false))
            }
            Keys::Pair(m, a, b) => join(km.first(m, a), km.first(m, b), "").map(|k| (k, true)),
            Keys::Either(m, a, b) => join(km.first(m, a), km.first(m, b), "/").map(|k| (k, false)),
        }
    }
}

/// `(keys, words)` pairs for the footer; items with no key bound are left
/// out. `args` are the words' variables (`step` in move mode).
pub fn pairs(km: &Keymap, items: &Items, w: Words, args: &[(&str, Arg)]) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|(keys, label)| keys.text(km).map(|(k, _)| (k, w.with(label, args))))
        .collect()
}

/// A hint line inside a box: `↑↓ choose · a: approve · esc: close`, `sep`
/// between a key and its words.
pub fn hint(km: &Keymap, items: &Items, sep: &str, w: Words) -> String {
    items
        .iter()
        .filter_map(|(keys, label)| {
            keys.text(km).map(|(k, pair)| {
                let sep = if pair { " " } else { sep };
                format!("{k}{sep}{}", w.get(label))
            })
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

use Action::*;
use KeyMode::{
    Confirm, Conflicts, Customer, Duplicate, Find, Finder, Form, List, Log, Move, Prompt, Scope,
    Search, SickCall, Staff, Stale, Week, Weekday,
};

pub const MOVE_FOOTER: &Items = &[
    (Keys::Pair(Move, Earlier, Later), "keys-step"),
    (Keys::Pair(Move, CleanerUp, CleanerDown), "keys-cleaner"),
    (Keys::One(Move, Save), "keys-save"),
    (Keys::One(Move, PutBack), "keys-put-back"),
];
pub const FORM_FOOTER: &Items = &[
    (Keys::One(Form, NextField), "keys-next"),
    (Keys::One(Form, PrevField), "keys-back"),
    (Keys::One(Form, Save), "keys-save"),
    (Keys::One(Form, Close), "keys-close"),
];
/// On the customer field when nobody matches.
pub const NEW_CUSTOMER_FOOTER: &Items = &[
    (Keys::One(Form, NewCustomer), "keys-new-customer"),
    (Keys::One(Form, NextField), "keys-next"),
    (Keys::One(Form, Save), "keys-save"),
    (Keys::One(Form, Close), "keys-close"),
];
pub const FORM_HINT: &Items = &[
    (Keys::Either(Form, NextField, PrevField), "keys-field"),
    (Keys::One(Form, Save), "keys-save"),
    (Keys::One(Form, Close), "keys-close-without-saving"),
];
/// On the Repeats field of a new booking.
pub const REPEATS_HINT: &Items = &[
    (
        Keys::Either(Form, PrevChoice, NextChoice),
        "keys-choose-or-rrule",
    ),
    (Keys::One(Form, Save), "keys-save"),
    (Keys::One(Form, Close), "keys-close"),
];
/// On the Ends field of a repeat, after what it takes.
pub const ENDS_HINT: &Items = &[
    (Keys::One(Form, Save), "keys-save"),
    (Keys::One(Form, Close), "keys-close"),
];
/// Written without colons, as `enter take`.
pub const SEARCH_HINT: &Items = &[
    (Keys::Pair(Search, Up, Down), "keys-choose-customer"),
    (Keys::One(Search, Take), "keys-take"),
    (Keys::One(Search, NewCustomer), "keys-new"),
    (Keys::One(Form, NextField), "keys-next"),
    (Keys::One(Form, Close), "keys-cancel"),
];
pub const WEEKDAY_HINT: &Items = &[
    (Keys::One(Weekday, KeepDate), "keys-keep-the-date"),
    (Keys::One(Weekday, UseWeekday), "keys-use-the-weekday"),
    (Keys::One(Weekday, KeepBoth), "keys-keep-both-review"),
    (Keys::One(Weekday, Back), "keys-back"),
];
pub const PROMPT_FOOTER: &Items = &[
    (Keys::One(Prompt, Ok), "keys-ok"),
    (Keys::One(Prompt, Back), "keys-back"),
];
pub const CANCEL_HINT: &Items = &[
    (Keys::One(Prompt, Ok), "keys-cancel-the-booking"),
    (Keys::One(Prompt, Back), "keys-keep-it"),
];
pub const CONFIRM_KEYS: &Items = &[
    (Keys::One(Confirm, Yes), "keys-yes"),
    (Keys::Two(Confirm, No), "keys-no"),
];
pub const JOURNAL_FOOTER: &Items = &[
    (Keys::Pair(List, Up, Down), "keys-scroll"),
    (Keys::One(List, Filter), "keys-this-booking-all"),
    (Keys::One(List, Close), "keys-close"),
];
pub const JOURNAL_HINT: &Items = &[
    (Keys::Pair(List, Up, Down), "keys-scroll"),
    (
        Keys::One(List, Filter),
        "keys-only-the-selected-booking-all",
    ),
    (Keys::One(List, Close), "keys-close"),
];
pub const REVIEW_FOOTER: &Items = &[
    (Keys::Pair(List, Up, Down), "keys-choose"),
    (Keys::One(List, Approve), "keys-approve"),
    (Keys::One(List, Open), "keys-go-to"),
    (Keys::One(List, Close), "keys-close"),
];
pub const REVIEW_HINT: &Items = &[
    (Keys::Pair(List, Up, Down), "keys-choose"),
    (Keys::One(List, Approve), "keys-approve"),
    (Keys::One(List, Open), "keys-go-to-it"),
    (Keys::One(List, Close), "keys-close"),
];
pub const CONFLICTS_FOOTER: &Items = &[
    (Keys::Pair(Conflicts, Up, Down), "keys-choose"),
    (Keys::One(Conflicts, KeepMine), "keys-keep-yours"),
    (Keys::One(Conflicts, KeepTheirs), "keys-keep-google-s"),
    (Keys::One(Conflicts, KeepBoth), "keys-keep-both"),
    (Keys::One(Conflicts, Open), "keys-go-to"),
    (Keys::One(Conflicts, Close), "keys-close"),
];
pub const CONFLICTS_HINT: &Items = &[
    (Keys::Pair(Conflicts, Up, Down), "keys-choose"),
    (Keys::One(Conflicts, KeepMine), "keys-keep-yours"),
    (Keys::One(Conflicts, KeepTheirs), "keys-keep-google-s"),
    (Keys::One(Conflicts, KeepBoth), "keys-keep-both"),
    (Keys::One(Conflicts, Close), "keys-close"),
];
pub const STALE_FOOTER: &Items = &[
    (Keys::One(Stale, KeepTheirs), "keys-take-theirs"),
    (Keys::One(Stale, KeepMine), "keys-overwrite"),
    (Keys::One(Stale, Back), "keys-back"),
];
pub const SCOPE_FOOTER: &Items = &[
    (Keys::One(Scope, ThisVisit), "keys-this-visit"),
    (Keys::One(Scope, Following), "keys-this-and-following"),
    (Keys::One(Scope, AllVisits), "keys-all-visits"),
    (Keys::One(Scope, Back), "keys-back"),
];
pub const FINDER_FOOTER: &Items = &[
    (Keys::Pair(Finder, Up, Down), "keys-slot"),
    (Keys::One(Finder, Open), "keys-book-it"),
    (Keys::One(Finder, NextField), "keys-field"),
    (Keys::One(Finder, Close), "keys-close"),
];
pub const FINDER_HINT: &Items = &[
    (Keys::Pair(Finder, Up, Down), "keys-choose-a-slot"),
    (Keys::One(Finder, Open), "keys-book-it"),
    (Keys::Either(Finder, NextField, PrevField), "keys-field"),
    (Keys::One(Finder, Close), "keys-close"),
];
pub const FIND_FOOTER: &Items = &[
    (Keys::Pair(Find, Up, Down), "keys-choose"),
    (Keys::One(Find, Open), "keys-go-to"),
    (Keys::One(Find, Close), "keys-close"),
];
pub const FIND_HINT: &Items = &[
    (Keys::Pair(Find, Up, Down), "keys-choose"),
    (Keys::One(Find, Open), "keys-go-to-next-or-last"),
    (Keys::One(Find, Close), "keys-close"),
];
pub const SICK_CALL_FOOTER: &Items = &[
    (Keys::Pair(SickCall, Up, Down), "keys-job"),
    (Keys::One(SickCall, Toggle), "keys-take-leave"),
    (Keys::One(SickCall, AcceptAll), "keys-all"),
    (Keys::Pair(SickCall, Earlier, Later), "keys-end"),
    (Keys::One(SickCall, Ok), "keys-hand-over"),
    (Keys::One(SickCall, Close), "keys-close"),
];
pub const SICK_CALL_HINT: &Items = &[
    (Keys::One(SickCall, Toggle), "keys-take-leave"),
    (Keys::One(SickCall, AcceptAll), "keys-all"),
    (Keys::Pair(SickCall, Earlier, Later), "keys-period-ends"),
    (Keys::One(SickCall, Ok), "keys-hand-over"),
    (Keys::One(SickCall, Close), "keys-close"),
];
pub const STAFF_FOOTER: &Items = &[
    (Keys::Pair(Staff, Up, Down), "keys-field"),
    (Keys::Pair(Staff, CleanerUp, CleanerDown), "keys-cleaner"),
    (Keys::One(Staff, Open), "keys-edit-add"),
    (Keys::One(Staff, Remove), "keys-remove"),
    (Keys::One(Staff, Undo), "keys-put-back"),
    (Keys::One(Staff, Close), "keys-close"),
];
pub const STAFF_EDIT_FOOTER: &Items = &[
    (Keys::One(Prompt, Ok), "keys-save"),
    (Keys::One(Prompt, Back), "keys-leave-as-it-was"),
];
pub const LOG_FOOTER: &Items = &[
    (Keys::Pair(Log, Up, Down), "keys-scroll"),
    (Keys::Either(Log, PageUp, PageDown), "keys-page"),
    (Keys::Either(Log, Top, Bottom), "keys-newest-oldest"),
    (Keys::One(Log, Close), "keys-close"),
];
pub const LOG_HINT: &Items = &[
    (Keys::Pair(Log, Up, Down), "keys-scroll"),
    (Keys::One(Log, Close), "keys-close"),
];
pub const SCOPE_HINT: &Items = &[(Keys::One(Scope, Back), "keys-back-nothing-changed")];
/// The contact form (a new customer, or a customer's details edited).
pub const CONTACT_HINT: &Items = &[
    (Keys::Either(Form, NextField, PrevField), "keys-field"),
    (Keys::One(Form, Save), "keys-save"),
    (Keys::One(Form, Close), "keys-back-without-saving"),
];
/// The new customer looks like a known one.
pub const DUPLICATE_HINT: &Items = &[
    (Keys::One(Duplicate, UseExisting), "keys-use-them"),
    (Keys::One(Duplicate, CreateAnyway), "keys-create-anyway"),
    (Keys::One(Duplicate, Back), "keys-back"),
];
pub const CUSTOMER_FOOTER: &Items = &[
    (Keys::Pair(Customer, Up, Down), "keys-scroll"),
    (Keys::One(Customer, Edit), "keys-edit"),
    (Keys::One(Customer, Close), "keys-close"),
];
pub const CUSTOMER_HINT: &Items = &[
    (Keys::Pair(Customer, Up, Down), "keys-scroll"),
    (Keys::One(Customer, Edit), "keys-edit-details"),
    (Keys::One(Customer, Close), "keys-close"),
];
pub const WEEK_FOOTER: &Items = &[
    (Keys::Pair(Week, Up, Down), "keys-cleaner"),
    (Keys::Pair(Week, Earlier, Later), "keys-day"),
    (Keys::Pair(Week, PrevWeek, NextWeek), "keys-week"),
    (Keys::One(Week, Open), "keys-open-day"),
    (Keys::One(Week, CleanerWeek), "keys-cleaner-s-week"),
    (Keys::One(Week, Close), "keys-back"),
];
pub const CLEANER_WEEK_FOOTER: &Items = &[
    (Keys::Pair(Week, Up, Down), "keys-scroll"),
    (Keys::Pair(Week, PrevWeek, NextWeek), "keys-week"),
    (Keys::One(Week, Close), "keys-back"),
];
pub const STALE_HINT: &Items = &[
    (Keys::One(Stale, KeepTheirs), "keys-take-theirs"),
    (Keys::One(Stale, KeepMine), "keys-overwrite-with-yours"),
    (Keys::One(Stale, Back), "keys-back-to-edit"),
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::i18n::Language;

    fn en() -> Words {
        Language::En.words()
    }

    #[test]
    fn built_in_keys_read_as_before() {
        let km = Keymap::default();
        assert_eq!(hint(&km, CONFIRM_KEYS, ": ", en()), "y: yes · n/esc: no");
        assert_eq!(
            hint(&km, REVIEW_HINT, ": ", en()),
            "↑↓ choose · a: approve · enter: go to it · esc: close"
        );
        assert_eq!(
            hint(&km, SEARCH_HINT, " ", en()),
            "↑↓ choose customer · enter take · ctrl-n new · tab next · esc cancel"
        );
        assert_eq!(
            hint(&km, FORM_HINT, ": ", en()),
            "tab/shift-tab: field · ctrl-s: save · esc: close without saving"
        );
    }

    #[test]
    fn rebound_keys_show_first() {
        let user = "[confirm]\n\"o\" = \"yes\"\n[list]\n\"J\" = \"down\"\n\"L\" = \"none\"\n";
        let km = Keymap::parse(user, Path::new("k.toml"), Some(Keymap::default())).expect("keymap");
        assert_eq!(hint(&km, CONFIRM_KEYS, ": ", en()), "o: yes · n/esc: no");
        assert_eq!(pairs(&km, JOURNAL_FOOTER, en(), &[])[0].0, "↑J");
    }
}
