//! `renos doctor`: is everything in order? The configuration, the database
//! and each provider (reachable, credentials accepted), said in words with
//! what to do.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{Cli, Context};
use crate::config::Settings;
use crate::domain::RoleSource;
use crate::domain::when::format_duration;
use crate::engine::health::{self, Finding, Health, Level};
use crate::store::{BILLY_INVOICE, Store, TWILIO_ALERT, Unwritable};

#[derive(Serialize)]
struct Report {
    ok: bool,
    checks: Vec<Health>,
}

pub fn run(cli: &Cli, json: bool) -> Result<ExitCode> {
    let mut checks = Vec::new();
    let ctx = match Context::new(cli) {
        Ok(ctx) => {
            let file = cli
                .config
                .clone()
                .unwrap_or_else(|| crate::config::paths::config_dir().join("config.toml"));
            let place = if cli.config.is_some() || file.exists() {
                file.display().to_string()
            } else {
                format!("{} (none: defaults and the environment)", file.display())
            };
            checks.push(Health::new(
                "config",
                Level::Ok,
                Finding::Works,
                format!("The configuration reads fine: {place}."),
                "",
            ));
            checks.extend(readable_by_others("config", &file));
            checks.push(acting(&ctx.settings));
            checks.push(language(&ctx.settings));
            checks.push(slots(&ctx.settings));
            Some(ctx)
        }
        Err(e) => {
            checks.push(Health::new(
                "config",
                Level::Fail,
                Finding::Error,
                format!("{e:#}"),
                "fix the line named, or move the file away to start from the defaults",
            ));
            None
        }
    };
    if let Some(ctx) = &ctx {
        checks.extend(database(ctx));
        checks.extend(api(ctx));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (g, b, t) = rt.block_on(async {
            tokio::join!(
                health::google(&ctx.settings),
                health::billy(&ctx.settings),
                health::twilio(&ctx.settings)
            )
        });
        let google_ok = g.level == Level::Ok;
        checks.extend([g, b, t]);
        if google_ok {
            checks.extend(rt.block_on(health::google_calendars(&ctx.settings)));
        }
        checks.extend(rt.block_on(staff_calendars(&ctx.settings)));
    }
    let ok = checks.iter().all(|c| c.level != Level::Fail);
    let mut out = super::screen::stdout();
    if json {
        super::screen::json(&mut out, &Report { ok, checks })?;
    } else {
        for c in &checks {
            let mark = match c.level {
                Level::Ok => "✓",
                Level::Warn => "!",
                Level::Fail => "✗",
            };
            writeln!(out, "{mark} {:<9} {}", c.check, c.message)?;
            if !c.fix.is_empty() {
                writeln!(out, "  {:<9} → {}", "", c.fix)?;
            }
        }
        writeln!(
            out,
            "{}",
            if ok {
                "Nothing stops work."
            } else {
                "Fix the ✗ above."
            }
        )?;
    }
    out.flush()?;
    Ok(super::exit_code(ok))
}

