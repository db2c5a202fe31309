//! A calendar import's findings, an import's file and where it stopped,
//! and the store's refusals, in both languages: English says what `--json`
//! and the log say; Danish says it in Danish, with the line and the field.

use super::*;
use crate::domain::booking::TransitionError;
use crate::domain::recurrence::RRuleError;
use crate::domain::series::SeriesError;
use crate::engine::import::ics::{IcsClash, IcsFault, IcsProblem, IcsWarning, NotASeries};
use crate::engine::import::{FileFault, ImportError, Stopped};
use crate::store::StoreError;

/// Danish that is not the English and not a missing key.
fn danish(text: &str, english: &str) -> bool {
    text != english && !text.contains("ics-") && !text.contains("import-")
}

#[test]
fn every_problem_of_an_event_in_both_languages_with_its_line() {
    let faults = [
        IcsFault::Unreadable("DTSTART \"2026x\" is not an iCalendar date-time".into()),
        IcsFault::Dates("event \"a\" (line 3): no DTSTART".into()),
        IcsFault::TooLong {
            summary: "Hansen".into(),
            minutes: 71 * 60,
        },
        IcsFault::NotMinutes {
            field: "X-RENOS-ESTIMATE",
            value: "abc".into(),
        },
        IcsFault::NotAStatus {
            field: "X-RENOS-STATUS",
            value: "done".into(),
        },
        IcsFault::NotATime {
            field: "X-RENOS-STARTED",
            value: "9:00".into(),
        },
        IcsFault::Missing {
            entity: "series",
            id: 4,
        },
        IcsFault::Refused("a booking needs a customer".into()),
        IcsFault::Shape(crate::domain::ShapeError::EndsBeforeStart),
        IcsFault::Series(SeriesError::NoCount),
        IcsFault::Entry(crate::store::EntryRefusal::CustomerNameMissing),
    ];
    for fault in faults {
        let p = IcsProblem { line: 14, fault };
        assert_eq!(ics_problem(en(), &p), p.to_string());
        let da = ics_problem(da(), &p);
        assert!(
            da.starts_with("linje 14: ") && danish(&da, &p.to_string()),
            "{da}"
        );
    }
    let long = IcsProblem {
        line: 14,
        fault: IcsFault::TooLong {
            summary: "Lang".into(),
            minutes: 71 * 60,
        },
    };
    assert_eq!(
        ics_problem(da(), &long),
        "linje 14: \"Lang\" varer 71 timer, men en booking varer højst 24 timer: del den op i \
         kalenderen, eller spring den over med --skip-invalid"
    );
    let estimate = IcsProblem {
        line: 2,
        fault: IcsFault::NotMinutes {
            field: "X-RENOS-ESTIMATE",
            value: "abc".into(),
        },
    };
    assert_eq!(
        ics_problem(da(), &estimate),
        "linje 2: X-RENOS-ESTIMATE \"abc\" er ikke et antal minutter: skriv et helt tal, f.eks. 90"
    );
}

#[test]
fn a_double_booking_and_a_recurring_event_kept_apart_in_both_languages() {
    let clash = IcsClash {
        line: 9,
        booking: 12,
        start: day("2026-12-04").and_time(hm("09:00")),
        with: vec![7, 8],
    };
    assert_eq!(ics_clash(en(), &clash), clash.to_string());
    assert_eq!(
        ics_clash(da(), &clash),
        "linje 9: booking #12 (4/12 kl. 09:00) er dobbeltbooket med #7, #8"
    );
    let loose = IcsWarning::StaysLoose {
        line: 3,
        summary: "Vinduer".into(),
    };
    assert_eq!(ics_warning(en(), &loose), loose.to_string());
    assert!(danish(&ics_warning(da(), &loose), &loose.to_string()));
    let whys = [
        NotASeries::NoRule,
        NotASeries::NoStart,
        NotASeries::UnknownZone,
        NotASeries::AllDay,
        NotASeries::Seconds,
        NotASeries::EndNotATime,
        NotASeries::DurationTooLong,
        NotASeries::NoEnd,
        NotASeries::Length,
        NotASeries::Holidays {
            field: "X-RENOS-HOLIDAYS",
            value: "maybe".into(),
        },
        NotASeries::PauseDate {
            field: "X-RENOS-PAUSES",
            value: "1/12".into(),
        },
        NotASeries::PauseRange {
            field: "X-RENOS-PAUSES",
            value: "2026-12-01".into(),
        },
        NotASeries::Rule(RRuleError::NotAFreq {
            value: "SOMETIMES".into(),
        }),
        NotASeries::Series(SeriesError::NoCount),
        NotASeries::Dates("more than 5000 occurrences".into()),
        NotASeries::Drifts {
            zone: "Europe/Copenhagen".into(),
        },
    ];
    for why in whys {
        let x = IcsWarning::NotASeries {
            line: 5,
            summary: "Vinduer".into(),
            rule: "FREQ=WEEKLY;COUNT=30".into(),
            why,
        };
        assert_eq!(ics_warning(en(), &x), x.to_string());
        let da = ics_warning(da(), &x);
        assert!(
            da.starts_with("linje 5: \"Vinduer\" gentages som RRULE FREQ=WEEKLY;COUNT=30")
                && danish(&da, &x.to_string()),
            "{da}"
        );
    }
}

