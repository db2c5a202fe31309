//! The booking form, key by key.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::domain::fuzzy::CustomerIndex;
use crate::domain::{Customer, WorkingHours};

fn customers() -> Customers {
    let list = vec![
        Customer {
            id: 1,
            name: "Søren Østergaard".into(),
            address: "Fredensgade 14, 8000 Aarhus C".into(),
            phone: "+45 28 47 36 19".into(),
            ..Default::default()
        },
        Customer {
            id: 2,
            name: "Anna Sørensen".into(),
            address: "Østergade 2, 8000 Aarhus C".into(),
            ..Default::default()
        },
    ];
    Customers {
        index: Arc::new(CustomerIndex::new(&list)),
        by_id: Arc::new(
            list.into_iter()
                .map(|c| (c.id, c))
                .collect::<HashMap<_, _>>(),
        ),
    }
}

fn staff() -> Vec<Staff> {
    ["Anna Jensen", "Anders Holm", "Bo Madsen"]
        .iter()
        .enumerate()
        .map(|(i, n)| Staff {
            id: i as i64 + 1,
            name: (*n).into(),
            phone: String::new(),
            colour: String::new(),
            hours: WorkingHours::default(),
            time_off: vec![],
            version: 1,
        })
        .collect()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

fn ctx<'a>(staff: &'a [Staff], customers: &'a Customers) -> FormContext<'a> {
    FormContext {
        today: today(),
        tz: BusinessTz::default(),
        staff,
        customers: Some(customers),
        keys: keymap(),
        words: crate::i18n::Language::En.words(),
    }
}

/// The built-in keymap, for the hints.
fn keymap() -> &'static crate::tui::keymap::Keymap {
    static KEYMAP: std::sync::LazyLock<crate::tui::keymap::Keymap> =
        std::sync::LazyLock::new(crate::tui::keymap::Keymap::default);
    &KEYMAP
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A key through the built-in keymap, as the console passes it.
fn press(f: &mut BookingForm, k: &KeyEvent, ctx: &FormContext) -> Vec<Need> {
    use crate::tui::action::KeyMode;
    let km = keymap();
    let form = km.action(KeyMode::Form, k).or(km.action(KeyMode::Text, k));
    let action = match f.searching() {
        true => km.action(KeyMode::Search, k).or(form),
        false => form,
    };
    f.handle_key(k, action, ctx)
}

fn typ(f: &mut BookingForm, text: &str, ctx: &FormContext) -> Vec<Need> {
    let mut needs = Vec::new();
    for c in text.chars() {
        needs.extend(press(f, &key(KeyCode::Char(c)), ctx));
    }
    needs
}

fn clear(f: &mut BookingForm, ctx: &FormContext) {
    press(
        f,
        &KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        ctx,
    );
}

fn new_form(cs: &Customers) -> BookingForm {
    let mut f = BookingForm::new(today(), NaiveTime::from_hms_opt(9, 0, 0).expect("t"), None)
        .speaking(crate::i18n::Language::En.words());
    f.set_customers(cs);
    f
}

#[test]
fn a_few_letters_find_the_customer_and_enter_takes_it() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    typ(&mut f, "sor ost", &c);
    assert!(f.searching());
    assert_eq!(f.hits.first().map(|h| h.id), Some(1));
    let needs = press(&mut f, &key(KeyCode::Enter), &c);
    assert_eq!(needs, vec![Need::Memory(1)]);
    assert_eq!(f.customer.text(), "Søren Østergaard");
    assert_eq!(f.address.text(), "Fredensgade 14, 8000 Aarhus C");
    assert_eq!(f.focus, Field::Cleaner);
    // Typing in the customer field again drops the choice.
    f.focus = Field::Customer;
    typ(&mut f, "x", &c);
    assert_eq!(f.customer_id, None);
    assert!(f.check(Field::Customer, &c).is_err());
}

#[test]
fn arrows_choose_among_hits() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    typ(&mut f, "aarhus", &c);
    assert_eq!(f.hits.len(), 2);
    press(&mut f, &key(KeyCode::Down), &c);
    let second = f.hits[1].id;
    press(&mut f, &key(KeyCode::Enter), &c);
    assert_eq!(f.customer_id, Some(second));
}

#[test]
fn duration_and_end_follow_each_other() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    f.focus = Field::Duration;
    clear(&mut f, &c);
    typ(&mut f, "2,5", &c);
    assert_eq!(f.end.text(), "11:30");
    f.focus = Field::End;
    clear(&mut f, &c);
    typ(&mut f, "1300", &c);
    assert_eq!(parse_duration(f.duration.text()), Ok(240));
    f.focus = Field::Start;
    clear(&mut f, &c);
    typ(&mut f, "10", &c);
    assert_eq!(f.end.text(), "14:00", "a new start keeps the duration");
    // Past midnight is said, and the draft ends the next day.
    clear(&mut f, &c);
    typ(&mut f, "22", &c);
    assert_eq!(f.end.text(), "02:00 (+1)");
    assert!(f.check(Field::End, &c).is_ok());
}

