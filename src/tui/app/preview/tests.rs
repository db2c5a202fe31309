//! The preview and the write path ask one double-booking rule: the bookings
//! the preview asks the dispatcher to accept are exactly the ones a save
//! needs accepted, on real database files.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;

use super::preview;
use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::{Booking, BookingDraft, BookingStatus, WorkingHours};
use crate::engine::DayPlan;
use crate::store::{NewBooking, NewCustomer, NewStaff, Save, Store, StoreError};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

/// Local midnight of the day, plus `min`.
fn at(settings: &Settings, min: i64) -> DateTime<Utc> {
    settings.tz.day_bounds(day()).0 + Duration::minutes(min)
}

/// A booking already in the plan: cleaner (index, or unassigned), start in
/// minutes after the day's midnight (before it too), length, status.
type Row = (Option<usize>, i64, i64, BookingStatus);

struct World {
    store: Store,
    settings: Settings,
    staff: Vec<i64>,
    customer: i64,
    bookings: Vec<Booking>,
    _dir: tempfile::TempDir,
}

fn world(rows: &[Row]) -> World {
    let dir = tempfile::tempdir().expect("tmp");
    let settings = Settings {
        language: crate::i18n::Language::En,
        ..Settings::default()
    };
    let now = at(&settings, 6 * 60);
    let mut store =
        Store::open(&dir.path().join("d.db"), "mette", Clock::Fixed(now)).expect("open");
    let (staff, customer, bookings) = store
        .batch(|w| {
            let mut staff = Vec::new();
            for name in ["Anna Jensen", "Bo Madsen", "Carl Holm"] {
                let s = w.add_staff(NewStaff {
                    name: name.into(),
                    hours: WorkingHours::default(),
                    ..Default::default()
                })?;
                staff.push(s.id);
            }
            let customer = w
                .add_customer(NewCustomer {
                    name: "Hansen".into(),
                    ..Default::default()
                })?
                .id;
            let mut bookings = Vec::new();
            // Seeding double-books on purpose: no clash check here.
            for (who, start, len, status) in rows {
                bookings.push(w.add_booking(NewBooking {
                    customer_id: customer,
                    staff_id: who.map(|i| staff[i]),
                    service: "Fast rengøring".into(),
                    start: at(&settings, *start),
                    end: at(&settings, start + len),
                    estimate_min: *len as u32,
                    status: *status,
                    started_at: None,
                    finished_at: None,
                    address: String::new(),
                    notes: String::new(),
                })?);
            }
            Ok((staff, customer, bookings))
        })
        .expect("seed");
    World {
        store,
        settings,
        staff,
        customer,
        bookings,
        _dir: dir,
    }
}

impl World {
    fn draft(&self, who: Option<usize>, start: i64, len: i64) -> BookingDraft {
        BookingDraft {
            customer_id: self.customer,
            staff_id: who.map(|i| self.staff[i]),
            service: "Fast rengøring".into(),
            start: at(&self.settings, start),
            end: at(&self.settings, start + len),
            estimate_min: len as u32,
            address: String::new(),
            notes: String::new(),
            review: String::new(),
        }
    }

    /// What the console's preview asks to accept for `draft` on `base`.
    fn hard(&self, base: Option<&Booking>, draft: &BookingDraft) -> Vec<i64> {
        let plan = DayPlan::load(&self.store, day(), &self.settings).expect("plan");
        let b = draft.apply(base);
        let now = at(&self.settings, 6 * 60);
        let (_, p) = preview(&plan, b, None, &self.settings, None, None, now);
        p.hard
    }

    fn save(
        &mut self,
        base: Option<&Booking>,
        draft: &BookingDraft,
        accepted: Vec<i64>,
    ) -> Result<Booking, StoreError> {
        let reason = if accepted.is_empty() { "" } else { "agreed" };
        self.store.save_booking(Save {
            target: base.map(|b| (b.id, b.version)),
            draft: draft.clone(),
            accepted,
            reason: reason.into(),
        })
    }

    /// Saves `draft` on `base` as the console would: refused while any
    /// booking the preview names is not accepted (naming it), saved with the
    /// accepted ones in the journal when all of them are.
    fn agree(&mut self, base: Option<&Booking>, draft: &BookingDraft) -> Result<(), String> {
        let hard = self.hard(base, draft);
        for missing in &hard {
            let accepted: Vec<i64> = hard.iter().copied().filter(|i| i != missing).collect();
            match self.save(base, draft, accepted) {
                Err(StoreError::Clash(msg))
                    if msg.to_string().contains(&format!("(#{missing},")) => {}
                other => {
                    return Err(format!(
                        "the preview names #{missing} (of {hard:?}); without it the save gave \
                         {other:?}"
                    ));
                }
            }
        }
        let saved = self
            .save(base, draft, hard.clone())
            .map_err(|e| format!("the preview asks to accept {hard:?}; the save refused: {e}"))?;
        let entry = self.store.journal(None, 1).map_err(|e| e.to_string())?;
        let reason = entry.first().map(|e| e.reason.clone()).unwrap_or_default();
        // The journal names the accepted ones (in the plan's order).
        let named: Option<Vec<i64>> = if reason.is_empty() {
            Some(Vec::new())
        } else {
            reason
                .strip_prefix("override (")
                .and_then(|r| r.strip_suffix("): agreed"))
                .map(|ids| {
                    let mut ids: Vec<i64> = ids
                        .split(", ")
                        .filter_map(|id| id.trim_start_matches('#').parse().ok())
                        .collect();
                    ids.sort_unstable();
                    ids
                })
        };
        if named.as_ref() != Some(&hard) || entry.first().map(|e| e.entity_id) != Some(saved.id) {
            return Err(format!(
                "journal says {reason:?}, the preview named {hard:?}"
            ));
        }
        Ok(())
    }
}

