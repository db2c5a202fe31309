//! The sync's state as the console's header shows it, read from the
//! database: how the last run ended, and what waits. Values only; the
//! console words them ("synced 2 min ago · 3 pending") against its clock.

use chrono::{DateTime, Utc};

use crate::store::{
    CALENDAR_REMOVAL, GOOGLE_BOOKING, GOOGLE_SERIES, RunFailure, Store, SyncLogEntry,
};

/// The sync's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// The last run; `None` when it never ran.
    pub last: Option<Run>,
    /// Changes waiting to reach Google.
    pub pending: i64,
    /// Changes Google refused for good.
    pub failed: i64,
    /// Bookings waiting for the dispatcher's decision.
    pub conflicts: usize,
}

/// A sync run: when it ended (or began, while it runs), and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub at: DateTime<Utc>,
    pub outcome: RunOutcome,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunOutcome {
    /// Still under way.
    Running,
    /// Everything went through.
    Synced,
    /// Google could not be reached.
    Offline,
    /// Something did not go through, or the run was cut short.
    Failed,
}

impl Run {
    /// The run a log entry records.
    pub fn of(entry: &SyncLogEntry) -> Run {
        let outcome = match (entry.ended_at, entry.failure) {
            (None, _) => RunOutcome::Running,
            (Some(_), None) => RunOutcome::Synced,
            (Some(_), Some(RunFailure::Offline)) => RunOutcome::Offline,
            (Some(_), Some(RunFailure::Errors | RunFailure::Interrupted)) => RunOutcome::Failed,
        };
        Run {
            at: entry.ended_at.unwrap_or(entry.started_at),
            outcome,
        }
    }
}

impl SyncStatus {
    /// Was Google out of reach on the last run?
    pub fn is_offline(&self) -> bool {
        self.last.is_some_and(|r| r.outcome == RunOutcome::Offline)
    }
}

/// The sync's state now.
pub fn status(store: &Store) -> crate::store::Result<SyncStatus> {
    let last = store.sync_log(1)?.first().map(Run::of);
    let outbox = store.outbox_counts(GOOGLE_BOOKING)?;
    let series = store.outbox_counts(GOOGLE_SERIES)?;
    Ok(SyncStatus {
        last,
        pending: outbox.pending + series.pending,
        failed: outbox.failed + series.failed,
        conflicts: store.sync_conflicts()?.len(),
    })
}

/// A calendar the sync drives, and what waits for it: the console's header
/// shows each one's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    /// The calendar's key (a Google id, `caldav:URL`, `outlook:USER`).
    pub key: String,
    pub provider: super::calendars::Provider,
    /// Whose calendar it is; `None` for the shared one.
    pub cleaner: Option<String>,
    /// Changes of bookings waiting to be sent to it.
    pub waiting: i64,
    /// It cannot be set up (credentials missing), so nothing reaches it.
    pub not_set_up: bool,
}

/// The shared Google calendar, then each cleaner's own (`[calendars.staff]`
/// winning over `google.staff_calendars`), each with the changes waiting
/// for it. A booking's change waits for its cleaner's calendar, else the
/// shared one's; a series' for the shared one; the removal of an item a
/// moved job left behind for the calendar it is in. No request is made.
pub fn connections(
    store: &Store,
    settings: &crate::config::Settings,
) -> crate::store::Result<Vec<Connection>> {
    use super::calendars::{Provider, key_of, removal_calendar};
    use std::collections::BTreeMap;
    let shared = settings.google.calendar_id.clone();
    let mut own: BTreeMap<String, String> = settings
        .google
        .staff_calendars
        .iter()
        .map(|(name, id)| (name.to_lowercase(), id.clone()))
        .collect();
    let mut names: BTreeMap<String, String> = settings
        .google
        .staff_calendars
        .iter()
        .map(|(name, _)| (name.to_lowercase(), name.clone()))
        .collect();
    for (name, r) in &settings.calendars.staff {
        own.insert(name.to_lowercase(), key_of(r));
        names.insert(name.to_lowercase(), name.clone());
    }
    let (_, broken) = super::calendars::connect(settings, store.clock());
    let mut out = vec![Connection {
        key: shared.clone(),
        provider: Provider::Google,
        cleaner: None,
        waiting: 0,
        not_set_up: settings.google.credentials.is_none(),
    }];
    for (folded, key) in &own {
        if out.iter().any(|c| &c.key == key) {
            continue;
        }
        out.push(Connection {
            key: key.clone(),
            provider: Provider::of_key(key),
            cleaner: names.get(folded).cloned(),
            waiting: 0,
            not_set_up: broken.contains_key(key),
        });
    }
    let pending = |kind: &str| -> crate::store::Result<Vec<i64>> {
        Ok(store
            .outbox_items(kind)?
            .iter()
            .filter(|i| !i.failed)
            .filter_map(|i| i.key.parse().ok())
            .collect())
    };
    out[0].waiting += pending(GOOGLE_SERIES)?.len() as i64;
    for entry in store.outbox_items(CALENDAR_REMOVAL)? {
        let at = removal_calendar(&entry.key).and_then(|k| out.iter().position(|c| c.key == k));
        if let (false, Some(at)) = (entry.failed, at) {
            out[at].waiting += 1;
        }
    }
    let bookings = pending(GOOGLE_BOOKING)?;
    if own.is_empty() {
        out[0].waiting += bookings.len() as i64;
        return Ok(out);
    }
    let staff_key: std::collections::HashMap<i64, &String> = store
        .staff()?
        .into_iter()
        .filter_map(|s| own.get(&s.name.to_lowercase()).map(|k| (s.id, k)))
        .collect();
    for id in bookings {
        let key = match store.booking(id) {
            Ok(b) => b.staff_id.and_then(|s| staff_key.get(&s).copied()),
            Err(_) => None,
        };
        let at = key
            .and_then(|k| out.iter().position(|c| &c.key == k))
            .unwrap_or(0);
        out[at].waiting += 1;
    }
    Ok(out)
}

