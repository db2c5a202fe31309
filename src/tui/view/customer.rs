//! Customers on screen: the contact form (a new customer over the booking
//! form, or a customer's details edited on the customer screen) and the
//! customer screen (`K`): details, coming bookings, series, history,
//! invoices and notes, scrolled at 80×24.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::form::{centred, cover};
use super::keys::{self, hint};
use crate::domain::Booking;
use crate::domain::money::format_kr;
use crate::engine::worker::CustomerCard;
use crate::i18n::Words;
use crate::tui::app::{App, CustomerScreen};
use crate::tui::form::{CONTACT_FIELDS, ContactField, CustomerForm};
use crate::words::news;
use crate::words::text::{fit, pad, weekday_dm, width, wrap_fit};
use crate::words::values::contact_label;

const LABEL: usize = 9;
const NOTES_ROWS: u16 = 2;

/// The contact form in a box of its own over `area` (cleared first, so
/// nothing under it shows through).
pub fn contact_form(frame: &mut Frame, area: Rect, app: &App, f: &CustomerForm, keys_live: bool) {
    let t = &app.theme;
    let w = app.words();
    // As wide as what it lies over: nothing under it shows beside it.
    let rect = centred(area, area.width.saturating_sub(2).min(76), 12);
    frame.render_widget(Clear, rect);
    let title = match &f.editing {
        Some(c) => format!(
            " {} ",
            w.with("customer-edit-title", &[("id", c.id.into())])
        ),
        None => format!(" {} ", w.get("customer-new-title")),
    };
    let block = Block::bordered()
        .title(Span::styled(title, t.panel_title))
        .border_style(t.panel_border)
        .style(t.panel);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 9 || inner.width < 30 {
        return;
    }
    let input_w = ((inner.width as usize).saturating_sub(LABEL + 2) * 3 / 5).max(12);
    let x = inner.x + LABEL as u16 + 1;
    let hint_x = x + input_w as u16 + 1;
    let hint_w = inner.right().saturating_sub(hint_x) as usize;
    let mut cursor: Option<Position> = None;
    let mut y = inner.y;
    for field in CONTACT_FIELDS {
        let focused = f.focus == field;
        let buf = frame.buffer_mut();
        let label_style = if focused { t.footer_key } else { t.label };
        buf.set_string(
            inner.x,
            y,
            pad(&contact_label(w, field), LABEL),
            label_style,
        );
        if field == ContactField::Notes {
            let notes_area = Rect {
                x,
                y,
                width: inner.right().saturating_sub(x),
                height: NOTES_ROWS,
            };
            let mut notes = f.notes.clone();
            notes.set_style(t.base);
            notes.set_cursor_line_style(Style::default());
            notes.set_cursor_style(if focused && keys_live {
                t.selected
            } else {
                t.base
            });
            frame.render_widget(&notes, notes_area);
            y += NOTES_ROWS;
            continue;
        }
        let Some(input) = f.input(field) else {
            continue;
        };
        let style = if focused {
            t.base.patch(t.selected)
        } else {
            t.base
        };
        let text = input.text();
        let shown = if width(text) > input_w {
            let skip = text
                .chars()
                .count()
                .saturating_sub(input_w.saturating_sub(1));
            format!("…{}", text.chars().skip(skip).collect::<String>())
        } else {
            text.to_string()
        };
        buf.set_string(x, y, pad(&shown, input_w), style);
        if focused && input.selected() {
            let sel = style.add_modifier(Modifier::REVERSED);
            buf.set_string(x, y, fit(&shown, input_w), sel);
        }
        if focused && keys_live && f.lookalike.is_none() {
            let col = input.cursor_col().min(input_w.saturating_sub(1));
            cursor = Some(Position::new(x + col as u16, y));
        }
        let (h, hs) = match f.check(field, w) {
            Ok(h) => (h, t.label),
            Err(e) if input.text().trim().is_empty() && field != ContactField::Name => (e, t.label),
            Err(_) if input.text().trim().is_empty() => (w.get("customer-required"), t.label),
            Err(e) => (format!("✗ {e}"), t.status_error),
        };
        buf.set_string(hint_x, y, fit(&h, hint_w), hs);
        y += 1;
    }
    // The focused field's complaint in full, then the question or the keys.
    let footer_y = inner.bottom() - 1;
    let km = &app.keymap;
    let buf = frame.buffer_mut();
    let full_w = inner.width as usize;
    if let Some(l) = &f.lookalike {
        let question = Rect {
            x: inner.x,
            y: footer_y - 2,
            width: inner.width,
            height: 2,
        };
        frame.render_widget(
            Paragraph::new(news::lookalike_question(w, l))
                .style(t.warning)
                .wrap(Wrap { trim: true }),
            question,
        );
        let buf = frame.buffer_mut();
        buf.set_string(
            inner.x,
            footer_y,
            fit(&hint(km, keys::DUPLICATE_HINT, ": ", app.words()), full_w),
            t.warning,
        );
    } else {
        let complaint = f.error.clone().or_else(|| {
            f.check(f.focus, w).err().filter(|_| {
                f.input(f.focus)
                    .is_some_and(|i| !i.text().trim().is_empty())
            })
        });
        if let Some(e) = complaint {
            // Two lines above the keys when it needs them, under the notes.
            let lines = wrap_fit(&e, full_w, 2);
            let top = footer_y - lines.len() as u16;
            for (i, line) in lines.iter().enumerate() {
                buf.set_string(inner.x, top + i as u16, pad(line, full_w), t.status_error);
            }
        }
        let (text, style) = if f.saving {
            (w.get("customer-saving"), t.label)
        } else {
            (hint(km, keys::CONTACT_HINT, ": ", app.words()), t.label)
        };
        buf.set_string(inner.x, footer_y, fit(&text, full_w), style);
    }
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}

