//! The store's refusals of what was typed, of a role, of a database file,
//! and of invoices, notes and cleaners, in both languages: English as the
//! log says it, Danish its own sentence.

use std::path::PathBuf;

use super::*;
use crate::domain::contact::PhoneError;
use crate::domain::month::Month;
use crate::domain::{Access, Permission, Role, RoleSource, ShapeError};
use crate::store::{ChangeRefusal, EntryRefusal, InvoiceStage, Invoiced, OpenError, StoreError};

/// A catalogue key shown as itself (a missing key).
fn looks_like_key(text: &str) -> bool {
    let keyish = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_lowercase())
            && t.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    };
    keyish(text)
        || text
            .split_whitespace()
            .any(|t| keyish(t) && t.matches('-').count() >= 2)
}

fn both(e: &StoreError) -> (String, String) {
    (store_error(en(), e), store_error(da(), e))
}

#[test]
fn every_refused_entry_in_both_languages() {
    use EntryRefusal::*;
    let all = [
        CustomerNameMissing,
        CleanerNameMissing,
        CleanerNameTooLong {
            name: "Anna Katrine Margrethe Sofie Louise Jensen".into(),
        },
        CleanerNameTaken {
            name: "Anna".into(),
        },
        CleanerPhone(PhoneError {
            text: "123".into(),
            abroad: false,
        }),
        TokenNameMissing,
        TokenStaff,
        TokenNameTaken {
            name: "maja-phone".into(),
        },
        NoSuchToken {
            name: "maja-phone".into(),
        },
        TokenRevoked {
            name: "maja-phone".into(),
        },
        DailyMaxNone,
        ContractNone,
    ];
    for r in all {
        let e = StoreError::Entry(r.clone());
        let (en, da) = both(&e);
        assert_eq!(en, r.to_string(), "English says what the log says");
        assert!(!looks_like_key(&da) && da != en, "{r:?}: {da}");
    }
    assert_eq!(
        store_error(
            da(),
            &StoreError::Entry(NoSuchToken {
                name: "maja".into()
            })
        ),
        "der er intet token, der hedder \"maja\" (`renos token list` viser dem)"
    );
    assert_eq!(
        store_error(da(), &StoreError::Entry(ContractNone)),
        "kontrakttimer: skal være mere end 0 timer"
    );
}

#[test]
fn every_refused_invoice_note_and_cleaner_change_in_both_languages() {
    use ChangeRefusal::*;
    let december = Month::of(day("2026-12-01"));
    let on = |number: Option<&str>, month: Option<Month>| Invoiced {
        number: number.map(str::to_string),
        month,
        stage: InvoiceStage::Draft,
    };
    let all = [
        NoteEmpty,
        NotFinishedToInvoice { booking: 4 },
        AlreadyInvoiced {
            booking: 4,
            on: on(Some("1001"), None),
            by: "mette".into(),
        },
        AlreadyInvoiced {
            booking: 4,
            on: on(None, None),
            by: "mette".into(),
        },
        AlreadyInvoiced {
            booking: 4,
            on: on(Some("1001"), Some(december)),
            by: "mette".into(),
        },
        AlreadyInvoiced {
            booking: 4,
            on: on(None, Some(december)),
            by: "mette".into(),
        },
        InvoiceApproved {
            number: Some("1001".into()),
            booking: Some(4),
        },
        InvoiceApproved {
            number: Some("1001".into()),
            booking: None,
        },
        InvoiceApproved {
            number: None,
            booking: None,
        },
        StaffStillBooked {
            name: "Anna".into(),
            jobs: 3,
        },
        OwnRuleCannotMove { series: 2 },
    ];
    for c in all {
        let (en, da) = both(&StoreError::Change(c.clone()));
        assert!(
            !looks_like_key(&da) && !looks_like_key(&en),
            "{c:?}: {en} / {da}"
        );
        assert_ne!(en, da, "{c:?}");
        assert!(en.contains('#') == da.contains('#'), "{en} / {da}");
        // The month reads as words; the rest is the log's English.
        if !matches!(&c, AlreadyInvoiced { on, .. } if on.month.is_some())
            && !matches!(&c, InvoiceApproved { number: None, .. })
        {
            assert_eq!(en, c.to_string());
        }
    }
    assert_eq!(
        store_error(
            da(),
            &StoreError::Change(AlreadyInvoiced {
                booking: 4,
                on: on(None, Some(december)),
                by: "mette".into(),
            })
        ),
        "booking #4 er allerede faktureret (på månedsfakturaen for december 2026, kladde, \
         bestilt af mette)"
    );
    assert_eq!(
        store_error(
            da(),
            &StoreError::Change(InvoiceApproved {
                number: Some("1001".into()),
                booking: Some(4),
            })
        ),
        "faktura 1001 for booking #4 er allerede godkendt"
    );
    assert_eq!(
        store_error(
            en(),
            &StoreError::Change(InvoiceApproved {
                number: None,
                booking: None,
            })
        ),
        "the invoice is already approved"
    );
}

