//! Pass 1 of an import, and `renos validate`: every event read and
//! checked (its dates, its times, whether a series can hold it) before
//! anything is written; what it learns (time zones, overrides, what
//! recurring events say) goes to pass 2.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::Path;

use chrono::{DateTime, Duration, Utc};

use super::super::snapshot::Snapshot;
use super::super::{FileFault, ImportError, Outcome};
use super::series::Plans;
use super::{
    DEFAULT_HORIZON_DAYS, IcsFault, IcsProblem, IcsReport, Window, expand, map, needs_later_zone,
    uid_of,
};
use crate::domain::BusinessTz;
use crate::domain::series::Calendar;
use crate::interchange::ics::{Component, Event, IcsReader, TzResolver, recurrence_key};

/// What pass 1 learns of the file for pass 2.
pub(super) struct Checked {
    pub(super) resolver: TzResolver,
    /// Occurrences of recurring events the file gives a version of its own.
    pub(super) overrides: HashSet<(String, String)>,
    /// What recurring events say of who and where, for their overrides.
    pub(super) masters: HashMap<String, Master>,
    /// Recurring events kept as series.
    pub(super) plans: Plans,
}

/// The parts of a recurring event an override that leaves them out keeps.
#[derive(Debug, Clone)]
pub(super) struct Master {
    summary: String,
    location: String,
    categories: Vec<String>,
    attendees: Vec<crate::interchange::ics::Attendee>,
    extra: Vec<(String, String)>,
}

/// An override (`RECURRENCE-ID`) is the same job moved or changed: the
/// customer is the series' (found from its summary), and what it leaves out
/// of who and where is the series'.
pub(super) fn inherit<'e>(
    ev: &'e Event,
    masters: &HashMap<String, Master>,
) -> std::borrow::Cow<'e, Event> {
    // Only an override has a master (its UID is not made for the others).
    if ev.recurrence_id.is_none() {
        return std::borrow::Cow::Borrowed(ev);
    }
    let Some(master) = masters.get(&uid_of(ev)) else {
        return std::borrow::Cow::Borrowed(ev);
    };
    let mut ev = ev.clone();
    ev.summary = master.summary.clone();
    if ev.location.trim().is_empty() {
        ev.location = master.location.clone();
    }
    if ev.categories.is_empty() {
        ev.categories = master.categories.clone();
    }
    if ev.attendees.is_empty() {
        ev.attendees = master.attendees.clone();
    }
    for (k, v) in &master.extra {
        if !ev.extra.iter().any(|(n, _)| n.eq_ignore_ascii_case(k)) {
            ev.extra.push((k.clone(), v.clone()));
        }
    }
    std::borrow::Cow::Owned(ev)
}

/// Reads every event and checks it would make good bookings; problems go
/// into `report`. A file that cannot be read at all is an error.
pub(super) fn check<R: Read>(
    reader: IcsReader<BufReader<R>>,
    tz: BusinessTz,
    window: &Window,
    (cal, today): (&Calendar, chrono::NaiveDate),
    report: &mut IcsReport,
    file_err: &dyn Fn(FileFault) -> ImportError,
) -> Result<Checked, ImportError> {
    let mut plans = Plans::default();
    let mut resolver = TzResolver::new(tz.0);
    let mut overrides: HashSet<(String, String)> = HashSet::new();
    let mut masters: HashMap<String, Master> = HashMap::new();
    let mut deferred: Vec<Box<Event>> = Vec::new();
    let check = |ev: &Event, resolver: &TzResolver, report: &mut IcsReport| {
        let problem = match expand(ev, resolver, window) {
            // What can be wrong with an occurrence, without its booking built.
            Ok(occs) => occs.iter().find_map(|o| map::times(ev, o, tz).err()),
            Err(e) => Some(IcsFault::Dates(e)),
        };
        if let Some(fault) = problem {
            report.problems.push(IcsProblem {
                line: ev.line,
                fault,
            });
            report.counts.failed += 1;
        }
    };
    for item in reader {
        match item {
            Ok(Component::Timezone(z)) => resolver.add(&z),
            Ok(Component::Event(ev)) => {
                report.events += 1;
                let failed = report.counts.failed;
                if ev.rrule.is_some() && ev.recurrence_id.is_none() {
                    masters.insert(
                        uid_of(&ev),
                        Master {
                            summary: ev.summary.clone(),
                            location: ev.location.clone(),
                            categories: ev.categories.clone(),
                            attendees: ev.attendees.clone(),
                            extra: ev.extra.clone(),
                        },
                    );
                }
                let rid = ev.recurrence_id.as_ref().map(|r| resolver.resolve(r));
                if let Some(Ok(r)) = &rid {
                    overrides.insert((uid_of(&ev), recurrence_key(r)));
                }
                if matches!(rid, Some(Err(_))) || needs_later_zone(&ev, &resolver) {
                    deferred.push(ev);
                } else {
                    check(&ev, &resolver, report);
                    if report.counts.failed == failed {
                        plans.learn(&ev, &resolver, tz, cal, today, report);
                    }
                }
            }
            Err(e) if e.fatal => {
                return Err(file_err(FileFault::Stopped {
                    line: Some(e.line),
                    detail: e.message,
                }));
            }
            Err(e) => {
                report.events += 1;
                report.counts.failed += 1;
                report.problems.push(IcsProblem {
                    line: e.line,
                    fault: IcsFault::Unreadable(e.message),
                });
            }
        }
    }
    for ev in &deferred {
        if let Some(Ok(r)) = ev.recurrence_id.as_ref().map(|r| resolver.resolve(r)) {
            overrides.insert((uid_of(ev), recurrence_key(&r)));
        }
        let failed = report.counts.failed;
        check(ev, &resolver, report);
        if report.counts.failed == failed {
            plans.learn(ev, &resolver, tz, cal, today, report);
        }
    }
    Ok(Checked {
        resolver,
        overrides,
        masters,
        plans,
    })
}

/// `renos validate FILE.ics`: the calendar checked alone, no database.
pub fn validate_ics(
    path: &Path,
    tz: BusinessTz,
    now: DateTime<Utc>,
) -> Result<IcsReport, ImportError> {
    let file = path.display().to_string();
    let file_err = |fault: FileFault| ImportError::File {
        file: file.clone(),
        fault,
    };
    // One pass, read like an import's first (`-` and pipes alike).
    let (_, tee) = Snapshot::open(path).map_err(|e| file_err(FileFault::cannot_read(&e)))?;
    validate_ics_input(tee, &file, tz, now)
}

/// [`validate_ics`] of what `input` holds; `file` names it.
pub(crate) fn validate_ics_input(
    input: impl Read,
    file: &str,
    tz: BusinessTz,
    now: DateTime<Utc>,
) -> Result<IcsReport, ImportError> {
    let file_err = |fault: FileFault| ImportError::File {
        file: file.to_string(),
        fault,
    };
    let reader = IcsReader::new(BufReader::with_capacity(1 << 16, input));
    let window = Window {
        from: None,
        to: None,
        expand_from: DateTime::<Utc>::MIN_UTC,
        expand_to: now + Duration::days(DEFAULT_HORIZON_DAYS),
    };
    let mut report = IcsReport {
        file: file.to_string(),
        dry_run: true,
        ..IcsReport::default()
    };
    let cal = Calendar::default();
    check(
        reader,
        tz,
        &window,
        (&cal, tz.local_date(now)),
        &mut report,
        &file_err,
    )?;
    report.outcome = Some(if report.counts.failed > 0 {
        Outcome::Refused
    } else {
        Outcome::DryRun
    });
    Ok(report)
}
