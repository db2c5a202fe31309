//! A database and a Google sandbox side by side, for the sync tests.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use renos::clock::Clock;
use renos::config::{GoogleConfig, GoogleCredentials, Settings};
use renos::domain::{Booking, BookingDraft, BusinessTz, WorkingHours};
use renos::engine::sync::{SyncOptions, SyncReport, Syncer};
use renos::providers::google::RetryPolicy;
use renos::sandbox::{self, GoogleAdmin, Sandbox};
use renos::store::{NewCustomer, NewStaff, Save, Store};
use serde_json::{Value, json};

pub const CAL: &str = sandbox::CALENDAR_ID;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 7, 0, 0)
        .single()
        .expect("now")
}

/// 2026-11-23 (a Monday) at `h` o'clock UTC.
pub fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0)
        .single()
        .expect("time")
}

/// Fast retries, so fault tests stay quick.
pub fn quick() -> RetryPolicy {
    RetryPolicy {
        retries: 3,
        base: Duration::from_millis(5),
        max_wait: Duration::from_millis(50),
        timeout: Duration::from_secs(10),
    }
}

pub struct Env {
    pub sandbox: std::sync::Arc<Sandbox>,
    /// Holds the database and key file's folder until the end of the test.
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub settings: Settings,
}

impl Env {
    pub fn new() -> Env {
        let sandbox = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
        Env::with(sandbox)
    }

    pub fn with(sandbox: Sandbox) -> Env {
        Env::shared(std::sync::Arc::new(sandbox))
    }

    /// A fresh database against a sandbox others use too.
    pub fn shared(sandbox: std::sync::Arc<Sandbox>) -> Env {
        let dir = tempfile::tempdir().expect("tmp");
        let key = dir.path().join("key.json");
        std::fs::write(&key, sandbox::key_json(&sandbox.token_uri())).expect("key");
        let db = dir.path().join("renos.db");
        let mut settings = Settings {
            google: GoogleConfig {
                calendar_id: CAL.to_string(),
                staff_calendars: Vec::new(),
                credentials: Some(GoogleCredentials::KeyFile(key)),
                impersonated_user: Some(sandbox::IMPERSONATED_USER.to_string()),
                base_url: sandbox.google_base_url(),
                token_uri: Some(sandbox.token_uri()),
            },
            ..Settings::default()
        };
        // Paced like production, but fast: tests make thousands of requests.
        settings.sync.requests_per_minute = 60_000;
        let env = Env {
            sandbox,
            _dir: dir,
            db,
            settings,
        };
        env.seed();
        env
    }

    pub fn google(&self) -> GoogleAdmin {
        self.sandbox.google()
    }

    pub fn store(&self) -> Store {
        Store::open(&self.db, "mette", Clock::Fixed(now()))
            .expect("store")
            .with_tz(BusinessTz::default())
    }

    fn seed(&self) {
        let mut s = self.store();
        for name in ["Anna", "Bo"] {
            s.add_staff(NewStaff {
                name: name.into(),
                phone: String::new(),
                colour: String::new(),
                hours: WorkingHours::default(),
                time_off: Vec::new(),
            })
            .expect("staff");
        }
        for (name, email, address) in [
            ("Hansen", "hansen@example.dk", "Vestergade 1, 8000 Aarhus"),
            ("Jensen", "jensen@example.dk", "Østergade 2, 8000 Aarhus"),
            ("Madsen", "", "Nørregade 3, 8000 Aarhus"),
        ] {
            s.add_customer(NewCustomer {
                name: name.into(),
                email: email.into(),
                address: address.into(),
                ..NewCustomer::default()
            })
            .expect("customer");
        }
    }

    /// A syncer on its own connection, as `renos sync` makes one.
    pub async fn syncer(&self) -> Syncer {
        let client = renos::engine::sync::client(&self.settings.google, quick())
            .await
            .expect("client")
            .expect("set up");
        Syncer::new(self.store(), client, &self.settings).expect("syncer")
    }

    /// One run with these options on a fresh connection.
    pub async fn run(&self, opts: SyncOptions) -> SyncReport {
        self.syncer().await.run(opts, &mut ()).await.expect("sync")
    }

    pub async fn sync(&self) -> SyncReport {
        self.syncer()
            .await
            .run(SyncOptions::default(), &mut ())
            .await
            .expect("sync")
    }

    /// Every booking, by id.
    pub fn bookings(&self) -> Vec<Booking> {
        let s = self.store();
        s.bookings_between(
            at(0, 0) - chrono::Duration::days(400),
            at(0, 0) + chrono::Duration::days(400),
        )
        .expect("bookings")
    }

    /// Events of the shared calendar that are not cancelled.
    pub fn live_events(&self) -> Vec<Value> {
        self.google()
            .events(CAL)
            .into_iter()
            .filter(|e| e["status"] != "cancelled")
            .collect()
    }

    pub fn event_of(&self, booking_id: i64) -> Value {
        let id = self
            .store()
            .google_link(booking_id)
            .expect("link")
            .expect("linked")
            .event_id;
        self.google()
            .events(CAL)
            .into_iter()
            .find(|e| e["id"] == id.as_str())
            .expect("event")
    }
}

/// A new booking as the console saves one.
pub fn book(store: &mut Store, customer: i64, staff: Option<i64>, h: u32) -> Booking {
    store
        .save_booking(Save {
            target: None,
            draft: BookingDraft {
                customer_id: customer,
                staff_id: staff,
                service: "Fast rengøring".into(),
                start: at(h, 0),
                end: at(h + 2, 0),
                estimate_min: 120,
                address: String::new(),
                notes: String::new(),
                review: String::new(),
            },
            accepted: Vec::new(),
            reason: String::new(),
        })
        .expect("book")
}

/// Moves a booking as the console does.
pub fn edit(store: &mut Store, id: i64, f: impl FnOnce(&mut BookingDraft)) -> Booking {
    let b = store.booking(id).expect("booking");
    let mut d = BookingDraft::of(&b);
    f(&mut d);
    store
        .save_booking(Save {
            target: Some((id, b.version)),
            draft: d,
            accepted: Vec::new(),
            reason: String::new(),
        })
        .expect("edit")
}

/// A timed event as a person makes one in Google Calendar.
pub fn hand_made(summary: &str, start: DateTime<Utc>, hours: i64) -> Value {
    json!({
        "summary": summary,
        "start": {"dateTime": start.to_rfc3339(), "timeZone": "Europe/Copenhagen"},
        "end": {"dateTime": (start + chrono::Duration::hours(hours)).to_rfc3339(), "timeZone": "Europe/Copenhagen"},
    })
}

pub fn time_of(v: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v["dateTime"].as_str().expect("dateTime"))
        .expect("rfc3339")
        .with_timezone(&Utc)
}