#[test]
fn a_clash_the_plans_sweep_does_not_pair_is_still_named_and_needs_accepting() {
    // Anna already has two jobs that overlap (accepted earlier); a third
    // overlapping both is listed by the sweep with the one reaching furthest
    // only. The preview still names both, as the save needs.
    let anna = Some(0);
    let mut w = world(&[
        (anna, 8 * 60, 120, BookingStatus::Scheduled),
        (anna, 8 * 60, 180, BookingStatus::Scheduled),
    ]);
    let (a, b) = (w.bookings[0].id, w.bookings[1].id);
    let d = w.draft(anna, 9 * 60 + 30, 60);
    assert_eq!(w.hard(None, &d), vec![a, b]);
    let refused = w.save(None, &d, vec![b]);
    assert!(
        matches!(&refused, Err(StoreError::Clash(m)) if m.to_string().contains(&format!("(#{a},"))),
        "{refused:?}"
    );
    w.agree(None, &d).expect("agree");
}

#[test]
fn touching_moved_onto_itself_cancelled_and_other_cleaners_agree() {
    let (anna, bo) = (Some(0), Some(1));
    let mut w = world(&[
        (anna, 9 * 60, 60, BookingStatus::Scheduled),
        (anna, 11 * 60, 60, BookingStatus::Cancelled),
        (bo, 10 * 60, 60, BookingStatus::Scheduled),
        (anna, 13 * 60, 60, BookingStatus::Scheduled),
    ]);
    // Touching both ends: no clash either way.
    let touching = w.draft(anna, 10 * 60, 60);
    assert_eq!(w.hard(None, &touching), Vec::<i64>::new());
    w.agree(None, &touching).expect("touching");
    // On a cancelled job and beside another cleaner's: no clash.
    let d = w.draft(anna, 11 * 60, 60);
    assert_eq!(w.hard(None, &d), Vec::<i64>::new());
    w.agree(None, &d).expect("cancelled");
    // A job moved by half its length overlaps only its own old times.
    let first = w.store.booking(w.bookings[3].id).expect("job");
    let moved = w.draft(anna, 13 * 60 + 30, 60);
    assert_eq!(w.hard(Some(&first), &moved), Vec::<i64>::new());
    w.agree(Some(&first), &moved).expect("onto itself");
}

/// Bookings of two cleaners from the evening before into the day, packed
/// so they overlap often, on a 5-minute grid so ends touch often; some
/// unassigned, cancelled, running or done.
fn arb_rows() -> impl Strategy<Value = Vec<Row>> {
    let status = prop_oneof![
        6 => Just(BookingStatus::Scheduled),
        2 => Just(BookingStatus::Cancelled),
        1 => Just(BookingStatus::InProgress),
        1 => Just(BookingStatus::Completed),
    ];
    prop::collection::vec(
        (
            prop::option::weighted(0.85, 0usize..2),
            -24i64..240,
            1i64..48,
            status,
        )
            .prop_map(|(who, start, len, status)| (who, start * 5, len * 5, status)),
        0..16,
    )
}

/// The booking saved: a new one, or one of the plan's moved (maybe onto its
/// own times), on a cleaner and times inside the day.
#[derive(Debug, Clone)]
struct Candidate {
    pick: Option<usize>,
    who: Option<usize>,
    start: i64,
    len: i64,
    keep_times: bool,
}

fn arb_candidate() -> impl Strategy<Value = Candidate> {
    (
        prop::option::of(0usize..16),
        prop::option::weighted(0.9, 0usize..2),
        0i64..240,
        1i64..48,
        any::<bool>(),
    )
        .prop_map(|(pick, who, start, len, keep_times)| Candidate {
            pick,
            who,
            start: start * 5,
            len: (len * 5).min(24 * 60 - start * 5),
            keep_times,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_save_needs_accepted_exactly_what_the_preview_names(
        rows in arb_rows(),
        c in arb_candidate(),
    ) {
        let mut w = world(&rows);
        let base = c.pick.and_then(|i| w.bookings.get(i).cloned());
        // A cancelled booking is not edited (the save says so); take a new one.
        let base = base.filter(|b| b.status != BookingStatus::Cancelled);
        let (day_start, day_end) = w.settings.tz.day_bounds(day());
        let mut draft = w.draft(c.who, c.start, c.len);
        if let Some(b) = base.as_ref().filter(|_| c.keep_times) {
            // Onto its own times, when they lie inside the previewed day.
            if b.start >= day_start && b.end <= day_end {
                draft.start = b.start;
                draft.end = b.end;
            }
        }
        if let Err(e) = w.agree(base.as_ref(), &draft) {
            prop_assert!(false, "{}", e);
        }
    }
}
