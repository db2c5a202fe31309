//! The worker's requests about recurring bookings: a new series from the
//! form, and a visit moved or cancelled in the scope the dispatcher chose.
//! Each is one store call (one transaction); the answer is typed.

use std::sync::Arc;

use super::outcome::{Attempt, Outcome, Refusal, ScopedChange};
use super::{Reply, StoreService};
use crate::domain::series::Series;
use crate::store::{Scope, StoreError, VisitChange};

/// A refusal of a series change. Another dispatcher's change is said in
/// words only: the decision panel keeps mine or theirs of one booking,
/// which a change of many visits is not.
fn refused(attempt: Attempt, e: StoreError) -> Reply {
    Reply::Refused(Refusal {
        attempt,
        error: Arc::new(e),
        stale: None,
    })
}

impl<F: Fn(Reply)> StoreService<F> {
    /// Creates `series` and its visits up to the horizon; `accept` is the
    /// dispatcher's reason for a double booking, when there is one.
    pub(super) fn create_series(&mut self, series: Series, accept: Option<&str>) -> Reply {
        match self.store.create_series(series, accept) {
            Ok(made) => Reply::Done(Outcome::SeriesCreated {
                series: made.series.id,
                visits: made.visits.len(),
                review: made.review.len(),
                first: made.visits.into_iter().next().map(Box::new),
            }),
            Err(e) => refused(Attempt::Save, e),
        }
    }

    /// Moves (re-times, reassigns) visit `id` in `scope`.
    pub(super) fn move_visit(
        &mut self,
        id: i64,
        version: i64,
        change: VisitChange,
        scope: Scope,
        accept: Option<&str>,
    ) -> Reply {
        let only_staff = change.staff.is_some()
            && change.date.is_none()
            && change.start.is_none()
            && change.duration_min.is_none();
        match self.store.move_visit(id, version, change, scope, accept) {
            Ok(o) => Reply::Done(Outcome::Scoped {
                change: if only_staff {
                    ScopedChange::Reassign
                } else {
                    ScopedChange::Move
                },
                scope,
                visits: 1 + o.changed.len(),
                series: o.series_id,
                booking: Box::new(o.booking),
            }),
            Err(e) => refused(Attempt::Save, e),
        }
    }

    /// Cancels visit `id` in `scope`, for `reason`.
    pub(super) fn cancel_visit(
        &mut self,
        id: i64,
        version: i64,
        reason: &str,
        scope: Scope,
    ) -> Reply {
        match self.store.cancel_visit(id, version, reason, scope) {
            Ok(o) => Reply::Done(Outcome::Scoped {
                change: ScopedChange::Cancel,
                scope,
                visits: 1 + o.changed.len(),
                series: o.series_id,
                booking: Box::new(o.booking),
            }),
            Err(e) => refused(Attempt::Cancel, e),
        }
    }
}
