//! `renos token add|list|revoke`: the tokens of the HTTP API. A token is
//! shown once when it is made; only its hash is kept. Making and revoking
//! one needs the admin role.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::Subcommand;

use super::{Context, screen};
use crate::domain::TokenRole;
use crate::engine::remote::new_secret;
use crate::store::{NewToken, TokenRecord};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token; it is printed once, keep it somewhere safe.
    Add {
        /// A name for the token, e.g. maja-phone (shown in the journal).
        name: String,
        /// What it may do: admin, dispatcher, viewer, or cleaner (their own jobs).
        #[arg(long, value_parser = role)]
        role: TokenRole,
        /// The cleaner a cleaner's token stands for (name or #id).
        #[arg(long, value_name = "NAME")]
        staff: Option<String>,
        #[arg(long)]
        json: bool,
        /// Also print a QR code that opens the cleaners' page logged in.
        #[arg(long)]
        qr: bool,
        /// Where phones reach the page, for --qr (default
        /// http://127.0.0.1:8787, the serve's own address).
        #[arg(long, value_name = "BASE", requires = "qr")]
        url: Option<String>,
    },
    /// The tokens: name, role, cleaner, made, last used, revoked.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token: from now on it is refused.
    Revoke { name: String },
}

fn role(text: &str) -> std::result::Result<TokenRole, super::help::Refused> {
    TokenRole::parse(text).ok_or(super::help::Refused::Role)
}

