//! A phone alert's kind as a noun (where it stands: `news::alert_state`).

use crate::domain::alert::AlertKind;
use crate::i18n::Words;

/// `overtime call`, `SMS reminder` (Danish `opkald om overtid`,
/// `SMS-påmindelse`).
pub fn alert_kind(w: Words, kind: AlertKind) -> String {
    w.with("alert-kind", &[("kind", kind.as_str().into())])
}
