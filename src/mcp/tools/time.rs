//! `get_current_time`: the desk's clock (`--now` or `RENOS_NOW` when fixed).

use serde::Serialize;

use crate::mcp::session::{Outcome, Session, weekday_names};

/// What `get_current_time` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrentTime {
    /// RFC 3339 in the business time zone.
    pub now: String,
    /// RFC 3339 in UTC.
    pub utc: String,
    pub date: chrono::NaiveDate,
    pub weekday_da: String,
    pub weekday_en: String,
    pub time_zone: String,
}

/// The desk's clock now, in the business time zone.
pub fn get_current_time(desk: &mut Session) -> Outcome<CurrentTime> {
    let now = desk.now();
    let tz = desk.settings.tz;
    let (da, en) = weekday_names(tz.weekday(now));
    Ok(CurrentTime {
        now: desk.local(now),
        utc: now.to_rfc3339(),
        date: tz.local_date(now),
        weekday_da: da,
        weekday_en: en,
        time_zone: tz.name().to_string(),
    })
}
