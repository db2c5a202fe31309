//! A series changed on both sides, or deleted in Google.
//!
//! - The same field of the series (its start, length, cleaner, rule or
//!   end) changed in Google and in the console since both last agreed: the conflict
//!   waits in the queue like a single event's, held on the series' next
//!   visit (the one that still follows it and has not begun). While it
//!   waits, nothing of the series is sent, and its instances are not taken
//!   in (the change of the event would come as a change of every visit).
//! - The recurring event deleted in Google (cancelled, or gone):
//!   the series ends before today, its visits from today on that have not
//!   begun are cancelled with the reason naming Google, the others stay,
//!   in one journaled change. When the console changed the series since
//!   both last agreed, it is a conflict instead: a dispatcher's edit is
//!   never lost without their say.

use crate::engine::sync::account::AccountError;
use crate::providers::calendar::ProviderError;
use chrono::Duration;

use crate::domain::series::{Rule, Series, SeriesEnd};
use crate::domain::sync::{
    ConflictKind, EventFields, Field, RepeatSides, Repeats, SeriesEventFields,
};
use crate::domain::{Booking, BusinessTz};
use crate::store::{SeriesLink, StoreError, SyncConflict};

use super::super::reconcile::DELETED_THERE;
use super::super::{StepError, Syncer};
use super::pull::{last_date, until_of};

/// The fields of a series that changed on both sides to different values.
pub(super) fn both_changed(
    mine: &EventFields,
    theirs: &EventFields,
    base: &EventFields,
) -> Vec<Field> {
    let len = |f: &EventFields| f.end - f.start;
    let mut out = Vec::new();
    if theirs.start != base.start && mine.start != base.start && theirs.start != mine.start {
        out.push(Field::Start);
    }
    if len(theirs) != len(base) && len(mine) != len(base) && len(theirs) != len(mine) {
        out.push(Field::End);
    }
    if theirs.staff_id != base.staff_id
        && mine.staff_id != base.staff_id
        && theirs.staff_id != mine.staff_id
    {
        out.push(Field::Staff);
    }
    out
}

/// The rule of a recurring event's RRULE, as series `s` would hold it
/// (`None`: no RRULE, or one a series cannot hold).
pub(super) fn rule_of(recurrence: &[String], s: &Series) -> Option<Rule> {
    let line = recurrence.iter().find_map(|l| l.strip_prefix("RRULE:"))?;
    Rule::from_rrule(line, s.first_date)
        .ok()
        .map(|spec| spec.rule)
}

/// How a recurring event repeats, as series `s` would hold it: its rule
/// and its end (UNTIL as the last local date a visit fits).
pub(super) fn repeats_of(recurrence: &[String], s: &Series, tz: BusinessTz) -> Option<Repeats> {
    let line = recurrence.iter().find_map(|l| l.strip_prefix("RRULE:"))?;
    let spec = Rule::from_rrule(line, s.first_date).ok()?;
    let end = match spec.end {
        Some(SeriesEnd::Until(_)) => {
            until_of(recurrence, tz, s.start_time).map_or(SeriesEnd::Open, SeriesEnd::Until)
        }
        other => other.unwrap_or(SeriesEnd::Open),
    };
    Some(Repeats {
        rule: spec.rule,
        end,
    })
}

/// The rule and the end of series `s`, where they changed on both sides
/// to different values (the end compared as the last date it gives).
pub(super) fn repeats_both_changed(
    mine: &[String],
    theirs: &[String],
    base: &[String],
    s: &Series,
    tz: BusinessTz,
) -> Vec<Field> {
    let mut out = Vec::new();
    let (m, t, b) = (rule_of(mine, s), rule_of(theirs, s), rule_of(base, s));
    if t != b && m != b && t != m {
        out.push(Field::Rule);
    }
    let last = |r: &[String]| last_date(r, s, tz);
    let (m, t, b) = (last(mine), last(theirs), last(base));
    if t != b && m != b && t != m {
        out.push(Field::SeriesEnd);
    }
    out
}

impl Syncer {
    /// The visit a conflict of series `id` waits on: its next visit that
    /// follows the series and has not begun.
    pub(super) fn next_visit(&self, id: i64) -> Result<Option<Booking>, StepError> {
        let now = self.store.now();
        Ok(self
            .store
            .series_visits(id)?
            .into_iter()
            .find(|(b, v)| {
                v.exception.is_empty() && b.is_active() && b.started_at.is_none() && b.start >= now
            })
            .map(|(b, _)| b))
    }

