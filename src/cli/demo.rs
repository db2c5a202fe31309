//! `renos demo`: a fresh database with the demo business, then the console,
//! with the API, the cleaners' page and the assistants' tools served beside
//! it (`api`) and their tokens' links in a file beside the database.

mod api;
mod calendars;
mod radicale;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::{DateTime, NaiveDate, Utc};

use super::Context;
use crate::config::{GoogleConfig, GoogleCredentials, Settings};
use crate::engine::demo;
use crate::sandbox::{self, Sandbox};
use crate::store::Store;

/// Where a demo goes when no `--db` is given: a new file each time, so a demo
/// never overwrites anything and always shows today.
fn fresh_path() -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    crate::config::paths::data_dir()
        .join("demo")
        .join(format!("demo-{stamp}-{}.db", std::process::id()))
}

/// What the demo shows after seeding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Show {
    /// The console (else the demo only seeds).
    pub console: bool,
    /// The API, the cleaners' page and the assistants' tools beside it.
    pub http: bool,
}

pub fn run(
    ctx: &Context,
    db_given: bool,
    force: bool,
    show: Show,
    theme: Option<&str>,
    date: Option<NaiveDate>,
) -> Result<ExitCode> {
    let w = ctx.words();
    let path = if db_given {
        ctx.db.clone()
    } else {
        fresh_path()
    };
    if path.exists() {
        // Replacing a database takes its staff with it: an admin's change,
        // refused (and journaled there, when it opens) like any other.
        if force && let Err(refusal) = ctx.settings.access.check(crate::domain::Permission::Staff) {
            if let Ok(mut store) = ctx.open_existing_at(&path) {
                let _ = store.allow(crate::domain::Permission::Staff);
            }
            return Err(anyhow!(crate::words::values::access_refusal(w, &refusal)));
        }
        if !force {
            return Err(anyhow!(w.with(
                "cli-demo-exists",
                &[("path", path.display().to_string().into())]
            )));
        }
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", path.display()));
            if p.exists() {
                std::fs::remove_file(&p).map_err(|e| {
                    anyhow!(w.with(
                        "cli-demo-cannot-replace",
                        &[
                            ("path", p.display().to_string().into()),
                            ("error", e.to_string().into())
                        ]
                    ))
                })?;
            }
        }
        // The old demo's links open nothing now.
        let _ = std::fs::remove_file(links_path(&path));
    }
    // The demo's own history is written as "demo", so the dispatcher's undo
    // starts with their own first change.
    // The tokens of the page and the assistants are the demo's too, made
    // only when they are served.
    let (summary, tokens) = {
        let mut seeder = Store::open(&path, "demo", ctx.clock)?.with_tz(ctx.settings.tz);
        let summary = demo::seed(&mut seeder, &ctx.settings, ctx.clock.now())?;
        let tokens = if show.console && show.http {
            Some(demo::make_tokens(&mut seeder)?)
        } else {
            None
        };
        (summary, tokens)
    };
    let store = Store::open(&path, &ctx.settings.dispatcher, ctx.clock)?
        .with_tz(ctx.settings.tz)
        .with_access(ctx.settings.access.clone());
    if !show.console {
        let seeded = w.with(
            "cli-demo-seeded",
            &[
                ("staff", summary.staff.into()),
                ("customers", summary.customers.into()),
                ("bookings", summary.bookings.into()),
                ("path", path.display().to_string().into()),
            ],
        );
        writeln!(super::screen::stdout(), "{seeded}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut settings = ctx.settings.clone();
    // Providers as set up (e.g. `. ./sandbox.env`), else a sandbox of the
    // demo's own that lives as long as the console.
    let sandbox = demo_sandbox(&mut settings, &path, ctx.clock.now())?;
    // Two cleaners' calendars beside the shared one: Microsoft 365 in the
    // sandbox, CalDAV on a Radicale of the demo's own (where installed).
    let (_calendars, no_caldav) =
        calendars::set_up(&sandbox, &mut settings, &path, ctx.clock.now())?;
    let sub = Context {
        settings,
        clock: ctx.clock,
        db: path,
        db_given: true,
    };
    // What to try first, before the path (which the status line may cut),
    // in the console's language; then where the page is.
    let mut notice = sub.settings.language.words().with(
        "demo-notice",
        &[
            ("staff", summary.staff.into()),
            ("customers", summary.customers.into()),
            ("bookings", summary.bookings.into()),
            ("path", sub.db.display().to_string().into()),
        ],
    );
    // Served until the console ends.
    let (_api, said) = match &tokens {
        Some(tokens) => serve(&sub, tokens),
        None => (None, None),
    };
    for said in [no_caldav, said].into_iter().flatten() {
        notice = format!("{notice} · {said}");
    }
    super::console(&sub, store, theme, date, Some(notice))
}

/// Serves the demo's API beside the console and writes its links; the
/// server, and the notice's words on the page (or on why it is not
/// served: the console opens all the same).
fn serve(ctx: &Context, tokens: &demo::DemoTokens) -> (Option<api::DemoApi>, Option<String>) {
    let served = api::DemoApi::start(&ctx.settings, &ctx.db, ctx.clock)
        .and_then(|a| links(ctx, tokens, &a.base()).map(|said| (a, said)));
    match served {
        Ok((a, said)) => (Some(a), Some(said)),
        Err(e) => (
            None,
            Some(
                ctx.settings
                    .language
                    .words()
                    .with("demo-notice-no-api", &[("error", format!("{e:#}").into())]),
            ),
        ),
    }
}

/// Writes the tokens' links to a file beside the database (only its owner
/// may read it) and returns the notice's words on the page.
fn links(ctx: &Context, tokens: &demo::DemoTokens, base: &str) -> Result<String> {
    let w = ctx.settings.language.words();
    let db = ctx.db.display().to_string();
    let file = links_path(&ctx.db);
    let link = super::token::app_link(base, &tokens.phone);
    let mcp = format!("{}/mcp", base.trim_end_matches('/'));
    let text = [
        w.with("demo-links-title", &[("db", db.as_str().into())]),
        w.with("demo-links-secret", &[("db", db.as_str().into())]),
        String::new(),
        w.with(
            "demo-links-phone",
            &[
                ("cleaner", tokens.cleaner.as_str().into()),
                ("name", demo::PHONE_TOKEN.into()),
            ],
        ),
        format!("  {link}"),
        String::new(),
        w.with("demo-links-mcp", &[("name", demo::ASSISTANT_TOKEN.into())]),
        format!("  URL:           {mcp}"),
        format!("  Authorization: Bearer {}", tokens.assistant),
        String::new(),
        w.get("demo-links-mcp-example"),
        format!(
            "  {{ \"mcpServers\": {{ \"renos\": {{ \"type\": \"http\", \"url\": \"{mcp}\", \
             \"headers\": {{ \"Authorization\": \"Bearer {}\" }} }} }} }}",
            tokens.assistant
        ),
        String::new(),
    ]
    .join("\n");
    super::output::write_private(&file, text.as_bytes(), w)?;
    Ok(w.with(
        "demo-notice-phone",
        &[
            ("cleaner", tokens.cleaner.as_str().into()),
            ("link", link.into()),
            ("file", file.display().to_string().into()),
        ],
    ))
}

/// The links' file of the demo database at `db`: `demo-….db` →
/// `demo-…-links.txt` in the same folder.
fn links_path(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map_or_else(|| "demo".into(), |s| s.to_string_lossy().into_owned());
    db.with_file_name(format!("{stem}-links.txt"))
}

/// Starts the demo's sandbox (it serves the Microsoft 365 calendar of the
/// demo's cleaner), and points every provider that is not set up at it.
/// Automatic alerts are on in the demo.
fn demo_sandbox(settings: &mut Settings, db: &Path, now: DateTime<Utc>) -> Result<Sandbox> {
    settings.alerts.auto = true;
    if settings.alerts.on_call.is_none() {
        settings.alerts.on_call = Some(DEMO_ON_CALL.to_string());
    }
    let google = settings.google.credentials.is_none();
    let billy = !settings.billy.is_set_up();
    let twilio = !settings.twilio.is_set_up();
    let sb = Sandbox::start(SocketAddr::from(([127, 0, 0, 1], 0))).map_err(|e| {
        anyhow!(
            settings
                .language
                .words()
                .with("cli-demo-no-sandbox", &[("error", e.to_string().into())])
        )
    })?;
    if google {
        let dir = db
            .parent()
            .map_or_else(std::env::temp_dir, Path::to_path_buf);
        demo_google(&sb, settings, &dir, now)?;
    }
    if billy {
        settings.billy.api_key = Some(sandbox::BILLY_API_KEY.to_string());
        settings.billy.organization_id = Some(sandbox::BILLY_ORGANIZATION_ID.to_string());
        settings.billy.base_url = sb.billy_base_url();
    }
    if twilio {
        settings.twilio.account_sid = Some(sandbox::TWILIO_ACCOUNT_SID.to_string());
        settings.twilio.auth_token = Some(sandbox::TWILIO_AUTH_TOKEN.to_string());
        settings.twilio.phone_number = Some(sandbox::TWILIO_PHONE_NUMBER.to_string());
        settings.twilio.base_url = sb.twilio_base_url();
    }
    Ok(sb)
}

/// Where the demo's calls go (the business's own example number).
const DEMO_ON_CALL: &str = "+4512345678";

/// Points Google at the sandbox, with a few events "made by hand" in it.
fn demo_google(
    sb: &Sandbox,
    settings: &mut Settings,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<()> {
    let key = dir.join(format!("google-key-{}.json", std::process::id()));
    super::output::write_private(
        &key,
        sandbox::key_json(&sb.token_uri()).as_bytes(),
        settings.language.words(),
    )?;
    settings.google = GoogleConfig {
        calendar_id: sandbox::CALENDAR_ID.to_string(),
        staff_calendars: Vec::new(),
        credentials: Some(GoogleCredentials::KeyFile(key)),
        impersonated_user: Some(sandbox::IMPERSONATED_USER.to_string()),
        base_url: sb.google_base_url(),
        token_uri: Some(sb.token_uri()),
    };
    // The sandbox has no quota to stay under: the demo's first push of a
    // few hundred bookings is not paced.
    settings.sync.requests_per_minute = 0;
    let tz = settings.tz;
    let day = tz.local_date(now) + chrono::Duration::days(1);
    let g = sb.google();
    for (h, summary, place) in [
        (9, "Vinduespudsning - Lars Bach", "Skovvej 4, 8240 Risskov"),
        (
            13,
            "Ny kunde: Trappevask Vesterbro",
            "Vesterbrogade 90, 1620 København V",
        ),
    ] {
        let start = tz.instant(
            day,
            chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default(),
        );
        let end = start + chrono::Duration::hours(2);
        g.create(
            sandbox::CALENDAR_ID,
            serde_json::json!({
                "summary": summary,
                "location": place,
                "start": {"dateTime": start.to_rfc3339(), "timeZone": tz.name()},
                "end": {"dateTime": end.to_rfc3339(), "timeZone": tz.name()},
            }),
        );
    }
    // A weekly cleaning made by hand as a recurring event: its occurrences
    // of the next weeks become bookings. An out-of-office in the same
    // calendar is no job and stays out.
    let at = |d: chrono::NaiveDate, h: u32| {
        tz.instant(
            d,
            chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default(),
        )
    };
    let weekly = day + chrono::Duration::days(1);
    g.create_recurring(
        sandbox::CALENDAR_ID,
        serde_json::json!({
            "summary": "Fast rengøring - Lars Bach",
            "location": "Skovvej 4, 8240 Risskov",
            "start": {"dateTime": at(weekly, 10).to_rfc3339(), "timeZone": tz.name()},
            "end": {"dateTime": at(weekly, 12).to_rfc3339(), "timeZone": tz.name()},
        }),
        &["RRULE:FREQ=WEEKLY"],
    );
    g.create_typed(
        sandbox::CALENDAR_ID,
        "outOfOffice",
        serde_json::json!({
            "summary": "Kontoret lukket (personalemøde)",
            "start": {"dateTime": at(day, 15).to_rfc3339(), "timeZone": tz.name()},
            "end": {"dateTime": at(day, 17).to_rfc3339(), "timeZone": tz.name()},
        }),
    );
    Ok(())
}
