//! A customer's history on one line (the form and the details panel).

use crate::domain::BusinessTz;
use crate::domain::memory::CustomerMemory;
use crate::domain::when::dmy;
use crate::i18n::Words;
use crate::words::text::{duration, weekday};

/// One line, e.g. `7 visits · avg 2 h 50 min (est. 3 h) · usually tir 09:00
/// · prefers Anna · last 13/11/2026 · 1 cancelled`, or `new customer: no
/// visits yet` before the first visit. `staff_name` resolves cleaner ids.
pub fn memory(
    w: Words,
    m: &CustomerMemory,
    staff_name: &dyn Fn(i64) -> Option<String>,
    tz: BusinessTz,
) -> String {
    let mut parts = Vec::new();
    if m.visits == 0 {
        parts.push(w.get("memory-new"));
    } else {
        parts.push(w.with("memory-visits", &[("n", m.visits.into())]));
    }
    if let Some(actual) = m.avg_actual_min {
        let actual = duration(w, i64::from(actual));
        parts.push(match m.avg_estimate_min {
            Some(e) => w.with(
                "memory-avg-estimate",
                &[
                    ("actual", actual.into()),
                    ("estimate", duration(w, i64::from(e)).into()),
                ],
            ),
            None => w.with("memory-avg", &[("actual", actual.into())]),
        });
    }
    let day = m.usual_weekday.map(|d| weekday(w, d));
    let time = m.usual_start.map(|t| t.format("%H:%M").to_string());
    let when = match (day, time) {
        (Some(d), Some(t)) => Some(format!("{d} {t}")),
        (Some(x), None) | (None, Some(x)) => Some(x),
        (None, None) => None,
    };
    if let Some(when) = when {
        parts.push(w.with("memory-usual", &[("when", when.into())]));
    }
    if let Some(id) = m.preferred_staff {
        let name = staff_name(id).unwrap_or_else(|| w.with("memory-cleaner", &[("id", id.into())]));
        parts.push(w.with("memory-prefers", &[("name", name.into())]));
    }
    if let Some(last) = m.last_visit {
        parts.push(w.with("memory-last", &[("date", dmy(tz.local_date(last)).into())]));
    }
    if m.upcoming > 0 {
        parts.push(w.with("memory-upcoming", &[("n", m.upcoming.into())]));
    }
    if m.cancellations > 0 {
        parts.push(w.with("memory-cancelled", &[("n", m.cancellations.into())]));
    }
    parts.join(" · ")
}
