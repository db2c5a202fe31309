//! `renos ics import`: calendar events into bookings.
//!
//! A single event is one booking, keyed by the event's UID; a recurring
//! event is a series keyed by its UID, with the file's exceptions as its
//! visits (see `series.rs`); a recurring event a series cannot hold gives a
//! booking per occurrence, keyed by UID and the occurrence's original start.
//! Importing the same file again changes nothing, and a changed event
//! updates its booking or series. Double bookings are kept
//! as the calendar has them (and reported); the calendar is the record.

use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::snapshot::{Snapshot, size_hint};
use super::{DedupeIndex, FileFault, ImportError, Listed, Outcome, Progress, Stopped, add_counts};
use crate::domain::{Booking, BookingStatus, BusinessTz};
use crate::interchange::ics::{
    Component, Event, IcsReader, Occurrence, Resolved, TzResolver, occurrences,
};
use crate::store::{CustomerKey, ImportCounts, Importer, NewCustomer, Store, StoreError};

mod check;
mod map;
mod problem;
mod series;
mod state;

pub use check::validate_ics;
#[cfg(test)]
pub(crate) use check::validate_ics_input;
use check::{Checked, check, inherit};
pub(crate) use map::candidates;
pub use problem::{IcsClash, IcsFault, IcsProblem, IcsWarning, NotASeries};
pub use series::{SeriesCounts, X_EXCEPTION, X_HOLIDAYS, X_PAUSES, pauses_text};
use state::State;
pub use state::{DEFAULT_SERVICE, MADE_TAG};

pub use map::{
    X_ADDRESS, X_CANCEL, X_CUSTOMER, X_CUSTOMER_ADDRESS, X_EMAIL, X_ESTIMATE, X_FINISHED, X_PHONE,
    X_RECURRENCE, X_REVIEW, X_SERVICE, X_STARTED, X_STATUS, X_UID,
};

/// Recurring events without an end are expanded this far ahead by default.
pub const DEFAULT_HORIZON_DAYS: i64 = 84;
/// At most this many bookings from one recurring event.
pub const MAX_OCCURRENCES: usize = 5_000;

#[derive(Debug, Clone)]
pub struct IcsImport {
    /// The cleaner for events whose attendees name none.
    pub staff: Option<String>,
    /// Only occurrences starting in `[from, to)`; recurring events are
    /// expanded up to `to` (default: today + 12 weeks).
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub batch_size: usize,
}

