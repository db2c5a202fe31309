//! Real clients (yup-oauth2, google-calendar3), `renos sandbox`, sync code.

use super::*;

#[tokio::test]
async fn yup_oauth2_gets_a_token() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let sb = Sandbox::start(local()).expect("sandbox");
    let key = yup_oauth2::parse_service_account_key(key_json(&sb.token_uri())).expect("key");
    let auth = yup_oauth2::ServiceAccountAuthenticator::builder(key.clone())
        .subject(IMPERSONATED_USER)
        .build()
        .await
        .expect("authenticator");
    let token = auth.token(&[SCOPE]).await.expect("token");
    let token = token.token().expect("access token").to_string();
    let fx = Fx {
        sb,
        http: http(),
        token,
    };
    let (status, ev) = fx.insert(booking("ev001", 9)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ev["creator"]["email"], IMPERSONATED_USER);
    // A scope the domain admin never authorised is refused.
    assert!(
        auth.token(&["https://www.googleapis.com/auth/calendar.readonly"])
            .await
            .is_err()
    );
    // Without a subject (`"sub": null`) the service account acts as itself.
    let own = yup_oauth2::ServiceAccountAuthenticator::builder(key)
        .build()
        .await
        .expect("authenticator");
    assert!(own.token(&[SCOPE]).await.is_ok());
}

