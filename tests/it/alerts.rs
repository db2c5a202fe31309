//! Calls and SMS through the Twilio sandbox with the real client: the words
//! spoken and sent, automatic alerts exactly once across consoles and a
//! restart, and what a 4xx and a 429 each do.

use crate::office_env;

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use office_env::*;
use renos::clock::Clock;
use renos::engine::delivery::Delivery;
use renos::engine::{alerts, office};
use renos::sandbox::TwilioFaults;
use renos::store::{AlertOutcome, AlertState, TWILIO_ALERT};
use renos::words::news;
use serde_json::Value;

fn calls(env: &Env) -> Vec<Value> {
    env.sandbox.twilio().calls()
}

#[test]
fn a_call_speaks_danish_and_is_recorded() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Jensen & Søn <A/S>");
    let id = job(&mut store, &s, at(15, 0), 120, false);
    let client = alerts::client(&env.settings).expect("client");
    let rec = alerts::raise_manual(&mut store, &env.settings, id, None, None).expect("raise");
    assert_eq!(rec.to, ON_CALL);
    let d = rt()
        .block_on(alerts::deliver(&mut store, &client, Some(rec.id)))
        .expect("deliver");
    assert_eq!(d.done.len(), 1, "{d:?}");
    let made = calls(&env);
    assert_eq!(made.len(), 1);
    let call = &made[0];
    assert_eq!(call["to"], ON_CALL);
    assert_eq!(call["language"], "da-DK");
    let said = call["say"].as_str().expect("say");
    assert_eq!(said, rec.message);
    assert_eq!(
        said,
        "Besked fra RenOS: Det gælder bookingen hos Jensen & Søn <A/S> i dag kl. 16:00 med \
         Maria Jensen & Søn <A/S>. Ring venligst til kontoret."
    );
    let twiml = call["twiml"].as_str().expect("twiml");
    assert!(twiml.contains("&amp; Søn &lt;A/S&gt;"), "{twiml}");
    assert!(twiml.contains("<Say language=\"da-DK\""), "{twiml}");
    let rec = store.alert(rec.id).expect("alert");
    assert_eq!(rec.state, AlertState::Sent);
    assert_eq!(rec.sid.as_deref(), call["sid"].as_str());
    assert_eq!(rec.status, "queued");
    let journal = store.journal(Some(("booking", id)), 10).expect("journal");
    let sent = journal
        .iter()
        .find(|e| e.action == "alert.sent")
        .expect("journaled");
    assert_eq!(sent.after.as_ref().expect("after")["sid"], call["sid"]);

    // --to and --message.
    let rec = alerts::raise_manual(
        &mut store,
        &env.settings,
        id,
        Some("22 33 44 55"),
        Some("Ring til Mette"),
    )
    .expect("raise");
    rt().block_on(alerts::deliver(&mut store, &client, Some(rec.id)))
        .expect("deliver");
    let made = calls(&env);
    assert_eq!(made.len(), 2);
    assert_eq!(made[1]["to"], "+4522334455");
    assert_eq!(made[1]["say"], "Ring til Mette");
    // Its status moves on as Twilio reports it.
    rt().block_on(alerts::refresh_statuses(&mut store, &client))
        .expect("refresh");
    assert_ne!(store.alert(rec.id).expect("alert").status, "queued");
}

#[test]
fn reminders_go_once_to_tomorrows_customers() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Bach");
    let tomorrow = at(8, 0) + Duration::days(1);
    let id = job(&mut store, &s, tomorrow, 120, false);
    // Today's and the day after's are not reminded of.
    job(&mut store, &s, at(16, 0), 60, false);
    job(&mut store, &s, tomorrow + Duration::days(1), 60, false);
    let client = alerts::client(&env.settings).expect("client");
    let (plan, skipped) = alerts::reminders(&store, &env.settings).expect("plan");
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].booking_id, id);
    let queued = alerts::queue_reminders(&mut store, &env.settings).expect("queue");
    assert_eq!(queued.len(), 1);
    rt().block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    let sms = env.sandbox.twilio().messages();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0]["to"], "+4540404040");
    assert_eq!(
        sms[0]["body"],
        "Hej Bach. Påmindelse: Rengøring er booket i morgen kl. 09:00. Passer tidspunktet \
         ikke, så svar på denne besked. Venlig hilsen RenOS"
    );
    // Again: nothing new.
    assert!(
        alerts::queue_reminders(&mut store, &env.settings)
            .expect("queue")
            .is_empty()
    );
    let (plan, _) = alerts::reminders(&store, &env.settings).expect("plan");
    assert!(plan[0].already);
    assert_eq!(env.sandbox.twilio().messages().len(), 1);
}

