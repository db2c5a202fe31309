//! The form's repeat: how often a new booking comes back (`Repeats`: none,
//! weekly, every 2, 3, 4 weeks, monthly or an RRULE, read by the parser the
//! CLI uses) and when it stops (`Ends`: open, a date, or a number of
//! visits). With a repeat, saving makes a series. The form's keys step
//! the Repeats field through the usual repeats (`PRESETS`), writing each
//! one's words into the field, where they can still be edited.

use chrono::{Datelike, Duration, NaiveDate};

use super::{BookingForm, Check, Field, FormContext};
use crate::domain::BookingDraft;
use crate::domain::series::{HolidayPolicy, Rule, Series, SeriesEnd, SeriesError, nth_of_month};
use crate::domain::when::{dm, dmy, parse_date};
use crate::i18n::Words;
use crate::tui::view::preset_words;
use crate::words::values::{repeat_error, series_error};

/// What the Repeats field says when empty (no repeat).
pub const REPEATS_HINT: &str = "weekly/every 2 weeks/monthly";

/// A repeat the form offers by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// No repeat: a booking of its own.
    None,
    /// Every n weeks on the date's weekday.
    Weeks(u32),
    /// Every month on the date's weekday of the month ("2nd Tuesday").
    Monthly,
}

/// The repeats the keys step through, in order (and round again).
pub const PRESETS: [Preset; 6] = [
    Preset::None,
    Preset::Weeks(1),
    Preset::Weeks(2),
    Preset::Weeks(3),
    Preset::Weeks(4),
    Preset::Monthly,
];

impl Preset {
    /// The rule from a first visit on `first` (`None`: no repeat).
    pub fn rule(self, first: NaiveDate) -> Option<Rule> {
        match self {
            Preset::None => None,
            Preset::Weeks(every) => Some(Rule::Weekly {
                every,
                days: vec![first.weekday()],
            }),
            Preset::Monthly => Some(Rule::MonthlyNth {
                every: 1,
                nth: nth_of_month(first),
                weekday: first.weekday(),
            }),
        }
    }

    /// The preset a field's text (without its holiday word) names from
    /// `first`, however it was written ("hver 2. uge" is every 2 weeks).
    fn of(text: &str, first: NaiveDate) -> Option<Preset> {
        if is_none(text) {
            return Some(Preset::None);
        }
        let rule = Rule::parse_spec(text, first).ok()?.rule;
        PRESETS
            .into_iter()
            .find(|p| p.rule(first) == Some(rule.clone()))
    }
}

/// What a repeat is made of, once both fields hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    pub rule: Rule,
    pub end: SeriesEnd,
    pub holidays: HolidayPolicy,
}

fn is_none(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "" | "none" | "no" | "ingen" | "nej" | "-"
    )
}

/// The holiday policy a repeat's text ends with (", move": to the next
/// working day; ", skip": no visit), and the text without it.
fn policy(text: &str) -> (&str, HolidayPolicy) {
    if let Some((head, tail)) = text.rsplit_once(',') {
        match tail.trim().to_lowercase().as_str() {
            "move" | "flyt" => return (head, HolidayPolicy::Move),
            "skip" | "spring over" => return (head, HolidayPolicy::Skip),
            _ => {}
        }
    }
    (text, HolidayPolicy::Skip)
}

/// Reads the Ends field: `None` for open (or the end an RRULE names).
fn parse_end(text: &str, today: NaiveDate, w: Words) -> Result<Option<SeriesEnd>, String> {
    let t = text.trim().to_lowercase();
    if matches!(t.as_str(), "" | "open" | "never" | "aldrig" | "-") {
        return Ok(None);
    }
    let after = t.strip_prefix("after").unwrap_or(&t).trim();
    let after = after.strip_prefix("efter").unwrap_or(after).trim();
    let number = after
        .trim_end_matches("times")
        .trim_end_matches("time")
        .trim_end_matches("visits")
        .trim_end_matches("visit")
        .trim_end_matches("gange")
        .trim_end_matches("gang")
        .trim_end_matches('x')
        .trim();
    if let Ok(n) = number.parse::<u32>() {
        return match n {
            0 => Err(w.get("repeat-ends-one-visit")),
            n => Ok(Some(SeriesEnd::Count(n))),
        };
    }
    let date = t.strip_prefix("until").unwrap_or(&t).trim();
    let date = date.strip_prefix("til").unwrap_or(date).trim();
    parse_date(date, today)
        .map(|d| Some(SeriesEnd::Until(d.date)))
        .map_err(|_| w.get("repeat-ends-hint"))
}

