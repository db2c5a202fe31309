//! The remarks the engine leaves for people in a stored text: a booking's
//! review note or cancel reason, the reason of a journal entry. Each is
//! stored as its fixed English text (the text rows held before remarks were
//! typed, so old rows read the same way) and worded in the reader's language
//! when shown (`words::values::remarks`). A text a dispatcher typed is not a
//! remark and is shown as written.

/// The calendar service a remark of the sync names: the shared Google
/// calendar, or a cleaner's own on CalDAV or Microsoft 365.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    Google,
    CalDav,
    Microsoft365,
}

impl Calendar {
    pub const ALL: [Calendar; 3] = [Calendar::Google, Calendar::CalDav, Calendar::Microsoft365];
}

/// One remark the sync or an import writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remark {
    /// Made by hand in the calendar: its title names no known customer.
    NewCustomer(Calendar),
    /// An all-day event in the calendar: the times must be set.
    AllDay(Calendar),
    /// Deleted in the calendar (a cancel reason and a journal reason).
    DeletedThere(Calendar),
    /// Changed in the calendar.
    ChangedThere(Calendar),
    /// Made in the calendar.
    MadeThere(Calendar),
    /// Both sides of a sync conflict kept: the copy was made.
    KeptBoth,
    /// The calendar's version of another booking, kept beside it after a
    /// sync conflict; the booking's number follows the text.
    CopyOf,
    /// The dispatcher kept the calendar's version after a sync conflict.
    KeptTheirs,
    /// A calendar file's event names no known customer: one was made.
    FileCustomerMade,
    /// A calendar file's event lasts all day: give it a time.
    FileAllDay,
    /// A calendar file's event has no end: one hour assumed.
    FileNoEnd,
    /// A calendar file's event ends before it starts: one hour assumed.
    FileEndBeforeStart,
    /// A calendar file's event ends as it starts: one hour assumed.
    FileEndsAtStart,
    /// Tentative in the calendar file.
    FileTentative,
    /// Cancelled in the calendar file.
    FileCancelled,
    /// Cancelled before a customer file was imported.
    CancelledBeforeImport,
    /// Imported from a file (a journal reason); the file's name follows
    /// the text, to the end.
    ImportedFrom,
}

impl Remark {
    /// Every remark, for reading a stored text back.
    pub const ALL: [Remark; 27] = [
        Remark::NewCustomer(Calendar::Google),
        Remark::AllDay(Calendar::Google),
        Remark::DeletedThere(Calendar::Google),
        Remark::ChangedThere(Calendar::Google),
        Remark::MadeThere(Calendar::Google),
        Remark::NewCustomer(Calendar::CalDav),
        Remark::AllDay(Calendar::CalDav),
        Remark::DeletedThere(Calendar::CalDav),
        Remark::ChangedThere(Calendar::CalDav),
        Remark::MadeThere(Calendar::CalDav),
        Remark::NewCustomer(Calendar::Microsoft365),
        Remark::AllDay(Calendar::Microsoft365),
        Remark::DeletedThere(Calendar::Microsoft365),
        Remark::ChangedThere(Calendar::Microsoft365),
        Remark::MadeThere(Calendar::Microsoft365),
        Remark::KeptBoth,
        Remark::CopyOf,
        Remark::KeptTheirs,
        Remark::FileCustomerMade,
        Remark::FileAllDay,
        Remark::FileNoEnd,
        Remark::FileEndBeforeStart,
        Remark::FileEndsAtStart,
        Remark::FileTentative,
        Remark::FileCancelled,
        Remark::CancelledBeforeImport,
        Remark::ImportedFrom,
    ];

    /// The text it is stored as (never change one: stored rows hold it).
    pub const fn text(self) -> &'static str {
        match self {
            Remark::NewCustomer(Calendar::Google) => {
                "made by hand in Google Calendar: no known customer in the title; check the customer"
            }
            Remark::AllDay(Calendar::Google) => "all-day event in Google Calendar: set the times",
            Remark::DeletedThere(Calendar::Google) => "deleted in Google Calendar",
            Remark::ChangedThere(Calendar::Google) => "changed in Google Calendar",
            Remark::MadeThere(Calendar::Google) => "made in Google Calendar",
            Remark::NewCustomer(Calendar::CalDav) => {
                "made by hand in the CalDAV calendar: no known customer in the title; check the customer"
            }
            Remark::AllDay(Calendar::CalDav) => {
                "all-day event in the CalDAV calendar: set the times"
            }
            Remark::DeletedThere(Calendar::CalDav) => "deleted in the CalDAV calendar",
            Remark::ChangedThere(Calendar::CalDav) => "changed in the CalDAV calendar",
            Remark::MadeThere(Calendar::CalDav) => "made in the CalDAV calendar",
            Remark::NewCustomer(Calendar::Microsoft365) => {
                "made by hand in the Microsoft 365 calendar: no known customer in the title; check the customer"
            }
            Remark::AllDay(Calendar::Microsoft365) => {
                "all-day event in the Microsoft 365 calendar: set the times"
            }
            Remark::DeletedThere(Calendar::Microsoft365) => "deleted in the Microsoft 365 calendar",
            Remark::ChangedThere(Calendar::Microsoft365) => "changed in the Microsoft 365 calendar",
            Remark::MadeThere(Calendar::Microsoft365) => "made in the Microsoft 365 calendar",
            Remark::KeptBoth => "kept both after a sync conflict",
            Remark::CopyOf => "kept both after a sync conflict: the calendar's version of #",
            Remark::KeptTheirs => "kept the calendar's version",
            Remark::FileCustomerMade => {
                "customer not found: made from the calendar event, check who it is"
            }
            Remark::FileAllDay => "all day in the calendar: give it a time",
            Remark::FileNoEnd => "no end time in the calendar: one hour assumed",
            Remark::FileEndBeforeStart => {
                "the end is before the start in the calendar: one hour assumed"
            }
            Remark::FileEndsAtStart => "it ends as it starts in the calendar: one hour assumed",
            Remark::FileTentative => "tentative in the calendar",
            Remark::FileCancelled => "cancelled in the calendar",
            Remark::CancelledBeforeImport => "cancelled before the import",
            Remark::ImportedFrom => "imported from ",
        }
    }

    /// The stored text of [`Remark::CopyOf`] booking `id`.
    pub fn copy_of(id: i64) -> String {
        format!("{}{id}", Remark::CopyOf.text())
    }

    /// The stored text of [`Remark::ImportedFrom`] `file`.
    pub fn imported_from(file: &str) -> String {
        format!("{}{file}", Remark::ImportedFrom.text())
    }
}

