//! Pass 2 of a calendar import: each occurrence into a booking, finding
//! its customer and cleaner.

use std::collections::{HashMap, HashSet};

use super::map::{self, Mapped, WhoCustomer};
use super::series::Plans;
use super::*;

/// What pass 2 keeps between events.
pub(super) struct State {
    pub(super) index: DedupeIndex,
    pub(super) names: HashMap<String, Option<i64>>,
    pub(super) uids: HashMap<(String, String), i64>,
    pub(super) own_prefix: String,
    pub(super) staff: StaffNames,
    pub(super) fallback: Option<i64>,
    pub(super) reason: String,
    pub(super) tz: BusinessTz,
    /// Customers made from calendar events and not yet checked (tagged
    /// [`MADE_TAG`]).
    pub(super) made: HashSet<i64>,
    /// Series imported from a calendar: UID → series id.
    pub(super) series_ids: HashMap<String, i64>,
    /// The horizon and holidays series are made with.
    pub(super) calendar: crate::domain::series::Calendar,
    /// Series visits are made from this date (today, or `--from`).
    pub(super) from_date: chrono::NaiveDate,
    /// UIDs of recurring events an earlier import gave a booking per
    /// occurrence: they stay so (a series beside them would double them).
    pub(super) loose: HashSet<String>,
    /// Overrides of series, handled once every series is in.
    pub(super) later: Vec<Event>,
    /// The services the business books, as written, by folded name: a
    /// part of a title naming one is the service, not the customer.
    pub(super) services: crate::domain::title::Services,
}

impl State {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn event(
        &mut self,
        imp: &Importer,
        ev: &Event,
        resolver: &TzResolver,
        window: &Window,
        overrides: &HashSet<(String, String)>,
        plans: &Plans,
        step: &mut IcsReport,
    ) -> Result<(), StoreError> {
        let uid = uid_of(ev);
        if let Some(shape) = plans.shapes.get(&uid) {
            if self.loose.contains(&uid) {
                if ev.recurrence_id.is_none() {
                    step.warnings.push(IcsWarning::StaysLoose {
                        line: ev.line,
                        summary: ev.summary.trim().to_string(),
                    });
                }
                return self.loose_event(imp, ev, &uid, resolver, window, overrides, step);
            }
            if ev.recurrence_id.is_some() {
                self.later.push(ev.clone());
                return Ok(());
            }
            if let Some(to) = window.to
                && self.tz.instant(shape.first_date, shape.start_time) >= to
            {
                step.outside += 1;
                return Ok(());
            }
            let none = HashSet::new();
            let overridden = plans.overridden.get(&uid).unwrap_or(&none);
            return match self.series_master(imp, ev, resolver, shape, overridden, step) {
                Err(e) => refused(ev, e, step),
                Ok(()) => Ok(()),
            };
        }
        self.loose_event(imp, ev, &uid, resolver, window, overrides, step)
    }

    /// An event as a booking per occurrence.
    #[allow(clippy::too_many_arguments)]
    fn loose_event(
        &mut self,
        imp: &Importer,
        ev: &Event,
        uid: &str,
        resolver: &TzResolver,
        window: &Window,
        overrides: &HashSet<(String, String)>,
        step: &mut IcsReport,
    ) -> Result<(), StoreError> {
        let Ok(occs) = expand(ev, resolver, window) else {
            return Ok(()); // reported in pass 1
        };
        for o in occs {
            if ev.recurrence_id.is_none()
                && !overrides.is_empty()
                && overrides.contains(&(uid.to_string(), o.key.clone()))
            {
                continue; // the file's own version of this occurrence follows
            }
            if !window.contains(&o, self.tz) {
                step.outside += 1;
                continue;
            }
            step.occurrences += 1;
            let Ok(m) = map::map(ev, &o, self.tz) else {
                continue; // reported in pass 1
            };
            self.occurrence(imp, ev, uid, &o.key, m, step)?;
        }
        Ok(())
    }

