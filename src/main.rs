//! `renos`: see `renos --help`. The work is in the library; this only
//! parses the command line and turns an error into one line and exit code 2.

#![deny(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::io::Write;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = renos::cli::help::parse();
    match renos::cli::run(cli) {
        Ok(code) => code,
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The message may quote a file or a provider: shown safely.
            let _ = writeln!(renos::cli::screen::stderr(), "renos: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A reader that stopped early (`renos agenda | head`): the output ends
/// quietly, as other Unix tools end, with nothing on stderr.
///
/// SIGPIPE stays ignored (Rust's default) rather than set back to its
/// default action: a socket written with `writev` after its peer went away
/// raises SIGPIPE too, and would kill `renos serve`, the console's feed or
/// the sandbox whenever a client hangs up mid-answer.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
