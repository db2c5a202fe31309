//! `renos slots` (who can take a job, and when) and `renos reassign` (a
//! sick call: every job of a cleaner in a period to the best replacement).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Context;
use crate::domain::fuzzy::CustomerIndex;
use crate::domain::slots::{Finding, LeftOut, Strategy, check_grid};
use crate::domain::time::{BusinessTz, parse_hm};
use crate::domain::when::parse_duration;
use crate::engine::slots::{SlotRequest, apply_sick_call, find, sick_call};
use crate::i18n::Words;
use crate::store::Store;
use crate::words::slots as words;
use crate::words::text::{duration, weekday_dm};
use crate::words::values::duration_error;

/// `--json` keeps its words fixed, in English.
fn en() -> Words {
    crate::i18n::Language::En.words()
}

#[derive(Debug, clap::Args)]
pub struct SlotsArgs {
    /// How long the job takes: 3, 2:30, 2h30, 150m.
    #[arg(long)]
    duration: String,
    /// How many days from the date (--date, default today), 1 to 60.
    #[arg(long, default_value_t = 7)]
    days: u32,
    /// The service; cleaners who do not do it are left out.
    #[arg(long)]
    service: Option<String>,
    /// The customer (name, address, phone or e-mail): their place and usual cleaner.
    #[arg(long, value_name = "TEXT")]
    customer: Option<String>,
    /// Only this cleaner (name or #id).
    #[arg(long, value_name = "NAME")]
    staff: Option<String>,
    /// usual, round-robin, least-busy or priority.
    #[arg(long, default_value = "usual")]
    strategy: String,
    /// Earliest start, HH:MM.
    #[arg(long, value_name = "HH:MM")]
    earliest: Option<String>,
    /// Latest end, HH:MM.
    #[arg(long, value_name = "HH:MM")]
    latest: Option<String>,
    /// Minutes between slot starts (5 to 120: 5, 10, 15, 20, 30, 60, 120);
    /// default `[slots] grid_min`, 15.
    #[arg(long, value_name = "MIN")]
    grid: Option<u32>,
    /// Slots shown per cleaner (1 to 100).
    #[arg(long, default_value_t = 4)]
    per_cleaner: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ReassignArgs {
    /// The cleaner who cannot come (name or #id).
    #[arg(long, value_name = "NAME")]
    staff: String,
    /// First day (YYYY-MM-DD, today, tomorrow).
    #[arg(long, value_name = "DATE")]
    from: String,
    /// Last day (default: the first).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Apply the plan as one change (one undo takes it back).
    #[arg(long)]
    apply: bool,
    #[arg(long)]
    json: bool,
}

/// `tir 24/11 08:00-11:00` (`Tue 24/11 …` in English).
fn span(w: Words, tz: BusinessTz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!(
        "{} {}-{}",
        weekday_dm(w, tz.local_date(start)),
        tz.hm(start),
        tz.hm(end)
    )
}

/// `--days: 90 is not between 1 and 60`.
fn out_of_range(w: Words, option: &str, value: usize, max: usize) -> anyhow::Error {
    anyhow!(w.with(
        "cli-slots-out-of-range",
        &[
            ("option", option.into()),
            ("value", value.into()),
            ("min", 1.into()),
            ("max", max.into())
        ]
    ))
}

fn customer_id(w: Words, store: &Store, text: &str) -> Result<i64> {
    let customers = store.customers()?;
    let index = CustomerIndex::new(&customers);
    index
        .search(text, 1)
        .first()
        .map(|h| h.id)
        .ok_or_else(|| anyhow!(w.with("cli-slots-no-customer", &[("text", text.into())])))
}

#[derive(Serialize)]
struct JsonSlot {
    start: String,
    end: String,
}

#[derive(Serialize)]
struct JsonOffer<'a> {
    rank: usize,
    staff_id: i64,
    name: &'a str,
    reason: String,
    facts: &'a crate::domain::slots::Reason,
    slots: Vec<JsonSlot>,
}

#[derive(Serialize)]
struct JsonLeftOut<'a> {
    staff_id: i64,
    name: &'a str,
    why: crate::domain::slots::LeftOut,
    words: String,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    duration_min: u32,
    first_day: NaiveDate,
    days: u32,
    strategy: &'static str,
    /// The customer has no visits yet: ranked in turn, not by their usual cleaner.
    no_history: bool,
    offers: Vec<JsonOffer<'a>>,
    left_out: Vec<JsonLeftOut<'a>>,
}

