//! `renos book`, `renos move` and `renos cancel`: bookings and recurring
//! bookings from the shell, under the console's rules (a clash is refused
//! unless accepted with a reason; every change journaled). Errors name the
//! option to fix.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use chrono::{Duration, NaiveDate, NaiveTime};
use clap::Args;
use serde::Serialize;

use super::{Context, numbers, screen};
use crate::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd};
use crate::domain::when::{parse_duration, parse_time};
use crate::domain::{Booking, BookingDraft};
use crate::i18n::Words;
use crate::store::{Save, Scope, ScopedOutcome, Store, StoreError, VisitChange};
use crate::words::text::weekday_dm;
use crate::words::values::{date_error, duration_error, repeat_error, store_error, time_error};

/// `renos book`.
#[derive(Debug, Args)]
pub struct BookArgs {
    /// The customer: #id, or (part of) the name.
    #[arg(long, value_name = "TEXT")]
    customer: String,
    /// The cleaner: name or #id.
    #[arg(long, value_name = "NAME")]
    staff: String,
    /// Start time: 9, 9:30, 0930.
    #[arg(long, value_name = "TIME")]
    start: String,
    /// How long: 3, 2,5, 2:30, 1h30, 90 min.
    #[arg(long, value_name = "D", conflicts_with = "end")]
    duration: Option<String>,
    /// End time instead of a duration.
    #[arg(long, value_name = "TIME")]
    end: Option<String>,
    #[arg(long, value_name = "S", default_value = "Fast rengøring")]
    service: String,
    #[arg(long, value_name = "T", default_value = "")]
    notes: String,
    /// Repeat: weekly, every 2 weeks, hver 2. uge, monthly, månedlig, or an RRULE.
    #[arg(long, value_name = "SPEC")]
    repeat: Option<String>,
    /// The last date of the series (with --repeat).
    #[arg(
        long,
        value_name = "DATE",
        requires = "repeat",
        conflicts_with = "count"
    )]
    until: Option<String>,
    /// How many visits (with --repeat).
    #[arg(long, value_name = "N", requires = "repeat")]
    count: Option<u32>,
    /// On a holiday: skip the visit, or move it to the next working day.
    #[arg(long, value_enum, default_value_t = HolidayArg::Skip, requires = "repeat")]
    holidays: HolidayArg,
    /// Book although it double-books, for this reason (journaled).
    #[arg(long, value_name = "REASON")]
    accept_clash: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum HolidayArg {
    Skip,
    Move,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ScopeArg {
    This,
    Following,
    All,
}

impl From<ScopeArg> for Scope {
    fn from(s: ScopeArg) -> Scope {
        match s {
            ScopeArg::This => Scope::This,
            ScopeArg::Following => Scope::Following,
            ScopeArg::All => Scope::All,
        }
    }
}

/// `renos move`.
#[derive(Debug, Args)]
pub struct MoveArgs {
    /// The booking's number.
    #[arg(allow_negative_numbers = true, value_parser = numbers::booking())]
    booking: i64,
    /// New start time.
    #[arg(long, value_name = "TIME")]
    start: Option<String>,
    /// New cleaner (name or #id).
    #[arg(long, value_name = "NAME")]
    staff: Option<String>,
    /// New duration.
    #[arg(long, value_name = "D")]
    duration: Option<String>,
    /// Which visits of a series: this one, this and following, or all.
    #[arg(long, value_enum, default_value_t = ScopeArg::This)]
    scope: ScopeArg,
    /// Move although it double-books, for this reason (journaled).
    #[arg(long, value_name = "REASON")]
    accept_clash: Option<String>,
    #[arg(long)]
    json: bool,
}

/// `renos cancel`.
#[derive(Debug, Args)]
pub struct CancelArgs {
    /// The booking's number.
    #[arg(allow_negative_numbers = true, value_parser = numbers::booking())]
    booking: i64,
    /// Why (journaled), e.g. "kunden aflyste".
    #[arg(long, value_name = "R")]
    reason: String,
    #[arg(long, value_enum, default_value_t = ScopeArg::This)]
    scope: ScopeArg,
    #[arg(long)]
    json: bool,
}

/// A refused double booking, with the option that accepts it.
fn clash_hint(w: Words, e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Clash(c) => anyhow!(w.with(
            "cli-book-clash",
            &[("clash", crate::words::values::clash_refusal(w, &c).into())]
        )),
        other => other.into(),
    }
}

fn field<T>(name: &str, r: std::result::Result<T, String>) -> Result<T> {
    r.map_err(|e| anyhow!("--{name}: {e}"))
}

