//! New customers inside the booking form and the customer screen (`K`),
//! key by key, with the store worker's own service answering on a real
//! database.

use crossterm::event::{KeyCode, KeyModifiers};

use super::edit_tests::Harness;
use super::*;
use crate::clock::Clock;
use crate::engine::worker::{Attempt, Refusal};
use crate::store::{Store, StoreError};

fn ctrl(h: &mut Harness, c: char) -> Vec<Effect> {
    h.press_mod(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn form(h: &Harness) -> &FormState {
    match &h.app.mode {
        Mode::Form(fs) => fs,
        _ => panic!("the booking form is open"),
    }
}

fn sub(h: &Harness) -> &crate::tui::form::CustomerForm {
    form(h)
        .new_customer
        .as_deref()
        .expect("the new-customer form is open")
}

fn adds(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Request(Request::AddCustomer { .. })))
        .count()
}

/// `n`, a service typed, then a customer nobody matches, then ctrl-n.
fn new_customer_over_a_booking(h: &mut Harness, name: &str) {
    h.app.lane = 1; // Bo
    h.app.selected = None;
    h.press(KeyCode::Char('n'));
    h.typ(name);
    assert!(form(h).form.hits.is_empty(), "nobody matches {name}");
    ctrl(h, 'n');
}

#[test]
fn the_empty_list_says_so_and_names_the_key_for_a_new_customer() {
    let mut h = Harness::new();
    h.press(KeyCode::Char('n'));
    h.typ("Karen Blixen");
    let fs = form(&h);
    let ctx = crate::tui::form::FormContext {
        today: h.app.today(),
        tz: h.app.settings.tz,
        staff: &[],
        customers: h.app.customers.as_ref(),
        keys: &h.app.keymap,
        words: h.app.words(),
    };
    assert_eq!(
        fs.form.check(crate::tui::form::Field::Customer, &ctx),
        Err("no customer 'Karen Blixen' — ctrl-n new".into())
    );
}

#[test]
fn a_customer_made_inside_the_form_is_booked_in_one_go() {
    let mut h = Harness::new();
    new_customer_over_a_booking(&mut h, "Karen Blixen");
    let s = sub(&h);
    assert_eq!(s.name.text(), "Karen Blixen", "named as typed");
    assert_eq!(s.focus, crate::tui::form::ContactField::Phone);
    assert_eq!(h.app.mode.key_mode(), KeyMode::Form);
    h.typ("20 30 40 50");
    h.press(KeyCode::Tab); // e-mail
    h.typ("karen@Blixen.DK");
    h.press(KeyCode::Tab); // address
    h.typ("Rungstedvej 111");
    let effects = ctrl(&mut h, 's');
    assert_eq!(adds(&effects), 1);
    let fs = form(&h);
    assert!(fs.new_customer.is_none(), "the customer form closed");
    let id = fs
        .form
        .customer_id
        .expect("the booking has the new customer");
    assert_eq!(fs.form.customer.text(), "Karen Blixen");
    assert_eq!(fs.form.address.text(), "Rungstedvej 111");
    assert_eq!(fs.form.cleaner.text(), "Bo Madsen", "the booking kept");
    let stored = h.service.store().customer(id).expect("stored");
    assert_eq!(stored.phone, "+4520304050", "E.164 as the import stores it");
    assert_eq!(stored.email, "karen@blixen.dk");
    let journal = h
        .service
        .store()
        .journal(Some(("customer", id)), 10)
        .expect("journal");
    assert_eq!(journal[0].action, "customer.add");
    assert_eq!(journal[0].actor, "mette");
    // The customer list knows them now, and the booking saves.
    assert!(
        h.app
            .customers
            .as_ref()
            .is_some_and(|c| c.by_id.contains_key(&id))
    );
    ctrl(&mut h, 's');
    assert!(h.app.mode.is_normal(), "the booking was saved");
    let b = h.app.selected_booking().expect("the new booking");
    assert_eq!(b.customer_id, id);
}

#[test]
fn a_bad_phone_keeps_both_forms_and_names_the_field() {
    let mut h = Harness::new();
    new_customer_over_a_booking(&mut h, "Karen Blixen");
    h.typ("12 34");
    let effects = ctrl(&mut h, 's');
    assert_eq!(adds(&effects), 0, "nothing sent");
    let s = sub(&h);
    let e = s.error.as_deref().expect("why");
    assert!(
        e.starts_with("Phone: \"12 34\" is not a phone number"),
        "{e}"
    );
    assert_eq!(form(&h).form.customer.text(), "Karen Blixen");
    // Esc leaves the customer form only: the booking is still there.
    h.press(KeyCode::Esc);
    let fs = form(&h);
    assert!(fs.new_customer.is_none());
    assert_eq!(fs.form.customer.text(), "Karen Blixen");
}

#[test]
fn a_refused_customer_save_keeps_both_forms_as_they_were() {
    let mut h = Harness::new();
    new_customer_over_a_booking(&mut h, "Karen Blixen");
    h.typ("20304050");
    h.app.on_reply(Reply::Refused(Refusal {
        attempt: Attempt::AddCustomer,
        error: std::sync::Arc::new(StoreError::Invalid("a customer needs a name".into())),
        stale: None,
    }));
    let s = sub(&h);
    assert_eq!(s.phone.text(), "20304050");
    assert_eq!(
        s.error.as_deref(),
        Some("Customer not created: a customer needs a name")
    );
    assert_eq!(form(&h).form.customer.text(), "Karen Blixen");
}