/// Two consoles' back offices on one database, a job running into the
/// overtime alert and a double booking: each alert is placed once; a
/// restarted console places nothing again.
#[test]
fn automatic_alerts_fire_once_across_two_consoles_and_a_restart() {
    let mut env = Env::new();
    env.settings.alerts.auto = true;
    // Look for alerts every second rather than every ten, so a few looks
    // take seconds.
    env.settings.office.alert_every = StdDuration::from_secs(1);
    env.settings.office.call_status_every = StdDuration::from_secs(1);
    let mut store = env.store();
    let s = seed(&mut store, "Hansen");
    // Started 11:00 UTC on a 60 min estimate; at 13:00 it is 60 min over: an alert.
    let running = job(&mut store, &s, at(11, 0), 60, true);
    // Two jobs of one cleaner at the same time this afternoon.
    let other = seed(&mut store, "Lund");
    let a = job(&mut store, &other, at(15, 0), 120, false);
    let b = job(&mut store, &other, at(16, 0), 60, false);
    drop(store);

    let spawn = |name: &str| {
        office::spawn(
            env.settings.clone(),
            env.db.clone(),
            name.to_string(),
            Clock::Fixed(now()),
            |_| {},
        )
    };
    let wait_for = |n: usize| {
        let deadline = Instant::now() + StdDuration::from_secs(20);
        while calls(&env).len() < n && Instant::now() < deadline {
            std::thread::sleep(StdDuration::from_millis(100));
        }
    };
    let first = spawn("mette");
    let second = spawn("jonas");
    wait_for(2);
    // Let both consoles look a few more times.
    std::thread::sleep(StdDuration::from_secs(3));
    drop(first);
    drop(second);
    let made = calls(&env);
    assert_eq!(made.len(), 2, "{made:#?}");
    let said: Vec<&str> = made.iter().filter_map(|c| c["say"].as_str()).collect();
    assert!(
        said.contains(&"Overtid detekteret! Booking hos Hansen er 1 time over estimatet."),
        "{said:?}"
    );
    assert!(
        said.iter().any(|s| s.starts_with(
            "Dobbeltbooking detekteret! Maria Lund er booket hos Lund og Lund samtidig i dag kl. 17:00."
        )),
        "{said:?}"
    );
    let store = env.store();
    let list = store.alerts(10).expect("alerts");
    assert_eq!(list.len(), 2);
    let db = list
        .iter()
        .find(|x| x.booking_id == a.min(b))
        .expect("double booking alert");
    assert_eq!(db.priority.as_str(), "critical");
    assert!(list.iter().any(|a| a.booking_id == running));

    // A restart, later: still nothing new.
    let third = office::spawn(
        env.settings.clone(),
        env.db.clone(),
        "mette".into(),
        Clock::Fixed(now() + Duration::minutes(20)),
        |_| {},
    );
    std::thread::sleep(StdDuration::from_secs(3));
    drop(third);
    assert_eq!(calls(&env).len(), 2);
}

