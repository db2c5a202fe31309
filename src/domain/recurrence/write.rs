//! An RRULE written back as text, in the canonical order: what a series
//! stores and what a calendar is sent.

use chrono::Weekday;

use super::{Freq, RRule, Until};

/// The two-letter RFC 5545 code of a weekday: `MO`.
pub fn weekday_code(w: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.num_days_from_monday() as usize]
}

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl RRule {
    /// The rule as an RRULE value (without the `RRULE:` name):
    /// `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`. Parsing it gives the rule back.
    pub fn to_text(&self) -> String {
        let freq = match self.freq {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        };
        let mut parts = vec![format!("FREQ={freq}")];
        if self.interval > 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self
                .by_day
                .iter()
                .map(|b| match b.nth {
                    Some(n) => format!("{n}{}", weekday_code(b.weekday)),
                    None => weekday_code(b.weekday).to_string(),
                })
                .collect();
            parts.push(format!("BYDAY={}", days.join(",")));
        }
        if !self.by_month_day.is_empty() {
            parts.push(format!("BYMONTHDAY={}", join(&self.by_month_day)));
        }
        if !self.by_month.is_empty() {
            parts.push(format!("BYMONTH={}", join(&self.by_month)));
        }
        if !self.by_set_pos.is_empty() {
            parts.push(format!("BYSETPOS={}", join(&self.by_set_pos)));
        }
        if self.wkst != Weekday::Mon {
            parts.push(format!("WKST={}", weekday_code(self.wkst)));
        }
        if let Some(c) = self.count {
            parts.push(format!("COUNT={c}"));
        }
        match self.until {
            Some(Until::Date(d)) => parts.push(format!("UNTIL={}", d.format("%Y%m%d"))),
            Some(Until::Floating(t)) => parts.push(format!("UNTIL={}", t.format("%Y%m%dT%H%M%S"))),
            Some(Until::Utc(t)) => parts.push(format!("UNTIL={}", t.format("%Y%m%dT%H%M%SZ"))),
            None => {}
        }
        parts.join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_rule_parses_back_to_itself() {
        for text in [
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;COUNT=10",
            "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2,8;WKST=SU;UNTIL=20301231",
            "FREQ=DAILY;UNTIL=20261231T230000Z",
        ] {
            let rule = RRule::parse(text).expect("parse");
            assert_eq!(rule.to_text(), text);
            assert_eq!(RRule::parse(&rule.to_text()), Ok(rule));
        }
    }
}
