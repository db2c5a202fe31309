//! `renos import customers`: a CSV or JSON customer file into the store.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::snapshot::{Snapshot, size_hint};
use super::{
    DedupeIndex, FileFault, ImportError, Keys, Listed, MatchedBy, Outcome, Progress, Stopped,
    StoreSaid, add_counts,
};
use crate::domain::{Booking, BookingStatus, BusinessTz, Customer, MergeMode};
use crate::interchange::customers::{
    BookingRecord, CustomerReader, CustomerRecord, Format, Problem, Shape, Warning,
};
use crate::store::{CustomerKey, ImportCounts, Importer, NewCustomer, Store, StoreError};

/// What to do with a record that matches a customer already known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnDuplicate {
    /// Fill in what the customer lacks, add tags and notes; keep the rest.
    #[default]
    Merge,
    /// The file's non-empty values replace the customer's.
    Update,
    /// Leave the customer as it is.
    Skip,
}

#[derive(Debug, Clone)]
pub struct CustomerImport {
    pub format: Option<Format>,
    pub dry_run: bool,
    pub create_bookings: bool,
    pub on_duplicate: OnDuplicate,
    /// Import the good records even when some are bad (the bad ones are reported).
    pub skip_invalid: bool,
    pub batch_size: usize,
}

impl Default for CustomerImport {
    fn default() -> Self {
        CustomerImport {
            format: None,
            dry_run: false,
            create_bookings: false,
            on_duplicate: OnDuplicate::Merge,
            skip_invalid: false,
            batch_size: super::DEFAULT_BATCH,
        }
    }
}

/// A record that matched a customer already known (or an earlier line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub line: u64,
    pub customer_id: i64,
    /// The line of this file the customer came from, when it did.
    pub of_line: Option<u64>,
    pub by: MatchedBy,
    pub action: DuplicateAction,
    /// Fields where the file and the customer differ and the customer's value was kept.
    pub kept: Vec<&'static str>,
}

/// What the import did with a record that matched a known customer
/// (the view words it; `--json` gives the snake_case name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateAction {
    /// Filled in what the customer lacked (`--on-duplicate merge`).
    Merged,
    /// Took the file's values (`--on-duplicate update`).
    Updated,
    /// Nothing new in the record.
    Unchanged,
    /// Left alone (`--on-duplicate skip`).
    Skipped,
    /// A repeat within the file, found while checking it.
    Duplicate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BookingCounts {
    pub listed: u64,
    pub created: u64,
    /// Already there (same customer, times and service).
    pub existing: u64,
    /// Refused: the cleaner is already booked then.
    pub conflicts: u64,
    pub failed: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CustomerReport {
    pub file: String,
    /// How the file was read (in `--json`: its English description).
    #[serde(serialize_with = "as_text")]
    pub format: Shape,
    pub dry_run: bool,
    pub outcome: Outcome,
    pub records: u64,
    #[serde(flatten)]
    pub counts: ImportCounts,
    /// Bad records, one line per problem: `line N, column X: what is wrong`
    /// (the first [`LISTED`](super::LISTED); `counts.failed` counts them all).
    pub problems: Listed<Problem>,
    /// The first [`LISTED`](super::LISTED) (`counts` counts them all).
    #[serde(serialize_with = "listed_items")]
    pub duplicates: Listed<Duplicate>,
    pub bookings: BookingCounts,
    /// Bookings refused or failed, by line.
    pub booking_problems: Listed<BookingProblem>,
    pub warnings: Listed<Warning>,
}

/// A booking of the file that was not created, by its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingProblem {
    pub line: u64,
    pub why: BookingWhy,
}

/// Why a listed booking was not created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingWhy {
    /// No cleaner has the name the file gives.
    NoCleaner(String),
    /// Refused by the store (a clash, a rule), as it said it.
    Refused(StoreSaid),
}

impl std::fmt::Display for BookingProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.why {
            BookingWhy::NoCleaner(name) => write!(
                f,
                "line {}: no cleaner called {name:?}: add them with `renos staff add` or \
                 leave the field empty for an unassigned booking",
                self.line
            ),
            BookingWhy::Refused(why) => write!(f, "line {}: not created: {why}", self.line),
        }
    }
}

