//! One calendar event against its booking, inside one store transaction:
//! adopt, create, merge, cancel, or queue a conflict for the dispatcher.

use crate::domain::remark::{Calendar, Remark};
use crate::domain::sync::{
    EventFields, Merged, Side, agreed_beside, merge, uncontested, with_own_writes,
};
use crate::domain::{Booking, BookingStatus};
use crate::engine::import::{DEFAULT_SERVICE, MADE_TAG, candidates};
use crate::providers::calendar::events::{EventStatus, RemoteEvent};
use crate::store::{Link, NewCustomer, Result, SyncConflict, SyncCounts, SyncWriter};

use super::calendars::remarked;
use super::fields::{Layout, all_day, apply_fields};

/// Why a booking made from a hand-made event waits in the review queue.
pub const REVIEW_NEW_CUSTOMER: &str = Remark::NewCustomer(Calendar::Google).text();
pub const REVIEW_ALL_DAY: &str = Remark::AllDay(Calendar::Google).text();
/// The cancel reason of a booking deleted in the calendar.
pub const DELETED_THERE: &str = Remark::DeletedThere(Calendar::Google).text();

/// The local side of a booking: its fields, or gone (cancelled or removed).
pub(super) fn mine(
    w: &SyncWriter,
    layout: &Layout,
    link: &Link,
    booking: Option<&Booking>,
) -> Result<Side> {
    let Some(b) = booking.filter(|b| b.is_active()) else {
        return Ok(Side::Gone);
    };
    let customer = w.customer(b.customer_id)?;
    // Only an item on another provider needs asking (a Google event's id
    // says whose it is).
    let ours = super::calendars::is_seam(&link.calendar_id) && w.link_is_ours(link.booking_id)?;
    let foreign = if ours {
        None
    } else {
        foreign_summary(layout, link)
    };
    Ok(Side::Present(layout.fields_of(
        b,
        &customer,
        foreign.as_deref(),
    )))
}

/// Events made by hand keep the title they were given. An item on another
/// provider than Google is named by its provider: whether it is ours is
/// kept on the link (`link_is_ours`), asked before this.
pub(super) fn foreign_summary(layout: &Layout, link: &Link) -> Option<String> {
    let own =
        layout.is_own_id(link.booking_id, &link.event_id) || layout.is_own_instance(&link.event_id);
    (!own).then(|| {
        link.base
            .as_ref()
            .map(|b| b.summary.clone())
            .unwrap_or_default()
    })
}

