//! Two dispatchers on one booking, in the real binary in a real terminal
//! (tmux, 80×24): the console edits #1 while "anna" (another login, writing
//! through the store from the test) moves it. Saving opens the decision
//! panel, read from the screen; saving again without a decision asks
//! again; `t` leaves anna's booking, `o` writes ours over hers and keeps
//! what only she changed.

use crate::common;

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::{NOW, Tmux};
use renos::clock::Clock;
use renos::domain::{Booking, BookingDraft, BookingStatus, WorkingHours};
use renos::store::{NewBooking, NewCustomer, NewStaff, Save, Store};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .expect("now")
        .with_timezone(&Utc)
}

/// 20/11 at `h:m` local (UTC+1).
fn at(h: u32, m: u32) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("2026-11-20T{h:02}:{m:02}:00+01:00"))
        .expect("time")
        .with_timezone(&Utc)
}

fn store(db: &Path, who: &str) -> Store {
    Store::open(db, who, Clock::Fixed(now())).expect("open")
}

/// Anna Jensen, customer Hansen, and booking #1 at 10:00–12:00 today.
fn seed(db: &Path) -> i64 {
    let mut s = store(db, "anna");
    s.batch(|w| {
        let anna = w.add_staff(NewStaff {
            name: "Anna Jensen".into(),
            hours: WorkingHours::parse("mon-fri 07:00-16:00").expect("hours"),
            ..Default::default()
        })?;
        let hansen = w.add_customer(NewCustomer {
            name: "Hansen".into(),
            address: "Vestergade 1".into(),
            ..Default::default()
        })?;
        Ok(w.add_booking(NewBooking {
            customer_id: hansen.id,
            staff_id: Some(anna.id),
            service: "Fast rengøring".into(),
            start: at(10, 0),
            end: at(12, 0),
            estimate_min: 120,
            status: BookingStatus::Scheduled,
            started_at: None,
            finished_at: None,
            address: String::new(),
            notes: String::new(),
        })?
        .id)
    })
    .expect("seed")
}

/// Anna's change, from her own connection.
fn anna_changes(db: &Path, id: i64, change: impl FnOnce(&mut BookingDraft)) -> Booking {
    let mut s = store(db, "anna");
    let b = s.booking(id).expect("booking");
    let mut d = BookingDraft::of(&b);
    change(&mut d);
    s.save_booking(Save {
        target: Some((id, b.version)),
        draft: d,
        accepted: vec![],
        reason: String::new(),
    })
    .expect("anna's change")
}

fn stored(db: &Path, id: i64) -> Booking {
    store(db, "test").booking(id).expect("booking")
}

/// `e` on the selected booking, then the start field set to `hm`.
fn edit_start(t: &Tmux, id: i64, hm: &str) {
    t.keys(&["e"]);
    t.wait_text(&format!("Edit booking #{id}"));
    // The form opens on the cleaner: service, date, start.
    t.keys(&["Tab", "Tab", "Tab", "C-u"]);
    t.tmux(&["send-keys", "-t", "t", "-l", hm]);
    t.wait_text(&format!("Start      {hm}"));
}

fn wait_panel(t: &Tmux) -> String {
    t.wait_for("the decision panel", Duration::from_secs(10), |s| {
        s.contains("changed meanwhile") && s.contains("esc: back to edit")
    })
}

#[test]
fn a_save_over_another_dispatchers_move_asks_and_t_or_o_decide() {
    let t = Tmux::start();
    let db = t.path("renos.db");
    let id = seed(&db);
    t.run(&format!(
        "renos --db {} --now {NOW}; echo EXITED:$?:o\"\"k",
        db.display()
    ));
    t.wait_text("1 booking");

    // Round 1: we move it to 11:00 in the form, anna moves it to 10:30.
    edit_start(&t, id, "11:00");
    let theirs = anna_changes(&db, id, |d| {
        d.start = at(10, 30);
        d.end = at(12, 30);
    });
    t.keys(&["C-s"]);
    let screen = wait_panel(&t);
    assert!(
        screen.contains(&format!("anna moved #{id} at 11:02 since you opened it.")),
        "{screen}"
    );
    let start = screen
        .lines()
        .find(|l| l.contains("Start    theirs"))
        .unwrap_or_else(|| panic!("a line for the start:\n{screen}"));
    assert!(
        start.contains("! Start")
            && start.contains("theirs 10:30")
            && start.contains("yours 11:00"),
        "{start}"
    );
    assert!(screen.contains("t take theirs"), "footer keys:\n{screen}");
    // Back to the form, and ctrl-s again: asked again, nothing written.
    t.keys(&["Escape"]);
    t.wait_for("the form again", Duration::from_secs(10), |s| {
        !s.contains("changed meanwhile") && s.contains(&format!("Edit booking #{id}"))
    });
    t.keys(&["C-s"]);
    wait_panel(&t);
    assert_eq!(stored(&db, id), theirs, "anna's move stands");
    // t: take theirs.
    t.keys(&["t"]);
    t.wait_text("Took anna's version");
    assert_eq!(stored(&db, id), theirs);

    // Round 2: we move it to 11:00 again; anna moves it to 09:30 and adds
    // a note. o: ours over hers, her note kept.
    edit_start(&t, id, "11:00");
    anna_changes(&db, id, |d| {
        d.start = at(9, 30);
        d.end = at(11, 30);
        d.notes = "Nøgle hos naboen".into();
    });
    t.keys(&["C-s"]);
    let screen = wait_panel(&t);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Notes    theirs Nøgle hos naboen") && l.contains("theirs kept")),
        "{screen}"
    );
    t.keys(&["o"]);
    t.wait_text(&format!("Moved booking #{id}"));
    let now = stored(&db, id);
    assert_eq!((now.start, now.end), (at(11, 0), at(13, 0)), "ours");
    assert_eq!(now.notes, "Nøgle hos naboen", "hers kept");
    let entry = store(&db, "test")
        .journal(Some(("booking", id)), 1)
        .expect("journal")
        .remove(0);
    assert_eq!(entry.actor, renos::config::login(), "journaled as ours");
    assert_eq!(entry.action, "booking.move");

    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |s| {
        s.contains("EXITED:0:ok")
    });
}