fn database(ctx: &Context) -> Vec<Health> {
    let path = ctx.db.display().to_string();
    if !ctx.db.exists() {
        return vec![Health::new(
            "database",
            Level::Warn,
            Finding::Missing,
            format!("There is no database at {path} yet."),
            "run `renos demo` to try the demo, or `renos staff add` to start one (or give --db)",
        )];
    }
    let store = match Store::open_existing(&ctx.db, &ctx.settings.dispatcher, ctx.clock) {
        Ok(s) => s,
        Err(e) => {
            return vec![Health::new(
                "database",
                Level::Fail,
                Finding::Error,
                format!("The database at {path} cannot be opened: {e}"),
                "check the file's permissions and the disk; restore a backup if it is damaged",
            )];
        }
    };
    let mut out = Vec::new();
    match store.quick_check(10) {
        Ok(problems) if problems.is_empty() => {}
        Ok(problems) => out.push(Health::new(
            "database",
            Level::Fail,
            Finding::Error,
            format!(
                "The database at {path} is damaged (SQLite's quick check): {}",
                problems.join("; ")
            ),
            "stop every console and `renos serve`, copy the file aside, and restore a backup",
        )),
        Err(e) => out.push(Health::new(
            "database",
            Level::Fail,
            Finding::Error,
            format!("The database at {path} is damaged (SQLite's quick check stopped: {e})"),
            "stop every console and `renos serve`, copy the file aside, and restore a backup",
        )),
    }
    if let Some(why) = store.unwritable() {
        let why = match why {
            Unwritable::File => "the file is not writable for this user",
            Unwritable::Folder => "its folder is not writable for this user",
            Unwritable::Opened => "SQLite opened it read-only",
        };
        out.push(Health::new(
            "database",
            Level::Warn,
            Finding::ReadOnly,
            format!("The database at {path} can only be read by this user ({why}): every change will be refused."),
            "give this user write access to the file and its folder (or run as the user who owns it)",
        ));
    }
    if let Some(h) = readable_by_others("database", &ctx.db) {
        out.push(h);
    }
    match store.stats() {
        Ok(s) => out.push(Health::new(
            "database",
            Level::Ok,
            Finding::Works,
            format!(
                "{path}: {} customers, {} bookings.",
                s.customers.total, s.bookings.total
            ),
            "",
        )),
        Err(e) => out.push(Health::new(
            "database",
            Level::Fail,
            Finding::Error,
            format!("The database at {path} cannot be read: {e}"),
            "restore a backup if it is damaged",
        )),
    }
    for (kind, what, fix) in [
        (
            BILLY_INVOICE,
            "invoices Billy refused",
            "see `renos invoices`; fix the cause, then `renos invoice ID` again",
        ),
        (
            TWILIO_ALERT,
            "calls or SMS Twilio refused",
            "see `renos alerts`; fix the number, then call again",
        ),
    ] {
        if let Ok(c) = store.outbox_counts(kind)
            && c.failed > 0
        {
            out.push(Health::new(
                "outbox",
                Level::Warn,
                Finding::Refused,
                format!("{} {what}.", c.failed),
                fix,
            ));
        }
    }
    out
}

/// The HTTP API, once it has tokens: how many, and its limits.
fn api(ctx: &Context) -> Option<Health> {
    let store = Store::open_existing(&ctx.db, &ctx.settings.dispatcher, ctx.clock).ok()?;
    let tokens = store.tokens().ok()?;
    if tokens.is_empty() {
        return None;
    }
    let live = tokens.iter().filter(|t| t.revoked_at.is_none()).count();
    let a = ctx.settings.api;
    Some(Health::new(
        "api",
        Level::Ok,
        Finding::Works,
        format!(
            "The API (renos serve --http) has {live} live tokens of {}; each may make {} \
             requests a minute (bursts of {}), bodies up to {} KiB ([api]).",
            tokens.len(),
            a.rate_per_minute,
            a.burst,
            a.body_limit_kib
        ),
        "",
    ))
}

/// Who acts here: the login (by uid), the display name beside it, and the
/// role with where it comes from.
fn acting(settings: &Settings) -> Health {
    let a = &settings.access;
    let name = match &settings.display_name {
        Some(d) if *d != a.login => format!("{} ({d})", a.login),
        _ => a.login.clone(),
    };
    let from = match &a.source {
        RoleSource::NoRoles => "no [roles] in the config: everybody is an admin".to_string(),
        RoleSource::Config(path) => format!("[roles] in {path}"),
    };
    let fix = if a.read_only() {
        "you may only read; ask an admin to list you under dispatcher in [roles]"
    } else {
        ""
    };
    Health::new(
        "you",
        Level::Ok,
        Finding::Works,
        format!("{name}, role {} ({from}).", a.role),
        fix,
    )
}

/// The language the console speaks, and where that comes from.
fn language(settings: &Settings) -> Health {
    let name = match settings.language {
        crate::i18n::Language::Da => "Danish",
        crate::i18n::Language::En => "English",
    };
    Health::new(
        "language",
        Level::Ok,
        Finding::Works,
        format!(
            "The console speaks {name} ({}): [ui] language in the config, {} or --language.",
            settings.language,
            crate::config::LANGUAGE_ENV
        ),
        "",
    )
}

