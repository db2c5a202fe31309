//! Every finding worded in both languages.

use super::*;
use crate::engine::health::CalendarCheck;

fn every_what() -> Vec<What> {
    let at = |staff: Option<&str>| CalendarCheck {
        calendar: "c@x".into(),
        user: None,
        staff: staff.map(str::to_string),
    };
    let e = || "boom".to_string();
    let p = || "/db".to_string();
    let saids = vec![
        Said::BillyNotSetUp,
        Said::BillyHalfSetUp {
            missing: vec!["BILLY_API_KEY", "BILLY_ORGANIZATION_ID"],
        },
        Said::BillyBadSetting { error: e().into() },
        Said::BillyWorks {
            organization: "Org".into(),
        },
        Said::BillyNoProduct {
            product: "Rengøring".into(),
        },
        Said::BillyKeyRefused { error: e().into() },
        Said::BillyOffline {
            url: "http://b".into(),
            error: e().into(),
        },
        Said::BillyError {
            error: crate::providers::billy::BillyError::Server {
                status: 503,
                message: e(),
            },
        },
        Said::TwilioNotSetUp,
        Said::TwilioHalfSetUp {
            missing: vec!["TWILIO_AUTH_TOKEN"],
        },
        Said::TwilioBadSid { sid: "x".into() },
        Said::TwilioBadNumber { number: "1".into() },
        Said::TwilioBadSetting { error: e().into() },
        Said::TwilioWorks {
            account: "A".into(),
            no_on_call: true,
        },
        Said::TwilioKeyRefused { error: e().into() },
        Said::TwilioOffline {
            url: "http://t".into(),
            error: e().into(),
        },
        Said::TwilioError {
            error: crate::providers::twilio::TwilioError::Server {
                status: 503,
                message: e(),
            },
        },
        Said::GoogleNotSetUp,
        Said::GoogleBadKey { error: e() },
        Said::GoogleWorks {
            calendar: "c@x".into(),
        },
        Said::GoogleOffline { error: e().into() },
        Said::GoogleRefused { error: e() },
        Said::CalendarWrites {
            at: at(None),
            role: "owner".into(),
        },
        Said::CalendarReadOnly {
            at: at(Some("Bo")),
            role: "reader".into(),
        },
        Said::CalendarWriteUnknown { at: at(None) },
        Said::CalendarNotFound { at: at(Some("Bo")) },
        Said::CalendarError {
            at: at(None),
            error: e(),
        },
    ];
    let mut out: Vec<What> = saids.into_iter().map(What::Provider).collect();
    out.extend([
        What::ConfigReads {
            path: p(),
            exists: false,
        },
        What::ConfigBroken { error: e() },
        What::ReadableByOthers {
            path: p(),
            mode: 0o644,
        },
        What::Acting {
            login: "bo".into(),
            display_name: Some("Bo".into()),
            role: "viewer".into(),
            roles_from: Some(p()),
            read_only: true,
        },
        What::Language(Language::Da),
        What::Slots {
            grid_min: 15,
            min_notice_min: 120,
            max_notice_days: 90,
            within_min: 15,
            between_min: 30,
        },
        What::DbMissing { path: p() },
        What::DbCannotOpen {
            path: p(),
            error: e(),
        },
        What::DbDamaged {
            path: p(),
            problems: e(),
        },
        What::DbCheckStopped {
            path: p(),
            error: e(),
        },
        What::DbReadOnly {
            path: p(),
            why: Unwritable::Folder,
        },
        What::DbCounts {
            path: p(),
            customers: 1,
            bookings: 2,
        },
        What::DbCannotRead {
            path: p(),
            error: e(),
        },
        What::OutboxRefused {
            billy: true,
            count: 1,
        },
        What::OutboxRefused {
            billy: false,
            count: 2,
        },
    ]);
    out
}

#[test]
fn every_finding_is_worded_in_both_languages() {
    for lang in Language::ALL {
        let w = lang.words();
        for what in every_what() {
            let (said, fix) = words(w, &what);
            for text in [&said, &fix] {
                assert!(
                    !text.contains("cli-") && !text.contains("{$") && !text.contains("{ $"),
                    "{lang}: {text}"
                );
            }
            assert!(!said.is_empty(), "{lang}");
        }
    }
    let da = Language::Da.words();
    let (said, fix) = words(
        da,
        &What::Provider(Said::BillyHalfSetUp {
            missing: vec!["BILLY_API_KEY", "BILLY_ORGANIZATION_ID"],
        }),
    );
    assert_eq!(
        said,
        "Billy er halvt sat op: BILLY_API_KEY og BILLY_ORGANIZATION_ID mangler."
    );
    assert_eq!(fix, "sæt BILLY_API_KEY og BILLY_ORGANIZATION_ID");
}