/// A customer by `#id`, exact name, or the one customer whose name holds
/// the text.
pub(super) fn find_customer(
    w: Words,
    store: &Store,
    text: &str,
) -> Result<crate::domain::Customer> {
    let t = text.trim();
    if let Ok(id) = t.trim_start_matches('#').parse::<i64>() {
        return store
            .customer(id)
            .map_err(|e| anyhow!("--customer: {}", store_error(w, &e)));
    }
    let all = store.customers()?;
    let lower = t.to_lowercase();
    let exact: Vec<_> = all
        .iter()
        .filter(|c| c.name.to_lowercase() == lower)
        .collect();
    let found: Vec<_> = if exact.is_empty() {
        all.iter()
            .filter(|c| c.name.to_lowercase().contains(&lower))
            .collect()
    } else {
        exact
    };
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(anyhow!(
            w.with("cli-book-customer-none", &[("text", t.into())])
        )),
        many => {
            let names: Vec<String> = many
                .iter()
                .take(5)
                .map(|c| {
                    w.with(
                        "cli-book-customer-id",
                        &[("name", c.name.as_str().into()), ("id", c.id.into())],
                    )
                })
                .collect();
            Err(anyhow!(w.with(
                "cli-book-customer-many",
                &[
                    ("text", t.into()),
                    ("n", many.len().into()),
                    ("names", names.join(", ").into())
                ]
            )))
        }
    }
}

fn staff_id(w: Words, store: &Store, name: &str) -> Result<i64> {
    Ok(store
        .find_staff(name)
        .map_err(|e| anyhow!("--staff: {}", store_error(w, &e)))?
        .id)
}

fn length(w: Words, start: NaiveTime, duration: Option<&str>, end: Option<&str>) -> Result<u32> {
    use crate::domain::when::{LengthError, job_length};
    job_length(start, duration, end).map_err(|e| match e {
        LengthError::Duration(e) => anyhow!("--duration: {}", duration_error(w, &e)),
        LengthError::End(e) => anyhow!("--end: {}", time_error(w, &e)),
        LengthError::EndNotAfter(e) => {
            anyhow!(w.with("cli-book-end-not-after", &[("end", e.into())]))
        }
        LengthError::Missing => anyhow!(w.get("cli-book-duration-missing")),
    })
}

/// A booking's line: `#12 tir 24/11 08:30–10:30 Anna Jensen` (`Tue
/// 24/11` in English).
fn line(w: Words, store: &Store, b: &Booking) -> Result<String> {
    let tz = store.tz();
    let staff = match b.staff_id {
        Some(id) => store
            .staff_names()?
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}")),
        None => w.get("cli-book-nobody"),
    };
    let line = w.with(
        "cli-book-line",
        &[
            ("id", b.id.into()),
            ("date", weekday_dm(w, tz.local_date(b.start)).into()),
            ("start", tz.hm(b.start).into()),
            ("end", tz.hm(b.end).into()),
            ("cleaner", staff.into()),
        ],
    );
    Ok(if b.review.is_empty() {
        line
    } else {
        w.with(
            "cli-book-line-review",
            &[("line", line.into()), ("why", b.review.as_str().into())],
        )
    })
}

#[derive(Serialize)]
struct Booked<'a> {
    booking: Option<&'a Booking>,
    series: Option<&'a Series>,
    visits: Vec<&'a Booking>,
    review: &'a [i64],
}

