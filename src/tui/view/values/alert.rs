//! A phone alert: its kind as a noun, and where the call or SMS stands.

use crate::domain::alert::AlertKind;
use crate::i18n::Words;
use crate::store::{AlertOutcome, AlertRecord, AlertState};

/// `overtime call`, `SMS reminder` (Danish `opkald om overtid`,
/// `SMS-påmindelse`).
pub fn alert_kind(w: Words, kind: AlertKind) -> String {
    w.with("alert-kind", &[("kind", kind.as_str().into())])
}

/// Where a call or SMS stands: `call to +4512345678: queued (CA…)`,
/// `SMS to … NOT DELIVERED: undelivered (SM…)` (Danish `opkald til …`).
pub fn alert_state(w: Words, a: &AlertRecord) -> String {
    let channel = a.channel.as_str();
    let what = w.with("alert-channel", &[("channel", channel.into())]);
    let to = a.to.as_str();
    let sid = a.sid.as_deref().unwrap_or("");
    if a.outcome() == AlertOutcome::NotReached {
        let missed = w.with("alert-missed-word", &[("channel", channel.into())]);
        let status = if a.error.is_empty() {
            a.status.clone()
        } else {
            format!("{}, {}", a.status, a.error)
        };
        return w.with(
            "alert-missed",
            &[
                ("what", what.into()),
                ("to", to.into()),
                ("missed", missed.into()),
                ("status", status.into()),
                ("sid", sid.into()),
            ],
        );
    }
    match a.state {
        AlertState::Pending if a.error.is_empty() => {
            w.with("alert-waiting", &[("what", what.into()), ("to", to.into())])
        }
        AlertState::Pending => w.with(
            "alert-retrying",
            &[
                ("what", what.into()),
                ("to", to.into()),
                ("error", a.error.as_str().into()),
            ],
        ),
        AlertState::Sent if a.status.is_empty() => w.with(
            "alert-sent-plain",
            &[
                ("what", what.into()),
                ("to", to.into()),
                ("sid", sid.into()),
            ],
        ),
        AlertState::Sent => w.with(
            "alert-sent",
            &[
                ("what", what.into()),
                ("to", to.into()),
                ("status", a.status.as_str().into()),
                ("sid", sid.into()),
            ],
        ),
        AlertState::Failed => w.with(
            "alert-refused",
            &[
                ("what", what.into()),
                ("to", to.into()),
                ("error", a.error.as_str().into()),
            ],
        ),
    }
}
