//! Pulling one calendar: pages of events, each page applied in one
//! transaction with the token that continues after it.
//!
//! Every page of a listing repeats the first page's query (Google refuses a
//! page token sent with another `maxResults` or window); a page token that
//! is refused, or kept longer than [`PAGE_TOKEN_TTL`], starts the listing
//! again from its first page. A full listing is bounded by the sync window
//! (`timeMin`/`timeMax`), which also bounds the instances of open-ended
//! recurring events.

use super::account::AccountError;
use crate::providers::calendar::ProviderError;
use chrono::Duration;

use crate::providers::calendar::events::ListQuery;
use crate::store::CalendarState;

use super::reconcile::apply_event;
use super::{SYNC_ACTOR, StepError, SyncProgress, Syncer};

/// Google's largest page.
const PAGE: usize = 2500;

/// A page token older than this is not sent again (Google's page tokens
/// are short-lived; a `--max-events` run days later starts over).
pub(super) const PAGE_TOKEN_TTL: Duration = Duration::hours(1);

/// How often one pull starts a listing again after refused page tokens.
const RESTARTS: u32 = 3;

pub(super) struct Pulled {
    pub full: bool,
    pub more: bool,
}

/// Forgets the listing in progress; the next page is a first page.
fn restart(state: &mut CalendarState) {
    state.page_token = None;
    state.page_at = None;
    state.page_size = None;
}

impl Syncer {
    pub(super) async fn pull(
        &mut self,
        calendar: &str,
        budget: &mut Option<usize>,
        progress: &mut dyn SyncProgress,
    ) -> Result<Pulled, StepError> {
        match self.pull_once(calendar, budget, progress).await {
            Err(StepError::Account(ProviderError::ResyncRequired)) => {
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
        let now = self.store.now();
        let mut state = self.store.calendar_state(calendar)?;
        if state.page_token.is_some() && state.page_at.is_none_or(|t| now - t > PAGE_TOKEN_TTL) {
            tracing::info!(calendar, "page token too old; the listing starts again");
            restart(&mut state);
        }
        let full = state.sync_token.is_none();
        if full && state.page_token.is_none() {
            state.full_gen += 1;
            state.list_min = Some(self.layout.window.0);
            state.list_max = Some(self.layout.window.1);
        }
        let generation = full.then_some(state.full_gen);
        let mut restarts = 0;
        // Series whose instances this listing brought, and the ids it saw.
        let mut series = std::collections::BTreeSet::new();
        let mut seen = std::collections::HashSet::new();
        let mut checked = std::collections::HashSet::new();
        loop {
            if state.page_token.is_none() {
                state.page_size = Some(budget.map_or(PAGE, |b| b.clamp(1, PAGE)) as u32);
            }
            if budget.is_some_and(|b| b == 0) {
                // Stopped by --max-events: the next run goes on from here.
                self.store
                    .sync_write(SYNC_ACTOR, |w| w.save_state(calendar, &state))?;
                return Ok(Pulled { full, more: true });
            }
            let query = ListQuery {
                sync_token: state.sync_token.clone(),
                page_token: state.page_token.clone(),
                max_results: state.page_size,
                time_min: if full { state.list_min } else { None },
                time_max: if full { state.list_max } else { None },
                ..ListQuery::default()
            };
            let page = match self.account.list(calendar, &query).await {
                Ok(p) => p,
                Err(AccountError(ProviderError::PageExpired)) if restarts < RESTARTS => {
                    // Expired, or from another query: the same listing from
                    // its first page (same generation: what it saw stays seen).
                    restarts += 1;
                    tracing::info!(calendar, "page token refused; the listing starts again");
                    restart(&mut state);
                    continue;
                }
                Err(AccountError(ProviderError::ResyncRequired))
                    if !full && state.page_token.is_some() =>
                {
                    // An incremental listing whose page token died: its
                    // sync token may still be good.
                    restarts += 1;
                    if restarts > RESTARTS {
                        return Err(AccountError(ProviderError::ResyncRequired).into());
                    }
                    restart(&mut state);
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if let Some(b) = budget.as_mut() {
                *b = b.saturating_sub(page.events.len());
            }
            self.counts.pulled += page.events.len() as i64;
            if !full {
                for ev in &page.events {
                    if let Some(s) = &ev.recurring_event_id {
                        series.insert(s.clone());
                    }
                    seen.insert(ev.id.clone());
                }
            }
            progress.pulled(page.events.len() as u64);
            // Instances of our series' events: a change of the event itself
            // (scope "all") is taken in before its instances are.
            // Recurring events made by hand are taken in as series first.
            let fresh: std::collections::BTreeSet<String> = page
                .events
                .iter()
                .filter_map(|ev| ev.recurring_event_id.clone())
                .filter(|m| checked.insert(m.clone()))
                .collect();
            let read = self.take_in_masters(calendar, &page.events, &fresh).await?;
            let masters = fresh.into_iter().filter(|m| !read.contains(m)).collect();
            self.check_masters(calendar, &masters).await?;
            let mut next = state.clone();
            next.page_token = page.next_page_token.clone();
            next.page_at = next.page_token.as_ref().map(|_| now);
            let last = page.next_page_token.is_none();
            if last {
                if let Some(t) = &page.next_sync_token {
                    next.sync_token = Some(t.clone());
                }
                if full {
                    next.full_at = Some(now);
                }
                next.page_size = None;
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
            self.vanished(calendar, g, (state.list_min, state.list_max))?;
        }
        self.series_changed(calendar, &series, &seen)?;
        Ok(Pulled { full, more: false })
    }

    /// A recurring event changed: whether Google lists the instances it lost
    /// (a shortened rule, a new EXDATE) as cancelled is not documented, so
    /// every linked instance of it that this listing did not bring is
    /// checked at Google (`verify_suspects`).
    fn series_changed(
        &mut self,
        calendar: &str,
        series: &std::collections::BTreeSet<String>,
        seen: &std::collections::HashSet<String>,
    ) -> Result<(), StepError> {
        let mut unseen = Vec::new();
        for s in series {
            for link in self.store.google_instance_links(calendar, s)? {
                if !seen.contains(&link.event_id) {
                    unseen.push(link.booking_id);
                }
            }
        }
        if unseen.is_empty() {
            return Ok(());
        }
        self.settle_in_store(|w, _, _| {
            for id in unseen {
                w.mark_suspect(id, true)?;
            }
            Ok(())
        })?;
        Ok(())
    }

    /// After a full list: linked events that were not in it may be gone
    /// from the calendar (Google forgets deletions after a while) — or were
    /// written, moved or changed while the listing was open. They are
    /// checked at Google one by one before anything is cancelled
    /// (`verify_suspects`).
    fn vanished(
        &mut self,
        calendar: &str,
        generation: i64,
        window: (
            Option<chrono::DateTime<chrono::Utc>>,
            Option<chrono::DateTime<chrono::Utc>>,
        ),
    ) -> Result<(), StepError> {
        let unseen = self.store.google_unseen(calendar, generation, window)?;
        if unseen.is_empty() {
            return Ok(());
        }
        self.settle_in_store(|w, _, _| {
            for link in unseen {
                w.mark_suspect(link.booking_id, true)?;
            }
            Ok(())
        })?;
        Ok(())
    }
}
