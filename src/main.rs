//! `renos`: see `renos --help`. The work is in the library; this only
//! parses the command line and turns an error into one line and exit code 2.

#![deny(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::io::Write;

use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = renos::cli::help::parse();
    match renos::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // The message may quote a file or a provider: shown safely.
            let _ = writeln!(renos::cli::screen::stderr(), "renos: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A reader that stops early (`renos agenda | head`) ends the process
/// quietly, as it does other Unix tools, instead of a panic in `println!`.
/// Rust ignores SIGPIPE; back to the default here. Sockets are unaffected:
/// the standard library sends with MSG_NOSIGNAL.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread starts; setting
    // a signal's disposition to its default has no other precondition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
