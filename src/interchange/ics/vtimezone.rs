//! A VTIMEZONE for an IANA zone, derived from its transitions in a given
//! year: a DAYLIGHT and a STANDARD part with a yearly RRULE (such as
//! `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`), or only STANDARD for a zone
//! without daylight saving time.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::{OffsetName, Tz};

/// One change of offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Transition {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
}

impl Transition {
    /// The wall-clock time of the change on the clock before it.
    fn local(&self) -> NaiveDateTime {
        let utc = self.at.naive_utc();
        utc.checked_add_signed(Duration::seconds(i64::from(self.from)))
            .unwrap_or(utc)
    }
}

fn offset(tz: Tz, t: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The offset changes within a year, found day by day and then to the minute.
fn transitions(tz: Tz, year: i32) -> Vec<Transition> {
    let Some(mut day) = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).single() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut before = offset(tz, day);
    while day.year() == year {
        let Some(next) = day.checked_add_signed(Duration::days(1)) else {
            break;
        };
        let after = offset(tz, next);
        if after != before {
            // The first minute with the new offset.
            let (mut lo, mut hi) = (0i64, 24 * 60);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                let probe = day
                    .checked_add_signed(Duration::minutes(mid))
                    .unwrap_or(day);
                if offset(tz, probe) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(Transition {
                at: day
                    .checked_add_signed(Duration::minutes(hi))
                    .unwrap_or(next),
                from: before,
                to: after,
            });
            before = after;
        }
        day = next;
    }
    out
}

/// How a yearly change picks its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayRule {
    /// The n-th (or, negative, n-th last) weekday of the month.
    Nth(i8, Weekday),
    /// A fixed day of the month.
    MonthDay(u32),
}

fn nth_rule(d: NaiveDate) -> DayRule {
    let last_day = last_of_month(d).map_or(31, |l| l.day());
    if d.day() + 7 > last_day {
        DayRule::Nth(-1, d.weekday())
    } else {
        DayRule::Nth(((d.day() - 1) / 7 + 1) as i8, d.weekday())
    }
}

fn last_of_month(d: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The date a rule picks in a year and month.
fn date_of(rule: DayRule, year: i32, month: u32) -> Option<NaiveDate> {
    match rule {
        DayRule::MonthDay(d) => NaiveDate::from_ymd_opt(year, month, d),
        DayRule::Nth(n, wd) if n > 0 => {
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let ahead =
                (wd.num_days_from_monday() + 7 - first.weekday().num_days_from_monday()) % 7;
            first.checked_add_days(chrono::Days::new(u64::from(ahead) + 7 * (n as u64 - 1)))
        }
        DayRule::Nth(_, wd) => {
            let last = last_of_month(NaiveDate::from_ymd_opt(year, month, 1)?)?;
            let back = (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
            last.checked_sub_days(chrono::Days::new(u64::from(back)))
        }
    }
}

fn weekday_code(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// `+0100`, `-0430`, `+003512` (seconds only when there are some).
pub(crate) fn format_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn abbreviation(tz: Tz, t: DateTime<Utc>) -> Option<String> {
    let off = tz.offset_from_utc_datetime(&t.naive_utc());
    off.abbreviation()
        .filter(|a| a.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_owned)
}

/// The content lines (unfolded) of a VTIMEZONE for `tz`, from its changes in `year`.
pub(crate) fn vtimezone_lines(tz: Tz, year: i32) -> Vec<String> {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", tz.name())];
    let this = transitions(tz, year);
    let next = transitions(tz, year.saturating_add(1));
    if this.is_empty() {
        let at = Utc
            .with_ymd_and_hms(year, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default();
        let off = format_offset(offset(tz, at));
        lines.push("BEGIN:STANDARD".into());
        lines.push("DTSTART:19700101T000000".into());
        lines.extend(abbreviation(tz, at).map(|a| format!("TZNAME:{a}")));
        lines.push(format!("TZOFFSETFROM:{off}"));
        lines.push(format!("TZOFFSETTO:{off}"));
        lines.push("END:STANDARD".into());
    }
    for t in &this {
        let local = t.local();
        let (month, day) = (local.month(), local.date());
        // Same n-th weekday next year: BYDAY; same day of the month: BYMONTHDAY.
        let twin = next
            .iter()
            .find(|n| n.from == t.from && n.to == t.to)
            .map(|n| n.local().date());
        let rule = match twin {
            Some(n) if n.month() == month && nth_rule(n) == nth_rule(day) => nth_rule(day),
            Some(n) if n.month() == month && n.day() == day.day() => DayRule::MonthDay(day.day()),
            _ => nth_rule(day),
        };
        let kind = if t.to > t.from {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let start = date_of(rule, 1970, month)
            .map(|d| d.and_time(local.time()))
            .unwrap_or(local);
        let by = match rule {
            DayRule::Nth(n, wd) => format!("BYDAY={n}{}", weekday_code(wd)),
            DayRule::MonthDay(d) => format!("BYMONTHDAY={d}"),
        };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")));
        lines.push(format!("RRULE:FREQ=YEARLY;BYMONTH={month};{by}"));
        lines.extend(abbreviation(tz, t.at).map(|a| format!("TZNAME:{a}")));
        lines.push(format!("TZOFFSETFROM:{}", format_offset(t.from)));
        lines.push(format!("TZOFFSETTO:{}", format_offset(t.to)));
        lines.push(format!("END:{kind}"));
    }
    lines.push("END:VTIMEZONE".into());
    lines
}
