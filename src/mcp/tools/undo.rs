//! `undo`: takes back the newest booking change made through the tools
//! by this login, within the undo window (the console's undo, with its
//! refusal when someone changed the booking since).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::remote::Need;
use crate::mcp::confirm::{repeated, step, two_step, write_args};
use crate::mcp::session::{BookingView, Outcome, Session, view};

write_args!(UndoArgs);

/// The arguments of `undo`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct UndoArgs {
    /// The token a dry run returned; without it nothing is written.
    #[serde(default)]
    pub confirm: Option<String>,
    /// Any unique text: a repeat of the confirmed call with it writes nothing and returns the first call's result.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// What `undo`'s dry run shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UndoPreview {
    /// "creation of #40", "move of #12", …
    pub would_undo: String,
    pub booking_id: i64,
    /// The booking as it is now (`null` when it is gone).
    pub booking: Option<BookingView>,
    /// After this it can no longer be undone.
    pub undo_until: String,
}

/// What a confirmed `undo` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Undone {
    /// The journal's action of the change taken back.
    pub change: Option<String>,
    pub booking_id: i64,
    /// The booking as it is now; `null` when the undo removed it.
    pub booking: Option<BookingView>,
    /// For a change of a series: how many of its visits changed back.
    pub series_visits: Option<usize>,
}

/// Takes back the newest booking change made through the tools, in two
/// steps (the remote layer's undo).
pub fn undo(desk: &mut Session, a: &UndoArgs) -> Outcome<Value> {
    desk.desk().need(Need::Book)?;
    let args = UndoArgs::default();
    if let Some(first) = repeated(desk, "undo", &args, &step(a))? {
        return Ok(first);
    }
    let hint = desk.desk().undo_hint()?;
    let booking = match desk.store.booking(hint.booking) {
        Ok(b) => Some(desk.view(&b)?),
        Err(crate::store::StoreError::NotFound { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let preview = UndoPreview {
        // The tools answer in fixed English, as `--json` does.
        would_undo: crate::words::news::undo_what(crate::i18n::Language::En.words(), hint.what),
        booking_id: hint.booking,
        booking,
        undo_until: desk.local(hint.expires),
    };
    two_step(
        desk,
        "undo",
        &args,
        &format!("journal entry {}", hint.entry),
        step(a),
        preview,
        |d| {
            let out = d.undo()?;
            Ok(Undone {
                change: out.change.map(|c| c.action().to_string()),
                booking_id: out.booking_id,
                booking: match out.booking {
                    Some(b) => Some(view(&d.named(b)?, d.settings.tz)),
                    None => None,
                },
                series_visits: out.series.map(|s| s.visits),
            })
        },
    )
}
