//! The demo's tokens for the API: a cleaner's, for the cleaners' page on a
//! phone, and a dispatcher's, for the assistants' tools at `/mcp`. Their
//! secrets are handed to whoever started the demo, once; they open this
//! demo database and nothing else.

use anyhow::{Result, anyhow};

use crate::domain::TokenRole;
use crate::engine::remote::new_secret;
use crate::store::{NewToken, Store};

/// The demo cleaner whose phone shows the page: his day has jobs done,
/// jobs ahead, and a customer with a phone for On my way.
pub const PHONE_CLEANER: &str = "Rasmus Pedersen";

/// The cleaner's token's name (the journal names it: "rasmus-phone (via app)").
pub const PHONE_TOKEN: &str = "rasmus-phone";

/// The dispatcher's token's name, for the assistants.
pub const ASSISTANT_TOKEN: &str = "demo-assistant";

/// The secrets of the demo's tokens, shown once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoTokens {
    /// The cleaner the phone's token stands for.
    pub cleaner: String,
    /// The cleaner's secret, for the page's link.
    pub phone: String,
    /// A dispatcher's secret, for an MCP client.
    pub assistant: String,
}

/// Makes the demo's two tokens in `store` (seeded with the demo business).
pub fn make_tokens(store: &mut Store) -> Result<DemoTokens> {
    let staff = store.find_staff(PHONE_CLEANER)?;
    let phone = new_secret().map_err(|e| anyhow!("{e}"))?;
    let assistant = new_secret().map_err(|e| anyhow!("{e}"))?;
    store.add_token(&NewToken {
        name: PHONE_TOKEN.into(),
        role: TokenRole::Cleaner,
        staff_id: Some(staff.id),
        hash: phone.hash,
    })?;
    store.add_token(&NewToken {
        name: ASSISTANT_TOKEN.into(),
        role: TokenRole::Dispatcher,
        staff_id: None,
        hash: assistant.hash,
    })?;
    Ok(DemoTokens {
        cleaner: staff.name,
        phone: phone.secret,
        assistant: assistant.secret,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::clock::Clock;
    use crate::config::Settings;
    use crate::domain::BookingStatus;
    use crate::engine::DayPlan;
    use crate::engine::remote::hash_secret;

    #[test]
    fn the_phone_belongs_to_a_cleaner_with_a_job_ahead_for_a_customer_with_a_phone() {
        let dir = tempfile::tempdir().expect("tmp");
        let now = DateTime::parse_from_rfc3339("2026-11-20T11:02:00+01:00")
            .expect("now")
            .with_timezone(&Utc);
        let settings = Settings::default();
        let mut store =
            Store::open(&dir.path().join("demo.db"), "demo", Clock::Fixed(now)).expect("open");
        super::super::seed(&mut store, &settings, now).expect("seed");
        let made = make_tokens(&mut store).expect("tokens");
        assert_eq!(made.cleaner, PHONE_CLEANER);
        assert_ne!(made.phone, made.assistant);

        let listed = store.tokens().expect("tokens");
        let phone = listed
            .iter()
            .find(|t| t.name == PHONE_TOKEN)
            .expect("phone");
        assert_eq!(phone.role, TokenRole::Cleaner);
        assert_eq!(phone.staff.as_deref(), Some(PHONE_CLEANER));
        let assistant = listed
            .iter()
            .find(|t| t.name == ASSISTANT_TOKEN)
            .expect("assistant");
        assert_eq!(assistant.role, TokenRole::Dispatcher);
        // Only the hashes are kept.
        let hashes = store.live_token_hashes().expect("hashes");
        assert!(
            hashes.iter().any(|(h, t)| t.name == PHONE_TOKEN
                && h.as_slice() == hash_secret(&made.phone).as_slice())
        );

        let day = DayPlan::load(&store, settings.tz.local_date(now), &settings).expect("day");
        let ahead = day.bookings.iter().find(|b| {
            b.staff_id == phone.staff_id
                && b.status == BookingStatus::Scheduled
                && b.start > now
                && store
                    .customer(b.customer_id)
                    .is_ok_and(|c| !c.phone.trim().is_empty())
        });
        assert!(ahead.is_some(), "a job ahead to say On my way for");
    }
}
