//! Every kind of booking change the journal knows (`domain/change.rs`), an
//! invoice, a refusal and a change of another kind, each as one sentence.

use std::collections::HashMap;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use super::*;
use crate::engine::history::{Names, describe};
use crate::store::JournalEntry;

fn entry(action: &str, before: Option<Value>, after: Option<Value>) -> JournalEntry {
    JournalEntry {
        id: 1,
        at: Utc
            .with_ymd_and_hms(2026, 11, 20, 10, 2, 0)
            .single()
            .expect("t"),
        actor: "anna".into(),
        action: action.into(),
        entity: "booking".into(),
        entity_id: 47,
        before,
        after,
        reason: String::new(),
        reverts: None,
        reverted: false,
    }
}

fn names() -> Names {
    Names {
        staff: HashMap::from([(1, "Anna Jensen".into()), (2, "Bo Madsen".into())]),
        customers: HashMap::from([(5, "Hansen".into())]),
    }
}

fn say(e: JournalEntry) -> String {
    let tz = BusinessTz::default();
    sentence(
        crate::i18n::Language::En.words(),
        &describe(&[e], &names(), tz)[0],
        tz,
    )
}

/// The booking Tuesday 24/11 09:00–12:00 local, with Anna.
fn booking() -> Value {
    json!({"customer_id": 5, "staff_id": 1, "service": "Flytterengøring",
           "start": "2026-11-24T08:00:00Z", "end": "2026-11-24T11:00:00Z",
           "status": "booked", "notes": "", "version": 1})
}

fn with(changes: Value) -> Value {
    let mut b = booking();
    for (k, v) in changes.as_object().expect("object") {
        b[k] = v.clone();
    }
    b
}

fn change(action: BookingChange, changes: Value) -> String {
    say(entry(action.action(), Some(booking()), Some(with(changes))))
}

const ALL: [BookingChange; 16] = [
    BookingChange::Add,
    BookingChange::Edit,
    BookingChange::Move,
    BookingChange::Reassign,
    BookingChange::Cancel,
    BookingChange::Start,
    BookingChange::Finish,
    BookingChange::Approve,
    BookingChange::Sync,
    BookingChange::Import,
    BookingChange::ImportUpdate,
    BookingChange::Undo,
    BookingChange::Redo,
    BookingChange::Visit,
    BookingChange::Remove,
    BookingChange::Series,
];

#[test]
fn a_move_reads_from_day_and_time_to_day_and_time() {
    assert_eq!(
        change(
            BookingChange::Move,
            json!({"start": "2026-11-25T09:30:00Z", "end": "2026-11-25T12:30:00Z"})
        ),
        "anna moved #47 Hansen from Tue 24/11 09:00 to Wed 25/11 10:30"
    );
    assert_eq!(
        change(
            BookingChange::Move,
            json!({"start": "2026-11-24T08:15:00Z", "end": "2026-11-24T11:15:00Z", "staff_id": 2})
        ),
        "anna moved #47 Hansen on Tue 24/11 from 09:00 to 09:15 and gave it to Bo Madsen"
    );
}

