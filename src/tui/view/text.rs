//! Text fitting for cells: widths by Unicode rules, never by bytes.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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

/// Text of several lines on one: its lines joined with " · ", blank ones
/// dropped ("Mikkel Løkke\nKunde: ring" → "Mikkel Løkke · Kunde: ring").
pub fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `s` cut or padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let f = fit(s, cols);
    let w = width(&f);
    format!("{f}{}", " ".repeat(cols.saturating_sub(w)))
}

/// `3 h 05` / `45 min`.
pub fn duration(min: i64) -> String {
    if min.abs() < 60 {
        format!("{min} min")
    } else if min % 60 == 0 {
        format!("{} h", min / 60)
    } else {
        format!("{} h {:02}", min / 60, (min % 60).abs())
    }
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
        assert_eq!(duration(185), "3 h 05");
        assert_eq!(duration(45), "45 min");
    }
}