/// Applies `ev` from `calendar`. `generation` marks the event seen by the
/// running full sync.
pub(super) fn apply_event(
    w: &SyncWriter,
    layout: &Layout,
    calendar: &str,
    ev: &RemoteEvent,
    generation: Option<i64>,
    counts: &mut SyncCounts,
) -> Result<()> {
    if !ev.is_default_type() {
        // Birthdays, out-of-office, focus time, working locations, events
        // from Gmail: never a cleaning job (the listing asks for default
        // events only; this holds if Google sends others anyway).
        return Ok(());
    }
    if super::series::series_on_hold(w, calendar, ev, generation)? {
        // Its series waits for the dispatcher: the instance follows.
        return Ok(());
    }
    if ev.recurring_event_id.is_none() && layout.own_series(ev).is_some() {
        // A series' own recurring event (listings of instances never bring
        // it): its changes come through `series::check_masters`.
        return Ok(());
    }
    let link = match w.link_by_event(calendar, &ev.id)? {
        Some(l) => l,
        None if let Some(sl) = taken_series(w, layout, calendar, ev)? => {
            // An instance of a recurring event made by hand and taken in as
            // a series: a visit of it.
            return super::series::apply_taken_instance(
                w, layout, calendar, ev, &sl, generation, counts,
            );
        }
        None if ev.recurring_event_id.is_some() && layout.own_series(ev).is_some() => {
            // An instance of a series' event whose visit is not linked (yet):
            // the push links it; it is never a booking of its own.
            return Ok(());
        }
        None if ev.recurring_event_id.is_some() => {
            return apply_instance(w, layout, calendar, ev, generation, counts);
        }
        None => match adopt(w, layout, calendar, ev)? {
            Known::Linked(l) => *l,
            Known::Ignore => return Ok(()),
            Known::Foreign => {
                if w.left_behind(calendar, &ev.id)? {
                    // A job made by hand here that moved to another
                    // calendar: its removal merges what changed here.
                    return Ok(());
                }
                if let Some(l) = w.link_elsewhere(calendar, &ev.id)? {
                    // A hand-made event moved here from another calendar
                    // keeps its id: its booking follows it (checked at
                    // Google), no second booking is made.
                    if ev.status != EventStatus::Cancelled {
                        w.mark_suspect(l.booking_id, true)?;
                    }
                    return Ok(());
                }
                if ev.status != EventStatus::Cancelled {
                    create_from(w, layout, calendar, ev, generation, counts)?;
                }
                return Ok(());
            }
        },
    };
    if let Some(g) = generation {
        w.mark_seen(link.booking_id, g)?;
    }
    if ev.status == EventStatus::Cancelled && !link.gone {
        // Deleted — or moved to another calendar, which leaves a cancelled
        // copy behind: asked again before the booking is touched, and
        // before the link dies. A booking cancelled here too is no
        // exception: its event may live on where it was moved, and only a
        // live link takes the cancellation there (a dead one would leave
        // the moved event to be taken in as a new booking).
        return w.mark_suspect(link.booking_id, true);
    }
    if link.etag.is_some() && link.etag == ev.etag && ev.status != EventStatus::Cancelled {
        return Ok(());
    }
    settle(w, layout, calendar, ev, link, counts)
}

/// The series a recurring event made by hand was taken in as, for an
/// instance of it.
fn taken_series(
    w: &SyncWriter,
    layout: &Layout,
    calendar: &str,
    ev: &RemoteEvent,
) -> Result<Option<crate::store::SeriesLink>> {
    let Some(master) = ev.recurring_event_id.as_deref() else {
        return Ok(None);
    };
    if layout.own_series_id(master).is_some() {
        return Ok(None);
    }
    w.series_by_event(calendar, master)
}

/// An instance of a recurring event (`singleEvents=true` lists instances,
/// never the series). When someone made a booking's own event repeat in
/// Google, the instance at the booking's time stands for the booking from
/// now on; every other instance is an event made by hand, taken in only
/// within the sync window so an open-ended series cannot flood the review
/// queue. An instance inherits the series' private properties, so it is
/// never taken for the booking's own event by its properties.
fn apply_instance(
    w: &SyncWriter,
    layout: &Layout,
    calendar: &str,
    ev: &RemoteEvent,
    generation: Option<i64>,
    counts: &mut SyncCounts,
) -> Result<()> {
    let series = ev.recurring_event_id.as_deref().unwrap_or_default();
    if let Some(mut link) = w.link_by_event(calendar, series)? {
        let booking = w.booking(link.booking_id)?;
        let slot = [
            link.base.as_ref().map(|b| b.start),
            booking.as_ref().map(|b| b.start),
        ];
        let original = ev.original_start.map(|t| layout.instant_of(t));
        if original.is_some() && slot.contains(&original) {
            link.event_id = ev.id.clone();
            link.etag = None;
            w.save_link(&link)?;
            if let Some(g) = generation {
                w.mark_seen(link.booking_id, g)?;
            }
            if ev.status == EventStatus::Cancelled {
                return w.mark_suspect(link.booking_id, true);
            }
            return settle(w, layout, calendar, ev, link, counts);
        }
    }
    if ev.status == EventStatus::Cancelled {
        return Ok(());
    }
    match layout.fields_from(calendar, ev) {
        Some(f) if layout.instance_due(f.start, f.end) => {
            create_from(w, layout, calendar, ev, generation, counts)
        }
        _ => Ok(()),
    }
}