pub fn slots(ctx: &Context, date: Option<NaiveDate>, args: SlotsArgs) -> Result<ExitCode> {
    let w = ctx.words();
    let duration = parse_duration(&args.duration)
        .map_err(|e| anyhow!("--duration: {}", duration_error(w, &e)))?;
    if !(1..=60).contains(&args.days) {
        return Err(out_of_range(w, "--days", args.days as usize, 60));
    }
    if !(1..=100).contains(&args.per_cleaner) {
        return Err(out_of_range(w, "--per-cleaner", args.per_cleaner, 100));
    }
    let grid = args
        .grid
        .map(|g| {
            check_grid(g).map_err(|_| anyhow!(w.with("cli-slots-bad-grid", &[("n", g.into())])))
        })
        .transpose()?;
    let time = |field: &str, v: &Option<String>| {
        v.as_deref()
            .map(|s| {
                parse_hm(s).map_err(|_| {
                    let why = w.with("hours-not-a-time", &[("text", format!("{s:?}").into())]);
                    anyhow!("{field}: {why}")
                })
            })
            .transpose()
    };
    let store = ctx.open_existing()?;
    let mut req = SlotRequest::new(duration, date.unwrap_or_else(|| ctx.today()), args.days);
    req.grid_min = grid;
    req.earliest = time("--earliest", &args.earliest)?;
    req.latest = time("--latest", &args.latest)?;
    req.service = args.service.unwrap_or_default();
    req.strategy = match &args.staff {
        Some(name) => Strategy::Only(store.find_staff(name)?.id),
        None => Strategy::parse(&args.strategy).map_err(|_| {
            anyhow!(w.with(
                "cli-slots-bad-strategy",
                &[("text", format!("{:?}", args.strategy).into())]
            ))
        })?,
    };
    req.customer_id = args
        .customer
        .as_deref()
        .map(|c| customer_id(w, &store, c))
        .transpose()?;
    // The days the business is closed: public holidays and its own.
    let holidays = &ctx.settings.holidays;
    let closed = |d: NaiveDate| holidays.is_closed(d);
    let finding = find(
        &store,
        &req,
        &ctx.settings.slot_rules(),
        ctx.clock.now(),
        &closed,
    )?;
    let customer = match req.customer_id {
        Some(id) if finding.no_history => Some(store.customer(id)?.name),
        _ => None,
    };
    let mut out = super::screen::stdout();
    let tz = store.tz();
    if args.json {
        super::screen::json(
            &mut out,
            &json_finding(&finding, &req, tz, args.per_cleaner),
        )?;
    } else {
        write_finding(
            w,
            &mut out,
            &finding,
            &req,
            tz,
            args.per_cleaner,
            customer.as_deref(),
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn json_finding<'a>(
    f: &'a Finding,
    req: &SlotRequest,
    tz: BusinessTz,
    per: usize,
) -> JsonFinding<'a> {
    JsonFinding {
        duration_min: req.duration_min,
        first_day: req.first_day,
        days: req.days,
        strategy: words::strategy(req.strategy),
        no_history: f.no_history,
        offers: f
            .offers
            .iter()
            .map(|o| JsonOffer {
                rank: o.rank,
                staff_id: o.staff_id,
                name: &o.name,
                reason: words::reason(en(), &o.reason),
                facts: &o.reason,
                slots: o
                    .slots
                    .iter()
                    .take(per)
                    .map(|s| JsonSlot {
                        start: tz.rfc3339(s.start),
                        end: tz.rfc3339(s.end),
                    })
                    .collect(),
            })
            .collect(),
        left_out: f
            .left_out
            .iter()
            .map(|(id, name, why)| JsonLeftOut {
                staff_id: *id,
                name,
                why: *why,
                words: words::left_out(en(), *why),
            })
            .collect(),
    }
}

fn write_finding(
    w: Words,
    out: &mut impl Write,
    f: &Finding,
    req: &SlotRequest,
    tz: BusinessTz,
    per: usize,
    no_history_of: Option<&str>,
) -> Result<()> {
    writeln!(
        out,
        "{}",
        w.with(
            "cli-slots-free-for",
            &[
                ("duration", duration(w, i64::from(req.duration_min)).into()),
                ("date", weekday_dm(w, req.first_day).into()),
                ("days", req.days.into()),
                (
                    "strategy",
                    w.with(
                        "cli-slots-strategy",
                        &[("strategy", words::strategy(req.strategy).into())]
                    )
                    .into()
                )
            ]
        )
    )?;
    if let Some(name) = no_history_of {
        writeln!(
            out,
            "  {}",
            w.with("cli-slots-no-history", &[("customer", name.into())])
        )?;
    }
    if f.offers.is_empty() {
        writeln!(out, "  {}", w.get("cli-slots-nobody-free"))?;
    }
    for o in &f.offers {
        writeln!(
            out,
            "{:>3}. {}",
            o.rank,
            words::ranked(w, &o.name, &o.reason)
        )?;
        let shown: Vec<String> = o
            .slots
            .iter()
            .take(per)
            .map(|s| span(w, tz, s.start, s.end))
            .collect();
        let shown = shown.join(" · ");
        let more = o.slots.len().saturating_sub(per);
        let shown = if more > 0 {
            w.with(
                "cli-slots-more",
                &[("slots", shown.into()), ("more", more.into())],
            )
        } else {
            shown
        };
        writeln!(out, "     {shown}")?;
    }
    // With one cleaner asked for, the others are not news.
    let list: Vec<String> = f
        .left_out
        .iter()
        .filter(|(_, _, why)| *why != LeftOut::NotAsked)
        .map(|(_, name, why)| {
            w.with(
                "cli-slots-left-out",
                &[
                    ("name", name.as_str().into()),
                    ("why", words::left_out(w, *why).into()),
                ],
            )
        })
        .collect();
    if !list.is_empty() {
        writeln!(
            out,
            "{}",
            w.with("cli-slots-not-offered", &[("list", list.join(", ").into())])
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonReplacement {
    booking_id: i64,
    start: String,
    end: String,
    customer_id: i64,
    service: String,
    to: Option<i64>,
    to_name: Option<String>,
    reason: Option<String>,
}

pub fn reassign(ctx: &Context, args: ReassignArgs) -> Result<ExitCode> {
    let w = ctx.words();
    let from = ctx
        .parse_date(&args.from)
        .map_err(|e| anyhow!("--from: {e}"))?;
    let to = match &args.to {
        Some(t) => ctx.parse_date(t).map_err(|e| anyhow!("--to: {e}"))?,
        None => from,
    };
    if to < from || (to - from).num_days() > 60 {
        return Err(anyhow!(w.get("cli-reassign-bad-period")));
    }
    let mut store = ctx.open_existing()?;
    let sick = store.find_staff(&args.staff)?;
    let holidays = &ctx.settings.holidays;
    let closed = |d: NaiveDate| holidays.is_closed(d);
    let rules = ctx.settings.slot_rules();
    let plan = sick_call(&store, sick.id, from, to, &rules, &closed)?;
    let names = store.staff_names()?;
    let customers = store.customers_by_id(plan.iter().map(|r| r.customer_id))?;
    let tz = store.tz();
    let rows: Vec<JsonReplacement> = plan
        .iter()
        .map(|r| JsonReplacement {
            booking_id: r.booking_id,
            start: tz.rfc3339(r.start),
            end: tz.rfc3339(r.end),
            customer_id: r.customer_id,
            service: r.service.clone(),
            to: r.to.as_ref().map(|t| t.0),
            to_name: r.to.as_ref().and_then(|t| names.get(&t.0).cloned()),
            reason: r.to.as_ref().map(|t| words::replacement(en(), &t.1)),
        })
        .collect();
    let mut out = super::screen::stdout();
    let applied = if args.apply && plan.iter().any(|r| r.to.is_some()) {
        // The journal's reason, as the console's sick call writes it.
        Some(apply_sick_call(
            &mut store,
            &plan,
            &format!("sick call: {}", sick.name),
        )?)
    } else {
        None
    };
    if args.json {
        #[derive(Serialize)]
        struct Answer {
            staff_id: i64,
            plan: Vec<JsonReplacement>,
            applied: usize,
        }
        super::screen::json(
            &mut out,
            &Answer {
                staff_id: sick.id,
                plan: rows,
                applied: applied.as_ref().map_or(0, Vec::len),
            },
        )?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}",
        w.with(
            "cli-reassign-jobs",
            &[
                ("name", sick.name.as_str().into()),
                ("from", from.to_string().into()),
                ("to", to.to_string().into()),
                ("n", plan.len().into())
            ]
        )
    )?;
    for r in &plan {
        let who = customers
            .get(&r.customer_id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| w.with("cli-reassign-customer-id", &[("id", r.customer_id.into())]));
        let name = r.to.as_ref().and_then(|t| names.get(&t.0));
        let target = match (name, &r.to) {
            (Some(n), Some(t)) => w.with(
                "cli-reassign-to",
                &[
                    ("name", n.as_str().into()),
                    ("why", words::replacement(w, &t.1).into()),
                ],
            ),
            _ => w.get("cli-reassign-nobody-free"),
        };
        writeln!(
            out,
            "  #{:<5} {} {} · {} → {target}",
            r.booking_id,
            span(w, tz, r.start, r.end),
            r.service,
            who
        )?;
    }
    match applied {
        Some(done) => writeln!(
            out,
            "{}",
            w.with("cli-reassign-done", &[("n", done.len().into())])
        )?,
        None if !plan.is_empty() && !args.apply => writeln!(out, "{}", w.get("cli-reassign-dry"))?,
        None => {}
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
