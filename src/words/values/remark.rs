//! The engine's remarks in a stored text (a review note, a cancel reason, a
//! journal reason) in words: each remark in the reader's language, anything
//! a person wrote as written.

use crate::domain::remark::{Calendar, Part, Remark, parts};
use crate::i18n::Words;

/// A stored text with its remarks worded, its parts joined with `; ` as
/// stored: `slettet i Google Kalender`.
pub fn remarks(w: Words, text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    parts(text)
        .into_iter()
        .map(|p| match p {
            Part::Remark { remark, of } => remark_words(w, remark, of),
            Part::ImportedFrom(file) => w.with("remark-imported-from", &[("file", file.into())]),
            Part::Written(t) => t.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One remark; `of` the booking a copy was kept beside.
fn remark_words(w: Words, r: Remark, of: Option<i64>) -> String {
    let key = match r {
        Remark::CopyOf => {
            return w.with("remark-copy-of", &[("id", of.unwrap_or_default().into())]);
        }
        Remark::NewCustomer(c) => {
            return w.with(
                "remark-new-customer",
                &[("calendar", calendar(w, c).into())],
            );
        }
        Remark::AllDay(c) => {
            return w.with("remark-all-day", &[("calendar", calendar(w, c).into())]);
        }
        Remark::DeletedThere(c) => {
            return w.with(
                "remark-deleted-there",
                &[("calendar", calendar(w, c).into())],
            );
        }
        Remark::ChangedThere(c) => {
            return w.with(
                "remark-changed-there",
                &[("calendar", calendar(w, c).into())],
            );
        }
        Remark::MadeThere(c) => {
            return w.with("remark-made-there", &[("calendar", calendar(w, c).into())]);
        }
        Remark::KeptBoth => "remark-kept-both",
        Remark::KeptTheirs => "remark-kept-theirs",
        Remark::FileCustomerMade => "remark-file-customer-made",
        Remark::FileAllDay => "remark-file-all-day",
        Remark::FileNoEnd => "remark-file-no-end",
        Remark::FileEndBeforeStart => "remark-file-end-before-start",
        Remark::FileEndsAtStart => "remark-file-ends-at-start",
        Remark::FileTentative => "remark-file-tentative",
        Remark::FileCancelled => "remark-file-cancelled",
        Remark::CancelledBeforeImport => "remark-cancelled-before-import",
        Remark::ImportedFrom => {
            return w.with("remark-imported-from", &[("file", "".into())]);
        }
    };
    w.get(key)
}

/// The calendar a remark names, as its sentences take it: "Google
/// Kalender", "CalDAV-kalenderen".
pub fn calendar(w: Words, c: Calendar) -> String {
    w.get(match c {
        Calendar::Google => "remark-calendar-google",
        Calendar::CalDav => "remark-calendar-caldav",
        Calendar::Microsoft365 => "remark-calendar-microsoft365",
    })
}