enum Known {
    Linked(Box<Link>),
    /// One of ours that no booking here stands for any more (an old copy
    /// from before the booking moved calendars, or an undone booking).
    Ignore,
    Foreign,
}

/// An event this database made whose link was never recorded (the answer to
/// the insert was lost) is linked again. One of ours that lives where its
/// booking's link does not point may have been moved there: the link is
/// checked at Google.
fn adopt(w: &SyncWriter, layout: &Layout, calendar: &str, ev: &RemoteEvent) -> Result<Known> {
    let Some(booking_id) = layout.own_event(ev) else {
        return Ok(Known::Foreign);
    };
    if let Some(l) = w.link_by_booking(booking_id)? {
        if l.calendar_id == calendar && l.event_id == ev.id {
            return Ok(Known::Linked(Box::new(l)));
        }
        if ev.status != EventStatus::Cancelled {
            if l.gone && (l.event_id == ev.id || layout.is_own_id(booking_id, &ev.id)) {
                // Its event was moved here after the link died (deleted
                // where it was): this live copy is the booking's event now,
                // settled like any other (deleted if the booking is gone).
                let moved = Link {
                    calendar_id: calendar.to_string(),
                    event_id: ev.id.clone(),
                    etag: None,
                    gone: false,
                    ..l
                };
                w.save_link(&moved)?;
                return Ok(Known::Linked(Box::new(moved)));
            }
            if !l.gone {
                // Moved here, or a stray copy: checked at Google.
                w.mark_suspect(booking_id, true)?;
            }
        }
        return Ok(Known::Ignore);
    }
    if w.booking(booking_id)?.is_none() {
        return Ok(Known::Ignore);
    }
    let l = Link {
        booking_id,
        calendar_id: calendar.to_string(),
        event_id: ev.id.clone(),
        etag: None,
        remote_updated: None,
        base: None,
        gone: false,
    };
    w.save_link(&l)?;
    Ok(Known::Linked(Box::new(l)))
}