/// The slot finder's rules in one line: the grid, the notice limits and
/// the travel gaps.
fn slots(settings: &Settings) -> Health {
    let r = settings.slot_rules();
    Health::new(
        "slots",
        Level::Ok,
        Finding::Works,
        format!(
            "Slots every {}, from {} to {} days ahead; travel gap {} within an area, {} between two.",
            format_duration(r.grid_min),
            format_duration(r.notice.min_minutes),
            r.notice.max_days,
            format_duration(r.gap.within_min),
            format_duration(r.gap.between_min),
        ),
        "",
    )
}

/// A warning when `path` may be read by every user of the machine (the
/// database holds customers' door codes; the config, provider secrets).
fn readable_by_others(check: &'static str, path: &std::path::Path) -> Option<Health> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o004 != 0).then(|| {
        Health::new(
            check,
            Level::Warn,
            Finding::BadSetting,
            format!(
                "{} can be read by every user of this machine (mode {:o}).",
                path.display(),
                mode & 0o777
            ),
            "chmod o-rwx it (for a team on one server, `renos init --shared DIR --group GROUP` sets the modes)",
        )
    })
}

/// `[calendars.staff]`: each cleaner's own calendar. A CalDAV calendar is
/// asked for (reachable, password accepted, a calendar at that address);
/// the others are named.
async fn staff_calendars(settings: &Settings) -> Vec<Health> {
    use crate::config::CalendarRef;
    use crate::providers::caldav::{self, CalDavSettings, Credentials};
    use crate::providers::retry::RetryPolicy;

    let cal = &settings.calendars;
    let mut out = Vec::new();
    for (cleaner, calendar) in &cal.staff {
        let named = format!(
            "{cleaner}'s calendar: {} {}",
            calendar.provider(),
            calendar.target()
        );
        let CalendarRef::CalDav(url) = calendar else {
            out.push(Health::new(
                "calendar",
                Level::Warn,
                Finding::NotSetUp,
                format!("{named} (not synced yet: this version syncs the [google] calendars)."),
                "",
            ));
            continue;
        };
        let credentials = match Credentials::resolve(
            |k| std::env::var(k).ok(),
            cal.caldav_credentials.as_deref(),
        ) {
            Ok(c) => c,
            Err(e) => {
                out.push(Health::new(
                    "calendar",
                    Level::Fail,
                    Finding::SettingMissing,
                    format!("{named}: {e}."),
                    "set CALDAV_USERNAME and CALDAV_PASSWORD, or [calendars] caldav_credentials",
                ));
                continue;
            }
        };
        let probe = CalDavSettings {
            url: url.clone(),
            credentials,
            zone: settings.tz.0,
            retry: RetryPolicy {
                retries: 0,
                timeout: std::time::Duration::from_secs(10),
                ..RetryPolicy::default()
            },
        };
        let health = match caldav::discover(&probe).await {
            Ok(found) if found.iter().any(|c| &c.url == url) => Health::new(
                "calendar",
                Level::Ok,
                Finding::Works,
                format!("{named} answers and accepts the password."),
                "",
            ),
            Ok(_) => Health::new(
                "calendar",
                Level::Fail,
                Finding::BadSetting,
                format!("{named}: there is no calendar at that address."),
                "give the address of the calendar itself (it ends with /)",
            ),
            Err(e) => {
                let (finding, fix) = match &e {
                    crate::providers::calendar::ProviderError::Unauthorised(_) => (
                        Finding::KeyRefused,
                        "check CALDAV_USERNAME and CALDAV_PASSWORD or the credentials file",
                    ),
                    e if e.is_transient() => (
                        Finding::Offline,
                        "check the address and that the server runs",
                    ),
                    _ => (Finding::Error, "check the address of the calendar"),
                };
                Health::new(
                    "calendar",
                    Level::Fail,
                    finding,
                    format!("{named}: {e}."),
                    fix,
                )
            }
        };
        out.push(health);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slot_rules_are_one_line() {
        let s = Settings::parse(
            "[slots]\ngrid_min = 30\nmin_notice_min = 90\nmax_notice_days = 60\n",
            std::path::Path::new("config.toml"),
        )
        .expect("parse");
        assert_eq!(
            slots(&s).message,
            "Slots every 30 min, from 1 h 30 to 60 days ahead; travel gap 15 min within an area, 30 min between two."
        );
        assert_eq!(
            slots(&Settings::default()).message,
            "Slots every 15 min, from 2 h to 90 days ahead; travel gap 15 min within an area, 30 min between two."
        );
    }
}
