//! The slot finder over the schedule: its four fields with what each was
//! understood as, then the ranked slots with each cleaner's reason (or the
//! customer list while a customer is typed), and its keys.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::form::centred;
use super::keys;
use super::lists::frame_block;
use crate::domain::when::{DurationError, parse_duration};
use crate::i18n::Words;
use crate::tui::app::{
    App, FINDER_ROWS, FinderField, FinderGap, FinderList, FinderRow, FinderState, MAX_DAYS,
};
use crate::words::slots;
use crate::words::text::{duration, fit, pad, weekday_dm, wrap_fit};
use crate::words::values;

const LABEL: usize = 9;
const INPUT: usize = 16;

fn label(w: Words, f: FinderField) -> String {
    w.get(match f {
        FinderField::Duration => "finder-label-duration",
        FinderField::Service => "finder-label-service",
        FinderField::Customer => "finder-label-customer",
        FinderField::Days => "finder-label-days",
    })
}

/// What a field was understood as.
fn understood(app: &App, fs: &FinderState, f: FinderField) -> String {
    let text = fs.input(f).text().trim();
    let w = app.words();
    match f {
        FinderField::Duration => match parse_duration(text) {
            Ok(m) => format!("→ {}", duration(app.words(), i64::from(m))),
            Err(_) if text.is_empty() => w.get("finder-duration-example"),
            Err(e) => format!("✗ {}", values::duration_error(w, &e)),
        },
        FinderField::Service if text.is_empty() => w.get("finder-any-service"),
        FinderField::Service => String::new(),
        FinderField::Customer => match fs.customer_id {
            Some(_) => w.get("finder-usual-first"),
            None if text.is_empty() => w.get("finder-customer-optional"),
            None if fs.hits.is_empty() && app.customers.is_some() => w.get("finder-no-customer"),
            None => w.get("finder-choose-below"),
        },
        FinderField::Days if fs.days().is_none() => {
            format!(
                "✗ {}",
                w.with("finder-days-range", &[("max", MAX_DAYS.into())])
            )
        }
        FinderField::Days => {
            let from = weekday_dm(w, fs.first_day);
            let from = match fs.earliest {
                Some(t) => format!("{from} {}", t.format("%H:%M")),
                None => from,
            };
            w.with("finder-from", &[("from", from.into())])
        }
    }
}

