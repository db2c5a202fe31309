//! The cleaners' page in a real browser: Debian's headless Chromium driven
//! over WebDriver (chromedriver), against `renos serve --http` on a demo
//! database with Twilio pointed at the in-process sandbox. It opens
//! `/app/#token=…` with a cleaner's token, shows the day, presses On my way
//! (one SMS in the Twilio fake, none on a second press) and Start; the
//! database (`renos agenda --json`) and the console's running panel show
//! the job started. Then, live over the feed without a reload: a job moved
//! with the command line shows its new time, and a job given to another
//! cleaner leaves the page, each within 2 s. Offline (the serve stopped),
//! the page opens from its service worker with the last day it saw.
//! `RENOS_APP_SCREENSHOT=PATH` keeps a screenshot of the page at phone size
//! (390×844).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use fantoccini::{Client, ClientBuilder, Locator};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use renos::clock::Clock;
use renos::config::Settings;
use renos::engine::DayPlan;
use renos::engine::worker::Reply;
use renos::i18n::Language;
use renos::sandbox::{self, Sandbox};
use renos::store::Store;
use renos::tui::app::App;
use renos::tui::keymap::Keymap;
use renos::tui::theme::Theme;
use renos::tui::view;
use serde_json::{Value, json};

use crate::common::{self, NOW, renos};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A child process killed when dropped.
struct Kid(Child);

impl Drop for Kid {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn args<'a>(db: &'a str, config: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--db", db, "--now", NOW, "--config", config];
    v.extend_from_slice(rest);
    v
}