#[test]
fn a_file_that_cannot_be_imported_and_an_import_stopped_midway_in_both_languages() {
    let faults = [
        FileFault::cannot_read(&std::io::Error::from(std::io::ErrorKind::NotFound)),
        FileFault::cannot_read(&std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        FileFault::cannot_read(&std::io::Error::other("disk on fire")),
        FileFault::NoSuchCleaner {
            name: "Bob".into(),
            known: vec!["Anna".into(), "Mette".into()],
        },
        FileFault::NoSuchCleaner {
            name: "Bob".into(),
            known: Vec::new(),
        },
        FileFault::Stopped {
            line: Some(1),
            detail: "expected BEGIN:VCALENDAR".into(),
        },
        FileFault::Stopped {
            line: None,
            detail: "not JSON".into(),
        },
    ];
    for fault in faults {
        let e = ImportError::File {
            file: "k.ics".into(),
            fault,
        };
        assert_eq!(import_error(en(), &e), e.to_string());
        let da = import_error(da(), &e);
        assert!(
            da.starts_with("k.ics: ") && danish(&da, &e.to_string()),
            "{da}"
        );
    }
    let missing = ImportError::File {
        file: "k.ics".into(),
        fault: FileFault::CannotRead {
            kind: std::io::ErrorKind::NotFound,
            detail: "No such file or directory (os error 2)".into(),
        },
    };
    assert_eq!(
        import_error(da(), &missing),
        "k.ics: filen findes ikke: tjek navnet og mappen (systemet siger: No such file or directory \
         (os error 2))"
    );
    let disk_io = || {
        StoreError::Sql(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR),
            Some("disk I/O error".into()),
        ))
    };
    let stops = [
        Stopped::Events {
            first: 10,
            last: 40,
            why: disk_io().into(),
        },
        Stopped::Overrides {
            why: disk_io().into(),
        },
        Stopped::Records {
            first: 2,
            last: 1001,
            why: disk_io().into(),
        },
    ];
    for s in stops {
        assert_eq!(import_stopped(en(), &s), s.to_string());
        let da = import_stopped(da(), &s);
        assert!(
            danish(&da, &s.to_string()) && da.to_lowercase().contains("kør importen igen"),
            "{da}"
        );
        // The store's own failure in Danish too, SQLite's words last.
        assert!(
            da.contains("databasen svarede med en fejl") && da.contains("disk I/O error"),
            "{da}"
        );
    }
}

#[test]
fn the_stores_refusals_in_both_languages() {
    let errors = [
        StoreError::Missing("/tmp/r.db".into()),
        StoreError::TooNew {
            have: 40,
            known: 39,
        },
        StoreError::NotFound {
            entity: "booking",
            id: 999,
        },
        StoreError::Stale {
            entity: "booking",
            id: 7,
            by: "anna".into(),
            at: "14:27".into(),
        },
        StoreError::Rule(TransitionError::AlreadyRunning),
        StoreError::Rule(TransitionError::AlreadyFinished),
        StoreError::Rule(TransitionError::Cancelled),
        StoreError::Rule(TransitionError::NotStarted),
        StoreError::Rule(TransitionError::Unassigned),
        StoreError::Corrupt("bad row".into()),
        StoreError::NoSyncConflict {
            booking: 5,
            of_series: false,
        },
        StoreError::NoSuchCleaner { name: "Bob".into() },
        StoreError::NoSyncConflict {
            booking: 5,
            of_series: true,
        },
        StoreError::Clash(Box::new(clash())),
    ];
    for e in errors {
        assert_eq!(store_error(en(), &e), e.to_string());
        let da = store_error(da(), &e);
        assert!(da != e.to_string() && !da.contains("store-"), "{da}");
    }
    assert_eq!(
        store_error(
            da(),
            &StoreError::NotFound {
                entity: "booking",
                id: 999
            }
        ),
        "booking #999 findes ikke (den kan være slettet): tjek nummeret"
    );
    assert_eq!(
        store_error(da(), &StoreError::Rule(TransitionError::AlreadyRunning)),
        "opgaven er allerede i gang"
    );
    assert_eq!(
        store_error(
            da(),
            &StoreError::NoSyncConflict {
                booking: 5,
                of_series: true
            }
        ),
        "booking #5 har ingen synkroniseringskonflikt for sin serie (den kan allerede være afgjort)"
    );
}