#[test]
fn a_bad_number_is_refused_for_good_and_a_busy_twilio_is_retried() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Kofoed");
    let id = job(&mut store, &s, at(15, 0), 60, false);
    let client = alerts::client(&env.settings).expect("client");
    let rt = rt();

    env.sandbox.twilio().set_faults(TwilioFaults {
        reject_numbers: vec!["+4599999999".into()],
        ..TwilioFaults::default()
    });
    let rec = alerts::raise_manual(&mut store, &env.settings, id, Some("+4599999999"), None)
        .expect("raise");
    let d = rt
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert_eq!(d.refused.len(), 1, "{d:?}");
    assert!(
        matches!(&d.refused[0], Delivery::AlertFailed { to, for_good: true, .. } if to == "+4599999999"),
        "{d:?}"
    );
    assert!(
        news::delivery(renos::i18n::Language::En.words(), &d.refused[0]).contains("+4599999999"),
        "{d:?}"
    );
    let rec = store.alert(rec.id).expect("alert");
    assert_eq!(rec.state, AlertState::Failed);
    assert!(
        rec.error.contains("21211") || rec.error.contains("not a valid"),
        "{}",
        rec.error
    );
    assert!(
        store
            .outbox_entry(TWILIO_ALERT, &rec.id.to_string())
            .expect("read")
            .expect("kept")
            .failed
    );
    // A later round does not try it again.
    let d = rt
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert!(d.is_empty(), "{d:?}");
    assert!(calls(&env).is_empty());

    // 429: not placed, kept pending with a backoff, placed once later.
    env.sandbox.twilio().set_faults(TwilioFaults {
        rate_limit: 1,
        retry_after_secs: Some(30),
        ..TwilioFaults::default()
    });
    let rec = alerts::raise_manual(&mut store, &env.settings, id, None, None).expect("raise");
    let d = rt
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert_eq!(d.retrying.len(), 1, "{d:?}");
    let pending = store.alert(rec.id).expect("alert");
    assert_eq!(pending.state, AlertState::Pending);
    assert_eq!(pending.attempts, 1);
    let entry = store
        .outbox_entry(TWILIO_ALERT, &rec.id.to_string())
        .expect("read")
        .expect("queued");
    assert!(entry.next_at >= now() + Duration::seconds(30));
    // Not due yet at the same instant.
    let d = rt
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert!(d.is_empty(), "{d:?}");
    assert!(calls(&env).is_empty());
    // A minute later it is.
    let mut later = env.store_at("mette", now() + Duration::minutes(1));
    let d = rt
        .block_on(alerts::deliver(&mut later, &client, None))
        .expect("deliver");
    assert_eq!(d.done.len(), 1, "{d:?}");
    assert_eq!(calls(&env).len(), 1);
    assert_eq!(later.alert(rec.id).expect("alert").state, AlertState::Sent);
}

#[test]
fn the_database_keeps_automatic_alerts_unique_and_manual_calls_not() {
    use renos::domain::alert::{AlertKind, Priority};
    use renos::store::{Channel, NewAlert};
    let env = Env::new();
    let mut a = env.store_at("mette", now());
    let mut b = env.store_at("jonas", now());
    let s = seed(&mut a, "Lund");
    let id = job(&mut a, &s, at(9, 0), 60, true);
    let new = |kind, threshold: &str| NewAlert {
        booking_id: id,
        kind,
        threshold: threshold.into(),
        channel: Channel::Voice,
        to: ON_CALL.into(),
        message: "x".into(),
        priority: Priority::High,
    };
    // Two connections raise the same automatic alert: one row.
    assert!(
        a.raise_alert(&new(AlertKind::Overtime, "alert"))
            .expect("raise")
            .is_some()
    );
    assert!(
        b.raise_alert(&new(AlertKind::Overtime, "alert"))
            .expect("raise")
            .is_none()
    );
    // Another threshold or kind is another alert; manual calls repeat.
    assert!(
        b.raise_alert(&new(AlertKind::DoubleBooking, "with-9"))
            .expect("raise")
            .is_some()
    );
    assert!(
        a.raise_alert(&new(AlertKind::Manual, ""))
            .expect("raise")
            .is_some()
    );
    assert!(
        b.raise_alert(&new(AlertKind::Manual, ""))
            .expect("raise")
            .is_some()
    );
    assert_eq!(a.alerts(10).expect("alerts").len(), 4);
    assert_eq!(
        a.outbox_items(renos::store::TWILIO_ALERT)
            .expect("outbox")
            .len(),
        4,
        "each alert has its outbox entry"
    );
}

// ---- never twice, never lost: every way an answer can go missing ----------

/// One manual call about a fresh booking, raised and not yet delivered.
fn one_call(env: &Env, store: &mut renos::store::Store) -> renos::store::AlertRecord {
    let s = seed(store, "Holm");
    let id = job(store, &s, at(15, 0), 60, false);
    alerts::raise_manual(store, &env.settings, id, None, None).expect("raise")
}

/// Delivers alert `id` until it is no longer pending (at most `rounds`).
fn settle(env: &Env, store: &mut renos::store::Store, id: i64, rounds: usize) {
    let client = alerts::client(&env.settings).expect("client");
    for _ in 0..rounds {
        if store.alert(id).expect("alert").state != AlertState::Pending {
            return;
        }
        rt().block_on(alerts::deliver(store, &client, Some(id)))
            .expect("deliver");
    }
}