#[test]
fn the_cleaner_is_found_by_a_unique_prefix_and_ambiguity_is_said() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    f.cleaner.set("bo");
    assert_eq!(
        f.cleaner_of(&st, c.words).map(|s| s.map(|s| s.id)),
        Ok(Some(3))
    );
    f.cleaner.set("an");
    let err = f.cleaner_of(&st, c.words).expect_err("two match");
    assert!(
        err.contains("Anna Jensen") && err.contains("Anders Holm"),
        "{err}"
    );
    f.cleaner.set("");
    assert_eq!(f.cleaner_of(&st, c.words), Ok(None));
    f.cleaner.set("zed");
    assert!(f.check(Field::Cleaner, &c).is_err());
}

#[test]
fn the_draft_holds_only_when_every_field_does() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    assert_eq!(
        f.draft(&c).map(|_| ()).map_err(|e| e.0),
        Err(Field::Customer)
    );
    f.pick_customer(1, &c);
    f.date.set("31/2");
    assert_eq!(f.draft(&c).map(|_| ()).map_err(|e| e.0), Err(Field::Date));
    f.date.set("mandag 23/11");
    f.start.set("9.30");
    f.duration.set("3 t");
    f.cleaner.set("Anna Jensen");
    f.notes = TextArea::new(vec!["Nøgle under måtten".into(), "Kat i huset".into()]);
    let (d, date) = f.draft(&c).expect("draft");
    assert_eq!(date.mismatch(), None);
    let start = Utc
        .with_ymd_and_hms(2026, 11, 23, 8, 30, 0)
        .single()
        .expect("t");
    assert_eq!((d.start, d.end - d.start), (start, Duration::hours(3)));
    assert_eq!(d.staff_id, Some(1));
    assert_eq!(d.notes, "Nøgle under måtten\nKat i huset");
    assert_eq!(d.address, "Fredensgade 14, 8000 Aarhus C");
}

#[test]
fn a_weekday_that_disagrees_with_the_date_is_shown() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    f.date.set("tirsdag 25/11");
    let hint = f.check(Field::Date, &c).expect("parses");
    assert!(
        hint.starts_with('!') && hint.contains("Wednesday"),
        "{hint}"
    );
    assert!(f.parsed_date(&c).expect("date").mismatch().is_some());
    f.date.set("onsdag 25/11");
    assert_eq!(f.check(Field::Date, &c), Ok("Wednesday 25/11/2026".into()));
    // The Danish console says it in Danish.
    let da = FormContext {
        words: crate::i18n::Language::Da.words(),
        ..ctx(&st, &cs)
    };
    f.date.set("tirsdag 25/11");
    let hint = f.check(Field::Date, &da).expect("parses");
    assert_eq!(hint, "! 25/11/2026 er onsdag, ikke tirsdag");
}

#[test]
fn memory_prefills_only_what_was_not_typed() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    f.pick_customer(1, &c);
    f.focus = Field::Estimate;
    clear(&mut f, &c);
    typ(&mut f, "4", &c);
    let memory = CustomerMemory {
        visits: 5,
        avg_actual_min: Some(140),
        avg_estimate_min: Some(120),
        preferred_staff: Some(3),
        ..Default::default()
    };
    f.set_memory(1, memory.clone(), &st);
    assert_eq!(f.estimate.text(), "4", "typed: kept");
    assert_eq!(
        parse_duration(f.duration.text()),
        Ok(150),
        "rounded up to the quarter"
    );
    assert_eq!(f.cleaner.text(), "Bo Madsen");
    // An answer for another customer is ignored.
    f.set_memory(2, CustomerMemory::default(), &st);
    assert_eq!(f.memory, Some(memory));
}

#[test]
fn a_field_reached_by_tab_is_typed_over_not_appended_to() {
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = new_form(&cs);
    f.focus = Field::Date;
    press(&mut f, &key(KeyCode::Tab), &c); // start: "09:00", selected
    assert_eq!(f.focus, Field::Start);
    assert!(f.start.selected(), "shown selected");
    typ(&mut f, "9", &c);
    assert_eq!(f.start.text(), "9", "replaced, not \"09:009\"");
    typ(&mut f, ":30", &c);
    assert_eq!(f.start.text(), "9:30");
    // Arrows keep the text: the key after them is added.
    press(&mut f, &key(KeyCode::Tab), &c); // duration
    press(&mut f, &key(KeyCode::End), &c);
    typ(&mut f, "0", &c);
    assert_eq!(f.duration.text(), "3 h0");
}

