//! The engine's remarks, a customer file's findings and RRULE refusals, in
//! both languages.

use super::*;

#[test]
fn the_engines_remarks_in_both_languages_and_written_text_as_written() {
    use crate::domain::remark::{Calendar, Remark};
    let stored = format!(
        "{}; {}",
        Remark::NewCustomer(Calendar::Google).text(),
        Remark::AllDay(Calendar::Google).text()
    );
    assert_eq!(
        remarks(da(), &stored),
        "oprettet i Google Kalender uden en kendt kunde i titlen: tjek kunden; \
         heldagsaftale i Google Kalender: sæt tiderne"
    );
    // English reads as it was stored.
    assert_eq!(remarks(en(), &stored), stored);
    assert_eq!(
        remarks(da(), &Remark::copy_of(47)),
        "begge beholdt efter en synk-konflikt: kalenderens udgave af #47"
    );
    assert_eq!(remarks(en(), &Remark::copy_of(47)), Remark::copy_of(47));
    // A doubt the console worded and a remark after it.
    assert_eq!(
        remarks(
            da(),
            &format!("Anna har fri 4/12; {}", Remark::FileTentative.text())
        ),
        "Anna har fri 4/12; foreløbig i kalenderen"
    );
    assert_eq!(remarks(da(), "ring først"), "ring først");
    assert_eq!(remarks(da(), ""), "");
    // Every remark has its words in both languages, and English is the
    // stored text.
    assert_eq!(
        remarks(da(), &Remark::imported_from("/tmp/kunder.csv")),
        "importeret fra /tmp/kunder.csv"
    );
    for r in Remark::ALL {
        let stored = match r {
            Remark::CopyOf => Remark::copy_of(1),
            Remark::ImportedFrom => Remark::imported_from("k.csv"),
            _ => r.text().to_string(),
        };
        assert_eq!(remarks(en(), &stored), stored, "{r:?}");
        let danish = remarks(da(), &stored);
        assert!(
            danish != stored && !danish.starts_with("remark-"),
            "{r:?}: {danish}"
        );
    }
}

#[test]
fn a_bad_record_names_its_line_and_column_in_both_languages() {
    use crate::domain::contact::{EmailError, EmailFault, MoneyError};
    use crate::interchange::customers::{Fault, Problem};
    let email = Problem {
        line: 2,
        column: "email".into(),
        fault: Fault::Email(EmailError {
            text: "hans@".into(),
            fault: EmailFault::NoDomain,
        }),
    };
    assert_eq!(
        import_problem(da(), &email),
        "linje 2, kolonne email: \"hans@\" er ikke en e-mailadresse: delen efter @ mangler"
    );
    // English says what `--json` says.
    assert_eq!(import_problem(en(), &email), email.to_string());
    let row = Problem {
        line: 7,
        column: String::new(),
        fault: Fault::TooManyFields {
            fields: 4,
            heading: 3,
            delimiter: ';',
        },
    };
    assert_eq!(
        import_problem(da(), &row),
        "linje 7: rækken har 4 felter, men overskriftsrækken har 3; mangler en værdi \
         med semikolon sine anførselstegn?"
    );
    assert_eq!(import_problem(en(), &row), row.to_string());
    for fault in [
        Fault::NoName,
        Fault::NotACount {
            text: "-1".into(),
            number: true,
        },
        Fault::NotACount {
            text: "tre".into(),
            number: false,
        },
        Fault::CountTooLarge("99999999999".into()),
        Fault::NotADate("igår".into()),
        Fault::NotADateTime("2025-10-15".into()),
        Fault::NotAStatus("lost".into()),
        Fault::NoTime { start: true },
        Fault::NoTime { start: false },
        Fault::EndNotAfterStart {
            start: "10:00".into(),
            end: "09:00".into(),
        },
        Fault::Money(MoneyError {
            text: "12 eur".into(),
            too_large: false,
        }),
        Fault::Money(MoneyError {
            text: "9".repeat(31),
            too_large: true,
        }),
    ] {
        assert_eq!(super::fault(en(), &fault), fault.to_string(), "{fault:?}");
        let danish = super::fault(da(), &fault);
        assert_ne!(danish, fault.to_string(), "{fault:?}");
    }
    assert_eq!(
        money_error(
            da(),
            &MoneyError {
                text: "12 eur".into(),
                too_large: false
            }
        ),
        "\"12 eur\" er ikke et beløb: skriv kroner og øre, f.eks. 1047,50 eller 1.047,50 kr"
    );
}

