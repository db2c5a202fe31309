//! Text fitting for cells: widths by Unicode rules, never by bytes.

use chrono::{Datelike, NaiveDate, Weekday};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::domain::when::{DateInput, dmy};
use crate::i18n::{Language, Words};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, with `…` when cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut or padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let f = fit(s, cols);
    let w = width(&f);
    format!("{f}{}", " ".repeat(cols.saturating_sub(w)))
}

/// Text of several lines on one line: the breaks shown as ` · `, empty
/// lines left out.
pub fn one_line(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.to_string();
    }
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `s` in lines of at most `cols` columns: broken at spaces where it can,
/// inside a word where one is longer than a line; its own line breaks kept.
/// Nothing is left out.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    for para in s.lines() {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ') {
            let ww = width(word);
            let gap = usize::from(used > 0);
            if used > 0 && used + gap + ww > cols {
                out.push(std::mem::take(&mut line));
                used = 0;
            } else if used > 0 {
                line.push(' ');
                used += 1;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > cols && used > 0 {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += w;
            }
        }
        out.push(line);
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// `s` in at most `rows` lines of `cols` columns, broken as [`wrap`]
/// breaks it; when more would follow, the last line is cut with `…`.
pub fn wrap_fit(s: &str, cols: usize, rows: usize) -> Vec<String> {
    let mut lines = wrap(s, cols);
    if lines.len() > rows {
        let rest = lines.split_off(rows.saturating_sub(1)).join(" ");
        if rows > 0 {
            lines.push(fit(&rest, cols));
        }
    }
    lines
}

/// A length of time, the one way the console writes it: `1 h 35 min`,
/// `2 h`, `45 min` (Danish `1 t 35 min`); `-` before it when negative.
pub fn duration(w: Words, min: i64) -> String {
    let sign = if min < 0 { "-" } else { "" };
    let min = min.unsigned_abs();
    let (h, m) = (min / 60, min % 60);
    let text = match (h, m) {
        (0, m) => w.with("duration-min", &[("m", m.into())]),
        (h, 0) => w.with("duration-h", &[("h", h.into())]),
        (h, m) => w.with("duration-h-min", &[("h", h.into()), ("m", m.into())]),
    };
    format!("{sign}{text}")
}

/// How [`hours`] writes the part of an hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HourParts {
    /// To a tenth: `7.5`, `7.3` (Danish `7,5`, `7,3`).
    Tenths,
    /// To the nearest half hour with `½`, for narrow cells: `22½`.
    Halves,
}

/// Minutes as hours, the one way the console writes them: whole hours
/// without decimals (`8`), else as `parts` says; Danish with a decimal comma.
pub fn hours(w: Words, minutes: i64, parts: HourParts) -> String {
    match parts {
        HourParts::Halves => {
            let halves = (minutes.max(0) + 15) / 30;
            if halves % 2 == 1 {
                format!("{}½", halves / 2)
            } else {
                format!("{}", halves / 2)
            }
        }
        HourParts::Tenths if minutes % 60 == 0 => format!("{}", minutes / 60),
        HourParts::Tenths => decimal(w, minutes as f64 / 60.0, 1),
    }
}

/// A number with `places` decimals: `0.75` (Danish with a decimal comma:
/// `0,75`).
pub fn decimal(w: Words, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match w.language() {
        Language::Da => text.replace('.', ","),
        Language::En => text,
    }
}

/// A weekday, short: `fre` / `Fri`.
pub fn weekday(w: Words, day: Weekday) -> String {
    w.with("weekday", &[("day", day.number_from_monday().into())])
}

/// A weekday in full: `fredag` / `Friday`.
pub fn weekday_long(w: Words, day: Weekday) -> String {
    w.with("weekday-long", &[("day", day.number_from_monday().into())])
}

/// A date with its weekday, short: `fre 4. dec` / `Fri 4 Dec`.
pub fn date_short(w: Words, d: NaiveDate) -> String {
    w.with(
        "date-short",
        &[
            ("weekday", weekday(w, d.weekday()).into()),
            ("day", d.day().into()),
            ("month", month(w, d).into()),
        ],
    )
}

/// A date with its weekday and year: `fre 4. dec 2026` / `Fri 4 Dec 2026`.
pub fn date_long(w: Words, d: NaiveDate) -> String {
    w.with(
        "date-long",
        &[
            ("weekday", weekday(w, d.weekday()).into()),
            ("day", d.day().into()),
            ("month", month(w, d).into()),
            ("year", d.year().to_string().into()),
        ],
    )
}

