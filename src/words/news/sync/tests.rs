use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::engine::sync::Run;
use crate::i18n::{Language, Words};
use crate::store::SyncCounts;

fn en() -> Words {
    Language::En.words()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 2, 0)
        .single()
        .expect("time")
}

fn run(mins_ago: i64, outcome: RunOutcome) -> Option<Run> {
    Some(Run {
        at: now() - Duration::minutes(mins_ago),
        outcome,
    })
}

fn line(s: SyncStatus) -> String {
    status_line(en(), &s, now())
}

#[test]
fn the_header_words_come_from_the_typed_state_and_the_clock() {
    assert_eq!(line(SyncStatus::default()), "never synced");
    let synced = SyncStatus {
        last: run(2, RunOutcome::Synced),
        pending: 3,
        ..SyncStatus::default()
    };
    assert_eq!(line(synced.clone()), "synced 2 min ago · 3 pending");
    // The same state later: the words follow the clock, not the sender.
    assert_eq!(
        status_line(en(), &synced, now() + Duration::hours(3)),
        "synced 3 h ago · 3 pending"
    );
    assert_eq!(
        line(SyncStatus {
            last: run(0, RunOutcome::Synced),
            ..SyncStatus::default()
        }),
        "synced just now"
    );
    let offline = SyncStatus {
        last: run(1, RunOutcome::Offline),
        pending: 1,
        conflicts: 2,
        ..SyncStatus::default()
    };
    assert!(offline.is_offline());
    assert_eq!(line(offline), "offline · 1 pending · 2 sync conflicts");
    assert_eq!(
        line(SyncStatus {
            last: run(5, RunOutcome::Failed),
            failed: 1,
            conflicts: 1,
            ..SyncStatus::default()
        }),
        "sync failed 5 min ago · 1 refused · 1 sync conflict"
    );
    assert_eq!(
        line(SyncStatus {
            last: run(0, RunOutcome::Running),
            ..SyncStatus::default()
        }),
        "syncing…"
    );
}

#[test]
fn urgency_comes_from_the_typed_state() {
    let s = SyncStatus {
        last: run(2, RunOutcome::Synced),
        pending: 3,
        failed: 1,
        conflicts: 2,
    };
    let urgent: Vec<(String, bool)> = status_parts(en(), &s, now())
        .into_iter()
        .map(|p| (p.text, p.urgent))
        .collect();
    assert_eq!(
        urgent,
        vec![
            ("synced 2 min ago".to_string(), false),
            ("3 pending".to_string(), false),
            ("1 refused".to_string(), true),
            ("2 sync conflicts".to_string(), true),
        ]
    );
    let offline = status_parts(
        en(),
        &SyncStatus {
            last: run(2, RunOutcome::Offline),
            ..SyncStatus::default()
        },
        now(),
    );
    assert!(offline[0].urgent);
    let failed = status_parts(
        en(),
        &SyncStatus {
            last: run(2, RunOutcome::Failed),
            ..SyncStatus::default()
        },
        now(),
    );
    assert!(failed[0].urgent);
    assert_eq!(failed[0].short, "sync failed");
}

