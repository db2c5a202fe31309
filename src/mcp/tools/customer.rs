//! `get_customer_memory`: what the business knows about a customer from
//! their bookings (the console's customer memory).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::memory::CustomerMemory;
use crate::engine::remote::{Known, Need};
use crate::mcp::session::{BookingView, Outcome, Session};

/// Bookings listed with `include_history` at most.
const HISTORY_MAX: usize = 50;

/// The arguments of `get_customer_memory`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct MemoryArgs {
    /// The customer: #id, a name, an address or a phone.
    pub customer: String,
    /// List their latest bookings too (newest first, at most 50).
    #[serde(default)]
    pub include_history: bool,
}

/// A customer's card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerCard {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub notes: String,
    pub tags: Vec<String>,
}

/// What `get_customer_memory` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Memory {
    pub customer: CustomerCard,
    /// The history summed up in one line, as the console shows it.
    pub summary: String,
    pub memory: CustomerMemory,
    /// What a new booking's estimate is prefilled with.
    pub suggested_estimate_min: Option<u32>,
    pub preferred_staff: Option<String>,
    /// With `include_history`: the latest bookings, newest first.
    pub history: Vec<BookingView>,
}

/// The customer's card and memory (the remote layer's, as the API's), and
/// their latest bookings on request.
pub fn get_customer_memory(desk: &mut Session, a: &MemoryArgs) -> Outcome<Memory> {
    desk.desk().need(Need::Overview)?;
    let c = desk.customer(&a.customer)?;
    let Known {
        customer: c,
        memory,
    } = desk.desk().memory(c.id)?;
    let names = desk.store.staff_names()?;
    let staff_name = |id: i64| names.get(&id).cloned();
    // The tools answer in fixed English, as `--json` does.
    let summary = crate::words::values::memory(
        crate::i18n::Language::En.words(),
        &memory,
        &staff_name,
        desk.settings.tz,
    );
    let history = if a.include_history {
        let mut all = desk.store.customer_bookings(c.id)?;
        all.sort_by_key(|b| std::cmp::Reverse((b.start, b.id)));
        all.truncate(HISTORY_MAX);
        desk.views(&all)?
    } else {
        Vec::new()
    };
    Ok(Memory {
        summary,
        suggested_estimate_min: memory.suggested_estimate(),
        preferred_staff: memory.preferred_staff.and_then(staff_name),
        memory,
        history,
        customer: CustomerCard {
            id: c.id,
            name: c.name,
            address: c.address,
            phone: c.phone,
            email: c.email,
            notes: c.notes,
            tags: c.tags,
        },
    })
}