    /// One occurrence: a new booking, or the booking an earlier import made
    /// of it brought up to date. For other tools' events the calendar owns
    /// the times, place, notes and status; the customer, the service, the
    /// review and a cleaner the event does not name stay as the console has
    /// them. Events this console exported own every field.
    fn occurrence(
        &mut self,
        imp: &Importer,
        ev: &Event,
        uid: &str,
        key: &str,
        m: Mapped,
        step: &mut IcsReport,
    ) -> Result<(), StoreError> {
        let (uid, key) = match map::extra(ev, X_UID) {
            Some(u) if !u.trim().is_empty() => {
                (u.trim(), map::extra(ev, X_RECURRENCE).map_or("", str::trim))
            }
            _ => (uid, key),
        };
        let uid_key = (uid.to_string(), key.to_string());
        let existing = match self.uids.get(&uid_key) {
            Some(&id) => Some(imp.booking(id)?),
            None => self.own_booking(imp, uid, key)?,
        };
        let own = matches!(m.customer, WhoCustomer::Named(_));
        let named_staff = m.attendees.iter().find_map(|n| self.staff.find(n));
        let mut b = match &existing {
            Some(before) if !own => {
                let mut b = m.booking(before.customer_id, None);
                b.service = m.service.clone().unwrap_or_else(|| before.service.clone());
                b.review = before.review.clone();
                b.staff_id = named_staff.or(before.staff_id).or(self.fallback);
                b
            }
            _ => {
                let (customer_id, how) = self.customer(imp, &m, step)?;
                let mut b = m.booking(customer_id, named_staff.or(self.fallback));
                b.service = m
                    .service
                    .clone()
                    .unwrap_or_else(|| self.service(how, &m.summary));
                if how == How::Made && existing.is_none() {
                    b.review = join_review(
                        &b.review,
                        "customer not found: made from the calendar event, check who it is",
                    );
                }
                b
            }
        };
        if b.staff_id.is_none() && b.is_active() {
            step.unassigned += 1;
        }
        if !b.review.is_empty() {
            step.for_review += 1;
        }
        match existing {
            Some(before) => {
                b.id = before.id;
                b.version = before.version;
                if b == before {
                    step.counts.skipped += 1;
                } else {
                    imp.replace_booking(&before, &b, &self.reason)?;
                    step.counts.updated += 1;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = self.uids.entry(uid_key) {
                    imp.link_uid(before.id, uid, key)?;
                    e.insert(before.id);
                }
            }
            None => match imp.add_booking(&b, Some((uid, key)), true, &self.reason) {
                Ok(added) => {
                    step.counts.created += 1;
                    self.uids.insert(uid_key, added.booking.id);
                    if !added.clashes.is_empty() {
                        step.clashes.push(IcsClash {
                            line: ev.line,
                            booking: added.booking.id,
                            start: self.tz.local(b.start).naive_local(),
                            with: added.clashes.clone(),
                        });
                    }
                }
                Err(e) => refused(ev, e, step)?,
            },
        }
        Ok(())
    }

    /// A booking exported from this very database (`renos-<id>-<booking>@…`).
    fn own_booking(
        &self,
        imp: &Importer,
        uid: &str,
        key: &str,
    ) -> Result<Option<Booking>, StoreError> {
        let Some(rest) = uid.strip_prefix(&self.own_prefix) else {
            return Ok(None);
        };
        let Some(id) = rest.split('@').next().and_then(|s| s.parse::<i64>().ok()) else {
            return Ok(None);
        };
        if !key.is_empty() {
            return Ok(None);
        }
        match imp.booking(id) {
            Ok(b) => Ok(Some(b)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The customer of an event: as the file names it, else found by
    /// e-mail or in the summary, else one made from the event.
    pub(super) fn customer(
        &mut self,
        imp: &Importer,
        m: &Mapped,
        step: &mut IcsReport,
    ) -> Result<(i64, How), StoreError> {
        let key = match &m.customer {
            WhoCustomer::Named(k) => k.clone(),
            WhoCustomer::Guess {
                emails,
                candidates,
                fallback,
            } => {
                for e in emails {
                    let probe = CustomerKey {
                        id: 0,
                        name: String::new(),
                        address: String::new(),
                        email: e.clone(),
                        phone: String::new(),
                    };
                    if let Some((id, _)) = self.index.find(&probe) {
                        return Ok((id, How::Found(None)));
                    }
                }
                for (i, c) in candidates.iter().enumerate() {
                    if let Some(Some(id)) = self.names.get(&c.to_lowercase()) {
                        let how = if self.made.contains(id) {
                            How::Made
                        } else {
                            How::Found(Some(i))
                        };
                        return Ok((*id, how));
                    }
                }
                let mut key = fallback.clone();
                let title = self.title(&m.summary);
                if !title.customer.trim().is_empty() {
                    key.name = title.customer;
                }
                if let Some((id, _)) = self.index.find(&key) {
                    let how = if self.made.contains(&id) {
                        How::Made
                    } else {
                        How::Found(None)
                    };
                    return Ok((id, how));
                }
                let id = self.add_customer(imp, &key, vec![MADE_TAG.to_string()], step)?;
                self.made.insert(id);
                return Ok((id, How::Made));
            }
        };
        if let Some((id, _)) = self.index.find(&key) {
            return Ok((id, How::Named));
        }
        Ok((self.add_customer(imp, &key, Vec::new(), step)?, How::Named))
    }

    /// What a title says, by the services the business books.
    fn title(&self, summary: &str) -> crate::domain::title::Title {
        self.services.read(summary)
    }

    /// The service of an event that names none: what its title says
    /// besides the customer it was found by; for a customer made from it,
    /// the service a part of its title names.
    pub(super) fn service(&self, how: How, summary: &str) -> String {
        match how {
            // A business that has booked nothing yet knows no service.
            How::Made if self.services.is_empty() => DEFAULT_SERVICE.to_string(),
            How::Made => self
                .title(summary)
                .service
                .unwrap_or_else(|| DEFAULT_SERVICE.to_string()),
            _ => how.service(summary),
        }
    }

    fn add_customer(
        &mut self,
        imp: &Importer,
        key: &CustomerKey,
        tags: Vec<String>,
        step: &mut IcsReport,
    ) -> Result<i64, StoreError> {
        let id = imp.add_customer(
            &NewCustomer {
                name: key.name.clone(),
                address: key.address.clone(),
                phone: key.phone.clone(),
                email: key.email.clone(),
                tags,
                ..NewCustomer::default()
            },
            &self.reason,
        )?;
        self.index.insert(&CustomerKey { id, ..key.clone() }, None);
        add_name(&mut self.names, &key.name, id);
        step.customers_created += 1;
        Ok(id)
    }
}

/// How an event's customer was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// The file names the customer (this console's export).
    Named,
    /// By e-mail, or by the summary part with this index (0: the whole summary).
    Found(Option<usize>),
    /// Made from an event and not checked yet.
    Made,
}

impl How {
    /// The service when the event does not name one: what the summary says
    /// besides the customer's name.
    pub(super) fn service(self, summary: &str) -> String {
        let rest = match self {
            How::Found(Some(i)) if i > 0 => {
                let parts = map::candidates(summary);
                let rest: Vec<&str> = parts[1..]
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| j + 1 != i)
                    .map(|(_, p)| p.as_str())
                    .collect();
                rest.join(" – ")
            }
            How::Found(_) | How::Named => summary.trim().to_string(),
            How::Made => String::new(),
        };
        if rest.trim().is_empty() {
            DEFAULT_SERVICE.to_string()
        } else {
            rest
        }
    }
}

/// The tag of a customer made from a calendar event; its bookings wait for
/// review until a dispatcher has checked the customer and removed the tag.
pub const MADE_TAG: &str = "fra-kalender";

/// The service of an event that names none.
pub const DEFAULT_SERVICE: &str = "Rengøring";

/// A booking or series of `ev` the store refused: a problem of the event,
/// counted as failed. Any other error (the database failed) is returned.
pub(super) fn refused(ev: &Event, e: StoreError, step: &mut IcsReport) -> Result<(), StoreError> {
    let fault = IcsFault::refused(e)?;
    step.counts.failed += 1;
    step.problems.push(IcsProblem {
        line: ev.line,
        fault,
    });
    Ok(())
}

pub(super) fn join_review(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}; {b}")
    }
}
