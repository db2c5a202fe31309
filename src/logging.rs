//! Logs go to `$XDG_STATE_HOME/renos/renos.log` (filter with `RENOS_LOG`,
//! e.g. `RENOS_LOG=debug`), never to the screen under the console.

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// The log file.
pub fn file() -> std::path::PathBuf {
    crate::config::paths::state_dir().join(FILE)
}

const FILE: &str = "renos.log";

/// Starts file logging; keep the guard alive while the program runs. The
/// error (nothing is logged then) says why: the folder cannot be made, or
/// the log is a symbolic link, which is never followed.
pub fn to_file() -> Result<WorkerGuard, String> {
    let dir = crate::config::paths::state_dir();
    crate::fsperm::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // Opened here, so a new log gets the folder's mode (private, or the
    // group's in a shared folder).
    let file = crate::fsperm::open_append(&dir.join(FILE)).map_err(|e| e.to_string())?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    let mut filter =
        EnvFilter::try_from_env("RENOS_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // The OAuth crate logs signed token requests and access tokens at debug
    // level: secrets never reach the log, whatever RENOS_LOG says.
    for quiet in [
        "yup_oauth2=info",
        "hyper=info",
        "hyper_util=info",
        "reqwest=info",
    ] {
        if let Ok(d) = quiet.parse() {
            filter = filter.add_directive(d);
        }
    }
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .map_err(|e| e.to_string())?;
    Ok(guard)
}
