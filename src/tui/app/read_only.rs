//! The console's read-only mode: a viewer, or a database this user cannot
//! write. The schedule, the lists and the journal read as ever; a key that
//! would change something answers with the reason instead.

use super::{App, MessageKind};
use crate::domain::Access;
use crate::store::Unwritable;
use crate::tui::action::Action;
use crate::tui::view::read_only::reason;

/// Why the console only reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// The login's role is viewer.
    Viewer(Access),
    /// The database cannot be written by this user.
    Database(Unwritable),
}

/// Does `action` change something (or open what would)?
pub fn changes(action: Action) -> bool {
    matches!(
        action,
        Action::StartJob
            | Action::FinishJob
            | Action::NewBooking
            | Action::EditBooking
            | Action::MoveBooking
            | Action::CancelBooking
            | Action::Undo
            | Action::Redo
            | Action::Sync
            | Action::Invoice
            | Action::VoiceAlert
            | Action::PollPayments
            | Action::Remind
            | Action::SickCall
            | Action::Approve
            | Action::KeepMine
            | Action::KeepTheirs
            | Action::KeepBoth
            | Action::Edit
    )
}

impl App {
    /// In read-only mode an action that changes something is answered
    /// with the reason; `true` when it was.
    pub(super) fn refused_read_only(&mut self, action: Option<Action>) -> bool {
        let Some(why) = &self.read_only else {
            return false;
        };
        if !action.is_some_and(changes) {
            return false;
        }
        let text = reason(self.words(), why, &self.db_label);
        self.say(MessageKind::Error, text);
        true
    }
}