impl BookingForm {
    /// Whether the Repeats field asks for a series.
    pub fn repeats(&self) -> bool {
        self.editing.is_none() && !is_none(self.repeats.text())
    }

    /// The repeat the two fields describe, from `first` (the date field's
    /// day); `None` without one.
    pub fn repeat(
        &self,
        first: NaiveDate,
        today: NaiveDate,
        w: Words,
    ) -> Result<Option<Repeat>, String> {
        if !self.repeats() {
            return Ok(None);
        }
        let (text, holidays) = policy(self.repeats.text());
        let spec = Rule::parse_spec(text, first).map_err(|e| repeat_error(w, &e))?;
        let end = parse_end(self.ends.text(), today, w)
            .map_err(|e| w.with("repeat-ends-refused", &[("why", e.into())]))?
            .or(spec.end)
            .unwrap_or(SeriesEnd::Open);
        Ok(Some(Repeat {
            rule: spec.rule,
            end,
            holidays,
        }))
    }

    /// The repeat `by` steps before (-1) or after (1) the one the field
    /// holds, written into the field (a holiday word it ends with stays).
    /// A text that names none of them counts as none.
    pub fn choose_repeat(&mut self, by: i64, ctx: &FormContext) {
        let first = self.parsed_date(ctx).map(|d| d.date).unwrap_or(ctx.today);
        let (text, holidays) = policy(self.repeats.text());
        let now = Preset::of(text, first).unwrap_or(Preset::None);
        let at = PRESETS.iter().position(|p| *p == now).unwrap_or(0) as i64;
        let next = PRESETS[(at + by).rem_euclid(PRESETS.len() as i64) as usize];
        self.write_preset(next, holidays, first, ctx);
    }

    /// A monthly repeat chosen with the keys follows a new date (its
    /// weekday of the month is the date's).
    pub fn repeat_follows_date(&mut self, ctx: &FormContext) {
        if self.preset != Some(Preset::Monthly) {
            return;
        }
        if let Ok(d) = self.parsed_date(ctx) {
            let (_, holidays) = policy(self.repeats.text());
            self.write_preset(Preset::Monthly, holidays, d.date, ctx);
        }
    }

    fn write_preset(
        &mut self,
        preset: Preset,
        holidays: HolidayPolicy,
        first: NaiveDate,
        ctx: &FormContext,
    ) {
        let mut text = preset_words(ctx.words, preset, first);
        if holidays == HolidayPolicy::Move && preset != Preset::None {
            text.push_str(", move");
        }
        self.repeats.set(text);
        self.preset = Some(preset);
        self.touched.insert(Field::Repeats);
    }

    /// The verdict of the Repeats field.
    pub(super) fn check_repeats(&self, ctx: &FormContext) -> Check {
        if let Some(words) = &self.series_words {
            return Ok(words.clone());
        }
        if self.editing.is_some() {
            return Ok(ctx.words.get("form-repeats-own"));
        }
        if self.repeats.text().trim().is_empty() {
            return Ok(ctx.words.get("form-repeats-hint"));
        }
        if !self.repeats() {
            return Ok(ctx.words.get("form-repeats-own"));
        }
        let first = self.parsed_date(ctx).map(|d| d.date).unwrap_or(ctx.today);
        let (text, holidays) = policy(self.repeats.text());
        let spec = Rule::parse_spec(text, first).map_err(|e| repeat_error(ctx.words, &e))?;
        let mut words = crate::words::values::rule(ctx.words, &spec.rule);
        if holidays == HolidayPolicy::Move {
            words.push_str(&ctx.words.get("form-holidays-move"));
        }
        Ok(words)
    }

    /// The verdict of the Ends field.
    pub(super) fn check_ends(&self, ctx: &FormContext) -> Check {
        if !self.repeats() {
            return Ok(String::new());
        }
        let first = self.parsed_date(ctx).map(|d| d.date).unwrap_or(ctx.today);
        Ok(match parse_end(self.ends.text(), ctx.today, ctx.words)? {
            Some(SeriesEnd::Until(d)) if d < first => {
                return Err(series_error(
                    ctx.words,
                    &SeriesError::EndsBeforeStart {
                        first: dm(first),
                        until: dm(d),
                    },
                ));
            }
            None => ctx.words.get("form-ends-open"),
            Some(SeriesEnd::Count(n)) => ctx.words.with("form-ends-count", &[("n", n.into())]),
            Some(SeriesEnd::Until(d)) => ctx
                .words
                .with("form-ends-until", &[("date", dmy(d).into())]),
            Some(SeriesEnd::Open) => String::new(),
        })
    }

