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
    },
    /// The tokens: name, role, cleaner, made, last used, revoked.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token: from now on it is refused.
    Revoke { name: String },
}

fn role(text: &str) -> std::result::Result<TokenRole, String> {
    TokenRole::parse(text).ok_or_else(|| "use admin, dispatcher, viewer or cleaner".into())
}

pub fn run(ctx: &Context, cmd: TokenCommand) -> Result<ExitCode> {
    match cmd {
        TokenCommand::Add {
            name,
            role,
            staff,
            json,
        } => add(ctx, &name, role, staff.as_deref(), json),
        TokenCommand::List { json } => list(ctx, json),
        TokenCommand::Revoke { name } => {
            let mut store = ctx.open_existing()?;
            let t = store.revoke_token(&name)?;
            writeln!(screen::stdout(), "Revoked the token {}", t.name)?;
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
) -> Result<ExitCode> {
    let mut store = ctx.open_existing()?;
    let staff_id = match (role, staff) {
        (TokenRole::Cleaner, Some(s)) => {
            Some(store.find_staff(s).map_err(|e| anyhow!("--staff: {e}"))?.id)
        }
        (TokenRole::Cleaner, None) => {
            return Err(anyhow!(
                "--staff: a cleaner's token names the cleaner, e.g. --staff Maja"
            ));
        }
        (_, Some(_)) => {
            return Err(anyhow!("--staff is for a cleaner's token (--role cleaner)"));
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
        }
        screen::json(
            &mut out,
            &Made {
                token: &t,
                secret: &secret.secret,
            },
        )?;
    } else {
        writeln!(
            out,
            "Token {} ({}) made. It is shown this once:",
            t.name,
            describe_role(&t)
        )?;
        writeln!(out)?;
        writeln!(out, "  {}", secret.secret)?;
        writeln!(out)?;
        writeln!(
            out,
            "Send it as `Authorization: Bearer TOKEN`; `renos token revoke {}` ends it.",
            t.name
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
        writeln!(
            out,
            "No tokens yet: `renos token add NAME --role ROLE` makes one."
        )?;
    }
    let tz = ctx.settings.tz;
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map_or_else(
            || "-".to_string(),
            |t| tz.local(t).format("%Y-%m-%d %H:%M").to_string(),
        )
    };
    for t in &tokens {
        writeln!(
            out,
            "{:<20} {:<18} made {} by {}, last used {}{}",
            t.name,
            describe_role(t),
            when(Some(t.created_at)),
            t.created_by,
            when(t.last_used),
            match t.revoked_at {
                Some(r) => format!(", revoked {}", when(Some(r))),
                None => String::new(),
            }
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
