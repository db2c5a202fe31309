//! `renos doctor`: is everything in order? The configuration, the database
//! and each provider (reachable, credentials accepted), said in words with
//! what to do. The checks are typed ([`said::What`]); the report words
//! them in the command's language, `--json` in English.

mod calendars;
mod said;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{Cli, Context};
use crate::config::Settings;
use crate::engine::health::{self, Finding, Health, Level};
use crate::i18n::{Language, Words};
use crate::store::{BILLY_INVOICE, Store, TWILIO_ALERT};
use said::{Checked, What};

/// A check in words, as `--json` gives it.
#[derive(Serialize)]
struct Said {
    check: &'static str,
    level: Level,
    finding: Finding,
    message: String,
    fix: String,
}

#[derive(Serialize)]
struct Report {
    ok: bool,
    checks: Vec<Said>,
}

impl From<Health> for Checked {
    fn from(h: Health) -> Checked {
        Checked::new(h.check, h.level, h.finding, What::Provider(h.said))
    }
}

pub fn run(cli: &Cli, json: bool) -> Result<ExitCode> {
    let mut checks: Vec<Checked> = Vec::new();
    // A configuration that does not load still has a language to be told in.
    let mut words = super::words_before_context(cli);
    let ctx = match Context::new(cli) {
        Ok(ctx) => {
            words = ctx.words();
            let file = cli
                .config
                .clone()
                .unwrap_or_else(|| crate::config::paths::config_dir().join("config.toml"));
            checks.push(Checked::new(
                "config",
                Level::Ok,
                Finding::Works,
                What::ConfigReads {
                    path: file.display().to_string(),
                    exists: cli.config.is_some() || file.exists(),
                },
            ));
            checks.extend(readable_by_others("config", &file));
            checks.push(acting(&ctx.settings));
            checks.push(Checked::new(
                "language",
                Level::Ok,
                Finding::Works,
                What::Language(ctx.settings.language),
            ));
            checks.push(slots(&ctx.settings));
            Some(ctx)
        }
        Err(e) => {
            checks.push(Checked::new(
                "config",
                Level::Fail,
                Finding::Error,
                What::ConfigBroken {
                    // In the report's language, as a command's end is; the
                    // JSON's stays English.
                    error: {
                        let w = if json { Language::En.words() } else { words };
                        format!("{:#}", super::failure::worded(w, e))
                    },
                },
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
        checks.extend([g, b, t].map(Checked::from));
        if google_ok {
            let calendars = rt.block_on(health::google_calendars(&ctx.settings));
            checks.extend(calendars.into_iter().map(Checked::from));
        }
        checks.extend(rt.block_on(calendars::staff_calendars(&ctx.settings)));
    }
    let ok = checks.iter().all(|c| c.level != Level::Fail);
    let mut out = super::screen::stdout();
    if json {
        // Scripts read the JSON: its words stay English.
        let en = Language::En.words();
        let checks = checks
            .iter()
            .map(|c| {
                let (message, fix) = said::words(en, &c.what);
                Said {
                    check: c.check,
                    level: c.level,
                    finding: c.finding,
                    message,
                    fix,
                }
            })
            .collect();
        super::screen::json(&mut out, &Report { ok, checks })?;
    } else {
        write_report(&mut out, words, &checks, ok)?;
    }
    out.flush()?;
    Ok(super::exit_code(ok))
}

/// The report for a person: a mark, the check, the sentence; what to do
/// under it.
fn write_report(out: &mut impl Write, w: Words, checks: &[Checked], ok: bool) -> Result<()> {
    for c in checks {
        let mark = match c.level {
            Level::Ok => "✓",
            Level::Warn => "!",
            Level::Fail => "✗",
        };
        let (message, fix) = said::words(w, &c.what);
        writeln!(out, "{mark} {:<9} {message}", said::check_name(w, c.check))?;
        if !fix.is_empty() {
            writeln!(out, "  {:<9} → {fix}", "")?;
        }
    }
    let end = if ok {
        w.get("cli-doctor-all-well")
    } else {
        w.get("cli-doctor-fix-above")
    };
    writeln!(out, "{end}")?;
    Ok(())
}

fn database(ctx: &Context) -> Vec<Checked> {
    let path = ctx.db.display().to_string();
    let check = |level, finding, what| Checked::new("database", level, finding, what);
    if !ctx.db.exists() {
        return vec![check(
            Level::Warn,
            Finding::Missing,
            What::DbMissing { path },
        )];
    }
    let store = match Store::open_existing(&ctx.db, &ctx.settings.dispatcher, ctx.clock) {
        Ok(s) => s,
        Err(e) => {
            return vec![check(
                Level::Fail,
                Finding::Error,
                What::DbCannotOpen {
                    path,
                    error: e.to_string(),
                },
            )];
        }
    };
    let mut out = Vec::new();
    match store.quick_check(10) {
        Ok(problems) if problems.is_empty() => {}
        Ok(problems) => out.push(check(
            Level::Fail,
            Finding::Error,
            What::DbDamaged {
                path: path.clone(),
                problems: problems.join("; "),
            },
        )),
        Err(e) => out.push(check(
            Level::Fail,
            Finding::Error,
            What::DbCheckStopped {
                path: path.clone(),
                error: e.to_string(),
            },
        )),
    }
    if let Some(why) = store.unwritable() {
        out.push(check(
            Level::Warn,
            Finding::ReadOnly,
            What::DbReadOnly {
                path: path.clone(),
                why,
            },
        ));
    }
    if let Some(h) = readable_by_others("database", &ctx.db) {
        out.push(h);
    }
    match store.stats() {
        Ok(s) => out.push(check(
            Level::Ok,
            Finding::Works,
            What::DbCounts {
                path,
                customers: s.customers.total,
                bookings: s.bookings.total,
            },
        )),
        Err(e) => out.push(check(
            Level::Fail,
            Finding::Error,
            What::DbCannotRead {
                path,
                error: e.to_string(),
            },
        )),
    }
    for (kind, billy) in [(BILLY_INVOICE, true), (TWILIO_ALERT, false)] {
        if let Ok(c) = store.outbox_counts(kind)
            && c.failed > 0
        {
            out.push(Checked::new(
                "outbox",
                Level::Warn,
                Finding::Refused,
                What::OutboxRefused {
                    billy,
                    count: c.failed,
                },
            ));
        }
    }
    out
}

/// The HTTP API, once it has tokens: how many, and its limits.
fn api(ctx: &Context) -> Option<Checked> {
    let store = Store::open_existing(&ctx.db, &ctx.settings.dispatcher, ctx.clock).ok()?;
    let tokens = store.tokens().ok()?;
    if tokens.is_empty() {
        return None;
    }
    let a = ctx.settings.api;
    Some(Checked::new(
        "api",
        Level::Ok,
        Finding::Works,
        What::Api {
            live: tokens.iter().filter(|t| t.revoked_at.is_none()).count(),
            total: tokens.len(),
            rate_per_minute: a.rate_per_minute,
            burst: a.burst,
            body_limit_kib: a.body_limit_kib,
        },
    ))
}

/// Who acts here: the login (by uid), the display name beside it, and the
/// role with where it comes from.
fn acting(settings: &Settings) -> Checked {
    let a = &settings.access;
    Checked::new(
        "you",
        Level::Ok,
        Finding::Works,
        What::Acting {
            login: a.login.clone(),
            display_name: settings.display_name.clone().filter(|d| *d != a.login),
            role: a.role.to_string(),
            roles_from: match &a.source {
                crate::domain::RoleSource::NoRoles => None,
                crate::domain::RoleSource::Config(path) => Some(path.to_string()),
            },
            read_only: a.read_only(),
        },
    )
}

/// The slot finder's rules in one line: the grid, the notice limits and
/// the travel gaps.
fn slots(settings: &Settings) -> Checked {
    let r = settings.slot_rules();
    Checked::new(
        "slots",
        Level::Ok,
        Finding::Works,
        What::Slots {
            grid_min: r.grid_min.into(),
            min_notice_min: r.notice.min_minutes.into(),
            max_notice_days: r.notice.max_days.into(),
            within_min: r.gap.within_min.into(),
            between_min: r.gap.between_min.into(),
        },
    )
}

/// A warning when `path` may be read by every user of the machine (the
/// database holds customers' door codes; the config, provider secrets).
fn readable_by_others(check: &'static str, path: &std::path::Path) -> Option<Checked> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o004 != 0).then(|| {
        Checked::new(
            check,
            Level::Warn,
            Finding::BadSetting,
            What::ReadableByOthers {
                path: path.display().to_string(),
                mode: mode & 0o777,
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(w: Words, c: &Checked) -> String {
        said::words(w, &c.what).0
    }

    #[test]
    fn the_slot_rules_are_one_line() {
        let s = Settings::parse(
            "[slots]\ngrid_min = 30\nmin_notice_min = 90\nmax_notice_days = 60\n",
            std::path::Path::new("config.toml"),
        )
        .expect("parse");
        let en = Language::En.words();
        assert_eq!(
            message(en, &slots(&s)),
            "Slots every 30 min, from 1 h 30 min to 60 days ahead; travel gap 15 min within an area, 30 min between two."
        );
        assert_eq!(
            message(en, &slots(&Settings::default())),
            "Slots every 15 min, from 2 h to 90 days ahead; travel gap 15 min within an area, 30 min between two."
        );
        assert_eq!(
            message(Language::Da.words(), &slots(&s)),
            "Ledige tider i trin på 30 min, fra 1 t 30 min til 60 dage frem; køretid 15 min inden for et område, 30 min mellem to."
        );
    }
}