#[test]
fn lengths_of_time_are_written_in_the_forms_language() {
    let da = crate::i18n::Language::Da.words();
    let f =
        BookingForm::new(today(), NaiveTime::from_hms_opt(9, 0, 0).expect("t"), None).speaking(da);
    assert_eq!((f.duration.text(), f.estimate.text()), ("3 t", "3 t"));
    let en = crate::i18n::Language::En.words();
    let f = BookingForm::for_slot(
        today(),
        NaiveTime::from_hms_opt(9, 0, 0).expect("t"),
        150,
        None,
        "Anna",
        "",
        None,
    )
    .speaking(en);
    assert_eq!(f.duration.text(), "2 h 30 min");
    assert_eq!(
        crate::domain::when::parse_duration(f.duration.text()),
        Ok(150)
    );
    assert_eq!(crate::domain::when::parse_duration("2 t 30 min"), Ok(150));
}

#[test]
fn editing_a_booking_without_its_own_address_shows_the_customers() {
    let start = Utc
        .with_ymd_and_hms(2026, 11, 20, 8, 0, 0)
        .single()
        .expect("t");
    let b = Booking {
        id: 7,
        customer_id: 1,
        staff_id: Some(1),
        service: "Fast rengøring".into(),
        start,
        end: start + chrono::Duration::hours(2),
        estimate_min: 120,
        status: crate::domain::BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: String::new(),
        notes: String::new(),
        review: String::new(),
        cancel_reason: String::new(),
        version: 1,
    };
    let (cs, st) = (customers(), staff());
    let c = ctx(&st, &cs);
    let mut f = BookingForm::edit(&b, "Søren Østergaard", st.first(), BusinessTz::default());
    f.show_customer_address("Fredensgade 14, 8000 Aarhus C");
    assert_eq!(f.address.text(), "Fredensgade 14, 8000 Aarhus C");
    // Saved unchanged, the booking still follows the customer's address.
    let (draft, _) = f.draft(&c).expect("draft");
    assert_eq!(draft.address, "");
    // A booking with its own address keeps it.
    let own = Booking {
        address: "Sommerhus, Skagen".into(),
        ..b
    };
    let mut f = BookingForm::edit(&own, "Søren Østergaard", st.first(), BusinessTz::default());
    f.show_customer_address("Fredensgade 14, 8000 Aarhus C");
    assert_eq!(f.address.text(), "Sommerhus, Skagen");
}

#[test]
fn the_danish_form_refuses_in_danish() {
    let (cs, st) = (customers(), staff());
    let da = FormContext {
        words: crate::i18n::Language::Da.words(),
        ..ctx(&st, &cs)
    };
    let mut f = new_form(&cs);
    f.date.set("32/1");
    assert_eq!(
        f.check(Field::Date, &da),
        Err("\"32/1\" er ikke en dato: januar 2027 har dagene 1 til 31".into())
    );
    f.date.set("25/11");
    f.start.set("25");
    assert_eq!(
        f.check(Field::Start, &da),
        Err("\"25\": timerne går fra 0 til 23 (midnat er 0:00); skriv det som 9, 9:30, 09.30 eller 0930".into())
    );
    f.start.set("9");
    f.duration.set("2 parsec");
    assert_eq!(
        f.check(Field::Duration, &da),
        Err(
            "\"2 parsec\": ukendt enhed \"parsec\" (brug t eller h for timer, min for minutter)"
                .into()
        )
    );
    f.pick_customer(1, &da);
    f.duration.set("2 parsec");
    let (field, why) = f.draft(&da).expect_err("refused");
    assert_eq!(field, Field::Duration);
    assert!(why.contains("ukendt enhed"), "{why}");
}

#[test]
fn a_series_that_ends_before_its_first_visit_is_refused_in_the_ends_field() {
    let (cs, st) = (customers(), staff());
    let da = FormContext {
        words: crate::i18n::Language::Da.words(),
        ..ctx(&st, &cs)
    };
    let mut f = new_form(&cs);
    f.date.set("25/11");
    f.repeats.set("hver 2. uge");
    f.ends.set("til 1/11");
    assert_eq!(
        f.check(Field::Ends, &da),
        Err("slutter: slutdatoen (1/11) ligger før seriens start (25/11)".into())
    );
    f.ends.set("til 1/12");
    assert!(f.check(Field::Ends, &da).is_ok());
}
