//! The words for where a call or an SMS stands: "call to +4512345678:
//! queued (CA…)", "SMS to … NOT DELIVERED: undelivered (SM…)".

use crate::i18n::Words;
use crate::store::{AlertRecord, AlertStanding};
use crate::words::values::logged_twilio_error;

/// Where alert `a` stands, in a line.
pub fn alert_state(w: Words, a: &AlertRecord) -> String {
    let channel = a.channel.as_str();
    let to = a.to.as_str();
    let sid = a.sid.as_deref().unwrap_or("");
    // Twilio's own word for where it stands, in the reader's language.
    let status = w.with(
        "alert-twilio-status",
        &[("status", a.status.as_str().into())],
    );
    let status = status.as_str();
    match a.standing() {
        AlertStanding::Missed if a.error.is_empty() => w.with(
            "alert-state-missed",
            &[
                ("channel", channel.into()),
                ("to", to.into()),
                ("status", status.into()),
                ("sid", sid.into()),
            ],
        ),
        AlertStanding::Missed => w.with(
            "alert-state-missed-error",
            &[
                ("channel", channel.into()),
                ("to", to.into()),
                ("status", status.into()),
                ("error", logged_twilio_error(w, &a.error).into()),
                ("sid", sid.into()),
            ],
        ),
        AlertStanding::Waiting => w.with(
            "alert-state-waiting",
            &[("channel", channel.into()), ("to", to.into())],
        ),
        AlertStanding::Retrying => w.with(
            "alert-state-retrying",
            &[
                ("channel", channel.into()),
                ("to", to.into()),
                ("error", logged_twilio_error(w, &a.error).into()),
            ],
        ),
        AlertStanding::Sent => w.with(
            "alert-state-sent-plain",
            &[
                ("channel", channel.into()),
                ("to", to.into()),
                ("sid", sid.into()),
            ],
        ),
        AlertStanding::Status => w.with(
            "alert-state-sent",
            &[
                ("channel", channel.into()),
                ("to", to.into()),
                ("status", status.into()),
                ("sid", sid.into()),
            ],
        ),
        AlertStanding::Refused => w.with(
            "alert-state-refused",
            &[
                ("channel", channel.into()),
                ("to", to.into()),
                ("error", logged_twilio_error(w, &a.error).into()),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::alert::{AlertKind, Priority};
    use crate::i18n::Language;
    use crate::store::{AlertState, Channel};

    fn record(channel: Channel, state: AlertState, status: &str, error: &str) -> AlertRecord {
        AlertRecord {
            id: 1,
            booking_id: 7,
            kind: AlertKind::Manual,
            threshold: String::new(),
            channel,
            to: "+4512345678".into(),
            message: String::new(),
            priority: Priority::High,
            state,
            sid: Some("CA1".into()),
            status: status.into(),
            error: error.into(),
            attempts: 1,
            created_at: chrono::DateTime::UNIX_EPOCH,
            created_by: "bo".into(),
            sent_at: None,
            tried_at: None,
        }
    }

    #[test]
    fn each_standing_in_both_languages() {
        let (en, da) = (Language::En.words(), Language::Da.words());
        let sent = record(Channel::Voice, AlertState::Sent, "queued", "");
        assert_eq!(alert_state(en, &sent), "call to +4512345678: queued (CA1)");
        assert_eq!(alert_state(da, &sent), "opkald til +4512345678: i kø (CA1)");
        let missed = record(Channel::Sms, AlertState::Sent, "undelivered", "30005");
        assert_eq!(
            alert_state(en, &missed),
            "SMS to +4512345678 NOT DELIVERED: undelivered, 30005 (CA1)"
        );
        assert_eq!(
            alert_state(da, &missed),
            "sms til +4512345678 IKKE LEVERET: ikke leveret, 30005 (CA1)"
        );
        // A word Twilio adds later is shown as it says it.
        let new = record(Channel::Voice, AlertState::Sent, "paused", "");
        assert_eq!(
            alert_state(da, &new),
            "opkald til +4512345678: paused (CA1)"
        );
        let unanswered = record(Channel::Voice, AlertState::Sent, "no-answer", "");
        assert_eq!(
            alert_state(en, &unanswered),
            "call to +4512345678 not answered: no-answer (CA1)"
        );
        let waiting = record(Channel::Voice, AlertState::Pending, "", "");
        assert_eq!(
            alert_state(en, &waiting),
            "call to +4512345678: waiting to be placed"
        );
        let retrying = record(Channel::Voice, AlertState::Pending, "", "timeout");
        assert_eq!(
            alert_state(da, &retrying),
            "opkald til +4512345678: prøver igen (timeout)"
        );
        let refused = record(Channel::Sms, AlertState::Failed, "", "21211");
        assert_eq!(
            alert_state(en, &refused),
            "SMS to +4512345678 refused: 21211"
        );
        let plain = record(Channel::Sms, AlertState::Sent, "", "");
        assert_eq!(alert_state(en, &plain), "SMS to +4512345678: sent (CA1)");
    }
}