/// Merges the event into its booking (or queues the conflict).
pub(super) fn settle(
    w: &SyncWriter,
    layout: &Layout,
    calendar: &str,
    ev: &RemoteEvent,
    mut link: Link,
    counts: &mut SyncCounts,
) -> Result<()> {
    let before = link.clone();
    let booking = w.booking(link.booking_id)?;
    let theirs = match layout.fields_from(calendar, ev) {
        Some(f) if ev.status != EventStatus::Cancelled => {
            Side::Present(series_cleaner(w, layout, calendar, ev, link.booking_id, f)?)
        }
        _ => Side::Gone,
    };
    let mine = mine(w, layout, &link, booking.as_ref())?;
    if link.gone && theirs == Side::Gone && matches!(mine, Side::Present(_)) {
        // The booking came back (an undone cancellation) after its event
        // died: it gets a new event, and the dead one never cancels it again.
        return w.enqueue_booking(link.booking_id);
    }
    // Settled anew: its own conflict goes (one of its series held on it
    // waits on).
    w.drop_conflict(link.booking_id)?;
    // A write of ours whose answer was lost is not an edit in the calendar.
    let sent = w.google_sent(link.booking_id)?;
    let base = match (&link.base, &sent, &theirs) {
        (Some(b), Some(sent), Side::Present(t)) => Some(with_own_writes(b, sent, t)),
        _ => link.base.clone(),
    };
    if sent.is_some() {
        w.clear_google_sent(link.booking_id)?;
    }
    let merged = if link.gone && theirs == Side::Gone {
        Merged::Gone
    } else {
        merge(base.as_ref(), &mine, &theirs)
    };
    if ev.etag.is_some() {
        link.etag = ev.etag.clone();
    }
    link.remote_updated = ev.updated.map(|u| u.to_rfc3339()).or(link.remote_updated);
    match merged {
        Merged::Present(m) => {
            if let (Some(b), Side::Present(cur)) = (&booking, &mine)
                && take_over(w, calendar, b, cur, &m)?
            {
                counts.updated += 1;
            }
            match &theirs {
                Side::Present(t) if t.differences(&m).is_empty() && t.summary == m.summary => {
                    link.base = Some(m);
                }
                Side::Present(t) => {
                    link.base = Some(t.clone());
                    w.enqueue_booking(link.booking_id)?;
                }
                Side::Gone => {
                    // Deleted there before we ever agreed: the console's
                    // version is restored.
                    link.gone = true;
                    w.enqueue_booking(link.booking_id)?;
                }
            }
        }
        Merged::Gone => match (&booking, &mine, &theirs) {
            (Some(b), Side::Present(_), Side::Gone) => {
                let deleted = Remark::DeletedThere(remarked(calendar)).text();
                let after = Booking {
                    status: BookingStatus::Cancelled,
                    cancel_reason: deleted.to_string(),
                    ..b.clone()
                };
                w.update_booking(b, &after, deleted)?;
                counts.deleted += 1;
                link.gone = true;
            }
            (_, Side::Gone, Side::Present(_)) => {
                w.enqueue_booking(link.booking_id)?;
            }
            _ => link.gone = true,
        },
        Merged::Conflict(kind) => {
            // What only the calendar changed is taken over now; the
            // dispatcher decides the fields that clash.
            let mine = match (&booking, &mine, &theirs, base.as_ref()) {
                (Some(b), Side::Present(m), Side::Present(t), Some(base)) => {
                    let taken = uncontested(base, m, t);
                    if take_over(w, calendar, b, m, &taken)? {
                        counts.updated += 1;
                        // Agreed on those now: the next look at the event
                        // must not read them as changed here.
                        w.save_link(&Link {
                            base: Some(agreed_beside(base, m, t)),
                            ..before.clone()
                        })?;
                    }
                    Side::Present(taken)
                }
                _ => mine,
            };
            w.save_conflict(&SyncConflict {
                booking_id: link.booking_id,
                calendar_id: calendar.to_string(),
                event_id: ev.id.clone(),
                kind,
                mine: present(&mine),
                theirs: present(&theirs),
                base: link.base.clone(),
                remote_etag: ev.etag.clone(),
                at: w.now(),
                repeats: None,
                of_series: false,
            })?;
            counts.conflicts += 1;
            // The link keeps the old etag (and the base of the fields that
            // clash) until the dispatcher decides.
            return Ok(());
        }
    }
    w.save_link(&link)
}

/// Booking `b` (whose fields are `cur`) takes `fields` from the calendar
/// `calendar`, journaled as changed there; whether anything changed.
pub(super) fn take_over(
    w: &SyncWriter,
    calendar: &str,
    b: &Booking,
    cur: &EventFields,
    fields: &EventFields,
) -> Result<bool> {
    if cur.differences(fields).is_empty() {
        return Ok(false);
    }
    let customer = w.customer(b.customer_id)?;
    let after = apply_fields(b, fields, &customer);
    w.update_booking(b, &after, Remark::ChangedThere(remarked(calendar)).text())?;
    Ok(true)
}

/// An instance of a series that names no cleaner (its attendees removed in
/// Google, say) is the series' cleaner's visit, as the instance that was
/// never changed is: only a cleaner named, or the console's "nobody",
/// changes who does it.
fn series_cleaner(
    w: &SyncWriter,
    layout: &Layout,
    calendar: &str,
    ev: &RemoteEvent,
    booking_id: i64,
    mut f: EventFields,
) -> Result<EventFields> {
    if ev.recurring_event_id.is_some()
        && f.staff_id.is_none()
        && layout.names_no_cleaner(calendar, ev)
        && let Some(v) = w.visit_of(booking_id)?
    {
        f.staff_id = w.series(v.series_id)?.staff_id;
    }
    Ok(f)
}

pub(super) fn present(s: &Side) -> Option<EventFields> {
    match s {
        Side::Present(f) => Some(f.clone()),
        Side::Gone => None,
    }
}