#[test]
fn a_500_after_the_call_was_placed_does_not_place_it_again() {
    let env = Env::new();
    let mut store = env.store();
    let rec = one_call(&env, &mut store);
    env.sandbox.twilio().set_faults(TwilioFaults {
        error_after: 1,
        fail_on: Some("Calls".into()),
        ..TwilioFaults::default()
    });
    settle(&env, &mut store, rec.id, 4);
    let made = calls(&env);
    assert_eq!(made.len(), 1, "{made:#?}");
    let rec = store.alert(rec.id).expect("alert");
    assert_eq!(rec.state, AlertState::Sent);
    assert_eq!(
        rec.sid.as_deref(),
        made[0]["sid"].as_str(),
        "the call found is adopted"
    );
    let journal = store
        .journal(Some(("booking", rec.booking_id)), 10)
        .expect("journal");
    assert!(
        journal.iter().any(|e| e.action == "alert.found"),
        "{journal:?}"
    );
}

#[test]
fn a_dropped_answer_after_the_call_was_placed_does_not_place_it_again() {
    for channel_fault in ["Calls", "Messages"] {
        let env = Env::new();
        let mut store = env.store();
        let rec = if channel_fault == "Calls" {
            one_call(&env, &mut store)
        } else {
            let s = seed(&mut store, "Bach");
            job(&mut store, &s, at(8, 0) + Duration::days(1), 120, false);
            alerts::queue_reminders(&mut store, &env.settings)
                .expect("queue")
                .remove(0)
        };
        env.sandbox.twilio().set_faults(TwilioFaults {
            drop_after: 1,
            fail_on: Some(channel_fault.into()),
            ..TwilioFaults::default()
        });
        settle(&env, &mut store, rec.id, 4);
        let made = calls(&env).len() + env.sandbox.twilio().messages().len();
        assert_eq!(made, 1, "{channel_fault}");
        assert_eq!(store.alert(rec.id).expect("alert").state, AlertState::Sent);
    }
}

#[test]
fn a_kill_between_the_request_and_the_record_places_the_call_once() {
    let env = Env::new();
    let mut store = env.store();
    let rec = one_call(&env, &mut store);
    let client = alerts::client(&env.settings).expect("client");
    // What the killed process did: noted the attempt, placed the call, died.
    assert!(
        store
            .alert_trying(rec.id, chrono::Utc::now())
            .expect("note")
    );
    let twiml = renos::providers::twilio::say_twiml(&rec.message);
    rt().block_on(client.call(&rec.to, &twiml)).expect("placed");
    drop(store);
    // A new process, later.
    let mut store = env.store_at("jonas", now() + Duration::minutes(5));
    let d = rt()
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert_eq!(d.done.len(), 1, "{d:?}");
    assert_eq!(calls(&env).len(), 1);
    let rec = store.alert(rec.id).expect("alert");
    assert_eq!(rec.sid.as_deref(), calls(&env)[0]["sid"].as_str());

    // Killed before the request left: nothing at Twilio, so it is placed.
    let rec =
        alerts::raise_manual(&mut store, &env.settings, rec.booking_id, None, None).expect("raise");
    assert!(
        store
            .alert_trying(rec.id, chrono::Utc::now())
            .expect("note")
    );
    let d = rt()
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert_eq!(d.done.len(), 1, "{d:?}");
    assert_eq!(calls(&env).len(), 2);
}

#[test]
fn a_500_before_anything_was_placed_places_the_call_once_after_looking() {
    let env = Env::new();
    let mut store = env.store();
    let rec = one_call(&env, &mut store);
    env.sandbox.twilio().set_faults(TwilioFaults {
        server_error: 1,
        ..TwilioFaults::default()
    });
    settle(&env, &mut store, rec.id, 3);
    assert_eq!(calls(&env).len(), 1);
    assert_eq!(store.alert(rec.id).expect("alert").state, AlertState::Sent);
}

