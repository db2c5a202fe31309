//! A real Radicale for one test: its own config, users and storage in a
//! temporary folder, on a free loopback port, stopped when dropped.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The users of every Radicale started here, as `(name, password)`.
pub const USERS: [(&str, &str); 2] = [("anna", "anna-secret"), ("bob", "bob-secret")];

pub struct Radicale {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

impl Radicale {
    /// Starts Radicale and waits until it answers.
    pub fn start() -> Radicale {
        let dir = tempfile::tempdir().expect("tmp");
        let users: String = USERS.iter().map(|(u, p)| format!("{u}:{p}\n")).collect();
        write(&dir.path().join("users"), &users);
        // A few tries: another process may take the free port first.
        for _ in 0..5 {
            let port = free_port();
            let config = format!(
                "[server]\nhosts = 127.0.0.1:{port}\n\
                 [auth]\ntype = htpasswd\nhtpasswd_filename = {users}\n\
                 htpasswd_encryption = plain\ndelay = 0\n\
                 [rights]\ntype = owner_only\n\
                 [storage]\nfilesystem_folder = {storage}\n\
                 [web]\ntype = none\n\
                 [logging]\nlevel = warning\n",
                users = dir.path().join("users").display(),
                storage = dir.path().join("collections").display(),
            );
            let config_path = dir.path().join("config");
            write(&config_path, &config);
            let log = std::fs::File::create(dir.path().join("log")).expect("log");
            let child = Command::new("radicale")
                .arg("--config")
                .arg(&config_path)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(log)
                .spawn();
            let mut child = match child {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
                    "`radicale` is not on PATH: the CalDAV tests run against a real server; \
                     install it with `apt-get install radicale` (scripts/test does)"
                ),
                Err(e) => panic!("cannot start radicale: {e}"),
            };
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Radicale { child, dir, port };
                }
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                if Instant::now() > deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let log = std::fs::read_to_string(dir.path().join("log")).unwrap_or_default();
        panic!("radicale did not start:\n{log}");
    }

    /// `http://127.0.0.1:PORT/`
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The URL of `user`'s calendar `name`.
    pub fn calendar_url(&self, user: &str, name: &str) -> String {
        format!("{}{user}/{name}/", self.base())
    }

    /// Makes `user`'s calendar `name` holding `items` (file name, calendar
    /// object) straight in Radicale's storage, as a calendar long in use
    /// holds them: uploading thousands of events one by one takes minutes.
    /// Call before the first request that reads it.
    pub fn seed_calendar(&self, user: &str, name: &str, items: &[(String, String)]) -> String {
        let dir = self
            .dir
            .path()
            .join("collections/collection-root")
            .join(user)
            .join(name);
        std::fs::create_dir_all(&dir).expect("calendar folder");
        write(&dir.join(".Radicale.props"), r#"{"tag": "VCALENDAR"}"#);
        for (file, text) in items {
            write(&dir.join(file), text);
        }
        self.calendar_url(user, name)
    }

    /// What Radicale logged so far (for a failed test's message).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Another CalDAV client (a phone, Thunderbird): raw requests as `user`.
pub struct Other {
    http: reqwest::Client,
    user: &'static str,
    password: &'static str,
}

impl Other {
    pub fn new(user: &'static str) -> Other {
        renos::providers::install_crypto_provider();
        let password = USERS
            .iter()
            .find(|(u, _)| *u == user)
            .map(|(_, p)| *p)
            .expect("a known user");
        Other {
            http: reqwest::Client::new(),
            user,
            password,
        }
    }

    async fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> (u16, String) {
        let mut b = self
            .http
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                url,
            )
            .basic_auth(self.user, Some(self.password));
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        if let Some(body) = body {
            b = b.body(body);
        }
        let r = b.send().await.expect("radicale answers");
        let status = r.status().as_u16();
        (status, r.text().await.unwrap_or_default())
    }

    /// Makes the calendar `url` (MKCALENDAR).
    pub async fn make_calendar(&self, url: &str, name: &str) {
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop><D:displayname>{name}</D:displayname></D:prop></D:set>
</C:mkcalendar>"#
        );
        let (status, text) = self.send("MKCALENDAR", url, &[], Some(body)).await;
        assert_eq!(status, 201, "MKCALENDAR {url}: {text}");
    }

    /// Puts `ics` at `url` with no precondition, as most clients do.
    pub async fn put(&self, url: &str, ics: &str) -> u16 {
        let headers = [("Content-Type", "text/calendar; charset=utf-8")];
        self.send("PUT", url, &headers, Some(ics.to_string()))
            .await
            .0
    }

    /// Puts `ics` at `url` only if it is still at `etag` (`If-Match`), as
    /// a careful client does.
    pub async fn put_if_match(&self, url: &str, ics: &str, etag: &str) -> u16 {
        let headers = [
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("If-Match", etag),
        ];
        self.send("PUT", url, &headers, Some(ics.to_string()))
            .await
            .0
    }

    /// The object at `url` as stored, and its etag.
    pub async fn get(&self, url: &str) -> (u16, String, Option<String>) {
        let r = self
            .http
            .get(url)
            .basic_auth(self.user, Some(self.password))
            .send()
            .await
            .expect("radicale answers");
        let status = r.status().as_u16();
        let etag = r
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        (status, r.text().await.unwrap_or_default(), etag)
    }

    pub async fn delete(&self, url: &str) -> u16 {
        self.send("DELETE", url, &[], None).await.0
    }
}