/// The cleaner of a booking or series, by name: `unassigned` when none.
fn staff_name(w: Words, card: &CustomerCard, id: Option<i64>) -> String {
    id.and_then(|id| card.staff.get(&id))
        .cloned()
        .unwrap_or_else(|| w.get("customer-unassigned"))
}

/// A booking as one line of the card: "fre 11/12 09:00–12:00 Fast
/// rengøring · Anna Jensen".
fn booking_line(app: &App, card: &CustomerCard, b: &Booking) -> String {
    let w = app.words();
    let tz = app.settings.tz;
    let local = tz.local(b.start);
    let staff = staff_name(w, card, b.staff_id);
    let status = match b.status {
        crate::domain::BookingStatus::Cancelled => format!(" {}", w.get("customer-cancelled")),
        _ => String::new(),
    };
    format!(
        "{} {}–{} {} · {staff}{status}",
        weekday_dm(w, local.date_naive()),
        tz.hm(b.start),
        tz.hm(b.end),
        b.service,
    )
}

/// Notes as lines of their own; blank lines dropped.
fn note_lines(notes: &str) -> impl Iterator<Item = &str> {
    notes.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The card's lines, top to bottom.
fn card_lines<'a>(app: &App, card: &'a CustomerCard) -> Vec<Line<'a>> {
    let t = &app.theme;
    let w = app.words();
    let c = &card.customer;
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(pad(label, LABEL), t.label),
            Span::styled(
                if value.is_empty() {
                    "–".into()
                } else {
                    value
                },
                t.panel,
            ),
        ])
    };
    let heading = |text: String| Line::styled(text, t.panel_title);
    let mut lines = vec![
        Line::styled(c.name.clone(), t.footer_key),
        field(
            &contact_label(w, ContactField::Phone),
            news::phone_words(&c.phone),
        ),
        field(&contact_label(w, ContactField::Email), c.email.clone()),
        field(&contact_label(w, ContactField::Address), c.address.clone()),
    ];
    let notes_label = contact_label(w, ContactField::Notes);
    let mut notes = note_lines(&c.notes);
    match notes.next() {
        None => lines.push(field(&notes_label, String::new())),
        Some(first) => {
            lines.push(field(&notes_label, first.to_string()));
            lines.extend(notes.map(|n| field("", n.to_string())));
        }
    }
    lines.push(heading(
        w.with("customer-next", &[("n", card.next.len().into())]),
    ));
    if card.next.is_empty() {
        lines.push(Line::styled(
            format!("  {}", w.get("customer-none-booked")),
            t.label,
        ));
    }
    for b in &card.next {
        lines.push(Line::styled(
            format!("  {}", booking_line(app, card, b)),
            t.panel,
        ));
    }
    lines.push(heading(
        w.with("customer-series", &[("n", card.series.len().into())]),
    ));
    if card.series.is_empty() {
        lines.push(Line::styled(
            format!("  {}", w.get("customer-no-series")),
            t.label,
        ));
    }
    for s in &card.series {
        let staff = staff_name(w, card, s.staff_id);
        lines.push(Line::styled(
            format!(
                "  ↻ {} · {} · {staff}",
                crate::words::values::series(w, s),
                s.service
            ),
            t.panel,
        ));
    }
    lines.push(heading(
        w.with("customer-history", &[("n", card.past.len().into())]),
    ));
    if card.past.is_empty() {
        lines.push(Line::styled(
            format!("  {}", w.get("customer-no-history")),
            t.label,
        ));
    }
    for b in &card.past {
        lines.push(Line::styled(
            format!("  {}", booking_line(app, card, b)),
            t.panel,
        ));
    }
    lines.push(heading(
        w.with("customer-invoices", &[("n", card.invoices.len().into())]),
    ));
    if card.invoices.is_empty() {
        lines.push(Line::styled(
            format!("  {}", w.get("customer-no-invoices")),
            t.label,
        ));
    }
    let today = app.today();
    for i in &card.invoices {
        lines.push(Line::styled(
            format!(
                "  {} · {} · {} · {}",
                i.number_text(),
                i.entry_date.format("%-d/%-m/%Y"),
                format_kr(i.gross_ore),
                w.with(
                    "payment-state",
                    &[("state", i.payment(today).as_str().into())]
                )
            ),
            t.panel,
        ));
    }
    lines
}

