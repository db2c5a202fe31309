//! `renos alert`, `renos alerts` and `renos remind`: calls and SMS through
//! Twilio from the shell.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::invoice::{report, runtime};
use super::{Context, exit_code as exit, screen};
use crate::engine::alerts;
use crate::store::AlertOutcome;
use crate::words::{news, values};

/// How many times `renos remind` asks Twilio how its messages ended (a
/// second apart) before it leaves the rest to `renos alerts --check`.
const REMIND_ROUNDS: usize = 15;

/// `renos alert ID [--to NUMBER] [--message TEXT]`: a call about a booking.
pub fn alert(
    ctx: &Context,
    id: i64,
    to: Option<&str>,
    message: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let mut store = ctx.open_existing()?;
    let client = alerts::client(&ctx.settings)?;
    let rec = alerts::raise_manual(&mut store, &ctx.settings, id, to, message)?;
    let d = runtime()?.block_on(alerts::deliver(&mut store, &client, Some(rec.id)))?;
    let rec = store.alert(rec.id)?;
    if json {
        let mut out = screen::stdout();
        screen::json(&mut out, &rec)?;
        out.flush()?;
        Ok(exit(d.refused.is_empty() && d.retrying.is_empty()))
    } else {
        Ok(exit(report(ctx.words(), &d)?))
    }
}

/// `renos alerts [--check]`: the latest alerts; with `--check`, first raise
/// the automatic alerts the plan calls for and place everything pending.
pub fn alerts(ctx: &Context, check: bool, limit: usize, json: bool) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let mut ok = true;
    if check {
        let client = alerts::client(&ctx.settings)?;
        let now = store.now();
        let auto = alerts::check_auto(&mut store, &ctx.settings, now)?;
        let mut err = screen::stderr();
        for (kind, why) in &auto.unreachable {
            let kind = values::alert_kind(w, *kind);
            writeln!(
                err,
                "{}",
                w.with(
                    "cli-alerts-not-raised",
                    &[("why", format!("{kind}: {why}").into())]
                )
            )?;
        }
        let rt = runtime()?;
        let mut d = rt.block_on(alerts::deliver(&mut store, &client, None))?;
        // How the earlier ones ended: a call unanswered, an SMS undelivered.
        d.extend(rt.block_on(alerts::refresh_statuses(&mut store, &client))?);
        ok = if json {
            d.refused.is_empty() && d.retrying.is_empty()
        } else {
            report(w, &d)?
        };
    }
    let list = store.alerts(limit)?;
    let mut out = screen::stdout();
    if json {
        screen::json(&mut out, &list)?;
    } else if list.is_empty() {
        writeln!(out, "{}", w.get("cli-alerts-none"))?;
    } else {
        for a in &list {
            writeln!(
                out,
                "#{:<4} {}  {:<14} {:<20} {}",
                a.id,
                ctx.settings.tz.local(a.created_at).format("%Y-%m-%d %H:%M"),
                w.with("cli-alerts-booking", &[("id", a.booking_id.into())]),
                values::alert_kind(w, a.kind),
                news::alert_state(w, a)
            )?;
            writeln!(out, "       “{}”", a.message)?;
        }
    }
    out.flush()?;
    Ok(exit(ok))
}

/// `renos remind [--dry-run]`: SMS reminders to tomorrow's customers, each
/// sent once.
pub fn remind(ctx: &Context, dry_run: bool) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let (list, skipped) = alerts::reminders(&store, &ctx.settings)?;
    let mut err = screen::stderr();
    for s in &skipped {
        writeln!(
            err,
            "{}",
            w.with("cli-remind-skipped", &[("why", s.as_str().into())])
        )?;
    }
    if dry_run {
        let mut out = screen::stdout();
        if list.is_empty() {
            writeln!(out, "{}", w.get("cli-remind-none"))?;
        }
        for r in &list {
            let sent = if r.already { "yes" } else { "no" };
            writeln!(
                out,
                "{:<7} #{} {} {}: {}",
                w.with("cli-remind-state", &[("sent", sent.into())]),
                r.booking_id,
                r.customer,
                r.to,
                r.message
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let client = alerts::client(&ctx.settings)?;
    let queued = alerts::queue_reminders(&mut store, &ctx.settings)?;
    let sent_before = list.iter().filter(|r| r.already).count();
    let rt = runtime()?;
    // Earlier reminders still waiting (Twilio was busy) go out too.
    let mut d = rt.block_on(alerts::deliver(&mut store, &client, None))?;
    // Twilio's 201 only says it took the message: a reminder counts once
    // the phone has it. Wait a little for the verdicts.
    let ids: Vec<i64> = queued.iter().map(|a| a.id).collect();
    d.extend(rt.block_on(alerts::await_outcomes(
        &mut store,
        &client,
        &ids,
        REMIND_ROUNDS,
        std::time::Duration::from_secs(1),
    ))?);
    let ok = report(w, &d)?;
    let mut count = [0usize; 3];
    for id in &ids {
        match store.alert(*id)?.outcome() {
            AlertOutcome::Reached => count[0] += 1,
            AlertOutcome::NotReached | AlertOutcome::Refused => count[2] += 1,
            AlertOutcome::Pending | AlertOutcome::UnderWay => count[1] += 1,
        }
    }
    let [delivered, on_the_way, not_delivered] = count;
    let mut out = screen::stdout();
    writeln!(
        out,
        "{}",
        w.with(
            "cli-remind-summary",
            &[
                ("delivered", delivered.into()),
                ("underway", on_the_way.into()),
                ("missed", not_delivered.into()),
                ("before", sent_before.into())
            ]
        )
    )?;
    if on_the_way > 0 {
        writeln!(out, "{}", w.get("cli-remind-check-later"))?;
    }
    out.flush()?;
    Ok(exit(ok && not_delivered == 0))
}