    /// Holds a conflict of the series of `link` on visit `on`, else on its
    /// next visit; `false` when it has none (nothing of the console's is
    /// then at stake).
    pub(super) fn hold_series_conflict(
        &mut self,
        link: &SeriesLink,
        kind: ConflictKind,
        mine: &SeriesEventFields,
        theirs: Option<&SeriesEventFields>,
        remote_etag: Option<String>,
        on: Option<i64>,
    ) -> Result<bool, StepError> {
        let Some(visit) = on.or(self.next_visit(link.series_id)?.map(|b| b.id)) else {
            return Ok(false);
        };
        let s = self.store.series(link.series_id)?;
        let tz = self.layout.tz;
        let repeats = repeats_of(&mine.recurrence, &s, tz).map(|m| RepeatSides {
            mine: m,
            theirs: theirs.and_then(|t| repeats_of(&t.recurrence, &s, tz)),
            base: link
                .base
                .as_ref()
                .and_then(|b| repeats_of(&b.recurrence, &s, tz)),
        });
        let conflict = SyncConflict {
            booking_id: visit,
            calendar_id: link.calendar_id.clone(),
            event_id: link.event_id.clone(),
            kind,
            mine: Some(mine.first.clone()),
            theirs: theirs.map(|t| t.first.clone()),
            base: link.base.as_ref().map(|b| b.first.clone()),
            remote_etag,
            at: self.store.now(),
            repeats,
            of_series: true,
        };
        self.settle_in_store(|w, _, counts| {
            w.save_conflict(&conflict)?;
            counts.conflicts += 1;
            Ok(())
        })?;
        Ok(true)
    }

    /// Did the console change the series of `link` since both sides last
    /// agreed (its times, cleaner, place, notes or end)?
    fn changed_here(&self, link: &SeriesLink, mine: &SeriesEventFields) -> Result<bool, StepError> {
        let Some(base) = &link.base else {
            return Ok(false);
        };
        let s = self.store.series(link.series_id)?;
        let (m, b) = (&mine.first, &base.first);
        let tz = self.layout.tz;
        Ok(m.start != b.start
            || m.end - m.start != b.end - b.start
            || m.staff_id != b.staff_id
            || m.location != b.location
            || m.notes != b.notes
            || last_date(&mine.recurrence, &s, tz) != last_date(&base.recurrence, &s, tz))
    }

    /// A visit of series `id` from today on changed here and not yet in
    /// Google (the end of the series would cancel a dispatcher's edit).
    fn edited_visit(&self, id: i64) -> Result<Option<i64>, StepError> {
        let now = self.store.now();
        for (b, _) in self.store.series_visits(id)? {
            if !b.is_active() || b.started_at.is_some() || b.start < now {
                continue;
            }
            if self
                .store
                .outbox_entry(crate::store::GOOGLE_BOOKING, &b.id.to_string())?
                .is_none()
            {
                continue;
            }
            // A visit brought back (its instance given up before), or one
            // that differs from what both sides last agreed on; not one
            // made since (no link) or only waiting for its new instance.
            let Some(link) = self.store.google_link(b.id)? else {
                continue;
            };
            let customer = self.store.customer(b.customer_id)?;
            let now = self.layout.fields_of(&b, &customer, None);
            let edited = link.gone
                || link
                    .base
                    .as_ref()
                    .is_some_and(|base| !now.differences(base).is_empty());
            if edited {
                return Ok(Some(b.id));
            }
        }
        Ok(None)
    }