pub fn book(ctx: &Context, date: Option<NaiveDate>, a: BookArgs) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let customer = find_customer(w, &store, &a.customer)?;
    let staff = staff_id(w, &store, &a.staff)?;
    let date = date.ok_or_else(|| anyhow!(w.get("cli-book-date-missing")))?;
    let start = field("start", parse_time(&a.start).map_err(|e| time_error(w, &e)))?;
    let minutes = length(w, start, a.duration.as_deref(), a.end.as_deref())?;
    let accept = a.accept_clash.as_deref();
    let mut out = screen::stdout();
    match &a.repeat {
        None => {
            let at = ctx.settings.tz.instant(date, start);
            let draft = BookingDraft {
                customer_id: customer.id,
                staff_id: Some(staff),
                service: a.service.clone(),
                start: at,
                end: at + Duration::minutes(i64::from(minutes)),
                estimate_min: minutes,
                address: String::new(),
                notes: a.notes.clone(),
                review: String::new(),
            };
            let accepted = match accept {
                Some(_) => store.clashes_of(&draft.apply(None))?,
                None => Vec::new(),
            };
            let b = store
                .save_booking(Save {
                    target: None,
                    draft,
                    accepted,
                    reason: accept.unwrap_or("").to_string(),
                })
                .map_err(|e| clash_hint(w, e))?;
            if a.json {
                screen::json(
                    &mut out,
                    &Booked {
                        booking: Some(&b),
                        series: None,
                        visits: Vec::new(),
                        review: &[],
                    },
                )?;
            } else {
                let line = line(w, &store, &b)?;
                writeln!(
                    out,
                    "{}",
                    w.with(
                        "cli-book-booked",
                        &[
                            ("line", line.into()),
                            ("customer", customer.name.as_str().into())
                        ]
                    )
                )?;
            }
        }
        Some(spec) => {
            let spec = field(
                "repeat",
                Rule::parse_spec(spec, date).map_err(|e| repeat_error(w, &e)),
            )?;
            let today = ctx.today();
            let end = match (&a.until, a.count, spec.end) {
                (Some(u), _, _) => SeriesEnd::Until(
                    crate::domain::when::parse_date(u, today)
                        .map_err(|e| anyhow!("--until: {}", date_error(w, &e)))?
                        .date,
                ),
                (None, Some(n), _) => SeriesEnd::Count(n),
                (None, None, Some(e)) => e,
                (None, None, None) => SeriesEnd::Open,
            };
            let series = Series {
                id: 0,
                customer_id: customer.id,
                staff_id: Some(staff),
                service: a.service.clone(),
                start_time: start,
                duration_min: minutes,
                first_date: date,
                rule: spec.rule,
                end,
                holidays: match a.holidays {
                    HolidayArg::Skip => HolidayPolicy::Skip,
                    HolidayArg::Move => HolidayPolicy::Move,
                },
                pauses: Vec::new(),
                address: String::new(),
                notes: a.notes.clone(),
                version: 0,
            };
            let made = store
                .create_series(series, accept)
                .map_err(|e| clash_hint(w, e))?;
            if a.json {
                screen::json(
                    &mut out,
                    &Booked {
                        booking: made.visits.first(),
                        series: Some(&made.series),
                        visits: made.visits.iter().collect(),
                        review: &made.review,
                    },
                )?;
            } else {
                writeln!(
                    out,
                    "{}",
                    super::series::heading(w, &made.series, &customer.name)
                )?;
                for b in &made.visits {
                    writeln!(out, "  {}", line(w, &store, b)?)?;
                }
                if made.visits.is_empty() {
                    writeln!(out, "  {}", w.get("cli-book-no-visits-yet"))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// What a move or a cancellation did; `done` is the sentence's key
/// (`cli-move-moved`, `cli-cancel-cancelled`).
fn report(w: Words, store: &Store, o: &ScopedOutcome, done: &str, json: bool) -> Result<()> {
    let mut out = screen::stdout();
    if json {
        screen::json(&mut out, o)?;
    } else {
        let line = line(w, store, &o.booking)?;
        writeln!(out, "{}", w.with(done, &[("line", line.into())]))?;
        let scope = match o.scope {
            Scope::This => "this",
            Scope::Following => "following",
            Scope::All => "all",
        };
        if let Some(s) = o.series_id {
            writeln!(
                out,
                "  {}",
                w.with(
                    "cli-move-series-counts",
                    &[
                        ("scope", scope.into()),
                        ("id", s.into()),
                        ("changed", o.changed.len().into()),
                        ("made", o.created.len().into()),
                        ("removed", o.removed.len().into()),
                        ("review", o.review.len().into())
                    ]
                )
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn move_booking(ctx: &Context, date: Option<NaiveDate>, a: MoveArgs) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let b = store.booking(a.booking)?;
    let change = VisitChange {
        date,
        start: a
            .start
            .as_deref()
            .map(|s| field("start", parse_time(s).map_err(|e| time_error(w, &e))))
            .transpose()?,
        staff: a
            .staff
            .as_deref()
            .map(|s| staff_id(w, &store, s).map(Some))
            .transpose()?,
        duration_min: a
            .duration
            .as_deref()
            .map(|d| {
                field(
                    "duration",
                    parse_duration(d).map_err(|e| duration_error(w, &e)),
                )
            })
            .transpose()?,
    };
    if change == VisitChange::default() {
        return Err(anyhow!(w.get("cli-move-nothing")));
    }
    let o = store
        .move_visit(
            b.id,
            b.version,
            change,
            a.scope.into(),
            a.accept_clash.as_deref(),
        )
        .map_err(|e| clash_hint(w, e))?;
    report(w, &store, &o, "cli-move-moved", a.json)?;
    Ok(ExitCode::SUCCESS)
}

pub fn cancel(ctx: &Context, a: CancelArgs) -> Result<ExitCode> {
    let w = ctx.words();
    let mut store = ctx.open_existing()?;
    let b = store.booking(a.booking)?;
    let o = store.cancel_visit(b.id, b.version, &a.reason, a.scope.into())?;
    report(w, &store, &o, "cli-cancel-cancelled", a.json)?;
    Ok(ExitCode::SUCCESS)
}
