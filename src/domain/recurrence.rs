//! Recurrence rules (RFC 5545 RRULE) and their expansion.
//!
//! A rule is parsed once ([`RRule::parse`]) and expanded from a start in
//! wall-clock time ([`RRule::expand`]): a weekly 09:00 rule stays 09:00 on the
//! clock across daylight-saving changes; turning wall-clock times into
//! instants is the caller's business. Supported parts: FREQ (DAILY, WEEKLY,
//! MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY (ordinals such as 1MO or
//! -1FR with MONTHLY and YEARLY), BYMONTHDAY (negative counts from the month's
//! end), BYMONTH, BYSETPOS and WKST. Any other part is rejected by name.
//!
//! The start is always the first occurrence and counts towards COUNT, as RFC
//! 5545 says. Dates a rule names that do not exist (31 June, 29 February in a
//! common year) are skipped, never moved.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

mod error;
mod parse;
mod write;

pub use error::{ListPart, RRuleError};
pub use parse::{parse_basic_date, parse_basic_date_time};
pub use write::weekday_code;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// One BYDAY entry: every such weekday (`MO`), the n-th of the month or year
/// (`2TU`), or the n-th from its end (`-1FR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByDay {
    pub nth: Option<i16>,
    pub weekday: Weekday,
}

/// The UNTIL bound as written: a date, a local date-time, or a UTC date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(NaiveDateTime),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RRule {
    pub freq: Freq,
    pub interval: u32,
    pub count: Option<u32>,
    pub until: Option<Until>,
    pub by_day: Vec<ByDay>,
    /// 1..=31 or -31..=-1.
    pub by_month_day: Vec<i8>,
    /// 1..=12.
    pub by_month: Vec<u32>,
    pub by_set_pos: Vec<i32>,
    pub wkst: Weekday,
}

impl RRule {
    /// The occurrences from `start` on, in wall-clock time and in order.
    /// Honours COUNT and UNTIL; a UTC UNTIL is compared as if it were wall-clock
    /// time unless [`Expansion::until`] gives the bound in the start's zone.
    pub fn expand(&self, start: NaiveDateTime) -> Expansion<'_> {
        let until = self.until.map(|u| match u {
            Until::Date(d) => d
                .and_hms_nano_opt(23, 59, 59, 999_999_999)
                .unwrap_or(d.and_time(NaiveTime::MIN)),
            Until::Floating(t) | Until::Utc(t) => t,
        });
        Expansion {
            rule: self,
            start,
            until,
            horizon: NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX),
            next_period: 0,
            periods_left: u64::MAX,
            periods_used: 0,
            exhausted: false,
            buf: Vec::new(),
            pos: 0,
            emitted: 0,
            start_pending: true,
            done: false,
        }
    }

    /// The candidate dates of the period beginning on `first`, in order,
    /// before BYSETPOS.
    fn period_dates(&self, first: NaiveDate, start: NaiveDate, out: &mut Vec<NaiveDate>) {
        match self.freq {
            Freq::Daily => {
                let ok = self.month_ok(first)
                    && (self.by_month_day.is_empty()
                        || self
                            .by_month_day
                            .iter()
                            .any(|&md| month_day(first.year(), first.month(), md) == Some(first)))
                    && (self.by_day.is_empty()
                        || self.by_day.iter().any(|d| d.weekday == first.weekday()));
                if ok {
                    out.push(first);
                }
            }
            Freq::Weekly => {
                for d in first.iter_days().take(7) {
                    let day_ok = if self.by_day.is_empty() {
                        d.weekday() == start.weekday()
                    } else {
                        self.by_day.iter().any(|b| b.weekday == d.weekday())
                    };
                    if day_ok && self.month_ok(d) {
                        out.push(d);
                    }
                }
            }
            Freq::Monthly => {
                if self.month_ok(first) {
                    self.month_dates(first.year(), first.month(), start, None, out);
                }
            }
            Freq::Yearly => {
                let year = first.year();
                if self.by_month_day.is_empty() && self.by_day.is_empty() {
                    let months = if self.by_month.is_empty() {
                        vec![start.month()]
                    } else {
                        self.by_month.clone()
                    };
                    out.extend(
                        months
                            .iter()
                            .filter_map(|&m| NaiveDate::from_ymd_opt(year, m, start.day())),
                    );
                } else if self.by_month.is_empty() && self.by_month_day.is_empty() {
                    if let Some((a, b)) = year_bounds(year) {
                        expand_by_day(&self.by_day, a, b, out);
                    }
                } else {
                    let scope = if self.by_month.is_empty() {
                        year_bounds(year)
                    } else {
                        None
                    };
                    for m in 1..=12 {
                        if self.by_month.is_empty() || self.by_month.contains(&m) {
                            self.month_dates(year, m, start, scope, out);
                        }
                    }
                }
            }
        }
    }

    /// BYMONTHDAY (limited by BYDAY), else BYDAY, else the start's day, in one month.
    /// Ordinals of BYDAY count within `scope` (default: the month).
    fn month_dates(
        &self,
        year: i32,
        month: u32,
        start: NaiveDate,
        scope: Option<(NaiveDate, NaiveDate)>,
        out: &mut Vec<NaiveDate>,
    ) {
        let Some((first, last)) = month_bounds(year, month) else {
            return;
        };
        let (sa, sb) = scope.unwrap_or((first, last));
        if !self.by_month_day.is_empty() {
            for &md in &self.by_month_day {
                if let Some(d) = month_day(year, month, md)
                    && (self.by_day.is_empty() || by_day_matches(&self.by_day, d, sa, sb))
                {
                    out.push(d);
                }
            }
        } else if !self.by_day.is_empty() {
            expand_by_day(&self.by_day, first, last, out);
        } else if let Some(d) = NaiveDate::from_ymd_opt(year, month, start.day()) {
            out.push(d);
        }
    }

    /// Whether COUNT can end the rule before `last`: false when the periods
    /// up to `last` hold fewer dates than COUNT even if every day matched,
    /// so the rule can be expanded as if it had no COUNT (and skip ahead).
    pub fn count_binds(&self, start: NaiveDate, last: NaiveDate) -> bool {
        let Some(count) = self.count else {
            return false;
        };
        let days = (last - start).num_days().max(0).unsigned_abs();
        let (per_period, period_days) = match self.freq {
            Freq::Daily => (1, 1),
            Freq::Weekly => (7, 7),
            Freq::Monthly => (31, 28),
            Freq::Yearly => (366, 365),
        };
        let periods = days / period_days / u64::from(self.interval.max(1)) + 2;
        periods.saturating_mul(per_period) > u64::from(count)
    }

    fn month_ok(&self, d: NaiveDate) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&d.month())
    }
}

fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// Day `md` of a month (negative: from its end); `None` when the month is shorter.
fn month_day(year: i32, month: u32, md: i8) -> Option<NaiveDate> {
    if md > 0 {
        NaiveDate::from_ymd_opt(year, month, md as u32)
    } else {
        let (first, last) = month_bounds(year, month)?;
        let d = last.checked_sub_days(Days::new(u64::from(md.unsigned_abs()) - 1))?;
        (d >= first).then_some(d)
    }
}

fn days_until(from: Weekday, to: Weekday) -> u64 {
    u64::from((to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7)
}

/// Every date in `[first, last]` that a BYDAY entry names, in no particular order.
fn expand_by_day(by_day: &[ByDay], first: NaiveDate, last: NaiveDate, out: &mut Vec<NaiveDate>) {
    for b in by_day {
        let Some(first_wd) =
            first.checked_add_days(Days::new(days_until(first.weekday(), b.weekday)))
        else {
            continue;
        };
        let Some(last_wd) = last.checked_sub_days(Days::new(days_until(b.weekday, last.weekday())))
        else {
            continue;
        };
        match b.nth {
            None => out.extend(first_wd.iter_weeks().take_while(|d| *d <= last)),
            Some(n) if n > 0 => {
                if let Some(d) = first_wd.checked_add_days(Days::new(7 * (n as u64 - 1)))
                    && d <= last
                {
                    out.push(d);
                }
            }
            Some(n) => {
                if let Some(d) =
                    last_wd.checked_sub_days(Days::new(7 * (u64::from(n.unsigned_abs()) - 1)))
                    && d >= first
                {
                    out.push(d);
                }
            }
        }
    }
}

/// Whether `d` is named by a BYDAY entry, ordinals counting within `[first, last]`.
fn by_day_matches(by_day: &[ByDay], d: NaiveDate, first: NaiveDate, last: NaiveDate) -> bool {
    by_day.iter().any(|b| {
        b.weekday == d.weekday()
            && match b.nth {
                None => true,
                Some(n) if n > 0 => (d - first).num_days() / 7 + 1 == i64::from(n),
                Some(n) => -((last - d).num_days() / 7 + 1) == i64::from(n),
            }
    })
}

fn week_start(d: NaiveDate, wkst: Weekday) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(days_until(wkst, d.weekday())))
}

/// The occurrences of a rule from a start: see [`RRule::expand`].
#[derive(Debug, Clone)]
pub struct Expansion<'a> {
    rule: &'a RRule,
    start: NaiveDateTime,
    until: Option<NaiveDateTime>,
    horizon: NaiveDate,
    next_period: u64,
    periods_left: u64,
    periods_used: u64,
    exhausted: bool,
    buf: Vec<NaiveDate>,
    pos: usize,
    emitted: u64,
    start_pending: bool,
    done: bool,
}

