//! `--max-events` on a cleaner's calendar (CalDAV, Microsoft 365): a first
//! listing holding more items than the bound is not taken in at all, and
//! the run names the calendar; one within the bound is taken in whole.

use renos::engine::sync::{RunError, SyncOptions};
use renos::i18n::Language;
use renos::providers::calendar::{Content, ItemStatus, ItemWrite, ProviderError, When};
use renos::words::news::run_error;

use super::seam::{Remote, configure, day, each, run};
use crate::sync_env::*;

/// Someone puts a job in the calendar by hand at `h` o'clock.
async fn by_hand(anna: &Remote, n: usize, h: u32) {
    let mut w = ItemWrite::single(
        &format!("hand-{n}"),
        Content {
            summary: format!("Madsen {n}"),
            description: String::new(),
            location: "Nørregade 3".into(),
            start: When::At(day(h)),
            end: When::At(day(h + 1)),
            status: ItemStatus::Confirmed,
        },
        "Europe/Copenhagen",
    );
    w.key = None;
    anna.provider.create(&w).await.expect("by hand");
}

fn bounded(n: usize) -> SyncOptions {
    SyncOptions {
        max_events: Some(n),
        ..SyncOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_listing_past_the_bound_is_not_taken_in() {
    each(async |mut env: Env, anna: Remote| {
        configure(&mut env, &anna, None);
        for (n, h) in [(1, 8), (2, 11), (3, 14)] {
            by_hand(&anna, n, h).await;
        }

        let stopped = run(&env, &[&anna], bounded(2)).await;
        let named = stopped.errors.iter().any(|e| {
            matches!(e, RunError::Provider { calendar, error: ProviderError::TooMany { limit: 2 } }
                if *calendar == anna.key())
        });
        assert!(named, "{:?}", stopped.errors);
        for (language, said) in [
            (Language::En, "more than 2 items"),
            (Language::Da, "flere end 2 aftaler"),
        ] {
            let worded = run_error(language.words(), &stopped.errors[0]);
            assert!(worded.contains(&anna.key()), "{worded}");
            assert!(worded.contains(said), "{worded}");
            assert!(worded.contains("--max-events"), "{worded}");
        }
        assert!(env.bookings().is_empty(), "nothing taken in");

        // Nothing of the stopped listing was kept: the next run lists
        // everything again, within its bound.
        let whole = run(&env, &[&anna], bounded(3)).await;
        assert!(whole.errors.is_empty(), "{:?}", whole.errors);
        assert_eq!(env.bookings().len(), 3);

        // Later changes are taken in whatever the bound.
        by_hand(&anna, 4, 16).await;
        by_hand(&anna, 5, 17).await;
        let later = run(&env, &[&anna], bounded(1)).await;
        assert!(later.errors.is_empty(), "{:?}", later.errors);
        assert_eq!(env.bookings().len(), 5);
    })
    .await;
}