/// `renos serve --http 127.0.0.1:0` and the address of its API.
fn serve(home: &Path, db: &str, config: &str) -> (Kid, String) {
    let mut child = Command::new(common::bin())
        .args(args(db, config, &["serve", "--http", "127.0.0.1:0"]))
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("USER", "bo")
        .env("RENOS_LANGUAGE", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let kid = Kid(child);
    let url = loop {
        let line = lines
            .next()
            .expect("serve said where the API is")
            .expect("line");
        if let Some(rest) = line.split("API on ").nth(1) {
            let addr = rest.split_whitespace().next().expect("address");
            break addr.trim_end_matches("/api/v1").to_string();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    (kid, url)
}

/// chromedriver on a free port, and a headless Chromium of phone size.
async fn browser(profile: &Path) -> (Kid, Client) {
    assert!(
        Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists(),
        "the page test needs Debian's chromium and chromium-driver (scripts/test installs them)"
    );
    let port = free_port();
    let driver = Kid(Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver"));
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=390,844",
                format!("--user-data-dir={}", profile.display()),
            ],
            "mobileEmulation": {
                "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0, "touch": true }
            },
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("chromedriver did not start a session: {e}"),
        }
    };
    (driver, client)
}

/// Waits until `f` holds, or fails saying `what`.
async fn until<F, Fut>(what: &str, secs: u64, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !f().await {
        assert!(Instant::now() < deadline, "waited {secs} s for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The text of the job's card.
async fn card_text(c: &Client, id: i64) -> String {
    match c
        .find(Locator::Css(&format!("article[data-job=\"{id}\"]")))
        .await
    {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

async fn press(c: &Client, id: i64, act: &str) {
    c.find(Locator::Css(&format!(
        "article[data-job=\"{id}\"] button[data-act=\"{act}\"]"
    )))
    .await
    .unwrap_or_else(|e| panic!("no {act} button on #{id}: {e}"))
    .click()
    .await
    .expect("click");
}

fn agenda(home: &Path, db: &str, config: &str) -> Vec<Value> {
    let o = renos(home, &args(db, config, &["agenda", "--json"]));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).expect("agenda json")
}

/// The console on the database at the test's clock, rendered at 160×48.
fn console(db: &Path, id: i64) -> String {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(NOW)
        .expect("now")
        .with_timezone(&Utc);
    let settings = Settings {
        dispatcher: "mette".into(),
        login: "mette".into(),
        language: Language::En,
        ..Settings::default()
    };
    let store = Store::open_existing(db, "mette", Clock::Fixed(now)).expect("open");
    let date = settings.tz.local_date(now);
    let mut plan = DayPlan::load(&store, date, &settings).expect("day");
    plan.load_office(&store).expect("alerts");
    let mut app = App::new(settings, Theme::dark(), Keymap::default(), now, date);
    app.fixed_clock = true;
    app.on_reply(Reply::Day(Box::new(plan)));
    app.selected = Some(id);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    terminal.draw(|f| view::draw(f, &app)).expect("draw");
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cleaner_tells_the_customer_once_and_starts_the_job_from_the_phone() {
    let sb = Sandbox::start("127.0.0.1:0".parse().expect("addr")).expect("sandbox");
    let home = tempfile::tempdir().expect("tmp");
    let db_path = home.path().join("r.db");
    let db = db_path.display().to_string();
    let config_path = home.path().join("config.toml");
    std::fs::write(
        &config_path,
        format!(
            "[twilio]\naccount_sid = \"{}\"\nauth_token = \"{}\"\nphone_number = \"{}\"\n\
             base_url = \"{}\"\n[alerts]\nauto = false\n",
            sandbox::TWILIO_ACCOUNT_SID,
            sandbox::TWILIO_AUTH_TOKEN,
            sandbox::TWILIO_PHONE_NUMBER,
            sb.twilio_base_url()
        ),
    )
    .expect("config");
    let config = config_path.display().to_string();
    let o = renos(home.path(), &args(&db, &config, &["demo", "--no-console"]));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // A job still ahead today, of a cleaner, for a customer with a phone.
    let store = Store::open_existing(&db_path, "test", Clock::System).expect("open");
    let day = agenda(home.path(), &db, &config);
    let (job, cleaner, customer) = day
        .iter()
        .filter(|j| j["status"] == "scheduled" && j["staff"].is_string())
        .map(|j| {
            let id = j["id"].as_i64().expect("id");
            let b = store.booking(id).expect("booking");
            (j, b)
        })
        .find(|(_, b)| {
            !store
                .customer(b.customer_id)
                .expect("customer")
                .phone
                .trim()
                .is_empty()
        })
        .map(|(j, _)| {
            (
                j["id"].as_i64().expect("id"),
                j["staff"].as_str().expect("staff").to_string(),
                j["customer"].as_str().expect("customer").to_string(),
            )
        })
        .expect("a scheduled job today with a customer phone");
    drop(store);
    let o = renos(
        home.path(),
        &args(
            &db,
            &config,
            &[
                "token", "add", "phone", "--role", "cleaner", "--staff", &cleaner, "--json",
            ],
        ),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let made: Value = serde_json::from_slice(&o.stdout).expect("json");
    let secret = made["secret"].as_str().expect("secret").to_string();

    let (served, url) = serve(home.path(), &db, &config);
    let profile = tempfile::tempdir().expect("profile");
    let (_driver, c) = browser(profile.path()).await;

    // The day, logged in from the link, the token gone from the address bar.
    c.goto(&format!("{url}/app/#token={secret}"))
        .await
        .expect("open the page");
    until("the job's card", 20, || async {
        card_text(&c, job).await.contains(&customer)
    })
    .await;
    let address = c.current_url().await.expect("url");
    assert!(address.fragment().is_none(), "token left in {address}");
    let kept = c
        .execute("return localStorage.getItem('renos-token')", vec![])
        .await
        .expect("script");
    assert_eq!(kept.as_str(), Some(secret.as_str()), "token kept");
    let page = c
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text");
    assert!(
        page.contains("On my way") && page.contains("Start"),
        "{page}"
    );

    // On my way: one SMS to the customer, none on a second press.
    press(&c, job, "on-my-way").await;
    until("the page to say the customer was told", 20, || async {
        card_text(&c, job).await.contains("expected at")
    })
    .await;
    until("the SMS in the Twilio fake", 30, || async {
        !sb.twilio().messages().is_empty()
    })
    .await;
    let sms = sb.twilio().messages();
    assert_eq!(sms.len(), 1, "{sms:?}");
    let body = sms[0]["body"].as_str().unwrap_or_default();
    assert!(
        body.starts_with("Your cleaner is on the way, expected at "),
        "{body}"
    );
    if let Ok(path) = std::env::var("RENOS_APP_SCREENSHOT") {
        c.execute("window.scrollTo(0, 0)", vec![])
            .await
            .expect("scroll");
        let png = c.screenshot().await.expect("screenshot");
        std::fs::write(PathBuf::from(path), png).expect("write the screenshot");
    }
    press(&c, job, "on-my-way").await;
    until("the page to say nothing was sent", 20, || async {
        card_text(&c, job).await.contains("already told")
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(
        sb.twilio().messages().len(),
        1,
        "a second press sends nothing"
    );
    let screen = console(&db_path, job);
    assert!(
        screen.contains("on the way, customer told by SMS at 11:02"),
        "the details:\n{screen}"
    );

    // Start: the database and the console's running panel show it.
    press(&c, job, "start").await;
    until("the page to show the job running", 20, || async {
        card_text(&c, job).await.contains("Running")
    })
    .await;
    let started = agenda(home.path(), &db, &config)
        .into_iter()
        .find(|j| j["id"] == job)
        .expect("the job");
    assert_eq!(started["status"], "in_progress", "{started}");
    let screen = console(&db_path, job);
    // The running panel (right of the details) has a row of the cleaner's
    // with the job's meter at its start.
    let short = {
        let mut words = cleaner.split_whitespace();
        let first = words.next().unwrap_or_default();
        let initial = words.next().and_then(|w| w.chars().next());
        initial.map_or(first.to_string(), |i| format!("{first} {i}."))
    };
    let panel: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Running "))
        .filter_map(|l| l.split("││").nth(1))
        .collect();
    assert!(
        panel
            .iter()
            .any(|row| row.trim_start().starts_with(&short) && row.contains(" 0/")),
        "{short} in the running panel:\n{screen}"
    );
    assert!(screen.contains("running since 11:02"), "{screen}");

    // Live from the feed, without a reload: another job of the cleaner's
    // moved with the command line shows its new time within 2 s, and
    // disappears within 2 s once it is given to another cleaner.
    let today = agenda(home.path(), &db, &config);
    let other = today
        .iter()
        .find(|j| j["staff"] == cleaner.as_str() && j["id"] != job && j["status"] == "scheduled")
        .expect("another job of the cleaner's ahead today");
    let other_id = other["id"].as_i64().expect("id");
    until("the other job on the page", 5, || async {
        !card_text(&c, other_id).await.is_empty()
    })
    .await;
    // The socket is open (the polling notice hidden), and a mark left in
    // the page tells it was not loaded again.
    let live = c
        .execute(
            "window.renosMark = 'kept'; return document.getElementById('live-off').hidden",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(live, json!(true), "the feed's socket is open");
    let start =
        DateTime::parse_from_rfc3339(other["start"].as_str().expect("start")).expect("start time");
    let later = (start + chrono::Duration::minutes(35))
        .format("%H:%M")
        .to_string();
    let o = renos(
        home.path(),
        &args(
            &db,
            &config,
            &[
                "move",
                &other_id.to_string(),
                "--start",
                &later,
                "--accept-clash",
                "the page's test",
            ],
        ),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    until("the page to show the job moved", 2, || async {
        card_text(&c, other_id).await.contains(&format!("{later}–"))
    })
    .await;
    let someone_else = today
        .iter()
        .filter_map(|j| j["staff"].as_str())
        .find(|s| *s != cleaner)
        .expect("another cleaner")
        .to_string();
    let o = renos(
        home.path(),
        &args(
            &db,
            &config,
            &[
                "move",
                &other_id.to_string(),
                "--staff",
                &someone_else,
                "--accept-clash",
                "the page's test",
            ],
        ),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    until("the job given away to leave the page", 2, || async {
        card_text(&c, other_id).await.is_empty()
    })
    .await;
    assert!(
        card_text(&c, job).await.contains(&customer),
        "the cleaner's own job stays"
    );
    let mark = c
        .execute("return window.renosMark || null", vec![])
        .await
        .expect("script");
    assert_eq!(mark, json!("kept"), "the page was not loaded again");

    // Offline: with the serve gone, the page opens from its service worker
    // and shows the last day it saw under the offline banner.
    until("the service worker to look after the page", 20, || async {
        c.execute(
            "return !!(navigator.serviceWorker && navigator.serviceWorker.controller)",
            vec![],
        )
        .await
        .is_ok_and(|v| v == json!(true))
    })
    .await;
    drop(served);
    c.refresh().await.expect("open the page again");
    until("the offline banner", 20, || async {
        c.execute(
            "const b = document.getElementById('offline'); return !!b && !b.hidden && b.textContent",
            vec![],
        )
        .await
        .is_ok_and(|v| v.as_str().is_some_and(|t| t.starts_with("No connection")))
    })
    .await;
    until("the last day seen", 5, || async {
        card_text(&c, job).await.contains(&customer)
    })
    .await;
    assert!(
        card_text(&c, other_id).await.is_empty(),
        "the day as last seen: the job given away is not on it"
    );
    c.close().await.expect("close the browser");
}