/// A booking for an event made by hand in the calendar.
pub(super) fn create_from(
    w: &SyncWriter,
    layout: &Layout,
    calendar: &str,
    ev: &RemoteEvent,
    generation: Option<i64>,
    counts: &mut SyncCounts,
) -> Result<()> {
    let Some(f) = layout.fields_from(calendar, ev) else {
        return Ok(());
    };
    let Named {
        customer_id,
        known,
        service,
    } = customer_for(w, layout, ev)?;
    let mut review = Vec::new();
    if !known {
        review.push(Remark::NewCustomer(remarked(calendar)).text());
    }
    if all_day(ev) {
        review.push(Remark::AllDay(remarked(calendar)).text());
    }
    let minutes = (f.end - f.start).num_minutes().max(0);
    let draft = Booking {
        id: 0,
        customer_id,
        staff_id: f.staff_id,
        service,
        start: f.start,
        end: f.end,
        estimate_min: u32::try_from(minutes).unwrap_or(u32::MAX),
        status: BookingStatus::Scheduled,
        started_at: None,
        finished_at: None,
        address: f.location.clone(),
        notes: f.notes.clone(),
        review: review.join("; "),
        cancel_reason: String::new(),
        version: 0,
    };
    let b = w.add_booking(&draft, Remark::MadeThere(remarked(calendar)).text())?;
    w.save_link(&Link {
        booking_id: b.id,
        calendar_id: calendar.to_string(),
        event_id: ev.id.clone(),
        etag: ev.etag.clone(),
        remote_updated: ev.updated.map(|u| u.to_rfc3339()),
        base: Some(f),
        gone: false,
    })?;
    if let Some(g) = generation {
        w.mark_seen(b.id, g)?;
    }
    counts.created += 1;
    Ok(())
}

/// Whom and what an event made by hand is for.
pub(super) struct Named {
    pub customer_id: i64,
    /// The customer was found (not made from the title).
    pub known: bool,
    /// The service its title names, else the default one.
    pub service: String,
}

/// The customer of an event made by hand: the one it names, or a new one
/// made from its title (without the service it names) and place; and the
/// service its title names.
pub(super) fn customer_for(w: &SyncWriter, layout: &Layout, ev: &RemoteEvent) -> Result<Named> {
    let title = layout.with_customers(w, |keys| keys.title(&ev.summary))?;
    let (customer_id, known) = find_customer(w, layout, ev)?;
    let customer_id = match customer_id {
        Some(id) => id,
        None => {
            let name = title.customer.trim();
            let made = w.add_customer(&NewCustomer {
                name: if name.is_empty() {
                    "Ukendt kunde".to_string()
                } else {
                    name.to_string()
                },
                address: ev.location.trim().to_string(),
                tags: vec![MADE_TAG.to_string()],
                ..NewCustomer::default()
            })?;
            layout.with_customers(w, |keys| keys.add(made.id, &made.name, &made.email))?;
            made.id
        }
    };
    Ok(Named {
        customer_id,
        known,
        service: title.service.unwrap_or_else(|| DEFAULT_SERVICE.to_string()),
    })
}

/// The customer an event names by e-mail (title or description) or by name
/// (the title or a part of it); whether one was found.
fn find_customer(w: &SyncWriter, layout: &Layout, ev: &RemoteEvent) -> Result<(Option<i64>, bool)> {
    layout.with_customers(w, |keys| {
        let text = format!("{} {}", ev.summary, ev.description);
        for word in text.split(|c: char| c.is_whitespace() || "<>()[],;\"'".contains(c)) {
            let word = word.trim_start_matches("mailto:").trim_end_matches('.');
            if word.contains('@')
                && let Some(id) = keys.by_email(word)
            {
                return (Some(id), true);
            }
        }
        for name in candidates(ev.summary.trim()) {
            if let Some(id) = keys.by_name(&name) {
                return (Some(id), true);
            }
        }
        (None, false)
    })
}
