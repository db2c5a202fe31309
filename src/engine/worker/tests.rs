//! The worker's service on a real database: the sync conflict queue and
//! settling a conflict, the staff screen, and the finder's settings.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::*;
use crate::clock::Clock;
use crate::domain::sync::{ConflictKind, EventFields, Field};
use crate::domain::{BookingStatus, WorkingHours};
use crate::engine::slots::SlotRequest;
use crate::engine::sync::{Choice, Settled};
use crate::store::{Link, NewBooking, NewCustomer, NewStaff, SyncConflict};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 7, 0, 0)
        .single()
        .expect("t")
}

/// 09:00 local on 23/11.
fn nine() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0)
        .single()
        .expect("t")
}

struct Setup {
    service: StoreService<Box<dyn Fn(Reply)>>,
    replies: Rc<RefCell<Vec<Reply>>>,
    path: std::path::PathBuf,
    _dir: tempfile::TempDir,
    /// Bookings 1 (fields conflict) and 2 (deleted in the calendar).
    ids: [i64; 2],
    anna: i64,
    bo: i64,
}

fn fields(start: DateTime<Utc>, staff: i64, location: &str) -> EventFields {
    EventFields {
        start,
        end: start + Duration::hours(3),
        staff_id: Some(staff),
        location: location.into(),
        notes: String::new(),
        summary: "Hansen · Fast rengøring".into(),
    }
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("d.db");
    let mut store = Store::open(&path, "mette", Clock::Fixed(now())).expect("open");
    let hours = WorkingHours::parse("mon-fri 07:00-16:00").expect("hours");
    let (anna, bo, ids) = store
        .batch(|w| {
            let anna = w.add_staff(NewStaff {
                name: "Anna Jensen".into(),
                hours: hours.clone(),
                ..Default::default()
            })?;
            let bo = w.add_staff(NewStaff {
                name: "Bo Madsen".into(),
                hours: hours.clone(),
                ..Default::default()
            })?;
            let hansen = w.add_customer(NewCustomer {
                name: "Hansen".into(),
                address: "Vestergade 1".into(),
                ..Default::default()
            })?;
            let mut ids = [0; 2];
            for (i, start) in [nine(), nine() + Duration::hours(4)]
                .into_iter()
                .enumerate()
            {
                ids[i] = w
                    .add_booking(NewBooking {
                        customer_id: hansen.id,
                        staff_id: Some(anna.id),
                        service: "Fast rengøring".into(),
                        start,
                        end: start + Duration::hours(3),
                        estimate_min: 180,
                        status: BookingStatus::Scheduled,
                        started_at: None,
                        finished_at: None,
                        address: String::new(),
                        notes: String::new(),
                    })?
                    .id;
            }
            Ok((anna.id, bo.id, ids))
        })
        .expect("seed");
    let base = fields(nine(), anna, "Vestergade 1");
    store
        .sync_write("Google Calendar", |w| {
            for id in ids {
                w.save_link(&Link {
                    booking_id: id,
                    calendar_id: "primary".into(),
                    event_id: format!("renos{id}"),
                    etag: Some("\"1\"".into()),
                    remote_updated: None,
                    base: Some(base.clone()),
                    gone: false,
                })?;
            }
            // Moved here to 10:00; moved to Bo at 11:00 in the calendar.
            w.save_conflict(&SyncConflict {
                booking_id: ids[0],
                calendar_id: "primary".into(),
                event_id: format!("renos{}", ids[0]),
                kind: ConflictKind::Fields(vec![Field::Start, Field::End]),
                mine: Some(fields(nine() + Duration::hours(1), anna, "Vestergade 1")),
                theirs: Some(fields(nine() + Duration::hours(2), bo, "Vestergade 1")),
                base: Some(base.clone()),
                remote_etag: Some("\"2\"".into()),
                at: now(),
                repeats: None,
                of_series: false,
            })?;
            w.save_conflict(&SyncConflict {
                booking_id: ids[1],
                calendar_id: "primary".into(),
                event_id: format!("renos{}", ids[1]),
                kind: ConflictKind::DeletedThere,
                mine: Some(fields(nine() + Duration::hours(4), anna, "Vestergade 1")),
                theirs: None,
                base: Some(base.clone()),
                remote_etag: None,
                at: now() + Duration::seconds(1),
                repeats: None,
                of_series: false,
            })
        })
        .expect("conflicts");
    let replies = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&replies);
    let notify: Box<dyn Fn(Reply)> = Box::new(move |r| sink.borrow_mut().push(r));
    let service = StoreService::new(store, Settings::default(), notify);
    Setup {
        service,
        replies,
        path,
        _dir: dir,
        ids,
        anna,
        bo,
    }
}