    /// The series a new booking with a repeat makes (`None`: no repeat).
    pub fn series(
        &self,
        draft: &BookingDraft,
        ctx: &FormContext,
    ) -> Result<Option<Series>, String> {
        let local = ctx.tz.local(draft.start);
        let first = local.date_naive();
        let Some(r) = self.repeat(first, ctx.today, ctx.words)? else {
            return Ok(None);
        };
        let minutes = (draft.end - draft.start).num_minutes().max(0);
        let series = Series {
            id: 0,
            customer_id: draft.customer_id,
            staff_id: draft.staff_id,
            service: draft.service.clone(),
            start_time: local.time(),
            duration_min: u32::try_from(minutes).unwrap_or(0),
            first_date: first,
            rule: r.rule,
            end: r.end,
            holidays: r.holidays,
            pauses: Vec::new(),
            address: draft.address.clone(),
            notes: draft.notes.clone(),
            version: 0,
        };
        series.check().map_err(|e| series_error(ctx.words, &e))?;
        Ok(Some(series))
    }
}

/// How far the form's preview looks for the next dates.
pub const PREVIEW_DAYS: i64 = 120;

/// The last day the preview looks at, from `first`.
pub fn preview_to(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_signed(Duration::days(PREVIEW_DAYS))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_end_is_open_a_date_or_a_count() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 4).expect("d");
        let en = || crate::i18n::Language::En.words();
        assert_eq!(parse_end("", today, en()), Ok(None));
        assert_eq!(
            parse_end("6 times", today, en()),
            Ok(Some(SeriesEnd::Count(6)))
        );
        assert_eq!(parse_end("6", today, en()), Ok(Some(SeriesEnd::Count(6))));
        assert_eq!(
            parse_end("after 6 visits", today, en()),
            Ok(Some(SeriesEnd::Count(6)))
        );
        assert_eq!(
            parse_end("efter 1 gang", today, en()),
            Ok(Some(SeriesEnd::Count(1)))
        );
        assert_eq!(parse_end("never", today, en()), Ok(None));
        assert_eq!(
            parse_end("until 2/3/2027", today, en()),
            Ok(Some(SeriesEnd::Until(
                NaiveDate::from_ymd_opt(2027, 3, 2).expect("d")
            )))
        );
        assert!(parse_end("soon", today, en()).is_err());
        let da = crate::i18n::Language::Da.words();
        assert_eq!(
            parse_end("0", today, da),
            Err("en serie har mindst 1 besøg".into())
        );
    }

    #[test]
    fn the_words_the_keys_write_read_back_as_their_rule_in_each_language() {
        use crate::i18n::Language;
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("d");
        for language in Language::ALL {
            let w = language.words();
            let mut day = d(2026, 1, 1);
            while day < d(2027, 1, 1) {
                for p in PRESETS {
                    let words = preset_words(w, p, day);
                    match p.rule(day) {
                        None => assert!(is_none(&words), "{language}: {words}"),
                        Some(rule) => assert_eq!(
                            Rule::parse_spec(&words, day).map(|s| s.rule),
                            Ok(rule),
                            "{language}: {words} on {day}"
                        ),
                    }
                    assert_eq!(Preset::of(&words, day), Some(p), "{language}: {words}");
                }
                day = day.succ_opt().expect("next day");
            }
        }
        let (en, da) = (Language::En.words(), Language::Da.words());
        assert_eq!(
            preset_words(en, Preset::Monthly, d(2026, 12, 8)),
            "monthly, 2nd Tuesday"
        );
        assert_eq!(
            preset_words(da, Preset::Monthly, d(2026, 12, 29)),
            "månedlig, sidste tirsdag"
        );
        assert_eq!(
            preset_words(en, Preset::Weeks(2), d(2026, 12, 8)),
            "every 2 weeks"
        );
        assert_eq!(
            preset_words(da, Preset::Weeks(2), d(2026, 12, 8)),
            "hver 2. uge"
        );
        assert_eq!(preset_words(da, Preset::None, d(2026, 12, 8)), "ingen");
    }

    #[test]
    fn a_trailing_word_says_what_holidays_do() {
        assert_eq!(
            policy("every 2 weeks, move"),
            ("every 2 weeks", HolidayPolicy::Move)
        );
        assert_eq!(
            policy("FREQ=WEEKLY;BYDAY=MO,TU"),
            ("FREQ=WEEKLY;BYDAY=MO,TU", HolidayPolicy::Skip)
        );
        assert!(is_none(" none "));
    }
}