/// The customer screen over the schedule.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, s: &CustomerScreen) {
    let t = &app.theme;
    let w = app.words();
    let rect = centred(area, 78, area.height.saturating_sub(2).max(12));
    cover(frame, area, rect, t.base);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", w.with("customer-title", &[("id", s.id.into())])),
            t.panel_title,
        ))
        .border_style(t.panel_border)
        .style(t.panel);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 3 {
        return;
    }
    let body = Rect {
        height: inner.height - 1,
        ..inner
    };
    match &s.card {
        None => frame.render_widget(
            Paragraph::new(Line::styled(w.get("screen-loading"), t.label)),
            body,
        ),
        Some(card) => {
            let lines = card_lines(app, card);
            let room = body.height as usize;
            let top = s.scroll.min(lines.len().saturating_sub(room));
            let more = lines.len() > top + room;
            let shown: Vec<Line> = lines.into_iter().skip(top).take(room).collect();
            frame.render_widget(Paragraph::new(shown), body);
            if more || top > 0 {
                let mark = w.get(if more {
                    "customer-scroll-more"
                } else {
                    "customer-scroll-top"
                });
                let buf = frame.buffer_mut();
                let x = inner.right().saturating_sub(width(&mark) as u16);
                buf.set_string(x, inner.y, mark, t.label);
            }
        }
    }
    let footer = fit(
        &hint(&app.keymap, keys::CUSTOMER_HINT, ": ", app.words()),
        inner.width as usize,
    );
    frame
        .buffer_mut()
        .set_string(inner.x, inner.bottom() - 1, footer, t.label);
    if let Some(e) = &s.edit {
        contact_form(frame, area, app, e, true);
    }
}
