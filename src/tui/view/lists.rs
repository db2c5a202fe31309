//! The overlays that are lists or questions: the cancel prompt, the journal
//! and the review queue.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::form::centred;
use super::keys::{self, hint};
use crate::i18n::Words;
use crate::tui::app::{App, Confirm, JournalView, Prompt};
use crate::words::news;
use crate::words::text::{fit, pad, width, wrap};

pub(super) fn frame_block<'a>(app: &App, title: String) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(title, app.theme.panel_title))
        .border_style(app.theme.panel_border)
        .style(app.theme.panel)
}

pub fn prompt(frame: &mut Frame, area: Rect, app: &App, p: &Prompt) {
    let t = &app.theme;
    let rect = centred(area, 70, 7);
    frame.render_widget(Clear, rect);
    let block = frame_block(app, p.title.clone());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 4 {
        return;
    }
    let w = inner.width as usize;
    let buf = frame.buffer_mut();
    buf.set_string(inner.x, inner.y, fit(&p.question, w), t.panel);
    buf.set_string(
        inner.x,
        inner.y + 1,
        pad(p.input.text(), w),
        t.base.patch(t.selected),
    );
    if let Some(e) = &p.error {
        buf.set_string(inner.x, inner.y + 2, fit(e, w), t.status_error);
    }
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        fit(&hint(&app.keymap, keys::CANCEL_HINT, ": ", app.words()), w),
        t.label,
    );
    let col = p.input.cursor_col().min(w.saturating_sub(1)) as u16;
    frame.set_cursor_position(Position::new(inner.x + col, inner.y + 1));
}

/// A yes/no question before an invoice, a call or reminders: the question
/// wrapped to the box, the keys at the bottom.
pub fn confirm(frame: &mut Frame, area: Rect, app: &App, c: &Confirm) {
    let t = &app.theme;
    let rect = centred(area, 70, 7);
    frame.render_widget(Clear, rect);
    let block = frame_block(app, format!(" {} ", app.words().get("confirm-title")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 2 {
        return;
    }
    let text = Paragraph::new(c.question.clone())
        .style(t.panel)
        .wrap(ratatui::widgets::Wrap { trim: true });
    let body = Rect {
        height: inner.height - 1,
        ..inner
    };
    frame.render_widget(text, body);
    frame.buffer_mut().set_string(
        inner.x,
        inner.bottom() - 1,
        fit(
            &hint(&app.keymap, keys::CONFIRM_KEYS, ": ", app.words()),
            inner.width as usize,
        ),
        t.label,
    );
}

/// Where a list of newest-first entries stands, when some are out of
/// sight: "3 newer above, 12 older below".
pub(super) fn place_words(w: Words, above: usize, below: usize) -> String {
    match (above, below) {
        (0, 0) => String::new(),
        (0, m) => w.with("place-older-below", &[("below", m.into())]),
        (f, 0) => w.with("place-newer-above", &[("above", f.into())]),
        (f, m) => w.with(
            "place-newer-older",
            &[("above", f.into()), ("below", m.into())],
        ),
    }
}

/// A note in a box's bottom border, at the right: where a list stands.
pub(super) fn border_note(buf: &mut Buffer, rect: Rect, note: &str, style: Style) {
    if note.is_empty() || rect.height < 2 || rect.width < 4 {
        return;
    }
    let note = fit(&format!(" {note} "), rect.width as usize - 2);
    let x = rect.right() - 1 - width(&note) as u16;
    buf.set_string(x, rect.bottom() - 1, note, style);
}

pub fn journal(frame: &mut Frame, area: Rect, app: &App, j: &JournalView) {
    let t = &app.theme;
    let rect = Rect {
        x: area.x,
        y: area.y + 1,
        width: area.width,
        height: area.height.saturating_sub(2),
    };
    frame.render_widget(Clear, rect);
    let w = app.words();
    let title = match j.filter {
        Some(id) => w.with("journal-title-booking", &[("id", id.into())]),
        None => w.get("journal-title"),
    };
    let title = format!(" {title} ");
    let block = frame_block(app, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = inner.height.saturating_sub(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let (mut shown, mut place) = (0, String::new());
    match &j.lines {
        None => lines.push(Line::styled(w.get("journal-reading"), t.label)),
        Some(l) if l.is_empty() => lines.push(Line::styled(w.get("journal-empty"), t.label)),
        Some(entries) => {
            let tz = app.settings.tz;
            let cols = (inner.width as usize).saturating_sub(12);
            for e in entries.iter().skip(j.scroll) {
                if lines.len() >= rows {
                    break;
                }
                let at = tz.local(e.at_utc);
                let when = if at.date_naive() == app.today() {
                    at.format("%H:%M").to_string()
                } else {
                    at.format("%-d/%-m %H:%M").to_string()
                };
                let style = if e.refused() { t.warning } else { t.panel };
                // The sentence whole, wrapped under itself.
                let parts = wrap(&news::journal_sentence(w, e, tz), cols);
                if lines.len() + parts.len() > rows && shown > 0 {
                    break;
                }
                for (i, part) in parts.into_iter().enumerate() {
                    let when = if i == 0 { when.as_str() } else { "" };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{when:>11} "), t.label),
                        Span::styled(part, style),
                    ]));
                }
                shown += 1;
            }
            let more = entries.len().saturating_sub(j.scroll + shown);
            if more > 0 || j.scroll > 0 {
                place = place_words(w, j.scroll, more);
            }
        }
    }
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), body);
    let hint = hint(&app.keymap, keys::JOURNAL_HINT, ": ", app.words());
    border_note(frame.buffer_mut(), rect, &place, t.panel_title);
    frame.buffer_mut().set_string(
        inner.x,
        inner.bottom().saturating_sub(1),
        fit(&hint, inner.width as usize),
        t.label,
    );
}