#[test]
fn when_the_search_fails_nothing_is_sent() {
    let env = Env::new();
    let mut store = env.store();
    let rec = one_call(&env, &mut store);
    let client = alerts::client(&env.settings).expect("client");
    env.sandbox.twilio().set_faults(TwilioFaults {
        error_after: 1,
        fail_on: Some("Calls".into()),
        ..TwilioFaults::default()
    });
    rt().block_on(alerts::deliver(&mut store, &client, Some(rec.id)))
        .expect("deliver");
    assert_eq!(calls(&env).len(), 1);
    // The search itself answers 500, twice: the alert waits, unsent.
    env.sandbox.twilio().set_faults(TwilioFaults {
        server_error: 2,
        fail_on: Some("Calls".into()),
        ..TwilioFaults::default()
    });
    for _ in 0..2 {
        let d = rt()
            .block_on(alerts::deliver(&mut store, &client, Some(rec.id)))
            .expect("deliver");
        assert_eq!(d.retrying.len(), 1, "{d:?}");
        assert_eq!(
            store.alert(rec.id).expect("alert").state,
            AlertState::Pending
        );
    }
    settle(&env, &mut store, rec.id, 2);
    assert_eq!(calls(&env).len(), 1);
    assert_eq!(store.alert(rec.id).expect("alert").state, AlertState::Sent);
}

/// Two calls to one number, the first in doubt: the second waits until the
/// first is settled, so the call found is never taken for the wrong alert.
#[test]
fn two_calls_to_one_number_each_ring_once_with_their_own_words() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Dahl");
    let id = job(&mut store, &s, at(15, 0), 60, false);
    let client = alerts::client(&env.settings).expect("client");
    let first =
        alerts::raise_manual(&mut store, &env.settings, id, None, Some("Første")).expect("raise");
    let second =
        alerts::raise_manual(&mut store, &env.settings, id, None, Some("Anden")).expect("raise");
    env.sandbox.twilio().set_faults(TwilioFaults {
        error_after: 1,
        fail_on: Some("Calls.json".into()),
        ..TwilioFaults::default()
    });
    let d = rt()
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert_eq!(d.retrying.len(), 2, "{d:?}");
    assert_eq!(calls(&env).len(), 1, "the second waits for the first");
    let mut later = env.store_at("mette", now() + Duration::minutes(15));
    rt().block_on(alerts::deliver(&mut later, &client, None))
        .expect("deliver");
    let made = calls(&env);
    let said: Vec<&str> = made.iter().filter_map(|c| c["say"].as_str()).collect();
    assert_eq!(said, ["Første", "Anden"]);
    for (rec, call) in [(first, &made[0]), (second, &made[1])] {
        let rec = later.alert(rec.id).expect("alert");
        assert_eq!(rec.state, AlertState::Sent);
        assert_eq!(rec.sid.as_deref(), call["sid"].as_str(), "{}", rec.message);
    }
}

// ---- what became of them ---------------------------------------------------

#[test]
fn an_undelivered_reminder_is_shown_and_not_counted_as_delivered() {
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Bach");
    job(&mut store, &s, at(8, 0) + Duration::days(1), 120, false);
    env.sandbox
        .twilio()
        .set_message_outcome("+4540404040", "undelivered", Some(30005));
    let client = alerts::client(&env.settings).expect("client");
    let queued = alerts::queue_reminders(&mut store, &env.settings).expect("queue");
    let d = rt()
        .block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert_eq!(d.done.len(), 1, "Twilio took it: {d:?}");
    let id = queued[0].id;
    assert_eq!(
        store.alert(id).expect("alert").outcome(),
        AlertOutcome::UnderWay
    );
    let mut refused = Vec::new();
    for _ in 0..4 {
        let d = rt()
            .block_on(alerts::refresh_statuses(&mut store, &client))
            .expect("refresh");
        refused.extend(d.refused);
    }
    let rec = store.alert(id).expect("alert");
    assert_eq!(rec.status, "undelivered");
    assert_eq!(rec.outcome(), AlertOutcome::NotReached);
    assert!(rec.error.contains("30005"), "{}", rec.error);
    let shown = news::alert_state(renos::i18n::Language::En.words(), &rec);
    assert!(shown.contains("NOT DELIVERED"), "{shown}");
    assert_eq!(refused.len(), 1, "told once: {refused:?}");
    assert!(
        news::delivery(renos::i18n::Language::En.words(), &refused[0]).contains("NOT DELIVERED"),
        "{refused:?}"
    );
    // The booking's latest alert, as the details panel reads it.
    let latest = store.latest_alerts([rec.booking_id]).expect("latest");
    assert_eq!(latest[&rec.booking_id].outcome(), AlertOutcome::NotReached);
    // Settled: not asked again.
    let before = env.sandbox.twilio().stats().status_reads;
    rt().block_on(alerts::refresh_statuses(&mut store, &client))
        .expect("refresh");
    assert_eq!(env.sandbox.twilio().stats().status_reads, before);
}

