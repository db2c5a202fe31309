//! The command line: `renos` opens the console; subcommands do the same jobs
//! without a UI. Every failure is one line on stderr and exit code 2.
//! Everything printed goes through [`screen`].

#![deny(clippy::disallowed_macros, clippy::disallowed_methods)]

mod agenda;
mod alert;
mod book;
mod demo;
mod doctor;
mod export;
mod failure;
pub mod help;
mod ics;
mod import;
mod init;
mod invoice;
mod invoice_month;
mod journal;
// The assistants' tools (`renos mcp`).
mod mcp;
mod numbers;
mod output;
mod progress;
mod sandbox;
pub mod screen;
mod series;
mod serve;
mod slots;
mod staff;
mod stats;
mod stop;
mod sync;
mod token;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::{Duration, NaiveDate};
use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::config::Settings;
use crate::store::Store;
use crate::tui;

#[derive(Debug, Parser)]
#[command(
    name = "renos",
    version,
    about = "RenOS Dispatch: the cleaning company's day on one screen"
)]
pub struct Cli {
    /// Database file (default: $XDG_DATA_HOME/renos/renos.db; for `demo`, a new file in
    /// $XDG_DATA_HOME/renos/demo/).
    #[arg(long, global = true, env = "RENOS_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Config file (default: $XDG_CONFIG_HOME/renos/config.toml).
    #[arg(long, global = true, env = "RENOS_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Fix the clock, e.g. 2026-11-20T10:30:00+01:00 (for tests and screenshots).
    #[arg(long, global = true, env = "RENOS_NOW", value_name = "RFC3339")]
    pub now: Option<String>,
    /// The day to open (YYYY-MM-DD, today, tomorrow, yesterday).
    #[arg(long, global = true, value_name = "DATE")]
    pub date: Option<String>,
    /// The console's theme: dark, light, high-contrast, monochrome, or a path to a theme file.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// The console's language: da or en (default: [ui] language in the
    /// config, then RENOS_LANGUAGE, then da).
    #[arg(long, value_name = "da|en", value_parser = language)]
    pub language: Option<crate::i18n::Language>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Seed a fresh database with the demo business and open the console on it.
    Demo {
        /// Overwrite an existing database file.
        #[arg(long)]
        force: bool,
        /// Seed only; do not open the console.
        #[arg(long)]
        no_console: bool,
        /// Do not serve the API, the cleaners' page and the assistants' tools beside the
        /// console (served on 127.0.0.1:8787, or on a free port when that is taken; the
        /// first notice, in the message log (!), has the page's link).
        #[arg(long)]
        no_http: bool,
        /// The console's theme: dark, light, high-contrast, monochrome, or a path to a theme file.
        #[arg(long, value_name = "NAME")]
        theme: Option<String>,
        /// The console's language: da or en (default: [ui] language in the
        /// config, or RENOS_LANGUAGE).
        #[arg(long, value_name = "da|en", value_parser = language)]
        language: Option<crate::i18n::Language>,
    },
    /// Print the journal: who changed what, when, before → after.
    Journal {
        /// Only this booking's history.
        #[arg(long, value_name = "ID", allow_negative_numbers = true, value_parser = numbers::booking())]
        booking: Option<i64>,
        /// How many entries, newest first (1 to 100000).
        #[arg(long, default_value_t = 50, allow_negative_numbers = true, value_parser = numbers::count(numbers::MAX_LIST))]
        limit: usize,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Print a day's bookings per cleaner, with status, conflicts and overtime.
    Agenda {
        /// YYYY-MM-DD, today, tomorrow or yesterday (default: today).
        date: Option<String>,
        /// One JSON array instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Book a job, or a recurring one (--repeat); --date gives the (first) date.
    Book(book::BookArgs),
    /// Move or reassign a booking (--date gives the new date); a visit of a
    /// series in the scope given.
    Move(book::MoveArgs),
    /// Cancel a booking; a visit of a series in the scope given.
    Cancel(book::CancelArgs),
    /// Recurring bookings: list, show, pause, resume, end.
    #[command(subcommand)]
    Series(series::SeriesCommand),
    /// Manage cleaners.
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Who can take a job, and when: free slots per cleaner, ranked (from --date).
    Slots(slots::SlotsArgs),
    /// A sick call: every job of a cleaner in a period with the best
    /// replacement; --apply reassigns them as one change.
    Reassign(slots::ReassignArgs),
    /// Import customers from CSV or JSON.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Check a customer file (CSV, JSON) or a calendar (.ics) without importing it.
    Validate {
        file: PathBuf,
        /// The file's format (default: from its extension or its content).
        #[arg(long)]
        format: Option<import::FormatArg>,
        /// The report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export customers as CSV.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Exchange bookings with calendar programs (iCalendar .ics files).
    #[command(subcommand)]
    Ics(ics::IcsCommand),
    /// Customer and booking figures, and the latest imports.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Two-way sync with Google Calendar and the cleaners' own calendars (CalDAV, Microsoft 365).
    Sync {
        /// both (default), pull (only take the calendar's changes) or push.
        #[arg(long, value_enum, default_value_t = crate::engine::sync::Direction::Both)]
        direction: crate::engine::sync::Direction,
        /// Forget the sync tokens and read every event again.
        #[arg(long)]
        force: bool,
        /// Read at most this many events from Google calendars; the next run
        /// goes on from there (1 to 10000000). A cleaner's CalDAV or
        /// Microsoft 365 calendar holding more than this many on its first
        /// sync is not taken in, and the run names it.
        #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = numbers::count(numbers::MAX_EVENTS))]
        max_events: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// The sync's state: last runs, pending changes, conflicts.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Bookings changed on both sides, waiting for your decision.
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Settle a sync conflict: keep mine, keep theirs, or keep both.
    Resolve {
        /// The booking's number.
        #[arg(allow_negative_numbers = true, value_parser = numbers::booking())]
        booking: i64,
        #[arg(value_enum)]
        choice: crate::engine::sync::Choice,
    },
    /// Invoice a finished job in Billy (a draft, or approved with --approve),
    /// or with --customer and --month a customer's finished visits of a
    /// month on one invoice.
    Invoice {
        /// The booking's number.
        #[arg(
            allow_negative_numbers = true,
            value_parser = numbers::booking(),
            required_unless_present_any = ["customer", "month"],
            conflicts_with_all = ["customer", "month"]
        )]
        booking: Option<i64>,
        /// The customer to invoice a month of (a name, address or phone, as
        /// the form finds it).
        #[arg(long, requires = "month")]
        customer: Option<String>,
        /// The month, e.g. 2026-12 (in the business time zone).
        #[arg(long, requires = "customer", value_parser = parse_month)]
        month: Option<crate::domain::month::Month>,
        /// Approve it (a draft made earlier, too); approved invoices get a number.
        #[arg(long)]
        approve: bool,
        #[arg(long)]
        json: bool,
    },
    /// The invoices and their payment state.
    Invoices {
        /// Only the unpaid ones.
        #[arg(long)]
        open: bool,
        /// Ask Billy about payments first (and send what waits).
        #[arg(long)]
        poll: bool,
        #[arg(long)]
        json: bool,
    },
    /// Phone about a booking: a voice call in Danish through Twilio.
    Alert {
        /// The booking's number.
        #[arg(allow_negative_numbers = true, value_parser = numbers::booking())]
        booking: i64,
        /// Call this number (default: the on-call number, or the cleaner).
        #[arg(long, value_name = "NUMBER")]
        to: Option<String>,
        /// What to say (default: a sentence about the booking).
        #[arg(long, value_name = "TEXT")]
        message: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The latest calls and SMS.
    Alerts {
        /// First raise the automatic alerts due now (overtime, double
        /// bookings) and place whatever waits.
        #[arg(long)]
        check: bool,
        /// How many, newest first (1 to 100000).
        #[arg(long, default_value_t = 30, allow_negative_numbers = true, value_parser = numbers::count(numbers::MAX_LIST))]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// SMS reminders to the customers of tomorrow's bookings, each sent once.
    Remind {
        /// Show what would be sent; send nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Set up a folder for a team on one server: the database and a config
    /// for the team's secrets, readable and writable by one Unix group.
    Init(init::InitArgs),
    /// Check the configuration, the database and each provider, and say what to fix.
    Doctor {
        #[arg(long)]
        json: bool,
    },
    /// Run the back office without a console, until SIGTERM or Ctrl-C.
    ///
    /// The calendar sync, invoices and payments, automatic alerts and the
    /// outbox's deliveries, as while a console is open; logs to the log file.
    /// One per database; consoles may run beside it. With --http, also the
    /// JSON API for tokens made with `renos token add`.
    Serve(serve::ServeArgs),
    /// Serve the tools for assistants (MCP) on stdin and stdout, acting as
    /// this login with its role; writes take a dry run and a confirmation.
    Mcp,
    /// The HTTP API's tokens: add (shown once), list, revoke.
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Serve loopback fakes of Google Calendar, Microsoft 365 (Graph), Billy and Twilio; prints
    /// `export` lines that point renos at them.
    Sandbox {
        /// Where to listen (loopback only; default 127.0.0.1 on a free port).
        #[arg(long, value_name = "ADDR")]
        addr: Option<SocketAddr>,
        /// Where to write google-key.json (default: a new temporary directory).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// Exit 0 when everything went through, 1 when something did not.
/// `2026-12`, for `--month`.
fn parse_month(s: &str) -> Result<crate::domain::month::Month, help::Refused> {
    s.parse().map_err(|_| help::Refused::Month(s.to_string()))
}

pub(crate) fn exit_code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `--language`: a language the console speaks.
fn language(text: &str) -> std::result::Result<crate::i18n::Language, help::Refused> {
    crate::i18n::Language::parse(text).ok_or(help::Refused::Language)
}

/// Everything a command needs from the global options.
pub struct Context {
    pub settings: Settings,
    pub clock: Clock,
    pub db: PathBuf,
    /// The database was named (`--db` or `RENOS_DB`), not the default.
    pub db_given: bool,
}

impl Context {
    fn new(cli: &Cli) -> Result<Context> {
        let mut settings = Settings::load(cli.config.as_deref())?;
        // `renos --language da` for the console, `renos demo --language da`
        // for the demo's.
        let demo_language = match &cli.command {
            Some(Command::Demo { language, .. }) => *language,
            _ => None,
        };
        if let Some(l) = demo_language.or(cli.language) {
            settings.language = l;
        }
        let clock = match &cli.now {
            Some(s) => Clock::parse_fixed(s).map_err(|e| {
                anyhow!(crate::words::values::instant_error(
                    settings.language.words(),
                    &e
                ))
            })?,
            None => Clock::System,
        };
        let db = cli.db.clone().unwrap_or_else(|| settings.database.clone());
        Ok(Context {
            settings,
            clock,
            db,
            db_given: cli.db.is_some(),
        })
    }

    /// The words of the language the command speaks (`--language`,
    /// `RENOS_LANGUAGE`, `[ui] language`): what a person reads comes from
    /// the catalogue, as in the console; `--json` keeps its own fixed words.
    pub fn words(&self) -> crate::i18n::Words {
        self.settings.language.words()
    }

    fn open_existing(&self) -> Result<Store> {
        self.open_existing_at(&self.db)
    }

    /// The database at `path`, acting as this login with its role.
    fn open_existing_at(&self, path: &std::path::Path) -> Result<Store> {
        Ok(
            Store::open_existing(path, &self.settings.dispatcher, self.clock)?
                .with_tz(self.settings.tz)
                .with_access(self.settings.access.clone())
                .with_calendar(self.settings.calendar()),
        )
    }

    /// The database, made when it is not there yet (the console, an
    /// import and `staff add` start one). A named database is made only in
    /// a folder that exists: a mistyped `--db` would otherwise leave folders
    /// and an empty database behind. The default one gets its folder.
    fn open_or_create(&self) -> Result<Store> {
        if self.db_given
            && let Some(dir) = self.db.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            let dir = dir.display().to_string();
            return Err(anyhow!(
                self.words()
                    .with("cli-db-no-folder", &[("folder", dir.into())])
            ));
        }
        Ok(
            Store::open(&self.db, &self.settings.dispatcher, self.clock)?
                .with_tz(self.settings.tz)
                .with_access(self.settings.access.clone())
                .with_calendar(self.settings.calendar()),
        )
    }

    fn today(&self) -> NaiveDate {
        self.settings.tz.local_date(self.clock.now())
    }

    /// `YYYY-MM-DD`, `today`/`i dag`, `tomorrow`/`i morgen`, `yesterday`/`i går`.
    pub fn parse_date(&self, s: &str) -> Result<NaiveDate> {
        let today = self.today();
        match s.trim().to_lowercase().as_str() {
            "today" | "i dag" | "idag" => Ok(today),
            "tomorrow" | "i morgen" | "imorgen" => Ok(today + Duration::days(1)),
            "yesterday" | "i går" | "igår" => Ok(today - Duration::days(1)),
            other => crate::domain::when::parse_date(other, today)
                .map(|d| d.date)
                .map_err(|e| {
                    let why = crate::words::values::date_error(self.words(), &e);
                    // A refusal that quotes the date already says it once.
                    if why.starts_with(&format!("{other:?}")) {
                        return anyhow!(why);
                    }
                    anyhow!(
                        self.words()
                            .with("cli-not-a-date", &[("text", s.into()), ("why", why.into())])
                    )
                }),
        }
    }
}

/// The words of a command that runs before (or without) its context: the
/// sandbox, `init`, the doctor of a broken config. `--language`, else the
/// config's and the environment's choice, else the environment's alone.
fn words_before_context(cli: &Cli) -> crate::i18n::Words {
    cli.language
        .unwrap_or_else(|| help::configured(cli.config.as_deref()))
        .words()
}

/// Runs the command line; the error, if any, is for one line on stderr, in
/// the command's language.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let w = words_before_context(&cli);
    run_command(cli).map_err(|e| failure::worded(w, e))
}

fn run_command(cli: Cli) -> Result<ExitCode> {
    // The sandbox needs neither a config nor a database.
    if let Some(Command::Sandbox { addr, dir }) = &cli.command {
        return sandbox::run(words_before_context(&cli), *addr, dir.clone());
    }
    // Setting up a shared folder needs no config: it writes one.
    if let Some(Command::Init(args)) = &cli.command {
        return init::run(words_before_context(&cli), args, cli.now.as_deref());
    }
    // The doctor reports a configuration that does not load instead of stopping.
    if let Some(Command::Doctor { json }) = cli.command {
        return doctor::run(&cli, json);
    }
    // A theme is the console's: `renos --theme NAME` or `renos demo --theme NAME`.
    if cli.theme.is_some() && !matches!(cli.command, None | Some(Command::Demo { .. })) {
        return Err(anyhow!(
            words_before_context(&cli).get("cli-theme-console-only")
        ));
    }
    let ctx = Context::new(&cli)?;
    let date = cli.date.as_deref().map(|d| ctx.parse_date(d)).transpose()?;
    match cli.command {
        None => {
            let store = ctx.open_or_create()?;
            console(&ctx, store, cli.theme.as_deref(), date, None)
        }
        Some(Command::Demo {
            force,
            no_console,
            no_http,
            theme,
            ..
        }) => demo::run(
            &ctx,
            cli.db.is_some(),
            force,
            demo::Show {
                console: !no_console,
                http: !no_http,
            },
            theme.as_deref().or(cli.theme.as_deref()),
            date,
        ),
        Some(Command::Agenda { date: d, json }) => {
            let day = match d.as_deref().map(|d| ctx.parse_date(d)).transpose()? {
                Some(d) => d,
                None => date.unwrap_or_else(|| ctx.today()),
            };
            agenda::run(&ctx, day, json)
        }
        Some(Command::Book(args)) => book::book(&ctx, date, args),
        Some(Command::Move(args)) => book::move_booking(&ctx, date, args),
        Some(Command::Cancel(args)) => book::cancel(&ctx, args),
        Some(Command::Series(cmd)) => series::run(&ctx, cmd),
        Some(Command::Staff(cmd)) => staff::run(&ctx, cmd),
        Some(Command::Slots(args)) => slots::slots(&ctx, date, args),
        Some(Command::Reassign(args)) => slots::reassign(&ctx, args),
        Some(Command::Journal {
            booking,
            limit,
            json,
        }) => journal::run(&ctx, booking, limit, json),
        Some(Command::Import(cmd)) => import::run(&ctx, cmd),
        Some(Command::Validate { file, format, json }) => {
            import::validate(&ctx, &file, format, json)
        }
        Some(Command::Export(cmd)) => export::run(&ctx, cmd),
        Some(Command::Ics(cmd)) => ics::run(&ctx, cmd),
        Some(Command::Stats { json }) => stats::run(&ctx, json),
        Some(Command::Sync {
            direction,
            force,
            max_events,
            json,
        }) => sync::run(&ctx, direction, force, max_events, json),
        Some(Command::Status { json }) => sync::status(&ctx, json),
        Some(Command::Conflicts { json }) => sync::conflicts(&ctx, json),
        Some(Command::Resolve { booking, choice }) => sync::resolve(&ctx, booking, choice),
        Some(Command::Invoice {
            booking,
            customer,
            month,
            approve,
            json,
        }) => match (booking, customer, month) {
            (Some(booking), _, _) => invoice::invoice(&ctx, booking, approve, json),
            (None, Some(customer), Some(month)) => {
                invoice_month::invoice_month(&ctx, &customer, month, approve, json)
            }
            _ => Err(anyhow!(ctx.words().get("cli-invoice-which"))),
        },
        Some(Command::Invoices { open, poll, json }) => invoice::invoices(&ctx, open, poll, json),
        Some(Command::Alert {
            booking,
            to,
            message,
            json,
        }) => alert::alert(&ctx, booking, to.as_deref(), message.as_deref(), json),
        Some(Command::Alerts { check, limit, json }) => alert::alerts(&ctx, check, limit, json),
        Some(Command::Remind { dry_run }) => alert::remind(&ctx, dry_run),
        Some(Command::Doctor { json }) => doctor::run(&cli, json),
        Some(Command::Init(args)) => init::run(ctx.words(), &args, cli.now.as_deref()),
        Some(Command::Serve(args)) => serve::run(&ctx, &args),
        Some(Command::Mcp) => mcp::run(&ctx),
        Some(Command::Token(cmd)) => token::run(&ctx, cmd),
        Some(Command::Sandbox { addr, dir }) => sandbox::run(ctx.words(), addr, dir),
    }
}

/// Opens the console: logs go to a file, never to the screen.
fn console(
    ctx: &Context,
    store: Store,
    theme: Option<&str>,
    date: Option<NaiveDate>,
    notice: Option<String>,
) -> Result<ExitCode> {
    let theme = tui::choose_theme(theme, &ctx.settings)?;
    let keymap = tui::keymap::Keymap::load(ctx.settings.keymap.as_deref())?;
    if !screen::stdout_is_terminal() {
        return Err(anyhow!(ctx.words().get("cli-console-needs-terminal")));
    }
    let _log = crate::logging::to_file();
    tui::run(
        store,
        tui::Options {
            settings: ctx.settings.clone(),
            theme,
            keymap,
            clock: ctx.clock,
            date,
            notice,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