impl Expansion<'_> {
    /// Replaces the rule's UNTIL by a wall-clock bound (inclusive), e.g. a UTC
    /// UNTIL converted to the start's time zone. `None` removes the bound.
    pub fn until(mut self, last: Option<NaiveDateTime>) -> Self {
        self.until = last;
        self
    }

    /// Stops the expansion after this date, so a rule without COUNT and UNTIL
    /// (or one that never matches) ends.
    pub fn horizon(mut self, last: NaiveDate) -> Self {
        self.horizon = last;
        self
    }

    /// Stops the expansion after looking at `n` periods (years of a yearly
    /// rule, days of a daily one), so its cost is bounded whatever the rule;
    /// [`Expansion::exhausted`] then says it stopped early.
    pub fn max_periods(mut self, n: u64) -> Self {
        self.periods_left = n;
        self
    }

    /// How many periods the expansion has looked at so far.
    pub fn periods_used(&self) -> u64 {
        self.periods_used
    }

    /// Whether the expansion ended because of [`Expansion::max_periods`].
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Jumps ahead to the period containing `date`, without going through the
    /// ones before it. Only possible without COUNT (which counts from the
    /// start); otherwise nothing changes. Occurrences of that period before
    /// `date` are still produced.
    pub fn skip_to(mut self, date: NaiveDate) -> Self {
        let start = self.start.date();
        if self.rule.count.is_some() || date <= start {
            return self;
        }
        let interval = i64::from(self.rule.interval);
        let periods = match self.rule.freq {
            Freq::Daily => (date - start).num_days(),
            Freq::Weekly => match week_start(start, self.rule.wkst) {
                Some(ws) => (date - ws).num_days() / 7,
                None => return self,
            },
            Freq::Monthly => month_index(date) - month_index(start),
            Freq::Yearly => i64::from(date.year()) - i64::from(start.year()),
        };
        self.next_period = u64::try_from(periods / interval).unwrap_or(0);
        self.start_pending = false;
        self.buf.clear();
        self.pos = 0;
        self
    }

    /// The first date of period `k` (counting from the start's period).
    fn period_start(&self, k: u64) -> Option<NaiveDate> {
        let start = self.start.date();
        let step = k.checked_mul(u64::from(self.rule.interval))?;
        match self.rule.freq {
            Freq::Daily => start.checked_add_days(Days::new(step)),
            Freq::Weekly => {
                week_start(start, self.rule.wkst)?.checked_add_days(Days::new(step.checked_mul(7)?))
            }
            Freq::Monthly => {
                let m = month_index(start).checked_add(i64::try_from(step).ok()?)?;
                NaiveDate::from_ymd_opt(
                    i32::try_from(m.div_euclid(12)).ok()?,
                    m.rem_euclid(12) as u32 + 1,
                    1,
                )
            }
            Freq::Yearly => {
                let y = i64::from(start.year()).checked_add(i64::try_from(step).ok()?)?;
                NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, 1, 1)
            }
        }
    }

    fn fill(&mut self, first: NaiveDate) {
        let mut dates = std::mem::take(&mut self.buf);
        dates.clear();
        self.rule.period_dates(first, self.start.date(), &mut dates);
        dates.sort_unstable();
        dates.dedup();
        if !self.rule.by_set_pos.is_empty() {
            let len = dates.len() as i64;
            let mut picked: Vec<NaiveDate> = self
                .rule
                .by_set_pos
                .iter()
                .filter_map(|&p| {
                    let i = if p > 0 {
                        i64::from(p) - 1
                    } else {
                        len + i64::from(p)
                    };
                    usize::try_from(i).ok().and_then(|i| dates.get(i).copied())
                })
                .collect();
            picked.sort_unstable();
            picked.dedup();
            dates = picked;
        }
        self.buf = dates;
        self.pos = 0;
    }
}

fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

impl Iterator for Expansion<'_> {
    type Item = NaiveDateTime;

    fn next(&mut self) -> Option<NaiveDateTime> {
        if self.done {
            return None;
        }
        if self
            .rule
            .count
            .is_some_and(|c| self.emitted >= u64::from(c))
        {
            self.done = true;
            return None;
        }
        if self.start_pending {
            self.start_pending = false;
            if self.start.date() > self.horizon {
                self.done = true;
                return None;
            }
            self.emitted += 1;
            return Some(self.start);
        }
        let time = self.start.time();
        loop {
            if let Some(&d) = self.buf.get(self.pos) {
                self.pos += 1;
                let t = d.and_time(time);
                if t <= self.start {
                    continue;
                }
                if d > self.horizon || self.until.is_some_and(|u| t > u) {
                    self.done = true;
                    return None;
                }
                self.emitted += 1;
                return Some(t);
            }
            let first = self.period_start(self.next_period);
            let Some(first) =
                first.filter(|f| *f <= self.horizon && self.until.is_none_or(|u| *f <= u.date()))
            else {
                self.done = true;
                return None;
            };
            if self.periods_left == 0 {
                self.exhausted = true;
                self.done = true;
                return None;
            }
            self.periods_left -= 1;
            self.periods_used += 1;
            self.next_period += 1;
            self.fill(first);
        }
    }
}

#[cfg(test)]
mod agree;
#[cfg(test)]
mod tests;
