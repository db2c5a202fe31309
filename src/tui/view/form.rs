//! The booking form over the schedule: one row per field with what the
//! field understood beside it, the notes box, the next dates of a repeat,
//! the clash preview, the review verdict, and the questions the save may
//! ask (weekday, override reason).

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::keys::{self, hint};
use crate::domain::ConflictKind;
use crate::domain::series::nth_of_month;
use crate::i18n::{Arg, Words};
use crate::tui::app::{App, FormState, FormStep, Mode};
use crate::tui::form::{BookingForm, FIELDS, Field, FormContext, Preset};
use crate::words::news;
use crate::words::text::{decimal, fit, pad, weekday_long, width, wrap_fit};
use crate::words::values;

const LABEL: usize = 10;
const NOTES_ROWS: u16 = 2;

/// On the customer field when nobody matches what is typed: "no customer
/// 'X' — ctrl-n new".
fn nobody_found(f: &BookingForm, ctx: &FormContext) -> Option<String> {
    let open = f.focus == Field::Customer
        && f.customer_id.is_none()
        && f.hits.is_empty()
        && ctx.customers.is_some()
        && !f.customer.text().trim().is_empty();
    open.then(|| f.check(Field::Customer, ctx).err()).flatten()
}

/// The focused field's refusal when its hint column cuts it: the bottom
/// line shows it whole.
fn cut_refusal(f: &BookingForm, ctx: &FormContext, hint_w: usize) -> Option<String> {
    let typed = f.input(f.focus).is_some_and(|i| !i.text().is_empty());
    if f.focus == Field::Customer || !typed {
        return None;
    }
    f.check(f.focus, ctx)
        .err()
        .filter(|e| width(&format!("✗ {e}")) > hint_w)
}

/// What the Repeats field's keys write for `preset` from a first visit on
/// `first`: words the repeat parser reads back as its rule ("every 2
/// weeks", "monthly, 3rd Friday"; "hver 2. uge", "månedlig, 3. fredag").
pub fn preset_words(w: Words, preset: Preset, first: NaiveDate) -> String {
    match preset {
        Preset::None => w.get("form-preset-none"),
        Preset::Weeks(1) => w.get("form-preset-weekly"),
        Preset::Weeks(n) => w.with("form-preset-weeks", &[("n", n.into())]),
        Preset::Monthly => {
            let nth: Arg = match nth_of_month(first) {
                n @ 1..=4 => n.into(),
                _ => "last".into(),
            };
            w.with(
                "form-preset-monthly",
                &[
                    ("nth", nth),
                    ("weekday", weekday_long(w, first.weekday()).into()),
                ],
            )
        }
    }
}

/// Clears the rows of `rect` across the whole width of `area`, so nothing
/// under an overlay shows beside it.
pub fn cover(frame: &mut Frame, area: Rect, rect: Rect, style: Style) {
    let rows = Rect {
        x: area.x,
        width: area.width,
        ..rect
    };
    frame.render_widget(Clear, rows);
    frame.render_widget(Block::new().style(style), rows);
}