/// A part of a stored text: a remark, or text as someone wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    /// A remark; `of` is the booking [`Remark::CopyOf`] names.
    Remark { remark: Remark, of: Option<i64> },
    /// [`Remark::ImportedFrom`] and the file.
    ImportedFrom(&'a str),
    /// Anything else, as stored.
    Written(&'a str),
}

/// A stored text (remarks and written notes joined with `; `) read back in
/// its parts, in order. A remark is recognised only as a whole part, so a
/// dispatcher's own words that merely contain one stay as written.
pub fn parts(text: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut written_from: Option<usize> = None;
    let mut at = 0;
    // Walk the parts; a written part may itself hold "; ", so runs of
    // unknown parts are kept together as they were stored.
    loop {
        // The file's name runs to the end.
        if let Some(file) = rest.strip_prefix(Remark::ImportedFrom.text()) {
            if let Some(from) = written_from.take() {
                out.push(Part::Written(&text[from..at - 2]));
            }
            out.push(Part::ImportedFrom(file));
            return out;
        }
        let found = Remark::ALL.iter().find_map(|r| {
            let tail = rest.strip_prefix(r.text())?;
            let (of, tail) = if *r == Remark::CopyOf {
                let digits = tail
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(tail.len());
                let id = tail[..digits].parse::<i64>().ok()?;
                (Some(id), &tail[digits..])
            } else {
                (None, tail)
            };
            (tail.is_empty() || tail.starts_with("; ")).then_some((*r, of, tail))
        });
        let next = match found {
            Some((remark, of, tail)) => {
                if let Some(from) = written_from.take() {
                    out.push(Part::Written(&text[from..at - 2]));
                }
                out.push(Part::Remark { remark, of });
                tail
            }
            None => {
                written_from.get_or_insert(at);
                match rest.find("; ") {
                    Some(i) => &rest[i..],
                    None => "",
                }
            }
        };
        if next.is_empty() {
            if let Some(from) = written_from {
                out.push(Part::Written(&text[from..]));
            }
            return out;
        }
        // `next` starts with "; ".
        rest = &next[2..];
        at = text.len() - rest.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remarks_and_written_parts_are_told_apart() {
        let text = format!(
            "{}; {}",
            Remark::NewCustomer(Calendar::Google).text(),
            Remark::AllDay(Calendar::CalDav).text()
        );
        assert_eq!(
            parts(&text),
            vec![
                Part::Remark {
                    remark: Remark::NewCustomer(Calendar::Google),
                    of: None
                },
                Part::Remark {
                    remark: Remark::AllDay(Calendar::CalDav),
                    of: None
                },
            ]
        );
        assert_eq!(
            parts("lørdag er ikke en af kundens dage; ring først"),
            vec![Part::Written(
                "lørdag er ikke en af kundens dage; ring først"
            )]
        );
        assert_eq!(
            parts(&format!("a; b; {}; c", Remark::copy_of(47))),
            vec![
                Part::Written("a; b"),
                Part::Remark {
                    remark: Remark::CopyOf,
                    of: Some(47)
                },
                Part::Written("c"),
            ]
        );
        assert_eq!(
            parts("deleted in Google Calendar, they said"),
            vec![Part::Written("deleted in Google Calendar, they said")]
        );
        assert_eq!(parts(""), vec![Part::Written("")]);
    }

    #[test]
    fn every_remark_reads_back_as_itself() {
        for r in Remark::ALL {
            let (stored, want) = match r {
                Remark::CopyOf => (
                    Remark::copy_of(3),
                    Part::Remark {
                        remark: r,
                        of: Some(3),
                    },
                ),
                Remark::ImportedFrom => (
                    Remark::imported_from("/tmp/kunder; gamle.csv"),
                    Part::ImportedFrom("/tmp/kunder; gamle.csv"),
                ),
                _ => (
                    r.text().to_string(),
                    Part::Remark {
                        remark: r,
                        of: None,
                    },
                ),
            };
            assert_eq!(parts(&stored), vec![want], "{r:?}");
        }
    }
}