#[test]
fn what_the_reader_passed_over_and_how_it_read_the_file_in_both_languages() {
    use crate::interchange::customers::{Shape, Warning};
    use crate::interchange::text::Encoding;
    let shape = Shape::Csv {
        delimiter: ';',
        encoding: Encoding::Utf8Bom,
        columns: 4,
    };
    assert_eq!(
        file_shape(da(), &shape),
        "CSV, semikolonsepareret, UTF-8 med BOM, 4 kolonner"
    );
    assert_eq!(file_shape(en(), &shape), shape.to_string());
    for warning in [
        Warning::NoHeading { column: 3 },
        Warning::UnknownColumn {
            name: "Kundenr".into(),
            column: 10,
        },
        Warning::UnknownField("customerId".into()),
        Warning::ManyUnknown(100),
        Warning::NotUtf8 {
            line: 4002,
            csv: true,
        },
        Warning::NotUtf8 {
            line: 3002,
            csv: false,
        },
        Warning::BookingsNotCreated(1),
        Warning::BookingsNotCreated(3),
    ] {
        assert_eq!(import_warning(en(), &warning), warning.to_string());
        assert_ne!(import_warning(da(), &warning), warning.to_string());
    }
    assert_eq!(
        import_warning(
            da(),
            &Warning::UnknownColumn {
                name: "Kundenr".into(),
                column: 10
            }
        ),
        "kolonnen \"Kundenr\" (kolonne 10) kender vi ikke; den springes over"
    );
}

#[test]
fn an_rrule_refusal_says_why_in_both_languages() {
    use crate::domain::recurrence::{ListPart, RRule, RRuleError};
    let all = [
        RRuleError::NoValue {
            part: "FREQ".into(),
        },
        RRuleError::Twice {
            name: "FREQ".into(),
        },
        RRuleError::FreqNotSupported {
            freq: "HOURLY".into(),
        },
        RRuleError::NotAFreq {
            value: "OFTEN".into(),
        },
        RRuleError::Interval { value: "0".into() },
        RRuleError::Count { value: "x".into() },
        RRuleError::Until {
            value: "2026".into(),
        },
        RRuleError::ByDay { item: "XX".into() },
        RRuleError::ByDayOrdinal {
            item: "60MO".into(),
        },
        RRuleError::OutOfRange {
            part: ListPart::ByMonthDay,
            item: "40".into(),
        },
        RRuleError::OutOfRange {
            part: ListPart::ByMonth,
            item: "13".into(),
        },
        RRuleError::OutOfRange {
            part: ListPart::BySetPos,
            item: "0".into(),
        },
        RRuleError::Wkst { value: "XX".into() },
        RRuleError::PartNotSupported {
            name: "BYHOUR".into(),
        },
        RRuleError::PartUnknown { name: "FOO".into() },
        RRuleError::NoFreq {
            text: "BYDAY=MO".into(),
        },
        RRuleError::OrdinalNeedsMonthly,
        RRuleError::MonthDayWeekly,
    ];
    for e in &all {
        assert_eq!(rrule_error(en(), e), e.to_string(), "{e:?}");
        assert_ne!(rrule_error(da(), e), e.to_string(), "{e:?}");
    }
    // The reader's refusal, as the form and `book --repeat` word it.
    let refused = RRule::parse("FREQ=MONTHLY;BYMONTHDAY=40").expect_err("refused");
    assert_eq!(
        repeat_error(da(), &crate::domain::series::RepeatError::Rrule(refused)),
        "BYMONTHDAY-værdien \"40\" er uden for området (skriv 1 til 31 eller -31 til -1)"
    );
    assert_eq!(
        rrule_error(
            en(),
            &RRuleError::OutOfRange {
                part: ListPart::ByMonth,
                item: "13".into()
            }
        ),
        "BYMONTH value \"13\" is out of range (expected 1 to 12)"
    );
}

#[test]
fn a_booking_not_created_by_an_import_in_both_languages() {
    use crate::engine::import::customers::{BookingProblem, BookingWhy};
    let p = BookingProblem {
        line: 9,
        why: BookingWhy::NoCleaner("Mette".into()),
    };
    assert_eq!(
        booking_problem(da(), &p),
        "linje 9: ingen rengører hedder \"Mette\": tilføj dem med `renos staff add`, eller lad \
         feltet stå tomt for en utildelt booking"
    );
    assert_eq!(booking_problem(en(), &p), p.to_string());
    let p = BookingProblem {
        line: 12,
        why: BookingWhy::Refused(
            crate::store::StoreError::Rule(crate::domain::booking::TransitionError::Unassigned)
                .into(),
        ),
    };
    assert_eq!(
        booking_problem(da(), &p),
        "linje 12: ikke oprettet: opgaven har ingen rengører: tildel en først"
    );
    assert_eq!(booking_problem(en(), &p), p.to_string());
}

#[test]
fn a_remark_names_the_calendar_it_came_from() {
    use crate::domain::remark::{Calendar, Remark};
    let made = |c| Remark::MadeThere(c).text();
    assert_eq!(
        remarks(da(), made(Calendar::CalDav)),
        "oprettet i CalDAV-kalenderen"
    );
    assert_eq!(
        remarks(da(), Remark::DeletedThere(Calendar::Microsoft365).text()),
        "slettet i Microsoft 365-kalenderen"
    );
    assert_eq!(
        remarks(en(), made(Calendar::Microsoft365)),
        "made in the Microsoft 365 calendar"
    );
    // English reads as stored, for every calendar.
    for c in Calendar::ALL {
        for r in [
            Remark::NewCustomer(c),
            Remark::AllDay(c),
            Remark::DeletedThere(c),
            Remark::ChangedThere(c),
            Remark::MadeThere(c),
        ] {
            assert_eq!(remarks(en(), r.text()), r.text(), "{r:?}");
            assert!(!remarks(da(), r.text()).contains("Calendar"), "{r:?}");
        }
    }
}