pub fn review(frame: &mut Frame, area: Rect, app: &App, cursor: usize) {
    let t = &app.theme;
    let h = (app.review.len() as u16 * 2 + 3).clamp(6, area.height.saturating_sub(2));
    let rect = centred(area, area.width.min(78), h);
    // Nothing under it shows beside it.
    super::form::cover(frame, area, rect, t.base);
    let title = format!(
        " {} ",
        app.words()
            .with("review-title", &[("n", app.review.len().into())])
    );
    let block = frame_block(app, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let per_page = (inner.height.saturating_sub(1) / 2).max(1) as usize;
    let first = cursor.saturating_sub(per_page - 1);
    let buf = frame.buffer_mut();
    let tz = app.settings.tz;
    for (row, (i, item)) in app
        .review
        .iter()
        .enumerate()
        .skip(first)
        .take(per_page)
        .enumerate()
    {
        let y = inner.y + row as u16 * 2;
        let style = if i == cursor {
            t.panel.patch(t.selected)
        } else {
            t.panel
        };
        let staff = if item.staff.is_empty() {
            app.words().get("journal-unassigned")
        } else {
            item.staff.clone()
        };
        let head = format!(
            "#{} {} {} · {} · {staff}",
            item.id,
            tz.local(item.start).format("%-d/%-m"),
            tz.hm(item.start),
            item.customer,
        );
        buf.set_string(inner.x, y, pad(&fit(&head, w), w), style);
        buf.set_string(
            inner.x,
            y + 1,
            fit(
                &format!(
                    "  {}",
                    crate::words::values::remarks(app.words(), &item.reason)
                ),
                w,
            ),
            t.warning,
        );
    }
    // Items out of sight are counted, so none is missed.
    let below = app.review.len().saturating_sub(first + per_page);
    let words = app.words();
    let place = match (first, below) {
        (0, 0) => String::new(),
        (0, b) => words.with("place-more-below", &[("below", b.into())]),
        (a, 0) => words.with("place-more-above", &[("above", a.into())]),
        (a, b) => words.with(
            "place-above-below",
            &[("above", a.into()), ("below", b.into())],
        ),
    };
    buf.set_string(
        inner.x,
        inner.bottom().saturating_sub(1),
        fit(&hint(&app.keymap, keys::REVIEW_HINT, ": ", app.words()), w),
        t.label,
    );
    border_note(buf, rect, &place, t.panel_title);
}