/// `tir 8/12 08:00–11:00  Anna: usual cleaner, 22 of 30 h booked this week`.
fn row_text(app: &App, r: &FinderRow) -> String {
    let tz = app.settings.tz;
    format!(
        "{:<9} {}–{}  {}",
        weekday_dm(app.words(), tz.local_date(r.slot.start)),
        tz.hm(r.slot.start),
        tz.hm(r.slot.end),
        slots::ranked(app.words(), &r.name, &r.reason)
    )
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fs: &FinderState) {
    let t = &app.theme;
    let rect = centred(area, 78, 20);
    // Nothing under it shows beside it.
    super::form::cover(frame, area, rect, t.base);
    let words = app.words();
    let block = frame_block(app, format!(" {} ", words.get("finder-title")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 8 {
        return;
    }
    let w = inner.width as usize;
    let hint_x = inner.x + (LABEL + INPUT + 2) as u16;
    let hint_w = w.saturating_sub(LABEL + INPUT + 2);
    let mut cursor = None;
    let buf = frame.buffer_mut();
    for (i, f) in [
        FinderField::Duration,
        FinderField::Service,
        FinderField::Customer,
        FinderField::Days,
    ]
    .into_iter()
    .enumerate()
    {
        let y = inner.y + i as u16;
        let focused = fs.focus == f;
        let style = if focused { t.footer_key } else { t.label };
        buf.set_string(inner.x, y, pad(&label(words, f), LABEL), style);
        let input = fs.input(f);
        let x = inner.x + LABEL as u16 + 1;
        let field_style = if focused {
            t.base.patch(t.selected)
        } else {
            t.base
        };
        buf.set_string(x, y, pad(&fit(input.text(), INPUT), INPUT), field_style);
        if focused {
            let col = input.cursor_col().min(INPUT.saturating_sub(1));
            cursor = Some(Position::new(x + col as u16, y));
        }
        let said = understood(app, fs, f);
        let said_style = if said.starts_with('✗') {
            t.status_error
        } else {
            t.label
        };
        buf.set_string(hint_x, y, fit(&said, hint_w), said_style);
    }
    let list_y = inner.y + 5;
    let list_rows = inner.bottom().saturating_sub(1).saturating_sub(list_y) as usize;
    if fs.searching() {
        buf.set_string(inner.x, list_y - 1, words.get("finder-customers"), t.label);
        let by_id = app.customers.as_ref().map(|c| &c.by_id);
        for (i, h) in fs.hits.iter().take(list_rows).enumerate() {
            let name = by_id
                .and_then(|m| m.get(&h.id))
                .map_or(String::new(), |c| format!("{} · {}", c.name, c.address));
            let style = if i == fs.hit { t.selected } else { t.panel };
            buf.set_string(inner.x, list_y + i as u16, pad(&fit(&name, w), w), style);
        }
    } else {
        let head = match &fs.list {
            FinderList::Incomplete(FinderGap::Duration(DurationError::Empty)) => {
                words.get("finder-type-duration")
            }
            FinderList::Incomplete(FinderGap::Duration(e)) => {
                format!("✗ {}", values::duration_error(words, e))
            }
            FinderList::Incomplete(FinderGap::Days) => format!(
                "✗ {}",
                words.with("finder-days-range", &[("max", MAX_DAYS.into())])
            ),
            FinderList::Waiting => words.get("search-looking"),
            FinderList::Rows(rows) if rows.is_empty() => words.get("finder-no-slot"),
            FinderList::Rows(rows) if fs.no_history && rows.len() >= FINDER_ROWS => words.with(
                "finder-new-customer-best",
                &[
                    ("customer", fs.customer.text().trim().into()),
                    ("n", FINDER_ROWS.into()),
                ],
            ),
            FinderList::Rows(rows) if fs.no_history => words.with(
                "finder-new-customer-slots",
                &[
                    ("customer", fs.customer.text().trim().into()),
                    ("n", rows.len().into()),
                ],
            ),
            FinderList::Rows(rows) if rows.len() >= FINDER_ROWS => {
                words.with("finder-best", &[("n", FINDER_ROWS.into())])
            }
            FinderList::Rows(rows) => words.with("finder-slots", &[("n", rows.len().into())]),
            FinderList::Failed(e) => format!("✗ {e}"),
        };
        // A refusal is read whole: the list under it is empty then.
        let (lines, style) = match &fs.list {
            FinderList::Incomplete(FinderGap::Duration(DurationError::Empty)) => {
                (vec![fit(&head, w)], t.label)
            }
            FinderList::Incomplete(_) => (wrap_fit(&head, w, 2), t.status_error),
            _ => (vec![fit(&head, w)], t.label),
        };
        for (i, line) in lines.iter().enumerate() {
            buf.set_string(inner.x, list_y - 1 + i as u16, line, style);
        }
        if let FinderList::Rows(rows) = &fs.list {
            // Keep the chosen row in view.
            let first = fs.cursor.saturating_sub(list_rows.saturating_sub(1));
            for (i, r) in rows.iter().enumerate().skip(first).take(list_rows) {
                let y = list_y + (i - first) as u16;
                let style = if i == fs.cursor { t.selected } else { t.panel };
                buf.set_string(inner.x, y, pad(&fit(&row_text(app, r), w), w), style);
            }
        }
    }
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        fit(
            &keys::hint(&app.keymap, keys::FINDER_HINT, ": ", app.words()),
            w,
        ),
        t.label,
    );
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}