/// A typed value as its English text, as `--json` has always had it.
fn as_text<S: serde::Serializer>(v: &impl std::fmt::Display, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// The duplicates kept, as a JSON array (how many in all: `counts`).
fn listed_items<S: serde::Serializer>(l: &Listed<Duplicate>, s: S) -> Result<S::Ok, S::Error> {
    l.items().serialize(s)
}

impl CustomerReport {
    fn new(file: &str, format: Shape, dry_run: bool, outcome: Outcome) -> CustomerReport {
        CustomerReport {
            file: file.to_string(),
            format,
            dry_run,
            outcome,
            records: 0,
            counts: ImportCounts::default(),
            problems: Listed::default(),
            duplicates: Listed::default(),
            bookings: BookingCounts::default(),
            booking_problems: Listed::default(),
            warnings: Listed::default(),
        }
    }
}

/// Reads `path` and imports its customers as `opts` says.
pub fn import_customers(
    store: &mut Store,
    path: &Path,
    opts: &CustomerImport,
    progress: &mut dyn Progress,
) -> Result<CustomerReport, ImportError> {
    let tz = store.tz();
    let file = path.display().to_string();
    let total = size_hint(path);
    let format = opts.format.or_else(|| Format::from_path(path));
    let cannot_read = |e: std::io::Error| ImportError::File {
        file: file.clone(),
        fault: FileFault::cannot_read(&e),
    };
    let reading = |r: Result<CustomerReader, crate::interchange::customers::FileError>| {
        r.map_err(|e| ImportError::File {
            file: file.clone(),
            fault: stopped(e),
        })
    };
    // Read once: the second pass reads the first pass's copy (`snapshot`).
    let (snap, tee) = Snapshot::open(path).map_err(cannot_read)?;
    let fail = |e: crate::interchange::customers::FileError| ImportError::File {
        file: file.clone(),
        fault: stopped(e),
    };

    // Pass 1: every record checked; nothing written.
    let mut reader = reading(CustomerReader::from_input(tee, format, tz))?;
    let mut report = CustomerReport::new(&file, reader.shape(), opts.dry_run, Outcome::Imported);
    progress.start(1, total);
    while let Some(rec) = reader.next() {
        let rec = rec.map_err(fail)?;
        report.records += 1;
        if report.records.is_multiple_of(4096) {
            progress.advance(reader.bytes_read());
        }
        report.bookings.listed += rec.bookings.len() as u64;
        if !rec.problems.is_empty() {
            report.counts.failed += 1;
            report.problems.extend(rec.problems.iter().cloned());
        }
    }
    progress.advance(total);
    report.warnings.extend(reader.warnings().iter().cloned());
    if report.bookings.listed > 0 && !opts.create_bookings {
        report
            .warnings
            .push(Warning::BookingsNotCreated(report.bookings.listed));
    }
    if report.counts.failed > 0 && !opts.skip_invalid {
        report.outcome = Outcome::Refused;
        progress.finish();
        return Ok(report);
    }

    // Pass 2: the good records written, a batch per transaction.
    let mut index = DedupeIndex::from_store(store)?;
    let staff: HashMap<String, i64> = store
        .staff()?
        .into_iter()
        .map(|s| (s.name.to_lowercase(), s.id))
        .collect();
    drop(reader);
    let mut reader = reading(CustomerReader::from_input(
        snap.reader().map_err(cannot_read)?,
        format,
        tz,
    ))?;
    progress.start(2, total);
    let batch_size = opts.batch_size.max(1);
    let reason = crate::domain::remark::Remark::imported_from(&file);
    let dry_run = opts.dry_run;
    let outcome = store.import(dry_run, |session| {
        loop {
            let mut chunk = Vec::new();
            for rec in reader.by_ref() {
                let rec = match rec {
                    Ok(rec) => rec,
                    Err(e) => return Ok(Err(e)),
                };
                if rec.problems.is_empty() {
                    chunk.push(rec);
                }
                if chunk.len() == batch_size {
                    break;
                }
            }
            if chunk.is_empty() {
                break;
            }
            let first = chunk.first().map_or(0, |r| r.line);
            let last = chunk.last().map_or(0, |r| r.line);
            let mut step = Step::default();
            let result = session.batch(|imp| {
                for rec in &chunk {
                    apply(imp, rec, opts, &staff, &reason, &mut index, &mut step)?;
                }
                Ok(())
            });
            progress.advance(reader.bytes_read());
            match result {
                Ok(()) => step.add_to(&mut report),
                Err(e) => {
                    return Ok(Ok(Outcome::Aborted {
                        message: Stopped::Records {
                            first,
                            last,
                            why: e.into(),
                        },
                    }));
                }
            }
        }
        let counts = report.counts;
        session.batch(|imp| imp.log("customers", &file, counts))?;
        Ok(Ok(if dry_run {
            Outcome::DryRun
        } else {
            Outcome::Imported
        }))
    })?;
    // The file read in the first pass but not in the second (it is a
    // snapshot: a failing disk): the batches before it are written.
    let outcome = outcome.map_err(|e| ImportError::File {
        file: file.clone(),
        fault: FileFault::StoppedWriting {
            line: e.line,
            detail: e.message,
        },
    })?;
    progress.finish();
    report.outcome = outcome;
    Ok(report)
}

/// What one batch did; added to the report only when the batch commits.
#[derive(Default)]
struct Step {
    counts: ImportCounts,
    duplicates: Listed<Duplicate>,
    bookings: BookingCounts,
    booking_problems: Listed<BookingProblem>,
}

impl Step {
    fn add_to(self, r: &mut CustomerReport) {
        add_counts(&mut r.counts, self.counts);
        r.duplicates.append(self.duplicates);
        let (b, s) = (&mut r.bookings, self.bookings);
        b.created += s.created;
        b.existing += s.existing;
        b.conflicts += s.conflicts;
        b.failed += s.failed;
        r.booking_problems.append(self.booking_problems);
    }
}

fn customer_of(rec: &CustomerRecord) -> Customer {
    Customer {
        id: 0,
        name: rec.name.clone(),
        address: rec.address.clone(),
        phone: rec.phone.clone(),
        email: rec.email.clone(),
        company: rec.company.clone(),
        notes: rec.notes.clone(),
        tags: rec.tags.clone(),
        history: rec.history,
        version: 0,
    }
}

fn key_of(id: i64, c: &Customer) -> CustomerKey {
    CustomerKey {
        id,
        name: c.name.clone(),
        address: c.address.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
    }
}

/// One good record: created, merged or skipped, then its bookings.
fn apply(
    imp: &Importer,
    rec: &CustomerRecord,
    opts: &CustomerImport,
    staff: &HashMap<String, i64>,
    reason: &str,
    index: &mut DedupeIndex,
    step: &mut Step,
) -> Result<(), StoreError> {
    let incoming = customer_of(rec);
    let keys = Keys::of(&key_of(0, &incoming));
    let id = match index.find_keys(&keys) {
        None => {
            let id = imp.add_customer(
                &NewCustomer {
                    name: incoming.name.clone(),
                    address: incoming.address.clone(),
                    phone: incoming.phone.clone(),
                    email: incoming.email.clone(),
                    company: incoming.company.clone(),
                    notes: incoming.notes.clone(),
                    tags: incoming.tags.clone(),
                    history: incoming.history,
                },
                reason,
            )?;
            index.insert_keys(id, keys, Some(rec.line));
            step.counts.created += 1;
            id
        }
        Some((id, by)) => {
            let mut dup = Duplicate {
                line: rec.line,
                customer_id: id,
                of_line: index.line_of.get(&id).copied(),
                by,
                action: DuplicateAction::Skipped,
                kept: Vec::new(),
            };
            let mode = match opts.on_duplicate {
                OnDuplicate::Skip => None,
                OnDuplicate::Merge => Some(MergeMode::Fill),
                OnDuplicate::Update => Some(MergeMode::Overwrite),
            };
            match mode {
                None => step.counts.skipped += 1,
                Some(mode) => {
                    let before = imp.customer(id)?;
                    let (after, kept) = before.merged(&incoming, mode);
                    dup.kept = kept;
                    if after == before {
                        dup.action = DuplicateAction::Unchanged;
                        step.counts.skipped += 1;
                    } else {
                        imp.update_customer(&before, &after, reason)?;
                        index.insert(&key_of(id, &after), None);
                        dup.action = if mode == MergeMode::Fill {
                            DuplicateAction::Merged
                        } else {
                            DuplicateAction::Updated
                        };
                        step.counts.updated += 1;
                    }
                }
            }
            step.duplicates.push(dup);
            id
        }
    };
    if opts.create_bookings {
        for b in &rec.bookings {
            add_booking(imp, id, b, staff, reason, step)?;
        }
    }
    Ok(())
}

/// A booking listed with a customer, created under the console's rules.
fn add_booking(
    imp: &Importer,
    customer_id: i64,
    b: &BookingRecord,
    staff: &HashMap<String, i64>,
    reason: &str,
    step: &mut Step,
) -> Result<(), StoreError> {
    let staff_id = match b.staff.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(name) => match staff.get(&name.to_lowercase()) {
            Some(&id) => Some(id),
            None => {
                step.bookings.failed += 1;
                step.booking_problems.push(BookingProblem {
                    line: b.line,
                    why: BookingWhy::NoCleaner(name.to_string()),
                });
                return Ok(());
            }
        },
    };
    if imp
        .same_booking(customer_id, b.start, b.end, &b.service)?
        .is_some()
    {
        step.bookings.existing += 1;
        return Ok(());
    }
    let booking = booking_of(customer_id, staff_id, b);
    match imp.add_booking(&booking, None, false, reason) {
        Ok(_) => step.bookings.created += 1,
        Err(StoreError::Clash(why)) => {
            step.bookings.conflicts += 1;
            step.booking_problems.push(BookingProblem {
                line: b.line,
                why: BookingWhy::Refused(StoreError::Clash(why).into()),
            });
        }
        Err(e)
            if e.is_invalid() || matches!(e, StoreError::NotFound { .. } | StoreError::Rule(_)) =>
        {
            step.bookings.failed += 1;
            step.booking_problems.push(BookingProblem {
                line: b.line,
                why: BookingWhy::Refused(e.into()),
            });
        }
        Err(e) => return Err(e),
    }
    Ok(())
}