/// A weekday and day/month: `fre 4/12` / `Fri 4/12`.
pub fn weekday_dm(w: Words, d: NaiveDate) -> String {
    format!("{} {}/{}", weekday(w, d.weekday()), d.day(), d.month())
}

/// A date whose typed weekday disagrees with it, in a sentence:
/// `20/1/2025 is Monday, not Tuesday` (`… er mandag, ikke tirsdag`).
pub fn date_mismatch(w: Words, d: &DateInput) -> Option<String> {
    let named = d.mismatch()?;
    Some(w.with(
        "date-mismatch",
        &[
            ("date", dmy(d.date).into()),
            ("is", weekday_long(w, d.date.weekday()).into()),
            ("named", weekday_long(w, named).into()),
        ],
    ))
}

/// A month's short name: `dec` / `Dec`.
fn month(w: Words, d: NaiveDate) -> String {
    w.with("month", &[("month", d.month().into())])
}

/// `Anna Jensen` → `Anna J.` when space is short.
pub fn short_name(name: &str, max: usize) -> String {
    if width(name) <= max {
        return name.to_string();
    }
    let mut parts = name.split_whitespace();
    match (parts.next(), parts.last()) {
        (Some(first), Some(last)) => {
            let initial: String = last.chars().take(1).collect();
            fit(&format!("{first} {initial}."), max)
        }
        _ => fit(name, max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_respects_wide_and_danish_letters() {
        assert_eq!(fit("Søren Østergaard", 8), "Søren Ø…");
        assert_eq!(pad("Å", 3), "Å  ");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(short_name("Mikkel Sørensen", 10), "Mikkel S.");
    }

    #[test]
    fn a_wrapped_text_keeps_to_its_rows_and_marks_a_cut() {
        assert_eq!(wrap_fit("ab cd ef", 5, 2), vec!["ab cd", "ef"]);
        assert_eq!(wrap_fit("ab cd ef gh ij", 5, 2), vec!["ab cd", "ef g…"]);
        assert_eq!(wrap_fit("ab", 5, 0), Vec::<String>::new());
    }

    #[test]
    fn durations_read_one_way_in_each_language() {
        let (en, da) = (Language::En.words(), Language::Da.words());
        assert_eq!(duration(en, 185), "3 h 5 min");
        assert_eq!(duration(da, 95), "1 t 35 min");
        assert_eq!(duration(en, 45), "45 min");
        assert_eq!(duration(da, 0), "0 min");
        assert_eq!(duration(en, 120), "2 h");
        assert_eq!(duration(da, 120), "2 t");
        assert_eq!(duration(en, -75), "-1 h 15 min");
    }

    #[test]
    fn hours_read_one_way_in_each_language() {
        let (en, da) = (Language::En.words(), Language::Da.words());
        assert_eq!(hours(en, 450, HourParts::Tenths), "7.5");
        assert_eq!(hours(da, 450, HourParts::Tenths), "7,5");
        assert_eq!(hours(da, 1350, HourParts::Tenths), "22,5");
        assert_eq!(hours(da, 440, HourParts::Tenths), "7,3");
        assert_eq!(hours(en, 480, HourParts::Tenths), "8");
        assert_eq!(hours(da, 1350, HourParts::Halves), "22½");
        assert_eq!(hours(en, 1335, HourParts::Halves), "22½");
        assert_eq!(hours(en, 1320, HourParts::Halves), "22");
        assert_eq!(hours(da, -30, HourParts::Halves), "0");
        assert_eq!(decimal(da, 0.75, 2), "0,75");
        assert_eq!(decimal(en, 0.75, 2), "0.75");
    }

    #[test]
    fn dates_read_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let (en, da) = (Language::En.words(), Language::Da.words());
        assert_eq!(date_long(da, d), "fre 4. dec 2026");
        assert_eq!(date_long(en, d), "Fri 4 Dec 2026");
        assert_eq!(date_short(da, d), "fre 4. dec");
        assert_eq!(weekday_long(en, Weekday::Sat), "Saturday");
        assert_eq!(weekday_long(da, Weekday::Sat), "lørdag");
    }

    #[test]
    fn lines_are_joined_with_a_mark_and_wrapped_whole() {
        assert_eq!(
            one_line("Mikkel Løkke\nKunde: ring først\n"),
            "Mikkel Løkke · Kunde: ring først"
        );
        assert_eq!(one_line("one line"), "one line");
        assert_eq!(
            wrap("Søren Østergaard has a long name", 10),
            ["Søren", "Østergaard", "has a long", "name"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        let text = "x ".repeat(100);
        let joined: String = wrap(&text, 7).concat();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }
}