#[test]
fn the_summary_names_only_what_happened() {
    let quiet = SyncReport::default();
    assert_eq!(sync_summary(en(), &quiet), "Synced: no changes");
    let pushed = SyncReport {
        counts: SyncCounts {
            pushed: 2,
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(sync_summary(en(), &pushed), "Synced: 2 written");
    let busy = SyncReport {
        full: true,
        counts: SyncCounts {
            pulled: 12,
            updated: 1,
            pushed: 3,
            ..Default::default()
        },
        pending: 2,
        open_conflicts: 1,
        errors: vec![crate::engine::sync::RunError::Other(
            "booking #4: refused".into(),
        )],
        ..Default::default()
    };
    let taken = SyncReport {
        series_taken: 2,
        loose_series: vec![renos_loose(
            "Hansen ugentlig",
            crate::engine::sync::LooseWhy::AllDay,
        )],
        ..Default::default()
    };
    assert_eq!(
        sync_summary(en(), &taken),
        "Synced: no changes; 2 recurring events from Google are series now; \"Hansen ugentlig\" \
         repeats in a way a series cannot hold (an all-day event has no start time): kept as \
         single bookings"
    );
    assert_eq!(
        sync_summary(en(), &busy),
        "Sync incomplete (full): booking #4: refused; 1 sync conflict waits — press C; 12 read, \
         1 updated, 3 written; 2 pending"
    );
    assert!(
        sync_failure(
            en(),
            &SyncFailure::Offline {
                pending: 1,
                calendars: Vec::new()
            }
        )
        .contains("1 change wait")
    );
}

fn renos_loose(
    summary: &str,
    why: crate::engine::sync::LooseWhy,
) -> crate::engine::sync::LooseSeries {
    crate::engine::sync::LooseSeries {
        summary: summary.into(),
        why,
    }
}

#[test]
fn a_runs_errors_in_both_languages_logged_ones_too() {
    use crate::engine::sync::RunError;
    use crate::providers::google::GoogleError;
    let da = Language::Da.words();
    let offline = RunError::Calendar {
        calendar: "primary".into(),
        error: GoogleError::Network("connection refused".into()),
    };
    assert_eq!(
        crate::words::news::run_error(da, &offline),
        "primary: kan ikke nå Google Kalender: connection refused"
    );
    assert_eq!(
        crate::words::news::run_error(en(), &offline),
        offline.to_string()
    );
    let write = RunError::Write {
        series: true,
        id: 3,
        error: GoogleError::RateLimited { retry_after: None },
    };
    let logged = format!("{offline}; {write}; database is locked");
    assert_eq!(
        crate::words::news::logged_run_errors(da, &logged),
        "primary: kan ikke nå Google Kalender: connection refused; serie #3: Google Kalender \
         begrænser antallet af forespørgsler; prøver igen senere; database is locked"
    );
    assert_eq!(crate::words::news::logged_run_errors(en(), &logged), logged);
    // Every Google error reads in English as it always did, and in Danish
    // in Danish.
    for e in [
        GoogleError::FullSyncRequired,
        GoogleError::Deleted,
        GoogleError::Duplicate,
        GoogleError::Stale,
        GoogleError::NotFound("x".into()),
        GoogleError::Auth("invalid_grant".into()),
        GoogleError::RateLimited { retry_after: None },
        GoogleError::Server {
            status: 503,
            message: "Backend Error".into(),
        },
        GoogleError::Network("timed out".into()),
        GoogleError::BadPageToken,
        GoogleError::ReadOnly("reader".into()),
        GoogleError::Refused {
            status: 400,
            reason: "badRequest".into(),
            message: "Invalid".into(),
        },
    ] {
        assert_eq!(crate::words::news::google_error(en(), &e), e.to_string());
        assert_ne!(crate::words::news::google_error(da, &e), e.to_string());
    }
    // The console's status line says the first error in the language.
    let r = SyncReport {
        errors: vec![offline],
        ..Default::default()
    };
    assert!(
        sync_summary(da, &r).contains("kan ikke nå Google Kalender"),
        "{}",
        sync_summary(da, &r)
    );
}

#[test]
fn why_a_recurring_event_stays_single_bookings_in_both_languages() {
    use crate::domain::recurrence::RRule;
    use crate::domain::series::SeriesError;
    use crate::engine::sync::LooseWhy;
    use crate::words::news::loose_why;
    let da = Language::Da.words();
    let all = [
        LooseWhy::AllDay,
        LooseWhy::SecondPastMinute,
        LooseWhy::Length,
        LooseWhy::TwoRrules,
        LooseWhy::UnknownLine("X-FOO:1".into()),
        LooseWhy::NoRrule,
        LooseWhy::Rrule(RRule::parse("FREQ=HOURLY").expect_err("refused")),
        LooseWhy::Series(SeriesError::NoCount),
        LooseWhy::Series(SeriesError::Pause {
            from: "2/3".into(),
            to: "1/3".into(),
        }),
        LooseWhy::LocalTime {
            zone: "Europe/Copenhagen".into(),
        },
    ];
    for why in &all {
        assert_eq!(loose_why(en(), why), why.to_string(), "{why:?}");
        assert_ne!(loose_why(da, why), why.to_string(), "{why:?}");
    }
    let taken = SyncReport {
        loose_series: vec![renos_loose("Hansen ugentlig", LooseWhy::AllDay)],
        ..Default::default()
    };
    assert!(
        sync_summary(da, &taken).contains("(en heldagsaftale har intet starttidspunkt)"),
        "{}",
        sync_summary(da, &taken)
    );
}

#[test]
fn an_outbox_entrys_logged_google_error_in_danish() {
    use crate::providers::google::GoogleError;
    use crate::words::news::logged_google_error;
    let da = Language::Da.words();
    let logged = GoogleError::Network("timed out".into()).to_string();
    assert_eq!(
        logged_google_error(da, &logged),
        "kan ikke nå Google Kalender: timed out"
    );
    assert_eq!(logged_google_error(en(), &logged), logged);
    assert_eq!(
        logged_google_error(da, "not a series id"),
        "not a series id"
    );
}