#[test]
fn a_role_refusal_in_both_languages() {
    let refusal = |source| {
        Access {
            login: "bo".into(),
            role: Role::Viewer,
            source,
        }
        .check(Permission::Bookings)
        .expect_err("a viewer may not book")
    };
    for source in [
        RoleSource::NoRoles,
        RoleSource::Config("/srv/renos/config.toml".into()),
    ] {
        let r = refusal(source);
        let (en, da) = both(&StoreError::Refused(r.clone()));
        assert_eq!(en, r.to_string());
        assert_ne!(en, da);
    }
    assert_eq!(
        store_error(
            da(),
            &StoreError::Refused(refusal(RoleSource::Config("/srv/renos/config.toml".into())))
        ),
        "bo er læser her: at ændre bookinger kræver rollen dispatcher ([roles] i \
         /srv/renos/config.toml)"
    );
    let all = [
        Permission::Bookings,
        Permission::Customers,
        Permission::Imports,
        Permission::Sync,
        Permission::Alerts,
        Permission::Deliveries,
        Permission::Staff,
        Permission::Billing,
        Permission::Tokens,
    ];
    for need in all {
        let r = Access {
            login: "bo".into(),
            role: Role::Viewer,
            source: RoleSource::NoRoles,
        }
        .check(need)
        .expect_err("a viewer changes nothing");
        let (en, da) = both(&StoreError::Refused(r.clone()));
        assert_eq!(en, r.to_string(), "{need:?}");
        assert!(!da.contains("access-") && da != en, "{need:?}: {da}");
    }
}

#[test]
fn a_booking_series_or_database_file_refused_in_both_languages() {
    let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    let path = PathBuf::from("/srv/renos/renos.db");
    let all = [
        StoreError::Shape(ShapeError::EndsBeforeStart),
        StoreError::Shape(ShapeError::TooLong),
        StoreError::Shape(ShapeError::NoService),
        StoreError::Series(crate::domain::series::SeriesError::NoCount),
        StoreError::Open(OpenError::Folder {
            path: path.clone(),
            error: denied(),
        }),
        StoreError::Open(OpenError::File {
            path: path.clone(),
            error: denied(),
        }),
        StoreError::Open(OpenError::Unreachable {
            path: path.clone(),
            error: denied(),
        }),
        StoreError::Open(OpenError::NotADatabase { path: path.clone() }),
    ];
    for e in &all {
        let (en, da) = both(e);
        assert_eq!(en, e.to_string(), "English says what the log says");
        assert!(!looks_like_key(&da) && da != en, "{e:?}: {da}");
    }
    assert_eq!(
        store_error(
            da(),
            &StoreError::Open(OpenError::NotADatabase { path: path.clone() })
        ),
        "/srv/renos/renos.db er ikke en RenOS-database (eller den er beskadiget): tjek --db \
         (eller `database` i konfigurationen), eller læg en sikkerhedskopi tilbage"
    );
    let folder = store_error(da(), &all[4]);
    assert!(
        folder.starts_with("mappen /srv/renos/renos.db kan ikke oprettes: du har ikke adgang"),
        "{folder}"
    );
}

