//! The sync conflict queue (`C`): one row per booking whose calendar version
//! clashes with the console's (a visit may have two: its own, and its
//! series'); the selected one shows both versions, with
//! the fields that clash marked (for a series, its rule and end in words
//! when they clash).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::form::centred;
use super::lists::frame_block;
use crate::domain::series::SeriesEnd;
use crate::domain::sync::{ConflictKind, Field, Repeats};
use crate::domain::when::dm;
use crate::engine::worker::{ConflictItem, ConflictSide};
use crate::i18n::Words;
use crate::tui::app::App;
use crate::words::news::conflict_kind as kind_words;
use crate::words::text::{fit, pad, weekday_dm, width};

/// Lines of the selected row's detail block.
const DETAIL: usize = 2;
/// Width of "Google: ", the longer label.
const LABEL_W: usize = 8;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, cursor: usize) {
    let t = &app.theme;
    let items = &app.sync_conflicts;
    let h = (items.len() + DETAIL + 3)
        .max(7)
        .min(area.height.saturating_sub(2) as usize);
    let rect = centred(area, area.width.min(78), h as u16);
    // Nothing under it shows beside it.
    super::form::cover(frame, area, rect, t.base);
    let words = app.words();
    let title = format!(
        " {} ",
        words.with("conflicts-title", &[("n", items.len().into())])
    );
    let block = frame_block(app, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let rows = (inner.height as usize).saturating_sub(1);
    // Keep the selected row and its details on screen.
    let first = (cursor + DETAIL + 1).saturating_sub(rows);
    let mut lines: Vec<Line> = Vec::new();
    for (i, item) in items.iter().enumerate().skip(first) {
        let what = kind_words(words, &item.kind);
        let what = if item.of_series {
            words.with("conflicts-of-series", &[("what", what.into())])
        } else {
            what
        };
        let head = format!("#{} · {} · {what}", item.booking_id, item.customer);
        if i == cursor {
            lines.push(Line::styled(
                pad(&fit(&head, w), w),
                t.panel.patch(t.selected),
            ));
            lines.push(side_line(
                app,
                &words.get("conflicts-yours"),
                item,
                item.mine.as_ref(),
                &words.get("conflicts-cancelled-here"),
                w,
            ));
            lines.push(side_line(
                app,
                &words.with(
                    "conflicts-theirs",
                    &[("calendar", calendar_label(item.calendar).into())],
                ),
                item,
                item.theirs.as_ref(),
                &words.get("conflicts-deleted"),
                w,
            ));
        } else {
            lines.push(Line::styled(fit(&head, w), t.panel));
        }
        if lines.len() >= rows {
            break;
        }
    }
    let body = Rect {
        height: rows as u16,
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), body);
    frame.buffer_mut().set_string(
        inner.x,
        inner.bottom().saturating_sub(1),
        fit(
            &super::keys::hint(&app.keymap, super::keys::CONFLICTS_HINT, ": ", app.words()),
            w,
        ),
        t.label,
    );
}

/// How a side of a series conflict repeats: "every 2nd week, man · until 31/12".
fn repeats_words(w: Words, r: &Repeats) -> String {
    let end = match r.end {
        SeriesEnd::Open => w.get("conflicts-open-ended"),
        SeriesEnd::Until(d) => w.with("conflicts-until", &[("date", dm(d).into())]),
        SeriesEnd::Count(n) => w.with("conflicts-visits", &[("n", n.into())]),
    };
    format!("{} · {end}", crate::words::values::rule(w, &r.rule))
}

