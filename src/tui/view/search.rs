//! The search (`/`) over the schedule: what is typed, then the booking of
//! that number, the customers found (each with their next and last
//! booking) and the bookings whose notes match, and its keys.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::form::centred;
use super::keys;
use super::lists::frame_block;
use crate::engine::worker::FoundBooking;
use crate::tui::app::{App, FindNotice, FindRow, FindState};
use crate::words::text::weekday_dm;
use crate::words::text::{fit, pad, width, wrap_fit};

const INPUT: usize = 28;

/// `fre 27/11 09:00 Anna Jensen`.
fn when_who(app: &App, b: &FoundBooking) -> String {
    let tz = app.settings.tz;
    let who = staff_name(app, b);
    format!(
        "{} {} {who}",
        weekday_dm(app.words(), tz.local_date(b.start)),
        tz.hm(b.start)
    )
}

/// The booking's cleaner: `unassigned` when none.
fn staff_name(app: &App, b: &FoundBooking) -> String {
    b.staff
        .clone()
        .unwrap_or_else(|| app.words().get("customer-unassigned"))
}

/// `#47 fre 27/11 09:00–11:00 Søren Østergaard · Anna Jensen`.
fn booking_line(app: &App, b: &FoundBooking) -> String {
    let tz = app.settings.tz;
    let who = staff_name(app, b);
    let cancelled = if b.cancelled {
        format!(" · {}", app.words().get("search-cancelled"))
    } else {
        String::new()
    };
    format!(
        "#{} {} {}–{} {} · {who}{cancelled}",
        b.id,
        weekday_dm(app.words(), tz.local_date(b.start)),
        tz.hm(b.start),
        tz.hm(b.end),
        b.customer
    )
}

/// The lines of one row of the list.
fn row_lines(app: &App, fs: &FindState, row: &FindRow) -> Vec<String> {
    match row {
        FindRow::Number(b) => vec![booking_line(app, b)],
        FindRow::Customer { id, jobs } => {
            let c = app.customers.as_ref().and_then(|c| c.by_id.get(id));
            let w = app.words();
            let mut head = c.map_or_else(
                || w.with("search-customer-id", &[("id", (*id).into())]),
                |c| c.name.clone(),
            );
            for part in c
                .iter()
                .flat_map(|c| [&c.address, &c.phone])
                .filter(|p| !p.trim().is_empty())
            {
                head.push_str(" · ");
                head.push_str(part);
            }
            let jobs_line = match jobs {
                None if fs.failed.is_some() => format!("   {}", w.get("search-not-loaded")),
                None => format!("   {}", w.get("search-next-waiting")),
                Some(j) => match (&j.next, &j.last) {
                    (None, None) => format!("   {}", w.get("search-no-bookings")),
                    (next, last) => {
                        let mut parts = Vec::new();
                        if let Some(b) = next {
                            parts.push(w.with("search-next", &[("when", when_who(app, b).into())]));
                        } else {
                            parts.push(w.get("search-nothing-ahead"));
                        }
                        if let Some(b) = last {
                            parts.push(w.with("search-last", &[("when", when_who(app, b).into())]));
                        }
                        format!("   {}", parts.join(" · "))
                    }
                },
            };
            vec![head, jobs_line]
        }
        FindRow::Note(b) => {
            let notes = b
                .notes
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            let notes = app.words().with("search-notes", &[("notes", notes.into())]);
            vec![booking_line(app, b), format!("   {notes}")]
        }
    }
}

/// The line under the query: what was found, or why nothing.
fn summary(app: &App, fs: &FindState, rows: &[FindRow]) -> (String, bool) {
    let w = app.words();
    if let Some(FindNotice::NoBookings(id)) = fs.notice {
        let name = app
            .customers
            .as_ref()
            .and_then(|c| c.by_id.get(&id))
            .map_or_else(
                || w.with("search-customer-id", &[("id", id.into())]),
                |c| c.name.clone(),
            );
        return (
            w.with("search-nothing-to-go-to", &[("name", name.into())]),
            true,
        );
    }
    if let Some(e) = &fs.failed {
        return (format!("✗ {e}"), true);
    }
    if fs.input.text().trim().is_empty() {
        return (w.get("search-what-to-type"), false);
    }
    if !fs.has_customers() {
        return (w.get("search-loading-customers"), false);
    }
    if rows.is_empty() {
        let key = if fs.waiting {
            "search-looking"
        } else {
            "search-nothing-found"
        };
        return (w.get(key), false);
    }
    let customers = rows
        .iter()
        .filter(|r| matches!(r, FindRow::Customer { .. }))
        .count();
    let notes = rows
        .iter()
        .filter(|r| matches!(r, FindRow::Note(_)))
        .count();
    let mut parts = Vec::new();
    if rows.iter().any(|r| matches!(r, FindRow::Number(_))) {
        parts.push(w.get("search-found-number"));
    }
    if customers > 0 {
        parts.push(w.with("search-found-customers", &[("n", customers.into())]));
    }
    if notes > 0 {
        parts.push(w.with("search-found-notes", &[("n", notes.into())]));
    }
    (parts.join(", "), false)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fs: &FindState) {
    let t = &app.theme;
    let rect = centred(area, 78, 20);
    // Nothing under it shows beside it.
    super::form::cover(frame, area, rect, t.base);
    let words = app.words();
    let block = frame_block(app, format!(" {} ", words.get("search-title")));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height < 5 {
        return;
    }
    let w = inner.width as usize;
    let buf = frame.buffer_mut();
    let label = format!("{} ", words.get("search-label"));
    buf.set_string(inner.x, inner.y, &label, t.footer_key);
    let x = inner.x + width(&label) as u16;
    let input_w = INPUT.min(w.saturating_sub(width(&label)));
    buf.set_string(
        x,
        inner.y,
        pad(&fit(fs.input.text(), input_w), input_w),
        t.base.patch(t.selected),
    );
    let cursor = Position::new(
        x + fs.input.cursor_col().min(input_w.saturating_sub(1)) as u16,
        inner.y,
    );
    let rows = fs.rows();
    let (head, error) = summary(app, fs, &rows);
    let head_style = if error { t.status_error } else { t.label };
    // With no rows under it, the line has room to be read whole.
    let head_lines = if rows.is_empty() {
        wrap_fit(&head, w, 3)
    } else {
        vec![fit(&head, w)]
    };
    for (i, line) in head_lines.iter().enumerate() {
        buf.set_string(inner.x, inner.y + 1 + i as u16, line, head_style);
    }

    // The rows, as many as fit, the chosen one in view.
    let top = inner.y + 2;
    let room = inner.bottom().saturating_sub(1).saturating_sub(top) as usize;
    let lines: Vec<Vec<String>> = rows.iter().map(|r| row_lines(app, fs, r)).collect();
    let mut first = 0;
    while first < fs.cursor
        && lines[first..=fs.cursor.min(lines.len().saturating_sub(1))]
            .iter()
            .map(Vec::len)
            .sum::<usize>()
            > room
    {
        first += 1;
    }
    let mut y = top;
    for (i, row) in lines.iter().enumerate().skip(first) {
        if (y - top) as usize + row.len() > room {
            break;
        }
        let style: Style = if i == fs.cursor { t.selected } else { t.panel };
        for line in row {
            buf.set_string(inner.x, y, pad(&fit(line, w), w), style);
            y += 1;
        }
    }
    buf.set_string(
        inner.x,
        inner.bottom() - 1,
        fit(
            &keys::hint(&app.keymap, keys::FIND_HINT, ": ", app.words()),
            w,
        ),
        t.label,
    );
    frame.set_cursor_position(cursor);
}