#[test]
fn busy_and_unanswered_calls_are_shown_as_not_reached() {
    for end in ["busy", "no-answer", "failed"] {
        let env = Env::new();
        let mut store = env.store();
        let rec = one_call(&env, &mut store);
        assert!(env.sandbox.twilio().set_call_outcome(ON_CALL, end));
        let client = alerts::client(&env.settings).expect("client");
        rt().block_on(alerts::deliver(&mut store, &client, Some(rec.id)))
            .expect("deliver");
        let mut refused = Vec::new();
        for _ in 0..3 {
            let d = rt()
                .block_on(alerts::refresh_statuses(&mut store, &client))
                .expect("refresh");
            refused.extend(d.refused);
        }
        let rec = store.alert(rec.id).expect("alert");
        assert_eq!(rec.status, end);
        assert_eq!(rec.outcome(), AlertOutcome::NotReached, "{end}");
        let shown = news::alert_state(renos::i18n::Language::En.words(), &rec);
        assert!(shown.contains("not answered"), "{shown}");
        assert_eq!(refused.len(), 1, "{end}: {refused:?}");
        // Not placed again on its own.
        rt().block_on(alerts::deliver(&mut store, &client, None))
            .expect("deliver");
        assert_eq!(calls(&env).len(), 1, "{end}");
    }
}

/// The sick call's SMS: after jobs are handed to another cleaner, each
/// customer hears once who comes now, through the real client and the
/// Twilio sandbox; asking again sends nothing; handed on once more, the
/// next cleaner is told.
#[test]
fn a_sick_call_tells_each_customer_once_who_comes_now() {
    use renos::store::{Handover, NewStaff};
    let env = Env::new();
    let mut store = env.store();
    let s = seed(&mut store, "Bach");
    let tomorrow = at(8, 0) + Duration::days(1);
    let id = job(&mut store, &s, tomorrow, 120, false);
    let mut cleaner = |name: &str| {
        store
            .add_staff(NewStaff {
                name: name.into(),
                phone: "+4522224444".into(),
                colour: String::new(),
                hours: renos::domain::WorkingHours::parse("mon-sun 06:00-22:00").expect("hours"),
                time_off: Vec::new(),
            })
            .expect("staff")
            .id
    };
    let (lene, ole) = (cleaner("Lene Holm"), cleaner("Ole Berg"));
    let version = store.booking(id).expect("booking").version;
    store
        .reassign_jobs(
            &[Handover {
                booking_id: id,
                version,
                to: lene,
            }],
            "sick call: Maria Bach",
        )
        .expect("reassign");
    let client = alerts::client(&env.settings).expect("client");
    let queued = alerts::queue_new_cleaner(&mut store, &env.settings, &[id]).expect("queue");
    assert_eq!(queued.len(), 1);
    rt().block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    let sms = env.sandbox.twilio().messages();
    assert_eq!(sms.len(), 1, "{sms:?}");
    assert_eq!(sms[0]["to"], "+4540404040");
    let body = sms[0]["body"].as_str().unwrap_or_default();
    assert!(body.contains("Lene Holm"), "{body}");
    // Asked again (a second press, a second console): nothing new.
    assert!(
        alerts::queue_new_cleaner(&mut store, &env.settings, &[id])
            .expect("queue")
            .is_empty()
    );
    rt().block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    assert_eq!(env.sandbox.twilio().messages().len(), 1);
    // Handed on to Ole: the customer hears of him.
    let version = store.booking(id).expect("booking").version;
    store
        .reassign_jobs(
            &[Handover {
                booking_id: id,
                version,
                to: ole,
            }],
            "sick call: Lene Holm",
        )
        .expect("reassign");
    let queued = alerts::queue_new_cleaner(&mut store, &env.settings, &[id]).expect("queue");
    assert_eq!(queued.len(), 1);
    rt().block_on(alerts::deliver(&mut store, &client, None))
        .expect("deliver");
    let sms = env.sandbox.twilio().messages();
    assert_eq!(sms.len(), 2);
    assert!(
        sms[1]["body"]
            .as_str()
            .unwrap_or_default()
            .contains("Ole Berg"),
        "{sms:?}"
    );
}