/// "  Yours:  man 23/11 08:00–11:00 Anna Jensen · Vestergade 1", the
/// clashing fields in the warning style.
fn side_line(
    app: &App,
    label: &str,
    item: &ConflictItem,
    side: Option<&ConflictSide>,
    gone: &str,
    w: usize,
) -> Line<'static> {
    let t = &app.theme;
    let lead = format!("  {label:<LABEL_W$}");
    let Some(s) = side else {
        return Line::from(vec![
            Span::styled(lead, t.label),
            Span::styled(gone.to_string(), t.warning),
        ]);
    };
    let clashes = |f: Field| match &item.kind {
        ConflictKind::Fields(fs) => fs.contains(&f),
        ConflictKind::DeletedThere | ConflictKind::CancelledHere => false,
    };
    let style = |hot: bool| if hot { t.warning } else { t.panel };
    let tz = app.settings.tz;
    let start = tz.local(s.start);
    let when = format!(
        "{} {}–{}",
        weekday_dm(app.words(), start.date_naive()),
        tz.hm(s.start),
        tz.hm(s.end)
    );
    let mut parts: Vec<(String, Style)> = vec![
        (when, style(clashes(Field::Start) || clashes(Field::End))),
        (
            s.staff
                .clone()
                .unwrap_or_else(|| app.words().get("journal-unassigned")),
            style(clashes(Field::Staff)),
        ),
    ];
    if !s.location.is_empty() || clashes(Field::Location) {
        let place = if s.location.is_empty() {
            app.words().get("conflicts-no-place")
        } else {
            s.location.clone()
        };
        parts.push((place, style(clashes(Field::Location))));
    }
    if clashes(Field::Rule) || clashes(Field::SeriesEnd) {
        let hot = style(true);
        if let Some(r) = &s.repeats {
            parts.push((repeats_words(app.words(), r), hot));
        }
    }
    if clashes(Field::Notes) {
        let notes = if s.notes.is_empty() {
            app.words().get("conflicts-no-note")
        } else {
            format!("“{}”", s.notes.replace('\n', " "))
        };
        parts.push((notes, t.warning));
    }
    let mut spans = vec![Span::styled(lead.clone(), t.label)];
    let mut used = width(&lead);
    for (i, (text, st)) in parts.into_iter().enumerate() {
        let sep = match i {
            0 => "",
            1 => " ",
            _ => " · ",
        };
        let room = w.saturating_sub(used + width(sep));
        if room == 0 {
            break;
        }
        let text = fit(&text, room);
        used += width(sep) + width(&text);
        spans.push(Span::styled(sep.to_string(), t.panel));
        spans.push(Span::styled(text, st));
    }
    Line::from(spans)
}

/// The selector `conflicts-theirs` names a calendar by.
fn calendar_label(c: crate::domain::remark::Calendar) -> &'static str {
    use crate::domain::remark::Calendar;
    match c {
        Calendar::Google => "google",
        Calendar::CalDav => "caldav",
        Calendar::Microsoft365 => "microsoft365",
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Weekday};

    use super::*;
    use crate::domain::series::Rule;
    use crate::i18n::Language;

    #[test]
    fn a_series_side_says_how_it_repeats_and_when_it_ends() {
        let every_2nd = Rule::Weekly {
            every: 2,
            days: vec![Weekday::Tue],
        };
        let until = Repeats {
            rule: every_2nd.clone(),
            end: SeriesEnd::Until(NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")),
        };
        let en = Language::En.words();
        let da = Language::Da.words();
        let words = repeats_words(en, &until);
        assert!(words.starts_with("every 2nd week, Tue"), "{words}");
        assert!(repeats_words(da, &until).starts_with("hver 2. uge, tir"));
        assert!(words.ends_with("until 31/12"), "{words}");
        assert!(repeats_words(da, &until).ends_with("til 31/12"));
        let counted = Repeats {
            rule: every_2nd.clone(),
            end: SeriesEnd::Count(6),
        };
        assert!(repeats_words(en, &counted).ends_with("6 visits"));
        assert!(repeats_words(da, &counted).ends_with("6 besøg"));
        let open = Repeats {
            rule: every_2nd,
            end: SeriesEnd::Open,
        };
        assert!(repeats_words(en, &open).ends_with("no end"));
        assert_eq!(
            kind_words(
                en,
                &ConflictKind::Fields(vec![Field::Rule, Field::SeriesEnd])
            ),
            "changed on both sides: repeat, end of the series"
        );
    }
}
