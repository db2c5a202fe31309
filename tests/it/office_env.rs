//! A database and a Billy + Twilio sandbox side by side, for the invoice and
//! alert tests.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use renos::clock::Clock;
use renos::config::Settings;
use renos::domain::{BookingStatus, WorkingHours};
use renos::sandbox::{self, Sandbox};
use renos::store::{NewBooking, NewCustomer, NewStaff, Store};

/// Monday 2026-11-23, 14:00 in Copenhagen.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 13, 0, 0)
        .single()
        .expect("now")
}

/// 2026-11-23 at `h`:`m` UTC.
pub fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0)
        .single()
        .expect("time")
}

pub const ON_CALL: &str = "+4512345678";

pub struct Env {
    pub sandbox: Arc<Sandbox>,
    /// Holds the database's folder until the end of the test.
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub settings: Settings,
}

/// Settings that point Billy and Twilio at `sb`.
pub fn settings_for(sb: &Sandbox) -> Settings {
    let mut s = Settings::default();
    s.billy.api_key = Some(sandbox::BILLY_API_KEY.to_string());
    s.billy.organization_id = Some(sandbox::BILLY_ORGANIZATION_ID.to_string());
    s.billy.base_url = sb.billy_base_url();
    s.twilio.account_sid = Some(sandbox::TWILIO_ACCOUNT_SID.to_string());
    s.twilio.auth_token = Some(sandbox::TWILIO_AUTH_TOKEN.to_string());
    s.twilio.phone_number = Some(sandbox::TWILIO_PHONE_NUMBER.to_string());
    s.twilio.base_url = sb.twilio_base_url();
    s.alerts.on_call = Some(ON_CALL.to_string());
    s
}

impl Env {
    pub fn new() -> Env {
        let sandbox =
            Arc::new(Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox"));
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("renos.db");
        let settings = settings_for(&sandbox);
        Env {
            sandbox,
            _dir: dir,
            db,
            settings,
        }
    }

    /// A connection as `actor`, at `now`.
    pub fn store_at(&self, actor: &str, now: DateTime<Utc>) -> Store {
        Store::open(&self.db, actor, Clock::Fixed(now))
            .expect("store")
            .with_tz(self.settings.tz)
    }

    pub fn store(&self) -> Store {
        self.store_at("mette", now())
    }
}

/// One cleaner, one customer with e-mail and phone.
pub struct Seeded {
    pub staff: i64,
    pub customer: i64,
}

pub fn seed(store: &mut Store, customer_name: &str) -> Seeded {
    let staff = store
        .add_staff(NewStaff {
            name: format!("Maria {customer_name}"),
            phone: "+4522223333".into(),
            colour: String::new(),
            hours: WorkingHours::parse("mon-sun 06:00-22:00").expect("hours"),
            time_off: Vec::new(),
        })
        .expect("staff");
    let customer = store
        .add_customer(NewCustomer {
            name: customer_name.into(),
            address: "Østergade 12, 8000 Aarhus C".into(),
            phone: "+4540404040".into(),
            email: "kunde@example.dk".into(),
            ..NewCustomer::default()
        })
        .expect("customer");
    Seeded {
        staff: staff.id,
        customer: customer.id,
    }
}

/// A job that ran from `start` for `worked`.
pub fn finished(store: &mut Store, s: &Seeded, start: DateTime<Utc>, worked: Duration) -> i64 {
    store
        .add_booking(NewBooking {
            customer_id: s.customer,
            staff_id: Some(s.staff),
            service: "Rengøring".into(),
            start,
            end: start + Duration::hours(3),
            estimate_min: 180,
            status: BookingStatus::Completed,
            started_at: Some(start),
            finished_at: Some(start + worked),
            address: String::new(),
            notes: String::new(),
        })
        .expect("booking")
        .id
}

/// A job of `minutes` at `start`, running (started) or scheduled.
pub fn job(
    store: &mut Store,
    s: &Seeded,
    start: DateTime<Utc>,
    minutes: i64,
    running: bool,
) -> i64 {
    store
        .add_booking(NewBooking {
            customer_id: s.customer,
            staff_id: Some(s.staff),
            service: "Rengøring".into(),
            start,
            end: start + Duration::minutes(minutes),
            estimate_min: minutes as u32,
            status: if running {
                BookingStatus::InProgress
            } else {
                BookingStatus::Scheduled
            },
            started_at: running.then_some(start),
            finished_at: None,
            address: String::new(),
            notes: String::new(),
        })
        .expect("booking")
        .id
}

/// A current-thread runtime for the async engine calls.
pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}