#[test]
fn each_booking_change_is_one_sentence_naming_who_and_which() {
    let later = json!({"start": "2026-11-24T08:15:00Z", "end": "2026-11-24T11:15:00Z"});
    let said: Vec<(BookingChange, String)> = ALL
        .iter()
        .map(|&c| {
            let s = match c {
                BookingChange::Add | BookingChange::Import | BookingChange::Visit => {
                    say(entry(c.action(), None, Some(booking())))
                }
                BookingChange::Remove => say(entry(c.action(), Some(booking()), None)),
                BookingChange::Reassign => change(c, json!({"staff_id": 2})),
                BookingChange::Cancel => {
                    let mut e = entry(
                        c.action(),
                        Some(booking()),
                        Some(with(json!({"status": "cancelled"}))),
                    );
                    e.reason = "the customer is ill".into();
                    say(e)
                }
                BookingChange::Start => change(
                    c,
                    json!({"status": "running", "started_at": "2026-11-24T08:05:00Z"}),
                ),
                BookingChange::Finish => change(
                    c,
                    json!({"status": "done", "finished_at": "2026-11-24T11:10:00Z"}),
                ),
                BookingChange::Approve => change(c, json!({"review": null})),
                BookingChange::Edit | BookingChange::ImportUpdate | BookingChange::Series => {
                    change(c, json!({"service": "Vinduespudsning", "notes": "Ring først\nNøgle i postkassen"}))
                }
                BookingChange::Sync | BookingChange::Undo | BookingChange::Redo => {
                    change(c, later.clone())
                }
                BookingChange::Move => change(c, later.clone()),
            };
            (c, s)
        })
        .collect();
    let want = [
        "anna booked #47 Hansen: Tue 24/11 09:00–12:00, Flytterengøring, Anna Jensen",
        "anna changed #47 Hansen: the service from Flytterengøring to Vinduespudsning \
         and the notes from \"\" to Ring først · Nøgle i postkassen",
        "anna moved #47 Hansen on Tue 24/11 from 09:00 to 09:15",
        "anna gave #47 Hansen to Bo Madsen (was Anna Jensen)",
        "anna cancelled #47 Hansen (why: the customer is ill)",
        "anna started #47 Hansen at 09:05",
        "anna finished #47 Hansen at 12:10",
        "anna approved #47 Hansen after review",
        "anna changed the start and end of #47 Hansen: the start from 09:00 to 09:15 \
         and the end from 12:00 to 12:15",
        "anna imported #47 Hansen: Tue 24/11 09:00–12:00, Flytterengøring, Anna Jensen",
        "anna updated #47 Hansen from an import: the service from Flytterengøring to \
         Vinduespudsning and the notes from \"\" to Ring først · Nøgle i postkassen",
        "anna undid a change to #47 Hansen: the start from 09:00 to 09:15 and the end \
         from 12:00 to 12:15",
        "anna redid a change to #47 Hansen: the start from 09:00 to 09:15 and the end \
         from 12:00 to 12:15",
        "anna booked #47 Hansen as a visit of its series: Tue 24/11 09:00–12:00, \
         Flytterengøring, Anna Jensen",
        "anna removed visit #47 Hansen from its series",
        "anna changed the series of #47 Hansen: the service from Flytterengøring to \
         Vinduespudsning and the notes from \"\" to Ring først · Nøgle i postkassen",
    ];
    for ((c, got), want) in said.iter().zip(want) {
        assert_eq!(got, want, "{c:?}");
        assert!(!got.contains('\n') && !got.contains("_id"), "{got}");
    }
}

#[test]
fn an_undo_of_a_creation_and_its_redo_say_so() {
    let mut undo = entry("booking.undo", Some(booking()), None);
    undo.reverts = Some(3);
    undo.reason = "undo creation of #47".into();
    assert_eq!(say(undo), "anna undid the booking of #47 Hansen");
    let mut redo = entry("booking.redo", None, Some(booking()));
    redo.reverts = Some(4);
    assert_eq!(
        say(redo),
        "anna redid the booking of #47 Hansen: Tue 24/11 09:00–12:00, Flytterengøring, Anna Jensen"
    );
}

#[test]
fn an_invoice_reads_as_an_amount_in_kroner() {
    let mut e = entry(
        "invoice.create",
        None,
        Some(json!({"gross_ore": 76344, "billed_min": 90})),
    );
    e.entity = "invoice".into();
    assert_eq!(say(e), "anna invoiced #47: 763,44 kr");
    let tz = BusinessTz::default();
    let mut e = entry(
        "invoice.update",
        Some(json!({"gross_ore": 76344})),
        Some(json!({"gross_ore": 80000})),
    );
    e.entity = "invoice".into();
    let line = &describe(&[e], &names(), tz)[0];
    assert_eq!(changes(line, tz), ["amount 763,44 kr → 800,00 kr"]);
}

#[test]
fn an_alert_names_its_kind_and_number() {
    let mut e = entry(
        "alert.sent",
        Some(json!({"state": "raised"})),
        Some(
            json!({"state": "sent", "kind": "double_booking", "to": "+4512345678",
                    "sid": "CA1b82"}),
        ),
    );
    e.entity = "alert".into();
    e.entity_id = 66;
    assert_eq!(
        say(e),
        "anna sent the alert for #66 (double-booking call) to +4512345678"
    );
}

#[test]
fn a_refusal_and_other_entities_read_plainly() {
    let mut e = entry(
        crate::store::journal::REFUSED,
        None,
        Some(json!({"login": "bo", "role": "viewer"})),
    );
    e.actor = "bo".into();
    e.entity = "access".into();
    e.reason = "bo is a viewer here: changing bookings needs the dispatcher role".into();
    assert_eq!(
        say(e),
        "bo was refused: bo is a viewer here: changing bookings needs the dispatcher role"
    );
    let mut e = entry(
        "staff.set",
        Some(json!({"name": "Anna Jensen", "phone": null, "contract_min": 2220})),
        Some(json!({"name": "Anna Jensen", "phone": "+4511223344", "contract_min": 1800})),
    );
    e.entity = "staff".into();
    e.entity_id = 1;
    assert_eq!(
        say(e),
        "anna changed cleaner #1 (set): the contract from 37 h to 30 h \
         and the phone set to +4511223344"
    );
    let mut e = entry(
        "customer.add",
        None,
        Some(json!({"name": "Flemming Hviid", "email": "f@hviid.dk", "notes": ""})),
    );
    e.entity = "customer".into();
    e.entity_id = 60;
    assert_eq!(say(e), "anna added customer #60 Flemming Hviid");
}