impl Default for IcsImport {
    fn default() -> Self {
        IcsImport {
            staff: None,
            from: None,
            to: None,
            dry_run: false,
            skip_invalid: false,
            batch_size: super::DEFAULT_BATCH,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IcsReport {
    pub file: String,
    pub dry_run: bool,
    pub outcome: Option<Outcome>,
    pub events: u64,
    /// Bookings the events stand for (a recurring event gives several).
    pub occurrences: u64,
    /// Bookings created / changed / already as in the file / not imported.
    #[serde(flatten)]
    pub counts: ImportCounts,
    /// Occurrences left out because they start outside `--from`/`--to`.
    pub outside: u64,
    pub unassigned: u64,
    /// Recurring events a series holds (the others give single bookings).
    pub series_events: u64,
    /// Series made, changed, or already as the file has them.
    pub series: SeriesCounts,
    pub customers_created: u64,
    /// Bookings sent to the review queue (all-day, customer unknown, tentative...).
    pub for_review: u64,
    /// The first [`LISTED`](super::LISTED) (`counts.failed` counts them all).
    pub problems: Listed<IcsProblem>,
    /// Double bookings kept as the calendar has them.
    pub clashes: Listed<IcsClash>,
    pub warnings: Listed<IcsWarning>,
}

/// Reads `path` and imports its events as `opts` says.
pub fn import_ics(
    store: &mut Store,
    path: &Path,
    opts: &IcsImport,
    progress: &mut dyn Progress,
) -> Result<IcsReport, ImportError> {
    let tz = store.tz();
    let file = path.display().to_string();
    let file_err = |fault: FileFault| ImportError::File {
        file: file.clone(),
        fault,
    };
    let total = size_hint(path);
    // Read once: the second pass reads the first pass's copy (`snapshot`).
    let (snap, tee) = Snapshot::open(path).map_err(|e| file_err(FileFault::cannot_read(&e)))?;
    let staff = StaffNames::load(store)?;
    let fallback = match opts.staff.as_deref() {
        None => None,
        Some(name) => Some(staff.find(name).ok_or_else(|| {
            file_err(FileFault::NoSuchCleaner {
                name: name.to_string(),
                known: staff.names.clone(),
            })
        })?),
    };
    let now = store.now();
    let window = Window {
        from: opts.from,
        to: opts.to,
        expand_from: opts.from.unwrap_or(DateTime::<Utc>::MIN_UTC),
        expand_to: opts
            .to
            .unwrap_or_else(|| now + Duration::days(DEFAULT_HORIZON_DAYS)),
    };
    let mut report = IcsReport {
        file: file.clone(),
        dry_run: opts.dry_run,
        ..IcsReport::default()
    };

    // Pass 1: zones, overrides, and every event checked; nothing written.
    progress.start(1, total);
    let calendar = store.calendar().clone();
    let Checked {
        resolver,
        overrides,
        masters,
        plans,
    } = check(
        IcsReader::new(BufReader::with_capacity(1 << 16, tee)),
        tz,
        &window,
        (&calendar, tz.local_date(now)),
        &mut report,
        &file_err,
    )?;
    progress.advance(total);
    if report.counts.failed > 0 && !opts.skip_invalid {
        report.outcome = Some(Outcome::Refused);
        progress.finish();
        return Ok(report);
    }

    // Pass 2: written, a batch of events per transaction.
    let uids = store.booking_uids()?;
    let loose = uids
        .keys()
        .filter(|(_, recurrence)| !recurrence.is_empty())
        .map(|(uid, _)| uid.clone())
        .collect();
    let mut state = State {
        index: DedupeIndex::from_store(store)?,
        names: customer_names(store)?,
        uids,
        own_prefix: format!("renos-{}-", store.instance_id()?),
        staff,
        fallback,
        reason: crate::domain::remark::Remark::imported_from(&file),
        tz,
        made: store.customers_tagged(MADE_TAG)?,
        series_ids: store.series_uids()?,
        calendar,
        loose,
        from_date: opts.from.map_or(tz.local_date(now), |f| tz.local_date(f)),
        later: Vec::new(),
        services: crate::domain::title::Services::new(store.known_services()?),
    };
    let mut reader = snap
        .reader()
        .map(|f| IcsReader::new(BufReader::with_capacity(1 << 16, f)))
        .map_err(|e| file_err(FileFault::cannot_read(&e)))?;
    progress.start(2, total);
    let batch_size = opts.batch_size.max(1);
    let dry_run = opts.dry_run;
    let failed_before = report.counts.failed;
    let outcome = store.import(dry_run, |session| {
        let mut done = false;
        while !done {
            let mut chunk: Vec<Box<Event>> = Vec::new();
            loop {
                match reader.next() {
                    None => {
                        done = true;
                        break;
                    }
                    Some(Ok(Component::Event(ev))) => {
                        chunk.push(ev);
                        if chunk.len() == batch_size {
                            break;
                        }
                    }
                    Some(Ok(Component::Timezone(_))) | Some(Err(_)) => {}
                }
            }
            if chunk.is_empty() {
                break;
            }
            let (first, last) = (
                chunk.first().map_or(0, |e| e.line),
                chunk.last().map_or(0, |e| e.line),
            );
            let mut step = IcsReport::default();
            let result = session.batch(|imp| {
                for ev in &chunk {
                    let ev = inherit(ev, &masters);
                    state.event(imp, &ev, &resolver, &window, &overrides, &plans, &mut step)?;
                }
                Ok(())
            });
            progress.advance(reader.bytes_read());
            match result {
                Ok(()) => merge_step(&mut report, step),
                Err(e) => {
                    return Ok(Outcome::Aborted {
                        message: Stopped::Events {
                            first,
                            last,
                            why: e.into(),
                        },
                    });
                }
            }
        }
        // Overrides of series, now that every series is in.
        let later = std::mem::take(&mut state.later);
        for chunk in later.chunks(batch_size) {
            let mut step = IcsReport::default();
            let result = session.batch(|imp| {
                for ev in chunk {
                    let uid = uid_of(ev);
                    let Some(shape) = plans.shapes.get(&uid) else {
                        continue;
                    };
                    let ev = inherit(ev, &masters);
                    state.series_override(imp, &ev, &resolver, &window, shape, &mut step)?;
                }
                Ok(())
            });
            match result {
                Ok(()) => merge_step(&mut report, step),
                Err(e) => {
                    return Ok(Outcome::Aborted {
                        message: Stopped::Overrides { why: e.into() },
                    });
                }
            }
        }
        let mut counts = report.counts;
        counts.failed = failed_before;
        session.batch(|imp| imp.log("ics", &file, counts))?;
        Ok(if dry_run {
            Outcome::DryRun
        } else {
            Outcome::Imported
        })
    })?;
    progress.finish();
    report.outcome = Some(outcome);
    Ok(report)
}

fn merge_step(r: &mut IcsReport, s: IcsReport) {
    add_counts(&mut r.counts, s.counts);
    r.occurrences += s.occurrences;
    r.outside += s.outside;
    r.unassigned += s.unassigned;
    r.series.created += s.series.created;
    r.series.updated += s.series.updated;
    r.series.same += s.series.same;
    r.customers_created += s.customers_created;
    r.for_review += s.for_review;
    r.clashes.append(s.clashes);
    r.warnings.append(s.warnings);
}

/// The UID, or one made from the event's start and summary when the file
/// has none (so a second import still finds the booking).
fn uid_of(ev: &Event) -> String {
    if !ev.uid.trim().is_empty() {
        return ev.uid.trim().to_string();
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let start = format!("{:?}", ev.start);
    for b in start.bytes().chain(ev.summary.bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("no-uid-{h:016x}")
}

/// Whether the event uses a TZID the file has not defined yet (a VTIMEZONE
/// after its events): checked once the whole file has been read.
fn needs_later_zone(ev: &Event, resolver: &TzResolver) -> bool {
    [&ev.start, &ev.end]
        .into_iter()
        .flatten()
        .chain(ev.exdates.iter())
        .any(|t| resolver.resolve(t).is_err())
}

/// The imported range.
struct Window {
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    expand_from: DateTime<Utc>,
    expand_to: DateTime<Utc>,
}

impl Window {
    fn contains(&self, o: &Occurrence, tz: BusinessTz) -> bool {
        let start = match o.start {
            Resolved::At(t) => t,
            Resolved::Day(d) => tz.day_bounds(d).0,
        };
        self.from.is_none_or(|f| start >= f) && self.to.is_none_or(|t| start < t)
    }
}

fn expand(ev: &Event, resolver: &TzResolver, w: &Window) -> Result<Vec<Occurrence>, String> {
    occurrences(ev, resolver, w.expand_from, w.expand_to, MAX_OCCURRENCES)
}

/// Cleaners by lower-case name, and by first name when that is unique.
struct StaffNames {
    by_name: HashMap<String, i64>,
    by_first: HashMap<String, Option<i64>>,
    names: Vec<String>,
}

impl StaffNames {
    fn load(store: &Store) -> Result<StaffNames, StoreError> {
        let mut s = StaffNames {
            by_name: HashMap::new(),
            by_first: HashMap::new(),
            names: Vec::new(),
        };
        for c in store.staff()? {
            let name = c.name.trim().to_lowercase();
            if let Some(first) = name.split_whitespace().next() {
                s.by_first
                    .entry(first.to_string())
                    .and_modify(|v| *v = None)
                    .or_insert(Some(c.id));
            }
            s.by_name.insert(name, c.id);
            s.names.push(c.name);
        }
        Ok(s)
    }

    /// By full name (also written "Last, First"), else by a unique first name.
    fn find(&self, name: &str) -> Option<i64> {
        let mut name = name.trim().trim_matches('"').to_lowercase();
        if let Some((last, first)) = name.split_once(',') {
            name = format!("{} {}", first.trim(), last.trim());
        }
        self.by_name
            .get(&name)
            .copied()
            .or_else(|| self.by_first.get(&name).copied().flatten())
    }
}

/// Customers by lower-case name; `None` when two share it.
fn customer_names(store: &Store) -> Result<HashMap<String, Option<i64>>, StoreError> {
    let mut out: HashMap<String, Option<i64>> = HashMap::new();
    for k in store.customer_keys()? {
        add_name(&mut out, &k.name, k.id);
    }
    Ok(out)
}

fn add_name(names: &mut HashMap<String, Option<i64>>, name: &str, id: i64) {
    names
        .entry(name.trim().to_lowercase())
        .and_modify(|v| {
            if *v != Some(id) {
                *v = None;
            }
        })
        .or_insert(Some(id));
}

/// The status an event's `STATUS` stands for.
pub(crate) fn status_of(ev: &Event) -> BookingStatus {
    match ev.status.as_deref() {
        Some("CANCELLED") => BookingStatus::Cancelled,
        _ => BookingStatus::Scheduled,
    }
}
