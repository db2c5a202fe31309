//! The keys footers and hints show, read from the keymap: each mode lists
//! its actions with words, and the keys are whatever the keymap binds them
//! to now, so a rebound key shows where it works.

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

/// A line of keys: which keys, and what they do.
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

/// `(keys, words)` pairs for the footer; items with no key bound are left out.
pub fn pairs(km: &Keymap, items: &Items) -> Vec<(String, String)> {
    items
        .iter()
        .filter_map(|(keys, label)| keys.text(km).map(|(k, _)| (k, label.to_string())))
        .collect()
}

/// A hint line inside a box: `↑↓ choose · a: approve · esc: close`, `sep`
/// between a key and its words.
pub fn hint(km: &Keymap, items: &Items, sep: &str) -> String {
    items
        .iter()
        .filter_map(|(keys, label)| {
            keys.text(km).map(|(k, pair)| {
                let sep = if pair { " " } else { sep };
                format!("{k}{sep}{label}")
            })
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

use Action::*;
use KeyMode::{
    Confirm, Conflicts, Finder, Form, List, Move, Prompt, Scope, Search, SickCall, Stale, Week,
    Weekday,
};

pub const MOVE_FOOTER: &Items = &[
    (Keys::Pair(Move, Earlier, Later), "±{step} min"),
    (Keys::Pair(Move, CleanerUp, CleanerDown), "cleaner"),
    (Keys::One(Move, Save), "save"),
    (Keys::One(Move, PutBack), "put back"),
];
pub const FORM_FOOTER: &Items = &[
    (Keys::One(Form, NextField), "next"),
    (Keys::One(Form, PrevField), "back"),
    (Keys::One(Form, Save), "save"),
    (Keys::One(Form, Close), "close"),
];
pub const FORM_HINT: &Items = &[
    (Keys::Either(Form, NextField, PrevField), "field"),
    (Keys::One(Form, Save), "save"),
    (Keys::One(Form, Close), "close without saving"),
];
/// Written without colons, as `enter take`.
pub const SEARCH_HINT: &Items = &[
    (Keys::Pair(Search, Up, Down), "choose customer"),
    (Keys::One(Search, Take), "take"),
    (Keys::One(Form, NextField), "next"),
    (Keys::One(Form, Close), "cancel"),
];
pub const WEEKDAY_HINT: &Items = &[
    (Keys::One(Weekday, KeepDate), "keep the date"),
    (Keys::One(Weekday, UseWeekday), "use the weekday"),
    (Keys::One(Weekday, KeepBoth), "keep both (review)"),
    (Keys::One(Weekday, Back), "back"),
];
pub const PROMPT_FOOTER: &Items = &[
    (Keys::One(Prompt, Ok), "ok"),
    (Keys::One(Prompt, Back), "back"),
];
pub const CANCEL_HINT: &Items = &[
    (Keys::One(Prompt, Ok), "cancel the booking"),
    (Keys::One(Prompt, Back), "keep it"),
];
pub const CONFIRM_KEYS: &Items = &[
    (Keys::One(Confirm, Yes), "yes"),
    (Keys::Two(Confirm, No), "no"),
];
pub const JOURNAL_FOOTER: &Items = &[
    (Keys::Pair(List, Up, Down), "scroll"),
    (Keys::One(List, Filter), "this booking/all"),
    (Keys::One(List, Close), "close"),
];
pub const JOURNAL_HINT: &Items = &[
    (Keys::Pair(List, Up, Down), "scroll"),
    (Keys::One(List, Filter), "only the selected booking / all"),
    (Keys::One(List, Close), "close"),
];
pub const REVIEW_FOOTER: &Items = &[
    (Keys::Pair(List, Up, Down), "choose"),
    (Keys::One(List, Approve), "approve"),
    (Keys::One(List, Open), "go to"),
    (Keys::One(List, Close), "close"),
];
pub const REVIEW_HINT: &Items = &[
    (Keys::Pair(List, Up, Down), "choose"),
    (Keys::One(List, Approve), "approve"),
    (Keys::One(List, Open), "go to it"),
    (Keys::One(List, Close), "close"),
];
pub const CONFLICTS_FOOTER: &Items = &[
    (Keys::Pair(Conflicts, Up, Down), "choose"),
    (Keys::One(Conflicts, KeepMine), "keep yours"),
    (Keys::One(Conflicts, KeepTheirs), "keep Google's"),
    (Keys::One(Conflicts, KeepBoth), "keep both"),
    (Keys::One(Conflicts, Open), "go to"),
    (Keys::One(Conflicts, Close), "close"),
];
pub const CONFLICTS_HINT: &Items = &[
    (Keys::Pair(Conflicts, Up, Down), "choose"),
    (Keys::One(Conflicts, KeepMine), "keep yours"),
    (Keys::One(Conflicts, KeepTheirs), "keep Google's"),
    (Keys::One(Conflicts, KeepBoth), "keep both"),
    (Keys::One(Conflicts, Close), "close"),
];
pub const STALE_FOOTER: &Items = &[
    (Keys::One(Stale, KeepTheirs), "take theirs"),
    (Keys::One(Stale, KeepMine), "overwrite"),
    (Keys::One(Stale, Back), "back"),
];
pub const SCOPE_FOOTER: &Items = &[
    (Keys::One(Scope, ThisVisit), "this visit"),
    (Keys::One(Scope, Following), "this and following"),
    (Keys::One(Scope, AllVisits), "all visits"),
    (Keys::One(Scope, Back), "back"),
];
pub const FINDER_FOOTER: &Items = &[
    (Keys::Pair(Finder, Up, Down), "slot"),
    (Keys::One(Finder, Open), "book it"),
    (Keys::One(Finder, NextField), "field"),
    (Keys::One(Finder, Close), "close"),
];
pub const FINDER_HINT: &Items = &[
    (Keys::Pair(Finder, Up, Down), "choose a slot"),
    (Keys::One(Finder, Open), "book it"),
    (Keys::Either(Finder, NextField, PrevField), "field"),
    (Keys::One(Finder, Close), "close"),
];
pub const SICK_CALL_FOOTER: &Items = &[
    (Keys::Pair(SickCall, Up, Down), "job"),
    (Keys::One(SickCall, Toggle), "take/leave"),
    (Keys::One(SickCall, AcceptAll), "all"),
    (Keys::Pair(SickCall, Earlier, Later), "end"),
    (Keys::One(SickCall, Ok), "hand over"),
    (Keys::One(SickCall, Close), "close"),
];
pub const SICK_CALL_HINT: &Items = &[
    (Keys::One(SickCall, Toggle), "take/leave"),
    (Keys::One(SickCall, AcceptAll), "all"),
    (Keys::Pair(SickCall, Earlier, Later), "period ends"),
    (Keys::One(SickCall, Ok), "hand over"),
    (Keys::One(SickCall, Close), "close"),
];
pub const WEEK_FOOTER: &Items = &[
    (Keys::Pair(Week, Up, Down), "cleaner"),
    (Keys::Pair(Week, Earlier, Later), "day"),
    (Keys::Pair(Week, PrevWeek, NextWeek), "week"),
    (Keys::One(Week, Open), "open day"),
    (Keys::One(Week, CleanerWeek), "cleaner's week"),
    (Keys::One(Week, Close), "back"),
];
pub const CLEANER_WEEK_FOOTER: &Items = &[
    (Keys::Pair(Week, Up, Down), "scroll"),
    (Keys::Pair(Week, PrevWeek, NextWeek), "week"),
    (Keys::One(Week, Close), "back"),
];
pub const SCOPE_HINT: &Items = &[(Keys::One(Scope, Back), "back, nothing changed")];
pub const STALE_HINT: &Items = &[
    (Keys::One(Stale, KeepTheirs), "take theirs"),
    (Keys::One(Stale, KeepMine), "overwrite with yours"),
    (Keys::One(Stale, Back), "back to edit"),
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn built_in_keys_read_as_before() {
        let km = Keymap::default();
        assert_eq!(hint(&km, CONFIRM_KEYS, ": "), "y: yes · n/esc: no");
        assert_eq!(
            hint(&km, REVIEW_HINT, ": "),
            "↑↓ choose · a: approve · enter: go to it · esc: close"
        );
        assert_eq!(
            hint(&km, SEARCH_HINT, " "),
            "↑↓ choose customer · enter take · tab next · esc cancel"
        );
        assert_eq!(
            hint(&km, FORM_HINT, ": "),
            "tab/shift-tab: field · ctrl-s: save · esc: close without saving"
        );
    }

    #[test]
    fn rebound_keys_show_first() {
        let user = "[confirm]\n\"o\" = \"yes\"\n[list]\n\"J\" = \"down\"\n\"L\" = \"none\"\n";
        let km = Keymap::parse(user, Path::new("k.toml"), Some(Keymap::default())).expect("keymap");
        assert_eq!(hint(&km, CONFIRM_KEYS, ": "), "o: yes · n/esc: no");
        assert_eq!(pairs(&km, JOURNAL_FOOTER)[0].0, "↑J");
    }
}
