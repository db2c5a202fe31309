//! `renos sandbox` as a process of its own (it outlives killed syncs and
//! serves a console in tmux), with its admin endpoint.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

pub struct SandboxProcess {
    child: Child,
    /// The `export` lines it printed, as (name, value).
    pub env: Vec<(String, String)>,
    pub url: String,
    rt: tokio::runtime::Runtime,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SandboxProcess {
    /// Starts `renos sandbox --dir DIR` and reads its settings.
    pub fn start(dir: &Path) -> SandboxProcess {
        renos::providers::install_crypto_provider();
        let mut child = Command::new(super::bin())
            .args(["sandbox", "--dir"])
            .arg(dir)
            .env("RUST_BACKTRACE", "1")
            .stdout(Stdio::piped())
            // Its own words, for a failure's message (see `ended`).
            .stderr(
                std::fs::File::create(dir.join("sandbox.log"))
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null()),
            )
            .spawn()
            .expect("renos sandbox");
        let out = child.stdout.take().expect("stdout");
        let mut env = Vec::new();
        for line in BufReader::new(out).lines() {
            let line = line.expect("line");
            if let Some((k, v)) = line.strip_prefix("export ").and_then(|r| r.split_once('=')) {
                env.push((k.to_string(), v.trim_matches('\'').to_string()));
                if k == "RENOS_SANDBOX_URL" {
                    break;
                }
            }
        }
        let url = env
            .iter()
            .find(|(k, _)| k == "RENOS_SANDBOX_URL")
            .map(|(_, v)| v.clone())
            .expect("RENOS_SANDBOX_URL");
        assert!(env.iter().any(|(k, _)| k == "GOOGLE_KEY_FILE"), "{env:?}");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        SandboxProcess {
            child,
            env,
            url,
            rt,
        }
    }

    /// How it ended, with what it wrote to stderr, if it is no longer
    /// running (a test whose syncs meet a refused connection says so).
    pub fn ended(&mut self, dir: &Path) -> Option<String> {
        let status = self.child.try_wait().ok().flatten()?;
        let log = std::fs::read_to_string(dir.join("sandbox.log")).unwrap_or_default();
        Some(format!("the sandbox ended ({status}):\n{log}"))
    }

    /// `/admin/google/calendars/{the shared calendar}/events`.
    pub fn events_path(&self) -> String {
        format!(
            "/admin/google/calendars/{}/events",
            renos::sandbox::CALENDAR_ID
        )
    }

    /// One admin call; its JSON answer (null when empty).
    pub fn admin(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let req = reqwest::Client::new().request(method, format!("{}{path}", self.url));
        let req = match body {
            Some(b) => req.json(&b),
            None => req,
        };
        self.rt.block_on(async {
            let resp = req.send().await.expect("admin");
            assert!(resp.status().is_success(), "{}", resp.status());
            resp.json::<Value>().await.unwrap_or(Value::Null)
        })
    }
}
