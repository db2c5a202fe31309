//! What a change did to a booking, as the journal names it
//! (`booking.move`, …): one list, so the save, the undo and the words for
//! them agree.

use super::Booking;

/// A kind of booking change; its string form is the journal's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString)]
pub enum BookingChange {
    #[strum(serialize = "booking.add")]
    Add,
    #[strum(serialize = "booking.edit")]
    Edit,
    #[strum(serialize = "booking.move")]
    Move,
    #[strum(serialize = "booking.reassign")]
    Reassign,
    #[strum(serialize = "booking.cancel")]
    Cancel,
    #[strum(serialize = "booking.start")]
    Start,
    #[strum(serialize = "booking.finish")]
    Finish,
    #[strum(serialize = "booking.approve")]
    Approve,
    #[strum(serialize = "booking.sync")]
    Sync,
    #[strum(serialize = "booking.import")]
    Import,
    #[strum(serialize = "booking.import-update")]
    ImportUpdate,
    #[strum(serialize = "booking.undo")]
    Undo,
    #[strum(serialize = "booking.redo")]
    Redo,
    /// A visit made by its series (materialised).
    #[strum(serialize = "booking.visit")]
    Visit,
    /// A visit its series no longer has (rule changed, paused, ended).
    #[strum(serialize = "booking.remove")]
    Remove,
    /// A change of a series and its visits, taken as one (undo's word).
    #[strum(serialize = "booking.series")]
    Series,
}

impl BookingChange {
    /// The journal's action.
    pub fn action(self) -> &'static str {
        self.into()
    }

    /// What an edit from `before` to `after` is: a move when only the times
    /// changed (the cleaner may change with them), a reassignment when only
    /// the cleaner did, an edit otherwise.
    pub fn of_edit(before: &Booking, after: &Booking) -> BookingChange {
        let mut same = after.clone();
        same.start = before.start;
        same.end = before.end;
        same.staff_id = before.staff_id;
        same.version = before.version;
        let only_place = same == *before;
        let moved = before.start != after.start || before.end != after.end;
        let reassigned = before.staff_id != after.staff_id;
        match (only_place, moved, reassigned) {
            (true, true, _) => BookingChange::Move,
            (true, false, true) => BookingChange::Reassign,
            _ => BookingChange::Edit,
        }
    }

    /// A noun for it: "move" (as in "undid move of #12").
    pub fn noun(self) -> &'static str {
        match self {
            BookingChange::Add => "creation",
            BookingChange::Edit => "edit",
            BookingChange::Move => "move",
            BookingChange::Reassign => "reassignment",
            BookingChange::Cancel => "cancellation",
            BookingChange::Start => "start",
            BookingChange::Finish => "finish",
            BookingChange::Approve => "approval",
            BookingChange::Sync => "calendar change",
            BookingChange::Import => "import",
            BookingChange::ImportUpdate => "import update",
            BookingChange::Undo => "undo",
            BookingChange::Redo => "redo",
            // A visit its series made: a creation, as the journal reads it.
            BookingChange::Visit => "creation",
            BookingChange::Remove => "removal",
            BookingChange::Series => "series change",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn the_journal_actions_read_back() {
        for c in [
            BookingChange::Add,
            BookingChange::Move,
            BookingChange::ImportUpdate,
            BookingChange::Redo,
        ] {
            assert_eq!(BookingChange::from_str(c.action()), Ok(c));
        }
        assert_eq!(BookingChange::Move.action(), "booking.move");
        assert!(BookingChange::from_str("booking.unknown").is_err());
    }
}
