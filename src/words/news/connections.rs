//! Each calendar connection's state in words: a part of the header's badge
//! ("CalDAV (Mikkel S.) ✓", "Microsoft 365 (Louise N.): 3 to send"), the
//! same folded when room is short ("calendars ✓", or only the ones in
//! trouble), and a whole sentence for the message log.

use super::Part;
use crate::engine::sync::calendars::Provider;
use crate::engine::sync::{Connection, ConnectionState};
use crate::i18n::Words;
use crate::words::text::short_name;

/// A cleaner's name in the header: `Mikkel S.` when long.
const SHORT_NAME: usize = 10;

fn provider(w: Words, p: Provider) -> String {
    match p {
        Provider::Google => w.get("cli-provider-google"),
        Provider::CalDav => w.get("cli-provider-caldav"),
        Provider::Outlook => w.get("cli-provider-outlook"),
    }
}

/// The connection's name in the header: "Google" for the shared calendar,
/// "CalDAV (Mikkel S.)" for a cleaner's.
fn name(w: Words, c: &Connection) -> String {
    match &c.cleaner {
        None => w.get("connection-shared"),
        Some(cleaner) => w.with(
            "connection-own",
            &[
                ("provider", provider(w, c.provider).into()),
                ("cleaner", short_name(cleaner, SHORT_NAME).into()),
            ],
        ),
    }
}

fn state_key(state: ConnectionState) -> &'static str {
    match state {
        ConnectionState::NotSetUp => "not_set_up",
        ConnectionState::CannotReach => "cannot_reach",
        ConnectionState::Refused => "refused",
        ConnectionState::Waiting(_) => "waiting",
        ConnectionState::NotYet => "not_yet",
        ConnectionState::UpToDate => "up_to_date",
    }
}

/// Does the state need the dispatcher (the calendar gets nothing)?
fn urgent(state: ConnectionState) -> bool {
    matches!(
        state,
        ConnectionState::NotSetUp | ConnectionState::CannotReach | ConnectionState::Refused
    )
}

/// One connection as a part of the header's badge.
pub fn connection_part(w: Words, c: &Connection, state: ConnectionState) -> Part {
    let n = match state {
        ConnectionState::Waiting(n) => n,
        _ => 0,
    };
    let said = |name: String| {
        w.with(
            "connection-state",
            &[
                ("name", name.into()),
                ("state", state_key(state).into()),
                ("n", n.into()),
            ],
        )
    };
    // Shorter: the cleaner without the provider.
    let short = match &c.cleaner {
        Some(cleaner) => short_name(cleaner, SHORT_NAME),
        None => w.get("connection-shared"),
    };
    Part {
        text: said(name(w, c)),
        short: said(short),
        urgent: urgent(state),
    }
}

/// The connections in as few words as tell what matters: "calendars ✓"
/// when every one is up to date; else only those that are not (the shared
/// Google calendar out of reach is left to the sync's own "offline").
pub fn connections_folded(w: Words, states: &[(Connection, ConnectionState)]) -> Vec<Part> {
    let fine =
        |s: ConnectionState| matches!(s, ConnectionState::UpToDate | ConnectionState::NotYet);
    if states.iter().all(|(_, s)| fine(*s)) {
        let any_synced = states.iter().any(|(_, s)| *s == ConnectionState::UpToDate);
        return if any_synced {
            vec![Part::new(w.get("connections-fine"), false)]
        } else {
            Vec::new()
        };
    }
    states
        .iter()
        .filter(|(_, s)| !fine(*s))
        .filter(|(c, s)| !(c.cleaner.is_none() && *s == ConnectionState::CannotReach))
        .map(|(c, s)| connection_part(w, c, *s))
        .collect()
}

/// A connection in trouble, said whole for the message log: "Mikkel
/// Sørensen's calendar (CalDAV) cannot be reached: its changes wait for
/// the next sync."
pub fn connection_sentence(w: Words, c: &Connection, state: ConnectionState) -> String {
    let whose = match &c.cleaner {
        None => w.get("connection-shared-whole"),
        Some(cleaner) => w.with(
            "connection-own-whole",
            &[
                ("provider", provider(w, c.provider).into()),
                ("cleaner", cleaner.as_str().into()),
            ],
        ),
    };
    w.with(
        "connection-sentence",
        &[("name", whose.into()), ("state", state_key(state).into())],
    )
}