#[test]
fn a_file_that_stops_while_written_and_a_wrong_now_in_both_languages() {
    use crate::engine::import::{FileFault, ImportError};
    for line in [Some(12), None] {
        let e = ImportError::File {
            file: "kunder.csv".into(),
            fault: FileFault::StoppedWriting {
                line,
                detail: "found record with 3 fields, but the previous record has 5 fields".into(),
            },
        };
        let (en, da) = (import_error(en(), &e), import_error(da(), &e));
        assert_eq!(en, e.to_string(), "English says what the log says");
        assert!(da.starts_with("kunder.csv: "), "{da}");
        assert!(
            da.contains("kør importen igen") && da.ends_with("5 fields)"),
            "{da}"
        );
        assert_eq!(da.contains("linje 12"), line.is_some(), "{da}");
    }
    let now = crate::clock::Clock::parse_fixed("i går kl 9").expect_err("not an instant");
    assert_eq!(instant_error(en(), &now), format!("--now: {now}"));
    let da = instant_error(da(), &now);
    assert!(
        da.starts_with("--now: \"i går kl 9\" er ikke et tidspunkt")
            && da.contains("læseren siger"),
        "{da}"
    );
}

#[test]
fn no_one_customer_to_invoice_in_both_languages() {
    use crate::engine::billing::CustomerPick;
    let all = [
        CustomerPick::None {
            text: "Hansn".into(),
        },
        CustomerPick::Several {
            text: "Hansen".into(),
            names: vec![
                "Hansen (#12, Østergade 4)".into(),
                "Hansen ApS (#40)".into(),
            ],
        },
    ];
    for p in &all {
        let (en, da) = (customer_pick(en(), p), customer_pick(da(), p));
        assert_eq!(en, p.to_string(), "English says what the tools say");
        assert!(!looks_like_key(&da) && da != en, "{da}");
    }
    assert_eq!(
        customer_pick(da(), &all[1]),
        "\"Hansen\" passer på flere kunder: Hansen (#12, Østergade 4); Hansen ApS (#40); sig \
         hvilken med mere af navnet eller adressen"
    );
}

#[test]
fn a_team_folder_that_cannot_be_set_up_in_both_languages() {
    use crate::engine::shared::SetupError;
    let path = PathBuf::from("/srv/renos");
    let io = |kind| std::io::Error::from(kind);
    let all = [
        SetupError::NoGroup("renos".into()),
        SetupError::NotAFolder(path.clone()),
        SetupError::Foreign {
            dir: path.clone(),
            files: vec!["notes.txt".into()],
        },
        SetupError::Link(path.clone()),
        SetupError::NotPermitted {
            what: "give to the group",
            path: path.clone(),
        },
        SetupError::Io {
            what: "make",
            path: path.clone(),
            error: io(std::io::ErrorKind::NotFound),
        },
        SetupError::Io {
            what: "create",
            path: path.clone(),
            error: io(std::io::ErrorKind::StorageFull),
        },
        SetupError::Io {
            what: "change the mode of",
            path: path.clone(),
            error: io(std::io::ErrorKind::Other),
        },
    ];
    for e in &all {
        let (en, da) = (setup_error(en(), e), setup_error(da(), e));
        assert_eq!(en, e.to_string(), "English says what it always said");
        assert!(!looks_like_key(&da) && da != en, "{e:?}: {da}");
    }
    assert_eq!(
        setup_error(da(), &all[4]),
        "du har ikke lov til at give /srv/renos til gruppen: kør `renos init` som root, eller \
         som mappens ejer og medlem af gruppen"
    );
}
