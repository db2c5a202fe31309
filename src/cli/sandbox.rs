//! `renos sandbox`: serve the loopback fakes until Ctrl-C, after printing the
//! `export` lines that point renos at them.

use std::fs;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use super::stop::Stop;
use crate::i18n::Words;
use crate::sandbox::{Sandbox, key_json};

const KEY_FILE: &str = "google-key.json";

pub fn run(w: Words, addr: Option<SocketAddr>, dir: Option<PathBuf>) -> Result<ExitCode> {
    let addr = addr.unwrap_or_else(|| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    if !addr.ip().is_loopback() {
        bail!(w.with(
            "cli-sandbox-loopback-only",
            &[("addr", addr.to_string().into())]
        ));
    }
    let sandbox = Sandbox::start(addr).with_context(|| {
        w.with(
            "cli-sandbox-cannot-listen",
            &[("addr", addr.to_string().into())],
        )
    })?;
    let (dir, temporary) = match dir {
        Some(dir) => (dir, false),
        None => (
            std::env::temp_dir().join(format!("renos-sandbox-{}", std::process::id())),
            true,
        ),
    };
    // A temporary folder is new (one planted beforehand in the shared
    // temporary folder is refused); a given one may exist.
    if temporary {
        crate::fsperm::create_dir(&dir)
    } else {
        crate::fsperm::create_dir_all(&dir)
    }
    .with_context(|| {
        w.with(
            "cli-cannot-create",
            &[("path", dir.display().to_string().into())],
        )
    })?;
    let key_file = dir.join(KEY_FILE);
    super::output::write_private(&key_file, key_json(&sandbox.token_uri()).as_bytes(), w)?;

    // Catch the signals before the lines go out: whoever reads them may stop us at once.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let stop = {
        let _entered = rt.enter();
        Stop::install()?
    };

    let served = (|| -> Result<()> {
        let mut out = super::screen::stdout();
        for line in sandbox.export_lines(&key_file) {
            writeln!(out, "{line}")?;
        }
        out.flush()?;
        drop(out);
        writeln!(
            super::screen::stderr(),
            "{}",
            w.with(
                "cli-sandbox-serving",
                &[("url", sandbox.url().to_string().into())]
            )
        )?;
        rt.block_on(stop.wait())
    })();
    drop(sandbox);
    if temporary {
        let _ = fs::remove_file(&key_file);
        let _ = fs::remove_dir(&dir);
    }
    served?;
    Ok(ExitCode::SUCCESS)
}