/// Where a cleaner's jobs go, for the staff screen: "Calendar: CalDAV ✓"
/// for a cleaner with a calendar of their own, "Calendar: the shared
/// Google calendar: 2 to send" otherwise; `None` when no calendar syncs.
pub fn cleaners_calendar(
    w: Words,
    states: &[(Connection, ConnectionState)],
    cleaner: &str,
) -> Option<String> {
    let own = states
        .iter()
        .find(|(c, _)| c.cleaner.as_deref() == Some(cleaner));
    let (name, state) = match own {
        Some((c, state)) => (provider(w, c.provider), *state),
        None => {
            let (_, state) = states.iter().find(|(c, _)| c.cleaner.is_none())?;
            (w.get("connection-shared-lower"), *state)
        }
    };
    let n = match state {
        ConnectionState::Waiting(n) => n,
        _ => 0,
    };
    let calendar = w.with(
        "connection-state",
        &[
            ("name", name.into()),
            ("state", state_key(state).into()),
            ("n", n.into()),
        ],
    );
    Some(w.with("staff-calendar", &[("calendar", calendar.into())]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn conn(cleaner: Option<&str>, provider: Provider) -> Connection {
        Connection {
            key: "k".into(),
            provider,
            cleaner: cleaner.map(str::to_string),
            waiting: 0,
            not_set_up: false,
        }
    }

    #[test]
    fn each_state_in_both_languages() {
        let en = Language::En.words();
        let da = Language::Da.words();
        let mikkel = conn(Some("Mikkel Sørensen"), Provider::CalDav);
        let louise = conn(Some("Louise Nielsen"), Provider::Outlook);
        let google = conn(None, Provider::Google);
        let t = |w, c: &Connection, s| connection_part(w, c, s).text;
        assert_eq!(
            t(en, &mikkel, ConnectionState::UpToDate),
            "CalDAV (Mikkel S.) ✓"
        );
        assert_eq!(
            t(en, &louise, ConnectionState::Waiting(3)),
            "Microsoft 365 (Louise N.): 3 to send"
        );
        assert_eq!(
            t(en, &mikkel, ConnectionState::CannotReach),
            "CalDAV (Mikkel S.): cannot reach"
        );
        assert_eq!(
            t(en, &google, ConnectionState::NotSetUp),
            "Google: not set up"
        );
        assert_eq!(
            t(da, &louise, ConnectionState::Waiting(1)),
            "Microsoft 365 (Louise N.): 1 venter"
        );
        assert_eq!(
            t(da, &mikkel, ConnectionState::CannotReach),
            "CalDAV (Mikkel S.): kan ikke nås"
        );
        assert!(connection_part(en, &mikkel, ConnectionState::Refused).urgent);
        assert_eq!(
            connection_part(en, &mikkel, ConnectionState::CannotReach).short,
            "Mikkel S.: cannot reach"
        );
        assert!(!connection_part(en, &mikkel, ConnectionState::Waiting(2)).urgent);
        assert_eq!(
            connection_sentence(en, &mikkel, ConnectionState::CannotReach),
            "Mikkel Sørensen's calendar (CalDAV) cannot be reached: its changes wait for the next sync."
        );
        assert_eq!(
            connection_sentence(da, &louise, ConnectionState::NotSetUp),
            "Louise Nielsens kalender (Microsoft 365) er ikke sat op: dens ændringer venter."
        );
    }

    #[test]
    fn folded_says_only_what_is_not_in_order() {
        let en = Language::En.words();
        let mikkel = conn(Some("Mikkel Sørensen"), Provider::CalDav);
        let google = conn(None, Provider::Google);
        let texts = |states: &[(Connection, ConnectionState)]| -> Vec<String> {
            connections_folded(en, states)
                .into_iter()
                .map(|p| p.text)
                .collect()
        };
        assert_eq!(
            texts(&[
                (google.clone(), ConnectionState::UpToDate),
                (mikkel.clone(), ConnectionState::UpToDate)
            ]),
            ["calendars ✓"]
        );
        assert!(texts(&[(google.clone(), ConnectionState::NotYet)]).is_empty());
        assert_eq!(
            texts(&[
                (google.clone(), ConnectionState::CannotReach),
                (mikkel, ConnectionState::Refused)
            ]),
            ["CalDAV (Mikkel S.): refused"]
        );
    }
}