    /// The recurring event of `link` was deleted in Google: the series
    /// ends (or, changed here meanwhile, waits as a conflict). Repeating
    /// it changes nothing.
    pub(in crate::engine::sync) fn series_deleted(
        &mut self,
        link: &SeriesLink,
        remote_etag: Option<String>,
    ) -> Result<(), StepError> {
        if link.etag.is_none() && link.base.is_none() {
            // Being made (again): the console brings it back ("keep mine"
            // against the deletion), the next push writes it.
            return Ok(());
        }
        let s = match self.store.series(link.series_id) {
            Ok(s) => s,
            Err(StoreError::NotFound { .. }) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        if self
            .store
            .series_conflict(&link.calendar_id, &link.event_id)?
            .is_some()
        {
            return Ok(());
        }
        let tz = self.layout.tz;
        let now = self.store.now();
        let today = tz.local_date(now);
        let ended = matches!(s.end, crate::domain::series::SeriesEnd::Until(d) if d < today);
        let prefix = format!("{}_", link.event_id);
        let visits = self.store.series_visits(s.id)?;
        let due = visits
            .iter()
            .any(|(b, _)| b.is_active() && b.started_at.is_none() && b.start >= now);
        // Ended already, nothing to come: nothing of the console's at stake.
        if !ended || due {
            let mine = self.series_fields(&s, &link.calendar_id)?;
            let edited = self.edited_visit(s.id)?;
            if (edited.is_some() || self.changed_here(link, &mine)?)
                && self.hold_series_conflict(
                    link,
                    ConflictKind::DeletedThere,
                    &mine,
                    None,
                    remote_etag,
                    edited,
                )?
            {
                return Ok(());
            }
        }
        let mut links = Vec::new();
        for (b, _) in &visits {
            if let Some(l) = self.store.google_link(b.id)?
                && l.calendar_id == link.calendar_id
                && l.event_id.starts_with(&prefix)
            {
                links.push(l);
            }
        }
        self.settle_in_store(|w, _, counts| {
            let cancelled = if ended && !due {
                Vec::new()
            } else {
                w.end_series_deleted(s.id, DELETED_THERE)?
            };
            counts.deleted += cancelled.len() as i64;
            // The instances went with their event: the visits cancelled
            // are settled, the ones kept are not taken for deleted.
            for l in &links {
                if cancelled.contains(&l.booking_id) {
                    w.save_link(&crate::store::Link {
                        gone: true,
                        ..l.clone()
                    })?;
                }
                w.mark_suspect(l.booking_id, false)?;
            }
            Ok(())
        })?;
        Ok(())
    }

    /// Is the recurring event of the series whose instance `event_id` is
    /// (in `calendar`) deleted in Google? Then the series is settled as
    /// deleted (`series_deleted`) and `true` comes back: the instance needs
    /// no check of its own.
    pub(in crate::engine::sync) async fn master_deleted(
        &mut self,
        calendar: &str,
        event_id: &str,
        checked: &mut std::collections::HashMap<String, bool>,
    ) -> Result<bool, StepError> {
        let Some((master, _)) = event_id.rsplit_once('_') else {
            return Ok(false);
        };
        if let Some(deleted) = checked.get(master) {
            return Ok(*deleted);
        }
        let Some(link) = self.store.google_series_by_event(calendar, master)? else {
            checked.insert(master.to_string(), false);
            return Ok(false);
        };
        let (deleted, etag) = match self.account.get(calendar, master).await {
            Ok(ev) => (
                ev.status == crate::providers::calendar::events::EventStatus::Cancelled,
                ev.etag,
            ),
            Err(AccountError(ProviderError::NotFound(_)))
            | Err(AccountError(ProviderError::Gone)) => (true, None),
            Err(e) => return Err(e.into()),
        };
        checked.insert(master.to_string(), deleted);
        if deleted {
            self.series_deleted(&link, etag)?;
        }
        Ok(deleted)
    }
}

/// The local start time and length a side of a series conflict gives.
pub(in crate::engine::sync) fn times_of(
    f: &EventFields,
    tz: crate::domain::BusinessTz,
) -> (chrono::NaiveTime, Duration) {
    (tz.local(f.start).time(), f.end - f.start)
}

/// Marks the instances' changes of a series as seen while its conflict
/// waits (they are the event's change, settled with the conflict).
pub(in crate::engine::sync) fn series_on_hold(
    w: &crate::store::SyncWriter,
    calendar: &str,
    ev: &crate::providers::calendar::events::RemoteEvent,
    generation: Option<i64>,
) -> crate::store::Result<bool> {
    let Some(master) = ev.recurring_event_id.as_deref() else {
        return Ok(false);
    };
    if w.series_by_event(calendar, master)?.is_none()
        || w.series_conflict(calendar, master)?.is_none()
    {
        return Ok(false);
    }
    if let (Some(g), Some(l)) = (generation, w.link_by_event(calendar, &ev.id)?) {
        w.mark_seen(l.booking_id, g)?;
    }
    Ok(true)
}

/// Settles the conflict of a series (held on its visit `c.booking_id`) as
/// the dispatcher chose:
///
/// - **theirs**: Google's rule and end (one journaled change, with the
///   conflict's going), then its start, length and cleaner for the series
///   (scope "all", one journaled change), or, deleted there, the series
///   ends;
/// - **mine** (or **both**, which for a series is mine): the console's
///   series goes to Google over what it has now (deleted there: made
///   again).
///
/// The conflict goes first: a run killed before the change finds the
/// series changed on both sides again and asks again.
pub(in crate::engine::sync) fn resolve_series(
    store: &mut crate::store::Store,
    c: SyncConflict,
    sl: SeriesLink,
    choice: super::super::Choice,
) -> Result<super::super::Settled, StoreError> {
    use super::super::{Choice, Settled};
    let booking = c.booking_id;
    let actor = store.actor().to_string();
    match (choice, &c.theirs) {
        (Choice::Theirs, None) => {
            store.sync_write(&actor, |w| {
                w.drop_conflict_held(booking, true)?;
                for id in w.end_series_deleted(sl.series_id, DELETED_THERE)? {
                    if let Some(l) = w.link_by_booking(id)? {
                        w.save_link(&crate::store::Link { gone: true, ..l })?;
                    }
                }
                Ok(())
            })?;
            Ok(Settled::TookTheirs { booking })
        }
        (Choice::Theirs, Some(t)) => {
            // Google's rule and end, with the conflict's going, in one
            // transaction; then its times (scope "all").
            let s = store.series(sl.series_id)?;
            let after = c
                .repeats
                .as_ref()
                .and_then(|r| r.theirs.as_ref())
                .map(|r| Series {
                    rule: r.rule.clone(),
                    end: r.end,
                    ..s.clone()
                })
                .filter(|a| a.rule != s.rule || a.end != s.end);
            let cal = store.calendar().clone();
            let today = store.tz().local_date(store.now());
            store.sync_write(&actor, |w| {
                w.drop_conflict_held(booking, true)?;
                if let Some(a) = &after {
                    w.update_series(&s, a, &cal, today)?;
                }
                Ok(())
            })?;
            let Some(b) = visit_to_move(store, booking, sl.series_id)? else {
                // No visit to come follows the series any more.
                return Ok(Settled::TookTheirs { booking });
            };
            let (time, len) = times_of(t, store.tz());
            let change = crate::store::VisitChange {
                date: None,
                start: Some(time),
                staff: Some(t.staff_id),
                duration_min: u32::try_from(len.num_minutes()).ok().filter(|m| *m > 0),
            };
            store.move_visit(
                b.id,
                b.version,
                change,
                crate::store::Scope::All,
                Some(crate::domain::remark::Remark::KeptTheirs.text()),
            )?;
            Ok(Settled::TookTheirs { booking })
        }
        (Choice::Mine | Choice::Both, theirs) => {
            // The instances follow Google's event until the console's goes
            // out: what they say now is no change of a visit.
            let prefix = format!("{}_", sl.event_id);
            let mut rebased = Vec::new();
            if let Some(t) = theirs {
                for (b, v) in store.series_visits(sl.series_id)? {
                    let Some(l) = store.google_link(b.id)? else {
                        continue;
                    };
                    let original = l
                        .event_id
                        .strip_prefix(&prefix)
                        .and_then(|s| {
                            chrono::NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ").ok()
                        })
                        .map(|t| t.and_utc());
                    if let Some(o) = original.filter(|_| v.exception.is_empty() && !l.gone) {
                        rebased.push(crate::store::Link {
                            base: Some(EventFields {
                                start: o,
                                end: o + (t.end - t.start),
                                ..t.clone()
                            }),
                            ..l
                        });
                    }
                }
            }
            // What Google alone changed of how the series repeats (not in
            // the conflict) is taken in, so keeping mine loses nothing of
            // theirs that did not clash.
            let s = store.series(sl.series_id)?;
            let after = c.repeats.as_ref().and_then(|r| only_theirs(r, &s));
            let cal = store.calendar().clone();
            let today = store.tz().local_date(store.now());
            store.sync_write(&actor, |w| {
                w.drop_conflict_held(booking, true)?;
                if let Some(a) = &after {
                    w.update_series(&s, a, &cal, today)?;
                }
                let link = match theirs {
                    Some(t) => SeriesLink {
                        etag: c.remote_etag.clone().or(sl.etag.clone()),
                        base: sl.base.clone().map(|b| SeriesEventFields {
                            first: t.clone(),
                            ..b
                        }),
                        ..sl.clone()
                    },
                    None => SeriesLink {
                        etag: None,
                        base: None,
                        ..sl.clone()
                    },
                };
                w.save_series_link(&link)?;
                for l in &rebased {
                    w.save_link(l)?;
                }
                w.enqueue_series(sl.series_id)
            })?;
            Ok(Settled::KeptMine { booking })
        }
    }
}

/// The visit of series `series` the calendar's times are applied from:
/// the one its conflict waited on, or (gone with a new rule) the next that
/// still follows the series.
fn visit_to_move(
    store: &crate::store::Store,
    booking: i64,
    series: i64,
) -> Result<Option<Booking>, StoreError> {
    let now = store.now();
    let visits = store.series_visits(series)?;
    let usable = |b: &Booking| b.is_active() && b.started_at.is_none();
    if let Some((b, _)) = visits.iter().find(|(b, _)| b.id == booking && usable(b)) {
        return Ok(Some(b.clone()));
    }
    Ok(visits
        .into_iter()
        .find(|(b, v)| v.exception.is_empty() && usable(b) && b.start >= now)
        .map(|(b, _)| b))
}

/// Series `s` with what the calendar alone changed of how it repeats (its
/// rule, its end), if anything.
fn only_theirs(r: &RepeatSides, s: &Series) -> Option<Series> {
    let (t, b) = (r.theirs.as_ref()?, r.base.as_ref()?);
    let mut after = s.clone();
    if t.rule != b.rule && r.mine.rule == b.rule {
        after.rule = t.rule.clone();
    }
    if t.end != b.end && r.mine.end == b.end {
        after.end = t.end;
    }
    (after.rule != s.rule || after.end != s.end).then_some(after)
}