/// A rectangle centred in `area`.
pub fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fs: &FormState) {
    let t = &app.theme;
    let f = &fs.form;
    let ctx = FormContext {
        today: app.today(),
        tz: app.settings.tz,
        staff: app.plan.as_ref().map_or(&[][..], |p| &p.staff[..]),
        customers: app.customers.as_ref(),
        keys: &app.keymap,
        words: app.words(),
    };
    let words = app.words();
    let rect = centred(area, 78, 22);
    cover(frame, area, rect, t.base);
    let block = Block::bordered()
        .title(Span::styled(f.title(words), t.panel_title))
        .border_style(t.panel_border)
        .style(t.panel);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 12 || inner.width < 40 {
        return;
    }
    let input_w = ((inner.width as usize).saturating_sub(LABEL + 2) * 11 / 20).max(12);
    let hint_x = inner.x + (LABEL + 1 + input_w + 1) as u16;
    let hint_w = inner.right().saturating_sub(hint_x) as usize;
    let buf = frame.buffer_mut();
    let mut y = inner.y;
    let mut cursor: Option<Position> = None;
    for field in FIELDS {
        let focused = f.focus == field;
        let label_style = if focused { t.footer_key } else { t.label };
        buf.set_string(inner.x, y, pad(&field.label(words), LABEL), label_style);
        let x = inner.x + LABEL as u16 + 1;
        if field == Field::Notes {
            let area = Rect {
                x,
                y,
                width: (inner.right() - x).min(input_w as u16 + 1 + hint_w as u16),
                height: NOTES_ROWS,
            };
            let mut notes = f.notes.clone();
            notes.set_style(t.base);
            notes.set_cursor_line_style(Style::default());
            notes.set_cursor_style(if focused { t.selected } else { t.base });
            frame.render_widget(&notes, area);
            y += NOTES_ROWS;
            break;
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
            // Keep the end (where one types) in view.
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
            // The selection the first key replaces.
            let sel = style.add_modifier(Modifier::REVERSED);
            buf.set_string(x, y, fit(&shown, input_w), sel);
        }
        if focused
            && matches!(
                fs.step,
                FormStep::Editing | FormStep::SaveWhenLoaded | FormStep::Saving
            )
        {
            let col = input.cursor_col().min(input_w.saturating_sub(1));
            cursor = Some(Position::new(x + col as u16, y));
        }
        let (hint, hint_style) = match f.check(field, &ctx) {
            Ok(h) if h.starts_with('!') => (h, t.warning),
            Ok(h) => (h, t.label),
            Err(e) if field == Field::Customer && f.searching() => (e, t.label),
            Err(e) if input.text().is_empty() && field != Field::Customer => (e, t.label),
            Err(e) => (format!("✗ {e}"), t.status_error),
        };
        buf.set_string(hint_x, y, fit(&hint, hint_w), hint_style);
        y += 1;
    }
    // What the booking would cause.
    let mut lines: Vec<Line> = Vec::new();
    if !fs.preview.next.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("↻ {} ", words.get("form-next")), t.label),
            Span::styled(news::next_dates(app.words(), &fs.preview.next), t.panel),
        ]));
    }
    if fs.preview.loading {
        lines.push(Line::styled(words.get("form-checking"), t.label));
    }
    for c in &fs.preview.clashes {
        let text = values::conflict(words, c);
        let style = if c.kind == ConflictKind::DoubleBooking {
            t.clash
        } else {
            t.warning
        };
        lines.push(Line::from(vec![
            Span::styled("!", style),
            Span::styled(format!(" {text}"), t.panel),
        ]));
    }
    if let Some(a) = &fs.preview.assessment {
        if a.needs_review() {
            lines.push(Line::from(vec![
                Span::styled("?", t.warning),
                Span::styled(
                    format!(
                        " {}",
                        words.with(
                            "form-goes-to-review",
                            &[
                                (
                                    "confidence",
                                    decimal(words, f64::from(a.confidence), 2).into(),
                                ),
                                ("why", values::doubts(words, &a.reasons).into()),
                            ],
                        )
                    ),
                    t.panel,
                ),
            ]));
        } else if !a.reasons.is_empty() {
            lines.push(Line::styled(
                words.with(
                    "form-note",
                    &[("why", values::doubts(words, &a.reasons).into())],
                ),
                t.label,
            ));
        }
    }
    if lines.is_empty() && fs.preview.assessment.is_some() {
        lines.push(Line::styled(
            format!("✓ {}", words.get("form-no-clashes")),
            t.meter_ok,
        ));
    }
    if let Some(m) = &f.memory {
        let staff = |id: i64| {
            app.plan
                .as_ref()
                .and_then(|p| p.staff_by_id(id))
                .map(|s| s.name.clone())
        };
        lines.push(Line::styled(
            words.with(
                "form-customer-memory",
                &[(
                    "summary",
                    values::memory(words, m, &staff, app.settings.tz).into(),
                )],
            ),
            t.label,
        ));
    }
    let footer_y = inner.bottom() - 1;
    let info = Rect {
        x: inner.x,
        y: y + 1,
        width: inner.width,
        height: footer_y.saturating_sub(y + 1),
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), info);
    let buf = frame.buffer_mut();
    // The bottom line: an error, a question, or the keys.
    let km = &app.keymap;
    let (text, style) = if let FormStep::Reason(r) = &fs.step {
        let q = format!("{} ", words.get("form-book-anyway"));
        buf.set_string(inner.x, footer_y, &q, t.warning);
        let x = inner.x + width(&q) as u16;
        let w = inner.right().saturating_sub(x) as usize;
        buf.set_string(x, footer_y, pad(r.text(), w), t.base.patch(t.selected));
        cursor = Some(Position::new(
            x + r.cursor_col().min(w.saturating_sub(1)) as u16,
            footer_y,
        ));
        if let Some(e) = &f.error {
            buf.set_string(
                inner.x,
                footer_y - 1,
                fit(e, inner.width as usize),
                t.status_error,
            );
        }
        (String::new(), t.label)
    } else if fs.step == FormStep::Weekday {
        let m = f
            .parsed_date(&ctx)
            .ok()
            .and_then(|d| crate::words::text::date_mismatch(app.words(), &d))
            .unwrap_or_default();
        buf.set_string(
            inner.x,
            footer_y - 1,
            fit(&format!("! {m}"), inner.width as usize),
            t.warning,
        );
        (hint(km, keys::WEEKDAY_HINT, ": ", app.words()), t.warning)
    } else if let Some(e) = &f.error {
        (e.clone(), t.status_error)
    } else if matches!(fs.step, FormStep::Saving | FormStep::SaveWhenLoaded) {
        (words.get("form-saving"), t.label)
    } else if f.searching() {
        (hint(km, keys::SEARCH_HINT, " ", app.words()), t.label)
    } else if let Some(e) = nobody_found(f, &ctx) {
        (e, t.warning)
    } else if let Some(e) = cut_refusal(f, &ctx, hint_w) {
        (e, t.status_error)
    } else if f.focus == Field::Repeats && f.editing.is_none() {
        (hint(km, keys::REPEATS_HINT, ": ", words), t.label)
    } else if f.focus == Field::Ends && f.repeats() {
        let keys = hint(km, keys::ENDS_HINT, ": ", words);
        (
            words.with("form-ends-keys", &[("keys", keys.into())]),
            t.label,
        )
    } else {
        (hint(km, keys::FORM_HINT, ": ", app.words()), t.label)
    };
    if !text.is_empty() {
        // Two lines when it needs them: a refusal is read whole.
        let full = inner.width as usize;
        let lines = wrap_fit(&text, full, 2);
        let top = footer_y + 1 - lines.len() as u16;
        for (i, line) in lines.iter().enumerate() {
            buf.set_string(inner.x, top + i as u16, pad(line, full), style);
        }
    }
    // The customer list: a box of its own over the fields below the
    // customer field, covering what it hides.
    if f.searching()
        && let Some(cs) = &app.customers
    {
        let list = Rect {
            x: inner.x,
            y: inner.y + 1,
            width: inner.width,
            height: (f.hits.len() as u16 + 2).min(inner.height.saturating_sub(1)),
        };
        frame.render_widget(Clear, list);
        let block = Block::bordered()
            .border_style(t.panel_border)
            .style(t.panel);
        let rows = block.inner(list);
        frame.render_widget(block, list);
        let buf = frame.buffer_mut();
        let w = rows.width as usize;
        for (i, hit) in f.hits.iter().enumerate().take(rows.height as usize) {
            let Some(c) = cs.by_id.get(&hit.id) else {
                continue;
            };
            let style = if i == f.hit {
                t.base.patch(t.selected)
            } else {
                t.base
            };
            let text = format!(" {} · {} · {}", c.name, c.address, c.phone);
            buf.set_string(rows.x, rows.y + i as u16, pad(&fit(&text, w), w), style);
        }
    }
    // A new customer being made: its form over this one, with the keys.
    if let Some(sub) = &fs.new_customer {
        let live = matches!(app.mode, Mode::Form(_));
        super::customer::contact_form(frame, rect, app, sub, live);
        return;
    }
    // Under the decision panel the form has no keys: no cursor then.
    if let Some(p) = cursor.filter(|_| matches!(app.mode, Mode::Form(_))) {
        frame.set_cursor_position(p);
    }
}