fn booking_of(customer_id: i64, staff_id: Option<i64>, b: &BookingRecord) -> Booking {
    let minutes = (b.end - b.start).num_minutes().clamp(0, u32::MAX as i64) as u32;
    let done = b.status == BookingStatus::Completed;
    let begun = done || b.status == BookingStatus::InProgress;
    Booking {
        id: 0,
        customer_id,
        staff_id,
        service: b.service.clone(),
        start: b.start,
        end: b.end,
        estimate_min: minutes,
        status: b.status,
        started_at: begun.then_some(b.start),
        finished_at: done.then_some(b.end),
        address: b.address.clone(),
        notes: b.notes.clone(),
        review: String::new(),
        cancel_reason: if b.status == BookingStatus::Cancelled {
            crate::domain::remark::Remark::CancelledBeforeImport
                .text()
                .into()
        } else {
            String::new()
        },
        version: 0,
    }
}

/// The customer reader stopped: the line, and its own words.
fn stopped(e: crate::interchange::customers::FileError) -> FileFault {
    FileFault::Stopped {
        line: e.line,
        detail: e.message,
    }
}

/// Checks a customer file on its own (no database): every record's fields
/// and the duplicates within the file.
pub fn validate_customers(
    path: &Path,
    format: Option<Format>,
    tz: BusinessTz,
) -> Result<CustomerReport, ImportError> {
    let file = path.display().to_string();
    let fail = |e: crate::interchange::customers::FileError| ImportError::File {
        file: file.clone(),
        fault: stopped(e),
    };
    // One pass: the copy is not needed, only `-` and pipes read alike.
    let (_, input) = Snapshot::open(path).map_err(|e| ImportError::File {
        file: file.clone(),
        fault: FileFault::cannot_read(&e),
    })?;
    let format = format.or_else(|| Format::from_path(path));
    let mut reader = CustomerReader::from_input(input, format, tz).map_err(fail)?;
    let mut report = CustomerReport::new(&file, reader.shape(), true, Outcome::DryRun);
    let mut index = DedupeIndex::default();
    let mut next_id = 0;
    for rec in reader.by_ref() {
        let rec = rec.map_err(fail)?;
        report.records += 1;
        report.bookings.listed += rec.bookings.len() as u64;
        if !rec.problems.is_empty() {
            report.counts.failed += 1;
            report.problems.extend(rec.problems.iter().cloned());
            continue;
        }
        let c = customer_of(&rec);
        match index.find(&key_of(0, &c)) {
            Some((id, by)) => {
                report.counts.skipped += 1;
                report.duplicates.push(Duplicate {
                    line: rec.line,
                    customer_id: id,
                    of_line: index.line_of.get(&id).copied(),
                    by,
                    action: DuplicateAction::Duplicate,
                    kept: Vec::new(),
                });
            }
            None => {
                next_id += 1;
                index.insert(&key_of(next_id, &c), Some(rec.line));
                report.counts.created += 1;
            }
        }
    }
    report.warnings.extend(reader.warnings().iter().cloned());
    if report.counts.failed > 0 {
        report.outcome = Outcome::Refused;
    }
    Ok(report)
}