#[test]
fn a_lookalike_is_asked_about_and_use_them_books_the_known_customer() {
    let mut h = Harness::new();
    new_customer_over_a_booking(&mut h, "Soeren Oestergaard X");
    // Same name and address as Søren, once folded.
    h.press(KeyCode::BackTab); // name
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("søren østergaard");
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.press(KeyCode::Tab);
    h.typ("Fredensgade 14");
    let before = h.service.store().customers().expect("list").len();
    ctrl(&mut h, 's');
    let l = sub(&h).lookalike.clone().expect("the question");
    assert_eq!(l.customer.name, "Søren Østergaard");
    assert_eq!(h.app.mode.key_mode(), KeyMode::Duplicate);
    h.press(KeyCode::Char('u'));
    let fs = form(&h);
    assert!(fs.new_customer.is_none());
    assert_eq!(fs.form.customer_id, Some(l.customer.id));
    assert_eq!(h.service.store().customers().expect("list").len(), before);
}

#[test]
fn create_anyway_makes_the_lookalike() {
    let mut h = Harness::new();
    new_customer_over_a_booking(&mut h, "Søren Østergaard jr");
    h.press(KeyCode::BackTab); // name
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.typ("Søren Østergaard");
    for _ in 0..3 {
        h.press(KeyCode::Tab);
    }
    h.typ("Fredensgade 14");
    ctrl(&mut h, 's');
    assert!(sub(&h).lookalike.is_some());
    // Back returns to the customer form as typed.
    h.press(KeyCode::Esc);
    assert!(sub(&h).lookalike.is_none());
    assert_eq!(sub(&h).address.text(), "Fredensgade 14");
    ctrl(&mut h, 's');
    let before = h.service.store().customers().expect("list").len();
    h.press(KeyCode::Char('c'));
    assert_eq!(
        h.service.store().customers().expect("list").len(),
        before + 1
    );
    let id = form(&h).form.customer_id.expect("taken");
    assert_eq!(
        h.service.store().customer(id).expect("new").name,
        "Søren Østergaard"
    );
}

#[test]
fn k_shows_the_customer_of_the_selected_booking() {
    let mut h = Harness::new();
    let first = h.ids[0];
    h.select(first);
    h.press(KeyCode::Char('K'));
    let Mode::Customer(s) = &h.app.mode else {
        panic!("the customer screen is open");
    };
    assert_eq!(h.app.mode.key_mode(), KeyMode::Customer);
    let card = s.card.as_ref().expect("loaded");
    assert_eq!(card.customer.name, "Hansen");
    assert_eq!(card.next.len(), 2, "both of today's jobs are still ahead");
    assert!(card.past.is_empty());
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Esc);
    assert!(h.app.mode.is_normal());
}

#[test]
fn k_edits_the_details_as_one_journaled_write() {
    let mut h = Harness::new();
    h.select(h.ids[0]);
    h.press(KeyCode::Char('K'));
    h.press(KeyCode::Char('e'));
    assert_eq!(h.app.mode.key_mode(), KeyMode::Form);
    h.press(KeyCode::Tab); // phone
    h.typ("+45 11 22 33 44");
    h.press(KeyCode::Tab); // e-mail
    h.typ("not an address");
    ctrl(&mut h, 's');
    let Mode::Customer(s) = &h.app.mode else {
        panic!("still on the customer screen");
    };
    let e = s.edit.as_ref().expect("still editing");
    assert!(
        e.error
            .as_deref()
            .is_some_and(|e| e.starts_with("E-mail: ")),
        "{:?}",
        e.error
    );
    h.press_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    ctrl(&mut h, 's');
    let Mode::Customer(s) = &h.app.mode else {
        panic!("still on the customer screen");
    };
    assert!(s.edit.is_none(), "saved");
    let id = s.id;
    assert_eq!(
        s.card.as_ref().map(|c| c.customer.phone.as_str()),
        Some("+4511223344")
    );
    let journal = h
        .service
        .store()
        .journal(Some(("customer", id)), 10)
        .expect("journal");
    assert_eq!(journal[0].action, "customer.edit");
}

#[test]
fn k_refuses_to_overwrite_another_dispatchers_change() {
    let mut h = Harness::new();
    h.select(h.ids[0]);
    h.press(KeyCode::Char('K'));
    h.press(KeyCode::Char('e'));
    let id = match &h.app.mode {
        Mode::Customer(s) => s.id,
        _ => panic!("open"),
    };
    // Sara changes the customer meanwhile.
    let mut sara =
        Store::open(&h.db_path(), "sara", Clock::Fixed(h.app.now)).expect("second console");
    let mut c = sara.customer(id).expect("c");
    c.notes = "Ring først".into();
    sara.edit_customer(&c).expect("sara's edit");
    // The name is selected: end keeps it, and the words are added.
    h.press(KeyCode::End);
    h.typ(" og Søn");
    ctrl(&mut h, 's');
    let Mode::Customer(s) = &h.app.mode else {
        panic!("still on the customer screen");
    };
    let e = s.edit.as_ref().expect("still editing, as typed");
    assert_eq!(e.name.text(), "Hansen og Søn");
    let why = e.error.as_deref().expect("refused");
    assert!(why.contains("sara"), "{why}");
    let stored = h.service.store().customer(id).expect("c");
    assert_eq!(stored.name, "Hansen", "not overwritten");
    assert_eq!(stored.notes, "Ring først");
}