pub fn run(ctx: &Context, cmd: TokenCommand) -> Result<ExitCode> {
    match cmd {
        TokenCommand::Add {
            name,
            role,
            staff,
            json,
            qr,
            url,
        } => {
            let link = qr.then(|| url.unwrap_or_else(|| DEFAULT_BASE.to_string()));
            add(ctx, &name, role, staff.as_deref(), json, link.as_deref())
        }
        TokenCommand::List { json } => list(ctx, json),
        TokenCommand::Revoke { name } => {
            let mut store = ctx.open_existing()?;
            let t = store.revoke_token(&name)?;
            let said = ctx
                .words()
                .with("cli-token-revoked", &[("name", t.name.as_str().into())]);
            writeln!(screen::stdout(), "{said}")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn add(
    ctx: &Context,
    name: &str,
    role: TokenRole,
    staff: Option<&str>,
    json: bool,
    qr_base: Option<&str>,
) -> Result<ExitCode> {
    if let Some(base) = qr_base {
        check_base(base)?;
    }
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let staff_id = match (role, staff) {
        (TokenRole::Cleaner, Some(s)) => Some(
            store
                .find_staff(s)
                .map_err(|e| anyhow!("--staff: {}", crate::words::values::store_error(w, &e)))?
                .id,
        ),
        (TokenRole::Cleaner, None) => {
            return Err(anyhow!(w.get("cli-token-staff-missing")));
        }
        (_, Some(_)) => {
            return Err(anyhow!(w.get("cli-token-staff-not-cleaner")));
        }
        (_, None) => None,
    };
    let secret = new_secret().map_err(|e| anyhow!("{e}"))?;
    let t = store.add_token(&NewToken {
        name: name.to_string(),
        role,
        staff_id,
        hash: secret.hash,
    })?;
    let mut out = screen::stdout();
    if json {
        #[derive(serde::Serialize)]
        struct Made<'a> {
            #[serde(flatten)]
            token: &'a TokenRecord,
            secret: &'a str,
            /// The page's link, logged in (with --qr).
            #[serde(skip_serializing_if = "Option::is_none")]
            app_link: Option<String>,
        }
        screen::json(
            &mut out,
            &Made {
                token: &t,
                secret: &secret.secret,
                app_link: qr_base.map(|b| app_link(b, &secret.secret)),
            },
        )?;
    } else {
        let made = w.with(
            "cli-token-made",
            &[
                ("name", t.name.as_str().into()),
                ("role", describe_role(&t).into()),
            ],
        );
        writeln!(out, "{made}")?;
        writeln!(out)?;
        writeln!(out, "  {}", secret.secret)?;
        writeln!(out)?;
        let how = w.with("cli-token-how", &[("name", t.name.as_str().into())]);
        writeln!(out, "{how}")?;
        if let Some(base) = qr_base {
            let link = app_link(base, &secret.secret);
            writeln!(out)?;
            writeln!(out, "{}", w.get("cli-token-scan"))?;
            writeln!(out)?;
            write!(out, "{}", qr_text(w, &link)?)?;
            writeln!(out)?;
            writeln!(out, "  {link}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Where phones reach the page when `--url` is not given: the serve's own
/// default address.
const DEFAULT_BASE: &str = "http://127.0.0.1:8787";

/// An http(s) address the page can be reached at.
fn check_base(base: &str) -> Result<()> {
    let ok = reqwest::Url::parse(base)
        .ok()
        .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if ok {
        Ok(())
    } else {
        Err(anyhow!(
            "--url {base:?}: give where phones reach the serve, e.g. https://renos.example.dk"
        ))
    }
}

/// The cleaners' page at `base`, logged in with `secret` (in the fragment:
/// it is not sent to the server or kept in its logs).
pub(super) fn app_link(base: &str, secret: &str) -> String {
    format!("{}/app/#token={secret}", base.trim_end_matches('/'))
}

/// `text` as a QR code of Unicode half blocks, two rows a line, its light
/// modules drawn (a terminal's light text on dark shows it the right way
/// round), with the quiet zone around it.
fn qr_text(w: crate::i18n::Words, text: &str) -> Result<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| {
        anyhow!(w.with("cli-token-qr-too-long", &[("detail", e.to_string().into())]))
    })?;
    let mut out = code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build();
    out.push('\n');
    Ok(out)
}

fn describe_role(t: &TokenRecord) -> String {
    match &t.staff {
        Some(s) => format!("{} {s}", t.role),
        None => t.role.to_string(),
    }
}

fn list(ctx: &Context, json: bool) -> Result<ExitCode> {
    let store = ctx.open_existing()?;
    let tokens = store.tokens()?;
    let mut out = screen::stdout();
    if json {
        screen::json(&mut out, &tokens)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if tokens.is_empty() {
        writeln!(out, "{}", ctx.words().get("cli-token-none"))?;
    }
    let tz = ctx.settings.tz;
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map_or_else(
            || "-".to_string(),
            |t| tz.local(t).format("%Y-%m-%d %H:%M").to_string(),
        )
    };
    let w = ctx.words();
    for t in &tokens {
        let (made, by, used) = (
            when(Some(t.created_at)),
            t.created_by.as_str(),
            when(t.last_used),
        );
        let about = match t.revoked_at {
            None => w.with(
                "cli-token-line",
                &[
                    ("made", made.into()),
                    ("by", by.into()),
                    ("used", used.into()),
                ],
            ),
            Some(r) => w.with(
                "cli-token-line-revoked",
                &[
                    ("made", made.into()),
                    ("by", by.into()),
                    ("used", used.into()),
                    ("revoked", when(Some(r)).into()),
                ],
            ),
        };
        writeln!(out, "{:<20} {:<18} {about}", t.name, describe_role(t))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_logs_in_through_the_fragment_and_the_code_is_half_blocks() {
        let link = app_link("https://renos.example.dk/", "abc");
        assert_eq!(link, "https://renos.example.dk/app/#token=abc");
        let code = qr_text(crate::i18n::Language::En.words(), &link).expect("qr");
        assert!(code.lines().count() > 10, "{code}");
        assert!(code.chars().any(|c| matches!(c, '▀' | '▄' | '█')), "{code}");
        let width = code.lines().next().map_or(0, |l| l.chars().count());
        assert!(code.lines().all(|l| l.chars().count() == width), "square");
        assert!(check_base("http://127.0.0.1:8787").is_ok());
        assert!(check_base("renos.example.dk").is_err());
    }
}