/// A calendar connection's state, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    /// It cannot be set up (credentials missing).
    NotSetUp,
    /// The last run could not reach it.
    CannotReach,
    /// The last run was refused (credentials, permissions, bad data).
    Refused,
    /// Changes wait to be sent to it.
    Waiting(i64),
    /// No run has gone to it yet.
    NotYet,
    /// Nothing waits; the last run went through.
    UpToDate,
}

impl Connection {
    /// Its state, given how the last run that tried it went (`None`: no
    /// run has yet).
    pub fn state(&self, last: Option<super::calendars::CalendarOutcome>) -> ConnectionState {
        use super::calendars::CalendarOutcome as O;
        match last {
            _ if self.not_set_up => ConnectionState::NotSetUp,
            Some(O::NotSetUp) => ConnectionState::NotSetUp,
            Some(O::Unreachable) => ConnectionState::CannotReach,
            Some(O::Refused) => ConnectionState::Refused,
            _ if self.waiting > 0 => ConnectionState::Waiting(self.waiting),
            None => ConnectionState::NotYet,
            Some(O::Synced) => ConnectionState::UpToDate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::config::{CalendarRef, Settings};
    use crate::engine::sync::calendars::{CalendarOutcome, Provider};

    #[test]
    fn each_change_waits_for_its_cleaners_calendar() {
        let dir = tempfile::tempdir().expect("tmp");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-20T11:02:00+01:00")
            .expect("now")
            .with_timezone(&Utc);
        let mut settings = Settings::default();
        let mut store =
            Store::open(&dir.path().join("d.db"), "demo", Clock::Fixed(now)).expect("open");
        crate::engine::demo::seed(&mut store, &settings, now).expect("seed");
        let bookings = store
            .bookings_between(
                now - chrono::Duration::days(1),
                now + chrono::Duration::days(2),
            )
            .expect("bookings");
        for b in &bookings {
            store
                .enqueue(GOOGLE_BOOKING, &b.id.to_string(), "")
                .expect("enqueue");
        }
        let mikkel = store.find_staff("Mikkel Sørensen").expect("Mikkel").id;
        let his = bookings
            .iter()
            .filter(|b| b.staff_id == Some(mikkel))
            .count() as i64;
        assert!(his > 0);

        // No cleaner's own calendar: all wait for the shared one.
        let all = connections(&store, &settings).expect("connections");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].waiting, bookings.len() as i64);
        assert_eq!(all[0].cleaner, None);

        settings.calendars.staff.insert(
            "Mikkel Sørensen".into(),
            CalendarRef::Outlook("mikkel@firma.dk".into()),
        );
        settings.calendars.outlook_credentials =
            Some(crate::providers::outlook::OutlookCredentials {
                tenant: "t".into(),
                client_id: "c".into(),
                secret: "s".into(),
            });
        let all = connections(&store, &settings).expect("connections");
        assert_eq!(all.len(), 2, "{all:?}");
        let own = &all[1];
        assert_eq!(own.key, "outlook:mikkel@firma.dk");
        assert_eq!(own.provider, Provider::Outlook);
        assert_eq!(own.cleaner.as_deref(), Some("Mikkel Sørensen"));
        assert_eq!(own.waiting, his);
        assert!(!own.not_set_up);
        assert_eq!(all[0].waiting + own.waiting, bookings.len() as i64);
        assert_eq!(own.state(None), ConnectionState::Waiting(his));
        assert_eq!(
            own.state(Some(CalendarOutcome::Unreachable)),
            ConnectionState::CannotReach
        );

        // The removal of an item a moved job left behind waits for the
        // calendar it is in (a booking's in Mikkel's, a series' in the
        // shared one); one given up waits for nobody.
        let shared = settings.google.calendar_id.clone();
        for key in [
            format!("{}\toutlook:mikkel@firma.dk\tAAMk1", bookings[0].id),
            format!("s3\t{shared}\trenosdbs3"),
            format!("{}\t{shared}\trenosdb7", bookings[0].id),
            "9\tnowhere@firma.dk\tx".to_string(),
        ] {
            store
                .enqueue(crate::store::CALENDAR_REMOVAL, &key, "\"v1\"")
                .expect("removal");
        }
        let refused = store
            .outbox_items(crate::store::CALENDAR_REMOVAL)
            .expect("items")
            .into_iter()
            .find(|i| i.key.starts_with("s3"))
            .expect("the series' removal");
        store.outbox_fail(&refused, "refused").expect("fail");
        let with_removals = connections(&store, &settings).expect("connections");
        assert_eq!(with_removals[1].waiting, his + 1);
        assert_eq!(with_removals[0].waiting, all[0].waiting + 1);
        assert_eq!(
            with_removals[1].state(Some(CalendarOutcome::Synced)),
            ConnectionState::Waiting(his + 1)
        );

        // Without the app's credentials it cannot be set up.
        settings.calendars.outlook_credentials = None;
        let all = connections(&store, &settings).expect("connections");
        if std::env::var_os("MICROSOFT_CLIENT_SECRET").is_none() {
            assert!(all[1].not_set_up);
            assert_eq!(
                all[1].state(Some(CalendarOutcome::Synced)),
                ConnectionState::NotSetUp
            );
        }
    }
}
