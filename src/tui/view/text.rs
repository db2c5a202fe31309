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