#[test]
fn renos_sandbox_prints_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_renos"))
        .env("RENOS_LANGUAGE", "en")
        .args(["sandbox", "--dir"])
        .arg(dir.path())
        .env("RENOS_CONFIG", dir.path().join("no-such-config.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("renos sandbox");
    let stdout = child.stdout.take().expect("stdout");
    let mut vars = std::collections::BTreeMap::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        let rest = line.strip_prefix("export ").expect("export line");
        let (name, value) = rest.split_once('=').expect("NAME=VALUE");
        vars.insert(name.to_string(), unquote(value));
        if name == "RENOS_SANDBOX_URL" {
            break;
        }
    }
    assert_eq!(vars["GOOGLE_CLIENT_EMAIL"], CLIENT_EMAIL);
    assert_eq!(vars["GOOGLE_IMPERSONATED_USER"], IMPERSONATED_USER);
    assert_eq!(vars["GOOGLE_CALENDAR_ID"], CALENDAR_ID);
    let base = &vars["RENOS_SANDBOX_URL"];
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert_eq!(
        vars["RENOS_GOOGLE_BASE_URL"],
        format!("{base}/calendar/v3/")
    );
    assert_eq!(vars["RENOS_GOOGLE_TOKEN_URI"], format!("{base}/token"));
    let key_file = std::path::PathBuf::from(&vars["GOOGLE_KEY_FILE"]);
    assert_eq!(key_file, dir.path().join("google-key.json"));
    let text = std::fs::read_to_string(&key_file).expect("key file");
    let key = yup_oauth2::parse_service_account_key(text).expect("key parses");
    assert_eq!(key.token_uri, vars["RENOS_GOOGLE_TOKEN_URI"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (status, body) = raw_get(&format!("{base}/admin/google/stats"));
    assert!(status.contains(" 200 "), "{status}");
    assert!(body.contains("\"token\""), "{body}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "renos sandbox did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    assert!(
        err.contains("sandbox serving on http://127.0.0.1:"),
        "{err}"
    );
}

#[test]
fn renos_sandbox_refuses_other_addresses() {
    let out = Command::new(env!("CARGO_BIN_EXE_renos"))
        .env("RENOS_LANGUAGE", "en")
        .args(["sandbox", "--addr", "0.0.0.0:0"])
        .output()
        .expect("renos sandbox");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("loopback"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn sandbox_from_sync_code() {
    let sb = Sandbox::start(local()).expect("sandbox");
    let (status, body) = raw_get(&format!("{}/admin/google/calendars/x@y/events", sb.url()));
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(body, r#"{"items":[]}"#);
    let lines = sb.export_lines(std::path::Path::new("/tmp/a dir/key.json"));
    assert_eq!(lines.len(), 14);
    assert_eq!(
        lines.last().map(String::as_str),
        Some(format!("export RENOS_SANDBOX_URL={}", sb.url()).as_str()),
        "the URL comes last: readers stop there"
    );
    assert!(lines.contains(&"export GOOGLE_KEY_FILE='/tmp/a dir/key.json'".to_string()));
    let addr = sb.addr();
    drop(sb);
    assert!(
        TcpStream::connect(addr).is_err(),
        "dropping stops the server"
    );
}

#[tokio::test]
async fn google_calendar3_hub_against_the_sandbox() {
    use google_calendar3::api::{Event, EventDateTime, EventExtendedProperties};
    use google_calendar3::{CalendarHub, Error, hyper_rustls, hyper_util};

    let _ = rustls::crypto::ring::default_provider().install_default();
    let sb = Sandbox::start(local()).expect("sandbox");
    let key = yup_oauth2::parse_service_account_key(key_json(&sb.token_uri())).expect("key");
    let auth = yup_oauth2::ServiceAccountAuthenticator::builder(key)
        .subject(IMPERSONATED_USER)
        .build()
        .await
        .expect("authenticator");
    let connector = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .expect("roots")
        .https_or_http()
        .enable_http1()
        .build();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build(connector);
    let mut hub = CalendarHub::new(client, auth);
    hub.base_url(sb.google_base_url());

    let start = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:30:00Z")
        .expect("time")
        .to_utc();
    let at = |t| EventDateTime {
        date_time: Some(t),
        time_zone: Some("Europe/Copenhagen".into()),
        ..EventDateTime::default()
    };
    let event = |id: &str| Event {
        id: Some(id.into()),
        summary: Some("Rengøring".into()),
        start: Some(at(start)),
        end: Some(at(start + chrono::Duration::hours(2))),
        extended_properties: Some(EventExtendedProperties {
            private: Some([("renos_booking".to_string(), "17".to_string())].into()),
            shared: None,
        }),
        ..Event::default()
    };
    let (_, made) = hub
        .events()
        .insert(event("booking00017"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("insert");
    assert_eq!(made.id.as_deref(), Some("booking00017"));
    assert_eq!(made.start.and_then(|s| s.date_time), Some(start));
    match hub
        .events()
        .insert(event("booking00017"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await
    {
        Err(Error::BadRequest(v)) => assert_eq!(v["error"]["errors"][0]["reason"], "duplicate"),
        other => panic!("expected 409 duplicate, got {other:?}"),
    }
    hub.events()
        .insert(event("booking00018"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("insert");

    let mut page_token: Option<String> = None;
    let mut seen = Vec::new();
    let sync = loop {
        let mut call = hub
            .events()
            .list(CALENDAR_ID)
            .max_results(1)
            .add_scope(SCOPE);
        if let Some(t) = &page_token {
            call = call.page_token(t);
        }
        let (_, page) = call.doit().await.expect("list");
        seen.extend(
            page.items
                .unwrap_or_default()
                .into_iter()
                .filter_map(|e| e.id),
        );
        match page.next_page_token {
            Some(t) => page_token = Some(t),
            None => break page.next_sync_token.expect("sync token"),
        }
    };
    assert_eq!(seen, ["booking00017", "booking00018"]);

    let patch = Event {
        summary: Some("Hovedrengøring".into()),
        ..Event::default()
    };
    let (_, patched) = hub
        .events()
        .patch(patch, CALENDAR_ID, "booking00017")
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("patch");
    assert_eq!(
        patched
            .extended_properties
            .and_then(|p| p.private)
            .map(|p| p["renos_booking"].clone()),
        Some("17".to_string())
    );
    hub.events()
        .delete(CALENDAR_ID, "booking00018")
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("delete");
    let (_, changes) = hub
        .events()
        .list(CALENDAR_ID)
        .sync_token(&sync)
        .add_scope(SCOPE)
        .doit()
        .await
        .expect("incremental");
    let items = changes.items.unwrap_or_default();
    let got: Vec<_> = items
        .iter()
        .map(|e| {
            (
                e.id.clone().unwrap_or_default(),
                e.status.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("booking00017".to_string(), "confirmed".to_string()),
            ("booking00018".to_string(), "cancelled".to_string())
        ]
    );

    sb.google().set_faults(GoogleFaults {
        drop_after: 1,
        ..GoogleFaults::default()
    });
    let lost = hub
        .events()
        .insert(event("booking00019"), CALENDAR_ID)
        .add_scope(SCOPE)
        .doit()
        .await;
    assert!(lost.is_err(), "{lost:?}");
    assert_eq!(sb.google().events(CALENDAR_ID).len(), 3);
}
