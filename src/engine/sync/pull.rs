//! Pulling one calendar: pages of events, each page applied in one
//! transaction with the token that continues after it.

use crate::providers::google::{EventStatus, GoogleError, ListQuery, RemoteEvent};

use super::reconcile::apply_event;
use super::{SYNC_ACTOR, StepError, SyncProgress, Syncer};

/// Google's largest page.
const PAGE: usize = 2500;

pub(super) struct Pulled {
    pub full: bool,
    pub more: bool,
}

impl Syncer {
    pub(super) async fn pull(
        &mut self,
        calendar: &str,
        budget: &mut Option<usize>,
        progress: &mut dyn SyncProgress,
    ) -> Result<Pulled, StepError> {
        match self.pull_once(calendar, budget, progress).await {
            Err(StepError::Google(GoogleError::FullSyncRequired)) => {
                // The token is dead: start over with a full list. Links,
                // agreed fields and unpushed changes stay, so nothing local
                // is lost; the full list is merged event by event.
                tracing::info!(calendar, "sync token expired; full sync");
                self.store.reset_calendar_state(calendar)?;
                self.pull_once(calendar, budget, progress).await
            }
            other => other,
        }
    }

    async fn pull_once(
        &mut self,
        calendar: &str,
        budget: &mut Option<usize>,
        progress: &mut dyn SyncProgress,
    ) -> Result<Pulled, StepError> {
        let mut state = self.store.calendar_state(calendar)?;
        let full = state.sync_token.is_none();
        if full && state.page_token.is_none() {
            state.full_gen += 1;
        }
        let generation = full.then_some(state.full_gen);
        loop {
            if budget.is_some_and(|b| b == 0) {
                // Stopped by --max-events: the next run goes on from here.
                self.store
                    .sync_write(SYNC_ACTOR, |w| w.save_state(calendar, &state))?;
                return Ok(Pulled { full, more: true });
            }
            let max = budget.map_or(PAGE, |b| b.clamp(1, PAGE));
            let page = self
                .client
                .list(
                    calendar,
                    &ListQuery {
                        sync_token: state.sync_token.clone(),
                        page_token: state.page_token.clone(),
                        max_results: Some(max as u32),
                    },
                )
                .await?;
            if let Some(b) = budget.as_mut() {
                *b = b.saturating_sub(page.events.len());
            }
            self.counts.pulled += page.events.len() as i64;
            progress.pulled(page.events.len() as u64);
            let mut next = state.clone();
            next.page_token = page.next_page_token.clone();
            let last = page.next_page_token.is_none();
            if last {
                if let Some(t) = &page.next_sync_token {
                    next.sync_token = Some(t.clone());
                }
                if full {
                    next.full_at = Some(self.store.now());
                }
            }
            self.settle_in_store(|w, layout, counts| {
                for ev in &page.events {
                    apply_event(w, layout, calendar, ev, generation, counts)?;
                }
                w.save_state(calendar, &next)
            })?;
            state = next;
            if last {
                break;
            }
        }
        if let Some(g) = generation {
            self.vanished(calendar, g)?;
        }
        Ok(Pulled { full, more: false })
    }

    /// After a full list: linked events that were not in it are gone from
    /// the calendar (Google forgets deletions after a while).
    fn vanished(&mut self, calendar: &str, generation: i64) -> Result<(), StepError> {
        let unseen = self.store.google_unseen(calendar, generation)?;
        if unseen.is_empty() {
            return Ok(());
        }
        self.settle_in_store(|w, layout, counts| {
            for link in unseen {
                let ev = RemoteEvent::bare(&link.event_id, EventStatus::Cancelled);
                super::reconcile::settle(w, layout, calendar, &ev, link, counts)?;
            }
            Ok(())
        })?;
        Ok(())
    }
}
