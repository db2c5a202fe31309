//! `renos`: see `renos --help`. The work is in the library; this only
//! parses the command line and turns an error into one line and exit code 2.

#![deny(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::io::Write;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = renos::cli::Cli::parse();
    match renos::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // The message may quote a file or a provider: shown safely.
            let _ = writeln!(renos::cli::screen::stderr(), "renos: {e:#}");
            ExitCode::from(2)
        }
    }
}