fn clash() -> crate::store::ClashRefusal {
    crate::store::ClashRefusal {
        staff: "Anna Jensen".into(),
        start: "09:00".into(),
        end: "11:00".into(),
        customer: "Hansen".into(),
        other: 12,
        by: "mette".into(),
        at: "4/12 08:05".into(),
    }
}

/// A refused double booking reads as a sentence of the language, naming
/// the other job, its number and who saved it.
#[test]
fn a_refused_double_booking_in_both_languages() {
    let e = StoreError::Clash(Box::new(clash()));
    assert_eq!(
        store_error(en(), &e),
        "Anna Jensen is already booked 09:00–11:00 at Hansen (#12, saved by mette at 4/12 \
         08:05); pick another time or cleaner, or save with an override reason"
    );
    assert_eq!(
        store_error(da(), &e),
        "Anna Jensen har allerede en opgave 09:00–11:00 hos Hansen (#12, gemt af mette kl. 4/12 \
         08:05); vælg et andet tidspunkt eller en anden rengører, eller gem med en begrundelse for \
         dobbeltbookingen"
    );
}

/// Every change the store refuses for what a booking or series is, in
/// both languages: English as the log says it, Danish its own sentence.
#[test]
fn every_refused_change_in_both_languages() {
    use crate::domain::BookingStatus;
    use crate::store::ChangeRefusal::*;
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
    let all = [
        ClashNeedsReason,
        CancelNeedsReason,
        Cancelled { booking: 4 },
        AlreadyCancelled { booking: 4 },
        Finished { booking: 4 },
        NotForReview { booking: 4 },
        NothingToReassign,
        NotReassignable {
            booking: 4,
            status: BookingStatus::InProgress,
        },
        NotAVisit { booking: 4 },
        VisitNotScheduled {
            booking: 4,
            status: BookingStatus::Completed,
        },
        PauseBackwards {
            from: day(10),
            to: day(3),
        },
        NotPaused { series: 2 },
        EndsBeforeStart {
            series: 2,
            first: day(10),
        },
    ];
    for c in all {
        let e = StoreError::Change(c.clone());
        let (en, da) = (store_error(en(), &e), store_error(da(), &e));
        assert!(
            !en.contains("refusal-") && !da.contains("refusal-"),
            "{en} / {da}"
        );
        assert_ne!(en, da, "{c:?}");
        assert!(en.contains('#') == da.contains('#'), "{en} / {da}");
    }
    assert_eq!(
        store_error(
            da(),
            &StoreError::Change(NotReassignable {
                booking: 4,
                status: BookingStatus::InProgress
            })
        ),
        "booking #4 er i gang: kun en opgave, der ikke er begyndt, kan gives til en anden"
    );
}

#[test]
fn a_provider_not_set_up_in_both_languages() {
    use crate::engine::not_set_up::{NotSetUp, Provider};
    let billy = NotSetUp {
        provider: Provider::Billy,
        missing: vec!["BILLY_API_KEY", "BILLY_ORGANIZATION_ID"],
    };
    assert_eq!(not_set_up(en(), &billy), billy.to_string());
    assert_eq!(
        not_set_up(da(), &billy),
        "Billy er ikke sat op: sæt BILLY_API_KEY og BILLY_ORGANIZATION_ID (eller [billy] i \
         konfigurationen)"
    );
    let twilio = NotSetUp {
        provider: Provider::Twilio,
        missing: vec!["TWILIO_AUTH_TOKEN"],
    };
    assert_eq!(
        not_set_up(da(), &twilio),
        "Twilio er ikke sat op: sæt TWILIO_AUTH_TOKEN (eller [twilio] i konfigurationen)"
    );
    // The console's back office says it the same way.
    let failure = crate::engine::office::OfficeFailure::Unavailable {
        provider: crate::engine::office::Provider::Twilio,
        reason: twilio.to_string().into(),
        not_set_up: Some(twilio.clone()),
    };
    assert_eq!(
        crate::words::news::office_failure(da(), &failure),
        not_set_up(da(), &twilio)
    );
    assert_eq!(
        crate::words::news::office_failure(en(), &failure),
        twilio.to_string()
    );
}
