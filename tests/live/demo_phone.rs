//! The demo serves the cleaners' page beside its console, in the real
//! binary at 80×24: the page's link is in the first notice (read whole in
//! the message log) and in a file beside the database; On my way, pressed
//! with a real HTTP call and the demo cleaner's token, sends one SMS
//! through the demo's Twilio fake, and the console shows the job on the
//! way. When the console quits, the page is no longer served.

use std::time::Duration;

use serde_json::Value;

use crate::common;

use common::{NOW, Tmux};

/// The page's link in the demo's links file: the base and the token.
fn link(t: &Tmux) -> (String, String) {
    let dir = t.path("data/renos/demo");
    let file = std::fs::read_dir(&dir)
        .expect("the demo folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with("-links.txt"))
        .expect("the links file beside the database");
    let text = std::fs::read_to_string(&file).expect("links");
    assert!(text.contains("this demo database only"), "{text}");
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.contains("/app/#token="))
        .expect("the page's link");
    let (base, token) = line.split_once("/app/#token=").expect("link");
    (base.to_string(), token.to_string())
}

#[test]
fn on_my_way_on_the_demos_phone_page_reaches_the_customer_and_the_console() {
    let t = Tmux::start();
    t.run(&format!("renos --now {NOW} demo"));
    t.wait_for("the demo's console", Duration::from_secs(30), |s| {
        s.contains("Running ")
    });
    let (base, token) = link(&t);

    // The first notice names the page's link.
    t.keys(&["!"]);
    let screen = t.wait_text("newest first");
    assert!(
        screen.contains("phone page:") && screen.contains("/app/#token="),
        "{screen}"
    );
    t.keys(&["Escape"]);

    // The cleaner's day over HTTP, and On my way for the next job.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    renos::providers::install_crypto_provider();
    let http = reqwest::Client::new();
    let call = |method: reqwest::Method, path: &str| -> Value {
        rt.block_on(async {
            let r = http
                .request(method, format!("{base}{path}"))
                .bearer_auth(&token)
                .send()
                .await
                .expect("the demo serves the API");
            assert!(r.status().is_success(), "{path}: {}", r.status());
            r.json::<Value>().await.expect("json")
        })
    };
    let day = call(reqwest::Method::GET, "/api/v1/app/day");
    let job = day["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .find(|j| j["status"] == "scheduled" && j["phone"].as_str().is_some_and(|p| !p.is_empty()))
        .and_then(|j| j["id"].as_i64())
        .expect("a job ahead for a customer with a phone");
    let told = call(
        reqwest::Method::POST,
        &format!("/api/v1/bookings/{job}/on-my-way"),
    );
    assert_eq!(told["sent"], true, "{told}");

    // The console sent it through the demo's Twilio fake (an SM… id).
    t.keys(&["!"]);
    let sms = format!("SMS: on the way for booking #{job}");
    let screen = t.wait_for("the SMS in the log", Duration::from_secs(20), |s| {
        s.contains(&sms) && s.contains("queued")
    });
    assert!(screen.contains("(SM"), "{screen}");
    t.keys(&["Escape"]);

    // The job's details say so: down to the demo cleaner's row, then along
    // it to the job.
    t.keys(&["Down"; 6]);
    let title = format!("Booking #{job} ");
    for key in ["l", "h"] {
        for _ in 0..8 {
            if t.screen().contains(&title) {
                break;
            }
            t.keys(&[key]);
            std::thread::sleep(Duration::from_millis(150));
        }
    }
    let screen = t.wait_for("the job's details", Duration::from_secs(10), |s| {
        s.contains(&title) && s.contains("Rasmus Pedersen")
    });
    assert!(
        screen.contains("on the way, customer told by SMS at 11:02"),
        "{screen}"
    );

    // Quitting the console stops the page.
    t.keys(&["q"]);
    t.wait_for("the console to quit", Duration::from_secs(10), |_| {
        t.format("#{alternate_on}") == "0"
    });
    let gone = rt.block_on(async {
        http.get(format!("{base}/health"))
            .timeout(Duration::from_secs(2))
            .send()
            .await
            .is_err()
    });
    assert!(gone, "the page is served only while the demo runs");
}
