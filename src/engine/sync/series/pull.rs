//! Taking in what changed in Google of a series' recurring event itself:
//! its time, length, cleaner or rule (a change of the series, scope
//! "all"), and UNTIL brought forward (the series ends there).

use crate::engine::sync::account::AccountError;
use crate::providers::calendar::ProviderError;
use chrono::NaiveDate;

use crate::domain::series::Series;
use crate::domain::sync::{ConflictKind, EventFields, SeriesEventFields};
use crate::providers::calendar::events::{EventStatus, RemoteEvent};
use crate::store::{Link, SeriesLink};

use super::super::{SYNC_ACTOR, StepError, Syncer};
use super::conflict::{both_changed, repeats_both_changed, rule_of};
use super::instance_id;

impl Syncer {
    /// Reads the recurring events whose instances a listing brought (once
    /// each) and takes in what changed there since both sides agreed.
    pub(in crate::engine::sync) async fn check_masters(
        &mut self,
        calendar: &str,
        masters: &std::collections::BTreeSet<String>,
    ) -> Result<(), StepError> {
        for m in masters {
            let Some(link) = self.store.google_series_by_event(calendar, m)? else {
                continue;
            };
            let ev = match self.account.get(calendar, m).await {
                Ok(ev) => ev,
                Err(AccountError(ProviderError::NotFound(_)))
                | Err(AccountError(ProviderError::Gone)) => {
                    // Deleted and purged already.
                    self.series_deleted(&link, None)?;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if ev.etag.is_some() && ev.etag == link.etag {
                continue;
            }
            self.settle_series(&link, &ev)?;
        }
        Ok(())
    }

    /// The recurring event `ev` against its series: a change made in Google
    /// (its time, length, notes or place; UNTIL brought forward) becomes
    /// the same change of the series (scope "all", or the series ended);
    /// what the console changed meanwhile is pushed afterwards.
    pub(in crate::engine::sync) fn settle_series(
        &mut self,
        link: &SeriesLink,
        ev: &RemoteEvent,
    ) -> Result<(), StepError> {
        let agreed = link;
        let mut link = link.clone();
        link.etag = ev.etag.clone().or(link.etag);
        let theirs_first = match self.layout.fields_from(&link.calendar_id, ev) {
            Some(f) if ev.status != EventStatus::Cancelled => f,
            // Deleted there: the series ends (or waits as a conflict).
            _ => return self.series_deleted(agreed, ev.etag.clone()),
        };
        let theirs = SeriesEventFields {
            first: theirs_first,
            recurrence: ev.recurrence.clone(),
        };
        let Some(base) = link.base.clone() else {
            self.save_series_link(&link)?;
            return Ok(());
        };
        if theirs == base {
            self.save_series_link(&link)?;
            return Ok(());
        }
        if self
            .store
            .series_conflict(&link.calendar_id, &link.event_id)?
            .is_some()
        {
            // Waits for the dispatcher (with the etag of before, so the
            // event is read again until then).
            return Ok(());
        }
        let s = self.store.series(link.series_id)?;
        let tz = self.layout.tz;
        // Three ways: what Google changed (theirs against base) and the
        // series does not say already (mine) is applied as the dispatcher
        // would; a field changed on both sides waits for the dispatcher.
        let mine = self.series_fields(&s, &link.calendar_id)?;
        let mut both = both_changed(&mine.first, &theirs.first, &base.first);
        both.extend(repeats_both_changed(
            &mine.recurrence,
            &theirs.recurrence,
            &base.recurrence,
            &s,
            tz,
        ));
        if !both.is_empty()
            && self.hold_series_conflict(
                agreed,
                ConflictKind::Fields(both),
                &mine,
                Some(&theirs),
                ev.etag.clone(),
                None,
            )?
        {
            return Ok(());
        }
        let until = last_date(&theirs.recurrence, &s, tz);
        if until != last_date(&base.recurrence, &s, tz)
            && last_date(&mine.recurrence, &s, tz) == last_date(&base.recurrence, &s, tz)
            && let Some(u) = until
            && u >= s.first_date
        {
            tolerate(self.store.end_series(s.id, s.version, u).map(|_| ()))?;
        }
        // A rule changed in Google alone is the series' new rule (its
        // visits to come follow it); one changed here too waited above.
        let rule = rule_of(&theirs.recurrence, &s);
        if rule != rule_of(&base.recurrence, &s)
            && rule_of(&mine.recurrence, &s) == rule_of(&base.recurrence, &s)
            && let Some(rule) = rule
        {
            let s = self.store.series(link.series_id)?;
            let after = Series { rule, ..s.clone() };
            let cal = self.store.calendar().clone();
            let today = tz.local_date(self.store.now());
            tolerate(self.store.sync_write(SYNC_ACTOR, |w| {
                w.update_series(&s, &after, &cal, today).map(|_| ())
            }))?;
        }
        let (t, b, m) = (&theirs.first, &base.first, &mine.first);
        let len = |f: &EventFields| f.end - f.start;
        let start = t.start != b.start && m.start == b.start;
        let length = len(t) != len(b) && len(m) == len(b);
        let staff = t.staff_id != b.staff_id && m.staff_id == b.staff_id;
        if start || length || staff {
            let s = self.store.series(link.series_id)?;
            let today = tz.local_date(self.store.now());
            let visit = self.store.series_visits(s.id)?.into_iter().find(|(bk, v)| {
                v.exception.is_empty()
                    && bk.is_active()
                    && bk.started_at.is_none()
                    && tz.local_date(bk.start) >= today
            });
            if let Some((bk, _)) = visit {
                let change = crate::store::VisitChange {
                    date: None,
                    start: start.then(|| tz.local(t.start).time()),
                    staff: staff.then_some(t.staff_id),
                    duration_min: length
                        .then(|| u32::try_from(len(t).num_minutes()).unwrap_or(0))
                        .filter(|m| *m > 0),
                };
                let moved = self.store.move_visit(
                    bk.id,
                    bk.version,
                    change,
                    crate::store::Scope::All,
                    Some(
                        crate::domain::remark::Remark::ChangedThere(
                            crate::domain::remark::Calendar::Google,
                        )
                        .text(),
                    ),
                );
                tolerate(moved.map(|_| ()))?;
            }
        }
        let place = t.location != b.location && m.location == b.location;
        let notes = t.notes != b.notes && m.notes == b.notes;
        if place || notes {
            // The place or the notes of every visit from today on.
            let s = self.store.series(link.series_id)?;
            let customer = self.store.customer(s.customer_id)?;
            let address = if t.location.trim() == customer.address.trim() {
                String::new()
            } else {
                t.location.clone()
            };
            let after = Series {
                address: if place { address } else { s.address.clone() },
                notes: if notes {
                    t.notes.clone()
                } else {
                    s.notes.clone()
                },
                ..s.clone()
            };
            let cal = self.store.calendar().clone();
            let today = tz.local_date(self.store.now());
            tolerate(self.store.sync_write(SYNC_ACTOR, |w| {
                w.update_series(&s, &after, &cal, today).map(|_| ())
            }))?;
        }
        // Agreed on Google's version; anything the console changed
        // meanwhile (or the change above) is pushed from it.
        link.base = Some(theirs.clone());
        self.save_series_link(&link)?;
        if start {
            // Its instances have new ids (they carry the original start).
            self.relink_instances(&link)?;
        } else {
            self.rebase_instances(&link, &theirs.first)?;
        }
        self.store
            .enqueue(crate::store::GOOGLE_SERIES, &link.series_id.to_string(), "")?;
        Ok(())
    }

    /// The visits that follow the series agree with Google's version of
    /// their instances from now on (each instance follows the event), so
    /// the instances listed next are merged against it: what the console
    /// changed meanwhile wins over an instance nobody edited.
    fn rebase_instances(
        &mut self,
        master: &SeriesLink,
        first: &EventFields,
    ) -> Result<(), StepError> {
        let prefix = format!("{}_", master.event_id);
        let mut rebased = Vec::new();
        for (b, v) in self.store.series_visits(master.series_id)? {
            if !v.exception.is_empty() {
                continue;
            }
            let Some(link) = self.store.google_link(b.id)? else {
                continue;
            };
            // The instance's original start, as its id names it.
            let original = link
                .event_id
                .strip_prefix(&prefix)
                .and_then(|stamp| {
                    chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()
                })
                .map(|t| t.and_utc());
            let Some(original) = original.filter(|_| !link.gone) else {
                continue;
            };
            rebased.push(Link {
                base: Some(EventFields {
                    start: original,
                    end: original + (first.end - first.start),
                    ..first.clone()
                }),
                ..link
            });
        }
        self.store.sync_write(SYNC_ACTOR, |w| {
            for l in &rebased {
                w.save_link(l)?;
            }
            Ok(())
        })?;
        Ok(())
    }

    /// A new start of the series renames its instances (their ids carry
    /// the original start): the visits' links follow, so no visit is taken
    /// for deleted in Google.
    fn relink_instances(&mut self, master: &SeriesLink) -> Result<(), StepError> {
        let prefix = format!("{}_", master.event_id);
        let mut moved = Vec::new();
        for (b, v) in self.store.series_visits(master.series_id)? {
            let Some(link) = self.store.google_link(b.id)? else {
                continue;
            };
            let Some(original) = self.original_instant(&v.original) else {
                continue;
            };
            let id = instance_id(&master.event_id, original);
            if link.event_id != id && link.event_id.starts_with(&prefix) && !link.gone {
                moved.push(Link {
                    event_id: id,
                    etag: None,
                    base: None,
                    ..link
                });
            }
        }
        if moved.is_empty() {
            return Ok(());
        }
        self.store.sync_write(SYNC_ACTOR, |w| {
            for l in &moved {
                w.save_link(l)?;
                w.enqueue_booking(l.booking_id)?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

/// The UNTIL of a recurring event's RRULE, as the last local date an
/// instance starting at `start` fits (UNTIL is inclusive).
pub(super) fn until_of(
    recurrence: &[String],
    tz: crate::domain::BusinessTz,
    start: chrono::NaiveTime,
) -> Option<NaiveDate> {
    let rule = recurrence.iter().find_map(|l| l.strip_prefix("RRULE:"))?;
    let value = rule.split(';').find_map(|p| p.strip_prefix("UNTIL="))?;
    if let Some(utc) = value.strip_suffix('Z') {
        let t = chrono::NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        let local = tz.local(t.and_utc()).naive_local();
        return if local.time() >= start {
            Some(local.date())
        } else {
            local.date().pred_opt()
        };
    }
    NaiveDate::parse_from_str(value.get(..8).unwrap_or(value), "%Y%m%d").ok()
}

/// The last date of a recurring event's rule: its UNTIL, or the date of
/// the last of its COUNT instances as series `s` repeats.
pub(super) fn last_date(
    recurrence: &[String],
    s: &crate::domain::series::Series,
    tz: crate::domain::BusinessTz,
) -> Option<NaiveDate> {
    if let Some(u) = until_of(recurrence, tz, s.start_time) {
        return Some(u);
    }
    let rule = recurrence.iter().find_map(|l| l.strip_prefix("RRULE:"))?;
    let n: u32 = rule
        .split(';')
        .find_map(|p| p.strip_prefix("COUNT="))?
        .parse()
        .ok()?;
    let counted = crate::domain::series::Series {
        end: crate::domain::series::SeriesEnd::Count(n),
        ..s.clone()
    };
    let to = s
        .first_date
        .checked_add_days(chrono::Days::new(u64::from(n.min(5000)) * 366))?;
    counted
        .originals(s.first_date, to)
        .ok()?
        .last()
        .map(|t| t.date())
}

/// A change from Google the series refuses (a rule it breaks) is left
/// out: the console's version is pushed over it. Other failures stop
/// the run.
fn tolerate(r: crate::store::Result<()>) -> Result<(), StepError> {
    match r {
        Err(why) if why.is_invalid() => {
            tracing::warn!(%why, "a change of a series in Google Calendar was not taken in");
            Ok(())
        }
        other => Ok(other?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::BusinessTz;

    fn until(line: &str) -> Option<NaiveDate> {
        let at = chrono::NaiveTime::from_hms_opt(8, 30, 0).expect("time");
        until_of(&[line.to_string()], BusinessTz::default(), at)
    }

    #[test]
    fn until_is_the_last_date_a_visit_fits() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        // 08:30 Copenhagen on 18/12 is 07:30 UTC: that visit is the last.
        assert_eq!(
            until("RRULE:FREQ=WEEKLY;UNTIL=20261218T073000Z"),
            d("2026-12-18")
        );
        // Midnight UTC on 19/12 is 01:00 there: no visit fits that day.
        assert_eq!(
            until("RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20261219T000000Z"),
            d("2026-12-18")
        );
        assert_eq!(until("RRULE:FREQ=WEEKLY;UNTIL=20261218"), d("2026-12-18"));
        assert_eq!(until("RRULE:FREQ=WEEKLY;COUNT=3"), None);
        assert_eq!(until("RRULE:FREQ=WEEKLY;UNTIL=2026å"), None);
        assert_eq!(until("EXDATE:20261218T073000Z"), None);
    }
}