#[test]
fn the_json_words_keep_their_old_shape() {
    let tz = BusinessTz::default();
    let lines = describe(
        &[
            entry("booking.add", None, Some(booking())),
            entry(
                "booking.move",
                Some(booking()),
                Some(with(json!({"start": "2026-11-24T08:15:00Z"}))),
            ),
        ],
        &names(),
        tz,
    );
    assert_eq!(what(&lines[0]), "creation of #47 · Hansen");
    assert_eq!(
        changes(&lines[0], tz),
        ["created: Tue 24/11 09:00–12:00, Flytterengøring, Anna Jensen"]
    );
    assert_eq!(changes(&lines[1], tz), ["start 09:00 → 09:15"]);
}

#[test]
fn a_cleaners_hours_read_as_typed_in_each_language() {
    let e = || {
        let mut e = entry(
            "staff.availability",
            Some(json!({"overrides": [], "contract_min": 2220})),
            Some(json!({
                "overrides": [{"from": "2026-12-24", "to": "2026-12-24", "hours": "closed"}],
                "contract_min": 2250
            })),
        );
        e.entity = "staff".into();
        e.entity_id = 1;
        e
    };
    let tz = BusinessTz::default();
    let da = sentence(
        crate::i18n::Language::Da.words(),
        &describe(&[e()], &names(), tz)[0],
        tz,
    );
    assert_eq!(
        da,
        "anna ændrede rengører #1 (arbejdstider): kontrakttimerne fra 37 t til 37 t 30 min \
         og de særlige dage fra – til 2026-12-24 lukket"
    );
    assert_eq!(
        say(e()),
        "anna changed cleaner #1 (availability): the contract from 37 h to 37 h 30 min \
         and the overrides from – to 2026-12-24 closed"
    );
}

#[test]
fn the_syncs_reasons_read_in_the_journals_language() {
    let mut e = entry(
        "booking.sync",
        Some(booking()),
        Some(with(json!({"status": "cancelled",
                         "cancel_reason": "deleted in Google Calendar"}))),
    );
    e.actor = "Google Calendar".into();
    e.reason = "deleted in Google Calendar".into();
    let tz = BusinessTz::default();
    let line = &describe(&[e], &names(), tz)[0];
    let da = sentence(crate::i18n::Language::Da.words(), line, tz);
    assert!(da.ends_with("(hvorfor: slettet i Google Kalender)"), "{da}");
    assert!(
        da.starts_with("Google Kalender "),
        "the sync named in Danish: {da}"
    );
    assert!(da.contains("til slettet i Google Kalender"), "{da}");
    assert!(!da.contains("deleted"), "{da}");
    let en = sentence(crate::i18n::Language::En.words(), line, tz);
    assert!(en.ends_with("(why: deleted in Google Calendar)"), "{en}");
}

#[test]
fn a_reason_a_person_wrote_stays_as_written() {
    let mut e = entry(
        "booking.cancel",
        Some(booking()),
        Some(with(json!({"status": "cancelled"}))),
    );
    e.reason = "deleted in Google Calendar by the customer".into();
    let tz = BusinessTz::default();
    let line = &describe(&[e], &names(), tz)[0];
    let da = sentence(crate::i18n::Language::Da.words(), line, tz);
    assert!(
        da.ends_with("(hvorfor: deleted in Google Calendar by the customer)"),
        "{da}"
    );
}

#[test]
fn a_job_made_in_a_calendar_is_one_plain_sentence_naming_that_calendar() {
    let mut e = entry("booking.sync", None, Some(booking()));
    e.actor = "Microsoft 365".into();
    e.reason = "made in the Microsoft 365 calendar".into();
    let tz = BusinessTz::default();
    let line = &describe(&[e], &names(), tz)[0];
    let da = sentence(crate::i18n::Language::Da.words(), line, tz);
    assert!(
        da.starts_with("Microsoft 365 oprettede #47 Hansen: "),
        "{da}"
    );
    assert!(
        da.ends_with("(hvorfor: oprettet i Microsoft 365-kalenderen)"),
        "{da}"
    );
    assert!(!da.contains("sat til"), "no field by field: {da}");
    let en = sentence(crate::i18n::Language::En.words(), line, tz);
    assert!(en.starts_with("Microsoft 365 made #47 Hansen: "), "{en}");
}