impl Setup {
    fn take(&self) -> Vec<Reply> {
        self.replies.borrow_mut().drain(..).collect()
    }

    fn conflicts(&self, replies: &[Reply]) -> Option<Vec<ConflictItem>> {
        replies.iter().rev().find_map(|r| match r {
            Reply::SyncConflicts(items) => Some(items.clone()),
            _ => None,
        })
    }

    fn reopen(&self) -> Store {
        Store::open_existing(&self.path, "test", Clock::Fixed(now())).expect("reopen")
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("d")
}

#[test]
fn the_queue_comes_with_customer_and_cleaner_names() {
    let mut s = setup();
    s.service.handle(Request::SyncConflicts);
    let items = s.conflicts(&s.take()).expect("a list");
    assert_eq!(items.len(), 2);
    let first = &items[0];
    assert_eq!(first.booking_id, s.ids[0]);
    assert_eq!(first.customer, "Hansen");
    assert_eq!(
        first.mine.as_ref().and_then(|m| m.staff.as_deref()),
        Some("Anna Jensen")
    );
    assert_eq!(
        first.theirs.as_ref().and_then(|t| t.staff.as_deref()),
        Some("Bo Madsen")
    );
    assert_eq!(items[1].kind, ConflictKind::DeletedThere);
    assert!(items[1].theirs.is_none());
    let _ = (s.anna, s.bo);
}

#[test]
fn the_day_marks_conflicted_bookings() {
    let mut s = setup();
    s.service.handle(Request::Load(day()));
    let plan = s
        .take()
        .into_iter()
        .find_map(|r| match r {
            Reply::Day(p) => Some(p),
            _ => None,
        })
        .expect("day");
    assert_eq!(
        plan.sync_conflicted,
        s.ids
            .iter()
            .copied()
            .collect::<std::collections::HashSet<_>>()
    );
    assert!(plan.sync_pending.is_empty(), "{:?}", plan.sync_pending);
}

#[test]
fn keeping_theirs_takes_the_calendars_version_and_reloads_the_queue() {
    let mut s = setup();
    s.service.handle(Request::Load(day()));
    s.take();
    s.service.handle(Request::Resolve {
        of_series: false,
        booking_id: s.ids[0],
        choice: Choice::Theirs,
    });
    let replies = s.take();
    assert!(
        replies
            .iter()
            .any(|r| matches!(r, Reply::Done(Outcome::Settled(Settled::TookTheirs { booking })) if *booking == s.ids[0])),
        "{replies:?}"
    );
    let left = s.conflicts(&replies).expect("the queue again");
    assert_eq!(
        left.iter().map(|c| c.booking_id).collect::<Vec<_>>(),
        vec![s.ids[1]]
    );
    let b = s.reopen().booking(s.ids[0]).expect("booking");
    assert_eq!(
        (b.start, b.staff_id),
        (nine() + Duration::hours(2), Some(s.bo))
    );
    // The day reloaded with the marks: no longer in conflict, now pending.
    let plan = replies
        .iter()
        .find_map(|r| match r {
            Reply::Day(p) => Some(p),
            _ => None,
        })
        .expect("day again");
    assert!(!plan.sync_conflicted.contains(&s.ids[0]));
    assert!(plan.sync_pending.contains(&s.ids[0]));
}

#[test]
fn keeping_mine_against_a_deletion_keeps_the_booking_for_the_calendar() {
    let mut s = setup();
    s.service.handle(Request::Resolve {
        of_series: false,
        booking_id: s.ids[1],
        choice: Choice::Mine,
    });
    let replies = s.take();
    assert!(
        replies
            .iter()
            .any(|r| matches!(r, Reply::Done(Outcome::Settled(Settled::KeptMine { booking })) if *booking == s.ids[1])),
        "{replies:?}"
    );
    let store = s.reopen();
    assert_eq!(
        store.booking(s.ids[1]).expect("booking").status,
        BookingStatus::Scheduled
    );
    assert!(store.sync_conflict(s.ids[1]).expect("read").is_none());
    assert!(
        store
            .outbox_entry(crate::store::GOOGLE_BOOKING, &s.ids[1].to_string())
            .expect("read")
            .is_some()
    );
}

#[test]
fn settling_twice_says_it_is_settled_already() {
    let mut s = setup();
    for _ in 0..2 {
        s.service.handle(Request::Resolve {
            of_series: false,
            booking_id: s.ids[0],
            choice: Choice::Both,
        });
    }
    let replies = s.take();
    assert!(
        replies.iter().any(
            |r| matches!(r, Reply::Refused(f) if f.attempt == Attempt::Resolve
                && f.error.to_string().contains("settled already"))
        ),
        "{replies:?}"
    );
}

#[test]
fn a_save_over_someone_elses_change_is_refused_with_the_fields_compared() {
    let mut s = setup();
    let id = s.ids[0];
    let base = s.reopen().booking(id).expect("b");
    // Sara gives it to Bo meanwhile.
    let mut sara = Store::open_existing(&s.path, "sara", Clock::Fixed(now())).expect("sara");
    let mut theirs = crate::domain::BookingDraft::of(&base);
    theirs.staff_id = Some(s.bo);
    sara.save_booking(Save {
        target: Some((id, base.version)),
        draft: theirs,
        accepted: vec![],
        reason: String::new(),
    })
    .expect("sara's reassignment");
    // Ours: a note, on the version we loaded.
    let mut yours = crate::domain::BookingDraft::of(&base);
    yours.notes = "Ring på".into();
    s.service.handle(Request::Save {
        save: Box::new(Save {
            target: Some((id, base.version)),
            draft: yours,
            accepted: vec![],
            reason: String::new(),
        }),
        base: Some(Box::new(base.clone())),
    });
    let replies: Vec<Reply> = s.replies.borrow_mut().drain(..).collect();
    let stale = replies
        .iter()
        .find_map(|r| match r {
            Reply::Refused(f) if f.attempt == Attempt::Save => f.stale.clone(),
            _ => None,
        })
        .expect("a stale refusal");
    assert_eq!((stale.id, stale.by.as_str()), (id, "sara"));
    assert_eq!(stale.change, Some(crate::domain::BookingChange::Reassign));
    assert_eq!(stale.at, Some(now()));
    let edit = stale.edit.as_ref().expect("compared");
    let who: Vec<_> = edit.changes.iter().map(|c| (c.field, c.changed)).collect();
    use crate::domain::{Changed, EditField};
    assert_eq!(
        who,
        vec![
            (EditField::Cleaner, Changed::Theirs),
            (EditField::Notes, Changed::Yours)
        ]
    );
    assert_eq!(
        stale.names.staff.get(&s.bo).map(String::as_str),
        Some("Bo Madsen")
    );
    let again = stale.keep_mine().expect("a save");
    assert_eq!(again.target, Some((id, base.version + 1)));
    assert_eq!(again.draft.staff_id, Some(s.bo), "their cleaner kept");
    assert_eq!(again.draft.notes, "Ring på");
    assert_eq!(
        s.reopen().booking(id).expect("b").notes,
        "",
        "nothing written"
    );
}

fn staff_replies(replies: &[Reply]) -> Vec<Vec<StaffCard>> {
    replies
        .iter()
        .filter_map(|r| match r {
            Reply::Staff { cards, .. } => Some(cards.clone().expect("cards")),
            _ => None,
        })
        .collect()
}

#[test]
fn the_staff_screen_hears_every_change_while_open_and_none_after() {
    let mut s = setup();
    s.service.handle(Request::Staff(Some(day())));
    let lists = staff_replies(&s.take());
    assert_eq!(lists.len(), 1);
    let anna = lists[0]
        .iter()
        .find(|c| c.staff.id == s.anna)
        .expect("anna")
        .clone();
    // Two jobs of three hours on Monday 23/11, the week's first day.
    assert_eq!(anna.booked_week_min, 360);
    assert_eq!(anna.booked_day_min[0], 360);
    // A change from the screen: done, then the cleaners again.
    let edit = crate::domain::availability::StaffEdit::Contract(Some(30 * 60));
    s.service.handle(Request::SetStaff {
        id: s.anna,
        version: anna.staff.version,
        edit: edit.clone(),
    });
    let replies = s.take();
    assert!(replies.iter().any(|r| matches!(
        r,
        Reply::Done(Outcome::StaffChanged { id, .. }) if *id == s.anna
    )));
    let after = staff_replies(&replies);
    let contract = after
        .last()
        .and_then(|l| l.iter().find(|c| c.staff.id == s.anna))
        .and_then(|c| c.availability.contract_min);
    assert_eq!(contract, Some(30 * 60));
    // The same edit on the old version is refused: someone (we) changed it.
    s.service.handle(Request::SetStaff {
        id: s.anna,
        version: anna.staff.version,
        edit,
    });
    assert!(s.take().iter().any(|r| matches!(
        r,
        Reply::Refused(f) if f.attempt == Attempt::Staff
    )));
    // Closed: another process's change no longer sends the cleaners.
    s.service.handle(Request::Staff(None));
    s.take();
    let mut other = s.reopen();
    other
        .update_staff(s.bo, None, crate::store::StaffPatch::default())
        .expect("bo");
    s.service.reload();
    assert!(staff_replies(&s.take()).is_empty());
}

fn weeks(replies: &[Reply]) -> Vec<crate::engine::week::WeekPlan> {
    replies
        .iter()
        .filter_map(|r| match r {
            Reply::Week(w) => Some((**w).clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_week_is_loaded_watched_after_a_change_and_let_go() {
    let mut s = setup();
    s.service
        .handle(Request::Week(Some(day() + Duration::days(3))));
    let week = weeks(&s.take());
    assert_eq!(week.len(), 1);
    assert_eq!(week[0].monday, day(), "23/11 is a Monday");
    let anna = &week[0].rows[0];
    assert_eq!(anna.staff_id, Some(s.anna));
    assert_eq!(anna.days[0].jobs.len(), 2);
    assert_eq!(anna.days[0].booked_min, 6 * 60);

    let b = s.service.store().booking(s.ids[1]).expect("booking");
    s.service.handle(Request::Cancel {
        id: b.id,
        version: b.version,
        reason: "ill".into(),
    });
    let week = weeks(&s.take());
    assert_eq!(week.len(), 1, "the change brings the week again");
    assert_eq!(week[0].rows[0].days[0].jobs.len(), 1);

    s.service.handle(Request::Week(None));
    let b = s.service.store().booking(s.ids[0]).expect("booking");
    s.service.handle(Request::Cancel {
        id: b.id,
        version: b.version,
        reason: "ill".into(),
    });
    assert!(weeks(&s.take()).is_empty(), "no longer watched");
    let _ = s.bo;
}

/// The console's finder question is answered under the settings' `[slots]`
/// rules: its grid here.
#[test]
fn the_finder_answers_on_the_configured_grid() {
    let mut s = setup();
    let starts = |s: &Setup| {
        let tz = s.service.settings.tz;
        match s.service.slots(7, &SlotRequest::new(60, day(), 1)) {
            Reply::Slots { seq: 7, found } => found
                .expect("found")
                .offers
                .iter()
                .flat_map(|o| o.slots.iter().map(|x| tz.hm(x.start)))
                .collect::<Vec<_>>(),
            _ => panic!("not the finder's answer"),
        }
    };
    assert!(starts(&s).iter().any(|t| t.ends_with(":15")));
    s.service.settings.slots.grid_min = 60;
    let hours = starts(&s);
    assert!(
        !hours.is_empty() && hours.iter().all(|t| t.ends_with(":00")),
        "{hours:?}"
    );
}
