//! The calendar provider seam's contract, checked once for every provider.
//!
//! Each check in `checks.rs` is written over a [`Fixture`]: a calendar
//! behind the seam (`&dyn CalendarProvider`, as the sync engine holds it)
//! and "someone else" who changes the same calendar straight on the server
//! (a phone, Outlook, the web calendar), never through our client. Each
//! provider's file makes its fixture and runs every check with
//! [`conformance!`]:
//!
//! ```text
//! caldav.rs  a real Radicale (its own port and temp storage), reached
//!            through a gate that can be closed (the server unreachable)
//! graph.rs   the sandbox's Microsoft Graph fake
//! google.rs  the sandbox's Google Calendar fake through `GoogleProvider`
//! ```
//!
//! Where a provider legitimately answers differently, the fixture says so
//! (a constant with its reason) and the check asserts the provider's own
//! answer: nothing is skipped silently.

pub mod caldav;
mod checks;
mod gate;
mod google;
mod google_events;
pub mod graph;

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};

use renos::providers::calendar::{CalendarProvider, Content, ItemId, ItemStatus, ItemWrite, When};
use renos::providers::retry::RetryPolicy;

/// One calendar on one provider, and someone else writing to it.
///
/// Times are UTC instants; items are made in March 2026 around [`now`].
#[allow(async_fn_in_trait)]
pub trait Fixture {
    /// Whether a recurring item with changed occurrences can be written in
    /// one create; when not, the provider refuses it with `BadData` rather
    /// than losing the changed occurrences.
    const WRITES_EXCEPTIONS: bool;

    /// The calendar under test, as the engine sees it.
    fn calendar(&self) -> &dyn CalendarProvider;

    /// Requests our client has sent so far.
    fn requests(&self) -> u64;

    /// The requests a first listing of `n` items takes, the first sign-in
    /// included: the provider's paging.
    fn listing_requests(&self, n: usize) -> u64;

    /// Someone else makes a one-off event; its id as our client lists it.
    async fn their_event(&self, summary: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> ItemId;

    /// Someone else renames the item `id` (ours or theirs), nothing else.
    async fn their_edit(&self, id: &ItemId, summary: &str);

    /// Someone else changes the place of the item `id`, nothing else.
    async fn their_place(&self, id: &ItemId, place: &str);

    /// Someone else deletes the item `id`.
    async fn their_delete(&self, id: &ItemId);

    /// Someone else makes a weekly series of `count` occurrences of
    /// `hours` hours from `start`; its id.
    async fn their_series(
        &self,
        summary: &str,
        start: DateTime<Utc>,
        hours: i64,
        count: u32,
    ) -> ItemId;

    /// Someone else moves the occurrence of `series` that starts at
    /// `original` to `start` (`hours` long).
    async fn their_move(
        &self,
        series: &ItemId,
        original: DateTime<Utc>,
        start: DateTime<Utc>,
        hours: i64,
    );

    /// Someone else fills the (empty) calendar with `n` events named
    /// `Job 0`, `Job 1`, …, before our client first reads it.
    async fn fill(&self, n: usize);

    /// The server can no longer be reached (connections refused).
    async fn go_offline(&self);

    /// The server is back, with everything it held.
    async fn come_online(&self);
}

/// Runs every check of `checks.rs` as a test of its own, each with a fresh
/// fixture from `$fixture` (an expression giving a future of one).
macro_rules! conformance {
    ($fixture:expr) => {
        conformance!(@each $fixture;
            first_listing_holds_every_item,
            our_changes_are_listed_incrementally,
            their_changes_are_listed_incrementally,
            an_invalid_cursor_asks_for_a_full_listing,
            a_stale_version_overwrites_nothing,
            a_booking_is_created_once,
            our_writes_come_back_with_their_version,
            our_facts_come_back_as_written,
            a_series_keeps_its_changed_occurrence,
            an_unreachable_server_is_worth_trying_later,
            many_items_are_listed_whole,
            their_item_takes_our_changes,
            a_bounded_first_listing_takes_all_or_nothing,
            an_item_is_read_by_its_id,
        );
    };
    (@each $fixture:expr; $($check:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $check() {
                let f = $fixture.await;
                super::checks::$check(&f).await;
            }
        )*
    };
}
pub(crate) use conformance;

/// The day the fixtures' clocks stand on: Monday 2 March 2026, 08:00 UTC.
pub fn now() -> DateTime<Utc> {
    at(2, 8)
}

/// `day` March 2026 at `hour`:00 UTC.
pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0)
        .single()
        .expect("a time")
}

/// Retries quick enough for a test, timeouts patient enough for a loaded
/// machine.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        retries: 2,
        base: Duration::from_millis(10),
        max_wait: Duration::from_millis(200),
        timeout: Duration::from_secs(60),
    }
}

/// Our item for booking `id`: two hours from 08:00 UTC on `day` March.
pub fn booking(id: &str, day: u32) -> ItemWrite {
    ItemWrite::single(
        id,
        Content {
            summary: format!("Rengøring {id}"),
            description: "Nøgle hos naboen".to_string(),
            location: "Åboulevarden 3, 8000 Aarhus C".to_string(),
            start: When::At(at(day, 8)),
            end: When::At(at(day, 10)),
            status: ItemStatus::Confirmed,
        },
        "Europe/Copenhagen",
    )
}
